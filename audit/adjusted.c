/* adjusted.c - METRICS.md §4 adjusted gap (regression) and §5 Oaxaca-Blinder.
 *
 * Rows stream from the column store into QR accumulators (ols.h): one per
 * sex and per "common support" flag for the standard design, so a single
 * pass serves the §4 regression (all four merged) and the §5 group and
 * pooled regressions (the common-support ones). */
#include "adjusted.h"
#include "stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_matrix.h>

#include "design.h"
#include "oaxaca.h"
#include "ols.h"

#define STD_MIN_ROWS 30
#define STD_MIN_SEX 5
#define LOGIB_MIN_ROWS 50
#define LOGIB_MIN_SEX 1


/* Everything one streaming pass produces. acc[sex][common]: sex 0 = men
 * (group A), 1 = women (group B); common = all levels occur in both sexes. */
typedef struct pass {
    aud_qracc acc[2][2];
    aud_ksum *xsum[2];          /* column sums over common rows, per sex */
    aud_ksum ysum[2];
    size_t common_rows, other_rows;
} pass;

static void pass_free(pass *P)
{
    for (int s = 0; s < 2; s++) {
        for (int c = 0; c < 2; c++) aud_qracc_free(&P->acc[s][c]);
        free(P->xsum[s]);
        P->xsum[s] = NULL;   /* freed twice otherwise: pass_init frees on failure, and so do its callers */
    }
}

static bool levels_common(const aud_design *D, const size_t *lv)
{
    for (size_t c = 0; c < D->ncat; c++)
        if (D->cat[c].count_f[lv[c]] == 0 || D->cat[c].count_m[lv[c]] == 0) return false;
    return true;
}

static aud_err pass_init(const aud_design *D, pass *P)
{
    memset(P, 0, sizeof *P);
    size_t q = D->p + 1;
    aud_err e = AUD_OK;
    for (int s = 0; s < 2 && e == AUD_OK; s++) {
        for (int c = 0; c < 2 && e == AUD_OK; c++) e = aud_qracc_init(&P->acc[s][c], q, 0);
        if (e == AUD_OK && !(P->xsum[s] = calloc(q, sizeof(aud_ksum)))) e = AUD_E_NOMEM;
    }
    if (e != AUD_OK) pass_free(P);
    return e;
}

/* Every row folded into the accumulator of its sex and support. */
static aud_err stream_by_row(const aud_design *D, const aud_dataset *d, const aud_measures *m, pass *P)
{
    double *row = malloc((D->p + 1) * sizeof *row);
    if (!row) return AUD_E_NOMEM;
    aud_err e = AUD_OK;
    size_t lv[AUD_DESIGN_MAXCAT];
    for (size_t i = 0; e == AUD_OK && i < d->wf.n; i++) {
        if (!aud_design_row(D, d, m, i, row, &row[D->p])) continue;
        int s = row[1] != 0.0;
        for (size_t c = 0; c < D->ncat; c++) lv[c] = aud_design_level(D, d, c, i);
        int c = levels_common(D, lv);
        if (c) {
            for (size_t j = 0; j < D->p; j++) aud_ksum_add(&P->xsum[s][j], row[j]);
            aud_ksum_add(&P->ysum[s], row[D->p]);
            P->common_rows++;
        } else {
            P->other_rows++;
        }
        e = aud_qracc_add(&P->acc[s][c], row);
    }
    free(row);
    return e;
}

/* Cells: rows sharing sex and every categorical level. Within a cell the
 * dummies are a constant row d, i.e. 1·dᵀ, so if Q R is the QR of the
 * cell's dense columns [1, female, continuous..., y], then Qᵀ applied to
 * the whole cell is [R | R[:,0]·dᵀ] on the same few rows. Folding those
 * rows instead of the cell's rows is the same orthogonal reduction, at a
 * fraction of the work when there are many dummies. Each occupied cell
 * keeps a small factor and a short row buffer; rows are read in order. */
#define CELL_BUF 16
#define CELL_MAX_BYTES ((size_t)256 << 20)

typedef struct cells {
    size_t nd, nd1;         /* dense columns (intercept .. last continuous); + y */
    size_t radix[AUD_DESIGN_MAXCAT];
    uint64_t nkeys;         /* 2 x product of level counts */
    uint32_t *slot;         /* key -> occupied cell + 1, 0 = empty */
    size_t ncells, cap, max_cells;
    uint64_t *key;          /* per occupied cell */
    size_t *count, *nbuf;
    uint8_t *common;        /* per occupied cell: levels occur among both sexes */
    double *R, *buf;        /* nd1 x nd1 and CELL_BUF x nd1 per cell */
    gsl_matrix *T;
} cells;

static void cells_free(cells *C)
{
    free(C->slot); free(C->key); free(C->common); free(C->count); free(C->nbuf);
    free(C->R); free(C->buf);
    if (C->T) gsl_matrix_free(C->T);
}

/* Key of a used row: mixed radix over its levels, sex in the low bit. */
static uint64_t cell_key(const aud_design *D, const cells *C, const size_t *lv, bool female)
{
    uint64_t k = 0;
    for (size_t c = D->ncat; c-- > 0;) k = k * C->radix[c] + lv[c];
    return 2 * k + female;
}

/* Whether cells can pay off (few enough level combinations); if so set
 * them up empty. They are opened as rows meet them, numbered in order of
 * first row; more than max_cells of them and the rows go one by one. */
static aud_err cells_plan(const aud_design *D, const aud_dataset *d, cells *C, bool *use)
{
    *use = false;
    C->nd = aud_design_ndense(D);
    C->nd1 = C->nd + 1;
    uint64_t k = 2;
    for (size_t c = 0; c < D->ncat; c++) {
        C->radix[c] = D->cat[c].nlevels ? D->cat[c].nlevels : 1;
        if (k > UINT32_MAX / C->radix[c]) return AUD_OK;
        k *= C->radix[c];
    }
    if (D->ncat == 0 || k > (uint64_t)d->wf.n / 2 + 65536) return AUD_OK;
    size_t per = (C->nd1 * C->nd1 + CELL_BUF * C->nd1) * sizeof(double) + 3 * sizeof(size_t);
    C->max_cells = CELL_MAX_BYTES / per;
    if (C->max_cells > d->wf.n / 8) C->max_cells = d->wf.n / 8;
    C->nkeys = k;
    C->slot = calloc(k, sizeof *C->slot);
    C->T = gsl_matrix_alloc(C->nd1, C->nd1);
    if (!C->slot || !C->T) return AUD_E_NOMEM;
    *use = true;
    return AUD_OK;
}

static aud_err cells_grow(cells *C)
{
    size_t cap = C->cap ? 2 * C->cap : 64, q = C->nd1;
    if (cap > C->max_cells) cap = C->max_cells;
    uint64_t *key = realloc(C->key, cap * sizeof *key);
    if (key) C->key = key;
    uint8_t *common = realloc(C->common, cap);
    if (common) C->common = common;
    size_t *count = realloc(C->count, cap * sizeof *count);
    if (count) C->count = count;
    size_t *nbuf = realloc(C->nbuf, cap * sizeof *nbuf);
    if (nbuf) C->nbuf = nbuf;
    double *R = realloc(C->R, cap * q * q * sizeof *R);
    if (R) C->R = R;
    double *buf = realloc(C->buf, cap * CELL_BUF * q * sizeof *buf);
    if (buf) C->buf = buf;
    if (!key || !common || !count || !nbuf || !R || !buf) return AUD_E_NOMEM;
    C->cap = cap;
    return AUD_OK;
}

/* The cell of a used row, opened if new; *full when one more cell than
 * max_cells would be needed. */
static aud_err cell_of(const aud_design *D, cells *C, const size_t *lv, bool female, size_t *cell, bool *full)
{
    uint64_t key = cell_key(D, C, lv, female);
    if (C->slot[key]) {
        *cell = C->slot[key] - 1;
        return *cell < C->ncells ? AUD_OK : AUD_E_INTERNAL;   /* slots only name opened cells */
    }
    if (C->ncells >= C->max_cells) { *full = true; return AUD_OK; }
    if (C->ncells == C->cap) AUD_TRY(cells_grow(C));
    size_t c = C->ncells++;
    C->slot[key] = (uint32_t)C->ncells;
    C->key[c] = key;
    C->common[c] = levels_common(D, lv);
    C->count[c] = C->nbuf[c] = 0;
    memset(&C->R[c * C->nd1 * C->nd1], 0, C->nd1 * C->nd1 * sizeof *C->R);
    *cell = c;
    return AUD_OK;
}

static void cell_levels(const aud_design *D, const cells *C, uint64_t key, size_t *lv)
{
    uint64_t rest = key / 2;
    for (size_t k = 0; k < D->ncat; k++) { lv[k] = rest % C->radix[k]; rest /= C->radix[k]; }
}

static aud_err cell_flush(cells *C, size_t c)
{
    if (C->nbuf[c] == 0) return AUD_OK;
    aud_ols_qr_ur(&C->R[c * C->nd1 * C->nd1], C->nd1, &C->buf[c * CELL_BUF * C->nd1], C->nd1, C->nbuf[c], C->nd1,
                  C->T->data, C->T->tda);
    C->nbuf[c] = 0;
    return AUD_OK;
}

/* Emit cell c's factor rows, dummies filled in, into its accumulator. */
static aud_err cell_emit(const aud_design *D, const cells *C, size_t c, double *out, pass *P)
{
    size_t lv[AUD_DESIGN_MAXCAT];
    cell_levels(D, C, C->key[c], lv);
    int s = (int)(C->key[c] % 2), common = C->common[c];
    size_t cnt = C->count[c];
    double dv[AUD_DESIGN_MAXCAT * 2];
    size_t dc[AUD_DESIGN_MAXCAT * 2], nd = 0;
    for (size_t k = 0; k < D->ncat; k++) {
        const aud_design_cat *K = &D->cat[k];
        if (lv[k] == K->ref) continue;
        dc[nd] = K->first_col + (lv[k] < K->ref ? lv[k] : lv[k] - 1);
        dv[nd++] = 1.0;
    }
    if (common) {
        for (size_t k = 0; k < nd; k++) aud_ksum_add(&P->xsum[s][dc[k]], (double)cnt * dv[k]);
        P->common_rows += cnt;
    } else {
        P->other_rows += cnt;
    }
    const double *R = &C->R[c * C->nd1 * C->nd1];
    aud_qracc *acc = &P->acc[s][common];
    /* Every non-zero row of R: a cell with fewer rows than columns still
     * has its mass spread over all nd1 rows (a zero column, such as female
     * among men, leaves its diagonal 0 and pushes the rest down), so
     * keeping only the first cnt rows would lose part of the cell. */
    size_t emitted = 0;
    for (size_t r = 0; r < C->nd1; r++) {
        const double *Rr = &R[r * C->nd1];
        bool zero = true;
        for (size_t j = r; j < C->nd1 && zero; j++) zero = Rr[j] == 0.0;
        if (zero) continue;
        memset(out, 0, (D->p + 1) * sizeof *out);
        memcpy(out, Rr, C->nd * sizeof *out);
        for (size_t k = 0; k < nd; k++) out[dc[k]] = Rr[0] * dv[k];
        out[D->p] = Rr[C->nd];
        AUD_TRY(aud_qracc_add(acc, out));
        emitted++;
    }
    acc->nrows += cnt;            /* the accumulator counts rows of data, */
    acc->nrows -= emitted;        /* not the factor rows standing in for them */
    return AUD_OK;
}

/* Standard design: the dense columns (1, female, age, age², seniority,
 * seniority²) are whole numbers >= 0, at most 32767² each. While a column's
 * total stays within 2^53 every partial sum is exact, so the compensated
 * sum is that integer total with a zero correction: count in integers and
 * store the same value. Beyond 8 million rows the bound could fail, and the
 * compensated sums run as they are. */
#define INT_SUM_MAX_ROWS (((uint64_t)1 << 53) / ((uint64_t)32767 * 32767))

static bool integer_sums(const aud_design *D, const aud_dataset *d)
{
    return D->model == AUD_MODEL_STANDARD && (uint64_t)d->wf.n <= INT_SUM_MAX_ROWS;
}

/* Rows folded cell by cell; *full when the cells would take too much
 * memory or be too small to pay off (P then holds partial sums). */
static aud_err stream_by_cell(const aud_design *D, const aud_dataset *d, const aud_measures *m, pass *P,
                              cells *C, double *row, bool *full)
{
    aud_err e = AUD_OK;
    size_t lv[AUD_DESIGN_MAXCAT], c = 0;
    double xy[AUD_DESIGN_DENSE_MAX + 1];
    int64_t isum[2][AUD_DESIGN_DENSE_MAX] = {{0}};
    bool ints = integer_sums(D, d);
    for (size_t i = 0; e == AUD_OK && i < d->wf.n && !*full; i++) {
        if (!aud_design_dense(D, d, m, i, xy, &xy[C->nd], lv)) continue;
        int s = xy[1] != 0.0;
        e = cell_of(D, C, lv, s, &c, full);
        if (e != AUD_OK || *full) break;
        double *b = &C->buf[(c * CELL_BUF + C->nbuf[c]) * C->nd1];
        memcpy(b, xy, C->nd1 * sizeof *b);
        C->count[c]++;
        if (C->common[c]) {      /* dummy sums come per cell, in cell_emit */
            if (ints) for (size_t j = 0; j < C->nd; j++) isum[s][j] += (int64_t)b[j];
            else for (size_t j = 0; j < C->nd; j++) aud_ksum_add(&P->xsum[s][j], b[j]);
            aud_ksum_add(&P->ysum[s], b[C->nd]);
        }
        if (++C->nbuf[c] == CELL_BUF) e = cell_flush(C, c);
    }
    for (int s = 0; ints && s < 2; s++)
        for (size_t j = 0; j < C->nd; j++) P->xsum[s][j] = (aud_ksum){(double)isum[s][j], 0.0};
    for (size_t k = 0; e == AUD_OK && !*full && k < C->ncells; k++) {
        e = cell_flush(C, k);
        if (e == AUD_OK) e = cell_emit(D, C, k, row, P);
    }
    return e;
}

static aud_err stream_rows(const aud_design *D, const aud_dataset *d, const aud_measures *m, pass *P)
{
    AUD_TRY(pass_init(D, P));
    cells C;
    memset(&C, 0, sizeof C);
    bool use = false, full = false;
    double *row = malloc((D->p + 1) * sizeof *row);
    aud_err e = row ? cells_plan(D, d, &C, &use) : AUD_E_NOMEM;
    if (e == AUD_OK && use) e = stream_by_cell(D, d, m, P, &C, row, &full);
    if (e == AUD_OK && full) {          /* start over, row by row */
        pass_free(P);
        e = pass_init(D, P);
    }
    if (e == AUD_OK && (!use || full)) e = stream_by_row(D, d, m, P);
    cells_free(&C);
    free(row);
    if (e != AUD_OK) pass_free(P);
    return e;
}

static const char *const REG_IDS[] = {
    "adjusted_gap_coef", "adjusted_gap_se", "adjusted_gap_t", "adjusted_gap_p",
    "adjusted_gap_df", "adjusted_gap_r2", "adjusted_gap_pct", "adjusted_gap_rating",
};
static const char *const OAX_IDS[] = {
    "oaxaca_gap", "oaxaca_explained", "oaxaca_unexplained", "oaxaca_unexplained_share_pct",
    "oaxaca_endowments", "oaxaca_coefficients", "oaxaca_interaction",
};

static aud_err set_nulls(aud_results *r, const char *const *ids, size_t n, const char *reason)
{
    for (size_t i = 0; i < n; i++) AUD_TRY(aud_results_set_null(r, ids[i], reason));
    return AUD_OK;
}

/* Logib rating: 1 not significant; else by K' = floor(|K| x 1000) per mille. */
static int logib_rating(double p, double kennedy)
{
    if (!(p <= 0.05)) return 1;
    double kp = floor(fabs(kennedy) * 1000.0);
    if (kp <= 25.0) return 2;
    if (kp <= 50.0) return 3;
    return 4;
}

/* "a, b, c" of the dropped columns (cols maps fit index -> design column;
 * ncols entries of it are filled, and the fit used exactly those). */
static aud_err note_dropped(aud_results *r, const char *key, const char *what, const aud_design *D,
                            const size_t *cols, size_t ncols, const aud_ols *fit)
{
    if (fit->k > ncols) return AUD_E_INTERNAL;
    for (size_t j = 0; j < fit->k; j++)
        if (cols[j] >= D->p) return AUD_E_INTERNAL;
    size_t len = strlen(what) + 64, nd = 0;
    for (size_t j = 0; j < fit->k; j++)
        if (fit->dropped[j]) { len += strlen(D->names[cols[j]]) + 2; nd++; }
    if (nd == 0) return AUD_OK;
    char *s = malloc(len);
    if (!s) return AUD_E_NOMEM;
    size_t at = (size_t)snprintf(s, len, "%s: dropped as linear combinations of earlier columns: ", what);
    const char *sep = "";
    for (size_t j = 0; j < fit->k && at < len; j++) {
        if (!fit->dropped[j]) continue;
        at += (size_t)snprintf(s + at, len - at, "%s%s", sep, D->names[cols[j]]);
        sep = ", ";
    }
    aud_err e = aud_results_note(r, key, s);
    free(s);
    return e;
}

static aud_err coef_table(aud_results *r, const aud_design *D, const aud_ols *fit)
{
    static const char *const names[] = {"term", "coef", "se", "t", "p", "dropped"};
    static const aud_colfmt fmts[] = {AUD_COL_TEXT, AUD_COL_NUMBER, AUD_COL_NUMBER,
                                      AUD_COL_NUMBER, AUD_COL_PVALUE, AUD_COL_BOOL};
    aud_table *t;
    AUD_TRY(aud_results_add_table(r, "regression_coefficients", 6, names, fmts, &t));
    for (size_t j = 0; j < D->p; j++) {
        size_t row;
        AUD_TRY(aud_table_add_row(t, &row));
        double tv = fit->coef[j] / fit->se[j];
        AUD_TRY(aud_cell_str(t, row, 0, D->names[j]));
        AUD_TRY(aud_cell_num(t, row, 1, fit->coef[j]));
        AUD_TRY(aud_cell_num(t, row, 2, fit->se[j]));
        AUD_TRY(aud_cell_num(t, row, 3, tv));
        AUD_TRY(aud_cell_num(t, row, 4, aud_ols_pvalue(tv, fit->df)));
        AUD_TRY(aud_cell_bool(t, row, 5, fit->dropped[j]));
    }
    return AUD_OK;
}

/* R² = 1 - RSS / TSS, TSS being the RSS of the intercept-only fit. */
static aud_err r_squared(aud_qracc *acc, const aud_ols *fit, double *r2)
{
    size_t c0 = 0;
    aud_ols f0;
    AUD_TRY(aud_ols_fit(acc, &c0, 1, &f0));
    *r2 = f0.rss > 0 ? 1.0 - fit->rss / f0.rss : NAN;
    aud_ols_free(&f0);
    return AUD_OK;
}

static aud_err report_fit(aud_results *r, const aud_design *D, aud_qracc *acc, const aud_ols *fit)
{
    double theta = fit->coef[1], se = fit->se[1];
    double tv = theta / se, p = aud_ols_pvalue(tv, fit->df);
    double r2;
    AUD_TRY(r_squared(acc, fit, &r2));
    if (isnan(theta)) return set_nulls(r, REG_IDS, sizeof REG_IDS / sizeof *REG_IDS, "female_aliased");
    AUD_TRY(aud_results_set_num(r, "adjusted_gap_coef", theta));
    AUD_TRY(aud_results_set_int(r, "adjusted_gap_df", (int64_t)fit->df));
    AUD_TRY(aud_results_set_num(r, "adjusted_gap_r2", r2));
    if (!(fit->df > 0) || !isfinite(se)) {
        static const char *const ids[] = {"adjusted_gap_se", "adjusted_gap_t", "adjusted_gap_p",
                                          "adjusted_gap_pct", "adjusted_gap_rating"};
        return set_nulls(r, ids, 5, "no_residual_df");
    }
    double kennedy = exp(theta - se * se / 2.0) - 1.0;
    AUD_TRY(aud_results_set_num(r, "adjusted_gap_se", se));
    AUD_TRY(aud_results_set_num(r, "adjusted_gap_t", tv));
    AUD_TRY(aud_results_set_num(r, "adjusted_gap_p", p));
    AUD_TRY(aud_results_set_num(r, "adjusted_gap_pct", 100.0 * kennedy));
    if (isfinite(p)) AUD_TRY(aud_results_set_int(r, "adjusted_gap_rating", logib_rating(p, kennedy)));
    else AUD_TRY(aud_results_set_null(r, "adjusted_gap_rating", "not_finite"));
    (void)D;
    return AUD_OK;
}

/* §4 on the factor of every row used (acc: all rows, merged). */
static aud_err regression(aud_results *r, const aud_design *D, aud_qracc *acc)
{
    AUD_TRY(aud_results_set_str(r, "adjusted_gap_model", D->model == AUD_MODEL_LOGIB ? "logib" : "standard"));
    AUD_TRY(aud_results_set_int(r, "adjusted_gap_n", (int64_t)D->rows));
    AUD_TRY(aud_results_set_int(r, "adjusted_gap_rows_excluded", (int64_t)D->excluded));
    bool logib = D->model == AUD_MODEL_LOGIB;
    size_t min_rows = logib ? LOGIB_MIN_ROWS : STD_MIN_ROWS, min_sex = logib ? LOGIB_MIN_SEX : STD_MIN_SEX;
    size_t nid = sizeof REG_IDS / sizeof *REG_IDS;
    if (D->rows < min_rows) return set_nulls(r, REG_IDS, nid, "too_few_rows");
    if (D->women < min_sex || D->men < min_sex) return set_nulls(r, REG_IDS, nid, "too_few_women_or_men");
    size_t *cols = malloc(D->p * sizeof *cols);
    if (!cols) return AUD_E_NOMEM;
    for (size_t j = 0; j < D->p; j++) cols[j] = j;
    aud_ols fit;
    aud_err e = aud_ols_fit(acc, cols, D->p, &fit);
    if (e == AUD_OK) {
        e = report_fit(r, D, acc, &fit);
        if (e == AUD_OK) e = coef_table(r, D, &fit);
        if (e == AUD_OK) e = note_dropped(r, "adjusted_gap_dropped_columns", "Adjusted-gap regression", D, cols, D->p, &fit);
        aud_ols_free(&fit);
    }
    free(cols);
    return e;
}

/* Oaxaca columns: intercept, continuous controls, and one dummy per level
 * that occurs among both sexes except the first such level (the reference
 * within the common support). Returns the count; cols has room for p. */
static size_t oaxaca_columns(const aud_design *D, size_t *cols)
{
    size_t k = 0;
    for (size_t j = 0; j < D->p; j++) {
        aud_block b = (aud_block)D->block[j];
        if (b == AUD_BLK_INTERCEPT || b == AUD_BLK_AGE || b == AUD_BLK_SENIORITY) cols[k++] = j;
    }
    for (size_t c = 0; c < D->ncat; c++) {
        const aud_design_cat *C = &D->cat[c];
        bool first = true;
        for (size_t l = 0; l < C->nlevels; l++) {
            if (C->count_f[l] == 0 || C->count_m[l] == 0) continue;
            if (first) { first = false; continue; }
            cols[k++] = C->first_col + (l < C->ref ? l : l - 1);
        }
    }
    return k;
}

static aud_err detail_table(aud_results *r, const aud_oaxaca *ox)
{
    static const char *const names[] = {"block", "explained", "share_pct"};
    static const aud_colfmt fmts[] = {AUD_COL_TEXT, AUD_COL_NUMBER, AUD_COL_PCT};
    static const aud_block blocks[] = {AUD_BLK_AGE, AUD_BLK_SENIORITY, AUD_BLK_CATEGORY,
                                       AUD_BLK_GRADE, AUD_BLK_EDUCATION};
    aud_table *t;
    AUD_TRY(aud_results_add_table(r, "oaxaca_detail", 3, names, fmts, &t));
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++) {
        if (!ox->block_present[blocks[i]]) continue;
        size_t row;
        double x = ox->block_explained[blocks[i]];
        AUD_TRY(aud_table_add_row(t, &row));
        AUD_TRY(aud_cell_str(t, row, 0, aud_block_name(blocks[i])));
        AUD_TRY(aud_cell_num(t, row, 1, x));
        AUD_TRY(aud_cell_num(t, row, 2, ox->gap != 0 ? 100.0 * x / ox->gap : NAN));
    }
    return AUD_OK;
}

static aud_err report_oaxaca(aud_results *r, const aud_oaxaca *ox)
{
    AUD_TRY(aud_results_set_num(r, "oaxaca_gap", ox->gap));
    AUD_TRY(aud_results_set_num(r, "oaxaca_explained", ox->explained));
    AUD_TRY(aud_results_set_num(r, "oaxaca_unexplained", ox->unexplained));
    if (ox->gap != 0) AUD_TRY(aud_results_set_num(r, "oaxaca_unexplained_share_pct", 100.0 * ox->unexplained / ox->gap));
    else AUD_TRY(aud_results_set_null(r, "oaxaca_unexplained_share_pct", "zero_gap"));
    AUD_TRY(aud_results_set_num(r, "oaxaca_endowments", ox->endowments));
    AUD_TRY(aud_results_set_num(r, "oaxaca_coefficients", ox->coefficients));
    AUD_TRY(aud_results_set_num(r, "oaxaca_interaction", ox->interaction));
    return detail_table(r, ox);
}

static aud_err oaxaca(aud_results *r, const aud_design *D, pass *P)
{
    size_t nA = P->acc[0][1].nrows, nB = P->acc[1][1].nrows;
    AUD_TRY(aud_results_set_int(r, "oaxaca_rows_excluded", (int64_t)P->other_rows));
    AUD_TRY(aud_results_set_int(r, "oaxaca_n_men", (int64_t)nA));
    AUD_TRY(aud_results_set_int(r, "oaxaca_n_women", (int64_t)nB));
    size_t nid = sizeof OAX_IDS / sizeof *OAX_IDS;
    if (nA + nB < STD_MIN_ROWS) return set_nulls(r, OAX_IDS, nid, "too_few_rows");
    if (nA < STD_MIN_SEX || nB < STD_MIN_SEX) return set_nulls(r, OAX_IDS, nid, "too_few_women_or_men");
    if (D->p == 0) return AUD_E_INTERNAL;   /* a design always has its intercept */
    size_t *cols = calloc(D->p, sizeof *cols);   /* oaxaca_columns fills a prefix */
    double *xa = malloc(D->p * sizeof *xa), *xb = malloc(D->p * sizeof *xb);
    aud_err e = (cols && xa && xb) ? AUD_OK : AUD_E_NOMEM;
    aud_oaxaca ox;
    if (e == AUD_OK) {
        for (size_t j = 0; j < D->p; j++) {
            xa[j] = aud_ksum_value(&P->xsum[0][j]) / (double)nA;
            xb[j] = aud_ksum_value(&P->xsum[1][j]) / (double)nB;
        }
        size_t k = oaxaca_columns(D, cols);
        e = aud_oaxaca_compute(&P->acc[0][1], &P->acc[1][1], xa, xb, aud_ksum_value(&P->ysum[0]) / (double)nA,
                               aud_ksum_value(&P->ysum[1]) / (double)nB, cols, k, 1, D->block, &ox);
        if (e == AUD_OK) {
            e = report_oaxaca(r, &ox);
            if (e == AUD_OK) e = note_dropped(r, "oaxaca_dropped_men", "Oaxaca men's regression", D, cols, k, &ox.fitA);
            if (e == AUD_OK) e = note_dropped(r, "oaxaca_dropped_women", "Oaxaca women's regression", D, cols, k, &ox.fitB);
            aud_oaxaca_free(&ox);
        }
    }
    free(cols); free(xa); free(xb);
    return e;
}

/* §4 on every row streamed: the four accumulators merged. */
static aud_err regression_all(aud_results *r, const aud_design *D, pass *P)
{
    aud_qracc all;
    aud_err e = aud_qracc_init(&all, D->p + 1, 1);
    for (int s = 0; s < 2 && e == AUD_OK; s++)
        for (int c = 0; c < 2 && e == AUD_OK; c++) e = aud_qracc_merge(&all, &P->acc[s][c]);
    if (e == AUD_OK) e = regression(r, D, &all);
    aud_qracc_free(&all);
    return e;
}

/* Standard design: one pass feeds both §4 (all rows) and §5 (common rows). */
static aud_err standard_run(const aud_dataset *d, const aud_measures *m, aud_results *r, bool main_model)
{
    aud_design D;
    AUD_TRY(aud_design_build(&D, d, m, AUD_MODEL_STANDARD));
    pass P;
    aud_err e = stream_rows(&D, d, m, &P);
    if (e != AUD_OK) { aud_design_free(&D); return e; }
    if (main_model) e = regression_all(r, &D, &P);
    if (e == AUD_OK) e = oaxaca(r, &D, &P);
    pass_free(&P);
    aud_design_free(&D);
    return e;
}

static aud_err logib_run(const aud_dataset *d, const aud_measures *m, aud_results *r)
{
    aud_design D;
    AUD_TRY(aud_design_build(&D, d, m, AUD_MODEL_LOGIB));
    aud_err e = AUD_OK;
    if (isfinite(D.mfww)) {
        char note[160];
        snprintf(note, sizeof note, "Logib standardisation: full time = %g weekly hours, the most frequent "
                 "in the datalist (the highest on a tie)", D.mfww);
        e = aud_results_note(r, "adjusted_gap_logib_mfww", note);
    }
    pass P;
    if (e == AUD_OK) e = stream_rows(&D, d, m, &P);
    if (e == AUD_OK) {
        e = regression_all(r, &D, &P);
        pass_free(&P);
    }
    aud_design_free(&D);
    return e;
}

aud_err aud_adjusted_compute(const aud_dataset *d, const aud_measures *m,
                             const aud_options *o, aud_results *r)
{
    aud_model model = aud_design_auto_model(d, o->model);
    if (model == AUD_MODEL_LOGIB) {
        AUD_TRY(logib_run(d, m, r));
        return standard_run(d, m, r, false);
    }
    return standard_run(d, m, r, true);
}
