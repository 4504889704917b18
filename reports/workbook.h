/* workbook.h - the audit workbook (WORKBOOK.md). reports/ is the only code
 * that includes xlsxwriter.h.
 *
 * Ownership: borrows everything; the workbook is written atomically to path.
 */
#ifndef AUD_WORKBOOK_H
#define AUD_WORKBOOK_H

#include "dataset.h"
#include "diag.h"
#include "options.h"
#include "results.h"

aud_err aud_workbook_write(const aud_dataset *d, const aud_options *o, const aud_results *r,
                           const char *path, aud_diag *diag);

#endif
