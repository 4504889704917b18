/* xlsx_rows.c - reads a workbook with the library's .xlsx reader and prints
 * rows, cells and bytes delivered: xlsx_rows FILE.xlsx [SHEET] */
#include <stdio.h>
#include <stdlib.h>

#include "xlsxin.h"

typedef struct count { unsigned long long rows, cells, bytes, too_long; } count;

static aud_err on_row(void *ctx, const aud_row *r)
{
    count *c = ctx;
    c->rows++;
    c->cells += r->ncells;
    c->too_long += r->too_long != 0;
    for (size_t i = 0; i < r->ncells; i++) c->bytes += r->lens[i];
    return AUD_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) { fprintf(stderr, "usage: xlsx_rows FILE.xlsx [SHEET]\n"); return 2; }
    count c = {0, 0, 0, 0};
    char *used = NULL;
    aud_diag d;
    aud_diag_clear(&d);
    aud_err e = aud_xlsx_read(argv[1], argc > 2 ? argv[2] : NULL, on_row, &c, &used, &d);
    if (e != AUD_OK) {
        fprintf(stderr, "xlsx_rows: %s: %s (%s)\n", d.file, d.message, d.hint);
        return 1;
    }
    printf("sheet %s: %llu rows, %llu cells, %llu bytes, %llu too long\n", used, c.rows, c.cells, c.bytes, c.too_long);
    free(used);
    return 0;
}
