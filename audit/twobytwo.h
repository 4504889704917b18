/* twobytwo.h - one 2x2 selection table (women/men x selected/not) and every
 * statistic METRICS.md §6 reports on it: rates, rate ratio, impact ratio and
 * four-fifths flag, pooled two-proportion z test, Fisher's exact test
 * (two-sided, scipy's definition), shortfall and a small-sample flag.
 *
 * Written once here so promotion, raise, hiring and every by-group table use
 * the same arithmetic. Pure functions, no allocation.
 * Ownership: results are returned by value in caller-owned structs.
 */
#ifndef AUD_TWOBYTWO_H
#define AUD_TWOBYTWO_H

#include <stdbool.h>
#include <stdint.h>

/* Every double is NAN when not calculable; `why_*` then names the reason
 * code (static strings), NULL when the value is defined. */
typedef struct aud_2x2 {
    uint64_t eligible_f, selected_f, eligible_m, selected_m;
    double rate_f, rate_m;       /* selected / eligible, in [0, 1] */
    double rate_ratio;           /* rate_f / rate_m */
    double impact_ratio;         /* min(rate) / max(rate) */
    int four_fifths;             /* 1 when impact_ratio < 0.8, 0 otherwise, -1 undefined */
    double z, z_p;               /* pooled z (women minus men), two-sided normal p */
    double fisher_p;             /* Fisher's exact, two-sided */
    double shortfall;            /* eligible_f * rate_m - selected_f */
    bool small_sample;           /* some expected cell count < 5 */
    const char *why_rate_f, *why_rate_m, *why_ratio, *why_impact, *why_z, *why_compare;
} aud_2x2;

/* Fill t from the four counts (selected_s <= eligible_s is required; larger
 * selections are clamped to the eligible count). */
void aud_2x2_compute(uint64_t eligible_f, uint64_t selected_f, uint64_t eligible_m,
                     uint64_t selected_m, aud_2x2 *t);

/* Fisher's exact test, two-sided, for the table [[a, b], [c, d]]: the sum of
 * the hypergeometric probabilities of every table with the same margins whose
 * probability is at most (1 + 1e-7) times the observed one. Works in log space
 * (n up to 2^32 - 1). Returns NAN when the total exceeds that. */
double aud_fisher_exact_2sided(uint64_t a, uint64_t b, uint64_t c, uint64_t d);

/* Two-sided p of a standard normal statistic: 2 Q(|z|). */
double aud_normal_p2(double z);

#endif
