/* test_csvin.c - CSV reader: delimiters, quotes, line numbers, limits, errors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "sha256.h"

typedef struct collected {
    size_t n;
    uint64_t line[64];
    size_t ncells[64];
    int too_long[64];
    char text[64][256];     /* cells joined with '|' */
} collected;

static aud_err collect(void *ctx, const aud_row *row)
{
    collected *c = ctx;
    if (c->n >= 64) return AUD_OK;
    c->line[c->n] = row->line;
    c->ncells[c->n] = row->ncells;
    c->too_long[c->n] = row->too_long;
    char *t = c->text[c->n];
    size_t o = 0;
    t[0] = '\0';
    for (size_t i = 0; i < row->ncells; i++) {
        assert_int_equal(strlen(row->cells[i]), row->lens[i]);
        int w = snprintf(t + o, 256 - o, "%s%s", i ? "|" : "", row->cells[i]);
        if (w > 0 && (size_t)w < 256 - o) o += (size_t)w;
    }
    c->n++;
    return AUD_OK;
}

static aud_err read_str(const char *s, size_t n, char delim, const char *enc, collected *c, aud_csv_info *info, aud_diag *d)
{
    memset(c, 0, sizeof *c);
    aud_diag_clear(d);
    aud_csv_opts o = {.delimiter = delim, .encoding = enc};
    return aud_csv_read_mem(s, n, "t.csv", &o, collect, c, info, d);
}

#define READ(s, c, info, d) read_str(s, sizeof(s) - 1, 0, NULL, c, info, d)

static void test_basic_semicolon(void **state)
{
    (void)state;
    collected c; aud_csv_info info; aud_diag d;
    assert_int_equal(READ("id;sexe;salaire\n1;F;3266,10\n2;M;4000,00\n", &c, &info, &d), AUD_OK);
    assert_int_equal(info.delimiter, ';');
    assert_int_equal(c.n, 3);
    assert_string_equal(c.text[1], "1|F|3266,10");
    assert_int_equal(c.line[0], 1);
    assert_int_equal(c.line[2], 3);
    assert_int_equal(info.enc, AUD_ENC_UTF8);
}

static void test_sniff(void **state)
{
    (void)state;
    assert_int_equal(aud_csv_sniff("a,b,c\n1,2,3\n", 12), ',');
    assert_int_equal(aud_csv_sniff("a;b;c\n1,5;2,5;3\n", 16), ';');
    assert_int_equal(aud_csv_sniff("a\tb\tc\n1\t2\t3\n", 12), '\t');
    assert_int_equal(aud_csv_sniff("a|b|c\n1|2|3\n", 12), '|');
    assert_int_equal(aud_csv_sniff("\"a;x\",b,c\n1,2,3\n", 16), ',');   /* ; inside quotes */
    assert_int_equal(aud_csv_sniff("single\n1\n", 9), ',');
    assert_int_equal(aud_csv_sniff("", 0), ',');
    assert_string_equal(aud_csv_delim_name('\t'), "TAB");
}

static void test_quotes_and_newlines(void **state)
{
    (void)state;
    collected c; aud_csv_info info; aud_diag d;
    assert_int_equal(READ("id,note,pay\n1,\"a,b\",10\n2,\"line1\nline2\",20\n3,\"say \"\"hi\"\"\",30\n", &c, &info, &d), AUD_OK);
    assert_int_equal(c.n, 4);
    assert_string_equal(c.text[1], "1|a,b|10");
    assert_string_equal(c.text[2], "2|line1\nline2|20");
    assert_int_equal(c.line[2], 3);
    assert_int_equal(c.line[3], 5);           /* the embedded newline counts */
    assert_string_equal(c.text[3], "3|say \"hi\"|30");
}

static void test_crlf_blank_lines(void **state)
{
    (void)state;
    collected c; aud_csv_info info; aud_diag d;
    assert_int_equal(READ("id;x\r\n\r\n1;a\r\n   \r\n2;b\r\n;\r\n3;c", &c, &info, &d), AUD_OK);
    assert_int_equal(c.n, 4);
    assert_int_equal(c.line[1], 3);
    assert_int_equal(c.line[2], 5);
    assert_int_equal(c.line[3], 7);
    assert_string_equal(c.text[3], "3|c");    /* no final newline */
    assert_int_equal(info.blank_lines, 3);    /* empty, spaces, and ";" */
}

static void test_bom_and_trailing_newline(void **state)
{
    (void)state;
    collected c; aud_csv_info info; aud_diag d;
    assert_int_equal(READ("\xEF\xBB\xBFid,sex\n1,F\n\n", &c, &info, &d), AUD_OK);
    assert_int_equal(info.enc, AUD_ENC_UTF8_BOM);
    assert_string_equal(c.text[0], "id|sex");
    assert_int_equal(c.n, 2);
    assert_int_equal(info.blank_lines, 1);
}

static void test_ragged_rows_delivered(void **state)
{
    (void)state;
    collected c; aud_csv_info info; aud_diag d;
    assert_int_equal(READ("a;b;c\n1;2\n1;2;3;4\n", &c, &info, &d), AUD_OK);
    assert_int_equal(c.ncells[1], 2);
    assert_int_equal(c.ncells[2], 4);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    collected c; aud_csv_info info; aud_diag d;
    assert_int_equal(READ("id,note\n1,ok\n2,\"open\n3,x\n4,y\n", &c, &info, &d), AUD_E_CSV);
    assert_int_equal(d.line, 3);
    assert_string_equal(d.file, "t.csv");
}

static void test_stray_quote(void **state)
{
    (void)state;
    collected c; aud_csv_info info; aud_diag d;
    assert_int_equal(READ("id,note\n1,ok\n2,ab\"c\n3,x\n", &c, &info, &d), AUD_E_CSV);
    assert_int_equal(d.line, 3);
    assert_int_equal(READ("id,note\n1,\"ab\"c\n", &c, &info, &d), AUD_E_CSV);
    assert_int_equal(d.line, 2);
}

static void test_field_too_long(void **state)
{
    (void)state;
    size_t big = 100000;
    char *s = malloc(big + 64);
    assert_non_null(s);
    size_t o = (size_t)snprintf(s, 64, "id;note\n1;");
    memset(s + o, 'x', big);
    o += big;
    o += (size_t)snprintf(s + o, 64, "\n2;ok\n");
    collected c; aud_csv_info info; aud_diag d;
    assert_int_equal(read_str(s, o, 0, NULL, &c, &info, &d), AUD_OK);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.too_long[1], 1);
    assert_int_equal(c.ncells[1], 0);
    assert_int_equal(c.line[1], 2);
    assert_string_equal(c.text[2], "2|ok");
    assert_int_equal(c.line[2], 3);
    /* quoted too, with the field just over the cap */
    o = (size_t)snprintf(s, 64, "id;note\n1;\"");
    memset(s + o, 'y', AUD_CSV_FIELD_MAX + 1);
    o += AUD_CSV_FIELD_MAX + 1;
    o += (size_t)snprintf(s + o, 64, "\"\n2;ok\n");
    assert_int_equal(read_str(s, o, 0, NULL, &c, &info, &d), AUD_OK);
    assert_int_equal(c.too_long[1], 1);
    assert_string_equal(c.text[2], "2|ok");
    /* exactly at the cap is fine */
    o = (size_t)snprintf(s, 64, "id;note\n1;");
    memset(s + o, 'z', AUD_CSV_FIELD_MAX);
    o += AUD_CSV_FIELD_MAX;
    s[o++] = '\n';
    assert_int_equal(read_str(s, o, 0, NULL, &c, &info, &d), AUD_OK);
    assert_int_equal(c.too_long[1], 0);
    free(s);
}

static void test_nul_and_invalid(void **state)
{
    (void)state;
    collected c; aud_csv_info info; aud_diag d;
    assert_int_equal(READ("id;x\n1;a\n2;b\0c\n", &c, &info, &d), AUD_E_ENCODING);
    assert_int_equal(d.line, 3);
    assert_true(d.has_offset);
    assert_int_equal(d.byte_offset, 12);
    assert_non_null(strstr(d.message, "binary or corrupt"));
    /* invalid UTF-8 under a forced utf-8 */
    assert_int_equal(read_str("id;x\n1;\xC3\xA9\n2;\xFF\n", 14, 0, "utf-8", &c, &info, &d), AUD_E_ENCODING);
    assert_int_equal(d.line, 3);
    assert_int_equal(d.byte_offset, 12);
    /* UTF-16 without BOM */
    assert_int_equal(read_str("i\0d\0;\0x\0\n\0", 10, 0, NULL, &c, &info, &d), AUD_E_ENCODING);
    assert_int_equal(d.line, 1);
    /* odd-length UTF-16 */
    assert_int_equal(read_str("\xFF\xFEi\0d\0\n\0x", 9, 0, NULL, &c, &info, &d), AUD_E_ENCODING);
    assert_int_equal(d.byte_offset, 8);
}

static void test_utf16_and_codepages(void **state)
{
    (void)state;
    collected c; aud_csv_info info; aud_diag d;
    /* UTF-16LE tab-separated (Excel "Unicode text"): "id\tsexe\r\n1\tF\r\n" */
    const char le[] = "\xFF\xFE" "i\0d\0\t\0s\0e\0x\0e\0\r\0\n\0" "1\0\t\0F\0\r\0\n\0";
    assert_int_equal(read_str(le, sizeof le - 1, 0, NULL, &c, &info, &d), AUD_OK);
    assert_int_equal(info.enc, AUD_ENC_UTF16LE);
    assert_int_equal(info.delimiter, '\t');
    assert_int_equal(c.n, 2);
    assert_string_equal(c.text[1], "1|F");
    assert_int_equal(c.line[1], 2);
    const char be[] = "\xFE\xFF" "\0i\0d\0,\0x\0\n" "\0" "1\0,\0\xE9\0\n";
    assert_int_equal(read_str(be, sizeof be - 1, 0, NULL, &c, &info, &d), AUD_OK);
    assert_int_equal(info.enc, AUD_ENC_UTF16BE);
    assert_string_equal(c.text[1], "1|\xC3\xA9");
    /* cp1252 */
    assert_int_equal(READ("Cat\xE9gorie;Salaire\nEmploy\xE9;3266,10\n", &c, &info, &d), AUD_OK);
    assert_int_equal(info.enc, AUD_ENC_CP1252);
    assert_string_equal(c.text[1], "Employ\xC3\xA9|3266,10");
    /* cp1256 */
    assert_int_equal(READ("\xC7\xE1\xCC\xE4\xD3;\xC7\xE1\xC3\xCC\xD1\n\xC3\xE4\xCB\xED;100\n", &c, &info, &d), AUD_OK);
    assert_int_equal(info.enc, AUD_ENC_CP1256);
    assert_string_equal(c.text[0], "\xD8\xA7\xD9\x84\xD8\xAC\xD9\x86\xD8\xB3|\xD8\xA7\xD9\x84\xD8\xA3\xD8\xAC\xD8\xB1");
}

static void test_forced_delimiter_and_empty(void **state)
{
    (void)state;
    collected c; aud_csv_info info; aud_diag d;
    assert_int_equal(read_str("a;b|c\n1;2|3\n", 12, '|', NULL, &c, &info, &d), AUD_OK);
    assert_string_equal(c.text[0], "a;b|c");
    assert_int_equal(c.ncells[0], 2);
    assert_int_equal(read_str("", 0, 0, NULL, &c, &info, &d), AUD_OK);
    assert_int_equal(c.n, 0);
    assert_int_equal(READ("\n\n\n", &c, &info, &d), AUD_OK);
    assert_int_equal(c.n, 0);
    assert_int_equal(info.blank_lines, 3);
}

static aud_err stop_at_two(void *ctx, const aud_row *row)
{
    (void)ctx;
    return row->line == 2 ? AUD_E_HEADER : AUD_OK;
}

static void test_callback_error_stops(void **state)
{
    (void)state;
    aud_csv_info info; aud_diag d;
    aud_diag_clear(&d);
    aud_csv_opts o = {0};
    assert_int_equal(aud_csv_read_mem("a\nb\nc\n", 6, "t.csv", &o, stop_at_two, NULL, &info, &d), AUD_E_HEADER);
}

static void test_big_stream_lines(void **state)
{
    (void)state;
    /* more than one read block, a quoted newline straddling blocks */
    size_t rows = 120000;
    size_t cap = rows * 24 + 64;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t o = (size_t)snprintf(s, cap, "id;note\n");
    for (size_t i = 0; i < rows; i++)
        o += (size_t)snprintf(s + o, cap - o, i % 1000 == 7 ? "%zu;\"a\nb\"\n" : "%zu;text\n", i);
    collected c; aud_csv_info info; aud_diag d;
    memset(&c, 0, sizeof c);
    aud_diag_clear(&d);
    aud_csv_opts opt = {0};
    assert_int_equal(aud_csv_read_mem(s, o, "t.csv", &opt, collect, &c, &info, &d), AUD_OK);
    assert_int_equal(info.bytes, o);
    assert_int_equal(info.lines, rows + 1 + rows / 1000 + 1);
    free(s);
}


/* Rows of a big input folded into one checksum (line, cell count, cells). */
typedef struct digest { uint64_t rows, sum; uint64_t stop_line; } digest;

static aud_err digest_row(void *ctx, const aud_row *row)
{
    digest *g = ctx;
    uint64_t h = row->line * 1000003u + row->ncells * 31u + (uint64_t)row->too_long;
    for (size_t i = 0; i < row->ncells; i++)
        for (size_t k = 0; k < row->lens[i]; k++) h = h * 131u + (unsigned char)row->cells[i][k];
    g->sum = g->sum * 1099511628211ull ^ h;
    g->rows++;
    return g->stop_line && row->line >= g->stop_line ? AUD_E_VALUE : AUD_OK;
}

static aud_err read_threads(const char *s, size_t n, int threads, digest *g, aud_csv_info *info, aud_diag *d)
{
    aud_diag_clear(d);
    aud_csv_opts o = {.threads = threads};
    return aud_csv_read_mem(s, n, "t.csv", &o, digest_row, g, info, d);
}

/* 300 000 rows (many blocks of the two-thread reader) with blank lines,
 * quoted newlines, empty rows and an over-long field. */
static char *pipeline_input(size_t *len, bool broken)
{
    size_t rows = 300000, cap = rows * 40 + AUD_CSV_FIELD_MAX + 256;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t o = (size_t)snprintf(s, cap, "id;note;n\n");
    for (size_t i = 0; i < rows; i++) {
        if (i == 1234) {                 /* a field beyond the cap */
            o += (size_t)snprintf(s + o, cap - o, "x;");
            memset(s + o, 'z', AUD_CSV_FIELD_MAX + 10);
            o += AUD_CSV_FIELD_MAX + 10;
            o += (size_t)snprintf(s + o, cap - o, ";1\n");
        }
        if (broken && i == 250000) o += (size_t)snprintf(s + o, cap - o, "%zu;\"open;1\n", i);
        if (i % 997 == 3) o += (size_t)snprintf(s + o, cap - o, "%zu;\"a\nb\";2\n", i);
        else if (i % 501 == 9) o += (size_t)snprintf(s + o, cap - o, "\n;;\n");
        else o += (size_t)snprintf(s + o, cap - o, "%zu;t\xc3\xa9xt;%zu\n", i, i);
    }
    *len = o;
    return s;
}

static void test_two_threads_same_rows(void **state)
{
    (void)state;
    size_t n;
    char *s = pipeline_input(&n, false);
    digest a = {0}, b = {0};
    aud_csv_info ia, ib;
    aud_diag da, db;
    assert_int_equal(read_threads(s, n, 1, &a, &ia, &da), AUD_OK);
    assert_int_equal(read_threads(s, n, 2, &b, &ib, &db), AUD_OK);
    assert_true(a.rows > 299000);   /* less the blank and empty rows */
    assert_int_equal(a.rows, b.rows);
    assert_true(a.sum == b.sum);
    assert_int_equal(ia.lines, ib.lines);
    assert_int_equal(ia.blank_lines, ib.blank_lines);
    assert_int_equal(ia.bytes, ib.bytes);
    /* the callback stops the reader on the same row */
    digest c = {.stop_line = 200000}, e = {.stop_line = 200000};
    assert_int_equal(read_threads(s, n, 1, &c, &ia, &da), AUD_E_VALUE);
    assert_int_equal(read_threads(s, n, 2, &e, &ib, &db), AUD_E_VALUE);
    assert_int_equal(c.rows, e.rows);
    assert_true(c.sum == e.sum);
    free(s);
}

static void test_two_threads_same_error(void **state)
{
    (void)state;
    size_t n;
    char *s = pipeline_input(&n, true);
    digest a = {0}, b = {0};
    aud_csv_info ia, ib;
    aud_diag da, db;
    assert_int_equal(read_threads(s, n, 1, &a, &ia, &da), AUD_E_CSV);
    assert_int_equal(read_threads(s, n, 2, &b, &ib, &db), AUD_E_CSV);
    /* every row before the broken quote was delivered, then the same diagnostic */
    assert_int_equal(a.rows, b.rows);
    assert_true(a.sum == b.sum);
    assert_true(da.line > 250000);
    assert_int_equal(da.line, db.line);
    assert_string_equal(da.message, db.message);
    /* a callback error before the broken quote wins over it */
    digest c = {.stop_line = 1000};
    assert_int_equal(read_threads(s, n, 2, &c, &ib, &db), AUD_E_VALUE);
    free(s);
}

/* The quote-free fast path splits records exactly as libcsv does: blanks
 * around fields, tab as blank or as delimiter, blank-only and all-empty
 * records, CR/CRLF/LF, quoted records among plain ones, a record cut by the
 * end of a decoded block, and the 300 000-row pipeline input. */
static void same_both_paths(const char *s, size_t n, char delim)
{
    digest a = {0}, b = {0};
    aud_csv_info ia, ib;
    aud_diag da, db;
    aud_diag_clear(&da);
    aud_diag_clear(&db);
    aud_csv_opts fast = {.delimiter = delim}, slow = {.delimiter = delim, .libcsv_only = 1};
    aud_err ea = aud_csv_read_mem(s, n, "t.csv", &fast, digest_row, &a, &ia, &da);
    aud_err eb = aud_csv_read_mem(s, n, "t.csv", &slow, digest_row, &b, &ib, &db);
    assert_int_equal(ea, eb);
    assert_int_equal(a.rows, b.rows);
    assert_true(a.sum == b.sum);
    assert_int_equal(ia.lines, ib.lines);
    assert_int_equal(ia.blank_lines, ib.blank_lines);
    assert_int_equal(da.line, db.line);
    assert_string_equal(da.message, db.message);
    /* the checksum of what was read, for provenance, without a second read */
    char hex[65];
    aud_sha256_buf(s, n, hex);
    if (ea == AUD_OK) assert_string_equal(ia.sha256, hex);
    else assert_string_equal(ia.sha256, "");
}

static void test_fast_path_same_as_libcsv(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "id;n\n 1 ; a b \n\t2\t;\tx\t\n",
        "id;n\r\n1;a\r\n\r\n   \r\n;;\r\n2;b\r\n",
        "id;n\r1;a\r\r2;b",
        "id;n\n1;\"q;uoted\"\n2;plain\n3;\"multi\nline\"\n4;x\n",
        "a\tb\n1\t \n\t\n \t \n2\t3\t\n",
        "id,n\n1,a,\n,\n, ,\n2,\"b\"\"c\"\n",
        "id;n\n1;a\"b\n",
        "id;n\n1;a\n2;\"open\n",
        "",
        "\n\n",
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        same_both_paths(cases[k], strlen(cases[k]), 0);
        same_both_paths(cases[k], strlen(cases[k]), '\t');
    }
    size_t n;
    char *s = pipeline_input(&n, false);
    same_both_paths(s, n, 0);
    free(s);
    s = pipeline_input(&n, true);
    same_both_paths(s, n, 0);
    free(s);
}

static aud_err count_rows(void *ctx, const aud_row *row)
{
    size_t *n = ctx;
    if (row->ncells == 2 && row->lens[1] == 5 && !memcmp(row->cells[1], "\xC3\xA9t\xC3\xA9", 5)) (*n)++;
    return AUD_OK;
}

static void test_utf16_many_blocks(void **state)
{
    (void)state;
    /* 1.5 MB of UTF-16LE: characters cut by block ends are carried over */
    size_t rows = 60000, cap = 2 + rows * 2 * 16;
    unsigned char *s = malloc(cap);
    assert_non_null(s);
    size_t o = 0;
    s[o++] = 0xFF;
    s[o++] = 0xFE;
    for (size_t i = 0; i < rows; i++) {
        char line[32];
        int w = snprintf(line, sizeof line, "%06zu;\xE9t\xE9\n", i);   /* é as one code unit */
        for (int k = 0; k < w; k++) { s[o++] = (unsigned char)line[k]; s[o++] = 0; }
    }
    size_t n = 0;
    aud_csv_info info;
    aud_diag d;
    aud_diag_clear(&d);
    aud_csv_opts opt = {0};
    assert_int_equal(aud_csv_read_mem(s, o, "t.txt", &opt, count_rows, &n, &info, &d), AUD_OK);
    assert_int_equal(info.enc, AUD_ENC_UTF16LE);
    assert_int_equal(n, rows);
    assert_int_equal(info.lines, rows + 1);
    free(s);
}

/* A size hint below the true size (a file that grew after fstat) makes the
 * reader fill its small buffer many times: characters of every width cut by
 * the buffer's end are carried over and the rows are those of a read
 * without a hint, in UTF-8 and in UTF-16. */
static void read_hinted(const unsigned char *s, size_t n, uint64_t hint, digest *g, aud_csv_info *info)
{
    FILE *f = fmemopen((void *)s, n, "rb");
    assert_non_null(f);
    aud_diag d;
    aud_diag_clear(&d);
    memset(g, 0, sizeof *g);
    aud_csv_opts o = {.threads = 1};
    aud_err e = aud_csv_read_stream(f, "t.csv", hint, &o, digest_row, g, info, &d);
    fclose(f);
    if (e != AUD_OK) fail_msg("hint %llu: %s", (unsigned long long)hint, d.message);
}

static void put_cp(unsigned char *u8, size_t *n, unsigned char *u16, size_t *m, uint32_t c)
{
    if (c < 0x80) u8[(*n)++] = (unsigned char)c;
    else if (c < 0x800) { u8[(*n)++] = (unsigned char)(0xC0 | c >> 6); u8[(*n)++] = (unsigned char)(0x80 | (c & 0x3F)); }
    else if (c < 0x10000) {
        u8[(*n)++] = (unsigned char)(0xE0 | c >> 12);
        u8[(*n)++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        u8[(*n)++] = (unsigned char)(0x80 | (c & 0x3F));
    } else {
        u8[(*n)++] = (unsigned char)(0xF0 | c >> 18);
        u8[(*n)++] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
        u8[(*n)++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        u8[(*n)++] = (unsigned char)(0x80 | (c & 0x3F));
    }
    uint32_t units[2] = {c, 0};
    size_t k = 1;
    if (c >= 0x10000) { units[0] = 0xD800 | ((c - 0x10000) >> 10); units[1] = 0xDC00 | ((c - 0x10000) & 0x3FF); k = 2; }
    for (size_t i = 0; i < k; i++) { u16[(*m)++] = (unsigned char)(units[i] & 0xFF); u16[(*m)++] = (unsigned char)(units[i] >> 8); }
}

static void test_wrong_size_hint(void **state)
{
    (void)state;
    /* a 1-, 2-, 3- and 4-byte UTF-8 character per line (1, 1, 1 and 2
     * UTF-16 units), lines of every length modulo 7 */
    static const uint32_t chars[] = {'a', 0xE9, 0x20AC, 0x1F600};
    size_t rows = 9000, cap = rows * 40 + 4;
    unsigned char *u8 = malloc(cap), *u16 = malloc(2 * cap);
    assert_non_null(u8);
    assert_non_null(u16);
    size_t n = 0, m = 0;
    u16[m++] = 0xFF;
    u16[m++] = 0xFE;
    for (size_t i = 0; i < rows; i++) {
        char head[32];
        int w = snprintf(head, sizeof head, "%zu;%.*s", i, (int)(i % 7), "xxxxxxx");
        for (int k = 0; k < w; k++) put_cp(u8, &n, u16, &m, (unsigned char)head[k]);
        put_cp(u8, &n, u16, &m, chars[i % 4]);
        put_cp(u8, &n, u16, &m, '\n');
    }
    const struct { const unsigned char *s; size_t n; } in[] = {{u8, n}, {u16, m}};
    for (size_t k = 0; k < 2; k++) {
        digest want, got;
        aud_csv_info wi, gi;
        read_hinted(in[k].s, in[k].n, 0, &want, &wi);
        assert_int_equal(want.rows, rows);
        assert_int_equal(wi.enc, k ? AUD_ENC_UTF16LE : AUD_ENC_UTF8);
        static const uint64_t hints[] = {1, 100, 4095, 4096, 5000};
        for (size_t h = 0; h < sizeof hints / sizeof *hints; h++) {
            read_hinted(in[k].s, in[k].n, hints[h], &got, &gi);
            assert_int_equal(got.rows, want.rows);
            assert_true(got.sum == want.sum);
            assert_int_equal(gi.lines, wi.lines);
            assert_int_equal(gi.bytes, in[k].n);
            assert_memory_equal(gi.sha256, wi.sha256, sizeof gi.sha256);
        }
        /* and the true size, the hint every file read has */
        read_hinted(in[k].s, in[k].n, in[k].n, &got, &gi);
        assert_true(got.sum == want.sum);
    }
    free(u8);
    free(u16);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_semicolon),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_quotes_and_newlines),
        cmocka_unit_test(test_crlf_blank_lines),
        cmocka_unit_test(test_bom_and_trailing_newline),
        cmocka_unit_test(test_ragged_rows_delivered),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_stray_quote),
        cmocka_unit_test(test_field_too_long),
        cmocka_unit_test(test_nul_and_invalid),
        cmocka_unit_test(test_utf16_and_codepages),
        cmocka_unit_test(test_forced_delimiter_and_empty),
        cmocka_unit_test(test_callback_error_stops),
        cmocka_unit_test(test_wrong_size_hint),
        cmocka_unit_test(test_big_stream_lines),
        cmocka_unit_test(test_utf16_many_blocks),
        cmocka_unit_test(test_two_threads_same_rows),
        cmocka_unit_test(test_two_threads_same_error),
        cmocka_unit_test(test_fast_path_same_as_libcsv),
    };
    return cmocka_run_group_tests_name("csvin", tests, NULL, NULL);
}
