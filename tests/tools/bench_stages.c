/* bench_stages.c - times the audit pipeline stage by stage with the library:
 *   bench_stages OUTDIR WORKFORCE.csv [APPLICANTS.csv] [--period YEAR]
 * One line per stage (read, compute, json, workbook): seconds, rows/s, MB/s
 * of input, peak RSS so far. A stage that fails is reported and the next
 * stages still run, so a partly built pipeline can be measured. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "compute.h"
#include "dataset.h"
#include "ingest.h"
#include "json_out.h"
#include "options.h"
#include "results.h"
#include "smig.h"
#include "workbook.h"
#include "templates_dir.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

/* CPU seconds (user + system, all threads) used so far. */
static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

static double cpu_mark;

static void report(const char *stage, double secs, double rows, double mb, aud_err e, const aud_diag *d)
{
    double c = cpu_s();
    printf("  stage %-8s %8.3f s  cpu %7.3f s", stage, secs, c - cpu_mark);
    cpu_mark = c;
    if (rows > 0 && secs > 0) printf("  %10.0f rows/s  %8.1f MB/s", rows / secs, mb / secs);
    printf("  peak RSS %7.1f MB", peak_mb());
    if (e == AUD_OK) printf("  ok\n");
    else printf("  ERROR %s: %s\n", aud_strerror(e), d->message[0] ? d->message : "(no message)");
    fflush(stdout);
}

static aud_err run_read(aud_options *o, aud_dataset *d, aud_diag *diag)
{
    aud_err e = aud_smig_resolve(o, diag);
    return e == AUD_OK ? aud_ingest(o, d, diag) : e;
}

int main(int argc, char **argv)
{
    const char *pos[3] = {0};
    int npos = 0;
    const char *period = "2025";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--period") == 0 && i + 1 < argc) period = argv[++i];
        else if (npos < 3) pos[npos++] = argv[i];
    }
    if (npos < 2) {
        fprintf(stderr, "usage: bench_stages OUTDIR WORKFORCE [APPLICANTS] [--period YEAR]\n");
        return 2;
    }
    aud_options o;
    memset(&o, 0, sizeof o);
    aud_options_defaults(&o);
    aud_diag diag;
    aud_diag_clear(&diag);
    if (aud_options_parse_period(&o, period, &diag) != AUD_OK) {
        fprintf(stderr, "bench_stages: %s\n", diag.message);
        return 2;
    }
    o.files = malloc(sizeof *o.files);      /* owned by the options (aud_options_free) */
    if (!o.files) return 1;
    o.files[0] = pos[1];
    o.nfiles = 1;
    o.applicants = pos[2];
    o.verbosity = AUD_QUIET;
    o.templates_dir = templates_dir();
    struct stat st;
    double mb = stat(pos[1], &st) == 0 ? (double)st.st_size / 1e6 : 0;
    char xlsx[4096], json[4096];
    snprintf(xlsx, sizeof xlsx, "%s/stages.xlsx", pos[0]);
    snprintf(json, sizeof json, "%s/stages.json", pos[0]);
    aud_dataset *d = aud_dataset_new();
    aud_results *r = aud_results_new();
    if (!d || !r) { fprintf(stderr, "bench_stages: out of memory\n"); return 1; }

    cpu_mark = cpu_s();
    double t0 = now();
    aud_err e = run_read(&o, d, &diag);
    double rows = (double)d->wf.n;
    report("read", now() - t0, rows, mb, e, &diag);
    aud_diag_clear(&diag);
    t0 = now();
    e = aud_compute(d, &o, r, &diag);
    report("compute", now() - t0, rows, mb, e, &diag);
    aud_diag_clear(&diag);
    t0 = now();
    e = aud_json_write_audit(d, &o, r, json, &diag);
    report("json", now() - t0, rows, mb, e, &diag);
    aud_diag_clear(&diag);
    t0 = now();
    e = aud_workbook_write(d, &o, r, xlsx, &diag);
    report("workbook", now() - t0, rows, mb, e, &diag);
    printf("  rows accepted %.0f, input %.1f MB\n", rows, mb);
    aud_results_free(r);
    aud_dataset_free(d);
    aud_options_free(&o);
    return 0;
}
