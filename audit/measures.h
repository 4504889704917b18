/* measures.h - METRICS.md §0: the audit population and the pay measures,
 * each rule in one place. Every metric module reads these arrays instead of
 * re-deriving them, so "who is in the population" and "what is pay_fte" can
 * only mean one thing.
 *
 * Ownership: aud_measures_compute fills a caller-owned struct whose arrays it
 * allocates; release them with aud_measures_free. It borrows the dataset.
 */
#ifndef AUD_MEASURES_H
#define AUD_MEASURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataset.h"
#include "diag.h"
#include "options.h"

/* Why an employee of the population has no pay figures. */
typedef enum aud_nopay {
    AUD_NOPAY_NONE = 0,      /* pay figures available */
    AUD_NOPAY_BASE_ZERO,     /* base_pay missing or 0 */
    AUD_NOPAY_NO_FTE         /* no usable fte/hours */
} aud_nopay;

typedef struct aud_measures {
    size_t n;                /* = dataset->wf.n */
    int32_t snapshot;        /* last day of the period */
    int32_t period_start;
    uint8_t *in_pop;         /* 1 when in the audit population */
    uint8_t *nopay;          /* aud_nopay for population members */
    int16_t *age;            /* full years at snapshot, -1 unknown */
    int16_t *seniority;      /* full years at snapshot, -1 unknown */
    double *fte, *hours;     /* fte; paid hours a month */
    const double *base_monthly; /* base_pay (monthly): the dataset's own column, borrowed */
    double *annual_pay;      /* 12 * (base + allowances) + variable */
    double *pay_fte;         /* annual_pay / fte (NAN when nopay) */
    double *base_fte;        /* 12 * base / fte */
    double *hourly_pay;      /* annual_pay / (12 * hours) */
    double *variable;        /* variable_pay as paid, 0 when missing */
    size_t headcount, women, men;
    size_t with_pay;         /* population members with pay figures */
    size_t excluded_contract, excluded_left, excluded_not_hired_yet;
    size_t nopay_base_zero, nopay_no_fte;
} aud_measures;

aud_err aud_measures_compute(const aud_dataset *d, const aud_options *o, aud_measures *m);
void aud_measures_free(aud_measures *m);

/* Age band index 0..3 for <30, 30-39, 40-49, 50+; -1 when unknown.
 * Inline: metric modules ask it once per row. */
static inline int aud_age_band(int age)
{
    if (age < 0) return -1;
    if (age < 30) return 0;
    if (age < 40) return 1;
    if (age < 50) return 2;
    return 3;
}
const char *aud_age_band_name(int band);
/* Seniority band 0..4 for 0-1, 2-4, 5-9, 10-19, 20+; -1 unknown. */
int aud_seniority_band(int years);
const char *aud_seniority_band_name(int band);

/* true when a contract label names an internship or apprenticeship. */
bool aud_contract_is_training(const char *contract);

#endif
