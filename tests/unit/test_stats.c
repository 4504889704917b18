/* test_stats.c - compensated sums, medians, radix sorts, gap formulas. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "stats.h"

static void test_ksum(void **state)
{
    (void)state;
    aud_ksum k = {0, 0};
    aud_ksum_add(&k, 1e16); aud_ksum_add(&k, 1.0); aud_ksum_add(&k, -1e16);
    assert_true(aud_ksum_value(&k) == 1.0);          /* naive sum gives 0 */
    double x[10];
    for (int i = 0; i < 10; i++) x[i] = 0.1;
    assert_true(aud_stats_mean(x, 10) == 0.1);
    assert_true(isnan(aud_stats_mean(x, 0)));
}

static void test_median(void **state)
{
    (void)state;
    const double odd[] = {1, 2, 10};
    const double even[] = {1, 2, 4, 10};
    assert_true(aud_stats_median_sorted(odd, 3) == 2);
    assert_true(aud_stats_median_sorted(even, 4) == 3);
    assert_true(aud_stats_median_sorted(odd, 1) == 1);
    assert_true(isnan(aud_stats_median_sorted(odd, 0)));
}

static void test_sort(void **state)
{
    (void)state;
    double x[] = {3.5, -1, 0.0, -0.0, 1e300, -1e-300, 2, 2, -7.25};
    const double want[] = {-7.25, -1, -1e-300, 0, 0, 2, 2, 3.5, 1e300};
    assert_int_equal(aud_stats_sort(x, 9), AUD_OK);
    for (int i = 0; i < 9; i++) assert_true(x[i] == want[i]);
    /* larger random array against qsort-like check */
    size_t n = 5000;
    double *y = malloc(n * sizeof *y);
    assert_non_null(y);
    srand(7);
    for (size_t i = 0; i < n; i++) y[i] = (rand() % 20000 - 10000) / 7.0;
    assert_int_equal(aud_stats_sort(y, n), AUD_OK);
    for (size_t i = 1; i < n; i++) assert_true(y[i - 1] <= y[i]);
    free(y);
}

static void test_sort_index_stable(void **state)
{
    (void)state;
    const double key[] = {5, 1, 5, 0, 1, 5};
    uint32_t idx[] = {0, 1, 2, 3, 4, 5};
    assert_int_equal(aud_stats_sort_index(key, idx, 6), AUD_OK);
    const uint32_t want[] = {3, 1, 4, 0, 2, 5};
    for (int i = 0; i < 6; i++) assert_int_equal(idx[i], want[i]);
    uint32_t sub[] = {5, 2, 0};                     /* a subset, order kept among equals */
    assert_int_equal(aud_stats_sort_index(key, sub, 3), AUD_OK);
    assert_int_equal(sub[0], 5); assert_int_equal(sub[1], 2); assert_int_equal(sub[2], 0);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Long runs sharing the high 32 key bits go through the second radix stage;
 * short ones through insertion sort. Both must give the exact order and
 * keep equal keys' payloads in input order. */
static void test_sort_pairs_runs(void **state)
{
    (void)state;
    size_t n = 3000;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    uint32_t *p = malloc(n * sizeof *p);
    assert_non_null(x); assert_non_null(y); assert_non_null(p);
    srand(11);
    for (size_t i = 0; i < n; i++) {
        if (i % 3 == 0) x[i] = 10000.0 + (rand() % 1000) * 1e-7;      /* one long run */
        else if (i % 3 == 1) x[i] = -5.0 - (rand() % 7) * 1e-12;       /* negatives, ties */
        else x[i] = (rand() % 100000) / 100.0;
        y[i] = x[i];
        p[i] = (uint32_t)i;
    }
    assert_int_equal(aud_stats_sort_pairs(x, p, n), AUD_OK);
    qsort(y, n, sizeof *y, cmp_double);
    for (size_t i = 0; i < n; i++) assert_true(x[i] == y[i]);
    for (size_t i = 1; i < n; i++)
        if (x[i] == x[i - 1]) assert_true(p[i] > p[i - 1]);           /* stable */
    free(x); free(y); free(p);
}

/* Arrays of up to 40 values (the short ones are sorted by insertion whole):
 * same order as qsort, equal keys in input order, negatives and ties. */
static void test_sort_short_arrays(void **state)
{
    (void)state;
    double x[40], y[40];
    uint32_t p[40];
    srand(5);
    for (size_t n = 2; n <= 40; n++)
        for (int round = 0; round < 20; round++) {
            for (size_t i = 0; i < n; i++) {
                x[i] = y[i] = (rand() % 9 - 4) * 0.5;
                p[i] = (uint32_t)i;
            }
            assert_int_equal(aud_stats_sort_pairs(x, p, n), AUD_OK);
            qsort(y, n, sizeof *y, cmp_double);
            for (size_t i = 0; i < n; i++) assert_true(x[i] == y[i]);
            for (size_t i = 1; i < n; i++)
                if (x[i] == x[i - 1]) assert_true(p[i] > p[i - 1]);
        }
}

static void test_median_select(void **state)
{
    (void)state;
    double a[] = {9, 1, 5, 3, 7};
    double b[] = {4, 1, 3, 2};
    assert_true(aud_stats_median_select(a, 5) == 5);
    assert_true(aud_stats_median_select(b, 4) == 2.5);
    assert_true(isnan(aud_stats_median_select(a, 0)));
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static double urand(void)
{
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* One value of distribution `kind` (see test_median_select_matches_gsl). */
static double draw(int kind, size_t i, size_t n)
{
    switch (kind) {
    case 0: return (double)(int64_t)((3300 + urand() * 30000) * 100) / 100 * 12 / (urand() < .1 ? .5 : 1);
    case 1: return (double)(int)(urand() * 7) * 0.25;                         /* heavy ties */
    case 2: return 1.0 + (double)(int)(urand() * 5000) * 0x1p-50;             /* low bits only */
    case 3: return urand() < .5 ? 1.0 + urand() : 1000.0 + urand() * 1000;     /* two clusters */
    case 4: return i < n / 2 ? 1.0 : 2.0;                                      /* middle straddles */
    case 5: return (urand() - .5) * 1e6;                                       /* negatives */
    case 6: return urand() < .9 ? 1.0 + urand() * 1e-12 : urand() * 1e6;      /* deep cluster */
    case 7: return urand() < .5 ? 0.0 : -0.0;                                  /* signed zeros */
    case 8: return urand() < .3 ? (urand() < .5 ? 0.0 : -0.0) : urand() - .5;  /* zeros in the middle */
    case 9: return urand() < .1 ? INFINITY : urand() < .1 ? -INFINITY : urand();
    case 10: return i == n / 3 ? NAN : urand();
    default: return i == n / 3 ? -NAN : urand();
    }
}

/* The radix selection must return gsl_stats_median's value bit for bit,
 * whatever the data: ties, values differing in their last bits, a middle
 * straddling two digits, deep recursion, zeros of both signs, infinities and
 * NaNs (the last two fall back to GSL itself), around the size threshold. */
static void test_median_select_matches_gsl(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 2, 3, 2047, 2048, 2049, 4096, 10001, 65536, 300001};
    size_t cap = 300001;
    double *x = malloc(cap * sizeof *x), *y = malloc(cap * sizeof *y);
    assert_non_null(x); assert_non_null(y);
    for (int kind = 0; kind < 12; kind++)
        for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++)
            for (int rep = 0; rep < 2; rep++) {
                size_t n = sizes[si] + (size_t)rep * (sizes[si] > 3);   /* odd and even */
                if (n > cap) n = cap;
                for (size_t i = 0; i < n; i++) x[i] = y[i] = draw(kind, i, n);
                double want = gsl_stats_median(y, 1, n), got = aud_stats_median_select(x, n);
                if (memcmp(&want, &got, sizeof want) != 0)
                    fail_msg("kind %d n %zu: %.17g != gsl %.17g", kind, n, got, want);
            }
    free(x); free(y);
}

static void test_gap(void **state)
{
    (void)state;
    assert_true(fabs(aud_gap_pct(100, 80) - 20) < 1e-12);
    assert_true(fabs(aud_gap_pct(80, 100) + 25) < 1e-12);        /* negative allowed */
    assert_true(fabs(aud_gap_pct_hcp(100, 80) - 25) < 1e-12);
    assert_true(isnan(aud_gap_pct(0, 10)));
    assert_true(isnan(aud_gap_pct_hcp(10, 0)));
    assert_true(isnan(aud_gap_pct(NAN, 10)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ksum),
        cmocka_unit_test(test_median),
        cmocka_unit_test(test_sort),
        cmocka_unit_test(test_sort_index_stable),
        cmocka_unit_test(test_sort_pairs_runs), cmocka_unit_test(test_sort_short_arrays),
        cmocka_unit_test(test_median_select),
        cmocka_unit_test(test_median_select_matches_gsl),
        cmocka_unit_test(test_gap),
    };
    return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
