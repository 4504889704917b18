/* row_digest.h - one number for everything a reader delivers: FNV-1a over
 * each row's line, cell count and too-long flag and every cell with its
 * NUL, so two ways of reading the same input compare by their digests
 * (xlsx_rows --expat against the default, fuzz_xlsx's scanner-versus-expat
 * check). Start from ROW_DIGEST_INIT. */
#ifndef TOOLS_ROW_DIGEST_H
#define TOOLS_ROW_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#include "rowsrc.h"

#define ROW_DIGEST_INIT 1469598103934665603ull

static inline uint64_t row_digest_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

static inline uint64_t row_digest(uint64_t h, const aud_row *r)
{
    uint64_t meta[3] = {r->line, r->ncells, (uint64_t)r->too_long};
    h = row_digest_bytes(h, meta, sizeof meta);
    for (size_t i = 0; i < r->ncells; i++) h = row_digest_bytes(h, r->cells[i], r->lens[i] + 1);
    return h;
}

#endif
