/* test_xlsxin.c - the .xlsx reader against workbooks written by libxlsxwriter
 * and by hand (libzip), including hostile and broken ones.
 *
 * Every read in this file is made three times (checked_read below): with the
 * whole sheet through expat, with the row scanner, and with the row scanner
 * and the unpacking thread; rows, lines, errors and messages must agree. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "xlsxin.h"

/* ---- collecting rows ---------------------------------------------------- */

#define MAXR 64
typedef struct got {
    char *row[MAXR];            /* cells joined by '|' */
    uint64_t line[MAXR];
    size_t ncells[MAXR];
    int too_long[MAXR];
    size_t n;
    int stop_after;             /* return AUD_E_VALUE after this many rows (0 = never) */
} got;

static aud_err collect(void *ctx, const aud_row *r)
{
    got *g = ctx;
    assert_true(g->n < MAXR);
    size_t len = 1;
    for (size_t i = 0; i < r->ncells; i++) {
        assert_int_equal(strlen(r->cells[i]), r->lens[i]);
        len += r->lens[i] + 1;
    }
    char *s = calloc(1, len);
    assert_non_null(s);
    size_t k = 0;
    for (size_t i = 0; i < r->ncells; i++) {
        if (i) s[k++] = '|';
        memcpy(s + k, r->cells[i], r->lens[i]);
        k += r->lens[i];
    }
    g->row[g->n] = s;
    g->line[g->n] = r->line;
    g->ncells[g->n] = r->ncells;
    g->too_long[g->n] = r->too_long;
    g->n++;
    if (g->stop_after && (int)g->n >= g->stop_after) return AUD_E_VALUE;
    return AUD_OK;
}

static void got_free(got *g)
{
    for (size_t i = 0; i < g->n; i++) free(g->row[i]);
    memset(g, 0, sizeof *g);
}

/* ---- every read three ways ---------------------------------------------- */

static void same_outcome(aud_err ea, const got *a, const aud_diag *da, const char *ua,
                         aud_err eb, const got *b, const aud_diag *db, const char *ub)
{
    assert_int_equal(ea, eb);
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        assert_string_equal(a->row[i], b->row[i]);
        assert_int_equal(a->line[i], b->line[i]);
        assert_int_equal(a->ncells[i], b->ncells[i]);
        assert_int_equal(a->too_long[i], b->too_long[i]);
    }
    if (ea != AUD_OK) {
        assert_string_equal(da->message, db->message);
        assert_string_equal(da->hint, db->hint);
        assert_int_equal(da->line, db->line);
    }
    assert_true((ua == NULL) == (ub == NULL));
    if (ua) assert_string_equal(ua, ub);
}

typedef aud_err (*read_fn)(const void *src, size_t n, const aud_xlsx_opts *o, got *g, char **used, aud_diag *d);

static aud_err checked(read_fn fn, const void *src, size_t n, const aud_xlsx_opts *o, got *g, char **used,
                       aud_diag *d)
{
    static const aud_xlsx_opts modes[2] = {{.expat_only = 1, .threads = 1}, {.threads = 2}};
    got ref[2];
    aud_diag rd[2];
    char *ru[2] = {NULL, NULL};
    aud_err re[2];
    for (int m = 0; m < 2; m++) {
        aud_xlsx_opts mo = modes[m];
        if (o) { mo.sheet = o->sheet; mo.prescan_limit = o->prescan_limit; }
        memset(&ref[m], 0, sizeof ref[m]);
        ref[m].stop_after = g->stop_after;
        aud_diag_clear(&rd[m]);
        re[m] = fn(src, n, &mo, &ref[m], used ? &ru[m] : NULL, &rd[m]);
    }
    aud_diag_clear(d);
    aud_err e = fn(src, n, o, g, used, d);
    for (int m = 0; m < 2; m++) {
        same_outcome(re[m], &ref[m], &rd[m], ru[m], e, g, d, used ? *used : NULL);
        free(ru[m]);
        for (size_t i = 0; i < ref[m].n; i++) free(ref[m].row[i]);
    }
    return e;
}

static aud_err by_path(const void *src, size_t n, const aud_xlsx_opts *o, got *g, char **used, aud_diag *d)
{
    (void)n;
    return aud_xlsx_read(src, o, collect, g, used, d);
}

typedef struct membuf { const void *p; const char *name; } membuf;

static aud_err by_buffer(const void *src, size_t n, const aud_xlsx_opts *o, got *g, char **used, aud_diag *d)
{
    const membuf *m = src;
    return aud_xlsx_read_buffer(m->p, n, m->name, o, collect, g, used, d);
}

static aud_err checked_read(const char *path, const aud_xlsx_opts *o, aud_row_cb cb, void *ctx, char **used,
                            aud_diag *d)
{
    assert_true(cb == collect);
    return checked(by_path, path, 0, o, ctx, used, d);
}

static aud_err checked_read_buffer(const void *data, size_t n, const char *name, const aud_xlsx_opts *o,
                                   aud_row_cb cb, void *ctx, char **used, aud_diag *d)
{
    assert_true(cb == collect);
    membuf m = {data, name};
    return checked(by_buffer, &m, n, o, ctx, used, d);
}

#define aud_xlsx_read checked_read
#define aud_xlsx_read_buffer checked_read_buffer

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/musawat-xlsx-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *fpath(const char *name)
{
    static char p[4][160];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

/* ---- fixtures by libxlsxwriter ------------------------------------------ */

static void write_types(const char *path, int constant_memory)
{
    lxw_workbook_options opt = {.constant_memory = (uint8_t)constant_memory};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    assert_non_null(wb);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Personnel");
    lxw_worksheet *ws2 = workbook_add_worksheet(wb, "Candidatures");
    lxw_format *dmy = workbook_add_format(wb), *iso = workbook_add_format(wb), *pct = workbook_add_format(wb);
    lxw_format *hm = workbook_add_format(wb), *bold = workbook_add_format(wb), *quoted = workbook_add_format(wb);
    format_set_num_format(dmy, "dd/mm/yyyy");
    format_set_num_format(iso, "yyyy\\-mm\\-dd");
    format_set_num_format(pct, "0%");
    format_set_num_format(hm, "hh:mm");
    format_set_num_format(quoted, "0.00\" days\"");
    format_set_bold(bold);
    worksheet_write_string(ws, 0, 0, "Matricule", NULL);
    if (!constant_memory) worksheet_merge_range(ws, 0, 1, 0, 2, "Salaire", NULL);
    else { worksheet_write_string(ws, 0, 1, "Salaire", NULL); worksheet_write_string(ws, 0, 2, "Prime", NULL); }
    worksheet_write_string(ws, 0, 3, "Date", NULL);
    worksheet_write_string(ws, 0, 4, "Actif", NULL);
    worksheet_write_string(ws, 0, 5, "Note", NULL);
    /* row 2 */
    worksheet_write_string(ws, 1, 0, "E1", NULL);
    worksheet_write_number(ws, 1, 1, 3266.1, NULL);
    worksheet_write_number(ws, 1, 2, 1e20, NULL);
    lxw_datetime dt = {2025, 3, 15, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 3, &dt, dmy);
    worksheet_write_boolean(ws, 1, 4, 1, NULL);
    worksheet_write_formula_num(ws, 1, 5, "=1+1", NULL, 2);
    /* row 3: gap in B, D */
    worksheet_write_string(ws, 2, 0, "E2", NULL);
    worksheet_write_number(ws, 2, 2, 0.1 + 0.2, NULL);
    worksheet_write_boolean(ws, 2, 4, 0, NULL);
    if (!constant_memory) {
        lxw_rich_string_tuple f1 = {.format = NULL, .string = "ab"}, f2 = {.format = bold, .string = "cd"};
        lxw_rich_string_tuple *rich[] = {&f1, &f2, NULL};
        worksheet_write_rich_string(ws, 2, 5, rich, NULL);
    } else {
        worksheet_write_string(ws, 2, 5, "abcd", NULL);
    }
    /* row 4 empty; row 5 */
    worksheet_write_string(ws, 4, 0, "\xc3\x89lise", NULL);
    worksheet_write_number(ws, 4, 1, 0.8, pct);
    worksheet_write_number(ws, 4, 2, 0.5, hm);
    worksheet_write_number(ws, 4, 3, 60, iso);
    worksheet_write_number(ws, 4, 5, 123456789012.0, quoted);
    /* row 6: 1900 serials around the Lotus bug, -12.5, a cell beyond the header */
    worksheet_write_number(ws, 5, 0, 59, iso);
    worksheet_write_number(ws, 5, 1, 61, dmy);
    worksheet_write_number(ws, 5, 2, -12.5, NULL);
    worksheet_write_number(ws, 5, 3, 1, iso);
    worksheet_write_string(ws, 5, 6, "extra", NULL);
    worksheet_write_string(ws2, 0, 0, "N\xc2\xb0", NULL);
    worksheet_write_string(ws2, 1, 0, "C1", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void check_types(const got *g, int constant_memory)
{
    assert_int_equal(g->n, 5);
    assert_string_equal(g->row[0], constant_memory ? "Matricule|Salaire|Prime|Date|Actif|Note"
                                                   : "Matricule|Salaire|Salaire|Date|Actif|Note");
    assert_string_equal(g->row[1], "E1|3266.1|1e+20|2025-03-15|TRUE|2");
    assert_string_equal(g->row[2], "E2||0.3||FALSE|abcd");   /* libxlsxwriter writes %.16G */
    assert_string_equal(g->row[3], "\xc3\x89lise|0.8|0.5|1900-02-29||123456789012");
    assert_string_equal(g->row[4], "1900-02-28|1900-03-01|-12.5|1900-01-01|||extra");
    assert_int_equal(g->line[0], 1);
    assert_int_equal(g->line[2], 3);
    assert_int_equal(g->line[3], 5);       /* empty row 4 skipped, Excel numbering kept */
    assert_int_equal(g->ncells[2], 6);     /* padded to the header width */
    assert_int_equal(g->ncells[4], 7);
    for (size_t i = 0; i < g->n; i++) assert_int_equal(g->too_long[i], 0);
}

static void test_types_shared_strings(void **state)
{
    (void)state;
    const char *p = fpath("types.xlsx");
    write_types(p, 0);
    got g = {0};
    char *used = NULL;
    aud_diag d;
    aud_diag_clear(&d);
    assert_int_equal(aud_xlsx_read(p, NULL, collect, &g, &used, &d), AUD_OK);
    assert_string_equal(used, "Personnel");
    check_types(&g, 0);
    free(used);
    got_free(&g);
}

static void test_types_inline_strings(void **state)
{
    (void)state;
    const char *p = fpath("types_cm.xlsx");
    write_types(p, 1);
    got g = {0};
    aud_diag d;
    aud_diag_clear(&d);
    assert_int_equal(aud_xlsx_read(p, NULL, collect, &g, NULL, &d), AUD_OK);
    check_types(&g, 1);
    got_free(&g);
}

static void test_named_sheet(void **state)
{
    (void)state;
    const char *p = fpath("types.xlsx");
    write_types(p, 0);
    got g = {0};
    char *used = NULL;
    aud_diag d;
    aud_diag_clear(&d);
    assert_int_equal(aud_xlsx_read(p, &(aud_xlsx_opts){.sheet = "candidatures"}, collect, &g, &used, &d), AUD_OK);
    assert_string_equal(used, "Candidatures");
    assert_int_equal(g.n, 2);
    assert_string_equal(g.row[0], "N\xc2\xb0");
    assert_string_equal(g.row[1], "C1");
    free(used);
    got_free(&g);
    assert_int_equal(aud_xlsx_read(p, &(aud_xlsx_opts){.sheet = "Paie"}, collect, &g, &used, &d), AUD_E_USAGE);
    assert_null(used);
    assert_non_null(strstr(d.hint, "\"Personnel\", \"Candidatures\""));
}

static void test_callback_stops(void **state)
{
    (void)state;
    const char *p = fpath("types.xlsx");
    write_types(p, 0);
    got g = {.stop_after = 2};
    aud_diag d;
    aud_diag_clear(&d);
    assert_int_equal(aud_xlsx_read(p, NULL, collect, &g, NULL, &d), AUD_E_VALUE);
    assert_int_equal(g.n, 2);
    got_free(&g);
}

/* ---- hand-made workbooks (libzip) ---------------------------------------- */

typedef struct part { const char *name; const char *data; size_t len; } part;

static void make_zip(const char *path, const part *parts, size_t n)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
        zip_source_t *s = zip_source_buffer(z, parts[i].data, len, 0);
        assert_non_null(s);
        assert_true(zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
}

static const char wb1904[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<workbookPr date1904=\"1\"/><sheets><sheet name=\"Cach\xc3\xa9" "e\" sheetId=\"1\" state=\"hidden\" r:id=\"rId2\"/>"
    "<sheet name=\"Feuil1\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"ws\" Target=\"worksheets/data.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"ws\" Target=\"/xl/worksheets/hidden.xml\"/></Relationships>";
static const char styles[] =
    "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"[$-40C]d\\ mmmm\\ yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00\\ &quot;MAD&quot;\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[Red]0.00;&quot;dd&quot;0\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/></cellXfs></styleSheet>";
static const char sheet1904[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<dimension ref=\"A1:E3\"/><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Nom</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Entr\xc3\xa9</t><rPh><t>x</t></rPh></is></c>"
    "<c t=\"inlineStr\"><is><r><t>Mon</t></r><r><t xml:space=\"preserve\">tant </t></r></is></c>"
    "<c r=\"D1\" t=\"str\"><f>A1</f><v>Formule</v></c><c r=\"E1\" t=\"inlineStr\"><is><t>Err</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>A</t></is></c><c r=\"B2\" s=\"1\"><v>0</v></c>"
    "<c r=\"C2\" s=\"3\"><v>1234.5</v></c><c r=\"E2\" t=\"e\"><v>#N/A</v></c></row>"
    "<row><c t=\"inlineStr\"><is><t>B</t></is></c><c s=\"2\"><v>44000.75</v></c><c s=\"4\"><v>7</v></c>"
    "<c t=\"d\"><v>2024-02-29T00:00:00</v></c><c t=\"b\"><v>0</v></c></row>"
    "<row r=\"4\"><c r=\"A4\" s=\"1\"/><c r=\"B4\" t=\"inlineStr\"><is><t></t></is></c></row>"
    "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>C</t></is></c><c r=\"B5\" s=\"1\"><v>-3.5E+0</v></c></row>"
    "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"D2:E2\"/></mergeCells></worksheet>";
static const char hidden_sheet[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>secret</t></is></c></row></sheetData></worksheet>";

static void test_1904_by_hand(void **state)
{
    (void)state;
    const char *p = fpath("d1904.xlsx");
    part parts[] = {{"xl/workbook.xml", wb1904, 0}, {"xl/_rels/workbook.xml.rels", rels, 0},
                    {"xl/styles.xml", styles, 0}, {"xl/worksheets/data.xml", sheet1904, 0},
                    {"xl/worksheets/hidden.xml", hidden_sheet, 0}};
    make_zip(p, parts, 5);
    got g = {0};
    char *used = NULL;
    aud_diag d;
    aud_diag_clear(&d);
    assert_int_equal(aud_xlsx_read(p, NULL, collect, &g, &used, &d), AUD_OK);
    assert_string_equal(used, "Feuil1");               /* the hidden first sheet is passed over */
    assert_int_equal(g.n, 4);
    assert_string_equal(g.row[0], "Nom|Entr\xc3\xa9|Montant |Formule|Err");
    assert_string_equal(g.row[1], "A|1904-01-01|1234.5||#N/A");
    assert_string_equal(g.row[2], "B|2024-06-19|7|2024-02-29|FALSE");
    assert_int_equal(g.line[2], 3);
    assert_string_equal(g.row[3], "C|-3.5|||");        /* date-styled, but no date: read as a number */
    assert_int_equal(g.line[3], 5);
    free(used);
    got_free(&g);
    /* the hidden sheet by name */
    assert_int_equal(aud_xlsx_read(p, &(aud_xlsx_opts){.sheet = "Cach\xc3\xa9" "e"}, collect, &g, NULL, &d), AUD_OK);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.row[0], "secret");
    got_free(&g);
}

static aud_err read_parts(const part *parts, size_t n, got *g, aud_diag *d)
{
    const char *p = fpath("hand.xlsx");
    make_zip(p, parts, n);
    aud_diag_clear(d);
    return aud_xlsx_read(p, NULL, collect, g, NULL, d);
}

static aud_err read_sheet(const char *sheet_xml, got *g, aud_diag *d)
{
    part parts[] = {{"xl/workbook.xml", wb1904, 0}, {"xl/_rels/workbook.xml.rels", rels, 0},
                    {"xl/worksheets/data.xml", sheet_xml, 0}};
    return read_parts(parts, 3, g, d);
}

#define WS_OPEN "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
#define WS_CLOSE "</sheetData></worksheet>"

static void test_refused_sheets(void **state)
{
    (void)state;
    static const char *const bad[] = {
        WS_OPEN "<row r=\"1\"><c r=\"XFE1\" t=\"inlineStr\"><is><t>x</t></is></c></row>" WS_CLOSE,
        WS_OPEN "<row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row>" WS_CLOSE,
        "<worksheet><dimension ref=\"A1:A2000000\"/><sheetData/></worksheet>",
        WS_OPEN "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" WS_CLOSE,
        WS_OPEN "<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>2</v></c></row>" WS_CLOSE,
        WS_OPEN "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>" WS_CLOSE,      /* no shared strings */
        WS_OPEN "<row r=\"1\"><c r=\"A1\"><v>1</v></c>" WS_CLOSE,                   /* malformed XML */
        "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaa\">]><worksheet><sheetData>"
        "<row><c t=\"inlineStr\"><is><t>&a;</t></is></c></row></sheetData></worksheet>",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        got g = {0};
        aud_diag d;
        assert_int_equal(read_sheet(bad[i], &g, &d), AUD_E_FORMAT);
        assert_true(d.message[0] != '\0');
        assert_string_equal(d.hint, "save it as .xlsx or CSV UTF-8");
        got_free(&g);
    }
    got g = {0};
    aud_diag d;
    assert_int_equal(read_sheet(WS_OPEN WS_CLOSE, &g, &d), AUD_E_NODATA);
    /* an empty-element <sheetData/> gives the scanner nothing to start after */
    assert_int_equal(read_sheet("<worksheet><sheetData/><pageMargins/></worksheet>", &g, &d), AUD_E_NODATA);
    assert_int_equal(read_sheet("<worksheet><sheetData/><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>",
                                &g, &d), AUD_OK);
    assert_int_equal(g.n, 1);
    got_free(&g);
}

static void test_number_text(void **state)
{
    (void)state;
    got g = {0};
    aud_diag d;
    assert_int_equal(read_sheet(WS_OPEN "<row><c t=\"inlineStr\"><is><t>H</t></is></c></row><row>"
                                "<c><v>0.30000000000000004</v></c><c><v>1.50E+2</v></c><c><v>0.10000000000000001</v></c>"
                                "<c><v>007</v></c><c><v>-2.5E-3</v></c><c><v>12345678901234567890</v></c>"
                                "<c><v>3266.10</v></c><c><v>abc</v></c><c t=\"s\"/><c t=\"b\"/><c><v>1</v></c></row>" WS_CLOSE, &g, &d), AUD_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.row[1], "0.30000000000000004|150|0.1|7|-0.0025|1.2345678901234567e+19|3266.1|abc|||1");
    got_free(&g);
}

static void test_cell_cap(void **state)
{
    (void)state;
    size_t big = 70000;
    size_t cap = big + 512;
    char *xml = malloc(cap);
    assert_non_null(xml);
    int k = snprintf(xml, cap, WS_OPEN "<row r=\"1\"><c t=\"inlineStr\"><is><t>H</t></is></c>"
                     "<c t=\"inlineStr\"><is><t>I</t></is></c></row><row r=\"2\"><c t=\"inlineStr\"><is><t>");
    memset(xml + k, 'x', big);
    snprintf(xml + k + big, cap - (size_t)k - big, "</t></is></c><c><v>5</v></c></row>" WS_CLOSE);
    got g = {0};
    aud_diag d;
    assert_int_equal(read_sheet(xml, &g, &d), AUD_OK);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.too_long[1], 1);
    assert_string_equal(g.row[1], "|5");
    got_free(&g);
    /* a row whose only cell is over-long is still delivered, flagged */
    memcpy(xml + k + big, "</t></is></c></row>" WS_CLOSE, sizeof("</t></is></c></row>" WS_CLOSE));
    assert_int_equal(read_sheet(xml, &g, &d), AUD_OK);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.too_long[1], 1);
    assert_string_equal(g.row[1], "|");
    got_free(&g);
    free(xml);
}

/* The merge scan reads 256 KiB chunks: a <mergeCell> tag cut by a chunk
 * boundary at any point must still be found. */
static void test_merge_across_chunks(void **state)
{
    (void)state;
    static const char head[] = WS_OPEN "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Id</t></is></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><t>Salaire</t></is></c></row></sheetData>";
    static const char tail[] = "<mergeCells count=\"1\"><mergeCell ref=\"B1:D1\"/></mergeCells></worksheet>";
    size_t boundary = 256u << 10, hl = strlen(head), tl = strlen(tail);
    char *xml = malloc(boundary + 64 + tl);
    assert_non_null(xml);
    for (size_t cut = 0; cut < 48; cut++) {
        size_t start = boundary - cut - 13;          /* where "<mergeCells" begins */
        memcpy(xml, head, hl);
        memset(xml + hl, ' ', start - hl);
        memcpy(xml + start, tail, tl + 1);
        got g = {0};
        aud_diag d;
        assert_int_equal(read_sheet(xml, &g, &d), AUD_OK);
        assert_int_equal(g.n, 1);
        assert_string_equal(g.row[0], "Id|Salaire|Salaire|Salaire");
        got_free(&g);
    }
    free(xml);
}

/* No relationships part: the sheet is found by its conventional name; an
 * over-long shared string flags its row. */
static void test_norels_and_long_shared_string(void **state)
{
    (void)state;
    size_t big = 70000;
    char *sst = malloc(big + 200);
    assert_non_null(sst);
    int k = snprintf(sst, big + 200, "<sst><si><t>Nom</t></si><si><t>");
    memset(sst + k, 'y', big);
    snprintf(sst + k + big, 200 - (size_t)k, "</t></si><si><r><t>o</t></r><r><t>k</t></r></si></sst>");
    static const char sheet[] = WS_OPEN "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>2</v></c></row>"
                                "<row><c t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c></row>" WS_CLOSE;
    part parts[] = {{"xl/workbook.xml", wb1904, 0}, {"xl/sharedStrings.xml", sst, 0},
                    {"xl/worksheets/sheet2.xml", sheet, 0}};
    got g = {0};
    aud_diag d;
    assert_int_equal(read_parts(parts, 3, &g, &d), AUD_OK);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.row[0], "Nom|ok");
    assert_int_equal(g.too_long[0], 0);
    assert_string_equal(g.row[1], "|ok");
    assert_int_equal(g.too_long[1], 1);
    got_free(&g);
    free(sst);
}

static void test_zip_bomb(void **state)
{
    (void)state;
    size_t n = 40u << 20;
    char *zeros = malloc(n);
    assert_non_null(zeros);
    memset(zeros, ' ', n);
    part parts[] = {{"xl/workbook.xml", wb1904, 0}, {"xl/_rels/workbook.xml.rels", rels, 0},
                    {"xl/worksheets/data.xml", zeros, n}};
    got g = {0};
    aud_diag d;
    assert_int_equal(read_parts(parts, 3, &g, &d), AUD_E_FORMAT);
    assert_non_null(strstr(d.message, "zip bomb"));
    assert_int_equal(g.n, 0);
    free(zeros);
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

static void test_ole_and_corrupt(void **state)
{
    (void)state;
    unsigned char ole[4096] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    aud_diag d;
    got g = {0};
    write_file(fpath("biff.xls"), ole, sizeof ole);
    aud_diag_clear(&d);
    assert_int_equal(aud_xlsx_read(fpath("biff.xls"), NULL, collect, &g, NULL, &d), AUD_E_FORMAT);
    assert_non_null(strstr(d.message, ".xls"));
    assert_non_null(strstr(d.hint, "CSV UTF-8"));
    memcpy(ole + 3000, "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
    write_file(fpath("enc.xlsx"), ole, sizeof ole);
    assert_int_equal(aud_xlsx_read(fpath("enc.xlsx"), NULL, collect, &g, NULL, &d), AUD_E_FORMAT);
    assert_non_null(strstr(d.message, "password"));
    assert_int_equal(aud_xlsx_read_buffer(ole, sizeof ole, "enc", NULL, collect, &g, NULL, &d), AUD_E_FORMAT);
    assert_non_null(strstr(d.message, "password"));
    write_file(fpath("text.xlsx"), "Matricule;Sexe\r\n1;F\r\n", 20);
    assert_int_equal(aud_xlsx_read(fpath("text.xlsx"), NULL, collect, &g, NULL, &d), AUD_E_FORMAT);
    assert_string_equal(d.hint, "save it as .xlsx or CSV UTF-8");
    /* a real workbook cut in half */
    write_types(fpath("cut.xlsx"), 0);
    FILE *f = fopen(fpath("cut.xlsx"), "rb");
    assert_non_null(f);
    unsigned char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_int_equal(aud_xlsx_read_buffer(buf, n / 2, "cut", NULL, collect, &g, NULL, &d), AUD_E_FORMAT);
    assert_int_equal(aud_xlsx_read_buffer(buf, n, "whole", NULL, collect, &g, NULL, &d), AUD_OK);
    assert_int_equal(g.n, 5);
    got_free(&g);
    part parts[] = {{"xl/other.xml", "<a/>", 0}};
    assert_int_equal(read_parts(parts, 1, &g, &d), AUD_E_FORMAT);
    assert_non_null(strstr(d.message, "xl/workbook.xml"));
    assert_int_equal(aud_xlsx_read(fpath("missing.xlsx"), NULL, collect, &g, NULL, &d), AUD_E_IO);
}

/* ---- the row scanner and its handovers to expat --------------------------- */

static aud_err read_sheet_opts(const char *sheet_xml, size_t len, const aud_xlsx_opts *o, got *g, aud_diag *d)
{
    const char *p = fpath("scan.xlsx");
    part parts[] = {{"xl/workbook.xml", wb1904, 0}, {"xl/_rels/workbook.xml.rels", rels, 0},
                    {"xl/worksheets/data.xml", sheet_xml, len}};
    make_zip(p, parts, 3);
    return aud_xlsx_read(p, o, collect, g, NULL, d);
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

/* Rows the scanner reads and rows it hands to expat (a comment, character
 * references, CR LF, rich text, CDATA, prefixed names), in one sheet. */
static void test_scanner_handover(void **state)
{
    (void)state;
    static const char xml[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"" NS_MAIN "\" xmlns:x14ac=\"ac\">"
        "<dimension ref=\"A1:D9\"/><sheetData>\n"
        "  <row r=\"1\" spans=\"1:4\" x14ac:dyDescent=\"0.25\">\n    <c r=\"A1\" t=\"inlineStr\"><is><t>Nom</t></is></c>\n"
        "    <c r='B1' t='inlineStr'><is><t xml:space=\"preserve\">Salaire &amp; primes</t></is></c>"
        "<c r=\"C1\" t=\"inlineStr\"><is><t>Sexe</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>Note</t></is></c></row>\n"
        "  <!-- a comment between rows -->\n"
        "  <row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&#1593;&#1604;&#1610;</t></is></c><c r=\"B2\"><f>1+1</f><v>2</v></c>"
        "<c r=\"C2\" t=\"inlineStr\"><is><t>F</t></is></c><c r=\"D2\" t=\"inlineStr\"><is><t>ligne 1\r\nligne 2</t></is></c></row>\n"
        "  <row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>\xd8\xb9\xd8\xa7\xd8\xa6\xd8\xb4\xd8\xa9</t></is></c>"
        "<c r=\"B3\"><v>3266.10</v></c><c r=\"C3\" t=\"inlineStr\"><is><r><t>F</t></r></is></c>"
        "<c r=\"D3\" t=\"inlineStr\"><is><t>a]]b &lt;x&gt; &quot;q&quot; &apos;s&apos;</t></is></c></row>\n"
        "  <row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>Ana</t></is></c><c r=\"B4\"><v><![CDATA[4000]]></v></c>"
        "<c r=\"C4\"/><c r=\"D4\"><v/></c></row>\n"
        "  <row r=\"5\"/>\n"
        "  <row r=\"6\" ><c r=\"A6\" t=\"inlineStr\" ><is ><t >Zo\xc3\xa9</t ></is ></c ><c r=\"B6\" ><f t=\"shared\" si=\"0\"/><v >5000</v ></c ></row >\n"
        "  <x:row r=\"7\" xmlns:x=\"" NS_MAIN "\"><x:c r=\"A7\" t=\"inlineStr\"><x:is><x:t>Pfx</x:t></x:is></x:c></x:row>\n"
        "  <row r=\"8\"><c r=\"A8\" t=\"inlineStr\"><is><t>Tab\tsep</t></is></c><c r=\"B8\" t=\"inlineStr\"><is><t>\xf0\x9f\x98\x80</t></is></c>"
        "<c r=\"C8\" t=\"b\"><v>1</v></c><c r=\"D8\" t=\"e\"><v>#DIV/0!</v></c></row>\n"
        "  <row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>Last</t></is></c></row>\n"
        "</sheetData><pageMargins left=\"0.7\"/></worksheet>";
    static const char *const want[] = {
        "Nom|Salaire & primes|Sexe|Note",
        "\xd8\xb9\xd9\x84\xd9\x8a|2|F|ligne 1\nligne 2",
        "\xd8\xb9\xd8\xa7\xd8\xa6\xd8\xb4\xd8\xa9|3266.1|F|a]]b <x> \"q\" 's'",
        "Ana|4000||",
        "Zo\xc3\xa9|5000||",
        "Pfx|||",
        "Tab\tsep|\xf0\x9f\x98\x80|TRUE|#DIV/0!",
        "Last|||",
    };
    static const uint64_t lines[] = {1, 2, 3, 4, 6, 7, 8, 9};
    aud_xlsx_stats st;
    aud_xlsx_opts o = {.stats = &st};
    got g = {0};
    aud_diag d;
    assert_int_equal(read_sheet_opts(xml, 0, &o, &g, &d), AUD_OK);
    assert_int_equal(g.n, 8);
    for (size_t i = 0; i < g.n; i++) {
        assert_string_equal(g.row[i], want[i]);
        assert_int_equal(g.line[i], lines[i]);
    }
    /* rows 1, 5, 6, 8, 9 by the scanner; expat took the comment with row 2,
     * row 3, row 4, row 7 and the end of the sheet */
    assert_int_equal(st.rows_scanned, 5);
    assert_int_equal(st.handovers, 5);
    got_free(&g);
    o.expat_only = 1;
    assert_int_equal(read_sheet_opts(xml, 0, &o, &g, &d), AUD_OK);
    assert_int_equal(st.rows_scanned, 0);
    assert_int_equal(st.handovers, 0);
    got_free(&g);
}

/* Rows the scanner must leave to expat, which refuses them: the same message
 * either way (checked_read compares), naming the row after which it failed. */
static void test_scanner_malformed(void **state)
{
    (void)state;
#define HDR WS_OPEN "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
    static const char *const bad[] = {
        HDR "<row r=\"2\"><c r=\"A2\"><v>1</c></v></row>" WS_CLOSE,
        HDR "<row r=\"2\"><c r=\"A2\" r=\"B2\"><v>1</v></c></row>" WS_CLOSE,
        HDR "<row r=\"2\"><c r=\"A2\"s=\"1\"><v>1</v></c></row>" WS_CLOSE,
        HDR "<row r=\"2\"><c r=\"A<2\"><v>1</v></c></row>" WS_CLOSE,
        HDR "<row r=\"2\"><c r=\"A2\"><v>\xc3\x28</v></c></row>" WS_CLOSE,
        HDR "<row r=\"2\"><c r=\"A2\"><v>\xed\xa0\x80</v></c></row>" WS_CLOSE,
        HDR "<row r=\"2\"><c r=\"A2\"><v>\xef\xbf\xbe</v></c></row>" WS_CLOSE,
        HDR "<row r=\"2\"><c r=\"A2\"><v>\x01</v></c></row>" WS_CLOSE,
        HDR "<row r=\"2\"><c r=\"A2\"><v>a]]>b</v></c></row>" WS_CLOSE,
        HDR "<row r=\"2\"><c r=\"A2\"><v>&nbsp;</v></c></row>" WS_CLOSE,
        HDR "<row r=\"2\"><c r=\"A2\"><v>&#0;</v></c></row>" WS_CLOSE,
        HDR "<row r=\"2\"><c r=\"A2\"><v>1</v></c></rows>" WS_CLOSE,
        HDR "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is>:t>x</t></is></c></row>" WS_CLOSE, /* text, not a tag */
        HDR "<row r=\"2\"><c r=\"A2\"><v>1</v></c>",                      /* cut at the end of the part */
        /* from here on, row 2 is whole and read before the error */
        HDR "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row></sheetData>",
        HDR "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row></sheetData></worksheet><more/>",
    };
    const size_t whole_from = sizeof bad / sizeof bad[0] - 2;
#undef HDR
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        got g = {0};
        aud_diag d;
        assert_int_equal(read_sheet_opts(bad[i], 0, NULL, &g, &d), AUD_E_FORMAT);
        assert_non_null(strstr(d.message, "malformed"));
        assert_int_equal(g.n, i < whole_from ? 1 : 2);
        got_free(&g);
    }
}

/* Window and chunk boundaries fall inside entities, UTF-8 sequences and tags;
 * one row outgrows the scanner's window and one is left to expat for size. */
static void test_scanner_boundaries(void **state)
{
    (void)state;
    size_t cap = 24u << 20, n = 0;
    char *xml = malloc(cap);
    assert_non_null(xml);
    n += (size_t)snprintf(xml + n, cap - n, WS_OPEN "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Id</t></is></c>"
                          "<c r=\"B1\" t=\"inlineStr\"><is><t>Texte</t></is></c></row>");
    uint32_t r = 2;
    for (; r < 52; r++) {                             /* about 60 KiB a row, 3 MiB in all */
        n += (size_t)snprintf(xml + n, cap - n, "<row r=\"%u\"><c r=\"A%u\"><v>%u</v></c><c r=\"B%u\" t=\"inlineStr\"><is><t>",
                              r, r, r, r);
        for (uint32_t k = 0; k < 2000 + r; k++) {
            static const char *const bits[] = {"&amp;", "\xd8\xb9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "x", " ", "&lt;"};
            n += (size_t)snprintf(xml + n, cap - n, "%s", bits[(k + r) % 7]);
        }
        n += (size_t)snprintf(xml + n, cap - n, "</t></is></c></row>");
    }
    /* 2 MiB and 17 MiB rows: 32 and 300 cells of 60 000 bytes */
    uint32_t seed = 1;
    for (int big = 0; big < 2; big++, r++) {
        n += (size_t)snprintf(xml + n, cap - n, "<row r=\"%u\">", r);
        for (int c = 0; c < (big ? 300 : 32); c++) {
            n += (size_t)snprintf(xml + n, cap - n, "<c t=\"inlineStr\"><is><t>");
            for (int k = 0; k < 60000; k++) {             /* letters that do not compress 200:1 */
                seed = seed * 1103515245u + 12345u;
                xml[n++] = (char)('a' + (seed >> 16) % 26);
            }
            n += (size_t)snprintf(xml + n, cap - n, "</t></is></c>");
        }
        n += (size_t)snprintf(xml + n, cap - n, "</row>");
    }
    n += (size_t)snprintf(xml + n, cap - n, "<row r=\"%u\"><c r=\"A%u\"><v>-1</v></c></row>" WS_CLOSE, r, r);
    assert_true(n < cap);
    aud_xlsx_stats st;
    aud_xlsx_opts o = {.stats = &st};
    got g = {0};
    aud_diag d;
    assert_int_equal(read_sheet_opts(xml, n, &o, &g, &d), AUD_OK);
    assert_int_equal(g.n, 54);
    assert_string_equal(g.row[0], "Id|Texte");
    assert_int_equal(strncmp(g.row[1], "2|\xe2\x82\xac\xf0\x9f\x98\x80x <&\xd8\xb9", 15), 0);
    assert_int_equal(g.ncells[52], 300);
    assert_string_equal(g.row[53], "-1|");
    assert_int_equal(g.line[53], r);
    assert_int_equal(st.rows_scanned, 53);             /* all but the 17 MiB row */
    assert_int_equal(st.handovers, 2);                 /* that row, and the end of the sheet */
    got_free(&g);
    free(xml);
}

/* A big sheet whose header fills its declared columns is not searched for
 * merged cells first; a merge that would have changed that header is caught
 * at the end. prescan_limit = 1 treats these small parts as big. */
static void test_deferred_merges(void **state)
{
    (void)state;
#define HEAD(dim) "<worksheet xmlns=\"" NS_MAIN "\"><dimension ref=\"" dim "\"/><sheetData>"
#define ROWS(c1) "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Id</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Salaire</t></is></c>" c1 "</row>" \
                 "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>2</v></c><c r=\"C2\"><v>3</v></c></row></sheetData>"
#define HIDDEN "<c r=\"C1\" t=\"inlineStr\"><is><t>Prime</t></is></c>"
#define MERGE(ref) "<mergeCells count=\"1\"><mergeCell ref=\"" ref "\"/></mergeCells></worksheet>"
    aud_xlsx_stats st;
    aud_xlsx_opts big = {.prescan_limit = 1, .stats = &st}, small = {.stats = &st};
    got g = {0};
    aud_diag d;
    /* full header, a merge hiding C1: caught */
    assert_int_equal(read_sheet_opts(HEAD("A1:C2") ROWS(HIDDEN) MERGE("B1:C1"), 0, &big, &g, &d), AUD_E_FORMAT);
    assert_non_null(strstr(d.message, "merged cells of the header row"));
    assert_int_equal(d.line, 1);
    assert_int_equal(st.merges_scanned, 0);
    got_free(&g);
    /* the same sheet when small: searched first, the merge shows its value */
    assert_int_equal(read_sheet_opts(HEAD("A1:C2") ROWS(HIDDEN) MERGE("B1:C1"), 0, &small, &g, &d), AUD_OK);
    assert_string_equal(g.row[0], "Id|Salaire|Salaire");
    assert_int_equal(st.merges_scanned, 1);
    got_free(&g);
    /* a merge reaching past the declared columns: caught */
    assert_int_equal(read_sheet_opts(HEAD("A1:C2") ROWS(HIDDEN) MERGE("C1:D1"), 0, &big, &g, &d), AUD_E_FORMAT);
    got_free(&g);
    /* a gap in the header: searched first even when big */
    assert_int_equal(read_sheet_opts(HEAD("A1:C2") ROWS("") MERGE("B1:C1"), 0, &big, &g, &d), AUD_OK);
    assert_string_equal(g.row[0], "Id|Salaire|Salaire");
    assert_int_equal(st.merges_scanned, 1);
    got_free(&g);
    /* full header, merges elsewhere only: no search, no complaint */
    assert_int_equal(read_sheet_opts(HEAD("A1:C2") ROWS(HIDDEN) MERGE("A2:B2"), 0, &big, &g, &d), AUD_OK);
    assert_string_equal(g.row[0], "Id|Salaire|Prime");
    assert_string_equal(g.row[1], "1|2|3");
    assert_int_equal(st.merges_scanned, 0);
    got_free(&g);
#undef HEAD
#undef ROWS
#undef HIDDEN
#undef MERGE
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_types_shared_strings),
        cmocka_unit_test(test_types_inline_strings),
        cmocka_unit_test(test_named_sheet),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_1904_by_hand),
        cmocka_unit_test(test_refused_sheets),
        cmocka_unit_test(test_number_text),
        cmocka_unit_test(test_cell_cap),
        cmocka_unit_test(test_merge_across_chunks),
        cmocka_unit_test(test_norels_and_long_shared_string),
        cmocka_unit_test(test_zip_bomb),
        cmocka_unit_test(test_ole_and_corrupt),
        cmocka_unit_test(test_scanner_handover),
        cmocka_unit_test(test_scanner_malformed),
        cmocka_unit_test(test_scanner_boundaries),
        cmocka_unit_test(test_deferred_merges),
    };
    return cmocka_run_group_tests_name("xlsxin", tests, setup, teardown);
}
