/* encoding.h - input encodings (EXTRACT.md "File formats", morocco.md §2.5):
 * detection and streaming conversion to UTF-8.
 *
 * The decoder is stateless between calls: it converts as many complete
 * characters as it can and says how many input bytes it consumed, so the
 * reader carries a split multi-byte tail (at most 3 bytes) into its next block.
 * Every error carries the byte offset of the offending input byte.
 *
 * Ownership: plain values and caller buffers only; nothing to free.
 */
#ifndef AUD_ENCODING_H
#define AUD_ENCODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef enum aud_enc {
    AUD_ENC_UTF8 = 0, AUD_ENC_UTF8_BOM, AUD_ENC_UTF16LE, AUD_ENC_UTF16BE, AUD_ENC_CP1252, AUD_ENC_CP1256
} aud_enc;

typedef enum aud_dec_status {
    AUD_DEC_OK = 0,
    AUD_DEC_INVALID,      /* a byte sequence that is not a character of the encoding */
    AUD_DEC_NUL,          /* a NUL character: binary or corrupt file */
    AUD_DEC_TRUNCATED,    /* input ends inside a character (odd-length UTF-16, cut UTF-8) */
    AUD_DEC_NO_BOM        /* UTF-16 without a byte-order mark */
} aud_dec_status;

/* "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "cp1252", "cp1256". */
const char *aud_enc_name(aud_enc e);

/* Decide the encoding of a file from its first n bytes (`complete` when that
 * is the whole file). *bom_len receives the length of a BOM to skip.
 * `forced` is the --encoding value or NULL. Returns AUD_DEC_OK or
 * AUD_DEC_NO_BOM (UTF-16 without BOM, or --encoding utf-16 without BOM). */
aud_dec_status aud_enc_detect(const unsigned char *buf, size_t n, bool complete, const char *forced,
                              aud_enc *enc, size_t *bom_len);

/* Bytes of UTF-8 output needed at most for n input bytes. */
size_t aud_enc_out_cap(size_t n);

/* Convert in[0..n) to UTF-8 into out (capacity aud_enc_out_cap(n)).
 * *consumed = input bytes converted; *outlen = output bytes. When the input
 * ends inside a character and !eof, the tail is left unconsumed (AUD_DEC_OK).
 * On error *consumed is the offset of the offending byte within in. */
aud_dec_status aud_enc_decode(aud_enc e, const unsigned char *in, size_t n, bool eof, char *out,
                              size_t *outlen, size_t *consumed);

/* Byte-statistics guess between the two Windows code pages (exposed for tests). */
aud_enc aud_enc_guess_codepage(const unsigned char *buf, size_t n);

/* Whether buf is valid UTF-8; a character cut by the end is allowed unless complete. */
bool aud_enc_valid_utf8(const unsigned char *buf, size_t n, bool complete);

/* Encode code point cp as UTF-8 into out (4 bytes room); returns bytes written. */
size_t aud_utf8_put(uint32_t cp, char *out);
/* Decode one UTF-8 character at s (n bytes available); returns its length
 * (>= 1) and *cp, or 0 when invalid/cut. */
size_t aud_utf8_get(const unsigned char *s, size_t n, uint32_t *cp);

#endif
