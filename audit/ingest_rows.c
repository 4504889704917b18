/* ingest_rows.c - the row consumer shared by every tabular reader: header
 * recognition, kind detection, value parsing and row accounting. */
#include "ingest_int.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logib.h"
#include "stats.h"

#define CACHE_MAX 4096          /* distinct values cached per vocabulary column */
#define ING_MAX_COLUMNS 4096    /* no HR extract has more; bounds header matching memory */

/* ---- small helpers ----------------------------------------------------- */

static aud_input *input_of(ing_file *f)
{
    return &f->run->d->inputs[f->input];
}

static bool is_identity(int fld)
{
    return fld == AUD_F_EMPLOYEE_ID || fld == AUD_F_APPLICANT_ID || fld == AUD_F_CNSS_NUMBER ||
           fld == AUD_F_CIN || fld == AUD_F_NAME || fld == AUD_F_FIRST_NAME;
}

static const char *col_header(ing_file *f, int fld)
{
    int c = fld >= 0 ? f->map.col_of[fld] : -1;
    return c >= 0 ? f->headers[c] : NULL;
}

static aud_err finding(ing_file *f, uint64_t line, int fld, const char *raw, const char *code, aud_severity sev)
{
    const char *shown = raw;
    if (fld >= 0 && is_identity(fld) && raw && *raw) shown = "[redacted]";
    return aud_dataset_finding(f->run->d, f->input, line, col_header(f, fld), shown, code, sev);
}

static aud_workforce *wf_of(ing_file *f)
{
    return f->target == ING_PREV ? &f->run->d->prev : &f->run->d->wf;
}

/* ---- vocabulary cache ----------------------------------------------------- */

static int cached_table(ing_file *f, ing_cache *c, const char *s, size_t len,
                        int (*fn)(const aud_vocab *, const char *, size_t))
{
    const aud_vocab *v = f->run->vocab;
    if (!c->t) c->t = aud_strtab_new();
    uint32_t id = c->t ? aud_strtab_find(c->t, s, len) : 0;
    if (id && id < c->cap) return c->val[id];
    int r = fn(v, s, len);
    if (!c->t || aud_strtab_count(c->t) >= CACHE_MAX) return r;
    if (aud_strtab_intern(c->t, s, len, &id) != AUD_OK) return r;
    if (id >= c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 64;
        while (nc <= id) nc *= 2;
        int8_t *nv = realloc(c->val, nc);
        if (!nv) return r;
        c->val = nv;
        c->cap = nc;
    }
    c->val[id] = (int8_t)r;
    return r;
}

/* Byte comparison of short strings, without a library call per cell. */
static bool same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) if (a[i] != b[i]) return false;
    return true;
}

static int cached(ing_file *f, ing_cache *c, const char *s, size_t len,
                  int (*fn)(const aud_vocab *, const char *, size_t))
{
    /* "F", "H", "Oui", "Non": a few short values fill these columns */
    ing_memo *mo = len && len <= sizeof mo->s ? &c->memo[(len + (unsigned char)s[0]) & 7] : NULL;
    if (mo && mo->n == len && same_bytes(mo->s, s, len)) return mo->val;
    int r = cached_table(f, c, s, len, fn);
    if (mo) {
        memcpy(mo->s, s, len);
        mo->n = (uint8_t)len;
        mo->val = (int8_t)r;
    }
    return r;
}

static int sex_fn(const aud_vocab *v, const char *s, size_t n) { return (int)aud_val_sex(v, s, n); }

/* ---- header row ------------------------------------------------------------ */

static aud_err copy_columns(ing_file *f, const aud_row *row)
{
    aud_input *in = input_of(f);
    in->columns = calloc(row->ncells ? row->ncells : 1, sizeof *in->columns);
    f->headers = calloc(row->ncells ? row->ncells : 1, sizeof *f->headers);
    if (!in->columns || !f->headers) return AUD_E_NOMEM;
    in->ncolumns = row->ncells;
    for (size_t c = 0; c < row->ncells; c++) {
        const char *st;
        size_t l = aud_trim(row->cells[c], row->lens[c], &st);
        in->columns[c].header = strndup(st, l);
        in->columns[c].field = -1;
        if (!in->columns[c].header) return AUD_E_NOMEM;
        f->headers[c] = in->columns[c].header;
    }
    return AUD_OK;
}

static bool has(const ing_file *f, int fld) { return f->map.col_of[fld] >= 0; }

static aud_file_kind detect_kind(const ing_file *f, const aud_template *t)
{
    if (f->previous) return AUD_KIND_PREVIOUS;
    if (f->forced_applicants) return AUD_KIND_APPLICANTS;
    if (t && t->kind == AUD_KIND_LOGIB) return AUD_KIND_LOGIB;
    bool stage = has(f, AUD_F_STAGE);
    for (int s = AUD_F_STAGE_APPLIED; s <= AUD_F_STAGE_HIRED; s++) stage |= has(f, s);
    bool pay = has(f, AUD_F_BASE_PAY) || has(f, AUD_F_BASE_PAY_ANNUAL);
    bool id = has(f, AUD_F_APPLICANT_ID) || has(f, AUD_F_EMPLOYEE_ID);
    if (stage && !pay && id && has(f, AUD_F_SEX)) return AUD_KIND_APPLICANTS;
    if (t && t->kind == AUD_KIND_APPLICANTS && !pay) return AUD_KIND_APPLICANTS;
    return AUD_KIND_WORKFORCE;
}

static aud_err missing_field(ing_file *f, uint64_t line, int fld)
{
    const char *name = aud_field_name((aud_field)fld);
    aud_diag_set(f->diag, AUD_E_HEADER, f->path, line, "required field %s has no column", name);
    aud_diag_set_hint(f->diag, "name its column with --map %s=COLUMN (see the column list of 'musawat check')", name);
    return AUD_E_HEADER;
}

static aud_err check_required(ing_file *f, uint64_t line)
{
    if (f->kind == AUD_KIND_APPLICANTS) {
        if (!has(f, AUD_F_APPLICANT_ID) && !has(f, AUD_F_EMPLOYEE_ID)) return missing_field(f, line, AUD_F_APPLICANT_ID);
        if (!has(f, AUD_F_SEX)) return missing_field(f, line, AUD_F_SEX);
        bool stage = has(f, AUD_F_STAGE);
        for (int s = AUD_F_STAGE_APPLIED; s <= AUD_F_STAGE_HIRED; s++) stage |= has(f, s);
        return stage ? AUD_OK : missing_field(f, line, AUD_F_STAGE);
    }
    if (!has(f, AUD_F_EMPLOYEE_ID)) return missing_field(f, line, AUD_F_EMPLOYEE_ID);
    if (!has(f, AUD_F_SEX)) return missing_field(f, line, AUD_F_SEX);
    /* without pay columns, a BDS file joined on cnss_number supplies base_pay */
    bool from_bds = f->run->bds_given && has(f, AUD_F_CNSS_NUMBER) && f->kind != AUD_KIND_PREVIOUS;
    if (!has(f, AUD_F_BASE_PAY) && !has(f, AUD_F_BASE_PAY_ANNUAL) && !from_bds)
        return missing_field(f, line, AUD_F_BASE_PAY);
    return AUD_OK;
}

static aud_err on_header(ing_file *f, const aud_row *row)
{
    ing_run *run = f->run;
    aud_input *in = input_of(f);
    if (row->too_long)
        return aud_diag_set(f->diag, AUD_E_CSV, f->path, row->line, "a header cell is longer than 64 KiB");
    if (row->ncells > ING_MAX_COLUMNS) {
        aud_diag_set(f->diag, AUD_E_HEADER, f->path, row->line, "the header has %zu columns (at most %d)",
                     row->ncells, ING_MAX_COLUMNS);
        aud_diag_set_hint(f->diag, "check the delimiter (--delimiter) and that this is an HR extract");
        return AUD_E_HEADER;
    }
    AUD_TRY(copy_columns(f, row));
    static const aud_file_kind wf_kinds[] = {AUD_KIND_WORKFORCE, AUD_KIND_APPLICANTS, AUD_KIND_LOGIB, AUD_KIND_UNKNOWN};
    static const aud_file_kind ap_kinds[] = {AUD_KIND_APPLICANTS, AUD_KIND_UNKNOWN};
    static const aud_file_kind prev_kinds[] = {AUD_KIND_WORKFORCE, AUD_KIND_LOGIB, AUD_KIND_UNKNOWN};
    const aud_file_kind *kinds = f->forced_applicants ? ap_kinds : f->previous ? prev_kinds : wf_kinds;
    int forced = run->forced;
    if (forced >= 0 && f->forced_applicants && run->tpl->t[forced].kind != AUD_KIND_APPLICANTS) forced = -1;
    AUD_TRY(aud_header_map_build(run->tpl, forced, kinds, f->headers, NULL, row->ncells, run->o->maps,
                                 run->o->nmaps, f->path, row->line, &f->map, f->diag));
    const aud_template *t = f->map.tpl >= 0 ? &run->tpl->t[f->map.tpl] : NULL;
    if (t && !(in->template_name = strdup(t->name))) return AUD_E_NOMEM;
    for (size_t c = 0; c < row->ncells; c++) {
        in->columns[c].field = f->map.field[c];
        if (f->map.pattern[c] && !(in->columns[c].pattern = strdup(f->map.pattern[c]))) return AUD_E_NOMEM;
    }
    f->kind = detect_kind(f, t);
    f->logib = f->kind == AUD_KIND_LOGIB;
    in->kind = f->kind;
    f->target = f->kind == AUD_KIND_APPLICANTS ? ING_AP : f->kind == AUD_KIND_PREVIOUS ? ING_PREV : ING_WF;
    AUD_TRY(check_required(f, row->line));
    if (f->target != ING_PREV)
        for (int k = 0; k < AUD_F__COUNT; k++) if (has(f, k)) run->d->has_field[k] = true;
    if (f->target == ING_WF && has(f, AUD_F_BASE_PAY_ANNUAL)) run->d->has_field[AUD_F_BASE_PAY] = true;
    if (f->target == ING_AP && has(f, AUD_F_EMPLOYEE_ID)) run->d->has_field[AUD_F_APPLICANT_ID] = true;
    f->first_row = f->target == ING_AP ? run->d->ap.n : wf_of(f)->n;
    f->have_header = true;
    if (!f->xlsx) ing_prep_enable(f);
    return AUD_OK;
}

/* ---- cells ------------------------------------------------------------- */

typedef ing_cell cell;

static cell raw_cell(const ing_file *f, const aud_row *row, int fld)
{
    cell c = {"", 0};
    int k = f->map.col_of[fld];
    if (k < 0 || (size_t)k >= row->ncells) return c;
    const char *s = row->cells[k];
    size_t n = row->lens[k];
    /* aud_trim's own first test, here to spare the call for most cells */
    if (n && (unsigned char)s[0] > ' ' && (unsigned char)s[0] < 0x80 &&
        (unsigned char)s[n - 1] > ' ' && (unsigned char)s[n - 1] < 0x80) { c.s = s; c.n = n; }
    else c.n = aud_trim(s, n, &c.s);
    /* --map-value FIELD:RAW=VALUE recodes before parsing */
    const aud_options *o = f->run->o;
    for (size_t i = 0; i < o->nmap_values && c.n; i++) {
        if (strcmp(o->map_values[i].field, aud_field_name((aud_field)fld)) != 0) continue;
        char a[256], b[256];
        aud_norm(c.s, c.n, a, sizeof a);
        aud_norm(o->map_values[i].raw, strlen(o->map_values[i].raw), b, sizeof b);
        if (!strcmp(a, b)) { c.s = o->map_values[i].value; c.n = strlen(c.s); break; }
    }
    return c;
}

static cell get_cell(const ing_file *f, const aud_row *row, int fld)
{
    const ing_prep *p = row->prep;
    if (p && f->prep_slot[fld] >= 0) return p->cell[f->prep_slot[fld]];
    return raw_cell(f, row, fld);
}

/* ---- preparation on the reading thread (ingest_int.h) ---------------------- */

static const int prep_money[ING_PREP_MONEY] = {AUD_F_BASE_PAY, AUD_F_BASE_PAY_ANNUAL, AUD_F_ALLOWANCES,
                                               AUD_F_VARIABLE_PAY, AUD_F_THIRTEENTH, AUD_F_SPECIAL_PAYMENTS};
static const int prep_dates[ING_PREP_DATES] = {AUD_F_BIRTH_DATE, AUD_F_HIRE_DATE, AUD_F_EXIT_DATE,
                                               AUD_F_APPLICATION_DATE};

static int slot_of(const int *fields, int n, int fld)
{
    for (int i = 0; i < n; i++) if (fields[i] == fld) return i;
    return -1;
}

static aud_date_role date_role(int fld)
{
    return fld == AUD_F_BIRTH_DATE ? AUD_DATE_BIRTH : AUD_DATE_EVENT;
}

static int id_field(const ing_file *f)
{
    return f->target == ING_AP && f->map.col_of[AUD_F_APPLICANT_ID] >= 0 ? AUD_F_APPLICANT_ID : AUD_F_EMPLOYEE_ID;
}

static size_t filled_cells(const aud_row *row, size_t enough);

/* A prepared cell ("" when the field has no column). */
static cell prepped(const ing_file *f, const ing_prep *p, int fld)
{
    int k = f->prep_slot[fld];
    return k >= 0 ? p->cell[k] : (cell){"", 0};
}

/* Reads only what is frozen once the header is mapped: the column map and
 * the options. */
static void prep_row(const void *ctx, const aud_row *row, void *out)
{
    const ing_file *f = ctx;
    ing_prep *p = out;
    p->filled = filled_cells(row, 1) > 0;
    for (int fld = 0; fld < AUD_F__COUNT; fld++)
        if (f->prep_slot[fld] >= 0) p->cell[f->prep_slot[fld]] = raw_cell(f, row, fld);
    for (int i = 0; i < ING_PREP_MONEY; i++) {
        cell c = prepped(f, p, prep_money[i]);
        p->money_st[i] = f->prep_slot[prep_money[i]] >= 0 ? (int8_t)aud_val_money(c.s, c.n, &p->money[i]) : AUD_V_EMPTY;
    }
    for (int i = 0; i < ING_PREP_DATES; i++) {
        cell c = prepped(f, p, prep_dates[i]);
        p->date_st[i] = f->prep_slot[prep_dates[i]] >= 0
                      ? (int8_t)aud_val_date(c.s, c.n, date_role(prep_dates[i]), f->run->o->period_end, &p->date[i])
                      : AUD_V_EMPTY;
    }
    /* birth and hire dates: the full years the plausibility checks need */
    int32_t ref = f->run->o->period_end;
    p->years[0] = p->date_st[0] == AUD_V_OK ? aud_full_years(p->date[0], ref) : -1;
    p->years[1] = p->date_st[1] == AUD_V_OK && p->date[1] <= ref ? aud_full_years(p->date[1], ref) : -1;
    cell c = prepped(f, p, AUD_F_FTE);
    p->fte_st = f->prep_slot[AUD_F_FTE] >= 0 ? (int8_t)aud_val_fte(c.s, c.n, &p->fte) : AUD_V_EMPTY;
    c = prepped(f, p, AUD_F_CNSS_NUMBER);
    p->cnss_st = f->prep_slot[AUD_F_CNSS_NUMBER] >= 0 && c.n ? (int8_t)aud_val_cnss(c.s, c.n, p->cnss) : AUD_V_EMPTY;
    p->cnss_hash = p->cnss_st == AUD_V_OK || p->cnss_st == AUD_V_RANGE ? aud_strtab_hash(p->cnss, 9) : 0;
    c = prepped(f, p, id_field(f));
    p->id_hash = aud_strtab_hash(c.s, c.n);
}

/* Mapped for the column report but never read by the row consumer. */
static bool unread(int fld)
{
    return fld == AUD_F_NAME || fld == AUD_F_FIRST_NAME || fld == AUD_F_CIN;
}

void ing_prep_enable(ing_file *f)
{
    f->nprep = 0;
    for (int fld = 0; fld < AUD_F__COUNT; fld++)
        f->prep_slot[fld] = (int16_t)(f->map.col_of[fld] >= 0 && !unread(fld) ? f->nprep++ : -1);
    size_t size = sizeof(ing_prep) + (size_t)f->nprep * sizeof(ing_cell);
    f->prep.size = (size + 15) & ~(size_t)15;
    f->prep.fn = prep_row;
    f->prep.ctx = f;
    f->prep.balance = f->run->o->reader_threads != 2;
    atomic_store_explicit(&f->prep.ready, 1, memory_order_release);
}

/* A cell as a NUL-terminated copy for findings (truncated). */
static const char *show(cell c, char *buf, size_t cap)
{
    size_t n = c.n < cap - 1 ? c.n : cap - 1;
    memcpy(buf, c.s, n);
    buf[n] = '\0';
    return buf;
}

typedef struct rowctx {
    ing_file *f;
    const aud_row *row;
    size_t r;
    const char *reject_code;
    int reject_field;
    char reject_raw[128];
    /* identifier lookups deferred to the end of the row (see id_begin) */
    cell id_cell;
    int id_fld, id_kind;
    uint32_t *id_dst;
    bool sex_numeric;          /* unreadable numeric sex, counted unless the id is a duplicate */
    uint32_t *cnss_dst;
    char cnss_digits[10];
    uint64_t id_hash, cnss_hash;
} rowctx;

static void reject(rowctx *x, int fld, cell c, const char *code)
{
    if (x->reject_code) return;
    x->reject_code = code;
    x->reject_field = fld;
    show(c, x->reject_raw, sizeof x->reject_raw);
}

static aud_err warn(rowctx *x, int fld, cell c, const char *code)
{
    char buf[128];
    return finding(x->f, x->row->line, fld, show(c, buf, sizeof buf), code, AUD_SEV_WARNING);
}

/* Money into *dst (monthly or yearly as read). Returns false when absent. */
static aud_err money(rowctx *x, int fld, double *dst, bool *present, bool required_pay)
{
    cell c = get_cell(x->f, x->row, fld);
    aud_money m;
    const ing_prep *p = x->row->prep;
    int k = slot_of(prep_money, ING_PREP_MONEY, fld);
    aud_vstatus st;
    if (p && k >= 0) { st = (aud_vstatus)p->money_st[k]; m = p->money[k]; }
    else st = aud_val_money(c.s, c.n, &m);
    *present = false;
    if (st == AUD_V_EMPTY) return AUD_OK;
    if (st == AUD_V_BAD) {
        if (required_pay) { reject(x, fld, c, "unreadable_pay"); return AUD_OK; }
        return warn(x, fld, c, "unreadable_value");
    }
    if (m.micro < 0) { reject(x, fld, c, "negative_pay"); return AUD_OK; }
    ing_money_col *mc = &x->f->money[fld];
    if (st == AUD_V_AMBIG && x->f->nrowp < sizeof x->f->rowp / sizeof *x->f->rowp) {
        x->f->rowp[x->f->nrowp++] = (ing_pending){x->r, m.micro, m.micro_alt, (uint8_t)fld, m.sep, false};
    } else if (m.vote == '.') {
        mc->votes_dot++;
    } else if (m.vote == ',') {
        mc->votes_comma++;
    }
    *dst = aud_money_value(m.micro);
    *present = true;
    return AUD_OK;
}

static aud_err number(rowctx *x, int fld, double *dst)
{
    cell c = get_cell(x->f, x->row, fld);
    double v;
    aud_vstatus st = aud_val_number(c.s, c.n, &v);
    if (st == AUD_V_EMPTY) return AUD_OK;
    if (st != AUD_V_OK || v < 0) return warn(x, fld, c, "unreadable_value");
    *dst = v;
    return AUD_OK;
}

static aud_err small_int(rowctx *x, int fld, long lo, long hi, int8_t *dst)
{
    cell c = get_cell(x->f, x->row, fld);
    long v;
    aud_vstatus st = aud_val_int(c.s, c.n, lo, hi, &v);
    if (st == AUD_V_EMPTY) return AUD_OK;
    if (st != AUD_V_OK) return warn(x, fld, c, "unreadable_value");
    *dst = (int8_t)v;
    return AUD_OK;
}

static aud_err date(rowctx *x, int fld, aud_date_role role, int32_t *dst)
{
    cell c = get_cell(x->f, x->row, fld);
    int32_t v;
    const ing_prep *p = x->row->prep;
    int k = slot_of(prep_dates, ING_PREP_DATES, fld);
    aud_vstatus st;
    if (p && k >= 0 && date_role(fld) == role) { st = (aud_vstatus)p->date_st[k]; v = p->date[k]; }
    else st = aud_val_date(c.s, c.n, role, x->f->run->o->period_end, &v);
    if (st == AUD_V_EMPTY) return AUD_OK;
    if (st != AUD_V_OK) return warn(x, fld, c, "unreadable_date");
    *dst = v;
    return AUD_OK;
}

static int text_index(int fld)
{
    switch (fld) {
    case AUD_F_CATEGORY: return 0;
    case AUD_F_GRADE: return 1;
    case AUD_F_JOB: return 2;
    case AUD_F_DEPARTMENT: return 3;
    case AUD_F_SITE: return 4;
    case AUD_F_CONTRACT: return 5;
    case AUD_F_EDUCATION: return 6;
    default: return 7;   /* AUD_F_CHANNEL */
    }
}

/* Slot of a text value: its first and last eight bytes (or a few bytes of
 * a short one) and its length, mixed by multiplication. */
static size_t recent_slot(const unsigned char *u, size_t n)
{
    uint64_t a, b;
    if (n >= 8) {
        memcpy(&a, u, 8);
        memcpy(&b, u + n - 8, 8);
    } else {
        a = (uint64_t)u[0] | (uint64_t)u[n / 2] << 8 | (uint64_t)u[n - 1] << 16;
        b = (uint64_t)u[n / 3] << 8;
    }
    uint64_t h = (a * 0x9e3779b97f4a7c15ull) ^ (b * 0xc2b2ae3d27d4eb4full) ^ n;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return (size_t)(h >> 40) % ING_RECENT;
}

static bool recent_is(const ing_recent *r, cell c)
{
    return r->id && r->n == c.n && same_bytes(r->s, c.s, c.n);
}

static aud_err text(rowctx *x, int fld, uint32_t *dst)
{
    cell c = get_cell(x->f, x->row, fld);
    if (!c.n) return AUD_OK;
    /* a column holds few distinct values: a set of two slots per hash keeps
     * the ones seen last with their interned id and address (interned
     * strings never move), compared directly, cheaper than the table */
    size_t k = recent_slot((const unsigned char *)c.s, c.n) & ~(size_t)1;
    ing_recent *set = &x->f->recent_text[text_index(fld)][k];
    if (recent_is(&set[0], c)) { *dst = set[0].id; return AUD_OK; }
    if (recent_is(&set[1], c)) {
        ing_recent hit = set[1];
        set[1] = set[0];
        set[0] = hit;
        *dst = hit.id;
        return AUD_OK;
    }
    aud_strtab *t = x->f->run->d->strings;
    AUD_TRY(aud_strtab_intern(t, c.s, c.n, dst));
    set[1] = set[0];
    set[0] = (ing_recent){aud_strtab_get(t, *dst), (uint32_t)c.n, *dst};
    return AUD_OK;
}

static int yesno_fn(const aud_vocab *v, const char *s, size_t n) { return aud_val_yesno(v, s, n); }
static int stage_fn(const aud_vocab *v, const char *s, size_t n) { return aud_val_stage(v, s, n); }
static int csp_fn(const aud_vocab *v, const char *s, size_t n) { return aud_val_csp(v, s, n); }

static aud_err yesno(rowctx *x, int fld, int8_t *dst)
{
    cell c = get_cell(x->f, x->row, fld);
    if (!c.n) return AUD_OK;
    int v = cached(x->f, &x->f->yesno_cache, c.s, c.n, yesno_fn);
    if (v < 0) return warn(x, fld, c, "unreadable_yes_no");
    if (c.n == 1 && (c.s[0] == 'x' || c.s[0] == 'X')) x->f->xmark[fld] = true;
    if (v == 0) x->f->explicit_no[fld] = true;
    *dst = (int8_t)v;
    return AUD_OK;
}

/* ---- identity and sex --------------------------------------------------- */

static bool numeric(cell c)
{
    if (!c.n) return false;
    for (size_t i = 0; i < c.n; i++) if (c.s[i] < '0' || c.s[i] > '9') return false;
    return true;
}

/* Identifiers are unique, so their hash slots are cold cache lines. The row
 * starts their loads (prefetch) and looks them up once the other cells are
 * parsed; a duplicate then takes precedence over any rejection found since,
 * as if it had been checked first. */
static void id_begin(rowctx *x, int fld, int kind, uint32_t *dst)
{
    x->id_dst = NULL;
    x->id_cell = get_cell(x->f, x->row, fld);
    if (!x->id_cell.n) { reject(x, fld, x->id_cell, "missing_required"); return; }
    x->id_fld = fld;
    x->id_kind = kind;
    x->id_dst = dst;
    const ing_prep *p = x->row->prep;
    /* a prepared row's slot was prefetched rows ago (ing_row) */
    x->id_hash = p ? p->id_hash : aud_strtab_hash(x->id_cell.s, x->id_cell.n);
    if (!p) aud_strtab_prefetch_hash(x->f->run->d->ids, x->id_hash);
}

static aud_err id_finish(rowctx *x)
{
    ing_run *run = x->f->run;
    bool dup = false;
    if (x->id_dst) {
        cell c = x->id_cell;
        int kind = x->id_kind;
        uint32_t id;
        AUD_TRY(aud_strtab_intern_hashed(run->d->ids, c.s, c.n, x->id_hash, &id));
        if (id >= run->seen_cap[kind]) {
            size_t oc = run->seen_cap[kind], nc = oc ? oc * 2 : 4096;
            while (nc <= id) nc *= 2;
            uint32_t *ns = realloc(run->seen[kind], nc * sizeof *ns);
            if (!ns) return AUD_E_NOMEM;
            memset(ns + oc, 0, (nc - oc) * sizeof *ns);
            run->seen[kind] = ns;
            run->seen_cap[kind] = nc;
        }
        if (run->seen[kind][id] == x->f->input + 1) {
            x->reject_code = NULL;
            reject(x, x->id_fld, c, "duplicate_id");
            dup = true;
        }
        *x->id_dst = id;
        x->id_dst = NULL;
    }
    if (x->sex_numeric && !dup) x->f->numeric_sex_rejects++;
    x->sex_numeric = false;
    if (x->cnss_dst) AUD_TRY(aud_strtab_intern_hashed(run->d->ids, x->cnss_digits, 9, x->cnss_hash, x->cnss_dst));
    x->cnss_dst = NULL;
    return AUD_OK;
}

static uint8_t sex_field(rowctx *x)
{
    cell c = get_cell(x->f, x->row, AUD_F_SEX);
    if (!c.n) { reject(x, AUD_F_SEX, c, "missing_required"); return AUD_SEX_NONE; }
    int s = cached(x->f, &x->f->sex_cache, c.s, c.n, sex_fn);
    if (s == AUD_SEX_NONE) {
        x->sex_numeric = numeric(c) && !x->reject_code;
        reject(x, AUD_F_SEX, c, "unreadable_sex");
    }
    return (uint8_t)s;
}

static aud_err cnss_field(rowctx *x, size_t r)
{
    cell c = get_cell(x->f, x->row, AUD_F_CNSS_NUMBER);
    if (!c.n) return AUD_OK;
    const ing_prep *p = x->row->prep;
    aud_vstatus st;
    if (p) { st = (aud_vstatus)p->cnss_st; memcpy(x->cnss_digits, p->cnss, sizeof x->cnss_digits); }
    else st = aud_val_cnss(c.s, c.n, x->cnss_digits);
    if (st == AUD_V_EMPTY) return AUD_OK;      /* separators only ("-"): no number */
    if (st == AUD_V_BAD) return warn(x, AUD_F_CNSS_NUMBER, c, "cnss_format");
    if (st == AUD_V_RANGE) AUD_TRY(warn(x, AUD_F_CNSS_NUMBER, c, "cnss_check_digit"));
    /* interned after the employee id (id_finish), in the same order as ever */
    x->cnss_hash = p ? p->cnss_hash : aud_strtab_hash(x->cnss_digits, 9);
    if (!p) aud_strtab_prefetch_hash(x->f->run->d->ids, x->cnss_hash);
    x->cnss_dst = &wf_of(x->f)->cnss[r];
    return AUD_OK;
}

/* ---- workforce rows ------------------------------------------------------ */

static aud_err wf_pay(rowctx *x, aud_workforce *w, size_t r)
{
    bool monthly = false, annual = false;
    double yearly = AUD_NA;
    size_t before = x->f->nrowp;
    if (has(x->f, AUD_F_BASE_PAY)) AUD_TRY(money(x, AUD_F_BASE_PAY, &w->base_pay[r], &monthly, true));
    if (has(x->f, AUD_F_BASE_PAY_ANNUAL)) AUD_TRY(money(x, AUD_F_BASE_PAY_ANNUAL, &yearly, &annual, true));
    if (!monthly && annual) {
        w->base_pay[r] = yearly / 12;
        for (size_t i = before; i < x->f->nrowp; i++)
            if (x->f->rowp[i].field == AUD_F_BASE_PAY_ANNUAL) x->f->rowp[i].to_base = true;
    }
    /* no pay column at all: base_pay comes from the BDS join (check_required) */
    bool pay_cols = has(x->f, AUD_F_BASE_PAY) || has(x->f, AUD_F_BASE_PAY_ANNUAL);
    if (!monthly && !annual && pay_cols)
        reject(x, has(x->f, AUD_F_BASE_PAY) ? AUD_F_BASE_PAY : AUD_F_BASE_PAY_ANNUAL, (cell){"", 0}, "missing_required");
    bool p;
    if (has(x->f, AUD_F_ALLOWANCES)) AUD_TRY(money(x, AUD_F_ALLOWANCES, &w->allowances[r], &p, false));
    if (has(x->f, AUD_F_VARIABLE_PAY)) AUD_TRY(money(x, AUD_F_VARIABLE_PAY, &w->variable_pay[r], &p, false));
    return AUD_OK;
}

static aud_err wf_time(rowctx *x, aud_workforce *w, size_t r)
{
    if (has(x->f, AUD_F_FTE)) {
        cell c = get_cell(x->f, x->row, AUD_F_FTE);
        double v;
        const ing_prep *p = x->row->prep;
        aud_vstatus st = p ? (aud_vstatus)p->fte_st : aud_val_fte(c.s, c.n, &v);
        if (p) v = p->fte;
        if (st == AUD_V_OK) w->fte[r] = v;
        else if (st == AUD_V_RANGE) reject(x, AUD_F_FTE, c, "fte_out_of_range");
        else if (st == AUD_V_BAD) AUD_TRY(warn(x, AUD_F_FTE, c, "unreadable_value"));
    }
    if (has(x->f, AUD_F_MONTHLY_HOURS)) AUD_TRY(number(x, AUD_F_MONTHLY_HOURS, &w->monthly_hours[r]));
    if (has(x->f, AUD_F_BIRTH_DATE)) AUD_TRY(date(x, AUD_F_BIRTH_DATE, AUD_DATE_BIRTH, &w->birth_date[r]));
    if (has(x->f, AUD_F_HIRE_DATE)) AUD_TRY(date(x, AUD_F_HIRE_DATE, AUD_DATE_EVENT, &w->hire_date[r]));
    if (has(x->f, AUD_F_EXIT_DATE)) AUD_TRY(date(x, AUD_F_EXIT_DATE, AUD_DATE_EVENT, &w->exit_date[r]));
    if (has(x->f, AUD_F_AGE)) {
        int8_t v = -1;
        AUD_TRY(small_int(x, AUD_F_AGE, 0, 120, &v));
        w->age[r] = v;
    }
    if (has(x->f, AUD_F_SENIORITY)) {
        cell c = get_cell(x->f, x->row, AUD_F_SENIORITY);
        double v;
        int32_t dd;
        /* "Ancienneté" columns sometimes hold the seniority date instead */
        if (aud_val_number(c.s, c.n, &v) == AUD_V_OK && v >= 0 && v <= 80) w->seniority[r] = (int16_t)v;
        else if (c.n && aud_val_date(c.s, c.n, AUD_DATE_EVENT, x->f->run->o->period_end, &dd) == AUD_V_OK &&
                 w->hire_date[r] == AUD_NO_DATE) w->hire_date[r] = dd;
        else if (c.n) AUD_TRY(warn(x, AUD_F_SENIORITY, c, "unreadable_value"));
    }
    return AUD_OK;
}

/* The CSP of a category, classified once per interned category. */
static aud_err csp_field(ing_file *f, uint32_t cat, int8_t *dst)
{
    if (cat >= f->csp_cap) {
        size_t nc = f->csp_cap ? f->csp_cap * 2 : 256;
        while (nc <= cat) nc *= 2;
        int8_t *nv = realloc(f->csp_of, nc);
        if (!nv) return AUD_E_NOMEM;
        memset(nv + f->csp_cap, 0, nc - f->csp_cap);
        f->csp_of = nv;
        f->csp_cap = nc;
    }
    if (!f->csp_of[cat]) {
        const char *s = aud_dataset_str(f->run->d, cat);
        f->csp_of[cat] = (int8_t)(cached(f, &f->csp_cache, s, strlen(s), csp_fn) + 2);
    }
    *dst = (int8_t)(f->csp_of[cat] - 2);
    return AUD_OK;
}

static aud_err wf_text(rowctx *x, aud_workforce *w, size_t r)
{
    static const int fields[] = {AUD_F_CATEGORY, AUD_F_GRADE, AUD_F_JOB, AUD_F_DEPARTMENT, AUD_F_SITE,
                                 AUD_F_CONTRACT, AUD_F_EDUCATION};
    uint32_t *cols[] = {w->category, w->grade, w->job, w->department, w->site, w->contract, w->education};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (has(x->f, fields[i])) AUD_TRY(text(x, fields[i], &cols[i][r]));
    if (w->category[r]) AUD_TRY(csp_field(x->f, w->category[r], &w->csp[r]));
    static const int yn[] = {AUD_F_PROMOTED, AUD_F_RAISED, AUD_F_MATERNITY_RETURN, AUD_F_RAISED_AFTER_LEAVE};
    int8_t *ycols[] = {w->promoted, w->raised, w->maternity_return, w->raised_after_leave};
    for (size_t i = 0; i < 4; i++)
        if (has(x->f, yn[i])) AUD_TRY(yesno(x, yn[i], &ycols[i][r]));
    if (has(x->f, AUD_F_CNSS_NUMBER)) AUD_TRY(cnss_field(x, r));
    return AUD_OK;
}

static aud_err wf_logib(rowctx *x, aud_workforce *w, size_t r)
{
    bool p;
    if (has(x->f, AUD_F_TRAINING_CODE)) AUD_TRY(small_int(x, AUD_F_TRAINING_CODE, 1, 8, &w->training_code[r]));
    if (has(x->f, AUD_F_REQUIREMENT_LEVEL)) AUD_TRY(small_int(x, AUD_F_REQUIREMENT_LEVEL, 1, 8, &w->requirement_level[r]));
    if (has(x->f, AUD_F_PROFESSIONAL_POSITION)) AUD_TRY(small_int(x, AUD_F_PROFESSIONAL_POSITION, 1, 5, &w->professional_position[r]));
    if (has(x->f, AUD_F_POPULATION_CODE)) AUD_TRY(small_int(x, AUD_F_POPULATION_CODE, 0, 99, &w->population_code[r]));
    if (has(x->f, AUD_F_ACTIVITY_RATE)) AUD_TRY(number(x, AUD_F_ACTIVITY_RATE, &w->activity_rate[r]));
    if (has(x->f, AUD_F_PAID_HOURS)) AUD_TRY(number(x, AUD_F_PAID_HOURS, &w->paid_hours[r]));
    if (has(x->f, AUD_F_WEEKLY_HOURS)) AUD_TRY(number(x, AUD_F_WEEKLY_HOURS, &w->weekly_hours[r]));
    if (has(x->f, AUD_F_THIRTEENTH)) AUD_TRY(money(x, AUD_F_THIRTEENTH, &w->thirteenth[r], &p, false));
    if (has(x->f, AUD_F_SPECIAL_PAYMENTS)) AUD_TRY(money(x, AUD_F_SPECIAL_PAYMENTS, &w->special_payments[r], &p, false));
    /* the datalist's activity rate (percent) is the working time the other
     * metrics read as fte, when the file has no fte of its own */
    double ar = w->activity_rate[r];
    if (AUD_IS_NA(w->fte[r]) && !AUD_IS_NA(ar) && ar > 0 && ar <= 150) w->fte[r] = ar / 100;
    return AUD_OK;
}

/* Plausibility warnings of EXTRACT.md on an accepted row. */
static aud_err wf_plausible(rowctx *x, aud_workforce *w, size_t r)
{
    int32_t ref = x->f->run->o->period_end;
    const ing_prep *p = x->row->prep;
    int age = w->age[r] >= 0 ? w->age[r] : w->birth_date[r] == AUD_NO_DATE ? -1
            : p && p->date_st[0] == AUD_V_OK && p->date[0] == w->birth_date[r] ? p->years[0]
            : aud_full_years(w->birth_date[r], ref);
    int sen = w->seniority[r] >= 0 ? w->seniority[r]
            : (w->hire_date[r] == AUD_NO_DATE || w->hire_date[r] > ref) ? -1
            : p && p->date_st[1] == AUD_V_OK && p->date[1] == w->hire_date[r] ? p->years[1]
            : aud_full_years(w->hire_date[r], ref);
    char buf[32];
    cell none = {"", 0};
    if (age >= 0 && (age < 15 || age > 70)) {
        snprintf(buf, sizeof buf, "%d", age);
        AUD_TRY(warn(x, has(x->f, AUD_F_AGE) ? AUD_F_AGE : AUD_F_BIRTH_DATE, (cell){buf, strlen(buf)}, "age_implausible"));
    }
    if (age >= 0 && sen >= 0 && sen > age - 14)
        AUD_TRY(warn(x, has(x->f, AUD_F_SENIORITY) ? AUD_F_SENIORITY : AUD_F_HIRE_DATE, none, "seniority_implausible"));
    if (w->hire_date[r] != AUD_NO_DATE && w->hire_date[r] > ref)
        AUD_TRY(warn(x, AUD_F_HIRE_DATE, none, "hire_after_period"));
    return AUD_OK;
}

static aud_err wf_row(rowctx *x)
{
    ing_file *f = x->f;
    aud_workforce *w = wf_of(f);
    size_t r;
    AUD_TRY(aud_wf_append_to(w, &r));
    x->r = r;
    w->input[r] = f->input;
    w->line[r] = x->row->line > UINT32_MAX ? UINT32_MAX : (uint32_t)x->row->line;
    id_begin(x, AUD_F_EMPLOYEE_ID, f->target == ING_PREV ? ING_SEEN_PREV : ING_SEEN_WF, &w->employee_id[r]);
    w->sex[r] = sex_field(x);
    AUD_TRY(wf_pay(x, w, r));
    AUD_TRY(wf_time(x, w, r));
    AUD_TRY(wf_text(x, w, r));
    AUD_TRY(id_finish(x));
    if (f->logib) AUD_TRY(wf_logib(x, w, r));
    if (!x->reject_code && f->logib && f->target == ING_WF) {
        bool rej = false;
        uint64_t before = f->run->d->rejections;
        AUD_TRY(aud_logib_check_row(f->run->d, r, f->input, x->row->line, &rej));
        if (rej) {
            x->reject_code = "logib_rule";
            x->reject_field = -1;
            if (f->run->d->rejections > before) x->reject_field = -2;   /* finding already recorded */
        }
    }
    if (!x->reject_code) AUD_TRY(wf_plausible(x, w, r));
    return AUD_OK;
}

/* ---- applicant rows ----------------------------------------------------- */

static aud_err ap_stage(rowctx *x, aud_applicants *a, size_t r)
{
    ing_file *f = x->f;
    if (has(f, AUD_F_STAGE)) {
        cell c = get_cell(f, x->row, AUD_F_STAGE);
        if (!c.n) { reject(x, AUD_F_STAGE, c, "missing_required"); return AUD_OK; }
        int s = cached(f, &f->stage_cache, c.s, c.n, stage_fn);
        if (s < 0) reject(x, AUD_F_STAGE, c, "unreadable_stage");
        a->stage[r] = (int8_t)s;
        return AUD_OK;
    }
    a->stage[r] = AUD_STAGE_APPLIED;
    for (int k = AUD_F_STAGE_APPLIED; k <= AUD_F_STAGE_HIRED; k++) {
        if (!has(f, k)) continue;
        cell c = get_cell(f, x->row, k);
        if (!c.n) continue;                 /* empty flag = not reached */
        int v = cached(f, &f->yesno_cache, c.s, c.n, yesno_fn);
        if (v < 0) AUD_TRY(warn(x, k, c, "unreadable_yes_no"));
        if (v == 1) a->stage[r] = (int8_t)(k - AUD_F_STAGE_APPLIED);
    }
    return AUD_OK;
}

static aud_err ap_row(rowctx *x)
{
    ing_file *f = x->f;
    aud_applicants *a = &f->run->d->ap;
    size_t r;
    AUD_TRY(aud_ap_append(f->run->d, &r));
    x->r = r;
    a->input[r] = f->input;
    a->line[r] = x->row->line > UINT32_MAX ? UINT32_MAX : (uint32_t)x->row->line;
    int idf = has(f, AUD_F_APPLICANT_ID) ? AUD_F_APPLICANT_ID : AUD_F_EMPLOYEE_ID;
    id_begin(x, idf, ING_SEEN_AP, &a->applicant_id[r]);
    AUD_TRY(id_finish(x));
    a->sex[r] = sex_field(x);
    AUD_TRY(id_finish(x));       /* counts a numeric sex */
    AUD_TRY(ap_stage(x, a, r));
    if (has(f, AUD_F_JOB)) AUD_TRY(text(x, AUD_F_JOB, &a->job[r]));
    if (has(f, AUD_F_CATEGORY)) AUD_TRY(text(x, AUD_F_CATEGORY, &a->category[r]));
    if (has(f, AUD_F_CHANNEL)) AUD_TRY(text(x, AUD_F_CHANNEL, &a->channel[r]));
    if (has(f, AUD_F_APPLICATION_DATE)) AUD_TRY(date(x, AUD_F_APPLICATION_DATE, AUD_DATE_EVENT, &a->date[r]));
    return AUD_OK;
}

/* ---- accounting ---------------------------------------------------------- */

static aud_err commit_pending(ing_file *f)
{
    for (size_t i = 0; i < f->nrowp; i++) {
        ing_money_col *mc = &f->money[f->rowp[i].field];
        if (mc->n == mc->cap) {
            size_t nc = mc->cap ? mc->cap * 2 : 64;
            ing_pending *np = realloc(mc->p, nc * sizeof *np);
            if (!np) return AUD_E_NOMEM;
            mc->p = np;
            mc->cap = nc;
        }
        mc->p[mc->n++] = f->rowp[i];
    }
    f->nrowp = 0;
    return AUD_OK;
}

static aud_err reject_row(ing_file *f, const aud_row *row, int fld, const char *raw, const char *code)
{
    aud_input *in = input_of(f);
    in->rows_rejected++;
    if (fld == -2) return AUD_OK;
    return finding(f, row->line, fld, raw, code, AUD_SEV_REJECT);
}

static bool ragged(const ing_file *f, const aud_row *row)
{
    size_t n = f->map.ncols;
    if (row->ncells == n) return false;
    if (row->ncells < n) return !f->xlsx;
    for (size_t c = n; c < row->ncells; c++) if (row->lens[c]) return true;
    return false;    /* trailing empty cells: Excel's extra separators */
}

/* Non-blank cells, counted up to `enough` (after the header only blank or
 * not matters, and the first cell usually answers). */
static size_t filled_cells(const aud_row *row, size_t enough)
{
    size_t k = 0;
    for (size_t c = 0; c < row->ncells && k < enough; c++) {
        const char *st;
        if (aud_trim(row->cells[c], row->lens[c], &st)) k++;
    }
    return k;
}

aud_err ing_row(void *ctx, const aud_row *row)
{
    ing_file *f = ctx;
    aud_input *in = input_of(f);
    const ing_prep *prep = row->prep;
    size_t filled = row->too_long ? 1 : prep ? prep->filled : filled_cells(row, f->have_header ? 1 : SIZE_MAX);
    if (filled == 0) { in->blank_lines++; return AUD_OK; }   /* empty sheet rows */
    if (!f->have_header) {
        /* a title above the header ("Etat du personnel 2025") has one cell */
        if (filled == 1 && !row->too_long && f->title_rows < 10) {
            f->title_rows++;
            return aud_dataset_finding(f->run->d, f->input, row->line, NULL, NULL, "title_row_skipped", AUD_SEV_INFO);
        }
        return on_header(f, row);
    }
    in->rows_read++;
    if (row->too_long) return reject_row(f, row, -1, NULL, "field_too_long");
    if (ragged(f, row)) {
        char buf[48];
        snprintf(buf, sizeof buf, "%zu fields, header has %zu", row->ncells, f->map.ncols);
        return reject_row(f, row, -1, buf, "ragged_row");
    }
    const ing_prep *ahead = row->prep_ahead;
    if (ahead) {   /* identifiers are unique: their slots are cold, start loading them */
        aud_strtab_prefetch_hash(f->run->d->ids, ahead->id_hash);
        if (ahead->cnss_hash) aud_strtab_prefetch_hash(f->run->d->ids, ahead->cnss_hash);
    }
    rowctx x = {.f = f, .row = row, .reject_field = -1};
    f->nrowp = 0;
    AUD_TRY(f->target == ING_AP ? ap_row(&x) : wf_row(&x));
    if (x.reject_code) {
        if (f->target == ING_AP) aud_ap_pop(f->run->d);
        else if (f->target == ING_PREV) { if (f->run->d->prev.n) f->run->d->prev.n--; }
        else aud_wf_pop(f->run->d);
        f->nrowp = 0;
        return reject_row(f, row, x.reject_field, x.reject_raw, x.reject_code);
    }
    uint32_t id = f->target == ING_AP ? f->run->d->ap.applicant_id[x.r] : wf_of(f)->employee_id[x.r];
    int kind = f->target == ING_AP ? ING_SEEN_AP : f->target == ING_PREV ? ING_SEEN_PREV : ING_SEEN_WF;
    f->run->seen[kind][id] = f->input + 1;
    in->rows_accepted++;
    return commit_pending(f);
}

/* ---- end of file --------------------------------------------------------- */

static void resolve_money(ing_file *f)
{
    aud_workforce *w = wf_of(f);
    for (int fld = 0; fld < AUD_F__COUNT; fld++) {
        ing_money_col *mc = &f->money[fld];
        char mark = mc->votes_dot > mc->votes_comma ? '.' : mc->votes_comma > mc->votes_dot ? ',' : 0;
        for (size_t i = 0; i < mc->n; i++) {
            const ing_pending *p = &mc->p[i];
            double v = aud_money_value(p->sep == mark ? p->dec : p->alt);
            switch (p->field) {
            case AUD_F_BASE_PAY: w->base_pay[p->row] = v; break;
            case AUD_F_BASE_PAY_ANNUAL: if (p->to_base) w->base_pay[p->row] = v / 12; break;
            case AUD_F_ALLOWANCES: w->allowances[p->row] = v; break;
            case AUD_F_VARIABLE_PAY: w->variable_pay[p->row] = v; break;
            case AUD_F_THIRTEENTH: w->thirteenth[p->row] = v; break;
            case AUD_F_SPECIAL_PAYMENTS: w->special_payments[p->row] = v; break;
            default: break;
            }
        }
    }
}

/* Pay more than 50 times the file's median: a warning per row. */
static aud_err pay_outliers(ing_file *f)
{
    aud_workforce *w = wf_of(f);
    size_t n = w->n - f->first_row, k = 0;
    if (n < 2) return AUD_OK;
    double *v = malloc(n * sizeof *v);
    if (!v) return AUD_E_NOMEM;
    for (size_t i = f->first_row; i < w->n; i++) if (!AUD_IS_NA(w->base_pay[i])) v[k++] = w->base_pay[i];
    if (k < 2) { free(v); return AUD_OK; }
    double med = aud_stats_median_select(v, k);    /* by selection: O(n), no sort */
    free(v);
    int fld = has(f, AUD_F_BASE_PAY) ? AUD_F_BASE_PAY : AUD_F_BASE_PAY_ANNUAL;
    for (size_t i = f->first_row; i < w->n && med > 0; i++) {
        if (AUD_IS_NA(w->base_pay[i]) || w->base_pay[i] <= 50 * med) continue;
        char buf[40];
        snprintf(buf, sizeof buf, "%.2f", w->base_pay[i]);
        AUD_TRY(finding(f, w->line[i], fld, buf, "pay_above_50x_median", AUD_SEV_WARNING));
    }
    return AUD_OK;
}

/* Yes/no columns marked with "x": an empty cell there means no. */
static void xmark_columns(ing_file *f)
{
    aud_workforce *w = wf_of(f);
    static const int yn[] = {AUD_F_PROMOTED, AUD_F_RAISED, AUD_F_MATERNITY_RETURN, AUD_F_RAISED_AFTER_LEAVE};
    int8_t *cols[] = {w->promoted, w->raised, w->maternity_return, w->raised_after_leave};
    for (size_t k = 0; k < 4; k++) {
        if (!f->xmark[yn[k]] || f->explicit_no[yn[k]]) continue;
        for (size_t i = f->first_row; i < w->n; i++) if (cols[k][i] < 0) cols[k][i] = 0;
    }
}

aud_err ing_file_finish(ing_file *f)
{
    aud_input *in = input_of(f);
    if (!f->have_header) {
        aud_diag_set(f->diag, AUD_E_NODATA, f->path, 0, "empty file: no header row");
        aud_diag_set_hint(f->diag, "give the extract with its header line and at least one data row");
        return AUD_E_NODATA;
    }
    if (f->target != ING_AP) {
        resolve_money(f);
        xmark_columns(f);
        AUD_TRY(pay_outliers(f));
    }
    if (in->rows_accepted == 0) {
        aud_diag_set(f->diag, AUD_E_NODATA, f->path, 0, "no usable row (%llu read, %llu rejected)",
                     (unsigned long long)in->rows_read, (unsigned long long)in->rows_rejected);
        if (f->numeric_sex_rejects)
            aud_diag_set_hint(f->diag, "sex is coded with numbers: say which is which with --map-value sex:1=M,2=F");
        else if (in->rows_read)
            aud_diag_set_hint(f->diag, "run 'musawat check' on the file to see why each row was rejected");
        else
            aud_diag_set_hint(f->diag, "the file has a header but no data row");
        return AUD_E_NODATA;
    }
    return AUD_OK;
}

static void cache_free(ing_cache *c)
{
    aud_strtab_free(c->t);
    free(c->val);
}

void ing_file_free(ing_file *f)
{
    aud_header_map_free(&f->map);
    free((void *)f->headers);
    for (int k = 0; k < AUD_F__COUNT; k++) free(f->money[k].p);
    cache_free(&f->sex_cache);
    cache_free(&f->yesno_cache);
    cache_free(&f->stage_cache);
    cache_free(&f->csp_cache);
    free(f->csp_of);
}
