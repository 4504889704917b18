/* movements.c - two-snapshot derivation. */
#include "movements.h"

aud_err aud_movements_derive(aud_dataset *d, const aud_options *o, aud_diag *diag)
{
    (void)d; (void)o; (void)diag;
    return AUD_OK;
}
