/* sumfmt.h - the benchmark summary ("musawat.summary/1", docs/summary-format.md):
 * its data model, the strict reader, the writer and the merge.
 *
 * A summary is untrusted input from another organisation, so the reader checks
 * every field and refuses a file with AUD_E_SUMMARY and a message naming the
 * file and the field. Every additive quantity is an integer (counts, pay in
 * centimes, ln(pay) in units of 1e-9), so merging is exact, associative and
 * commutative; aud_summary_canonicalize gives rows and employers one order,
 * so merged files are byte-identical whatever the merge order.
 *
 * Ownership: aud_summary_new / aud_summary_read_* return a summary owned by
 * the caller (aud_summary_free); it owns every string and array it points to.
 * aud_summary_merge copies what it needs from `from` (which stays the caller's).
 */
#ifndef AUD_SUMFMT_H
#define AUD_SUMFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "diag.h"
#include "results.h"

#define AUD_SUMMARY_SCHEMA "musawat.summary/1"
/* Smallest group a summary shows (see aud_summary_build). */
#define AUD_SUMMARY_MIN_CELL 5
/* Histogram of pay_fte: bin k covers [100 * 1.01^k, 100 * 1.01^(k+1)) MAD a
 * year, k = 0 .. AUD_SUM_BINS-1 (up to 10 095 960 MAD), plus underflow
 * (< 100 MAD) and overflow (>= 100 * 1.01^AUD_SUM_BINS). */
#define AUD_SUM_BINS 1158
#define AUD_SUM_HIST_LO 100.0
#define AUD_SUM_HIST_STEP 1.01

/* Exact sums need more than 64 bits (squares of centimes). */
__extension__ typedef __int128 aud_i128;

typedef enum aud_sum_dim { AUD_SUM_CATEGORY = 0, AUD_SUM_AGE_BAND = 1, AUD_SUM_NDIM = 2 } aud_sum_dim;
const char *aud_sum_dim_name(aud_sum_dim d);     /* "category", "age_band" */

/* One (value, sex) group of a table. value NULL = the "other" row that
 * collects the groups under min_cell; "" = value not given. */
typedef struct aud_sum_row {
    char *value;
    int sex;                      /* AUD_SEX_F or AUD_SEX_M */
    uint64_t headcount;           /* people of the audit population */
    uint64_t paid;                /* of them, with pay figures */
    uint64_t var_recipients;      /* variable_pay > 0 */
    uint64_t promotion_known, promoted;
    uint64_t raise_known, raised;
    aud_i128 pay_sum, pay_sumsq;  /* sum of c and c^2, c = round(pay_fte * 100) */
    aud_i128 ln_sum, ln_sumsq;    /* sum of l and l^2, l = round(ln(pay_fte) * 1e9) */
} aud_sum_row;

typedef struct aud_sum_table {
    aud_sum_row *rows;
    size_t n, cap;
} aud_sum_table;

typedef struct aud_sum_hist {
    uint64_t under, over;         /* below bin 0 / above the last bin */
    uint64_t omitted;             /* paid people whose histogram was left out */
    uint64_t bins[AUD_SUM_BINS];
} aud_sum_hist;

typedef struct aud_sum_metric {
    char *id;
    aud_vtype type;               /* NULL, NUM, INT or BOOL */
    double num;
    int64_t i;
    bool b;
} aud_sum_metric;

typedef struct aud_sum_employer {
    char *name, *sector, *region, *size_band;
    char period_start[11], period_end[11];
    int64_t min_cell;
    aud_sum_metric *metrics;
    size_t nmetrics;
} aud_sum_employer;

typedef struct aud_summary {
    aud_sum_employer *employers;
    size_t nemployers, ecap;
    aud_sum_table tables[AUD_SUM_NDIM];
    uint64_t dropped[2];          /* [0] women, [1] men left out of tables and histograms */
    aud_sum_hist hist[2];         /* [0] women, [1] men */
} aud_summary;

/* Index 0 for women, 1 for men, -1 otherwise. */
int aud_sum_sex_index(int sex);
/* Histogram bin of a pay (-1 underflow, AUD_SUM_BINS overflow). */
int aud_sum_bin_of(double pay);
/* Lower edge of bin k (k may be AUD_SUM_BINS for the top edge). */
double aud_sum_bin_edge(int k);

aud_summary *aud_summary_new(void);
void aud_summary_free(aud_summary *s);

/* Find or add the (value, sex) row; value NULL = "other". */
aud_err aud_sum_table_row(aud_sum_table *t, const char *value, int sex, aud_sum_row **out);
/* Add one employer entry (strings copied); returns it for metrics. */
aud_err aud_summary_add_employer(aud_summary *s, const char *name, const char *sector,
                                 const char *region, const char *size_band,
                                 const char *start, const char *end, int64_t min_cell,
                                 aud_sum_employer **out);
aud_err aud_sum_employer_add_metric(aud_sum_employer *e, const char *id, const aud_value *v);
const aud_sum_metric *aud_sum_employer_metric(const aud_sum_employer *e, const char *id);

/* into += from. AUD_E_SUMMARY when a sum would overflow. */
aud_err aud_summary_merge(aud_summary *into, const aud_summary *from, aud_diag *diag);
/* Sort rows (value bytes, other last; F before M) and employers (name,
 * then their full content), the one order of a written summary. */
aud_err aud_summary_canonicalize(aud_summary *s);

/* After canonicalize: AUD_E_SUMMARY when one employer (name, sector, region,
 * period) appears twice, i.e. a summary would be counted twice. */
aud_err aud_summary_check_unique(const aud_summary *s, aud_diag *diag);

json_t *aud_summary_to_json(const aud_summary *s);
/* Canonicalize, serialise and write atomically. */
aud_err aud_summary_write_file(aud_summary *s, const char *path, aud_diag *diag);

/* Strict readers; `name` is the file named in messages. */
aud_err aud_summary_read_buf(const char *buf, size_t len, const char *name,
                             aud_summary **out, aud_diag *diag);
aud_err aud_summary_read_file(const char *path, aud_summary **out, aud_diag *diag);
aud_err aud_summary_from_json(json_t *root, const char *name, aud_summary **out, aud_diag *diag);

/* Read files (in parallel batches) and call each(ctx, i, summary) in file
 * order; the summary is freed after the call. Stops at the first error, whose
 * diagnostic names the file. */
aud_err aud_summary_read_many(const char *const *files, size_t n,
                              aud_err (*each)(void *ctx, size_t index, aud_summary *s, aud_diag *diag),
                              void *ctx, aud_diag *diag);

/* Decimal text of an exact sum (buf of 48 bytes). */
void aud_i128_format(aud_i128 x, char buf[48]);

#endif
