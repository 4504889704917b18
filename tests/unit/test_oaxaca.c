/* test_oaxaca.c - Blinder-Oaxaca (METRICS.md §5): hand-computed answer,
 * independent long-double computation, identities, common support. */
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
#include "oaxaca.h"

#define NEAR(a, b, tol) do { double a_ = (a), b_ = (b); \
    if (!(fabs(a_ - b_) <= (tol) * (1.0 + fabs(b_)))) \
        fail_msg("%s = %.17g, expected %.17g", #a, a_, b_); } while (0)
#define REL(a, b, tol) do { double a_ = (a), b_ = (b); \
    if (!(fabs(a_ - b_) <= (tol) * fabs(b_))) \
        fail_msg("%s = %.17g, expected %.17g (relative %.3g)", #a, a_, b_, fabs(a_ - b_) / fabs(b_)); } while (0)

/* Intercept + one binary x, solvable by hand:
 * A: x=0 -> 1, 1; x=1 -> 3, 3      beta_A = (1, 2), xbar_A = 0.5, ybar_A = 2
 * B: x=0 -> 1;    x=1 -> 2, 2, 2   beta_B = (1, 1), xbar_B = 0.75, ybar_B = 1.75
 * E = -0.25 * 1 = -0.25; C = [1, 0.75]·[0, 1] = 0.75; I = -0.25 * 1 = -0.25. */
static void test_hand_computed(void **state)
{
    (void)state;
    aud_qracc A, B;
    assert_int_equal(aud_qracc_init(&A, 4, 0), AUD_OK);
    assert_int_equal(aud_qracc_init(&B, 4, 0), AUD_OK);
    double ra[4][4] = {{1, 0, 0, 1}, {1, 0, 0, 1}, {1, 0, 1, 3}, {1, 0, 1, 3}};
    double rb[4][4] = {{1, 1, 0, 1}, {1, 1, 1, 2}, {1, 1, 1, 2}, {1, 1, 1, 2}};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(aud_qracc_add(&A, ra[i]), AUD_OK);
        assert_int_equal(aud_qracc_add(&B, rb[i]), AUD_OK);
    }
    double xa[3] = {1, 0, 0.5}, xb[3] = {1, 1, 0.75};
    size_t cols[2] = {0, 2};
    uint8_t blocks[3] = {AUD_BLK_INTERCEPT, AUD_BLK_FEMALE, AUD_BLK_CATEGORY};
    aud_oaxaca ox;
    assert_int_equal(aud_oaxaca_compute(&A, &B, xa, xb, 2.0, 1.75, cols, 2, 1, blocks, &ox), AUD_OK);
    NEAR(ox.gap, 0.25, 1e-15);
    NEAR(ox.endowments, -0.25, 1e-13);
    NEAR(ox.coefficients, 0.75, 1e-13);
    NEAR(ox.interaction, -0.25, 1e-13);
    /* Pooled with group dummy: within groups Sxx = 1 (A) + 0.75 (B) and
     * Sxy = 2 + 0.75, so b_x = 11/7; explained = -0.25 * 11/7 = -11/28 and
     * unexplained = 0.25 + 11/28 = 9/14. */
    NEAR(ox.fitP.coef[2], 11.0 / 7.0, 1e-12);
    NEAR(ox.explained, -11.0 / 28.0, 1e-12);
    NEAR(ox.unexplained, 9.0 / 14.0, 1e-12);
    NEAR(ox.block_explained[AUD_BLK_CATEGORY], -11.0 / 28.0, 1e-12);
    aud_oaxaca_free(&ox);
    aud_qracc_free(&A); aud_qracc_free(&B);
}

typedef struct emp { int female, age, sen, cat; double lnpay; } emp;
/* "Aaa" only among women and "Zdir" only among men: both left out of the
 * decomposition, and "Aaa" (the §4 reference) stops being the reference. */
static const char *const CATS[] = {"Aaa", "Cadre", "Employ\xc3\xa9", "Ouvrier", "Technicien", "Zdir"};

static uint64_t lcg;
static double unif(void)
{
    lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(lcg >> 11) / 9007199254740992.0;
}

static void gen(emp *e, size_t n, uint64_t seed)
{
    static const double eff[] = {0.2, 0.6, 0.1, 0.0, 0.3, 0.9};
    lcg = seed;
    for (size_t i = 0; i < n; i++) {
        e[i].female = unif() < 0.4;
        e[i].age = 20 + (int)(unif() * 41);
        e[i].sen = (int)(unif() * (e[i].age - 17 < 30 ? e[i].age - 17 : 30));
        e[i].cat = 1 + (int)(unif() * 4);
        if (i % 37 == 0) e[i].cat = e[i].female ? 0 : 5;
        e[i].lnpay = 9.0 + 0.03 * e[i].age - 0.0003 * e[i].age * e[i].age + 0.01 * e[i].sen + eff[e[i].cat] -
                     0.05 * e[i].female + (e[i].female ? 0.004 : 0.002) * e[i].sen + 0.3 * (unif() - 0.5);
    }
}

static aud_results *run(const emp *e, size_t n)
{
    aud_dataset *d = aud_dataset_new();
    assert_non_null(d);
    for (size_t i = 0; i < n; i++) {
        size_t r;
        assert_int_equal(aud_wf_append(d, &r), AUD_OK);
        d->wf.sex[r] = e[i].female ? AUD_SEX_F : AUD_SEX_M;
        d->wf.base_pay[r] = exp(e[i].lnpay) / 12.0;
        d->wf.age[r] = (int16_t)e[i].age;
        d->wf.seniority[r] = (int16_t)e[i].sen;
        assert_int_equal(aud_dataset_intern(d, CATS[e[i].cat], &d->wf.category[r]), AUD_OK);
    }
    d->has_field[AUD_F_SEX] = d->has_field[AUD_F_BASE_PAY] = d->has_field[AUD_F_AGE] = true;
    d->has_field[AUD_F_SENIORITY] = d->has_field[AUD_F_CATEGORY] = true;
    aud_options o;
    aud_options_defaults(&o);
    aud_diag dg;
    assert_int_equal(aud_options_parse_period(&o, "2025", &dg), AUD_OK);
    aud_measures m;
    assert_int_equal(aud_measures_compute(d, &o, &m), AUD_OK);
    aud_results *r = aud_results_new();
    assert_int_equal(aud_adjusted_compute(d, &m, &o, r), AUD_OK);
    aud_measures_free(&m);
    aud_dataset_free(d);
    return r;
}

/* Long-double normal equations (Gauss-Jordan). */
static void solve(const double *X, const double *y, size_t n, size_t p, long double *beta)
{
    long double A[10][11] = {{0}};
    for (size_t i = 0; i < n; i++)
        for (size_t a = 0; a < p; a++) {
            for (size_t b = 0; b < p; b++) A[a][b] += (long double)X[i * p + a] * X[i * p + b];
            A[a][p] += (long double)X[i * p + a] * y[i];
        }
    for (size_t c = 0; c < p; c++) {
        size_t pv = c;
        for (size_t r = c + 1; r < p; r++) if (fabsl(A[r][c]) > fabsl(A[pv][c])) pv = r;
        for (size_t k = 0; k <= p; k++) { long double t = A[c][k]; A[c][k] = A[pv][k]; A[pv][k] = t; }
        for (size_t k = p + 1; k-- > c;) A[c][k] /= A[c][c];
        for (size_t r = 0; r < p; r++) {
            if (r == c) continue;
            long double f = A[r][c];
            for (size_t k = c; k <= p; k++) A[r][k] -= f * A[c][k];
        }
    }
    for (size_t a = 0; a < p; a++) beta[a] = A[a][p];
}

/* x = [1, (female), age, age², sen, sen², Employé, Ouvrier, Technicien]. */
static size_t row(const emp *e, bool fem, double *x)
{
    size_t j = 0;
    x[j++] = 1;
    if (fem) x[j++] = e->female;
    x[j++] = e->age; x[j++] = (double)e->age * e->age;
    x[j++] = e->sen; x[j++] = (double)e->sen * e->sen;
    for (int c = 2; c <= 4; c++) x[j++] = e->cat == c;
    return j;
}

static void test_against_independent(void **state)
{
    (void)state;
    enum { N = 600, K = 8 };
    static emp e[N];
    gen(e, N, 17);
    aud_results *r = run(e, N);
    static double XA[N * K], XB[N * K], XP[N * (K + 1)], yA[N], yB[N], yP[N];
    size_t nA = 0, nB = 0, nP = 0, excluded = 0;
    long double xa[K] = {0}, xb[K] = {0}, ya = 0, yb = 0;
    for (size_t i = 0; i < N; i++) {
        if (e[i].cat == 0 || e[i].cat == 5) { excluded++; continue; }
        double x[K];
        row(&e[i], false, x);
        row(&e[i], true, &XP[nP * (K + 1)]);
        yP[nP++] = e[i].lnpay;
        double *X = e[i].female ? &XB[nB * K] : &XA[nA * K];
        memcpy(X, x, sizeof x);
        for (size_t j = 0; j < K; j++) (e[i].female ? xb : xa)[j] += x[j];
        if (e[i].female) { yB[nB++] = e[i].lnpay; yb += e[i].lnpay; }
        else { yA[nA++] = e[i].lnpay; ya += e[i].lnpay; }
    }
    long double bA[K], bB[K], bP[K + 1];
    solve(XA, yA, nA, K, bA);
    solve(XB, yB, nB, K, bB);
    solve(XP, yP, nP, K + 1, bP);
    long double Q = 0, U = 0, E = 0, C = 0, I = 0, age_q = 0, cat_q = 0;
    for (size_t j = 0; j < K; j++) {
        long double ma = xa[j] / nA, mb = xb[j] / nB, bs = bP[j == 0 ? 0 : j + 1];
        Q += (ma - mb) * bs;
        U += ma * (bA[j] - bs) + mb * (bs - bB[j]);
        E += (ma - mb) * bB[j];
        C += mb * (bA[j] - bB[j]);
        I += (ma - mb) * (bA[j] - bB[j]);
        if (j == 1 || j == 2) age_q += (ma - mb) * bs;
        if (j >= 5) cat_q += (ma - mb) * bs;
    }
    NEAR(aud_results_num(r, "oaxaca_gap"), (double)(ya / nA - yb / nB), 1e-12);
    NEAR(aud_results_num(r, "oaxaca_explained"), (double)Q, 1e-9);
    NEAR(aud_results_num(r, "oaxaca_unexplained"), (double)U, 1e-9);
    NEAR(aud_results_num(r, "oaxaca_endowments"), (double)E, 1e-9);
    NEAR(aud_results_num(r, "oaxaca_coefficients"), (double)C, 1e-9);
    NEAR(aud_results_num(r, "oaxaca_interaction"), (double)I, 1e-9);
    assert_true(aud_results_num(r, "oaxaca_rows_excluded") == excluded);
    assert_true(aud_results_num(r, "oaxaca_n_men") == nA && aud_results_num(r, "oaxaca_n_women") == nB);
    const aud_table *t = aud_results_table(r, "oaxaca_detail");
    assert_non_null(t);
    assert_int_equal(t->nrows, 3);
    assert_string_equal(aud_table_cell_c(t, 0, 0)->str, "age");
    NEAR(aud_table_cell_c(t, 0, 1)->num, (double)age_q, 1e-9);
    assert_string_equal(aud_table_cell_c(t, 2, 0)->str, "category");
    NEAR(aud_table_cell_c(t, 2, 1)->num, (double)cat_q, 1e-9);
    NEAR(aud_table_cell_c(t, 2, 2)->num, (double)(100 * cat_q / (ya / nA - yb / nB)), 1e-8);
    /* the §4 regression keeps every row, and "Aaa" is its reference level */
    assert_true(aud_results_num(r, "adjusted_gap_n") == N);
    const aud_table *c = aud_results_table(r, "regression_coefficients");
    assert_string_equal(aud_table_cell_c(c, 6, 0)->str, "category=Cadre");
    aud_results_free(r);
}

static void check_identities(const aud_results *r)
{
    double gap = aud_results_num(r, "oaxaca_gap");
    REL(aud_results_num(r, "oaxaca_explained") + aud_results_num(r, "oaxaca_unexplained"), gap, 1e-12);
    REL(aud_results_num(r, "oaxaca_endowments") + aud_results_num(r, "oaxaca_coefficients") +
        aud_results_num(r, "oaxaca_interaction"), gap, 1e-12);
    NEAR(aud_results_num(r, "oaxaca_unexplained_share_pct"), 100 * aud_results_num(r, "oaxaca_unexplained") / gap, 1e-12);
}

static void test_identities(void **state)
{
    (void)state;
    enum { N = 50000 };
    emp *e = malloc(N * sizeof *e);
    assert_non_null(e);
    for (uint64_t seed = 1; seed <= 3; seed++) {
        gen(e, seed == 3 ? N : 500, seed);
        aud_results *r = run(e, seed == 3 ? N : 500);
        check_identities(r);
        aud_results_free(r);
    }
    free(e);
}

/* Every woman has seniority 0: her regression drops seniority and its
 * square (noted); the split is still defined and still adds up. */
static void test_rank_deficient_group(void **state)
{
    (void)state;
    enum { N = 300 };
    static emp e[N];
    gen(e, N, 23);
    for (size_t i = 0; i < N; i++) if (e[i].female) e[i].sen = 0;
    aud_results *r = run(e, N);
    check_identities(r);
    bool noted = false;
    for (size_t k = 0; k < r->nnotes; k++)
        if (!strcmp(r->notes[k].id, "oaxaca_dropped_women") && strstr(r->notes[k].v.str, "seniority^2")) noted = true;
    assert_true(noted);
    aud_results_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_computed),
        cmocka_unit_test(test_against_independent),
        cmocka_unit_test(test_identities),
        cmocka_unit_test(test_rank_deficient_group),
    };
    return cmocka_run_group_tests_name("oaxaca", tests, NULL, NULL);
}
