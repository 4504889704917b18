/* assess.c - thresholds and display families of metric ids. */
#include "assess.h"

#include <math.h>
#include <string.h>

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

aud_light aud_assess_gap(double g)
{
    if (!isfinite(g)) return AUD_LIGHT_NONE;
    g = fabs(g);
    return g >= AUD_GAP_RED ? AUD_LIGHT_RED : g >= AUD_GAP_AMBER ? AUD_LIGHT_AMBER : AUD_LIGHT_GREEN;
}

aud_light aud_assess_egapro(double x)
{
    if (!isfinite(x)) return AUD_LIGHT_NONE;
    return x < AUD_EGAPRO_RED ? AUD_LIGHT_RED : x < AUD_EGAPRO_AMBER ? AUD_LIGHT_AMBER : AUD_LIGHT_GREEN;
}

int aud_metric_is_gap(const char *id)
{
    return (strstr(id, "gap_mean_pct") || strstr(id, "gap_median_pct") || strcmp(id, "adjusted_gap_pct") == 0);
}

static double num_of(const aud_value *v)
{
    if (v->type == AUD_V_NUM) return v->num;
    if (v->type == AUD_V_INT) return (double)v->i;
    if (v->type == AUD_V_BOOL) return v->b ? 1.0 : 0.0;
    return NAN;
}

aud_light aud_assess_metric(const char *id, const aud_value *v)
{
    double x = num_of(v);
    if (!isfinite(x)) return AUD_LIGHT_NONE;
    if (aud_metric_is_gap(id)) return aud_assess_gap(x);
    if (strcmp(id, "egapro_index") == 0) return aud_assess_egapro(x);
    if (strcmp(id, "adjusted_gap_rating") == 0)
        return x >= 4 ? AUD_LIGHT_RED : x >= 3 ? AUD_LIGHT_AMBER : AUD_LIGHT_GREEN;
    if (ends_with(id, "_four_fifths") || strcmp(id, "eu_joint_assessment") == 0)
        return x != 0 ? AUD_LIGHT_RED : AUD_LIGHT_GREEN;
    if (ends_with(id, "_impact_ratio"))
        return x < AUD_FOUR_FIFTHS ? AUD_LIGHT_RED : AUD_LIGHT_GREEN;
    if (starts_with(id, "below_smig_"))
        return x > 0 ? AUD_LIGHT_RED : AUD_LIGHT_GREEN;
    return AUD_LIGHT_NONE;
}

aud_colfmt aud_metric_fmt(const char *id, aud_vtype t)
{
    if (t == AUD_V_BOOL) return AUD_COL_BOOL;
    if (t == AUD_V_STR) return AUD_COL_TEXT;
    if (starts_with(id, "egapro_")) {
        if (ends_with(id, "_points") || strcmp(id, "egapro_index") == 0 || strcmp(id, "egapro_i5_result") == 0
            || ends_with(id, "_employees"))
            return AUD_COL_COUNT;
        if (strstr(id, "_result")) return AUD_COL_PCT;
    }
    if (ends_with(id, "_p")) return AUD_COL_PVALUE;
    if (strstr(id, "_pct")) return AUD_COL_PCT;
    if (ends_with(id, "_ratio") || starts_with(id, "duncan_index") || strcmp(id, "glass_ceiling_index") == 0
        || ends_with(id, "_r2") || ends_with(id, "_z") || ends_with(id, "_t"))
        return AUD_COL_RATIO;
    /* log points: four decimals show the size of a few-percent effect */
    if (starts_with(id, "oaxaca_") || ends_with(id, "_coef") || ends_with(id, "_se")) return AUD_COL_PVALUE;
    if (ends_with(id, "_shortfall")) return AUD_COL_MONEY;
    if (t == AUD_V_INT) return AUD_COL_COUNT;
    return AUD_COL_NUMBER;
}
