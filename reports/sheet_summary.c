/* sheet_summary.c - the dashboard: who, when, the headline figures with a
 * traffic light each, what to do next, and two charts. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xlsx.h"

#define N(a) (sizeof (a) / sizeof *(a))
#define MAX_CATS 30

static const char *const identity_ids[] = {"headcount", "headcount_women", "headcount_men", "women_share_pct"};
static const char *const headline_ids[] = {
    "pay_gap_mean_pct", "pay_gap_median_pct", "hourly_gap_mean_pct", "eu_joint_assessment",
    "egapro_index", "adjusted_gap_pct", "adjusted_gap_rating", "promotion_four_fifths",
    "raise_four_fifths", "hiring_four_fifths", "below_smig_women", "below_smig_men"};

static void identity(aud_xw *x)
{
    const aud_options *o = x->o;
    const char *rows[][2] = {
        {"summary.employer", o->employer}, {"summary.sector", o->sector},
        {"summary.region", o->region}, {"summary.period", x->period}};
    aud_xw_section(x, "section.company");
    for (size_t i = 0; i < N(rows); i++) {
        if (!rows[i][1] || !*rows[i][1]) continue;
        aud_xw_str(x, x->sh.row, AUD_XC_LABEL, aud_xw_label(x, rows[i][0], NULL), x->st.big_label, 1);
        aud_xw_str(x, x->sh.row, AUD_XC_VALUE, rows[i][1], x->st.text, 0);
        x->sh.row++;
    }
    x->sh.row++;
    aud_xw_metrics(x, identity_ids, N(identity_ids), "absent.headcount", NULL);
}

/* Copy tmpl into out with "{v}" replaced by v. */
static void fill(char *out, size_t cap, const char *tmpl, const char *v)
{
    const char *hit = strstr(tmpl, "{v}");
    if (!hit) { snprintf(out, cap, "%s", tmpl); return; }
    snprintf(out, cap, "%.*s%s%s", (int)(hit - tmpl), tmpl, v, hit + 3);
}

static int verdict(aud_xw *x, const char *key, double v, int decimals)
{
    char num[32], line[1024];
    if (isfinite(v)) snprintf(num, sizeof num, "%.*f", decimals, v);
    else num[0] = '\0';
    fill(line, sizeof line, aud_xw_label(x, key, key), num);
    aud_xw_para(x, line, x->st.verdict);
    return 1;
}

static int is_true(const aud_xw *x, const char *id, int *known)
{
    const aud_metric *m = aud_results_get(x->r, id);
    *known = m && m->v.type == AUD_V_BOOL;
    return *known && m->v.b;
}

/* What to do next, one plain sentence per finding, chosen by threshold. */
static void next_steps(aud_xw *x)
{
    static const char *const light_word[] = {"", "green", "amber", "red"};
    int attention = 0, known;
    char key[64];
    aud_xw_section(x, "section.next");
    double g = aud_results_num(x->r, "pay_gap_mean_pct");
    aud_light l = aud_assess_gap(g);
    if (l != AUD_LIGHT_NONE) {
        snprintf(key, sizeof key, "verdict.gap.%s", light_word[l]);
        attention += verdict(x, key, g, 1) && l != AUD_LIGHT_GREEN;
    }
    if (is_true(x, "eu_joint_assessment", &known))
        attention += verdict(x, "verdict.eu.flagged", aud_results_num(x->r, "eu_categories_flagged"), 0);
    else if (known) verdict(x, "verdict.eu.ok", NAN, 0);
    const aud_metric *eg = aud_results_get(x->r, "egapro_index");
    if (eg) {
        double v = aud_results_num(x->r, "egapro_index");
        l = aud_assess_egapro(v);
        snprintf(key, sizeof key, "verdict.egapro.%s", l == AUD_LIGHT_NONE ? "nc" : light_word[l]);
        verdict(x, key, v, 0);
        attention += l == AUD_LIGHT_RED || l == AUD_LIGHT_AMBER;
    }
    double rating = aud_results_num(x->r, "adjusted_gap_rating");
    if (isfinite(rating) && rating >= 1 && rating <= 4) {
        snprintf(key, sizeof key, "verdict.adjusted.%d", (int)rating);
        verdict(x, key, aud_results_num(x->r, "adjusted_gap_pct"), 1);
        attention += rating >= 3;
    }
    static const char *const sel[] = {"promotion", "raise", "hiring"};
    for (size_t i = 0; i < N(sel); i++) {
        char id[64];
        snprintf(id, sizeof id, "%s_four_fifths", sel[i]);
        if (is_true(x, id, &known)) {
            snprintf(key, sizeof key, "verdict.%s.breach", sel[i]);
            snprintf(id, sizeof id, "%s_impact_ratio", sel[i]);
            attention += verdict(x, key, aud_results_num(x->r, id), 2);
        }
    }
    double smig = aud_results_num(x->r, "below_smig_women") + aud_results_num(x->r, "below_smig_men");
    if (isfinite(smig) && smig > 0) attention += verdict(x, "verdict.smig.breach", smig, 0);
    if (!attention) verdict(x, "verdict.all_green", NAN, 0);
}

static void quartile_block(aud_xw *x)
{
    static const char *const ids[] = {"quartile1_women_pct", "quartile2_women_pct",
                                      "quartile3_women_pct", "quartile4_women_pct"};
    aud_xw_section(x, "section.quartiles");
    int any = 0;
    for (size_t i = 0; i < N(ids); i++) any |= aud_results_get(x->r, ids[i]) != NULL;
    if (!any) { aud_xw_line_key(x, "absent.quartiles"); return; }
    aud_xw_str(x, x->sh.row, 0, aud_xw_label(x, "hdr.quartile", NULL), x->st.header, 1);
    aud_xw_str(x, x->sh.row, 1, aud_xw_label(x, "hdr.women_pct", NULL), x->st.header, 1);
    lxw_row_t r0 = ++x->sh.row;
    for (size_t i = 0; i < N(ids); i++) {
        char key[16];
        snprintf(key, sizeof key, "q.%zu", i + 1);
        lxw_row_t r = x->sh.row++;
        aud_xw_str(x, r, 0, aud_xw_label(x, key, key), x->st.text, 1);
        const aud_metric *m = aud_results_get(x->r, ids[i]);
        if (!m) continue;
        aud_xw_value(x, r, 1, &m->v, AUD_COL_PCT, 0, m->reason);
        aud_xw_define(x, ids[i], r, 1);
    }
    snprintf(x->quartile_ref, sizeof x->quartile_ref, "%s", x->sh.ref);
    x->quartile_row = r0;
    x->has_quartiles = 1;
    char cats[300], vals[300];
    aud_xw_range(x, cats, sizeof cats, r0, 0, r0 + 3, 0);
    aud_xw_range(x, vals, sizeof vals, r0, 1, r0 + 3, 1);
    aud_xw_share_chart(x, "chart.quartiles", cats, vals, "0.0", 3, 5, 1.15, 1.1);
}

static int first_text_col(const aud_table *t)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (t->col_fmts[c] == AUD_COL_TEXT && strcmp(t->col_names[c], "sex") != 0) return (int)c;
    return -1;
}

/* The chart reads a block of its own: one row per category with a numeric
 * gap, whatever the shape (per sex or per category) of pay_by_category. */
static void category_gap_block(aud_xw *x)
{
    aud_xw_section(x, "section.gap_by_category");
    const aud_table *t = aud_results_table(x->r, "pay_by_category");
    int cg = t ? aud_table_col(t, "gap_mean_pct") : -1;
    int cc = t ? first_text_col(t) : -1;
    if (cg < 0 || cc < 0) { aud_xw_line_key(x, "absent.pay_by_category"); return; }
    aud_xw_str(x, x->sh.row, 0, aud_labels_get2(x->lab, "col.", t->col_names[cc], t->col_names[cc]), x->st.header, 1);
    aud_xw_str(x, x->sh.row, 1, aud_xw_label(x, "hdr.gap_mean_pct", NULL), x->st.header, 1);
    lxw_row_t r0 = ++x->sh.row;
    const char *seen[MAX_CATS];
    size_t n = 0;
    for (size_t i = 0; i < t->nrows && n < MAX_CATS; i++) {
        const aud_value *name = aud_table_cell_c(t, i, (size_t)cc), *gap = aud_table_cell_c(t, i, (size_t)cg);
        if (name->type != AUD_V_STR || gap->type != AUD_V_NUM) continue;
        int dup = 0;
        for (size_t j = 0; j < n && !dup; j++) dup = strcmp(seen[j], name->str) == 0;
        if (dup) continue;
        seen[n++] = name->str;
        aud_xw_str(x, x->sh.row, 0, name->str, x->st.text, 1);
        aud_xw_num(x, x->sh.row, 1, gap->num, x->st.gap);
        x->sh.row++;
    }
    if (n == 0) { aud_xw_line_key(x, "absent.gap_by_category"); return; }
    aud_xw_cf_gap(x, r0, 1, (lxw_row_t)(r0 + n - 1), 1);
    lxw_chart *ch = aud_xw_chart(x, LXW_CHART_BAR, "chart.gap_by_category");
    if (!ch) return;
    char cats[300], vals[300];
    aud_xw_range(x, cats, sizeof cats, r0, 0, (lxw_row_t)(r0 + n - 1), 0);
    aud_xw_range(x, vals, sizeof vals, r0, 1, (lxw_row_t)(r0 + n - 1), 1);
    lxw_chart_series *s = chart_add_series(ch, cats, vals);
    if (!s) { aud_xw_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "chart series"); return; }
    chart_series_set_name(s, aud_xw_text(x, aud_xw_label(x, "hdr.gap_mean_pct", NULL)));
    lxw_chart_fill f = {.color = 0xC0392B};
    chart_series_set_fill(s, &f);
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, "0.0");
    chart_axis_set_num_format(ch->x_axis, "0");
    chart_axis_set_label_position(ch->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    chart_axis_set_reverse(ch->y_axis);     /* categories read top-down, as in the block */
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    aud_xw_chart_insert(x, ch, 21, 5, 1.15, 1.1);
}

void aud_sheet_summary(aud_xw *x)
{
    aud_xw_sheet_begin(x, "summary");
    if (!aud_xw_ok(x)) return;
    worksheet_gridlines(x->sh.ws, LXW_HIDE_ALL_GRIDLINES);
    worksheet_activate(x->sh.ws);
    identity(x);
    aud_xw_section(x, "section.headline");
    aud_xw_metrics(x, headline_ids, N(headline_ids), "absent.headline", NULL);
    next_steps(x);
    quartile_block(x);
    category_gap_block(x);
    aud_xw_sheet_end(x);
}
