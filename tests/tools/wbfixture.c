/* wbfixture - write the workbook (and JSON twin) of a realistic audit result
 * built in memory, so the workbook checks run before the whole pipeline does.
 *
 * usage: wbfixture OUT.xlsx OUT.json [--lang fr|ar|en] [--sparse]
 *                  [--findings N] [--templates DIR] [--time]
 * --time prints the seconds the workbook write took (on stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json_out.h"
#include "wbfixture.h"
#include "workbook.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: wbfixture OUT.xlsx OUT.json [--lang fr|ar|en] [--sparse] [--findings N] [--templates DIR]\n");
        return 2;
    }
    aud_lang lang = AUD_LANG_FR;
    int sparse = 0, timed = 0;
    size_t findings = 0;
    const char *templates = getenv("MUSAWAT_TEMPLATES");
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            const char *l = argv[++i];
            lang = strcmp(l, "ar") == 0 ? AUD_LANG_AR : strcmp(l, "en") == 0 ? AUD_LANG_EN : AUD_LANG_FR;
        } else if (strcmp(argv[i], "--sparse") == 0) sparse = 1;
        else if (strcmp(argv[i], "--findings") == 0 && i + 1 < argc) findings = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--templates") == 0 && i + 1 < argc) templates = argv[++i];
        else if (strcmp(argv[i], "--time") == 0) timed = 1;
        else { fprintf(stderr, "wbfixture: unknown argument %s\n", argv[i]); return 2; }
    }
    aud_dataset *d = aud_dataset_new();
    aud_results *r = aud_results_new();
    aud_options o;
    aud_diag diag;
    aud_diag_clear(&diag);
    int rc = 0;
    if (!d || !r || wbf_build(d, &o, r, templates ? templates : "templates", lang, sparse, findings) != AUD_OK) {
        fprintf(stderr, "wbfixture: cannot build the fixture\n");
        rc = 5;
    } else {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        aud_err e = aud_workbook_write(d, &o, r, argv[1], &diag);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (timed)
            fprintf(stderr, "workbook written in %.3f s\n",
                    (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
        if (e == AUD_OK) e = aud_json_write_audit(d, &o, r, argv[2], &diag);
        if (e != AUD_OK) {
            fprintf(stderr, "wbfixture: %s: %s\n", diag.file, diag.message);
            rc = 4;
        }
    }
    aud_results_free(r);
    aud_dataset_free(d);
    return rc;
}
