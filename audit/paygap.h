/* paygap.h - METRICS.md §1 workforce and §2 pay gaps.
 *
 * Pure computation: reads the dataset and the §0 measures, writes metric ids
 * and tables into the results. No I/O, no globals.
 * Ownership: all arguments are borrowed; nothing is returned to free.
 */
#ifndef AUD_PAYGAP_H
#define AUD_PAYGAP_H

#include "dataset.h"
#include "diag.h"
#include "measures.h"
#include "options.h"
#include "results.h"

aud_err aud_paygap_compute(const aud_dataset *d, const aud_measures *m,
                           const aud_options *o, aud_results *r);

#endif
