/* design.c - regression design (METRICS.md §4; Logib: methods.md §3.1). */
#include "design.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOGIB_CODES 128   /* int8 codes index the Logib level tables */

/* The per-row steps are expanded into the streaming functions that run
 * them for every row, a million times per audit. */
#if defined(__GNUC__)
#define ROW_INLINE inline __attribute__((always_inline))
#else
#define ROW_INLINE inline
#endif

const char *aud_block_name(aud_block b)
{
    static const char *const n[AUD_BLK__COUNT] = {
        "intercept", "female", "age", "seniority", "years_of_training", "years_of_service",
        "years_of_earning", "category", "grade", "education", "requirement_level",
        "professional_position",
    };
    return b < AUD_BLK__COUNT ? n[b] : "?";
}

double aud_logib_years_of_training(int code)
{
    static const double years[8] = {17, 15, 14, 15, 13, 12, 11, 7};
    return code >= 1 && code <= 8 ? years[code - 1] : NAN;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Most frequent weekly hours of the datalist; on a tie the highest (Logib). */
double aud_logib_mfww(const aud_dataset *d)
{
    const aud_workforce *w = &d->wf;
    size_t k = 0;
    double *v = malloc((w->n ? w->n : 1) * sizeof *v);
    if (!v) return NAN;
    for (size_t i = 0; i < w->n; i++)
        if (!AUD_IS_NA(w->weekly_hours[i])) v[k++] = w->weekly_hours[i];
    qsort(v, k, sizeof *v, cmp_double);
    double best = NAN;
    size_t best_n = 0;
    for (size_t i = 0; i < k;) {
        size_t j = i;
        while (j < k && v[j] == v[i]) j++;
        if (j - i >= best_n) { best_n = j - i; best = v[i]; }   /* >=: ascending, so ties go high */
        i = j;
    }
    free(v);
    return best;
}

aud_model aud_design_auto_model(const aud_dataset *d, aud_model requested)
{
    if (requested != AUD_MODEL_AUTO) return requested;
    bool logib = d->has_field[AUD_F_TRAINING_CODE] && d->has_field[AUD_F_REQUIREMENT_LEVEL] &&
                 d->has_field[AUD_F_PROFESSIONAL_POSITION];
    return logib ? AUD_MODEL_LOGIB : AUD_MODEL_STANDARD;
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Feb 29 inside [a, b] for dates less than a year apart, as the logib
 * package decides it (its shortcut for consecutive years included). */
static bool feb29_between(int32_t a, int32_t b)
{
    int y1, m1, d1, y2, m2, d2;
    aud_civil_from_days(a, &y1, &m1, &d1);
    aud_civil_from_days(b, &y2, &m2, &d2);
    if (y1 == y2) {
        if (!leap(y1)) return false;
        int32_t f = aud_days_from_civil(y1, 2, 29);
        return a <= f && b >= f;
    }
    if (m1 > 2) return m2 < 2 ? false : (m2 == 2 ? d2 == 29 : true);
    return leap(y1);
}

/* Excel YEARFRAC, basis 1 (actual/actual), rounded to 5 decimals: Logib's
 * years of service from an entry date. */
double aud_logib_yearfrac(int32_t a, int32_t b)
{
    if (a > b) { int32_t t = a; a = b; b = t; }
    if (a == b) return 0.0;
    int y1, m1, d1, y2, m2, d2;
    aud_civil_from_days(a, &y1, &m1, &d1);
    aud_civil_from_days(b, &y2, &m2, &d2);
    double x;
    bool within = y1 == y2 || (y1 + 1 == y2 && m1 * 100 + d1 >= m2 * 100 + d2);
    if (within) {
        double len = ((y1 == y2 && leap(y1)) || feb29_between(a, b)) ? 366.0 : 365.0;
        x = (double)(b - a) / len;
    } else {
        double years = y2 - y1 + 1;
        double days = aud_days_from_civil(y2 + 1, 1, 1) - aud_days_from_civil(y1, 1, 1);
        x = (double)(b - a) * (years / days);
    }
    return round(x * 1e5) / 1e5;
}

/* Logib's age and years of service: from dates as the package computes
 * them (age = reference year - birth year; service = YEARFRAC up to the
 * first day after the reference month), else the numbers given. */
static void logib_age_service(const aud_design *D, const aud_workforce *w, const aud_measures *m, size_t i,
                              double *age, double *yos)
{
    int y, mo, dd;
    *age = m->age[i] >= 0 ? m->age[i] : NAN;
    *yos = m->seniority[i] >= 0 ? m->seniority[i] : NAN;
    if (w->birth_date[i] != AUD_NO_DATE) {
        aud_civil_from_days(w->birth_date[i], &y, &mo, &dd);
        *age = D->ref_year - y;
    }
    if (w->hire_date[i] != AUD_NO_DATE && w->hire_date[i] <= D->ref_date)
        *yos = aud_logib_yearfrac(w->hire_date[i], D->ref_date);
}

static double na0(double x) { return AUD_IS_NA(x) ? 0.0 : x; }

/* Logib's standardized monthly salary at the modal weekly hours. */
static double logib_salary(const aud_design *D, const aud_workforce *w, size_t i)
{
    double mfww = D->mfww;
    /* Logib fills a missing weekly-hours value with the firm's usual full
     * time; the datalist carries no such setting, so the modal value stands in. */
    double wh = AUD_IS_NA(w->weekly_hours[i]) ? mfww : w->weekly_hours[i];
    double fte = wh * na0(w->activity_rate[i]) / (100.0 * mfww);
    if (fte == 0.0) fte = 12.0 * na0(w->paid_hours[i]) / (52.0 * mfww);
    double pay = na0(w->base_pay[i]) + na0(w->allowances[i]) + na0(w->thirteenth[i]) +
                 na0(w->special_payments[i]);
    double s = pay / fte;
    return isfinite(s) && s > 0 ? s : NAN;
}

static ROW_INLINE uint32_t cat_key(const aud_design *D, const aud_dataset *d, size_t c, size_t i)
{
    const aud_workforce *w = &d->wf;
    int code;
    switch (D->cat[c].block) {
    case AUD_BLK_CATEGORY: return w->category[i];
    case AUD_BLK_GRADE: return w->grade[i];
    case AUD_BLK_EDUCATION: return w->education[i];
    case AUD_BLK_REQUIREMENT: code = w->requirement_level[i]; break;
    case AUD_BLK_POSITION: code = w->professional_position[i]; break;
    default: return 0;
    }
    return code > 0 ? (uint32_t)code : 0;
}

static ROW_INLINE size_t level_of_row(const aud_design *D, const aud_dataset *d, size_t c, size_t i)
{
    uint32_t key = cat_key(D, d, c, i);
    if (key == 0 || key >= D->cat[c].nkeys || D->cat[c].level_of[key] == 0) return SIZE_MAX;
    return D->cat[c].level_of[key] - 1;
}

size_t aud_design_level(const aud_design *D, const aud_dataset *d, size_t c, size_t i)
{
    return level_of_row(D, d, c, i);
}

const char *aud_design_level_name(const aud_design *D, const aud_dataset *d, size_t c,
                                  size_t level, char *buf, size_t cap)
{
    uint32_t key = D->cat[c].key[level];
    if (D->model == AUD_MODEL_LOGIB) {
        snprintf(buf, cap, "%u", (unsigned)key);
        return buf;
    }
    return aud_dataset_str(d, key);
}

/* Candidate rows: who could enter before missing controls are looked at. */
static ROW_INLINE bool candidate(const aud_design *D, const aud_dataset *d, const aud_measures *m, size_t i)
{
    if (!m->in_pop[i]) return false;
    if (D->model == AUD_MODEL_LOGIB) {
        int pc = d->wf.population_code[i];
        return pc == -1 || pc == 1;    /* a missing code counts as 1 in Logib */
    }
    return m->nopay[i] == AUD_NOPAY_NONE && m->pay_fte[i] > 0 && isfinite(m->pay_fte[i]);
}

/* y and the continuous controls of a candidate row; false when one is missing.
 * y and c may be NULL when only the decision is wanted: the logarithm is a
 * good part of a row's cost, and whether a row is used never depends on it. */
static ROW_INLINE bool continuous(const aud_design *D, const aud_dataset *d, const aud_measures *m,
                       size_t i, double *y, double *c)
{
    const aud_workforce *w = &d->wf;
    if (D->model == AUD_MODEL_LOGIB) {
        double s = logib_salary(D, w, i);
        double yt = aud_logib_years_of_training(w->training_code[i]), age, yos;
        logib_age_service(D, w, m, i, &age, &yos);
        if (AUD_IS_NA(s) || AUD_IS_NA(yt) || isnan(age) || isnan(yos) || age < 0 || yos < 0) return false;
        double ye = fmax(age - yt - 6.0, 0.0);
        if (y) *y = log(s);
        if (c) { c[0] = yt; c[1] = yos; c[2] = ye; c[3] = ye * ye; }
        return true;
    }
    if (D->use_age && m->age[i] < 0) return false;
    if (D->use_seniority && m->seniority[i] < 0) return false;
    if (y) *y = log(m->pay_fte[i]);
    if (c) {
        double a = m->age[i], s = m->seniority[i];
        c[0] = a; c[1] = a * a; c[2] = s; c[3] = s * s;
    }
    return true;
}

static void setup_controls(aud_design *D, const aud_dataset *d, const aud_measures *m)
{
    const bool *h = d->has_field;
    if (D->model == AUD_MODEL_LOGIB) {
        int y, mo, dd;
        aud_civil_from_days(m->snapshot, &y, &mo, &dd);
        D->ref_year = y;
        D->ref_date = mo == 12 ? aud_days_from_civil(y + 1, 1, 1) : aud_days_from_civil(y, mo + 1, 1);
        D->cat[0].block = AUD_BLK_REQUIREMENT;
        D->cat[1].block = AUD_BLK_POSITION;
        D->ncat = 2;
        D->cat[0].nkeys = D->cat[1].nkeys = LOGIB_CODES;
        D->mfww = aud_logib_mfww(d);
        return;
    }
    D->use_age = h[AUD_F_AGE] || h[AUD_F_BIRTH_DATE];
    D->use_seniority = h[AUD_F_SENIORITY] || h[AUD_F_HIRE_DATE];
    uint32_t nk = aud_strtab_count(d->strings) + 1;
    if (h[AUD_F_CATEGORY]) D->cat[D->ncat++].block = AUD_BLK_CATEGORY;
    if (h[AUD_F_GRADE]) D->cat[D->ncat++].block = AUD_BLK_GRADE;
    if (h[AUD_F_EDUCATION]) D->cat[D->ncat++].block = AUD_BLK_EDUCATION;
    for (size_t c = 0; c < D->ncat; c++) D->cat[c].nkeys = nk;
}

void aud_design_free(aud_design *D)
{
    if (!D) return;
    for (size_t j = 0; D->names && j < D->p; j++) free(D->names[j]);
    free(D->names);
    free(D->block);
    for (size_t c = 0; c < AUD_DESIGN_MAXCAT; c++) {
        free(D->cat[c].level_of); free(D->cat[c].key);
        free(D->cat[c].count_f); free(D->cat[c].count_m);
    }
    memset(D, 0, sizeof *D);
}

typedef struct keyname { const char *s; uint32_t key; } keyname;

static int cmp_keyname(const void *a, const void *b)
{
    const keyname *x = a, *y = b;
    int c = strcmp(x->s, y->s);              /* strcmp orders by unsigned bytes */
    if (c) return c;
    return (x->key > y->key) - (x->key < y->key);
}

/* Turn per-key counts into sorted levels; *cf and *cm are per key on entry
 * and become per level. */
static aud_err make_levels(aud_design *D, const aud_dataset *d, aud_design_cat *C,
                           size_t **cf, size_t **cm)
{
    size_t n = 0;
    for (size_t k = 1; k < C->nkeys; k++) n += ((*cf)[k] + (*cm)[k]) > 0;
    keyname *kn = malloc((n ? n : 1) * sizeof *kn);
    C->level_of = calloc(C->nkeys, sizeof *C->level_of);
    C->key = malloc((n ? n : 1) * sizeof *C->key);
    C->count_f = malloc((n ? n : 1) * sizeof *C->count_f);
    C->count_m = malloc((n ? n : 1) * sizeof *C->count_m);
    if (!kn || !C->level_of || !C->key || !C->count_f || !C->count_m) { free(kn); return AUD_E_NOMEM; }
    size_t j = 0;
    for (size_t k = 1; k < C->nkeys; k++)
        if ((*cf)[k] + (*cm)[k] > 0) {
            kn[j].key = (uint32_t)k;
            kn[j].s = D->model == AUD_MODEL_LOGIB ? "" : aud_dataset_str(d, (uint32_t)k);
            j++;
        }
    qsort(kn, n, sizeof *kn, cmp_keyname);   /* Logib: equal names, so numeric key order */
    for (size_t l = 0; l < n; l++) {
        C->key[l] = kn[l].key;
        C->level_of[kn[l].key] = (uint32_t)(l + 1);
        C->count_f[l] = (*cf)[kn[l].key];
        C->count_m[l] = (*cm)[kn[l].key];
    }
    C->nlevels = n;
    /* Logib relevels to the highest code; otherwise the first level. */
    C->ref = (D->model == AUD_MODEL_LOGIB && n > 0) ? n - 1 : 0;
    free(kn);
    return AUD_OK;
}

static aud_err add_col(aud_design *D, size_t cap, aud_block b, const char *name, const char *level)
{
    if (D->p >= cap) return AUD_E_INTERNAL;
    size_t len = strlen(name) + (level ? strlen(level) + 1 : 0) + 1;
    char *s = malloc(len);
    if (!s) return AUD_E_NOMEM;
    if (level) snprintf(s, len, "%s=%s", name, level);
    else snprintf(s, len, "%s", name);
    D->names[D->p] = s;
    D->block[D->p] = (uint8_t)b;
    D->p++;
    return AUD_OK;
}

static aud_err make_columns(aud_design *D, const aud_dataset *d)
{
    size_t cap = 6;
    for (size_t c = 0; c < D->ncat; c++) cap += D->cat[c].nlevels;
    D->names = calloc(cap, sizeof *D->names);
    D->block = calloc(cap, sizeof *D->block);
    if (!D->names || !D->block) return AUD_E_NOMEM;
    AUD_TRY(add_col(D, cap, AUD_BLK_INTERCEPT, "intercept", NULL));
    AUD_TRY(add_col(D, cap, AUD_BLK_FEMALE, "female", NULL));
    if (D->model == AUD_MODEL_LOGIB) {
        AUD_TRY(add_col(D, cap, AUD_BLK_TRAINING, "years_of_training", NULL));
        AUD_TRY(add_col(D, cap, AUD_BLK_SERVICE, "years_of_service", NULL));
        AUD_TRY(add_col(D, cap, AUD_BLK_EXPERIENCE, "years_of_earning", NULL));
        AUD_TRY(add_col(D, cap, AUD_BLK_EXPERIENCE, "years_of_earning^2", NULL));
    } else {
        if (D->use_age) {
            AUD_TRY(add_col(D, cap, AUD_BLK_AGE, "age", NULL));
            AUD_TRY(add_col(D, cap, AUD_BLK_AGE, "age^2", NULL));
        }
        if (D->use_seniority) {
            AUD_TRY(add_col(D, cap, AUD_BLK_SENIORITY, "seniority", NULL));
            AUD_TRY(add_col(D, cap, AUD_BLK_SENIORITY, "seniority^2", NULL));
        }
    }
    for (size_t c = 0; c < D->ncat; c++) {
        aud_design_cat *C = &D->cat[c];
        C->first_col = D->p;
        for (size_t l = 0; l < C->nlevels; l++) {
            if (l == C->ref) continue;
            char buf[32];
            const char *lv = aud_design_level_name(D, d, c, l, buf, sizeof buf);
            AUD_TRY(add_col(D, cap, C->block, aud_block_name(C->block), lv));
        }
    }
    return AUD_OK;
}

/* One pass: count candidates, rows used, and the levels seen per sex. */
static aud_err scan(aud_design *D, const aud_dataset *d, const aud_measures *m,
                    size_t *cf[], size_t *cm[])
{
    const aud_workforce *w = &d->wf;
    for (size_t i = 0; i < w->n; i++) {
        if (!candidate(D, d, m, i)) continue;
        D->candidates++;
        bool ok = continuous(D, d, m, i, NULL, NULL);
        uint32_t keys[AUD_DESIGN_MAXCAT];
        for (size_t c = 0; ok && c < D->ncat; c++) {
            keys[c] = cat_key(D, d, c, i);
            if (keys[c] == 0 || keys[c] >= D->cat[c].nkeys) ok = false;
        }
        if (!ok) { D->excluded++; continue; }
        bool fem = w->sex[i] == AUD_SEX_F;
        D->rows++;
        if (fem) D->women++; else D->men++;
        for (size_t c = 0; c < D->ncat; c++) (fem ? cf : cm)[c][keys[c]]++;
    }
    return AUD_OK;
}

aud_err aud_design_build(aud_design *D, const aud_dataset *d, const aud_measures *m, aud_model model)
{
    memset(D, 0, sizeof *D);
    D->model = aud_design_auto_model(d, model);
    setup_controls(D, d, m);
    size_t *cf[AUD_DESIGN_MAXCAT] = {0}, *cm[AUD_DESIGN_MAXCAT] = {0};
    aud_err e = AUD_OK;
    for (size_t c = 0; c < D->ncat && e == AUD_OK; c++) {
        cf[c] = calloc(D->cat[c].nkeys, sizeof **cf);
        cm[c] = calloc(D->cat[c].nkeys, sizeof **cm);
        if (!cf[c] || !cm[c]) e = AUD_E_NOMEM;
    }
    if (e == AUD_OK) e = scan(D, d, m, cf, cm);
    for (size_t c = 0; c < D->ncat && e == AUD_OK; c++) e = make_levels(D, d, &D->cat[c], &cf[c], &cm[c]);
    if (e == AUD_OK) e = make_columns(D, d);
    for (size_t c = 0; c < D->ncat; c++) { free(cf[c]); free(cm[c]); }
    if (e != AUD_OK) aud_design_free(D);
    return e;
}

/* Dense columns from the continuous values; returns how many. */
static ROW_INLINE size_t put_dense(const aud_design *D, const aud_dataset *d, size_t i, const double *cv, double *x)
{
    size_t j = 0;
    x[j++] = 1.0;
    x[j++] = d->wf.sex[i] == AUD_SEX_F ? 1.0 : 0.0;
    if (D->model == AUD_MODEL_LOGIB) {
        for (int k = 0; k < 4; k++) x[j++] = cv[k];
    } else {
        if (D->use_age) { x[j++] = cv[0]; x[j++] = cv[1]; }
        if (D->use_seniority) { x[j++] = cv[2]; x[j++] = cv[3]; }
    }
    return j;
}

size_t aud_design_ndense(const aud_design *D)
{
    return D->ncat ? D->cat[0].first_col : D->p;
}

bool aud_design_dense(const aud_design *D, const aud_dataset *d, const aud_measures *m, size_t i,
                      double *x, double *y, size_t *lv)
{
    double cv[4];
    if (!candidate(D, d, m, i) || !continuous(D, d, m, i, y, cv)) return false;
    for (size_t c = 0; c < D->ncat; c++) {
        lv[c] = level_of_row(D, d, c, i);
        if (lv[c] == SIZE_MAX) return false;
    }
    (void)put_dense(D, d, i, cv, x);
    return true;
}

bool aud_design_row(const aud_design *D, const aud_dataset *d, const aud_measures *m,
                    size_t i, double *x, double *y)
{
    if (!candidate(D, d, m, i)) return false;
    double cv[4];
    if (!continuous(D, d, m, i, y, cv)) return false;
    size_t lv[AUD_DESIGN_MAXCAT] = {0};
    for (size_t c = 0; c < D->ncat; c++) {
        lv[c] = level_of_row(D, d, c, i);
        if (lv[c] == SIZE_MAX) return false;
    }
    size_t j = put_dense(D, d, i, cv, x);
    for (; j < D->p; j++) x[j] = 0.0;
    for (size_t c = 0; c < D->ncat; c++) {
        const aud_design_cat *C = &D->cat[c];
        if (lv[c] == C->ref) continue;
        x[C->first_col + (lv[c] < C->ref ? lv[c] : lv[c] - 1)] = 1.0;
    }
    return true;
}
