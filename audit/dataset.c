/* dataset.c - column store growth, findings, date helpers. */
#include "dataset.h"

#include <stdlib.h>
#include <string.h>

static const char *const field_names[AUD_F__COUNT] = {
    "employee_id", "sex", "base_pay", "base_pay_annual", "allowances", "variable_pay",
    "fte", "monthly_hours", "birth_date", "age", "hire_date", "seniority", "exit_date",
    "category", "grade", "job", "department", "site", "contract", "education",
    "promoted", "raised", "maternity_return", "raised_after_leave", "cnss_number",
    "cin", "name", "first_name",
    "training_code", "requirement_level", "professional_position", "activity_rate",
    "paid_hours", "thirteenth_wage", "special_payments", "weekly_hours", "population_code",
    "applicant_id", "stage", "stage_applied", "stage_screened", "stage_interviewed",
    "stage_offered", "stage_hired", "application_date", "channel",
};

const char *aud_field_name(aud_field f)
{
    return (f >= 0 && f < AUD_F__COUNT) ? field_names[f] : "?";
}

int aud_field_from_name(const char *name)
{
    if (!name) return -1;
    for (int i = 0; i < AUD_F__COUNT; i++)
        if (strcmp(field_names[i], name) == 0) return i;
    return -1;
}

const char *aud_stage_name(aud_stage s)
{
    static const char *const n[] = {"applied", "screened", "interviewed", "offered", "hired"};
    return (s >= 0 && s < AUD_STAGE__COUNT) ? n[s] : "none";
}

const char *aud_file_kind_name(aud_file_kind k)
{
    switch (k) {
    case AUD_KIND_WORKFORCE: return "workforce";
    case AUD_KIND_APPLICANTS: return "applicants";
    case AUD_KIND_BDS: return "cnss-bds";
    case AUD_KIND_LOGIB: return "logib";
    case AUD_KIND_PREVIOUS: return "previous";
    case AUD_KIND_UNKNOWN: break;
    }
    return "unknown";
}

const char *aud_severity_name(aud_severity s)
{
    switch (s) {
    case AUD_SEV_WARNING: return "warning";
    case AUD_SEV_REJECT: return "reject";
    case AUD_SEV_INFO: return "info";
    }
    return "?";
}

aud_dataset *aud_dataset_new(void)
{
    aud_dataset *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->strings = aud_strtab_new();
    d->ids = aud_strtab_new();
    if (!d->strings || !d->ids) { aud_dataset_free(d); return NULL; }
    return d;
}

#define WF_COLUMNS(X) \
    X(employee_id) X(input) X(line) X(sex) X(base_pay) X(allowances) X(variable_pay) X(fte) \
    X(monthly_hours) X(birth_date) X(hire_date) X(exit_date) X(age) X(seniority) X(category) \
    X(grade) X(job) X(department) X(site) X(contract) X(education) X(csp) X(promoted) X(raised) \
    X(maternity_return) X(raised_after_leave) X(cnss) X(training_code) X(requirement_level) \
    X(professional_position) X(population_code) X(activity_rate) X(paid_hours) X(thirteenth) \
    X(special_payments) X(weekly_hours)

#define AP_COLUMNS(X) \
    X(applicant_id) X(input) X(line) X(sex) X(stage) X(job) X(category) X(channel) X(date)

void aud_dataset_free(aud_dataset *d)
{
    if (!d) return;
    aud_strtab_free(d->strings);
    aud_strtab_free(d->ids);
    for (size_t i = 0; i < d->ninputs; i++) {
        aud_input *in = &d->inputs[i];
        free(in->path); free(in->encoding); free(in->delimiter);
        free(in->template_name); free(in->sheet);
        for (size_t c = 0; c < in->ncolumns; c++) {
            free(in->columns[c].header);
            free(in->columns[c].pattern);
        }
        free(in->columns);
    }
    free(d->inputs);
#define FREE_COL(name) free(d->wf.name); free(d->prev.name);
    WF_COLUMNS(FREE_COL)
#undef FREE_COL
#define FREE_COL(name) free(d->ap.name);
    AP_COLUMNS(FREE_COL)
#undef FREE_COL
    free(d->findings);
    free(d);
}

aud_err aud_dataset_add_input(aud_dataset *d, const char *path, aud_file_kind kind, uint32_t *index)
{
    aud_input *ni = realloc(d->inputs, (d->ninputs + 1) * sizeof *ni);
    if (!ni) return AUD_E_NOMEM;
    d->inputs = ni;
    aud_input *in = &ni[d->ninputs];
    memset(in, 0, sizeof *in);
    in->path = strdup(path ? path : "");
    if (!in->path) return AUD_E_NOMEM;
    in->kind = kind;
    *index = (uint32_t)d->ninputs++;
    return AUD_OK;
}

static aud_err grow(void **p, size_t elem, size_t cap)
{
    void *np = realloc(*p, elem * cap);
    if (!np) return AUD_E_NOMEM;
    *p = np;
    return AUD_OK;
}

aud_err aud_wf_append(aud_dataset *d, size_t *row)
{
    return aud_wf_append_to(&d->wf, row);
}

aud_err aud_wf_append_to(aud_workforce *w, size_t *row)
{
    if (w->n == w->cap) {
        size_t nc = w->cap ? w->cap + w->cap / 2 : 1024;
#define GROW_COL(name) AUD_TRY(grow((void **)&w->name, sizeof *w->name, nc));
        WF_COLUMNS(GROW_COL)
#undef GROW_COL
        w->cap = nc;
    }
    size_t i = w->n++;
    w->employee_id[i] = 0; w->input[i] = 0; w->line[i] = 0; w->sex[i] = AUD_SEX_NONE;
    w->base_pay[i] = AUD_NA; w->allowances[i] = AUD_NA; w->variable_pay[i] = AUD_NA;
    w->fte[i] = AUD_NA; w->monthly_hours[i] = AUD_NA;
    w->birth_date[i] = AUD_NO_DATE; w->hire_date[i] = AUD_NO_DATE; w->exit_date[i] = AUD_NO_DATE;
    w->age[i] = -1; w->seniority[i] = -1;
    w->category[i] = 0; w->grade[i] = 0; w->job[i] = 0; w->department[i] = 0; w->site[i] = 0;
    w->contract[i] = 0; w->education[i] = 0; w->csp[i] = -1;
    w->promoted[i] = -1; w->raised[i] = -1; w->maternity_return[i] = -1; w->raised_after_leave[i] = -1;
    w->cnss[i] = 0;
    w->training_code[i] = -1; w->requirement_level[i] = -1; w->professional_position[i] = -1;
    w->population_code[i] = -1;
    w->activity_rate[i] = AUD_NA; w->paid_hours[i] = AUD_NA; w->thirteenth[i] = AUD_NA;
    w->special_payments[i] = AUD_NA; w->weekly_hours[i] = AUD_NA;
    *row = i;
    return AUD_OK;
}

aud_err aud_ap_append(aud_dataset *d, size_t *row)
{
    aud_applicants *a = &d->ap;
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap + a->cap / 2 : 1024;
#define GROW_COL(name) AUD_TRY(grow((void **)&a->name, sizeof *a->name, nc));
        AP_COLUMNS(GROW_COL)
#undef GROW_COL
        a->cap = nc;
    }
    size_t i = a->n++;
    a->applicant_id[i] = 0; a->input[i] = 0; a->line[i] = 0; a->sex[i] = AUD_SEX_NONE;
    a->stage[i] = AUD_STAGE_NONE; a->job[i] = 0; a->category[i] = 0; a->channel[i] = 0;
    a->date[i] = AUD_NO_DATE;
    *row = i;
    return AUD_OK;
}

void aud_wf_pop(aud_dataset *d) { if (d->wf.n) d->wf.n--; }
void aud_ap_pop(aud_dataset *d) { if (d->ap.n) d->ap.n--; }

aud_err aud_dataset_intern(aud_dataset *d, const char *s, uint32_t *id)
{
    if (!s || !*s) { *id = 0; return AUD_OK; }
    return aud_strtab_intern(d->strings, s, strlen(s), id);
}

const char *aud_dataset_str(const aud_dataset *d, uint32_t id)
{
    return aud_strtab_get(d->strings, id);
}

aud_err aud_dataset_finding(aud_dataset *d, uint32_t input, uint64_t line, const char *column,
                            const char *raw, const char *code, aud_severity sev)
{
    if (sev == AUD_SEV_WARNING) d->warnings++;
    if (sev == AUD_SEV_REJECT) d->rejections++;
    if (d->nfindings >= AUD_FINDINGS_MAX) { d->findings_dropped++; return AUD_OK; }
    if (d->nfindings == d->findings_cap) {
        size_t nc = d->findings_cap ? d->findings_cap * 2 : 64;
        AUD_TRY(grow((void **)&d->findings, sizeof *d->findings, nc));
        d->findings_cap = nc;
    }
    aud_finding f = {.input = input, .line = line, .severity = sev};
    AUD_TRY(aud_dataset_intern(d, column, &f.column));
    AUD_TRY(aud_dataset_intern(d, raw, &f.raw));
    AUD_TRY(aud_dataset_intern(d, code, &f.code));
    d->findings[d->nfindings++] = f;
    return AUD_OK;
}

/* Howard Hinnant's civil-date algorithms (public domain formulas). */
int32_t aud_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + (int)doe - 719468);
}

void aud_civil_from_days(int32_t z0, int *y, int *m, int *d)
{
    long z = (long)z0 + 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long yy = (long)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
    const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

bool aud_date_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
    int md = mdays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) md = 29;
    return d <= md;
}

int aud_full_years(int32_t from, int32_t to)
{
    int y1, m1, d1, y2, m2, d2;
    aud_civil_from_days(from, &y1, &m1, &d1);
    aud_civil_from_days(to, &y2, &m2, &d2);
    int md1 = m1 * 100 + d1, md2 = m2 * 100 + d2;
    return y2 - y1 - (md2 < md1 ? 1 : 0);
}
