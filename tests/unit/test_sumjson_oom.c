/* test_sumjson_oom.c - a summary's JSON under failing jansson allocations.
 * Every allocation jansson makes while building the JSON is failed in turn:
 * the result is either NULL (out of memory) or exactly the JSON of the run
 * without a failure, never a text with '?' in place of its accents (the
 * fallback for names that are not UTF-8 once took a failed allocation for
 * one). A program of its own: it replaces jansson's allocator. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sumfmt.h"

static long calls, fail_at;

static void *failing_malloc(size_t n)
{
    calls++;
    if (fail_at > 0 && calls == fail_at) return NULL;
    return malloc(n);
}

static char *dump(const aud_summary *s)
{
    json_t *j = aud_summary_to_json(s);
    if (!j) return NULL;
    long keep = fail_at;
    fail_at = 0;                      /* the dump itself is not under test */
    char *t = json_dumps(j, JSON_PRESERVE_ORDER);
    fail_at = keep;
    json_decref(j);
    assert_non_null(t);
    return t;
}

static void test_failed_allocation_is_not_invalid_utf8(void **state)
{
    (void)state;
    aud_summary *s = aud_summary_new();
    assert_non_null(s);
    aud_sum_employer *e;
    assert_int_equal(aud_summary_add_employer(s, "Société Générale", "C10", "Fès-Meknès", "50-249",
                                              "2025-01-01", "2025-12-31", 3, &e), AUD_OK);
    aud_sum_row *row;
    assert_int_equal(aud_sum_table_row(&s->tables[0], "Employés", 1, &row), AUD_OK);
    assert_int_equal(aud_sum_table_row(&s->tables[0], "Employ\xe9s", 2, &row), AUD_OK);  /* cp1252 */
    json_set_alloc_funcs(failing_malloc, free);
    fail_at = 0;
    calls = 0;
    char *want = dump(s);
    assert_non_null(want);
    assert_non_null(strstr(want, "Employés"));
    assert_non_null(strstr(want, "Employ?s"));       /* the cp1252 name, as documented */
    long total = calls;
    assert_true(total > 10);
    int nulls = 0;
    for (fail_at = 1; fail_at <= total; fail_at++) {
        calls = 0;
        char *got = dump(s);
        if (!got) { nulls++; continue; }
        assert_string_equal(got, want);
        free(got);
    }
    assert_true(nulls > 0);
    fail_at = 0;
    free(want);
    json_set_alloc_funcs(malloc, free);
    aud_summary_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_failed_allocation_is_not_invalid_utf8),
    };
    return cmocka_run_group_tests_name("sumjson_oom", tests, NULL, NULL);
}
