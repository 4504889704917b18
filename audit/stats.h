/* stats.h - small numeric building blocks shared by the metric modules:
 * compensated sums, means and medians of sorted data, O(n) radix sorts of
 * doubles, and the pay-gap formula with its not-calculable cases.
 *
 * Pure functions, no I/O, no globals. Ownership: every array is borrowed from
 * the caller; the sorts allocate scratch space internally and free it before
 * returning.
 */
#ifndef AUD_STATS_H
#define AUD_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Neumaier (improved Kahan) running sum. Zero-initialise, then add.
 * Inline: it sits in the innermost loop of every grouped mean. */
typedef struct aud_ksum { double s, c; } aud_ksum;
static inline void aud_ksum_add(aud_ksum *k, double x)
{
    double t = k->s + x;
    double as = k->s < 0 ? -k->s : k->s, ax = x < 0 ? -x : x;
    if (as >= ax) k->c += (k->s - t) + x;
    else k->c += (x - t) + k->s;
    k->s = t;
}
static inline double aud_ksum_value(const aud_ksum *k) { return k->s + k->c; }

/* Compensated mean of x[0..n); NAN when n == 0. */
double aud_stats_mean(const double *x, size_t n);
/* Median of ascending x[0..n) (mean of the two middle values when n is even),
 * through GSL; NAN when n == 0. */
double aud_stats_median_sorted(const double *x, size_t n);

/* Median of x[0..n) in O(n) by selection; may reorder x. NAN when n == 0.
 * Bit for bit the value of gsl_stats_median (radix selection when that is
 * provably the same value, GSL itself otherwise). */
double aud_stats_median_select(double *x, size_t n);

/* Sort x[0..n) ascending (no NaN allowed). Stable LSD radix sort: GSL's
 * heapsort takes about 0.3 s per million values, which the metric budget
 * (all §1-§2 figures for 10^6 employees in < 0.5 s) cannot afford. */
aud_err aud_stats_sort(double *x, size_t n);
/* Reorder idx[0..n) so that key[idx[k]] is ascending; stable (equal keys keep
 * their order in idx). key values must not be NaN. */
aud_err aud_stats_sort_index(const double *key, uint32_t *idx, size_t n);
/* Sort val[0..n) ascending, moving idx[k] along with val[k]; stable. */
aud_err aud_stats_sort_pairs(double *val, uint32_t *idx, size_t n);

/* Gap in percent of men's figure: (m - f) / m * 100 (METRICS.md §0).
 * Returns NAN when m == 0 or either is not finite. */
double aud_gap_pct(double m, double f);
/* HCP convention: (m - f) / f * 100; NAN when f == 0. */
double aud_gap_pct_hcp(double m, double f);

#endif
