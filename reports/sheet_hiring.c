/* sheet_hiring.c - recruitment funnel by stage and sex, pass rates, impact
 * ratios and tests; a funnel chart. */
#include "xlsx.h"

static void funnel_chart(aud_xw *x, const aud_xtable *t)
{
    int cs = aud_table_col(t->t, "stage"), cw = aud_table_col(t->t, "women"), cm = aud_table_col(t->t, "men");
    if (cs < 0 || cw < 0 || cm < 0) return;
    lxw_chart *ch = aud_xw_chart(x, LXW_CHART_BAR, "chart.funnel");
    if (!ch) return;
    lxw_row_t r1 = t->header + 1, r2 = (lxw_row_t)(t->header + t->nrows);
    const int cols[2] = {cw, cm};
    const lxw_color_t colors[2] = {0x2A7F9E, 0x9BB7C4};
    for (int k = 0; k < 2; k++) {
        char cats[300], vals[300], name[300];
        aud_xw_range(x, cats, sizeof cats, r1, (lxw_col_t)cs, r2, (lxw_col_t)cs);
        aud_xw_range(x, vals, sizeof vals, r1, (lxw_col_t)cols[k], r2, (lxw_col_t)cols[k]);
        aud_xw_range(x, name, sizeof name, t->header, (lxw_col_t)cols[k], t->header, (lxw_col_t)cols[k]);
        lxw_chart_series *s = chart_add_series(ch, cats, vals);
        if (!s) { aud_xw_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "chart series"); return; }
        chart_series_set_name(s, name);
        lxw_chart_fill f = {.color = colors[k]};
        chart_series_set_fill(s, &f);
        chart_series_set_labels(s);
    }
    chart_axis_set_reverse(ch->y_axis);     /* first stage on top, like a funnel */
    aud_xw_chart_insert(x, ch, 3, AUD_XC_NOTE + 2, 1.0, 1.0);   /* top right, beside the figures */
}

void aud_sheet_hiring(aud_xw *x)
{
    aud_xw_sheet_begin(x, "hiring");
    aud_xw_section(x, "section.hiring");
    aud_selection_metrics(x, "hiring");
    aud_xw_line_key(x, "note.four_fifths");
    aud_xw_section(x, "tbl.hiring_funnel");
    aud_xtable t;
    if (aud_xw_table(x, "hiring_funnel", &t)) funnel_chart(x, &t);
    if (x->sh.row < 19) x->sh.row = 19;     /* wide tables start below the chart */
    aud_xw_section(x, "tbl.hiring_by_stage");
    aud_xw_table(x, "hiring_by_stage", NULL);
    aud_xw_section(x, "tbl.hiring_by_job");
    aud_xw_table(x, "hiring_by_job", NULL);
    aud_xw_sheet_end(x);
}
