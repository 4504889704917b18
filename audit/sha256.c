/* sha256.c - SHA-256 (FIPS 180-4) of a file or buffer, for provenance in
 * outputs. Self-contained rather than OpenSSL's EVP: OpenSSL 3 initialises
 * its provider tables lazily on the first digest, and when one of those
 * allocations fails it leaks, and may crash on a NULL lock, inside the
 * library - an out-of-memory run must end with exit 5, not a signal. This
 * code allocates nothing. */
#include "sha256.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef aud_sha256 sha_ctx;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

/* Generic rounds. The eight working variables are rotated by renaming (the
 * loop is unrolled by eight) rather than shifted through memory. */
#define SHA_ROUND(a, b, c, d, e, f, g, h, i)                                                    \
    do {                                                                                        \
        uint32_t t1 = (h) + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + (((e) & (f)) ^ (~(e) & (g))) + K[i] + w[i]; \
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + (((a) & (b)) ^ ((a) & (c)) ^ ((b) & (c))); \
        (d) += t1;                                                                              \
        (h) = t1 + t2;                                                                          \
    } while (0)

static void compress_generic(uint32_t h[8], const unsigned char *p, size_t nblocks)
{
    for (; nblocks; nblocks--, p += 64) {
        uint32_t w[64];
        for (size_t i = 0; i < 16; i++)
            w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; i += 8) {
            SHA_ROUND(a, b, c, d, e, f, g, hh, i);
            SHA_ROUND(hh, a, b, c, d, e, f, g, i + 1);
            SHA_ROUND(g, hh, a, b, c, d, e, f, i + 2);
            SHA_ROUND(f, g, hh, a, b, c, d, e, i + 3);
            SHA_ROUND(e, f, g, hh, a, b, c, d, i + 4);
            SHA_ROUND(d, e, f, g, hh, a, b, c, i + 5);
            SHA_ROUND(c, d, e, f, g, hh, a, b, i + 6);
            SHA_ROUND(b, c, d, e, f, g, hh, a, i + 7);
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d;
        h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define SHA_HAVE_NI 1

/* The x86 SHA extensions (most CPUs since 2017) hash a block in a few
 * dozen cycles; inputs of hundreds of MB are hashed for provenance on
 * every run, so this is worth the second code path. Each step handles
 * four message words: two sha256rnds2 (two rounds each), the schedule
 * w[t] = s1(w[t-2]) + w[t-7] + s0(w[t-15]) + w[t-16] by msg1/alignr/msg2. */
__attribute__((target("sha,sse4.1,ssse3")))
static void compress_ni(uint32_t h[8], const unsigned char *p, size_t nblocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)&h[0]), 0xB1);
    __m128i s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)&h[4]), 0x1B);
    __m128i s0 = _mm_alignr_epi8(tmp, s1, 8);  /* ABEF */
    s1 = _mm_blend_epi16(s1, tmp, 0xF0);       /* CDGH */
    for (; nblocks; nblocks--, p += 64) {
        __m128i save0 = s0, save1 = s1, m[4];
        for (size_t j = 0; j < 16; j++) {
            if (j < 4) {
                m[j] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16 * j)), bswap);
            } else {
                __m128i x = _mm_sha256msg1_epu32(m[j & 3], m[(j - 3) & 3]);
                x = _mm_add_epi32(x, _mm_alignr_epi8(m[(j - 1) & 3], m[(j - 2) & 3], 4));
                m[j & 3] = _mm_sha256msg2_epu32(x, m[(j - 1) & 3]);
            }
            __m128i k = _mm_add_epi32(m[j & 3], _mm_loadu_si128((const __m128i *)(const void *)&K[4 * j]));
            s1 = _mm_sha256rnds2_epu32(s1, s0, k);
            s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(k, 0x0E));
        }
        s0 = _mm_add_epi32(s0, save0);
        s1 = _mm_add_epi32(s1, save1);
    }
    tmp = _mm_shuffle_epi32(s0, 0x1B);  /* FEBA */
    s1 = _mm_shuffle_epi32(s1, 0xB1);   /* DCHG */
    _mm_storeu_si128((__m128i *)(void *)&h[0], _mm_blend_epi16(tmp, s1, 0xF0));  /* DCBA */
    _mm_storeu_si128((__m128i *)(void *)&h[4], _mm_alignr_epi8(s1, tmp, 8));     /* HGFE */
}
#endif

static void compress(sha_ctx *c, const unsigned char *p, size_t nblocks)
{
#ifdef SHA_HAVE_NI
    if (!c->generic) {
        compress_ni(c->h, p, nblocks);
        return;
    }
#endif
    compress_generic(c->h, p, nblocks);
}

static int cpu_has_sha(void)
{
#ifdef SHA_HAVE_NI
    /* cpuid directly: clang's __builtin_cpu_supports knows no "sha" */
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) || !(c & bit_SSSE3)) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & bit_SHA) != 0;
#else
    return 0;
#endif
}

static void sha_init(sha_ctx *c, int generic)
{
    c->generic = generic || !cpu_has_sha();
    static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->h, h0, sizeof h0);
    c->bytes = 0;
    c->used = 0;
}

static void sha_update(sha_ctx *c, const void *data, size_t n)
{
    const unsigned char *p = data;
    c->bytes += n;
    while (n) {
        if (c->used == 0 && n >= 64) {  /* whole blocks straight from the caller's buffer */
            compress(c, p, n / 64);
            p += n / 64 * 64;
            n %= 64;
            continue;
        }
        size_t take = 64 - c->used < n ? 64 - c->used : n;
        memcpy(c->block + c->used, p, take);
        c->used += take;
        p += take;
        n -= take;
        if (c->used == 64) { compress(c, c->block, 1); c->used = 0; }
    }
}

static void sha_final_hex(sha_ctx *c, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    uint64_t bits = c->bytes * 8;
    unsigned char pad[72] = {0x80};
    size_t padlen = (c->used < 56 ? 56 : 120) - c->used;
    for (int i = 0; i < 8; i++) pad[padlen + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
    sha_update(c, pad, padlen + 8);
    for (size_t i = 0; i < 32; i++) {
        unsigned char b = (unsigned char)(c->h[i / 4] >> (24 - 8 * (i % 4)));
        hex[2 * i] = digits[b >> 4];
        hex[2 * i + 1] = digits[b & 15];
    }
    hex[64] = '\0';
}

aud_err aud_sha256_file(const char *path, char hex[65], aud_diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f && errno == ENOMEM) return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory");
    if (!f) return aud_diag_set(diag, AUD_E_IO, path, 0, "cannot open: %s", strerror(errno));
    sha_ctx c;
    sha_init(&c, 0);
    unsigned char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) sha_update(&c, buf, n);
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (err) return aud_diag_set(diag, AUD_E_IO, path, 0, "cannot read the file: %s", strerror(err));
    sha_final_hex(&c, hex);
    return AUD_OK;
}

void aud_sha256_buf(const void *buf, size_t len, char hex[65])
{
    sha_ctx c;
    sha_init(&c, 0);
    sha_update(&c, buf, len);
    sha_final_hex(&c, hex);
}

void aud_sha256_buf_generic(const void *buf, size_t len, char hex[65])
{
    sha_ctx c;
    sha_init(&c, 1);
    sha_update(&c, buf, len);
    sha_final_hex(&c, hex);
}

void aud_sha256_init(aud_sha256 *c) { sha_init(c, 0); }
void aud_sha256_update(aud_sha256 *c, const void *data, size_t n) { sha_update(c, data, n); }
void aud_sha256_hex(aud_sha256 *c, char hex[65]) { sha_final_hex(c, hex); }
