/* benchmark_wb.c - the sector benchmark workbook with libxlsxwriter. */
#include "benchmark_wb.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "outfile.h"
#include "xlsx.h"
#include "version.h"

/* ---- labels ------------------------------------------------------------ */

typedef struct labels {
    char *buf;          /* file contents; keys and texts point into it */
    char **key, **text;
    size_t n;
} labels;

static void labels_free(labels *l)
{
    free(l->buf); free(l->key); free(l->text);
    memset(l, 0, sizeof *l);
}

/* Load templates/labels/benchmark_<lang>.tsv; a missing file leaves the
 * table empty and every label falls back to its key. */
static aud_err labels_load(labels *l, const aud_options *o)
{
    memset(l, 0, sizeof *l);
    char path[1024];
    snprintf(path, sizeof path, "%s/labels/benchmark_%s.tsv", o->templates_dir ? o->templates_dir : "templates",
             aud_lang_code(o->lang));
    FILE *f = fopen(path, "rb");
    if (!f) return AUD_OK;
    size_t cap = 1 << 16, n = 0;
    l->buf = malloc(cap + 1);
    while (l->buf) {
        n += fread(l->buf + n, 1, cap - n, f);
        if (n < cap || cap > (1u << 24)) break;
        char *nb = realloc(l->buf, cap * 2 + 1);
        if (!nb) break;
        l->buf = nb;
        cap *= 2;
    }
    fclose(f);
    if (!l->buf) return AUD_E_NOMEM;
    l->buf[n] = '\0';
    size_t lines = 1;
    for (size_t i = 0; i < n; i++) lines += l->buf[i] == '\n';
    l->key = calloc(lines, sizeof *l->key);
    l->text = calloc(lines, sizeof *l->text);
    if (!l->key || !l->text) return AUD_E_NOMEM;
    for (char *p = l->buf; p && *p;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        size_t len = strlen(p);
        if (len && p[len - 1] == '\r') p[len - 1] = '\0';
        char *tab = strchr(p, '\t');
        if (*p != '#' && tab && tab != p) {
            *tab = '\0';
            l->key[l->n] = p;
            l->text[l->n++] = tab + 1;
        }
        p = nl ? nl + 1 : NULL;
    }
    return AUD_OK;
}

static const char *L(const labels *l, const char *key)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->key[i], key)) return l->text[i];
    return key;
}

/* Label of a metric id: "metric.<id>" in the table, else the id itself. */
static const char *metric_label(const labels *l, const char *id)
{
    char key[128];
    snprintf(key, sizeof key, "metric.%s", id);
    const char *t = L(l, key);
    return t == key ? id : t;
}

/* ---- writing helpers --------------------------------------------------- */

typedef struct wbctx {
    lxw_workbook *wb;
    const aud_bench *b;
    const aud_options *o;
    labels lab;
    lxw_format *title, *head, *text, *count, *money, *pct, *num, *nc;
    lxw_error err;
} wbctx;

/* Control characters make Excel repair a file: replace them by spaces. */
static void put_str(wbctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, const char *s, lxw_format *f)
{
    char buf[1100];
    snprintf(buf, sizeof buf, "%s", s ? s : "");
    for (char *p = buf; *p; p++)
        if ((unsigned char)*p < 0x20) *p = ' ';
    lxw_error e = worksheet_write_string(ws, r, col, buf, f);
    if (e && !c->err) c->err = e;
}

static lxw_format *format_for(const wbctx *c, const char *id, aud_vtype t)
{
    size_t n = strlen(id);
    if (t == AUD_V_INT) return c->count;
    if (n > 4 && !strcmp(id + n - 4, "_pct")) return c->pct;
    if (!strncmp(id, "pay_fte_", 8)) return c->money;
    return c->num;
}

static void put_value(wbctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, const char *id, const aud_value *v)
{
    lxw_error e = LXW_NO_ERROR;
    if (v->type == AUD_V_NUM && isfinite(v->num)) e = worksheet_write_number(ws, r, col, v->num, format_for(c, id, v->type));
    else if (v->type == AUD_V_INT) e = worksheet_write_number(ws, r, col, (double)v->i, c->count);
    else if (v->type == AUD_V_BOOL) e = worksheet_write_boolean(ws, r, col, v->b, c->text);
    else put_str(c, ws, r, col, L(&c->lab, "nc"), c->nc);
    if (e && !c->err) c->err = e;
}

static void put_num(wbctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, double x, lxw_format *f)
{
    if (!isfinite(x)) { put_str(c, ws, r, col, L(&c->lab, "nc"), c->nc); return; }
    lxw_error e = worksheet_write_number(ws, r, col, x, f);
    if (e && !c->err) c->err = e;
}

/* Sheet names come from the label files: keep them legal (<= 31 chars, none of []:*?/\). */
static lxw_worksheet *add_sheet(wbctx *c, const char *key, char *name, size_t len)
{
    snprintf(name, len, "%s", L(&c->lab, key));
    for (char *p = name; *p; p++)
        if (strchr("[]:*?/\\'", *p)) *p = '_';
    if (workbook_validate_sheet_name(c->wb, name) != LXW_NO_ERROR) snprintf(name, len, "%s", key + 6);
    lxw_worksheet *ws = workbook_add_worksheet(c->wb, name);
    if (!ws) return NULL;
    if (c->o->lang == AUD_LANG_AR) worksheet_right_to_left(ws);
    worksheet_set_landscape(ws);           /* A4 landscape, one page wide */
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_footer(ws, "&L&A&R&P / &N");
    return ws;
}

static void formats(wbctx *c)
{
    c->title = workbook_add_format(c->wb);
    format_set_bold(c->title);
    format_set_font_size(c->title, 14);
    c->head = workbook_add_format(c->wb);
    format_set_bold(c->head);
    format_set_bg_color(c->head, 0xDDE7F0);
    format_set_border(c->head, LXW_BORDER_THIN);
    format_set_text_wrap(c->head);
    c->text = workbook_add_format(c->wb);
    c->count = workbook_add_format(c->wb);
    format_set_num_format(c->count, "#,##0");
    c->money = workbook_add_format(c->wb);
    format_set_num_format(c->money, "#,##0.00");
    c->pct = workbook_add_format(c->wb);
    format_set_num_format(c->pct, "0.0");
    c->num = workbook_add_format(c->wb);
    format_set_num_format(c->num, "0.000");
    c->nc = workbook_add_format(c->wb);
    format_set_font_color(c->nc, 0x808080);
    format_set_align(c->nc, LXW_ALIGN_RIGHT);
}

/* ---- sheets ------------------------------------------------------------ */

static void define_name(wbctx *c, const char *sheet, const char *id, lxw_row_t r, lxw_col_t col)
{
    char name[160], ref[200], cell[16];
    /* ids are [a-z0-9_] by construction of the pooled figures */
    snprintf(name, sizeof name, "sector_%s", id);
    lxw_rowcol_to_cell_abs(cell, r, col, 1, 1);
    snprintf(ref, sizeof ref, "='%s'!%s", sheet, cell);
    lxw_error e = workbook_define_name(c->wb, name, ref);
    if (e && !c->err) c->err = e;
}

static void sheet_summary(wbctx *c)
{
    char name[64];
    lxw_worksheet *ws = add_sheet(c, "sheet.summary", name, sizeof name);
    if (!ws) { c->err = LXW_ERROR_PARAMETER_VALIDATION; return; }
    const aud_results *p = c->b->pooled;
    put_str(c, ws, 0, 0, L(&c->lab, "title"), c->title);
    put_str(c, ws, 1, 0, L(&c->lab, "subtitle.employers"), c->text);
    put_num(c, ws, 1, 1, (double)c->b->employers, c->count);
    put_str(c, ws, 3, 0, L(&c->lab, "col.figure"), c->head);
    put_str(c, ws, 3, 1, L(&c->lab, "col.value"), c->head);
    put_str(c, ws, 3, 2, L(&c->lab, "col.id"), c->head);
    lxw_row_t q1 = 0;
    for (size_t i = 0; i < p->nmetrics; i++) {
        lxw_row_t r = (lxw_row_t)(4 + i);
        put_str(c, ws, r, 0, metric_label(&c->lab, p->metrics[i].id), c->text);
        put_value(c, ws, r, 1, p->metrics[i].id, &p->metrics[i].v);
        put_str(c, ws, r, 2, p->metrics[i].id, c->text);
        define_name(c, name, p->metrics[i].id, r, 1);
        if (!strcmp(p->metrics[i].id, "quartile1_women_pct")) q1 = r;
    }
    worksheet_set_column(ws, 0, 0, 48, NULL);
    worksheet_set_column(ws, 1, 1, 16, NULL);
    worksheet_set_column(ws, 2, 2, 32, NULL);
    worksheet_freeze_panes(ws, 4, 0);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
    if (!q1) return;
    lxw_chart *ch = workbook_add_chart(c->wb, LXW_CHART_COLUMN);
    if (!ch) return;
    lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
    chart_series_set_categories(s, name, q1, 0, q1 + 3, 0);
    chart_series_set_values(s, name, q1, 1, q1 + 3, 1);
    chart_series_set_name(s, L(&c->lab, "chart.quartiles"));
    chart_title_set_name(ch, L(&c->lab, "chart.quartiles"));
    chart_axis_set_min(ch->y_axis, 0);
    chart_axis_set_max(ch->y_axis, 100);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    worksheet_insert_chart(ws, 3, 4, ch);
}

static void sheet_distribution(wbctx *c)
{
    char name[64];
    lxw_worksheet *ws = add_sheet(c, "sheet.distribution", name, sizeof name);
    if (!ws) { c->err = LXW_ERROR_PARAMETER_VALIDATION; return; }
    static const char *const heads[] = {"col.metric", "col.id", "col.n", "col.min", "col.p10", "col.p25",
                                        "col.median", "col.p75", "col.p90", "col.max", "col.focus_value",
                                        "col.focus_rank"};
    size_t nh = c->b->focus ? 12 : 10;
    put_str(c, ws, 0, 0, L(&c->lab, "title.distribution"), c->title);
    if (c->b->focus) {
        put_str(c, ws, 1, 0, L(&c->lab, "focus"), c->text);
        put_str(c, ws, 1, 1, c->b->focus->name, c->text);
    }
    for (size_t h = 0; h < nh; h++) put_str(c, ws, 3, (lxw_col_t)h, L(&c->lab, heads[h]), c->head);
    for (size_t i = 0; i < c->b->ndist; i++) {
        const aud_bench_dist *d = &c->b->dist[i];
        lxw_row_t r = (lxw_row_t)(4 + i);
        lxw_format *f = format_for(c, d->id, AUD_V_NUM);
        put_str(c, ws, r, 0, metric_label(&c->lab, d->id), c->text);
        put_str(c, ws, r, 1, d->id, c->text);
        put_num(c, ws, r, 2, (double)d->n, c->count);
        double v[7] = {d->min, d->p10, d->p25, d->median, d->p75, d->p90, d->max};
        for (int k = 0; k < 7; k++) put_num(c, ws, r, (lxw_col_t)(3 + k), v[k], f);
        if (c->b->focus && d->has_focus) {
            put_num(c, ws, r, 10, d->focus_value, f);
            put_num(c, ws, r, 11, d->focus_rank, c->pct);
        }
    }
    worksheet_set_column(ws, 0, 0, 40, NULL);
    worksheet_set_column(ws, 1, 1, 30, NULL);
    worksheet_set_column(ws, 2, 11, 12, NULL);
    worksheet_freeze_panes(ws, 4, 1);
    if (!c->b->focus || c->b->ndist == 0) return;
    /* The chart shows where the focus employer stands on the headline
     * figures only: a bar per metric of the whole table is unreadable. */
    static const char *const headline[] = {
        "women_share_pct", "pay_gap_mean_pct", "pay_gap_median_pct", "hourly_gap_mean_pct",
        "variable_gap_mean_pct", "quartile4_women_pct", "adjusted_gap_pct", "egapro_index",
        "promotion_impact_ratio", "hiring_impact_ratio", "glass_ceiling_index", "duncan_index_category"};
    lxw_row_t hr = 4;
    put_str(c, ws, 3, 14, L(&c->lab, "col.metric"), c->head);
    put_str(c, ws, 3, 15, L(&c->lab, "col.focus_rank"), c->head);
    for (size_t h = 0; h < sizeof headline / sizeof *headline; h++)
        for (size_t i = 0; i < c->b->ndist; i++) {
            const aud_bench_dist *d = &c->b->dist[i];
            if (strcmp(d->id, headline[h]) != 0 || !d->has_focus) continue;
            put_str(c, ws, hr, 14, metric_label(&c->lab, d->id), c->text);
            put_num(c, ws, hr, 15, d->focus_rank, c->pct);
            hr++;
        }
    worksheet_set_column(ws, 14, 14, 40, NULL);
    if (hr == 4) return;
    lxw_chart *ch = workbook_add_chart(c->wb, LXW_CHART_BAR);
    if (!ch) return;
    lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
    chart_series_set_categories(s, name, 4, 14, hr - 1, 14);
    chart_series_set_values(s, name, 4, 15, hr - 1, 15);
    chart_series_set_name(s, L(&c->lab, "col.focus_rank"));
    chart_title_set_name(ch, L(&c->lab, "chart.focus"));
    chart_axis_set_min(ch->x_axis, 0);     /* a bar chart's value axis is x */
    chart_axis_set_max(ch->x_axis, 100);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    lxw_chart_options opt = {.x_scale = 1.4, .y_scale = 1.1};
    worksheet_insert_chart_opt(ws, hr + 1, 14, ch, &opt);
}

/* The pooled tables (by category, by age band): one block each. */
static void sheet_tables(wbctx *c)
{
    char name[64];
    lxw_worksheet *ws = add_sheet(c, "sheet.tables", name, sizeof name);
    if (!ws) { c->err = LXW_ERROR_PARAMETER_VALIDATION; return; }
    const aud_results *p = c->b->pooled;
    lxw_row_t r = 0;
    for (size_t t = 0; t < p->ntables; t++) {
        const aud_table *tb = p->tables[t];
        char key[96];
        snprintf(key, sizeof key, "title.%s", tb->name);
        put_str(c, ws, r, 0, L(&c->lab, key), c->title);
        r += 2;
        put_str(c, ws, r, 0, L(&c->lab, "col.group"), c->head);
        for (size_t k = 2; k < tb->ncols; k++)
            put_str(c, ws, r, (lxw_col_t)(k - 1), metric_label(&c->lab, tb->col_names[k]), c->head);
        r++;
        for (size_t i = 0; i < tb->nrows; i++, r++) {
            const aud_value *v = aud_table_cell_c(tb, i, 0);
            put_str(c, ws, r, 0, v->type == AUD_V_STR ? v->str : L(&c->lab, "group.other_rows"), c->text);
            for (size_t k = 2; k < tb->ncols; k++)
                put_value(c, ws, r, (lxw_col_t)(k - 1), tb->col_names[k], aud_table_cell_c(tb, i, k));
        }
        r += 2;
    }
    worksheet_set_column(ws, 0, 0, 30, NULL);
    worksheet_set_column(ws, 1, 5, 18, NULL);
}

static void sheet_groups(wbctx *c)
{
    char name[64];
    lxw_worksheet *ws = add_sheet(c, "sheet.groups", name, sizeof name);
    if (!ws) { c->err = LXW_ERROR_PARAMETER_VALIDATION; return; }
    static const char *const ids[] = {"headcount", "women_share_pct", "pay_gap_mean_pct", "pay_gap_median_pct",
                                      "quartile4_women_pct"};
    char byk[64];
    snprintf(byk, sizeof byk, "by.%s", c->b->by);
    put_str(c, ws, 0, 0, L(&c->lab, "title.groups"), c->title);
    put_str(c, ws, 1, 0, L(&c->lab, byk), c->text);
    put_str(c, ws, 3, 0, L(&c->lab, "col.group"), c->head);
    put_str(c, ws, 3, 1, L(&c->lab, "col.employers"), c->head);
    for (size_t k = 0; k < 5; k++) put_str(c, ws, 3, (lxw_col_t)(2 + k), metric_label(&c->lab, ids[k]), c->head);
    for (size_t i = 0; i < c->b->ngroups; i++) {
        const aud_bench_group *g = &c->b->groups[i];
        lxw_row_t r = (lxw_row_t)(4 + i);
        put_str(c, ws, r, 0, g->value ? g->value : L(&c->lab, "group.other"), c->text);
        put_num(c, ws, r, 1, (double)g->employers, c->count);
        for (size_t k = 0; k < 5; k++) {
            const aud_metric *m = aud_results_get(g->pooled, ids[k]);
            aud_value nul = {0};
            put_value(c, ws, r, (lxw_col_t)(2 + k), ids[k], m ? &m->v : &nul);
        }
    }
    lxw_row_t r = (lxw_row_t)(5 + c->b->ngroups);
    put_str(c, ws, r, 0, L(&c->lab, "note.hidden"), c->text);
    put_num(c, ws, r, 1, (double)c->b->hidden_employers, c->count);
    put_str(c, ws, r + 1, 0, L(&c->lab, "note.mixed"), c->text);
    put_num(c, ws, r + 1, 1, (double)c->b->mixed_employers, c->count);
    worksheet_set_column(ws, 0, 0, 36, NULL);
    worksheet_set_column(ws, 1, 6, 16, NULL);
    worksheet_freeze_panes(ws, 4, 1);
}

static void sheet_employers(wbctx *c)
{
    char name[64];
    lxw_worksheet *ws = add_sheet(c, "sheet.employers", name, sizeof name);
    if (!ws) { c->err = LXW_ERROR_PARAMETER_VALIDATION; return; }
    static const char *const heads[] = {"col.employer", "col.sector", "col.region", "col.size_band",
                                        "col.period_start", "col.period_end"};
    for (size_t h = 0; h < 6; h++) put_str(c, ws, 0, (lxw_col_t)h, L(&c->lab, heads[h]), c->head);
    const aud_summary *s = c->b->merged;
    for (size_t i = 0; i < s->nemployers && i < 1000000; i++) {
        const aud_sum_employer *e = &s->employers[i];
        const char *v[6] = {e->name, e->sector, e->region, e->size_band, e->period_start, e->period_end};
        for (size_t k = 0; k < 6; k++) put_str(c, ws, (lxw_row_t)(1 + i), (lxw_col_t)k, v[k], c->text);
    }
    worksheet_set_column(ws, 0, 0, 36, NULL);
    worksheet_set_column(ws, 1, 5, 14, NULL);
    worksheet_freeze_panes(ws, 1, 0);
}

static void sheet_method(wbctx *c)
{
    char name[64];
    lxw_worksheet *ws = add_sheet(c, "sheet.method", name, sizeof name);
    if (!ws) { c->err = LXW_ERROR_PARAMETER_VALIDATION; return; }
    put_str(c, ws, 0, 0, L(&c->lab, "title.method"), c->title);
    for (int i = 1; i <= 9; i++) {
        char key[32];
        snprintf(key, sizeof key, "method.%d", i);
        const char *t = L(&c->lab, key);
        if (t == key) break;
        put_str(c, ws, (lxw_row_t)(1 + i), 0, t, c->text);
    }
    put_str(c, ws, 12, 0, "musawat " MUSAWAT_VERSION, c->text);
    worksheet_set_column(ws, 0, 0, 120, NULL);
}

static aud_err write_book(wbctx *c, const char *tmp, const char *path, aud_diag *diag)
{
    c->wb = workbook_new(tmp);
    if (!c->wb) return aud_diag_set(diag, AUD_E_XLSX, path, 0, "cannot start the workbook");
    lxw_doc_properties props = {.title = (char *)L(&c->lab, "title"), .author = "musawat " MUSAWAT_VERSION,
                                .created = (time_t)c->b->created};
    workbook_set_properties(c->wb, &props);
    workbook_set_custom_property_string(c->wb, "schema", "musawat.benchmark/1");
    formats(c);
    sheet_summary(c);
    sheet_distribution(c);
    sheet_tables(c);
    if (c->b->by) sheet_groups(c);
    sheet_employers(c);
    sheet_method(c);
    errno = 0;
    lxw_error e = workbook_close(c->wb);
    int sys = errno;
    if (!c->err && !e) return AUD_OK;
    /* the first failure decides: out of memory is exit 5, a file that
     * cannot be written exit 4, like the audit workbook (reports/xlsx.c) */
    lxw_error first = c->err ? c->err : e;
    aud_err code = c->err ? aud_lxw_err(c->err) : aud_lxw_close_err(e, sys);
    if (code == AUD_E_NOMEM) return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory while saving the workbook");
    return aud_diag_set(diag, code, path, 0, "writing the workbook failed: %s", lxw_strerror(first));
}

aud_err aud_benchmark_workbook_write(const aud_bench *b, const aud_options *o, const char *path,
                                     aud_diag *diag)
{
    wbctx c = {.b = b, .o = o};
    aud_err e = labels_load(&c.lab, o);
    if (e != AUD_OK) { labels_free(&c.lab); return aud_diag_set(diag, e, path, 0, "cannot load the labels"); }
    char *tmp = NULL;
    e = aud_output_begin(path, &tmp, diag);
    if (e == AUD_OK) e = write_book(&c, tmp, path, diag);
    if (e == AUD_OK) e = aud_output_commit(tmp, path, diag);
    else if (tmp) aud_output_abort(tmp);
    free(tmp);
    labels_free(&c.lab);
    return e;
}
