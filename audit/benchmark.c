/* benchmark.c - distribution, focus standing, pooled figures and groups. */
#include "benchmark.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "dataset.h"
#include "json_out.h"
#include "version.h"

double aud_bench_quantile(const double *sorted, size_t n, double p)
{
    if (n == 0) return NAN;
    return gsl_stats_quantile_from_sorted_data(sorted, 1, n, p);
}

double aud_bench_rank(const double *sorted, size_t n, double x)
{
    if (n == 0) return NAN;
    size_t below = 0, equal = 0;
    for (size_t i = 0; i < n; i++) {
        if (sorted[i] < x) below++;
        else if (sorted[i] == x) equal++;
    }
    return 100.0 * ((double)below + (double)equal / 2.0) / (double)n;
}

double aud_bench_gap_from_sums(aud_i128 sum_m, uint64_t n_m, aud_i128 sum_f, uint64_t n_f)
{
    if (n_m == 0 || n_f == 0 || sum_m <= 0) return NAN;
    /* (M - F) / M = 1 - (Sf * Nm) / (Sm * Nf), from the exact sums. */
    long double r = ((long double)sum_f * (long double)n_m) / ((long double)sum_m * (long double)n_f);
    return (double)((1.0L - r) * 100.0L);
}

/* Bucket b of a histogram: -1 underflow, 0..K-1 bins, K overflow. */
static uint64_t bucket(const aud_sum_hist *h, int b)
{
    if (b < 0) return h->under;
    if (b >= AUD_SUM_BINS) return h->over;
    return h->bins[b];
}

static uint64_t hist_total(const aud_sum_hist *h)
{
    uint64_t t = 0;
    for (int b = -1; b <= AUD_SUM_BINS; b++) t += bucket(h, b);
    return t;
}

double aud_bench_hist_median(const aud_sum_hist *h)
{
    uint64_t n = hist_total(h);
    if (n == 0) return NAN;
    double target = (double)n / 2.0, cum = 0;
    for (int b = -1; b <= AUD_SUM_BINS; b++) {
        double c = (double)bucket(h, b);
        if (c > 0 && cum + c >= target) {
            if (b < 0) return AUD_SUM_HIST_LO;
            if (b >= AUD_SUM_BINS) return aud_sum_bin_edge(AUD_SUM_BINS);
            /* Spread the bin's people evenly on the log scale. */
            return aud_sum_bin_edge(b) * pow(AUD_SUM_HIST_STEP, (target - cum) / c);
        }
        cum += c;
    }
    return NAN;
}

/* Women's share of each quarter of the pooled pay_fte distribution; a
 * bucket straddling a boundary is shared in proportion, with its sex ratio. */
static void hist_quartiles(const aud_sum_hist *hf, const aud_sum_hist *hm, double pct[4])
{
    double total = (double)(hist_total(hf) + hist_total(hm));
    double women[4] = {0, 0, 0, 0}, cum = 0;
    for (int b = -1; b <= AUD_SUM_BINS && total > 0; b++) {
        double f = (double)bucket(hf, b), c = f + (double)bucket(hm, b);
        if (c == 0) continue;
        for (int q = 0; q < 4; q++) {
            double lo = total * q / 4.0, hi = total * (q + 1) / 4.0;
            double ov = fmin(cum + c, hi) - fmax(cum, lo);
            if (ov > 0) women[q] += ov * f / c;
        }
        cum += c;
    }
    for (int q = 0; q < 4; q++) pct[q] = total > 0 ? 100.0 * women[q] / (total / 4.0) : NAN;
}

typedef struct totals {
    uint64_t hc, paid, recip, pk, promoted, rk, raised;
    aud_i128 pay, ln;
} totals;

static void sex_totals(const aud_summary *s, totals t[2])
{
    memset(t, 0, 2 * sizeof *t);
    const aud_sum_table *tb = &s->tables[AUD_SUM_CATEGORY];
    for (size_t i = 0; i < tb->n; i++) {
        const aud_sum_row *r = &tb->rows[i];
        int si = aud_sum_sex_index(r->sex);
        if (si < 0) continue;
        t[si].hc += r->headcount; t[si].paid += r->paid; t[si].recip += r->var_recipients;
        t[si].pk += r->promotion_known; t[si].promoted += r->promoted;
        t[si].rk += r->raise_known; t[si].raised += r->raised;
        t[si].pay += r->pay_sum; t[si].ln += r->ln_sum;
    }
}

static aud_err set_num_or_null(aud_results *r, const char *id, double x, const char *reason)
{
    if (isfinite(x)) return aud_results_set_num(r, id, x);
    return aud_results_set_null(r, id, reason);
}

static double pct(uint64_t a, uint64_t b) { return b ? 100.0 * (double)a / (double)b : NAN; }

static aud_err pooled_rates(aud_results *r, const totals t[2])
{
    AUD_TRY(set_num_or_null(r, "variable_recipients_women_pct", pct(t[0].recip, t[0].hc), "no_women"));
    AUD_TRY(set_num_or_null(r, "variable_recipients_men_pct", pct(t[1].recip, t[1].hc), "no_men"));
    double pw = pct(t[0].promoted, t[0].pk), pm = pct(t[1].promoted, t[1].pk);
    AUD_TRY(set_num_or_null(r, "promotion_rate_women_pct", pw, "no_promotion_data"));
    AUD_TRY(set_num_or_null(r, "promotion_rate_men_pct", pm, "no_promotion_data"));
    AUD_TRY(set_num_or_null(r, "promotion_rate_ratio", pm > 0 ? pw / pm : NAN, "men_rate_zero"));
    double rw = pct(t[0].raised, t[0].rk), rm = pct(t[1].raised, t[1].rk);
    AUD_TRY(set_num_or_null(r, "raise_rate_women_pct", rw, "no_raise_data"));
    AUD_TRY(set_num_or_null(r, "raise_rate_men_pct", rm, "no_raise_data"));
    return set_num_or_null(r, "raise_rate_ratio", rm > 0 ? rw / rm : NAN, "men_rate_zero");
}

typedef struct rref {
    const char *value;     /* NULL = other */
    const aud_sum_row *row;
} rref;

static int rref_cmp(const void *a, const void *b)
{
    const rref *x = a, *y = b;
    if (!x->value != !y->value) return x->value ? -1 : 1;
    return x->value ? strcmp(x->value, y->value) : 0;
}

/* Table pooled_by_<dim>: per group, both sexes' headcount, mean pay (exact,
 * from the sums) and the mean gap. Groups keep their text as written by the
 * employers; the "other" rows (small groups) come last. */
static aud_err pooled_table(const aud_summary *s, aud_sum_dim dim, aud_results *r)
{
    static const char *const cols[] = {"value", "other", "headcount_women", "headcount_men",
                                       "pay_fte_mean_women", "pay_fte_mean_men", "pay_gap_mean_pct"};
    static const aud_colfmt fmts[] = {AUD_COL_TEXT, AUD_COL_BOOL, AUD_COL_COUNT, AUD_COL_COUNT,
                                      AUD_COL_MONEY, AUD_COL_MONEY, AUD_COL_PCT};
    const aud_sum_table *tb = &s->tables[dim];
    char name[32];
    snprintf(name, sizeof name, "pooled_by_%s", aud_sum_dim_name(dim));
    aud_table *t;
    AUD_TRY(aud_results_add_table(r, name, 7, cols, fmts, &t));
    rref *ix = malloc((tb->n ? tb->n : 1) * sizeof *ix);
    if (!ix) return AUD_E_NOMEM;
    for (size_t i = 0; i < tb->n; i++) ix[i] = (rref){tb->rows[i].value, &tb->rows[i]};
    qsort(ix, tb->n, sizeof *ix, rref_cmp);
    aud_err e = AUD_OK;
    for (size_t i = 0; e == AUD_OK && i < tb->n;) {
        const aud_sum_row *g[2] = {NULL, NULL};
        size_t j = i;
        for (; j < tb->n && rref_cmp(&ix[i], &ix[j]) == 0; j++) {
            int si = aud_sum_sex_index(ix[j].row->sex);
            if (si >= 0) g[si] = ix[j].row;
        }
        size_t row;
        e = aud_table_add_row(t, &row);
        if (e != AUD_OK) break;
        if (ix[i].value) aud_cell_str(t, row, 0, ix[i].value);
        aud_cell_bool(t, row, 1, ix[i].value == NULL);
        for (int si = 0; si < 2; si++) {
            aud_cell_int(t, row, 2 + (size_t)si, g[si] ? (int64_t)g[si]->headcount : 0);
            if (g[si] && g[si]->paid)
                aud_cell_num(t, row, 4 + (size_t)si, (double)((long double)g[si]->pay_sum / g[si]->paid / 100.0L));
        }
        if (g[0] && g[1])
            aud_cell_num(t, row, 6, aud_bench_gap_from_sums(g[1]->pay_sum, g[1]->paid, g[0]->pay_sum, g[0]->paid));
        i = j;
    }
    free(ix);
    return e;
}

aud_err aud_bench_pooled(const aud_summary *s, aud_results *r)
{
    totals t[2];
    sex_totals(s, t);
    uint64_t hw = t[0].hc + s->dropped[0], hm = t[1].hc + s->dropped[1];
    AUD_TRY(aud_results_set_int(r, "employers", (int64_t)s->nemployers));
    AUD_TRY(aud_results_set_int(r, "headcount", (int64_t)(hw + hm)));
    AUD_TRY(aud_results_set_int(r, "headcount_women", (int64_t)hw));
    AUD_TRY(aud_results_set_int(r, "headcount_men", (int64_t)hm));
    AUD_TRY(set_num_or_null(r, "women_share_pct", pct(hw, hw + hm), "no_employees"));
    AUD_TRY(aud_results_set_int(r, "suppressed_women", (int64_t)s->dropped[0]));
    AUD_TRY(aud_results_set_int(r, "suppressed_men", (int64_t)s->dropped[1]));
    double mw = t[0].paid ? (double)((long double)t[0].pay / t[0].paid / 100.0L) : NAN;
    double mm = t[1].paid ? (double)((long double)t[1].pay / t[1].paid / 100.0L) : NAN;
    AUD_TRY(set_num_or_null(r, "pay_fte_mean_women", mw, "no_pay_data"));
    AUD_TRY(set_num_or_null(r, "pay_fte_mean_men", mm, "no_pay_data"));
    AUD_TRY(set_num_or_null(r, "pay_gap_mean_pct", aud_bench_gap_from_sums(t[1].pay, t[1].paid, t[0].pay, t[0].paid),
                            "no_pay_data"));
    double hcp = t[0].paid && t[1].paid && t[0].pay > 0
                     ? (double)(((long double)t[1].pay * t[0].paid / ((long double)t[0].pay * t[1].paid) - 1.0L) * 100.0L)
                     : NAN;
    AUD_TRY(set_num_or_null(r, "pay_gap_mean_pct_hcp", hcp, "no_pay_data"));
    double lnd = t[0].paid && t[1].paid
                     ? (double)(((long double)t[1].ln / t[1].paid - (long double)t[0].ln / t[0].paid) / 1e9L) : NAN;
    AUD_TRY(set_num_or_null(r, "ln_pay_fte_mean_diff", lnd, "no_pay_data"));
    double dw = aud_bench_hist_median(&s->hist[0]), dm = aud_bench_hist_median(&s->hist[1]);
    AUD_TRY(set_num_or_null(r, "pay_fte_median_women", dw, "no_histogram"));
    AUD_TRY(set_num_or_null(r, "pay_fte_median_men", dm, "no_histogram"));
    AUD_TRY(set_num_or_null(r, "pay_gap_median_pct", (dm - dw) / dm * 100.0, "no_histogram"));
    double q[4];
    hist_quartiles(&s->hist[0], &s->hist[1], q);
    static const char *const qid[4] = {"quartile1_women_pct", "quartile2_women_pct", "quartile3_women_pct",
                                       "quartile4_women_pct"};
    for (int k = 0; k < 4; k++) AUD_TRY(set_num_or_null(r, qid[k], q[k], "no_histogram"));
    AUD_TRY(pooled_rates(r, t));
    AUD_TRY(pooled_table(s, AUD_SUM_CATEGORY, r));
    return pooled_table(s, AUD_SUM_AGE_BAND, r);
}

/* ---- distribution ------------------------------------------------------ */

typedef struct trip {
    const char *id;
    double v;
    size_t emp;
} trip;

static int trip_cmp(const void *pa, const void *pb)
{
    const trip *a = pa, *b = pb;
    int c = strcmp(a->id, b->id);
    if (c) return c;
    if (a->v != b->v) return a->v < b->v ? -1 : 1;
    return (a->emp > b->emp) - (a->emp < b->emp);
}

static aud_err dist_one(aud_bench *b, const trip *run, size_t n, size_t focus_idx, double *buf)
{
    aud_bench_dist *d = &b->dist[b->ndist];
    memset(d, 0, sizeof *d);
    if (!(d->id = strdup(run[0].id))) return AUD_E_NOMEM;
    b->ndist++;
    for (size_t i = 0; i < n; i++) buf[i] = run[i].v;
    d->n = n;
    d->min = buf[0];
    d->max = buf[n - 1];
    d->p10 = aud_bench_quantile(buf, n, 0.10);
    d->p25 = aud_bench_quantile(buf, n, 0.25);
    d->median = aud_bench_quantile(buf, n, 0.50);
    d->p75 = aud_bench_quantile(buf, n, 0.75);
    d->p90 = aud_bench_quantile(buf, n, 0.90);
    for (size_t i = 0; i < n; i++)
        if (run[i].emp == focus_idx) {
            d->has_focus = true;
            d->focus_value = run[i].v;
            d->focus_rank = aud_bench_rank(buf, n, run[i].v);
        }
    return AUD_OK;
}

static aud_err distribution(aud_bench *b)
{
    const aud_summary *s = b->merged;
    size_t nt = 0;
    for (size_t e = 0; e < s->nemployers; e++) nt += s->employers[e].nmetrics;
    trip *t = malloc((nt ? nt : 1) * sizeof *t);
    double *buf = malloc((s->nemployers ? s->nemployers : 1) * sizeof *buf);
    size_t ids = 0, k = 0;
    if (!t || !buf) { free(t); free(buf); return AUD_E_NOMEM; }
    for (size_t e = 0; e < s->nemployers; e++)
        for (size_t i = 0; i < s->employers[e].nmetrics; i++) {
            const aud_sum_metric *m = &s->employers[e].metrics[i];
            /* booleans and not-calculable values have no place in quantiles */
            if (m->type != AUD_V_NUM && m->type != AUD_V_INT) continue;
            t[k++] = (trip){m->id, m->type == AUD_V_NUM ? m->num : (double)m->i, e};
        }
    qsort(t, k, sizeof *t, trip_cmp);
    for (size_t i = 0; i < k; i++) ids += i == 0 || strcmp(t[i].id, t[i - 1].id) != 0;
    b->dist = calloc(ids ? ids : 1, sizeof *b->dist);
    aud_err err = b->dist ? AUD_OK : AUD_E_NOMEM;
    size_t focus_idx = b->focus ? (size_t)(b->focus - s->employers) : (size_t)-1;
    for (size_t i = 0; err == AUD_OK && i < k;) {
        size_t j = i + 1;
        while (j < k && strcmp(t[j].id, t[i].id) == 0) j++;
        err = dist_one(b, &t[i], j - i, focus_idx, buf);
        i = j;
    }
    free(t);
    free(buf);
    return err;
}

/* ---- groups ------------------------------------------------------------ */

typedef struct gacc {
    char *value;
    aud_summary *acc;
} gacc;

static const char *group_value(const aud_sum_employer *e, const char *by)
{
    if (!strcmp(by, "size")) return e->size_band;
    if (!strcmp(by, "region")) return e->region;
    return e->sector;
}

/* The group value of a whole file, or NULL when its employers differ. */
static const char *file_group(const aud_summary *s, const char *by)
{
    const char *v = group_value(&s->employers[0], by);
    for (size_t i = 1; i < s->nemployers; i++)
        if (strcmp(group_value(&s->employers[i], by), v) != 0) return NULL;
    return v;
}

static aud_err group_add(gacc **g, size_t *ng, const aud_summary *s, const char *by, aud_diag *diag)
{
    const char *v = file_group(s, by);
    if (!v) return AUD_OK;
    size_t i = 0;
    while (i < *ng && strcmp((*g)[i].value, v) != 0) i++;
    if (i == *ng) {
        gacc *ngp = realloc(*g, (*ng + 1) * sizeof *ngp);
        if (!ngp) return AUD_E_NOMEM;
        *g = ngp;
        ngp[i].value = strdup(v);
        ngp[i].acc = aud_summary_new();
        (*ng)++;
        if (!ngp[i].value || !ngp[i].acc) return AUD_E_NOMEM;
    }
    return aud_summary_merge((*g)[i].acc, s, diag);
}

static int gacc_cmp(const void *a, const void *b)
{
    return strcmp(((const gacc *)a)->value, ((const gacc *)b)->value);
}

static aud_err group_emit(aud_bench *b, char *value, const aud_summary *acc)
{
    aud_bench_group *g = &b->groups[b->ngroups];
    memset(g, 0, sizeof *g);
    g->employers = acc->nemployers;
    g->pooled = aud_results_new();
    b->ngroups++;
    if (value && !(g->value = strdup(value))) return AUD_E_NOMEM;
    if (!g->pooled) return AUD_E_NOMEM;
    return aud_bench_pooled(acc, g->pooled);
}

static aud_err groups_finish(aud_bench *b, gacc *g, size_t ng, aud_diag *diag)
{
    qsort(g, ng, sizeof *g, gacc_cmp);
    b->groups = calloc(ng + 1, sizeof *b->groups);
    aud_summary *rest = aud_summary_new();
    if (!b->groups || !rest) { aud_summary_free(rest); return AUD_E_NOMEM; }
    aud_err e = AUD_OK;
    for (size_t i = 0; e == AUD_OK && i < ng; i++) {
        if (g[i].acc->nemployers >= AUD_BENCH_GROUP_MIN) e = group_emit(b, g[i].value, g[i].acc);
        else e = aud_summary_merge(rest, g[i].acc, diag);
    }
    if (e == AUD_OK && rest->nemployers >= AUD_BENCH_GROUP_MIN) e = group_emit(b, NULL, rest);
    else b->hidden_employers = rest->nemployers;
    aud_summary_free(rest);
    return e;
}

/* ---- build ------------------------------------------------------------- */

static const aud_sum_employer *find_focus(const aud_summary *s, const char *name)
{
    for (size_t i = 0; i < s->nemployers; i++)
        if (!strcmp(s->employers[i].name, name)) return &s->employers[i];
    return NULL;
}

static int64_t latest_period_end(const aud_summary *s)
{
    int32_t best = 0;
    for (size_t i = 0; i < s->nemployers; i++) {
        const char *p = s->employers[i].period_end;   /* checked YYYY-MM-DD */
        int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        int32_t days = aud_days_from_civil(y, (p[5] - '0') * 10 + (p[6] - '0'), (p[8] - '0') * 10 + (p[9] - '0'));
        if (days > best) best = days;
    }
    return (int64_t)best * 86400;
}

typedef struct read_ctx {
    aud_bench *b;
    const aud_options *o;
    gacc **g;
    size_t *ng;
} read_ctx;

static aud_err take_file(void *ctx, size_t index, aud_summary *s, aud_diag *diag)
{
    read_ctx *c = ctx;
    (void)index;
    AUD_TRY(aud_summary_merge(c->b->merged, s, diag));
    if (!c->o->by) return AUD_OK;
    if (!file_group(s, c->o->by)) c->b->mixed_employers += s->nemployers;
    return group_add(c->g, c->ng, s, c->o->by, diag);
}

static aud_err read_all(aud_bench *b, const char *const *files, size_t nfiles, const aud_options *o,
                        gacc **g, size_t *ng, aud_diag *diag)
{
    read_ctx c = {b, o, g, ng};
    return aud_summary_read_many(files, nfiles, take_file, &c, diag);
}

static aud_err bench_fill(aud_bench *b, const char *const *files, size_t nfiles, const aud_options *o,
                          aud_diag *diag)
{
    gacc *g = NULL;
    size_t ng = 0;
    aud_err e = read_all(b, files, nfiles, o, &g, &ng, diag);
    if (e == AUD_OK) e = aud_summary_canonicalize(b->merged);
    if (e == AUD_OK) e = aud_summary_check_unique(b->merged, diag);
    b->employers = b->merged->nemployers;
    if (e == AUD_OK && o->focus && !(b->focus = find_focus(b->merged, o->focus))) {
        e = aud_diag_set(diag, AUD_E_USAGE, NULL, 0, "--focus %s: no employer of that name in the summaries", o->focus);
        aud_diag_set_hint(diag, "the name must match the employer name of a summary exactly");
    }
    if (e == AUD_OK) e = aud_bench_pooled(b->merged, b->pooled);
    if (e == AUD_OK) e = distribution(b);
    if (e == AUD_OK && o->by) e = groups_finish(b, g, ng, diag);
    for (size_t i = 0; i < ng; i++) { free(g[i].value); aud_summary_free(g[i].acc); }
    free(g);
    b->created = o->source_date_epoch >= 0 ? o->source_date_epoch : latest_period_end(b->merged);
    return e;
}

aud_err aud_bench_build(const char *const *files, size_t nfiles, const aud_options *o,
                        aud_bench **out, aud_diag *diag)
{
    *out = NULL;
    aud_bench *b = calloc(1, sizeof *b);
    if (!b) return AUD_E_NOMEM;
    b->by = o->by;
    b->merged = aud_summary_new();
    b->pooled = aud_results_new();
    aud_err e = b->merged && b->pooled ? bench_fill(b, files, nfiles, o, diag) : AUD_E_NOMEM;
    if (e != AUD_OK) {
        if (e == AUD_E_NOMEM) aud_diag_set(diag, e, NULL, 0, "out of memory while merging summaries");
        aud_bench_free(b);
        return e;
    }
    *out = b;
    return AUD_OK;
}

void aud_bench_free(aud_bench *b)
{
    if (!b) return;
    for (size_t i = 0; i < b->ndist; i++) free(b->dist[i].id);
    free(b->dist);
    for (size_t i = 0; i < b->ngroups; i++) { free(b->groups[i].value); aud_results_free(b->groups[i].pooled); }
    free(b->groups);
    aud_results_free(b->pooled);
    aud_summary_free(b->merged);
    free(b);
}

/* ---- JSON -------------------------------------------------------------- */

static json_t *pooled_json(const aud_results *r)
{
    int bad = 0;
    json_t *o = json_object();
    bad |= json_object_set_new(o, "metrics", aud_json_results_metrics(r));
    json_t *reasons = json_object();
    for (size_t i = 0; i < r->nmetrics; i++)
        if (r->metrics[i].v.type == AUD_V_NULL && r->metrics[i].reason)
            bad |= json_object_set_new(reasons, r->metrics[i].id, json_string(r->metrics[i].reason));
    bad |= json_object_set_new(o, "reasons", reasons);
    bad |= json_object_set_new(o, "tables", aud_json_results_tables(r));
    return aud_json_unless_bad(o, bad);
}

static json_t *dist_json(const aud_bench *b)
{
    int bad = 0;
    json_t *o = json_object();
    for (size_t i = 0; i < b->ndist; i++) {
        const aud_bench_dist *d = &b->dist[i];
        json_t *x = json_object();
        bad |= json_object_set_new(x, "n", json_integer((json_int_t)d->n));
        bad |= json_object_set_new(x, "min", json_real(d->min));
        bad |= json_object_set_new(x, "p10", json_real(d->p10));
        bad |= json_object_set_new(x, "p25", json_real(d->p25));
        bad |= json_object_set_new(x, "median", json_real(d->median));
        bad |= json_object_set_new(x, "p75", json_real(d->p75));
        bad |= json_object_set_new(x, "p90", json_real(d->p90));
        bad |= json_object_set_new(x, "max", json_real(d->max));
        bad |= json_object_set_new(o, d->id, x);
    }
    return aud_json_unless_bad(o, bad);
}

static json_t *focus_json(const aud_bench *b)
{
    int bad = 0;
    json_t *o = json_object(), *m = json_object(), *p = json_object();
    bad |= json_object_set_new(o, "employer", json_string(b->focus->name));
    for (size_t i = 0; i < b->focus->nmetrics; i++) {
        const aud_sum_metric *x = &b->focus->metrics[i];
        aud_value v = {.type = x->type, .num = x->num, .i = x->i, .b = x->b};
        bad |= json_object_set_new(m, x->id, aud_json_value(&v));
    }
    for (size_t i = 0; i < b->ndist; i++)
        if (b->dist[i].has_focus) bad |= json_object_set_new(p, b->dist[i].id, json_real(b->dist[i].focus_rank));
    bad |= json_object_set_new(o, "metrics", m);
    bad |= json_object_set_new(o, "percentile", p);
    return aud_json_unless_bad(o, bad);
}

static json_t *groups_json(const aud_bench *b)
{
    int bad = 0;
    json_t *a = json_array();
    for (size_t i = 0; i < b->ngroups; i++) {
        json_t *g = json_object();
        bad |= json_object_set_new(g, "by", json_string(b->by));
        bad |= json_object_set_new(g, "value", b->groups[i].value ? json_string(b->groups[i].value) : json_null());
        if (!b->groups[i].value) bad |= json_object_set_new(g, "other", json_true());
        bad |= json_object_set_new(g, "employers", json_integer((json_int_t)b->groups[i].employers));
        bad |= json_object_set_new(g, "pooled", pooled_json(b->groups[i].pooled));
        bad |= json_array_append_new(a, g);
    }
    return aud_json_unless_bad(a, bad);
}

static json_t *employer_list_json(const aud_summary *s)
{
    int bad = 0;
    json_t *a = json_array();
    for (size_t i = 0; i < s->nemployers; i++) {
        const aud_sum_employer *e = &s->employers[i];
        json_t *o = json_object();
        bad |= json_object_set_new(o, "name", json_string(e->name));
        bad |= json_object_set_new(o, "sector", json_string(e->sector));
        bad |= json_object_set_new(o, "region", json_string(e->region));
        bad |= json_object_set_new(o, "size_band", json_string(e->size_band));
        bad |= json_object_set_new(o, "period_end", json_string(e->period_end));
        bad |= json_array_append_new(a, o);
    }
    return aud_json_unless_bad(a, bad);
}

json_t *aud_bench_to_json(const aud_bench *b)
{
    int bad = 0;
    json_t *root = json_object();
    if (!root) return NULL;
    bad |= json_object_set_new(root, "schema", json_string("musawat.benchmark/1"));
    json_t *tool = json_object();
    bad |= json_object_set_new(tool, "name", json_string("musawat"));
    bad |= json_object_set_new(tool, "version", json_string(MUSAWAT_VERSION));
    bad |= json_object_set_new(root, "tool", tool);
    bad |= json_object_set_new(root, "employers", json_integer((json_int_t)b->employers));
    bad |= json_object_set_new(root, "pooled", pooled_json(b->pooled));
    bad |= json_object_set_new(root, "distribution", dist_json(b));
    if (b->focus) bad |= json_object_set_new(root, "focus", focus_json(b));
    if (b->by) {
        bad |= json_object_set_new(root, "groups", groups_json(b));
        bad |= json_object_set_new(root, "hidden_employers", json_integer((json_int_t)b->hidden_employers));
        bad |= json_object_set_new(root, "mixed_employers", json_integer((json_int_t)b->mixed_employers));
    }
    bad |= json_object_set_new(root, "employer_list", employer_list_json(b->merged));
    return aud_json_unless_bad(root, bad);
}
