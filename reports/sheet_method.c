/* sheet_method.c - definitions, thresholds, options, legal references, tool
 * version, input hashes, module notes, and every figure not shown elsewhere
 * (so each metric id of the results has its defined name somewhere). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "version.h"
#include "xlsx.h"

#define N(a) (sizeof (a) / sizeof *(a))

/* prefix.1, prefix.2, ... until a key is missing. */
static void numbered(aud_xw *x, const char *prefix)
{
    for (int i = 1; i < 100; i++) {
        char key[64];
        snprintf(key, sizeof key, "%s.%d", prefix, i);
        const char *t = aud_labels_find(x->lab, key);
        if (!t) break;
        aud_xw_para(x, t, x->st.verdict);
    }
}

static void opt_row(aud_xw *x, const char *key, const char *s, double v)
{
    aud_xw_str(x, x->sh.row, AUD_XC_LABEL, aud_xw_label(x, key, NULL), x->st.big_label, 1);
    if (s) aud_xw_str(x, x->sh.row, AUD_XC_VALUE, s, x->st.text, 1);
    else if (isfinite(v)) aud_xw_num(x, x->sh.row, AUD_XC_VALUE, v, x->st.num[AUD_COL_NUMBER]);
    else aud_xw_str(x, x->sh.row, AUD_XC_VALUE, aud_xw_label(x, "method.default", NULL), x->st.text, 1);
    x->sh.row++;
}

static void options(aud_xw *x)
{
    const aud_options *o = x->o;
    aud_xw_section(x, "section.options");
    opt_row(x, "opt.min_cell", NULL, o->min_cell);
    opt_row(x, "opt.monthly_hours", NULL, o->monthly_hours);
    opt_row(x, "opt.smig", NULL, o->smig);
    opt_row(x, "opt.egapro_levels", o->egapro_levels_grade ? "grade" : "csp", NAN);
    opt_row(x, "opt.model", o->model == AUD_MODEL_LOGIB ? "logib" : o->model == AUD_MODEL_STANDARD ? "standard" : "auto", NAN);
    opt_row(x, "opt.equal_value_by", o->equal_value_by, NAN);
    opt_row(x, "opt.general_raise_pct", NULL, o->general_raise_pct);
    opt_row(x, "opt.lang", aud_lang_code(o->lang), NAN);
}

static void tool_and_inputs(aud_xw *x)
{
    aud_xw_section(x, "section.tool");
    char v[64];
    snprintf(v, sizeof v, "musawat %s", MUSAWAT_VERSION);
    opt_row(x, "method.version", v, NAN);
    opt_row(x, "method.schema", "musawat.audit/1", NAN);
    for (size_t i = 0; x->d && i < x->d->ninputs; i++) {
        aud_xw_str(x, x->sh.row, AUD_XC_LABEL, x->d->inputs[i].path, x->st.big_label, 1);
        aud_xw_str(x, x->sh.row, AUD_XC_VALUE, x->d->inputs[i].sha256, x->st.text, 0);
        aud_xw_str(x, x->sh.row, AUD_XC_STATUS, "SHA-256", x->st.note, 0);
        x->sh.row++;
    }
}

static void notes(aud_xw *x)
{
    aud_xw_section(x, "section.notes");
    if (!aud_xw_notes(x, NULL, 0)) aud_xw_line_key(x, "method.no_notes");
}

/* Ids computed by a module but shown on no sheet still get a row and a name. */
static void other_figures(aud_xw *x)
{
    const aud_results *r = x->r;
    const char **ids = malloc((r->nmetrics + 1) * sizeof *ids);
    if (!ids) { aud_xw_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "other figures"); return; }
    size_t n = 0;
    for (size_t i = 0; i < r->nmetrics; i++)
        if (!x->named[i]) ids[n++] = r->metrics[i].id;
    if (n) {
        aud_xw_section(x, "section.other");
        aud_xw_metrics(x, ids, n, NULL, NULL);
    }
    free(ids);
    /* likewise tables no sheet asked for */
    for (size_t i = 0; i < r->ntables && aud_xw_ok(x); i++) {
        if (x->shown[i]) continue;
        const char *name = r->tables[i]->name;
        x->sh.row++;
        aud_xw_str(x, x->sh.row++, 0, aud_labels_get2(x->lab, "tbl.", name, name), x->st.section, 0);
        aud_xw_table(x, name, NULL);
    }
}

void aud_sheet_method(aud_xw *x)
{
    aud_xw_sheet_begin(x, "method");
    aud_xw_section(x, "section.definitions");
    numbered(x, "def");
    aud_xw_section(x, "section.thresholds");
    numbered(x, "thr");
    options(x);
    aud_xw_section(x, "section.legal");
    numbered(x, "law");
    tool_and_inputs(x);
    notes(x);
    other_figures(x);
    aud_xw_sheet_end(x);
}
