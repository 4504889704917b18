/* representation.h - METRICS.md §7 representation and §8 Moroccan compliance checks.
 *
 * Pure computation: reads the dataset and the §0 measures, writes metric ids
 * and tables into the results. No I/O, no globals.
 * Ownership: all arguments are borrowed; nothing is returned to free.
 *
 * Rules this module fixes where METRICS.md leaves a choice:
 * - top10_*: population members with an annual_pay, 10 highest, ties broken
 *   by employee_id text (byte order, smaller first); fewer than 10 people
 *   means all of them. Identifiers are only compared, never written.
 * - glass_ceiling_index: the top level is CSP "ingénieurs et cadres"
 *   (csp == 3) when every population member has a known CSP and the run is
 *   not in --egapro-levels grade mode, else the highest grade (numeric order
 *   when all grades are numbers, else UTF-8 byte order). Null
 *   "no_top_level" when that level is empty or unknown, "no_women_at_top"
 *   when it has no woman. Note "glass_ceiling_top" names the level.
 * - duncan_index_*: population members with a value of the field.
 * - representation_by_grade: grades lowest to highest; without grades, the
 *   four CSPs (labels ouv, emp, tam, ic). Small cells as in paygap.h.
 * - below_smig_*: population members with pay figures whose base_pay / hours
 *   is below the SMIG by more than a relative 1e-9 (so a salary set exactly
 *   at SMIG x 191 is not reported because of rounding); null "no_smig" when
 *   no SMIG applies.
 * - maternity_returns*: women of the population with maternity_return = 1
 *   (and of those, raised_after_leave = 1).
 */
#ifndef AUD_REPRESENTATION_H
#define AUD_REPRESENTATION_H

#include "dataset.h"
#include "diag.h"
#include "measures.h"
#include "options.h"
#include "results.h"

aud_err aud_representation_compute(const aud_dataset *d, const aud_measures *m,
                           const aud_options *o, aud_results *r);

#endif
