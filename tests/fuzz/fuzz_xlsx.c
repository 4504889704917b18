/* fuzz_xlsx.c - the .xlsx reader on arbitrary bytes (zip container, XML parts,
 * OLE headers): it must return an error or rows, never crash or leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xlsxin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static aud_err touch(void *ctx, const aud_row *r)
{
    size_t *sum = ctx;
    for (size_t i = 0; i < r->ncells; i++) *sum += r->lens[i] + (size_t)(unsigned char)r->cells[i][r->lens[i]];
    return *sum > ((size_t)1 << 30) ? AUD_E_VALUE : AUD_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t sum = 0;
    char *used = NULL;
    aud_diag d;
    aud_diag_clear(&d);
    if (aud_xlsx_read_buffer(data, size, "fuzz.xlsx", NULL, touch, &sum, &used, &d) == AUD_OK && used)
        sum += strlen(used);
    free(used);
    return 0;
}
