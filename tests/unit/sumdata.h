/* sumdata.h - synthetic workforce datasets for the summary and benchmark
 * tests (built in C: no extract reader involved). Header-only helpers. */
#ifndef SUMDATA_H
#define SUMDATA_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "options.h"
#include "results.h"

typedef struct person {
    int sex;                 /* AUD_SEX_F / AUD_SEX_M */
    const char *category;
    int birth_year;          /* 0 = unknown */
    double base, allow, var, fte;
    int promoted, raised;    /* -1 missing */
} person;

static inline uint64_t sd_rand(uint64_t *s)
{
    *s ^= *s << 13; *s ^= *s >> 7; *s ^= *s << 17;
    return *s;
}

static inline double sd_unif(uint64_t *s)
{
    return (double)(sd_rand(s) >> 11) / 9007199254740992.0;
}

/* Append one person; ids and CNSS numbers are distinctive strings that the
 * privacy scan looks for in every written summary. */
static inline void sd_add(aud_dataset *d, const person *p)
{
    size_t r;
    if (aud_wf_append(d, &r) != AUD_OK) abort();
    aud_workforce *w = &d->wf;
    char id[64], cnss[32];
    snprintf(id, sizeof id, "MAT%06zu", r + 910000);
    snprintf(cnss, sizeof cnss, "1%08zu", r * 7919 + 12345);
    aud_strtab_intern(d->ids, id, strlen(id), &w->employee_id[r]);
    aud_strtab_intern(d->ids, cnss, strlen(cnss), &w->cnss[r]);
    w->input[r] = 0;
    w->line[r] = r + 2;
    w->sex[r] = (uint8_t)p->sex;
    w->base_pay[r] = p->base;
    w->allowances[r] = p->allow;
    w->variable_pay[r] = p->var;
    w->fte[r] = p->fte;
    if (p->birth_year) w->birth_date[r] = aud_days_from_civil(p->birth_year, 3, 14);
    w->hire_date[r] = aud_days_from_civil(2015, 6, 1);
    if (p->category) aud_dataset_intern(d, p->category, &w->category[r]);
    w->promoted[r] = (int8_t)p->promoted;
    w->raised[r] = (int8_t)p->raised;
}

static inline aud_dataset *sd_new(void)
{
    aud_dataset *d = aud_dataset_new();
    uint32_t in;
    if (!d || aud_dataset_add_input(d, "extract.csv", AUD_KIND_WORKFORCE, &in) != AUD_OK) abort();
    return d;
}

/* A random employer of n people with distinctive (non-round) pays. */
static inline aud_dataset *sd_random(uint64_t seed, size_t n, double women_pay_factor)
{
    static const char *const cats[] = {"Cadres", "Employes", "Ouvriers", "Techniciens", "Direction"};
    aud_dataset *d = sd_new();
    uint64_t s = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; i++) {
        person p = {0};
        p.sex = sd_unif(&s) < 0.42 ? AUD_SEX_F : AUD_SEX_M;
        size_t c = (size_t)(sd_unif(&s) * 4.2);
        p.category = cats[c > 4 ? 4 : c];
        p.birth_year = 1960 + (int)(sd_unif(&s) * 45);
        p.base = round((4000 + 30000 * pow(sd_unif(&s), 3) + 1500 * (double)c) * 100) / 100 + 0.37;
        if (p.sex == AUD_SEX_F) p.base = round(p.base * women_pay_factor * 100) / 100;
        p.allow = sd_unif(&s) < 0.5 ? round(sd_unif(&s) * 80000) / 100 : AUD_NA;
        p.var = sd_unif(&s) < 0.3 ? round(sd_unif(&s) * 2000000) / 100 : 0;
        p.fte = sd_unif(&s) < 0.85 ? 1.0 : 0.5;
        p.promoted = sd_unif(&s) < 0.1;
        p.raised = sd_unif(&s) < 0.4;
        sd_add(d, &p);
    }
    return d;
}

static inline void sd_options(aud_options *o, const char *employer, const char *sector, int min_cell)
{
    aud_options_defaults(o);
    o->employer = employer;
    o->sector = sector;
    o->region = "Casablanca-Settat";
    o->min_cell = min_cell;
    aud_options_parse_period(o, "2025", NULL);
    o->source_date_epoch = 1767225600;
}

#endif
