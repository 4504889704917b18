/* test_json_out.c - text that is not UTF-8 (file names, command-line values)
 * reaches the JSON with U+FFFD in place of each bad byte, instead of making
 * jansson refuse the string and the whole document fail. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "json_out.h"

static void expect_text(const char *in, const char *want)
{
    json_t *j = aud_json_text(in);
    assert_non_null(j);
    assert_true(json_is_string(j));
    assert_int_equal(json_string_length(j), strlen(want));
    assert_memory_equal(json_string_value(j), want, strlen(want));
    json_decref(j);
}

static void valid_text_unchanged(void **state)
{
    (void)state;
    expect_text("", "");
    expect_text("donn\xC3\xA9" "es.csv", "donn\xC3\xA9" "es.csv");
    expect_text("\xD8\xB3\xD9\x84\xD9\x85\xD9\x89", "\xD8\xB3\xD9\x84\xD9\x85\xD9\x89");   /* Arabic */
    expect_text("\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80");                                   /* U+1F600 */
    json_t *j = aud_json_text(NULL);
    assert_true(json_is_null(j));
    json_decref(j);
}

static void invalid_bytes_replaced(void **state)
{
    (void)state;
    /* Latin-1 e-acute */
    expect_text("donn\xE9" "es.csv", "donn\xEF\xBF\xBD" "es.csv");
    /* overlong "/" (C0 AF): two bad bytes */
    expect_text("a\xC0\xAF" "b", "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
    /* a UTF-16 surrogate encoded in UTF-8 (ED A0 80) */
    expect_text("\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    /* truncated sequence at the end */
    expect_text("ok\xE2\x82", "ok\xEF\xBF\xBD\xEF\xBF\xBD");
    /* above U+10FFFF (F4 90 80 80) */
    expect_text("\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_text_unchanged),
        cmocka_unit_test(invalid_bytes_replaced),
    };
    return cmocka_run_group_tests_name("json_out", tests, NULL, NULL);
}
