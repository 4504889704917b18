/* sheet_people.c - the opt-in person-level sheet (--with-ids): one row per
 * accepted workforce row with the employer's own matricule and the measures
 * the audit used. PRODUCT.md: only the matricule identifies anyone — never
 * names, CIN or CNSS numbers — and only when asked for. */
#include <stdio.h>

#include "measures.h"
#include "xlsx.h"

#define N(a) (sizeof (a) / sizeof *(a))

static aud_err fill_people(const aud_dataset *d, const aud_measures *m, aud_table *t)
{
    const aud_workforce *w = &d->wf;
    aud_err e = AUD_OK;
    for (size_t i = 0; e == AUD_OK && i < w->n; i++) {
        size_t row;
        e = aud_table_add_row(t, &row);
        if (e != AUD_OK) break;
        e = aud_cell_str(t, row, 0, aud_strtab_get(d->ids, w->employee_id[i]));
        if (e == AUD_OK) e = aud_cell_str(t, row, 1, w->sex[i] == AUD_SEX_F ? "F" : w->sex[i] == AUD_SEX_M ? "M" : "");
        if (e == AUD_OK) e = aud_cell_str(t, row, 2, aud_dataset_str(d, w->category[i]));
        if (e == AUD_OK) e = aud_cell_str(t, row, 3, aud_dataset_str(d, w->grade[i]));
        if (e == AUD_OK) e = aud_cell_str(t, row, 4, aud_dataset_str(d, w->job[i]));
        if (e == AUD_OK) e = aud_cell_bool(t, row, 5, m->in_pop[i] != 0);
        if (e == AUD_OK && m->age[i] >= 0) e = aud_cell_int(t, row, 6, m->age[i]);
        if (e == AUD_OK && m->seniority[i] >= 0) e = aud_cell_int(t, row, 7, m->seniority[i]);
        if (e == AUD_OK) e = aud_cell_num(t, row, 8, m->fte[i]);
        if (e == AUD_OK) e = aud_cell_num(t, row, 9, m->pay_fte[i]);
        if (e == AUD_OK) e = aud_cell_num(t, row, 10, m->hourly_pay[i]);
    }
    return e;
}

void aud_sheet_people(aud_xw *x)
{
    if (!x->o->with_ids || !x->d) return;
    static const char *const cols[] = {"employee_id", "sex", "category", "grade", "job", "in_population",
                                       "age", "seniority", "fte", "pay_fte", "hourly_pay"};
    static const aud_colfmt fmts[] = {AUD_COL_TEXT, AUD_COL_TEXT, AUD_COL_TEXT, AUD_COL_TEXT, AUD_COL_TEXT,
                                      AUD_COL_BOOL, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_RATIO,
                                      AUD_COL_MONEY, AUD_COL_MONEY};
    aud_measures m;
    aud_err e = aud_measures_compute(x->d, x->o, &m);
    if (e != AUD_OK) { x->err = e; return; }
    aud_results *tmp = aud_results_new();
    aud_table *t = NULL;
    if (!tmp) e = AUD_E_NOMEM;
    if (e == AUD_OK) e = aud_results_add_table(tmp, "people", N(cols), cols, fmts, &t);
    if (e == AUD_OK) e = fill_people(x->d, &m, t);
    aud_measures_free(&m);
    if (e != AUD_OK) {
        x->err = e;
        aud_results_free(tmp);
        return;
    }
    aud_xw_sheet_begin(x, "people");
    aud_xw_line_key(x, "note.people");
    aud_xw_table_t(x, t, "people", NULL);
    aud_xw_sheet_end(x);
    aud_results_free(tmp);
}
