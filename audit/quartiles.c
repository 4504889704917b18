/* quartiles.c - UK reg 13 quarters with the tie-block sharing rule. */
#include "quartiles.h"

#include <math.h>

/* Rates are compared rounded to 1e-6; beyond 1e10 a double cannot resolve
 * 1e-6 anyway, so the value itself is the key there. */
static double rate_key(double x)
{
    return fabs(x) < 1e10 ? nearbyint(x * 1e6) : x;
}

int aud_quartiles_same_rate(double a, double b) { return rate_key(a) == rate_key(b); }

/* Share the m men of a block over the bands it covers, in proportion to the
 * block's slots in each band, by largest remainder (exact integer
 * arithmetic: remainders are (m * slots) mod L), ties to the lower band. */
static void share_block(size_t m, size_t L, const size_t slots[4], size_t men[4])
{
    size_t given = 0;
    uint64_t rem[4];
    for (int k = 0; k < 4; k++) {
        uint64_t num = (uint64_t)m * slots[k];
        men[k] = (size_t)(num / L);
        rem[k] = num % L;
        given += men[k];
    }
    while (given < m) {
        int best = -1;
        for (int k = 0; k < 4; k++)
            if (slots[k] > men[k] && rem[k] > 0 && (best < 0 || rem[k] > rem[best])) best = k;
        if (best < 0) break;           /* cannot happen: sum of quotas is m */
        men[best]++;
        rem[best] = 0;
        given++;
    }
}

/* Adds the block [a, b) holding m men to the bands it covers; most blocks
 * lie inside one band (k, the band of a), which then simply takes them, as
 * share_block would. */
static void add_block(size_t a, size_t b, size_t m, size_t k, const size_t start[5],
                      aud_quartile_band band[4])
{
    if (b <= start[k + 1]) {
        band[k].men += m;
        band[k].women += b - a - m;
        return;
    }
    size_t slots[4], men[4];
    for (int j = 0; j < 4; j++) {
        size_t lo = a > start[j] ? a : start[j];
        size_t hi = b < start[j + 1] ? b : start[j + 1];
        slots[j] = hi > lo ? hi - lo : 0;
    }
    share_block(m, b - a, slots, men);
    for (int j = 0; j < 4; j++) {
        band[j].men += men[j];
        band[j].women += slots[j] - men[j];
    }
}

void aud_quartiles_compute(const double *rate, const uint8_t *is_man, size_t n,
                           aud_quartile_band band[4])
{
    size_t start[5];
    size_t q = n / 4, r = n % 4;
    start[0] = 0;
    for (int k = 0; k < 4; k++) {
        band[k].size = q + ((size_t)k < r ? 1 : 0);
        band[k].women = band[k].men = 0;
        start[k + 1] = start[k] + band[k].size;
        band[k].min_rate = band[k].size ? rate[start[k]] : NAN;
        band[k].max_rate = band[k].size ? rate[start[k + 1] - 1] : NAN;
    }
    size_t a = 0, k = 0;
    double key = n ? rate_key(rate[0]) : 0, next = 0;
    while (a < n) {
        size_t b = a + 1, m = is_man[a] ? 1 : 0;
        while (b < n && (next = rate_key(rate[b])) == key) { m += is_man[b] ? 1 : 0; b++; }
        while (a >= start[k + 1]) k++;             /* the band of a */
        add_block(a, b, m, k, start, band);
        a = b;
        key = next;                                 /* each rate's key is taken once */
    }
}
