/* ols.c - streamed QR least squares with lm's column-dropping rule. */
#include "ols.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

/* The QR step's helpers are expanded into a copy of it per small width,
 * where the loop bounds are constants the compiler unrolls. */
#if defined(__GNUC__)
#define INLINE inline __attribute__((always_inline))
#else
#define INLINE inline
#endif

/* Two-norm of x[0], x[inc], ... (m values) by the scaled sum of squares of
 * the reference BLAS dnrm2: the same rounding as the GSL routine mirrored below. */
static double nrm2(const double *x, size_t m, size_t inc)
{
    if (m == 0) return 0.0;
    if (m == 1) return fabs(x[0]);
    double scale = 0.0, ssq = 1.0;
    for (size_t i = 0; i < m; i++) {
        double v = x[i * inc];
        if (v == 0.0) continue;
        double av = fabs(v);
        if (scale < av) {
            ssq = 1.0 + ssq * (scale / av) * (scale / av);
            scale = av;
        } else {
            ssq += (av / scale) * (av / scale);
        }
    }
    return scale * sqrt(ssq);
}

/* Householder reflector zeroing the column v (m values, stride inc) below
 * the diagonal element *v0; returns tau, v becomes the reflector's tail. */
static double house(double *v0, double *v, size_t m, size_t inc)
{
    double xnorm = nrm2(v, m, inc);
    if (xnorm == 0.0) return 0.0;
    double alpha = *v0;
    double beta = (alpha >= 0.0 ? -1.0 : 1.0) * hypot(alpha, xnorm);
    double tau = (beta - alpha) / beta, s = alpha - beta;
    if (fabs(s) > DBL_MIN) {
        double r = 1.0 / s;
        for (size_t i = 0; i < m; i++) v[i * inc] *= r;
    } else {                       /* scaled twice so 1/s cannot overflow */
        double r1 = DBL_EPSILON / s, r2 = 1.0 / DBL_EPSILON;
        for (size_t i = 0; i < m; i++) v[i * inc] *= r1;
        for (size_t i = 0; i < m; i++) v[i * inc] *= r2;
    }
    *v0 = beta;
    return tau;
}

/* C (n1 x n2) += F^T G over m rows (F m x n1, G m x n2). Each element of C
 * takes its m products in row order, skipping zero multipliers, as the
 * reference dgemm does; the sums are kept in registers, four columns at a
 * time, instead of going through memory once per row. */
static INLINE void gemm_tn(size_t m, size_t n1, size_t n2, const double *restrict F, size_t ldf,
                           const double *restrict G, size_t ldg, double *restrict C, size_t ldc)
{
    for (size_t i = 0; i < n1; i++) {
        double *c = &C[i * ldc];
        size_t j = 0;
        for (; j + 4 <= n2; j += 4) {
            double c0 = c[j], c1 = c[j + 1], c2 = c[j + 2], c3 = c[j + 3];
            for (size_t k = 0; k < m; k++) {
                double t = F[k * ldf + i];
                if (t == 0.0) continue;
                const double *g = &G[k * ldg + j];
                c0 += t * g[0]; c1 += t * g[1]; c2 += t * g[2]; c3 += t * g[3];
            }
            c[j] = c0; c[j + 1] = c1; c[j + 2] = c2; c[j + 3] = c3;
        }
        for (; j < n2; j++) {
            double cj = c[j];
            for (size_t k = 0; k < m; k++) {
                double t = F[k * ldf + i];
                if (t != 0.0) cj += t * G[k * ldg + j];
            }
            c[j] = cj;
        }
    }
}

/* A2 (m x n2) -= A1 W (A1 m x n1, W n1 x n2): each element takes its n1
 * products in order, zero multipliers skipped, as the reference dgemm. */
static INLINE void gemm_sub(size_t m, size_t n1, size_t n2, const double *restrict A1, double *restrict A2,
                            size_t lda, const double *restrict W, size_t ldw)
{
    for (size_t i = 0; i < m; i++) {
        const double *restrict a1 = &A1[i * lda];
        double *restrict a2 = &A2[i * lda];
        for (size_t k = 0; k < n1; k++) {
            double t = -1.0 * a1[k];
            if (t == 0.0) continue;
            const double *w = &W[k * ldw];
            for (size_t j = 0; j < n2; j++) a2[j] += t * w[j];
        }
    }
}

static void qr_ur(double *S, size_t lds, double *A, size_t lda, size_t M, size_t N, double *T, size_t ldt,
                  bool need_t);

/* The recursion of QR_UR (Elmroth-Gustavson, triangle on top). need_t:
 * the caller reads this call's T (the right halves of the outermost call
 * never are). */
static INLINE void qr_body(double *S, size_t lds, double *A, size_t lda, size_t M, size_t N, double *T,
                           size_t ldt, bool need_t)
{
    if (N == 1) {
        T[0] = house(S, A, M, lda);
        return;
    }
    size_t N1 = N / 2, N2 = N - N1;
    double *S12 = S + N1, *S22 = S + N1 * lds + N1, *A2 = A + N1, *T12 = T + N1, *T22 = T + N1 * ldt + N1;
    qr_ur(S, lds, A, lda, M, N1, T, ldt, true);
    /* W := T11^T (S12 + A1^T A2), in T12. */
    for (size_t i = 0; i < N1; i++)
        for (size_t j = 0; j < N2; j++) T12[i * ldt + j] = S12[i * lds + j];
    gemm_tn(M, N1, N2, A, lda, A2, lda, T12, ldt);
    for (size_t i = N1; i-- > 0;)
        for (size_t j = 0; j < N2; j++) {
            double t = 0.0;
            for (size_t k = 0; k < i; k++) t += T[k * ldt + i] * T12[k * ldt + j];
            t += T[i * ldt + i] * T12[i * ldt + j];
            T12[i * ldt + j] = t;
        }
    /* A2 -= A1 W (each element summed over W's rows in order), S12 -= W. */
    gemm_sub(M, N1, N2, A, A2, lda, T12, ldt);
    for (size_t i = 0; i < N1; i++)
        for (size_t j = 0; j < N2; j++) S12[i * lds + j] = S12[i * lds + j] - T12[i * ldt + j];
    qr_ur(S22, lds, A2, lda, M, N2, T22, ldt, need_t);
    if (!need_t) return;
    /* T12 := -T11 (A1^T A2) T22. */
    for (size_t i = 0; i < N1; i++)
        for (size_t j = 0; j < N2; j++) T12[i * ldt + j] = 0.0;
    gemm_tn(M, N1, N2, A, lda, A2, lda, T12, ldt);
    for (size_t i = 0; i < N1; i++)
        for (size_t j = 0; j < N2; j++) {
            double t = T[i * ldt + i] * T12[i * ldt + j];
            for (size_t k = i + 1; k < N1; k++) t += T[i * ldt + k] * T12[k * ldt + j];
            T12[i * ldt + j] = -1.0 * t;
        }
    for (size_t i = 0; i < N1; i++)
        for (size_t j = N2; j-- > 0;) {
            double t = 0.0;
            for (size_t k = 0; k < j; k++) t += T22[k * ldt + j] * T12[i * ldt + k];
            t += T22[j * ldt + j] * T12[i * ldt + j];
            T12[i * ldt + j] = t;
        }
}

/* Copies of the step for the widths a cell block has (dense columns + y). */
#define QR_FIXED(NN) \
    static void qr_ur_##NN(double *S, size_t lds, double *A, size_t lda, size_t M, double *T, size_t ldt, \
                           bool need_t) \
    { qr_body(S, lds, A, lda, M, NN, T, ldt, need_t); }
QR_FIXED(2)
QR_FIXED(3)
QR_FIXED(4)
QR_FIXED(5)
QR_FIXED(6)
QR_FIXED(7)

static void qr_ur(double *S, size_t lds, double *A, size_t lda, size_t M, size_t N, double *T, size_t ldt,
                  bool need_t)
{
    switch (N) {
    case 1: T[0] = house(S, A, M, lda); return;
    case 2: qr_ur_2(S, lds, A, lda, M, T, ldt, need_t); return;
    case 3: qr_ur_3(S, lds, A, lda, M, T, ldt, need_t); return;
    case 4: qr_ur_4(S, lds, A, lda, M, T, ldt, need_t); return;
    case 5: qr_ur_5(S, lds, A, lda, M, T, ldt, need_t); return;
    case 6: qr_ur_6(S, lds, A, lda, M, T, ldt, need_t); return;
    case 7: qr_ur_7(S, lds, A, lda, M, T, ldt, need_t); return;
    default: qr_body(S, lds, A, lda, M, N, T, ldt, need_t); return;
    }
}

void aud_ols_qr_ur(double *S, size_t lds, double *A, size_t lda, size_t M, size_t N, double *T, size_t ldt)
{
    if (M == 0 || N == 0) return;
    qr_ur(S, lds, A, lda, M, N, T, ldt, false);
}

/* The buffer starts with room for QRACC_FIRST_ROWS rows and doubles up to
 * the block as rows come: a regression over a few dozen rows (a small
 * employer, one group) no longer allocates four blocks of 512 rows. Rows are
 * folded only when a whole block is buffered (or at a flush), exactly as with
 * a buffer allocated whole, so the factor is the same to the last bit. */
#define QRACC_FIRST_ROWS 32u

static aud_err buf_grow(aud_qracc *a)
{
    size_t cap = a->buf->size1 * 2;
    if (cap > a->block) cap = a->block;
    gsl_matrix *nb = gsl_matrix_alloc(cap, a->q);
    if (!nb) return AUD_E_NOMEM;
    memcpy(nb->data, a->buf->data, a->nbuf * a->q * sizeof *nb->data);
    gsl_matrix_free(a->buf);
    a->buf = nb;
    return AUD_OK;
}

aud_err aud_qracc_init(aud_qracc *a, size_t q, size_t block)
{
    memset(a, 0, sizeof *a);
    if (q == 0) return AUD_E_INTERNAL;
    /* Blocks several times taller than wide keep the triangular part's
     * share of the work small while the buffer stays a few MB at most. */
    if (block == 0) block = q * 8 < 512 ? 512 : q * 8;
    a->q = q;
    a->block = block;
    a->R = gsl_matrix_calloc(q, q);
    a->buf = gsl_matrix_alloc(block < QRACC_FIRST_ROWS ? block : QRACC_FIRST_ROWS, q);
    a->T = gsl_matrix_alloc(q, q);
    if (!a->R || !a->buf || !a->T) { aud_qracc_free(a); return AUD_E_NOMEM; }
    return AUD_OK;
}

void aud_qracc_free(aud_qracc *a)
{
    if (!a) return;
    if (a->R) gsl_matrix_free(a->R);
    if (a->buf) gsl_matrix_free(a->buf);
    if (a->T) gsl_matrix_free(a->T);
    memset(a, 0, sizeof *a);
}

aud_err aud_qracc_flush(aud_qracc *a)
{
    if (a->nbuf == 0) return AUD_OK;
    aud_ols_qr_ur(a->R->data, a->R->tda, a->buf->data, a->buf->tda, a->nbuf, a->q, a->T->data, a->T->tda);
    a->nbuf = 0;
    return AUD_OK;
}

aud_err aud_qracc_add(aud_qracc *a, const double *row)
{
    if (a->nbuf == a->buf->size1) AUD_TRY(buf_grow(a));
    double *dst = gsl_matrix_ptr(a->buf, a->nbuf, 0);
    memcpy(dst, row, a->q * sizeof *row);
    a->nbuf++;
    a->nrows++;
    if (a->nbuf == a->block) return aud_qracc_flush(a);
    return AUD_OK;
}

aud_err aud_qracc_merge(aud_qracc *dst, aud_qracc *src)
{
    if (dst->q != src->q) return AUD_E_INTERNAL;
    AUD_TRY(aud_qracc_flush(dst));
    AUD_TRY(aud_qracc_flush(src));
    gsl_matrix *S = gsl_matrix_alloc(src->q, src->q);
    if (!S) return AUD_E_NOMEM;
    gsl_matrix_memcpy(S, src->R);
    int rc = gsl_linalg_QR_UU_decomp(dst->R, S, dst->T);
    gsl_matrix_free(S);
    dst->nrows += src->nrows;
    return rc == GSL_SUCCESS ? AUD_OK : AUD_E_INTERNAL;
}

void aud_ols_free(aud_ols *o)
{
    if (!o) return;
    free(o->coef); free(o->se); free(o->dropped);
    memset(o, 0, sizeof *o);
}

double aud_ols_pvalue(double t, double df)
{
    if (!isfinite(t) || !(df > 0)) return NAN;
    return 2.0 * gsl_cdf_tdist_Q(fabs(t), df);
}

/* Householder QR of M (m x (k+1), y last) without pivoting, except that
 * columns falling below tol of their original norm are skipped (LINPACK
 * dqrdc2, as R's lm uses). kept[] receives the kept column indices; the
 * triangular factor ends in the first *rank rows of those columns. */
static void qr_limited_pivot(gsl_matrix *M, size_t k, bool *dropped, size_t *kept, size_t *rank)
{
    size_t m = M->size1, r = 0;
    for (size_t j = 0; j < k; j++) {
        gsl_vector_view col = gsl_matrix_column(M, j);
        double orig = gsl_blas_dnrm2(&col.vector);
        if (orig == 0.0) orig = 1.0;
        dropped[j] = true;
        if (r >= m) continue;
        gsl_vector_view v = gsl_matrix_subcolumn(M, j, r, m - r);
        if (gsl_blas_dnrm2(&v.vector) < AUD_OLS_TOL * orig) continue;
        double tau = gsl_linalg_householder_transform(&v.vector);
        gsl_matrix_view rest = gsl_matrix_submatrix(M, r, j + 1, m - r, k - j);
        gsl_linalg_householder_hm(tau, &v.vector, &rest.matrix);
        dropped[j] = false;
        kept[r++] = j;
    }
    *rank = r;
}

static aud_err alloc_fit(aud_ols *out, size_t k)
{
    memset(out, 0, sizeof *out);
    size_t sz = k ? k : 1;
    out->coef = malloc(sz * sizeof *out->coef);
    out->se = malloc(sz * sizeof *out->se);
    out->dropped = calloc(sz, sizeof *out->dropped);
    if (!out->coef || !out->se || !out->dropped) { aud_ols_free(out); return AUD_E_NOMEM; }
    out->k = k;
    for (size_t j = 0; j < k; j++) out->coef[j] = out->se[j] = NAN;
    return AUD_OK;
}

/* Coefficients by back substitution and their classical standard errors
 * from the inverse of the kept triangular factor. */
static aud_err solve_kept(const gsl_matrix *M, size_t k, const size_t *kept, size_t rank, aud_ols *out)
{
    if (rank == 0) return AUD_OK;
    gsl_matrix *Rk = gsl_matrix_calloc(rank, rank);
    gsl_vector *b = gsl_vector_alloc(rank);
    if (!Rk || !b) {
        if (Rk) gsl_matrix_free(Rk);
        if (b) gsl_vector_free(b);
        return AUD_E_NOMEM;
    }
    for (size_t i = 0; i < rank; i++) {
        for (size_t l = i; l < rank; l++) gsl_matrix_set(Rk, i, l, gsl_matrix_get(M, i, kept[l]));
        gsl_vector_set(b, i, gsl_matrix_get(M, i, k));
    }
    gsl_blas_dtrsv(CblasUpper, CblasNoTrans, CblasNonUnit, Rk, b);
    int rc = gsl_linalg_tri_invert(CblasUpper, CblasNonUnit, Rk);
    for (size_t i = 0; i < rank; i++) {
        out->coef[kept[i]] = gsl_vector_get(b, i);
        if (rc != GSL_SUCCESS || !(out->df > 0)) continue;
        gsl_vector_view row = gsl_matrix_subrow(Rk, i, i, rank - i);
        double nr = gsl_blas_dnrm2(&row.vector);
        out->se[kept[i]] = sqrt(out->sigma2) * nr;
    }
    gsl_matrix_free(Rk);
    gsl_vector_free(b);
    return AUD_OK;
}

aud_err aud_ols_fit(aud_qracc *a, const size_t *cols, size_t k, aud_ols *out)
{
    AUD_TRY(alloc_fit(out, k));
    aud_err e = aud_qracc_flush(a);
    if (e != AUD_OK) { aud_ols_free(out); return e; }
    size_t m = a->q, yc = a->q - 1;
    gsl_matrix *M = gsl_matrix_alloc(m, k + 1);
    size_t *kept = malloc((k ? k : 1) * sizeof *kept);
    if (!M || !kept) {
        if (M) gsl_matrix_free(M);
        free(kept); aud_ols_free(out);
        return AUD_E_NOMEM;
    }
    for (size_t i = 0; i < m; i++) {
        for (size_t j = 0; j < k; j++) gsl_matrix_set(M, i, j, gsl_matrix_get(a->R, i, cols[j]));
        gsl_matrix_set(M, i, k, gsl_matrix_get(a->R, i, yc));
    }
    size_t rank = 0;
    qr_limited_pivot(M, k, out->dropped, kept, &rank);
    double rss = 0.0;
    for (size_t i = rank; i < m; i++) { double v = gsl_matrix_get(M, i, k); rss += v * v; }
    out->n = a->nrows;
    out->rank = rank;
    out->rss = rss;
    out->df = (double)a->nrows - (double)rank;
    out->sigma2 = out->df > 0 ? rss / out->df : NAN;
    e = solve_kept(M, k, kept, rank, out);
    gsl_matrix_free(M);
    free(kept);
    if (e != AUD_OK) aud_ols_free(out);
    return e;
}
