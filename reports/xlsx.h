/* xlsx.h - the workbook layer under the sheet writers: one context per
 * workbook holding the libxlsxwriter objects, the label table, the style
 * registry and the first error; helpers that validate every string before it
 * reaches libxlsxwriter, write typed values, track column widths, name metric
 * cells and render any results table generically.
 *
 * Errors are sticky: the first failure is kept in x->err and later calls do
 * nothing, so sheet writers read straight through and the caller checks once.
 *
 * Ownership: aud_xw borrows the dataset, options, results and labels; it owns
 * the lxw_workbook from aud_xw_open until aud_xw_close (which frees it in all
 * cases) and its scratch buffers until aud_xw_free.
 */
#ifndef AUD_XLSX_H
#define AUD_XLSX_H

#include <stddef.h>
#include <xlsxwriter.h>

#include "assess.h"
#include "dataset.h"
#include "diag.h"
#include "labels.h"
#include "options.h"
#include "results.h"
#include "styles.h"

#define AUD_XW_MAXCOLS 32
#define AUD_XW_SCRATCH 6
#define AUD_XW_MAXPARA 64
#define AUD_XW_MAX_TEXT 32767            /* Excel's cell limit, in characters */
#define AUD_XW_MAX_FINDINGS 10000        /* finding rows written; the rest are counted */
#define AUD_XW_NOTE_WIDTH 44             /* characters of the wrapped note column */

/* Columns of a metric block: label, value, status, note. */
enum { AUD_XC_LABEL = 0, AUD_XC_VALUE = 1, AUD_XC_STATUS = 2, AUD_XC_NOTE = 3 };

typedef struct aud_xsheet {
    lxw_worksheet *ws;
    char ref[200];                  /* quoted sheet name for formulas: 'Name' */
    lxw_row_t row;                  /* next free row */
    double width[AUD_XW_MAXCOLS];   /* widest content seen, in characters */
    lxw_row_t para_row[AUD_XW_MAXPARA];   /* merged paragraphs: heights set once widths are known */
    size_t para_chars[AUD_XW_MAXPARA];
    size_t npara;
} aud_xsheet;

typedef struct aud_xtable {         /* where a results table landed */
    const aud_table *t;
    lxw_row_t header;               /* header row; data rows follow */
    size_t nrows;
} aud_xtable;

typedef struct aud_xw {
    lxw_workbook *wb;
    const aud_dataset *d;
    const aud_options *o;
    const aud_results *r;
    const aud_labels *lab;
    aud_styles st;
    int rtl;
    aud_err err;
    aud_diag *diag;
    const char *path;               /* final output path, for messages */
    aud_xsheet sh;                  /* the sheet being written */
    unsigned char *named;           /* per r->metrics index: carries a defined name */
    unsigned char *shown;           /* per r->tables index: rendered on some sheet */
    char *scratch[AUD_XW_SCRATCH];
    size_t scratch_cap[AUD_XW_SCRATCH];
    unsigned scratch_next;
    unsigned ntables;
    char subtitle[600];
    char period[48];                /* "dd/mm/yyyy – dd/mm/yyyy" */
    char footer[LXW_HEADER_FOOTER_MAX + 1];
    char quartile_ref[200];         /* Summary's quartile block, for the Pay chart */
    lxw_row_t quartile_row;
    int has_quartiles;
} aud_xw;

/* --- validation (also used by the unit tests) --- */
/* Make s safe for a cell: invalid UTF-8 -> U+FFFD, control characters ->
 * space, at most max_chars characters. Result in *buf (grown as needed). */
aud_err aud_text_clean(const char *s, size_t max_chars, char **buf, size_t *cap);
size_t aud_utf8_chars(const char *s);
/* Excel sheet name rules: 1..31 characters, none of []:*?/\, no leading or
 * trailing apostrophe, valid UTF-8. */
int aud_sheet_name_ok(const char *name);
/* Defined-name rules: letters, digits, '_' and '.', starting with a letter or
 * '_', at most 255, not TRUE/FALSE, not an A1 or R1C1 reference. */
int aud_defined_name_ok(const char *name);
aud_err aud_lxw_err(lxw_error e);
/* The status of workbook_close as an aud_err: as aud_lxw_err, except that
 * its file and zip errors also cover an allocation that failed inside the C
 * library (fopen, tmpfile), which errno (sys_errno, read right after the
 * call) tells: out of memory then, exit 5, not an output failure. */
aud_err aud_lxw_close_err(lxw_error e, int sys_errno);

/* --- lifecycle --- */
aud_err aud_xw_open(aud_xw *x, const char *tmp_path);
aud_err aud_xw_close(aud_xw *x);          /* workbook_close: zips and frees */
void aud_xw_free(aud_xw *x);

/* --- primitives --- */
int aud_xw_ok(const aud_xw *x);
void aud_xw_fail(aud_xw *x, lxw_error e, const char *what);
const char *aud_xw_text(aud_xw *x, const char *s);                 /* cleaned copy */
const char *aud_xw_text_max(aud_xw *x, const char *s, size_t max_chars);
const char *aud_xw_label(const aud_xw *x, const char *key, const char *fallback);
void aud_xw_str(aud_xw *x, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f, int fit);
void aud_xw_num(aud_xw *x, lxw_row_t r, lxw_col_t c, double v, lxw_format *f);
void aud_xw_value(aud_xw *x, lxw_row_t r, lxw_col_t c, const aud_value *v, aud_colfmt fmt,
                  int is_gap, const char *reason);
void aud_xw_fit(aud_xw *x, lxw_col_t c, double chars);
void aud_xw_define(aud_xw *x, const char *id, lxw_row_t r, lxw_col_t c);
void aud_xw_range(const aud_xw *x, char *out, size_t cap, lxw_row_t r1, lxw_col_t c1,
                  lxw_row_t r2, lxw_col_t c2);

/* --- sheet structure --- */
void aud_xw_sheet_begin(aud_xw *x, const char *key);   /* "summary" -> sheet.summary, title.summary */
void aud_xw_sheet_end(aud_xw *x);
void aud_xw_section(aud_xw *x, const char *key);
void aud_xw_line(aud_xw *x, const char *text, lxw_format *f);
void aud_xw_line_key(aud_xw *x, const char *key);
/* A wrapped paragraph merged across the four block columns. */
void aud_xw_para(aud_xw *x, const char *text, lxw_format *f);

/* --- content --- */
/* One row per id present in r (label, value, light, note); absent ids are
 * skipped and, when all are absent, absent_key's line is written instead.
 * rows (may be NULL) receives each id's row, or (lxw_row_t)-1. Returns how
 * many rows were written. */
size_t aud_xw_metrics(aud_xw *x, const char *const *ids, size_t n, const char *absent_key,
                      lxw_row_t *rows);
void aud_xw_light(aud_xw *x, lxw_row_t r, lxw_col_t c, aud_light l);
/* Render results table `name`, or its absent.<name> line. 1 when rendered. */
int aud_xw_table(aud_xw *x, const char *name, aud_xtable *out);
/* Render a table that is not in x->r (data-quality and method listings). */
int aud_xw_table_t(aud_xw *x, const aud_table *t, const char *name, aud_xtable *out);
/* The notes of r whose key starts with one of prefixes, one row each (label
 * notekey.<key>, then the text). Returns how many were written. */
size_t aud_xw_notes(aud_xw *x, const char *const *prefixes, size_t n);
/* The selection ids of METRICS §6 for prefix "promotion", "raise" or "hiring". */
void aud_selection_metrics(aud_xw *x, const char *prefix);
void aud_xw_cf_gap(aud_xw *x, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2);
lxw_chart *aud_xw_chart(aud_xw *x, uint8_t type, const char *title_key);
void aud_xw_chart_insert(aud_xw *x, lxw_chart *ch, lxw_row_t r, lxw_col_t c, double xs, double ys);
/* A women-share column chart (0-100 %, one series, value labels in
 * label_fmt) over ready-made category and value ranges, inserted at (r, c). */
void aud_xw_share_chart(aud_xw *x, const char *title_key, const char *cats, const char *vals,
                        const char *label_fmt, lxw_row_t r, lxw_col_t c, double xs, double ys);

/* Sheets, in workbook order. */
void aud_sheet_summary(aud_xw *x);
void aud_sheet_workforce(aud_xw *x);
void aud_sheet_pay(aud_xw *x);
void aud_sheet_equal_value(aud_xw *x);
void aud_sheet_egapro(aud_xw *x);
void aud_sheet_adjusted(aud_xw *x);
void aud_sheet_promotions(aud_xw *x);
void aud_sheet_hiring(aud_xw *x);
void aud_sheet_quality(aud_xw *x);
void aud_sheet_method(aud_xw *x);
void aud_sheet_people(aud_xw *x);     /* only with --with-ids */

#endif
