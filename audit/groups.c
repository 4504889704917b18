/* groups.c - labelled partitions of rows in display order. */
#include "groups.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void aud_groups_free(aud_groups *g)
{
    if (!g) return;
    free(g->of_row);
    free(g->label);
    memset(g, 0, sizeof *g);
}

bool aud_groups_is_number(const char *s, double *value)
{
    char *end;
    if (!s || !*s) return false;
    double v = strtod(s, &end);
    if (end == s) return false;
    while (*end && isspace((unsigned char)*end)) end++;
    if (*end || !isfinite(v)) return false;
    if (value) *value = v;
    return true;
}

typedef struct slot { const char *s; double num; uint32_t id; } slot;

static int cmp_bytes(const void *a, const void *b)
{
    const slot *x = a, *y = b;
    if (x->id == 0 || y->id == 0) return (x->id == 0) - (y->id == 0);   /* missing last */
    return strcmp(x->s, y->s);
}

static int cmp_natural(const void *a, const void *b)
{
    const slot *x = a, *y = b;
    if (x->id == 0 || y->id == 0) return (x->id == 0) - (y->id == 0);
    if (x->num != y->num) return x->num < y->num ? -1 : 1;
    return strcmp(x->s, y->s);
}

static aud_err alloc_rows(aud_groups *g, size_t nrows)
{
    memset(g, 0, sizeof *g);
    g->of_row = malloc((nrows ? nrows : 1) * sizeof *g->of_row);
    return g->of_row ? AUD_OK : AUD_E_NOMEM;
}

/* Collect the distinct values in first-seen order into sl; map[id] = slot.
 * Returns false when an included row holds an id beyond the table (nid). */
static bool collect(const uint32_t *col, size_t nrows, const uint8_t *include,
                    bool keep_missing, uint32_t *map, size_t nid, slot *sl, size_t *ng,
                    const aud_dataset *d)
{
    *ng = 0;
    for (size_t i = 0; i < nrows; i++) {
        if (!include[i]) continue;
        uint32_t id = col[i];
        if (id >= nid) return false;
        if (id == 0 && !keep_missing) continue;
        if (map[id] != AUD_GROUP_NONE) continue;
        map[id] = (uint32_t)*ng;
        sl[*ng].id = id;
        sl[*ng].s = id ? aud_dataset_str(d, id) : NULL;
        sl[*ng].num = 0;
        (*ng)++;
    }
    return true;
}

/* Sorts the ng collected values into display order: g->label[k] and
 * map[id] = k. */
static aud_err order_slots(aud_groups *g, slot *sl, size_t ng, bool natural, uint32_t *map)
{
    bool numeric = natural && ng > 0;
    for (size_t k = 0; k < ng && numeric; k++)
        if (sl[k].id && !aud_groups_is_number(sl[k].s, &sl[k].num)) numeric = false;
    qsort(sl, ng, sizeof *sl, numeric ? cmp_natural : cmp_bytes);
    g->label = malloc((ng ? ng : 1) * sizeof *g->label);
    if (!g->label) return AUD_E_NOMEM;
    for (size_t k = 0; k < ng; k++) { map[sl[k].id] = (uint32_t)k; g->label[k] = sl[k].s; }
    g->n = ng;
    g->numeric = numeric;
    return AUD_OK;
}

aud_err aud_groups_by_string(aud_groups *g, const aud_dataset *d, const uint32_t *col,
                             size_t nrows, const uint8_t *include, bool natural,
                             bool keep_missing)
{
    AUD_TRY(alloc_rows(g, nrows));
    size_t nid = (size_t)aud_strtab_count(d->strings) + 1;
    uint32_t *map = malloc(nid * sizeof *map);
    slot *sl = malloc(nid * sizeof *sl);
    if (!map || !sl) { free(map); free(sl); aud_groups_free(g); return AUD_E_NOMEM; }
    for (size_t k = 0; k < nid; k++) map[k] = AUD_GROUP_NONE;
    size_t ng;
    aud_err e = AUD_E_INTERNAL;                     /* an id beyond the string table */
    if (collect(col, nrows, include, keep_missing, map, nid, sl, &ng, d))
        e = order_slots(g, sl, ng, natural, map);
    if (e == AUD_OK)
        for (size_t i = 0; i < nrows; i++)
            g->of_row[i] = (include[i] && (col[i] || keep_missing)) ? map[col[i]] : AUD_GROUP_NONE;
    free(map); free(sl);
    if (e != AUD_OK) aud_groups_free(g);
    return e;
}

/* Women and men of included rows per value id (cnt[2 id + man]); false for
 * an id beyond the table. */
static bool count_ids(const aud_dataset *d, const uint32_t *col, size_t nrows,
                      const uint8_t *include, size_t nid, size_t *cnt)
{
    for (size_t i = 0; i < nrows; i++) {
        if (!include[i]) continue;
        if (col[i] >= nid) return false;
        cnt[2 * (size_t)col[i] + (d->wf.sex[i] == AUD_SEX_M)]++;
    }
    return true;
}

/* Present values (id 0 only with keep_missing) as slots, in id order. */
static size_t present_slots(const aud_dataset *d, const size_t *cnt, size_t nid, bool keep_missing,
                            slot *sl)
{
    size_t ng = 0;
    for (size_t id = keep_missing ? 0 : 1; id < nid; id++) {
        if (!cnt[2 * id] && !cnt[2 * id + 1]) continue;
        sl[ng].id = (uint32_t)id;
        sl[ng].s = id ? aud_dataset_str(d, (uint32_t)id) : NULL;
        sl[ng].num = 0;
        ng++;
    }
    return ng;
}

aud_err aud_groups_count_by_string(aud_groups *g, size_t **counts, const aud_dataset *d,
                                   const uint32_t *col, size_t nrows, const uint8_t *include,
                                   bool natural, bool keep_missing)
{
    memset(g, 0, sizeof *g);
    *counts = NULL;
    size_t nid = (size_t)aud_strtab_count(d->strings) + 1;
    size_t *cnt = calloc(2 * nid, sizeof *cnt);
    uint32_t *map = malloc(nid * sizeof *map);
    slot *sl = malloc(nid * sizeof *sl);
    aud_err e = cnt && map && sl ? AUD_OK : AUD_E_NOMEM;
    if (e == AUD_OK && !count_ids(d, col, nrows, include, nid, cnt)) e = AUD_E_INTERNAL;
    if (e == AUD_OK) e = order_slots(g, sl, present_slots(d, cnt, nid, keep_missing, sl), natural, map);
    size_t *out = e == AUD_OK ? malloc((2 * g->n + 1) * sizeof *out) : NULL;
    if (e == AUD_OK && !out) e = AUD_E_NOMEM;
    for (size_t k = 0; e == AUD_OK && k < g->n; k++) {
        out[2 * k] = cnt[2 * (size_t)sl[k].id];
        out[2 * k + 1] = cnt[2 * (size_t)sl[k].id + 1];
    }
    free(cnt); free(map); free(sl);
    if (e != AUD_OK) { free(out); aud_groups_free(g); return e; }
    *counts = out;
    return AUD_OK;
}

/* Band of every row (nbands for an unknown value) into of_row, counting
 * the rows of each band in seen[]. From BAND_TABLE_ROWS rows on, band_of is
 * asked once per distinct value (a table over int16_t), not per row: its
 * branches on random ages cost more than the whole pass. Below, filling the
 * 64 KiB table would cost more than asking for every row. */
#define BAND_UNSET INT8_MIN
#define BAND_TABLE_ROWS 4096
static aud_err band_rows(aud_groups *g, const int16_t *years, size_t nrows,
                         const uint8_t *include, int (*band_of)(int), int nbands, size_t *seen)
{
    int8_t *tab = NULL;
    if (nrows >= BAND_TABLE_ROWS) {
        if (!(tab = malloc(65536))) return AUD_E_NOMEM;
        memset(tab, BAND_UNSET, 65536);
    }
    for (size_t i = 0; i < nrows; i++) {
        if (!include[i]) { g->of_row[i] = AUD_GROUP_NONE; continue; }
        size_t y = (size_t)(years[i] - INT16_MIN);
        int b = tab ? tab[y] : BAND_UNSET;
        if (b == BAND_UNSET) {
            b = band_of(years[i]);
            if (b < 0 || b >= nbands) b = nbands;
            if (tab) tab[y] = (int8_t)b;
        }
        seen[b]++;
        g->of_row[i] = (uint32_t)b;
    }
    free(tab);
    return AUD_OK;
}

aud_err aud_groups_by_band(aud_groups *g, const int16_t *years, size_t nrows,
                           const uint8_t *include, int (*band_of)(int),
                           const char *(*name_of)(int), int nbands, bool keep_missing)
{
    AUD_TRY(alloc_rows(g, nrows));
    size_t seen[65] = {0};            /* bands + unknown (last) */
    if (nbands > 64) { aud_groups_free(g); return AUD_E_INTERNAL; }
    g->label = malloc(65 * sizeof *g->label);
    aud_err e = g->label ? band_rows(g, years, nrows, include, band_of, nbands, seen) : AUD_E_NOMEM;
    if (e != AUD_OK) { aud_groups_free(g); return e; }
    uint32_t map[65];
    size_t ng = 0;
    for (int b = 0; b <= nbands; b++) {
        map[b] = AUD_GROUP_NONE;
        if (!seen[b] || (b == nbands && !keep_missing)) continue;
        map[b] = (uint32_t)ng;
        g->label[ng++] = b < nbands ? name_of(b) : NULL;
    }
    for (size_t i = 0; i < nrows; i++)
        if (g->of_row[i] != AUD_GROUP_NONE) g->of_row[i] = map[g->of_row[i]];
    g->n = ng;
    return AUD_OK;
}
