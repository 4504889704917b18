/* test_adjusted.c - METRICS.md §4/§5 end to end on datasets built in C,
 * checked against an independent long-double normal-equations fit. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adjusted.h"
#include "measures.h"

#define NEAR(a, b, tol) do { double a_ = (a), b_ = (b); \
    if (!(fabs(a_ - b_) <= (tol) * (1.0 + fabs(b_)))) \
        fail_msg("%s = %.17g, expected %.17g", #a, a_, b_); } while (0)

typedef struct emp { int female; int age, sen; int cat, grade; double lnpay; } emp;

static const char *const CATS[] = {"Cadre", "Employ\xc3\xa9", "Ouvrier", "Technicien"};   /* byte order */

static uint64_t lcg;
static double unif(void)
{
    lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(lcg >> 11) / 9007199254740992.0;
}

static void gen(emp *e, size_t n, uint64_t seed, double theta, double noise)
{
    static const double cat_eff[] = {0.6, 0.1, 0.0, 0.3};
    lcg = seed;
    for (size_t i = 0; i < n; i++) {
        e[i].female = unif() < 0.4;
        e[i].age = 20 + (int)(unif() * 41);
        int maxs = e[i].age - 18 < 30 ? e[i].age - 18 : 30;
        e[i].sen = (int)(unif() * (maxs + 1));
        e[i].cat = (int)(unif() * 4);
        if (e[i].female && e[i].cat == 0 && unif() < 0.5) e[i].cat = 1;
        e[i].grade = -1;
        e[i].lnpay = 9.0 + 0.03 * e[i].age - 0.0003 * e[i].age * e[i].age + 0.01 * e[i].sen +
                     cat_eff[e[i].cat] + theta * e[i].female + noise * (unif() - 0.5);
    }
}

/* cats: the level names to use (lets tests rename levels). */
static aud_dataset *build(const emp *e, size_t n, const char *const *cats, bool with_sen, double scale)
{
    aud_dataset *d = aud_dataset_new();
    assert_non_null(d);
    for (size_t i = 0; i < n; i++) {
        size_t r;
        assert_int_equal(aud_wf_append(d, &r), AUD_OK);
        d->wf.sex[r] = e[i].female ? AUD_SEX_F : AUD_SEX_M;
        d->wf.base_pay[r] = scale * exp(e[i].lnpay) / 12.0;
        d->wf.age[r] = (int16_t)e[i].age;
        if (with_sen) d->wf.seniority[r] = (int16_t)e[i].sen;
        if (cats) assert_int_equal(aud_dataset_intern(d, cats[e[i].cat], &d->wf.category[r]), AUD_OK);
        if (e[i].grade >= 0) {
            char g[16];
            snprintf(g, sizeof g, "G%d", e[i].grade);
            assert_int_equal(aud_dataset_intern(d, g, &d->wf.grade[r]), AUD_OK);
        }
    }
    d->has_field[AUD_F_SEX] = d->has_field[AUD_F_BASE_PAY] = d->has_field[AUD_F_AGE] = true;
    d->has_field[AUD_F_SENIORITY] = with_sen;
    d->has_field[AUD_F_CATEGORY] = cats != NULL;
    d->has_field[AUD_F_GRADE] = n > 0 && e[0].grade >= 0;
    return d;
}

static aud_results *run(const aud_dataset *d, aud_model model)
{
    aud_options o;
    aud_options_defaults(&o);
    o.model = model;
    aud_diag dg;
    assert_int_equal(aud_options_parse_period(&o, "2025", &dg), AUD_OK);
    aud_measures m;
    assert_int_equal(aud_measures_compute(d, &o, &m), AUD_OK);
    aud_results *r = aud_results_new();
    assert_non_null(r);
    assert_int_equal(aud_adjusted_compute(d, &m, &o, r), AUD_OK);
    aud_measures_free(&m);
    return r;
}

/* Independent fit: Gauss-Jordan on the normal equations in long double. */
typedef struct ref_fit { double beta[40], se[40], rss, tss; size_t n; } ref_fit;
static void ref_solve(const double *X, const double *y, size_t n, size_t p, ref_fit *f)
{
    size_t w = 2 * p + 1;
    static long double A[40 * 81];
    long double ys = 0, yy = 0;
    memset(A, 0, sizeof A);
    for (size_t i = 0; i < n; i++) {
        for (size_t a = 0; a < p; a++) {
            for (size_t b = 0; b < p; b++) A[a * w + b] += (long double)X[i * p + a] * X[i * p + b];
            A[a * w + 2 * p] += (long double)X[i * p + a] * y[i];
        }
        ys += y[i]; yy += (long double)y[i] * y[i];
    }
    for (size_t a = 0; a < p; a++) A[a * w + p + a] = 1;
    for (size_t c = 0; c < p; c++) {
        size_t pv = c;
        for (size_t r = c + 1; r < p; r++) if (fabsl(A[r * w + c]) > fabsl(A[pv * w + c])) pv = r;
        for (size_t k = 0; k < w; k++) { long double t = A[c * w + k]; A[c * w + k] = A[pv * w + k]; A[pv * w + k] = t; }
        long double dv = A[c * w + c];
        for (size_t k = 0; k < w; k++) A[c * w + k] /= dv;
        for (size_t r = 0; r < p; r++) {
            if (r == c) continue;
            long double fc = A[r * w + c];
            for (size_t k = 0; k < w; k++) A[r * w + k] -= fc * A[c * w + k];
        }
    }
    long double rss = 0;
    for (size_t i = 0; i < n; i++) {
        long double e = y[i];
        for (size_t a = 0; a < p; a++) e -= (long double)X[i * p + a] * A[a * w + 2 * p];
        rss += e * e;
    }
    f->n = n;
    f->rss = (double)rss;
    f->tss = (double)(yy - ys * ys / n);
    for (size_t a = 0; a < p; a++) {
        f->beta[a] = (double)A[a * w + 2 * p];
        f->se[a] = (double)sqrtl(rss / (long double)(n - p) * A[a * w + p + a]);
    }
}

/* Standard design row as METRICS.md §4 spells it, written out by hand. */
static size_t ref_row(const emp *e, bool female_col, bool with_sen, int ncat, double *x)
{
    size_t j = 0;
    x[j++] = 1;
    if (female_col) x[j++] = e->female;
    x[j++] = e->age; x[j++] = (double)e->age * e->age;
    if (with_sen) { x[j++] = e->sen; x[j++] = (double)e->sen * e->sen; }
    for (int c = 1; c < ncat; c++) x[j++] = e->cat == c;
    return j;
}

static void test_matches_independent_fit(void **state)
{
    (void)state;
    enum { N = 400 };
    emp e[N];
    gen(e, N, 1, -0.08, 0.3);
    aud_dataset *d = build(e, N, CATS, true, 1.0);
    aud_results *r = run(d, AUD_MODEL_AUTO);
    static double X[N * 16], y[N];
    size_t p = 0;
    for (size_t i = 0; i < N; i++) { p = ref_row(&e[i], true, true, 4, &X[i * 9]); y[i] = log(exp(e[i].lnpay) / 12.0 * 12.0); }
    ref_fit f;
    ref_solve(X, y, N, p, &f);
    assert_int_equal(p, 9);
    const aud_metric *mm = aud_results_get(r, "adjusted_gap_model");
    assert_non_null(mm);
    assert_string_equal(mm->v.str, "standard");
    NEAR(aud_results_num(r, "adjusted_gap_coef"), f.beta[1], 1e-9);
    NEAR(aud_results_num(r, "adjusted_gap_se"), f.se[1], 1e-8);
    NEAR(aud_results_num(r, "adjusted_gap_r2"), 1.0 - f.rss / f.tss, 1e-9);
    assert_true(aud_results_num(r, "adjusted_gap_df") == N - 9);
    assert_true(aud_results_num(r, "adjusted_gap_n") == N);
    double t = f.beta[1] / f.se[1];
    NEAR(aud_results_num(r, "adjusted_gap_t"), t, 1e-8);
    NEAR(aud_results_num(r, "adjusted_gap_pct"), 100.0 * (exp(f.beta[1] - f.se[1] * f.se[1] / 2) - 1), 1e-8);
    /* the coefficient table, in the documented column order */
    const aud_table *tb = aud_results_table(r, "regression_coefficients");
    assert_non_null(tb);
    assert_int_equal(tb->nrows, 9);
    static const char *const terms[] = {"intercept", "female", "age", "age^2", "seniority", "seniority^2",
                                        "category=Employ\xc3\xa9", "category=Ouvrier", "category=Technicien"};
    for (size_t j = 0; j < 9; j++) {
        assert_string_equal(aud_table_cell_c(tb, j, 0)->str, terms[j]);
        NEAR(aud_table_cell_c(tb, j, 1)->num, f.beta[j], 1e-8);
        assert_false(aud_table_cell_c(tb, j, 5)->b);
    }
    aud_results_free(r);
    aud_dataset_free(d);
}

/* A single control (age only, no seniority, no category). */
static void test_single_control(void **state)
{
    (void)state;
    enum { N = 120 };
    emp e[N];
    gen(e, N, 5, -0.05, 0.2);
    aud_dataset *d = build(e, N, NULL, false, 1.0);
    aud_results *r = run(d, AUD_MODEL_STANDARD);
    static double X[N * 4], y[N];
    for (size_t i = 0; i < N; i++) { ref_row(&e[i], true, false, 0, &X[i * 4]); y[i] = e[i].lnpay; }
    ref_fit f;
    ref_solve(X, y, N, 4, &f);
    NEAR(aud_results_num(r, "adjusted_gap_coef"), f.beta[1], 1e-9);
    NEAR(aud_results_num(r, "adjusted_gap_se"), f.se[1], 1e-8);
    assert_int_equal(aud_results_table(r, "regression_coefficients")->nrows, 4);
    aud_results_free(r);
    aud_dataset_free(d);
}

/* Pay exactly log-linear: θ̂ is the true -0.1 to rounding. */
static void test_perfect_fit(void **state)
{
    (void)state;
    enum { N = 100 };
    emp e[N];
    gen(e, N, 9, -0.1, 0.0);
    aud_dataset *d = build(e, N, CATS, true, 1.0);
    aud_results *r = run(d, AUD_MODEL_STANDARD);
    NEAR(aud_results_num(r, "adjusted_gap_coef"), -0.1, 1e-9);
    NEAR(aud_results_num(r, "adjusted_gap_r2"), 1.0, 1e-12);
    aud_results_free(r);
    aud_dataset_free(d);
}

/* Renaming levels changes the reference level; θ̂ must not move. Scaling
 * pay shifts the intercept by ln(scale) and nothing else. */
static void test_invariance(void **state)
{
    (void)state;
    enum { N = 300 };
    emp e[N];
    gen(e, N, 3, -0.07, 0.25);
    static const char *const renamed[] = {"zz", "aa", "mm", "bb"};
    aud_dataset *d1 = build(e, N, CATS, true, 1.0);
    aud_dataset *d2 = build(e, N, renamed, true, 1.0);
    aud_dataset *d3 = build(e, N, CATS, true, 1000.0);
    aud_results *r1 = run(d1, AUD_MODEL_STANDARD), *r2 = run(d2, AUD_MODEL_STANDARD), *r3 = run(d3, AUD_MODEL_STANDARD);
    NEAR(aud_results_num(r2, "adjusted_gap_coef"), aud_results_num(r1, "adjusted_gap_coef"), 1e-10);
    NEAR(aud_results_num(r2, "adjusted_gap_se"), aud_results_num(r1, "adjusted_gap_se"), 1e-9);
    NEAR(aud_results_num(r3, "adjusted_gap_coef"), aud_results_num(r1, "adjusted_gap_coef"), 1e-10);
    NEAR(aud_results_num(r3, "adjusted_gap_se"), aud_results_num(r1, "adjusted_gap_se"), 1e-9);
    const aud_table *t1 = aud_results_table(r1, "regression_coefficients");
    const aud_table *t3 = aud_results_table(r3, "regression_coefficients");
    NEAR(aud_table_cell_c(t3, 0, 1)->num, aud_table_cell_c(t1, 0, 1)->num + log(1000.0), 1e-10);
    for (size_t j = 1; j < t1->nrows; j++) NEAR(aud_table_cell_c(t3, j, 1)->num, aud_table_cell_c(t1, j, 1)->num, 1e-8);
    NEAR(aud_results_num(r2, "oaxaca_unexplained"), aud_results_num(r1, "oaxaca_unexplained"), 1e-10);
    NEAR(aud_results_num(r3, "oaxaca_explained"), aud_results_num(r1, "oaxaca_explained"), 1e-10);
    aud_results_free(r1); aud_results_free(r2); aud_results_free(r3);
    aud_dataset_free(d1); aud_dataset_free(d2); aud_dataset_free(d3);
}

/* grade duplicates category: its dummies are aliased, dropped, noted, and
 * θ̂ equals the fit without grade. */
static void test_collinear_dummies(void **state)
{
    (void)state;
    enum { N = 200 };
    emp e[N];
    gen(e, N, 11, -0.06, 0.2);
    aud_dataset *d0 = build(e, N, CATS, true, 1.0);
    for (size_t i = 0; i < N; i++) e[i].grade = e[i].cat;
    aud_dataset *d1 = build(e, N, CATS, true, 1.0);
    aud_results *r0 = run(d0, AUD_MODEL_STANDARD), *r1 = run(d1, AUD_MODEL_STANDARD);
    NEAR(aud_results_num(r1, "adjusted_gap_coef"), aud_results_num(r0, "adjusted_gap_coef"), 1e-9);
    NEAR(aud_results_num(r1, "adjusted_gap_se"), aud_results_num(r0, "adjusted_gap_se"), 1e-8);
    assert_true(aud_results_num(r1, "adjusted_gap_df") == aud_results_num(r0, "adjusted_gap_df"));
    const aud_table *t = aud_results_table(r1, "regression_coefficients");
    assert_int_equal(t->nrows, 12);
    for (size_t j = 9; j < 12; j++) {
        assert_true(aud_table_cell_c(t, j, 5)->b);
        assert_int_equal(aud_table_cell_c(t, j, 1)->type, AUD_V_NULL);
    }
    int found = 0;
    for (size_t k = 0; k < r1->nnotes; k++)
        if (!strcmp(r1->notes[k].id, "adjusted_gap_dropped_columns") && r1->notes[k].v.str &&
            strstr(r1->notes[k].v.str, "grade=G1")) found = 1;
    assert_true(found);
    NEAR(aud_results_num(r1, "oaxaca_unexplained"), aud_results_num(r0, "oaxaca_unexplained"), 1e-9);
    aud_results_free(r0); aud_results_free(r1);
    aud_dataset_free(d0); aud_dataset_free(d1);
}

/* One woman: below the standard model's minimum, every figure null. */
static void test_one_woman(void **state)
{
    (void)state;
    enum { N = 60 };
    emp e[N];
    gen(e, N, 2, -0.1, 0.2);
    for (size_t i = 0; i < N; i++) e[i].female = i == 7;
    aud_dataset *d = build(e, N, CATS, true, 1.0);
    aud_results *r = run(d, AUD_MODEL_STANDARD);
    const aud_metric *c = aud_results_get(r, "adjusted_gap_coef");
    assert_non_null(c);
    assert_int_equal(c->v.type, AUD_V_NULL);
    assert_string_equal(c->reason, "too_few_women_or_men");
    assert_int_equal(aud_results_get(r, "oaxaca_gap")->v.type, AUD_V_NULL);
    assert_true(aud_results_num(r, "adjusted_gap_n") == N);
    assert_null(aud_results_table(r, "regression_coefficients"));
    aud_results_free(r);
    aud_dataset_free(d);
}

/* Too few rows and a row with a missing control (counted, left out). */
static void test_missing_control_and_small(void **state)
{
    (void)state;
    enum { N = 40 };
    emp e[N];
    gen(e, N, 4, -0.1, 0.2);
    aud_dataset *d = build(e, N, CATS, true, 1.0);
    d->wf.age[3] = -1;
    d->wf.category[5] = 0;
    for (size_t i = 10; i < 20; i++) d->wf.seniority[i] = -1;
    aud_results *r = run(d, AUD_MODEL_STANDARD);
    assert_true(aud_results_num(r, "adjusted_gap_rows_excluded") == 12);
    assert_true(aud_results_num(r, "adjusted_gap_n") == 28);
    assert_string_equal(aud_results_get(r, "adjusted_gap_coef")->reason, "too_few_rows");
    aud_results_free(r);
    aud_dataset_free(d);
}

/* Logib datalist: twins (same covariates and noise, one of each sex) so
 * θ̂ equals the planted effect exactly; population 2 rows are left out. */
static aud_dataset *logib_ds(double theta, size_t pairs, double *X, double *y)
{
    aud_dataset *d = aud_dataset_new();
    lcg = 77;
    size_t k = 0;
    for (size_t i = 0; i < pairs; i++) {
        int tc = 1 + (int)(unif() * 8), rl = 1 + (int)(unif() * 4), pp = 1 + (int)(unif() * 3);
        int age = 22 + (int)(unif() * 40), yos = (int)(unif() * (age - 20));
        double noise = 0.002 * (unif() - 0.5);
        for (int f = 0; f < 2; f++) {
            double yt = (double[]){17, 15, 14, 15, 13, 12, 11, 7}[tc - 1];
            double ye = fmax(age - yt - 6, 0);
            double ln = 8.0 + 0.02 * yt + 0.01 * yos + 0.03 * ye - 0.0005 * ye * ye + 0.1 * (4 - rl) +
                        0.05 * (3 - pp) + theta * f + noise;
            size_t r;
            assert_int_equal(aud_wf_append(d, &r), AUD_OK);
            aud_workforce *w = &d->wf;
            w->sex[r] = f ? AUD_SEX_F : AUD_SEX_M;
            w->age[r] = (int16_t)age; w->seniority[r] = (int16_t)yos;
            w->training_code[r] = (int8_t)tc; w->requirement_level[r] = (int8_t)rl;
            w->professional_position[r] = (int8_t)pp;
            w->activity_rate[r] = 50; w->weekly_hours[r] = 40; w->population_code[r] = 1;
            w->base_pay[r] = exp(ln) / 2 - 100; w->allowances[r] = 100;
            if (X) {
                double *x = &X[k * 11];
                double row[11] = {1, f, yt, yos, ye, ye * ye, rl == 1, rl == 2, rl == 3, pp == 1, pp == 2};
                memcpy(x, row, sizeof row);
                y[k++] = ln;
            }
        }
    }
    size_t r;   /* a population-2 row with an outlandish wage must not count */
    assert_int_equal(aud_wf_append(d, &r), AUD_OK);
    d->wf.sex[r] = AUD_SEX_F; d->wf.age[r] = 40; d->wf.seniority[r] = 3; d->wf.training_code[r] = 1;
    d->wf.requirement_level[r] = 1; d->wf.professional_position[r] = 1; d->wf.activity_rate[r] = 100;
    d->wf.weekly_hours[r] = 40; d->wf.population_code[r] = 2; d->wf.base_pay[r] = 1e7;
    d->has_field[AUD_F_SEX] = d->has_field[AUD_F_BASE_PAY] = d->has_field[AUD_F_AGE] = true;
    d->has_field[AUD_F_SENIORITY] = d->has_field[AUD_F_TRAINING_CODE] = true;
    d->has_field[AUD_F_REQUIREMENT_LEVEL] = d->has_field[AUD_F_PROFESSIONAL_POSITION] = true;
    return d;
}

static void test_logib_model(void **state)
{
    (void)state;
    enum { PAIRS = 150 };   /* 300 rows over 24 cells: the grouped path */
    static double X[2 * PAIRS * 11], y[2 * PAIRS];
    aud_dataset *d = logib_ds(-0.04, PAIRS, X, y);
    aud_results *r = run(d, AUD_MODEL_AUTO);
    assert_string_equal(aud_results_get(r, "adjusted_gap_model")->v.str, "logib");
    ref_fit f;
    ref_solve(X, y, 2 * PAIRS, 11, &f);
    assert_true(aud_results_num(r, "adjusted_gap_n") == 2 * PAIRS);
    NEAR(aud_results_num(r, "adjusted_gap_coef"), -0.04, 1e-9);
    NEAR(aud_results_num(r, "adjusted_gap_coef"), f.beta[1], 1e-9);
    NEAR(aud_results_num(r, "adjusted_gap_se"), f.se[1], 1e-6);
    assert_true(aud_results_num(r, "adjusted_gap_df") == 2 * PAIRS - 11);
    /* the Oaxaca part still runs on the standard controls (age, seniority) */
    assert_true(isfinite(aud_results_num(r, "oaxaca_gap")));
    aud_results_free(r);
    aud_dataset_free(d);
}

/* Rating thresholds on the truncated Kennedy estimate: 5.09 % passes as 5.0 %. */
static void test_logib_rating(void **state)
{
    (void)state;
    struct { double k; int rating; } cases[] = {
        {-0.0509, 3}, {-0.0515, 4}, {-0.0251, 2}, {-0.0261, 3}, {0.0509, 3}, {-0.0999, 4}, {0.0, 1},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        aud_dataset *d = logib_ds(log1p(cases[c].k), 40, NULL, NULL);
        aud_results *r = run(d, AUD_MODEL_LOGIB);
        double rating = aud_results_num(r, "adjusted_gap_rating");
        if (rating != cases[c].rating)
            fail_msg("K = %g: rating %g, expected %d (pct %.9g, p %.3g)", cases[c].k, rating, cases[c].rating,
                     aud_results_num(r, "adjusted_gap_pct"), aud_results_num(r, "adjusted_gap_p"));
        NEAR(aud_results_num(r, "adjusted_gap_pct"), 100 * cases[c].k, 1e-5);
        aud_results_free(r);
        aud_dataset_free(d);
    }
}

/* Logib needs 50 rows with one woman and one man; 24 pairs is too few. */
static void test_logib_minimum(void **state)
{
    (void)state;
    aud_dataset *d = logib_ds(-0.04, 24, NULL, NULL);
    aud_results *r = run(d, AUD_MODEL_LOGIB);
    assert_string_equal(aud_results_get(r, "adjusted_gap_coef")->reason, "too_few_rows");
    aud_results_free(r);
    aud_dataset_free(d);
    d = logib_ds(-0.04, 25, NULL, NULL);
    r = run(d, AUD_MODEL_LOGIB);
    assert_true(isfinite(aud_results_num(r, "adjusted_gap_coef")));
    aud_results_free(r);
    aud_dataset_free(d);
}

/* 30 category levels on 200 rows: too many cells to group, so rows are
 * folded one by one; the answer must still match the independent fit. */
static void test_many_levels_row_path(void **state)
{
    (void)state;
    enum { N = 200, L = 30, P = 6 + L - 1 };
    emp e[N];
    gen(e, N, 31, -0.09, 0.2);
    static char names[L][8];
    static const char *cats[L];
    for (int l = 0; l < L; l++) { snprintf(names[l], sizeof names[l], "L%02d", l); cats[l] = names[l]; }
    for (size_t i = 0; i < N; i++) { e[i].cat = (int)(i * 7 % L); e[i].lnpay += 0.01 * e[i].cat; }
    aud_dataset *d = build(e, N, cats, true, 1.0);
    aud_results *r = run(d, AUD_MODEL_STANDARD);
    static double X[N * P], y[N];
    for (size_t i = 0; i < N; i++) { ref_row(&e[i], true, true, L, &X[i * P]); y[i] = e[i].lnpay; }
    ref_fit f;
    ref_solve(X, y, N, P, &f);
    NEAR(aud_results_num(r, "adjusted_gap_coef"), f.beta[1], 1e-9);
    NEAR(aud_results_num(r, "adjusted_gap_se"), f.se[1], 1e-8);
    NEAR(aud_results_num(r, "adjusted_gap_r2"), 1.0 - f.rss / f.tss, 1e-9);
    aud_results_free(r);
    aud_dataset_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_independent_fit),
        cmocka_unit_test(test_single_control),
        cmocka_unit_test(test_perfect_fit),
        cmocka_unit_test(test_invariance),
        cmocka_unit_test(test_collinear_dummies),
        cmocka_unit_test(test_one_woman),
        cmocka_unit_test(test_missing_control_and_small),
        cmocka_unit_test(test_many_levels_row_path),
        cmocka_unit_test(test_logib_model),
        cmocka_unit_test(test_logib_rating),
        cmocka_unit_test(test_logib_minimum),
    };
    return cmocka_run_group_tests_name("adjusted", tests, NULL, NULL);
}
