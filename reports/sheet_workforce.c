/* sheet_workforce.c - composition of the audit population and its pipeline. */
#include <string.h>

#include "xlsx.h"

#define N(a) (sizeof (a) / sizeof *(a))

static const char *const ids[] = {
    "hires_women", "hires_men", "exits_women", "exits_men", "top10_women", "top10_men",
    "glass_ceiling_index", "duncan_index_category", "duncan_index_job",
    "maternity_returns", "maternity_returns_raised"};

static void table_section(aud_xw *x, const char *name, aud_xtable *out)
{
    char key[96];
    snprintf(key, sizeof key, "tbl.%s", name);
    aud_xw_section(x, key);
    aud_xw_table(x, name, out);
}

/* Women share by level, lowest to highest, as the table lists them. */
static void pipeline_chart(aud_xw *x, const aud_xtable *t)
{
    int cv = aud_table_col(t->t, "women_share_pct");
    int cc = -1;
    for (size_t c = 0; c < t->t->ncols && cc < 0; c++)
        if (t->t->col_fmts[c] == AUD_COL_TEXT) cc = (int)c;
    if (cv < 0 || cc < 0) return;
    char cats[300], vals[300];
    lxw_row_t r1 = t->header + 1, r2 = (lxw_row_t)(t->header + t->nrows);
    aud_xw_range(x, cats, sizeof cats, r1, (lxw_col_t)cc, r2, (lxw_col_t)cc);
    aud_xw_range(x, vals, sizeof vals, r1, (lxw_col_t)cv, r2, (lxw_col_t)cv);
    /* top right: prints with page 1 */
    aud_xw_share_chart(x, "chart.pipeline", cats, vals, "0", 3, AUD_XC_NOTE + 2, 1.0, 1.0);
}

void aud_sheet_workforce(aud_xw *x)
{
    static const char *const tables[] = {"workforce_by_category", "workforce_by_age_band",
                                         "workforce_by_contract", "workforce_by_grade"};
    aud_xw_sheet_begin(x, "workforce");
    aud_xw_section(x, "section.movements");
    aud_xw_metrics(x, ids, N(ids), "absent.workforce_figures", NULL);
    for (size_t i = 0; i < N(tables); i++) table_section(x, tables[i], NULL);
    aud_xtable t;
    table_section(x, "representation_by_grade", &t);
    if (t.t) pipeline_chart(x, &t);
    aud_xw_sheet_end(x);
}
