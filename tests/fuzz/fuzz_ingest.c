/* fuzz_ingest.c - a whole extract through aud_ingest (reader, header
 * recognition, value parsing, row accounting). Checks that every file keeps
 * rows_read = rows_accepted + rows_rejected, whatever the bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ingest.h"
#include "scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_scratch_write("fuzz_ingest", data, size);
    if (!path) return 0;
    aud_options o;
    aud_options_defaults(&o);
    const char *dir = getenv("MUSAWAT_TEMPLATES");
    o.templates_dir = dir && *dir ? dir : "templates";
    aud_options_parse_period(&o, "2025", NULL);
    const char *files[1] = {path};
    o.files = files;
    o.nfiles = 1;
    aud_dataset *d = aud_dataset_new();
    aud_diag diag;
    aud_diag_clear(&diag);
    /* templates and vocabulary compiled once for the whole run (they were
     * most of each execution's time); kept until exit, still reachable */
    static aud_ingest_lib *lib;
    if (d && !lib && aud_ingest_lib_load(&o, &lib, &diag) != AUD_OK) { aud_dataset_free(d); d = NULL; }
    if (d) {
        (void)aud_ingest_with(&o, lib, d, &diag);
        for (size_t i = 0; i < d->ninputs; i++)
            if (d->inputs[i].rows_read != d->inputs[i].rows_accepted + d->inputs[i].rows_rejected) abort();
        aud_dataset_free(d);
    }
    return 0;
}
