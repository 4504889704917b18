/* xlsx_rows.c - reads a workbook with the library's .xlsx reader and prints
 * rows, cells, bytes and a digest of everything delivered (cells, lines,
 * flags), so the row scanner and expat can be compared on big sheets, and
 * how many rows the scanner read:
 *   xlsx_rows [--expat] FILE.xlsx [SHEET] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "row_digest.h"
#include "xlsxin.h"

typedef struct count { unsigned long long rows, cells, bytes, too_long; uint64_t h; } count;

static aud_err on_row(void *ctx, const aud_row *r)
{
    count *c = ctx;
    c->rows++;
    c->cells += r->ncells;
    c->too_long += r->too_long != 0;
    c->h = row_digest(c->h, r);
    for (size_t i = 0; i < r->ncells; i++) c->bytes += r->lens[i];
    return AUD_OK;
}

int main(int argc, char **argv)
{
    aud_xlsx_stats st = {0, 0, 0};
    aud_xlsx_opts o = {.stats = &st};
    int a = 1;
    if (a < argc && strcmp(argv[a], "--expat") == 0) { o.expat_only = 1; a++; }
    if (argc - a < 1 || argc - a > 2) { fprintf(stderr, "usage: xlsx_rows [--expat] FILE.xlsx [SHEET]\n"); return 2; }
    o.sheet = argc - a > 1 ? argv[a + 1] : NULL;
    count c = {0, 0, 0, 0, ROW_DIGEST_INIT};
    char *used = NULL;
    aud_diag d;
    aud_diag_clear(&d);
    aud_err e = aud_xlsx_read(argv[a], &o, on_row, &c, &used, &d);
    if (e != AUD_OK) {
        fprintf(stderr, "xlsx_rows: %s: %s (%s)\n", d.file, d.message, d.hint);
        return 1;
    }
    printf("sheet %s: %llu rows, %llu cells, %llu bytes, %llu too long, digest %016llx\n", used, c.rows, c.cells,
           c.bytes, c.too_long, (unsigned long long)c.h);
    printf("rows by the scanner %llu, handed to expat %llu times, merged cells searched first: %s\n",
           (unsigned long long)st.rows_scanned, (unsigned long long)st.handovers, st.merges_scanned ? "yes" : "no");
    free(used);
    return 0;
}
