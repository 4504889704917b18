/* adjusted.h - METRICS.md §4 adjusted gap (regression) and §5 Oaxaca-Blinder.
 *
 * Pure computation: reads the dataset and the §0 measures, writes metric ids
 * and tables into the results. No I/O, no globals.
 * Ownership: all arguments are borrowed; nothing is returned to free.
 */
#ifndef AUD_ADJUSTED_H
#define AUD_ADJUSTED_H

#include "dataset.h"
#include "diag.h"
#include "measures.h"
#include "options.h"
#include "results.h"

aud_err aud_adjusted_compute(const aud_dataset *d, const aud_measures *m,
                           const aud_options *o, aud_results *r);

#endif
