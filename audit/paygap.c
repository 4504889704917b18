/* paygap.c - METRICS.md §1 workforce and §2 pay gaps. */
#include "paygap.h"

aud_err aud_paygap_compute(const aud_dataset *d, const aud_measures *m,
                           const aud_options *o, aud_results *r)
{
    (void)d; (void)m; (void)o; (void)r;
    return AUD_OK;   /* filled by its own issue */
}
