/* demo.h - deterministic synthetic Moroccan extracts (workforce + applicants)
 * with realistic built-in gaps, for `musawat demo` and `make bench`.
 *
 * Ownership: *workforce_path and *applicants_path are allocated (caller frees).
 */
#ifndef AUD_DEMO_H
#define AUD_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef struct aud_demo_spec {
    const char *dir;          /* output folder (created if missing) */
    size_t employees;         /* default 800 */
    size_t applicants;        /* default 3000; 0 with no_applicants = none */
    uint64_t seed;            /* default 1 */
    int year;                 /* reference year; the period is that calendar year */
    const char *employer;     /* used in file names; default "demo" */
    int profile;              /* 0 default; 1..3 alternative employers for benchmark demos */
    int no_applicants;
} aud_demo_spec;

aud_err aud_demo_generate(const aud_demo_spec *spec, char **workforce_path, char **applicants_path,
                          aud_diag *diag);

#endif
