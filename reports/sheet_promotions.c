/* sheet_promotions.c - promotion and raise rates by sex: ratios, z, Fisher,
 * four-fifths flags, overall and by category. */
#include <stdio.h>

#include "xlsx.h"

#define N(a) (sizeof (a) / sizeof *(a))

static const char *const suffixes[] = {
    "rate_women_pct", "rate_men_pct", "rate_ratio", "impact_ratio", "four_fifths",
    "z", "z_p", "fisher_p", "shortfall"};

void aud_selection_metrics(aud_xw *x, const char *prefix)
{
    char buf[N(suffixes)][64];
    const char *ids[N(suffixes)];
    for (size_t i = 0; i < N(suffixes); i++) {
        snprintf(buf[i], sizeof buf[i], "%s_%s", prefix, suffixes[i]);
        ids[i] = buf[i];
    }
    char absent[64];
    snprintf(absent, sizeof absent, "absent.%s", prefix);
    aud_xw_metrics(x, ids, N(ids), absent, NULL);
}

void aud_sheet_promotions(aud_xw *x)
{
    aud_xw_sheet_begin(x, "promotions");
    aud_xw_section(x, "section.promotion");
    aud_selection_metrics(x, "promotion");
    aud_xw_section(x, "section.raise");
    aud_selection_metrics(x, "raise");
    aud_xw_line_key(x, "note.four_fifths");
    aud_xw_section(x, "tbl.promotion_by_category");
    aud_xw_table(x, "promotion_by_category", NULL);
    aud_xw_section(x, "tbl.raise_by_category");
    aud_xw_table(x, "raise_by_category", NULL);
    aud_xw_sheet_end(x);
}
