/* test_encoding.c - encoding detection and conversion to UTF-8. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "encoding.h"

static aud_enc detect(const char *s, size_t n, const char *forced, size_t *bom, aud_dec_status *st)
{
    aud_enc e = AUD_ENC_UTF8;
    *st = aud_enc_detect((const unsigned char *)s, n, true, forced, &e, bom);
    return e;
}

static void test_detect(void **state)
{
    (void)state;
    size_t bom;
    aud_dec_status st;
    assert_int_equal(detect("id;sexe\n", 8, NULL, &bom, &st), AUD_ENC_UTF8);
    assert_int_equal(bom, 0);
    assert_int_equal(detect("\xEF\xBB\xBFid", 5, NULL, &bom, &st), AUD_ENC_UTF8_BOM);
    assert_int_equal(bom, 3);
    assert_int_equal(detect("\xFF\xFEi\0d\0", 6, NULL, &bom, &st), AUD_ENC_UTF16LE);
    assert_int_equal(bom, 2);
    assert_int_equal(detect("\xFE\xFF\0i\0d", 6, NULL, &bom, &st), AUD_ENC_UTF16BE);
    assert_int_equal(st, AUD_DEC_OK);
    detect("i\0d\0;\0s\0e\0x\0", 12, NULL, &bom, &st);
    assert_int_equal(st, AUD_DEC_NO_BOM);
    /* "Catégorie;Employé" in cp1252: isolated accented bytes */
    assert_int_equal(detect("Cat\xE9gorie;Employ\xE9;\xC9" "chelon\n", 26, NULL, &bom, &st), AUD_ENC_CP1252);
    /* "الجنس;الأجر" in cp1256: runs of high bytes */
    assert_int_equal(detect("\xC7\xE1\xCC\xE4\xD3;\xC7\xE1\xC3\xCC\xD1\n", 12, NULL, &bom, &st), AUD_ENC_CP1256);
    /* a valid UTF-8 é stays UTF-8 */
    assert_int_equal(detect("Cat\xC3\xA9gorie", 10, NULL, &bom, &st), AUD_ENC_UTF8);
    /* forced */
    assert_int_equal(detect("abc", 3, "cp1256", &bom, &st), AUD_ENC_CP1256);
    assert_int_equal(detect("\xEF\xBB\xBF" "abc", 6, "utf-8", &bom, &st), AUD_ENC_UTF8_BOM);
    assert_int_equal(bom, 3);
    detect("abc", 3, "utf-16", &bom, &st);
    assert_int_equal(st, AUD_DEC_NO_BOM);
    assert_int_equal(detect("a\0b\0", 4, "utf-16le", &bom, &st), AUD_ENC_UTF16LE);
    assert_int_equal(bom, 0);
    assert_int_equal(detect("\xFE\xFF\0a", 4, "utf-16", &bom, &st), AUD_ENC_UTF16BE);
    assert_int_equal(bom, 2);
}

static aud_dec_status dec(aud_enc e, const char *in, size_t n, bool eof, char *out, size_t *olen, size_t *used)
{
    return aud_enc_decode(e, (const unsigned char *)in, n, eof, out, olen, used);
}

static void test_decode_cp(void **state)
{
    (void)state;
    char out[64];
    size_t ol, used;
    assert_int_equal(dec(AUD_ENC_CP1252, "\xC9t\xE9 \x80 \x9C", 7, true, out, &ol, &used), AUD_DEC_OK);
    out[ol] = 0;
    assert_string_equal(out, "\xC3\x89t\xC3\xA9 \xE2\x82\xAC \xC5\x93");   /* Été € œ */
    assert_int_equal(used, 7);
    /* 0x81 is undefined in cp1252 */
    assert_int_equal(dec(AUD_ENC_CP1252, "ab\x81" "c", 4, true, out, &ol, &used), AUD_DEC_INVALID);
    assert_int_equal(used, 2);
    assert_int_equal(ol, 2);
    /* cp1256: ا (0xC7) ل (0xE1) ج (0xCC) ن (0xE4) س (0xD3) */
    assert_int_equal(dec(AUD_ENC_CP1256, "\xC7\xE1\xCC\xE4\xD3", 5, true, out, &ol, &used), AUD_DEC_OK);
    out[ol] = 0;
    assert_string_equal(out, "\xD8\xA7\xD9\x84\xD8\xAC\xD9\x86\xD8\xB3");
    /* shared French lower case: é (0xE9) is é in both */
    assert_int_equal(dec(AUD_ENC_CP1256, "\xE9", 1, true, out, &ol, &used), AUD_DEC_OK);
    assert_memory_equal(out, "\xC3\xA9", 2);
    assert_int_equal(dec(AUD_ENC_CP1252, "a\0b", 3, true, out, &ol, &used), AUD_DEC_NUL);
    assert_int_equal(used, 1);
}

static void test_decode_utf8(void **state)
{
    (void)state;
    char out[64];
    size_t ol, used;
    assert_int_equal(dec(AUD_ENC_UTF8, "a\xC3\xA9", 3, true, out, &ol, &used), AUD_DEC_OK);
    assert_int_equal(used, 3);
    /* a character cut by the block end is left for the next block */
    assert_int_equal(dec(AUD_ENC_UTF8, "a\xC3", 2, false, out, &ol, &used), AUD_DEC_OK);
    assert_int_equal(used, 1);
    assert_int_equal(dec(AUD_ENC_UTF8, "a\xC3", 2, true, out, &ol, &used), AUD_DEC_TRUNCATED);
    assert_int_equal(dec(AUD_ENC_UTF8, "ab\xFF", 3, true, out, &ol, &used), AUD_DEC_INVALID);
    assert_int_equal(used, 2);
    assert_int_equal(dec(AUD_ENC_UTF8, "\xC0\xAF", 2, true, out, &ol, &used), AUD_DEC_INVALID);   /* overlong */
    assert_int_equal(dec(AUD_ENC_UTF8, "\xED\xA0\x80", 3, true, out, &ol, &used), AUD_DEC_INVALID); /* surrogate */
    assert_int_equal(dec(AUD_ENC_UTF8, "\xF4\x90\x80\x80", 4, true, out, &ol, &used), AUD_DEC_INVALID);
    assert_int_equal(dec(AUD_ENC_UTF8, "\xF0\x9F\x98\x80", 4, true, out, &ol, &used), AUD_DEC_OK);
    assert_int_equal(dec(AUD_ENC_UTF8, "x\0", 2, true, out, &ol, &used), AUD_DEC_NUL);
    assert_true(aud_enc_valid_utf8((const unsigned char *)"a\xE2\x82", 3, false));
    assert_false(aud_enc_valid_utf8((const unsigned char *)"a\xE2\x82", 3, true));
}

static void test_decode_utf16(void **state)
{
    (void)state;
    char out[64];
    size_t ol, used;
    /* "é€" LE */
    assert_int_equal(dec(AUD_ENC_UTF16LE, "\xE9\x00\xAC\x20", 4, true, out, &ol, &used), AUD_DEC_OK);
    assert_int_equal(ol, 5);
    assert_memory_equal(out, "\xC3\xA9\xE2\x82\xAC", 5);
    /* U+1F600 as a surrogate pair, BE */
    assert_int_equal(dec(AUD_ENC_UTF16BE, "\xD8\x3D\xDE\x00", 4, true, out, &ol, &used), AUD_DEC_OK);
    assert_memory_equal(out, "\xF0\x9F\x98\x80", 4);
    /* odd length */
    assert_int_equal(dec(AUD_ENC_UTF16LE, "a\0b", 3, true, out, &ol, &used), AUD_DEC_TRUNCATED);
    assert_int_equal(dec(AUD_ENC_UTF16LE, "a\0b", 3, false, out, &ol, &used), AUD_DEC_OK);
    assert_int_equal(used, 2);
    /* lone low surrogate */
    assert_int_equal(dec(AUD_ENC_UTF16LE, "\x00\xDC", 2, true, out, &ol, &used), AUD_DEC_INVALID);
    /* high surrogate not followed by a low one */
    assert_int_equal(dec(AUD_ENC_UTF16LE, "\x3D\xD8" "a\0", 4, true, out, &ol, &used), AUD_DEC_INVALID);
    /* cut surrogate pair waits for more */
    assert_int_equal(dec(AUD_ENC_UTF16LE, "a\0\x3D\xD8", 4, false, out, &ol, &used), AUD_DEC_OK);
    assert_int_equal(used, 2);
    assert_int_equal(dec(AUD_ENC_UTF16LE, "a\0\0\0", 4, true, out, &ol, &used), AUD_DEC_NUL);
}

static void test_utf8_helpers(void **state)
{
    (void)state;
    char b[4];
    assert_int_equal(aud_utf8_put(0x41, b), 1);
    assert_int_equal(aud_utf8_put(0xE9, b), 2);
    assert_int_equal(aud_utf8_put(0x0627, b), 2);
    assert_int_equal(aud_utf8_put(0x20AC, b), 3);
    assert_int_equal(aud_utf8_put(0x1F600, b), 4);
    uint32_t cp;
    assert_int_equal(aud_utf8_get((const unsigned char *)"\xD8\xA7", 2, &cp), 2);
    assert_int_equal(cp, 0x0627);
    assert_int_equal(aud_utf8_get((const unsigned char *)"\xD8", 1, &cp), 0);
    assert_string_equal(aud_enc_name(AUD_ENC_UTF8_BOM), "utf-8-bom");
    assert_string_equal(aud_enc_name(AUD_ENC_CP1256), "cp1256");
    assert_true(aud_enc_out_cap(10) >= 30);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_decode_cp),
        cmocka_unit_test(test_decode_utf8),
        cmocka_unit_test(test_decode_utf16),
        cmocka_unit_test(test_utf8_helpers),
    };
    return cmocka_run_group_tests_name("encoding", tests, NULL, NULL);
}
