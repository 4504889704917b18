/* test_foundation.c - interning, dates, results store, options, diagnostics. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "diag.h"
#include "options.h"
#include "results.h"
#include "strtab.h"

static void strtab_interns_once(void **state)
{
    (void)state;
    aud_strtab *t = aud_strtab_new();
    assert_non_null(t);
    uint32_t a, b, c;
    assert_int_equal(aud_strtab_intern(t, "Cadres", 6, &a), AUD_OK);
    assert_int_equal(aud_strtab_intern(t, "Ouvriers", 8, &b), AUD_OK);
    assert_int_equal(aud_strtab_intern(t, "Cadres", 6, &c), AUD_OK);
    assert_int_equal(a, c);
    assert_int_not_equal(a, b);
    assert_true(a >= 1);
    assert_string_equal(aud_strtab_get(t, b), "Ouvriers");
    assert_string_equal(aud_strtab_get(t, 0), "");
    assert_string_equal(aud_strtab_get(t, 999), "");
    assert_int_equal(aud_strtab_find(t, "Cadres", 6), a);
    assert_int_equal(aud_strtab_find(t, "Cadre", 5), 0);
    assert_int_equal(aud_strtab_count(t), 2);
    aud_strtab_free(t);
}

static void strtab_grows(void **state)
{
    (void)state;
    aud_strtab *t = aud_strtab_new();
    char buf[32];
    for (int i = 0; i < 100000; i++) {
        uint32_t id;
        int n = snprintf(buf, sizeof buf, "id-%d", i);
        assert_int_equal(aud_strtab_intern(t, buf, (size_t)n, &id), AUD_OK);
        assert_int_equal(id, (uint32_t)i + 1);
    }
    for (int i = 0; i < 100000; i += 997) {
        int n = snprintf(buf, sizeof buf, "id-%d", i);
        assert_int_equal(aud_strtab_find(t, buf, (size_t)n), (uint32_t)i + 1);
        assert_string_equal(aud_strtab_get(t, (uint32_t)i + 1), buf);
    }
    /* embedded NUL bytes are part of the key */
    uint32_t x, y;
    assert_int_equal(aud_strtab_intern(t, "a\0b", 3, &x), AUD_OK);
    assert_int_equal(aud_strtab_intern(t, "a\0c", 3, &y), AUD_OK);
    assert_int_not_equal(x, y);
    aud_strtab_free(t);
}

/* Strings spread over several arena blocks, one longer than a block (it
 * gets a block of its own), and strings after it: each comes back intact. */
static void strtab_blocks(void **state)
{
    (void)state;
    aud_strtab *t = aud_strtab_new();
    size_t big = (3u << 20) / 2;                 /* 1.5 MB */
    char *s = malloc(big);
    assert_non_null(s);
    uint32_t ids[3000], bid, after;
    for (int i = 0; i < 3000; i++) {             /* ~3 MB of 1000-byte strings */
        memset(s, 'a' + i % 26, 1000);
        snprintf(s, 16, "%d", i);
        assert_int_equal(aud_strtab_intern(t, s, 1000, &ids[i]), AUD_OK);
        if (i == 1500) {
            memset(s, 'Z', big);
            assert_int_equal(aud_strtab_intern(t, s, big, &bid), AUD_OK);
        }
    }
    assert_int_equal(aud_strtab_intern(t, "tail", 4, &after), AUD_OK);
    assert_int_equal(aud_strtab_len(t, bid), big);
    const char *g = aud_strtab_get(t, bid);
    assert_true(g[0] == 'Z' && g[big - 1] == 'Z' && g[big] == '\0');
    for (int i = 0; i < 3000; i += 7) {
        char head[16];
        snprintf(head, sizeof head, "%d", i);
        const char *v = aud_strtab_get(t, ids[i]);
        assert_string_equal(v, head);            /* the NUL snprintf left */
        assert_int_equal(aud_strtab_len(t, ids[i]), 1000);
        assert_true(v[999] == 'a' + i % 26 && v[1000] == '\0');
    }
    assert_string_equal(aud_strtab_get(t, after), "tail");
    memset(s, 'Z', big);
    assert_int_equal(aud_strtab_find(t, s, big), bid);
    free(s);
    aud_strtab_free(t);
}

/* The first blocks are small (4 KiB, then doubling): strings longer than
 * the block being opened get a block of their own, the next ones go on. */
static void strtab_small_first_blocks(void **state)
{
    (void)state;
    aud_strtab *t = aud_strtab_new();
    static char s[20000];
    uint32_t ids[300];
    size_t lens[300];
    for (int i = 0; i < 300; i++) {
        lens[i] = i % 50 == 0 ? 5000 + (size_t)i * 50 : 100 + (size_t)i;
        memset(s, 'a' + i % 26, lens[i]);
        snprintf(s, 16, "%d", i);
        assert_int_equal(aud_strtab_intern(t, s, lens[i], &ids[i]), AUD_OK);
    }
    for (int i = 0; i < 300; i++) {
        char head[16];
        snprintf(head, sizeof head, "%d", i);
        const char *v = aud_strtab_get(t, ids[i]);
        assert_string_equal(v, head);
        assert_int_equal(aud_strtab_len(t, ids[i]), lens[i]);
        assert_true(v[lens[i] - 1] == 'a' + i % 26 && v[lens[i]] == '\0');
    }
    aud_strtab_free(t);
}

static void dates_round_trip(void **state)
{
    (void)state;
    assert_int_equal(aud_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(aud_days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(aud_days_from_civil(1969, 12, 31), -1);
    for (int32_t z = -50000; z < 100000; z += 17) {
        int y, m, d;
        aud_civil_from_days(z, &y, &m, &d);
        assert_true(aud_date_valid(y, m, d) || y < 1800 || y > 2200);
        assert_int_equal(aud_days_from_civil(y, m, d), z);
    }
    assert_true(aud_date_valid(2024, 2, 29));
    assert_false(aud_date_valid(2025, 2, 29));
    assert_false(aud_date_valid(1900, 2, 29));
    assert_true(aud_date_valid(2000, 2, 29));
    assert_false(aud_date_valid(2025, 13, 1));
    assert_false(aud_date_valid(2025, 4, 31));
}

static void full_years_rule(void **state)
{
    (void)state;
    int32_t snap = aud_days_from_civil(2025, 12, 31);
    assert_int_equal(aud_full_years(aud_days_from_civil(1990, 12, 31), snap), 35);
    assert_int_equal(aud_full_years(aud_days_from_civil(1991, 1, 1), snap), 34);
    int32_t s2 = aud_days_from_civil(2025, 6, 15);
    assert_int_equal(aud_full_years(aud_days_from_civil(2000, 6, 16), s2), 24);
    assert_int_equal(aud_full_years(aud_days_from_civil(2000, 6, 15), s2), 25);
    /* born on 29 February: a full year is reached on 1 March in common years */
    int32_t s3 = aud_days_from_civil(2025, 2, 28);
    assert_int_equal(aud_full_years(aud_days_from_civil(2004, 2, 29), s3), 20);
}

static void results_store(void **state)
{
    (void)state;
    aud_results *r = aud_results_new();
    assert_int_equal(aud_results_set_num(r, "pay_gap_mean_pct", 12.5), AUD_OK);
    assert_int_equal(aud_results_set_int(r, "headcount", 800), AUD_OK);
    assert_int_equal(aud_results_set_null(r, "egapro_index", "max_points_below_75"), AUD_OK);
    assert_int_equal(aud_results_set_num(r, "weird", NAN), AUD_OK);
    assert_int_equal(aud_results_set_num(r, "negzero", -0.0), AUD_OK);
    assert_true(aud_results_num(r, "pay_gap_mean_pct") == 12.5);
    assert_true(aud_results_num(r, "headcount") == 800.0);
    assert_true(isnan(aud_results_num(r, "egapro_index")));
    assert_true(isnan(aud_results_num(r, "absent")));
    const aud_metric *m = aud_results_get(r, "weird");
    assert_int_equal(m->v.type, AUD_V_NULL);
    assert_string_equal(m->reason, "not_finite");
    assert_false(signbit(aud_results_get(r, "negzero")->v.num));
    /* overwriting keeps the position and clears the reason */
    assert_int_equal(aud_results_set_num(r, "egapro_index", 86), AUD_OK);
    assert_null(aud_results_get(r, "egapro_index")->reason);
    assert_string_equal(r->metrics[2].id, "egapro_index");

    const char *cols[] = {"category", "n"};
    aud_colfmt fmts[] = {AUD_COL_TEXT, AUD_COL_COUNT};
    aud_table *t;
    assert_int_equal(aud_results_add_table(r, "workforce_by_category", 2, cols, fmts, &t), AUD_OK);
    assert_int_not_equal(aud_results_add_table(r, "workforce_by_category", 2, cols, fmts, NULL), AUD_OK);
    for (int i = 0; i < 40; i++) {
        size_t row;
        assert_int_equal(aud_table_add_row(t, &row), AUD_OK);
        assert_int_equal(row, (size_t)i);
        assert_int_equal(aud_cell_str(t, row, 0, "Cadres"), AUD_OK);
        assert_int_equal(aud_cell_int(t, row, 1, i), AUD_OK);
    }
    aud_cell_suppress(t, 3, 1);
    const aud_table *tc = aud_results_table(r, "workforce_by_category");
    assert_ptr_equal(tc, t);
    assert_int_equal(aud_table_col(tc, "n"), 1);
    assert_int_equal(aud_table_col(tc, "x"), -1);
    assert_int_equal(aud_table_cell_c(tc, 39, 1)->i, 39);
    assert_int_equal(aud_table_cell_c(tc, 3, 1)->type, AUD_V_SUPPRESSED);
    assert_null(aud_table_cell_c(tc, 40, 0));
    assert_int_equal(aud_results_note(r, "egapro_mode", "categories stand in for CSPs"), AUD_OK);
    aud_results_free(r);
}

/* Thousands of metrics (a run with many groups): each is found again by
 * name, overwriting keeps the first place, the order is that of first set. */
static void results_many_metrics(void **state)
{
    (void)state;
    aud_results *r = aud_results_new();
    char id[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(id, sizeof id, "gap_group_%d", i);
        assert_int_equal(aud_results_set_int(r, id, i), AUD_OK);
    }
    for (int i = 0; i < 5000; i += 3) {
        snprintf(id, sizeof id, "gap_group_%d", i);
        assert_int_equal(aud_results_set_num(r, id, i + 0.5), AUD_OK);
    }
    assert_int_equal(r->nmetrics, 5000);
    for (int i = 0; i < 5000; i++) {
        snprintf(id, sizeof id, "gap_group_%d", i);
        assert_string_equal(r->metrics[i].id, id);
        assert_true(aud_results_num(r, id) == (i % 3 ? i : i + 0.5));
    }
    assert_null(aud_results_get(r, "gap_group_5000"));
    assert_null(aud_results_get(r, ""));
    aud_results_free(r);
}

/* Strings are copies kept in blocks the results own: ids, values, reasons,
 * table names, column names and cells survive the caller's buffer changing,
 * across many blocks and a string bigger than any block, with values
 * overwritten in between. */
static void results_strings(void **state)
{
    (void)state;
    aud_results *r = aud_results_new();
    assert_non_null(r);
    size_t big_n = 100000;
    char *big = malloc(big_n + 1);
    assert_non_null(big);
    memset(big, 'x', big_n);
    big[big_n] = 0;
    char id[32], val[64];
    const char *cols[] = {"group", "note"};
    aud_table *t;
    assert_int_equal(aud_results_add_table(r, "labels", 2, cols, NULL, &t), AUD_OK);
    for (int i = 0; i < 3000; i++) {
        snprintf(id, sizeof id, "label_%d", i);
        snprintf(val, sizeof val, "value number %d", i);
        assert_int_equal(aud_results_set_str(r, id, val), AUD_OK);
        size_t row;
        assert_int_equal(aud_table_add_row(t, &row), AUD_OK);
        assert_int_equal(aud_cell_str(t, row, 0, id), AUD_OK);
        assert_int_equal(aud_cell_str(t, row, 1, i == 1500 ? big : val), AUD_OK);
        if (i == 1000) assert_int_equal(aud_results_note(r, "long", big), AUD_OK);
        if (i % 7 == 0) assert_int_equal(aud_results_set_null(r, id, "too_few"), AUD_OK);
    }
    memset(val, 0, sizeof val);
    memset(big, 'y', big_n);
    for (int i = 0; i < 3000; i++) {
        snprintf(id, sizeof id, "label_%d", i);
        snprintf(val, sizeof val, "value number %d", i);
        const aud_metric *m = aud_results_get(r, id);
        assert_non_null(m);
        if (i % 7 == 0) {
            assert_int_equal(m->v.type, AUD_V_NULL);
            assert_string_equal(m->reason, "too_few");
        } else {
            assert_int_equal(m->v.type, AUD_V_STR);
            assert_string_equal(m->v.str, val);
        }
        assert_string_equal(aud_table_cell_c(t, (size_t)i, 0)->str, id);
        /* a string stored twice (metric id, table cell) is kept once */
        assert_ptr_equal(aud_table_cell_c(t, (size_t)i, 0)->str, m->id);
        const char *c1 = aud_table_cell_c(t, (size_t)i, 1)->str;
        if (i == 1500) assert_true(strlen(c1) == big_n && c1[0] == 'x' && c1[big_n - 1] == 'x');
        else assert_string_equal(c1, val);
    }
    assert_int_equal(r->nnotes, 1);
    assert_true(strlen(r->notes[0].v.str) == big_n && r->notes[0].v.str[7] == 'x');
    assert_string_equal(t->name, "labels");
    assert_string_equal(t->col_names[1], "note");
    free(big);
    aud_results_free(r);
}

static void options_period(void **state)
{
    (void)state;
    aud_options o;
    aud_options_defaults(&o);
    assert_int_equal(o.min_cell, 3);
    assert_true(o.monthly_hours == 191.0);
    assert_true(isnan(o.smig));
    aud_diag d;
    aud_diag_clear(&d);
    assert_int_equal(aud_options_parse_period(&o, "2025", &d), AUD_OK);
    assert_int_equal(o.period_start, aud_days_from_civil(2025, 1, 1));
    assert_int_equal(o.period_end, aud_days_from_civil(2025, 12, 31));
    assert_int_equal(aud_options_parse_period(&o, "2024-07-01:2025-06-30", &d), AUD_OK);
    assert_int_equal(o.period_end, aud_days_from_civil(2025, 6, 30));
    assert_int_equal(aud_options_parse_period(&o, "2025-02-30:2025-06-30", &d), AUD_E_USAGE);
    assert_int_equal(aud_options_parse_period(&o, "2025-06-30:2025-01-01", &d), AUD_E_USAGE);
    assert_int_equal(aud_options_parse_period(&o, "25", &d), AUD_E_USAGE);
    assert_non_null(strstr(d.message, "--period"));
    aud_options_default_period(&o, aud_days_from_civil(2026, 11, 29));
    assert_int_equal(o.period_start, aud_days_from_civil(2025, 1, 1));
    aud_options_free(&o);
}

static void exit_statuses(void **state)
{
    (void)state;
    assert_int_equal(aud_err_exit_status(AUD_OK), 0);
    assert_int_equal(aud_err_exit_status(AUD_E_USAGE), 2);
    assert_int_equal(aud_err_exit_status(AUD_E_SAME_FILE), 2);
    assert_int_equal(aud_err_exit_status(AUD_E_CSV), 3);
    assert_int_equal(aud_err_exit_status(AUD_E_HEADER), 3);
    assert_int_equal(aud_err_exit_status(AUD_E_SUMMARY), 3);
    assert_int_equal(aud_err_exit_status(AUD_E_OUTPUT), 4);
    assert_int_equal(aud_err_exit_status(AUD_E_XLSX), 4);
    assert_int_equal(aud_err_exit_status(AUD_E_NOMEM), 5);
    aud_diag d;
    aud_diag_clear(&d);
    assert_int_equal(aud_diag_set(&d, AUD_E_CSV, "a.csv", 17, "unterminated quote opened here"), AUD_E_CSV);
    assert_string_equal(d.file, "a.csv");
    assert_int_equal(d.line, 17);
    assert_int_equal(aud_diag_set(NULL, AUD_E_IO, "x", 0, "y"), AUD_E_IO);
}

static void dataset_rows_and_findings(void **state)
{
    (void)state;
    aud_dataset *d = aud_dataset_new();
    uint32_t in;
    assert_int_equal(aud_dataset_add_input(d, "x.csv", AUD_KIND_WORKFORCE, &in), AUD_OK);
    for (int i = 0; i < 5000; i++) {
        size_t row;
        assert_int_equal(aud_wf_append(d, &row), AUD_OK);
        assert_int_equal(row, (size_t)i);
        assert_true(isnan(d->wf.base_pay[row]));
        assert_int_equal(d->wf.birth_date[row], AUD_NO_DATE);
        assert_int_equal(d->wf.promoted[row], -1);
        assert_int_equal(d->wf.csp[row], -1);
        d->wf.base_pay[row] = 1000 + i;
    }
    aud_wf_pop(d);
    assert_int_equal(d->wf.n, 4999);
    assert_true(d->wf.base_pay[4998] == 5998.0);
    assert_int_equal(aud_dataset_finding(d, in, 12, "Salaire", "-5", "negative_pay", AUD_SEV_REJECT), AUD_OK);
    assert_int_equal(aud_dataset_finding(d, in, 13, NULL, NULL, "age_implausible", AUD_SEV_WARNING), AUD_OK);
    assert_int_equal(d->rejections, 1);
    assert_int_equal(d->warnings, 1);
    assert_string_equal(aud_dataset_str(d, d->findings[0].code), "negative_pay");
    assert_int_equal(d->findings[1].column, 0);
    size_t prow;
    assert_int_equal(aud_wf_append_to(&d->prev, &prow), AUD_OK);
    assert_int_equal(d->prev.n, 1);
    assert_int_equal(aud_field_from_name("base_pay"), AUD_F_BASE_PAY);
    assert_int_equal(aud_field_from_name("nope"), -1);
    for (int f = 0; f < AUD_F__COUNT; f++)
        assert_int_equal(aud_field_from_name(aud_field_name((aud_field)f)), f);
    aud_dataset_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strtab_interns_once), cmocka_unit_test(strtab_grows),
        cmocka_unit_test(strtab_blocks), cmocka_unit_test(strtab_small_first_blocks),
        cmocka_unit_test(dates_round_trip), cmocka_unit_test(full_years_rule),
        cmocka_unit_test(results_store), cmocka_unit_test(results_many_metrics),
        cmocka_unit_test(results_strings),
        cmocka_unit_test(options_period),
        cmocka_unit_test(exit_statuses), cmocka_unit_test(dataset_rows_and_findings),
    };
    return cmocka_run_group_tests_name("foundation", tests, NULL, NULL);
}
