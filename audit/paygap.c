/* paygap.c - METRICS.md §1 workforce and §2 pay gaps.
 *
 * Cost, for 10^6 employees: every partition is built once and shared by the
 * workforce and pay tables, whose grouped statistics are taken before the
 * overall gaps (each partition's row array is released right after); the
 * paid population is copied once into compact row-order arrays, so each
 * grouped pass reads sequentially; medians come from radix selection
 * (O(n), stats.h); the one sort is the radix sort of each sex's hourly pay
 * that the UK quartiles need. Means are compensated sums. */
#include "paygap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "quartiles.h"
#include "stats.h"

#define FLAG_PCT 5.0
#define FLAG_EPS 1e-9

typedef struct sexstat {
    size_t n;
    double mean_pay, median_pay, mean_base, mean_var;
} sexstat;

static bool man(const aud_dataset *d, size_t i) { return d->wf.sex[i] == AUD_SEX_M; }

/* ---- §1 scalars ------------------------------------------------------ */

static size_t count_dates(const aud_dataset *d, const int32_t *col, const aud_options *o,
                          uint64_t *women, uint64_t *men)
{
    size_t any = 0;
    *women = *men = 0;
    for (size_t i = 0; i < d->wf.n; i++) {
        if (col[i] == AUD_NO_DATE) continue;
        any++;
        if (col[i] < o->period_start || col[i] > o->period_end) continue;
        if (d->wf.sex[i] == AUD_SEX_F) (*women)++;
        else if (d->wf.sex[i] == AUD_SEX_M) (*men)++;
    }
    return any;
}

static bool moves_available(const aud_dataset *d)
{
    const aud_movements *mv = &d->moves;
    if (mv->has_previous || mv->hires_women || mv->hires_men || mv->exits_women || mv->exits_men)
        return true;
    for (size_t k = 0; k < d->ninputs; k++)
        if (d->inputs[k].kind == AUD_KIND_BDS) return true;
    return false;
}

/* Dates in the extract win; movements from a previous snapshot or a BDS file
 * only stand in when the date column is absent, so nobody is counted twice. */
static aud_err movement_ids(const aud_dataset *d, const aud_options *o, aud_results *r,
                            aud_field f, const char *idw, const char *idm, const char *reason)
{
    bool hires = f == AUD_F_HIRE_DATE;
    uint64_t w, mn;
    size_t any = count_dates(d, hires ? d->wf.hire_date : d->wf.exit_date, o, &w, &mn);
    if (!d->has_field[f] && !any) {
        if (!moves_available(d)) {
            AUD_TRY(aud_results_set_null(r, idw, reason));
            return aud_results_set_null(r, idm, reason);
        }
        w = hires ? d->moves.hires_women : d->moves.exits_women;
        mn = hires ? d->moves.hires_men : d->moves.exits_men;
    }
    AUD_TRY(aud_results_set_int(r, idw, (int64_t)w));
    return aud_results_set_int(r, idm, (int64_t)mn);
}

static aud_err workforce_scalars(const aud_dataset *d, const aud_measures *m,
                                 const aud_options *o, aud_results *r)
{
    AUD_TRY(aud_results_set_int(r, "headcount", (int64_t)m->headcount));
    AUD_TRY(aud_results_set_int(r, "headcount_women", (int64_t)m->women));
    AUD_TRY(aud_results_set_int(r, "headcount_men", (int64_t)m->men));
    if (m->headcount)
        AUD_TRY(aud_results_set_num(r, "women_share_pct", 100.0 * (double)m->women / (double)m->headcount));
    else
        AUD_TRY(aud_results_set_null(r, "women_share_pct", "no_employees"));
    uint64_t rd = 0, ac = 0, rj = 0;
    for (size_t k = 0; k < d->ninputs; k++) {
        const aud_input *in = &d->inputs[k];
        if (in->kind != AUD_KIND_WORKFORCE && in->kind != AUD_KIND_LOGIB) continue;
        rd += in->rows_read; ac += in->rows_accepted; rj += in->rows_rejected;
    }
    AUD_TRY(aud_results_set_int(r, "rows_read", (int64_t)rd));
    AUD_TRY(aud_results_set_int(r, "rows_accepted", (int64_t)ac));
    AUD_TRY(aud_results_set_int(r, "rows_rejected", (int64_t)rj));
    AUD_TRY(aud_results_set_int(r, "warnings", (int64_t)d->warnings));
    AUD_TRY(movement_ids(d, o, r, AUD_F_HIRE_DATE, "hires_women", "hires_men", "no_hire_date"));
    return movement_ids(d, o, r, AUD_F_EXIT_DATE, "exits_women", "exits_men", "no_exit_date");
}

/* ---- §1 tables ------------------------------------------------------- */

static aud_err label_cell(aud_table *t, size_t row, const char *label)
{
    return label ? aud_cell_str(t, row, 0, label) : AUD_OK;   /* NULL label: missing value */
}

static aud_err workforce_table(aud_results *r, const char *name, const char *label_col,
                               const aud_groups *g, const aud_dataset *d, int min_cell)
{
    const char *cols[] = {label_col, "women", "men", "total", "women_share_pct"};
    const aud_colfmt fmts[] = {AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_PCT};
    aud_table *t;
    AUD_TRY(aud_results_add_table(r, name, 5, cols, fmts, &t));
    size_t *cnt = calloc(2 * g->n + 1, sizeof *cnt);
    if (!cnt) return AUD_E_NOMEM;
    for (size_t i = 0; i < d->wf.n; i++)
        if (g->of_row[i] != AUD_GROUP_NONE) cnt[2 * g->of_row[i] + man(d, i)]++;
    aud_err e = AUD_OK;
    for (size_t k = 0; k < g->n && e == AUD_OK; k++) {
        size_t w = cnt[2 * k], mn = cnt[2 * k + 1], row;
        if ((e = aud_table_add_row(t, &row)) != AUD_OK) break;
        e = label_cell(t, row, g->label[k]);
        bool sw = w < (size_t)min_cell, sm = mn < (size_t)min_cell;
        if (e == AUD_OK) { if (sw) aud_cell_suppress(t, row, 1); else e = aud_cell_int(t, row, 1, (int64_t)w); }
        if (e == AUD_OK) { if (sm) aud_cell_suppress(t, row, 2); else e = aud_cell_int(t, row, 2, (int64_t)mn); }
        if (e == AUD_OK) e = aud_cell_int(t, row, 3, (int64_t)(w + mn));
        if (e == AUD_OK) {
            if (sw || sm) aud_cell_suppress(t, row, 4);
            else e = aud_cell_num(t, row, 4, 100.0 * (double)w / (double)(w + mn));
        }
    }
    free(cnt);
    return e;
}

/* Every partition this module shows, built once: the workforce tables and
 * the pay tables share them. */
enum { G_EQ, G_CAT, G_AGE, G_SEN, G_CONTRACT, G_GRADE, G__COUNT };

static void groups_free_all(aud_groups *g)
{
    for (int k = 0; k < G__COUNT; k++) aud_groups_free(&g[k]);
}

static aud_err groups_build_all(const aud_dataset *d, const aud_measures *m, const uint32_t *eq_col,
                                bool eq_natural, aud_groups *g)
{
    size_t n = d->wf.n;
    memset(g, 0, G__COUNT * sizeof *g);
    aud_err e = aud_groups_by_string(&g[G_EQ], d, eq_col, n, m->in_pop, eq_natural, true);
    if (e == AUD_OK) e = aud_groups_by_string(&g[G_CAT], d, d->wf.category, n, m->in_pop, false, true);
    if (e == AUD_OK) e = aud_groups_by_band(&g[G_AGE], m->age, n, m->in_pop, aud_age_band, aud_age_band_name, 4, true);
    if (e == AUD_OK) e = aud_groups_by_band(&g[G_SEN], m->seniority, n, m->in_pop, aud_seniority_band,
                                            aud_seniority_band_name, 5, true);
    if (e == AUD_OK) e = aud_groups_by_string(&g[G_CONTRACT], d, d->wf.contract, n, m->in_pop, false, true);
    if (e == AUD_OK) e = aud_groups_by_string(&g[G_GRADE], d, d->wf.grade, n, m->in_pop, true, true);
    if (e != AUD_OK) groups_free_all(g);
    return e;
}

static aud_err workforce_tables(const aud_dataset *d, const aud_groups *g, const aud_options *o,
                                aud_results *r)
{
    AUD_TRY(workforce_table(r, "workforce_by_category", "category", &g[G_CAT], d, o->min_cell));
    AUD_TRY(workforce_table(r, "workforce_by_age_band", "age_band", &g[G_AGE], d, o->min_cell));
    AUD_TRY(workforce_table(r, "workforce_by_contract", "contract", &g[G_CONTRACT], d, o->min_cell));
    return workforce_table(r, "workforce_by_grade", "grade", &g[G_GRADE], d, o->min_cell);
}

/* ---- pay population -------------------------------------------------- */

/* The paid population in row order: every pass below walks it
 * sequentially, reading the measures at ascending rows (a forward stride
 * the prefetcher follows), so pay is not copied: at 10^6 employees memory,
 * not arithmetic, is the budget. */
typedef struct paypop {
    size_t n;
    uint32_t *rows;                 /* paid rows, ascending */
    uint8_t *man;                   /* 1 = man */
    const double *pay, *base, *var; /* m->pay_fte, m->base_fte, m->variable, by row */
    uint32_t *key;                  /* scratch for group_stats */
    double *vals;                   /* scratch for group_stats */
} paypop;

static void paypop_free(paypop *p)
{
    free(p->rows); free(p->man);
    free(p->key); free(p->vals);
    memset(p, 0, sizeof *p);
}

static bool paid(const aud_measures *m, size_t i)
{
    return m->in_pop[i] && m->nopay[i] == AUD_NOPAY_NONE && isfinite(m->pay_fte[i]) &&
           isfinite(m->base_fte[i]) && isfinite(m->hourly_pay[i]);
}

static aud_err paypop_build(const aud_dataset *d, const aud_measures *m, paypop *p)
{
    size_t sz = m->n ? m->n : 1;
    memset(p, 0, sizeof *p);
    p->rows = malloc(sz * sizeof *p->rows);
    p->man = malloc(sz);
    p->pay = m->pay_fte;
    p->base = m->base_fte;
    p->var = m->variable;
    p->key = malloc(sz * sizeof *p->key);
    p->vals = malloc(sz * sizeof *p->vals);
    if (!p->rows || !p->man || !p->key || !p->vals) {
        paypop_free(p);
        return AUD_E_NOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < m->n; i++) {
        if (!paid(m, i)) continue;
        p->rows[n] = (uint32_t)i;
        p->man[n] = man(d, i);
        n++;
    }
    p->n = n;
    return AUD_OK;
}

/* Bucket 2k holds the women of group k, 2k+1 its men; key[j] is the bucket
 * of paid person j (UINT32_MAX: none). Counts the buckets into start[1..]. */
static void bucket_keys(const paypop *p, const aud_groups *g, uint32_t *key, size_t *start)
{
    for (size_t j = 0; j < p->n; j++) {
        uint32_t gr = g->of_row[p->rows[j]];
        key[j] = gr == AUD_GROUP_NONE ? UINT32_MAX : 2 * gr + p->man[j];
        if (gr != AUD_GROUP_NONE) start[(size_t)key[j] + 1]++;
    }
}

/* Per group and sex: counts, compensated means (of base and variable pay
 * too when parts is set: only the equal-value table shows them), and the
 * median of pay_fte by selection. One counting pass and one placement pass,
 * both sequential; O(n) per grouping. */
static aud_err group_stats(paypop *p, const aud_groups *g, bool parts, sexstat *st)
{
    size_t nb = 2 * g->n, na = parts ? 3 : 1;
    size_t *start = calloc(nb + 1, sizeof *start), *pos = malloc((nb ? nb : 1) * sizeof *pos);
    uint32_t *key = p->key;
    double *vals = p->vals;
    aud_ksum *acc = calloc(na * (nb ? nb : 1), sizeof *acc);
    if (!start || !pos || !acc) {
        free(start); free(pos); free(acc);
        return AUD_E_NOMEM;
    }
    bucket_keys(p, g, key, start);
    for (size_t b = 0; b < nb; b++) start[b + 1] += start[b];
    memcpy(pos, start, nb * sizeof *pos);
    for (size_t j = 0; j < p->n; j++) {
        uint32_t b = key[j];
        if (b == UINT32_MAX) continue;
        size_t i = p->rows[j];
        vals[pos[b]++] = p->pay[i];
        aud_ksum_add(&acc[na * b], p->pay[i]);
        if (parts) {
            aud_ksum_add(&acc[na * b + 1], p->base[i]);
            aud_ksum_add(&acc[na * b + 2], p->var[i]);
        }
    }
    for (size_t b = 0; b < nb; b++) {
        size_t n = start[b + 1] - start[b];
        double dn = (double)n;
        st[b].n = n;
        st[b].mean_pay = n ? aud_ksum_value(&acc[na * b]) / dn : NAN;
        st[b].mean_base = n && parts ? aud_ksum_value(&acc[na * b + 1]) / dn : NAN;
        st[b].mean_var = n && parts ? aud_ksum_value(&acc[na * b + 2]) / dn : NAN;
        st[b].median_pay = aud_stats_median_select(vals + start[b], n);
    }
    free(start); free(pos); free(acc);
    return AUD_OK;
}

/* A statistic of one sex: suppressed when that sex is small, NULL when not
 * calculable. */
static aud_err sex_num(aud_table *t, size_t row, size_t col, bool small, double x)
{
    if (small) { aud_cell_suppress(t, row, col); return AUD_OK; }
    return aud_cell_num(t, row, col, x);
}

static aud_err sex_count(aud_table *t, size_t row, size_t col, bool small, size_t n)
{
    if (small) { aud_cell_suppress(t, row, col); return AUD_OK; }
    return aud_cell_int(t, row, col, (int64_t)n);
}

/* The columns every pay table starts with: group label, then per sex the
 * count, mean and median pay_fte (each suppressed for a small sex). */
static aud_err pay_row_start(aud_table *t, const char *label, const sexstat *f, const sexstat *mn,
                             bool sf, bool sm, size_t *row)
{
    AUD_TRY(aud_table_add_row(t, row));
    AUD_TRY(label_cell(t, *row, label));
    AUD_TRY(sex_count(t, *row, 1, sf, f->n));
    AUD_TRY(sex_count(t, *row, 2, sm, mn->n));
    AUD_TRY(sex_num(t, *row, 3, sf, f->mean_pay));
    AUD_TRY(sex_num(t, *row, 4, sm, mn->mean_pay));
    AUD_TRY(sex_num(t, *row, 5, sf, f->median_pay));
    return sex_num(t, *row, 6, sm, mn->median_pay);
}

static aud_err pay_table(aud_results *r, const char *name, const char *label_col,
                         const aud_groups *g, const sexstat *st, int min_cell)
{
    const char *cols[] = {label_col, "n_women", "n_men", "mean_pay_women", "mean_pay_men",
                          "median_pay_women", "median_pay_men", "gap_mean_pct", "gap_median_pct"};
    const aud_colfmt fmts[] = {AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_MONEY,
                               AUD_COL_MONEY, AUD_COL_MONEY, AUD_COL_MONEY, AUD_COL_PCT, AUD_COL_PCT};
    aud_table *t;
    AUD_TRY(aud_results_add_table(r, name, 9, cols, fmts, &t));
    for (size_t k = 0; k < g->n; k++) {
        const sexstat *f = &st[2 * k], *mn = &st[2 * k + 1];
        if (f->n + mn->n == 0) continue;
        bool sf = f->n < (size_t)min_cell, sm = mn->n < (size_t)min_cell;
        size_t row;
        AUD_TRY(pay_row_start(t, g->label[k], f, mn, sf, sm, &row));
        AUD_TRY(sex_num(t, row, 7, sf || sm, aud_gap_pct(mn->mean_pay, f->mean_pay)));
        AUD_TRY(sex_num(t, row, 8, sf || sm, aud_gap_pct(mn->median_pay, f->median_pay)));
    }
    return AUD_OK;
}

static aud_err pay_tables(const aud_groups *g, sexstat *const *st, const aud_options *o,
                          aud_results *r)
{
    AUD_TRY(pay_table(r, "pay_by_category", "category", &g[G_CAT], st[G_CAT], o->min_cell));
    AUD_TRY(pay_table(r, "pay_by_age_band", "age_band", &g[G_AGE], st[G_AGE], o->min_cell));
    return pay_table(r, "pay_by_seniority_band", "seniority_band", &g[G_SEN], st[G_SEN],
                     o->min_cell);
}

/* ---- EU categories of workers (art. 9(1)(g), art. 10) ---------------- */

/* The column behind the categories of workers; false for an unknown field.
 * (Column arrays are NULL in a dataset without rows, so success is not
 * told by the pointer.) */
static bool equal_value_column(const aud_dataset *d, const aud_options *o, const char **field,
                               const uint32_t **col, bool *natural)
{
    const char *f = o->equal_value_by;
    if (!f) f = d->has_field[AUD_F_JOB] ? "job" : d->has_field[AUD_F_GRADE] ? "grade" : "category";
    *field = f;
    *natural = false;
    if (!strcmp(f, "job")) *col = d->wf.job;
    else if (!strcmp(f, "grade")) { *col = d->wf.grade; *natural = true; }
    else if (!strcmp(f, "category")) *col = d->wf.category;
    else if (!strcmp(f, "department")) *col = d->wf.department;
    else if (!strcmp(f, "site")) *col = d->wf.site;
    else return false;
    return true;
}

static aud_err equal_value_row(aud_table *t, const aud_groups *g, size_t k, const sexstat *st,
                               int min_cell, size_t *compared, size_t *flagged)
{
    const sexstat *f = &st[2 * k], *mn = &st[2 * k + 1];
    bool sf = f->n < (size_t)min_cell, sm = mn->n < (size_t)min_cell, small = sf || sm;
    double gap = aud_gap_pct(mn->mean_pay, f->mean_pay);
    size_t row;
    AUD_TRY(pay_row_start(t, g->label[k], f, mn, sf, sm, &row));
    AUD_TRY(sex_num(t, row, 7, sf, f->mean_base));
    AUD_TRY(sex_num(t, row, 8, sm, mn->mean_base));
    AUD_TRY(sex_num(t, row, 9, sf, f->mean_var));
    AUD_TRY(sex_num(t, row, 10, sm, mn->mean_var));
    AUD_TRY(sex_num(t, row, 11, small, gap));
    AUD_TRY(sex_num(t, row, 12, small, aud_gap_pct(mn->mean_base, f->mean_base)));
    AUD_TRY(sex_num(t, row, 13, small, aud_gap_pct(mn->mean_var, f->mean_var)));
    bool flag = isfinite(gap) && fabs(gap) >= FLAG_PCT - FLAG_EPS;
    if (small) aud_cell_suppress(t, row, 14);
    else if (isfinite(gap)) AUD_TRY(aud_cell_bool(t, row, 14, flag));
    if (!small && g->label[k]) {
        (*compared)++;
        if (flag) (*flagged)++;
    }
    return AUD_OK;
}

static aud_err equal_value(const aud_groups *g, const sexstat *st, const aud_options *o,
                           aud_results *r)
{
    static const char *const cols[] = {
        "group", "n_women", "n_men", "mean_pay_women", "mean_pay_men", "median_pay_women",
        "median_pay_men", "mean_base_women", "mean_base_men", "mean_variable_women",
        "mean_variable_men", "gap_total_pct", "gap_base_pct", "gap_variable_pct", "flag_5pct"};
    aud_colfmt fmts[15];
    fmts[0] = AUD_COL_TEXT; fmts[1] = fmts[2] = AUD_COL_COUNT;
    for (int c = 3; c <= 10; c++) fmts[c] = AUD_COL_MONEY;
    fmts[11] = fmts[12] = fmts[13] = AUD_COL_PCT; fmts[14] = AUD_COL_BOOL;
    aud_table *t = NULL;
    AUD_TRY(aud_results_add_table(r, "pay_by_equal_value_group", 15, cols, fmts, &t));
    size_t compared = 0, flagged = 0;
    for (size_t k = 0; k < g->n; k++)
        if (st[2 * k].n + st[2 * k + 1].n)
            AUD_TRY(equal_value_row(t, g, k, st, o->min_cell, &compared, &flagged));
    AUD_TRY(aud_results_set_int(r, "eu_categories_compared", (int64_t)compared));
    AUD_TRY(aud_results_set_int(r, "eu_categories_flagged", (int64_t)flagged));
    return aud_results_set_bool(r, "eu_joint_assessment", flagged > 0);
}

/* ---- overall gaps (§2) ----------------------------------------------- */

typedef struct bysex {
    double *v[2];          /* [0] women, [1] men */
    size_t n[2];
    bool sorted;           /* values ascending */
} bysex;

/* The values of each sex side by side in the scratch buffer p->vals (at
 * least headcount long: women first, men from offset `women`), so no large
 * buffer is allocated per measure. */
static void bysex_init(bysex *b, paypop *p, const aud_measures *m)
{
    b->v[0] = p->vals;
    b->v[1] = p->vals + m->women;
    b->n[0] = b->n[1] = 0;
    b->sorted = false;
}

static const char *gap_reason(const aud_measures *m, const bysex *b, bool recipients)
{
    if (m->women == 0) return "no_women";
    if (m->men == 0) return "no_men";
    if (!b->n[0] && !b->n[1]) return recipients ? "no_recipients" : "no_pay_data";
    if (!b->n[1]) return recipients ? "no_recipients_men" : "no_pay_data_men";
    if (!b->n[0]) return recipients ? "no_recipients_women" : "no_pay_data_women";
    return NULL;
}

/* Sets the mean, median and HCP gap ids (any may be NULL) of one measure.
 * Unless b->sorted, the medians are found by selection, which reorders b. */
static aud_err set_gaps(aud_results *r, const aud_measures *m, bysex *b, bool recipients,
                        const char *id_mean, const char *id_median, const char *id_hcp)
{
    const char *why = gap_reason(m, b, recipients);
    double mw = aud_stats_mean(b->v[0], b->n[0]), mm = aud_stats_mean(b->v[1], b->n[1]);
    double dw = b->sorted ? aud_stats_median_sorted(b->v[0], b->n[0])
                          : aud_stats_median_select(b->v[0], b->n[0]);
    double dm = b->sorted ? aud_stats_median_sorted(b->v[1], b->n[1])
                          : aud_stats_median_select(b->v[1], b->n[1]);
    if (id_mean) {
        if (why) AUD_TRY(aud_results_set_null(r, id_mean, why));
        else if (mm == 0) AUD_TRY(aud_results_set_null(r, id_mean, "men_mean_zero"));
        else AUD_TRY(aud_results_set_num(r, id_mean, aud_gap_pct(mm, mw)));
    }
    if (id_median) {
        if (why) AUD_TRY(aud_results_set_null(r, id_median, why));
        else if (dm == 0) AUD_TRY(aud_results_set_null(r, id_median, "men_median_zero"));
        else AUD_TRY(aud_results_set_num(r, id_median, aud_gap_pct(dm, dw)));
    }
    if (id_hcp) {
        if (why) AUD_TRY(aud_results_set_null(r, id_hcp, why));
        else if (mw == 0) AUD_TRY(aud_results_set_null(r, id_hcp, "women_mean_zero"));
        else AUD_TRY(aud_results_set_num(r, id_hcp, aud_gap_pct_hcp(mm, mw)));
    }
    return AUD_OK;
}

static aud_err variable_ids(const aud_dataset *d, const aud_measures *m, aud_results *r, bysex *b)
{
    b->n[0] = b->n[1] = 0;
    for (size_t i = 0; i < m->n; i++)
        if (m->in_pop[i] && m->variable[i] > 0) {
            int s = man(d, i);
            b->v[s][b->n[s]++] = m->variable[i];
        }
    AUD_TRY(set_gaps(r, m, b, true, "variable_gap_mean_pct", "variable_gap_median_pct", NULL));
    if (m->women) AUD_TRY(aud_results_set_num(r, "variable_recipients_women_pct", 100.0 * (double)b->n[0] / (double)m->women));
    else AUD_TRY(aud_results_set_null(r, "variable_recipients_women_pct", "no_women"));
    if (m->men) return aud_results_set_num(r, "variable_recipients_men_pct", 100.0 * (double)b->n[1] / (double)m->men);
    return aud_results_set_null(r, "variable_recipients_men_pct", "no_men");
}

/* ---- quartiles (UK reg 13) ------------------------------------------- */

static aud_err quartile_ids(const aud_quartile_band band[4], size_t n, const aud_options *o,
                            aud_results *r)
{
    static const char *const ids[4] = {"quartile1_women_pct", "quartile2_women_pct",
                                       "quartile3_women_pct", "quartile4_women_pct"};
    const char *cols[] = {"band", "size", "women", "men", "women_pct", "min_hourly", "max_hourly"};
    const aud_colfmt fmts[] = {AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_COUNT,
                               AUD_COL_PCT, AUD_COL_MONEY, AUD_COL_MONEY};
    aud_table *t;
    AUD_TRY(aud_results_add_table(r, "quartiles", 7, cols, fmts, &t));
    for (int k = 0; k < 4; k++) {
        const aud_quartile_band *b = &band[k];
        double pct = b->size ? 100.0 * (double)b->women / (double)b->size : NAN;
        if (n == 0) AUD_TRY(aud_results_set_null(r, ids[k], "no_pay_data"));
        else if (!b->size) AUD_TRY(aud_results_set_null(r, ids[k], "empty_band"));
        else AUD_TRY(aud_results_set_num(r, ids[k], pct));
        bool sw = b->women < (size_t)o->min_cell, sm = b->men < (size_t)o->min_cell;
        size_t row;
        AUD_TRY(aud_table_add_row(t, &row));
        AUD_TRY(aud_cell_int(t, row, 0, k + 1));
        AUD_TRY(aud_cell_int(t, row, 1, (int64_t)b->size));
        AUD_TRY(sex_count(t, row, 2, sw, b->women));
        AUD_TRY(sex_count(t, row, 3, sm, b->men));
        AUD_TRY(sex_num(t, row, 4, sw || sm, pct));
        AUD_TRY(aud_cell_num(t, row, 5, b->min_rate));
        AUD_TRY(aud_cell_num(t, row, 6, b->max_rate));
    }
    return AUD_OK;
}

/* Merges the ascending rates of women (v[0]) and men (v[1]) into one
 * ranking. Which of two equal rates comes first does not matter: equal rates
 * always share a reg 13 tie block, whose men are counted as a whole. */
static void merge_by_sex(const bysex *b, double *rate, uint8_t *isman)
{
    size_t i = 0, j = 0, k = 0;
    while (i < b->n[0] && j < b->n[1]) {         /* branch-free: sexes come at random */
        double w = b->v[0][i], mn = b->v[1][j];
        size_t m = mn < w;
        rate[k] = m ? mn : w;
        isman[k++] = (uint8_t)m;
        i += 1 - m;
        j += m;
    }
    for (; i < b->n[0]; i++, k++) { rate[k] = b->v[0][i]; isman[k] = 0; }
    for (; j < b->n[1]; j++, k++) { rate[k] = b->v[1][j]; isman[k] = 1; }
}

/* Hourly pay ranked once: each sex's rates are radix sorted apart (eight
 * bytes a value move, no payload) and merged; the ranked rates give the
 * hourly gaps (means over each sex's ascending rates) and the UK quarters
 * (band[]). */
static aud_err hourly_ids(const aud_measures *m, paypop *p, aud_results *r, bysex *b,
                          aud_quartile_band band[4])
{
    size_t sz = p->n ? p->n : 1, n = p->n;
    b->n[0] = b->n[1] = 0;
    for (size_t k = 0; k < n; k++) b->v[p->man[k]][b->n[p->man[k]]++] = m->hourly_pay[p->rows[k]];
    aud_err e = aud_stats_sort(b->v[0], b->n[0]);
    if (e == AUD_OK) e = aud_stats_sort(b->v[1], b->n[1]);
    if (e == AUD_OK) {
        b->sorted = true;
        e = set_gaps(r, m, b, false, "hourly_gap_mean_pct", "hourly_gap_median_pct", NULL);
        b->sorted = false;
    }
    double *rate = e == AUD_OK ? malloc(sz * sizeof *rate) : NULL;
    uint8_t *isman = rate ? malloc(sz) : NULL;
    if (e == AUD_OK && !isman) e = AUD_E_NOMEM;
    if (e == AUD_OK) {
        merge_by_sex(b, rate, isman);
        aud_quartiles_compute(rate, isman, n, band);
    }
    free(rate); free(isman);
    return e;
}

static aud_err overall_gaps(const aud_dataset *d, const aud_measures *m, paypop *p,
                            const aud_options *o, aud_results *r)
{
    bysex b;
    bysex_init(&b, p, m);
    b.n[0] = b.n[1] = 0;
    for (size_t k = 0; k < p->n; k++) b.v[p->man[k]][b.n[p->man[k]]++] = p->pay[p->rows[k]];
    aud_err e = set_gaps(r, m, &b, false, "pay_gap_mean_pct", "pay_gap_median_pct", "pay_gap_mean_pct_hcp");
    if (e == AUD_OK) {
        b.n[0] = b.n[1] = 0;
        for (size_t k = 0; k < p->n; k++) b.v[p->man[k]][b.n[p->man[k]]++] = p->base[p->rows[k]];
        e = set_gaps(r, m, &b, false, "base_gap_mean_pct", "base_gap_median_pct", NULL);
    }
    aud_quartile_band band[4];
    if (e == AUD_OK) e = hourly_ids(m, p, r, &b, band);
    if (e == AUD_OK) e = variable_ids(d, m, r, &b);      /* METRICS.md order */
    if (e == AUD_OK) e = quartile_ids(band, p->n, o, r);
    return e;
}

/* The grouped statistics of the pay tables, computed while the partitions
 * are alive; each partition's row array (4 bytes a row) is released as soon
 * as its statistics are known, before the overall gaps sort hourly pay. */
static aud_err grouped_stats(paypop *p, aud_groups *g, sexstat **st)
{
    static const int used[] = {G_EQ, G_CAT, G_AGE, G_SEN};
    for (size_t u = 0; u < sizeof used / sizeof *used; u++) {
        aud_groups *gr = &g[used[u]];
        st[used[u]] = calloc(2 * gr->n + 1, sizeof **st);
        if (!st[used[u]]) return AUD_E_NOMEM;
        AUD_TRY(group_stats(p, gr, used[u] == G_EQ, st[used[u]]));
        free(gr->of_row);
        gr->of_row = NULL;
    }
    return AUD_OK;
}

static aud_err paygap_run(const aud_dataset *d, const aud_measures *m, const aud_options *o,
                          aud_results *r, aud_groups *g, sexstat **st, paypop *p)
{
    AUD_TRY(workforce_tables(d, g, o, r));
    aud_groups_free(&g[G_CONTRACT]);              /* shown in workforce tables only */
    aud_groups_free(&g[G_GRADE]);
    AUD_TRY(paypop_build(d, m, p));
    AUD_TRY(grouped_stats(p, g, st));
    AUD_TRY(overall_gaps(d, m, p, o, r));           /* METRICS.md order from here on */
    AUD_TRY(equal_value(&g[G_EQ], st[G_EQ], o, r));
    return pay_tables(g, st, o, r);
}

aud_err aud_paygap_compute(const aud_dataset *d, const aud_measures *m,
                           const aud_options *o, aud_results *r)
{
    if (m->n != d->wf.n || m->n > UINT32_MAX) return AUD_E_INTERNAL;
    const char *eq_field;
    const uint32_t *eq_col;
    bool eq_natural;
    if (!equal_value_column(d, o, &eq_field, &eq_col, &eq_natural)) return AUD_E_USAGE;
    AUD_TRY(aud_results_note(r, "equal_value_by", eq_field));
    AUD_TRY(workforce_scalars(d, m, o, r));
    aud_groups g[G__COUNT];
    AUD_TRY(groups_build_all(d, m, eq_col, eq_natural, g));
    sexstat *st[G__COUNT] = {0};
    paypop p;
    memset(&p, 0, sizeof p);
    aud_err e = paygap_run(d, m, o, r, g, st, &p);
    for (int k = 0; k < G__COUNT; k++) free(st[k]);
    paypop_free(&p);
    groups_free_all(g);
    return e;
}
