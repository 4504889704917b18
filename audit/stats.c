/* stats.c - compensated sums, medians, radix sorts, gap formulas. */
#include "stats.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

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

static double bits_value(uint64_t k)
{
    uint64_t u = (k & 0x8000000000000000ull) ? (k & ~0x8000000000000000ull) : ~k;
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

/* ---- radix selection ------------------------------------------------ *
 * The median by GSL's quickselect costs about 15 ns a value at 10^6 values,
 * and the pay tables take a dozen medians of that total size. Radix
 * selection reads the values without moving them: a pass for the key range,
 * one for a histogram of the next SEL_BITS key bits, one to keep the values
 * whose digit holds the wanted rank (usually a few hundred), repeated on
 * those until few remain. Two values with the same key are the same double
 * unless they are zeros of opposite sign, so the result is GSL's to the bit
 * whenever both middle values are non-zero; otherwise, and when a NaN is
 * present, GSL decides on the untouched input. */
#define SEL_BITS 12
#define SEL_SIZE (1u << SEL_BITS)
#define SELECT_RADIX_MIN 2048       /* below this, quickselect in cache is as fast */

typedef struct selstep {
    const double *x;
    size_t n, lhs, rhs;             /* rhs == lhs or lhs + 1 */
    int shift;
    uint64_t base;                  /* key >> shift of the smallest key */
} selstep;

static size_t digit_of(const selstep *s, double v)
{
    return (size_t)((key_bits(v) >> s->shift) - s->base);
}

/* Key range of s->x; false when all keys are equal (or a NaN is present:
 * *nan set), else fills shift and base. */
static bool sel_range(selstep *s, bool *nan)
{
    uint64_t lo = UINT64_MAX, hi = 0;
    for (size_t i = 0; i < s->n; i++) {
        uint64_t k = key_bits(s->x[i]);
        lo = k < lo ? k : lo;
        hi = k > hi ? k : hi;
    }
    *nan = hi > key_bits(INFINITY) || lo < key_bits(-INFINITY);   /* NaNs of either sign */
    if (*nan || lo == hi) return false;
    int top = 63;
    while (!((lo ^ hi) >> top)) top--;
    s->shift = top + 1 - SEL_BITS < 0 ? 0 : top + 1 - SEL_BITS;
    s->base = lo >> s->shift;
    return true;
}

/* The middle values when rank lhs ends digit d and rhs opens the next
 * non-empty digit e: the largest of d and the smallest of e. */
static void sel_straddle(const selstep *s, size_t d, size_t e, double out[2])
{
    uint64_t mx = 0, mn = UINT64_MAX;
    for (size_t i = 0; i < s->n; i++) {
        size_t g = digit_of(s, s->x[i]);
        uint64_t k = key_bits(s->x[i]);
        if (g == d && k > mx) mx = k;
        if (g == e && k < mn) mn = k;
    }
    out[0] = bits_value(mx);
    out[1] = bits_value(mn);
}

/* Values of rank lhs and rhs of x[0..n) into out; false when GSL must
 * decide (a NaN, or no memory). *buf: scratch, allocated at the first
 * narrowing to the values of one digit (each later one is smaller). */
static bool radix_middle(selstep s, double **buf, double out[2])
{
    for (;;) {
        bool nan;
        if (!sel_range(&s, &nan)) {
            out[0] = out[1] = s.x[0];
            return !nan;
        }
        uint32_t cnt[SEL_SIZE] = {0};
        for (size_t i = 0; i < s.n; i++) cnt[digit_of(&s, s.x[i])]++;
        size_t below = 0, d = 0;
        while (below + cnt[d] <= s.lhs) below += cnt[d++];
        if (s.rhs != s.lhs && below + cnt[d] == s.rhs) {
            size_t e = d + 1;
            while (!cnt[e]) e++;
            sel_straddle(&s, d, e, out);
            return true;
        }
        if (!*buf && !(*buf = malloc(cnt[d] * sizeof **buf))) return false;
        double *b = *buf;
        size_t m = 0;
        for (size_t i = 0; i < s.n; i++)          /* in place once s.x == b */
            if (digit_of(&s, s.x[i]) == d) b[m++] = s.x[i];
        s.x = b; s.n = m; s.lhs -= below; s.rhs -= below;
        if (m < SELECT_RADIX_MIN) {
            out[0] = gsl_stats_select(b, 1, m, s.lhs);
            out[1] = s.rhs == s.lhs ? out[0] : gsl_stats_select(b, 1, m, s.rhs);
            return true;
        }
    }
}

double aud_stats_median_select(double *x, size_t n)
{
    if (n == 0) return NAN;
    if (n < SELECT_RADIX_MIN || n > UINT32_MAX) return gsl_stats_median(x, 1, n);
    double *buf = NULL, mid[2];
    selstep s = {x, n, (n - 1) / 2, n / 2, 0, 0};
    bool ok = radix_middle(s, &buf, mid) && mid[0] != 0 && mid[1] != 0;
    free(buf);
    if (!ok) return gsl_stats_median(x, 1, n);
    return n % 2 ? mid[0] : (mid[0] + mid[1]) * 0.5;
}

/* Stable LSD radix sort of k[0..n) on the bits [lo, lo + 11 * passes) of the
 * keys, moving payload p (may be NULL) along. 11-bit digits keep the counters
 * in L1; a pass where every key has the same digit is skipped. */
#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)
#define RADIX_MASK (RADIX_SIZE - 1)
static aud_err radix_pass_set(uint64_t *k, uint32_t *p, size_t n, int lo, int passes,
                              uint64_t *k2, uint32_t *p2)
{
    size_t (*cnt)[RADIX_SIZE] = calloc((size_t)passes, sizeof *cnt);
    if (!cnt) return AUD_E_NOMEM;
    for (size_t i = 0; i < n; i++)
        for (int b = 0; b < passes; b++) cnt[b][(k[i] >> (lo + RADIX_BITS * b)) & RADIX_MASK]++;
    uint64_t *src = k, *dst = k2;
    uint32_t *ps = p, *pd = p2;
    for (int b = 0; b < passes; b++) {
        size_t *c = cnt[b];
        int sh = lo + RADIX_BITS * b;
        if (c[(src[0] >> sh) & RADIX_MASK] == n) continue;
        size_t pos = 0;
        for (unsigned v = 0; v < RADIX_SIZE; v++) { size_t t = c[v]; c[v] = pos; pos += t; }
        for (size_t i = 0; i < n; i++) {
            size_t at = c[(src[i] >> sh) & RADIX_MASK]++;
            dst[at] = src[i];
            if (p) pd[at] = ps[i];
        }
        uint64_t *tk = src; src = dst; dst = tk;
        uint32_t *tp = ps; ps = pd; pd = tp;
    }
    if (src != k) {
        memcpy(k, src, n * sizeof *k);
        if (p) memcpy(p, ps, n * sizeof *p);
    }
    free(cnt);
    return AUD_OK;
}

/* Stable insertion sort of a short run by the full key. */
static void insertion_sort(uint64_t *k, uint32_t *p, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint64_t key = k[i];
        uint32_t pay = p ? p[i] : 0;
        size_t j = i;
        while (j > 0 && k[j - 1] > key) { k[j] = k[j - 1]; if (p) p[j] = p[j - 1]; j--; }
        k[j] = key;
        if (p) p[j] = pay;
    }
}

/* Stable sort of 64-bit keys in two stages: radix on the high 32 bits (three
 * passes instead of six: for pay, the high bits already separate nearly
 * every pair), then each run of equal high halves is finished on the low
 * bits: insertion sort when short, radix on the low 32 bits when long, so
 * no input can make it quadratic. */
#define RUN_INSERTION_MAX 32
static aud_err radix_sort(uint64_t *k, uint32_t *p, size_t n)
{
    if (n < 2) return AUD_OK;
    /* a short array: the radix passes' counting tables would cost more */
    if (n <= RUN_INSERTION_MAX) { insertion_sort(k, p, n); return AUD_OK; }
    uint64_t *k2 = malloc(n * sizeof *k2);
    uint32_t *p2 = p ? malloc(n * sizeof *p2) : NULL;
    if (!k2 || (p && !p2)) { free(k2); free(p2); return AUD_E_NOMEM; }
    aud_err e = radix_pass_set(k, p, n, 32, 3, k2, p2);
    for (size_t a = 0; a < n && e == AUD_OK;) {
        size_t b = a + 1;
        while (b < n && (k[b] >> 32) == (k[a] >> 32)) b++;
        if (b - a > RUN_INSERTION_MAX)
            e = radix_pass_set(k + a, p ? p + a : NULL, b - a, 0, 3, k2, p2);
        else if (b - a > 1)
            insertion_sort(k + a, p ? p + a : NULL, b - a);
        a = b;
    }
    free(k2); free(p2);
    return e;
}

aud_err aud_stats_sort(double *x, size_t n)
{
    return aud_stats_sort_pairs(x, NULL, n);
}

aud_err aud_stats_sort_pairs(double *val, uint32_t *idx, size_t n)
{
    if (n < 2) return AUD_OK;
    uint64_t *k = malloc(n * sizeof *k);
    if (!k) return AUD_E_NOMEM;
    for (size_t i = 0; i < n; i++) k[i] = key_bits(val[i]);
    aud_err e = radix_sort(k, idx, n);
    if (e == AUD_OK)
        for (size_t i = 0; i < n; i++) val[i] = bits_value(k[i]);
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
