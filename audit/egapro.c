/* egapro.c - METRICS.md §3 Egapro index. */
#include "egapro.h"

aud_err aud_egapro_compute(const aud_dataset *d, const aud_measures *m,
                           const aud_options *o, aud_results *r)
{
    (void)d; (void)m; (void)o; (void)r;
    return AUD_OK;   /* filled by its own issue */
}
