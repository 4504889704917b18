/* results.c - metric and table store. Metrics keep their insertion order
 * (the JSON twin's) and are found through a hash index: a run with many
 * groups sets thousands, and every set first looks the name up. Tables and
 * notes are few and searched in order. */
#include "results.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Every string (ids, reasons, table and column names, text values) is
 * interned in the results' string table: it stays where it is until
 * aud_results_free, so a value overwritten leaves its old string in place,
 * and a label repeated in many tables is stored once. */
static const char *str_copy(aud_strtab *t, const char *s)
{
    uint32_t id;
    if (aud_strtab_intern(t, s, strlen(s), &id) != AUD_OK) return NULL;
    return aud_strtab_get(t, id);
}

aud_results *aud_results_new(void)
{
    aud_results *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->min_cell = 3;
    r->strings = aud_strtab_new();
    if (!r->strings) { free(r); return NULL; }
    return r;
}

static void value_clear(aud_value *v)
{
    memset(v, 0, sizeof *v);
}

static void table_free(aud_table *t)
{
    if (!t) return;
    free(t->col_names);
    free(t->col_fmts);
    free(t->cells);
    free(t);
}

void aud_results_free(aud_results *r)
{
    if (!r) return;
    free(r->metrics);
    free(r->mindex);
    free(r->notes);
    for (size_t i = 0; i < r->ntables; i++) table_free(r->tables[i]);
    free(r->tables);
    aud_strtab_free(r->strings);
    free(r);
}

static size_t id_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;   /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (size_t)(h ^ h >> 29);
}

static aud_metric *find_metric(const aud_results *r, const char *id)
{
    if (!r->mslots) return NULL;
    size_t mask = r->mslots - 1;
    for (size_t k = id_hash(id) & mask;; k = (k + 1) & mask) {
        uint32_t v = r->mindex[k];
        if (!v) return NULL;
        if (strcmp(r->metrics[v - 1].id, id) == 0) return &r->metrics[v - 1];
    }
}

static void index_put(uint32_t *ix, size_t nslots, const char *id, uint32_t v)
{
    size_t mask = nslots - 1, k = id_hash(id) & mask;
    while (ix[k]) k = (k + 1) & mask;
    ix[k] = v;
}

/* Make room in the index for one more metric (kept at most half full). */
static aud_err index_reserve(aud_results *r)
{
    if ((r->nmetrics + 1) * 2 <= r->mslots) return AUD_OK;
    size_t n = r->mslots ? r->mslots * 2 : 256;
    if (n > UINT32_MAX) return AUD_E_NOMEM;
    uint32_t *ix = calloc(n, sizeof *ix);
    if (!ix) return AUD_E_NOMEM;
    for (size_t i = 0; i < r->nmetrics; i++) index_put(ix, n, r->metrics[i].id, (uint32_t)(i + 1));
    free(r->mindex);
    r->mindex = ix;
    r->mslots = n;
    return AUD_OK;
}

static aud_err slot(aud_results *r, const char *id, aud_metric **out)
{
    aud_metric *m = find_metric(r, id);
    if (m) {
        value_clear(&m->v);
        m->reason = NULL;
        *out = m;
        return AUD_OK;
    }
    AUD_TRY(index_reserve(r));
    if (r->nmetrics == r->mcap) {
        size_t nc = r->mcap ? r->mcap * 2 : 128;
        aud_metric *nm = realloc(r->metrics, nc * sizeof *nm);
        if (!nm) return AUD_E_NOMEM;
        r->metrics = nm;
        r->mcap = nc;
    }
    m = &r->metrics[r->nmetrics];
    memset(m, 0, sizeof *m);
    m->id = str_copy(r->strings, id);
    if (!m->id) return AUD_E_NOMEM;
    index_put(r->mindex, r->mslots, m->id, (uint32_t)(r->nmetrics + 1));
    r->nmetrics++;
    *out = m;
    return AUD_OK;
}

aud_err aud_results_set_null(aud_results *r, const char *id, const char *reason)
{
    aud_metric *m;
    AUD_TRY(slot(r, id, &m));
    m->v.type = AUD_V_NULL;
    if (reason) {
        m->reason = str_copy(r->strings, reason);
        if (!m->reason) return AUD_E_NOMEM;
    }
    return AUD_OK;
}

aud_err aud_results_set_num(aud_results *r, const char *id, double x)
{
    if (!isfinite(x)) return aud_results_set_null(r, id, "not_finite");
    aud_metric *m;
    AUD_TRY(slot(r, id, &m));
    m->v.type = AUD_V_NUM;
    m->v.num = x == 0.0 ? 0.0 : x;   /* no negative zero in outputs */
    return AUD_OK;
}

aud_err aud_results_set_int(aud_results *r, const char *id, int64_t x)
{
    aud_metric *m;
    AUD_TRY(slot(r, id, &m));
    m->v.type = AUD_V_INT;
    m->v.i = x;
    return AUD_OK;
}

aud_err aud_results_set_bool(aud_results *r, const char *id, bool b)
{
    aud_metric *m;
    AUD_TRY(slot(r, id, &m));
    m->v.type = AUD_V_BOOL;
    m->v.b = b;
    return AUD_OK;
}

aud_err aud_results_set_str(aud_results *r, const char *id, const char *s)
{
    aud_metric *m;
    AUD_TRY(slot(r, id, &m));
    m->v.str = str_copy(r->strings, s ? s : "");
    if (!m->v.str) return AUD_E_NOMEM;
    m->v.type = AUD_V_STR;
    return AUD_OK;
}

const aud_metric *aud_results_get(const aud_results *r, const char *id)
{
    return r ? find_metric(r, id) : NULL;
}

double aud_results_num(const aud_results *r, const char *id)
{
    const aud_metric *m = aud_results_get(r, id);
    if (!m) return NAN;
    if (m->v.type == AUD_V_NUM) return m->v.num;
    if (m->v.type == AUD_V_INT) return (double)m->v.i;
    return NAN;
}

aud_err aud_results_add_table(aud_results *r, const char *name, size_t ncols,
                              const char *const *col_names, const aud_colfmt *col_fmts,
                              aud_table **out)
{
    if (aud_results_table(r, name)) return AUD_E_INTERNAL;
    if (r->ntables == r->tcap) {
        size_t nc = r->tcap ? r->tcap * 2 : 32;
        aud_table **nt = realloc(r->tables, nc * sizeof(aud_table *));
        if (!nt) return AUD_E_NOMEM;
        r->tables = nt;
        r->tcap = nc;
    }
    aud_table *t = calloc(1, sizeof *t);
    if (!t) return AUD_E_NOMEM;
    t->strings = r->strings;
    t->name = str_copy(r->strings, name);
    t->col_names = calloc(ncols ? ncols : 1, sizeof *t->col_names);
    t->col_fmts = calloc(ncols ? ncols : 1, sizeof *t->col_fmts);
    if (!t->name || !t->col_names || !t->col_fmts) { table_free(t); return AUD_E_NOMEM; }
    t->ncols = ncols;
    for (size_t c = 0; c < ncols; c++) {
        t->col_names[c] = str_copy(r->strings, col_names[c]);
        if (!t->col_names[c]) { table_free(t); return AUD_E_NOMEM; }
        t->col_fmts[c] = col_fmts ? col_fmts[c] : AUD_COL_TEXT;
    }
    r->tables[r->ntables++] = t;
    if (out) *out = t;
    return AUD_OK;
}

const aud_table *aud_results_table(const aud_results *r, const char *name)
{
    for (size_t i = 0; r && i < r->ntables; i++)
        if (strcmp(r->tables[i]->name, name) == 0) return r->tables[i];
    return NULL;
}

aud_err aud_table_add_row(aud_table *t, size_t *row)
{
    if (t->nrows == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 16;
        aud_value *nv = realloc(t->cells, nc * (t->ncols ? t->ncols : 1) * sizeof *nv);
        if (!nv) return AUD_E_NOMEM;
        t->cells = nv;
        t->cap = nc;
    }
    memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof *t->cells);
    *row = t->nrows++;
    return AUD_OK;
}

aud_value *aud_table_cell(aud_table *t, size_t row, size_t col)
{
    if (row >= t->nrows || col >= t->ncols) return NULL;
    return &t->cells[row * t->ncols + col];
}

const aud_value *aud_table_cell_c(const aud_table *t, size_t row, size_t col)
{
    if (row >= t->nrows || col >= t->ncols) return NULL;
    return &t->cells[row * t->ncols + col];
}

int aud_table_col(const aud_table *t, const char *name)
{
    for (size_t c = 0; t && c < t->ncols; c++)
        if (strcmp(t->col_names[c], name) == 0) return (int)c;
    return -1;
}

aud_err aud_cell_num(aud_table *t, size_t row, size_t col, double x)
{
    aud_value *v = aud_table_cell(t, row, col);
    if (!v) return AUD_E_INTERNAL;
    value_clear(v);
    if (isfinite(x)) { v->type = AUD_V_NUM; v->num = x == 0.0 ? 0.0 : x; }
    return AUD_OK;
}

aud_err aud_cell_int(aud_table *t, size_t row, size_t col, int64_t x)
{
    aud_value *v = aud_table_cell(t, row, col);
    if (!v) return AUD_E_INTERNAL;
    value_clear(v);
    v->type = AUD_V_INT;
    v->i = x;
    return AUD_OK;
}

aud_err aud_cell_bool(aud_table *t, size_t row, size_t col, bool b)
{
    aud_value *v = aud_table_cell(t, row, col);
    if (!v) return AUD_E_INTERNAL;
    value_clear(v);
    v->type = AUD_V_BOOL;
    v->b = b;
    return AUD_OK;
}

aud_err aud_cell_str(aud_table *t, size_t row, size_t col, const char *s)
{
    aud_value *v = aud_table_cell(t, row, col);
    if (!v) return AUD_E_INTERNAL;
    value_clear(v);
    v->str = str_copy(t->strings, s ? s : "");
    if (!v->str) return AUD_E_NOMEM;
    v->type = AUD_V_STR;
    return AUD_OK;
}

void aud_cell_suppress(aud_table *t, size_t row, size_t col)
{
    aud_value *v = aud_table_cell(t, row, col);
    if (!v) return;
    value_clear(v);
    v->type = AUD_V_SUPPRESSED;
}

aud_err aud_results_note(aud_results *r, const char *key, const char *text)
{
    if (r->nnotes == r->ncap) {
        size_t nc = r->ncap ? r->ncap * 2 : 16;
        aud_metric *nn = realloc(r->notes, nc * sizeof *nn);
        if (!nn) return AUD_E_NOMEM;
        r->notes = nn;
        r->ncap = nc;
    }
    aud_metric *m = &r->notes[r->nnotes];
    memset(m, 0, sizeof *m);
    m->id = str_copy(r->strings, key);
    m->v.str = m->id ? str_copy(r->strings, text ? text : "") : NULL;
    if (!m->v.str) return AUD_E_NOMEM;
    m->v.type = AUD_V_STR;
    r->nnotes++;
    return AUD_OK;
}
