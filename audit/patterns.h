/* patterns.h - anchored, caseless UTF-8 regular expressions (PCRE2 + JIT) for
 * header and vocabulary recognition. The only module that sees pcre2.h.
 *
 * Patterns match the whole subject (anchored at both ends), so a template line
 * classifies a complete normalised header, never a substring.
 *
 * Ownership: aud_pattern_compile returns a pattern owned by the caller,
 * released with aud_pattern_free (which accepts NULL).
 */
#ifndef AUD_PATTERNS_H
#define AUD_PATTERNS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct aud_pattern aud_pattern;

/* NULL on a syntax error: errmsg gets PCRE2's message, *erroff the offset.
 * NULL with aud_pattern_nomem() true when memory ran out instead (the
 * pattern may be fine: the caller must report out of memory, not syntax). */
aud_pattern *aud_pattern_compile(const char *pattern, char *errmsg, size_t errlen, size_t *erroff);
/* Whether the last failed aud_pattern_compile ran out of memory. */
bool aud_pattern_nomem(void);
/* True when the whole of s[0..len) matches. Invalid UTF-8 simply never matches. */
bool aud_pattern_match(const aud_pattern *p, const char *s, size_t len);
void aud_pattern_free(aud_pattern *p);

#endif
