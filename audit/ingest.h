/* ingest.h - reading HR extracts into the dataset (EXTRACT.md).
 *
 * aud_ingest reads every input named by the options (positional files, with
 * their kind detected; --applicants; --previous), through the reader that fits
 * each (CSV/TSV, xlsx, CNSS BDS, Logib datalist), recognises headers with the
 * templates, parses values, and appends accepted rows and findings to the
 * dataset. Row accounting holds for every file: rows_read = accepted + rejected.
 *
 * It fails (and fills diag) only when a file is unusable: unreadable,
 * undecodable, broken CSV, unrecognisable header, a required field without a
 * column, or no usable row. Bad rows are findings, not errors.
 *
 * Ownership: the dataset is the caller's; everything added to it is owned by
 * it. Template lists returned by aud_templates_list are owned by the caller
 * (aud_templates_list_free).
 */
#ifndef AUD_INGEST_H
#define AUD_INGEST_H

#include <stddef.h>

#include "dataset.h"
#include "diag.h"
#include "options.h"

aud_err aud_ingest(const aud_options *o, aud_dataset *d, aud_diag *diag);

/* The same in two steps, for callers that ingest many times with the same
 * template options (templates_dir, template_name): aud_ingest_lib_load reads
 * and compiles the templates and the value vocabulary once (most of the cost
 * of a small file), aud_ingest_with reads the inputs with them. The library
 * is the caller's (aud_ingest_lib_free) and is not changed by ingesting. */
typedef struct aud_ingest_lib aud_ingest_lib;
aud_err aud_ingest_lib_load(const aud_options *o, aud_ingest_lib **lib, aud_diag *diag);
aud_err aud_ingest_with(const aud_options *o, const aud_ingest_lib *lib, aud_dataset *d, aud_diag *diag);
void aud_ingest_lib_free(aud_ingest_lib *lib);

typedef struct aud_template_info {
    char *name;            /* "fr-generic" */
    char *description;
    char *source;          /* file it was read from */
    char **fields;         /* canonical field names it recognises */
    size_t nfields;
} aud_template_info;

aud_err aud_templates_list(const aud_options *o, aud_template_info **out, size_t *n, aud_diag *diag);
void aud_templates_list_free(aud_template_info *list, size_t n);

/* `check --json FILE`: the check report as JSON (written atomically). */
aud_err aud_check_json_write(const aud_dataset *d, const aud_options *o, const char *path, aud_diag *diag);

#endif
