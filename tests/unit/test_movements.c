/* test_movements.c - promotions, raises, hires and exits derived from two
 * snapshots built in C. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "movements.h"
#include "parity.h"

typedef struct emp {
    const char *id; aud_sex sex; const char *grade; int csp; double pay; double fte;
} emp;

static size_t add(aud_dataset *d, aud_workforce *w, const emp *e)
{
    size_t row;
    assert_int_equal(aud_wf_append_to(w, &row), AUD_OK);
    assert_int_equal(aud_strtab_intern(d->ids, e->id, strlen(e->id), &w->employee_id[row]), AUD_OK);
    w->sex[row] = (uint8_t)e->sex;
    assert_int_equal(aud_dataset_intern(d, e->grade, &w->grade[row]), AUD_OK);
    w->csp[row] = (int8_t)e->csp;
    w->base_pay[row] = e->pay;
    w->fte[row] = e->fte;
    return row;
}

static void setup_opts(aud_options *o, double general)
{
    aud_options_defaults(o);
    o->period_start = aud_days_from_civil(2025, 1, 1);
    o->period_end = aud_days_from_civil(2025, 12, 31);
    o->general_raise_pct = general;
}

static const emp before[] = {
    {"E1", AUD_SEX_F, "3", -1, 5000, NAN},
    {"E2", AUD_SEX_M, "9", -1, 5000, NAN},
    {"E3", AUD_SEX_F, "E2", -1, 5000, NAN},
    {"E4", AUD_SEX_M, "B", -1, 5000, NAN},
    {"E5", AUD_SEX_F, "C", -1, 5000, NAN},
    {"E6", AUD_SEX_M, NULL, 1, 5000, NAN},
    {"E7", AUD_SEX_F, NULL, -1, 4000, NAN},
    {"E8", AUD_SEX_M, "1", -1, 5000, NAN},
    {"E9", AUD_SEX_F, "C", -1, 2500, 0.5},
    {"E10", AUD_SEX_F, "C", -1, 3000, NAN},
    {"E13", AUD_SEX_F, "C", -1, 3000, NAN},
};
static const emp after[] = {
    {"E1", AUD_SEX_F, "4", -1, 5600, NAN},     /* numeric grade up, pay +12 %: promoted only */
    {"E2", AUD_SEX_M, "10", -1, 5000, NAN},    /* 9 -> 10 numerically (not as text) */
    {"E3", AUD_SEX_F, "E10", -1, 5000, NAN},   /* natural order E2 < E10 */
    {"E4", AUD_SEX_M, "A", -1, 5100, NAN},     /* grade down; +2 % exactly = general raise */
    {"E5", AUD_SEX_F, "C", -1, 5150, NAN},     /* +3 % > 2 %: raised */
    {"E6", AUD_SEX_M, NULL, 3, 5000, NAN},     /* CSP employés -> cadres */
    {"E7", AUD_SEX_F, NULL, -1, 4000, NAN},    /* nothing to compare grade on */
    {"E8", AUD_SEX_M, "2", -1, 5000, NAN},     /* extract says not promoted: kept */
    {"E9", AUD_SEX_F, "C", -1, 5000, 1.0},     /* half time -> full time: same pay per FTE */
    {"E11", AUD_SEX_M, "C", -1, 3000, NAN},    /* hire */
    {"E12", AUD_SEX_F, "C", -1, 3000, NAN},    /* hire */
    {"E13", AUD_SEX_F, "C", -1, 3000, NAN},    /* left during the period */
};

static aud_dataset *build(void)
{
    aud_dataset *d = aud_dataset_new();
    assert_non_null(d);
    for (size_t i = 0; i < sizeof before / sizeof *before; i++) add(d, &d->prev, &before[i]);
    for (size_t i = 0; i < sizeof after / sizeof *after; i++) add(d, &d->wf, &after[i]);
    d->wf.promoted[7] = 0;
    d->wf.exit_date[11] = aud_days_from_civil(2025, 6, 30);
    return d;
}

static void derive_flags(void **state)
{
    (void)state;
    aud_options o;
    setup_opts(&o, 2.0);
    aud_dataset *d = build();
    aud_diag diag;
    assert_int_equal(aud_movements_derive(d, &o, &diag), AUD_OK);
    static const int8_t want_promoted[] = {1, 1, 1, 0, 0, 1, -1, 0, 0, -1, -1, 0};
    static const int8_t want_raised[] = {0, 0, 0, 0, 1, 0, 0, 0, 0, -1, -1, 0};
    for (size_t i = 0; i < d->wf.n; i++) {
        if (d->wf.promoted[i] != want_promoted[i])
            fail_msg("%s promoted %d, want %d", after[i].id, d->wf.promoted[i], want_promoted[i]);
        if (d->wf.raised[i] != want_raised[i])
            fail_msg("%s raised %d, want %d", after[i].id, d->wf.raised[i], want_raised[i]);
    }
    assert_true(d->has_field[AUD_F_PROMOTED]);
    assert_true(d->has_field[AUD_F_RAISED]);
    assert_true(d->moves.has_previous);
    assert_int_equal(d->moves.hires_women, 1);
    assert_int_equal(d->moves.hires_men, 1);
    assert_int_equal(d->moves.exits_women, 2);   /* E10 gone, E13 exit date */
    assert_int_equal(d->moves.exits_men, 0);

    /* the derived flags feed the parity figures: E13 left, so not eligible */
    aud_measures m;
    assert_int_equal(aud_measures_compute(d, &o, &m), AUD_OK);
    aud_results *r = aud_results_new();
    assert_int_equal(aud_parity_compute(d, &m, &o, r), AUD_OK);
    /* promoted known, in population: F E1 E3 E5 E9 (2 promoted), M E2 E4 E6 E8 (2) */
    assert_true(aud_results_num(r, "promotion_eligible_women") == 4);
    assert_true(aud_results_num(r, "promotion_selected_women") == 2);
    assert_true(aud_results_num(r, "promotion_eligible_men") == 4);
    assert_true(fabs(aud_results_num(r, "promotion_impact_ratio") - 1.0) < 1e-15);
    aud_results_free(r);
    aud_measures_free(&m);
    aud_dataset_free(d);
}

/* Without --general-raise any increase counts; a decrease never does. */
static void general_raise_default(void **state)
{
    (void)state;
    aud_options o;
    setup_opts(&o, NAN);
    aud_dataset *d = build();
    d->wf.base_pay[4] = 5001;      /* E5: +0.02 % */
    d->wf.base_pay[6] = 3900;      /* E7: pay cut */
    assert_int_equal(aud_movements_derive(d, &o, NULL), AUD_OK);
    assert_int_equal(d->wf.raised[4], 1);
    assert_int_equal(d->wf.raised[6], 0);
    assert_int_equal(d->wf.raised[3], 1);   /* E4: +2 %, grade down */
    aud_dataset_free(d);
}

/* No previous snapshot: nothing changes. */
static void no_previous(void **state)
{
    (void)state;
    aud_options o;
    setup_opts(&o, NAN);
    aud_dataset *d = aud_dataset_new();
    for (size_t i = 0; i < sizeof after / sizeof *after; i++) add(d, &d->wf, &after[i]);
    assert_int_equal(aud_movements_derive(d, &o, NULL), AUD_OK);
    assert_false(d->moves.has_previous);
    assert_false(d->has_field[AUD_F_PROMOTED]);
    for (size_t i = 0; i < d->wf.n; i++) assert_true(d->wf.promoted[i] == -1);
    assert_int_equal(d->moves.hires_women + d->moves.hires_men, 0);
    aud_dataset_free(d);
}

/* A previous snapshot that shares no one: everyone is a hire or an exit. */
static void disjoint(void **state)
{
    (void)state;
    aud_options o;
    setup_opts(&o, NAN);
    aud_dataset *d = aud_dataset_new();
    emp a = {"P1", AUD_SEX_M, "1", -1, 100, NAN}, b = {"C1", AUD_SEX_F, "1", -1, 100, NAN};
    add(d, &d->prev, &a);
    add(d, &d->prev, &a);          /* duplicate id in the old file counts once */
    add(d, &d->wf, &b);
    assert_int_equal(aud_movements_derive(d, &o, NULL), AUD_OK);
    assert_int_equal(d->moves.exits_men, 1);
    assert_int_equal(d->moves.hires_women, 1);
    assert_false(d->has_field[AUD_F_PROMOTED]);
    assert_true(d->wf.promoted[0] == -1);
    aud_dataset_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(derive_flags),
        cmocka_unit_test(general_raise_default),
        cmocka_unit_test(no_previous),
        cmocka_unit_test(disjoint),
    };
    return cmocka_run_group_tests_name("movements", tests, NULL, NULL);
}
