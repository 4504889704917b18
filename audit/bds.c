/* bds.c - CNSS BDS reader and join. */
#include "bds.h"

#include <string.h>

bool aud_bds_sniff(const unsigned char *head, size_t n)
{
    return n >= 3 && (memcmp(head, "B00", 3) == 0 || memcmp(head, "A00", 3) == 0);
}

aud_err aud_bds_ingest(aud_dataset *d, const char *path, uint32_t input, const aud_options *o,
                       aud_diag *diag)
{
    (void)d; (void)input; (void)o;
    return aud_diag_set(diag, AUD_E_FORMAT, path, 0, "CNSS BDS input is not available in this build yet");
}
