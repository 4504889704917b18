/* test_logib.c - Logib datalist plausibility rules (methods.md §3.1). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "logib.h"

/* A valid monthly-paid row: nothing to say about it. */
static size_t good_row(aud_dataset *d)
{
    size_t r;
    assert_int_equal(aud_wf_append(d, &r), AUD_OK);
    aud_workforce *w = &d->wf;
    assert_int_equal(aud_strtab_intern(d->ids, "P1", 2, &w->employee_id[r]), AUD_OK);
    assert_int_equal(aud_dataset_intern(d, "Comptable", &w->job[r]), AUD_OK);
    w->sex[r] = AUD_SEX_F;
    w->age[r] = 40; w->seniority[r] = 10;
    w->training_code[r] = 3; w->requirement_level[r] = 4; w->professional_position[r] = 3;
    w->activity_rate[r] = 80; w->paid_hours[r] = 0;
    w->base_pay[r] = 6000; w->allowances[r] = 100; w->thirteenth[r] = 500; w->special_payments[r] = 0;
    w->weekly_hours[r] = 42; w->population_code[r] = 1;
    return r;
}

static aud_dataset *new_ds(void)
{
    aud_dataset *d = aud_dataset_new();
    assert_non_null(d);
    static const aud_field f[] = {AUD_F_EMPLOYEE_ID, AUD_F_SEX, AUD_F_AGE, AUD_F_SENIORITY, AUD_F_TRAINING_CODE,
                                  AUD_F_JOB, AUD_F_REQUIREMENT_LEVEL, AUD_F_PROFESSIONAL_POSITION, AUD_F_BASE_PAY};
    for (size_t k = 0; k < sizeof f / sizeof *f; k++) d->has_field[f[k]] = true;
    return d;
}

/* Run the check on a row and return the code of its first finding ("" if none). */
static const char *check(aud_dataset *d, size_t r, bool *reject)
{
    size_t before = d->nfindings;
    assert_int_equal(aud_logib_check_row(d, r, 0, 7, reject), AUD_OK);
    if (d->nfindings == before) return "";
    const aud_finding *f = &d->findings[before];
    assert_true(f->line == 7);
    assert_true(f->severity == (*reject ? AUD_SEV_REJECT : AUD_SEV_WARNING));
    return aud_dataset_str(d, f->code);
}

static void test_valid_row(void **state)
{
    (void)state;
    aud_dataset *d = new_ds();
    bool rej = true;
    size_t r = good_row(d);
    assert_string_equal(check(d, r, &rej), "");
    assert_false(rej);
    aud_dataset_free(d);
}

typedef void (*mutate)(aud_workforce *w, size_t r);
#define MUT(name, body) static void name(aud_workforce *w, size_t r) { body; }
MUT(m_age_12, w->age[r] = 12)
MUT(m_age_101, w->age[r] = 101)
MUT(m_yos_86, w->seniority[r] = 86)
MUT(m_entry_12, (w->age[r] = 20, w->seniority[r] = 8))
MUT(m_training_9, w->training_code[r] = 9)
MUT(m_training_0, w->training_code[r] = 0)
MUT(m_rate_151, w->activity_rate[r] = 151)
MUT(m_hours_301, (w->activity_rate[r] = 0, w->paid_hours[r] = 301))
MUT(m_both, w->paid_hours[r] = 20)
MUT(m_neg_allow, w->allowances[r] = -1)
MUT(m_neg_13th, w->thirteenth[r] = -5)
MUT(m_zero_base, w->base_pay[r] = 0)
MUT(m_weekly_0, w->weekly_hours[r] = 0.5)
MUT(m_weekly_101, w->weekly_hours[r] = 101)
MUT(m_pop_6, w->population_code[r] = 6)
MUT(m_no_training, w->training_code[r] = -1)
MUT(m_no_base, w->base_pay[r] = NAN)
MUT(m_level_9, w->requirement_level[r] = 9)
MUT(m_pos_6, w->professional_position[r] = 6)

static void test_importance_1_rejects(void **state)
{
    (void)state;
    struct { mutate f; const char *code; } cases[] = {
        {m_age_12, "logib_age_range"}, {m_age_101, "logib_age_range"},
        {m_yos_86, "logib_service_range"}, {m_entry_12, "logib_entry_age"},
        {m_training_9, "logib_training_code"}, {m_training_0, "logib_training_code"},
        {m_rate_151, "logib_activity_rate_range"}, {m_hours_301, "logib_paid_hours_range"},
        {m_both, "logib_rate_and_hours"}, {m_neg_allow, "logib_negative_pay"},
        {m_neg_13th, "logib_negative_pay"}, {m_zero_base, "logib_zero_base_pay"},
        {m_weekly_0, "logib_weekly_hours_range"}, {m_weekly_101, "logib_weekly_hours_range"},
        {m_pop_6, "logib_population_code"}, {m_no_training, "logib_missing_value"},
        {m_no_base, "logib_missing_value"}, {m_level_9, "logib_requirement_level"},
        {m_pos_6, "logib_professional_position"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        aud_dataset *d = new_ds();
        size_t r = good_row(d);
        cases[k].f(&d->wf, r);
        bool rej = false;
        const char *code = check(d, r, &rej);
        if (!rej || strcmp(code, cases[k].code)) fail_msg("case %zu: reject=%d code=%s, expected %s", k, rej, code, cases[k].code);
        assert_true(d->rejections == 1);     /* one rejected row, one finding */
        aud_dataset_free(d);
    }
}

MUT(w_age_14, (w->age[r] = 14, w->seniority[r] = 0))
MUT(w_age_71, (w->age[r] = 71, w->seniority[r] = 20))
MUT(w_yos_56, (w->age[r] = 70, w->seniority[r] = 56))
MUT(w_entry_15, (w->age[r] = 25, w->seniority[r] = 10))
MUT(w_rate_101, w->activity_rate[r] = 101)
MUT(w_hours_220, (w->activity_rate[r] = 0, w->paid_hours[r] = 220))
MUT(w_13th_high, w->thirteenth[r] = 1600)
MUT(w_13th_low, w->thirteenth[r] = 400)
MUT(w_weekly_51, w->weekly_hours[r] = 51)
MUT(w_level_pos, (w->requirement_level[r] = 6, w->professional_position[r] = 2))
MUT(w_level_train, (w->requirement_level[r] = 2, w->training_code[r] = 8))

static void test_importance_2_warns(void **state)
{
    (void)state;
    struct { mutate f; const char *code; } cases[] = {
        {w_age_14, "logib_age_implausible"}, {w_age_71, "logib_age_implausible"},
        {w_yos_56, "logib_service_long"}, {w_entry_15, "logib_entry_age_young"},
        {w_rate_101, "logib_activity_rate_over_100"}, {w_hours_220, "logib_paid_hours_high"},
        {w_13th_high, "logib_13th_wage_share"}, {w_13th_low, "logib_13th_wage_share"},
        {w_weekly_51, "logib_weekly_hours_high"}, {w_level_pos, "logib_level_position"},
        {w_level_train, "logib_level_training"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        aud_dataset *d = new_ds();
        size_t r = good_row(d);
        cases[k].f(&d->wf, r);
        bool rej = true;
        const char *code = check(d, r, &rej);
        if (rej || strcmp(code, cases[k].code)) fail_msg("case %zu: reject=%d code=%s, expected %s", k, rej, code, cases[k].code);
        assert_true(d->warnings >= 1 && d->rejections == 0);
        aud_dataset_free(d);
    }
}

/* Boundaries are inclusive; an hourly-paid row (rate 0, hours) is valid;
 * 13th wage at exactly 1/12 of the basic wage is not flagged. */
static void test_boundaries(void **state)
{
    (void)state;
    aud_dataset *d = new_ds();
    size_t r = good_row(d);
    aud_workforce *w = &d->wf;
    w->age[r] = 70; w->seniority[r] = 54;   /* entry age 16 */
    w->activity_rate[r] = 0; w->paid_hours[r] = 219.5;
    w->thirteenth[r] = 500;                 /* 6000 / 12 */
    w->weekly_hours[r] = 50; w->population_code[r] = 5;
    bool rej = true;
    assert_string_equal(check(d, r, &rej), "");
    assert_false(rej);
    w->age[r] = 100; w->seniority[r] = 84;
    assert_string_equal(check(d, r, &rej), "logib_age_implausible");
    assert_false(rej);
    aud_dataset_free(d);
}

/* Entry age from dates when age and service are given as dates. */
static void test_entry_age_from_dates(void **state)
{
    (void)state;
    aud_dataset *d = new_ds();
    size_t r = good_row(d);
    aud_workforce *w = &d->wf;
    w->age[r] = -1; w->seniority[r] = -1;
    w->birth_date[r] = aud_days_from_civil(2000, 6, 15);
    w->hire_date[r] = aud_days_from_civil(2012, 6, 14);   /* 11 full years */
    bool rej = false;
    assert_string_equal(check(d, r, &rej), "logib_entry_age");
    assert_true(rej);
    aud_dataset_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_row),
        cmocka_unit_test(test_importance_1_rejects),
        cmocka_unit_test(test_importance_2_warns),
        cmocka_unit_test(test_boundaries),
        cmocka_unit_test(test_entry_age_from_dates),
    };
    return cmocka_run_group_tests_name("logib", tests, NULL, NULL);
}
