/* headers.h - header templates (templates/README.md "Header templates") and
 * header recognition: loading *.tsv template files, matching normalised
 * column headers against their anchored PCRE2 patterns, choosing the best
 * template, applying --map overrides and refusing two columns for one field.
 *
 * Ownership: an aud_tplset owns its templates and their compiled patterns
 * (aud_tplset_free). aud_header_map results borrow pattern text from the
 * template set, so they must not outlive it.
 */
#ifndef AUD_HEADERS_H
#define AUD_HEADERS_H

#include <stdbool.h>
#include <stddef.h>

#include "dataset.h"
#include "diag.h"
#include "options.h"
#include "patterns.h"

typedef struct aud_tpl_field {
    int field;              /* aud_field */
    char *pattern;          /* as written in the file */
    aud_pattern *re;
} aud_tpl_field;

typedef struct aud_template {
    char *name, *description, *source;
    aud_file_kind kind;     /* WORKFORCE, APPLICANTS, LOGIB; UNKNOWN for other sources */
    aud_tpl_field *f;
    size_t nf;
    int rank;               /* tie-break order: fr, ar, en generic first */
} aud_template;

typedef struct aud_tplset {
    aud_template *t;
    size_t n;
} aud_tplset;

aud_err aud_template_parse(const char *text, size_t len, const char *source, aud_template *out, aud_diag *diag);
aud_err aud_template_load(const char *path, aud_template *out, aud_diag *diag);
void aud_template_clear(aud_template *t);

/* Every headers/NAME.tsv of dir (sorted by file name). A missing folder is an error. */
aud_err aud_tplset_load_dir(const char *dir, aud_tplset *set, aud_diag *diag);
/* Add one file (a user template). */
aud_err aud_tplset_add_file(aud_tplset *set, const char *path, aud_diag *diag);
/* Index of the template named `name` (its name line, its file stem, or
 * "fr"/"ar"/"en" for the generic ones), or -1. */
int aud_tplset_find(const aud_tplset *set, const char *name);
void aud_tplset_free(aud_tplset *set);

/* The mapping of one file's header row. */
typedef struct aud_header_map {
    size_t ncols;
    int *field;             /* per column: aud_field or -1 */
    const char **pattern;   /* per column: pattern text, "--map", or NULL */
    int col_of[AUD_F__COUNT];   /* per field: column or -1 */
    int tpl;                /* chosen template index */
    int score;              /* columns matched by the template */
} aud_header_map;

/* Which field the template gives normalised header h (first field line that
 * matches), or -1; *pattern receives the pattern text. */
int aud_template_field(const aud_template *t, const char *h, size_t len, const char **pattern);

/* Map headers (raw UTF-8 cells; lens NULL = NUL-terminated). Candidates: every template of `set` whose
 * kind is in kinds[] (AUD_KIND_UNKNOWN-terminated), or only `forced` when >= 0.
 * Applies maps; fails with AUD_E_HEADER when two columns claim one field
 * (diag names both; `file` and `line` locate the header). */
aud_err aud_header_map_build(const aud_tplset *set, int forced, const aud_file_kind *kinds,
                             const char *const *headers, const size_t *lens, size_t ncols,
                             const aud_map_opt *maps, size_t nmaps, const char *file, uint64_t line,
                             aud_header_map *out, aud_diag *diag);
void aud_header_map_free(aud_header_map *m);

#endif
