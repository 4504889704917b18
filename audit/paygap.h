/* paygap.h - METRICS.md §1 workforce and §2 pay gaps.
 *
 * Pure computation: reads the dataset and the §0 measures, writes metric ids
 * and tables into the results. No I/O, no globals.
 * Ownership: all arguments are borrowed; nothing is returned to free.
 *
 * Rules this module fixes where METRICS.md leaves a choice:
 * - rows_read / rows_accepted / rows_rejected sum the inputs that feed
 *   workforce rows (kind workforce or logib).
 * - hires_* / exits_* count accepted workforce rows of either sex (any
 *   contract) whose hire_date / exit_date lies in [period_start, period_end].
 *   Only when the extract has no such date column are the counts taken from
 *   d->moves (previous snapshot or BDS); with neither, null "no_hire_date" /
 *   "no_exit_date".
 * - Pay figures use population members with pay figures (nopay == 0); the
 *   variable-pay gaps use recipients (variable > 0) among all population
 *   members, and the recipient shares divide by all population members of
 *   that sex (UK regs 10-12).
 * - Tables list one row per non-empty group, labels sorted by UTF-8 bytes
 *   (grades numerically when every grade is a number; bands in band order);
 *   rows whose value is missing form a last row with a null label.
 * - Small cells: in workforce_* tables (population headcounts) a sex with
 *   fewer than min_cell people (0 included) has its count suppressed;
 *   women_share_pct is suppressed when either sex is small; total stays
 *   visible. In pay_* tables n_* count people with pay figures; a small sex
 *   has its count and all its statistics suppressed, and every gap (and
 *   flag_5pct) of the row is suppressed. The quartiles table follows the
 *   workforce rule for its women / men / women_pct cells.
 * - pay_by_equal_value_group: mean_variable_* is the mean variable pay over
 *   all the group's people of that sex with pay figures (recipients or
 *   not), so total = base + variable decomposes; gap_variable_pct is its gap.
 *   flag_5pct is |gap_total_pct| >= 5 (1e-9 tolerance: "at least 5 %").
 *   eu_categories_compared counts groups with a value (not the missing row)
 *   having >= min_cell women and men with pay figures.
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
