/* logib.c - Logib datalist plausibility checks. */
#include "logib.h"

aud_err aud_logib_check_row(aud_dataset *d, size_t row, uint32_t input, uint64_t line, bool *reject)
{
    (void)d; (void)row; (void)input; (void)line;
    *reject = false;
    return AUD_OK;
}
