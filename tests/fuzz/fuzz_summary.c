/* fuzz_summary.c - the strict summary reader on arbitrary bytes. A file it
 * accepts must survive the rest of the pipeline: merge with itself, pooled
 * figures, and a write/read round trip giving the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "benchmark.h"
#include "json_out.h"
#include "sumfmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *dump(aud_summary *s)
{
    aud_summary_canonicalize(s);
    json_t *j = aud_summary_to_json(s);
    char *t = j ? json_dumps(j, AUD_JSON_FLAGS) : NULL;
    json_decref(j);
    return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    aud_summary *s = NULL;
    aud_diag diag;
    aud_diag_clear(&diag);
    if (aud_summary_read_buf((const char *)data, size, "fuzz", &s, &diag) != AUD_OK) return 0;
    char *a = dump(s);
    aud_summary *back = NULL;
    if (!a || aud_summary_read_buf(a, strlen(a), "again", &back, &diag) != AUD_OK) abort();
    char *b = dump(back);
    if (!b || strcmp(a, b) != 0) abort();
    aud_summary *acc = aud_summary_new();
    if (acc && aud_summary_merge(acc, s, &diag) == AUD_OK && aud_summary_merge(acc, back, &diag) == AUD_OK) {
        aud_results *r = aud_results_new();
        if (r) aud_bench_pooled(acc, r);
        aud_results_free(r);
    }
    aud_summary_free(acc);
    aud_summary_free(back);
    aud_summary_free(s);
    free(a);
    free(b);
    return 0;
}
