/* test_smig.c - the dated SMIG table: value in force on the snapshot date,
 * --smig precedence, malformed and missing tables. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dataset.h"
#include "smig.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/musawat_smig_XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char p[128];
    snprintf(p, sizeof p, "%s/smig.tsv", dir);
    remove(p);
    rmdir(dir);
    return 0;
}

static void write_table(const char *text)
{
    char p[128];
    snprintf(p, sizeof p, "%s/smig.tsv", dir);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static double resolve_at(const char *templates, int y, int m, int d, aud_err want, aud_diag *diag)
{
    aud_options o;
    aud_options_defaults(&o);
    o.templates_dir = templates;
    o.period_end = aud_days_from_civil(y, m, d);
    aud_diag_clear(diag);
    assert_int_equal(aud_smig_resolve(&o, diag), want);
    return o.smig;
}

static void test_value_in_force(void **state)
{
    (void)state;
    /* out of order, with comments, CRLF, a note column */
    write_table("# test table\r\n2025-01-01\t17.10\tdecree\r\n\n2022-09-01\t15.55\n"
                "  # indented comment\n2026-01-01\t17.92\n");
    aud_diag dg;
    assert_true(resolve_at(dir, 2025, 12, 31, AUD_OK, &dg) == 17.10);
    assert_true(resolve_at(dir, 2025, 1, 1, AUD_OK, &dg) == 17.10);      /* first day */
    assert_true(resolve_at(dir, 2024, 12, 31, AUD_OK, &dg) == 15.55);
    assert_true(resolve_at(dir, 2026, 6, 30, AUD_OK, &dg) == 17.92);
    assert_true(isnan(resolve_at(dir, 2022, 8, 31, AUD_OK, &dg)));     /* before any entry */
}

static void test_option_wins(void **state)
{
    (void)state;
    aud_options o;
    aud_options_defaults(&o);
    o.smig = 20.0;
    o.templates_dir = "/nonexistent";
    aud_diag dg;
    aud_diag_clear(&dg);
    assert_int_equal(aud_smig_resolve(&o, &dg), AUD_OK);
    assert_true(o.smig == 20.0);
}

static void test_malformed(void **state)
{
    (void)state;
    aud_diag dg;
    write_table("2025-01-01\t17.10\n2026-13-01\t17.92\n");
    resolve_at(dir, 2025, 12, 31, AUD_E_TEMPLATE, &dg);
    assert_int_equal(dg.line, 2);
    assert_non_null(strstr(dg.file, "smig.tsv"));
    write_table("2025-01-01 17.10\n");                /* space, not TAB */
    resolve_at(dir, 2025, 12, 31, AUD_E_TEMPLATE, &dg);
    write_table("2025-01-01\t17,10\n");               /* decimal comma */
    resolve_at(dir, 2025, 12, 31, AUD_E_TEMPLATE, &dg);
    write_table("2025-01-01\t-3\n");
    resolve_at(dir, 2025, 12, 31, AUD_E_TEMPLATE, &dg);
    char longline[3000];
    memset(longline, '7', sizeof longline);
    memcpy(longline, "2025-01-01\t1", 12);
    longline[sizeof longline - 2] = '\n';
    longline[sizeof longline - 1] = '\0';
    write_table(longline);
    resolve_at(dir, 2025, 12, 31, AUD_E_TEMPLATE, &dg);
    write_table("# only comments\n");
    resolve_at(dir, 2025, 12, 31, AUD_E_TEMPLATE, &dg);
}

static void test_missing(void **state)
{
    (void)state;
    aud_diag dg;
    resolve_at("/nonexistent/musawat", 2025, 12, 31, AUD_E_TEMPLATE, &dg);
    assert_true(dg.message[0] != '\0');
    resolve_at(NULL, 2025, 12, 31, AUD_E_TEMPLATE, &dg);
}

/* The shipped table: PRODUCT.md's values. */
static void test_shipped_table(void **state)
{
    (void)state;
    const char *t = getenv("MUSAWAT_TEMPLATES");
    if (!t || access(t, R_OK) != 0) t = "templates";
    aud_diag dg;
    assert_true(resolve_at(t, 2025, 12, 31, AUD_OK, &dg) == 17.10);
    assert_true(resolve_at(t, 2026, 12, 31, AUD_OK, &dg) == 17.92);
    assert_true(resolve_at(t, 2024, 12, 31, AUD_OK, &dg) == 16.29);
    assert_true(resolve_at(t, 2023, 6, 30, AUD_OK, &dg) == 15.55);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_value_in_force),
        cmocka_unit_test(test_option_wins),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_shipped_table),
    };
    return cmocka_run_group_tests_name("smig", tests, setup, teardown);
}
