/* main.c - the musawat command line: option parsing, dispatch, messages and
 * exit codes. The only file that prints or exits (PRODUCT.md exit codes:
 * 0 ok, 1 findings under --strict, 2 usage, 3 input, 4 output, 5 internal). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "compute.h"
#include "dataset.h"
#include "demo.h"
#include "diag.h"
#include "ingest.h"
#include "json_out.h"
#include "movements.h"
#include "options.h"
#include "outfile.h"
#include "results.h"
#include "smig.h"
#include "summary.h"
#include "version.h"
#include "workbook.h"

#ifndef MUSAWAT_DATADIR
#define MUSAWAT_DATADIR "/usr/local/share/musawat"
#endif

static const char *prog = "musawat";

static const char usage_main[] =
    "usage: musawat COMMAND [options] [FILE...]\n"
    "\n"
    "Gender-equity workplace audits from HR extracts.\n"
    "\n"
    "commands:\n"
    "  audit      HR extract(s) -> workbook (+ JSON, + summary)\n"
    "  check      detect format, show column mapping and data-quality findings\n"
    "  summary    HR extract(s) -> anonymised benchmark summary (JSON)\n"
    "  benchmark  summaries -> sector benchmark workbook (+ JSON)\n"
    "  templates  list built-in header templates and what they recognise\n"
    "  demo       write a realistic synthetic extract and audit it\n"
    "\n"
    "  musawat COMMAND --help   options of a command\n"
    "  musawat --version        print the version\n"
    "\n"
    "exit status: 0 ok, 1 findings under --strict, 2 usage, 3 input unusable,\n"
    "4 output failed, 5 internal error\n";

static const char usage_common[] =
    "input options:\n"
    "  --applicants FILE        an applicants (recruitment) extract\n"
    "  --previous FILE          last year's workforce extract (derives promotions, raises, hires, exits)\n"
    "  --period YYYY | YYYY-MM-DD:YYYY-MM-DD   reference period (default: previous calendar year)\n"
    "  --template NAME|FILE     force a header template\n"
    "  --map FIELD=COLUMN       force one column mapping (repeatable)\n"
    "  --map-value FIELD:RAW=VALUE[,RAW=VALUE]  recode values, e.g. sex:1=M,2=F (repeatable)\n"
    "  --encoding utf-8|utf-16|cp1252|cp1256   force the input encoding\n"
    "  --delimiter C            force the CSV delimiter (, ; | or TAB)\n"
    "  --sheet NAME             xlsx input: the sheet to read (default: the first)\n"
    "  --min-cell N             smallest group whose statistics are shown (default 3)\n"
    "  --smig AMOUNT            hourly minimum wage (default: the SMIG in force at the snapshot)\n"
    "  --monthly-hours H        full-time hours per month (default 191)\n"
    "  --egapro-levels grade    Egapro indicator 1 on grades instead of CSP\n"
    "  --model standard|logib   adjusted-gap model (default: logib when Logib fields are present)\n"
    "  --equal-value-by FIELD   grouping for work of equal value (default job, else grade, else category)\n"
    "  --general-raise PCT      with --previous: general increase not counted as an individual raise\n"
    "  --employer NAME --sector CODE --region NAME\n"
    "  --strict                 data-quality findings make the exit status 1\n"
    "  -q, --quiet / -v, --verbose\n";

static const char usage_audit[] =
    "usage: musawat audit [options] FILE...\n"
    "\n"
    "Read HR extract(s), compute every metric, write the audit workbook.\n"
    "\n"
    "output options:\n"
    "  -o, --output FILE.xlsx   workbook path (default audit.xlsx)\n"
    "  --json FILE              also write every metric and table as JSON\n"
    "  --summary FILE           also write the anonymised benchmark summary\n"
    "  --lang fr|ar|en          workbook language (default fr; ar = right-to-left)\n"
    "  --with-ids               add person-level sheets showing the matricule only\n";

static const char usage_check[] =
    "usage: musawat check [options] FILE...\n"
    "\n"
    "Detect each file's format, show the column -> field mapping and the\n"
    "data-quality findings. Writes nothing unless --json FILE is given.\n"
    "Exit 0 when every file is usable, 3 when one is not.\n"
    "\n"
    "  --json FILE              write the same report as JSON\n";

static const char usage_summary[] =
    "usage: musawat summary [options] FILE... -o employer.summary.json\n"
    "       musawat summary --merge S1.json S2.json ... -o merged.summary.json\n"
    "\n"
    "Write an anonymised, mergeable summary (no personal data; groups under\n"
    "--min-cell, default 5, merged or dropped).\n"
    "\n"
    "  -o, --output FILE        summary path (default summary.json)\n"
    "  --merge                  merge summaries instead of reading extracts\n";

static const char usage_benchmark[] =
    "usage: musawat benchmark [options] SUMMARY... -o sector.xlsx\n"
    "\n"
    "Merge summaries into a sector benchmark workbook.\n"
    "\n"
    "  -o, --output FILE.xlsx   workbook path (default benchmark.xlsx)\n"
    "  --json FILE              also write the benchmark as JSON\n"
    "  --focus EMPLOYER         position this employer in the distribution\n"
    "  --by sector|size|region  group employers (groups of < 3 employers are hidden)\n"
    "  --lang fr|ar|en          workbook language\n";

static const char usage_templates[] =
    "usage: musawat templates [--template FILE]\n"
    "\n"
    "List the built-in header templates and the fields each recognises.\n";

static const char usage_demo[] =
    "usage: musawat demo [-o DIR] [--employees N] [--applicants-count N] [--seed S] [--lang L]\n"
    "\n"
    "Write a realistic synthetic Moroccan extract pair (workforce + applicants)\n"
    "into DIR (default demo/), then audit it: DIR/audit.xlsx, DIR/audit.json.\n";

/* ---- messages ---------------------------------------------------------- */

static void print_diag(const aud_diag *d, aud_err e)
{
    fprintf(stderr, "%s: ", prog);
    if (d->file[0]) {
        fprintf(stderr, "%s", d->file);
        if (d->line) fprintf(stderr, ":%llu", (unsigned long long)d->line);
        if (d->column[0]) fprintf(stderr, ": column \"%s\"", d->column);
        fprintf(stderr, ": ");
    }
    fprintf(stderr, "%s", d->message[0] ? d->message : aud_strerror(e));
    if (d->has_offset) fprintf(stderr, " (byte %llu)", (unsigned long long)d->byte_offset);
    fputc('\n', stderr);
    if (d->hint[0]) fprintf(stderr, "%s: hint: %s\n", prog, d->hint);
}

static int out_of_memory(void)
{
    fprintf(stderr, "%s: out of memory\n", prog);
    return 5;
}

static int fail(const aud_diag *d, aud_err e)
{
    print_diag(d, e);
    return aud_err_exit_status(e);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int usage_error_f(const char *cmd, const char *fmt, ...);
#define usage_error(cmd, fmt, arg) usage_error_f(cmd, fmt, arg)

static int usage_error_f(const char *cmd, const char *fmt, ...)
{
    fprintf(stderr, "%s: ", prog);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n%s: hint: run 'musawat %s--help'\n", prog, cmd ? cmd : "");
    return 2;
}

/* ---- option parsing ---------------------------------------------------- */

enum {
    O_JSON = 1000, O_SUMMARY, O_APPLICANTS, O_PREVIOUS, O_PERIOD, O_LANG, O_EMPLOYER, O_SECTOR,
    O_REGION, O_TEMPLATE, O_MAP, O_MAP_VALUE, O_ENCODING, O_DELIMITER, O_MIN_CELL, O_SMIG,
    O_MONTHLY_HOURS, O_EGAPRO_LEVELS, O_MODEL, O_STRICT, O_SHEET, O_WITH_IDS, O_EQUAL_VALUE_BY,
    O_GENERAL_RAISE, O_FOCUS, O_BY, O_MERGE, O_EMPLOYEES, O_SEED, O_APPLICANTS_COUNT,
    O_TEMPLATES_DIR, O_HELP, O_VERSION
};

static const struct option long_opts[] = {
    {"output", required_argument, 0, 'o'}, {"json", required_argument, 0, O_JSON},
    {"summary", required_argument, 0, O_SUMMARY}, {"applicants", required_argument, 0, O_APPLICANTS},
    {"previous", required_argument, 0, O_PREVIOUS}, {"period", required_argument, 0, O_PERIOD},
    {"lang", required_argument, 0, O_LANG}, {"employer", required_argument, 0, O_EMPLOYER},
    {"sector", required_argument, 0, O_SECTOR}, {"region", required_argument, 0, O_REGION},
    {"template", required_argument, 0, O_TEMPLATE}, {"map", required_argument, 0, O_MAP},
    {"map-value", required_argument, 0, O_MAP_VALUE}, {"encoding", required_argument, 0, O_ENCODING},
    {"delimiter", required_argument, 0, O_DELIMITER}, {"min-cell", required_argument, 0, O_MIN_CELL},
    {"smig", required_argument, 0, O_SMIG}, {"monthly-hours", required_argument, 0, O_MONTHLY_HOURS},
    {"egapro-levels", required_argument, 0, O_EGAPRO_LEVELS}, {"model", required_argument, 0, O_MODEL},
    {"strict", no_argument, 0, O_STRICT}, {"sheet", required_argument, 0, O_SHEET},
    {"with-ids", no_argument, 0, O_WITH_IDS}, {"equal-value-by", required_argument, 0, O_EQUAL_VALUE_BY},
    {"general-raise", required_argument, 0, O_GENERAL_RAISE}, {"focus", required_argument, 0, O_FOCUS},
    {"by", required_argument, 0, O_BY}, {"merge", no_argument, 0, O_MERGE},
    {"employees", required_argument, 0, O_EMPLOYEES}, {"seed", required_argument, 0, O_SEED},
    {"applicants-count", required_argument, 0, O_APPLICANTS_COUNT},
    {"templates-dir", required_argument, 0, O_TEMPLATES_DIR},
    {"quiet", no_argument, 0, 'q'}, {"verbose", no_argument, 0, 'v'},
    {"help", no_argument, 0, 'h'}, {"version", no_argument, 0, O_VERSION},
    {0, 0, 0, 0}
};

/* Options each command accepts (by long name); others are a usage error. */
static const char *const common_opts[] = {
    "applicants", "previous", "period", "template", "map", "map-value", "encoding", "delimiter",
    "sheet", "min-cell", "smig", "monthly-hours", "egapro-levels", "model", "equal-value-by",
    "general-raise", "employer", "sector", "region", "strict", "quiet", "verbose", "help",
    "templates-dir", NULL
};
static const char *const audit_opts[] = {"output", "json", "summary", "lang", "with-ids", NULL};
static const char *const check_opts[] = {"json", NULL};
static const char *const summary_opts[] = {"output", "merge", NULL};
static const char *const bench_opts[] = {"output", "json", "focus", "by", "lang", "quiet", "verbose", "help", "min-cell", NULL};
static const char *const templates_opts[] = {"template", "templates-dir", "help", NULL};
static const char *const demo_opts[] = {"output", "employees", "seed", "lang", "applicants-count",
                                        "quiet", "verbose", "help", "templates-dir", "period", NULL};

/* The index of NAME in the NULL-terminated LIST, or -1. */
static int word_index(const char *const *list, const char *name)
{
    for (int i = 0; list && list[i]; i++)
        if (strcmp(list[i], name) == 0) return i;
    return -1;
}

static int in_list(const char *const *list, const char *name)
{
    return word_index(list, name) >= 0;
}

/* The values the option arguments that name one of a few words accept. */
static const char *const encodings[] = {"utf-8", "utf-16", "utf-16le", "utf-16be", "cp1252", "cp1256", NULL};
static const char *const egapro_levels[] = {"grade", "csp", NULL};
static const char *const equal_value_bys[] = {"job", "grade", "category", "department", "site", NULL};
static const char *const benchmark_bys[] = {"sector", "size", "region", NULL};
static const char *const langs[] = {"fr", "ar", "en", NULL};               /* aud_lang order */
static const char *const models[] = {"standard", "logib", NULL};          /* from AUD_MODEL_STANDARD */
_Static_assert(AUD_LANG_FR == 0 && AUD_LANG_AR == 1 && AUD_LANG_EN == 2, "langs[] follows aud_lang");
_Static_assert(AUD_MODEL_LOGIB == AUD_MODEL_STANDARD + 1, "models[] follows aud_model");

/* "OPT ARG: expected a, b or c", the words from LIST. */
static int word_error(const char *cmd, const char *opt, const char *arg, const char *const *list)
{
    char words[256] = "";
    size_t n = 0;
    for (size_t i = 0; list[i]; i++) {
        const char *sep = i == 0 ? "" : list[i + 1] ? ", " : " or ";
        int k = snprintf(words + n, sizeof words - n, "%s%s", sep, list[i]);
        if (k < 0 || (size_t)k >= sizeof words - n) break;
        n += (size_t)k;
    }
    return usage_error_f(cmd, "%s %s: expected %s", opt, arg, words);
}

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v)) return 0;
    *out = v;
    return 1;
}

static int parse_size(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    if (!*s || *s == '-') return 0;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > max) return 0;
    *out = v;
    return 1;
}

/* Copies of --map-value arguments; the option pieces point into them. */
static char *map_value_copies[64];
static size_t n_map_value_copies;

static int add_map_value(aud_options *o, const char *arg)
{
    /* FIELD:RAW=VALUE[,RAW=VALUE...] */
    const char *colon = strchr(arg, ':');
    if (!colon || colon == arg || n_map_value_copies >= sizeof map_value_copies / sizeof *map_value_copies)
        return 0;
    if (aud_field_from_name(arg) < 0 && strncmp(arg, "sex:", 4) != 0) {
        char f[64];
        size_t n = (size_t)(colon - arg);
        if (n >= sizeof f) return 0;
        memcpy(f, arg, n);
        f[n] = '\0';
        if (aud_field_from_name(f) < 0) return 0;
    }
    char *copy = strdup(arg);
    if (!copy) return 0;
    map_value_copies[n_map_value_copies++] = copy;
    copy[colon - arg] = '\0';
    const char *field = copy;
    char *p = copy + (colon - arg) + 1;
    while (*p) {
        char *comma = strchr(p, ',');
        if (comma) *comma = '\0';
        char *eq = strchr(p, '=');
        if (!eq || eq == p || !eq[1]) return 0;
        *eq = '\0';
        aud_map_value_opt *nv = realloc(o->map_values, (o->nmap_values + 1) * sizeof *nv);
        if (!nv) return 0;
        o->map_values = nv;
        o->map_values[o->nmap_values++] = (aud_map_value_opt){field, p, eq + 1};
        if (!comma) break;
        p = comma + 1;
    }
    return 1;
}

static void free_map_value_copies(void)
{
    for (size_t i = 0; i < n_map_value_copies; i++) free(map_value_copies[i]);
    n_map_value_copies = 0;
}

static const char *find_templates_dir(const char *argv0)
{
    static char buf[PATH_MAX];
    const char *env = getenv("MUSAWAT_TEMPLATES");
    struct stat st;
    if (env && *env) return env;
    /* Next to the binary (build tree: build/musawat -> ../templates). */
    char exe[PATH_MAX - 64];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(buf, sizeof buf, "%s/../templates", exe);
            if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) return buf;
            snprintf(buf, sizeof buf, "%s/../share/musawat/templates", exe);
            if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) return buf;
        }
    }
    (void)argv0;
    snprintf(buf, sizeof buf, "%s/templates", MUSAWAT_DATADIR);
    if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) return buf;
    return "templates";
}

typedef struct cmd_def {
    const char *name;
    const char *usage;
    const char *const *opts;
    int takes_common;
} cmd_def;

/* Returns -1 to continue, or an exit status. */
static int parse_args(const cmd_def *cmd, int argc, char **argv, aud_options *o)
{
    char cmdsp[64];
    snprintf(cmdsp, sizeof cmdsp, "%s ", cmd->name);
    optind = 1;
    opterr = 0;
    int c, idx;
    while ((c = getopt_long(argc, argv, ":o:qvh", long_opts, &idx)) != -1) {
        const char *lname = NULL;
        if (c == '?') {
            if (optopt) {
                char s[2] = {(char)optopt, 0};
                return usage_error(cmdsp, "unknown option -%s", s);
            }
            return usage_error(cmdsp, "unknown option %s", argv[optind - 1]);
        }
        if (c == ':') return usage_error(cmdsp, "option %s needs a value", argv[optind - 1]);
        for (const struct option *lo = long_opts; lo->name; lo++)
            if (lo->val == c) { lname = lo->name; break; }
        if (lname && !in_list(cmd->opts, lname) && !(cmd->takes_common && in_list(common_opts, lname)))
            return usage_error(cmdsp, "option --%s does not apply to this command", lname);
        switch (c) {
        case 'o': o->output = optarg; break;
        case 'q': o->verbosity = AUD_QUIET; break;
        case 'v': o->verbosity = AUD_VERBOSE; break;
        case 'h': fputs(cmd->usage, stdout); if (cmd->takes_common) { fputc('\n', stdout); fputs(usage_common, stdout); } return 0;
        case O_JSON: o->json = optarg; break;
        case O_SUMMARY: o->summary = optarg; break;
        case O_APPLICANTS: o->applicants = optarg; break;
        case O_PREVIOUS: o->previous = optarg; break;
        case O_PERIOD: {
            aud_diag d; aud_diag_clear(&d);
            if (aud_options_parse_period(o, optarg, &d) != AUD_OK)
                return usage_error(cmdsp, "%s", d.message);
            break;
        }
        case O_LANG: {
            int i = word_index(langs, optarg);
            if (i < 0) return word_error(cmdsp, "--lang", optarg, langs);
            o->lang = (aud_lang)i;
            break;
        }
        case O_EMPLOYER: o->employer = optarg; break;
        case O_SECTOR: o->sector = optarg; break;
        case O_REGION: o->region = optarg; break;
        case O_TEMPLATE: o->template_name = optarg; break;
        case O_MAP: {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg || !eq[1]) return usage_error(cmdsp, "--map %s: expected FIELD=COLUMN", optarg);
            *eq = '\0';
            if (aud_field_from_name(optarg) < 0) return usage_error(cmdsp, "--map: unknown field %s", optarg);
            aud_map_opt *nm = realloc(o->maps, (o->nmaps + 1) * sizeof *nm);
            if (!nm) return out_of_memory();
            o->maps = nm;
            o->maps[o->nmaps++] = (aud_map_opt){optarg, eq + 1};
            break;
        }
        case O_MAP_VALUE:
            if (!add_map_value(o, optarg)) return usage_error(cmdsp, "--map-value %s: expected FIELD:RAW=VALUE[,RAW=VALUE]", optarg);
            break;
        case O_ENCODING:
            if (!in_list(encodings, optarg)) return word_error(cmdsp, "--encoding", optarg, encodings);
            o->encoding = optarg;
            break;
        case O_DELIMITER:
            if (!strcmp(optarg, "TAB") || !strcmp(optarg, "\\t") || !strcmp(optarg, "\t")) o->delimiter = '\t';
            else if (strlen(optarg) == 1 && strchr(",;|", optarg[0])) o->delimiter = optarg[0];
            else return usage_error(cmdsp, "--delimiter %s: expected , ; | or TAB", optarg);
            break;
        case O_MIN_CELL: {
            unsigned long long v;
            if (!parse_size(optarg, 1000000, &v) || v < 1) return usage_error(cmdsp, "--min-cell %s: expected a whole number >= 1", optarg);
            o->min_cell = (int)v;
            break;
        }
        case O_SMIG:
            if (!parse_double(optarg, &o->smig) || o->smig <= 0) return usage_error(cmdsp, "--smig %s: expected a positive amount", optarg);
            break;
        case O_MONTHLY_HOURS:
            if (!parse_double(optarg, &o->monthly_hours) || o->monthly_hours <= 0 || o->monthly_hours > 744)
                return usage_error(cmdsp, "--monthly-hours %s: expected hours in (0, 744]", optarg);
            break;
        case O_EGAPRO_LEVELS:
            if (!in_list(egapro_levels, optarg)) return word_error(cmdsp, "--egapro-levels", optarg, egapro_levels);
            o->egapro_levels_grade = !strcmp(optarg, "grade");
            break;
        case O_MODEL: {
            int i = word_index(models, optarg);
            if (i < 0) return word_error(cmdsp, "--model", optarg, models);
            o->model = (aud_model)(AUD_MODEL_STANDARD + i);
            break;
        }
        case O_STRICT: o->strict = true; break;
        case O_SHEET: o->sheet = optarg; break;
        case O_WITH_IDS: o->with_ids = true; break;
        case O_EQUAL_VALUE_BY:
            if (!in_list(equal_value_bys, optarg)) return word_error(cmdsp, "--equal-value-by", optarg, equal_value_bys);
            o->equal_value_by = optarg;
            break;
        case O_GENERAL_RAISE:
            if (!parse_double(optarg, &o->general_raise_pct) || o->general_raise_pct < 0 || o->general_raise_pct > 100)
                return usage_error(cmdsp, "--general-raise %s: expected a percentage in [0, 100]", optarg);
            break;
        case O_FOCUS: o->focus = optarg; break;
        case O_BY:
            if (!in_list(benchmark_bys, optarg)) return word_error(cmdsp, "--by", optarg, benchmark_bys);
            o->by = optarg;
            break;
        case O_MERGE: o->merge = true; break;
        case O_EMPLOYEES: {
            unsigned long long v;
            if (!parse_size(optarg, 100000000ull, &v) || v < 1) return usage_error(cmdsp, "--employees %s: expected a whole number from 1 to 100000000", optarg);
            o->employees = (size_t)v;
            break;
        }
        case O_APPLICANTS_COUNT: {
            unsigned long long v;
            if (!parse_size(optarg, 100000000ull, &v)) return usage_error(cmdsp, "--applicants-count %s: expected a whole number", optarg);
            o->applicants_n = (size_t)v;
            break;
        }
        case O_SEED: {
            unsigned long long v;
            if (!parse_size(optarg, ULLONG_MAX, &v)) return usage_error(cmdsp, "--seed %s: expected a whole number", optarg);
            o->seed = v;
            break;
        }
        case O_TEMPLATES_DIR: o->templates_dir = optarg; break;
        default: return usage_error(cmdsp, "unknown option %s", argv[optind - 1]);
        }
    }
    int nfiles = argc - optind;
    if (nfiles > 0) {
        o->files = malloc((size_t)nfiles * sizeof *o->files);
        if (!o->files) return out_of_memory();
        for (int i = 0; i < nfiles; i++) o->files[i] = argv[optind + i];
        o->nfiles = (size_t)nfiles;
    }
    return -1;
}

static void progress_bar(void *ctx, uint64_t done, uint64_t total)
{
    (void)ctx;
    if (total == 0) return;
    int pct = (int)(done * 100 / total);
    int bars = pct / 4;
    fprintf(stderr, "\r%s: reading [%-25.*s] %3d%%", prog, bars, "#########################", pct);
    if (done >= total) fputc('\n', stderr);
}

static void finish_options(aud_options *o, const char *argv0)
{
    if (!o->templates_dir) o->templates_dir = find_templates_dir(argv0);
    if (o->verbosity != AUD_QUIET && isatty(STDERR_FILENO)) o->progress = progress_bar;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (!*end && v >= 0) o->source_date_epoch = v;
    }
    if (!o->period_given) {
        time_t now = o->source_date_epoch >= 0 ? (time_t)o->source_date_epoch : time(NULL);
        aud_options_default_period(o, (int32_t)(now / 86400));
    }
}

/* ---- commands ---------------------------------------------------------- */

static const char *const *input_paths(const aud_options *o, size_t *n)
{
    static const char *paths[256];
    size_t k = 0;
    for (size_t i = 0; i < o->nfiles && k < 253; i++) paths[k++] = o->files[i];
    if (o->applicants) paths[k++] = o->applicants;
    if (o->previous) paths[k++] = o->previous;
    *n = k;
    return paths;
}

static int check_outputs(const aud_options *o, const char *const *outs, size_t nouts)
{
    size_t nin;
    const char *const *ins = input_paths(o, &nin);
    for (size_t i = 0; i < nouts; i++) {
        if (!outs[i]) continue;
        aud_diag d; aud_diag_clear(&d);
        aud_err e = aud_output_check(outs[i], ins, nin, &d);
        if (e != AUD_OK) return fail(&d, e);
        for (size_t j = 0; j < i; j++)
            if (outs[j] && !strcmp(outs[j], outs[i])) {
                fprintf(stderr, "%s: %s is named for two outputs\n", prog, outs[i]);
                return 2;
            }
    }
    return 0;
}

static int strict_status(const aud_options *o, const aud_dataset *d)
{
    return (o->strict && (d->rejections > 0 || d->warnings > 0)) ? 1 : 0;
}

static void print_run_summary(const aud_options *o, const aud_dataset *d)
{
    if (o->verbosity == AUD_QUIET) return;
    for (size_t i = 0; i < d->ninputs; i++) {
        const aud_input *in = &d->inputs[i];
        fprintf(stderr, "%s: %s (%s): %llu rows read, %llu accepted, %llu rejected\n", prog, in->path,
                aud_file_kind_name(in->kind), (unsigned long long)in->rows_read,
                (unsigned long long)in->rows_accepted, (unsigned long long)in->rows_rejected);
    }
    if (d->warnings) fprintf(stderr, "%s: %llu data-quality warning(s)\n", prog, (unsigned long long)d->warnings);
}

/* The outputs of one run are all-or-nothing: each is first written under a
 * staged name next to its final path, and only when every one has been
 * written are they moved into place. A run that fails half-way leaves
 * neither a partial file nor a mixed set of old and new outputs. Devices and
 * pipes (/dev/stdout, /dev/null) cannot be staged and are written directly. */
typedef struct staged { const char *final; char *tmp; } staged;

static const char *stage(staged *s, const char *final, aud_diag *diag, aud_err *e)
{
    s->final = final;
    s->tmp = NULL;
    if (!final || *e != AUD_OK) return final;
    if (aud_output_is_special(final)) return final;
    *e = aud_output_begin(final, &s->tmp, diag);
    return s->tmp ? s->tmp : final;
}

static aud_err unstage(staged *s, int n, aud_err e, aud_diag *diag)
{
    for (int i = 0; i < n; i++) {
        if (!s[i].tmp) continue;
        if (e == AUD_OK) e = aud_output_commit(s[i].tmp, s[i].final, diag);
        else aud_output_abort(s[i].tmp);
        if (diag->code != AUD_OK && strcmp(diag->file, s[i].tmp) == 0)
            snprintf(diag->file, sizeof diag->file, "%s", s[i].final);
        free(s[i].tmp);
        s[i].tmp = NULL;
    }
    return e;
}

static int run_audit_pipeline(aud_options *o, int want_workbook)
{
    if (o->nfiles == 0) return usage_error("audit ", "no input file%s", "");
    const char *outs[3] = {want_workbook ? (o->output ? o->output : "audit.xlsx") : NULL, o->json, o->summary};
    if (want_workbook && !o->output) o->output = "audit.xlsx";
    int rc = check_outputs(o, outs, 3);
    if (rc) return rc;
    aud_diag diag; aud_diag_clear(&diag);
    aud_dataset *d = aud_dataset_new();
    aud_results *r = aud_results_new();
    if (!d || !r) { aud_dataset_free(d); aud_results_free(r); return out_of_memory(); }
    aud_err e = aud_smig_resolve(o, &diag);
    if (e == AUD_OK) e = aud_ingest(o, d, &diag);
    if (e == AUD_OK) e = aud_movements_derive(d, o, &diag);
    if (e == AUD_OK) print_run_summary(o, d);
    if (e == AUD_OK) e = aud_compute(d, o, r, &diag);
    staged st[3];
    const char *json = stage(&st[0], o->json, &diag, &e);
    const char *xlsx = stage(&st[1], want_workbook ? o->output : NULL, &diag, &e);
    const char *sum = stage(&st[2], o->summary, &diag, &e);
    if (e == AUD_OK && json) e = aud_json_write_audit(d, o, r, json, &diag);
    if (e == AUD_OK && xlsx) e = aud_workbook_write(d, o, r, xlsx, &diag);
    if (e == AUD_OK && sum) e = aud_summary_write(d, o, r, sum, &diag);
    e = unstage(st, 3, e, &diag);
    if (e == AUD_OK && o->verbosity != AUD_QUIET) {
        if (want_workbook) fprintf(stderr, "%s: wrote %s\n", prog, o->output);
        if (o->json) fprintf(stderr, "%s: wrote %s\n", prog, o->json);
        if (o->summary) fprintf(stderr, "%s: wrote %s\n", prog, o->summary);
    }
    rc = e == AUD_OK ? strict_status(o, d) : fail(&diag, e);
    aud_results_free(r);
    aud_dataset_free(d);
    return rc;
}

/* Print s left-aligned in `width` characters: UTF-8 code points, not bytes,
 * so French and Arabic headers line up. */
static void print_padded(const char *s, int width)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80) n++;
    fputs(s, stdout);
    for (; n < width; n++) fputc(' ', stdout);
}

static void print_check(const aud_dataset *d)
{
    for (size_t i = 0; i < d->ninputs; i++) {
        const aud_input *in = &d->inputs[i];
        printf("%s\n", in->path);
        printf("  kind:      %s\n", aud_file_kind_name(in->kind));
        printf("  encoding:  %s\n", in->encoding ? in->encoding : "-");
        if (in->delimiter && *in->delimiter) printf("  delimiter: %s\n", in->delimiter);
        if (in->sheet) printf("  sheet:     %s\n", in->sheet);
        printf("  template:  %s\n", in->template_name ? in->template_name : "-");
        printf("  columns:\n");
        for (size_t c = 0; c < in->ncolumns; c++) {
            const aud_column_map *cm = &in->columns[c];
            fputs("    ", stdout);
            print_padded(cm->header ? cm->header : "", 28);
            if (cm->field >= 0)
                printf(" -> %-22s (%s)\n", aud_field_name((aud_field)cm->field), cm->pattern ? cm->pattern : "");
            else
                printf(" -> (unmatched, ignored)\n");
        }
        printf("  rows:      %llu read, %llu accepted, %llu rejected",
               (unsigned long long)in->rows_read, (unsigned long long)in->rows_accepted,
               (unsigned long long)in->rows_rejected);
        if (in->blank_lines) printf(", %llu blank line(s) skipped", (unsigned long long)in->blank_lines);
        printf("\n");
        size_t shown_rej = 0, shown_warn = 0, nrej = 0, nwarn = 0;
        for (size_t k = 0; k < d->nfindings; k++) {
            const aud_finding *f = &d->findings[k];
            if (f->input != i) continue;
            if (f->severity == AUD_SEV_REJECT) nrej++; else if (f->severity == AUD_SEV_WARNING) nwarn++;
        }
        if (nrej) printf("  rejected rows (first %zu of %zu):\n", nrej < 20 ? nrej : (size_t)20, nrej);
        for (size_t k = 0; k < d->nfindings && shown_rej < 20; k++) {
            const aud_finding *f = &d->findings[k];
            if (f->input != i || f->severity != AUD_SEV_REJECT) continue;
            printf("    line %llu: %s", (unsigned long long)f->line, aud_dataset_str(d, f->code));
            if (f->column) printf(" (column \"%s\"", aud_dataset_str(d, f->column));
            if (f->column && f->raw) printf(", value \"%s\")", aud_dataset_str(d, f->raw));
            else if (f->column) printf(")");
            printf("\n");
            shown_rej++;
        }
        if (nwarn) printf("  warnings (first %zu of %zu):\n", nwarn < 20 ? nwarn : (size_t)20, nwarn);
        for (size_t k = 0; k < d->nfindings && shown_warn < 20; k++) {
            const aud_finding *f = &d->findings[k];
            if (f->input != i || f->severity != AUD_SEV_WARNING) continue;
            if (f->line) printf("    line %llu: %s", (unsigned long long)f->line, aud_dataset_str(d, f->code));
            else printf("    %s", aud_dataset_str(d, f->code));
            if (f->column) printf(" (column \"%s\"", aud_dataset_str(d, f->column));
            if (f->column && f->raw) printf(", value \"%s\")", aud_dataset_str(d, f->raw));
            else if (f->column) printf(")");
            printf("\n");
            shown_warn++;
        }
    }
    if (d->findings_dropped)
        printf("(%llu further findings counted but not listed)\n", (unsigned long long)d->findings_dropped);
}

static int cmd_check(aud_options *o)
{
    if (o->nfiles == 0) return usage_error("check ", "no input file%s", "");
    const char *outs[1] = {o->json};
    int rc = check_outputs(o, outs, 1);
    if (rc) return rc;
    aud_diag diag; aud_diag_clear(&diag);
    aud_dataset *d = aud_dataset_new();
    if (!d) { fprintf(stderr, "%s: out of memory\n", prog); return 5; }
    aud_err e = aud_ingest(o, d, &diag);
    if (d->ninputs) print_check(d);
    if (e == AUD_OK && o->json) e = aud_check_json_write(d, o, o->json, &diag);
    rc = e == AUD_OK ? strict_status(o, d) : fail(&diag, e);
    aud_dataset_free(d);
    return rc;
}

static int cmd_summary(aud_options *o)
{
    if (o->nfiles == 0) return usage_error("summary ", "no input file%s", "");
    if (!o->output) o->output = "summary.json";
    if (o->merge) {
        const char *outs[1] = {o->output};
        int rc = check_outputs(o, outs, 1);
        if (rc) return rc;
        aud_diag diag; aud_diag_clear(&diag);
        aud_err e = aud_summary_merge_files(o, o->output, &diag);
        if (e != AUD_OK) return fail(&diag, e);
        if (o->verbosity != AUD_QUIET) fprintf(stderr, "%s: wrote %s\n", prog, o->output);
        return 0;
    }
    o->summary = o->output;
    o->output = NULL;
    return run_audit_pipeline(o, 0);
}

static int cmd_benchmark(aud_options *o)
{
    if (o->nfiles == 0) return usage_error("benchmark ", "no summary file%s", "");
    if (!o->output) o->output = "benchmark.xlsx";
    const char *outs[2] = {o->output, o->json};
    int rc = check_outputs(o, outs, 2);
    if (rc) return rc;
    aud_diag diag; aud_diag_clear(&diag);
    aud_err e = aud_benchmark_run(o, &diag);
    if (e != AUD_OK) return fail(&diag, e);
    if (o->verbosity != AUD_QUIET) {
        fprintf(stderr, "%s: wrote %s\n", prog, o->output);
        if (o->json) fprintf(stderr, "%s: wrote %s\n", prog, o->json);
    }
    return 0;
}

static int cmd_templates(aud_options *o)
{
    if (o->nfiles) return usage_error("templates ", "unexpected argument %s", o->files[0]);
    aud_diag diag; aud_diag_clear(&diag);
    aud_template_info *list = NULL;
    size_t n = 0;
    aud_err e = aud_templates_list(o, &list, &n, &diag);
    if (e != AUD_OK) return fail(&diag, e);
    for (size_t i = 0; i < n; i++) {
        printf("%s", list[i].name);
        if (list[i].description && *list[i].description) printf(" - %s", list[i].description);
        printf("\n  fields:");
        for (size_t f = 0; f < list[i].nfields; f++) printf(" %s", list[i].fields[f]);
        printf("\n");
    }
    aud_templates_list_free(list, n);
    return 0;
}

/* The sector part of the demo: three more synthetic employers, each audited
 * into a summary, then the sector benchmark positioning the demo employer. */
static int demo_sector(const aud_options *base, const char *dir, const char *focus_summary)
{
    static const char *const names[] = {"Textiles du Nord", "Agro Souss", "Atlas Services"};
    static const char *const sectors[] = {"C13", "C10", "N82"};
    static const char *const regions[] = {"Tanger-Tetouan-Al Hoceima", "Souss-Massa", "Casablanca-Settat"};
    static char paths[4][PATH_MAX + 32];
    const char *summaries[4];
    int rc = 0;
    snprintf(paths[3], sizeof paths[3], "%s", focus_summary);
    for (int p = 0; p < 3 && rc == 0; p++) {
        char emp[32];
        snprintf(emp, sizeof emp, "employer%d", p + 1);
        int y, m, dd;
        aud_civil_from_days(base->period_end, &y, &m, &dd);
        aud_demo_spec spec = {.dir = dir, .employees = 300 + 250 * (size_t)p, .seed = 100 + (uint64_t)p,
                              .year = y, .employer = emp, .profile = p + 1, .no_applicants = 1};
        char *wf = NULL, *ap = NULL;
        aud_diag diag; aud_diag_clear(&diag);
        aud_err e = aud_demo_generate(&spec, &wf, &ap, &diag);
        if (e != AUD_OK) { free(wf); free(ap); return fail(&diag, e); }
        snprintf(paths[p], sizeof paths[p], "%s/%s.summary.json", dir, emp);
        aud_options o = *base;
        o.files = NULL; o.nfiles = 0; o.maps = NULL; o.nmaps = 0; o.map_values = NULL; o.nmap_values = 0;
        const char *one[1] = {wf};
        o.files = one;
        o.nfiles = 1;
        o.applicants = NULL;
        o.output = NULL;
        o.json = NULL;
        o.summary = paths[p];
        o.min_cell = 5;
        o.employer = names[p];
        o.sector = sectors[p];
        o.region = regions[p];
        o.verbosity = AUD_QUIET;
        rc = run_audit_pipeline(&o, 0);
        free(wf);
        free(ap);
    }
    if (rc) return rc;
    for (int i = 0; i < 4; i++) summaries[i] = paths[i];
    aud_options b = *base;
    static char out_xlsx[PATH_MAX + 32], out_json[PATH_MAX + 32];
    snprintf(out_xlsx, sizeof out_xlsx, "%s/sector.xlsx", dir);
    snprintf(out_json, sizeof out_json, "%s/sector.json", dir);
    b.files = summaries;
    b.nfiles = 4;
    b.maps = NULL; b.map_values = NULL;
    b.output = out_xlsx;
    b.json = out_json;
    b.focus = base->employer;
    b.min_cell = 5;
    aud_diag diag; aud_diag_clear(&diag);
    aud_err e = aud_benchmark_run(&b, &diag);
    if (e != AUD_OK) return fail(&diag, e);
    if (base->verbosity != AUD_QUIET) fprintf(stderr, "%s: wrote %s and %s\n", prog, out_xlsx, out_json);
    return 0;
}

static int cmd_demo(aud_options *o)
{
    if (o->nfiles) return usage_error("demo ", "unexpected argument %s", o->files[0]);
    const char *dir = o->output ? o->output : "demo";
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "%s: %s: cannot create the folder: %s\n", prog, dir, strerror(errno));
        return 4;
    }
    int y, m, dd;
    aud_civil_from_days(o->period_end, &y, &m, &dd);
    aud_demo_spec spec = {.dir = dir, .employees = o->employees ? o->employees : 800,
                          .applicants = o->applicants_n ? o->applicants_n : 3000,
                          .seed = o->seed ? o->seed : 1, .year = y, .employer = "demo"};
    char *wf = NULL, *ap = NULL;
    aud_diag diag; aud_diag_clear(&diag);
    aud_err e = aud_demo_generate(&spec, &wf, &ap, &diag);
    if (e != AUD_OK) { free(wf); free(ap); return fail(&diag, e); }
    if (o->verbosity != AUD_QUIET) fprintf(stderr, "%s: wrote %s and %s\n", prog, wf, ap ? ap : "(no applicants)");
    static char out_xlsx[PATH_MAX + 16], out_json[PATH_MAX + 16], out_sum[PATH_MAX + 32];
    snprintf(out_xlsx, sizeof out_xlsx, "%s/audit.xlsx", dir);
    snprintf(out_json, sizeof out_json, "%s/audit.json", dir);
    snprintf(out_sum, sizeof out_sum, "%s/audit.summary.json", dir);
    o->files = malloc(sizeof *o->files);
    if (!o->files) { free(wf); free(ap); return out_of_memory(); }
    o->files[0] = wf;
    o->nfiles = 1;
    o->applicants = ap;
    o->output = out_xlsx;
    o->json = out_json;
    o->summary = out_sum;
    if (!o->employer) o->employer = "Demo SARL";
    if (!o->sector) o->sector = "C13";
    if (!o->region) o->region = "Casablanca-Settat";
    int rc = run_audit_pipeline(o, 1);
    if (rc == 0) rc = demo_sector(o, dir, out_sum);
    free(wf);
    free(ap);
    return rc;
}

int main(int argc, char **argv)
{
    static const cmd_def cmds[] = {
        {"audit", usage_audit, audit_opts, 1},
        {"check", usage_check, check_opts, 1},
        {"summary", usage_summary, summary_opts, 1},
        {"benchmark", usage_benchmark, bench_opts, 0},
        {"templates", usage_templates, templates_opts, 0},
        {"demo", usage_demo, demo_opts, 0},
    };
    if (argc < 2) { fputs(usage_main, stderr); return 2; }
    const char *name = argv[1];
    if (!strcmp(name, "--version") || !strcmp(name, "-V")) { printf("musawat %s\n", MUSAWAT_VERSION); return 0; }
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) { fputs(usage_main, stdout); return 0; }
    const cmd_def *cmd = NULL;
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
        if (!strcmp(cmds[i].name, name)) cmd = &cmds[i];
    if (!cmd) {
        if (name[0] == '-') fprintf(stderr, "%s: unknown option %s\n", prog, name);
        else fprintf(stderr, "%s: unknown command '%s'\n", prog, name);
        fprintf(stderr, "%s: hint: run 'musawat --help' for the list of commands\n", prog);
        return 2;
    }
    /* GSL's default handler aborts; every GSL call's status is checked instead. */
    gsl_set_error_handler_off();
    aud_options o;
    aud_options_defaults(&o);
    if (!strcmp(cmd->name, "summary")) o.min_cell = 5;
    int rc = parse_args(cmd, argc - 1, argv + 1, &o);
    if (rc >= 0) { aud_options_free(&o); return rc; }
    finish_options(&o, argv[0]);
    if (!strcmp(cmd->name, "audit")) rc = run_audit_pipeline(&o, 1);
    else if (!strcmp(cmd->name, "check")) rc = cmd_check(&o);
    else if (!strcmp(cmd->name, "summary")) rc = cmd_summary(&o);
    else if (!strcmp(cmd->name, "benchmark")) rc = cmd_benchmark(&o);
    else if (!strcmp(cmd->name, "templates")) rc = cmd_templates(&o);
    else rc = cmd_demo(&o);
    free_map_value_copies();
    aud_options_free(&o);
    return rc;
}
