/* xlsxin.h - .xlsx input with libzip + expat, streaming the sheet XML.
 *
 * Reads the first visible sheet (or o->sheet when non-NULL: exact name, then
 * case-insensitive; AUD_E_USAGE listing the sheets when absent) and calls cb
 * once per row, header first, with Excel row numbers as lines. Shared and
 * inline strings, numbers (shortest round-trip text, '.' decimal), booleans
 * ("TRUE"/"FALSE"), dates (cells whose number format is a date: "YYYY-MM-DD",
 * 1900 and 1904 systems), column gaps as "" cells, merged header cells (the
 * value repeated over the merge; a sheet part over prescan_limit whose header
 * fills its declared columns is not searched for them first, and a merge that
 * would have changed that header fails the read with AUD_E_FORMAT at the
 * end). Rows without a non-empty cell are skipped; data rows are padded to
 * the header width (an Excel row cannot be "short").
 * Refuses password-protected, .xls (BIFF), corrupt files, zip bombs and absurd
 * dimensions with AUD_E_FORMAT and a hint.
 *
 * Ownership: *sheet_used (may be NULL) receives a malloc'd sheet name.
 */
#ifndef AUD_XLSXIN_H
#define AUD_XLSXIN_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "rowsrc.h"

typedef struct aud_xlsx_stats {
    uint64_t rows_scanned;       /* rows read by the row scanner (the rest by expat) */
    uint64_t handovers;          /* times expat took over from the scanner */
    int merges_scanned;          /* the sheet was searched for merged cells before the rows */
} aud_xlsx_stats;

typedef struct aud_xlsx_opts {
    const char *sheet;           /* NULL = the first visible sheet */
    int expat_only;              /* 1 = every row of the sheet through expat, none
                                    through the row scanner (tests compare the two) */
    uint64_t prescan_limit;      /* sheet parts up to this size are always searched
                                    for merged header cells before the rows (bigger
                                    ones only when the header leaves a gap; see
                                    xlsxin.c); 0 = 16 MiB, 1 = never */
    int threads;                 /* 0 = unpack a sheet part of 4 MiB or more on a
                                    second thread, 1 = one thread, 2 = always two;
                                    the rows are the same */
    aud_xlsx_stats *stats;       /* optional, filled on return */
} aud_xlsx_opts;

bool aud_xlsx_sniff(const unsigned char *head, size_t n);   /* "PK\3\4" zip */
/* o may be NULL (defaults). */
aud_err aud_xlsx_read(const char *path, const aud_xlsx_opts *o, aud_row_cb cb, void *ctx,
                      char **sheet_used, aud_diag *diag);
/* The same from a workbook held in memory (data is borrowed; name is used in
 * diagnostics). Used by the fuzz target and by callers that already read the file. */
aud_err aud_xlsx_read_buffer(const void *data, size_t n, const char *name, const aud_xlsx_opts *o,
                             aud_row_cb cb, void *ctx, char **sheet_used, aud_diag *diag);

#endif
