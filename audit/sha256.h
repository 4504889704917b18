/* sha256.h - SHA-256 of a file or buffer (FIPS 180-4), for provenance in outputs.
 * Ownership: hex must point at 65 bytes of caller storage. */
#ifndef AUD_SHA256_H
#define AUD_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Incremental digest, for readers that already stream the bytes (the CSV
 * reader hashes what it reads rather than reading the file a second time). */
typedef struct aud_sha256 {
    uint32_t h[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t used;
    int generic;  /* 1: the portable rounds even if the CPU has SHA instructions */
} aud_sha256;

void aud_sha256_init(aud_sha256 *c);
void aud_sha256_update(aud_sha256 *c, const void *data, size_t n);
void aud_sha256_hex(aud_sha256 *c, char hex[65]);

aud_err aud_sha256_file(const char *path, char hex[65], aud_diag *diag);
void aud_sha256_buf(const void *buf, size_t len, char hex[65]);
/* The same digest by the portable code alone (what CPUs without the SHA
 * instructions run), so that tests cover both paths on any machine. */
void aud_sha256_buf_generic(const void *buf, size_t len, char hex[65]);

#endif
