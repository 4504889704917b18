/* workbook.c - the audit workbook. */
#include "workbook.h"

aud_err aud_workbook_write(const aud_dataset *d, const aud_options *o, const aud_results *r,
                           const char *path, aud_diag *diag)
{
    (void)d; (void)o; (void)r;
    return aud_diag_set(diag, AUD_E_INTERNAL, path, 0, "the workbook writer is not available in this build yet");
}
