/* fuzz_xlsx.c - the .xlsx reader on arbitrary bytes: it must return an error
 * or rows, never crash or leak.
 *
 * Each input is tried twice: as a whole file (zip container, OLE headers), and,
 * because mutated zips rarely get past the container checks, as the XML of the
 * first sheet packed into a fresh in-memory workbook (styles, shared strings
 * and workbook parts fixed) so the XML handlers are exercised directly. That
 * sheet is read twice, with the row scanner and with expat alone: rows,
 * lines, errors and messages must be the same (the target traps if not). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "../tools/row_digest.h"
#include "xlsxin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static aud_err touch(void *ctx, const aud_row *r)
{
    size_t *sum = ctx;
    for (size_t i = 0; i < r->ncells; i++) *sum += r->lens[i] + (size_t)(unsigned char)r->cells[i][r->lens[i]];
    return *sum > ((size_t)1 << 30) ? AUD_E_VALUE : AUD_OK;
}

static void read_one(const void *buf, size_t n)
{
    size_t sum = 0;
    char *used = NULL;
    aud_diag d;
    aud_diag_clear(&d);
    (void)aud_xlsx_read_buffer(buf, n, "fuzz.xlsx", NULL, touch, &sum, &used, &d);
    free(used);
}

typedef struct digest { uint64_t h, rows; } digest;

static aud_err hash_row(void *ctx, const aud_row *r)
{
    digest *g = ctx;
    g->rows++;
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i][r->lens[i]] != '\0') abort();
    g->h = row_digest(g->h, r);
    return g->rows > 100000 ? AUD_E_VALUE : AUD_OK;
}

/* The scanner and expat alone must agree on the sheet. */
static void read_both_ways(const void *buf, size_t n)
{
    digest g[2] = {{ROW_DIGEST_INIT, 0}, {ROW_DIGEST_INIT, 0}};
    aud_diag d[2];
    aud_err e[2];
    char *used = NULL;   /* the sheet's name, asked for once */
    for (int m = 0; m < 2; m++) {
        aud_xlsx_opts o = {.expat_only = m, .threads = 1};
        aud_diag_clear(&d[m]);
        e[m] = aud_xlsx_read_buffer(buf, n, "fuzz.xlsx", &o, hash_row, &g[m], m ? NULL : &used, &d[m]);
    }
    free(used);
    if (e[0] != e[1] || g[0].h != g[1].h || g[0].rows != g[1].rows ||
        (e[0] != AUD_OK && (strcmp(d[0].message, d[1].message) != 0 || d[0].line != d[1].line))) {
        fprintf(stderr, "scanner and expat differ: %d/%d, %llu/%llu rows, \"%s\" / \"%s\"\n", e[0], e[1],
                (unsigned long long)g[0].rows, (unsigned long long)g[1].rows, d[0].message, d[1].message);
        abort();
    }
}

static const char wb[] =
    "<workbook xmlns:r=\"r\"><workbookPr date1904=\"0\"/><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</sheets></workbook>";
static const char rels[] = "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
static const char styles[] =
    "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";
static const char sst[] = "<sst><si><t>Matricule</t></si><si><r><t>Se</t></r><r><t>xe</t></r></si><si><t>F</t></si></sst>";

static int add(zip_t *z, const char *name, const void *p, size_t n)
{
    zip_source_t *s = zip_source_buffer(z, p, n, 0);
    if (!s) return -1;
    if (zip_file_add(z, name, s, 0) < 0) { zip_source_free(s); return -1; }
    zip_set_file_compression(z, (zip_uint64_t)zip_name_locate(z, name, 0), ZIP_CM_STORE, 0);
    return 0;
}

/* Pack the input as xl/worksheets/sheet1.xml of a minimal workbook in memory. */
static void read_as_sheet(const uint8_t *data, size_t size)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    if (!z) { if (src) zip_source_free(src); zip_error_fini(&ze); return; }
    zip_source_keep(src);
    int bad = add(z, "xl/workbook.xml", wb, sizeof wb - 1) || add(z, "xl/_rels/workbook.xml.rels", rels, sizeof rels - 1) ||
              add(z, "xl/styles.xml", styles, sizeof styles - 1) || add(z, "xl/sharedStrings.xml", sst, sizeof sst - 1) ||
              add(z, "xl/worksheets/sheet1.xml", data, size);
    if (bad) zip_discard(z);
    else if (zip_close(z) != 0) { zip_discard(z); bad = 1; }
    zip_stat_t st;
    zip_stat_init(&st);
    if (!bad && zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
        unsigned char *buf = malloc(st.size ? st.size : 1);
        if (buf && zip_source_read(src, buf, st.size) == (zip_int64_t)st.size) read_both_ways(buf, st.size);
        free(buf);
        zip_source_close(src);
    }
    zip_source_free(src);
    zip_error_fini(&ze);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_one(data, size);
    if (size <= (1u << 20)) read_as_sheet(data, size);
    return 0;
}
