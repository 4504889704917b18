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
    out->nA = A->nrows;
    out->nB = B->nrows;
    out->gap = ybarA - ybarB;
    double q = 0, u = 0, en = 0, co = 0, in = 0;
    for (size_t j = 0; j < k; j++) {
        size_t c = cols[j];
        double bA = coef0(out->fitA.coef[j]), bB = coef0(out->fitB.coef[j]);
        double bS = coef0(out->fitP.coef[j == 0 ? 0 : j + 1]);
        double dx = xbarA[c] - xbarB[c];
        q += dx * bS;
        u += xbarA[c] * (bA - bS) + xbarB[c] * (bS - bB);
        en += dx * bB;
        co += xbarB[c] * (bA - bB);
        in += dx * (bA - bB);
        aud_block b = (aud_block)blocks[c];
        if (b < AUD_BLK__COUNT) {
            out->block_explained[b] += dx * bS;
            out->block_present[b] = true;
        }
    }
    out->explained = q;
    out->unexplained = u;
    out->endowments = en;
    out->coefficients = co;
    out->interaction = in;
    return AUD_OK;
}
