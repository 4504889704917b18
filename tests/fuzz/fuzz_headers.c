/* fuzz_headers.c - the header template parser (templates/README.md) on
 * arbitrary bytes, and header recognition of the parsed template against
 * the tab-separated first line of the same input used as a header row. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "headers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXCOLS 64

static void match_header(const aud_tplset *set, const char *s, size_t n)
{
    const char *cells[MAXCOLS];
    size_t lens[MAXCOLS], ncols = 0, from = 0;
    for (size_t i = 0; i <= n && ncols < MAXCOLS; i++) {
        if (i < n && s[i] != '\t' && s[i] != '\n') continue;
        cells[ncols] = s + from;
        lens[ncols++] = i - from;
        from = i + 1;
        if (i < n && s[i] == '\n') break;
    }
    aud_file_kind kinds[4] = {AUD_KIND_WORKFORCE, AUD_KIND_APPLICANTS, AUD_KIND_LOGIB, AUD_KIND_UNKNOWN};
    aud_header_map m;
    memset(&m, 0, sizeof m);
    aud_diag diag;
    aud_diag_clear(&diag);
    if (aud_header_map_build(set, -1, kinds, cells, lens, ncols, NULL, 0, "fuzz.csv", 1, &m, &diag) == AUD_OK)
        aud_header_map_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    aud_template t;
    memset(&t, 0, sizeof t);
    aud_diag diag;
    aud_diag_clear(&diag);
    if (aud_template_parse(s, size, "fuzz.tsv", &t, &diag) == AUD_OK) {
        aud_tplset set = {&t, 1};
        match_header(&set, s, size);
        aud_template_clear(&t);
    }
    free(s);
    return 0;
}
