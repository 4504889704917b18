/* test_paygap.c - METRICS.md §1-§2 on small hand-computed datasets, plus
 * property tests (sex swap, pay scaling, row order). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "paymetrics_fixture.h"
#include "paygap.h"

/* 3 women (base 1000, 2000, 3000; the first with 1200 variable) and 3 men
 * (2000, 3000 + 1200 variable, 4000 + 2400 variable), full time, job "A".
 * annual W: 13200 24000 36000 (mean 24400, median 24000)
 * annual M: 24000 37200 50400 (mean 37200, median 37200) */
static aud_dataset *case_a(void)
{
    aud_dataset *d = aud_dataset_new();
    assert_non_null(d);
    const double base[6] = {1000, 2000, 3000, 2000, 3000, 4000};
    const double var[6] = {1200, 0, 0, 0, 1200, 2400};
    for (int i = 0; i < 6; i++) {
        size_t r = fx_add(d, i < 3 ? 'F' : 'M', base[i]);
        if (var[i] > 0) d->wf.variable_pay[r] = var[i];
        fx_str(d, AUD_F_JOB, r, "A");
    }
    d->has_field[AUD_F_VARIABLE_PAY] = true;
    return d;
}

static void test_gaps_case_a(void **state)
{
    (void)state;
    aud_dataset *d = case_a();
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_paygap_compute);
    FX_NEAR(r, "headcount", 6);
    FX_NEAR(r, "headcount_women", 3);
    FX_NEAR(r, "women_share_pct", 50);
    FX_NEAR(r, "pay_gap_mean_pct", (37200.0 - 24400) / 37200 * 100);      /* 34.4086 */
    FX_NEAR(r, "pay_gap_median_pct", (37200.0 - 24000) / 37200 * 100);    /* 35.4839 */
    FX_NEAR(r, "pay_gap_mean_pct_hcp", (37200.0 - 24400) / 24400 * 100); /* 52.4590 */
    FX_NEAR(r, "base_gap_mean_pct", 100.0 / 3);
    FX_NEAR(r, "base_gap_median_pct", 100.0 / 3);
    /* same hours for everyone: hourly gaps equal the pay_fte gaps */
    FX_NEAR(r, "hourly_gap_mean_pct", (37200.0 - 24400) / 37200 * 100);
    FX_NEAR(r, "hourly_gap_median_pct", (37200.0 - 24000) / 37200 * 100);
    /* recipients W {1200}, M {1200, 2400}: means 1200 / 1800 */
    FX_NEAR(r, "variable_gap_mean_pct", 100.0 / 3);
    FX_NEAR(r, "variable_gap_median_pct", 100.0 / 3);
    FX_NEAR(r, "variable_recipients_women_pct", 100.0 / 3);
    FX_NEAR(r, "variable_recipients_men_pct", 200.0 / 3);
    /* hourly ranks: W13200 | W24000 M24000 (tie) | W36000 M37200 M50400;
     * bands 2,2,1,1; the tie's man (quota .5/.5) goes to the lower band. */
    FX_NEAR(r, "quartile1_women_pct", 50);
    FX_NEAR(r, "quartile2_women_pct", 100);
    FX_NEAR(r, "quartile3_women_pct", 0);
    FX_NEAR(r, "quartile4_women_pct", 0);
    assert_int_equal(fx_rows(r, "quartiles"), 4);
    assert_true(fx_cell_num(r, "quartiles", 0, "size") == 2);
    assert_true(fabs(fx_cell_num(r, "quartiles", 0, "min_hourly") - 13200.0 / 2292) < 1e-9);
    assert_true(fabs(fx_cell_num(r, "quartiles", 3, "max_hourly") - 50400.0 / 2292) < 1e-9);
    /* women 1 < min_cell 3: suppressed */
    assert_int_equal(fx_cell_type(r, "quartiles", 0, "women"), AUD_V_SUPPRESSED);
    /* one job with 3 + 3: compared, gap 34 % flagged */
    FX_NEAR(r, "eu_categories_compared", 1);
    FX_NEAR(r, "eu_categories_flagged", 1);
    assert_true(aud_results_get(r, "eu_joint_assessment")->v.b);
    assert_string_equal(fx_cell_str(r, "pay_by_equal_value_group", 0, "group"), "A");
    assert_true(fabs(fx_cell_num(r, "pay_by_equal_value_group", 0, "mean_pay_women") - 24400) < 1e-9);
    assert_true(fabs(fx_cell_num(r, "pay_by_equal_value_group", 0, "median_pay_men") - 37200) < 1e-9);
    assert_true(fabs(fx_cell_num(r, "pay_by_equal_value_group", 0, "mean_base_men") - 36000) < 1e-9);
    /* mean variable over all: W 400, M 1200 -> gap 66.67 */
    assert_true(fabs(fx_cell_num(r, "pay_by_equal_value_group", 0, "mean_variable_women") - 400) < 1e-9);
    assert_true(fabs(fx_cell_num(r, "pay_by_equal_value_group", 0, "gap_variable_pct") - 200.0 / 3) < 1e-9);
    assert_true(fabs(fx_cell_num(r, "pay_by_equal_value_group", 0, "gap_base_pct") - 100.0 / 3) < 1e-9);
    assert_true(fx_cell(r, "pay_by_equal_value_group", 0, "flag_5pct")->b);
    aud_results_free(r);
    aud_dataset_free(d);
}

/* Part-time: fte field, monthly_hours only, and full time all give the same
 * pay_fte; hourly uses the hours. */
static void test_part_time(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    size_t w1 = fx_add(d, 'F', 1000); d->wf.fte[w1] = 0.5;          /* pay_fte 24000 */
    fx_add(d, 'F', 3000);                                          /* 36000 */
    size_t m1 = fx_add(d, 'M', 1500); d->wf.monthly_hours[m1] = 95.5; /* fte .5 -> 36000 */
    fx_add(d, 'M', 2000);                                          /* 24000 */
    aud_options o; fx_options(&o); o.min_cell = 1;
    aud_results *r = fx_run(d, &o, aud_paygap_compute);
    FX_NEAR(r, "pay_gap_mean_pct", 0);
    FX_NEAR(r, "pay_gap_median_pct", 0);
    FX_NEAR(r, "base_gap_mean_pct", 0);
    FX_NEAR(r, "hourly_gap_mean_pct", 0);
    /* hourly: 24000/2292 twice (W, M), 36000/2292 twice: bands of 1, ties
     * shared: block {W,M} of the lower rate over bands 1-2 -> man to band 1. */
    FX_NEAR(r, "quartile1_women_pct", 0);
    FX_NEAR(r, "quartile2_women_pct", 100);
    /* no job/grade field: categories of workers = category, all missing */
    FX_NEAR(r, "eu_categories_compared", 0);
    assert_false(aud_results_get(r, "eu_joint_assessment")->v.b);
    /* min_cell 1: nothing suppressed in the workforce table (missing category row) */
    assert_int_equal(fx_rows(r, "workforce_by_category"), 1);
    assert_null(fx_cell_str(r, "workforce_by_category", 0, "category"));
    assert_true(fx_cell_num(r, "workforce_by_category", 0, "women") == 2);
    FX_NEAR(r, "variable_recipients_women_pct", 0);
    fx_null(r, "variable_gap_mean_pct", "no_recipients");
    fx_null(r, "variable_gap_median_pct", "no_recipients");
    aud_results_free(r);
    aud_dataset_free(d);
}

static void test_one_sex_absent(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    for (int i = 0; i < 3; i++) {
        size_t r = fx_add(d, 'F', 1000 + 100 * i);
        if (i == 0) d->wf.variable_pay[r] = 500;
    }
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_paygap_compute);
    FX_NEAR(r, "headcount_men", 0);
    FX_NEAR(r, "women_share_pct", 100);
    fx_null(r, "pay_gap_mean_pct", "no_men");
    fx_null(r, "pay_gap_median_pct", "no_men");
    fx_null(r, "pay_gap_mean_pct_hcp", "no_men");
    fx_null(r, "hourly_gap_mean_pct", "no_men");
    fx_null(r, "variable_gap_mean_pct", "no_men");
    fx_null(r, "variable_recipients_men_pct", "no_men");
    FX_NEAR(r, "variable_recipients_women_pct", 100.0 / 3);
    FX_NEAR(r, "quartile1_women_pct", 100);
    fx_null(r, "quartile4_women_pct", "empty_band");    /* N = 3: 1, 1, 1, 0 */
    FX_NEAR(r, "eu_categories_compared", 0);
    fx_null(r, "hires_women", "no_hire_date");
    fx_null(r, "exits_men", "no_exit_date");
    aud_results_free(r);
    aud_dataset_free(d);
}

static void test_empty(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_paygap_compute);
    FX_NEAR(r, "headcount", 0);
    fx_null(r, "women_share_pct", "no_employees");
    fx_null(r, "pay_gap_mean_pct", "no_women");
    fx_null(r, "quartile1_women_pct", "no_pay_data");
    assert_int_equal(fx_rows(r, "pay_by_category"), 0);
    aud_results_free(r);
    aud_dataset_free(d);
}

/* Women present but none with pay figures (base 0). */
static void test_no_pay_women(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    fx_add(d, 'F', 0);
    fx_add(d, 'M', 2000);
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_paygap_compute);
    fx_null(r, "pay_gap_mean_pct", "no_pay_data_women");
    fx_null(r, "base_gap_median_pct", "no_pay_data_women");
    FX_NEAR(r, "headcount", 2);
    aud_results_free(r);
    aud_dataset_free(d);
}

/* Allowances cancelling the base: men's mean and median pay are 0, so the
 * gaps (divided by men's pay) are not calculable; the HCP one is. */
static void test_men_pay_zero(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    fx_add(d, 'F', 1000);
    size_t a = fx_add(d, 'M', 1000); d->wf.allowances[a] = -1000;
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_paygap_compute);
    fx_null(r, "pay_gap_mean_pct", "men_mean_zero");
    fx_null(r, "pay_gap_median_pct", "men_median_zero");
    FX_NEAR(r, "pay_gap_mean_pct_hcp", -100);          /* (0 - 12000) / 12000 */
    FX_NEAR(r, "base_gap_mean_pct", 0);
    aud_results_free(r);
    aud_dataset_free(d);
}

/* methods.md §1.6 worked example through the whole pipeline: hourly rates
 * 8F 8F 9M 10F 10F 10M 10M 10F 12M 15M 20M (base = rate x 191, full time). */
static void test_worked_example_dataset(void **state)
{
    (void)state;
    const double rate[] = {10, 8, 20, 10, 9, 10, 12, 8, 10, 15, 10};
    const char sex[] = "FFMMMMMFFMF";   /* shuffled order of the same people */
    aud_dataset *d = aud_dataset_new();
    for (int i = 0; i < 11; i++) fx_add(d, sex[i], rate[i] * 191);
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_paygap_compute);
    FX_NEAR(r, "quartile1_women_pct", 200.0 / 3);
    FX_NEAR(r, "quartile2_women_pct", 200.0 / 3);
    FX_NEAR(r, "quartile3_women_pct", 100.0 / 3);
    FX_NEAR(r, "quartile4_women_pct", 0);
    /* hourly means W (8+8+10+10+10)/5 = 9.2, M (9+10+10+12+15+20)/6 = 76/6 */
    FX_NEAR(r, "hourly_gap_mean_pct", (76.0 / 6 - 9.2) / (76.0 / 6) * 100);
    /* medians W 10, M (10+12)/2 = 11 (even count) */
    FX_NEAR(r, "hourly_gap_median_pct", (11 - 10.0) / 11 * 100);
    aud_results_free(r);
    aud_dataset_free(d);
}

static void test_workforce_tables(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    /* category "b": 3 W, 3 M; "A": 1 W, 4 M; "\xc3\x89" (É): 3 W 3 M; one missing */
    const char *cat[] = {"b", "b", "b", "b", "b", "b", "A", "A", "A", "A", "A",
                         "\xc3\x89", "\xc3\x89", "\xc3\x89", "\xc3\x89", "\xc3\x89", "\xc3\x89", NULL};
    const char sex[] = "FFFMMMFMMMMFFFMMMF";
    const char *grade[] = {"10", "9", "2", "10", "9", "2", "10", "9", "2", "10", "9", "2",
                           "10", "9", "2", "10", "9", "2"};
    for (int i = 0; i < 18; i++) {
        size_t r = fx_add(d, sex[i], 2000);
        if (cat[i]) fx_str(d, AUD_F_CATEGORY, r, cat[i]);
        fx_str(d, AUD_F_GRADE, r, grade[i]);
        fx_str(d, AUD_F_CONTRACT, r, "CDI");
        d->wf.birth_date[r] = aud_days_from_civil(1990 - i, 6, 1);   /* ages 35 .. 52 */
    }
    size_t intern = fx_add(d, 'F', 500);
    fx_str(d, AUD_F_CONTRACT, intern, "Stage");                   /* not in the population */
    d->wf.age[intern] = 22;
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_paygap_compute);
    FX_NEAR(r, "headcount", 18);
    /* bytes order: "A" < "b" < "É", missing last */
    assert_int_equal(fx_rows(r, "workforce_by_category"), 4);
    assert_string_equal(fx_cell_str(r, "workforce_by_category", 0, "category"), "A");
    assert_string_equal(fx_cell_str(r, "workforce_by_category", 1, "category"), "b");
    assert_string_equal(fx_cell_str(r, "workforce_by_category", 2, "category"), "\xc3\x89");
    assert_null(fx_cell_str(r, "workforce_by_category", 3, "category"));
    /* "A": 1 woman < 3 -> her count and the share suppressed, total shown */
    assert_int_equal(fx_cell_type(r, "workforce_by_category", 0, "women"), AUD_V_SUPPRESSED);
    assert_true(fx_cell_num(r, "workforce_by_category", 0, "men") == 4);
    assert_true(fx_cell_num(r, "workforce_by_category", 0, "total") == 5);
    assert_int_equal(fx_cell_type(r, "workforce_by_category", 0, "women_share_pct"), AUD_V_SUPPRESSED);
    assert_true(fx_cell_num(r, "workforce_by_category", 1, "women_share_pct") == 50);
    /* missing-category row: 1 woman, 0 men -> both suppressed */
    assert_int_equal(fx_cell_type(r, "workforce_by_category", 3, "men"), AUD_V_SUPPRESSED);
    /* grades: all numeric -> 2, 9, 10 */
    assert_int_equal(fx_rows(r, "workforce_by_grade"), 3);
    assert_string_equal(fx_cell_str(r, "workforce_by_grade", 0, "grade"), "2");
    assert_string_equal(fx_cell_str(r, "workforce_by_grade", 2, "grade"), "10");
    /* contract: only CDI in the population */
    assert_int_equal(fx_rows(r, "workforce_by_contract"), 1);
    assert_true(fx_cell_num(r, "workforce_by_contract", 0, "total") == 18);
    /* ages at 2025-12-31: 35..52 -> 30-39: i=0..4 (5), 40-49: i=5..14 (10), 50+: 3 */
    assert_int_equal(fx_rows(r, "workforce_by_age_band"), 3);
    assert_string_equal(fx_cell_str(r, "workforce_by_age_band", 0, "age_band"), "30-39");
    assert_true(fx_cell_num(r, "workforce_by_age_band", 0, "total") == 5);
    assert_true(fx_cell_num(r, "workforce_by_age_band", 1, "total") == 10);
    assert_string_equal(fx_cell_str(r, "workforce_by_age_band", 2, "age_band"), "50+");
    aud_results_free(r);
    aud_dataset_free(d);
}

/* A non-numeric grade switches the whole table to byte order. */
static void test_grade_bytes_order(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    const char *g[] = {"10", "9", "A"};
    for (int i = 0; i < 3; i++) fx_str(d, AUD_F_GRADE, fx_add(d, 'F', 1000), g[i]);
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_paygap_compute);
    assert_string_equal(fx_cell_str(r, "workforce_by_grade", 0, "grade"), "10");
    assert_string_equal(fx_cell_str(r, "workforce_by_grade", 1, "grade"), "9");
    assert_string_equal(fx_cell_str(r, "workforce_by_grade", 2, "grade"), "A");
    aud_results_free(r);
    aud_dataset_free(d);
}

static void test_movements_and_inputs(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    uint32_t in;
    assert_int_equal(aud_dataset_add_input(d, "a.csv", AUD_KIND_WORKFORCE, &in), AUD_OK);
    d->inputs[in].rows_read = 10; d->inputs[in].rows_accepted = 8; d->inputs[in].rows_rejected = 2;
    assert_int_equal(aud_dataset_add_input(d, "b.csv", AUD_KIND_WORKFORCE, &in), AUD_OK);
    d->inputs[in].rows_read = 5; d->inputs[in].rows_accepted = 5;
    assert_int_equal(aud_dataset_add_input(d, "app.csv", AUD_KIND_APPLICANTS, &in), AUD_OK);
    d->inputs[in].rows_read = 100; d->inputs[in].rows_accepted = 100;
    d->warnings = 7;
    size_t a = fx_add(d, 'F', 2000); d->wf.hire_date[a] = aud_days_from_civil(2025, 1, 1);   /* hired in */
    size_t b = fx_add(d, 'F', 2000); d->wf.hire_date[b] = aud_days_from_civil(2024, 12, 31); /* before */
    size_t c = fx_add(d, 'M', 2000); d->wf.hire_date[c] = aud_days_from_civil(2025, 12, 31); /* last day */
    size_t e = fx_add(d, 'M', 2000); d->wf.exit_date[e] = aud_days_from_civil(2025, 6, 30);  /* leaver */
    size_t f = fx_add(d, 'F', 2000); d->wf.exit_date[f] = aud_days_from_civil(2026, 1, 15);  /* after */
    d->has_field[AUD_F_HIRE_DATE] = d->has_field[AUD_F_EXIT_DATE] = true;
    d->moves.has_previous = true; d->moves.hires_women = 40;   /* ignored: dates win */
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_paygap_compute);
    FX_NEAR(r, "rows_read", 15);
    FX_NEAR(r, "rows_accepted", 13);
    FX_NEAR(r, "rows_rejected", 2);
    FX_NEAR(r, "warnings", 7);
    FX_NEAR(r, "hires_women", 1);
    FX_NEAR(r, "hires_men", 1);
    FX_NEAR(r, "exits_women", 0);
    FX_NEAR(r, "exits_men", 1);
    FX_NEAR(r, "headcount", 4);     /* the leaver is out of the population */
    aud_results_free(r);
    /* no date columns: the previous-snapshot counts stand in */
    d->has_field[AUD_F_HIRE_DATE] = d->has_field[AUD_F_EXIT_DATE] = false;
    for (size_t i = 0; i < d->wf.n; i++) d->wf.hire_date[i] = d->wf.exit_date[i] = AUD_NO_DATE;
    d->moves.hires_men = 3; d->moves.exits_women = 2; d->moves.exits_men = 1;
    r = fx_run(d, &o, aud_paygap_compute);
    FX_NEAR(r, "hires_women", 40);
    FX_NEAR(r, "hires_men", 3);
    FX_NEAR(r, "exits_women", 2);
    aud_results_free(r);
    aud_dataset_free(d);
}

static void test_pay_tables(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    /* category X: W 1000 2000 3000 (median 24000), M 2000 2000 5000 6000
     * (annual 24000 24000 60000 72000: mean 45000, median 42000);
     * category Y: 1 W, 3 M -> women suppressed, gaps suppressed. */
    const double wx[] = {1000, 2000, 3000}, mx[] = {2000, 2000, 5000, 6000};
    for (int i = 0; i < 3; i++) {
        size_t r = fx_add(d, 'F', wx[i]); fx_str(d, AUD_F_CATEGORY, r, "X");
        d->wf.hire_date[r] = aud_days_from_civil(2025, 3, 1);              /* 0-1 */
    }
    for (int i = 0; i < 4; i++) {
        size_t r = fx_add(d, 'M', mx[i]); fx_str(d, AUD_F_CATEGORY, r, "X");
        d->wf.hire_date[r] = aud_days_from_civil(2010, 3, 1);              /* 15 y: 10-19 */
    }
    fx_str(d, AUD_F_CATEGORY, fx_add(d, 'F', 4000), "Y");
    for (int i = 0; i < 3; i++) fx_str(d, AUD_F_CATEGORY, fx_add(d, 'M', 4000), "Y");
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_paygap_compute);
    const char *t = "pay_by_category";
    assert_int_equal(fx_rows(r, t), 2);
    assert_string_equal(fx_cell_str(r, t, 0, "category"), "X");
    assert_true(fx_cell_num(r, t, 0, "n_women") == 3);
    assert_true(fabs(fx_cell_num(r, t, 0, "mean_pay_men") - 45000) < 1e-9);
    assert_true(fabs(fx_cell_num(r, t, 0, "median_pay_men") - 42000) < 1e-9);
    assert_true(fabs(fx_cell_num(r, t, 0, "median_pay_women") - 24000) < 1e-9);
    assert_true(fabs(fx_cell_num(r, t, 0, "gap_mean_pct") - (45000.0 - 24000) / 45000 * 100) < 1e-9);
    assert_true(fabs(fx_cell_num(r, t, 0, "gap_median_pct") - (42000.0 - 24000) / 42000 * 100) < 1e-9);
    assert_int_equal(fx_cell_type(r, t, 1, "n_women"), AUD_V_SUPPRESSED);
    assert_int_equal(fx_cell_type(r, t, 1, "mean_pay_women"), AUD_V_SUPPRESSED);
    assert_true(fx_cell_num(r, t, 1, "n_men") == 3);
    assert_true(fabs(fx_cell_num(r, t, 1, "mean_pay_men") - 48000) < 1e-9);
    assert_int_equal(fx_cell_type(r, t, 1, "gap_mean_pct"), AUD_V_SUPPRESSED);
    /* seniority: 0-1 (3 W), 10-19 (4 M), unknown (4 people) last */
    t = "pay_by_seniority_band";
    assert_int_equal(fx_rows(r, t), 3);
    assert_string_equal(fx_cell_str(r, t, 0, "seniority_band"), "0-1");
    assert_string_equal(fx_cell_str(r, t, 1, "seniority_band"), "10-19");
    assert_null(fx_cell_str(r, t, 2, "seniority_band"));
    assert_int_equal(fx_cell_type(r, t, 0, "n_men"), AUD_V_SUPPRESSED);
    /* age band unknown for all: one row, null label */
    assert_int_equal(fx_rows(r, "pay_by_age_band"), 1);
    aud_results_free(r);
    aud_dataset_free(d);
}

static void test_equal_value(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    /* job X: W 950, M 1000 -> gap exactly 5 % (flagged); job Y: W 950.1 -> 4.99 % */
    for (int i = 0; i < 6; i++) {
        size_t r = fx_add(d, i < 3 ? 'F' : 'M', i < 3 ? 950 : 1000);
        fx_str(d, AUD_F_JOB, r, "X"); fx_str(d, AUD_F_CATEGORY, r, "C");
    }
    for (int i = 0; i < 6; i++) {
        size_t r = fx_add(d, i < 3 ? 'F' : 'M', i < 3 ? 950.1 : 1000);
        fx_str(d, AUD_F_JOB, r, "Y"); fx_str(d, AUD_F_CATEGORY, r, "C");
    }
    /* job Z: 2 W 3 M, gap 50 %: not compared (women < min_cell) */
    for (int i = 0; i < 5; i++) {
        size_t r = fx_add(d, i < 2 ? 'F' : 'M', i < 2 ? 500 : 1000);
        fx_str(d, AUD_F_JOB, r, "Z"); fx_str(d, AUD_F_CATEGORY, r, "D");
    }
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_paygap_compute);
    FX_NEAR(r, "eu_categories_compared", 2);
    FX_NEAR(r, "eu_categories_flagged", 1);
    assert_true(aud_results_get(r, "eu_joint_assessment")->v.b);
    const char *t = "pay_by_equal_value_group";
    assert_int_equal(fx_rows(r, t), 3);
    assert_true(fx_cell(r, t, 0, "flag_5pct")->b);
    assert_false(fx_cell(r, t, 1, "flag_5pct")->b);
    assert_int_equal(fx_cell_type(r, t, 2, "flag_5pct"), AUD_V_SUPPRESSED);
    assert_int_equal(fx_cell_type(r, t, 2, "gap_total_pct"), AUD_V_SUPPRESSED);
    assert_true(fx_cell_num(r, t, 2, "n_men") == 3);
    aud_results_free(r);
    /* --equal-value-by category: C (6 W 6 M, gap 4.995 %), D (2 W) */
    o.equal_value_by = "category";
    r = fx_run(d, &o, aud_paygap_compute);
    FX_NEAR(r, "eu_categories_compared", 1);
    FX_NEAR(r, "eu_categories_flagged", 0);
    assert_false(aud_results_get(r, "eu_joint_assessment")->v.b);
    assert_true(fabs(fx_cell_num(r, t, 0, "gap_total_pct") - 4.995) < 1e-9);
    aud_results_free(r);
    aud_dataset_free(d);
}

/* ---- properties on a random workforce ------------------------------- */

typedef struct rnd { uint64_t s; } rnd;
static double urand(rnd *g)
{
    g->s = g->s * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(g->s >> 11) / 9007199254740992.0;
}

typedef struct person {
    char sex; double base, allow, var, fte; int cat, job, grade; int32_t birth, hire;
} person;

#define NP 240
static void random_people(person *p, uint64_t seed)
{
    rnd g = {seed};
    for (int i = 0; i < NP; i++) {
        p[i].sex = urand(&g) < 0.45 ? 'F' : 'M';
        p[i].base = 3000 + urand(&g) * 20000 + (p[i].sex == 'M' ? 1500 : 0);
        p[i].allow = urand(&g) < 0.5 ? NAN : urand(&g) * 800;
        p[i].var = urand(&g) < 0.6 ? NAN : urand(&g) * 9000;
        double f = urand(&g);
        p[i].fte = f < 0.7 ? NAN : f < 0.85 ? 0.5 : 0.8;
        p[i].cat = (int)(urand(&g) * 4);
        p[i].job = (int)(urand(&g) * 6);
        p[i].grade = 1 + (int)(urand(&g) * 5);
        p[i].birth = aud_days_from_civil(1960 + (int)(urand(&g) * 44), 1 + (int)(urand(&g) * 12), 3);
        p[i].hire = aud_days_from_civil(1990 + (int)(urand(&g) * 36), 1 + (int)(urand(&g) * 12), 7);
    }
}

static aud_dataset *build(const person *p, const int *order, bool swap, double scale)
{
    static const char *const cats[] = {"Cadres", "Employes", "Ouvriers", "TAM"};
    static const char *const jobs[] = {"j0", "j1", "j2", "j3", "j4", "j5"};
    aud_dataset *d = aud_dataset_new();
    for (int k = 0; k < NP; k++) {
        const person *q = &p[order ? order[k] : k];
        char sex = swap ? (q->sex == 'F' ? 'M' : 'F') : q->sex;
        size_t r = fx_add(d, sex, q->base * scale);
        d->wf.allowances[r] = q->allow * scale;
        d->wf.variable_pay[r] = q->var * scale;
        d->wf.fte[r] = q->fte;
        d->wf.birth_date[r] = q->birth;
        d->wf.hire_date[r] = q->hire;
        char gr[8];
        gr[0] = (char)('0' + q->grade); gr[1] = '\0';
        fx_str(d, AUD_F_CATEGORY, r, cats[q->cat]);
        fx_str(d, AUD_F_JOB, r, jobs[q->job]);
        fx_str(d, AUD_F_GRADE, r, gr);
    }
    return d;
}

static bool near(double a, double b) { return fabs(a - b) <= 1e-9 * (1 + fabs(a) + fabs(b)); }

static void same_value(const aud_value *a, const aud_value *b, double scale_a, bool money)
{
    assert_int_equal(a->type, b->type);
    if (a->type == AUD_V_NUM) assert_true(near(money ? a->num * scale_a : a->num, b->num));
    if (a->type == AUD_V_INT) assert_true(a->i == b->i);
    if (a->type == AUD_V_BOOL) assert_true(a->b == b->b);
    if (a->type == AUD_V_STR) assert_string_equal(a->str, b->str);
}

/* Every metric and table cell of a equals that of b (money columns of a
 * multiplied by scale). */
static void same_results(const aud_results *a, const aud_results *b, double scale)
{
    assert_int_equal(a->nmetrics, b->nmetrics);
    for (size_t k = 0; k < a->nmetrics; k++) {
        assert_string_equal(a->metrics[k].id, b->metrics[k].id);
        same_value(&a->metrics[k].v, &b->metrics[k].v, 1, false);
    }
    assert_int_equal(a->ntables, b->ntables);
    for (size_t k = 0; k < a->ntables; k++) {
        const aud_table *ta = a->tables[k], *tb = b->tables[k];
        assert_string_equal(ta->name, tb->name);
        assert_int_equal(ta->nrows, tb->nrows);
        for (size_t row = 0; row < ta->nrows; row++)
            for (size_t c = 0; c < ta->ncols; c++)
                same_value(aud_table_cell_c(ta, row, c), aud_table_cell_c(tb, row, c), scale,
                           ta->col_fmts[c] == AUD_COL_MONEY);
    }
}

static void test_property_shuffle(void **state)
{
    (void)state;
    person p[NP];
    int order[NP];
    random_people(p, 42);
    rnd g = {9};
    for (int i = 0; i < NP; i++) order[i] = i;
    for (int i = NP - 1; i > 0; i--) {
        int j = (int)(urand(&g) * (i + 1));
        int t = order[i]; order[i] = order[j]; order[j] = t;
    }
    aud_dataset *d1 = build(p, NULL, false, 1), *d2 = build(p, order, false, 1);
    aud_options o; fx_options(&o);
    aud_results *r1 = fx_run(d1, &o, aud_paygap_compute), *r2 = fx_run(d2, &o, aud_paygap_compute);
    same_results(r1, r2, 1);
    aud_results_free(r1); aud_results_free(r2);
    aud_dataset_free(d1); aud_dataset_free(d2);
}

static void test_property_scale(void **state)
{
    (void)state;
    person p[NP];
    random_people(p, 4242);
    aud_dataset *d1 = build(p, NULL, false, 1), *d2 = build(p, NULL, false, 1.37);
    aud_options o; fx_options(&o);
    aud_results *r1 = fx_run(d1, &o, aud_paygap_compute), *r2 = fx_run(d2, &o, aud_paygap_compute);
    same_results(r1, r2, 1.37);
    aud_results_free(r1); aud_results_free(r2);
    aud_dataset_free(d1); aud_dataset_free(d2);
}

static void test_property_swap(void **state)
{
    (void)state;
    person p[NP];
    random_people(p, 7);
    aud_dataset *d1 = build(p, NULL, false, 1), *d2 = build(p, NULL, true, 1);
    aud_options o; fx_options(&o);
    aud_results *r1 = fx_run(d1, &o, aud_paygap_compute), *r2 = fx_run(d2, &o, aud_paygap_compute);
    static const char *const gaps[] = {
        "pay_gap_mean_pct", "pay_gap_median_pct", "base_gap_mean_pct", "base_gap_median_pct",
        "hourly_gap_mean_pct", "hourly_gap_median_pct", "variable_gap_mean_pct",
        "variable_gap_median_pct"};
    for (size_t k = 0; k < sizeof gaps / sizeof *gaps; k++) {
        double a = fx_num(r1, gaps[k]), b = fx_num(r2, gaps[k]);
        assert_true(a != 0 && (a > 0) == (b < 0));
        /* swapped gap (F - M) / F = minus the HCP form of the original */
        assert_true(near(b, -(a / (1 - a / 100))));
    }
    assert_true(fx_num(r1, "pay_gap_mean_pct") > 0);    /* men were paid 1500 more */
    assert_true(near(fx_num(r2, "pay_gap_mean_pct"), -fx_num(r1, "pay_gap_mean_pct_hcp")));
    assert_true(near(fx_num(r1, "women_share_pct"), 100 - fx_num(r2, "women_share_pct")));
    /* no tied rates in random data: quartile shares are complementary */
    for (int q = 1; q <= 4; q++) {
        char id[32] = "quartileX_women_pct";
        id[8] = (char)('0' + q);
        assert_true(near(fx_num(r1, id), 100 - fx_num(r2, id)));
    }
    assert_true(near(fx_num(r1, "variable_recipients_women_pct"), fx_num(r2, "variable_recipients_men_pct")));
    aud_results_free(r1); aud_results_free(r2);
    aud_dataset_free(d1); aud_dataset_free(d2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gaps_case_a),
        cmocka_unit_test(test_part_time),
        cmocka_unit_test(test_one_sex_absent),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_no_pay_women),
        cmocka_unit_test(test_men_pay_zero),
        cmocka_unit_test(test_worked_example_dataset),
        cmocka_unit_test(test_workforce_tables),
        cmocka_unit_test(test_grade_bytes_order),
        cmocka_unit_test(test_movements_and_inputs),
        cmocka_unit_test(test_pay_tables),
        cmocka_unit_test(test_equal_value),
        cmocka_unit_test(test_property_shuffle),
        cmocka_unit_test(test_property_scale),
        cmocka_unit_test(test_property_swap),
    };
    return cmocka_run_group_tests_name("paygap", tests, NULL, NULL);
}
