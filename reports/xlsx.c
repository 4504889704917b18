/* xlsx.c - workbook layer: validation, typed writes, widths, names, tables. */
#include "xlsx.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json_out.h"
#include "version.h"

/* ---------- validation ---------- */

/* Decode one UTF-8 sequence at p (n bytes left); returns its length, or 0
 * when malformed. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    size_t len = p[0] < 0x80 ? 1 : (p[0] >= 0xC2 && p[0] <= 0xDF) ? 2
               : (p[0] >= 0xE0 && p[0] <= 0xEF) ? 3 : (p[0] >= 0xF0 && p[0] <= 0xF4) ? 4 : 0;
    if (len == 0 || len > n) return 0;
    return aud_utf8_valid((const char *)p, len) ? len : 0;
}

size_t aud_utf8_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80) n++;
    return n;
}

aud_err aud_text_clean(const char *s, size_t max_chars, char **buf, size_t *cap)
{
    if (!s) s = "";
    size_t n = strlen(s);
    size_t need = n * 3 + 1;        /* worst case: every byte becomes U+FFFD */
    if (need > *cap) {
        char *nb = realloc(*buf, need);
        if (!nb) return AUD_E_NOMEM;
        *buf = nb;
        *cap = need;
    }
    const unsigned char *p = (const unsigned char *)s;
    char *o = *buf;
    size_t units = 0;
    while (*p && units < max_chars) {
        size_t len = utf8_seq(p, n - (size_t)(p - (const unsigned char *)s));
        if (len == 0) {                       /* not UTF-8: show U+FFFD */
            memcpy(o, "\xEF\xBF\xBD", 3); o += 3; p++;
        } else if (len == 1 && (*p < 0x20 || *p == 0x7F) && *p != '\n' && *p != '\t') {
            *o++ = ' '; p++;
        } else {
            memcpy(o, p, len); o += len; p += len;
            if (len == 4) units++;              /* Excel counts UTF-16 units */
        }
        units++;
    }
    *o = '\0';
    return AUD_OK;
}

int aud_sheet_name_ok(const char *name)
{
    if (!name || !*name || !aud_utf8_valid(name, strlen(name))) return 0;
    if (aud_utf8_chars(name) > 31) return 0;
    if (strpbrk(name, "[]:*?/\\")) return 0;
    if (name[0] == '\'' || name[strlen(name) - 1] == '\'') return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20) return 0;
    return 1;
}

static int is_alpha(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* A1 style: 1-3 letters up to XFD then digits; R1C1 style: R, C, RnCn... */
static int looks_like_ref(const char *s)
{
    size_t i = 0;
    while (is_alpha(s[i])) i++;
    if (i >= 1 && i <= 3 && is_digit(s[i])) {
        size_t j = i;
        while (is_digit(s[j])) j++;
        if (s[j] == '\0') return 1;
    }
    const char *p = s;
    if (*p == 'R' || *p == 'r') { p++; while (is_digit(*p)) p++; }
    if (*p == 'C' || *p == 'c') { p++; while (is_digit(*p)) p++; }
    return *p == '\0' && p != s;
}

int aud_defined_name_ok(const char *name)
{
    if (!name || !*name || strlen(name) > 255) return 0;
    if (!is_alpha(name[0]) && name[0] != '_') return 0;
    for (const char *p = name; *p; p++)
        if (!is_alpha(*p) && !is_digit(*p) && *p != '_' && *p != '.') return 0;
    if (strcasecmp(name, "TRUE") == 0 || strcasecmp(name, "FALSE") == 0) return 0;
    return !looks_like_ref(name);
}

aud_err aud_lxw_err(lxw_error e)
{
    switch (e) {
    case LXW_NO_ERROR: return AUD_OK;
    case LXW_ERROR_MEMORY_MALLOC_FAILED: return AUD_E_NOMEM;
    case LXW_ERROR_CREATING_XLSX_FILE: case LXW_ERROR_CREATING_TMPFILE: case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION: case LXW_ERROR_ZIP_PARAMETER_ERROR: case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR: case LXW_ERROR_ZIP_FILE_ADD: case LXW_ERROR_ZIP_CLOSE:
        return AUD_E_OUTPUT;
    default: return AUD_E_XLSX;
    }
}

aud_err aud_lxw_close_err(lxw_error e, int sys_errno)
{
    aud_err code = aud_lxw_err(e);
    return code == AUD_E_OUTPUT && sys_errno == ENOMEM ? AUD_E_NOMEM : code;
}

/* ---------- primitives ---------- */

int aud_xw_ok(const aud_xw *x) { return x->err == AUD_OK; }

void aud_xw_fail(aud_xw *x, lxw_error e, const char *what)
{
    if (e == LXW_NO_ERROR || x->err != AUD_OK) return;
    x->err = aud_diag_set(x->diag, aud_lxw_err(e), x->path, 0, "writing the workbook (%s): %s",
                          what, lxw_strerror(e));
}

static void fail_code(aud_xw *x, aud_err e, const char *what)
{
    if (x->err != AUD_OK) return;
    x->err = aud_diag_set(x->diag, e, x->path, 0, "writing the workbook: %s", what);
}

const char *aud_xw_text(aud_xw *x, const char *s)
{
    return aud_xw_text_max(x, s, AUD_XW_MAX_TEXT);
}

const char *aud_xw_text_max(aud_xw *x, const char *s, size_t max_chars)
{
    unsigned i = x->scratch_next++ % AUD_XW_SCRATCH;
    if (aud_text_clean(s, max_chars, &x->scratch[i], &x->scratch_cap[i]) != AUD_OK) {
        fail_code(x, AUD_E_NOMEM, "out of memory");
        return "";
    }
    return x->scratch[i];
}

const char *aud_xw_label(const aud_xw *x, const char *key, const char *fallback)
{
    return aud_labels_get(x->lab, key, fallback ? fallback : key);
}

void aud_xw_fit(aud_xw *x, lxw_col_t c, double chars)
{
    if (c < AUD_XW_MAXCOLS && chars > x->sh.width[c]) x->sh.width[c] = chars;
}

void aud_xw_str(aud_xw *x, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f, int fit)
{
    if (!aud_xw_ok(x)) return;
    const char *t = aud_xw_text(x, s);
    if (!*t) return;
    aud_xw_fail(x, worksheet_write_string(x->sh.ws, r, c, t, f), "text cell");
    if (fit) aud_xw_fit(x, c, (double)aud_utf8_chars(t));
}

void aud_xw_num(aud_xw *x, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
    if (!aud_xw_ok(x)) return;
    if (!isfinite(v)) { aud_xw_str(x, r, c, "NC", x->st.nc, 0); return; }
    aud_xw_fail(x, worksheet_write_number(x->sh.ws, r, c, v, f), "number cell");
    double mag = fabs(v) >= 1 ? floor(log10(fabs(v))) + 1 : 1;
    aud_xw_fit(x, c, mag + mag / 3 + 4);
}

void aud_xw_value(aud_xw *x, lxw_row_t r, lxw_col_t c, const aud_value *v, aud_colfmt fmt,
                  int is_gap, const char *reason)
{
    lxw_format *f = aud_styles_for(&x->st, fmt, is_gap);
    switch (v->type) {
    case AUD_V_NUM: aud_xw_num(x, r, c, v->num, f); break;
    case AUD_V_INT: aud_xw_num(x, r, c, (double)v->i, fmt == AUD_COL_TEXT ? x->st.num[AUD_COL_COUNT] : f); break;
    case AUD_V_BOOL: aud_xw_num(x, r, c, v->b ? 1.0 : 0.0, x->st.num[AUD_COL_BOOL]); break;
    case AUD_V_STR: aud_xw_str(x, r, c, v->str, x->st.text, 1); break;
    case AUD_V_SUPPRESSED: {
        char s[32];
        snprintf(s, sizeof s, "< %d", x->r->min_cell);
        aud_xw_str(x, r, c, s, x->st.suppressed, 1);
        break;
    }
    case AUD_V_NULL:
        if (fmt == AUD_COL_TEXT) break;
        aud_xw_str(x, r, c, "NC", x->st.nc, 1);
        if (reason && aud_xw_ok(x)) {
            const char *why = aud_labels_get2(x->lab, "reason.", reason, reason);
            aud_xw_fail(x, worksheet_write_comment(x->sh.ws, r, c, aud_xw_text(x, why)), "comment");
        }
        break;
    }
}

void aud_xw_range(const aud_xw *x, char *out, size_t cap, lxw_row_t r1, lxw_col_t c1,
                  lxw_row_t r2, lxw_col_t c2)
{
    char a[32], b[32];
    lxw_rowcol_to_cell_abs(a, r1, c1, 1, 1);
    lxw_rowcol_to_cell_abs(b, r2, c2, 1, 1);
    if (r1 == r2 && c1 == c2) snprintf(out, cap, "=%s!%s", x->sh.ref, a);
    else snprintf(out, cap, "=%s!%s:%s", x->sh.ref, a, b);
}

static long metric_index(const aud_xw *x, const char *id)
{
    const aud_metric *m = aud_results_get(x->r, id);
    return m ? (long)(m - x->r->metrics) : -1;
}

void aud_xw_define(aud_xw *x, const char *id, lxw_row_t r, lxw_col_t c)
{
    long i = metric_index(x, id);
    if (i < 0 || x->named[i] || !aud_defined_name_ok(id) || !aud_xw_ok(x)) return;
    char f[300];
    aud_xw_range(x, f, sizeof f, r, c, r, c);
    aud_xw_fail(x, workbook_define_name(x->wb, id, f), "defined name");
    x->named[i] = 1;
}

/* ---------- lifecycle ---------- */

static void footer_escape(char *out, size_t cap, const char *s, size_t max_chars)
{
    size_t n = 0, chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && n + 3 < cap; p++) {
        if ((*p & 0xC0) != 0x80 && ++chars > max_chars) break;
        if (*p == '&') out[n++] = '&';
        out[n++] = (char)*p;
    }
    out[n] = '\0';
}

/* dd/mm/yyyy as Moroccan documents show dates; "" for a missing date. */
static void format_day(int32_t days, char out[16])
{
    char iso[11];
    aud_format_date(days, iso);
    if (!iso[0]) { out[0] = '\0'; return; }
    snprintf(out, 16, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

static void set_identity(aud_xw *x)
{
    const aud_options *o = x->o;
    char da[16], db[16];
    format_day(o->period_start, da);
    format_day(o->period_end, db);
    snprintf(x->period, sizeof x->period, "%s – %s", da, db);
    const char *emp = o->employer && *o->employer ? o->employer : aud_xw_label(x, "summary.employer_unknown", "-");
    /* 100 characters (at most 400 bytes) keep every buffer below whole */
    snprintf(x->subtitle, sizeof x->subtitle, "%s · %s %s", aud_xw_text_max(x, emp, 100),
             aud_xw_label(x, "subtitle.period", "Period"), x->period);
    /* libxlsxwriter refuses footers over 255 bytes: 40 characters of name
     * (at most 160 bytes) and the period fit with the codes */
    char e[170], p[64];
    footer_escape(e, sizeof e, aud_xw_text(x, emp), 40);
    footer_escape(p, sizeof p, x->period, 30);
    snprintf(x->footer, sizeof x->footer, "&L%s&C&P / &N&R%s", e, p);
}

static void set_properties(aud_xw *x)
{
    const aud_options *o = x->o;
    time_t created = o->source_date_epoch >= 0 ? (time_t)o->source_date_epoch
                                                : (time_t)o->period_end * 86400;
    if (created <= 0) created = 86400;      /* 0 would mean "now" to libxlsxwriter */
    char title[300], subject[300], author[64], comp[512];
    /* at most 4 bytes a character: 70 and 120 characters fit the buffers whole */
    snprintf(title, sizeof title, "%s", aud_xw_text_max(x, aud_xw_label(x, "doc.title", "Gender equity audit"), 70));
    snprintf(subject, sizeof subject, "%s", aud_xw_text_max(x, aud_xw_label(x, "doc.subject", "Pay and career equality"), 70));
    snprintf(author, sizeof author, "musawat %s", MUSAWAT_VERSION);
    snprintf(comp, sizeof comp, "%s", aud_xw_text_max(x, o->employer ? o->employer : "", 120));
    lxw_doc_properties p = {.title = title, .subject = subject, .author = author,
                            .company = comp, .keywords = "musawat.audit/1", .created = created};
    aud_xw_fail(x, workbook_set_properties(x->wb, &p), "document properties");
    char a[11], b[11], per[32];
    aud_format_date(o->period_start, a);
    aud_format_date(o->period_end, b);
    snprintf(per, sizeof per, "%s:%s", a, b);
    aud_xw_fail(x, workbook_set_custom_property_string(x->wb, "period", per), "custom property");
    aud_xw_fail(x, workbook_set_custom_property_string(x->wb, "schema", "musawat.audit/1"), "custom property");
    aud_xw_fail(x, workbook_set_custom_property_string(x->wb, "tool", author), "custom property");
    for (size_t i = 0; x->d && i < x->d->ninputs && i < 99; i++) {
        char key[32];
        snprintf(key, sizeof key, "input%zu_sha256", i + 1);
        const char *h = x->d->inputs[i].sha256;
        aud_xw_fail(x, workbook_set_custom_property_string(x->wb, key, h[0] ? aud_xw_text_max(x, h, 64) : "-"),
                    "custom property");
    }
}

aud_err aud_xw_open(aud_xw *x, const char *tmp_path)
{
    x->rtl = x->o->lang == AUD_LANG_AR;
    x->named = calloc(x->r->nmetrics + 1, 1);
    x->shown = calloc(x->r->ntables + 1, 1);
    if (!x->named || !x->shown) return x->err = AUD_E_NOMEM;
    lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    x->wb = workbook_new_opt(tmp_path, &wo);
    if (!x->wb) return x->err = aud_diag_set(x->diag, AUD_E_NOMEM, x->path, 0, "cannot start the workbook");
    if (!aud_styles_build(&x->st, x->wb, x->rtl, aud_xw_label(x, "bool.yes", "yes"),
                          aud_xw_label(x, "bool.no", "no")))
        fail_code(x, AUD_E_NOMEM, "cannot create cell formats");
    set_identity(x);
    set_properties(x);
    return x->err;
}

aud_err aud_xw_close(aud_xw *x)
{
    if (!x->wb) return x->err;
    errno = 0;
    lxw_error e = workbook_close(x->wb);     /* frees the workbook in all cases */
    int sys = errno;
    x->wb = NULL;
    if (x->err == AUD_OK && e != LXW_ERROR_MEMORY_MALLOC_FAILED && aud_lxw_close_err(e, sys) == AUD_E_NOMEM) {
        x->err = aud_diag_set(x->diag, AUD_E_NOMEM, x->path, 0, "out of memory while saving the workbook");
        return x->err;
    }
    aud_xw_fail(x, e, "saving");
    return x->err;
}

void aud_xw_free(aud_xw *x)
{
    if (x->wb) { lxw_workbook_free(x->wb); x->wb = NULL; }
    for (int i = 0; i < AUD_XW_SCRATCH; i++) free(x->scratch[i]);
    free(x->named);
    free(x->shown);
    x->named = NULL;
    x->shown = NULL;
}

/* ---------- sheet structure ---------- */

void aud_xw_sheet_begin(aud_xw *x, const char *key)
{
    if (!aud_xw_ok(x)) return;
    memset(&x->sh, 0, sizeof x->sh);
    char k[64], name[160];
    snprintf(k, sizeof k, "sheet.%s", key);
    snprintf(name, sizeof name, "%s", aud_xw_label(x, k, key));
    /* a bad or duplicate translation falls back to the ASCII key, always valid */
    if (!aud_sheet_name_ok(name) || workbook_validate_sheet_name(x->wb, name) != LXW_NO_ERROR)
        snprintf(name, sizeof name, "%s", key);
    x->sh.ws = workbook_add_worksheet(x->wb, name);
    if (!x->sh.ws) { fail_code(x, AUD_E_XLSX, "cannot add a sheet"); return; }
    size_t n = 0;
    x->sh.ref[n++] = '\'';
    for (const char *p = name; *p && n + 3 < sizeof x->sh.ref; p++) {
        if (*p == '\'') x->sh.ref[n++] = '\'';
        x->sh.ref[n++] = *p;
    }
    x->sh.ref[n++] = '\'';
    x->sh.ref[n] = '\0';
    lxw_worksheet *ws = x->sh.ws;
    if (x->rtl) worksheet_right_to_left(ws);
    worksheet_set_paper(ws, 9);                 /* A4 */
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    aud_xw_fail(x, worksheet_repeat_rows(ws, 0, 1), "print titles");
    aud_xw_fail(x, worksheet_set_footer(ws, x->footer), "footer");
    worksheet_freeze_panes(ws, 2, 0);
    snprintf(k, sizeof k, "title.%s", key);
    aud_xw_str(x, 0, 0, aud_xw_label(x, k, key), x->st.title, 0);
    aud_xw_fail(x, worksheet_set_row(ws, 0, 24, NULL), "row height");
    aud_xw_str(x, 1, 0, x->subtitle, x->st.subtitle, 0);
    x->sh.row = 3;
}

static double column_width(double chars)
{
    if (chars <= 0) return LXW_DEF_COL_WIDTH;
    double w = chars * 1.1 + 2;
    return w < 8 ? 8 : w > 52 ? 52 : w;
}

void aud_xw_sheet_end(aud_xw *x)
{
    if (!aud_xw_ok(x)) return;
    double merged = 0;
    for (lxw_col_t c = 0; c < AUD_XW_MAXCOLS; c++) {
        double w = column_width(x->sh.width[c]);
        if (c <= AUD_XC_NOTE) merged += w;
        if (x->sh.width[c] > 0)
            aud_xw_fail(x, worksheet_set_column(x->sh.ws, c, c, w, NULL), "column width");
    }
    /* merged cells never grow by themselves: give each paragraph its lines
     * (11-point Arial averages about 0.85 width unit a character) */
    for (size_t i = 0; i < x->sh.npara && aud_xw_ok(x); i++) {
        double lines = ceil((double)x->sh.para_chars[i] * 0.85 / merged);
        if (lines > 1)
            aud_xw_fail(x, worksheet_set_row(x->sh.ws, x->sh.para_row[i], 15.5 * (lines < 12 ? lines : 12), NULL),
                        "row height");
    }
}

void aud_xw_section(aud_xw *x, const char *key)
{
    if (x->sh.row > 3) x->sh.row++;
    aud_xw_str(x, x->sh.row, 0, aud_xw_label(x, key, key), x->st.section, 0);
    for (int c = 1; c <= AUD_XC_NOTE; c++)
        if (aud_xw_ok(x)) aud_xw_fail(x, worksheet_write_blank(x->sh.ws, x->sh.row, (lxw_col_t)c, x->st.section), "section");
    x->sh.row++;
}

void aud_xw_line(aud_xw *x, const char *text, lxw_format *f)
{
    aud_xw_str(x, x->sh.row++, 0, text, f ? f : x->st.text, 0);
}

void aud_xw_line_key(aud_xw *x, const char *key)
{
    aud_xw_line(x, aud_xw_label(x, key, key), x->st.remark);
}

void aud_xw_para(aud_xw *x, const char *text, lxw_format *f)
{
    if (!aud_xw_ok(x)) return;
    const char *t = aud_xw_text(x, text);
    lxw_row_t r = x->sh.row++;
    aud_xw_fail(x, worksheet_merge_range(x->sh.ws, r, 0, r, AUD_XC_NOTE, t, f), "paragraph");
    if (x->sh.npara < AUD_XW_MAXPARA) {
        x->sh.para_row[x->sh.npara] = r;
        x->sh.para_chars[x->sh.npara++] = aud_utf8_chars(t);
    }
}

/* ---------- content ---------- */

static const char *const light_keys[] = {"", "status.green", "status.amber", "status.red"};

void aud_xw_light(aud_xw *x, lxw_row_t r, lxw_col_t c, aud_light l)
{
    if (l == AUD_LIGHT_NONE) return;
    aud_xw_str(x, r, c, aud_xw_label(x, light_keys[l], light_keys[l]), x->st.light[l], 1);
}

void aud_xw_cf_gap(aud_xw *x, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2)
{
    if (!aud_xw_ok(x)) return;
    char cell[32], red[128], amber[128];
    lxw_rowcol_to_cell(cell, r1, c1);
    snprintf(red, sizeof red, "=AND(ISNUMBER(%s),ABS(%s)>=%g)", cell, cell, AUD_GAP_RED);
    snprintf(amber, sizeof amber, "=AND(ISNUMBER(%s),ABS(%s)>=%g)", cell, cell, AUD_GAP_AMBER);
    lxw_conditional_format a = {.type = LXW_CONDITIONAL_TYPE_FORMULA, .value_string = red,
                                .format = x->st.cf_red, .stop_if_true = LXW_TRUE};
    lxw_conditional_format b = {.type = LXW_CONDITIONAL_TYPE_FORMULA, .value_string = amber,
                                .format = x->st.cf_amber, .stop_if_true = LXW_TRUE};
    aud_xw_fail(x, worksheet_conditional_format_range(x->sh.ws, r1, c1, r2, c2, &a), "conditional format");
    aud_xw_fail(x, worksheet_conditional_format_range(x->sh.ws, r1, c1, r2, c2, &b), "conditional format");
}

/* Conditional format of a single metric cell from its id's threshold. */
static void cf_metric(aud_xw *x, const char *id, lxw_row_t r)
{
    if (!aud_xw_ok(x)) return;
    lxw_col_t c = AUD_XC_VALUE;
    if (aud_metric_is_gap(id)) { aud_xw_cf_gap(x, r, c, r, c); return; }
    lxw_conditional_format f = {.type = LXW_CONDITIONAL_TYPE_CELL};
    if (strcmp(id, "egapro_index") == 0) {
        lxw_conditional_format g = {.type = LXW_CONDITIONAL_TYPE_CELL, .criteria = LXW_CONDITIONAL_CRITERIA_BETWEEN,
                                    .min_value = AUD_EGAPRO_RED, .max_value = AUD_EGAPRO_AMBER - 0.5,
                                    .format = x->st.cf_amber};
        aud_xw_fail(x, worksheet_conditional_format_cell(x->sh.ws, r, c, &g), "conditional format");
        f.criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN; f.value = AUD_EGAPRO_RED; f.format = x->st.cf_red;
    } else if (strcmp(id, "adjusted_gap_rating") == 0) {
        lxw_conditional_format g = {.type = LXW_CONDITIONAL_TYPE_CELL, .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                    .value = 3, .format = x->st.cf_amber};
        aud_xw_fail(x, worksheet_conditional_format_cell(x->sh.ws, r, c, &g), "conditional format");
        f.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO; f.value = 4; f.format = x->st.cf_red;
    } else if (strstr(id, "_four_fifths") || strcmp(id, "eu_joint_assessment") == 0) {
        f.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO; f.value = 1; f.format = x->st.cf_red;
    } else if (strstr(id, "_impact_ratio")) {
        f.criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN; f.value = AUD_FOUR_FIFTHS; f.format = x->st.cf_red;
    } else return;
    aud_xw_fail(x, worksheet_conditional_format_cell(x->sh.ws, r, c, &f), "conditional format");
}

static void metric_header(aud_xw *x)
{
    static const char *const keys[] = {"hdr.indicator", "hdr.value", "hdr.assessment", "hdr.note"};
    for (lxw_col_t c = 0; c < 4; c++)
        aud_xw_str(x, x->sh.row, c, aud_xw_label(x, keys[c], keys[c]), x->st.header, 1);
    x->sh.row++;
}

/* The note beside a metric: why it is NC, what a code means, or which
 * convention the figure follows. */
static const char *metric_note(aud_xw *x, const aud_metric *m)
{
    if (m->v.type == AUD_V_NULL && m->reason) return aud_labels_get2(x->lab, "reason.", m->reason, m->reason);
    if (m->v.type == AUD_V_STR && m->v.str) {
        const char *t = aud_labels_get2(x->lab, "val.", m->v.str, NULL);
        if (t) return t;
    }
    return aud_labels_get2(x->lab, "note.", m->id, NULL);
}

size_t aud_xw_metrics(aud_xw *x, const char *const *ids, size_t n, const char *absent_key,
                      lxw_row_t *rows)
{
    size_t present = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows) rows[i] = (lxw_row_t)-1;
        if (aud_results_get(x->r, ids[i])) present++;
    }
    if (!present) {
        if (absent_key) aud_xw_line_key(x, absent_key);
        return 0;
    }
    metric_header(x);
    for (size_t i = 0; i < n; i++) {
        const aud_metric *m = aud_results_get(x->r, ids[i]);
        if (!m) continue;
        lxw_row_t r = x->sh.row++;
        if (rows) rows[i] = r;
        aud_xw_str(x, r, AUD_XC_LABEL, aud_labels_get2(x->lab, "m.", m->id, m->id), x->st.text, 1);
        aud_xw_value(x, r, AUD_XC_VALUE, &m->v, aud_metric_fmt(m->id, m->v.type), aud_metric_is_gap(m->id),
                     m->reason);
        aud_xw_define(x, m->id, r, AUD_XC_VALUE);
        aud_xw_light(x, r, AUD_XC_STATUS, aud_assess_metric(m->id, &m->v));
        cf_metric(x, m->id, r);
        const char *note = metric_note(x, m);
        if (note) {
            aud_xw_str(x, r, AUD_XC_NOTE, note, x->st.note, 0);
            size_t len = aud_utf8_chars(note);       /* longer notes wrap inside the cap */
            aud_xw_fit(x, AUD_XC_NOTE, len < AUD_XW_NOTE_WIDTH ? (double)len : AUD_XW_NOTE_WIDTH);
        }
    }
    return present;
}

size_t aud_xw_notes(aud_xw *x, const char *const *prefixes, size_t n)
{
    size_t written = 0;
    for (size_t i = 0; i < x->r->nnotes; i++) {
        const aud_metric *note = &x->r->notes[i];
        int match = n == 0;
        for (size_t k = 0; k < n && !match; k++) match = strncmp(note->id, prefixes[k], strlen(prefixes[k])) == 0;
        if (!match) continue;
        aud_xw_str(x, x->sh.row, AUD_XC_LABEL, aud_labels_get2(x->lab, "notekey.", note->id, note->id), x->st.text, 1);
        aud_xw_str(x, x->sh.row, AUD_XC_VALUE, note->v.str, x->st.text, 0);
        x->sh.row++;
        written++;
    }
    return written;
}

/* ---------- generic tables ---------- */

static int ci_equal(const char *a, const char *b)
{
    return strcasecmp(a, b) == 0;
}

/* Header texts: label col.<name>, "%" added to percent columns, made unique
 * (Excel tables refuse duplicate column names, case-insensitively). */
static char **table_headers(aud_xw *x, const aud_table *t)
{
    char **h = calloc(t->ncols ? t->ncols : 1, sizeof *h);
    if (!h) return NULL;
    for (size_t c = 0; c < t->ncols; c++) {
        const char *base = aud_labels_get2(x->lab, "col.", t->col_names[c], t->col_names[c]);
        char buf[1024];
        const char *txt = aud_xw_text_max(x, base, 200);   /* table column names stop at 255 */
        if (t->col_fmts[c] == AUD_COL_PCT && !strchr(txt, '%')) snprintf(buf, sizeof buf, "%s (%%)", txt);
        else snprintf(buf, sizeof buf, "%s", txt);
        char cand[1100];
        snprintf(cand, sizeof cand, "%s", buf);
        for (int k = 2; k < 1000; k++) {
            int dup = 0;
            for (size_t j = 0; j < c && !dup; j++) dup = ci_equal(h[j], cand);
            if (!dup) break;
            snprintf(cand, sizeof cand, "%s (%d)", buf, k);
        }
        h[c] = strdup(cand);
        if (!h[c]) { for (size_t j = 0; j < c; j++) free(h[j]); free(h); return NULL; }
    }
    return h;
}

static int is_gap_col(const aud_table *t, size_t c)
{
    return t->col_fmts[c] == AUD_COL_PCT && strstr(t->col_names[c], "gap") != NULL;
}

static void table_cell(aud_xw *x, const aud_table *t, size_t i, size_t c, lxw_row_t r)
{
    const aud_value *v = aud_table_cell_c(t, i, c);
    if (v->type == AUD_V_STR && t->col_fmts[c] == AUD_COL_TEXT) {
        /* codes written by modules (sex, stage...) get a label; input text stays as is */
        char key[200];
        snprintf(key, sizeof key, "val.%s.%s", t->col_names[c], v->str ? v->str : "");
        aud_xw_str(x, r, (lxw_col_t)c, aud_labels_get(x->lab, key, v->str), x->st.text, 1);
        return;
    }
    aud_xw_value(x, r, (lxw_col_t)c, v, t->col_fmts[c], is_gap_col(t, c), NULL);
}

static void table_formats(aud_xw *x, const aud_table *t, lxw_row_t r1, lxw_row_t r2)
{
    if (r2 < r1) return;
    for (size_t c = 0; c < t->ncols && aud_xw_ok(x); c++) {
        const char *n = t->col_names[c];
        if (is_gap_col(t, c)) aud_xw_cf_gap(x, r1, (lxw_col_t)c, r2, (lxw_col_t)c);
        lxw_conditional_format f = {.type = LXW_CONDITIONAL_TYPE_CELL, .format = x->st.cf_red};
        if (strstr(n, "impact_ratio")) { f.criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN; f.value = AUD_FOUR_FIFTHS; }
        else if (t->col_fmts[c] == AUD_COL_BOOL && strstr(n, "four_fifths")) { f.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO; f.value = 1; }
        else if (t->col_fmts[c] == AUD_COL_BOOL && strncmp(n, "flag", 4) == 0) {
            /* a flagged row is highlighted across: Equal value's >= 5 % groups */
            char cell[32], formula[64];
            lxw_rowcol_to_cell_abs(cell, r1, (lxw_col_t)c, 0, 1);
            snprintf(formula, sizeof formula, "=%s=1", cell);
            lxw_conditional_format row = {.type = LXW_CONDITIONAL_TYPE_FORMULA, .value_string = formula,
                                          .format = x->st.cf_red};
            aud_xw_fail(x, worksheet_conditional_format_range(x->sh.ws, r1, 0, r2, (lxw_col_t)(t->ncols - 1), &row),
                        "conditional format");
            continue;
        } else continue;
        aud_xw_fail(x, worksheet_conditional_format_range(x->sh.ws, r1, (lxw_col_t)c, r2, (lxw_col_t)c, &f),
                    "conditional format");
    }
}

static void excel_table(aud_xw *x, const aud_table *t, char **h, lxw_row_t r0)
{
    lxw_table_column *cols = calloc(t->ncols, sizeof *cols);
    lxw_table_column **pc = calloc(t->ncols + 1, sizeof(lxw_table_column *));
    if (!cols || !pc) { free(cols); free(pc); fail_code(x, AUD_E_NOMEM, "out of memory"); return; }
    for (size_t c = 0; c < t->ncols; c++) {
        cols[c].header = h[c];
        cols[c].header_format = x->st.header;
        pc[c] = &cols[c];
    }
    char name[80];
    size_t n = 0;
    n += (size_t)snprintf(name, sizeof name, "T%u_", ++x->ntables);
    for (const char *p = t->name; *p && n + 1 < sizeof name; p++)
        name[n++] = (is_alpha(*p) || is_digit(*p)) ? *p : '_';
    name[n] = '\0';
    lxw_table_options opt = {.name = name, .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
                             .style_type_number = 9, .columns = pc};
    aud_xw_fail(x, worksheet_add_table(x->sh.ws, r0, 0, (lxw_row_t)(r0 + t->nrows),
                                       (lxw_col_t)(t->ncols - 1), &opt), "table");
    free(cols);
    free(pc);
}

int aud_xw_table(aud_xw *x, const char *name, aud_xtable *out)
{
    const aud_table *t = aud_results_table(x->r, name);
    for (size_t i = 0; t && i < x->r->ntables; i++)
        if (x->r->tables[i] == t) x->shown[i] = 1;
    return aud_xw_table_t(x, t, name, out);
}

int aud_xw_table_t(aud_xw *x, const aud_table *t, const char *name, aud_xtable *out)
{
    if (out) memset(out, 0, sizeof *out);
    if (!t || t->ncols == 0 || t->nrows == 0 || t->ncols > LXW_COL_MAX || t->nrows > LXW_ROW_MAX - x->sh.row - 2) {
        char key[160];
        snprintf(key, sizeof key, "absent.%s", name);
        const char *txt = aud_labels_find(x->lab, key);
        aud_xw_line(x, txt ? txt : aud_xw_label(x, "absent.table", "no data"), x->st.remark);
        return 0;
    }
    if (!aud_xw_ok(x)) return 0;
    char **h = table_headers(x, t);
    if (!h) { fail_code(x, AUD_E_NOMEM, "out of memory"); return 0; }
    lxw_row_t r0 = x->sh.row;
    for (size_t c = 0; c < t->ncols; c++) {
        aud_xw_str(x, r0, (lxw_col_t)c, h[c], x->st.header, 0);
        size_t len = aud_utf8_chars(h[c]);
        aud_xw_fit(x, (lxw_col_t)c, len > 16 ? 16 : (double)len + 2);
    }
    aud_xw_fail(x, worksheet_set_row(x->sh.ws, r0, 30, NULL), "row height");
    for (size_t i = 0; i < t->nrows && aud_xw_ok(x); i++)
        for (size_t c = 0; c < t->ncols; c++) table_cell(x, t, i, c, (lxw_row_t)(r0 + 1 + i));
    table_formats(x, t, r0 + 1, (lxw_row_t)(r0 + t->nrows));
    if (t->nrows > 3 && aud_xw_ok(x)) excel_table(x, t, h, r0);
    for (size_t c = 0; c < t->ncols; c++) free(h[c]);
    free(h);
    x->sh.row = (lxw_row_t)(r0 + t->nrows + 1);
    if (out) { out->t = t; out->header = r0; out->nrows = t->nrows; }
    return 1;
}

/* ---------- charts ---------- */

lxw_chart *aud_xw_chart(aud_xw *x, uint8_t type, const char *title_key)
{
    if (!aud_xw_ok(x)) return NULL;
    lxw_chart *ch = workbook_add_chart(x->wb, type);
    if (!ch) { fail_code(x, AUD_E_NOMEM, "cannot add a chart"); return NULL; }
    chart_title_set_name(ch, aud_xw_text(x, aud_xw_label(x, title_key, title_key)));
    lxw_chart_font tf = {.name = "Arial", .size = 11, .bold = LXW_TRUE, .color = 0x1F4E5F};
    chart_title_set_name_font(ch, &tf);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    return ch;
}

void aud_xw_chart_insert(aud_xw *x, lxw_chart *ch, lxw_row_t r, lxw_col_t c, double xs, double ys)
{
    if (!ch || !aud_xw_ok(x)) return;
    lxw_chart_options opt = {.x_scale = xs, .y_scale = ys, .x_offset = 10, .y_offset = 5};
    aud_xw_fail(x, worksheet_insert_chart_opt(x->sh.ws, r, c, ch, &opt), "chart");
}

void aud_xw_share_chart(aud_xw *x, const char *title_key, const char *cats, const char *vals,
                        const char *label_fmt, lxw_row_t r, lxw_col_t c, double xs, double ys)
{
    lxw_chart *ch = aud_xw_chart(x, LXW_CHART_COLUMN, title_key);
    if (!ch) return;
    lxw_chart_series *s = chart_add_series(ch, cats, vals);
    if (!s) { aud_xw_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "chart series"); return; }
    chart_series_set_name(s, aud_xw_text(x, aud_xw_label(x, "hdr.women_pct", NULL)));
    lxw_chart_fill f = {.color = 0x2A7F9E};
    chart_series_set_fill(s, &f);
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, label_fmt);
    chart_axis_set_min(ch->y_axis, 0);
    chart_axis_set_max(ch->y_axis, 100);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    aud_xw_chart_insert(x, ch, r, c, xs, ys);
}
