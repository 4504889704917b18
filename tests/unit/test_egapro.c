/* Egapro index from employee-level data: datasets built in C whose groups
 * reproduce the official walk-throughs (egapro.md §12), plus the microdata
 * rules of METRICS.md §3 (fallback to categories, grade levels, missing
 * fields, ties in the top 10, small cells). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "egapro.h"

#define NEAR(a, b, eps) do { double a_ = (a), b_ = (b); \
    if (!(fabs(a_ - b_) <= (eps))) fail_msg("%s = %.17g, expected %.17g", #a, a_, b_); } while (0)

typedef struct fx {
    aud_dataset *d;
    aud_options o;
    aud_results *r;
} fx;

static void fx_init(fx *f)
{
    f->d = aud_dataset_new();
    assert_non_null(f->d);
    memset(&f->o, 0, sizeof f->o);
    aud_options_defaults(&f->o);
    f->o.period_start = aud_days_from_civil(2025, 1, 1);
    f->o.period_end = aud_days_from_civil(2025, 12, 31);
    f->r = aud_results_new();
    assert_non_null(f->r);
    static const aud_field used[] = {AUD_F_EMPLOYEE_ID, AUD_F_SEX, AUD_F_BASE_PAY,
                                     AUD_F_CATEGORY, AUD_F_AGE};
    for (size_t i = 0; i < sizeof used / sizeof *used; i++) f->d->has_field[used[i]] = true;
}

static void fx_free(fx *f)
{
    aud_results_free(f->r);
    aud_dataset_free(f->d);
    aud_options_free(&f->o);
}

/* One employee: annual pay in full time (fte 1, no allowances, no variable). */
static size_t add_emp(fx *f, const char *id, aud_sex sex, const char *cat, int csp,
                      int age, double annual)
{
    size_t row;
    assert_int_equal(aud_wf_append(f->d, &row), AUD_OK);
    aud_workforce *w = &f->d->wf;
    assert_int_equal(aud_strtab_intern(f->d->ids, id, strlen(id), &w->employee_id[row]), AUD_OK);
    if (cat) assert_int_equal(aud_dataset_intern(f->d, cat, &w->category[row]), AUD_OK);
    w->sex[row] = (uint8_t)sex;
    w->csp[row] = (int8_t)csp;
    w->age[row] = (int16_t)age;
    w->base_pay[row] = annual / 12.0;
    return row;
}

static void run(fx *f)
{
    aud_measures m;
    assert_int_equal(aud_measures_compute(f->d, &f->o, &m), AUD_OK);
    assert_int_equal(aud_egapro_compute(f->d, &m, &f->o, f->r), AUD_OK);
    aud_measures_free(&m);
}

static const aud_metric *get(const fx *f, const char *id)
{
    const aud_metric *mt = aud_results_get(f->r, id);
    if (!mt) fail_msg("metric %s missing", id);
    return mt;
}

static void expect_num(const fx *f, const char *id, double x, double eps)
{
    const aud_metric *mt = get(f, id);
    if (mt->v.type != AUD_V_NUM) fail_msg("%s: not a number (type %d, reason %s)", id,
                                          (int)mt->v.type, mt->reason ? mt->reason : "-");
    NEAR(mt->v.num, x, eps);
}

static void expect_int(const fx *f, const char *id, int64_t x)
{
    const aud_metric *mt = get(f, id);
    if (mt->v.type != AUD_V_INT) fail_msg("%s: not an integer (type %d, reason %s)", id,
                                          (int)mt->v.type, mt->reason ? mt->reason : "-");
    if (mt->v.i != x) fail_msg("%s = %lld, expected %lld", id, (long long)mt->v.i, (long long)x);
}

static void expect_str(const fx *f, const char *id, const char *s)
{
    const aud_metric *mt = get(f, id);
    if (mt->v.type != AUD_V_STR) fail_msg("%s: not a string (type %d)", id, (int)mt->v.type);
    assert_string_equal(mt->v.str, s);
}

static void expect_bool(const fx *f, const char *id, bool b)
{
    const aud_metric *mt = get(f, id);
    if (mt->v.type != AUD_V_BOOL) fail_msg("%s: not a boolean (type %d)", id, (int)mt->v.type);
    assert_true(mt->v.b == b);
}

static void expect_null(const fx *f, const char *id, const char *reason)
{
    const aud_metric *mt = get(f, id);
    if (mt->v.type != AUD_V_NULL) fail_msg("%s: expected null (%s)", id, reason);
    assert_non_null(mt->reason);
    assert_string_equal(mt->reason, reason);
}

static bool has_note(const fx *f, const char *key)
{
    for (size_t i = 0; i < f->r->nnotes; i++)
        if (!strcmp(f->r->notes[i].id, key)) return true;
    return false;
}

/* Row of a table whose first two text columns are a and b (b may be NULL). */
static size_t find_row(const aud_table *t, const char *a, const char *b)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const aud_value *va = aud_table_cell_c(t, i, 0), *vb = aud_table_cell_c(t, i, 1);
        if (va->type != AUD_V_STR || strcmp(va->str, a)) continue;
        if (b && (vb->type != AUD_V_STR || strcmp(vb->str, b))) continue;
        return i;
    }
    fail_msg("row %s / %s not found", a, b ? b : "-");
    return 0;
}

static const aud_value *cell(const aud_table *t, size_t row, const char *col)
{
    int c = aud_table_col(t, col);
    if (c < 0) fail_msg("column %s missing", col);
    return aud_table_cell_c(t, row, (size_t)c);
}

/* ---- walk-through A (egapro.md §12.1) from 101 employees ---- */

static const int AGES[4] = {25, 35, 45, 55};
static const char *const CSP_NAME[4] = {"Ouvriers", "Employes", "Techniciens", "Cadres"};

/* n people of one sex in a cell, pays spread around a given mean. */
static void add_cell(fx *f, int *seq, aud_sex sex, int csp, int band, int n, double mean)
{
    for (int k = 0; k < n; k++) {
        char id[16];
        snprintf(id, sizeof id, "A%03d", (*seq)++);
        double pay = mean + 100.0 * (k - (n - 1) / 2.0);
        add_emp(f, id, sex, CSP_NAME[csp], csp, AGES[band], pay);
    }
}

static void build_walkthrough_a(fx *f)
{
    static const int wm[4][4][2] = {
        {{0, 0}, {1, 5}, {2, 3}, {9, 4}},     /* ouv */
        {{2, 7}, {6, 8}, {2, 4}, {8, 6}},     /* emp */
        {{0, 0}, {1, 1}, {0, 0}, {0, 0}},     /* tam */
        {{1, 2}, {1, 5}, {3, 10}, {2, 8}},    /* ic */
    };
    /* group means of the table; elsewhere any pay below the top 10 */
    double fsal[4][4], hsal[4][4];
    for (int c = 0; c < 4; c++)
        for (int b = 0; b < 4; b++) fsal[c][b] = hsal[c][b] = 20000 + 1000 * c + 500 * b;
    fsal[0][3] = 23933; hsal[0][3] = 26773;
    fsal[1][1] = 31305; hsal[1][1] = 31102;
    fsal[1][3] = 30445; hsal[1][3] = 29666;
    fsal[3][2] = 80539; hsal[3][2] = 59235;
    /* the 10 top earners: ic 50+, 2 women and 8 men */
    fsal[3][3] = hsal[3][3] = 150000;
    int seq = 0;
    for (int c = 0; c < 4; c++)
        for (int b = 0; b < 4; b++) {
            add_cell(f, &seq, AUD_SEX_F, c, b, wm[c][b][0], fsal[c][b]);
            add_cell(f, &seq, AUD_SEX_M, c, b, wm[c][b][1], hsal[c][b]);
        }
    /* 12 women and 17 men raised */
    f->d->has_field[AUD_F_RAISED] = true;
    int rw = 0, rm = 0;
    for (size_t i = 0; i < f->d->wf.n; i++) {
        bool woman = f->d->wf.sex[i] == AUD_SEX_F;
        if (woman && rw < 12) { f->d->wf.raised[i] = 1; rw++; }
        else if (!woman && rm < 17) { f->d->wf.raised[i] = 1; rm++; }
        else f->d->wf.raised[i] = 0;
    }
}

static void test_walkthrough_a_microdata(void **state)
{
    (void)state;
    fx f;
    fx_init(&f);
    build_walkthrough_a(&f);
    assert_int_equal(f.d->wf.n, 101);
    run(&f);
    expect_str(&f, "egapro_size_bracket", "50-250");
    expect_bool(&f, "egapro_indicative", false);
    expect_str(&f, "egapro_mode", "csp");
    expect_num(&f, "egapro_i1_result", 6.1, 1e-12);
    expect_str(&f, "egapro_i1_favours", "women");
    expect_int(&f, "egapro_i1_points", 33);
    expect_null(&f, "egapro_i2_result", "not_applicable_size");
    expect_null(&f, "egapro_i3_points", "not_applicable_size");
    expect_num(&f, "egapro_i2et3_result_pct", 4.6, 1e-12);
    expect_num(&f, "egapro_i2et3_result_employees", 1.7, 1e-12);
    expect_str(&f, "egapro_i2et3_favours", "women");
    expect_int(&f, "egapro_i2et3_points", 35);
    expect_bool(&f, "egapro_i2et3_compensated", false);
    expect_null(&f, "egapro_i4_result_pct", "absrcm");
    expect_null(&f, "egapro_i4_points", "absrcm");
    expect_int(&f, "egapro_i5_result", 2);
    expect_str(&f, "egapro_i5_favours", "men");
    expect_int(&f, "egapro_i5_points", 5);
    expect_int(&f, "egapro_points", 73);
    expect_int(&f, "egapro_max_points", 85);
    expect_int(&f, "egapro_index", 86);
    expect_str(&f, "egapro_obligation", "none");

    const aud_table *t = aud_results_table(f.r, "egapro_groups");
    assert_non_null(t);
    assert_int_equal(t->nrows, 16);
    size_t row = find_row(t, "ouv", "50+");
    assert_int_equal(cell(t, row, "women")->i, 9);
    assert_int_equal(cell(t, row, "men")->i, 4);
    NEAR(cell(t, row, "mean_pay_women")->num, 23933, 1e-6);
    NEAR(cell(t, row, "gap_pct")->num, 10.607702, 1e-6);
    NEAR(cell(t, row, "gap_after_seuil_pct")->num, 5.607702, 1e-6);
    NEAR(cell(t, row, "weight")->num, 13.0 / 54.0, 1e-15);
    assert_true(cell(t, row, "valid")->b);
    row = find_row(t, "ic", "40-49");
    NEAR(cell(t, row, "gap_pct")->num, -35.965223, 1e-6);
    row = find_row(t, "tam", "30-39");
    assert_false(cell(t, row, "valid")->b);
    assert_string_equal(cell(t, row, "why_invalid")->str, "women_and_men_below_3");
    /* one woman: her pay is not shown */
    assert_int_equal(cell(t, row, "mean_pay_women")->type, AUD_V_SUPPRESSED);
    assert_int_equal(cell(t, row, "gap_pct")->type, AUD_V_NULL);
    row = find_row(t, "ouv", "40-49");
    assert_string_equal(cell(t, row, "why_invalid")->str, "women_below_3");

    const aud_table *c = aud_results_table(f.r, "egapro_csp");
    assert_non_null(c);
    assert_int_equal(c->nrows, 4);
    row = find_row(c, "emp", NULL);
    assert_int_equal(cell(c, row, "women")->i, 18);
    assert_int_equal(cell(c, row, "men")->i, 25);
    assert_int_equal(cell(c, row, "promoted_women")->type, AUD_V_NULL);   /* no column */
    assert_int_equal(cell(c, row, "raised_women")->type, AUD_V_INT);
    /* tam: 1 woman and 1 man, their raise status is not shown */
    row = find_row(c, "tam", NULL);
    assert_int_equal(cell(c, row, "raised_women")->type, AUD_V_SUPPRESSED);
    assert_int_equal(cell(c, row, "raise_rate_men_pct")->type, AUD_V_SUPPRESSED);
    assert_int_equal(cell(c, row, "women")->i, 1);
    fx_free(&f);
}

/* ---- walk-through C (§12.3) rebuilt from 285 employees ---- */

static void build_c(fx *f, bool with_promotions)
{
    int seq = 0;
    char id[16];
    /* emp 145 women / 104 men at 30000; tam 5 / 19 at 40000; ic 3 / 9: women
     * 60000, men 55000 (gap -9.0909 %, after seuil -4.0909, x 12/285). */
    static const struct { int csp, w, m; double pw, pm; } cells[] = {
        {1, 145, 104, 30000, 30000}, {2, 5, 19, 40000, 40000}, {3, 3, 9, 60000, 55000}};
    for (size_t k = 0; k < 3; k++) {
        for (int i = 0; i < cells[k].w + cells[k].m; i++) {
            snprintf(id, sizeof id, "C%03d", seq++);
            bool woman = i < cells[k].w;
            add_emp(f, id, woman ? AUD_SEX_F : AUD_SEX_M, CSP_NAME[cells[k].csp],
                    cells[k].csp, 35, woman ? cells[k].pw : cells[k].pm);
        }
    }
    aud_workforce *w = &f->d->wf;
    if (with_promotions) {
        /* emp: 3 of 145 women (2.069 %) and 6 of 104 men (5.769 %) promoted -> 3.7 */
        f->d->has_field[AUD_F_PROMOTED] = true;
        for (size_t i = 0; i < w->n; i++) w->promoted[i] = 0;
        for (size_t i = 0; i < 3; i++) w->promoted[i] = 1;
        for (size_t i = 145; i < 151; i++) w->promoted[i] = 1;
    }
    /* 7 returns from maternity leave, all raised */
    f->d->has_field[AUD_F_MATERNITY_RETURN] = true;
    f->d->has_field[AUD_F_RAISED_AFTER_LEAVE] = true;
    for (size_t i = 10; i < 17; i++) { w->maternity_return[i] = 1; w->raised_after_leave[i] = 1; }
}

static void test_walkthrough_c_microdata(void **state)
{
    (void)state;
    fx f;
    fx_init(&f);
    build_c(&f, true);
    run(&f);
    expect_str(&f, "egapro_size_bracket", "251+");
    expect_num(&f, "egapro_i1_result", 0.2, 1e-12);
    expect_str(&f, "egapro_i1_favours", "women");
    expect_int(&f, "egapro_i1_points", 39);
    expect_null(&f, "egapro_i2_result", "absaugi");
    expect_null(&f, "egapro_i2_points", "absaugi");
    expect_num(&f, "egapro_i3_result", 3.7, 1e-12);
    expect_str(&f, "egapro_i3_favours", "men");
    expect_int(&f, "egapro_i3_points", 15);        /* 10, raised to 15 by the correction */
    expect_bool(&f, "egapro_i3_compensated", true);
    expect_null(&f, "egapro_i2et3_points", "not_applicable_size");
    expect_num(&f, "egapro_i4_result_pct", 100, 0);
    expect_int(&f, "egapro_i4_points", 15);
    /* top 10: the 3 ic women (60000) and 7 of the 9 ic men (55000) */
    expect_int(&f, "egapro_i5_result", 3);
    expect_int(&f, "egapro_i5_points", 5);
    expect_int(&f, "egapro_points", 74);
    expect_int(&f, "egapro_max_points", 80);
    expect_int(&f, "egapro_index", 93);
    expect_str(&f, "egapro_obligation", "none");
    const aud_table *c = aud_results_table(f.r, "egapro_csp");
    size_t row = find_row(c, "emp", NULL);
    assert_true(cell(c, row, "valid")->b);
    NEAR(cell(c, row, "promotion_gap_pts")->num, 600.0 / 104 - 300.0 / 145, 1e-12);
    NEAR(cell(c, row, "weight")->num, 1.0, 1e-15);
    row = find_row(c, "tam", NULL);
    assert_false(cell(c, row, "valid")->b);
    assert_string_equal(cell(c, row, "why_invalid")->str, "women_below_10");
    fx_free(&f);
}

static void test_missing_fields_251(void **state)
{
    (void)state;
    fx f;
    fx_init(&f);
    build_c(&f, false);
    f.d->has_field[AUD_F_MATERNITY_RETURN] = false;
    f.d->has_field[AUD_F_RAISED_AFTER_LEAVE] = false;
    run(&f);
    expect_null(&f, "egapro_i2_result", "absaugi");
    expect_null(&f, "egapro_i3_result", "absprom");
    expect_null(&f, "egapro_i3_favours", "absprom");
    expect_null(&f, "egapro_i4_points", "absrcm");
    expect_int(&f, "egapro_points", 44);
    expect_int(&f, "egapro_max_points", 50);
    expect_null(&f, "egapro_index", "max_points_below_75");
    expect_null(&f, "egapro_obligation", "max_points_below_75");
    fx_free(&f);
}

static void test_i4_reasons(void **state)
{
    (void)state;
    fx f;
    fx_init(&f);
    build_c(&f, true);
    /* returns known, raises on return unknown */
    f.d->has_field[AUD_F_RAISED_AFTER_LEAVE] = false;
    run(&f);
    expect_null(&f, "egapro_i4_points", "absaugpdtcm");
    assert_true(has_note(&f, "egapro_i4"));
    fx_free(&f);

    fx_init(&f);
    build_c(&f, true);
    /* the extract shows no raise at all in the period */
    f.d->has_field[AUD_F_RAISED] = true;
    for (size_t i = 0; i < f.d->wf.n; i++) {
        f.d->wf.raised[i] = 0;
        f.d->wf.raised_after_leave[i] = f.d->wf.maternity_return[i] == 1 ? 0 : -1;
    }
    run(&f);
    expect_null(&f, "egapro_i4_points", "absaugpdtcm");
    expect_null(&f, "egapro_i2_points", "absaugi");
    fx_free(&f);

    fx_init(&f);
    build_c(&f, true);
    /* 4 of the 7 raised (a missing value counts as not raised) -> 57 % -> 0 */
    f.d->wf.raised_after_leave[10] = 0;
    f.d->wf.raised_after_leave[11] = 0;
    f.d->wf.raised_after_leave[12] = -1;
    run(&f);
    expect_num(&f, "egapro_i4_result_pct", 57, 0);
    expect_int(&f, "egapro_i4_points", 0);
    fx_free(&f);
}

/* ---- categories that are not CSPs stand in for them (level mode) ---- */

static void test_category_fallback(void **state)
{
    (void)state;
    fx f;
    fx_init(&f);
    char id[16];
    /* Row order and id order disagree: the Atelier men come first but carry
     * the higher ids, so the top 10 (45 people tie at 100000) are the
     * Cadres women only when ties follow employee_id. */
    for (int i = 0; i < 15; i++) {
        snprintf(id, sizeof id, "E2%02d", i);
        add_emp(&f, id, AUD_SEX_M, "Atelier", -1, 35, 100000);
    }
    for (int i = 0; i < 15; i++) {
        snprintf(id, sizeof id, "E3%02d", i);
        add_emp(&f, id, AUD_SEX_F, "Atelier", -1, 35, 96000);
    }
    for (int i = 0; i < 15; i++) {
        snprintf(id, sizeof id, "E4%02d", i);
        add_emp(&f, id, AUD_SEX_M, "Cadres", 3, 45, 100000);
    }
    for (int i = 0; i < 15; i++) {
        snprintf(id, sizeof id, "E1%02d", i);
        add_emp(&f, id, AUD_SEX_F, "Cadres", 3, 45, 100000);
    }
    run(&f);
    expect_str(&f, "egapro_mode", "level");
    assert_true(has_note(&f, "egapro_mode"));
    /* Atelier 30-39: gap 4 %, seuil 2 -> 2, weight 1/2; Cadres 0 -> 1.0 men */
    expect_num(&f, "egapro_i1_result", 1.0, 1e-12);
    expect_str(&f, "egapro_i1_favours", "men");
    expect_int(&f, "egapro_i1_points", 39);
    expect_null(&f, "egapro_i2et3_points", "absaugi");
    expect_int(&f, "egapro_i5_result", 0);
    expect_str(&f, "egapro_i5_favours", "women");
    expect_int(&f, "egapro_i5_points", 0);
    expect_null(&f, "egapro_index", "max_points_below_75");
    const aud_table *t = aud_results_table(f.r, "egapro_groups");
    assert_int_equal(t->nrows, 8);            /* 2 categories x 4 age bands */
    size_t row = find_row(t, "Atelier", "30-39");
    NEAR(cell(t, row, "gap_pct")->num, 4.0, 1e-9);
    NEAR(cell(t, row, "gap_after_seuil_pct")->num, 2.0, 1e-9);
    assert_string_equal(aud_table_cell_c(t, 0, 0)->str, "Atelier");   /* text order */
    const aud_table *c = aud_results_table(f.r, "egapro_csp");
    assert_int_equal(c->nrows, 2);
    row = find_row(c, "Cadres", NULL);
    assert_int_equal(cell(c, row, "women")->i, 15);
    fx_free(&f);
}

/* ---- grade levels, fewer than 50 employees (indicative) ---- */

static void test_grade_levels_indicative(void **state)
{
    (void)state;
    fx f;
    fx_init(&f);
    f.o.egapro_levels_grade = true;
    f.d->has_field[AUD_F_GRADE] = true;
    f.d->has_field[AUD_F_RAISED] = true;
    char id[16];
    int seq = 0;
    for (int g = 0; g < 2; g++)
        for (int s = 0; s < 2; s++)
            for (int i = 0; i < 10; i++) {
                snprintf(id, sizeof id, "G%03d", seq++);
                bool woman = s == 0;
                double pay = g == 0 ? (woman ? 96000 : 100000) : 90000;
                size_t row = add_emp(&f, id, woman ? AUD_SEX_F : AUD_SEX_M, "Employes", 1,
                                     g == 0 ? 35 : 45, pay);
                assert_int_equal(aud_dataset_intern(f.d, g == 0 ? "G1" : "G2",
                                                    &f.d->wf.grade[row]), AUD_OK);
                f.d->wf.raised[row] = i < 5 && g == 0 ? 1 : 0;
            }
    run(&f);
    expect_str(&f, "egapro_size_bracket", "50-250");
    expect_bool(&f, "egapro_indicative", true);
    assert_true(has_note(&f, "egapro_indicative"));
    expect_str(&f, "egapro_mode", "level");
    /* G1 30-39: gap 4 %, seuil 2 -> 2 x 20/40 = 1.0 men -> 39 */
    expect_num(&f, "egapro_i1_result", 1.0, 1e-12);
    expect_int(&f, "egapro_i1_points", 39);
    /* 5 of 20 women and 5 of 20 men raised: equality -> 35 */
    expect_num(&f, "egapro_i2et3_result_pct", 0.0, 0);
    expect_str(&f, "egapro_i2et3_favours", "equality");
    expect_int(&f, "egapro_i2et3_points", 35);
    /* top 10: the G1 men */
    expect_int(&f, "egapro_i5_points", 0);
    expect_int(&f, "egapro_points", 74);
    expect_int(&f, "egapro_max_points", 85);
    expect_int(&f, "egapro_index", 87);
    expect_str(&f, "egapro_obligation", "none");
    const aud_table *t = aud_results_table(f.r, "egapro_groups");
    size_t row = find_row(t, "G1", "30-39");
    assert_true(cell(t, row, "valid")->b);
    fx_free(&f);
}

/* ---- headcounts, pay figures and small cells ---- */

static void test_pay_and_small_cells(void **state)
{
    (void)state;
    fx f;
    fx_init(&f);
    f.o.min_cell = 5;
    char id[16];
    for (int i = 0; i < 4; i++) {
        snprintf(id, sizeof id, "P%03d", i);
        size_t row = add_emp(&f, id, AUD_SEX_F, "Cadres", 3, 45, 60000 + 3000 * i);
        if (i == 3) f.d->wf.base_pay[row] = 0;   /* no pay figures: in headcount only */
    }
    for (int i = 0; i < 6; i++) {
        snprintf(id, sizeof id, "P1%02d", i);
        add_emp(&f, id, AUD_SEX_M, "Cadres", 3, 45, 66000);
    }
    /* one member without age: in no indicator-1 group */
    add_emp(&f, "P999", AUD_SEX_M, "Cadres", 3, -1, 50000);
    run(&f);
    const aud_table *t = aud_results_table(f.r, "egapro_groups");
    size_t row = find_row(t, "ic", "40-49");
    assert_int_equal(cell(t, row, "women")->i, 4);
    assert_int_equal(cell(t, row, "men")->i, 6);
    /* mean over 3 women with pay (63000) is behind fewer than 5: hidden */
    assert_int_equal(cell(t, row, "mean_pay_women")->type, AUD_V_SUPPRESSED);
    NEAR(cell(t, row, "mean_pay_men")->num, 66000, 1e-9);
    assert_int_equal(cell(t, row, "gap_pct")->type, AUD_V_SUPPRESSED);
    NEAR(cell(t, row, "weight")->num, 1.0, 1e-15);
    /* the index still uses the gap: (66000 - 63000) / 66000 = 4.545 % -> 0 */
    expect_num(&f, "egapro_i1_result", 0.0, 0);
    expect_str(&f, "egapro_i1_favours", "equality");
    expect_int(&f, "egapro_i1_points", 40);
    assert_true(has_note(&f, "egapro_i1_left_out"));
    assert_true(has_note(&f, "egapro_i1_pay"));
    fx_free(&f);
}

static void test_empty_and_out_of_population(void **state)
{
    (void)state;
    fx f;
    fx_init(&f);
    run(&f);
    expect_null(&f, "egapro_i1_result", "egvi40pcet");
    expect_null(&f, "egapro_i2et3_points", "etsno5f5h");
    expect_int(&f, "egapro_max_points", 0);
    expect_null(&f, "egapro_index", "max_points_below_75");
    expect_bool(&f, "egapro_indicative", true);
    fx_free(&f);

    /* leavers and interns are not in the effectifs */
    fx_init(&f);
    build_walkthrough_a(&f);
    size_t row = add_emp(&f, "Z001", AUD_SEX_F, "Cadres", 3, 55, 900000);
    f.d->wf.exit_date[row] = aud_days_from_civil(2025, 6, 30);
    row = add_emp(&f, "Z002", AUD_SEX_F, "Cadres", 3, 55, 900000);
    assert_int_equal(aud_dataset_intern(f.d, "Stagiaire", &f.d->wf.contract[row]), AUD_OK);
    run(&f);
    expect_int(&f, "egapro_i5_result", 2);
    expect_int(&f, "egapro_index", 86);
    fx_free(&f);
}

/* ---- the CSV fixture later used by the CLI test gives the same figures ---- */

/* Splits line at ';' into at most n fields (in place); returns the count. */
static size_t split(char *line, char **f, size_t n)
{
    size_t k = 0;
    char *p = line;
    while (k < n) {
        f[k++] = p;
        char *q = strchr(p, ';');
        if (!q) break;
        *q = '\0';
        p = q + 1;
    }
    if (k) f[k - 1][strcspn(f[k - 1], "\r\n")] = '\0';
    return k;
}

static int csp_of(const char *cat)
{
    static const char *const names[4] = {"Ouvriers", "Employ\xc3\xa9s",
        "Techniciens et agents de ma\xc3\xaetrise", "Ing\xc3\xa9nieurs et cadres"};
    for (int i = 0; i < 4; i++) if (!strcmp(cat, names[i])) return i;
    return -1;
}

static void test_fixture_csv(void **state)
{
    (void)state;
    const char *root = getenv("ROOT");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/egapro_walkthrough_a.csv", root ? root : ".");
    FILE *fp = fopen(path, "r");
    if (!fp && !root) skip();   /* run outside tests/run_all.sh and not from the root */
    if (!fp) fail_msg("cannot open %s", path);
    fx f;
    fx_init(&f);
    f.d->has_field[AUD_F_RAISED] = true;
    char line[512];
    assert_non_null(fgets(line, sizeof line, fp));
    assert_true(strncmp(line, "employee_id;sex;base_pay_annual;age;category;raised", 51) == 0);
    while (fgets(line, sizeof line, fp)) {
        char *fl[6];
        assert_int_equal(split(line, fl, 6), 6);
        int csp = csp_of(fl[4]);
        assert_true(csp >= 0);
        size_t row = add_emp(&f, fl[0], fl[1][0] == 'F' ? AUD_SEX_F : AUD_SEX_M, fl[4], csp,
                             (int)strtol(fl[3], NULL, 10), strtod(fl[2], NULL));
        f.d->wf.raised[row] = (int8_t)strtol(fl[5], NULL, 10);
    }
    fclose(fp);
    assert_int_equal(f.d->wf.n, 101);
    run(&f);
    expect_num(&f, "egapro_i1_result", 6.1, 1e-12);
    expect_str(&f, "egapro_i1_favours", "women");
    expect_int(&f, "egapro_i1_points", 33);
    expect_int(&f, "egapro_i2et3_points", 35);
    expect_int(&f, "egapro_i5_points", 5);
    expect_int(&f, "egapro_index", 86);
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walkthrough_a_microdata),
        cmocka_unit_test(test_walkthrough_c_microdata),
        cmocka_unit_test(test_missing_fields_251),
        cmocka_unit_test(test_i4_reasons),
        cmocka_unit_test(test_category_fallback),
        cmocka_unit_test(test_grade_levels_indicative),
        cmocka_unit_test(test_pay_and_small_cells),
        cmocka_unit_test(test_empty_and_out_of_population),
        cmocka_unit_test(test_fixture_csv),
    };
    return cmocka_run_group_tests_name("egapro", tests, NULL, NULL);
}
