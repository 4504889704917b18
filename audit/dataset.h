/* dataset.h - the column store every metric reads.
 *
 * One dataset holds all accepted workforce rows (one per employee) and all
 * accepted applicant rows, the description of each input file, and every
 * finding (rejected row, warning). Columns are plain arrays indexed by row;
 * missing values are AUD_NA (doubles), AUD_NO_DATE (dates), 0 (interned
 * strings), -1 (small ints / yes-no).
 *
 * Ownership: aud_dataset_new returns a dataset owned by the caller, released
 * with aud_dataset_free. Every string reachable from it (interned values,
 * input descriptions, findings) is owned by it.
 */
#ifndef AUD_DATASET_H
#define AUD_DATASET_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "strtab.h"

#define AUD_NA NAN
#define AUD_IS_NA(x) (isnan(x))
#define AUD_NO_DATE INT32_MIN      /* dates are days since 1970-01-01 */

typedef enum aud_sex { AUD_SEX_NONE = 0, AUD_SEX_F = 1, AUD_SEX_M = 2 } aud_sex;

/* Canonical fields (EXTRACT.md). The order is the order of `check` output.
 * Keep aud_field_name() in dataset.c in step. */
typedef enum aud_field {
    AUD_F_EMPLOYEE_ID = 0, AUD_F_SEX, AUD_F_BASE_PAY, AUD_F_BASE_PAY_ANNUAL,
    AUD_F_ALLOWANCES, AUD_F_VARIABLE_PAY, AUD_F_FTE, AUD_F_MONTHLY_HOURS,
    AUD_F_BIRTH_DATE, AUD_F_AGE, AUD_F_HIRE_DATE, AUD_F_SENIORITY, AUD_F_EXIT_DATE,
    AUD_F_CATEGORY, AUD_F_GRADE, AUD_F_JOB, AUD_F_DEPARTMENT, AUD_F_SITE,
    AUD_F_CONTRACT, AUD_F_EDUCATION, AUD_F_PROMOTED, AUD_F_RAISED,
    AUD_F_MATERNITY_RETURN, AUD_F_RAISED_AFTER_LEAVE, AUD_F_CNSS_NUMBER,
    AUD_F_CIN, AUD_F_NAME, AUD_F_FIRST_NAME,
    /* Logib datalist fields */
    AUD_F_TRAINING_CODE, AUD_F_REQUIREMENT_LEVEL, AUD_F_PROFESSIONAL_POSITION,
    AUD_F_ACTIVITY_RATE, AUD_F_PAID_HOURS, AUD_F_THIRTEENTH, AUD_F_SPECIAL_PAYMENTS,
    AUD_F_WEEKLY_HOURS, AUD_F_POPULATION_CODE,
    /* applicants extract */
    AUD_F_APPLICANT_ID, AUD_F_STAGE, AUD_F_STAGE_APPLIED, AUD_F_STAGE_SCREENED,
    AUD_F_STAGE_INTERVIEWED, AUD_F_STAGE_OFFERED, AUD_F_STAGE_HIRED,
    AUD_F_APPLICATION_DATE, AUD_F_CHANNEL,
    AUD_F__COUNT
} aud_field;

const char *aud_field_name(aud_field f);          /* "employee_id", ... */
int aud_field_from_name(const char *name);        /* -1 when unknown */

typedef enum aud_stage {
    AUD_STAGE_NONE = -1, AUD_STAGE_APPLIED = 0, AUD_STAGE_SCREENED, AUD_STAGE_INTERVIEWED,
    AUD_STAGE_OFFERED, AUD_STAGE_HIRED, AUD_STAGE__COUNT
} aud_stage;
const char *aud_stage_name(aud_stage s);          /* "applied", ... */

typedef enum aud_file_kind {
    AUD_KIND_UNKNOWN = 0, AUD_KIND_WORKFORCE, AUD_KIND_APPLICANTS, AUD_KIND_BDS,
    AUD_KIND_LOGIB, AUD_KIND_PREVIOUS
} aud_file_kind;
const char *aud_file_kind_name(aud_file_kind k);

typedef enum aud_severity { AUD_SEV_WARNING = 0, AUD_SEV_REJECT = 1, AUD_SEV_INFO = 2 } aud_severity;
const char *aud_severity_name(aud_severity s);

/* One column of an input file and the field it was mapped to. */
typedef struct aud_column_map {
    char *header;        /* header text as read (UTF-8) */
    int field;           /* aud_field, or -1 when unmatched/ignored */
    char *pattern;       /* pattern (or "--map") that matched, NULL if none */
} aud_column_map;

typedef struct aud_input {
    char *path;
    aud_file_kind kind;
    char sha256[65];
    char *encoding;      /* "utf-8", "utf-8-bom", "utf-16le", "cp1252", ... */
    char *delimiter;     /* ";", ",", "\t" shown as "TAB", "|", or "" for xlsx/BDS */
    char *template_name; /* "fr-generic", ... */
    char *sheet;         /* xlsx sheet name, else NULL */
    aud_column_map *columns;
    size_t ncolumns;
    uint64_t rows_read, rows_accepted, rows_rejected, blank_lines;
    uint64_t bytes;
} aud_input;

typedef struct aud_finding {
    uint32_t input;      /* index into inputs */
    uint64_t line;       /* physical line / Excel row; 0 = file-level */
    uint32_t column;     /* interned in dataset->strings (column header), 0 = none */
    uint32_t raw;        /* interned raw value (already redacted), 0 = none */
    uint32_t code;       /* interned reason code, e.g. "negative_pay" */
    aud_severity severity;
} aud_finding;

/* Workforce rows. */
typedef struct aud_workforce {
    size_t n, cap;
    uint32_t *employee_id;     /* interned in dataset->ids (never output by default) */
    uint32_t *input;           /* source input index */
    uint32_t *line;            /* source line (saturates at UINT32_MAX: 4 bytes a row at 10^7 rows) */
    uint8_t *sex;              /* aud_sex */
    double *base_pay;          /* monthly, MAD (from base_pay_annual / 12 when that was given) */
    double *allowances;        /* monthly */
    double *variable_pay;      /* yearly */
    double *fte;               /* activity rate, (0, 1.5] */
    double *monthly_hours;
    int32_t *birth_date, *hire_date, *exit_date;
    int16_t *age, *seniority;  /* given directly, -1 missing */
    uint32_t *category, *grade, *job, *department, *site, *contract, *education;
    int8_t *csp;               /* Egapro CSP recognised from category: 0 ouvriers, 1 employés,
                                  2 techniciens/agents de maîtrise, 3 ingénieurs/cadres; -1 unknown */
    int8_t *promoted, *raised, *maternity_return, *raised_after_leave;  /* -1 missing */
    uint32_t *cnss;            /* interned in dataset->ids; join key only */
    /* Logib */
    int8_t *training_code, *requirement_level, *professional_position, *population_code;
    double *activity_rate;     /* percent as in the datalist */
    double *paid_hours, *thirteenth, *special_payments, *weekly_hours;
} aud_workforce;

typedef struct aud_applicants {
    size_t n, cap;
    uint32_t *applicant_id;    /* interned in dataset->ids */
    uint32_t *input;
    uint32_t *line;            /* saturates at UINT32_MAX */
    uint8_t *sex;
    int8_t *stage;             /* furthest aud_stage reached */
    uint32_t *job, *category, *channel;
    int32_t *date;
} aud_applicants;

/* Movements derived from a previous snapshot or a BDS file. */
typedef struct aud_movements {
    bool has_previous;
    uint64_t hires_women, hires_men, exits_women, exits_men;
} aud_movements;

typedef struct aud_dataset {
    aud_strtab *strings;       /* categorical values, headers, codes, raw values */
    aud_strtab *ids;           /* identifiers: never written to an output */
    aud_input *inputs;
    size_t ninputs;
    aud_workforce wf;
    aud_applicants ap;
    aud_workforce prev;        /* --previous snapshot (same columns), for movements */
    bool has_field[AUD_F__COUNT];  /* some workforce/applicants input had this column */
    aud_finding *findings;     /* stored findings (capped, see below) */
    size_t nfindings, findings_cap;
    uint64_t warnings;         /* all warnings, stored or not */
    uint64_t rejections;       /* all rejected rows */
    uint64_t findings_dropped; /* findings counted but not stored (cap reached) */
    aud_movements moves;
} aud_dataset;

/* Findings stored per dataset; beyond it they are counted, not kept. */
#define AUD_FINDINGS_MAX 100000

aud_dataset *aud_dataset_new(void);
void aud_dataset_free(aud_dataset *d);

/* Append an input description; *index receives its position. path is copied. */
aud_err aud_dataset_add_input(aud_dataset *d, const char *path, aud_file_kind kind, uint32_t *index);

/* Append one empty workforce row (all fields missing) and return its index. */
aud_err aud_wf_append(aud_dataset *d, size_t *row);
aud_err aud_wf_append_to(aud_workforce *w, size_t *row);   /* d->wf or d->prev */
aud_err aud_ap_append(aud_dataset *d, size_t *row);
/* Drop the last appended row (used when a row is rejected after appending). */
void aud_wf_pop(aud_dataset *d);
void aud_ap_pop(aud_dataset *d);

/* Record a finding. column and raw may be NULL. Counts warnings/rejections. */
aud_err aud_dataset_finding(aud_dataset *d, uint32_t input, uint64_t line, const char *column,
                            const char *raw, const char *code, aud_severity sev);

/* Intern helpers for categorical values (0 for NULL / empty). */
aud_err aud_dataset_intern(aud_dataset *d, const char *s, uint32_t *id);
const char *aud_dataset_str(const aud_dataset *d, uint32_t id);

/* Date helpers: days since 1970-01-01 <-> civil date (proleptic Gregorian). */
int32_t aud_days_from_civil(int y, int m, int d);
void aud_civil_from_days(int32_t z, int *y, int *m, int *d);
bool aud_date_valid(int y, int m, int d);
/* Full years between two dates: y2 - y1 - (md2 < md1). */
int aud_full_years(int32_t from, int32_t to);

#endif
