/* test_parity.c - promotion, raise and hiring parity on datasets built in C:
 * the methods.md §5.2 worked example as a promotion, null reasons, per-group
 * tables with suppression, the hiring funnel and a 1 000 000-applicant run. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "parity.h"
#include "twobytwo.h"

static void near(double got, double want, double eps, const char *what)
{
    if (!(fabs(got - want) <= eps))
        fail_msg("%s: got %.17g, want %.17g (eps %g)", what, got, want, eps);
}

static void setup_opts(aud_options *o)
{
    aud_options_defaults(o);
    o->period_start = aud_days_from_civil(2025, 1, 1);
    o->period_end = aud_days_from_civil(2025, 12, 31);
}

/* n employees of one sex in one category, `sel` of them with flag 1. */
static void add_staff(aud_dataset *d, int n, int sel, aud_sex sex, const char *cat, bool promo)
{
    uint32_t c;
    assert_int_equal(aud_dataset_intern(d, cat, &c), AUD_OK);
    for (int i = 0; i < n; i++) {
        size_t row;
        assert_int_equal(aud_wf_append(d, &row), AUD_OK);
        d->wf.sex[row] = (uint8_t)sex;
        d->wf.category[row] = c;
        d->wf.base_pay[row] = 5000;
        int8_t v = i < sel ? 1 : 0;
        if (promo) d->wf.promoted[row] = v;
        else d->wf.raised[row] = v;
    }
}

static aud_results *run(aud_dataset *d, const aud_options *o)
{
    aud_measures m;
    assert_int_equal(aud_measures_compute(d, o, &m), AUD_OK);
    aud_results *r = aud_results_new();
    assert_non_null(r);
    assert_int_equal(aud_parity_compute(d, &m, o, r), AUD_OK);
    aud_measures_free(&m);
    return r;
}

static const char *reason(const aud_results *r, const char *id)
{
    const aud_metric *m = aud_results_get(r, id);
    assert_non_null(m);
    return m->v.type == AUD_V_NULL && m->reason ? m->reason : "";
}

static double cellnum(const aud_table *t, size_t row, const char *col)
{
    int c = aud_table_col(t, col);
    assert_true(c >= 0);
    const aud_value *v = aud_table_cell_c(t, row, (size_t)c);
    assert_non_null(v);
    if (v->type == AUD_V_INT) return (double)v->i;
    if (v->type == AUD_V_NUM) return v->num;
    return NAN;
}

static aud_vtype celltype(const aud_table *t, size_t row, const char *col)
{
    return aud_table_cell_c(t, row, (size_t)aud_table_col(t, col))->type;
}

/* Worked example as promotions: women 2/10 (category A), men 15/25 split
 * over A (10/20) and B (5/5); plus rows that must not count. */
static void promotion_worked_example(void **state)
{
    (void)state;
    aud_options o;
    setup_opts(&o);
    aud_dataset *d = aud_dataset_new();
    d->has_field[AUD_F_PROMOTED] = true;
    add_staff(d, 10, 2, AUD_SEX_F, "A", true);
    add_staff(d, 20, 10, AUD_SEX_M, "A", true);
    add_staff(d, 5, 5, AUD_SEX_M, "B", true);
    size_t row;
    aud_wf_append(d, &row);            /* promoted unknown: not eligible */
    d->wf.sex[row] = AUD_SEX_F;
    aud_wf_append(d, &row);            /* left before the snapshot: not in population */
    d->wf.sex[row] = AUD_SEX_F;
    d->wf.promoted[row] = 1;
    d->wf.exit_date[row] = aud_days_from_civil(2025, 3, 1);
    aud_results *r = run(d, &o);

    near(aud_results_num(r, "promotion_eligible_women"), 10, 0, "eligible F");
    near(aud_results_num(r, "promotion_selected_women"), 2, 0, "selected F");
    near(aud_results_num(r, "promotion_eligible_men"), 25, 0, "eligible M");
    near(aud_results_num(r, "promotion_selected_men"), 15, 0, "selected M");
    near(aud_results_num(r, "promotion_rate_women_pct"), 20, 1e-12, "rate F");
    near(aud_results_num(r, "promotion_rate_men_pct"), 60, 1e-12, "rate M");
    near(aud_results_num(r, "promotion_impact_ratio"), 1.0 / 3, 1e-12, "IR");
    near(aud_results_num(r, "promotion_z"), -2.139, 5e-4, "z");
    near(aud_results_num(r, "promotion_z_p"), 0.0324, 5e-5, "z p");
    near(aud_results_num(r, "promotion_fisher_p"), 0.0599, 5e-5, "fisher");
    near(aud_results_num(r, "promotion_shortfall"), 4, 1e-12, "shortfall");
    const aud_metric *ff = aud_results_get(r, "promotion_four_fifths");
    assert_int_equal(ff->v.type, AUD_V_BOOL);
    assert_true(ff->v.b);
    assert_true(aud_results_get(r, "promotion_small_sample")->v.b);

    /* raise: field absent everywhere */
    assert_string_equal(reason(r, "raise_rate_women_pct"), "no_raise_field");
    assert_string_equal(reason(r, "raise_fisher_p"), "no_raise_field");
    /* hiring: no applicants */
    assert_string_equal(reason(r, "hiring_impact_ratio"), "no_applicants");

    /* by category: A has 10 women and 20 men; B has no woman -> suppressed */
    const aud_table *t = aud_results_table(r, "promotion_by_category");
    assert_non_null(t);
    assert_int_equal(t->nrows, 2);
    assert_string_equal(aud_table_cell_c(t, 0, 0)->str, "A");
    near(cellnum(t, 0, "eligible_men"), 20, 0, "A men");
    near(cellnum(t, 0, "rate_men_pct"), 50, 1e-12, "A rate M");
    near(cellnum(t, 0, "impact_ratio"), 0.4, 1e-12, "A IR");
    near(cellnum(t, 0, "shortfall"), 3, 1e-12, "A shortfall");
    assert_string_equal(aud_table_cell_c(t, 1, 0)->str, "B");
    assert_int_equal(celltype(t, 1, "eligible_men"), AUD_V_SUPPRESSED);
    assert_int_equal(celltype(t, 1, "fisher_p"), AUD_V_SUPPRESSED);
    assert_int_equal(t->col_fmts[aud_table_col(t, "z_p")], AUD_COL_PVALUE);
    assert_int_equal(t->col_fmts[aud_table_col(t, "rate_women_pct")], AUD_COL_PCT);
    assert_non_null(aud_results_table(r, "raise_by_category"));
    aud_results_free(r);
    aud_dataset_free(d);
}

static void raise_no_women(void **state)
{
    (void)state;
    aud_options o;
    setup_opts(&o);
    aud_dataset *d = aud_dataset_new();
    d->has_field[AUD_F_RAISED] = true;
    add_staff(d, 8, 3, AUD_SEX_M, "X", false);
    aud_results *r = run(d, &o);
    assert_string_equal(reason(r, "raise_rate_women_pct"), "no_women");
    near(aud_results_num(r, "raise_rate_men_pct"), 37.5, 1e-12, "rate M");
    assert_string_equal(reason(r, "raise_impact_ratio"), "no_women");
    assert_string_equal(reason(r, "raise_four_fifths"), "no_women");
    near(aud_results_num(r, "raise_eligible_women"), 0, 0, "eligible F");
    assert_string_equal(reason(r, "promotion_z"), "no_promotion_field");
    aud_results_free(r);
    aud_dataset_free(d);
}

static void add_applicants(aud_dataset *d, int n, aud_sex sex, int stage, const char *job)
{
    uint32_t j;
    assert_int_equal(aud_dataset_intern(d, job, &j), AUD_OK);
    for (int i = 0; i < n; i++) {
        size_t row;
        assert_int_equal(aud_ap_append(d, &row), AUD_OK);
        d->ap.sex[row] = (uint8_t)sex;
        d->ap.stage[row] = (int8_t)stage;
        d->ap.job[row] = j;
    }
}

/* Women: 40 applied, of which 20 screened, 10 interviewed, 6 offered, 4 hired.
 * Men: 60 applied, 40 screened, 20 interviewed, 12 offered, 12 hired. */
static void hiring_funnel(void **state)
{
    (void)state;
    aud_options o;
    setup_opts(&o);
    aud_dataset *d = aud_dataset_new();
    add_applicants(d, 20, AUD_SEX_F, AUD_STAGE_APPLIED, "dev");
    add_applicants(d, 10, AUD_SEX_F, AUD_STAGE_SCREENED, "dev");
    add_applicants(d, 4, AUD_SEX_F, AUD_STAGE_INTERVIEWED, "dev");
    add_applicants(d, 2, AUD_SEX_F, AUD_STAGE_OFFERED, "dev");
    add_applicants(d, 4, AUD_SEX_F, AUD_STAGE_HIRED, "dev");
    add_applicants(d, 20, AUD_SEX_M, AUD_STAGE_APPLIED, "dev");
    add_applicants(d, 20, AUD_SEX_M, AUD_STAGE_SCREENED, "ops");
    add_applicants(d, 8, AUD_SEX_M, AUD_STAGE_INTERVIEWED, "dev");
    add_applicants(d, 12, AUD_SEX_M, AUD_STAGE_HIRED, "dev");
    add_applicants(d, 5, AUD_SEX_NONE, AUD_STAGE_HIRED, "dev");   /* sex unknown: ignored */
    aud_results *r = run(d, &o);
    near(aud_results_num(r, "hiring_eligible_women"), 40, 0, "applicants F");
    near(aud_results_num(r, "hiring_selected_men"), 12, 0, "hired M");
    near(aud_results_num(r, "hiring_rate_women_pct"), 10, 1e-12, "rate F");
    near(aud_results_num(r, "hiring_rate_men_pct"), 20, 1e-12, "rate M");
    near(aud_results_num(r, "hiring_rate_ratio"), 0.5, 1e-12, "rate ratio");
    near(aud_results_num(r, "hiring_shortfall"), 4, 1e-12, "shortfall");
    /* z by hand: pbar = 16/100, se = sqrt(.16 * .84 * (1/40 + 1/60)) */
    near(aud_results_num(r, "hiring_z"), -0.1 / sqrt(0.16 * 0.84 * (1.0 / 40 + 1.0 / 60)), 1e-12, "z");

    const aud_table *f = aud_results_table(r, "hiring_funnel");
    assert_int_equal(f->nrows, 5);
    static const double wf[] = {40, 20, 10, 6, 4}, wm[] = {60, 40, 20, 12, 12};
    for (size_t s = 0; s < 5; s++) {
        near(cellnum(f, s, "women"), wf[s], 0, "funnel F");
        near(cellnum(f, s, "men"), wm[s], 0, "funnel M");
    }
    const aud_table *t = aud_results_table(r, "hiring_by_stage");
    assert_int_equal(t->nrows, 4);
    assert_string_equal(aud_table_cell_c(t, 3, 0)->str, "offered");
    assert_string_equal(aud_table_cell_c(t, 3, 1)->str, "hired");
    near(cellnum(t, 0, "rate_women_pct"), 50, 1e-12, "screened F");
    near(cellnum(t, 0, "rate_men_pct"), 100.0 * 40 / 60, 1e-12, "screened M");
    near(cellnum(t, 3, "eligible_women"), 6, 0, "offered F");
    near(cellnum(t, 3, "rate_women_pct"), 100.0 * 4 / 6, 1e-12, "offer accepted F");
    near(cellnum(t, 3, "rate_men_pct"), 100, 0, "offer accepted M");
    near(cellnum(t, 3, "impact_ratio"), 4.0 / 6, 1e-12, "IR offered");
    near(cellnum(t, 3, "fisher_p"), aud_fisher_exact_2sided(4, 2, 12, 0), 0, "fisher row");
    const aud_table *j = aud_results_table(r, "hiring_by_job");
    assert_int_equal(j->nrows, 2);
    assert_string_equal(aud_table_cell_c(j, 0, 0)->str, "dev");
    near(cellnum(j, 0, "eligible_men"), 40, 0, "dev men");
    assert_string_equal(aud_table_cell_c(j, 1, 0)->str, "ops");       /* no woman */
    assert_int_equal(celltype(j, 1, "eligible_men"), AUD_V_SUPPRESSED);
    aud_results_free(r);

    /* min_cell 7: the offered -> hired row (6 women) is suppressed */
    o.min_cell = 7;
    r = run(d, &o);
    t = aud_results_table(r, "hiring_by_stage");
    assert_int_equal(celltype(t, 3, "rate_women_pct"), AUD_V_SUPPRESSED);
    assert_int_equal(celltype(t, 2, "rate_women_pct"), AUD_V_NUM);
    f = aud_results_table(r, "hiring_funnel");
    assert_int_equal(celltype(f, 4, "women"), AUD_V_SUPPRESSED);
    assert_int_equal(celltype(f, 4, "men"), AUD_V_INT);
    aud_results_free(r);
    aud_dataset_free(d);
}

static void hiring_million(void **state)
{
    (void)state;
    aud_options o;
    setup_opts(&o);
    aud_dataset *d = aud_dataset_new();
    uint32_t jobs[50];
    for (int k = 0; k < 50; k++) {
        char name[16];
        snprintf(name, sizeof name, "job%02d", k);
        assert_int_equal(aud_dataset_intern(d, name, &jobs[k]), AUD_OK);
    }
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < 1000000; i++) {
        size_t row;
        assert_int_equal(aud_ap_append(d, &row), AUD_OK);
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        d->ap.sex[row] = (uint8_t)(x & 1 ? AUD_SEX_F : AUD_SEX_M);
        d->ap.stage[row] = (int8_t)((x >> 8) % 5);
        d->ap.job[row] = jobs[(x >> 16) % 50];
    }
    /* Correctness at scale only: its speed is measured by make bench (the
     * audit there reads an applicants file), never by a timed test. */
    aud_results *r = run(d, &o);
    double n = aud_results_num(r, "hiring_eligible_women") + aud_results_num(r, "hiring_eligible_men");
    near(n, 1e6, 0, "all counted");
    double p = aud_results_num(r, "hiring_fisher_p");
    assert_true(p >= 0 && p <= 1);
    assert_int_equal(aud_results_table(r, "hiring_by_job")->nrows, 50);
    aud_results_free(r);
    aud_dataset_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(promotion_worked_example),
        cmocka_unit_test(raise_no_women),
        cmocka_unit_test(hiring_funnel),
        cmocka_unit_test(hiring_million),
    };
    return cmocka_run_group_tests_name("parity", tests, NULL, NULL);
}
