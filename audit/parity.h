/* parity.h - METRICS.md §6 promotion, raise and hiring parity.
 *
 * Pure computation: reads the dataset and the §0 measures, writes metric ids
 * and tables into the results. No I/O, no globals.
 * Ownership: all arguments are borrowed; nothing is returned to free.
 */
#ifndef AUD_PARITY_H
#define AUD_PARITY_H

#include "dataset.h"
#include "diag.h"
#include "measures.h"
#include "options.h"
#include "results.h"

aud_err aud_parity_compute(const aud_dataset *d, const aud_measures *m,
                           const aud_options *o, aud_results *r);

#endif
