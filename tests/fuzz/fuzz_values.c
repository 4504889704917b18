/* fuzz_values.c - every value parser (money, number, int, dates, fte, CNSS
 * number, normalisation, trimming) and the vocabulary file parser on
 * arbitrary bytes. The input is copied to a NUL-terminated buffer because
 * the parsers receive cells that are NUL-terminated (rowsrc.h). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse_cell(const aud_vocab *v, const char *s, size_t n)
{
    aud_money m;
    double x;
    long l;
    int32_t day;
    char cnss[10];
    char norm[256];
    const char *start;
    (void)aud_val_money(s, n, &m);
    (void)aud_val_number(s, n, &x);
    (void)aud_val_int(s, n, 0, 100, &l);
    (void)aud_val_date(s, n, AUD_DATE_BIRTH, 20454, &day);
    (void)aud_val_date(s, n, AUD_DATE_EVENT, 20454, &day);
    (void)aud_val_fte(s, n, &x);
    (void)aud_val_cnss(s, n, cnss);
    (void)aud_norm(s, n, norm, sizeof norm);
    (void)aud_norm(s, n, norm, 1);
    (void)aud_trim(s, n, &start);
    if (v) {
        (void)aud_val_sex(v, s, n);
        (void)aud_val_yesno(v, s, n);
        (void)aud_val_stage(v, s, n);
        (void)aud_val_csp(v, s, n);
        (void)aud_vocab_lookup(v, "sex", s, n);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    aud_vocab *v = NULL;
    aud_diag diag;
    aud_diag_clear(&diag);
    (void)aud_vocab_parse(s, size, "fuzz.tsv", &v, &diag);
    /* each line is also a cell */
    size_t from = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i < size && s[i] != '\n') continue;
        char saved = s[i];
        s[i] = '\0';
        parse_cell(v, s + from, i - from);
        s[i] = saved;
        from = i + 1;
    }
    aud_vocab_free(v);
    free(s);
    return 0;
}
