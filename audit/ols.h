/* ols.h - ordinary least squares through a streamed QR factor.
 *
 * Rows of [X y] are fed one at a time into an accumulator that keeps only the
 * (p+1) x (p+1) triangular factor R of everything seen so far: rows are
 * buffered in blocks and folded in with GSL's triangular-on-top QR
 * (R_new = R of [R; block]), so XᵀX is never formed and memory does not grow
 * with the number of rows. Because R is an orthogonal image of [X y], any
 * column subset of R fits the same regression as that subset of X, and two
 * accumulators over disjoint rows merge into the factor of their union.
 *
 * Fitting follows R's lm: Householder QR without pivoting, except that a
 * column whose remaining norm is below 1e-7 of its original norm (a linear
 * combination of the kept columns before it) is dropped.
 *
 * Ownership: an aud_qracc owns its GSL matrices (aud_qracc_free); an aud_ols
 * owns its arrays (aud_ols_free). Inputs are borrowed.
 */
#ifndef AUD_OLS_H
#define AUD_OLS_H

#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_matrix.h>

#include "diag.h"

#define AUD_OLS_TOL 1e-7

typedef struct aud_qracc {
    size_t q;          /* columns: p regressors then y */
    size_t block;      /* rows per buffered block */
    size_t nbuf;       /* rows waiting in buf */
    size_t nrows;      /* rows added in total */
    gsl_matrix *R;     /* q x q upper triangular factor of the rows folded so far */
    gsl_matrix *buf;   /* up to block x q: grows as rows are buffered */
    gsl_matrix *T;     /* q x q block reflector workspace */
} aud_qracc;

/* One triangle-on-top QR step: [S; A] = Q [R; 0] with R written over the
 * upper triangle of S (N x N, row stride lds) and A (M x N, row stride lda)
 * left holding Householder vectors; T is N x N scratch (row stride ldt).
 * It performs, in the same order, exactly the floating-point operations of
 * GSL's recursive gsl_linalg_QR_UR_decomp over its reference CBLAS, so the
 * factor is the same to the last bit, without the per-call cost of matrix
 * views and BLAS dispatch that dominates for the small blocks folded here
 * (the block reflector of the outermost call, which nobody reads, is not
 * formed). */
void aud_ols_qr_ur(double *S, size_t lds, double *A, size_t lda, size_t M, size_t N, double *T, size_t ldt);

/* q = p + 1 columns (y last). block 0 picks a size suited to q. */
aud_err aud_qracc_init(aud_qracc *a, size_t q, size_t block);
/* Append one row of q values (regressors then y). */
aud_err aud_qracc_add(aud_qracc *a, const double *row);
/* Fold the buffered rows into R (fitting calls it; idempotent). */
aud_err aud_qracc_flush(aud_qracc *a);
/* dst := factor of the rows of dst and src together (src is flushed first). */
aud_err aud_qracc_merge(aud_qracc *dst, aud_qracc *src);
void aud_qracc_free(aud_qracc *a);

typedef struct aud_ols {
    size_t k;          /* regressors fitted (the column subset) */
    size_t n;          /* rows */
    size_t rank;       /* kept columns */
    double df;         /* n - rank */
    double *coef;      /* k; NAN for a dropped column */
    double *se;        /* k; NAN for a dropped column or df = 0 */
    bool *dropped;     /* k */
    double rss;        /* residual sum of squares */
    double sigma2;     /* rss / df (NAN when df = 0) */
} aud_ols;

/* Fit y on the columns cols[0..k) of the accumulator (indices < q - 1), in
 * that order, with lm's dropping rule. */
aud_err aud_ols_fit(aud_qracc *a, const size_t *cols, size_t k, aud_ols *out);
void aud_ols_free(aud_ols *o);

/* Two-sided p-value of t on df degrees of freedom (NAN when undefined). */
double aud_ols_pvalue(double t, double df);

#endif
