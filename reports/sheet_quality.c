/* sheet_quality.c - what was read and how: per input file its encoding,
 * delimiter, template and column mapping, row accounting, every stored
 * finding (capped), and rows left out of analyses. */
#include <stdio.h>
#include <string.h>

#include "xlsx.h"

#define N(a) (sizeof (a) / sizeof *(a))

static void kv(aud_xw *x, const char *key, const char *val)
{
    if (!val || !*val) return;
    aud_xw_str(x, x->sh.row, AUD_XC_LABEL, aud_xw_label(x, key, NULL), x->st.big_label, 1);
    aud_xw_str(x, x->sh.row, AUD_XC_VALUE, val, x->st.text, 0);
    x->sh.row++;
}

static void kv_count(aud_xw *x, const char *key, uint64_t v)
{
    aud_xw_str(x, x->sh.row, AUD_XC_LABEL, aud_xw_label(x, key, NULL), x->st.big_label, 1);
    aud_xw_num(x, x->sh.row, AUD_XC_VALUE, (double)v, x->st.num[AUD_COL_COUNT]);
    x->sh.row++;
}

static aud_err mapping_table(aud_xw *x, const aud_input *in, size_t index)
{
    static const char *const cols[] = {"source_column", "field", "pattern"};
    aud_results *tmp = aud_results_new();
    if (!tmp) return AUD_E_NOMEM;
    aud_table *t;
    char name[48];
    snprintf(name, sizeof name, "mapping_%zu", index + 1);
    aud_err e = aud_results_add_table(tmp, name, N(cols), cols, NULL, &t);
    for (size_t c = 0; e == AUD_OK && c < in->ncolumns; c++) {
        size_t row;
        const aud_column_map *m = &in->columns[c];
        e = aud_table_add_row(t, &row);
        if (e == AUD_OK) e = aud_cell_str(t, row, 0, m->header ? m->header : "");
        if (e == AUD_OK) e = aud_cell_str(t, row, 1, m->field >= 0 ? aud_field_name((aud_field)m->field)
                                                                   : aud_xw_label(x, "quality.unmapped", NULL));
        if (e == AUD_OK && m->pattern) e = aud_cell_str(t, row, 2, m->pattern);
    }
    if (e == AUD_OK) aud_xw_table_t(x, t, "mapping", NULL);
    aud_results_free(tmp);
    return e;
}

static void input_block(aud_xw *x, const aud_input *in, size_t i)
{
    char head[600];
    snprintf(head, sizeof head, "%s %zu", aud_xw_label(x, "quality.file", NULL), i + 1);
    x->sh.row++;
    aud_xw_str(x, x->sh.row++, 0, head, x->st.section, 0);
    kv(x, "quality.path", in->path);
    kv(x, "quality.kind", aud_labels_get2(x->lab, "kind.", aud_file_kind_name(in->kind), aud_file_kind_name(in->kind)));
    kv(x, "quality.encoding", in->encoding);
    kv(x, "quality.delimiter", in->delimiter);
    kv(x, "quality.template", in->template_name);
    kv(x, "quality.sheet", in->sheet);
    kv_count(x, "quality.rows_read", in->rows_read);
    kv_count(x, "quality.rows_accepted", in->rows_accepted);
    kv_count(x, "quality.rows_rejected", in->rows_rejected);
    kv_count(x, "quality.blank_lines", in->blank_lines);
    kv(x, "quality.sha256", in->sha256);
    if (in->ncolumns) {
        x->sh.row++;
        aud_err e = mapping_table(x, in, i);
        if (e != AUD_OK && x->err == AUD_OK) x->err = aud_diag_set(x->diag, e, x->path, 0, "out of memory");
    }
}

static aud_err findings_table(aud_xw *x, size_t shown)
{
    static const char *const cols[] = {"file", "line", "column", "raw", "code", "severity", "description"};
    static const aud_colfmt fmts[] = {AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_TEXT, AUD_COL_TEXT,
                                      AUD_COL_TEXT, AUD_COL_TEXT, AUD_COL_TEXT};
    const aud_dataset *d = x->d;
    aud_results *tmp = aud_results_new();
    if (!tmp) return AUD_E_NOMEM;
    aud_table *t;
    aud_err e = aud_results_add_table(tmp, "findings", N(cols), cols, fmts, &t);
    for (size_t i = 0; e == AUD_OK && i < shown; i++) {
        const aud_finding *f = &d->findings[i];
        const char *code = aud_dataset_str(d, f->code);
        size_t row;
        e = aud_table_add_row(t, &row);
        if (e == AUD_OK) e = aud_cell_str(t, row, 0, f->input < d->ninputs ? d->inputs[f->input].path : "");
        if (e == AUD_OK && f->line) e = aud_cell_int(t, row, 1, (int64_t)f->line);
        if (e == AUD_OK && f->column) e = aud_cell_str(t, row, 2, aud_dataset_str(d, f->column));
        if (e == AUD_OK && f->raw) e = aud_cell_str(t, row, 3, aud_dataset_str(d, f->raw));
        if (e == AUD_OK) e = aud_cell_str(t, row, 4, code);
        if (e == AUD_OK) e = aud_cell_str(t, row, 5, aud_severity_name(f->severity));
        const char *why = aud_labels_get2(x->lab, "finding.", code, NULL);
        if (e == AUD_OK && why) e = aud_cell_str(t, row, 6, why);
    }
    if (e == AUD_OK) aud_xw_table_t(x, t, "findings", NULL);
    aud_results_free(tmp);
    return e;
}

static void left_out(aud_xw *x)
{
    static const char *const prefixes[] = {"excluded", "left_out", "dropped"};
    aud_xw_section(x, "section.left_out");
    if (!aud_xw_notes(x, prefixes, N(prefixes))) aud_xw_line_key(x, "quality.no_left_out");
    aud_xw_line_key(x, "quality.pay_rule");
}

void aud_sheet_quality(aud_xw *x)
{
    static const char *const ids[] = {"rows_read", "rows_accepted", "rows_rejected", "warnings"};
    aud_xw_sheet_begin(x, "quality");
    aud_xw_section(x, "section.rows");
    aud_xw_metrics(x, ids, N(ids), "absent.rows", NULL);
    const aud_dataset *d = x->d;
    aud_xw_section(x, "section.inputs");
    if (!d || d->ninputs == 0) aud_xw_line_key(x, "absent.inputs");
    for (size_t i = 0; d && i < d->ninputs && aud_xw_ok(x); i++) input_block(x, &d->inputs[i], i);
    aud_xw_section(x, "section.findings");
    size_t stored = d ? d->nfindings : 0;
    size_t shown = stored < AUD_XW_MAX_FINDINGS ? stored : AUD_XW_MAX_FINDINGS;
    if (shown == 0) aud_xw_line_key(x, "quality.no_findings");
    else {
        aud_err e = findings_table(x, shown);
        if (e != AUD_OK && x->err == AUD_OK) x->err = aud_diag_set(x->diag, e, x->path, 0, "out of memory");
    }
    uint64_t more = (uint64_t)(stored - shown) + (d ? d->findings_dropped : 0);
    if (more) {
        char line[512];
        snprintf(line, sizeof line, "%s %llu", aud_xw_label(x, "quality.more_findings", NULL), (unsigned long long)more);
        aud_xw_line(x, line, x->st.remark);
    }
    left_out(x);
    aud_xw_sheet_end(x);
}
