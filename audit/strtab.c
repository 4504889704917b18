/* strtab.c - open-addressing hash of interned strings kept in arena blocks. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE   /* madvise */
#endif
#include "strtab.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define BLOCK_SIZE (1u << 20)

typedef struct block { struct block *next; size_t used, cap; char data[]; } block;

struct aud_strtab {
    block *blocks;
    const char **strs;    /* id -> string (index 0 unused) */
    uint32_t *lens;
    uint32_t count, cap;  /* strs capacity */
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
    t->strs = calloc(t->cap, sizeof *t->strs);
    t->lens = calloc(t->cap, sizeof *t->lens);
    if (!t->slots || !t->strs || !t->lens) { aud_strtab_free(t); return NULL; }
    t->strs[0] = "";
    return t;
}

void aud_strtab_free(aud_strtab *t)
{
    if (!t) return;
    block *b = t->blocks;
    while (b) { block *n = b->next; free(b); b = n; }
    free(t->slots);
    free(t->strs);
    free(t->lens);
    free(t);
}

static char *arena_copy(aud_strtab *t, const char *s, size_t len)
{
    block *b = t->blocks;
    if (!b || b->cap - b->used < len + 1) {
        size_t cap = len + 1 > BLOCK_SIZE ? len + 1 : BLOCK_SIZE;
        block *nb = malloc(sizeof *nb + cap);
        if (!nb) return NULL;
        nb->next = t->blocks; nb->used = 0; nb->cap = cap;
        t->blocks = nb;
        b = nb;
    }
    char *p = b->data + b->used;
    memcpy(p, s, len);
    p[len] = '\0';
    b->used += len + 1;
    return p;
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

static uint32_t find_slot(const aud_strtab *t, const char *s, size_t len, uint32_t *slot, uint64_t *hash)
{
    uint64_t h = hash_bytes(s, len);
    uint32_t hi = (uint32_t)(h >> 32);
    uint32_t i = hi & (t->nslots - 1);
    *hash = h;
    for (;;) {
        uint64_t v = t->slots[i];
        uint32_t id = SLOT_ID(v);
        if (!id) { *slot = i; return 0; }
        if (SLOT_HASH(v) == hi && t->lens[id] == len && memcmp(t->strs[id], s, len) == 0) {
            *slot = i;
            return id;
        }
        i = (i + 1) & (t->nslots - 1);
    }
}

void aud_strtab_prefetch(const aud_strtab *t, const char *s, size_t len)
{
    if (!t) return;
    uint32_t i = (uint32_t)(hash_bytes(s, len) >> 32) & (t->nslots - 1);
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
    if (len > UINT32_MAX - 1) return AUD_E_VALUE;
    uint32_t slot;
    uint64_t h;
    uint32_t found = find_slot(t, s, len, &slot, &h);
    if (found) { *id = found; return AUD_OK; }
    if ((uint64_t)(t->count + 1) * 10 >= (uint64_t)t->nslots * 7) {
        if (t->nslots >= (1u << 31)) return AUD_E_NOMEM;
        AUD_TRY(grow_slots(t));
        find_slot(t, s, len, &slot, &h);
    }
    if (t->count + 1 >= t->cap) {
        if (t->cap >= UINT32_MAX / 2) return AUD_E_NOMEM;
        uint32_t nc = t->cap * 2;
        const char **ns = realloc((void *)t->strs, nc * sizeof *ns);
        if (!ns) return AUD_E_NOMEM;
        t->strs = ns;
        uint32_t *nl = realloc(t->lens, nc * sizeof *nl);
        if (!nl) return AUD_E_NOMEM;
        t->lens = nl;
        t->cap = nc;
    }
    char *p = arena_copy(t, s, len);
    if (!p) return AUD_E_NOMEM;
    uint32_t nid = ++t->count;
    t->strs[nid] = p;
    t->lens[nid] = (uint32_t)len;
    t->slots[slot] = ((h >> 32) << 32) | nid;
    *id = nid;
    return AUD_OK;
}

const char *aud_strtab_get(const aud_strtab *t, uint32_t id)
{
    if (!t || id == 0 || id > t->count) return "";
    return t->strs[id];
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
