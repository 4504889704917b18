/* oaxaca.c - twofold (pooled β*) and threefold Blinder-Oaxaca. */
#include "oaxaca.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_matrix.h>

void aud_oaxaca_free(aud_oaxaca *o)
{
    if (!o) return;
    aud_ols_free(&o->fitA);
    aud_ols_free(&o->fitB);
    aud_ols_free(&o->fitP);
    memset(o, 0, sizeof *o);
}

static double coef0(double c) { return isnan(c) ? 0.0 : c; }

/* Pooled fit: copy A's factor, fold B's in, regress on [intercept, group, rest]. */
static aud_err pooled_fit(aud_qracc *A, aud_qracc *B, const size_t *cols, size_t k, size_t gcol,
                          aud_ols *fit)
{
    aud_qracc P;
    AUD_TRY(aud_qracc_flush(A));
    AUD_TRY(aud_qracc_init(&P, A->q, 1));
    gsl_matrix_memcpy(P.R, A->R);
    P.nrows = A->nrows;
    size_t *pc = malloc((k + 1) * sizeof *pc);
    aud_err e = pc ? aud_qracc_merge(&P, B) : AUD_E_NOMEM;
    if (e == AUD_OK) {
        pc[0] = cols[0];
        pc[1] = gcol;
        for (size_t j = 1; j < k; j++) pc[j + 1] = cols[j];
        e = aud_ols_fit(&P, pc, k + 1, fit);
    }
    free(pc);
    aud_qracc_free(&P);
    return e;
}

/* OLS with an intercept puts the fitted plane through the means:
 * b0 = ybar - sum_{j>0} xbar_j b_j exactly. Re-deriving b0 that way removes
 * the rounding left by the triangular solve, so x̄'β̂ = ȳ and the parts add
 * up to the gap to the last bits. */
static void refine_intercept(aud_ols *f, const size_t *cols, size_t k, const double *xbar, double ybar)
{
    if (f->dropped[0]) return;
    long double s = ybar;
    for (size_t j = 1; j < k; j++) s -= (long double)xbar[cols[j]] * coef0(f->coef[j]);
    f->coef[0] = (double)s;
}

aud_err aud_oaxaca_compute(aud_qracc *A, aud_qracc *B, const double *xbarA, const double *xbarB,
                           double ybarA, double ybarB, const size_t *cols, size_t k,
                           size_t gcol, const uint8_t *blocks, aud_oaxaca *out)
{
    memset(out, 0, sizeof *out);
    if (k == 0) return AUD_E_INTERNAL;
    aud_err e = aud_ols_fit(A, cols, k, &out->fitA);
    if (e == AUD_OK) e = aud_ols_fit(B, cols, k, &out->fitB);
    if (e == AUD_OK) e = pooled_fit(A, B, cols, k, gcol, &out->fitP);
    if (e != AUD_OK) { aud_oaxaca_free(out); return e; }
    refine_intercept(&out->fitA, cols, k, xbarA, ybarA);
    refine_intercept(&out->fitB, cols, k, xbarB, ybarB);
    out->nA = A->nrows;
    out->nB = B->nrows;
    out->gap = ybarA - ybarB;
    long double q = 0, u = 0, en = 0, co = 0, in = 0;
    for (size_t j = 0; j < k; j++) {
        size_t c = cols[j];
        double bA = coef0(out->fitA.coef[j]), bB = coef0(out->fitB.coef[j]);
        double bS = coef0(out->fitP.coef[j == 0 ? 0 : j + 1]);
        long double dx = (long double)xbarA[c] - xbarB[c];
        q += dx * bS;
        u += (long double)xbarA[c] * (bA - bS) + (long double)xbarB[c] * (bS - bB);
        en += dx * bB;
        co += (long double)xbarB[c] * (bA - bB);
        in += dx * (bA - bB);
        aud_block b = (aud_block)blocks[c];
        if (b < AUD_BLK__COUNT) {
            out->block_explained[b] += (double)(dx * bS);
            out->block_present[b] = true;
        }
    }
    out->explained = (double)q;
    out->unexplained = (double)u;
    out->endowments = (double)en;
    out->coefficients = (double)co;
    out->interaction = (double)in;
    return AUD_OK;
}
