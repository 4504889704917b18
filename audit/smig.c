/* smig.c - dated SMIG table. */
#include "smig.h"

aud_err aud_smig_resolve(aud_options *o, aud_diag *diag)
{
    (void)o; (void)diag;
    return AUD_OK;
}
