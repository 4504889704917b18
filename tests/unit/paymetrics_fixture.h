/* paymetrics_fixture.h - building small workforce datasets by hand for the
 * pay, representation and quartile unit tests (header only: tests/unit holds
 * test_*.c files only). Include after cmocka.h. */
#ifndef PAYMETRICS_FIXTURE_H
#define PAYMETRICS_FIXTURE_H

#include <math.h>
#include <string.h>

#include "dataset.h"
#include "measures.h"
#include "options.h"
#include "results.h"

/* One employee: sex 'F' or 'M', monthly base pay; everything else missing. */
static inline size_t fx_add(aud_dataset *d, char sex, double base)
{
    size_t row;
    assert_int_equal(aud_wf_append(d, &row), AUD_OK);
    d->wf.sex[row] = sex == 'F' ? AUD_SEX_F : AUD_SEX_M;
    d->wf.base_pay[row] = base;
    return row;
}

/* Interns s into the column chosen by field (category, grade, job, contract, ...). */
static inline void fx_str(aud_dataset *d, aud_field f, size_t row, const char *s)
{
    uint32_t id = 0;
    assert_int_equal(aud_dataset_intern(d, s, &id), AUD_OK);
    switch (f) {
    case AUD_F_CATEGORY: d->wf.category[row] = id; break;
    case AUD_F_GRADE: d->wf.grade[row] = id; break;
    case AUD_F_JOB: d->wf.job[row] = id; break;
    case AUD_F_CONTRACT: d->wf.contract[row] = id; break;
    case AUD_F_DEPARTMENT: d->wf.department[row] = id; break;
    default: fail_msg("fx_str: unsupported field"); break;
    }
    d->has_field[f] = true;
}

static inline void fx_id(aud_dataset *d, size_t row, const char *s)
{
    assert_int_equal(aud_strtab_intern(d->ids, s, strlen(s), &d->wf.employee_id[row]), AUD_OK);
}

static inline void fx_options(aud_options *o)
{
    aud_options_defaults(o);
    o->period_start = aud_days_from_civil(2025, 1, 1);
    o->period_end = aud_days_from_civil(2025, 12, 31);
}

typedef aud_err (*fx_fn)(const aud_dataset *, const aud_measures *, const aud_options *, aud_results *);

static inline aud_results *fx_run(const aud_dataset *d, const aud_options *o, fx_fn fn)
{
    aud_measures m;
    assert_int_equal(aud_measures_compute(d, o, &m), AUD_OK);
    aud_results *r = aud_results_new();
    assert_non_null(r);
    r->min_cell = o->min_cell;
    assert_int_equal(fn(d, &m, o, r), AUD_OK);
    aud_measures_free(&m);
    return r;
}

static inline double fx_num(const aud_results *r, const char *id)
{
    const aud_metric *mt = aud_results_get(r, id);
    if (!mt) fail_msg("metric %s absent", id);
    if (mt->v.type != AUD_V_NUM && mt->v.type != AUD_V_INT) fail_msg("metric %s not a number", id);
    return mt->v.type == AUD_V_INT ? (double)mt->v.i : mt->v.num;
}

static inline void fx_null(const aud_results *r, const char *id, const char *reason)
{
    const aud_metric *mt = aud_results_get(r, id);
    if (!mt) fail_msg("metric %s absent", id);
    if (mt->v.type != AUD_V_NULL) fail_msg("metric %s not null", id);
    if (!mt->reason || strcmp(mt->reason, reason))
        fail_msg("metric %s reason %s, expected %s", id, mt->reason ? mt->reason : "(none)", reason);
}

static inline void fx_near(const aud_results *r, const char *id, double x)
{
    double v = fx_num(r, id);
    if (!(fabs(v - x) < 1e-9 * (1 + fabs(x)))) fail_msg("metric %s = %.17g, expected %.17g", id, v, x);
}
#define FX_NEAR(r, id, x) fx_near((r), (id), (double)(x))

static inline const aud_value *fx_cell(const aud_results *r, const char *table, size_t row,
                                       const char *col)
{
    const aud_table *t = aud_results_table(r, table);
    if (!t) fail_msg("table %s absent", table);
    int c = aud_table_col(t, col);
    if (c < 0) fail_msg("table %s has no column %s", table, col);
    if (row >= t->nrows) fail_msg("table %s has %zu rows", table, t->nrows);
    return aud_table_cell_c(t, row, (size_t)c);
}

static inline double fx_cell_num(const aud_results *r, const char *table, size_t row, const char *col)
{
    const aud_value *v = fx_cell(r, table, row, col);
    if (v->type == AUD_V_INT) return (double)v->i;
    if (v->type != AUD_V_NUM) fail_msg("%s[%zu].%s is not a number (type %d)", table, row, col, (int)v->type);
    return v->num;
}

static inline const char *fx_cell_str(const aud_results *r, const char *table, size_t row, const char *col)
{
    const aud_value *v = fx_cell(r, table, row, col);
    return v->type == AUD_V_STR ? v->str : NULL;
}

static inline int fx_cell_type(const aud_results *r, const char *table, size_t row, const char *col)
{
    return (int)fx_cell(r, table, row, col)->type;
}

static inline size_t fx_rows(const aud_results *r, const char *table)
{
    const aud_table *t = aud_results_table(r, table);
    if (!t) fail_msg("table %s absent", table);
    return t->nrows;
}

#endif
