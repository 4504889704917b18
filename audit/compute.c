/* compute.c - the one place that decides the order metrics are computed in.
 * §0 measures first (shared by all), then each section's module. */
#include "compute.h"

#include "adjusted.h"
#include "egapro.h"
#include "measures.h"
#include "parity.h"
#include "paygap.h"
#include "representation.h"

aud_err aud_compute(const aud_dataset *d, const aud_options *o, aud_results *r, aud_diag *diag)
{
    aud_measures m;
    aud_err e = aud_measures_compute(d, o, &m);
    if (e != AUD_OK) return aud_diag_set(diag, e, NULL, 0, "computing pay measures: %s", aud_strerror(e));
    r->min_cell = o->min_cell;
    struct { const char *what; aud_err (*fn)(const aud_dataset *, const aud_measures *,
                                             const aud_options *, aud_results *); } steps[] = {
        {"workforce and pay gaps", aud_paygap_compute},
        {"representation and compliance", aud_representation_compute},
        {"Egapro index", aud_egapro_compute},
        {"adjusted gap", aud_adjusted_compute},
        {"selection parity", aud_parity_compute},
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        e = steps[i].fn(d, &m, o, r);
        if (e != AUD_OK) {
            aud_diag_set(diag, e, NULL, 0, "computing %s: %s", steps[i].what, aud_strerror(e));
            break;
        }
    }
    aud_measures_free(&m);
    return e;
}
