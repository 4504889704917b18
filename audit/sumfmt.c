/* sumfmt.c - summary data model, strict reader, writer and exact merge. */
#include "sumfmt.h"

#include <errno.h>
#include <pthread.h>
#include <unistd.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "dataset.h"
#include "json_out.h"
#include "version.h"

/* Largest magnitude accepted for an exact sum: keeps a + b and a * 4 in range. */
#define I128_LIMIT ((aud_i128)1 << 120)
/* Longest string accepted in a summary (names, categories). */
#define SUM_STR_MAX 1024

const char *aud_sum_dim_name(aud_sum_dim d)
{
    return d == AUD_SUM_AGE_BAND ? "age_band" : "category";
}

int aud_sum_sex_index(int sex)
{
    return sex == AUD_SEX_F ? 0 : sex == AUD_SEX_M ? 1 : -1;
}

double aud_sum_bin_edge(int k)
{
    return AUD_SUM_HIST_LO * pow(AUD_SUM_HIST_STEP, (double)k);
}

int aud_sum_bin_of(double pay)
{
    if (!(pay >= AUD_SUM_HIST_LO)) return -1;
    if (pay >= aud_sum_bin_edge(AUD_SUM_BINS)) return AUD_SUM_BINS;
    int k = (int)floor(log(pay / AUD_SUM_HIST_LO) / log(AUD_SUM_HIST_STEP));
    /* log() may land one bin off at an edge; the edges themselves decide. */
    if (k < 0) k = 0;
    if (k >= AUD_SUM_BINS) k = AUD_SUM_BINS - 1;
    while (k > 0 && pay < aud_sum_bin_edge(k)) k--;
    while (k < AUD_SUM_BINS - 1 && pay >= aud_sum_bin_edge(k + 1)) k++;
    return k;
}

/* ---- model ------------------------------------------------------------- */

aud_summary *aud_summary_new(void)
{
    return calloc(1, sizeof(aud_summary));
}

static void employer_clear(aud_sum_employer *e)
{
    free(e->name); free(e->sector); free(e->region); free(e->size_band);
    for (size_t i = 0; i < e->nmetrics; i++) free(e->metrics[i].id);
    free(e->metrics);
    memset(e, 0, sizeof *e);
}

void aud_summary_free(aud_summary *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->nemployers; i++) employer_clear(&s->employers[i]);
    free(s->employers);
    for (int d = 0; d < AUD_SUM_NDIM; d++) {
        for (size_t i = 0; i < s->tables[d].n; i++) free(s->tables[d].rows[i].value);
        free(s->tables[d].rows);
    }
    free(s);
}

static int str_eq_null(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

aud_err aud_sum_table_row(aud_sum_table *t, const char *value, int sex, aud_sum_row **out)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->rows[i].sex == sex && str_eq_null(t->rows[i].value, value)) { *out = &t->rows[i]; return AUD_OK; }
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 16;
        aud_sum_row *nr = realloc(t->rows, nc * sizeof *nr);
        if (!nr) return AUD_E_NOMEM;
        t->rows = nr;
        t->cap = nc;
    }
    aud_sum_row *r = &t->rows[t->n];
    memset(r, 0, sizeof *r);
    if (value && !(r->value = strdup(value))) return AUD_E_NOMEM;
    r->sex = sex;
    t->n++;
    *out = r;
    return AUD_OK;
}

static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

aud_err aud_summary_add_employer(aud_summary *s, const char *name, const char *sector,
                                 const char *region, const char *size_band,
                                 const char *start, const char *end, int64_t min_cell,
                                 aud_sum_employer **out)
{
    if (s->nemployers == s->ecap) {
        size_t nc = s->ecap ? s->ecap * 2 : 4;
        aud_sum_employer *ne = realloc(s->employers, nc * sizeof *ne);
        if (!ne) return AUD_E_NOMEM;
        s->employers = ne;
        s->ecap = nc;
    }
    aud_sum_employer *e = &s->employers[s->nemployers];
    memset(e, 0, sizeof *e);
    e->name = dup_or_empty(name);
    e->sector = dup_or_empty(sector);
    e->region = dup_or_empty(region);
    e->size_band = dup_or_empty(size_band);
    if (!e->name || !e->sector || !e->region || !e->size_band) { employer_clear(e); return AUD_E_NOMEM; }
    snprintf(e->period_start, sizeof e->period_start, "%s", start ? start : "");
    snprintf(e->period_end, sizeof e->period_end, "%s", end ? end : "");
    e->min_cell = min_cell;
    s->nemployers++;
    if (out) *out = e;
    return AUD_OK;
}

aud_err aud_sum_employer_add_metric(aud_sum_employer *e, const char *id, const aud_value *v)
{
    aud_sum_metric *nm = realloc(e->metrics, (e->nmetrics + 1) * sizeof *nm);
    if (!nm) return AUD_E_NOMEM;
    e->metrics = nm;
    aud_sum_metric *m = &nm[e->nmetrics];
    memset(m, 0, sizeof *m);
    if (!(m->id = strdup(id))) return AUD_E_NOMEM;
    m->type = AUD_V_NULL;
    if (v && v->type == AUD_V_NUM && isfinite(v->num)) { m->type = AUD_V_NUM; m->num = v->num; }
    else if (v && v->type == AUD_V_INT) { m->type = AUD_V_INT; m->i = v->i; }
    else if (v && v->type == AUD_V_BOOL) { m->type = AUD_V_BOOL; m->b = v->b; }
    e->nmetrics++;
    return AUD_OK;
}

const aud_sum_metric *aud_sum_employer_metric(const aud_sum_employer *e, const char *id)
{
    for (size_t i = 0; i < e->nmetrics; i++)
        if (strcmp(e->metrics[i].id, id) == 0) return &e->metrics[i];
    return NULL;
}

/* ---- exact arithmetic -------------------------------------------------- */

static bool add_u64(uint64_t *a, uint64_t b)
{
    return !__builtin_add_overflow(*a, b, a);
}

static bool add_i128(aud_i128 *a, aud_i128 b)
{
    aud_i128 r = *a + b;   /* both |.| < 2^120: cannot overflow 2^127 */
    if (r >= I128_LIMIT || r <= -I128_LIMIT) return false;
    *a = r;
    return true;
}

void aud_i128_format(aud_i128 x, char buf[48])
{
    char tmp[48];
    size_t n = 0;
    bool neg = x < 0;
    aud_i128 u = neg ? -x : x;   /* |x| < 2^120 everywhere sums are kept */
    do { tmp[n++] = (char)('0' + (int)(u % 10)); u /= 10; } while (u && n < 47);
    size_t k = 0;
    if (neg) buf[k++] = '-';
    while (n) buf[k++] = tmp[--n];
    buf[k] = '\0';
}

static json_t *i128_json(aud_i128 x)
{
    if (x >= INT64_MIN && x <= INT64_MAX) return json_integer((json_int_t)x);
    char buf[48];
    aud_i128_format(x, buf);
    return json_string(buf);
}

static bool parse_i128(const char *s, aud_i128 *out)
{
    bool neg = *s == '-';
    if (neg) s++;
    if (!*s || strlen(s) > 38) return false;
    aud_i128 v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return false;
        v = v * 10 + (*s - '0');
        if (v >= I128_LIMIT) return false;
    }
    *out = neg ? -v : v;
    return true;
}

static aud_err row_add(aud_sum_row *a, const aud_sum_row *b)
{
    bool ok = add_u64(&a->headcount, b->headcount) && add_u64(&a->paid, b->paid) &&
              add_u64(&a->var_recipients, b->var_recipients) &&
              add_u64(&a->promotion_known, b->promotion_known) && add_u64(&a->promoted, b->promoted) &&
              add_u64(&a->raise_known, b->raise_known) && add_u64(&a->raised, b->raised) &&
              add_i128(&a->pay_sum, b->pay_sum) && add_i128(&a->pay_sumsq, b->pay_sumsq) &&
              add_i128(&a->ln_sum, b->ln_sum) && add_i128(&a->ln_sumsq, b->ln_sumsq);
    return ok ? AUD_OK : AUD_E_SUMMARY;
}

static aud_err employer_copy(aud_summary *s, const aud_sum_employer *src)
{
    aud_sum_employer *e;
    AUD_TRY(aud_summary_add_employer(s, src->name, src->sector, src->region, src->size_band,
                                     src->period_start, src->period_end, src->min_cell, &e));
    e->metrics = calloc(src->nmetrics ? src->nmetrics : 1, sizeof *e->metrics);
    if (!e->metrics) return AUD_E_NOMEM;
    for (size_t i = 0; i < src->nmetrics; i++) {
        e->metrics[i] = src->metrics[i];
        if (!(e->metrics[i].id = strdup(src->metrics[i].id))) return AUD_E_NOMEM;
        e->nmetrics++;
    }
    return AUD_OK;
}

aud_err aud_summary_merge(aud_summary *into, const aud_summary *from, aud_diag *diag)
{
    for (size_t i = 0; i < from->nemployers; i++) AUD_TRY(employer_copy(into, &from->employers[i]));
    for (int d = 0; d < AUD_SUM_NDIM; d++)
        for (size_t i = 0; i < from->tables[d].n; i++) {
            const aud_sum_row *b = &from->tables[d].rows[i];
            aud_sum_row *a;
            AUD_TRY(aud_sum_table_row(&into->tables[d], b->value, b->sex, &a));
            if (row_add(a, b) != AUD_OK)
                return aud_diag_set(diag, AUD_E_SUMMARY, NULL, 0, "merging: a sum of table %s overflows",
                                    aud_sum_dim_name((aud_sum_dim)d));
        }
    for (int s = 0; s < 2; s++) {
        aud_sum_hist *a = &into->hist[s];
        const aud_sum_hist *b = &from->hist[s];
        bool ok = add_u64(&into->dropped[s], from->dropped[s]) && add_u64(&a->under, b->under) &&
                  add_u64(&a->over, b->over) && add_u64(&a->omitted, b->omitted);
        for (int k = 0; ok && k < AUD_SUM_BINS; k++) ok = add_u64(&a->bins[k], b->bins[k]);
        if (!ok) return aud_diag_set(diag, AUD_E_SUMMARY, NULL, 0, "merging: a histogram count overflows");
    }
    return AUD_OK;
}

/* ---- canonical order --------------------------------------------------- */

static int row_cmp(const void *pa, const void *pb)
{
    const aud_sum_row *a = pa, *b = pb;
    if (!a->value != !b->value) return a->value ? -1 : 1;   /* other last */
    if (a->value) {
        int c = strcmp(a->value, b->value);
        if (c) return c;
    }
    return a->sex - b->sex;   /* F (1) before M (2) */
}

static int num_cmp(double a, double b)
{
    if (a < b) return -1;
    if (a > b) return 1;
    return (int)signbit(b) - (int)signbit(a);
}

static int metric_cmp(const aud_sum_metric *a, const aud_sum_metric *b)
{
    int c = strcmp(a->id, b->id);
    if (c) return c;
    if (a->type != b->type) return (int)a->type - (int)b->type;
    switch (a->type) {
    case AUD_V_NUM: return num_cmp(a->num, b->num);
    case AUD_V_INT: return (a->i > b->i) - (a->i < b->i);
    case AUD_V_BOOL: return (int)a->b - (int)b->b;
    default: return 0;
    }
}

static int employer_cmp(const void *pa, const void *pb)
{
    const aud_sum_employer *a = pa, *b = pb;
    int c;
    if ((c = strcmp(a->name, b->name)) || (c = strcmp(a->sector, b->sector)) ||
        (c = strcmp(a->region, b->region)) || (c = strcmp(a->size_band, b->size_band)) ||
        (c = strcmp(a->period_start, b->period_start)) || (c = strcmp(a->period_end, b->period_end)))
        return c;
    if (a->min_cell != b->min_cell) return a->min_cell < b->min_cell ? -1 : 1;
    for (size_t i = 0; i < a->nmetrics && i < b->nmetrics; i++)
        if ((c = metric_cmp(&a->metrics[i], &b->metrics[i]))) return c;
    return (a->nmetrics > b->nmetrics) - (a->nmetrics < b->nmetrics);
}

static int metric_sort_cmp(const void *a, const void *b)
{
    return strcmp(((const aud_sum_metric *)a)->id, ((const aud_sum_metric *)b)->id);
}

aud_err aud_summary_check_unique(const aud_summary *s, aud_diag *diag)
{
    for (size_t i = 1; i < s->nemployers; i++) {
        const aud_sum_employer *a = &s->employers[i - 1], *b = &s->employers[i];
        if (!strcmp(a->name, b->name) && !strcmp(a->sector, b->sector) && !strcmp(a->region, b->region) &&
            !strcmp(a->period_start, b->period_start) && !strcmp(a->period_end, b->period_end)) {
            aud_diag_set(diag, AUD_E_SUMMARY, NULL, 0,
                         "employer \"%.200s\" (period %s to %s) appears twice: its figures would be counted twice",
                         a->name, a->period_start, a->period_end);
            aud_diag_set_hint(diag, "a summary already merged into another must not be given again");
            return AUD_E_SUMMARY;
        }
    }
    return AUD_OK;
}

aud_err aud_summary_canonicalize(aud_summary *s)
{
    for (int d = 0; d < AUD_SUM_NDIM; d++)
        if (s->tables[d].n) qsort(s->tables[d].rows, s->tables[d].n, sizeof(aud_sum_row), row_cmp);
    /* Metrics sorted by id: one order whatever the audit's insertion order. */
    for (size_t i = 0; i < s->nemployers; i++)
        if (s->employers[i].nmetrics)
            qsort(s->employers[i].metrics, s->employers[i].nmetrics, sizeof(aud_sum_metric), metric_sort_cmp);
    if (s->nemployers) qsort(s->employers, s->nemployers, sizeof(aud_sum_employer), employer_cmp);
    return AUD_OK;
}

/* ---- writer ------------------------------------------------------------ */

static const char *sex_code(int sex) { return sex == AUD_SEX_F ? "F" : "M"; }

/* Length of s cut to at most max bytes without splitting a UTF-8 sequence
 * (a partial sequence at the end is dropped too). */
static size_t utf8_cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n > max) n = max;
    size_t lead = n;
    while (lead > 0 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80 && n - lead < 3) lead--;
    if (lead == 0) return n;
    unsigned char c = (unsigned char)s[lead - 1];
    size_t need = c >= 0xF8 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return n - (lead - 1) < need ? lead - 1 : n;
}

/* A JSON string of s, at most SUM_STR_MAX bytes (what the reader accepts);
 * bytes that are not valid UTF-8 (a name typed in a legacy code page, say)
 * become '?', so the file stays a valid summary. json_stringn's NULL also
 * means a failed allocation: valid UTF-8 (checked as strictly as jansson
 * does) then gets NULL, an out-of-memory error, not '?'s in its place. */
static json_t *str_json(const char *s)
{
    if (!s) s = "";
    size_t n = utf8_cut(s, SUM_STR_MAX);
    json_t *j = json_stringn(s, n);
    if (j || aud_enc_valid_utf8((const unsigned char *)s, n, true)) return j;
    char *c = strndup(s, n);
    if (!c) return NULL;
    for (char *p = c; *p; p++)
        if ((unsigned char)*p >= 0x80) *p = '?';
    j = json_string(c);
    free(c);
    return j;
}

static json_t *metric_json(const aud_sum_metric *m)
{
    switch (m->type) {
    case AUD_V_NUM: return json_real(m->num);
    case AUD_V_INT: return json_integer((json_int_t)m->i);
    case AUD_V_BOOL: return json_boolean(m->b);
    default: return json_null();
    }
}

static json_t *employer_json(const aud_sum_employer *e)
{
    int bad = 0;
    json_t *o = json_object();
    bad |= json_object_set_new(o, "name", str_json(e->name));
    bad |= json_object_set_new(o, "sector", str_json(e->sector));
    bad |= json_object_set_new(o, "region", str_json(e->region));
    bad |= json_object_set_new(o, "size_band", json_string(e->size_band));
    json_t *p = json_object();
    bad |= json_object_set_new(p, "start", json_string(e->period_start));
    bad |= json_object_set_new(p, "end", json_string(e->period_end));
    bad |= json_object_set_new(o, "period", p);
    bad |= json_object_set_new(o, "min_cell", json_integer((json_int_t)e->min_cell));
    json_t *m = json_object();
    for (size_t i = 0; i < e->nmetrics; i++) bad |= json_object_set_new(m, e->metrics[i].id, metric_json(&e->metrics[i]));
    bad |= json_object_set_new(o, "metrics", m);
    return aud_json_unless_bad(o, bad);
}

static json_t *row_json(const aud_sum_row *r)
{
    int bad = 0;
    json_t *o = json_object();
    if (r->value) bad |= json_object_set_new(o, "value", str_json(r->value));
    else bad |= json_object_set_new(o, "other", json_true());
    bad |= json_object_set_new(o, "sex", json_string(sex_code(r->sex)));
    bad |= json_object_set_new(o, "headcount", json_integer((json_int_t)r->headcount));
    bad |= json_object_set_new(o, "paid", json_integer((json_int_t)r->paid));
    bad |= json_object_set_new(o, "variable_recipients", json_integer((json_int_t)r->var_recipients));
    bad |= json_object_set_new(o, "promotion_known", json_integer((json_int_t)r->promotion_known));
    bad |= json_object_set_new(o, "promoted", json_integer((json_int_t)r->promoted));
    bad |= json_object_set_new(o, "raise_known", json_integer((json_int_t)r->raise_known));
    bad |= json_object_set_new(o, "raised", json_integer((json_int_t)r->raised));
    bad |= json_object_set_new(o, "pay_fte_centimes_sum", i128_json(r->pay_sum));
    bad |= json_object_set_new(o, "pay_fte_centimes_sumsq", i128_json(r->pay_sumsq));
    bad |= json_object_set_new(o, "ln_pay_fte_nano_sum", i128_json(r->ln_sum));
    bad |= json_object_set_new(o, "ln_pay_fte_nano_sumsq", i128_json(r->ln_sumsq));
    return aud_json_unless_bad(o, bad);
}

static json_t *hist_json(const aud_sum_hist *h)
{
    int bad = 0;
    json_t *o = json_object();
    int first = 0, last = -1;
    for (int k = 0; k < AUD_SUM_BINS; k++)
        if (h->bins[k]) { if (last < 0) first = k; last = k; }
    bad |= json_object_set_new(o, "underflow", json_integer((json_int_t)h->under));
    bad |= json_object_set_new(o, "overflow", json_integer((json_int_t)h->over));
    bad |= json_object_set_new(o, "omitted", json_integer((json_int_t)h->omitted));
    bad |= json_object_set_new(o, "first", json_integer(last < 0 ? 0 : first));
    json_t *a = json_array();
    for (int k = first; k <= last; k++) bad |= json_array_append_new(a, json_integer((json_int_t)h->bins[k]));
    bad |= json_object_set_new(o, "counts", a);
    return aud_json_unless_bad(o, bad);
}

json_t *aud_summary_to_json(const aud_summary *s)
{
    int bad = 0;
    json_t *root = json_object();
    if (!root) return NULL;
    bad |= json_object_set_new(root, "schema", json_string(AUD_SUMMARY_SCHEMA));
    json_t *tool = json_object();
    bad |= json_object_set_new(tool, "name", json_string("musawat"));
    bad |= json_object_set_new(tool, "version", json_string(MUSAWAT_VERSION));
    bad |= json_object_set_new(root, "tool", tool);
    json_t *emps = json_array();
    for (size_t i = 0; i < s->nemployers; i++) bad |= json_array_append_new(emps, employer_json(&s->employers[i]));
    bad |= json_object_set_new(root, "employers", emps);
    json_t *sup = json_object();
    bad |= json_object_set_new(sup, "F", json_integer((json_int_t)s->dropped[0]));
    bad |= json_object_set_new(sup, "M", json_integer((json_int_t)s->dropped[1]));
    bad |= json_object_set_new(root, "suppressed", sup);
    json_t *tables = json_object();
    for (int d = 0; d < AUD_SUM_NDIM; d++) {
        json_t *rows = json_array();
        for (size_t i = 0; i < s->tables[d].n; i++) bad |= json_array_append_new(rows, row_json(&s->tables[d].rows[i]));
        bad |= json_object_set_new(tables, aud_sum_dim_name((aud_sum_dim)d), rows);
    }
    bad |= json_object_set_new(root, "tables", tables);
    json_t *h = json_object();
    bad |= json_object_set_new(h, "F", hist_json(&s->hist[0]));
    bad |= json_object_set_new(h, "M", hist_json(&s->hist[1]));
    bad |= json_object_set_new(root, "histograms", h);
    return aud_json_unless_bad(root, bad);
}

aud_err aud_summary_write_file(aud_summary *s, const char *path, aud_diag *diag)
{
    AUD_TRY(aud_summary_canonicalize(s));
    json_t *root = aud_summary_to_json(s);
    aud_err e = aud_json_write_file(root, path, diag);
    json_decref(root);
    return e;
}

/* ---- strict reader ----------------------------------------------------- */

/* The field being read, formatted only when a message needs it (reading
 * 10 000 summaries would otherwise spend its time in snprintf). */
typedef enum pkind { P_PLAIN, P_EMP, P_METRIC, P_ROW, P_HIST, P_BIN } pkind;

typedef struct rd {
    const char *name;
    aud_diag *diag;
    pkind kind;
    const char *a, *b;   /* P_PLAIN: a; P_EMP: b; P_ROW: a table, b key; P_HIST/P_BIN: a sex, b key */
    size_t i;
} rd;

static void at_(rd *r, pkind k, const char *a, size_t i, const char *b)
{
    r->kind = k;
    r->a = a;
    r->i = i;
    r->b = b;
}

#define at(r, path) at_(r, P_PLAIN, path, 0, NULL)
#define at_emp(r, i, key) at_(r, P_EMP, NULL, i, key)
#define at_row(r, tn, i, key) at_(r, P_ROW, tn, i, key)
#define at_hist(r, sx, key) at_(r, P_HIST, sx, 0, key)

static void path_text(const rd *r, char *buf, size_t len)
{
    const char *b = r->b ? r->b : "", *dot = r->b ? "." : "";
    switch (r->kind) {
    case P_EMP: snprintf(buf, len, "employers[%zu]%s%s", r->i, dot, b); break;
    case P_METRIC: snprintf(buf, len, "employers[%zu].metrics.%.60s", r->i, b); break;
    case P_ROW: snprintf(buf, len, "tables.%s[%zu]%s%s", r->a, r->i, dot, b); break;
    case P_HIST: snprintf(buf, len, "histograms.%s%s%s", r->a, dot, b); break;
    case P_BIN: snprintf(buf, len, "histograms.%s.counts[%zu]", r->a, r->i); break;
    case P_PLAIN: snprintf(buf, len, "%s", r->a ? r->a : ""); break;
    }
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void bad_note(rd *r, const char *fmt, ...)
{
    char msg[300], path[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    path_text(r, path, sizeof path);
    aud_diag_set(r->diag, AUD_E_SUMMARY, r->name, 0, "field %s: %s", path, msg);
    aud_diag_set_hint(r->diag, "a summary must be written by 'musawat summary' (format %s); ask its sender for a new one",
                      AUD_SUMMARY_SCHEMA);
}
/* The error code is a constant visible at every `return bad(...)`, so
 * callers (and static analysis, which does not follow variadic calls) can
 * see that a rejected field never counts as read. */
#define bad(r, ...) (bad_note((r), __VA_ARGS__), AUD_E_SUMMARY)

static aud_err get(rd *r, json_t *obj, const char *key, json_t **out)
{
    *out = json_object_get(obj, key);
    if (!*out) return bad(r, "missing");
    return AUD_OK;
}

static aud_err get_count(rd *r, json_t *obj, const char *key, uint64_t *out)
{
    json_t *v;
    AUD_TRY(get(r, obj, key, &v));
    if (!json_is_integer(v)) return bad(r, "a whole number is expected");
    json_int_t x = json_integer_value(v);
    if (x < 0) return bad(r, "negative count (%lld)", (long long)x);
    *out = (uint64_t)x;
    return AUD_OK;
}

static aud_err get_exact(rd *r, json_t *obj, const char *key, bool nonneg, aud_i128 *out)
{
    json_t *v;
    AUD_TRY(get(r, obj, key, &v));
    if (json_is_integer(v)) *out = json_integer_value(v);
    else if (!json_is_string(v) || !parse_i128(json_string_value(v), out))
        return bad(r, "an exact whole number is expected (JSON integer, or decimal digits in a string)");
    if (nonneg && *out < 0) return bad(r, "negative sum");
    return AUD_OK;
}

static aud_err get_str(rd *r, json_t *obj, const char *key, const char **out)
{
    json_t *v;
    AUD_TRY(get(r, obj, key, &v));
    if (!json_is_string(v)) return bad(r, "a string is expected");
    if (json_string_length(v) > SUM_STR_MAX) return bad(r, "longer than %d bytes", SUM_STR_MAX);
    *out = json_string_value(v);
    return AUD_OK;
}

static bool valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    return aud_date_valid(y, (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0'));
}

static aud_err read_metrics(rd *r, json_t *m, size_t ei, aud_sum_employer *e)
{
    const char *id;
    json_t *v;
    json_object_foreach(m, id, v) {
        at_(r, P_METRIC, NULL, ei, id);
        size_t len = strlen(id);
        if (len == 0 || len > 64 || strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_") != len)
            return bad(r, "a metric id is lower-case letters, digits and _");
        aud_value val = {0};
        if (json_is_integer(v)) { val.type = AUD_V_INT; val.i = (int64_t)json_integer_value(v); }
        else if (json_is_real(v)) {
            val.type = AUD_V_NUM; val.num = json_real_value(v);
            if (!isfinite(val.num)) return bad(r, "the number is not finite");
        } else if (json_is_boolean(v)) { val.type = AUD_V_BOOL; val.b = json_is_true(v); }
        else if (!json_is_null(v)) return bad(r, "a number, a boolean or null is expected");
        if (aud_sum_employer_metric(e, id)) return bad(r, "repeated");
        AUD_TRY(aud_sum_employer_add_metric(e, id, &val));
    }
    return AUD_OK;
}

static aud_err read_employer(rd *r, json_t *o, size_t i, aud_summary *s)
{
    at_emp(r, i, NULL);
    if (!json_is_object(o)) return bad(r, "an object is expected");
    const char *name, *sector, *region, *band, *start, *end;
    json_t *p, *m, *mc;
    at_emp(r, i, "name"); AUD_TRY(get_str(r, o, "name", &name));
    at_emp(r, i, "sector"); AUD_TRY(get_str(r, o, "sector", &sector));
    at_emp(r, i, "region"); AUD_TRY(get_str(r, o, "region", &region));
    at_emp(r, i, "size_band"); AUD_TRY(get_str(r, o, "size_band", &band));
    if (strcmp(band, "<50") != 0 && strcmp(band, "50-249") != 0 && strcmp(band, "250-999") != 0 && strcmp(band, "1000+") != 0)
        return bad(r, "expected <50, 50-249, 250-999 or 1000+");
    at_emp(r, i, "period"); AUD_TRY(get(r, o, "period", &p));
    if (!json_is_object(p)) return bad(r, "an object is expected");
    at_emp(r, i, "period.start"); AUD_TRY(get_str(r, p, "start", &start));
    if (!valid_date(start)) return bad(r, "a date YYYY-MM-DD is expected");
    at_emp(r, i, "period.end"); AUD_TRY(get_str(r, p, "end", &end));
    if (!valid_date(end) || strcmp(end, start) < 0) return bad(r, "a date YYYY-MM-DD, not before the start, is expected");
    at_emp(r, i, "min_cell"); AUD_TRY(get(r, o, "min_cell", &mc));
    if (!json_is_integer(mc) || json_integer_value(mc) < 1 || json_integer_value(mc) > 1000000)
        return bad(r, "a whole number from 1 to 1000000 is expected");
    at_emp(r, i, "metrics"); AUD_TRY(get(r, o, "metrics", &m));
    if (!json_is_object(m)) return bad(r, "an object is expected");
    aud_sum_employer *e;
    AUD_TRY(aud_summary_add_employer(s, name, sector, region, band, start, end, json_integer_value(mc), &e));
    return read_metrics(r, m, i, e);
}

static aud_err read_row(rd *r, json_t *o, aud_sum_dim d, size_t i, aud_summary *s)
{
    const char *tn = aud_sum_dim_name(d);
    at_row(r, tn, i, NULL);
    if (!json_is_object(o)) return bad(r, "an object is expected");
    json_t *val = json_object_get(o, "value"), *oth = json_object_get(o, "other");
    const char *value = NULL, *sexs;
    if (oth) {
        if (!json_is_true(oth) || val) return bad(r, "\"other\": true and \"value\" cannot both be given");
    } else {
        at_row(r, tn, i, "value");
        AUD_TRY(get_str(r, o, "value", &value));
        if (d == AUD_SUM_AGE_BAND && strcmp(value, "") != 0 && strcmp(value, "<30") != 0 && strcmp(value, "30-39") != 0 &&
            strcmp(value, "40-49") != 0 && strcmp(value, "50+") != 0)
            return bad(r, "an age band is <30, 30-39, 40-49, 50+ or \"\"");
    }
    at_row(r, tn, i, "sex");
    AUD_TRY(get_str(r, o, "sex", &sexs));
    int sex = !strcmp(sexs, "F") ? AUD_SEX_F : !strcmp(sexs, "M") ? AUD_SEX_M : 0;
    if (!sex) return bad(r, "\"F\" or \"M\" is expected");
    at_row(r, tn, i, NULL);
    size_t before = s->tables[d].n;
    aud_sum_row *row;
    AUD_TRY(aud_sum_table_row(&s->tables[d], value, sex, &row));
    if (s->tables[d].n == before) return bad(r, "the same group and sex appear twice");
    static const struct { const char *key; size_t off; } counts[] = {
        {"headcount", offsetof(aud_sum_row, headcount)}, {"paid", offsetof(aud_sum_row, paid)},
        {"variable_recipients", offsetof(aud_sum_row, var_recipients)},
        {"promotion_known", offsetof(aud_sum_row, promotion_known)}, {"promoted", offsetof(aud_sum_row, promoted)},
        {"raise_known", offsetof(aud_sum_row, raise_known)}, {"raised", offsetof(aud_sum_row, raised)},
    };
    for (size_t k = 0; k < sizeof counts / sizeof *counts; k++) {
        at_row(r, tn, i, counts[k].key);
        AUD_TRY(get_count(r, o, counts[k].key, (uint64_t *)(void *)((char *)row + counts[k].off)));
    }
    at_row(r, tn, i, "pay_fte_centimes_sum");
    AUD_TRY(get_exact(r, o, "pay_fte_centimes_sum", true, &row->pay_sum));
    at_row(r, tn, i, "pay_fte_centimes_sumsq");
    AUD_TRY(get_exact(r, o, "pay_fte_centimes_sumsq", true, &row->pay_sumsq));
    at_row(r, tn, i, "ln_pay_fte_nano_sum");
    AUD_TRY(get_exact(r, o, "ln_pay_fte_nano_sum", false, &row->ln_sum));
    at_row(r, tn, i, "ln_pay_fte_nano_sumsq");
    AUD_TRY(get_exact(r, o, "ln_pay_fte_nano_sumsq", true, &row->ln_sumsq));
    return AUD_OK;
}

/* Counts and sums that must agree inside one row. */
static aud_err check_row(rd *r, const aud_sum_row *w, aud_sum_dim d, size_t i)
{
    at_row(r, aud_sum_dim_name(d), i, NULL);
    if (w->paid > w->headcount || w->var_recipients > w->headcount || w->promotion_known > w->headcount ||
        w->raise_known > w->headcount)
        return bad(r, "paid, variable_recipients, promotion_known and raise_known cannot exceed headcount");
    /* Rows of every valid summary (and sums of them) have >= 5 people: a
     * smaller one was not made by musawat and must not be passed on. */
    if (w->headcount < AUD_SUMMARY_MIN_CELL || (w->paid > 0 && w->paid < AUD_SUMMARY_MIN_CELL))
        return bad(r, "a group of fewer than %d people (or paid people) cannot be in a summary", AUD_SUMMARY_MIN_CELL);
    if (w->promoted > w->promotion_known || w->raised > w->raise_known)
        return bad(r, "promoted (raised) cannot exceed promotion_known (raise_known)");
    if (w->paid == 0 && (w->pay_sum || w->pay_sumsq || w->ln_sum || w->ln_sumsq))
        return bad(r, "pay sums must be 0 when paid is 0");
    /* Each person has c >= 1 centime, so sum >= paid, sum^2 <= paid * sumsq
     * (Cauchy-Schwarz) and sumsq <= sum^2; checked in long double. */
    long double n = (long double)w->paid, a = (long double)w->pay_sum, q = (long double)w->pay_sumsq;
    long double la = (long double)w->ln_sum, lq = (long double)w->ln_sumsq;
    if (w->paid && (a < n || a * a > n * q * (1 + 1e-12L) || q > a * a * (1 + 1e-12L)))
        return bad(r, "pay_fte_centimes_sum and _sumsq are inconsistent with paid");
    if (w->paid && la * la > n * lq * (1 + 1e-12L) + n)
        return bad(r, "ln_pay_fte_nano_sum and _sumsq are inconsistent with paid");
    return AUD_OK;
}

static aud_err read_hist(rd *r, json_t *hs, int si, aud_summary *s)
{
    const char *sx = si ? "M" : "F";
    json_t *h, *cnt, *first;
    at_hist(r, sx, NULL);
    AUD_TRY(get(r, hs, sx, &h));
    if (!json_is_object(h)) return bad(r, "an object is expected");
    aud_sum_hist *dst = &s->hist[si];
    at_hist(r, sx, "underflow"); AUD_TRY(get_count(r, h, "underflow", &dst->under));
    at_hist(r, sx, "overflow"); AUD_TRY(get_count(r, h, "overflow", &dst->over));
    at_hist(r, sx, "omitted"); AUD_TRY(get_count(r, h, "omitted", &dst->omitted));
    at_hist(r, sx, "first"); AUD_TRY(get(r, h, "first", &first));
    if (!json_is_integer(first) || json_integer_value(first) < 0 || json_integer_value(first) >= AUD_SUM_BINS)
        return bad(r, "a bin number from 0 to %d is expected", AUD_SUM_BINS - 1);
    at_hist(r, sx, "counts"); AUD_TRY(get(r, h, "counts", &cnt));
    size_t k0 = (size_t)json_integer_value(first);
    if (!json_is_array(cnt)) return bad(r, "an array is expected");
    if (k0 + json_array_size(cnt) > AUD_SUM_BINS)
        return bad(r, "first + length of counts exceeds the %d bins", AUD_SUM_BINS);
    for (size_t k = 0; k < json_array_size(cnt); k++) {
        json_t *c = json_array_get(cnt, k);
        at_(r, P_BIN, sx, k, NULL);
        if (!json_is_integer(c)) return bad(r, "a whole number is expected");
        if (json_integer_value(c) < 0) return bad(r, "negative count (%lld)", (long long)json_integer_value(c));
        dst->bins[k0 + k] = (uint64_t)json_integer_value(c);
    }
    return AUD_OK;
}

/* Totals that must agree across the tables and the histograms. */
static aud_err check_totals(rd *r, const aud_summary *s)
{
    for (int si = 0; si < 2; si++) {
        int sex = si ? AUD_SEX_M : AUD_SEX_F;
        uint64_t hc[AUD_SUM_NDIM] = {0}, pd[AUD_SUM_NDIM] = {0};
        for (int d = 0; d < AUD_SUM_NDIM; d++)
            for (size_t i = 0; i < s->tables[d].n; i++)
                if (s->tables[d].rows[i].sex == sex &&
                    (!add_u64(&hc[d], s->tables[d].rows[i].headcount) || !add_u64(&pd[d], s->tables[d].rows[i].paid))) {
                    at_row(r, aud_sum_dim_name((aud_sum_dim)d), 0, NULL);
                    return bad(r, "counts overflow");
                }
        at(r, "tables");
        if (hc[0] != hc[1] || pd[0] != pd[1])
            return bad(r, "category and age_band rows of sex %s do not cover the same people", si ? "M" : "F");
        const aud_sum_hist *h = &s->hist[si];
        uint64_t tot = 0;
        bool ok = add_u64(&tot, h->under) && add_u64(&tot, h->over) && add_u64(&tot, h->omitted);
        for (int k = 0; ok && k < AUD_SUM_BINS; k++) ok = add_u64(&tot, h->bins[k]);
        at_hist(r, si ? "M" : "F", NULL);
        if (!ok || tot != pd[0])
            return bad(r, "the histogram counts (with omitted) must add up to the paid people of the tables");
    }
    return AUD_OK;
}

static aud_err check_schema(rd *r, json_t *root)
{
    json_t *sc;
    at(r, "schema");
    if (!json_is_object(root)) return bad(r, "the file is not a JSON object");
    AUD_TRY(get(r, root, "schema", &sc));
    if (!json_is_string(sc)) return bad(r, "a string is expected");
    const char *v = json_string_value(sc);
    if (!strcmp(v, AUD_SUMMARY_SCHEMA)) return AUD_OK;
    if (!strncmp(v, "musawat.summary/", 16))
        return bad(r, "unknown version \"%.40s\" of the summary format (this musawat reads %s)", v, AUD_SUMMARY_SCHEMA);
    return bad(r, "\"%.40s\" is not a musawat summary (%s expected)", v, AUD_SUMMARY_SCHEMA);
}

static aud_err from_json(rd *r, json_t *root, aud_summary *s)
{
    AUD_TRY(check_schema(r, root));
    json_t *emps, *sup, *tables, *hs;
    at(r, "employers");
    AUD_TRY(get(r, root, "employers", &emps));
    if (!json_is_array(emps) || json_array_size(emps) == 0) return bad(r, "a non-empty array is expected");
    for (size_t i = 0; i < json_array_size(emps); i++) AUD_TRY(read_employer(r, json_array_get(emps, i), i, s));
    at(r, "suppressed");
    AUD_TRY(get(r, root, "suppressed", &sup));
    if (!json_is_object(sup)) return bad(r, "an object is expected");
    at(r, "suppressed.F"); AUD_TRY(get_count(r, sup, "F", &s->dropped[0]));
    at(r, "suppressed.M"); AUD_TRY(get_count(r, sup, "M", &s->dropped[1]));
    at(r, "tables");
    AUD_TRY(get(r, root, "tables", &tables));
    if (!json_is_object(tables)) return bad(r, "an object is expected");
    for (int d = 0; d < AUD_SUM_NDIM; d++) {
        json_t *rows;
        at(r, d ? "tables.age_band" : "tables.category");
        AUD_TRY(get(r, tables, aud_sum_dim_name((aud_sum_dim)d), &rows));
        if (!json_is_array(rows)) return bad(r, "an array is expected");
        for (size_t i = 0; i < json_array_size(rows); i++) {
            AUD_TRY(read_row(r, json_array_get(rows, i), (aud_sum_dim)d, i, s));
            AUD_TRY(check_row(r, &s->tables[d].rows[s->tables[d].n - 1], (aud_sum_dim)d, i));
        }
    }
    at(r, "histograms");
    AUD_TRY(get(r, root, "histograms", &hs));
    if (!json_is_object(hs)) return bad(r, "an object is expected");
    AUD_TRY(read_hist(r, hs, 0, s));
    AUD_TRY(read_hist(r, hs, 1, s));
    return check_totals(r, s);
}

aud_err aud_summary_from_json(json_t *root, const char *name, aud_summary **out, aud_diag *diag)
{
    rd r = {.name = name, .diag = diag};
    aud_summary *s = aud_summary_new();
    if (!s) return AUD_E_NOMEM;
    aud_err e = from_json(&r, root, s);
    if (e != AUD_OK) { aud_summary_free(s); return e; }
    *out = s;
    return AUD_OK;
}

/* The last "key": before byte `pos` on its line, so a parse error (a NaN,
 * say) can name the field it is in. */
static void key_before(const char *buf, size_t len, size_t pos, char *key, size_t cap)
{
    key[0] = '\0';
    if (pos > len) pos = len;
    size_t start = pos;
    while (start > 0 && buf[start - 1] != '\n') start--;
    const char *colon = NULL;
    for (const char *p = buf + start; p < buf + pos; p++)
        if (*p == ':') colon = p;
    if (!colon) return;
    const char *q = colon;
    while (q > buf + start && q[-1] == ' ') q--;
    if (q <= buf + start || q[-1] != '"') return;
    const char *e = q - 1, *b = e;
    while (b > buf + start && b[-1] != '"') b--;
    size_t n = (size_t)(e - b);
    if (b == buf + start || n == 0 || n >= cap) return;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)b[i] < 0x20 || (unsigned char)b[i] >= 0x7f) return;
    memcpy(key, b, n);
    key[n] = '\0';
}

/* A failed allocation while parsing is not the file's fault, but jansson
 * 2.14 reports some of them as syntax errors (its string lexer returns an
 * invalid token when it cannot copy the string: "string or '}' expected")
 * and ignores others (below). Its allocator is therefore wrapped, once for the process, to note a
 * failure in a per-thread flag that the reader checks when parsing fails. */
static _Thread_local bool jansson_oom;
static pthread_once_t jansson_alloc_once = PTHREAD_ONCE_INIT;

static void *jansson_malloc(size_t n)
{
    void *p = malloc(n);
    if (!p) jansson_oom = true;
    return p;
}

static void jansson_alloc_install(void) { json_set_alloc_funcs(jansson_malloc, free); }

aud_err aud_summary_read_buf(const char *buf, size_t len, const char *name,
                             aud_summary **out, aud_diag *diag)
{
    json_error_t err;
    *out = NULL;
    (void)pthread_once(&jansson_alloc_once, jansson_alloc_install);
    jansson_oom = false;
    /* jansson refuses NaN and Infinity tokens, NUL in strings and invalid UTF-8. */
    json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
    /* even a parse that succeeds is not trusted after a failed allocation:
     * the lexer ignores a failed append to its token buffer and carries on
     * with a byte missing ("musawat.summar/1"; a count could lose a digit) */
    if (jansson_oom || (!root && json_error_code(&err) == json_error_out_of_memory)) {
        json_decref(root);
        return aud_diag_set(diag, AUD_E_NOMEM, name, 0, "out of memory while reading the summary");
    }
    if (!root) {
        char key[64];
        key_before(buf, len, err.position, key, sizeof key);
        aud_diag_set(diag, AUD_E_SUMMARY, name, err.line > 0 ? (uint64_t)err.line : 0,
                     "not a valid JSON summary: %s (column %d%s%s)", err.text, err.column,
                     key[0] ? ", field " : "", key);
        aud_diag_set_hint(diag, "numbers must be finite JSON numbers (no NaN or Infinity); the file must be UTF-8 JSON");
        return AUD_E_SUMMARY;
    }
    aud_err e = aud_summary_from_json(root, name, out, diag);
    json_decref(root);
    return e;
}

aud_err aud_summary_read_file(const char *path, aud_summary **out, aud_diag *diag)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f && errno == ENOMEM) return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory while opening the summary");
    if (!f) return aud_diag_set(diag, AUD_E_IO, path, 0, "cannot open the summary: %s", strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    bool too_large = false;
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) break;
        if (cap >= ((size_t)1 << 31)) { free(buf); buf = NULL; too_large = true; break; }
        char *nb = realloc(buf, cap * 2);
        if (!nb) { free(buf); buf = NULL; break; }
        buf = nb;
        cap *= 2;
    }
    bool err = ferror(f);
    fclose(f);
    if (too_large) return aud_diag_set(diag, AUD_E_SUMMARY, path, 0, "the summary is too large to read (2 GiB at most)");
    if (!buf) return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory while reading the summary");
    if (err) { free(buf); return aud_diag_set(diag, AUD_E_IO, path, 0, "cannot read the summary"); }
    aud_err e = aud_summary_read_buf(buf, n, path, out, diag);
    free(buf);
    return e;
}

/* ---- reading many files ------------------------------------------------ */

/* Files are parsed in batches by a few threads (parsing dominates a
 * benchmark over thousands of summaries) and handed to `each` in file order,
 * so results and error messages do not depend on the threads. */
#define READ_BATCH 128
#define READ_THREADS_MAX 8

typedef struct read_job {
    const char *const *files;
    size_t lo, hi, first, step;
    aud_summary **out;
    aud_err *err;
    aud_diag *diag;
} read_job;

static void *read_worker(void *arg)
{
    read_job *j = arg;
    for (size_t i = j->lo + j->first; i < j->hi; i += j->step) {
        size_t k = i - j->lo;
        aud_diag_clear(&j->diag[k]);
        j->err[k] = aud_summary_read_file(j->files[i], &j->out[k], &j->diag[k]);
    }
    return NULL;
}

static size_t reader_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) n = 1;
    return n > READ_THREADS_MAX ? READ_THREADS_MAX : (size_t)n;
}

static void read_batch(const char *const *files, size_t lo, size_t hi, aud_summary **out, aud_err *err,
                       aud_diag *diag)
{
    if (hi <= lo) return;                    /* nothing to read: no job to run */
    size_t nt = reader_threads();
    if (nt > hi - lo) nt = hi - lo;
    pthread_t tid[READ_THREADS_MAX];
    read_job jobs[READ_THREADS_MAX] = {{0}};
    bool started[READ_THREADS_MAX] = {false};
    for (size_t t = 0; t < nt; t++) {
        jobs[t] = (read_job){files, lo, hi, t, nt, out, err, diag};
        if (t > 0) started[t] = pthread_create(&tid[t], NULL, read_worker, &jobs[t]) == 0;
    }
    read_worker(&jobs[0]);
    for (size_t t = 1; t < nt; t++) {
        if (started[t]) pthread_join(tid[t], NULL);
        else read_worker(&jobs[t]);          /* no thread: do its share here */
    }
}

aud_err aud_summary_read_many(const char *const *files, size_t n,
                              aud_err (*each)(void *ctx, size_t index, aud_summary *s, aud_diag *diag),
                              void *ctx, aud_diag *diag)
{
    aud_summary *out[READ_BATCH];
    aud_err err[READ_BATCH];
    aud_diag *dg = malloc(READ_BATCH * sizeof *dg);
    if (!dg) return AUD_E_NOMEM;
    json_object_seed(0);   /* jansson's hash seed, set before any thread parses */
    aud_err e = AUD_OK;
    for (size_t lo = 0; e == AUD_OK && lo < n; lo += READ_BATCH) {
        size_t hi = n - lo > READ_BATCH ? lo + READ_BATCH : n;
        memset(out, 0, sizeof out);
        read_batch(files, lo, hi, out, err, dg);
        for (size_t i = lo; i < hi; i++) {
            size_t k = i - lo;
            if (e == AUD_OK && err[k] != AUD_OK) {
                e = err[k];
                if (diag) *diag = dg[k];
            }
            if (e == AUD_OK) {
                e = each(ctx, i, out[k], diag);
                if (e != AUD_OK && diag && !diag->file[0]) snprintf(diag->file, sizeof diag->file, "%s", files[i]);
            }
            aud_summary_free(out[k]);
        }
    }
    free(dg);
    return e;
}
