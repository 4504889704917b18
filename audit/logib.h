/* logib.h - Logib datalist rules (methods.md §3.1): plausibility checks on a
 * row read with a `kind logib` template.
 *
 * aud_logib_check_row is called by ingest for each parsed row of a Logib
 * datalist: importance-1 failures set *reject (the row is rejected, with a
 * finding naming the rule); importance-2 failures add warnings. Only
 * population code 1 enters the Logib model (the adjusted-gap module filters).
 */
#ifndef AUD_LOGIB_H
#define AUD_LOGIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataset.h"
#include "diag.h"

aud_err aud_logib_check_row(aud_dataset *d, size_t row, uint32_t input, uint64_t line, bool *reject);

#endif
