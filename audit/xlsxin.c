/* xlsxin.c - .xlsx reader. */
#include "xlsxin.h"

#include <string.h>

bool aud_xlsx_sniff(const unsigned char *head, size_t n)
{
    return n >= 4 && memcmp(head, "PK\3\4", 4) == 0;
}

aud_err aud_xlsx_read(const char *path, const char *sheet, aud_row_cb cb, void *ctx,
                      char **sheet_used, aud_diag *diag)
{
    (void)sheet; (void)cb; (void)ctx;
    if (sheet_used) *sheet_used = NULL;
    return aud_diag_set(diag, AUD_E_FORMAT, path, 0, "Excel input is not available in this build yet");
}
