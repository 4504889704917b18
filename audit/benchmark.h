/* benchmark.h - the sector benchmark over summaries (SUMMARY.md): the
 * distribution of each employer-level metric, the focus employer's standing,
 * pooled sector figures from the merged aggregates, and groups.
 *
 * Pure computation on aud_summary values plus the file loop of
 * aud_bench_build; the workbook is in reports/benchmark_wb.c.
 *
 * Ownership: aud_bench_build returns an aud_bench owned by the caller
 * (aud_bench_free); it owns everything it points to.
 */
#ifndef AUD_BENCHMARK_H
#define AUD_BENCHMARK_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "diag.h"
#include "options.h"
#include "results.h"
#include "sumfmt.h"

/* A group needs this many employers to be shown on its own. */
#define AUD_BENCH_GROUP_MIN 3

typedef struct aud_bench_dist {
    char *id;
    size_t n;                      /* employers with a value */
    double min, p10, p25, median, p75, p90, max;
    bool has_focus;                /* the focus employer has a value */
    double focus_value, focus_rank;
} aud_bench_dist;

typedef struct aud_bench_group {
    char *value;                   /* NULL = the small groups taken together */
    size_t employers;
    aud_results *pooled;
} aud_bench_group;

typedef struct aud_bench {
    size_t employers;
    aud_summary *merged;           /* every file merged (canonical order) */
    aud_results *pooled;
    aud_bench_dist *dist;
    size_t ndist;
    const aud_sum_employer *focus; /* into merged->employers, NULL without --focus */
    const char *by;                /* "sector", "size", "region" or NULL */
    aud_bench_group *groups;
    size_t ngroups;
    size_t hidden_employers;       /* in groups too small to show, even together */
    size_t mixed_employers;        /* in files mixing several group values */
    int64_t created;               /* document date: SOURCE_DATE_EPOCH or the latest period end */
} aud_bench;

/* Linear interpolation between order statistics on sorted data, as
 * gsl_stats_quantile_from_sorted_data: h = (n-1)p, x[floor h] + frac * step. */
double aud_bench_quantile(const double *sorted, size_t n, double p);
/* Percentile rank (mid-rank): 100 * (below + equal / 2) / n. */
double aud_bench_rank(const double *sorted, size_t n, double x);
/* Gap (M - F) / M * 100 of means given as exact sums and counts. */
double aud_bench_gap_from_sums(aud_i128 sum_m, uint64_t n_m, aud_i128 sum_f, uint64_t n_f);
/* Median of one sex (0 women, 1 men) from a histogram, geometric
 * interpolation inside the bin; NAN when empty. */
double aud_bench_hist_median(const aud_sum_hist *h);
/* Pooled sector figures of a (merged) summary into r. */
aud_err aud_bench_pooled(const aud_summary *s, aud_results *r);

aud_err aud_bench_build(const char *const *files, size_t nfiles, const aud_options *o,
                        aud_bench **out, aud_diag *diag);
void aud_bench_free(aud_bench *b);
json_t *aud_bench_to_json(const aud_bench *b);

#endif
