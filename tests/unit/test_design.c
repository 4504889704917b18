/* test_design.c - design columns, level order, Logib derived variables. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "design.h"
#include "measures.h"

#define NEAR(a, b, tol) do { double a_ = (a), b_ = (b); \
    if (!(fabs(a_ - b_) <= (tol) * (1.0 + fabs(b_)))) \
        fail_msg("%s = %.17g, expected %.17g", #a, a_, b_); } while (0)

static aud_options opts(void)
{
    aud_options o;
    aud_options_defaults(&o);
    aud_diag dg;
    assert_int_equal(aud_options_parse_period(&o, "2025", &dg), AUD_OK);
    return o;
}

static size_t add(aud_dataset *d, int female, int age, int sen, const char *cat, double base)
{
    size_t r;
    assert_int_equal(aud_wf_append(d, &r), AUD_OK);
    d->wf.sex[r] = female ? AUD_SEX_F : AUD_SEX_M;
    d->wf.age[r] = (int16_t)age;
    d->wf.seniority[r] = (int16_t)sen;
    d->wf.base_pay[r] = base;
    if (cat) assert_int_equal(aud_dataset_intern(d, cat, &d->wf.category[r]), AUD_OK);
    return r;
}

/* aud_design_dense, the streaming path, decides every row as
 * aud_design_row does and writes the same dense values and y to the bit,
 * with the levels aud_design_level gives. */
static void dense_agrees_with_row(const aud_design *D, const aud_dataset *d, const aud_measures *m)
{
    double x[16], y = 0, xd[AUD_DESIGN_DENSE_MAX], yd = 0;
    size_t lv[AUD_DESIGN_MAXCAT], nd = aud_design_ndense(D);
    assert_true(D->p <= 16 && nd <= AUD_DESIGN_DENSE_MAX);
    for (size_t i = 0; i < d->wf.n; i++) {
        bool used = aud_design_row(D, d, m, i, x, &y);
        assert_int_equal(aud_design_dense(D, d, m, i, xd, &yd, lv), used);
        if (!used) continue;
        assert_memory_equal(xd, x, nd * sizeof *x);
        assert_memory_equal(&yd, &y, sizeof y);
        for (size_t c = 0; c < D->ncat; c++) assert_int_equal(lv[c], aud_design_level(D, d, c, i));
    }
}

/* Levels sort by UTF-8 bytes ("B" < "a" < "b" < "É"); the first is the reference. */
static void test_standard_columns(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    static const char *const cats[] = {"b", "\xc3\x89", "a", "B"};
    for (int i = 0; i < 8; i++) add(d, i % 2, 30 + i, i, cats[i % 4], 5000 + 100 * i);
    size_t miss = add(d, 1, 40, 3, NULL, 6000);
    d->has_field[AUD_F_SEX] = d->has_field[AUD_F_BASE_PAY] = d->has_field[AUD_F_CATEGORY] = true;
    d->has_field[AUD_F_SENIORITY] = true;               /* no age column at all */
    aud_options o = opts();
    aud_measures m;
    assert_int_equal(aud_measures_compute(d, &o, &m), AUD_OK);
    aud_design D;
    assert_int_equal(aud_design_build(&D, d, &m, AUD_MODEL_AUTO), AUD_OK);
    assert_int_equal(D.model, AUD_MODEL_STANDARD);
    static const char *const names[] = {"intercept", "female", "seniority", "seniority^2",
                                        "category=a", "category=b", "category=\xc3\x89"};
    assert_int_equal(D.p, 7);
    for (size_t j = 0; j < 7; j++) assert_string_equal(D.names[j], names[j]);
    assert_true(D.rows == 8 && D.excluded == 1 && D.candidates == 9);
    assert_true(D.women == 4 && D.men == 4);
    double x[7], y;
    assert_true(aud_design_row(&D, d, &m, 1, x, &y));          /* "É", woman, sen 1 */
    double want[7] = {1, 1, 1, 1, 0, 0, 1};
    for (size_t j = 0; j < 7; j++) NEAR(x[j], want[j], 0);
    NEAR(y, log(12.0 * 5100), 1e-15);
    assert_true(aud_design_row(&D, d, &m, 3, x, &y));          /* "B" = reference */
    NEAR(x[4] + x[5] + x[6], 0, 0);
    assert_false(aud_design_row(&D, d, &m, miss, x, &y));
    dense_agrees_with_row(&D, d, &m);
    aud_design_free(&D);
    aud_measures_free(&m);
    aud_dataset_free(d);
}

static void test_logib_helpers(void **state)
{
    (void)state;
    static const double yt[] = {17, 15, 14, 15, 13, 12, 11, 7};
    for (int c = 1; c <= 8; c++) NEAR(aud_logib_years_of_training(c), yt[c - 1], 0);
    assert_true(isnan(aud_logib_years_of_training(0)) && isnan(aud_logib_years_of_training(9)));
    aud_dataset *d = aud_dataset_new();
    static const double wh[] = {40, 42, 40, 38, 42, NAN};
    for (size_t i = 0; i < 6; i++) { size_t r; assert_int_equal(aud_wf_append(d, &r), AUD_OK); d->wf.weekly_hours[r] = wh[i]; }
    NEAR(aud_logib_mfww(d), 42, 0);                             /* 40 and 42 tie: the highest */
    d->wf.weekly_hours[4] = 38;
    NEAR(aud_logib_mfww(d), 40, 0);
    assert_int_equal(aud_design_auto_model(d, AUD_MODEL_AUTO), AUD_MODEL_STANDARD);
    d->has_field[AUD_F_TRAINING_CODE] = d->has_field[AUD_F_REQUIREMENT_LEVEL] = true;
    assert_int_equal(aud_design_auto_model(d, AUD_MODEL_AUTO), AUD_MODEL_STANDARD);
    d->has_field[AUD_F_PROFESSIONAL_POSITION] = true;
    assert_int_equal(aud_design_auto_model(d, AUD_MODEL_AUTO), AUD_MODEL_LOGIB);
    assert_int_equal(aud_design_auto_model(d, AUD_MODEL_STANDARD), AUD_MODEL_STANDARD);
    aud_dataset_free(d);
}

static size_t logib_row(aud_dataset *d, int female, int age, int yos, int tc, int rl, int pp,
                        double ar, double ph, double wh, int pop)
{
    size_t r = add(d, female, age, yos, NULL, 5000);
    aud_workforce *w = &d->wf;
    w->training_code[r] = (int8_t)tc; w->requirement_level[r] = (int8_t)rl;
    w->professional_position[r] = (int8_t)pp; w->activity_rate[r] = ar; w->paid_hours[r] = ph;
    w->weekly_hours[r] = wh; w->allowances[r] = 200; w->thirteenth[r] = 400; w->special_payments[r] = NAN;
    w->population_code[r] = (int8_t)pop;
    return r;
}

/* Logib columns, reference levels (highest code), FTE and standardisation. */
static void test_logib_design(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    size_t monthly = logib_row(d, 1, 45, 10, 1, 1, 3, 80, 0, 40, 1);
    size_t hourly = logib_row(d, 0, 30, 2, 8, 4, 5, 0, 100, NAN, -1);
    size_t other = logib_row(d, 0, 50, 20, 6, 2, 1, 100, 0, 42, 2);
    logib_row(d, 0, 35, 5, 6, 2, 1, 100, 0, 42, 1);
    logib_row(d, 1, 22, 1, 5, 4, 3, 50, 0, 42, 1);
    d->has_field[AUD_F_TRAINING_CODE] = d->has_field[AUD_F_REQUIREMENT_LEVEL] = true;
    d->has_field[AUD_F_PROFESSIONAL_POSITION] = true;
    aud_options o = opts();
    aud_measures m;
    assert_int_equal(aud_measures_compute(d, &o, &m), AUD_OK);
    aud_design D;
    assert_int_equal(aud_design_build(&D, d, &m, AUD_MODEL_AUTO), AUD_OK);
    assert_int_equal(D.model, AUD_MODEL_LOGIB);
    NEAR(D.mfww, 42, 0);
    /* levels used: requirement {1,2,4} -> ref 4; position {1,3,5} -> ref 5 */
    static const char *const names[] = {"intercept", "female", "years_of_training", "years_of_service",
        "years_of_earning", "years_of_earning^2", "requirement_level=1", "requirement_level=2",
        "professional_position=1", "professional_position=3"};
    assert_int_equal(D.p, 10);
    for (size_t j = 0; j < 10; j++) assert_string_equal(D.names[j], names[j]);
    assert_true(D.rows == 4);                                   /* population 2 left out */
    double x[10], y;
    assert_true(aud_design_row(&D, d, &m, monthly, x, &y));
    double want[10] = {1, 1, 17, 10, 22, 484, 1, 0, 0, 1};      /* 45 - 17 - 6 = 22 */
    for (size_t j = 0; j < 10; j++) NEAR(x[j], want[j], 0);
    double fte = 40.0 * 80.0 / (100.0 * 42.0);
    NEAR(y, log((5000 + 200 + 400) / fte), 1e-15);
    assert_true(aud_design_row(&D, d, &m, hourly, x, &y));
    NEAR(x[2], 7, 0);
    NEAR(x[4], 17, 0);                                          /* 30 - 7 - 6 */
    NEAR(x[6] + x[7] + x[8] + x[9], 0, 0);                      /* both references */
    NEAR(y, log((5000 + 200 + 400) / (12.0 * 100.0 / (52.0 * 42.0))), 1e-15);
    assert_false(aud_design_row(&D, d, &m, other, x, &y));
    dense_agrees_with_row(&D, d, &m);
    aud_design_free(&D);
    aud_measures_free(&m);
    aud_dataset_free(d);
}

/* Excel YEARFRAC basis 1 as the logib package computes it. */
static void test_logib_yearfrac(void **state)
{
    (void)state;
    NEAR(aud_logib_yearfrac(aud_days_from_civil(2020, 1, 1), aud_days_from_civil(2021, 1, 1)), 1.0, 0);
    /* 3822 days x 11 years / 4018 days in 2015..2025 */
    NEAR(aud_logib_yearfrac(aud_days_from_civil(2015, 6, 15), aud_days_from_civil(2025, 12, 1)), 10.46341, 1e-12);
    NEAR(aud_logib_yearfrac(aud_days_from_civil(2023, 3, 1), aud_days_from_civil(2023, 9, 1)), 0.50411, 1e-12);
    NEAR(aud_logib_yearfrac(aud_days_from_civil(2019, 3, 1), aud_days_from_civil(2020, 2, 15)), 0.96164, 1e-12);
    NEAR(aud_logib_yearfrac(aud_days_from_civil(2023, 9, 1), aud_days_from_civil(2023, 3, 1)), 0.50411, 1e-12);
}

/* Dates in a Logib datalist: age = reference year - birth year (not full
 * years), service = YEARFRAC to the first day after the reference month. */
static void test_logib_dates(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    size_t r = logib_row(d, 1, 0, 0, 1, 1, 1, 100, 0, 40, 1);
    d->wf.age[r] = -1; d->wf.seniority[r] = -1;
    d->wf.birth_date[r] = aud_days_from_civil(1990, 12, 31);
    d->wf.hire_date[r] = aud_days_from_civil(2015, 6, 15);
    d->has_field[AUD_F_TRAINING_CODE] = d->has_field[AUD_F_REQUIREMENT_LEVEL] = true;
    d->has_field[AUD_F_PROFESSIONAL_POSITION] = true;
    aud_options o;
    aud_options_defaults(&o);
    aud_diag dg;
    assert_int_equal(aud_options_parse_period(&o, "2025-01-01:2025-06-30", &dg), AUD_OK);
    aud_measures m;
    assert_int_equal(aud_measures_compute(d, &o, &m), AUD_OK);
    aud_design D;
    assert_int_equal(aud_design_build(&D, d, &m, AUD_MODEL_LOGIB), AUD_OK);
    double x[8], y;
    assert_int_equal(D.p, 6);
    assert_true(aud_design_row(&D, d, &m, r, x, &y));
    NEAR(x[3], 10.04455, 1e-12);              /* 3669 days x 11 / 4018 */
    NEAR(x[4], 35 - 17 - 6, 0);               /* full years would say 34 */
    aud_design_free(&D);
    aud_measures_free(&m);
    aud_dataset_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_standard_columns),
        cmocka_unit_test(test_logib_helpers),
        cmocka_unit_test(test_logib_design),
        cmocka_unit_test(test_logib_yearfrac),
        cmocka_unit_test(test_logib_dates),
    };
    return cmocka_run_group_tests_name("design", tests, NULL, NULL);
}
