/* results.h - every computed figure of one run: scalar metrics by id and
 * tables by name, in insertion order (which is the JSON order).
 *
 * Metric modules write here; the JSON twin, the workbook and the summary all
 * read from here, so a figure is computed once and shown everywhere.
 *
 * Ownership: aud_results_new returns an object owned by the caller
 * (aud_results_free). Every string passed in is copied, into blocks the
 * results own (a run stores a few hundred ids, labels and cells: one
 * allocation each cost more than the figures). Pointers returned by getters
 * are borrowed, valid until aud_results_free.
 */
#ifndef AUD_RESULTS_H
#define AUD_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "strtab.h"

typedef enum aud_vtype {
    AUD_V_NULL = 0,        /* not calculable (metric: see reason) / empty cell */
    AUD_V_NUM,             /* double */
    AUD_V_INT,             /* integer count */
    AUD_V_BOOL,
    AUD_V_STR,
    AUD_V_SUPPRESSED       /* small cell: JSON null, workbook "< N" */
} aud_vtype;

typedef struct aud_value {
    aud_vtype type;
    double num;
    int64_t i;
    bool b;
    const char *str;       /* in the results' string table */
} aud_value;

/* How a table column is shown in the workbook (JSON ignores it). */
typedef enum aud_colfmt {
    AUD_COL_TEXT = 0, AUD_COL_COUNT, AUD_COL_MONEY, AUD_COL_PCT, AUD_COL_RATIO,
    AUD_COL_NUMBER, AUD_COL_PVALUE, AUD_COL_BOOL
} aud_colfmt;

typedef struct aud_metric {
    const char *id;
    aud_value v;
    const char *reason;    /* reason code when v is NULL, else NULL */
} aud_metric;

typedef struct aud_table {
    aud_strtab *strings;   /* the owning results' string table */
    const char *name;
    size_t ncols;
    const char **col_names;
    aud_colfmt *col_fmts;
    size_t nrows, cap;
    aud_value *cells;      /* nrows * ncols, row-major */
} aud_table;

typedef struct aud_results {
    aud_metric *metrics; size_t nmetrics, mcap;
    uint32_t *mindex; size_t mslots;   /* open-addressing index: 1 + metric number, 0 = empty */
    aud_table **tables; size_t ntables, tcap;
    /* notes for the Method / Data-quality sheets: key -> text (e.g. dropped
     * regression columns, "categories stand in for CSPs") */
    aud_metric *notes; size_t nnotes, ncap;
    int min_cell;          /* threshold behind AUD_V_SUPPRESSED cells */
    aud_strtab *strings;   /* every string above, each stored once */
} aud_results;

aud_results *aud_results_new(void);
void aud_results_free(aud_results *r);

/* Set (or overwrite) a scalar metric. A non-finite number becomes NULL with
 * reason "not_finite". */
aud_err aud_results_set_num(aud_results *r, const char *id, double x);
aud_err aud_results_set_int(aud_results *r, const char *id, int64_t x);
aud_err aud_results_set_bool(aud_results *r, const char *id, bool b);
aud_err aud_results_set_str(aud_results *r, const char *id, const char *s);
aud_err aud_results_set_null(aud_results *r, const char *id, const char *reason);

const aud_metric *aud_results_get(const aud_results *r, const char *id);
/* Convenience: the number (NUM or INT) of id, or NAN when absent/null. */
double aud_results_num(const aud_results *r, const char *id);

/* Tables. col_fmts may be NULL (all TEXT). Creating an existing name fails. */
aud_err aud_results_add_table(aud_results *r, const char *name, size_t ncols,
                              const char *const *col_names, const aud_colfmt *col_fmts,
                              aud_table **out);
const aud_table *aud_results_table(const aud_results *r, const char *name);
/* Append a row (all cells NULL) and return its index. */
aud_err aud_table_add_row(aud_table *t, size_t *row);
aud_value *aud_table_cell(aud_table *t, size_t row, size_t col);
const aud_value *aud_table_cell_c(const aud_table *t, size_t row, size_t col);
int aud_table_col(const aud_table *t, const char *name);   /* -1 when absent */
aud_err aud_cell_num(aud_table *t, size_t row, size_t col, double x);  /* non-finite -> NULL */
aud_err aud_cell_int(aud_table *t, size_t row, size_t col, int64_t x);
aud_err aud_cell_bool(aud_table *t, size_t row, size_t col, bool b);
aud_err aud_cell_str(aud_table *t, size_t row, size_t col, const char *s);
void aud_cell_suppress(aud_table *t, size_t row, size_t col);

/* Notes: free text keyed by an id, shown on the method / quality sheets. */
aud_err aud_results_note(aud_results *r, const char *key, const char *text);

#endif
