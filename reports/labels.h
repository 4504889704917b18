/* labels.h - the workbook's words: templates/labels/{fr,ar,en}.tsv, one
 * "key<TAB>text" per line, '#' starts a comment line.
 *
 * A key missing from the chosen language falls back to English, then to the
 * caller's fallback, so a half-translated table still gives a readable
 * workbook. Every text is checked to be valid UTF-8 when loaded.
 *
 * Ownership: aud_labels_load returns a table owned by the caller
 * (aud_labels_free); returned strings are borrowed from it.
 */
#ifndef AUD_LABELS_H
#define AUD_LABELS_H

#include <stddef.h>

#include "diag.h"

typedef struct aud_labels aud_labels;

/* Load dir/labels/<lang>.tsv (and dir/labels/en.tsv as the fallback). */
aud_err aud_labels_load(const char *templates_dir, const char *lang, aud_labels **out,
                        aud_diag *diag);
void aud_labels_free(aud_labels *l);

/* The text of key, or NULL when neither the language nor English has it. */
const char *aud_labels_find(const aud_labels *l, const char *key);
/* The text of key, else fallback. */
const char *aud_labels_get(const aud_labels *l, const char *key, const char *fallback);
/* Same with the key built from prefix and name ("col." + "women"). */
const char *aud_labels_get2(const aud_labels *l, const char *prefix, const char *name,
                            const char *fallback);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
int aud_utf8_valid(const char *s, size_t len);

#endif
