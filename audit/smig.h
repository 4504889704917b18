/* smig.h - the Moroccan minimum wage in force on a date, from the dated table
 * templates/smig.tsv (valid_from<TAB>hourly_MAD).
 *
 * aud_smig_resolve: when o->smig is NAN, sets it to the value in force on the
 * snapshot date (o->period_end) read from o->templates_dir/smig.tsv.
 */
#ifndef AUD_SMIG_H
#define AUD_SMIG_H

#include "diag.h"
#include "options.h"

aud_err aud_smig_resolve(aud_options *o, aud_diag *diag);

#endif
