/* representation.c - METRICS.md §7 representation and §8 Moroccan compliance checks. */
#include "representation.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "stats.h"

#define TOP_N 10
#define SMIG_REL_EPS 1e-9

static bool man(const aud_dataset *d, size_t i) { return d->wf.sex[i] == AUD_SEX_M; }

/* ---- top 10 ---------------------------------------------------------- */

/* true when row a ranks above row b: higher annual pay, then smaller id. */
static bool ranks_above(const aud_dataset *d, const aud_measures *m, size_t a, size_t b)
{
    if (m->annual_pay[a] != m->annual_pay[b]) return m->annual_pay[a] > m->annual_pay[b];
    int c = strcmp(aud_strtab_get(d->ids, d->wf.employee_id[a]),
                   aud_strtab_get(d->ids, d->wf.employee_id[b]));
    return c != 0 ? c < 0 : a < b;
}

static aud_err top10(const aud_dataset *d, const aud_measures *m, aud_results *r)
{
    size_t top[TOP_N], nt = 0;
    for (size_t i = 0; i < m->n; i++) {
        if (!m->in_pop[i] || !isfinite(m->annual_pay[i])) continue;
        if (nt == TOP_N && !ranks_above(d, m, i, top[TOP_N - 1])) continue;
        size_t k = nt < TOP_N ? nt++ : TOP_N - 1;
        while (k > 0 && ranks_above(d, m, i, top[k - 1])) { top[k] = top[k - 1]; k--; }
        top[k] = i;
    }
    if (nt == 0) {
        AUD_TRY(aud_results_set_null(r, "top10_women", "no_pay_data"));
        return aud_results_set_null(r, "top10_men", "no_pay_data");
    }
    int64_t w = 0, mn = 0;
    for (size_t k = 0; k < nt; k++) { if (man(d, top[k])) mn++; else w++; }
    AUD_TRY(aud_results_set_int(r, "top10_women", w));
    return aud_results_set_int(r, "top10_men", mn);
}

/* ---- glass ceiling --------------------------------------------------- */

static bool csp_mode(const aud_dataset *d, const aud_measures *m, const aud_options *o)
{
    if (o->egapro_levels_grade || m->headcount == 0) return false;
    for (size_t i = 0; i < m->n; i++)
        if (m->in_pop[i] && d->wf.csp[i] < 0) return false;
    return true;
}

/* People (nt) and women (ft) of the top level, named in label. */
static void top_level(const aud_dataset *d, const aud_measures *m, const aud_options *o,
                      const aud_groups *grade, const size_t *gcnt, size_t *nt, size_t *ft,
                      char *label, size_t cap)
{
    *nt = *ft = 0;
    if (csp_mode(d, m, o)) {
        for (size_t i = 0; i < m->n; i++)
            if (m->in_pop[i] && d->wf.csp[i] == 3) { (*nt)++; if (!man(d, i)) (*ft)++; }
        snprintf(label, cap, "csp:cadres");
        return;
    }
    label[0] = '\0';
    if (!grade->n) return;
    size_t k = grade->n - 1;
    *nt = gcnt[2 * k] + gcnt[2 * k + 1];
    *ft = gcnt[2 * k];
    snprintf(label, cap, "grade:%s", grade->label[k]);
}

static aud_err glass_ceiling(const aud_dataset *d, const aud_measures *m, const aud_options *o,
                             const aud_groups *grade, const size_t *gcnt, aud_results *r)
{
    const char *id = "glass_ceiling_index";
    if (m->headcount == 0) return aud_results_set_null(r, id, "no_employees");
    char label[256];
    size_t nt, ft;
    top_level(d, m, o, grade, gcnt, &nt, &ft, label, sizeof label);
    if (label[0]) AUD_TRY(aud_results_note(r, "glass_ceiling_top", label));
    if (nt == 0) return aud_results_set_null(r, id, "no_top_level");
    if (ft == 0) return aud_results_set_null(r, id, "no_women_at_top");
    double all = (double)m->women / (double)m->headcount, at_top = (double)ft / (double)nt;
    return aud_results_set_num(r, id, all / at_top);
}

/* ---- Duncan ---------------------------------------------------------- */

static aud_err duncan(const aud_dataset *d, const aud_measures *m, aud_results *r,
                      const char *id, const uint32_t *col, aud_field f, const char *no_field)
{
    aud_groups g;
    size_t *cnt;
    AUD_TRY(aud_groups_count_by_string(&g, &cnt, d, col, m->n, m->in_pop, false, false));
    size_t F = 0, M = 0;
    for (size_t k = 0; k < g.n; k++) { F += cnt[2 * k]; M += cnt[2 * k + 1]; }
    aud_err e;
    if (g.n == 0) e = aud_results_set_null(r, id, d->has_field[f] ? "no_values" : no_field);
    else if (F == 0) e = aud_results_set_null(r, id, "no_women");
    else if (M == 0) e = aud_results_set_null(r, id, "no_men");
    else {
        aud_ksum s = {0, 0};
        for (size_t k = 0; k < g.n; k++)
            aud_ksum_add(&s, fabs((double)cnt[2 * k + 1] / (double)M - (double)cnt[2 * k] / (double)F));
        e = aud_results_set_num(r, id, 0.5 * aud_ksum_value(&s));
    }
    free(cnt);
    aud_groups_free(&g);
    return e;
}

/* ---- pipeline table -------------------------------------------------- */

static aud_err pipeline_row(aud_table *t, const char *label, size_t w, size_t mn, int min_cell)
{
    size_t row;
    bool sw = w < (size_t)min_cell, sm = mn < (size_t)min_cell;
    AUD_TRY(aud_table_add_row(t, &row));
    AUD_TRY(aud_cell_str(t, row, 0, label));
    if (sw) aud_cell_suppress(t, row, 1); else AUD_TRY(aud_cell_int(t, row, 1, (int64_t)w));
    if (sm) aud_cell_suppress(t, row, 2); else AUD_TRY(aud_cell_int(t, row, 2, (int64_t)mn));
    if (sw || sm) aud_cell_suppress(t, row, 3);
    else AUD_TRY(aud_cell_num(t, row, 3, 100.0 * (double)w / (double)(w + mn)));
    return AUD_OK;
}

static aud_err pipeline(const aud_dataset *d, const aud_measures *m, const aud_options *o,
                        const aud_groups *grade, const size_t *gcnt, aud_results *r)
{
    const char *cols[] = {"level", "women", "men", "women_share_pct"};
    const aud_colfmt fmts[] = {AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_PCT};
    aud_table *t;
    AUD_TRY(aud_results_add_table(r, "representation_by_grade", 4, cols, fmts, &t));
    if (grade->n) {
        for (size_t k = 0; k < grade->n; k++)
            AUD_TRY(pipeline_row(t, grade->label[k], gcnt[2 * k], gcnt[2 * k + 1], o->min_cell));
        return AUD_OK;
    }
    static const char *const csp[4] = {"ouv", "emp", "tam", "ic"};
    size_t cnt[8] = {0};
    for (size_t i = 0; i < m->n; i++)
        if (m->in_pop[i] && d->wf.csp[i] >= 0 && d->wf.csp[i] < 4)
            cnt[2 * (size_t)d->wf.csp[i] + man(d, i)]++;
    for (size_t k = 0; k < 4; k++)
        if (cnt[2 * k] + cnt[2 * k + 1])
            AUD_TRY(pipeline_row(t, csp[k], cnt[2 * k], cnt[2 * k + 1], o->min_cell));
    return AUD_OK;
}

/* ---- §8 -------------------------------------------------------------- */

static aud_err below_smig(const aud_dataset *d, const aud_measures *m, const aud_options *o,
                          aud_results *r)
{
    if (!isfinite(o->smig) || o->smig <= 0) {
        AUD_TRY(aud_results_set_null(r, "below_smig_women", "no_smig"));
        return aud_results_set_null(r, "below_smig_men", "no_smig");
    }
    int64_t w = 0, mn = 0;
    double limit = o->smig * (1.0 - SMIG_REL_EPS);
    for (size_t i = 0; i < m->n; i++) {
        if (!m->in_pop[i] || m->nopay[i] != AUD_NOPAY_NONE) continue;
        if (!(m->base_monthly[i] / m->hours[i] < limit)) continue;
        if (man(d, i)) mn++; else w++;
    }
    AUD_TRY(aud_results_set_int(r, "below_smig_women", w));
    return aud_results_set_int(r, "below_smig_men", mn);
}

static aud_err maternity(const aud_dataset *d, const aud_measures *m, aud_results *r)
{
    if (!d->has_field[AUD_F_MATERNITY_RETURN]) {
        AUD_TRY(aud_results_set_null(r, "maternity_returns", "no_maternity_field"));
        return aud_results_set_null(r, "maternity_returns_raised", "no_maternity_field");
    }
    int64_t ret = 0, raised = 0;
    for (size_t i = 0; i < m->n; i++) {
        if (!m->in_pop[i] || d->wf.sex[i] != AUD_SEX_F || d->wf.maternity_return[i] != 1) continue;
        ret++;
        if (d->wf.raised_after_leave[i] == 1) raised++;
    }
    AUD_TRY(aud_results_set_int(r, "maternity_returns", ret));
    if (!d->has_field[AUD_F_RAISED_AFTER_LEAVE])
        return aud_results_set_null(r, "maternity_returns_raised", "no_raised_after_leave_field");
    return aud_results_set_int(r, "maternity_returns_raised", raised);
}

/* The grade partition (counts only: no per-row array) serves both the
 * glass ceiling and the pipeline table. */
static aud_err grade_metrics(const aud_dataset *d, const aud_measures *m, const aud_options *o,
                             aud_results *r)
{
    aud_groups grade;
    size_t *gcnt;
    AUD_TRY(aud_groups_count_by_string(&grade, &gcnt, d, d->wf.grade, m->n, m->in_pop, true, false));
    aud_err e = glass_ceiling(d, m, o, &grade, gcnt, r);
    if (e == AUD_OK) e = duncan(d, m, r, "duncan_index_category", d->wf.category, AUD_F_CATEGORY, "no_category_field");
    if (e == AUD_OK) e = duncan(d, m, r, "duncan_index_job", d->wf.job, AUD_F_JOB, "no_job_field");
    if (e == AUD_OK) e = pipeline(d, m, o, &grade, gcnt, r);
    free(gcnt);
    aud_groups_free(&grade);
    return e;
}

aud_err aud_representation_compute(const aud_dataset *d, const aud_measures *m,
                           const aud_options *o, aud_results *r)
{
    if (m->n != d->wf.n) return AUD_E_INTERNAL;
    AUD_TRY(top10(d, m, r));
    AUD_TRY(grade_metrics(d, m, o, r));           /* glass ceiling, Duncan, pipeline */
    AUD_TRY(below_smig(d, m, o, r));
    return maternity(d, m, r);
}
