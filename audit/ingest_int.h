/* ingest_int.h - state shared by the ingest driver (ingest.c) and the row
 * consumer (ingest_rows.c); not part of the library interface.
 *
 * Ownership: an ing_run lives for one aud_ingest call and owns the template
 * set, the vocabulary and the id flags; an ing_file lives for one input and
 * owns its header map, caches and pending ambiguous amounts.
 */
#ifndef AUD_INGEST_INT_H
#define AUD_INGEST_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "dataset.h"
#include "headers.h"
#include "options.h"
#include "rowsrc.h"
#include "strtab.h"
#include "values.h"

/* Ids are unique within a file (EXTRACT.md): per interned id (d->ids) and
 * per target, the 1-based index of the last input that accepted it. */
enum { ING_SEEN_WF = 0, ING_SEEN_AP = 1, ING_SEEN_PREV = 2 };

typedef struct ing_run {
    aud_dataset *d;
    const aud_options *o;
    const aud_tplset *tpl;
    int forced;               /* template index forced by --template, or -1 */
    const aud_vocab *vocab;
    uint32_t *seen[3];
    size_t seen_cap[3];
    bool bds_given;           /* a BDS file is among the inputs: it may supply base_pay */
} ing_run;

/* Cache of a vocabulary answer per distinct raw value. */
#define ING_RECENT 256           /* two-slot sets */
#define ING_TEXT_FIELDS 8     /* category grade job department site contract education channel */

/* A value of a text column seen recently: its interned id and bytes. */
typedef struct ing_recent { const char *s; uint32_t n, id; } ing_recent;

typedef struct ing_memo { char s[14]; uint8_t n; int8_t val; } ing_memo;

typedef struct ing_cache {
    aud_strtab *t;
    int8_t *val;
    size_t cap;
    ing_memo memo[8];         /* short values seen last, checked before the table */
} ing_cache;

/* An amount whose separator the column's majority decides (values.h). */
typedef struct ing_pending {
    size_t row;
    int64_t dec, alt;
    uint8_t field;
    char sep;
    bool to_base;             /* annual amount also stands for the monthly base pay */
} ing_pending;

typedef struct ing_money_col {
    uint64_t votes_dot, votes_comma;
    ing_pending *p;
    size_t n, cap;
} ing_money_col;

typedef enum ing_target { ING_WF = 0, ING_AP, ING_PREV } ing_target;

/* A cell as the row consumer reads it: trimmed, --map-value applied. */
typedef struct ing_cell { const char *s; size_t n; } ing_cell;

/* What the CSV reading thread works out for a row once the header is known
 * (aud_row_prep): the cell of every mapped field and the parse of the
 * fields whose parsing is costly; ingest_rows.c reads these instead of
 * parsing again, with the same functions, so prepared or not a row means
 * the same. */
enum { ING_PREP_MONEY = 6, ING_PREP_DATES = 4 };

typedef struct ing_prep {
    aud_money money[ING_PREP_MONEY];
    int32_t date[ING_PREP_DATES];
    double fte;
    int32_t years[2];         /* full years at the period end: birth, hire date */
    uint64_t id_hash, cnss_hash;  /* aud_strtab_hash of the id cell, of the CNSS digits */
    char cnss[10];
    int8_t money_st[ING_PREP_MONEY], date_st[ING_PREP_DATES], fte_st, cnss_st;
    bool filled;              /* some cell is not blank (ing_row's first test) */
    ing_cell cell[];          /* per mapped field, by ing_file.prep_slot */
} ing_prep;

typedef struct ing_file {
    ing_run *run;
    uint32_t input;
    const char *path;
    bool forced_applicants, previous, xlsx;
    aud_diag *diag;
    /* after the header */
    bool have_header;
    int title_rows;           /* one-cell rows skipped above the header */
    aud_header_map map;
    const char **headers;     /* copies owned by the input's columns */
    aud_file_kind kind;
    ing_target target;
    bool logib;
    size_t first_row;
    ing_money_col money[AUD_F__COUNT];
    ing_cache sex_cache, yesno_cache, stage_cache, csp_cache;
    bool xmark[AUD_F__COUNT], explicit_no[AUD_F__COUNT];
    uint64_t numeric_sex_rejects;
    /* recent interned values per text field, slot chosen by a few bytes of
     * the value: categorical columns repeat a handful of values */
    ing_recent recent_text[ING_TEXT_FIELDS][ING_RECENT];
    int8_t *csp_of;           /* per category id: csp + 2, 0 = not classified yet */
    size_t csp_cap;
    /* row pending acceptance */
    ing_pending rowp[8];
    size_t nrowp;
    /* preparation on the reading thread (CSV) */
    aud_row_prep prep;
    int16_t prep_slot[AUD_F__COUNT];  /* cell index in ing_prep, or -1 */
    int nprep;
} ing_file;

/* Turn on row preparation for f once its header is mapped. */
void ing_prep_enable(ing_file *f);

aud_err ing_row(void *ctx, const aud_row *row);
aud_err ing_file_finish(ing_file *f);
void ing_file_free(ing_file *f);

#endif
