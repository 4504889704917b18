/* fuzz_csv.c - the CSV reader (encodings, quoting, line tracking) on any bytes.
 * The first byte picks a forced delimiter/encoding so both paths are explored. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "csvin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct seen { size_t cells; uint64_t last_line; } seen;

static aud_err sink(void *ctx, const aud_row *row)
{
    seen *s = ctx;
    for (size_t i = 0; i < row->ncells; i++)
        if (strlen(row->cells[i]) != row->lens[i]) __builtin_trap();
    if (row->line <= s->last_line) __builtin_trap();     /* rows start on increasing lines */
    s->last_line = row->line;
    s->cells += row->ncells;
    return AUD_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char delims[] = {0, ',', ';', '\t', '|'};
    static const char *const encs[] = {NULL, "utf-8", "utf-16", "utf-16le", "utf-16be", "cp1252", "cp1256"};
    aud_csv_opts o = {0};
    if (size > 0) {
        o.delimiter = delims[data[0] % 5];
        o.encoding = encs[(data[0] / 5) % 7];
        data++;
        size--;
    }
    seen s = {0, 0};
    aud_csv_info info;
    aud_diag d;
    aud_diag_clear(&d);
    if (aud_csv_read_mem(data, size, "fuzz.csv", &o, sink, &s, &info, &d) == AUD_OK && s.last_line > info.lines)
        __builtin_trap();
    return 0;
}
