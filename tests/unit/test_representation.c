/* test_representation.c - METRICS.md §7 (top 10, glass ceiling, Duncan,
 * pipeline) and §8 (SMIG, maternity returns) on hand-computed cases. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "paymetrics_fixture.h"
#include "representation.h"

/* 9 clear leaders (5 W, 4 M) and three people tied for 10th place. */
static aud_dataset *top_case(const char *const tie_ids[3])
{
    aud_dataset *d = aud_dataset_new();
    const char sex[] = "FMFMFMFMF";
    char id[8];
    for (int i = 0; i < 9; i++) {
        size_t r = fx_add(d, sex[i], 10000 + 1000 * i);
        id[0] = 'L'; id[1] = (char)('0' + i); id[2] = '\0';
        fx_id(d, r, id);
    }
    const char tsex[] = "FMF";
    for (int i = 0; i < 3; i++) fx_id(d, fx_add(d, tsex[i], 5000), tie_ids[i]);
    fx_id(d, fx_add(d, 'M', 100), "Z9");
    size_t gone = fx_add(d, 'M', 90000);                  /* left before the snapshot */
    d->wf.exit_date[gone] = aud_days_from_civil(2025, 3, 1);
    fx_id(d, gone, "A0");
    return d;
}

static void test_top10_ties_by_id(void **state)
{
    (void)state;
    aud_options o; fx_options(&o);
    const char *const a[3] = {"E10", "E02", "E11"};    /* E02 (a man) wins the tie */
    aud_dataset *d = top_case(a);
    aud_results *r = fx_run(d, &o, aud_representation_compute);
    FX_NEAR(r, "top10_women", 5);
    FX_NEAR(r, "top10_men", 5);
    aud_results_free(r);
    aud_dataset_free(d);
    const char *const b[3] = {"E01", "E02", "E11"};    /* E01 (a woman) wins */
    d = top_case(b);
    r = fx_run(d, &o, aud_representation_compute);
    FX_NEAR(r, "top10_women", 6);
    FX_NEAR(r, "top10_men", 4);
    aud_results_free(r);
    aud_dataset_free(d);
}

static void test_top10_small(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    fx_add(d, 'F', 2000); fx_add(d, 'M', 1000); fx_add(d, 'F', 0);   /* base 0: no annual pay */
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_representation_compute);
    FX_NEAR(r, "top10_women", 2);
    FX_NEAR(r, "top10_men", 1);
    aud_results_free(r);
    aud_dataset_free(d);
}

/* 10 people, 4 women (40 %); cadres: 5 people with 1 woman (20 %): GCI 2. */
static aud_dataset *gci_case(void)
{
    aud_dataset *d = aud_dataset_new();
    const char sex[] = "FMMMMFFFMM";
    const int csp[] = {3, 3, 3, 3, 3, 1, 1, 0, 0, 2};
    const char *grade[] = {"2", "10", "10", "10", "2", "1", "1", "1", "2", "2"};
    for (int i = 0; i < 10; i++) {
        size_t r = fx_add(d, sex[i], 3000);
        d->wf.csp[r] = (int8_t)csp[i];
        fx_str(d, AUD_F_GRADE, r, grade[i]);
    }
    return d;
}

static void test_glass_ceiling(void **state)
{
    (void)state;
    aud_dataset *d = gci_case();
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_representation_compute);
    FX_NEAR(r, "glass_ceiling_index", 2);
    aud_results_free(r);
    /* level mode: top = grade "10" (numeric order), 3 men: no woman */
    o.egapro_levels_grade = true;
    r = fx_run(d, &o, aud_representation_compute);
    fx_null(r, "glass_ceiling_index", "no_women_at_top");
    aud_results_free(r);
    /* a CSP unknown also falls back to grades; a woman in grade 10 -> 1 of 4 */
    o.egapro_levels_grade = false;
    d->wf.csp[9] = -1;
    fx_str(d, AUD_F_GRADE, 9, "10");
    d->wf.sex[9] = AUD_SEX_F;          /* now 5 women of 10 */
    r = fx_run(d, &o, aud_representation_compute);
    FX_NEAR(r, "glass_ceiling_index", 0.5 / 0.25);
    aud_results_free(r);
    aud_dataset_free(d);
    /* no grade, no CSP */
    d = aud_dataset_new();
    fx_add(d, 'F', 3000); fx_add(d, 'M', 3000);
    r = fx_run(d, &o, aud_representation_compute);
    fx_null(r, "glass_ceiling_index", "no_top_level");
    aud_results_free(r);
    aud_dataset_free(d);
}

static void test_duncan(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    /* A: 2 W 1 M; B: 1 W 3 M; one man without a category (ignored):
     * D = 0.5 (|1/4 - 2/3| + |3/4 - 1/3|) = 5/12 */
    const char *cat[] = {"A", "A", "A", "B", "B", "B", "B", NULL};
    const char sex[] = "FFMFMMMM";
    for (int i = 0; i < 8; i++) {
        size_t r = fx_add(d, sex[i], 3000);
        if (cat[i]) fx_str(d, AUD_F_CATEGORY, r, cat[i]);
    }
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_representation_compute);
    FX_NEAR(r, "duncan_index_category", 5.0 / 12);
    fx_null(r, "duncan_index_job", "no_job_field");
    aud_results_free(r);
    /* identical distributions: 0; complete segregation: 1 */
    for (int i = 0; i < 8; i++) fx_str(d, AUD_F_JOB, (size_t)i, sex[i] == 'F' ? "nurse" : "driver");
    r = fx_run(d, &o, aud_representation_compute);
    FX_NEAR(r, "duncan_index_job", 1);
    aud_results_free(r);
    aud_dataset_free(d);
}

static void test_pipeline(void **state)
{
    (void)state;
    aud_dataset *d = gci_case();
    aud_options o; fx_options(&o); o.min_cell = 1;
    aud_results *r = fx_run(d, &o, aud_representation_compute);
    const char *t = "representation_by_grade";
    /* grades 1 (3 W), 2 (1 W, 3 M), 10 (3 M) -> numeric order */
    assert_int_equal(fx_rows(r, t), 3);
    assert_string_equal(fx_cell_str(r, t, 0, "level"), "1");
    assert_string_equal(fx_cell_str(r, t, 2, "level"), "10");
    assert_true(fx_cell_num(r, t, 1, "women") == 1);
    assert_true(fx_cell_num(r, t, 1, "women_share_pct") == 25);
    assert_int_equal(fx_cell_type(r, t, 0, "men"), AUD_V_SUPPRESSED);   /* 0 < 1 */
    aud_results_free(r);
    o.min_cell = 3;
    r = fx_run(d, &o, aud_representation_compute);
    assert_int_equal(fx_cell_type(r, t, 1, "women"), AUD_V_SUPPRESSED);
    assert_int_equal(fx_cell_type(r, t, 1, "women_share_pct"), AUD_V_SUPPRESSED);
    assert_true(fx_cell_num(r, t, 1, "men") == 3);
    aud_results_free(r);
    aud_dataset_free(d);
}

static void test_below_smig(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    fx_add(d, 'F', 3266.10);                            /* 17.10 x 191: at SMIG */
    fx_add(d, 'F', 3000);                               /* below */
    size_t p1 = fx_add(d, 'M', 1633.05); d->wf.monthly_hours[p1] = 95.5;   /* at SMIG */
    size_t p2 = fx_add(d, 'M', 1600); d->wf.monthly_hours[p2] = 95.5;      /* below */
    size_t p3 = fx_add(d, 'M', 2000); d->wf.fte[p3] = 0.5;                 /* 20.94/h */
    fx_add(d, 'M', 0);                                  /* no pay figures: not checked */
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_representation_compute);
    fx_null(r, "below_smig_women", "no_smig");
    aud_results_free(r);
    o.smig = 17.10;
    r = fx_run(d, &o, aud_representation_compute);
    FX_NEAR(r, "below_smig_women", 1);
    FX_NEAR(r, "below_smig_men", 1);
    aud_results_free(r);
    o.smig = 17.92;
    r = fx_run(d, &o, aud_representation_compute);
    FX_NEAR(r, "below_smig_women", 2);
    FX_NEAR(r, "below_smig_men", 2);
    aud_results_free(r);
    aud_dataset_free(d);
}

static void test_maternity(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    for (int i = 0; i < 4; i++) {
        size_t r = fx_add(d, 'F', 3000);
        d->wf.maternity_return[r] = i < 3 ? 1 : 0;
        d->wf.raised_after_leave[r] = i < 2 ? 1 : 0;
    }
    size_t m = fx_add(d, 'M', 3000); d->wf.maternity_return[m] = 1; d->wf.raised_after_leave[m] = 1;
    size_t gone = fx_add(d, 'F', 3000);
    d->wf.maternity_return[gone] = 1; d->wf.exit_date[gone] = aud_days_from_civil(2025, 2, 1);
    aud_options o; fx_options(&o);
    aud_results *r = fx_run(d, &o, aud_representation_compute);
    fx_null(r, "maternity_returns", "no_maternity_field");
    fx_null(r, "maternity_returns_raised", "no_maternity_field");
    aud_results_free(r);
    d->has_field[AUD_F_MATERNITY_RETURN] = true;
    r = fx_run(d, &o, aud_representation_compute);
    FX_NEAR(r, "maternity_returns", 3);
    fx_null(r, "maternity_returns_raised", "no_raised_after_leave_field");
    aud_results_free(r);
    d->has_field[AUD_F_RAISED_AFTER_LEAVE] = true;
    r = fx_run(d, &o, aud_representation_compute);
    FX_NEAR(r, "maternity_returns_raised", 2);
    aud_results_free(r);
    aud_dataset_free(d);
}

static void test_empty(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    aud_options o; fx_options(&o); o.smig = 17.1;
    aud_results *r = fx_run(d, &o, aud_representation_compute);
    fx_null(r, "top10_women", "no_pay_data");
    fx_null(r, "glass_ceiling_index", "no_employees");
    fx_null(r, "duncan_index_category", "no_category_field");
    FX_NEAR(r, "below_smig_women", 0);
    assert_int_equal(fx_rows(r, "representation_by_grade"), 0);
    aud_results_free(r);
    aud_dataset_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_top10_ties_by_id),
        cmocka_unit_test(test_top10_small),
        cmocka_unit_test(test_glass_ceiling),
        cmocka_unit_test(test_duncan),
        cmocka_unit_test(test_pipeline),
        cmocka_unit_test(test_below_smig),
        cmocka_unit_test(test_maternity),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests_name("representation", tests, NULL, NULL);
}
