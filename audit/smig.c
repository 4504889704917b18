/* smig.c - dated SMIG table (templates/smig.tsv).
 *
 * Format: UTF-8 text, one `YYYY-MM-DD<TAB>amount[<TAB>note]` a line; blank
 * lines and lines starting with # are skipped; lines may be in any order.
 * A malformed line is an error (a silently ignored line could change which
 * value is in force). A snapshot before the first entry leaves o->smig NAN:
 * no minimum wage is known then, so the compliance check is not calculable
 * rather than wrong. */
#include "smig.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"

#define SMIG_LINE_MAX 1024

/* Parses one data line; false when malformed. */
static bool parse_line(char *s, int32_t *from, double *value)
{
    int y, mo, d;
    if (strlen(s) < 11 || s[10] != '\t') return false;
    for (int k = 0; k < 10; k++)
        if ((k == 4 || k == 7) ? s[k] != '-' : !isdigit((unsigned char)s[k])) return false;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    mo = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (!aud_date_valid(y, mo, d)) return false;
    char *num = s + 11, *end;
    errno = 0;
    double v = strtod(num, &end);
    if (end == num || errno || !isfinite(v) || v <= 0) return false;
    while (*end == ' ') end++;
    if (*end && *end != '\t') return false;
    *from = aud_days_from_civil(y, mo, d);
    *value = v;
    return true;
}

static aud_err read_table(FILE *f, const char *path, int32_t snapshot, double *found,
                          aud_diag *diag)
{
    char line[SMIG_LINE_MAX];
    uint64_t lineno = 0;
    int32_t best = AUD_NO_DATE;
    size_t entries = 0;
    *found = NAN;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n' && !feof(f))
            return aud_diag_set(diag, AUD_E_TEMPLATE, path, lineno, "line too long");
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        char *s = line;
        if (lineno == 1 && !strncmp(s, "\xef\xbb\xbf", 3)) s += 3;   /* UTF-8 BOM */
        const char *p = s;
        while (*p == ' ' || *p == '\t') p++;
        if (!*p || *p == '#') continue;
        int32_t from;
        double v;
        if (!parse_line(s, &from, &v)) {
            aud_diag_set(diag, AUD_E_TEMPLATE, path, lineno, "malformed SMIG line");
            aud_diag_set_hint(diag, "expected YYYY-MM-DD<TAB>hourly amount, e.g. 2025-01-01\t17.10");
            return AUD_E_TEMPLATE;
        }
        entries++;
        if (from <= snapshot && (best == AUD_NO_DATE || from >= best)) { best = from; *found = v; }
    }
    if (ferror(f)) return aud_diag_set(diag, AUD_E_TEMPLATE, path, 0, "cannot read the SMIG table");
    if (entries == 0) return aud_diag_set(diag, AUD_E_TEMPLATE, path, 0, "the SMIG table has no entry");
    return AUD_OK;
}

aud_err aud_smig_resolve(aud_options *o, aud_diag *diag)
{
    if (!isnan(o->smig)) return AUD_OK;            /* --smig given */
    if (!o->templates_dir) {
        aud_diag_set(diag, AUD_E_TEMPLATE, NULL, 0, "no templates folder: cannot read the SMIG table");
        aud_diag_set_hint(diag, "set MUSAWAT_TEMPLATES or pass --smig AMOUNT");
        return AUD_E_TEMPLATE;
    }
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/smig.tsv", o->templates_dir);
    if (n < 0 || (size_t)n >= sizeof path)
        return aud_diag_set(diag, AUD_E_TEMPLATE, o->templates_dir, 0, "templates folder path too long");
    FILE *f = fopen(path, "rb");
    if (!f && errno == ENOMEM) return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory");
    if (!f) {
        aud_diag_set(diag, AUD_E_TEMPLATE, path, 0, "cannot open the SMIG table: %s", strerror(errno));
        aud_diag_set_hint(diag, "reinstall the templates folder or pass --smig AMOUNT");
        return AUD_E_TEMPLATE;
    }
    double v;
    aud_err e = read_table(f, path, o->period_end, &v, diag);
    fclose(f);
    if (e == AUD_OK) o->smig = v;
    return e;
}
