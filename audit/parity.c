/* parity.c - METRICS.md §6 promotion, raise and hiring parity.
 *
 * Every selection is reduced to four counts (eligible and selected, by sex)
 * and handed to twobytwo.c, so the scalar figures and every table row share
 * one implementation of the statistics. Counting is one pass over the rows;
 * groups are indexed by their interned string id, so the cost is O(n) plus
 * sorting the group labels.
 */
#include "parity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "twobytwo.h"

typedef struct counts { uint64_t ef, sf, em, sm; } counts;

static void count_add(counts *c, uint8_t sex, bool selected)
{
    if (sex == AUD_SEX_F) { c->ef++; c->sf += selected; }
    else if (sex == AUD_SEX_M) { c->em++; c->sm += selected; }
}

/* ---- scalar ids --------------------------------------------------------- */

static aud_err set_num_or_null(aud_results *r, const char *id, double x, const char *why)
{
    if (why) return aud_results_set_null(r, id, why);
    return aud_results_set_num(r, id, x);
}

static aud_err set_metrics(aud_results *r, const char *x, const counts *c, const char *missing)
{
    static const char *const all[] = {
        "rate_women_pct", "rate_men_pct", "rate_ratio", "impact_ratio", "four_fifths", "z",
        "z_p", "fisher_p", "shortfall", "eligible_women", "eligible_men", "selected_women",
        "selected_men", "small_sample"};
    char id[96];
#define ID(s) (snprintf(id, sizeof id, "%s_%s", x, (s)), id)
    if (missing) {
        for (size_t i = 0; i < sizeof all / sizeof *all; i++)
            AUD_TRY(aud_results_set_null(r, ID(all[i]), missing));
        return AUD_OK;
    }
    aud_2x2 t;
    aud_2x2_compute(c->ef, c->sf, c->em, c->sm, &t);
    AUD_TRY(set_num_or_null(r, ID("rate_women_pct"), 100.0 * t.rate_f, t.why_rate_f));
    AUD_TRY(set_num_or_null(r, ID("rate_men_pct"), 100.0 * t.rate_m, t.why_rate_m));
    AUD_TRY(set_num_or_null(r, ID("rate_ratio"), t.rate_ratio, t.why_ratio));
    AUD_TRY(set_num_or_null(r, ID("impact_ratio"), t.impact_ratio, t.why_impact));
    if (t.four_fifths < 0) AUD_TRY(aud_results_set_null(r, ID("four_fifths"), t.why_impact));
    else AUD_TRY(aud_results_set_bool(r, ID("four_fifths"), t.four_fifths == 1));
    AUD_TRY(set_num_or_null(r, ID("z"), t.z, t.why_z));
    AUD_TRY(set_num_or_null(r, ID("z_p"), t.z_p, t.why_z));
    AUD_TRY(set_num_or_null(r, ID("fisher_p"), t.fisher_p, t.why_compare));
    AUD_TRY(set_num_or_null(r, ID("shortfall"), t.shortfall, t.why_compare));
    AUD_TRY(aud_results_set_int(r, ID("eligible_women"), (int64_t)c->ef));
    AUD_TRY(aud_results_set_int(r, ID("eligible_men"), (int64_t)c->em));
    AUD_TRY(aud_results_set_int(r, ID("selected_women"), (int64_t)c->sf));
    AUD_TRY(aud_results_set_int(r, ID("selected_men"), (int64_t)c->sm));
    if (t.why_compare) AUD_TRY(aud_results_set_null(r, ID("small_sample"), t.why_compare));
    else AUD_TRY(aud_results_set_bool(r, ID("small_sample"), t.small_sample));
#undef ID
    return AUD_OK;
}

/* ---- tables ------------------------------------------------------------- */

#define NSTAT 14
static const char *const stat_cols[NSTAT] = {
    "eligible_women", "selected_women", "eligible_men", "selected_men", "rate_women_pct",
    "rate_men_pct", "rate_ratio", "impact_ratio", "four_fifths", "z", "z_p", "fisher_p",
    "shortfall", "small_sample"};
static const aud_colfmt stat_fmts[NSTAT] = {
    AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_PCT, AUD_COL_PCT,
    AUD_COL_RATIO, AUD_COL_RATIO, AUD_COL_BOOL, AUD_COL_NUMBER, AUD_COL_PVALUE,
    AUD_COL_PVALUE, AUD_COL_NUMBER, AUD_COL_BOOL};

/* A table whose first nlab columns are text labels, then the statistics. */
static aud_err stat_table(aud_results *r, const char *name, size_t nlab,
                          const char *const *labels, aud_table **t)
{
    const char *names[NSTAT + 2];
    aud_colfmt fmts[NSTAT + 2];
    for (size_t i = 0; i < nlab; i++) { names[i] = labels[i]; fmts[i] = AUD_COL_TEXT; }
    for (size_t i = 0; i < NSTAT; i++) { names[nlab + i] = stat_cols[i]; fmts[nlab + i] = stat_fmts[i]; }
    return aud_results_add_table(r, name, nlab + NSTAT, names, fmts, t);
}

static aud_err cell_num_or_null(aud_table *t, size_t row, size_t col, double x)
{
    return aud_cell_num(t, row, col, x);   /* NAN leaves the cell NULL */
}

/* Fill the statistic cells of row from column off; a group with fewer than
 * min_cell eligible people of either sex shows only its labels. */
static aud_err stat_row(aud_table *t, size_t row, size_t off, const counts *c, int min_cell)
{
    if (min_cell > 0 && (c->ef < (uint64_t)min_cell || c->em < (uint64_t)min_cell)) {
        for (size_t i = 0; i < NSTAT; i++) aud_cell_suppress(t, row, off + i);
        return AUD_OK;
    }
    aud_2x2 s;
    aud_2x2_compute(c->ef, c->sf, c->em, c->sm, &s);
    AUD_TRY(aud_cell_int(t, row, off + 0, (int64_t)c->ef));
    AUD_TRY(aud_cell_int(t, row, off + 1, (int64_t)c->sf));
    AUD_TRY(aud_cell_int(t, row, off + 2, (int64_t)c->em));
    AUD_TRY(aud_cell_int(t, row, off + 3, (int64_t)c->sm));
    AUD_TRY(cell_num_or_null(t, row, off + 4, 100.0 * s.rate_f));
    AUD_TRY(cell_num_or_null(t, row, off + 5, 100.0 * s.rate_m));
    AUD_TRY(cell_num_or_null(t, row, off + 6, s.rate_ratio));
    AUD_TRY(cell_num_or_null(t, row, off + 7, s.impact_ratio));
    if (s.four_fifths >= 0) AUD_TRY(aud_cell_bool(t, row, off + 8, s.four_fifths == 1));
    AUD_TRY(cell_num_or_null(t, row, off + 9, s.z));
    AUD_TRY(cell_num_or_null(t, row, off + 10, s.z_p));
    AUD_TRY(cell_num_or_null(t, row, off + 11, s.fisher_p));
    AUD_TRY(cell_num_or_null(t, row, off + 12, s.shortfall));
    if (!s.why_compare) AUD_TRY(aud_cell_bool(t, row, off + 13, s.small_sample));
    return AUD_OK;
}

/* Per-group counts indexed by interned string id (0 = missing, skipped). */
typedef struct groups { counts *c; size_t n; } groups;

static aud_err groups_init(groups *g, const aud_dataset *d)
{
    g->n = (size_t)aud_strtab_count(d->strings) + 1;
    g->c = calloc(g->n, sizeof *g->c);
    return g->c ? AUD_OK : AUD_E_NOMEM;
}

static void groups_add(groups *g, uint32_t id, uint8_t sex, bool selected)
{
    if (id && id < g->n) count_add(&g->c[id], sex, selected);
}

typedef struct labelled { const char *label; uint32_t id; } labelled;

static int by_label(const void *a, const void *b)
{
    return strcmp(((const labelled *)a)->label, ((const labelled *)b)->label);
}

/* One row per group that has anyone eligible, ordered by label bytes. */
static aud_err groups_emit(const groups *g, const aud_dataset *d, aud_results *r,
                           const char *table, const char *label, int min_cell)
{
    aud_table *t;
    AUD_TRY(stat_table(r, table, 1, &label, &t));
    size_t k = 0;
    labelled *ids = malloc(g->n * sizeof *ids);
    if (!ids) return AUD_E_NOMEM;
    for (size_t i = 1; i < g->n; i++)
        if (g->c[i].ef + g->c[i].em > 0)
            ids[k++] = (labelled){aud_dataset_str(d, (uint32_t)i), (uint32_t)i};
    qsort(ids, k, sizeof *ids, by_label);
    aud_err e = AUD_OK;
    for (size_t i = 0; i < k && e == AUD_OK; i++) {
        size_t row;
        e = aud_table_add_row(t, &row);
        if (e == AUD_OK) e = aud_cell_str(t, row, 0, ids[i].label);
        if (e == AUD_OK) e = stat_row(t, row, 1, &g->c[ids[i].id], min_cell);
    }
    free(ids);
    return e;
}

/* ---- the three selections ----------------------------------------------- */

/* Promotion or raise among the audit population whose flag is known. */
static aud_err workforce_selection(const aud_dataset *d, const aud_measures *m,
                                   const aud_options *o, aud_results *r, const int8_t *flag,
                                   aud_field field, const char *x, const char *missing)
{
    char table[64];
    snprintf(table, sizeof table, "%s_by_category", x);
    groups g = {0};
    AUD_TRY(groups_init(&g, d));
    counts c = {0};
    bool have = d->has_field[field];
    size_t n = m->n < d->wf.n ? m->n : d->wf.n;
    for (size_t i = 0; have && i < n; i++) {
        if (!m->in_pop[i] || flag[i] < 0) continue;
        count_add(&c, d->wf.sex[i], flag[i] == 1);
        groups_add(&g, d->wf.category[i], d->wf.sex[i], flag[i] == 1);
    }
    aud_err e = set_metrics(r, x, &c, have ? NULL : missing);
    if (e == AUD_OK) e = groups_emit(&g, d, r, table, "category", o->min_cell);
    free(g.c);
    return e;
}

static int applicant_stage(const aud_applicants *a, size_t i)
{
    int s = a->stage[i];
    return s < 0 ? AUD_STAGE_APPLIED : s;   /* unknown stage: applied, no further */
}

/* reached[s] = applicants of each sex whose furthest stage is >= s. */
static aud_err hiring_stage_tables(const counts reach[AUD_STAGE__COUNT], aud_results *r, int min_cell)
{
    static const char *const lab[] = {"stage_from", "stage_to"};
    aud_table *t;
    AUD_TRY(stat_table(r, "hiring_by_stage", 2, lab, &t));
    for (int s = 0; s + 1 < AUD_STAGE__COUNT; s++) {
        counts c = {reach[s].ef, reach[s + 1].ef, reach[s].em, reach[s + 1].em};
        size_t row;
        AUD_TRY(aud_table_add_row(t, &row));
        AUD_TRY(aud_cell_str(t, row, 0, aud_stage_name((aud_stage)s)));
        AUD_TRY(aud_cell_str(t, row, 1, aud_stage_name((aud_stage)(s + 1))));
        AUD_TRY(stat_row(t, row, 2, &c, min_cell));
    }
    static const char *const fcols[] = {"stage", "women", "men"};
    static const aud_colfmt ffmts[] = {AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT};
    AUD_TRY(aud_results_add_table(r, "hiring_funnel", 3, fcols, ffmts, &t));
    for (int s = 0; s < AUD_STAGE__COUNT; s++) {
        size_t row;
        AUD_TRY(aud_table_add_row(t, &row));
        AUD_TRY(aud_cell_str(t, row, 0, aud_stage_name((aud_stage)s)));
        uint64_t v[2] = {reach[s].ef, reach[s].em};
        for (int k = 0; k < 2; k++) {
            if (min_cell > 0 && v[k] > 0 && v[k] < (uint64_t)min_cell) aud_cell_suppress(t, row, 1 + (size_t)k);
            else AUD_TRY(aud_cell_int(t, row, 1 + (size_t)k, (int64_t)v[k]));
        }
    }
    return AUD_OK;
}

/* Hiring: eligible = applicants, selected = hired (the furthest stage). */
static aud_err hiring(const aud_dataset *d, const aud_options *o, aud_results *r)
{
    const aud_applicants *a = &d->ap;
    counts reach[AUD_STAGE__COUNT];
    memset(reach, 0, sizeof reach);
    groups g = {0};
    AUD_TRY(groups_init(&g, d));
    for (size_t i = 0; i < a->n; i++) {
        uint8_t sex = a->sex[i];
        if (sex != AUD_SEX_F && sex != AUD_SEX_M) continue;
        int st = applicant_stage(a, i);
        for (int s = 0; s <= st && s < AUD_STAGE__COUNT; s++) count_add(&reach[s], sex, false);
        groups_add(&g, a->job[i], sex, st >= AUD_STAGE_HIRED);
    }
    counts c = {reach[0].ef, reach[AUD_STAGE_HIRED].ef, reach[0].em, reach[AUD_STAGE_HIRED].em};
    aud_err e = set_metrics(r, "hiring", &c, a->n ? NULL : "no_applicants");
    if (e == AUD_OK) e = hiring_stage_tables(reach, r, o->min_cell);
    if (e == AUD_OK) e = groups_emit(&g, d, r, "hiring_by_job", "job", o->min_cell);
    free(g.c);
    return e;
}

aud_err aud_parity_compute(const aud_dataset *d, const aud_measures *m,
                           const aud_options *o, aud_results *r)
{
    AUD_TRY(aud_results_note(r, "parity_method",
        "Selection rates by sex. Impact ratio = lower rate / higher rate; four-fifths flag when "
        "below 0.8 (UGESP 29 CFR 1607.4(D)), a screening diagnostic, not a compliance verdict. "
        "z: pooled two-proportion test, women minus men, two-sided normal p. Fisher: exact test, "
        "two-sided, sum of the probabilities of all tables with the same margins that are no more "
        "likely than the observed one (relative tolerance 1e-7, as scipy.stats.fisher_exact). "
        "Shortfall = women eligible x men's rate - women selected. Small sample: an expected cell "
        "count below 5, where Fisher is the test to read."));
    AUD_TRY(workforce_selection(d, m, o, r, d->wf.promoted, AUD_F_PROMOTED, "promotion",
                                "no_promotion_field"));
    AUD_TRY(workforce_selection(d, m, o, r, d->wf.raised, AUD_F_RAISED, "raise",
                                "no_raise_field"));
    return hiring(d, o, r);
}
