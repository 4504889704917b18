/* compute.h - runs every metric module once over a dataset.
 * Ownership: borrows everything; results are written into r (caller-owned).
 */
#ifndef AUD_COMPUTE_H
#define AUD_COMPUTE_H

#include "dataset.h"
#include "diag.h"
#include "options.h"
#include "results.h"

aud_err aud_compute(const aud_dataset *d, const aud_options *o, aud_results *r, aud_diag *diag);

#endif
