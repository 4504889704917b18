/* parity.c - METRICS.md §6 promotion, raise and hiring parity. */
#include "parity.h"

aud_err aud_parity_compute(const aud_dataset *d, const aud_measures *m,
                           const aud_options *o, aud_results *r)
{
    (void)d; (void)m; (void)o; (void)r;
    return AUD_OK;   /* filled by its own issue */
}
