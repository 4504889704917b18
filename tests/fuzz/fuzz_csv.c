/* fuzz_csv.c - the CSV/TSV reader on arbitrary bytes: encoding detection,
 * delimiter sniffing, quoting and the field cap, with a callback that reads
 * every cell it is given (so a bad length or pointer shows up under ASan).
 * Each input is read twice, with and without the quote-free fast path: the
 * rows, lines, counts and errors must be the same, or the target traps. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct digest { uint64_t rows, sum; } digest;

static aud_err touch_row(void *ctx, const aud_row *row)
{
    digest *g = ctx;
    uint64_t h = row->line * 1000003u + row->ncells * 31u + (uint64_t)row->too_long;
    for (size_t i = 0; i < row->ncells; i++) {
        if (row->cells[i][row->lens[i]] != '\0') return AUD_E_INTERNAL;
        for (size_t k = 0; k < row->lens[i]; k++) h = h * 131u + (unsigned char)row->cells[i][k];
        h = h * 7u + 1u;
    }
    g->sum = g->sum * 1099511628211ull ^ h;
    g->rows++;
    return AUD_OK;
}

typedef struct outcome { aud_err e; digest g; aud_csv_info info; aud_diag diag; } outcome;

static void read_once(const uint8_t *data, size_t size, aud_csv_opts o, int libcsv_only, outcome *out)
{
    memset(out, 0, sizeof *out);
    aud_diag_clear(&out->diag);
    o.libcsv_only = libcsv_only;
    out->e = aud_csv_read_mem(data, size, "fuzz.csv", &o, touch_row, &out->g, &out->info, &out->diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const encodings[] = {NULL, "utf-8", "cp1252", "cp1256", "utf-16le"};
    /* the first byte picks a forced encoding and delimiter now and then */
    aud_csv_opts o = {0};
    if (size > 0 && data[0] >= 0xF0) {
        o.encoding = encodings[data[0] % 5];
        o.delimiter = ",;\t|"[data[0] % 4];
    }
    outcome a, b;
    read_once(data, size, o, 0, &a);
    read_once(data, size, o, 1, &b);
    if (a.e != b.e || a.g.rows != b.g.rows || a.g.sum != b.g.sum || a.info.lines != b.info.lines ||
        a.info.blank_lines != b.info.blank_lines || a.info.delimiter != b.info.delimiter ||
        a.diag.line != b.diag.line || strcmp(a.diag.message, b.diag.message) != 0)
        abort();
    (void)aud_csv_sniff((const char *)data, size);
    return 0;
}
