/* fuzz_values.c - every value parser and the normaliser on any text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static aud_vocab *vocab(void)
{
    static aud_vocab *v;
    static int tried;
    if (!tried) {
        tried = 1;
        static const char text[] = "sex\tF\tf|femme|mme\nsex\tM\tm|h|homme\nyesno\t1\toui|x\nyesno\t0\tnon\n"
                                   "stage\thired\tembauche\ncsp\tic\tcadres?\n";
        aud_diag d;
        aud_diag_clear(&d);
        if (aud_vocab_parse(text, sizeof text - 1, "fuzz", &v, &d) != AUD_OK) v = NULL;
    }
    return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    aud_money m;
    double v;
    long k;
    int32_t day;
    char cnss[10], norm[64];
    const char *st;
    (void)aud_val_money(s, size, &m);
    (void)aud_val_number(s, size, &v);
    (void)aud_val_int(s, size, 0, 120, &k);
    (void)aud_val_date(s, size, AUD_DATE_BIRTH, 20453, &day);
    (void)aud_val_date(s, size, AUD_DATE_EVENT, 20453, &day);
    (void)aud_val_fte(s, size, &v);
    (void)aud_val_cnss(s, size, cnss);
    size_t n = aud_norm(s, size, norm, sizeof norm);
    if (n >= sizeof norm || strlen(norm) != n) abort();
    (void)aud_trim(s, size, &st);
    aud_vocab *voc = vocab();
    (void)aud_val_sex(voc, s, size);
    (void)aud_val_yesno(voc, s, size);
    (void)aud_val_stage(voc, s, size);
    (void)aud_val_csp(voc, s, size);
    return 0;
}
