/* sheet_adjusted.c - the Logib/standard regression, its rating, and the
 * Oaxaca-Blinder decomposition with a chart of explained vs unexplained. */
#include <math.h>
#include <stdio.h>

#include "xlsx.h"

#define N(a) (sizeof (a) / sizeof *(a))

static const char *const reg_ids[] = {
    "adjusted_gap_model", "adjusted_gap_pct", "adjusted_gap_rating", "adjusted_gap_coef",
    "adjusted_gap_se", "adjusted_gap_t", "adjusted_gap_p", "adjusted_gap_df", "adjusted_gap_n",
    "adjusted_gap_r2"};
/* explained and unexplained stay adjacent: the chart reads them as one range */
static const char *const oax_ids[] = {
    "oaxaca_gap", "oaxaca_explained", "oaxaca_unexplained", "oaxaca_unexplained_share_pct",
    "oaxaca_endowments", "oaxaca_coefficients", "oaxaca_interaction"};

static void split_chart(aud_xw *x, const lxw_row_t *rows)
{
    if (rows[1] == (lxw_row_t)-1 || rows[2] != rows[1] + 1) return;
    lxw_chart *ch = aud_xw_chart(x, LXW_CHART_BAR, "chart.oaxaca");
    if (!ch) return;
    char cats[300], vals[300];
    aud_xw_range(x, cats, sizeof cats, rows[1], AUD_XC_LABEL, rows[2], AUD_XC_LABEL);
    aud_xw_range(x, vals, sizeof vals, rows[1], AUD_XC_VALUE, rows[2], AUD_XC_VALUE);
    lxw_chart_series *s = chart_add_series(ch, cats, vals);
    if (!s) { aud_xw_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "chart series"); return; }
    chart_series_set_name(s, aud_xw_text(x, aud_xw_label(x, "hdr.log_points", NULL)));
    lxw_chart_fill f = {.color = 0x1F4E5F};
    chart_series_set_fill(s, &f);
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, "0.000");
    chart_axis_set_num_format(ch->x_axis, "0.00");
    if (aud_results_num(x->r, "oaxaca_explained") >= 0 && aud_results_num(x->r, "oaxaca_unexplained") >= 0)
        chart_axis_set_min(ch->x_axis, 0);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    aud_xw_chart_insert(x, ch, rows[0] == (lxw_row_t)-1 ? rows[1] : rows[0], AUD_XC_NOTE + 2, 1.0, 0.9);
}

void aud_sheet_adjusted(aud_xw *x)
{
    aud_xw_sheet_begin(x, "adjusted");
    aud_xw_section(x, "section.regression");
    aud_xw_metrics(x, reg_ids, N(reg_ids), "absent.adjusted", NULL);
    double rating = aud_results_num(x->r, "adjusted_gap_rating");
    if (isfinite(rating) && rating >= 1 && rating <= 4) {
        char key[32];
        snprintf(key, sizeof key, "rating.%d", (int)rating);
        aud_xw_para(x, aud_xw_label(x, key, NULL), x->st.verdict);
    }
    aud_xw_line_key(x, "note.kennedy");
    static const char *const prefixes[] = {"adjusted", "regression", "dropped", "oaxaca", "logib"};
    aud_xw_notes(x, prefixes, N(prefixes));     /* dropped design columns, excluded levels */
    aud_xw_section(x, "tbl.regression_coefficients");
    aud_xw_table(x, "regression_coefficients", NULL);
    aud_xw_section(x, "section.oaxaca");
    lxw_row_t rows[N(oax_ids)];
    aud_xw_metrics(x, oax_ids, N(oax_ids), "absent.oaxaca", rows);
    lxw_row_t top = x->sh.row;
    split_chart(x, rows);
    aud_xw_section(x, "tbl.oaxaca_detail");
    aud_xw_table(x, "oaxaca_detail", NULL);
    if (x->sh.row < top + 8) x->sh.row = top + 8;
    aud_xw_sheet_end(x);
}
