/* sha256.c - thin wrapper over OpenSSL EVP. */
#include "sha256.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

static void to_hex(const unsigned char *md, unsigned len, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    for (unsigned i = 0; i < len && i < 32; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[64] = '\0';
}

aud_err aud_sha256_file(const char *path, char hex[65], aud_diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f) return aud_diag_set(diag, AUD_E_IO, path, 0, "cannot open: %s", strerror(errno));
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx) { fclose(f); return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory"); }
    aud_err e = AUD_OK;
    if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) { e = AUD_E_INTERNAL; goto out; }
    unsigned char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (EVP_DigestUpdate(ctx, buf, n) != 1) { e = AUD_E_INTERNAL; goto out; }
    if (ferror(f)) { e = aud_diag_set(diag, AUD_E_IO, path, 0, "read error"); goto out; }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned mdlen = 0;
    if (EVP_DigestFinal_ex(ctx, md, &mdlen) != 1) { e = AUD_E_INTERNAL; goto out; }
    to_hex(md, mdlen, hex);
out:
    /* OpenSSL fails these calls only when it cannot allocate */
    if (e == AUD_E_INTERNAL) e = aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory (computing the SHA-256)");
    EVP_MD_CTX_free(ctx);
    fclose(f);
    return e;
}

void aud_sha256_buf(const void *buf, size_t len, char hex[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned mdlen = 0;
    hex[0] = '\0';
    if (EVP_Digest(buf, len, md, &mdlen, EVP_sha256(), NULL) == 1) to_hex(md, mdlen, hex);
}
