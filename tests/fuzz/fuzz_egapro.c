/* Fuzz target: Egapro index over arbitrary small workforces. Every record of
 * 6 bytes is one employee (sex, CSP, category, grade, age, pay, yes/no
 * fields); the first byte picks options and which columns exist. Checks that
 * nothing crashes and that the index stays within its bounds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "egapro.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const CATS[6] = {NULL, "Ouvriers", "Employes", "Cadres", "Atelier", "Vente"};
static const char *const GRADES[4] = {NULL, "G1", "G2", "G3"};

static int8_t yesno(unsigned v) { return (int8_t)((int)(v % 3) - 1); }

static void add_row(aud_dataset *d, const uint8_t *p, size_t k)
{
    size_t row;
    if (aud_wf_append(d, &row) != AUD_OK) return;
    aud_workforce *w = &d->wf;
    char id[24];
    snprintf(id, sizeof id, "E%zu", (k * 7919) % 1000);
    if (aud_strtab_intern(d->ids, id, strlen(id), &w->employee_id[row]) != AUD_OK) return;
    w->sex[row] = (uint8_t)(p[0] % 3);
    w->csp[row] = (int8_t)((int)(p[0] >> 2) % 6 - 1);
    const char *cat = CATS[(p[1] & 0x0f) % 6], *grade = GRADES[(p[1] >> 4) % 4];
    if (cat && aud_dataset_intern(d, cat, &w->category[row]) != AUD_OK) return;
    if (grade && aud_dataset_intern(d, grade, &w->grade[row]) != AUD_OK) return;
    w->age[row] = (int16_t)((int)p[2] % 80 - 2);
    unsigned pay = (unsigned)p[3] | (unsigned)p[4] << 8;
    w->base_pay[row] = pay % 7 == 6 ? AUD_NA : (double)(pay % 4096) * 10.0;
    w->raised[row] = yesno(p[5]);
    w->promoted[row] = yesno(p[5] / 3u);
    w->maternity_return[row] = yesno(p[5] / 9u);
    w->raised_after_leave[row] = yesno(p[5] / 27u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    aud_dataset *d = aud_dataset_new();
    aud_results *r = aud_results_new();
    aud_options o;
    memset(&o, 0, sizeof o);
    aud_options_defaults(&o);
    o.period_start = aud_days_from_civil(2025, 1, 1);
    o.period_end = aud_days_from_civil(2025, 12, 31);
    o.egapro_levels_grade = data[0] & 1;
    o.min_cell = 1 + (data[0] >> 6);
    static const aud_field opt[] = {AUD_F_RAISED, AUD_F_PROMOTED, AUD_F_MATERNITY_RETURN,
                                    AUD_F_RAISED_AFTER_LEAVE, AUD_F_GRADE};
    if (d && r) {
        for (size_t i = 0; i < 5; i++) d->has_field[opt[i]] = (data[0] >> (i + 1)) & 1;
        for (size_t k = 0; 1 + 6 * (k + 1) <= size; k++) add_row(d, data + 1 + 6 * k, k);
        aud_measures m;
        if (aud_measures_compute(d, &o, &m) == AUD_OK) {
            if (aud_egapro_compute(d, &m, &o, r) == AUD_OK) {
                double ix = aud_results_num(r, "egapro_index");
                double pts = aud_results_num(r, "egapro_points");
                double mx = aud_results_num(r, "egapro_max_points");
                if (!(ix != ix) && (ix < 0 || ix > 100)) abort();
                if (pts < 0 || pts > mx || mx > 100) abort();
            }
            aud_measures_free(&m);
        }
    }
    aud_results_free(r);
    aud_dataset_free(d);
    aud_options_free(&o);
    return 0;
}
