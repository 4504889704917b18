/* movements.h - promotions, raises, hires and exits derived from two
 * snapshots (--previous) when the extract has no such flags.
 *
 * aud_movements_derive compares d->prev with d->wf by employee id: sets
 * `promoted` (higher grade or category) and `raised` (base pay up by more than
 * --general-raise) where the current extract left them missing, and counts
 * hires/exits into d->moves. Runs after ingest, before compute.
 */
#ifndef AUD_MOVEMENTS_H
#define AUD_MOVEMENTS_H

#include "dataset.h"
#include "diag.h"
#include "options.h"

aud_err aud_movements_derive(aud_dataset *d, const aud_options *o, aud_diag *diag);

#endif
