/* test_twobytwo.c - 2x2 selection statistics against methods.md §5.2's worked
 * example, Fisher's exact test against full enumeration, and edge cases. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "twobytwo.h"

static void near(double got, double want, double eps, const char *what)
{
    if (!(fabs(got - want) <= eps))
        fail_msg("%s: got %.17g, want %.17g (eps %g)", what, got, want, eps);
}

/* Morris 2017 / GGLuca adverseimpact: women 2/10, men 15/25. */
static void worked_example(void **state)
{
    (void)state;
    aud_2x2 t;
    aud_2x2_compute(10, 2, 25, 15, &t);
    near(t.rate_f, 0.2, 1e-15, "rate_f");
    near(t.rate_m, 0.6, 1e-15, "rate_m");
    near(t.impact_ratio, 1.0 / 3.0, 1e-12, "impact ratio");
    near(t.rate_ratio, 1.0 / 3.0, 1e-12, "rate ratio");
    assert_int_equal(t.four_fifths, 1);
    near(t.z, -2.139, 5e-4, "z");
    near(t.z_p, 0.0324, 5e-5, "z p");
    near(t.fisher_p, 0.0599, 5e-5, "fisher p");
    near(t.shortfall, 4.0, 1e-12, "shortfall");
    /* expected selected women = 10 * 17 / 35 = 4.86 < 5 */
    assert_true(t.small_sample);
    assert_null(t.why_compare);
    assert_null(t.why_z);
    /* z exactly: (0.2 - 0.6) / sqrt(17/35 * 18/35 * (1/10 + 1/25)) */
    double pb = 17.0 / 35.0;
    near(t.z, -0.4 / sqrt(pb * (1 - pb) * 0.14), 1e-12, "z exact");
}

/* Fisher's tea-tasting table: two-sided p = 34/70. */
static void tea_tasting(void **state)
{
    (void)state;
    near(aud_fisher_exact_2sided(3, 1, 1, 3), 34.0 / 70.0, 1e-12, "tea");
    near(aud_fisher_exact_2sided(0, 0, 0, 0), 1.0, 0, "empty table");
}

static uint64_t choose(unsigned n, unsigned k)
{
    if (k > n) return 0;
    uint64_t c = 1;
    for (unsigned i = 1; i <= k; i++) c = c * (n - k + i) / i;
    return c;
}

/* Exact integer enumeration: table x has weight C(r1,x) C(r2,c1-x); it counts
 * when weight <= observed * (1 + 1e-7), tested as 1e7 w <= (1e7 + 1) w_obs. */
static double fisher_enum(unsigned a, unsigned b, unsigned c, unsigned d)
{
    unsigned r1 = a + b, r2 = c + d, c1 = a + c, n = r1 + r2;
    uint64_t wobs = choose(r1, a) * choose(r2, c);
    uint64_t sum = 0;
    unsigned lo = c1 > r2 ? c1 - r2 : 0, hi = c1 < r1 ? c1 : r1;
    for (unsigned x = lo; x <= hi; x++) {
        uint64_t w = choose(r1, x) * choose(r2, c1 - x);
        if (w * 10000000ULL <= wobs * 10000001ULL) sum += w;
    }
    return (double)sum / (double)choose(n, c1);
}

static void fisher_all_small_tables(void **state)
{
    (void)state;
    size_t tables = 0;
    for (unsigned n = 0; n <= 20; n++)
        for (unsigned r1 = 0; r1 <= n; r1++)
            for (unsigned c1 = 0; c1 <= n; c1++) {
                unsigned r2 = n - r1;
                unsigned lo = c1 > r2 ? c1 - r2 : 0, hi = c1 < r1 ? c1 : r1;
                for (unsigned a = lo; a <= hi; a++) {
                    unsigned b = r1 - a, c = c1 - a, d = r2 - c;
                    double want = fisher_enum(a, b, c, d);
                    double got = aud_fisher_exact_2sided(a, b, c, d);
                    if (!(fabs(got - want) <= 1e-10 * want + 1e-300)) {
                        char msg[128];
                        snprintf(msg, sizeof msg, "fisher [[%u,%u],[%u,%u]]", a, b, c, d);
                        near(got, want, 1e-10 * want, msg);
                    }
                    tables++;
                }
            }
    assert_true(tables > 10000);
}

/* Independent brute force for large n: every table, lgamma from libm. */
static double lnch(double n, double k) { return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1); }

static double fisher_brute(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    double r1 = (double)(a + b), r2 = (double)(c + d), c1 = (double)(a + c);
    double lobs = lnch(r1, (double)a) + lnch(r2, (double)c);
    double lo = c1 > r2 ? c1 - r2 : 0, hi = c1 < r1 ? c1 : r1, s = 0;
    for (double x = lo; x <= hi; x++) {
        double l = lnch(r1, x) + lnch(r2, c1 - x);
        if (l <= lobs + 1e-7) s += exp(l - lobs);
    }
    return exp(lobs - lnch(r1 + r2, c1) + log(s));
}

static void fisher_large(void **state)
{
    (void)state;
    /* n = 100 000: 10.0 % of 50 000 women vs 11.0 % of 50 000 men selected */
    double p = aud_fisher_exact_2sided(5000, 45000, 5500, 44500);
    assert_true(isfinite(p) && p > 0 && p < 1e-5);
    near(p, fisher_brute(5000, 45000, 5500, 44500), 1e-7 * p, "large vs brute");
    /* transposing the table or swapping the rows changes nothing */
    near(aud_fisher_exact_2sided(44500, 5500, 45000, 5000), p, 1e-9 * p, "row swap");
    near(aud_fisher_exact_2sided(5000, 5500, 45000, 44500), p, 1e-9 * p, "transpose");
    /* a small difference at n = 100 000 is not significant */
    double q = aud_fisher_exact_2sided(3000, 27000, 7050, 62950);
    near(q, fisher_brute(3000, 27000, 7050, 62950), 1e-7, "near-null vs brute");
    assert_true(q > 0.5 && q <= 1.0);
    /* identical rates: p = 1; extreme table: underflows to 0, never NAN */
    near(aud_fisher_exact_2sided(25000, 25000, 25000, 25000), 1.0, 0, "equal rates");
    double z = aud_fisher_exact_2sided(0, 50000, 50000, 0);
    assert_true(z >= 0 && z < 1e-300);
}

static void zero_selection(void **state)
{
    (void)state;
    aud_2x2 t;
    aud_2x2_compute(10, 0, 20, 0, &t);
    near(t.rate_f, 0, 0, "rate_f");
    assert_true(isnan(t.rate_ratio));
    assert_string_equal(t.why_ratio, "men_rate_zero");
    assert_true(isnan(t.impact_ratio));
    assert_string_equal(t.why_impact, "no_selection");
    assert_int_equal(t.four_fifths, -1);
    assert_true(isnan(t.z) && isnan(t.z_p));
    assert_string_equal(t.why_z, "no_variance");
    near(t.fisher_p, 1.0, 0, "fisher");
    near(t.shortfall, 0, 0, "shortfall");
    /* only women selected: ratio undefined, impact 0, flagged */
    aud_2x2_compute(10, 3, 10, 0, &t);
    assert_true(isnan(t.rate_ratio));
    near(t.impact_ratio, 0, 0, "impact");
    assert_int_equal(t.four_fifths, 1);
    near(t.shortfall, -3, 0, "shortfall women ahead");
    /* everyone selected: no variance, impact 1 */
    aud_2x2_compute(10, 10, 20, 20, &t);
    near(t.impact_ratio, 1, 0, "impact all");
    assert_int_equal(t.four_fifths, 0);
    assert_string_equal(t.why_z, "no_variance");
}

static void one_sex_absent(void **state)
{
    (void)state;
    aud_2x2 t;
    aud_2x2_compute(0, 0, 10, 3, &t);
    assert_true(isnan(t.rate_f));
    assert_string_equal(t.why_rate_f, "no_women");
    near(t.rate_m, 0.3, 1e-15, "rate_m");
    assert_string_equal(t.why_compare, "no_women");
    assert_true(isnan(t.fisher_p) && isnan(t.shortfall) && isnan(t.z));
    aud_2x2_compute(7, 2, 0, 0, &t);
    assert_string_equal(t.why_rate_m, "no_men");
    assert_string_equal(t.why_compare, "no_men");
    assert_int_equal(t.four_fifths, -1);
    /* selections larger than eligible are clamped */
    aud_2x2_compute(5, 9, 5, 1, &t);
    near(t.rate_f, 1.0, 0, "clamped");
}

static void four_fifths_boundary(void **state)
{
    (void)state;
    aud_2x2 t;
    aud_2x2_compute(100, 40, 100, 50, &t);   /* 0.4 / 0.5 = 0.8 exactly: not flagged */
    near(t.impact_ratio, 0.8, 1e-15, "0.8");
    assert_int_equal(t.four_fifths, 0);
    assert_false(t.small_sample);
    aud_2x2_compute(100, 39, 100, 50, &t);
    assert_int_equal(t.four_fifths, 1);
    near(aud_normal_p2(1.959963984540054), 0.05, 1e-12, "p at 1.96");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worked_example),
        cmocka_unit_test(tea_tasting),
        cmocka_unit_test(fisher_all_small_tables),
        cmocka_unit_test(fisher_large),
        cmocka_unit_test(zero_selection),
        cmocka_unit_test(one_sex_absent),
        cmocka_unit_test(four_fifths_boundary),
    };
    return cmocka_run_group_tests_name("twobytwo", tests, NULL, NULL);
}
