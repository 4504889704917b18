/* strtab.c - open-addressing hash of interned strings kept in arena blocks. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE   /* madvise */
#endif
#include "strtab.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define BLOCK_SIZE (1u << 20)
/* The first block is FIRST_BLOCK bytes and each next one twice the last, up
 * to BLOCK_SIZE: a table of a few names (most of them: categories, sites,
 * a small file's identifiers) no longer takes a megabyte. */
#define FIRST_BLOCK (4u << 10)
#define DOUBLINGS 8
_Static_assert((FIRST_BLOCK << DOUBLINGS) == BLOCK_SIZE, "blocks double from FIRST_BLOCK up to BLOCK_SIZE");

typedef struct block { size_t used, cap; char data[]; } block;

/* A string's place is 32 bits, not a pointer (half the per-id index at
 * 10^7 identifiers): block number in the high bits, offset in the low
 * LOC_BITS (a string longer than a block gets a block of its own, at 0). */
#define LOC_BITS 20
#define MAX_BLOCKS (1u << (32 - LOC_BITS))
_Static_assert(BLOCK_SIZE <= (1u << LOC_BITS), "every offset inside a shared block fits in LOC_BITS");

struct aud_strtab {
    block **bl;           /* arena blocks, the last one being filled */
    uint32_t nbl, blcap;
    uint32_t *loc;        /* id -> place of the string (index 0 unused) */
    uint32_t *lens;
    uint32_t count, cap;  /* loc/lens capacity */
    uint64_t *slots;      /* hash slots: (hash32 << 32) | id, id 0 = empty */
    uint32_t nslots;      /* power of two */
};

/* Slot arrays of identifier tables reach tens of MB and are probed at
 * random: on 2 MB pages those probes stop missing the TLB as well. */
#define HUGE_PAGE (2u << 20)

static uint64_t *slots_alloc(uint32_t n)
{
    size_t bytes = (size_t)n * sizeof(uint64_t);
    if (bytes < HUGE_PAGE) return calloc(n, sizeof(uint64_t));
    void *p = NULL;
    if (posix_memalign(&p, HUGE_PAGE, bytes) != 0) return NULL;
#ifdef MADV_HUGEPAGE
    (void)madvise(p, bytes, MADV_HUGEPAGE);
#endif
    memset(p, 0, bytes);
    return p;
}

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;   /* FNV-1a, then a final avalanche so */
    for (size_t i = 0; i < len; i++) {     /* the low bits used for slots are mixed */
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

/* The slot stores the hash's high half next to the id, so most probes are
 * settled without touching the string itself (one cache line per probe).
 * The slot index is taken from that same high half, so growing the table
 * re-places slots without re-reading or re-hashing any string. */
#define SLOT_ID(v) ((uint32_t)((v) & 0xffffffffu))
#define SLOT_HASH(v) ((uint32_t)((v) >> 32))

aud_strtab *aud_strtab_new(void)
{
    aud_strtab *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->nslots = 64;
    t->slots = slots_alloc(t->nslots);
    t->cap = 64;
    t->loc = calloc(t->cap, sizeof *t->loc);
    t->lens = calloc(t->cap, sizeof *t->lens);
    if (!t->slots || !t->loc || !t->lens) { aud_strtab_free(t); return NULL; }
    return t;
}

void aud_strtab_free(aud_strtab *t)
{
    if (!t) return;
    for (uint32_t i = 0; i < t->nbl; i++) free(t->bl[i]);
    free(t->bl);
    free(t->slots);
    free(t->loc);
    free(t->lens);
    free(t);
}

static const char *str_at(const aud_strtab *t, uint32_t id)
{
    uint32_t v = t->loc[id];
    return t->bl[v >> LOC_BITS]->data + (v & ((1u << LOC_BITS) - 1));
}

static bool arena_copy(aud_strtab *t, const char *s, size_t len, uint32_t *loc)
{
    block *b = t->nbl ? t->bl[t->nbl - 1] : NULL;
    if (!b || b->cap - b->used < len + 1) {
        if (t->nbl == MAX_BLOCKS) return false;
        if (t->nbl == t->blcap) {
            uint32_t nc = t->blcap ? t->blcap * 2 : 16;
            block **nb = realloc(t->bl, nc * sizeof(block *));
            if (!nb) return false;
            t->bl = nb;
            t->blcap = nc;
        }
        size_t size = t->nbl < DOUBLINGS ? (size_t)FIRST_BLOCK << t->nbl : BLOCK_SIZE;
        size_t cap = len + 1 > size ? len + 1 : size;
        b = malloc(sizeof *b + cap);
        if (!b) return false;
        b->used = 0; b->cap = cap;
        t->bl[t->nbl++] = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, len);
    p[len] = '\0';
    *loc = ((t->nbl - 1) << LOC_BITS) | (uint32_t)b->used;
    b->used += len + 1;
    return true;
}

static aud_err grow_slots(aud_strtab *t)
{
    uint32_t n = t->nslots * 2;
    uint64_t *s = slots_alloc(n);
    if (!s) return AUD_E_NOMEM;
    for (uint32_t i0 = 0; i0 < t->nslots; i0++) {
        uint64_t v = t->slots[i0];
        if (!SLOT_ID(v)) continue;
        uint32_t i = SLOT_HASH(v) & (n - 1);
        while (SLOT_ID(s[i])) i = (i + 1) & (n - 1);
        s[i] = v;
    }
    free(t->slots);
    t->slots = s;
    t->nslots = n;
    return AUD_OK;
}

static uint32_t find_slot_h(const aud_strtab *t, const char *s, size_t len, uint64_t h, uint32_t *slot)
{
    uint32_t hi = (uint32_t)(h >> 32);
    uint32_t i = hi & (t->nslots - 1);
    for (;;) {
        uint64_t v = t->slots[i];
        uint32_t id = SLOT_ID(v);
        if (!id) { *slot = i; return 0; }
        if (SLOT_HASH(v) == hi && t->lens[id] == len && memcmp(str_at(t, id), s, len) == 0) {
            *slot = i;
            return id;
        }
        i = (i + 1) & (t->nslots - 1);
    }
}

static uint32_t find_slot(const aud_strtab *t, const char *s, size_t len, uint32_t *slot, uint64_t *hash)
{
    *hash = hash_bytes(s, len);
    return find_slot_h(t, s, len, *hash, slot);
}

uint64_t aud_strtab_hash(const char *s, size_t len)
{
    return hash_bytes(s, len);
}

void aud_strtab_prefetch_hash(const aud_strtab *t, uint64_t h)
{
    if (!t) return;
    uint32_t i = (uint32_t)(h >> 32) & (t->nslots - 1);
#if defined(__GNUC__)
    __builtin_prefetch(&t->slots[i]);
#else
    (void)i;
#endif
}

uint32_t aud_strtab_find(const aud_strtab *t, const char *s, size_t len)
{
    uint32_t slot;
    uint64_t h;
    return t ? find_slot(t, s, len, &slot, &h) : 0;
}

aud_err aud_strtab_intern(aud_strtab *t, const char *s, size_t len, uint32_t *id)
{
    return aud_strtab_intern_hashed(t, s, len, hash_bytes(s, len), id);
}

aud_err aud_strtab_intern_hashed(aud_strtab *t, const char *s, size_t len, uint64_t h, uint32_t *id)
{
    if (len > UINT32_MAX - 1) return AUD_E_VALUE;
    uint32_t slot;
    uint32_t found = find_slot_h(t, s, len, h, &slot);
    if (found) { *id = found; return AUD_OK; }
    if ((uint64_t)(t->count + 1) * 10 >= (uint64_t)t->nslots * 7) {
        if (t->nslots >= (1u << 31)) return AUD_E_NOMEM;
        AUD_TRY(grow_slots(t));
        find_slot_h(t, s, len, h, &slot);
    }
    if (t->count + 1 >= t->cap) {
        if (t->cap >= UINT32_MAX / 2) return AUD_E_NOMEM;
        uint32_t nc = t->cap * 2;
        uint32_t *ns = realloc(t->loc, nc * sizeof *ns);
        if (!ns) return AUD_E_NOMEM;
        t->loc = ns;
        uint32_t *nl = realloc(t->lens, nc * sizeof *nl);
        if (!nl) return AUD_E_NOMEM;
        t->lens = nl;
        t->cap = nc;
    }
    uint32_t loc;
    if (!arena_copy(t, s, len, &loc)) return AUD_E_NOMEM;
    uint32_t nid = ++t->count;
    t->loc[nid] = loc;
    t->lens[nid] = (uint32_t)len;
    t->slots[slot] = ((h >> 32) << 32) | nid;
    *id = nid;
    return AUD_OK;
}

const char *aud_strtab_get(const aud_strtab *t, uint32_t id)
{
    if (!t || id == 0 || id > t->count) return "";
    return str_at(t, id);
}

size_t aud_strtab_len(const aud_strtab *t, uint32_t id)
{
    if (!t || id == 0 || id > t->count) return 0;
    return t->lens[id];
}

uint32_t aud_strtab_count(const aud_strtab *t)
{
    return t ? t->count : 0;
}
