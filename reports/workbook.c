/* workbook.c - the audit workbook: labels, atomic output, sheets in order. */
#include "workbook.h"

#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "xlsx.h"

aud_err aud_workbook_write(const aud_dataset *d, const aud_options *o, const aud_results *r,
                           const char *path, aud_diag *diag)
{
    if (!o || !r || !path) return aud_diag_set(diag, AUD_E_INTERNAL, path, 0, "workbook: missing argument");
    aud_labels *lab = NULL;
    AUD_TRY(aud_labels_load(o->templates_dir, aud_lang_code(o->lang), &lab, diag));
    char *tmp = NULL;
    aud_err e = aud_output_begin(path, &tmp, diag);
    if (e != AUD_OK) { aud_labels_free(lab); return e; }
    aud_xw x;
    memset(&x, 0, sizeof x);
    x.d = d; x.o = o; x.r = r; x.lab = lab; x.diag = diag; x.path = path;
    static void (*const sheets[])(aud_xw *) = {
        aud_sheet_summary, aud_sheet_workforce, aud_sheet_pay, aud_sheet_equal_value,
        aud_sheet_egapro, aud_sheet_adjusted, aud_sheet_promotions, aud_sheet_hiring,
        aud_sheet_quality, aud_sheet_method, aud_sheet_people};
    if (aud_xw_open(&x, tmp) == AUD_OK)
        for (size_t i = 0; i < sizeof sheets / sizeof *sheets && aud_xw_ok(&x); i++) sheets[i](&x);
    e = aud_xw_close(&x);
    aud_xw_free(&x);
    aud_labels_free(lab);
    if (e == AUD_OK) e = aud_output_commit(tmp, path, diag);
    else aud_output_abort(tmp);
    free(tmp);
    return e;
}
