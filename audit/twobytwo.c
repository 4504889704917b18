/* twobytwo.c - statistics of one 2x2 selection table (METRICS.md §6,
 * methods.md §5.1-5.2). */
#include "twobytwo.h"
#include "stats.h"

#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

/* Relative tolerance of scipy's fisher_exact when comparing probabilities. */
#define FISHER_RTOL 1e-7
/* Terms smaller than exp(-80) times the observed probability change the sum
 * (which is at least 1 in those units) by less than 1e-34: stop there. */
#define FISHER_CUTOFF (-80.0)
/* Largest table total: keeps (c1 + 1) * (r1 + 1) inside 64 bits and every
 * count inside GSL's unsigned int arguments. */
#define FISHER_NMAX 2147483647ULL

double aud_normal_p2(double z)
{
    if (isnan(z)) return NAN;
    return 2.0 * gsl_cdf_ugaussian_Q(fabs(z));
}

/* Hypergeometric log-probability of x selected women given the margins:
 * r1 women, r2 men, c1 selected, lnorm = ln C(r1 + r2, c1). */
typedef struct hyper { uint64_t r1, r2, c1; double lnorm; } hyper;

static double hyper_lp(const hyper *h, uint64_t x)
{
    return gsl_sf_lnchoose((unsigned)h->r1, (unsigned)x)
         + gsl_sf_lnchoose((unsigned)h->r2, (unsigned)(h->c1 - x)) - h->lnorm;
}


/* Sum of exp(lp(x) - lp0) walking from x = from by step (+1/-1) to the end
 * `to` inclusive, while the terms matter. lp is monotone in that direction. */
static void tail_sum(const hyper *h, uint64_t from, uint64_t to, int step, double lp0, aud_ksum *k)
{
    uint64_t x = from;
    for (;;) {
        double rel = hyper_lp(h, x) - lp0;
        if (rel < FISHER_CUTOFF) break;
        aud_ksum_add(k, exp(rel));
        if (x == to) break;
        x = step > 0 ? x + 1 : x - 1;
    }
}

double aud_fisher_exact_2sided(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    uint64_t r1 = a + b, r2 = c + d, c1 = a + c, n = r1 + r2;
    if (n > FISHER_NMAX) return NAN;
    if (n == 0) return 1.0;
    hyper h = {r1, r2, c1, gsl_sf_lnchoose((unsigned)n, (unsigned)c1)};
    uint64_t lo = c1 > r2 ? c1 - r2 : 0, hi = c1 < r1 ? c1 : r1;
    uint64_t mode = (c1 + 1) * (r1 + 1) / (n + 2);
    if (mode < lo) mode = lo;
    if (mode > hi) mode = hi;
    double lp0 = hyper_lp(&h, a);
    double thr = lp0 + log1p(FISHER_RTOL);
    if (hyper_lp(&h, mode) <= thr) return 1.0;   /* observed is as likely as the mode */

    aud_ksum k = {0, 0};
    /* Left of the mode lp is non-decreasing: find the largest x <= mode
     * with lp(x) <= thr, then everything from there down qualifies. */
    if (lo < mode && hyper_lp(&h, lo) <= thr) {
        uint64_t good = lo, bad = mode;
        while (bad - good > 1) {
            uint64_t mid = good + (bad - good) / 2;
            if (hyper_lp(&h, mid) <= thr) good = mid; else bad = mid;
        }
        tail_sum(&h, good, lo, -1, lp0, &k);
    }
    /* Right of the mode lp is non-increasing: smallest x >= mode qualifying. */
    if (hi > mode && hyper_lp(&h, hi) <= thr) {
        uint64_t bad = mode, good = hi;
        while (good - bad > 1) {
            uint64_t mid = bad + (good - bad) / 2;
            if (hyper_lp(&h, mid) <= thr) good = mid; else bad = mid;
        }
        tail_sum(&h, good, hi, +1, lp0, &k);
    }
    double s = k.s + k.c;
    if (!(s > 0)) return 0.0;
    double p = exp(lp0 + log(s));
    return p > 1.0 ? 1.0 : p;
}

static void compare(aud_2x2 *t)
{
    double rf = t->rate_f, rm = t->rate_m;
    t->rate_ratio = rm > 0 ? rf / rm : NAN;
    t->why_ratio = rm > 0 ? NULL : "men_rate_zero";
    double mx = fmax(rf, rm);
    t->impact_ratio = mx > 0 ? fmin(rf, rm) / mx : NAN;
    t->why_impact = mx > 0 ? NULL : "no_selection";
    t->four_fifths = mx > 0 ? (t->impact_ratio < 0.8) : -1;

    double nf = (double)t->eligible_f, nm = (double)t->eligible_m;
    double n = nf + nm, sel = (double)(t->selected_f + t->selected_m);
    double pbar = sel / n;
    double var = pbar * (1.0 - pbar) * (1.0 / nf + 1.0 / nm);
    if (var > 0) {
        t->z = (rf - rm) / sqrt(var);
        t->z_p = aud_normal_p2(t->z);
    } else {
        t->why_z = "no_variance";
    }
    t->fisher_p = aud_fisher_exact_2sided(t->selected_f, t->eligible_f - t->selected_f,
                                          t->selected_m, t->eligible_m - t->selected_m);
    t->shortfall = nf * rm - (double)t->selected_f;
    /* expected cell counts: row total x column total / n */
    double e[4] = {nf * sel / n, nf * (n - sel) / n, nm * sel / n, nm * (n - sel) / n};
    for (int i = 0; i < 4; i++)
        if (e[i] < 5.0) t->small_sample = true;
}

void aud_2x2_compute(uint64_t eligible_f, uint64_t selected_f, uint64_t eligible_m,
                     uint64_t selected_m, aud_2x2 *t)
{
    if (selected_f > eligible_f) selected_f = eligible_f;
    if (selected_m > eligible_m) selected_m = eligible_m;
    *t = (aud_2x2){.eligible_f = eligible_f, .selected_f = selected_f,
                   .eligible_m = eligible_m, .selected_m = selected_m,
                   .rate_f = NAN, .rate_m = NAN, .rate_ratio = NAN, .impact_ratio = NAN,
                   .four_fifths = -1, .z = NAN, .z_p = NAN, .fisher_p = NAN,
                   .shortfall = NAN};
    if (eligible_f) t->rate_f = (double)selected_f / (double)eligible_f;
    else t->why_rate_f = "no_women";
    if (eligible_m) t->rate_m = (double)selected_m / (double)eligible_m;
    else t->why_rate_m = "no_men";
    const char *why = t->why_rate_f ? t->why_rate_f : t->why_rate_m;
    if (why) {
        t->why_compare = t->why_ratio = t->why_impact = t->why_z = why;
        return;
    }
    compare(t);
}
