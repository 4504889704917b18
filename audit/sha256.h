/* sha256.h - SHA-256 of a file or buffer (FIPS 180-4), for provenance in outputs.
 * Ownership: hex must point at 65 bytes of caller storage. */
#ifndef AUD_SHA256_H
#define AUD_SHA256_H

#include <stddef.h>

#include "diag.h"

aud_err aud_sha256_file(const char *path, char hex[65], aud_diag *diag);
void aud_sha256_buf(const void *buf, size_t len, char hex[65]);
/* The same digest by the portable code alone (what CPUs without the SHA
 * instructions run), so that tests cover both paths on any machine. */
void aud_sha256_buf_generic(const void *buf, size_t len, char hex[65]);

#endif
