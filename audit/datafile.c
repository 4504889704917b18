/* datafile.c - whole-file reads for templates/ data. */
#include "datafile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

aud_err aud_datafile_read(const char *path, const char *what, char **buf, size_t *len, aud_diag *diag)
{
    *buf = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f && errno == ENOMEM) return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory");
    if (!f) return aud_diag_set(diag, AUD_E_TEMPLATE, path, 0, "cannot open the %s: %s", what, strerror(errno));
    char *b = NULL;
    size_t n = 0, cap = 0;
    aud_err e = AUD_OK;
    for (;;) {
        if (n + 4096 > cap) {
            cap = cap ? cap * 2 : 16384;
            if (cap > AUD_DATAFILE_MAX + 4096) {
                e = aud_diag_set(diag, AUD_E_TEMPLATE, path, 0, "the %s is too large", what);
                break;
            }
            char *nb = realloc(b, cap);
            if (!nb) { e = aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory"); break; }
            b = nb;
        }
        size_t got = fread(b + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    if (e == AUD_OK && ferror(f)) e = aud_diag_set(diag, AUD_E_TEMPLATE, path, 0, "cannot read the %s", what);
    fclose(f);
    if (e != AUD_OK) { free(b); return e; }
    if (!b) {
        b = malloc(1);
        if (!b) return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory");
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return AUD_OK;
}
