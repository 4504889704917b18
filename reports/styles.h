/* styles.h - every cell format of the workbook, created once per workbook
 * (Excel caps a file at ~64k formats and libxlsxwriter never frees them).
 *
 * Ownership: the formats belong to the lxw_workbook they were made in; the
 * registry only points at them and is plain storage owned by its holder.
 */
#ifndef AUD_STYLES_H
#define AUD_STYLES_H

#include <xlsxwriter.h>

#include "assess.h"
#include "results.h"

typedef struct aud_styles {
    lxw_format *title, *subtitle, *section, *header, *text, *note, *remark, *verdict;
    lxw_format *num[AUD_COL_BOOL + 1];    /* indexed by aud_colfmt */
    lxw_format *gap;                      /* signed percent gap: negatives in blue */
    lxw_format *nc, *suppressed;
    lxw_format *light[AUD_LIGHT_RED + 1];  /* status cells */
    lxw_format *cf_red, *cf_amber;        /* conditional-format fills (also flagged rows) */
    lxw_format *big_label;                /* key of a key/value row */
} aud_styles;

/* yes/no texts go into the boolean number format ("oui";"oui";"non"), rtl sets
 * the reading order of every format. Returns 0 when a format could not be made. */
int aud_styles_build(aud_styles *s, lxw_workbook *wb, int rtl, const char *yes, const char *no);

/* Number format of a column family (NULL for text). */
lxw_format *aud_styles_for(const aud_styles *s, aud_colfmt f, int is_gap);

#endif
