/* logib.c - Logib datalist plausibility checks (methods.md §3.1, the
 * `check_data` rules of the official logib package): importance 1 rejects
 * the row, importance 2 warns. Dates need the snapshot, which ingest does
 * not pass here, so age and service are checked when given as numbers, and
 * the entry age also from birth and hire dates. Duplicate personal numbers
 * are rejected by ingest for every kind of extract, so not here. */
#include "logib.h"

#include <math.h>
#include <stdio.h>

typedef struct chk {
    aud_dataset *d;
    size_t row;
    uint32_t input;
    uint64_t line;
    bool reject;
} chk;

static const char *header_of(const aud_dataset *d, uint32_t input, aud_field f)
{
    if (input < d->ninputs) {
        const aud_input *in = &d->inputs[input];
        for (size_t k = 0; k < in->ncolumns; k++)
            if (in->columns[k].field == (int)f && in->columns[k].header) return in->columns[k].header;
    }
    return aud_field_name(f);
}

/* Record one failed rule. Only the first importance-1 failure is stored (a
 * row is rejected once); warnings on a rejected row are not kept. */
static aud_err fail(chk *c, int importance, aud_field f, double value, const char *code)
{
    if (c->reject) return AUD_OK;
    char raw[64] = "";
    if (!isnan(value)) snprintf(raw, sizeof raw, "%.10g", value);
    if (importance == 1) c->reject = true;
    return aud_dataset_finding(c->d, c->input, c->line, header_of(c->d, c->input, f), raw[0] ? raw : NULL,
                               code, importance == 1 ? AUD_SEV_REJECT : AUD_SEV_WARNING);
}

static bool in_range(double x, double lo, double hi) { return x >= lo && x <= hi; }

static aud_err check_missing(chk *c)
{
    const aud_workforce *w = &c->d->wf;
    const bool *h = c->d->has_field;
    size_t i = c->row;
    struct { bool present, missing; aud_field f; } m[] = {
        {h[AUD_F_EMPLOYEE_ID], w->employee_id[i] == 0, AUD_F_EMPLOYEE_ID},
        {h[AUD_F_SEX], w->sex[i] == AUD_SEX_NONE, AUD_F_SEX},
        {h[AUD_F_AGE] || h[AUD_F_BIRTH_DATE], w->age[i] < 0 && w->birth_date[i] == AUD_NO_DATE,
         h[AUD_F_AGE] ? AUD_F_AGE : AUD_F_BIRTH_DATE},
        {h[AUD_F_SENIORITY] || h[AUD_F_HIRE_DATE], w->seniority[i] < 0 && w->hire_date[i] == AUD_NO_DATE,
         h[AUD_F_SENIORITY] ? AUD_F_SENIORITY : AUD_F_HIRE_DATE},
        {h[AUD_F_TRAINING_CODE], w->training_code[i] < 0, AUD_F_TRAINING_CODE},
        {h[AUD_F_JOB], w->job[i] == 0, AUD_F_JOB},
        {h[AUD_F_REQUIREMENT_LEVEL], w->requirement_level[i] < 0, AUD_F_REQUIREMENT_LEVEL},
        {h[AUD_F_PROFESSIONAL_POSITION], w->professional_position[i] < 0, AUD_F_PROFESSIONAL_POSITION},
        {h[AUD_F_BASE_PAY], AUD_IS_NA(w->base_pay[i]), AUD_F_BASE_PAY},
    };
    for (size_t k = 0; k < sizeof m / sizeof *m; k++)
        if (m[k].present && m[k].missing) AUD_TRY(fail(c, 1, m[k].f, NAN, "logib_missing_value"));
    return AUD_OK;
}

/* Age, service and entry age: importance 1 then 2. */
static aud_err check_ages(chk *c)
{
    const aud_workforce *w = &c->d->wf;
    size_t i = c->row;
    double age = w->age[i] >= 0 ? w->age[i] : NAN, yos = w->seniority[i] >= 0 ? w->seniority[i] : NAN;
    double entry = age - yos;
    if (isnan(entry) && w->birth_date[i] != AUD_NO_DATE && w->hire_date[i] != AUD_NO_DATE)
        entry = aud_full_years(w->birth_date[i], w->hire_date[i]);
    if (!isnan(age) && !in_range(age, 13, 100)) AUD_TRY(fail(c, 1, AUD_F_AGE, age, "logib_age_range"));
    if (!isnan(yos) && !in_range(yos, 0, 85)) AUD_TRY(fail(c, 1, AUD_F_SENIORITY, yos, "logib_service_range"));
    if (!isnan(entry) && entry < 13) AUD_TRY(fail(c, 1, AUD_F_SENIORITY, entry, "logib_entry_age"));
    if (!isnan(age) && !in_range(age, 15, 70)) AUD_TRY(fail(c, 2, AUD_F_AGE, age, "logib_age_implausible"));
    if (!isnan(yos) && yos > 55) AUD_TRY(fail(c, 2, AUD_F_SENIORITY, yos, "logib_service_long"));
    if (!isnan(entry) && entry < 16) AUD_TRY(fail(c, 2, AUD_F_SENIORITY, entry, "logib_entry_age_young"));
    return AUD_OK;
}

static double na0(double x) { return AUD_IS_NA(x) ? 0.0 : x; }

/* Codes, workload, pay and hours: the importance-1 rules. */
static aud_err check_values(chk *c)
{
    const aud_workforce *w = &c->d->wf;
    size_t i = c->row;
    int tc = w->training_code[i], rl = w->requirement_level[i], pp = w->professional_position[i];
    int pc = w->population_code[i];
    if (tc >= 0 && !in_range(tc, 1, 8)) AUD_TRY(fail(c, 1, AUD_F_TRAINING_CODE, tc, "logib_training_code"));
    if (rl >= 0 && !in_range(rl, 1, 8)) AUD_TRY(fail(c, 1, AUD_F_REQUIREMENT_LEVEL, rl, "logib_requirement_level"));
    if (pp >= 0 && !in_range(pp, 1, 5)) AUD_TRY(fail(c, 1, AUD_F_PROFESSIONAL_POSITION, pp, "logib_professional_position"));
    if (pc >= 0 && !in_range(pc, 1, 5)) AUD_TRY(fail(c, 1, AUD_F_POPULATION_CODE, pc, "logib_population_code"));
    double ar = na0(w->activity_rate[i]), ph = na0(w->paid_hours[i]);
    if (!in_range(ar, 0, 150)) AUD_TRY(fail(c, 1, AUD_F_ACTIVITY_RATE, ar, "logib_activity_rate_range"));
    if (!in_range(ph, 0, 300)) AUD_TRY(fail(c, 1, AUD_F_PAID_HOURS, ph, "logib_paid_hours_range"));
    if (ar != 0 && ph != 0) AUD_TRY(fail(c, 1, AUD_F_PAID_HOURS, ph, "logib_rate_and_hours"));
    struct { double v; aud_field f; } pay[] = {
        {w->base_pay[i], AUD_F_BASE_PAY}, {w->allowances[i], AUD_F_ALLOWANCES},
        {w->thirteenth[i], AUD_F_THIRTEENTH}, {w->special_payments[i], AUD_F_SPECIAL_PAYMENTS},
    };
    for (size_t k = 0; k < sizeof pay / sizeof *pay; k++)
        if (!AUD_IS_NA(pay[k].v) && pay[k].v < 0) AUD_TRY(fail(c, 1, pay[k].f, pay[k].v, "logib_negative_pay"));
    if (na0(w->base_pay[i]) == 0 && (ar > 0 || ph > 0))
        AUD_TRY(fail(c, 1, AUD_F_BASE_PAY, 0.0, "logib_zero_base_pay"));
    double wh = w->weekly_hours[i];
    if (!AUD_IS_NA(wh) && !in_range(wh, 1, 100)) AUD_TRY(fail(c, 1, AUD_F_WEEKLY_HOURS, wh, "logib_weekly_hours_range"));
    return AUD_OK;
}

/* Importance 2: striking but possible values. */
static aud_err check_striking(chk *c)
{
    const aud_workforce *w = &c->d->wf;
    size_t i = c->row;
    double ar = na0(w->activity_rate[i]), ph = na0(w->paid_hours[i]);
    double base = w->base_pay[i], th = w->thirteenth[i], wh = w->weekly_hours[i];
    int tc = w->training_code[i], rl = w->requirement_level[i], pp = w->professional_position[i];
    if (ar > 100) AUD_TRY(fail(c, 2, AUD_F_ACTIVITY_RATE, ar, "logib_activity_rate_over_100"));
    if (ph >= 220) AUD_TRY(fail(c, 2, AUD_F_PAID_HOURS, ph, "logib_paid_hours_high"));
    /* A 13th wage is reported as a monthly twelfth: about 1/12 (8.3 %) of
     * the basic wage; none at all is not flagged. */
    if (!AUD_IS_NA(th) && th > 0 && !AUD_IS_NA(base) && base > 0 && (th > 0.25 * base || th < 0.08 * base))
        AUD_TRY(fail(c, 2, AUD_F_THIRTEENTH, th, "logib_13th_wage_share"));
    if (!AUD_IS_NA(wh) && wh > 50) AUD_TRY(fail(c, 2, AUD_F_WEEKLY_HOURS, wh, "logib_weekly_hours_high"));
    if (rl >= 6 && rl <= 8 && pp >= 1 && pp <= 2)
        AUD_TRY(fail(c, 2, AUD_F_REQUIREMENT_LEVEL, rl, "logib_level_position"));
    if (rl >= 1 && rl <= 3 && tc >= 7 && tc <= 8)
        AUD_TRY(fail(c, 2, AUD_F_REQUIREMENT_LEVEL, rl, "logib_level_training"));
    return AUD_OK;
}

aud_err aud_logib_check_row(aud_dataset *d, size_t row, uint32_t input, uint64_t line, bool *reject)
{
    *reject = false;
    if (row >= d->wf.n) return AUD_E_INTERNAL;
    chk c = {d, row, input, line, false};
    AUD_TRY(check_missing(&c));
    AUD_TRY(check_ages(&c));
    AUD_TRY(check_values(&c));
    AUD_TRY(check_striking(&c));
    *reject = c.reject;
    return AUD_OK;
}
