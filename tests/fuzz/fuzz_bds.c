/* fuzz_bds.c - the CNSS BDS parser and join on arbitrary bytes, against a
 * small workforce whose CNSS numbers the seeds use. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const numbers[] = {"123456789", "223456780", "323456781"};
    aud_dataset *d = aud_dataset_new();
    if (!d) return 0;
    uint32_t wf, in;
    if (aud_dataset_add_input(d, "wf.csv", AUD_KIND_WORKFORCE, &wf) != AUD_OK ||
        aud_dataset_add_input(d, "fuzz.bds", AUD_KIND_BDS, &in) != AUD_OK) {
        aud_dataset_free(d);
        return 0;
    }
    for (size_t i = 0; i < 4; i++) {
        size_t row;
        if (aud_wf_append(d, &row) != AUD_OK) break;
        d->wf.sex[row] = (uint8_t)(i % 2 ? AUD_SEX_M : AUD_SEX_F);
        d->wf.input[row] = wf;
        d->wf.line[row] = row + 2;
        if (i == 1) { d->wf.base_pay[row] = 5000; d->wf.fte[row] = 1; }
        if (i < 3) aud_strtab_intern(d->ids, numbers[i], 9, &d->wf.cnss[row]);
    }
    aud_diag diag;
    aud_bds_parse_buffer(d, (const char *)data, size, "fuzz.bds", in, &diag);
    (void)aud_bds_sniff(data, size);
    aud_dataset_free(d);
    return 0;
}
