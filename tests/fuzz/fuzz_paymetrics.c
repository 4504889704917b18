/* fuzz_paymetrics.c - any workforce the extract could describe (odd pay,
 * zero or missing fte and hours, ties, one sex, missing groups) must go
 * through the §0 measures, §1-§2 and §7-§8 without a crash, leak or
 * undefined behaviour. Input: a 2-byte header (min_cell, flags) then
 * 16-byte records, one employee each. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dataset.h"
#include "measures.h"
#include "options.h"
#include "paygap.h"
#include "representation.h"
#include "results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const labels[] = {NULL, "A", "B", "10", "9", "\xc3\x89", "stage", "2"};

static void add_row(aud_dataset *d, const uint8_t *b)
{
    size_t r;
    if (aud_wf_append(d, &r) != AUD_OK) return;
    aud_workforce *w = &d->wf;
    w->sex[r] = (uint8_t)(b[0] % 3);
    int32_t base;
    memcpy(&base, b + 1, 4);
    w->base_pay[r] = (b[0] & 0x80) ? AUD_NA : base / 100.0;
    w->fte[r] = b[5] ? b[5] / 100.0 : AUD_NA;
    w->monthly_hours[r] = b[6] ? b[6] - 8.0 : AUD_NA;
    int16_t var;
    memcpy(&var, b + 10, 2);
    w->variable_pay[r] = (b[0] & 0x40) ? AUD_NA : var * 3.0;
    aud_dataset_intern(d, labels[b[7] % 8], &w->category[r]);
    aud_dataset_intern(d, labels[b[8] % 8], &w->grade[r]);
    aud_dataset_intern(d, labels[b[9] % 8], &w->job[r]);
    aud_dataset_intern(d, labels[b[14] % 8], &w->contract[r]);
    w->birth_date[r] = b[12] ? aud_days_from_civil(1940 + b[12] % 90, 1 + b[12] % 12, 1) : AUD_NO_DATE;
    w->hire_date[r] = b[13] ? aud_days_from_civil(1980 + b[13] % 50, 1 + b[13] % 12, 15) : AUD_NO_DATE;
    w->exit_date[r] = (b[15] & 1) ? aud_days_from_civil(2025, 1 + b[15] % 12, 1) : AUD_NO_DATE;
    w->csp[r] = (int8_t)((b[15] >> 1) % 5) - 1;
    w->maternity_return[r] = (int8_t)((b[15] >> 4) % 3) - 1;
    w->raised_after_leave[r] = (int8_t)((b[15] >> 6) % 3) - 1;
    char id[16];
    snprintf(id, sizeof id, "E%u", (unsigned)(b[11] % 16));
    aud_strtab_intern(d->ids, id, strlen(id), &w->employee_id[r]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 16 * 4096) return 0;
    aud_dataset *d = aud_dataset_new();
    aud_results *r = aud_results_new();
    if (!d || !r) { aud_dataset_free(d); aud_results_free(r); return 0; }
    for (size_t off = 2; off + 16 <= size; off += 16) add_row(d, data + off);
    for (int f = 0; f < AUD_F__COUNT; f++) d->has_field[f] = (data[1] >> (f % 8)) & 1;
    aud_options o;
    aud_options_defaults(&o);
    o.period_start = aud_days_from_civil(2025, 1, 1);
    o.period_end = aud_days_from_civil(2025, 12, 31);
    o.min_cell = 1 + data[0] % 5;
    o.smig = (data[0] & 0x80) ? 17.10 : AUD_NA;
    o.egapro_levels_grade = data[0] & 0x40;
    static const char *const ev[] = {NULL, "job", "grade", "category", "department", "site"};
    o.equal_value_by = ev[(data[0] >> 3) % 6];
    aud_measures m;
    if (aud_measures_compute(d, &o, &m) == AUD_OK) {
        aud_paygap_compute(d, &m, &o, r);
        aud_representation_compute(d, &m, &o, r);
        aud_measures_free(&m);
    }
    aud_results_free(r);
    aud_dataset_free(d);
    return 0;
}
