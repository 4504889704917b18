/* sheet_equal_value.c - work of equal value (EU art. 9-10, Code du travail
 * art. 346): per group counts, means, medians and gaps; >= 5 % rows flagged. */
#include "xlsx.h"

#define N(a) (sizeof (a) / sizeof *(a))

void aud_sheet_equal_value(aud_xw *x)
{
    static const char *const ids[] = {"eu_categories_compared", "eu_categories_flagged", "eu_joint_assessment"};
    aud_xw_sheet_begin(x, "equal_value");
    aud_xw_line_key(x, "note.equal_value");
    aud_xw_section(x, "section.art10");
    aud_xw_metrics(x, ids, N(ids), "absent.eu", NULL);
    const aud_metric *m = aud_results_get(x->r, "eu_joint_assessment");
    if (m && m->v.type == AUD_V_BOOL)
        aud_xw_para(x, aud_xw_label(x, m->v.b ? "verdict.art10.flagged" : "verdict.art10.ok", NULL), x->st.verdict);
    aud_xw_section(x, "tbl.pay_by_equal_value_group");
    aud_xw_table(x, "pay_by_equal_value_group", NULL);
    aud_xw_line_key(x, "note.flag_5pct");
    aud_xw_sheet_end(x);
}
