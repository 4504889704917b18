/* summary.h - anonymised, mergeable benchmark summaries (SUMMARY.md) and the
 * sector benchmark over them.
 *
 * Ownership: borrows everything; outputs are written atomically to paths.
 */
#ifndef AUD_SUMMARY_H
#define AUD_SUMMARY_H

#include "dataset.h"
#include "diag.h"
#include "options.h"
#include "results.h"

struct aud_summary;
/* Build (without writing) the summary of one audit; the caller frees it with
 * aud_summary_free (sumfmt.h). */
aud_err aud_summary_build(const aud_dataset *d, const aud_options *o, const aud_results *r,
                          struct aud_summary **out, aud_diag *diag);
/* Write the summary of one audit ("musawat.summary/1"). */
aud_err aud_summary_write(const aud_dataset *d, const aud_options *o, const aud_results *r,
                          const char *path, aud_diag *diag);
/* `summary --merge S1 S2 ... -o OUT`: o->files are the summaries. */
aud_err aud_summary_merge_files(const aud_options *o, const char *out, aud_diag *diag);
/* `benchmark SUMMARY... -o sector.xlsx [--json F] [--focus E] [--by K]`. */
aud_err aud_benchmark_run(const aud_options *o, aud_diag *diag);

#endif
