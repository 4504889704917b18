/* oaxaca.h - Blinder-Oaxaca decomposition (METRICS.md §5, methods.md §4).
 *
 * Works on streamed QR accumulators (ols.h) of the two groups, A (men, the
 * higher-paid reference) and B (women), over one column layout that holds
 * the group dummy too: each group regression uses the column subset `cols`
 * (intercept first), and the pooled regression for the twofold β* uses the
 * same subset with the group dummy added right after the intercept (Jann;
 * Fortin; statsmodels' "pooled"). A dropped (aliased) column's coefficient
 * counts as 0 in every sum.
 *
 * Ownership: the result owns its three fits (aud_oaxaca_free); the
 * accumulators and arrays passed in are borrowed (the accumulators are only
 * flushed, never changed in content).
 */
#ifndef AUD_OAXACA_H
#define AUD_OAXACA_H

#include <stddef.h>
#include <stdint.h>

#include "design.h"
#include "diag.h"
#include "ols.h"

typedef struct aud_oaxaca {
    double gap;                     /* mean(y_A) - mean(y_B) */
    double explained, unexplained;  /* twofold, pooled β* with group dummy */
    double endowments, coefficients, interaction;   /* threefold, B's viewpoint */
    double block_explained[AUD_BLK__COUNT];
    bool block_present[AUD_BLK__COUNT];
    size_t nA, nB;
    aud_ols fitA, fitB, fitP;       /* fitP's coefficients follow pooled_cols order */
} aud_oaxaca;

/* xbarA/xbarB: column means over the accumulator layout (q - 1 entries);
 * blocks: aud_block of each layout column. */
aud_err aud_oaxaca_compute(aud_qracc *A, aud_qracc *B, const double *xbarA, const double *xbarB,
                           double ybarA, double ybarB, const size_t *cols, size_t k,
                           size_t gcol, const uint8_t *blocks, aud_oaxaca *out);
void aud_oaxaca_free(aud_oaxaca *o);

#endif
