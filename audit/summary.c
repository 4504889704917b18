/* summary.c - SUMMARY.md: build the anonymised summary of one audit, merge
 * summaries, run the sector benchmark.
 *
 * Privacy rules applied here (docs/summary-format.md, "Privacy"):
 * - a (group, sex) row is shown on its own only when it has >= min_cell
 *   people and its paid people are 0 or >= min_cell; else it joins the
 *   "other" row of its sex; while an "other" row fails the same test, the
 *   smallest group still shown for that sex joins it too (so one odd person
 *   does not cost the summary its pay figures); only when every group of the
 *   sex is in "other" and it still fails are its people dropped, and left
 *   out of every table and histogram so that no table can be subtracted from
 *   another to isolate them;
 * - histograms are per sex over the whole employer, with the min_cell lowest
 *   and highest pays of a sex pooled into the bin of the min_cell-th one, so
 *   no bin reveals the pay of the best- or worst-paid person (with fewer
 *   than 2 min_cell - 1 people, everyone goes to the median's bin);
 * - employer-level pay-gap metrics are withheld when a sex has fewer than
 *   min_cell people with pay (they would be one person's pay in disguise),
 *   and every metric of pay, pay order or individual events is withheld
 *   when people were left out of the tables (the audit computed it on
 *   everyone: set against the tables' exact sums it would give them away).
 */
#include "summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchmark.h"
#include "benchmark_wb.h"
#include "json_out.h"
#include "measures.h"
#include "outfile.h"
#include "sumfmt.h"

/* pay_fte above this (MAD) cannot be a real salary and would not fit the
 * exact sums; such a row stops the summary with a message. */
#define PAY_MAX 1e13

typedef struct build {
    const aud_dataset *d;
    const aud_measures *m;
    int k;                       /* min_cell */
    uint8_t *kept;               /* person still in the tables */
    uint8_t *paid;               /* person has a usable pay_fte */
    int64_t *cents, *lnano;      /* per person exact units */
    size_t nkeys[AUD_SUM_NDIM];  /* distinct keys per dimension */
} build;

static size_t key_of(const build *b, aud_sum_dim dim, size_t i)
{
    if (dim == AUD_SUM_CATEGORY) return b->d->wf.category[i];          /* 0 = not given */
    int band = aud_age_band(b->m->age[i]);                            /* -1 = unknown */
    return band < 0 ? 0 : (size_t)band + 1;                            /* 0 = unknown */
}

static const char *key_name(const build *b, aud_sum_dim dim, size_t key)
{
    if (dim == AUD_SUM_CATEGORY) return key ? aud_dataset_str(b->d, (uint32_t)key) : "";
    return key ? aud_age_band_name((int)key - 1) : "";
}

static bool cell_ok(uint64_t hc, uint64_t paid, int k)
{
    return hc >= (uint64_t)k && (paid == 0 || paid >= (uint64_t)k);
}

/* Count kept people per (key, sex); ok[key*2+s] says whether the group stands alone. */
static aud_err group_status(const build *b, aud_sum_dim dim, uint8_t *ok)
{
    size_t nk = b->nkeys[dim];
    uint64_t *hc = calloc(nk * 2, sizeof *hc), *pd = calloc(nk * 2, sizeof *pd);
    if (!hc || !pd) { free(hc); free(pd); return AUD_E_NOMEM; }
    for (size_t i = 0; i < b->m->n; i++) {
        if (!b->kept[i]) continue;
        size_t c = key_of(b, dim, i) * 2 + (size_t)aud_sum_sex_index(b->d->wf.sex[i]);
        hc[c]++;
        pd[c] += b->paid[i];
    }
    for (size_t c = 0; c < nk * 2; c++) ok[c] = cell_ok(hc[c], pd[c], b->k);
    free(hc);
    free(pd);
    return AUD_OK;
}

/* Fold the smallest shown groups of a sex into its "other" row until that
 * row passes the test; returns the other row's final counts. hc/pd are the
 * per-(key, sex) counts of kept people. */
static void fold_into_other(const build *b, aud_sum_dim dim, uint8_t *ok, const uint64_t *hc,
                            const uint64_t *pd, int s, uint64_t *ohc, uint64_t *opd)
{
    size_t nk = b->nkeys[dim];
    *ohc = 0;
    *opd = 0;
    for (size_t key = 0; key < nk; key++)
        if (!ok[key * 2 + (size_t)s]) { *ohc += hc[key * 2 + (size_t)s]; *opd += pd[key * 2 + (size_t)s]; }
    while (*ohc > 0 && !cell_ok(*ohc, *opd, b->k)) {
        size_t best = nk;
        for (size_t key = 0; key < nk; key++) {   /* smallest shown group; ties: lowest key */
            size_t c = key * 2 + (size_t)s;
            if (ok[c] && (best == nk || hc[c] < hc[best * 2 + (size_t)s])) best = key;
        }
        if (best == nk) return;                   /* nothing left to fold */
        ok[best * 2 + (size_t)s] = 0;
        *ohc += hc[best * 2 + (size_t)s];
        *opd += pd[best * 2 + (size_t)s];
    }
}

/* Settle which groups stand alone, folding groups into "other" rows and, as
 * a last resort, dropping the people of an "other" row that stays too
 * small, in every dimension, until nothing changes (each pass only removes
 * people, so it ends). */
static aud_err settle(build *b, uint8_t *ok[AUD_SUM_NDIM])
{
    for (bool changed = true; changed;) {
        changed = false;
        for (int dim = 0; dim < AUD_SUM_NDIM; dim++) {
            AUD_TRY(group_status(b, (aud_sum_dim)dim, ok[dim]));
            size_t nk = b->nkeys[dim];
            uint64_t *hc = calloc(nk * 2, sizeof *hc), *pd = calloc(nk * 2, sizeof *pd);
            if (!hc || !pd) { free(hc); free(pd); return AUD_E_NOMEM; }
            for (size_t i = 0; i < b->m->n; i++) {
                if (!b->kept[i]) continue;
                size_t c = key_of(b, (aud_sum_dim)dim, i) * 2 + (size_t)aud_sum_sex_index(b->d->wf.sex[i]);
                hc[c]++;
                pd[c] += b->paid[i];
            }
            bool fails[2];
            for (int s = 0; s < 2; s++) {
                uint64_t ohc, opd;
                fold_into_other(b, (aud_sum_dim)dim, ok[dim], hc, pd, s, &ohc, &opd);
                fails[s] = ohc > 0 && !cell_ok(ohc, opd, b->k);
            }
            free(hc);
            free(pd);
            for (size_t i = 0; i < b->m->n; i++) {
                if (!b->kept[i]) continue;
                int s = aud_sum_sex_index(b->d->wf.sex[i]);
                if (ok[dim][key_of(b, (aud_sum_dim)dim, i) * 2 + (size_t)s] || !fails[s]) continue;
                b->kept[i] = 0;
                changed = true;
            }
        }
    }
    return AUD_OK;
}

static aud_err fill_tables(const build *b, uint8_t *ok[AUD_SUM_NDIM], aud_summary *s)
{
    const aud_workforce *w = &b->d->wf;
    for (size_t i = 0; i < b->m->n; i++) {
        if (!b->kept[i]) continue;
        int si = aud_sum_sex_index(w->sex[i]);
        for (int dim = 0; dim < AUD_SUM_NDIM; dim++) {
            size_t key = key_of(b, (aud_sum_dim)dim, i);
            const char *name = ok[dim][key * 2 + (size_t)si] ? key_name(b, (aud_sum_dim)dim, key) : NULL;
            aud_sum_row *r;
            AUD_TRY(aud_sum_table_row(&s->tables[dim], name, w->sex[i], &r));
            r->headcount++;
            r->var_recipients += b->m->variable[i] > 0;
            if (w->promoted[i] >= 0) { r->promotion_known++; r->promoted += w->promoted[i] > 0; }
            if (w->raised[i] >= 0) { r->raise_known++; r->raised += w->raised[i] > 0; }
            if (!b->paid[i]) continue;
            r->paid++;
            aud_i128 c = b->cents[i], l = b->lnano[i];
            r->pay_sum += c;
            r->pay_sumsq += c * c;
            r->ln_sum += l;
            r->ln_sumsq += l * l;
        }
    }
    return AUD_OK;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Per-sex histogram with the k lowest and k highest pays pooled into the bin
 * of the k-th lowest / highest one. */
static aud_err fill_hist(const build *b, aud_summary *s)
{
    for (int si = 0; si < 2; si++) {
        int sex = si ? AUD_SEX_M : AUD_SEX_F;
        size_t n = 0;
        for (size_t i = 0; i < b->m->n; i++) n += b->kept[i] && b->paid[i] && b->d->wf.sex[i] == sex;
        aud_sum_hist *h = &s->hist[si];
        if (n == 0) continue;
        if (n < (size_t)b->k) { h->omitted = n; continue; }
        double *v = malloc(n * sizeof *v);
        if (!v) return AUD_E_NOMEM;
        size_t j = 0;
        for (size_t i = 0; i < b->m->n; i++)
            if (b->kept[i] && b->paid[i] && b->d->wf.sex[i] == sex) v[j++] = b->m->pay_fte[i];
        qsort(v, n, sizeof *v, cmp_double);
        int lo = aud_sum_bin_of(v[b->k - 1]), hi = aud_sum_bin_of(v[n - (size_t)b->k]);
        /* Under 2k - 1 people the two tails overlap: everyone goes to the
         * bin of the (lower) median, itself a statistic of >= k people. */
        if (lo > hi) lo = hi = aud_sum_bin_of(v[(n - 1) / 2]);
        for (size_t t = 0; t < n; t++) {
            int bin = aud_sum_bin_of(v[t]);
            if (bin < lo) bin = lo;
            if (bin > hi) bin = hi;
            if (bin < 0) h->under++;
            else if (bin >= AUD_SUM_BINS) h->over++;
            else h->bins[bin]++;
        }
        free(v);
    }
    return AUD_OK;
}

static const char *size_band(size_t headcount)
{
    if (headcount < 50) return "<50";
    if (headcount < 250) return "50-249";
    if (headcount < 1000) return "250-999";
    return "1000+";
}

/* Metric ids whose value is built from the pay of each sex (or of each sex's
 * variable-pay recipients): withheld when that group is under min_cell. */
static bool has_prefix(const char *id, const char *const *pre, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strncmp(id, pre[i], strlen(pre[i]))) return true;
    return false;
}

static bool needs_paid(const char *id)
{
    static const char *const pre[] = {"pay_gap_", "base_gap_", "hourly_gap_", "oaxaca_", "adjusted_gap_"};
    return has_prefix(id, pre, sizeof pre / sizeof *pre);
}

/* Metrics of pay, pay order or individual events: computed by the audit on
 * everyone, they would give away the people left out of the tables when
 * compared with the tables' exact sums and counts. */
static bool person_sensitive(const char *id)
{
    static const char *const pre[] = {"pay_gap_", "base_gap_", "hourly_gap_", "variable_gap_",
                                      "variable_recipients_", "oaxaca_", "adjusted_gap_", "promotion_",
                                      "raise_", "quartile"};
    return has_prefix(id, pre, sizeof pre / sizeof *pre) || (!strncmp(id, "egapro_", 7) && strstr(id, "_result"));
}

static aud_err add_metrics(const build *b, const aud_results *r, const aud_summary *s, aud_sum_employer *e)
{
    uint64_t paid[2] = {0, 0}, recip[2] = {0, 0};
    for (size_t i = 0; i < b->m->n; i++) {
        int si = b->m->in_pop[i] ? aud_sum_sex_index(b->d->wf.sex[i]) : -1;
        if (si < 0) continue;
        paid[si] += b->m->nopay[i] == AUD_NOPAY_NONE;
        recip[si] += b->m->variable[i] > 0;
    }
    uint64_t k = (uint64_t)b->k;
    bool dropped = s->dropped[0] + s->dropped[1] > 0;
    for (size_t i = 0; r && i < r->nmetrics; i++) {
        const aud_metric *mt = &r->metrics[i];
        if (mt->v.type == AUD_V_STR || mt->v.type == AUD_V_SUPPRESSED) continue;
        bool withhold = (needs_paid(mt->id) && (paid[0] < k || paid[1] < k)) ||
                        (!strncmp(mt->id, "variable_gap_", 13) && (recip[0] < k || recip[1] < k)) ||
                        (dropped && person_sensitive(mt->id));
        AUD_TRY(aud_sum_employer_add_metric(e, mt->id, withhold ? NULL : &mt->v));
    }
    return AUD_OK;
}

static void default_name(const aud_dataset *d, char *buf, size_t len)
{
    const char *p = d->ninputs ? d->inputs[0].path : "employer";
    const char *slash = strrchr(p, '/');
    if (slash) p = slash + 1;
    snprintf(buf, len, "%s", p);
    char *dot = strrchr(buf, '.');
    if (dot && dot != buf) *dot = '\0';
}

/* Exact per-person units; false when a pay cannot be represented. */
static aud_err person_units(build *b, aud_diag *diag)
{
    for (size_t i = 0; i < b->m->n; i++) {
        double p = b->m->pay_fte[i];
        b->kept[i] = b->m->in_pop[i] && aud_sum_sex_index(b->d->wf.sex[i]) >= 0;
        b->paid[i] = b->kept[i] && b->m->nopay[i] == AUD_NOPAY_NONE && isfinite(p) && p >= 0.01;
        if (!b->paid[i]) continue;
        if (p > PAY_MAX) {
            const aud_workforce *w = &b->d->wf;
            return aud_diag_set(diag, AUD_E_VALUE, w->input[i] < b->d->ninputs ? b->d->inputs[w->input[i]].path : NULL,
                                w->line[i], "pay per full-time equivalent above 10^13 MAD cannot go into a summary");
        }
        b->cents[i] = llround(p * 100.0);
        b->lnano[i] = llround(log(p) * 1e9);
    }
    return AUD_OK;
}

static aud_err build_summary(build *b, const aud_options *o, const aud_results *r, aud_summary *s,
                             aud_diag *diag)
{
    AUD_TRY(person_units(b, diag));
    b->nkeys[AUD_SUM_CATEGORY] = (size_t)aud_strtab_count(b->d->strings) + 1;
    b->nkeys[AUD_SUM_AGE_BAND] = 5;
    uint8_t *ok[AUD_SUM_NDIM];
    ok[0] = calloc(b->nkeys[0], 2);
    ok[1] = calloc(b->nkeys[1], 2);
    aud_err e = ok[0] && ok[1] ? settle(b, ok) : AUD_E_NOMEM;
    if (e == AUD_OK) e = fill_tables(b, ok, s);
    free(ok[0]);
    free(ok[1]);
    AUD_TRY(e);
    AUD_TRY(fill_hist(b, s));
    for (size_t i = 0; i < b->m->n; i++) {
        int si = b->m->in_pop[i] ? aud_sum_sex_index(b->d->wf.sex[i]) : -1;
        if (si >= 0 && !b->kept[i]) s->dropped[si]++;
    }
    char fname[256], start[11], end[11];
    const char *name = o->employer;
    if (!name || !*name) {
        default_name(b->d, fname, sizeof fname);
        name = fname;
    }
    aud_format_date(o->period_start, start);
    aud_format_date(o->period_end, end);
    aud_sum_employer *emp;
    AUD_TRY(aud_summary_add_employer(s, name, o->sector, o->region, size_band(b->m->headcount), start, end,
                                     b->k, &emp));
    return add_metrics(b, r, s, emp);
}

aud_err aud_summary_build(const aud_dataset *d, const aud_options *o, const aud_results *r,
                          aud_summary **out, aud_diag *diag)
{
    *out = NULL;
    aud_measures m;
    aud_err e = aud_measures_compute(d, o, &m);
    if (e != AUD_OK) return aud_diag_set(diag, e, NULL, 0, "computing pay measures: %s", aud_strerror(e));
    size_t n = m.n ? m.n : 1;
    /* Each row publishes four moments (sums of pay, pay^2, ln pay, ln^2 pay):
     * with 4 people or fewer they could be solved for each pay, so a
     * summary never uses a threshold under 5, whatever --min-cell says. */
    build b = {.d = d, .m = &m, .k = o->min_cell > AUD_SUMMARY_MIN_CELL ? o->min_cell : AUD_SUMMARY_MIN_CELL};
    b.kept = calloc(n, 1);
    b.paid = calloc(n, 1);
    b.cents = calloc(n, sizeof *b.cents);
    b.lnano = calloc(n, sizeof *b.lnano);
    aud_summary *s = aud_summary_new();
    if (!b.kept || !b.paid || !b.cents || !b.lnano || !s) e = AUD_E_NOMEM;
    else e = build_summary(&b, o, r, s, diag);
    free(b.kept); free(b.paid); free(b.cents); free(b.lnano);
    aud_measures_free(&m);
    if (e != AUD_OK) {
        aud_summary_free(s);
        if (e == AUD_E_NOMEM) aud_diag_set(diag, e, NULL, 0, "out of memory while building the summary");
        return e;
    }
    *out = s;
    return AUD_OK;
}

aud_err aud_summary_write(const aud_dataset *d, const aud_options *o, const aud_results *r,
                          const char *path, aud_diag *diag)
{
    aud_summary *s;
    AUD_TRY(aud_summary_build(d, o, r, &s, diag));
    aud_err e = aud_summary_write_file(s, path, diag);
    aud_summary_free(s);
    return e;
}

static aud_err merge_one(void *ctx, size_t index, aud_summary *s, aud_diag *diag)
{
    (void)index;
    return aud_summary_merge(ctx, s, diag);
}

aud_err aud_summary_merge_files(const aud_options *o, const char *out, aud_diag *diag)
{
    aud_summary *acc = aud_summary_new();
    if (!acc) return AUD_E_NOMEM;
    aud_err e = aud_summary_read_many(o->files, o->nfiles, merge_one, acc, diag);
    if (e == AUD_OK) e = aud_summary_canonicalize(acc);
    if (e == AUD_OK) e = aud_summary_check_unique(acc, diag);
    if (e == AUD_OK) e = aud_summary_write_file(acc, out, diag);
    aud_summary_free(acc);
    return e;
}

aud_err aud_benchmark_run(const aud_options *o, aud_diag *diag)
{
    aud_bench *b;
    AUD_TRY(aud_bench_build(o->files, o->nfiles, o, &b, diag));
    aud_err e = AUD_OK;
    if (o->json) {
        json_t *root = aud_bench_to_json(b);
        e = aud_json_write_file(root, o->json, diag);
        json_decref(root);
    }
    if (e == AUD_OK) e = aud_benchmark_workbook_write(b, o, o->output ? o->output : "benchmark.xlsx", diag);
    aud_bench_free(b);
    return e;
}
