/* test_quartiles.c - UK reg 13 quarters: band sizes, tie blocks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "quartiles.h"

static double pct(const aud_quartile_band *b) { return 100.0 * (double)b->women / (double)b->size; }

/* methods.md §1.6 worked example: 8F 8F 9M | 10F 10F 10M 10M 10F | 12M 15M 20M. */
static void test_worked_example(void **state)
{
    (void)state;
    const double rate[] = {8, 8, 9, 10, 10, 10, 10, 10, 12, 15, 20};
    const uint8_t isman[] = {0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1};
    aud_quartile_band b[4];
    aud_quartiles_compute(rate, isman, 11, b);
    assert_int_equal(b[0].size, 3); assert_int_equal(b[1].size, 3);
    assert_int_equal(b[2].size, 3); assert_int_equal(b[3].size, 2);
    assert_int_equal(b[1].men, 1); assert_int_equal(b[2].men, 2);
    assert_true(fabs(pct(&b[0]) - 200.0 / 3) < 1e-9);
    assert_true(fabs(pct(&b[1]) - 200.0 / 3) < 1e-9);
    assert_true(fabs(pct(&b[2]) - 100.0 / 3) < 1e-9);
    assert_true(pct(&b[3]) == 0.0);
    assert_true(b[1].min_rate == 10 && b[1].max_rate == 10);
    assert_true(b[2].min_rate == 10 && b[2].max_rate == 12);
}

/* The order of the tie block in the input must not matter. */
static void test_tie_order_irrelevant(void **state)
{
    (void)state;
    const double rate[] = {8, 8, 9, 10, 10, 10, 10, 10, 12, 15, 20};
    const uint8_t a[] = {0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1};   /* men first in the block */
    aud_quartile_band b[4];
    aud_quartiles_compute(rate, a, 11, b);
    assert_int_equal(b[1].women, 2); assert_int_equal(b[2].women, 1);
}

/* Rates equal at 1e-6 form one block even when not bitwise equal. */
static void test_tie_tolerance(void **state)
{
    (void)state;
    const double rate[] = {1.0, 2.0, 2.0 + 1e-9, 3.0};
    const uint8_t isman[] = {0, 1, 0, 1};
    aud_quartile_band b[4];
    aud_quartiles_compute(rate, isman, 4, b);
    /* block {2.0, 2.0+1e-9} has 1 man over bands 2 and 3: quotas 0.5 / 0.5,
     * tie to the lower band. */
    assert_int_equal(b[1].men, 1); assert_int_equal(b[1].women, 0);
    assert_int_equal(b[2].men, 0); assert_int_equal(b[2].women, 1);
    assert_true(aud_quartiles_same_rate(2.0, 2.0 + 1e-9));
    assert_false(aud_quartiles_same_rate(2.0, 2.00001));
}

/* Remainders go to the lowest bands first: N = 7 -> 2, 2, 2, 1. */
static void test_sizes(void **state)
{
    (void)state;
    double rate[7];
    uint8_t isman[7] = {0};
    for (int i = 0; i < 7; i++) rate[i] = i;
    aud_quartile_band b[4];
    aud_quartiles_compute(rate, isman, 7, b);
    assert_int_equal(b[0].size, 2); assert_int_equal(b[1].size, 2);
    assert_int_equal(b[2].size, 2); assert_int_equal(b[3].size, 1);
    aud_quartiles_compute(rate, isman, 5, b);
    assert_int_equal(b[0].size, 2); assert_int_equal(b[3].size, 1);
    aud_quartiles_compute(rate, isman, 2, b);
    assert_int_equal(b[0].size, 1); assert_int_equal(b[1].size, 1);
    assert_int_equal(b[2].size, 0); assert_true(isnan(b[2].min_rate));
    aud_quartiles_compute(rate, isman, 0, b);
    assert_int_equal(b[0].size + b[1].size + b[2].size + b[3].size, 0);
}

/* One block covering all four bands: 8 people, 3 men, all the same rate.
 * quotas 3*2/8 = 0.75 each -> floors 0, remainders all equal: the lower
 * bands get the 3 men. */
static void test_block_spans_all(void **state)
{
    (void)state;
    double rate[8];
    const uint8_t isman[8] = {1, 0, 1, 0, 0, 1, 0, 0};
    for (int i = 0; i < 8; i++) rate[i] = 50.0;
    aud_quartile_band b[4];
    aud_quartiles_compute(rate, isman, 8, b);
    assert_int_equal(b[0].men, 1); assert_int_equal(b[1].men, 1);
    assert_int_equal(b[2].men, 1); assert_int_equal(b[3].men, 0);
    assert_int_equal(b[3].women, 2);
}

/* Unequal slots: block of 6 (4 men) over bands with 1, 3 and 2 slots:
 * quotas 4/6 = .667, 12/6 = 2, 8/6 = 1.333 -> 0, 2, 1 + one unit to the
 * largest remainder (band with 1 slot). */
static void test_largest_remainder(void **state)
{
    (void)state;
    /* N = 12, bands of 3: positions 0-2, 3-5, 6-8, 9-11. Block = positions 2..7. */
    const double rate[12] = {1, 2, 5, 5, 5, 5, 5, 5, 9, 10, 11, 12};
    const uint8_t isman[12] = {0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
    aud_quartile_band b[4];
    aud_quartiles_compute(rate, isman, 12, b);
    assert_int_equal(b[0].men, 1);
    assert_int_equal(b[1].men, 2);
    assert_int_equal(b[2].men, 1);
    assert_int_equal(b[3].men, 0);
    assert_int_equal(b[0].women + b[1].women + b[2].women + b[3].women, 8);
}

/* The straightforward form of the rule (every block shared by largest
 * remainder, each rate keyed twice), kept as the reference the fast path
 * must match. */
static void ref_share(size_t m, size_t L, const size_t slots[4], size_t men[4])
{
    size_t given = 0;
    uint64_t rem[4];
    for (int k = 0; k < 4; k++) {
        uint64_t num = (uint64_t)m * slots[k];
        men[k] = (size_t)(num / L);
        rem[k] = num % L;
        given += men[k];
    }
    while (given < m) {
        int best = -1;
        for (int k = 0; k < 4; k++)
            if (slots[k] > men[k] && rem[k] > 0 && (best < 0 || rem[k] > rem[best])) best = k;
        if (best < 0) break;
        men[best]++;
        rem[best] = 0;
        given++;
    }
}

static void ref_quartiles(const double *rate, const uint8_t *is_man, size_t n, aud_quartile_band band[4])
{
    size_t start[5], q = n / 4, r = n % 4;
    start[0] = 0;
    for (int k = 0; k < 4; k++) {
        band[k].size = q + ((size_t)k < r ? 1 : 0);
        band[k].women = band[k].men = 0;
        start[k + 1] = start[k] + band[k].size;
        band[k].min_rate = band[k].size ? rate[start[k]] : NAN;
        band[k].max_rate = band[k].size ? rate[start[k + 1] - 1] : NAN;
    }
    for (size_t a = 0; a < n;) {
        size_t b = a + 1, m = is_man[a] ? 1 : 0;
        while (b < n && aud_quartiles_same_rate(rate[b], rate[a])) { m += is_man[b] ? 1 : 0; b++; }
        size_t slots[4], men[4];
        for (int k = 0; k < 4; k++) {
            size_t lo = a > start[k] ? a : start[k], hi = b < start[k + 1] ? b : start[k + 1];
            slots[k] = hi > lo ? hi - lo : 0;
        }
        ref_share(m, b - a, slots, men);
        for (int k = 0; k < 4; k++) { band[k].men += men[k]; band[k].women += slots[k] - men[k]; }
        a = b;
    }
}

static int cmp_rate(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Random ranked rates with many ties (few distinct rates, so blocks often
 * straddle one or several band boundaries), rates within 1e-6 of each
 * other, sizes 0..60 and a few thousand: the fast path gives the reference
 * result exactly. */
static void test_matches_reference(void **state)
{
    (void)state;
    uint64_t st = 12345;
    double rate[3000];
    uint8_t man[3000];
    for (int t = 0; t < 3000; t++) {
        size_t n = t < 2900 ? (size_t)(t % 61) : 1000 + (size_t)t % 2000;
        int distinct = 1 + t % 9;
        for (size_t i = 0; i < n; i++) {
            st ^= st << 13; st ^= st >> 7; st ^= st << 17;
            rate[i] = 10.0 + (double)(st % (uint64_t)distinct) + (t % 3 == 0 ? (double)(st >> 40 & 1) * 4e-7 : 0);
            man[i] = (uint8_t)(st >> 20 & 1);
        }
        qsort(rate, n, sizeof *rate, cmp_rate);
        aud_quartile_band want[4], got[4];
        ref_quartiles(rate, man, n, want);
        aud_quartiles_compute(rate, man, n, got);
        for (int k = 0; k < 4; k++) {
            assert_int_equal(got[k].size, want[k].size);
            assert_int_equal(got[k].women, want[k].women);
            assert_int_equal(got[k].men, want[k].men);
            assert_memory_equal(&got[k].min_rate, &want[k].min_rate, sizeof(double));
            assert_memory_equal(&got[k].max_rate, &want[k].max_rate, sizeof(double));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example),
        cmocka_unit_test(test_tie_order_irrelevant),
        cmocka_unit_test(test_tie_tolerance),
        cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_block_spans_all),
        cmocka_unit_test(test_largest_remainder),
        cmocka_unit_test(test_matches_reference),
    };
    return cmocka_run_group_tests_name("quartiles", tests, NULL, NULL);
}
