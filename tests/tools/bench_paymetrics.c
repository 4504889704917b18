/* bench_paymetrics.c - times §0 measures, §1-§2 (paygap) and §7-§8
 * (representation) on a synthetic workforce.
 * Usage: bench_paymetrics [N [OUT.json]]   (default N 1000000). Prints CPU
 * seconds per step; with OUT.json also writes every figure, so two builds
 * can be compared byte for byte at a size the test suite never reaches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dataset.h"
#include "json_out.h"
#include "measures.h"
#include "options.h"
#include "paygap.h"
#include "representation.h"
#include "results.h"

/* CPU time of this process: the wall clock of a shared machine says more
 * about the neighbours than about the code. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static uint64_t st = 88172645463325252ull;
static double urand(void)
{
    st ^= st << 13; st ^= st >> 7; st ^= st << 17;
    return (double)(st >> 11) / 9007199254740992.0;
}

static int fill(aud_dataset *d, size_t n)
{
    uint32_t cats[6], jobs[200], grades[12];
    char buf[32];
    for (int k = 0; k < 6; k++) { snprintf(buf, sizeof buf, "cat%d", k); if (aud_dataset_intern(d, buf, &cats[k])) return 1; }
    for (int k = 0; k < 200; k++) { snprintf(buf, sizeof buf, "job%03d", k); if (aud_dataset_intern(d, buf, &jobs[k])) return 1; }
    for (int k = 0; k < 12; k++) { snprintf(buf, sizeof buf, "%d", k + 1); if (aud_dataset_intern(d, buf, &grades[k])) return 1; }
    for (size_t i = 0; i < n; i++) {
        size_t r;
        if (aud_wf_append(d, &r) != AUD_OK) return 1;
        bool f = urand() < 0.4;
        d->wf.sex[r] = f ? AUD_SEX_F : AUD_SEX_M;
        d->wf.base_pay[r] = (double)(int64_t)((3300 + urand() * 30000 * (f ? 0.85 : 1.0)) * 100) / 100;   /* with cents */
        d->wf.allowances[r] = urand() < 0.5 ? (double)(int)(urand() * 900) : AUD_NA;
        d->wf.variable_pay[r] = urand() < 0.4 ? (double)(int)(urand() * 20000) : AUD_NA;
        d->wf.fte[r] = urand() < 0.1 ? 0.5 : urand() < 0.05 ? 0.8 : 1.0;
        d->wf.category[r] = cats[(int)(urand() * 6)];
        d->wf.job[r] = jobs[(int)(urand() * 200)];
        d->wf.grade[r] = grades[(int)(urand() * 12)];
        d->wf.csp[r] = (int8_t)(urand() * 4);
        d->wf.birth_date[r] = aud_days_from_civil(1960 + (int)(urand() * 45), 1 + (int)(urand() * 12), 15);
        d->wf.hire_date[r] = aud_days_from_civil(1985 + (int)(urand() * 40), 1 + (int)(urand() * 12), 1);
        snprintf(buf, sizeof buf, "E%07zu", i);
        if (aud_strtab_intern(d->ids, buf, strlen(buf), &d->wf.employee_id[r])) return 1;
    }
    d->has_field[AUD_F_JOB] = d->has_field[AUD_F_GRADE] = d->has_field[AUD_F_HIRE_DATE] = true;
    return 0;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 1000000;
    aud_dataset *d = aud_dataset_new();
    if (!d || fill(d, n)) { fprintf(stderr, "setup failed\n"); return 1; }
    aud_options o;
    aud_options_defaults(&o);
    o.period_start = aud_days_from_civil(2025, 1, 1);
    o.period_end = aud_days_from_civil(2025, 12, 31);
    o.smig = 17.10;
    aud_results *r = aud_results_new();
    aud_measures m;
    double t0 = now();
    if (aud_measures_compute(d, &o, &m) != AUD_OK) return 1;
    double t1 = now();
    if (aud_paygap_compute(d, &m, &o, r) != AUD_OK) return 1;
    double t2 = now();
    if (aud_representation_compute(d, &m, &o, r) != AUD_OK) return 1;
    double t3 = now();
    printf("n=%zu cpu: measures=%.3fs paygap=%.3fs representation=%.3fs pay_gap_mean_pct=%.4f q1=%.2f\n",
           n, t1 - t0, t2 - t1, t3 - t2, aud_results_num(r, "pay_gap_mean_pct"),
           aud_results_num(r, "quartile1_women_pct"));
    int rc = 0;
    if (argc > 2) {
        aud_diag diag;
        memset(&diag, 0, sizeof diag);
        if (aud_json_write_audit(d, &o, r, argv[2], &diag) != AUD_OK) {
            fprintf(stderr, "cannot write %s\n", argv[2]);
            rc = 1;
        }
    }
    aud_measures_free(&m);
    aud_results_free(r);
    aud_dataset_free(d);
    return rc;
}
