/* test_quartiles.c - UK reg 13 quarters: band sizes, tie blocks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example),
        cmocka_unit_test(test_tie_order_irrelevant),
        cmocka_unit_test(test_tie_tolerance),
        cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_block_spans_all),
        cmocka_unit_test(test_largest_remainder),
    };
    return cmocka_run_group_tests_name("quartiles", tests, NULL, NULL);
}
