/* fuzz_audit.c - the whole audit path on one arbitrary workforce extract:
 * ingest (kind detection, reader, header templates, value parsing, row
 * accounting), movements and every metric module. The bytes go through a
 * file because ingest reads paths; templates come from MUSAWAT_TEMPLATES
 * (set by tests/run_all.sh) or ./templates (cwd of tests/fuzz/run_fuzz.sh).
 * Work that does not depend on the input is done once per process: the
 * compiled templates, the SMIG amount for the fixed period, the scratch
 * file's creation (scratch.h). */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "compute.h"
#include "dataset.h"
#include "ingest.h"
#include "movements.h"
#include "options.h"
#include "results.h"
#include "smig.h"
#include "scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run_once(const char *path)
{
    const char *files[1] = {path};
    const char *tpl = getenv("MUSAWAT_TEMPLATES");
    aud_options o = {0};
    aud_options_defaults(&o);
    o.files = files;
    o.nfiles = 1;
    o.templates_dir = tpl ? tpl : "templates";
    o.verbosity = AUD_QUIET;
    aud_options_default_period(&o, 20454); /* 2026-01-01 */
    aud_diag diag;
    aud_diag_clear(&diag);
    aud_dataset *d = aud_dataset_new();
    aud_results *r = aud_results_new();
    /* the SMIG table is read for the first input only: the period is fixed */
    static double smig = NAN;
    if (!isnan(smig)) o.smig = smig;
    aud_err e = (d && r) ? aud_smig_resolve(&o, &diag) : AUD_E_NOMEM;
    if (e == AUD_OK) smig = o.smig;
    /* templates and vocabulary compiled once for the whole run (they were
     * most of each execution's time); kept until exit, still reachable */
    static aud_ingest_lib *lib;
    if (e == AUD_OK && !lib) e = aud_ingest_lib_load(&o, &lib, &diag);
    if (e == AUD_OK) e = aud_ingest_with(&o, lib, d, &diag);
    if (e == AUD_OK) e = aud_movements_derive(d, &o, &diag);
    if (e == AUD_OK) (void)aud_compute(d, &o, r, &diag);
    aud_results_free(r);
    aud_dataset_free(d);
    o.files = NULL; o.nfiles = 0;
    aud_options_free(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_scratch_write("fuzz_audit.csv", data, size);
    if (path) run_once(path);
    return 0;
}
