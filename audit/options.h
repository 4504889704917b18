/* options.h - every setting of a run, parsed by main.c, read by everything.
 *
 * Zero-initialising and then calling aud_options_defaults gives PRODUCT.md's
 * defaults. Strings are borrowed from argv (or static storage) and must outlive
 * the run; the struct owns nothing except the dynamic arrays freed by
 * aud_options_free.
 */
#ifndef AUD_OPTIONS_H
#define AUD_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef enum aud_lang { AUD_LANG_FR = 0, AUD_LANG_AR, AUD_LANG_EN } aud_lang;
typedef enum aud_model { AUD_MODEL_AUTO = 0, AUD_MODEL_STANDARD, AUD_MODEL_LOGIB } aud_model;
typedef enum aud_verbosity { AUD_QUIET = 0, AUD_NORMAL = 1, AUD_VERBOSE = 2 } aud_verbosity;

typedef struct aud_map_opt { const char *field; const char *column; } aud_map_opt;
typedef struct aud_map_value_opt { const char *field; const char *raw; const char *value; } aud_map_value_opt;

typedef struct aud_options {
    /* inputs */
    const char **files; size_t nfiles;        /* positional FILE... */
    const char *applicants;                   /* --applicants FILE */
    const char *previous;                     /* --previous FILE */
    const char *template_name;                /* --template NAME|FILE */
    const char *encoding;                     /* --encoding */
    char delimiter;                           /* --delimiter, 0 = sniff */
    const char *sheet;                        /* --sheet NAME (xlsx) */
    aud_map_opt *maps; size_t nmaps;          /* --map FIELD=COLUMN */
    aud_map_value_opt *map_values; size_t nmap_values; /* --map-value FIELD:RAW=VALUE */
    const char *templates_dir;                /* where built-in templates live */
    /* outputs */
    const char *output;                       /* -o */
    const char *json;                         /* --json */
    const char *summary;                      /* --summary */
    bool with_ids;                            /* --with-ids */
    aud_lang lang;
    /* identity */
    const char *employer, *sector, *region;
    /* method */
    int32_t period_start, period_end;         /* days since epoch; end = snapshot date */
    bool period_given;
    int min_cell;                             /* 3 (audit), 5 (summary) */
    double smig;                              /* hourly; NAN = from the table */
    double monthly_hours;                     /* 191 */
    bool egapro_levels_grade;                 /* --egapro-levels grade */
    aud_model model;
    const char *equal_value_by;               /* --equal-value-by FIELD, NULL = job/grade/category */
    double general_raise_pct;                 /* --general-raise PCT, NAN when not given */
    bool strict;
    aud_verbosity verbosity;
    int64_t source_date_epoch;                /* SOURCE_DATE_EPOCH or -1 */
    /* progress of long reads: set by main.c on a TTY, NULL otherwise; readers
     * call it now and then with bytes done / total (total 0 when unknown). */
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *progress_ctx;
    /* CSV reading: 0 = two threads on large files (decode, split and, when
     * the other thread is behind, prepare rows | accept rows), 1 = one
     * thread, 2 = two threads preparing every row; the dataset is the same */
    int reader_threads;
    /* benchmark / summary */
    const char *focus;                        /* --focus EMPLOYER */
    const char *by;                           /* --by sector|size|region */
    bool merge;                               /* summary --merge */
    /* demo */
    size_t employees;                         /* --employees N (0 = default 800) */
    uint64_t seed;                            /* --seed S */
    size_t applicants_n;                      /* --applicants-count N (0 = default) */
} aud_options;

void aud_options_defaults(aud_options *o);
void aud_options_free(aud_options *o);

/* "YYYY" or "YYYY-MM-DD:YYYY-MM-DD" into period_start/period_end. */
aud_err aud_options_parse_period(aud_options *o, const char *s, aud_diag *diag);
/* Default period: the calendar year before `today` (days since epoch). */
void aud_options_default_period(aud_options *o, int32_t today);

const char *aud_lang_code(aud_lang l);       /* "fr", "ar", "en" */

#endif
