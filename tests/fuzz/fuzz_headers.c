/* fuzz_headers.c - template parsing and header matching. Input: a header row
 * (cells separated by TAB or newline); with a leading '#', a template file. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "headers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static aud_tplset *templates(void)
{
    static aud_tplset set;
    static int loaded;
    if (!loaded) {
        loaded = 1;
        aud_diag d;
        aud_diag_clear(&d);
        const char *dir = getenv("MUSAWAT_TEMPLATES");
        if (aud_tplset_load_dir(dir && *dir ? dir : "templates", &set, &d) != AUD_OK) {
            aud_tplset_free(&set);
            static const char t[] = "name\tfr\nfield\temployee_id\tmatricule|id\nfield\tsex\tsexe\nfield\tbase_pay\tsalaire\n";
            aud_template one;
            if (aud_template_parse(t, sizeof t - 1, "fuzz.tsv", &one, &d) == AUD_OK) {
                set.t = malloc(sizeof *set.t);
                if (set.t) { set.t[0] = one; set.n = 1; } else aud_template_clear(&one);
            }
        }
    }
    return &set;
}

static void match_headers(const char *s, size_t size)
{
    char *copy = malloc(size + 1);
    const char **cells = malloc((size + 1) * sizeof *cells);
    if (!copy || !cells) { free(copy); free((void *)cells); return; }
    memcpy(copy, s, size);
    copy[size] = '\0';
    size_t n = 0;
    char *p = copy;
    cells[n++] = p;
    for (size_t i = 0; i < size; i++)
        if (copy[i] == '\t' || copy[i] == '\n') { copy[i] = '\0'; cells[n++] = copy + i + 1; }
    static const aud_file_kind kinds[] = {AUD_KIND_WORKFORCE, AUD_KIND_APPLICANTS, AUD_KIND_LOGIB, AUD_KIND_UNKNOWN};
    aud_map_opt maps[1] = {{"job", cells[0]}};
    aud_header_map m;
    aud_diag d;
    aud_diag_clear(&d);
    if (aud_header_map_build(templates(), -1, kinds, cells, NULL, n, maps, 1, "fuzz", 1, &m, &d) == AUD_OK)
        aud_header_map_free(&m);
    free(copy);
    free((void *)cells);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    if (size > 0 && s[0] == '#') {
        aud_template t;
        aud_diag d;
        aud_diag_clear(&d);
        if (aud_template_parse(s + 1, size - 1, "fuzz.tsv", &t, &d) == AUD_OK) aud_template_clear(&t);
        return 0;
    }
    match_headers(s, size);
    return 0;
}
