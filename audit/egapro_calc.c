/* egapro_calc.c - Egapro scoring rules over group aggregates (egapro.md). */
#include "egapro_calc.h"

#include <math.h>
#include <string.h>

/* Score tables indexed by ceil(result); any index beyond gives 0. */
static const int T1[] = {40, 39, 38, 37, 36, 35, 34, 33, 31, 29, 27, 25, 23, 21, 19,
                         17, 14, 11, 8, 5, 2, 0};
static const int T2[] = {20, 20, 20, 10, 10, 10, 5, 5, 5, 5, 5, 0};
static const int T3[] = {15, 15, 15, 10, 10, 10, 5, 5, 5, 5, 5, 0};
static const int T23[] = {35, 35, 35, 25, 25, 25, 15, 15, 15, 15, 15, 0};
static const int T5[] = {0, 0, 5, 5, 10, 10};

void aud_egcalc_sum_add(aud_egcalc_sum *k, double x)
{
    double t = k->s + x;
    if (fabs(k->s) >= fabs(x)) k->c += (k->s - t) + x;
    else k->c += (x - t) + k->s;
    k->s = t;
}

double aud_egcalc_sum_get(const aud_egcalc_sum *k) { return k->s + k->c; }

const char *aud_egcalc_fav_name(aud_eg_fav f)
{
    switch (f) {
    case AUD_EG_MEN: return "men";
    case AUD_EG_WOMEN: return "women";
    default: return "equality";
    }
}

int64_t aud_egcalc_round1_tenths(double x)
{
    double t = fabs(x) * 10.0;
    if (!(t < 1e15)) return INT64_C(1000000000000000);   /* NAN / huge: off every table */
    double r = floor(t);
    /* t - r is exact here, so ties (e.g. 2.05 * 10 == 20.5) go up. */
    if (t - r >= 0.5) r += 1.0;
    return (int64_t)r;
}

double aud_egcalc_round1(double x) { return (double)aud_egcalc_round1_tenths(x) / 10.0; }

static int lookup(const int *table, size_t len, int64_t tenths)
{
    if (tenths < 0) tenths = 0;
    int64_t k = (tenths + 9) / 10;           /* ceil(result) */
    return k < (int64_t)len ? table[k] : 0;
}

int aud_egcalc_note_i1(int64_t t) { return lookup(T1, sizeof T1 / sizeof *T1, t); }
int aud_egcalc_note_i2(int64_t t) { return lookup(T2, sizeof T2 / sizeof *T2, t); }
int aud_egcalc_note_i3(int64_t t) { return lookup(T3, sizeof T3 / sizeof *T3, t); }
int aud_egcalc_note_i2et3(int64_t t) { return lookup(T23, sizeof T23 / sizeof *T23, t); }

int aud_egcalc_note_i5(int result)
{
    return result >= 0 && result < (int)(sizeof T5 / sizeof *T5) ? T5[result] : 0;
}

bool aud_egcalc_rule40(double n_valid, double n_total)
{
    /* n_valid / n_total >= 0.4 without a division: 5 n_valid >= 2 n_total. */
    return n_total > 0 && 5.0 * n_valid >= 2.0 * n_total;
}

double aud_egcalc_seuil(double gap, double s)
{
    if (gap > 0) return gap - s > 0 ? gap - s : 0.0;
    return gap + s < 0 ? gap + s : 0.0;
}

static void ind_reset(aud_eg_ind *res, int max_points)
{
    memset(res, 0, sizeof *res);
    res->applicable = true;
    res->max_points = max_points;
    res->total = NAN;
    res->result = NAN;
    res->result2 = NAN;
}

static void ind_fail(aud_eg_ind *res, const char *reason)
{
    res->calculable = false;
    res->reason = reason;
}

/* Sign rule of indicators 1, 2, 3: equality when the rounded result is 0.0. */
static aud_eg_fav fav_rounded(double total, int64_t tenths)
{
    if (tenths == 0) return AUD_EG_EQUALITY;
    return total > 0 ? AUD_EG_MEN : AUD_EG_WOMEN;
}

static double group_gap(const aud_eg_group *g)
{
    double gap = (g->pay_men - g->pay_women) / g->pay_men * 100.0;
    /* Missing or zero pay: the group keeps its weight with a gap of 0. */
    if (!isfinite(gap) || !(g->pay_men > 0) || !(g->pay_women > 0)) return 0.0;
    return gap;
}

void aud_egcalc_i1(const aud_eg_group *g, size_t n, double s,
                   aud_eg_group_out *out, aud_eg_ind *res)
{
    ind_reset(res, 40);
    double n_valid = 0, n_total = 0;
    for (size_t i = 0; i < n; i++) {
        n_total += g[i].women + g[i].men;
        if (g[i].women >= 3 && g[i].men >= 3) n_valid += g[i].women + g[i].men;
    }
    aud_egcalc_sum k = {0, 0};
    for (size_t i = 0; i < n; i++) {
        bool valid = g[i].women >= 3 && g[i].men >= 3;
        double gap = valid ? group_gap(&g[i]) : NAN;
        double adj = valid ? aud_egcalc_seuil(gap, s) : NAN;
        double wt = valid ? (g[i].women + g[i].men) / n_valid : NAN;
        if (valid) aud_egcalc_sum_add(&k, adj * (g[i].women + g[i].men) / n_valid);
        if (out) {
            out[i].valid = valid;
            out[i].gap_pct = gap;
            out[i].adj_pct = adj;
            out[i].weight = wt;
        }
    }
    if (!aud_egcalc_rule40(n_valid, n_total)) { ind_fail(res, "egvi40pcet"); return; }
    res->calculable = true;
    res->total = aud_egcalc_sum_get(&k);
    int64_t t = aud_egcalc_round1_tenths(res->total);
    res->result = (double)t / 10.0;
    res->favours = fav_rounded(res->total, t);
    res->note = res->points = aud_egcalc_note_i1(t);
}

void aud_egcalc_i2i3(int which, const aud_eg_csp *c, size_t n, bool any_event,
                     aud_eg_group_out *out, aud_eg_ind *res)
{
    ind_reset(res, which == 2 ? 20 : 15);
    double n_valid = 0, n_total = 0;
    for (size_t i = 0; i < n; i++) {
        n_total += c[i].women + c[i].men;
        if (c[i].women >= 10 && c[i].men >= 10) n_valid += c[i].women + c[i].men;
    }
    aud_egcalc_sum k = {0, 0};
    for (size_t i = 0; i < n; i++) {
        bool valid = c[i].women >= 10 && c[i].men >= 10;
        /* Percentage points; no seuil de pertinence for indicators 2 and 3. */
        double gap = valid ? c[i].rate_men - c[i].rate_women : NAN;
        if (valid && !isfinite(gap)) gap = 0.0;
        double wt = valid ? (c[i].women + c[i].men) / n_valid : NAN;
        if (valid) aud_egcalc_sum_add(&k, gap * (c[i].women + c[i].men) / n_valid);
        if (out) {
            out[i].valid = valid;
            out[i].gap_pct = out[i].adj_pct = gap;
            out[i].weight = wt;
        }
    }
    if (!any_event) { ind_fail(res, which == 2 ? "absaugi" : "absprom"); return; }
    if (!aud_egcalc_rule40(n_valid, n_total)) { ind_fail(res, "egvi40pcet"); return; }
    res->calculable = true;
    res->total = aud_egcalc_sum_get(&k);
    int64_t t = aud_egcalc_round1_tenths(res->total);
    res->result = (double)t / 10.0;
    res->favours = fav_rounded(res->total, t);
    res->note = res->points = which == 2 ? aud_egcalc_note_i2(t) : aud_egcalc_note_i3(t);
}

void aud_egcalc_i2et3(double women, double men, double raised_women,
                      double raised_men, aud_eg_ind *res)
{
    ind_reset(res, 35);
    if (!(women >= 5 && men >= 5)) { ind_fail(res, "etsno5f5h"); return; }
    if (!(raised_women + raised_men > 0)) { ind_fail(res, "absaugi"); return; }
    double raw = raised_men / men - raised_women / women;
    int64_t pct = aud_egcalc_round1_tenths(raw * 100.0);
    int64_t emp = aud_egcalc_round1_tenths(raw * (women < men ? women : men));
    res->calculable = true;
    res->total = raw * 100.0;
    res->result = (double)pct / 10.0;
    res->result2 = (double)emp / 10.0;
    /* 2et3 takes the raw sign, with no 0.05 tolerance. */
    res->favours = raw > 0 ? AUD_EG_MEN : raw < 0 ? AUD_EG_WOMEN : AUD_EG_EQUALITY;
    int np = aud_egcalc_note_i2et3(pct), ne = aud_egcalc_note_i2et3(emp);
    res->note = res->points = np > ne ? np : ne;
}

void aud_egcalc_i4(double returned, double raised, bool raise_during_leave,
                   aud_eg_ind *res)
{
    ind_reset(res, 15);
    if (!(returned > 0)) { ind_fail(res, "absrcm"); return; }
    if (!raise_during_leave) { ind_fail(res, "absaugpdtcm"); return; }
    res->calculable = true;
    res->total = raised / returned;
    res->result = floor(100.0 * raised / returned);
    res->favours = AUD_EG_WOMEN;
    /* 15 only when every returning employee was raised. */
    res->note = res->points = raised >= returned ? 15 : 0;
}

void aud_egcalc_i5(int women, int men, aud_eg_ind *res)
{
    ind_reset(res, 10);
    if (women < 0 || men < 0 || women + men != 10) {
        ind_fail(res, "fewer_than_10_paid");
        return;
    }
    int r = women < men ? women : men;
    res->calculable = true;
    res->total = men - women;
    res->result = r;
    res->favours = men > women ? AUD_EG_MEN : women > men ? AUD_EG_WOMEN : AUD_EG_EQUALITY;
    res->note = res->points = aud_egcalc_note_i5(r);
}

void aud_egcalc_correct(const aud_eg_ind *i1, aud_eg_ind *x)
{
    if (!x->applicable || !x->calculable) return;
    if (i1->applicable && i1->calculable && i1->note < 40 && i1->favours != x->favours) {
        x->compensated = true;
        x->points = x->max_points;
    }
}

void aud_egcalc_index(const aud_eg_ind *const *inds, size_t n, aud_eg_index *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        if (!inds[i] || !inds[i]->applicable || !inds[i]->calculable) continue;
        out->points += inds[i]->points;
        out->max_points += inds[i]->max_points;
    }
    out->calculable = out->max_points >= 75;
    if (!out->calculable) return;
    /* Exact half-up on integers: 46/80 -> 57.5 -> 58. */
    out->index = (200 * out->points + out->max_points) / (2 * out->max_points);
    out->obligation = out->index < 75 ? "corrective_measures_and_objectives"
                    : out->index < 85 ? "objectives" : "none";
}

aud_eg_bracket aud_egcalc_bracket(size_t headcount, bool *indicative)
{
    if (indicative) *indicative = headcount < 50;
    return headcount <= 250 ? AUD_EG_50_250 : AUD_EG_251_PLUS;
}

const char *aud_egcalc_bracket_name(aud_eg_bracket b)
{
    return b == AUD_EG_251_PLUS ? "251+" : "50-250";
}
