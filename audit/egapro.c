/* egapro.c - METRICS.md §3 Egapro index: from the microdata to the group
 * aggregates that egapro_calc scores.
 *
 * Choices where egapro.md leaves the microdata open:
 * - the effectifs are the audit population; every member counts in the
 *   headcounts of its group, while a group's mean pay is over the members
 *   with pay figures (pay_fte); a sex with no pay figure in a valid group
 *   gives that group a gap of 0 (current simulator, egapro.md §11.2);
 * - a member with no age or no CSP/level is in no indicator-1 group, and a
 *   member with no CSP in no indicator-2/3 group; both stay in 2et3's W and M
 *   and in indicators 4 and 5;
 * - indicator 4 counts returners with raised_after_leave = 1 as raised (a
 *   missing value counts as not raised); it is absaugpdtcm when that column
 *   is absent or when the extract shows no raise at all in the period.
 */
#include "egapro.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "egapro_calc.h"

#define NBANDS 4

static const char *const CSP_CODE[4] = {"ouv", "emp", "tam", "ic"};

/* Group keys: a dense index per group, read from a row on the fly (-1 = in
 * no group), and the name of each index. */
typedef struct eg_keys {
    const uint32_t *col;   /* by_string: the string column */
    int32_t *map;          /* by_string: string id -> key, -1 = none (cnt + 1 entries) */
    uint32_t *names;       /* by_string: key -> string id */
    uint32_t cnt;
    size_t nkeys;
    bool by_string;
} eg_keys;

typedef struct eg_ctx {
    const aud_dataset *d;
    const aud_measures *m;
    const aud_options *o;
    aud_results *r;
    bool fallback;         /* categories stand in for CSPs */
    eg_keys csp;           /* indicators 2, 3 (and 1 unless grade levels) */
    eg_keys grade;         /* indicator 1 with --egapro-levels grade */
    const eg_keys *lvl;    /* the keys of indicator 1: &csp or &grade */
} eg_ctx;

static void keys_free(eg_keys *k)
{
    free(k->map);
    free(k->names);
    memset(k, 0, sizeof *k);
}

/* Key of population member i. */
static inline int32_t key_of(const eg_ctx *c, const eg_keys *k, size_t i)
{
    if (k->by_string) {
        uint32_t v = k->col[i];
        return v && v <= k->cnt ? k->map[v] : -1;
    }
    int v = c->d->wf.csp[i];
    return v >= 0 && v < 4 ? v : -1;
}

static const char *key_name(const eg_ctx *c, const eg_keys *k, size_t i)
{
    if (k->by_string) return aud_dataset_str(c->d, k->names[i]);
    return i < 4 ? CSP_CODE[i] : "?";
}

typedef struct named { const char *s; uint32_t id; } named;

static int cmp_named(const void *a, const void *b)
{
    return strcmp(((const named *)a)->s, ((const named *)b)->s);
}

/* Dense keys of a string column: the values seen[] marks, in text order. */
static aud_err keys_from_strings(const eg_ctx *c, const uint32_t *col, const uint8_t *seen, uint32_t cnt,
                                 eg_keys *k)
{
    k->col = col;
    k->cnt = cnt;
    k->by_string = true;
    k->map = malloc(((size_t)cnt + 1) * sizeof *k->map);
    k->names = malloc(((size_t)cnt + 1) * sizeof *k->names);
    named *list = malloc(((size_t)cnt + 1) * sizeof *list);
    if (!k->map || !k->names || !list) { free(list); return AUD_E_NOMEM; }
    size_t nl = 0;
    for (uint32_t v = 0; v <= cnt; v++) {
        k->map[v] = -1;
        if (!seen[v]) continue;
        list[nl].s = aud_dataset_str(c->d, v);
        list[nl++].id = v;
    }
    if (nl) qsort(list, nl, sizeof *list, cmp_named);   /* interned: no two names equal */
    for (size_t j = 0; j < nl; j++) {
        k->map[list[j].id] = (int32_t)j;
        k->names[j] = list[j].id;
    }
    k->nkeys = nl;
    free(list);
    return AUD_OK;
}

/* One pass over the population: does some member have a category that is
 * not one of the four CSPs (then categories stand in for them), and which
 * categories and grades occur. */
static void scan_values(const eg_ctx *c, uint32_t cnt, uint8_t *seen_cat, uint8_t *seen_grade, bool *fallback)
{
    const aud_workforce *w = &c->d->wf;
    bool fb = false;
    for (size_t i = 0; i < c->m->n; i++) {
        if (!c->m->in_pop[i]) continue;
        uint32_t cat = w->category[i];
        if (w->csp[i] < 0 && cat != 0) fb = true;
        if (cat && cat <= cnt) seen_cat[cat] = 1;
        if (seen_grade && w->grade[i] && w->grade[i] <= cnt) seen_grade[w->grade[i]] = 1;
    }
    *fallback = fb;
}

static aud_err build_keys(eg_ctx *c)
{
    uint32_t cnt = aud_strtab_count(c->d->strings);
    uint8_t *seen_cat = calloc((size_t)cnt + 1, 1);
    uint8_t *seen_grade = c->o->egapro_levels_grade ? calloc((size_t)cnt + 1, 1) : NULL;
    aud_err e = AUD_OK;
    if (!seen_cat || (c->o->egapro_levels_grade && !seen_grade)) e = AUD_E_NOMEM;
    if (e == AUD_OK) {
        scan_values(c, cnt, seen_cat, seen_grade, &c->fallback);
        if (c->fallback) e = keys_from_strings(c, c->d->wf.category, seen_cat, cnt, &c->csp);
        else c->csp.nkeys = 4;
    }
    c->lvl = &c->csp;
    if (e == AUD_OK && c->o->egapro_levels_grade) {
        e = keys_from_strings(c, c->d->wf.grade, seen_grade, cnt, &c->grade);
        c->lvl = &c->grade;
    }
    free(seen_cat);
    free(seen_grade);
    return e;
}

/* ---- the one pass over the rows ---- */

/* Per-sex figures are indexed by SW (women) and SM (men), so a row adds to
 * its own without a branch on its sex. */
enum { SW = 0, SM = 1 };

typedef struct eg_cell {
    double n[2];                  /* headcounts */
    aud_egcalc_sum pay[2];        /* pay_fte totals of members with pay */
    size_t paid[2];
} eg_cell;

typedef struct eg_csp_agg { double n[2], raised[2], promoted[2]; } eg_csp_agg;

typedef struct eg_events {
    bool has_raised, has_promoted;
    size_t raised, promoted;            /* population members */
    double n[2], rp[2];                 /* 2et3: W, M, raised or promoted */
} eg_events;

/* Every per-row figure of the index, gathered in a single pass; each sum
 * still takes its rows in row order. */
typedef struct eg_agg {
    eg_cell *cells;               /* indicator 1: level x age band */
    size_t ncells, left_out;      /* members in no indicator-1 cell */
    eg_csp_agg *csp;              /* indicators 2, 3 */
    eg_events ev;
    double returned, raised_back; /* indicator 4 */
    size_t top[10], ntop;         /* indicator 5 */
} eg_agg;

static bool is_woman(const eg_ctx *c, size_t i) { return c->d->wf.sex[i] == AUD_SEX_F; }

static bool has_pay(const eg_ctx *c, size_t i)
{
    return c->m->nopay[i] == AUD_NOPAY_NONE && isfinite(c->m->pay_fte[i]);
}

/* a ranks above b: higher annual pay, then employee_id text order. */
static bool ranks_above(const eg_ctx *c, size_t a, size_t b)
{
    double pa = c->m->annual_pay[a], pb = c->m->annual_pay[b];
    if (pa != pb) return pa > pb;
    const aud_workforce *wf = &c->d->wf;
    int k = strcmp(aud_strtab_get(c->d->ids, wf->employee_id[a]),
                   aud_strtab_get(c->d->ids, wf->employee_id[b]));
    return k != 0 ? k < 0 : a < b;
}

static void add_i1(const eg_ctx *c, eg_agg *A, size_t i, int s)
{
    int32_t k = key_of(c, c->lvl, i);
    int band = aud_age_band(c->m->age[i]);
    if (k < 0 || band < 0) { A->left_out++; return; }
    eg_cell *e = &A->cells[(size_t)k * NBANDS + (size_t)band];
    e->n[s] += 1;
    if (has_pay(c, i)) { aud_egcalc_sum_add(&e->pay[s], c->m->pay_fte[i]); e->paid[s]++; }
}

static void add_events(const eg_ctx *c, eg_agg *A, size_t i, int s)
{
    const aud_workforce *wf = &c->d->wf;
    eg_events *ev = &A->ev;
    bool raised = ev->has_raised && wf->raised[i] == 1;
    bool promoted = ev->has_promoted && wf->promoted[i] == 1;
    ev->raised += raised;
    ev->promoted += promoted;
    ev->n[s] += 1;
    ev->rp[s] += raised || promoted;
    int32_t k = key_of(c, &c->csp, i);
    if (k < 0) return;
    eg_csp_agg *a = &A->csp[k];
    a->n[s] += 1;
    a->raised[s] += raised;
    a->promoted[s] += promoted;
}

/* Keep the ten best paid, ties by employee id. */
static void add_top(const eg_ctx *c, eg_agg *A, size_t i)
{
    if (c->m->nopay[i] != AUD_NOPAY_NONE || !isfinite(c->m->annual_pay[i])) return;
    if (A->ntop == 10 && !ranks_above(c, i, A->top[9])) return;
    size_t pos = A->ntop < 10 ? A->ntop++ : 9;
    while (pos > 0 && ranks_above(c, i, A->top[pos - 1])) { A->top[pos] = A->top[pos - 1]; pos--; }
    A->top[pos] = i;
}

static aud_err aggregate(const eg_ctx *c, eg_agg *A)
{
    memset(A, 0, sizeof *A);
    A->ncells = c->lvl->nkeys * NBANDS;
    A->cells = calloc(A->ncells ? A->ncells : 1, sizeof *A->cells);
    A->csp = calloc(c->csp.nkeys ? c->csp.nkeys : 1, sizeof *A->csp);
    if (!A->cells || !A->csp) return AUD_E_NOMEM;
    const aud_workforce *wf = &c->d->wf;
    A->ev.has_raised = c->d->has_field[AUD_F_RAISED];
    A->ev.has_promoted = c->d->has_field[AUD_F_PROMOTED];
    bool has_ret = c->d->has_field[AUD_F_MATERNITY_RETURN];
    bool has_ral = c->d->has_field[AUD_F_RAISED_AFTER_LEAVE];
    for (size_t i = 0; i < c->m->n; i++) {
        if (!c->m->in_pop[i]) continue;
        int s = is_woman(c, i) ? SW : SM;
        add_i1(c, A, i, s);
        add_events(c, A, i, s);
        if (has_ret && wf->maternity_return[i] == 1) {
            A->returned += 1;
            if (has_ral && wf->raised_after_leave[i] == 1) A->raised_back += 1;
        }
        add_top(c, A, i);
    }
    return AUD_OK;
}

static void agg_free(eg_agg *A)
{
    free(A->cells);
    free(A->csp);
}

/* ---- indicator 1 ---- */

static const char *why_invalid(double w, double m, double min_each, bool ten)
{
    bool bw = w < min_each, bm = m < min_each;
    if (bw && bm) return ten ? "women_and_men_below_10" : "women_and_men_below_3";
    if (bw) return ten ? "women_below_10" : "women_below_3";
    if (bm) return ten ? "men_below_10" : "men_below_3";
    return NULL;
}

enum { G_NAME, G_BAND, G_W, G_M, G_PW, G_PM, G_VALID, G_WHY, G_GAP, G_ADJ, G_WEIGHT, G_NCOLS };

/* A mean pay cell, hidden when fewer than min_cell people are behind it. */
static aud_err mean_cell(aud_table *t, size_t row, size_t col, double mean, size_t paid, int min_cell)
{
    if (paid == 0) return AUD_OK;
    if ((int64_t)paid < (int64_t)min_cell) { aud_cell_suppress(t, row, col); return AUD_OK; }
    return aud_cell_num(t, row, col, mean);
}

static aud_err groups_table(const eg_ctx *c, const eg_cell *cells, const aud_eg_group *g,
                            const aud_eg_group_out *out, size_t ng)
{
    static const char *const cols[G_NCOLS] = {
        "csp_or_level", "age_band", "women", "men", "mean_pay_women", "mean_pay_men",
        "valid", "why_invalid", "gap_pct", "gap_after_seuil_pct", "weight"};
    static const aud_colfmt fmts[G_NCOLS] = {
        AUD_COL_TEXT, AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_MONEY, AUD_COL_MONEY,
        AUD_COL_BOOL, AUD_COL_TEXT, AUD_COL_PCT, AUD_COL_PCT, AUD_COL_RATIO};
    aud_table *t;
    AUD_TRY(aud_results_add_table(c->r, "egapro_groups", G_NCOLS, cols, fmts, &t));
    for (size_t i = 0; i < ng; i++) {
        size_t row;
        AUD_TRY(aud_table_add_row(t, &row));
        AUD_TRY(aud_cell_str(t, row, G_NAME, key_name(c, c->lvl, i / NBANDS)));
        AUD_TRY(aud_cell_str(t, row, G_BAND, aud_age_band_name((int)(i % NBANDS))));
        AUD_TRY(aud_cell_int(t, row, G_W, (int64_t)g[i].women));
        AUD_TRY(aud_cell_int(t, row, G_M, (int64_t)g[i].men));
        AUD_TRY(mean_cell(t, row, G_PW, g[i].pay_women, cells[i].paid[SW], c->o->min_cell));
        AUD_TRY(mean_cell(t, row, G_PM, g[i].pay_men, cells[i].paid[SM], c->o->min_cell));
        AUD_TRY(aud_cell_bool(t, row, G_VALID, out[i].valid));
        const char *why = why_invalid(g[i].women, g[i].men, 3, false);
        if (why) AUD_TRY(aud_cell_str(t, row, G_WHY, why));
        if (!out[i].valid) continue;
        bool small = g[i].women < c->o->min_cell || g[i].men < c->o->min_cell;
        if (small) {
            aud_cell_suppress(t, row, G_GAP);
            aud_cell_suppress(t, row, G_ADJ);
        } else {
            AUD_TRY(aud_cell_num(t, row, G_GAP, out[i].gap_pct));
            AUD_TRY(aud_cell_num(t, row, G_ADJ, out[i].adj_pct));
        }
        AUD_TRY(aud_cell_num(t, row, G_WEIGHT, out[i].weight));
    }
    return AUD_OK;
}

static aud_err i1_notes(const eg_ctx *c, size_t left_out)
{
    char buf[320];
    if (left_out) {
        snprintf(buf, sizeof buf, "%zu member(s) of the audit population have no age or no %s "
                 "and are in no indicator-1 group.", left_out,
                 c->o->egapro_levels_grade ? "grade" : c->fallback ? "category" : "CSP");
        AUD_TRY(aud_results_note(c->r, "egapro_i1_left_out", buf));
    }
    if (c->m->with_pay < c->m->headcount) {
        snprintf(buf, sizeof buf, "Indicator 1 counts every member of the audit population in "
                 "its group's headcount; group mean pay is over the %zu member(s) with pay "
                 "figures (%zu without).", c->m->with_pay, c->m->headcount - c->m->with_pay);
        AUD_TRY(aud_results_note(c->r, "egapro_i1_pay", buf));
    }
    return AUD_OK;
}

static aud_err i1_compute(const eg_ctx *c, const eg_agg *A, aud_eg_ind *res)
{
    size_t ng = A->ncells;
    const eg_cell *cells = A->cells;
    aud_eg_group *g = calloc(ng ? ng : 1, sizeof *g);
    aud_eg_group_out *out = calloc(ng ? ng : 1, sizeof *out);
    aud_err e = AUD_E_NOMEM;
    if (!g || !out) goto done;
    for (size_t i = 0; i < ng; i++) {
        const eg_cell *k = &cells[i];
        g[i].women = k->n[SW];
        g[i].men = k->n[SM];
        g[i].pay_women = k->paid[SW] ? aud_egcalc_sum_get(&k->pay[SW]) / (double)k->paid[SW] : NAN;
        g[i].pay_men = k->paid[SM] ? aud_egcalc_sum_get(&k->pay[SM]) / (double)k->paid[SM] : NAN;
    }
    bool level = c->o->egapro_levels_grade || c->fallback;
    aud_egcalc_i1(g, ng, level ? AUD_EG_SEUIL_LEVEL : AUD_EG_SEUIL_CSP, out, res);
    e = groups_table(c, cells, g, out, ng);
    if (e == AUD_OK) e = i1_notes(c, A->left_out);
done:
    free(g);
    free(out);
    return e;
}

/* ---- indicators 2, 3 and 2et3 ---- */

static double rate(double k, double n) { return n > 0 ? 100.0 * k / n : NAN; }

enum { C_NAME, C_W, C_M, C_RW, C_RM, C_PW, C_PM, C_RRW, C_RRM, C_PRW, C_PRM,
       C_VALID, C_WHY, C_RGAP, C_PGAP, C_WEIGHT, C_NCOLS };

/* Raise/promotion count and rate of one sex: hidden when that sex has fewer
 * than min_cell people in the CSP (it would tell who was raised). */
static aud_err event_cells(const eg_ctx *c, aud_table *t, size_t row, size_t ccount,
                           size_t crate, double k, double n)
{
    if (n > 0 && n < c->o->min_cell) {
        aud_cell_suppress(t, row, ccount);
        aud_cell_suppress(t, row, crate);
        return AUD_OK;
    }
    AUD_TRY(aud_cell_int(t, row, ccount, (int64_t)k));
    return aud_cell_num(t, row, crate, rate(k, n));
}

static aud_err csp_row(const eg_ctx *c, aud_table *t, size_t i, const eg_csp_agg *a,
                       const eg_events *ev, const aud_eg_group_out *o2, const aud_eg_group_out *o3)
{
    size_t row;
    AUD_TRY(aud_table_add_row(t, &row));
    AUD_TRY(aud_cell_str(t, row, C_NAME, key_name(c, &c->csp, i)));
    AUD_TRY(aud_cell_int(t, row, C_W, (int64_t)a->n[SW]));
    AUD_TRY(aud_cell_int(t, row, C_M, (int64_t)a->n[SM]));
    if (ev->has_raised) {
        AUD_TRY(event_cells(c, t, row, C_RW, C_RRW, a->raised[SW], a->n[SW]));
        AUD_TRY(event_cells(c, t, row, C_RM, C_RRM, a->raised[SM], a->n[SM]));
        if (o2->valid) AUD_TRY(aud_cell_num(t, row, C_RGAP, o2->gap_pct));
    }
    if (ev->has_promoted) {
        AUD_TRY(event_cells(c, t, row, C_PW, C_PRW, a->promoted[SW], a->n[SW]));
        AUD_TRY(event_cells(c, t, row, C_PM, C_PRM, a->promoted[SM], a->n[SM]));
        if (o3->valid) AUD_TRY(aud_cell_num(t, row, C_PGAP, o3->gap_pct));
    }
    AUD_TRY(aud_cell_bool(t, row, C_VALID, o2->valid));
    const char *why = why_invalid(a->n[SW], a->n[SM], 10, true);
    if (why) AUD_TRY(aud_cell_str(t, row, C_WHY, why));
    if (o2->valid) AUD_TRY(aud_cell_num(t, row, C_WEIGHT, o2->weight));
    return AUD_OK;
}

static aud_err csp_table(const eg_ctx *c, const eg_csp_agg *agg, const eg_events *ev,
                         const aud_eg_group_out *o2, const aud_eg_group_out *o3)
{
    static const char *const cols[C_NCOLS] = {
        "csp", "women", "men", "raised_women", "raised_men", "promoted_women", "promoted_men",
        "raise_rate_women_pct", "raise_rate_men_pct", "promotion_rate_women_pct",
        "promotion_rate_men_pct", "valid", "why_invalid", "raise_gap_pts", "promotion_gap_pts",
        "weight"};
    static const aud_colfmt fmts[C_NCOLS] = {
        AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_COUNT,
        AUD_COL_COUNT, AUD_COL_PCT, AUD_COL_PCT, AUD_COL_PCT, AUD_COL_PCT, AUD_COL_BOOL,
        AUD_COL_TEXT, AUD_COL_NUMBER, AUD_COL_NUMBER, AUD_COL_RATIO};
    aud_table *t;
    AUD_TRY(aud_results_add_table(c->r, "egapro_csp", C_NCOLS, cols, fmts, &t));
    for (size_t i = 0; i < c->csp.nkeys; i++)
        AUD_TRY(csp_row(c, t, i, &agg[i], ev, &o2[i], &o3[i]));
    return AUD_OK;
}

/* Indicators 2, 3 (their per-CSP detail always, for the table) and 2et3. */
static aud_err raises_compute(const eg_ctx *c, const eg_agg *A, aud_eg_ind *i2, aud_eg_ind *i3,
                              aud_eg_ind *i23)
{
    size_t nk = c->csp.nkeys ? c->csp.nkeys : 1;
    const eg_csp_agg *agg = A->csp;
    const eg_events *ev = &A->ev;
    aud_eg_csp *c2 = calloc(nk, sizeof *c2), *c3 = calloc(nk, sizeof *c3);
    aud_eg_group_out *o2 = calloc(nk, sizeof *o2), *o3 = calloc(nk, sizeof *o3);
    aud_err e = AUD_E_NOMEM;
    if (!c2 || !c3 || !o2 || !o3) goto done;
    for (size_t i = 0; i < c->csp.nkeys; i++) {
        const double *n = agg[i].n, *ra = agg[i].raised, *pr = agg[i].promoted;
        c2[i] = (aud_eg_csp){n[SW], n[SM], rate(ra[SW], n[SW]), rate(ra[SM], n[SM])};
        c3[i] = (aud_eg_csp){n[SW], n[SM], rate(pr[SW], n[SW]), rate(pr[SM], n[SM])};
    }
    aud_egcalc_i2i3(2, c2, c->csp.nkeys, ev->has_raised && ev->raised > 0, o2, i2);
    aud_egcalc_i2i3(3, c3, c->csp.nkeys, ev->has_promoted && ev->promoted > 0, o3, i3);
    aud_egcalc_i2et3(ev->n[SW], ev->n[SM], ev->rp[SW], ev->rp[SM], i23);
    e = csp_table(c, agg, ev, o2, o3);
done:
    free(c2); free(c3); free(o2); free(o3);
    return e;
}

/* ---- indicators 4 and 5 ---- */

static void i4_compute(const eg_ctx *c, const eg_agg *A, aud_eg_ind *res)
{
    bool has_ral = c->d->has_field[AUD_F_RAISED_AFTER_LEAVE];
    const eg_events *ev = &A->ev;
    /* No recorded raise in the whole period means none during the leaves. */
    bool raise_during = has_ral && (A->raised_back > 0 || !ev->has_raised || ev->raised > 0);
    aud_egcalc_i4(A->returned, A->raised_back, raise_during, res);
}

static void i5_compute(const eg_ctx *c, const eg_agg *A, aud_eg_ind *res)
{
    int w = 0, m = 0;
    for (size_t j = 0; j < A->ntop; j++) {
        if (is_woman(c, A->top[j])) w++; else m++;
    }
    aud_egcalc_i5(w, m, res);
}

/* ---- results ---- */

typedef enum eg_kind { K_RES, K_RES2, K_RES_INT, K_FAV, K_PTS, K_COMP } eg_kind;
typedef struct eg_idspec { const char *sfx; eg_kind kind; } eg_idspec;

static aud_err put_value(aud_results *r, const char *id, const aud_eg_ind *x, eg_kind k)
{
    switch (k) {
    case K_RES: return aud_results_set_num(r, id, x->result);
    case K_RES2: return aud_results_set_num(r, id, x->result2);
    case K_RES_INT: return aud_results_set_int(r, id, (int64_t)x->result);
    case K_FAV: return aud_results_set_str(r, id, aud_egcalc_fav_name(x->favours));
    case K_PTS: return aud_results_set_int(r, id, x->points);
    default: return aud_results_set_bool(r, id, x->compensated);
    }
}

static aud_err put_ind(aud_results *r, const char *pfx, const aud_eg_ind *x,
                       const eg_idspec *ids, size_t n)
{
    char id[64];
    for (size_t i = 0; i < n; i++) {
        snprintf(id, sizeof id, "%s_%s", pfx, ids[i].sfx);
        if (!x->applicable) AUD_TRY(aud_results_set_null(r, id, "not_applicable_size"));
        else if (!x->calculable) AUD_TRY(aud_results_set_null(r, id, x->reason));
        else AUD_TRY(put_value(r, id, x, ids[i].kind));
    }
    return AUD_OK;
}

static aud_err put_indicators(aud_results *r, const aud_eg_ind *i1, const aud_eg_ind *i2,
                              const aud_eg_ind *i3, const aud_eg_ind *i23,
                              const aud_eg_ind *i4, const aud_eg_ind *i5)
{
    static const eg_idspec s1[] = {{"result", K_RES}, {"favours", K_FAV}, {"points", K_PTS}};
    static const eg_idspec s23[] = {{"result", K_RES}, {"favours", K_FAV}, {"points", K_PTS},
                                    {"compensated", K_COMP}};
    static const eg_idspec s2et3[] = {{"result_pct", K_RES}, {"result_employees", K_RES2},
                                      {"favours", K_FAV}, {"points", K_PTS},
                                      {"compensated", K_COMP}};
    static const eg_idspec s4[] = {{"result_pct", K_RES}, {"points", K_PTS}};
    static const eg_idspec s5[] = {{"result", K_RES_INT}, {"favours", K_FAV}, {"points", K_PTS}};
    AUD_TRY(put_ind(r, "egapro_i1", i1, s1, 3));
    AUD_TRY(put_ind(r, "egapro_i2", i2, s23, 4));
    AUD_TRY(put_ind(r, "egapro_i3", i3, s23, 4));
    AUD_TRY(put_ind(r, "egapro_i2et3", i23, s2et3, 5));
    AUD_TRY(put_ind(r, "egapro_i4", i4, s4, 2));
    return put_ind(r, "egapro_i5", i5, s5, 3);
}

static aud_err put_index(aud_results *r, const aud_eg_index *ix)
{
    AUD_TRY(aud_results_set_int(r, "egapro_points", ix->points));
    AUD_TRY(aud_results_set_int(r, "egapro_max_points", ix->max_points));
    if (!ix->calculable) {
        AUD_TRY(aud_results_set_null(r, "egapro_index", "max_points_below_75"));
        return aud_results_set_null(r, "egapro_obligation", "max_points_below_75");
    }
    AUD_TRY(aud_results_set_int(r, "egapro_index", ix->index));
    return aud_results_set_str(r, "egapro_obligation", ix->obligation);
}

static aud_err put_header(const eg_ctx *c, aud_eg_bracket b, bool indicative)
{
    AUD_TRY(aud_results_set_str(c->r, "egapro_size_bracket", aud_egcalc_bracket_name(b)));
    AUD_TRY(aud_results_set_bool(c->r, "egapro_indicative", indicative));
    bool level = c->o->egapro_levels_grade || c->fallback;
    AUD_TRY(aud_results_set_str(c->r, "egapro_mode", level ? "level" : "csp"));
    if (indicative)
        AUD_TRY(aud_results_note(c->r, "egapro_indicative",
            "Fewer than 50 employees: the Egapro index does not apply; it is computed "
            "with the 50-250 rules as an indication only."));
    if (c->fallback)
        AUD_TRY(aud_results_note(c->r, "egapro_mode",
            "Some categories do not map to an Egapro CSP (ouvriers, employes, techniciens "
            "et agents de maitrise, ingenieurs et cadres): the category values stand in for "
            "CSPs in every indicator, and indicator 1 runs in level mode (seuil de "
            "pertinence 2 points)."));
    else if (c->o->egapro_levels_grade)
        AUD_TRY(aud_results_note(c->r, "egapro_mode",
            "Indicator 1 groups grades by age band (level mode, seuil de pertinence 2 "
            "points); indicators 2 and 3 group by CSP."));
    return AUD_OK;
}

static aud_err i4_note(const eg_ctx *c, const aud_eg_ind *i4)
{
    if (!i4->calculable && !strcmp(i4->reason, "absaugpdtcm") &&
        !c->d->has_field[AUD_F_RAISED_AFTER_LEAVE])
        return aud_results_note(c->r, "egapro_i4",
            "The extract has no raised_after_leave column: no raise is known for the "
            "employees back from maternity or adoption leave.");
    return AUD_OK;
}

aud_err aud_egapro_compute(const aud_dataset *d, const aud_measures *m,
                           const aud_options *o, aud_results *r)
{
    eg_ctx c;
    memset(&c, 0, sizeof c);
    c.d = d; c.m = m; c.o = o; c.r = r;
    bool indicative;
    aud_eg_bracket b = aud_egcalc_bracket(m->headcount, &indicative);
    aud_eg_ind i1, i2, i3, i23, i4, i5;
    eg_agg A;
    memset(&A, 0, sizeof A);
    aud_err e = build_keys(&c);
    if (e == AUD_OK) e = aggregate(&c, &A);
    if (e == AUD_OK) e = put_header(&c, b, indicative);
    if (e == AUD_OK) e = i1_compute(&c, &A, &i1);
    if (e == AUD_OK) e = raises_compute(&c, &A, &i2, &i3, &i23);
    if (e == AUD_OK) {
        i4_compute(&c, &A, &i4);
        i5_compute(&c, &A, &i5);
        if (b == AUD_EG_50_250) i2.applicable = i3.applicable = false;
        else i23.applicable = false;
        aud_egcalc_correct(&i1, &i2);
        aud_egcalc_correct(&i1, &i3);
        aud_egcalc_correct(&i1, &i23);
        e = put_indicators(r, &i1, &i2, &i3, &i23, &i4, &i5);
    }
    if (e == AUD_OK) e = i4_note(&c, &i4);
    if (e == AUD_OK) {
        const aud_eg_ind *all[] = {&i1, &i2, &i3, &i23, &i4, &i5};
        aud_eg_index ix;
        aud_egcalc_index(all, 6, &ix);
        e = put_index(r, &ix);
    }
    agg_free(&A);
    keys_free(&c.csp);
    keys_free(&c.grade);
    return e;
}
