/* test_measures.c - METRICS.md §0: population and pay measures. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "dataset.h"
#include "measures.h"
#include "options.h"

static size_t add(aud_dataset *d, aud_sex sex, double base)
{
    size_t r;
    assert_int_equal(aud_wf_append(d, &r), AUD_OK);
    d->wf.sex[r] = (uint8_t)sex;
    d->wf.base_pay[r] = base;
    return r;
}

static void setup_opts(aud_options *o)
{
    aud_options_defaults(o);
    o->period_start = aud_days_from_civil(2025, 1, 1);
    o->period_end = aud_days_from_civil(2025, 12, 31);
}

static void pay_measures(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    aud_options o;
    setup_opts(&o);
    size_t a = add(d, AUD_SEX_F, 4000);           /* full time, no extras */
    size_t b = add(d, AUD_SEX_M, 5000);           /* allowances + variable, part time 0.8 */
    d->wf.allowances[b] = 500;
    d->wf.variable_pay[b] = 6000;
    d->wf.fte[b] = 0.8;
    size_t c = add(d, AUD_SEX_F, 3000);           /* hours only: 95.5 h = 0.5 fte */
    d->wf.monthly_hours[c] = 95.5;
    size_t e = add(d, AUD_SEX_M, 0);              /* base 0: headcount only */
    aud_measures m;
    assert_int_equal(aud_measures_compute(d, &o, &m), AUD_OK);
    assert_int_equal(m.headcount, 4);
    assert_int_equal(m.women, 2);
    assert_int_equal(m.with_pay, 3);
    assert_int_equal(m.nopay[e], AUD_NOPAY_BASE_ZERO);
    assert_true(m.annual_pay[a] == 48000.0);
    assert_true(m.pay_fte[a] == 48000.0);
    assert_true(m.hourly_pay[a] == 48000.0 / (12 * 191.0));
    assert_true(m.annual_pay[b] == 12 * 5500.0 + 6000);
    assert_true(fabs(m.pay_fte[b] - 72000.0 / 0.8) < 1e-9);
    assert_true(fabs(m.base_fte[b] - 60000.0 / 0.8) < 1e-9);
    assert_true(fabs(m.hours[b] - 0.8 * 191) < 1e-12);
    assert_true(fabs(m.fte[c] - 0.5) < 1e-12);
    assert_true(m.hours[c] == 95.5);
    assert_true(fabs(m.hourly_pay[c] - 36000.0 / (12 * 95.5)) < 1e-9);
    assert_true(isnan(m.pay_fte[e]));
    aud_measures_free(&m);
    aud_dataset_free(d);
}

static void population_rules(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    aud_options o;
    setup_opts(&o);
    size_t stay = add(d, AUD_SEX_F, 4000);
    size_t left = add(d, AUD_SEX_M, 4000);
    d->wf.exit_date[left] = aud_days_from_civil(2025, 6, 30);
    size_t leaves_later = add(d, AUD_SEX_M, 4000);
    d->wf.exit_date[leaves_later] = aud_days_from_civil(2026, 1, 31);
    size_t intern = add(d, AUD_SEX_F, 2000);
    uint32_t stage;
    assert_int_equal(aud_dataset_intern(d, "Stage", &stage), AUD_OK);
    d->wf.contract[intern] = stage;
    size_t apprentice = add(d, AUD_SEX_M, 2000);
    assert_int_equal(aud_dataset_intern(d, "Contrat d'apprentissage", &d->wf.contract[apprentice]), AUD_OK);
    size_t cdd = add(d, AUD_SEX_M, 2000);
    assert_int_equal(aud_dataset_intern(d, "CDD", &d->wf.contract[cdd]), AUD_OK);
    size_t future = add(d, AUD_SEX_F, 4000);
    d->wf.hire_date[future] = aud_days_from_civil(2026, 2, 1);
    size_t exit_on_snapshot = add(d, AUD_SEX_F, 4000);
    d->wf.exit_date[exit_on_snapshot] = aud_days_from_civil(2025, 12, 31);
    aud_measures m;
    assert_int_equal(aud_measures_compute(d, &o, &m), AUD_OK);
    assert_true(m.in_pop[stay]);
    assert_false(m.in_pop[left]);
    assert_true(m.in_pop[leaves_later]);
    assert_false(m.in_pop[intern]);
    assert_false(m.in_pop[apprentice]);
    assert_true(m.in_pop[cdd]);
    assert_false(m.in_pop[future]);
    assert_false(m.in_pop[exit_on_snapshot]);
    assert_int_equal(m.headcount, 3);
    assert_int_equal(m.excluded_contract, 2);
    assert_int_equal(m.excluded_left, 2);
    aud_measures_free(&m);
    aud_dataset_free(d);
}

static void ages_and_bands(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    aud_options o;
    setup_opts(&o);
    size_t a = add(d, AUD_SEX_F, 4000);
    d->wf.birth_date[a] = aud_days_from_civil(1996, 1, 1);      /* 29 at 31/12/2025 */
    d->wf.hire_date[a] = aud_days_from_civil(2024, 12, 31);     /* 1 full year */
    size_t b = add(d, AUD_SEX_M, 4000);
    d->wf.age[b] = 52;
    d->wf.seniority[b] = 20;
    aud_measures m;
    assert_int_equal(aud_measures_compute(d, &o, &m), AUD_OK);
    assert_int_equal(m.age[a], 29);
    assert_int_equal(m.seniority[a], 1);
    assert_int_equal(m.age[b], 52);
    assert_int_equal(aud_age_band(29), 0);
    assert_int_equal(aud_age_band(30), 1);
    assert_int_equal(aud_age_band(49), 2);
    assert_int_equal(aud_age_band(50), 3);
    assert_int_equal(aud_age_band(-1), -1);
    assert_int_equal(aud_seniority_band(1), 0);
    assert_int_equal(aud_seniority_band(2), 1);
    assert_int_equal(aud_seniority_band(9), 2);
    assert_int_equal(aud_seniority_band(10), 3);
    assert_int_equal(aud_seniority_band(20), 4);
    assert_string_equal(aud_age_band_name(3), "50+");
    assert_string_equal(aud_seniority_band_name(0), "0-1");
    assert_true(aud_contract_is_training("STAGIAIRE"));
    assert_true(aud_contract_is_training("apprentissage"));
    assert_false(aud_contract_is_training("CDI"));
    assert_false(aud_contract_is_training("ANAPEC"));
    assert_false(aud_contract_is_training(NULL));
    aud_measures_free(&m);
    aud_dataset_free(d);
}

/* Ages and seniorities from dates equal aud_full_years for every birth
 * date from 1860 to 2060 (both sides of the lookup window) and snapshots
 * on 31 December, 28 and 29 February, 1 March and 1 January. */
static void ages_match_full_years(void **state)
{
    (void)state;
    static const int snaps[][3] = {{2025, 12, 31}, {2024, 2, 29}, {2025, 2, 28}, {2023, 3, 1}, {2026, 1, 1}};
    int32_t from = aud_days_from_civil(1860, 1, 1), to = aud_days_from_civil(2060, 12, 31);
    aud_dataset *d = aud_dataset_new();
    for (int32_t day = from; day <= to; day++) {
        size_t r = add(d, AUD_SEX_F, 4000);
        d->wf.birth_date[r] = day;
        d->wf.hire_date[r] = to - (day - from);
    }
    for (size_t s = 0; s < sizeof snaps / sizeof *snaps; s++) {
        aud_options o;
        setup_opts(&o);
        o.period_end = aud_days_from_civil(snaps[s][0], snaps[s][1], snaps[s][2]);
        aud_measures m;
        assert_int_equal(aud_measures_compute(d, &o, &m), AUD_OK);
        for (size_t i = 0; i < d->wf.n; i++) {
            int want = aud_full_years(d->wf.birth_date[i], o.period_end);
            if (m.age[i] != want) fail_msg("snapshot %zu, birth day %d: age %d, want %d", s,
                                            (int)d->wf.birth_date[i], m.age[i], want);
            if (d->wf.hire_date[i] <= o.period_end)
                assert_int_equal(m.seniority[i], aud_full_years(d->wf.hire_date[i], o.period_end));
        }
        aud_measures_free(&m);
    }
    aud_dataset_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pay_measures), cmocka_unit_test(population_rules),
        cmocka_unit_test(ages_and_bands), cmocka_unit_test(ages_match_full_years),
    };
    return cmocka_run_group_tests_name("measures", tests, NULL, NULL);
}
