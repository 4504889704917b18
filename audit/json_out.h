/* json_out.h - the JSON twin of an audit (METRICS.md "JSON shape").
 *
 * Numbers are JSON numbers with 17 significant digits (round-trip exact),
 * written with jansson (locale-independent), keys in insertion order, so the
 * same inputs give the same bytes.
 *
 * Ownership: borrows everything. aud_json_audit_build returns a new jansson
 * reference owned by the caller (json_decref).
 */
#ifndef AUD_JSON_OUT_H
#define AUD_JSON_OUT_H

#include <jansson.h>

#include "dataset.h"
#include "diag.h"
#include "options.h"
#include "results.h"

/* Every jansson call reports failure (no memory, or a string that is not
 * UTF-8) by its status, and json_object_set_new / json_array_append_new
 * return -1 when given NULL; a tree with a missing piece must not be
 * written. Builders OR those statuses into `bad` and end with
 * `return aud_json_unless_bad(o, bad);`: o itself when nothing failed,
 * otherwise o is released and NULL returned (which the caller's own
 * set_new or aud_json_write_file then reports as out of memory). */
json_t *aud_json_unless_bad(json_t *j, int bad);
json_t *aud_json_value(const aud_value *v);
json_t *aud_json_results_metrics(const aud_results *r);
json_t *aud_json_results_tables(const aud_results *r);
json_t *aud_json_audit_build(const aud_dataset *d, const aud_options *o, const aud_results *r);
/* Serialise and write atomically. */
aud_err aud_json_write_file(json_t *root, const char *path, aud_diag *diag);
aud_err aud_json_write_audit(const aud_dataset *d, const aud_options *o, const aud_results *r,
                             const char *path, aud_diag *diag);
/* A JSON string of text that may not be UTF-8 (file names, command-line
 * values): invalid bytes become U+FFFD instead of failing. NULL gives null;
 * NULL is returned only when memory runs out. */
json_t *aud_json_text(const char *s);
/* "YYYY-MM-DD" of a day number into buf[11]. */
void aud_format_date(int32_t days, char buf[11]);

#define AUD_JSON_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17))

#endif
