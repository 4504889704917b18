/* adjusted.c - METRICS.md §4 adjusted gap (regression) and §5 Oaxaca-Blinder. */
#include "adjusted.h"

aud_err aud_adjusted_compute(const aud_dataset *d, const aud_measures *m,
                           const aud_options *o, aud_results *r)
{
    (void)d; (void)m; (void)o; (void)r;
    return AUD_OK;   /* filled by its own issue */
}
