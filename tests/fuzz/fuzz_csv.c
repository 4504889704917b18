/* fuzz_csv.c - the CSV/TSV reader on arbitrary bytes: encoding detection,
 * delimiter sniffing, quoting and the field cap, with a callback that reads
 * every cell it is given (so a bad length or pointer shows up under ASan). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "csvin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static aud_err touch_row(void *ctx, const aud_row *row)
{
    size_t *sum = ctx;
    for (size_t i = 0; i < row->ncells; i++) {
        if (row->cells[i][row->lens[i]] != '\0') return AUD_E_INTERNAL;
        *sum += row->lens[i] ? (unsigned char)row->cells[i][0] : 0;
    }
    return AUD_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const encodings[] = {NULL, "utf-8", "cp1252", "cp1256", "utf-16le"};
    size_t sum = 0;
    aud_csv_info info;
    aud_diag diag;
    /* the first byte picks a forced encoding and delimiter now and then */
    aud_csv_opts o = {0};
    if (size > 0 && data[0] >= 0xF0) {
        o.encoding = encodings[data[0] % 5];
        o.delimiter = ",;\t|"[data[0] % 4];
    }
    aud_diag_clear(&diag);
    memset(&info, 0, sizeof info);
    (void)aud_csv_read_mem(data, size, "fuzz.csv", &o, touch_row, &sum, &info, &diag);
    (void)aud_csv_sniff((const char *)data, size);
    return 0;
}
