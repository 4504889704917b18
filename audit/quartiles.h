/* quartiles.h - UK Gender Pay Gap Regulations 2017 reg 13 pay quarters, as
 * METRICS.md §2 and reference/methods.md §1.6 fix them:
 *  - band sizes q = N div 4, the N mod 4 extra people to the lowest bands;
 *  - rates equal at 1e-6 form a block; a block straddling a boundary is
 *    shared so each band gets the block's sex ratio: men by largest
 *    remainder of m * slots_k / L (ties to the lower band), women fill the
 *    rest. Never a tie order by sex or id, never percentile cut points.
 *
 * Pure; all arrays are borrowed from the caller, nothing is allocated.
 */
#ifndef AUD_QUARTILES_H
#define AUD_QUARTILES_H

#include <stddef.h>
#include <stdint.h>

typedef struct aud_quartile_band {
    size_t size, women, men;
    double min_rate, max_rate;   /* NAN when the band is empty */
} aud_quartile_band;

/* rate[0..n) ascending; is_man[k] != 0 when the k-th ranked person is a man
 * (a woman otherwise). band[0] is the lowest quarter. */
void aud_quartiles_compute(const double *rate, const uint8_t *is_man, size_t n,
                           aud_quartile_band band[4]);

/* true when two hourly rates count as equal for reg 13(2). */
int aud_quartiles_same_rate(double a, double b);

#endif
