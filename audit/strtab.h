/* strtab.h - string interning: each distinct string is stored once and named
 * by a dense uint32 id (1-based; 0 means "missing").
 *
 * Ownership: the table owns every string; aud_strtab_get returns a borrowed
 * pointer valid until aud_strtab_free. Strings live in large blocks, so memory
 * is about what the values need, whatever the number of rows.
 */
#ifndef AUD_STRTAB_H
#define AUD_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef struct aud_strtab aud_strtab;

aud_strtab *aud_strtab_new(void);
void aud_strtab_free(aud_strtab *t);

/* Intern s[0..len) and store its id in *id (>= 1). */
aud_err aud_strtab_intern(aud_strtab *t, const char *s, size_t len, uint32_t *id);
/* For callers that hash on another thread or well before the lookup: the
 * hash of s[0..len) (a pure function); the prefetch of its slot, so that an
 * intern a little later does not wait for memory (no effect on the table's
 * contents); and the intern given that hash (h must be aud_strtab_hash of
 * the same bytes; the result is that of aud_strtab_intern). */
uint64_t aud_strtab_hash(const char *s, size_t len);
void aud_strtab_prefetch_hash(const aud_strtab *t, uint64_t h);
aud_err aud_strtab_intern_hashed(aud_strtab *t, const char *s, size_t len, uint64_t h, uint32_t *id);
/* Look up without inserting: the id, or 0 when absent. */
uint32_t aud_strtab_find(const aud_strtab *t, const char *s, size_t len);
/* The string of id (NUL-terminated), or "" for 0 / out of range. */
const char *aud_strtab_get(const aud_strtab *t, uint32_t id);
size_t aud_strtab_len(const aud_strtab *t, uint32_t id);
/* Number of distinct strings (ids run 1..count). */
uint32_t aud_strtab_count(const aud_strtab *t);

#endif
