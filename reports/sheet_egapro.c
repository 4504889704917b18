/* sheet_egapro.c - the five Egapro indicators, the total and its thresholds. */
#include <stdio.h>

#include "xlsx.h"

#define N(a) (sizeof (a) / sizeof *(a))

static const char *const ids[] = {
    "egapro_mode",
    "egapro_i1_result", "egapro_i1_favours", "egapro_i1_points",
    "egapro_i2_result", "egapro_i2_favours", "egapro_i2_points",
    "egapro_i3_result", "egapro_i3_favours", "egapro_i3_points",
    "egapro_i2et3_result_pct", "egapro_i2et3_result_employees", "egapro_i2et3_favours", "egapro_i2et3_points",
    "egapro_i4_result_pct", "egapro_i4_points",
    "egapro_i5_result", "egapro_i5_favours", "egapro_i5_points",
    "egapro_points", "egapro_max_points", "egapro_index"};

void aud_sheet_egapro(aud_xw *x)
{
    aud_xw_sheet_begin(x, "egapro");
    aud_xw_section(x, "section.egapro");
    aud_xw_metrics(x, ids, N(ids), "absent.egapro", NULL);
    static const char *const prefixes[] = {"egapro", "csp"};
    aud_xw_notes(x, prefixes, N(prefixes));     /* e.g. categories standing in for CSPs */
    aud_xw_section(x, "section.egapro_thresholds");
    aud_xw_para(x, aud_xw_label(x, "egapro.threshold75", NULL), x->st.verdict);
    aud_xw_para(x, aud_xw_label(x, "egapro.threshold85", NULL), x->st.verdict);
    aud_xw_para(x, aud_xw_label(x, "egapro.obligation", NULL), x->st.verdict);
    aud_xw_section(x, "tbl.egapro_groups");
    aud_xw_table(x, "egapro_groups", NULL);
    aud_xw_section(x, "tbl.egapro_csp");
    aud_xw_table(x, "egapro_csp", NULL);
    aud_xw_sheet_end(x);
}
