/* xlsxin.h - .xlsx input with libzip + expat, streaming the sheet XML.
 *
 * Reads the first visible sheet (or `sheet` when non-NULL: exact name, then
 * case-insensitive; AUD_E_USAGE listing the sheets when absent) and calls cb
 * once per row, header first, with Excel row numbers as lines. Shared and
 * inline strings, numbers (shortest round-trip text, '.' decimal), booleans
 * ("TRUE"/"FALSE"), dates (cells whose number format is a date: "YYYY-MM-DD",
 * 1900 and 1904 systems), column gaps as "" cells, merged header cells (the
 * value repeated over the merge). Rows without a non-empty cell are skipped;
 * data rows are padded to the header width (an Excel row cannot be "short").
 * Refuses password-protected, .xls (BIFF), corrupt files, zip bombs and absurd
 * dimensions with AUD_E_FORMAT and a hint.
 *
 * Ownership: *sheet_used (may be NULL) receives a malloc'd sheet name.
 */
#ifndef AUD_XLSXIN_H
#define AUD_XLSXIN_H

#include <stdbool.h>

#include "diag.h"
#include "rowsrc.h"

bool aud_xlsx_sniff(const unsigned char *head, size_t n);   /* "PK\3\4" zip */
aud_err aud_xlsx_read(const char *path, const char *sheet, aud_row_cb cb, void *ctx,
                      char **sheet_used, aud_diag *diag);
/* The same from a workbook held in memory (data is borrowed; name is used in
 * diagnostics). Used by the fuzz target and by callers that already read the file. */
aud_err aud_xlsx_read_buffer(const void *data, size_t n, const char *name, const char *sheet,
                             aud_row_cb cb, void *ctx, char **sheet_used, aud_diag *diag);

#endif
