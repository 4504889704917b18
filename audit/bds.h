/* bds.h - CNSS DAMANCOM BDS files (morocco.md §2.1): fixed-width 260-char
 * records B00-B06 (declaration) and A00-A03 (préétabli).
 *
 * aud_bds_ingest parses one file, verifies each record's control sums and the
 * B03/B05/B06 totals (mismatches become findings), and joins it to the
 * workforce rows already in the dataset on cnss_number: fills base_pay (real
 * salary) and fte (days / 26) where missing, cross-checks where present
 * (difference > 1 % = warning), lists unmatched numbers on both sides as
 * findings, and feeds entrants/exits into d->moves. Situation codes are used
 * only in aggregate, never stored per person.
 * Must run after the workforce files have been read.
 */
#ifndef AUD_BDS_H
#define AUD_BDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataset.h"
#include "diag.h"
#include "options.h"

bool aud_bds_sniff(const unsigned char *head, size_t n);   /* starts with B00/A00 record */
aud_err aud_bds_ingest(aud_dataset *d, const char *path, uint32_t input, const aud_options *o,
                       aud_diag *diag);

#endif
