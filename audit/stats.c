/* stats.c - compensated sums, medians, radix sorts, gap formulas. */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

void aud_ksum_add(aud_ksum *k, double x)
{
    double t = k->s + x;
    if (fabs(k->s) >= fabs(x)) k->c += (k->s - t) + x;
    else k->c += (x - t) + k->s;
    k->s = t;
}

double aud_ksum_value(const aud_ksum *k) { return k->s + k->c; }

double aud_stats_mean(const double *x, size_t n)
{
    if (n == 0) return NAN;
    aud_ksum k = {0, 0};
    for (size_t i = 0; i < n; i++) aud_ksum_add(&k, x[i]);
    return aud_ksum_value(&k) / (double)n;
}

double aud_stats_median_sorted(const double *x, size_t n)
{
    if (n == 0) return NAN;
    return gsl_stats_median_from_sorted_data(x, 1, n);
}

/* Order-preserving map of a double onto an unsigned integer: flip every bit
 * of negatives, only the sign bit of positives. */
static uint64_t key_bits(double x)
{
    uint64_t u;
    if (x == 0) x = 0.0;          /* -0 and +0 sort together */
    memcpy(&u, &x, sizeof u);
    return (u & 0x8000000000000000ull) ? ~u : (u | 0x8000000000000000ull);
}

/* Stable LSD radix sort of keys k with payload p (may be NULL), 8 bits a
 * pass; passes where every key has the same byte are skipped. */
static aud_err radix_sort(uint64_t *k, uint32_t *p, size_t n)
{
    if (n < 2) return AUD_OK;
    size_t (*cnt)[256] = calloc(8, sizeof *cnt);
    uint64_t *k2 = malloc(n * sizeof *k2);
    uint32_t *p2 = p ? malloc(n * sizeof *p2) : NULL;
    if (!cnt || !k2 || (p && !p2)) { free(cnt); free(k2); free(p2); return AUD_E_NOMEM; }
    for (size_t i = 0; i < n; i++)
        for (int b = 0; b < 8; b++) cnt[b][(k[i] >> (8 * b)) & 0xff]++;
    for (int b = 0; b < 8; b++) {
        size_t *c = cnt[b];
        if (c[(k[0] >> (8 * b)) & 0xff] == n) continue;
        size_t pos = 0;
        for (int v = 0; v < 256; v++) { size_t t = c[v]; c[v] = pos; pos += t; }
        for (size_t i = 0; i < n; i++) {
            size_t at = c[(k[i] >> (8 * b)) & 0xff]++;
            k2[at] = k[i];
            if (p) p2[at] = p[i];
        }
        memcpy(k, k2, n * sizeof *k);
        if (p) memcpy(p, p2, n * sizeof *p);
    }
    free(cnt); free(k2); free(p2);
    return AUD_OK;
}

aud_err aud_stats_sort(double *x, size_t n)
{
    if (n < 2) return AUD_OK;
    uint64_t *k = malloc(n * sizeof *k);
    if (!k) return AUD_E_NOMEM;
    for (size_t i = 0; i < n; i++) k[i] = key_bits(x[i]);
    aud_err e = radix_sort(k, NULL, n);
    if (e == AUD_OK)
        for (size_t i = 0; i < n; i++) {
            uint64_t u = (k[i] & 0x8000000000000000ull) ? (k[i] & ~0x8000000000000000ull) : ~k[i];
            memcpy(&x[i], &u, sizeof u);
        }
    free(k);
    return e;
}

aud_err aud_stats_sort_index(const double *key, uint32_t *idx, size_t n)
{
    if (n < 2) return AUD_OK;
    uint64_t *k = malloc(n * sizeof *k);
    if (!k) return AUD_E_NOMEM;
    for (size_t i = 0; i < n; i++) k[i] = key_bits(key[idx[i]]);
    aud_err e = radix_sort(k, idx, n);
    free(k);
    return e;
}

double aud_gap_pct(double m, double f)
{
    if (!isfinite(m) || !isfinite(f) || m == 0) return NAN;
    return (m - f) / m * 100.0;
}

double aud_gap_pct_hcp(double m, double f)
{
    if (!isfinite(m) || !isfinite(f) || f == 0) return NAN;
    return (m - f) / f * 100.0;
}
