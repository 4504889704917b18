/* test_ols.c - streamed QR least squares against an independent solve. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "ols.h"

#define NEAR(a, b, tol) do { double a_ = (a), b_ = (b); \
    if (!(fabs(a_ - b_) <= (tol) * (1.0 + fabs(b_)))) \
        fail_msg("%s = %.17g, expected %.17g", #a, a_, b_); } while (0)

static uint64_t lcg_state;
static double unif(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(lcg_state >> 11) / 9007199254740992.0;
}

/* Normal equations in long double (Gauss-Jordan on [XᵀX | I | Xᵀy]):
 * beta and the diagonal of (XᵀX)^-1. Independent of the code under test. */
static void normal_solve(const double *X, const double *y, size_t n, size_t p,
                         double *beta, double *inv_diag)
{
    size_t w = 2 * p + 1;
    long double *A = calloc(p * w, sizeof *A);
    for (size_t i = 0; i < n; i++)
        for (size_t a = 0; a < p; a++) {
            for (size_t b = 0; b < p; b++) A[a * w + b] += (long double)X[i * p + a] * X[i * p + b];
            A[a * w + 2 * p] += (long double)X[i * p + a] * y[i];
        }
    for (size_t a = 0; a < p; a++) A[a * w + p + a] = 1;
    for (size_t c = 0; c < p; c++) {
        size_t piv = c;
        for (size_t r = c + 1; r < p; r++) if (fabsl(A[r * w + c]) > fabsl(A[piv * w + c])) piv = r;
        for (size_t k = 0; k < w; k++) { long double t = A[c * w + k]; A[c * w + k] = A[piv * w + k]; A[piv * w + k] = t; }
        long double d = A[c * w + c];
        for (size_t k = 0; k < w; k++) A[c * w + k] /= d;
        for (size_t r = 0; r < p; r++) {
            if (r == c) continue;
            long double f = A[r * w + c];
            for (size_t k = 0; k < w; k++) A[r * w + k] -= f * A[c * w + k];
        }
    }
    for (size_t a = 0; a < p; a++) {
        beta[a] = (double)A[a * w + 2 * p];
        if (inv_diag) inv_diag[a] = (double)A[a * w + p + a];
    }
    free(A);
}

static void make_data(double *X, double *y, size_t n, size_t p, uint64_t seed)
{
    lcg_state = seed;
    for (size_t i = 0; i < n; i++) {
        X[i * p] = 1.0;
        double s = 0.3;
        for (size_t j = 1; j < p; j++) {
            X[i * p + j] = (j % 2 ? 40.0 : 1.0) * unif() + (double)j;
            s += 0.01 * (double)j * X[i * p + j];
        }
        y[i] = s + 0.2 * (unif() - 0.5);
    }
}

static void feed(aud_qracc *a, const double *X, const double *y, size_t from, size_t to, size_t p)
{
    double row[16];
    for (size_t i = from; i < to; i++) {
        memcpy(row, &X[i * p], p * sizeof *row);
        row[p] = y[i];
        assert_int_equal(aud_qracc_add(a, row), AUD_OK);
    }
}

static void test_streamed_equals_normal_equations(void **state)
{
    (void)state;
    enum { N = 203, P = 5 };
    double X[N * P], y[N], beta[P], inv[P];
    make_data(X, y, N, P, 42);
    normal_solve(X, y, N, P, beta, inv);
    aud_qracc a;
    assert_int_equal(aud_qracc_init(&a, P + 1, 7), AUD_OK);   /* many partial blocks */
    feed(&a, X, y, 0, N, P);
    size_t cols[P] = {0, 1, 2, 3, 4};
    aud_ols f;
    assert_int_equal(aud_ols_fit(&a, cols, P, &f), AUD_OK);
    assert_int_equal(f.rank, P);
    assert_true(f.df == N - P);
    double rss = 0;
    for (size_t i = 0; i < N; i++) {
        double e = y[i];
        for (size_t j = 0; j < P; j++) e -= X[i * P + j] * beta[j];
        rss += e * e;
    }
    NEAR(f.rss, rss, 1e-9);
    for (size_t j = 0; j < P; j++) {
        NEAR(f.coef[j], beta[j], 1e-9);
        NEAR(f.se[j], sqrt(rss / (N - P) * inv[j]), 1e-8);
        assert_false(f.dropped[j]);
    }
    aud_ols_free(&f);
    aud_qracc_free(&a);
}

static void test_merge_equals_single(void **state)
{
    (void)state;
    enum { N = 150, P = 4 };
    double X[N * P], y[N];
    make_data(X, y, N, P, 7);
    aud_qracc one, a, b;
    assert_int_equal(aud_qracc_init(&one, P + 1, 0), AUD_OK);
    assert_int_equal(aud_qracc_init(&a, P + 1, 11), AUD_OK);
    assert_int_equal(aud_qracc_init(&b, P + 1, 3), AUD_OK);
    feed(&one, X, y, 0, N, P);
    feed(&a, X, y, 0, 61, P);
    feed(&b, X, y, 61, N, P);
    assert_int_equal(aud_qracc_merge(&a, &b), AUD_OK);
    assert_true(a.nrows == N);
    size_t cols[P] = {0, 1, 2, 3};
    aud_ols f1, f2;
    assert_int_equal(aud_ols_fit(&one, cols, P, &f1), AUD_OK);
    assert_int_equal(aud_ols_fit(&a, cols, P, &f2), AUD_OK);
    for (size_t j = 0; j < P; j++) {
        NEAR(f2.coef[j], f1.coef[j], 1e-11);
        NEAR(f2.se[j], f1.se[j], 1e-10);
    }
    NEAR(f2.rss, f1.rss, 1e-10);
    aud_ols_free(&f1); aud_ols_free(&f2);
    aud_qracc_free(&one); aud_qracc_free(&a); aud_qracc_free(&b);
}

/* y = 3 - 0.5 x exactly: coefficients exact, residuals zero. */
static void test_perfect_fit(void **state)
{
    (void)state;
    aud_qracc a;
    assert_int_equal(aud_qracc_init(&a, 3, 4), AUD_OK);
    for (int i = 0; i < 10; i++) {
        double row[3] = {1.0, (double)i, 3.0 - 0.5 * i};
        assert_int_equal(aud_qracc_add(&a, row), AUD_OK);
    }
    size_t cols[2] = {0, 1};
    aud_ols f;
    assert_int_equal(aud_ols_fit(&a, cols, 2, &f), AUD_OK);
    NEAR(f.coef[0], 3.0, 1e-13);
    NEAR(f.coef[1], -0.5, 1e-13);
    assert_true(f.rss < 1e-24);
    assert_true(f.df == 8);
    aud_ols_free(&f);
    aud_qracc_free(&a);
}

/* Column 3 = column 1 + column 2 and column 4 all zero: both dropped, and
 * the rest equals the fit without them (R's lm gives NA for both). */
static void test_aliased_columns_dropped(void **state)
{
    (void)state;
    enum { N = 80, P = 3, Q = 5 };
    double X[N * P], y[N];
    make_data(X, y, N, P, 99);
    aud_qracc full, base;
    assert_int_equal(aud_qracc_init(&full, Q + 1, 0), AUD_OK);
    assert_int_equal(aud_qracc_init(&base, P + 1, 0), AUD_OK);
    for (size_t i = 0; i < N; i++) {
        double r5[Q + 1] = {X[i * P], X[i * P + 1], X[i * P + 2], X[i * P + 1] + X[i * P + 2], 0.0, y[i]};
        double r3[P + 1] = {X[i * P], X[i * P + 1], X[i * P + 2], y[i]};
        assert_int_equal(aud_qracc_add(&full, r5), AUD_OK);
        assert_int_equal(aud_qracc_add(&base, r3), AUD_OK);
    }
    size_t c5[Q] = {0, 1, 2, 3, 4}, c3[P] = {0, 1, 2};
    aud_ols f5, f3;
    assert_int_equal(aud_ols_fit(&full, c5, Q, &f5), AUD_OK);
    assert_int_equal(aud_ols_fit(&base, c3, P, &f3), AUD_OK);
    assert_int_equal(f5.rank, 3);
    assert_true(f5.dropped[3] && f5.dropped[4]);
    assert_true(isnan(f5.coef[3]) && isnan(f5.coef[4]));
    assert_true(f5.df == N - 3);
    for (size_t j = 0; j < P; j++) {
        NEAR(f5.coef[j], f3.coef[j], 1e-9);
        NEAR(f5.se[j], f3.se[j], 1e-8);
    }
    /* Order matters as in lm: put the sum first and column 2 is the one dropped. */
    size_t c5b[4] = {0, 3, 1, 2};
    aud_ols fb;
    assert_int_equal(aud_ols_fit(&full, c5b, 4, &fb), AUD_OK);
    assert_true(!fb.dropped[0] && !fb.dropped[1] && !fb.dropped[2] && fb.dropped[3]);
    aud_ols_free(&fb);
    aud_ols_free(&f5); aud_ols_free(&f3);
    aud_qracc_free(&full); aud_qracc_free(&base);
}

/* Fewer rows than columns: the extra columns are dropped, df = 0, no se. */
static void test_fewer_rows_than_columns(void **state)
{
    (void)state;
    aud_qracc a;
    assert_int_equal(aud_qracc_init(&a, 4, 0), AUD_OK);
    double r1[4] = {1, 2, 5, 1}, r2[4] = {1, 3, 1, 2};
    assert_int_equal(aud_qracc_add(&a, r1), AUD_OK);
    assert_int_equal(aud_qracc_add(&a, r2), AUD_OK);
    size_t cols[3] = {0, 1, 2};
    aud_ols f;
    assert_int_equal(aud_ols_fit(&a, cols, 3, &f), AUD_OK);
    assert_int_equal(f.rank, 2);
    assert_true(f.dropped[2]);
    NEAR(f.coef[0], -1.0, 1e-12);
    NEAR(f.coef[1], 1.0, 1e-12);
    assert_true(f.df == 0);
    assert_true(isnan(f.se[0]));
    aud_ols_free(&f);
    aud_qracc_free(&a);
}

/* One entry of a random test block: mostly ordinary values, with the
 * shapes the design streams (constant 1 and 0/1 columns, integers, exact
 * zeros, a negative zero, tiny and huge magnitudes) mixed in. */
static double test_value(size_t j, int kind)
{
    double u = unif();
    switch (kind) {
    case 0: return j == 0 ? 1.0 : unif() < 0.5 ? 0.0 : 1.0;
    case 1: return floor(u * 60.0);
    case 2: return u < 0.3 ? 0.0 : u < 0.35 ? -0.0 : u - 0.5;
    case 3: return (u - 0.5) * (u < 0.5 ? 1e-300 : 1e300);
    default: return 40.0 * u - 7.0;
    }
}

/* aud_ols_qr_ur leaves S and A bit for bit as gsl_linalg_QR_UR_decomp does,
 * on every block shape the accumulators fold (1..40 rows, 1..25 columns),
 * starting from a zero factor, a triangular factor and a factor with zero
 * rows; the factor is what every regression figure is computed from. */
static void test_qr_ur_matches_gsl_bitwise(void **state)
{
    (void)state;
    lcg_state = 2024;
    size_t cases = 0;
    for (size_t N = 1; N <= 25; N++)
        for (size_t M = 1; M <= 40; M += (M < 20 ? 1 : 7))
            for (int start = 0; start < 3; start++) {
                int kind = (int)((N * 7 + M + (size_t)start) % 5);
                gsl_matrix *S = gsl_matrix_calloc(N, N), *A = gsl_matrix_alloc(M, N), *T = gsl_matrix_alloc(N, N);
                for (size_t i = 0; i < N; i++)
                    for (size_t j = i; j < N; j++)
                        if (start == 1 || (start == 2 && i % 3 != 1)) gsl_matrix_set(S, i, j, test_value(j, kind));
                for (size_t i = 0; i < M; i++)
                    for (size_t j = 0; j < N; j++) gsl_matrix_set(A, i, j, test_value(j, kind));
                double *S2 = malloc(N * N * sizeof *S2), *A2 = malloc(M * N * sizeof *A2);
                double *T2 = malloc(N * N * sizeof *T2);
                memcpy(S2, S->data, N * N * sizeof *S2);
                memcpy(A2, A->data, M * N * sizeof *A2);
                assert_int_equal(gsl_linalg_QR_UR_decomp(S, A, T), 0);
                aud_ols_qr_ur(S2, N, A2, N, M, N, T2, N);
                if (memcmp(S->data, S2, N * N * sizeof *S2) != 0 || memcmp(A->data, A2, M * N * sizeof *A2) != 0)
                    fail_msg("factor differs from GSL's for M=%zu N=%zu start=%d kind=%d", M, N, start, kind);
                gsl_matrix_free(S); gsl_matrix_free(A); gsl_matrix_free(T);
                free(S2); free(A2); free(T2);
                cases++;
            }
    assert_true(cases > 1000);
}

/* The row buffer starts small and grows to the block; rows are still folded
 * a whole block at a time, so R is bit for bit that of 512-row blocks
 * folded by hand (two full blocks, then the rest at the flush). */
static void test_growing_buffer_folds_whole_blocks(void **state)
{
    (void)state;
    enum { N = 1100, P = 4, Q = P + 1, B = 512 };
    static double X[N * P], y[N], rows[N * Q];
    make_data(X, y, N, P, 99);
    for (size_t i = 0; i < N; i++) {
        memcpy(&rows[i * Q], &X[i * P], P * sizeof *rows);
        rows[i * Q + P] = y[i];
    }
    aud_qracc a;
    assert_int_equal(aud_qracc_init(&a, Q, 0), AUD_OK);
    assert_true(a.block == B);
    assert_true(a.buf->size1 < 64);              /* not a whole block up front */
    size_t most = 0;
    for (size_t i = 0; i < N; i++) {
        assert_int_equal(aud_qracc_add(&a, &rows[i * Q]), AUD_OK);
        if (a.buf->size1 > most) most = a.buf->size1;
        assert_true(a.nbuf <= a.buf->size1);
    }
    assert_true(most == B);
    assert_int_equal(aud_qracc_flush(&a), AUD_OK);
    double S[Q * Q] = {0}, T[Q * Q];
    for (size_t from = 0; from < N; from += B) {
        size_t m = N - from < B ? N - from : B;
        aud_ols_qr_ur(S, Q, &rows[from * Q], Q, m, Q, T, Q);
    }
    for (size_t i = 0; i < Q; i++)
        for (size_t j = i; j < Q; j++) assert_memory_equal(&S[i * Q + j], gsl_matrix_ptr(a.R, i, j), sizeof(double));
    assert_true(a.nrows == N);
    aud_qracc_free(&a);
}

static void test_pvalue(void **state)
{
    (void)state;
    /* t_{0.975, 10} = 2.2281388519649385 (tables); t = 0 gives 1. */
    NEAR(aud_ols_pvalue(2.2281388519649385, 10), 0.05, 1e-10);
    NEAR(aud_ols_pvalue(-2.2281388519649385, 10), 0.05, 1e-10);
    NEAR(aud_ols_pvalue(0.0, 5), 1.0, 1e-15);
    /* df = 1 is Cauchy: p = 1 - 2 atan(t) / pi. */
    NEAR(aud_ols_pvalue(1.0, 1), 0.5, 1e-14);
    assert_true(isnan(aud_ols_pvalue(1.0, 0)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_streamed_equals_normal_equations),
        cmocka_unit_test(test_merge_equals_single),
        cmocka_unit_test(test_perfect_fit),
        cmocka_unit_test(test_aliased_columns_dropped),
        cmocka_unit_test(test_fewer_rows_than_columns),
        cmocka_unit_test(test_qr_ur_matches_gsl_bitwise),
        cmocka_unit_test(test_growing_buffer_folds_whole_blocks),
        cmocka_unit_test(test_pvalue),
    };
    return cmocka_run_group_tests_name("ols", tests, NULL, NULL);
}
