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
 *
 * Ownership: everything parsed goes into the caller's dataset; buffers and
 * paths are borrowed. Names, CIN and CNSS numbers are never stored: numbers
 * are only looked up in d->ids, and findings about them carry no raw value.
 */
#ifndef AUD_BDS_H
#define AUD_BDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataset.h"
#include "diag.h"
#include "options.h"

/* true when head starts with a BDS record type (A00-A03, B00-B06, E00-E06)
 * and its first line, when complete in head, is 260 characters long. */
bool aud_bds_sniff(const unsigned char *head, size_t n);
aud_err aud_bds_ingest(aud_dataset *d, const char *path, uint32_t input, const aud_options *o,
                       aud_diag *diag);
/* The same from a file already in memory (path only names it in findings and
 * diagnostics). aud_bds_ingest reads the file line by line and shares every
 * step after that with this function. */
aud_err aud_bds_parse_buffer(aud_dataset *d, const char *buf, size_t len, const char *path,
                             uint32_t input, aud_diag *diag);

#endif
