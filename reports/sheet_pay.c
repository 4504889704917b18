/* sheet_pay.c - every pay gap of METRICS §2 with its convention, the
 * quartiles, and pay by category, age band and seniority band. */
#include <stdio.h>

#include "xlsx.h"

#define N(a) (sizeof (a) / sizeof *(a))

static const char *const ids[] = {
    "pay_gap_mean_pct", "pay_gap_median_pct", "pay_gap_mean_pct_hcp",
    "base_gap_mean_pct", "base_gap_median_pct", "hourly_gap_mean_pct", "hourly_gap_median_pct",
    "variable_gap_mean_pct", "variable_gap_median_pct",
    "variable_recipients_women_pct", "variable_recipients_men_pct",
    "eu_categories_compared", "eu_categories_flagged", "eu_joint_assessment"};

static void quartile_chart(aud_xw *x)
{
    if (!x->has_quartiles) return;
    char a[32], b[32], cats[300], vals[300];
    lxw_rowcol_to_cell_abs(a, x->quartile_row, 0, 1, 1);
    lxw_rowcol_to_cell_abs(b, x->quartile_row + 3, 0, 1, 1);
    snprintf(cats, sizeof cats, "=%s!%s:%s", x->quartile_ref, a, b);
    lxw_rowcol_to_cell_abs(a, x->quartile_row, 1, 1, 1);
    lxw_rowcol_to_cell_abs(b, x->quartile_row + 3, 1, 1, 1);
    snprintf(vals, sizeof vals, "=%s!%s:%s", x->quartile_ref, a, b);
    /* top right, beside the gaps */
    aud_xw_share_chart(x, "chart.quartiles", cats, vals, "0.0", 3, AUD_XC_NOTE + 2, 1.0, 1.0);
}

void aud_sheet_pay(aud_xw *x)
{
    aud_xw_sheet_begin(x, "pay");
    aud_xw_section(x, "section.gaps");
    aud_xw_metrics(x, ids, N(ids), "absent.pay_gaps", NULL);
    aud_xw_line_key(x, "note.conventions");
    quartile_chart(x);
    if (x->sh.row < 19) x->sh.row = 19;     /* wide tables start below the chart */
    aud_xw_section(x, "tbl.quartiles");
    aud_xw_table(x, "quartiles", NULL);
    static const char *const tables[] = {"pay_by_category", "pay_by_age_band", "pay_by_seniority_band"};
    for (size_t i = 0; i < N(tables); i++) {
        char key[96];
        snprintf(key, sizeof key, "tbl.%s", tables[i]);
        aud_xw_section(x, key);
        aud_xw_table(x, tables[i], NULL);
    }
    aud_xw_sheet_end(x);
}
