/* groups.h - partition of workforce rows into labelled groups in display
 * order, shared by the table-producing metric modules.
 *
 * Text values sort by their UTF-8 bytes, or numerically ("natural" order, for
 * grades) when every label of the partition is a number; bands keep band
 * order. Rows whose value is missing form one last group with a NULL label
 * when keep_missing is set, else they belong to no group. Empty groups are
 * never listed.
 *
 * Ownership: aud_groups_by_* fill a caller-owned struct whose arrays they
 * allocate (aud_groups_free releases them); labels are borrowed from the
 * dataset's string table or from static storage.
 */
#ifndef AUD_GROUPS_H
#define AUD_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataset.h"
#include "diag.h"

#define AUD_GROUP_NONE UINT32_MAX

typedef struct aud_groups {
    size_t n;              /* number of groups */
    uint32_t *of_row;      /* per dataset row: group index (display order) or AUD_GROUP_NONE */
    const char **label;    /* per group; NULL = value missing */
    bool numeric;          /* labels were ordered as numbers */
} aud_groups;

/* Rows i < nrows with include[i] != 0, by the interned value col[i]. */
aud_err aud_groups_by_string(aud_groups *g, const aud_dataset *d, const uint32_t *col,
                             size_t nrows, const uint8_t *include, bool natural,
                             bool keep_missing);
/* The same partition as aud_groups_by_string (labels, display order) without
 * the per-row array: *counts (caller frees) gets, for group k, its rows
 * whose sex is not M (2k: the women, in a population) and its men (2k + 1).
 * g->of_row stays NULL. */
aud_err aud_groups_count_by_string(aud_groups *g, size_t **counts, const aud_dataset *d,
                                   const uint32_t *col, size_t nrows, const uint8_t *include,
                                   bool natural, bool keep_missing);
/* Rows by band_of(years[i]) (-1 = unknown), bands 0..nbands-1 named by name_of. */
aud_err aud_groups_by_band(aud_groups *g, const int16_t *years, size_t nrows,
                           const uint8_t *include, int (*band_of)(int),
                           const char *(*name_of)(int), int nbands, bool keep_missing);
void aud_groups_free(aud_groups *g);

/* true when s is a whole finite number (strtod, surrounding spaces allowed). */
bool aud_groups_is_number(const char *s, double *value);

#endif
