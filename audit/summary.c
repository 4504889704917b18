/* summary.c - SUMMARY.md: summaries, merging, benchmark. */
#include "summary.h"

aud_err aud_summary_write(const aud_dataset *d, const aud_options *o, const aud_results *r,
                          const char *path, aud_diag *diag)
{
    (void)d; (void)o; (void)r;
    return aud_diag_set(diag, AUD_E_INTERNAL, path, 0, "summaries are not available in this build yet");
}

aud_err aud_summary_merge_files(const aud_options *o, const char *out, aud_diag *diag)
{
    (void)o;
    return aud_diag_set(diag, AUD_E_INTERNAL, out, 0, "summaries are not available in this build yet");
}

aud_err aud_benchmark_run(const aud_options *o, aud_diag *diag)
{
    (void)o;
    return aud_diag_set(diag, AUD_E_INTERNAL, NULL, 0, "benchmark is not available in this build yet");
}
