/* design.h - the regression design of METRICS.md §4: which rows enter, and
 * each row's regressor values, without ever holding an n x p matrix.
 *
 * aud_design_build scans the dataset once to decide the columns (intercept,
 * female, the continuous controls, then one dummy per non-reference level of
 * each categorical control) and counts the rows used and left out;
 * aud_design_row then writes any row's values into a caller buffer, so the
 * regression streams rows straight from the column store.
 *
 * Standard model: population members with pay, y = ln(pay_fte); levels sorted
 * by their UTF-8 bytes, the first one the reference. Logib model (methods.md
 * §3.1): population code 1, y = ln(standardized salary); requirement level
 * and professional position with their highest code as the reference.
 *
 * Ownership: the design owns its names and level tables (aud_design_free);
 * it borrows nothing after aud_design_build returns, but aud_design_row must
 * be given the same dataset and measures.
 */
#ifndef AUD_DESIGN_H
#define AUD_DESIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataset.h"
#include "diag.h"
#include "measures.h"
#include "options.h"

/* Control blocks, also the rows of the Oaxaca detail table. */
typedef enum aud_block {
    AUD_BLK_INTERCEPT = 0, AUD_BLK_FEMALE, AUD_BLK_AGE, AUD_BLK_SENIORITY,
    AUD_BLK_TRAINING, AUD_BLK_SERVICE, AUD_BLK_EXPERIENCE,
    AUD_BLK_CATEGORY, AUD_BLK_GRADE, AUD_BLK_EDUCATION,
    AUD_BLK_REQUIREMENT, AUD_BLK_POSITION, AUD_BLK__COUNT
} aud_block;
const char *aud_block_name(aud_block b);

#define AUD_DESIGN_MAXCAT 3

/* One categorical control: its sorted levels and where its dummies sit. */
typedef struct aud_design_cat {
    aud_block block;
    size_t nlevels;         /* levels seen among the rows used */
    uint32_t *level_of;     /* key (interned id or code) -> level index + 1, 0 = unseen */
    size_t nkeys;
    uint32_t *key;          /* level index -> key */
    size_t ref;             /* reference level index */
    size_t first_col;       /* column of the first dummy */
    size_t *count_f, *count_m;  /* rows used per level and sex */
} aud_design_cat;

typedef struct aud_design {
    aud_model model;        /* AUD_MODEL_STANDARD or AUD_MODEL_LOGIB */
    size_t p;               /* columns */
    char **names;           /* p column names */
    uint8_t *block;         /* p aud_block */
    bool use_age, use_seniority;
    size_t ncat;
    aud_design_cat cat[AUD_DESIGN_MAXCAT];
    size_t rows, women, men;    /* rows used */
    size_t candidates;          /* rows that could enter (population, pay) */
    size_t excluded;            /* candidates left out for a missing value */
    double mfww;                /* Logib: modal weekly hours */
    int ref_year;               /* Logib: year of the snapshot */
    int32_t ref_date;           /* Logib: first day after the reference month */
} aud_design;

aud_err aud_design_build(aud_design *D, const aud_dataset *d, const aud_measures *m, aud_model model);
void aud_design_free(aud_design *D);

/* Fill x[0..p) and *y for workforce row i; false when the row is not used. */
bool aud_design_row(const aud_design *D, const aud_dataset *d, const aud_measures *m,
                    size_t i, double *x, double *y);

/* Dense columns: intercept, female and the continuous controls, the first
 * aud_design_ndense(D) (at most AUD_DESIGN_DENSE_MAX) columns of a row; the
 * dummies follow them. */
#define AUD_DESIGN_DENSE_MAX 6
size_t aud_design_ndense(const aud_design *D);
/* aud_design_row without the dummies: false when row i is not used, else
 * the dense columns in x, y, and the row's level in each categorical
 * control in lv[0..ncat). */
bool aud_design_dense(const aud_design *D, const aud_dataset *d, const aud_measures *m, size_t i,
                      double *x, double *y, size_t *lv);

/* Level index of row i in categorical control c (SIZE_MAX when missing). */
size_t aud_design_level(const aud_design *D, const aud_dataset *d, size_t c, size_t i);
const char *aud_design_level_name(const aud_design *D, const aud_dataset *d, size_t c,
                                  size_t level, char *buf, size_t cap);

/* Logib's derived values (exposed for tests). */
double aud_logib_years_of_training(int code);
double aud_logib_mfww(const aud_dataset *d);
double aud_logib_yearfrac(int32_t from, int32_t to);

/* The model AUTO resolves to for this dataset. */
aud_model aud_design_auto_model(const aud_dataset *d, aud_model requested);

#endif
