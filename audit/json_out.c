/* json_out.c - results -> JSON with jansson. */
#include "json_out.h"

#include <math.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "version.h"

void aud_format_date(int32_t days, char buf[11])
{
    int y, m, d;
    if (days == AUD_NO_DATE) { buf[0] = '\0'; return; }
    aud_civil_from_days(days, &y, &m, &d);
    snprintf(buf, 11, "%04d-%02d-%02d", (y % 10000 + 10000) % 10000, (m % 13 + 13) % 13, (d % 32 + 32) % 32);
}

json_t *aud_json_unless_bad(json_t *j, int bad)
{
    if (!bad) return j;
    json_decref(j);
    return NULL;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    size_t len = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || len > n) return 0;
    uint32_t cp = len == 1 ? s[0] : s[0] & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

json_t *aud_json_text(const char *s)
{
    if (!s) return json_null();
    size_t n = strlen(s);
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n && utf8_seq(u + i, n - i)) i += utf8_seq(u + i, n - i);
    if (i == n) return json_stringn(s, n);
    char *fixed = malloc(3 * n + 1);
    if (!fixed) return NULL;
    size_t o = 0;
    for (i = 0; i < n;) {
        size_t k = utf8_seq(u + i, n - i);
        if (k) { memcpy(fixed + o, s + i, k); o += k; i += k; continue; }
        static const char replacement[3] = {'\xEF', '\xBF', '\xBD'};  /* U+FFFD */
        memcpy(fixed + o, replacement, sizeof replacement);
        o += sizeof replacement;
        i++;
    }
    json_t *j = json_stringn(fixed, o);
    free(fixed);
    return j;
}

json_t *aud_json_value(const aud_value *v)
{
    if (!v) return json_null();
    switch (v->type) {
    case AUD_V_NUM: return isfinite(v->num) ? json_real(v->num) : json_null();
    case AUD_V_INT: return json_integer((json_int_t)v->i);
    case AUD_V_BOOL: return json_boolean(v->b);
    case AUD_V_STR: return aud_json_text(v->str ? v->str : "");
    case AUD_V_NULL: case AUD_V_SUPPRESSED: break;
    }
    return json_null();
}

json_t *aud_json_results_metrics(const aud_results *r)
{
    json_t *o = json_object();
    int bad = 0;
    for (size_t i = 0; o && i < r->nmetrics; i++)
        bad |= json_object_set_new(o, r->metrics[i].id, aud_json_value(&r->metrics[i].v));
    return aud_json_unless_bad(o, bad);
}

static json_t *reasons_json(const aud_results *r)
{
    json_t *o = json_object();
    int bad = 0;
    for (size_t i = 0; o && i < r->nmetrics; i++)
        if (r->metrics[i].v.type == AUD_V_NULL && r->metrics[i].reason)
            bad |= json_object_set_new(o, r->metrics[i].id, aud_json_text(r->metrics[i].reason));
    return aud_json_unless_bad(o, bad);
}

json_t *aud_json_results_tables(const aud_results *r)
{
    json_t *tables = json_object();
    int bad = 0;
    for (size_t t = 0; tables && t < r->ntables; t++) {
        const aud_table *tb = r->tables[t];
        json_t *rows = json_array();
        for (size_t i = 0; i < tb->nrows; i++) {
            json_t *row = json_object();
            bool suppressed = false;
            for (size_t c = 0; c < tb->ncols; c++) {
                const aud_value *v = aud_table_cell_c(tb, i, c);
                if (v->type == AUD_V_SUPPRESSED) suppressed = true;
                bad |= json_object_set_new(row, tb->col_names[c], aud_json_value(v));
            }
            if (suppressed) bad |= json_object_set_new(row, "suppressed", json_true());
            bad |= json_array_append_new(rows, row);
        }
        bad |= json_object_set_new(tables, tb->name, rows);
    }
    return aud_json_unless_bad(tables, bad);
}

static json_t *inputs_json(const aud_dataset *d)
{
    json_t *arr = json_array();
    int bad = 0;
    for (size_t i = 0; arr && i < d->ninputs; i++) {
        const aud_input *in = &d->inputs[i];
        json_t *o = json_object();
        bad |= json_object_set_new(o, "path", aud_json_text(in->path));
        bad |= json_object_set_new(o, "kind", json_string(aud_file_kind_name(in->kind)));
        bad |= json_object_set_new(o, "sha256", json_string(in->sha256));
        bad |= json_object_set_new(o, "encoding", aud_json_text(in->encoding ? in->encoding : ""));
        bad |= json_object_set_new(o, "delimiter", aud_json_text(in->delimiter ? in->delimiter : ""));
        bad |= json_object_set_new(o, "template", aud_json_text(in->template_name ? in->template_name : ""));
        if (in->sheet) bad |= json_object_set_new(o, "sheet", aud_json_text(in->sheet));
        bad |= json_object_set_new(o, "rows_read", json_integer((json_int_t)in->rows_read));
        bad |= json_object_set_new(o, "rows_accepted", json_integer((json_int_t)in->rows_accepted));
        bad |= json_object_set_new(o, "rows_rejected", json_integer((json_int_t)in->rows_rejected));
        bad |= json_object_set_new(o, "blank_lines", json_integer((json_int_t)in->blank_lines));
        json_t *cols = json_array();
        for (size_t c = 0; c < in->ncolumns; c++) {
            json_t *co = json_object();
            bad |= json_object_set_new(co, "header", aud_json_text(in->columns[c].header ? in->columns[c].header : ""));
            bad |= json_object_set_new(co, "field", in->columns[c].field >= 0
                                    ? json_string(aud_field_name((aud_field)in->columns[c].field)) : json_null());
            bad |= json_object_set_new(co, "pattern", in->columns[c].pattern ? aud_json_text(in->columns[c].pattern) : json_null());
            bad |= json_array_append_new(cols, co);
        }
        bad |= json_object_set_new(o, "columns", cols);
        bad |= json_array_append_new(arr, o);
    }
    return aud_json_unless_bad(arr, bad);
}

static json_t *findings_json(const aud_dataset *d)
{
    json_t *arr = json_array();
    int bad = 0;
    for (size_t i = 0; arr && i < d->nfindings; i++) {
        const aud_finding *f = &d->findings[i];
        json_t *o = json_object();
        bad |= json_object_set_new(o, "file", aud_json_text(f->input < d->ninputs ? d->inputs[f->input].path : ""));
        bad |= json_object_set_new(o, "line", json_integer((json_int_t)f->line));
        bad |= json_object_set_new(o, "column", f->column ? aud_json_text(aud_dataset_str(d, f->column)) : json_null());
        bad |= json_object_set_new(o, "raw", f->raw ? aud_json_text(aud_dataset_str(d, f->raw)) : json_null());
        bad |= json_object_set_new(o, "code", aud_json_text(aud_dataset_str(d, f->code)));
        bad |= json_object_set_new(o, "severity", json_string(aud_severity_name(f->severity)));
        bad |= json_array_append_new(arr, o);
    }
    return aud_json_unless_bad(arr, bad);
}

static json_t *options_json(const aud_options *o)
{
    json_t *j = json_object();
    int bad = 0;
    bad |= json_object_set_new(j, "min_cell", json_integer(o->min_cell));
    bad |= json_object_set_new(j, "monthly_hours", json_real(o->monthly_hours));
    bad |= json_object_set_new(j, "smig", isfinite(o->smig) ? json_real(o->smig) : json_null());
    bad |= json_object_set_new(j, "egapro_levels", json_string(o->egapro_levels_grade ? "grade" : "csp"));
    bad |= json_object_set_new(j, "model", json_string(o->model == AUD_MODEL_LOGIB ? "logib"
                                              : o->model == AUD_MODEL_STANDARD ? "standard" : "auto"));
    bad |= json_object_set_new(j, "equal_value_by", o->equal_value_by ? aud_json_text(o->equal_value_by) : json_null());
    bad |= json_object_set_new(j, "general_raise_pct", isfinite(o->general_raise_pct) ? json_real(o->general_raise_pct) : json_null());
    bad |= json_object_set_new(j, "lang", json_string(aud_lang_code(o->lang)));
    return aud_json_unless_bad(j, bad);
}

json_t *aud_json_audit_build(const aud_dataset *d, const aud_options *o, const aud_results *r)
{
    json_t *root = json_object();
    if (!root) return NULL;
    int bad = 0;
    char a[11], b[11];
    bad |= json_object_set_new(root, "schema", json_string("musawat.audit/1"));
    json_t *tool = json_object();
    bad |= json_object_set_new(tool, "name", json_string("musawat"));
    bad |= json_object_set_new(tool, "version", json_string(MUSAWAT_VERSION));
    bad |= json_object_set_new(root, "tool", tool);
    json_t *emp = json_object();
    bad |= json_object_set_new(emp, "name", aud_json_text(o->employer ? o->employer : ""));
    bad |= json_object_set_new(emp, "sector", aud_json_text(o->sector ? o->sector : ""));
    bad |= json_object_set_new(emp, "region", aud_json_text(o->region ? o->region : ""));
    bad |= json_object_set_new(root, "employer", emp);
    aud_format_date(o->period_start, a);
    aud_format_date(o->period_end, b);
    json_t *per = json_object();
    bad |= json_object_set_new(per, "start", json_string(a));
    bad |= json_object_set_new(per, "end", json_string(b));
    bad |= json_object_set_new(root, "period", per);
    bad |= json_object_set_new(root, "options", options_json(o));
    bad |= json_object_set_new(root, "inputs", inputs_json(d));
    bad |= json_object_set_new(root, "metrics", aud_json_results_metrics(r));
    bad |= json_object_set_new(root, "reasons", reasons_json(r));
    bad |= json_object_set_new(root, "tables", aud_json_results_tables(r));
    json_t *notes = json_object();
    for (size_t i = 0; i < r->nnotes; i++)
        bad |= json_object_set_new(notes, r->notes[i].id, aud_json_text(r->notes[i].v.str));
    bad |= json_object_set_new(root, "notes", notes);
    bad |= json_object_set_new(root, "findings", findings_json(d));
    bad |= json_object_set_new(root, "findings_not_listed", json_integer((json_int_t)d->findings_dropped));
    return aud_json_unless_bad(root, bad);
}

/* The serialised text, grown by our own callback. A failed write is
 * sticky: jansson 2.14 ignores the status of a sorted object's key dump,
 * so after one failed append it could carry on with the next pieces and
 * return success over a text missing a key (found by the allocation
 * sweep); every later write fails too, and the flag is checked after. */
typedef struct jtext { char *p; size_t n, cap; bool failed; } jtext;

static int jtext_put(const char *s, size_t n, void *ctx)
{
    jtext *t = ctx;
    if (t->failed) return -1;
    if (n + 2 > t->cap - t->n) {
        size_t cap = t->cap ? t->cap : 1u << 16;
        while (n + 2 > cap - t->n) cap *= 2;
        char *np = realloc(t->p, cap);
        if (!np) { t->failed = true; return -1; }
        t->p = np;
        t->cap = cap;
    }
    memcpy(t->p + t->n, s, n);
    t->n += n;
    return 0;
}

aud_err aud_json_write_file(json_t *root, const char *path, aud_diag *diag)
{
    if (!root) return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory while building the JSON (or a text that is not UTF-8)");
    jtext t = {NULL, 0, 0, false};
    if (json_dump_callback(root, jtext_put, &t, AUD_JSON_FLAGS) != 0 || t.failed || jtext_put("\n", 1, &t) != 0) {
        free(t.p);
        return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory while serialising the JSON");
    }
    aud_err e = aud_output_write_all(path, t.p, t.n, diag);
    free(t.p);
    return e;
}

aud_err aud_json_write_audit(const aud_dataset *d, const aud_options *o, const aud_results *r,
                             const char *path, aud_diag *diag)
{
    json_t *root = aud_json_audit_build(d, o, r);
    aud_err e = aud_json_write_file(root, path, diag);
    json_decref(root);
    return e;
}
