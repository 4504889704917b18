/* options.c - defaults and the few option values that need parsing. */
#include "options.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"

void aud_options_defaults(aud_options *o)
{
    memset(o, 0, sizeof *o);
    o->lang = AUD_LANG_FR;
    o->min_cell = 3;
    o->smig = NAN;
    o->monthly_hours = 191.0;
    o->model = AUD_MODEL_AUTO;
    o->general_raise_pct = NAN;
    o->verbosity = AUD_NORMAL;
    o->source_date_epoch = -1;
    o->templates_dir = NULL;
}

void aud_options_free(aud_options *o)
{
    free(o->files);
    free(o->maps);
    free(o->map_values);
    o->files = NULL; o->maps = NULL; o->map_values = NULL;
}

static bool parse_ymd(const char *s, size_t len, int32_t *out)
{
    int y, m, d;
    char buf[16];
    if (len != 10) return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (buf[4] != '-' || buf[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (buf[i] < '0' || buf[i] > '9')) return false;
    y = (buf[0] - '0') * 1000 + (buf[1] - '0') * 100 + (buf[2] - '0') * 10 + (buf[3] - '0');
    m = (buf[5] - '0') * 10 + (buf[6] - '0');
    d = (buf[8] - '0') * 10 + (buf[9] - '0');
    if (!aud_date_valid(y, m, d)) return false;
    *out = aud_days_from_civil(y, m, d);
    return true;
}

aud_err aud_options_parse_period(aud_options *o, const char *s, aud_diag *diag)
{
    size_t len = strlen(s);
    if (len == 4 && strspn(s, "0123456789") == 4) {
        int y = (int)strtol(s, NULL, 10);
        if (y < 1900 || y > 2199)
            return aud_diag_set(diag, AUD_E_USAGE, NULL, 0, "--period %s: year out of range", s);
        o->period_start = aud_days_from_civil(y, 1, 1);
        o->period_end = aud_days_from_civil(y, 12, 31);
        o->period_given = true;
        return AUD_OK;
    }
    const char *colon = strchr(s, ':');
    int32_t a, b;
    if (!colon || !parse_ymd(s, (size_t)(colon - s), &a) || !parse_ymd(colon + 1, strlen(colon + 1), &b))
        return aud_diag_set(diag, AUD_E_USAGE, NULL, 0,
                            "--period %s: expected YYYY or YYYY-MM-DD:YYYY-MM-DD", s);
    if (b < a)
        return aud_diag_set(diag, AUD_E_USAGE, NULL, 0, "--period %s: the end is before the start", s);
    o->period_start = a;
    o->period_end = b;
    o->period_given = true;
    return AUD_OK;
}

void aud_options_default_period(aud_options *o, int32_t today)
{
    int y, m, d;
    aud_civil_from_days(today, &y, &m, &d);
    o->period_start = aud_days_from_civil(y - 1, 1, 1);
    o->period_end = aud_days_from_civil(y - 1, 12, 31);
}

const char *aud_lang_code(aud_lang l)
{
    switch (l) {
    case AUD_LANG_AR: return "ar";
    case AUD_LANG_EN: return "en";
    case AUD_LANG_FR: break;
    }
    return "fr";
}
