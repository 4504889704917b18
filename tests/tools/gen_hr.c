/* gen_hr.c - writes a synthetic workforce (and applicants) extract for tests
 * and benchmarks: gen_hr OUTDIR EMPLOYEES [SEED] [--no-applicants] [--profile N]
 * [--applicants N] [--year Y]. Prints the written paths, one a line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"

static int parse_u64(const char *s, unsigned long long *v)
{
    char *end;
    errno = 0;
    *v = strtoull(s, &end, 10);
    return errno == 0 && end != s && *end == '\0' && s[0] != '-';
}

int main(int argc, char **argv)
{
    aud_demo_spec spec = {.employees = 800, .applicants = 3000, .seed = 1, .year = 2025, .employer = "demo"};
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        unsigned long long v = 0;
        const char *a = argv[i];
        if (strcmp(a, "--no-applicants") == 0) { spec.no_applicants = 1; continue; }
        if ((strcmp(a, "--profile") == 0 || strcmp(a, "--applicants") == 0 || strcmp(a, "--year") == 0 ||
             strcmp(a, "--employer") == 0) && i + 1 < argc) {
            const char *val = argv[++i];
            if (strcmp(a, "--employer") == 0) { spec.employer = val; continue; }
            if (!parse_u64(val, &v)) { fprintf(stderr, "gen_hr: bad value for %s\n", a); return 2; }
            if (a[2] == 'p') spec.profile = (int)v;
            else if (a[2] == 'a') spec.applicants = (size_t)v;
            else spec.year = (int)v;
            continue;
        }
        if (npos == 0) spec.dir = a;
        else if (npos <= 2 && parse_u64(a, &v)) {
            if (npos == 1) spec.employees = (size_t)v; else spec.seed = v;
        } else {
            fprintf(stderr, "usage: gen_hr OUTDIR EMPLOYEES [SEED] [--no-applicants] [--profile N]\n");
            return 2;
        }
        npos++;
    }
    if (npos < 2) {
        fprintf(stderr, "usage: gen_hr OUTDIR EMPLOYEES [SEED] [--no-applicants] [--profile N]\n");
        return 2;
    }
    char *wf = NULL, *ap = NULL;
    aud_diag d;
    aud_diag_clear(&d);
    aud_err e = aud_demo_generate(&spec, &wf, &ap, &d);
    if (e != AUD_OK) { fprintf(stderr, "gen_hr: %s: %s\n", d.file, d.message); return 1; }
    printf("%s\n", wf);
    if (ap) printf("%s\n", ap);
    free(wf);
    free(ap);
    return 0;
}
