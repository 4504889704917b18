/* bench_compute.c - CPU time of each compute module on one workforce file:
 *   bench_compute WORKFORCE.csv [APPLICANTS.csv] [--period YEAR] [--repeat N]
 *                 [--json OUT.json] [--only MODULE]
 * Reads the files once, then runs §0 measures and every metric module in the
 * order aud_compute uses, N times (default 3), and prints the fastest CPU time
 * of each: the machine is shared, the minimum is the least disturbed run.
 * --json writes the JSON twin of the last run, to check that a change to a
 * module leaves every figure byte-identical. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "adjusted.h"
#include "dataset.h"
#include "egapro.h"
#include "ingest.h"
#include "json_out.h"
#include "measures.h"
#include "options.h"
#include "parity.h"
#include "paygap.h"
#include "representation.h"
#include "results.h"
#include "smig.h"
#include "templates_dir.h"

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef aud_err (*step_fn)(const aud_dataset *, const aud_measures *, const aud_options *, aud_results *);

static const struct { const char *name; step_fn fn; } steps[] = {
    {"paygap", aud_paygap_compute},
    {"representation", aud_representation_compute},
    {"egapro", aud_egapro_compute},
    {"adjusted", aud_adjusted_compute},
    {"parity", aud_parity_compute},
};
#define NSTEPS (sizeof steps / sizeof *steps)

/* One pass of measures + every module into a fresh results; times[0] is the
 * measures, times[1 + i] step i. Returns the results (caller frees). */
static const char *only;    /* --only NAME: run just that module (for profiling) */

static aud_results *run_once(const aud_dataset *d, const aud_options *o, double *times)
{
    aud_results *r = aud_results_new();
    aud_measures m;
    if (!r) return NULL;
    double t0 = cpu_now();
    if (aud_measures_compute(d, o, &m) != AUD_OK) { aud_results_free(r); return NULL; }
    times[0] = cpu_now() - t0;
    r->min_cell = o->min_cell;
    for (size_t i = 0; i < NSTEPS; i++) {
        times[1 + i] = 0;
        if (only && strcmp(only, steps[i].name) != 0) continue;
        t0 = cpu_now();
        aud_err e = steps[i].fn(d, &m, o, r);
        times[1 + i] = cpu_now() - t0;
        if (e != AUD_OK) fprintf(stderr, "%s: %s\n", steps[i].name, aud_strerror(e));
    }
    aud_measures_free(&m);
    return r;
}

static void print_times(const char *label, const double *t)
{
    double total = t[0];
    printf("%-10s measures=%.3f", label, t[0]);
    for (size_t i = 0; i < NSTEPS; i++) { printf(" %s=%.3f", steps[i].name, t[1 + i]); total += t[1 + i]; }
    printf(" total=%.3f\n", total);
}

int main(int argc, char **argv)
{
    const char *pos[2] = {0}, *period = "2025", *json = NULL;
    int npos = 0, repeat = 3;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--period") == 0 && i + 1 < argc) period = argv[++i];
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = (int)strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--json") == 0 && i + 1 < argc) json = argv[++i];
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) only = argv[++i];
        else if (npos < 2) pos[npos++] = argv[i];
    }
    if (npos < 1 || repeat < 1) {
        fprintf(stderr, "usage: bench_compute WORKFORCE [APPLICANTS] [--period YEAR] [--repeat N] [--json OUT] [--only MODULE]\n");
        return 2;
    }
    aud_options o;
    memset(&o, 0, sizeof o);
    aud_options_defaults(&o);
    aud_diag diag;
    aud_diag_clear(&diag);
    if (aud_options_parse_period(&o, period, &diag) != AUD_OK) return 2;
    o.files = malloc(sizeof *o.files);      /* owned by the options (aud_options_free) */
    if (!o.files) return 1;
    o.files[0] = pos[0];
    o.nfiles = 1;
    o.applicants = pos[1];
    o.verbosity = AUD_QUIET;
    o.templates_dir = templates_dir();
    aud_dataset *d = aud_dataset_new();
    if (!d) return 1;
    if (aud_smig_resolve(&o, &diag) != AUD_OK || aud_ingest(&o, d, &diag) != AUD_OK) {
        fprintf(stderr, "bench_compute: %s\n", diag.message);
        return 1;
    }
    double best[1 + NSTEPS], first[1 + NSTEPS], t[1 + NSTEPS];
    aud_results *r = NULL;
    for (int k = 0; k < repeat; k++) {
        aud_results_free(r);
        r = run_once(d, &o, t);
        if (!r) { fprintf(stderr, "bench_compute: measures failed\n"); return 1; }
        if (k == 0) memcpy(first, t, sizeof first);
        for (size_t i = 0; i < 1 + NSTEPS; i++) best[i] = k == 0 || t[i] < best[i] ? t[i] : best[i];
    }
    printf("n=%zu applicants=%zu, cpu seconds\n", d->wf.n, d->ap.n);
    print_times("first run", first);
    printf("best of %d", repeat);
    print_times("", best);
    int rc = 0;
    if (json && aud_json_write_audit(d, &o, r, json, &diag) != AUD_OK) {
        fprintf(stderr, "bench_compute: %s\n", diag.message);
        rc = 1;
    }
    aud_results_free(r);
    aud_dataset_free(d);
    aud_options_free(&o);
    return rc;
}
