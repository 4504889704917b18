/* compute.c - the one place that decides the order metrics are computed in.
 * §0 measures first (shared by all), then each section's module.
 *
 * The modules only read the dataset and the measures, so the pay gaps (the
 * longest) run on a second thread while this one runs the others into a
 * results object of their own, absorbed afterwards: metrics, tables and
 * notes end up in the order of the sequential run, byte for byte. For small
 * datasets, or when no thread can be started, everything runs here in that
 * order. */
#include "compute.h"

#include <pthread.h>
#include <stdbool.h>

#include "adjusted.h"
#include "egapro.h"
#include "measures.h"
#include "parity.h"
#include "paygap.h"
#include "representation.h"

typedef aud_err (*step_fn)(const aud_dataset *, const aud_measures *, const aud_options *, aud_results *);

static const struct { const char *what; step_fn fn; } steps[] = {
    {"workforce and pay gaps", aud_paygap_compute},
    {"representation and compliance", aud_representation_compute},
    {"Egapro index", aud_egapro_compute},
    {"adjusted gap", aud_adjusted_compute},
    {"selection parity", aud_parity_compute},
};
#define NSTEPS (sizeof steps / sizeof *steps)
#define SPLIT 1   /* steps [0, SPLIT) on the second thread, the rest here */
/* Below this many people the whole computation takes milliseconds: a thread
 * would cost more than it saves (like the reader, which starts its second
 * thread from 4 MB of input on). */
#define THREAD_MIN_ROWS 50000

/* Steps [from, to) in order, stopping at the first failure (*failed = its index). */
typedef struct span {
    const aud_dataset *d;
    const aud_measures *m;
    const aud_options *o;
    aud_results *r;
    size_t from, to, failed;
    aud_err e;
} span;

static void run_span(span *s)
{
    s->e = AUD_OK;
    for (size_t i = s->from; i < s->to; i++) {
        s->e = steps[i].fn(s->d, s->m, s->o, s->r);
        if (s->e != AUD_OK) { s->failed = i; return; }
    }
}

static void *span_thread(void *arg)
{
    run_span(arg);
    return NULL;
}

/* Both halves at once; AUD_E_NOMEM only when the second half could not be
 * set up (nothing has run then). */
static aud_err run_split(span *a, span *b, aud_results *r)
{
    aud_results *rb = aud_results_new();
    if (!rb) return AUD_E_NOMEM;
    rb->min_cell = r->min_cell;
    b->r = rb;
    pthread_t th;
    if (pthread_create(&th, NULL, span_thread, a) != 0) {
        aud_results_free(rb);
        return AUD_E_NOMEM;
    }
    run_span(b);
    pthread_join(th, NULL);
    if (a->e == AUD_OK && b->e == AUD_OK) {
        b->e = aud_results_absorb(r, rb);
        if (b->e != AUD_OK) b->failed = b->from;
    }
    aud_results_free(rb);
    return AUD_OK;
}

aud_err aud_compute(const aud_dataset *d, const aud_options *o, aud_results *r, aud_diag *diag)
{
    aud_measures m;
    aud_err e = aud_measures_compute(d, o, &m);
    if (e != AUD_OK) return aud_diag_set(diag, e, NULL, 0, "computing pay measures: %s", aud_strerror(e));
    r->min_cell = o->min_cell;
    span a = {d, &m, o, r, 0, SPLIT, 0, AUD_OK};
    span b = {d, &m, o, r, SPLIT, NSTEPS, 0, AUD_OK};
    bool big = d->wf.n + d->prev.n + d->ap.n >= THREAD_MIN_ROWS;
    if (!big || run_split(&a, &b, r) != AUD_OK) {
        a.to = NSTEPS;   /* no second thread: all of it here, in order */
        run_span(&a);
        b.e = AUD_OK;
    }
    /* the first failing step in the sequential order is the one reported */
    span *bad = a.e != AUD_OK ? &a : b.e != AUD_OK ? &b : NULL;
    if (bad) {
        e = bad->e;
        aud_diag_set(diag, e, NULL, 0, "computing %s: %s", steps[bad->failed].what, aud_strerror(e));
    }
    aud_measures_free(&m);
    return e;
}
