/* encoding.c - encoding detection and conversion to UTF-8 with own tables. */
#include "encoding.h"

#include <string.h>

/* cp1252 0x80-0x9F (0x00A0-0x00FF are Latin-1); 0 = undefined byte. */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* cp1256 0x80-0xFF (every byte is defined). */
static const uint16_t cp1256_hi[128] = {
    0x20AC, 0x067E, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0679, 0x2039, 0x0152, 0x0686, 0x0698, 0x0688,
    0x06AF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x06A9, 0x2122, 0x0691, 0x203A, 0x0153, 0x200C, 0x200D, 0x06BA,
    0x00A0, 0x060C, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
    0x00A8, 0x00A9, 0x06BE, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
    0x00B8, 0x00B9, 0x061B, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x061F,
    0x06C1, 0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627,
    0x0628, 0x0629, 0x062A, 0x062B, 0x062C, 0x062D, 0x062E, 0x062F,
    0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x00D7,
    0x0637, 0x0638, 0x0639, 0x063A, 0x0640, 0x0641, 0x0642, 0x0643,
    0x00E0, 0x0644, 0x00E2, 0x0645, 0x0646, 0x0647, 0x0648, 0x00E7,
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0649, 0x064A, 0x00EE, 0x00EF,
    0x064B, 0x064C, 0x064D, 0x064E, 0x00F4, 0x064F, 0x0650, 0x00F7,
    0x0651, 0x00F9, 0x0652, 0x00FB, 0x00FC, 0x200E, 0x200F, 0x06D2,
};

const char *aud_enc_name(aud_enc e)
{
    switch (e) {
    case AUD_ENC_UTF8: return "utf-8";
    case AUD_ENC_UTF8_BOM: return "utf-8-bom";
    case AUD_ENC_UTF16LE: return "utf-16le";
    case AUD_ENC_UTF16BE: return "utf-16be";
    case AUD_ENC_CP1252: return "cp1252";
    case AUD_ENC_CP1256: return "cp1256";
    }
    return "?";
}

size_t aud_utf8_put(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) { o[0] = (unsigned char)(0xC0 | (cp >> 6)); o[1] = (unsigned char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12)); o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18)); o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Strict UTF-8 (no overlongs, no surrogates, <= U+10FFFF). Returns the
 * length, 0 when invalid, or (size_t)-1 when cut short by the end of s. */
static size_t utf8_len(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) { *cp = c; return 1; }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; min = 0x10000; }
    else return 0;
    for (size_t i = 1; i < len; i++) {
        if (i >= n) return (size_t)-1;
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
        /* reject early so a cut overlong is not mistaken for a cut character */
        if (i == 1 && len == 3 && ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))) return 0;
        if (i == 1 && len == 4 && ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))) return 0;
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

size_t aud_utf8_get(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0) return 0;
    size_t l = utf8_len(s, n, cp);
    return l == (size_t)-1 ? 0 : l;
}

bool aud_enc_valid_utf8(const unsigned char *buf, size_t n, bool complete)
{
    size_t i = 0;
    while (i < n) {
        if (buf[i] < 0x80) { i++; continue; }
        uint32_t cp;
        size_t l = utf8_len(buf + i, n - i, &cp);
        if (l == 0) return false;
        if (l == (size_t)-1) return !complete;
        i += l;
    }
    return true;
}

aud_enc aud_enc_guess_codepage(const unsigned char *buf, size_t n)
{
    /* Arabic words in cp1256 are runs of high bytes (letters sit at
     * 0xC1-0xFF); French text has isolated accented lower-case letters
     * between ASCII letters, at byte values both code pages share. */
    size_t arabic = 0, latin = 0;
    for (size_t i = 0; i < n; i++) {
        if (buf[i] < 0xC0) continue;
        bool prev_hi = i > 0 && buf[i - 1] >= 0xC0;
        bool next_hi = i + 1 < n && buf[i + 1] >= 0xC0;
        if (prev_hi || next_hi) arabic++;
        else latin++;
    }
    return arabic > latin ? AUD_ENC_CP1256 : AUD_ENC_CP1252;
}

static bool looks_utf16_without_bom(const unsigned char *buf, size_t n)
{
    /* ASCII text in UTF-16 has a NUL in every other byte. */
    size_t m = n < 512 ? n : 512, even = 0, odd = 0;
    for (size_t i = 0; i < m; i++)
        if (buf[i] == 0) { if (i % 2) odd++; else even++; }
    return m >= 4 && (even * 4 >= m || odd * 4 >= m) && (even == 0 || odd == 0);
}

static aud_dec_status forced_enc(const char *f, const unsigned char *buf, size_t n, aud_enc *enc, size_t *bom)
{
    bool le_bom = n >= 2 && buf[0] == 0xFF && buf[1] == 0xFE;
    bool be_bom = n >= 2 && buf[0] == 0xFE && buf[1] == 0xFF;
    if (!strcmp(f, "utf-16")) {
        if (!le_bom && !be_bom) return AUD_DEC_NO_BOM;
        *enc = le_bom ? AUD_ENC_UTF16LE : AUD_ENC_UTF16BE;
        *bom = 2;
    } else if (!strcmp(f, "utf-16le")) {
        *enc = AUD_ENC_UTF16LE; *bom = le_bom ? 2 : 0;
    } else if (!strcmp(f, "utf-16be")) {
        *enc = AUD_ENC_UTF16BE; *bom = be_bom ? 2 : 0;
    } else if (!strcmp(f, "cp1252")) {
        *enc = AUD_ENC_CP1252;
    } else if (!strcmp(f, "cp1256")) {
        *enc = AUD_ENC_CP1256;
    } else {
        bool b = n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3);
        *enc = b ? AUD_ENC_UTF8_BOM : AUD_ENC_UTF8;
        *bom = b ? 3 : 0;
    }
    return AUD_DEC_OK;
}

aud_dec_status aud_enc_detect(const unsigned char *buf, size_t n, bool complete, const char *forced,
                              aud_enc *enc, size_t *bom_len)
{
    *bom_len = 0;
    if (forced && *forced) return forced_enc(forced, buf, n, enc, bom_len);
    if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) { *enc = AUD_ENC_UTF8_BOM; *bom_len = 3; return AUD_DEC_OK; }
    if (n >= 2 && buf[0] == 0xFF && buf[1] == 0xFE) { *enc = AUD_ENC_UTF16LE; *bom_len = 2; return AUD_DEC_OK; }
    if (n >= 2 && buf[0] == 0xFE && buf[1] == 0xFF) { *enc = AUD_ENC_UTF16BE; *bom_len = 2; return AUD_DEC_OK; }
    if (looks_utf16_without_bom(buf, n)) { *enc = AUD_ENC_UTF16LE; return AUD_DEC_NO_BOM; }
    if (aud_enc_valid_utf8(buf, n, complete)) { *enc = AUD_ENC_UTF8; return AUD_DEC_OK; }
    *enc = aud_enc_guess_codepage(buf, n);
    return AUD_DEC_OK;
}

size_t aud_enc_out_cap(size_t n)
{
    return 3 * n + 8;
}

static aud_dec_status dec_utf8(const unsigned char *in, size_t n, bool eof, char *out, size_t *outlen,
                               size_t *consumed)
{
    size_t i = 0;
    aud_dec_status st = AUD_DEC_OK;
    while (i < n) {
        if (in[i] >= 0x80) {
            uint32_t cp;
            size_t l = utf8_len(in + i, n - i, &cp);
            if (l == 0) { st = AUD_DEC_INVALID; break; }
            if (l == (size_t)-1) { if (eof) st = AUD_DEC_TRUNCATED; break; }
            i += l;
        } else if (in[i] == 0) {
            st = AUD_DEC_NUL;
            break;
        } else {
            i++;
        }
    }
    memcpy(out, in, i);
    *outlen = i;
    *consumed = i;
    return st;
}

static aud_dec_status dec_cp(aud_enc e, const unsigned char *in, size_t n, char *out, size_t *outlen,
                             size_t *consumed)
{
    size_t i, o = 0;
    aud_dec_status st = AUD_DEC_OK;
    for (i = 0; i < n; i++) {
        /* runs of eight ASCII bytes without NUL (most of an extract) are copied whole */
        while (n - i >= 8) {
            uint64_t w;
            memcpy(&w, in + i, 8);
            const uint64_t lo = 0x0101010101010101u, hi = 0x8080808080808080u;
            if ((w & hi) || ((w - lo) & ~w & hi)) break;
            memcpy(out + o, &w, 8);
            i += 8;
            o += 8;
        }
        if (i == n) break;
        unsigned char c = in[i];
        if (c < 0x80) {
            if (c == 0) { st = AUD_DEC_NUL; break; }
            out[o++] = (char)c;
            continue;
        }
        uint32_t cp = e == AUD_ENC_CP1256 ? cp1256_hi[c - 0x80] : (c < 0xA0 ? cp1252_hi[c - 0x80] : c);
        if (cp == 0) { st = AUD_DEC_INVALID; break; }
        o += aud_utf8_put(cp, out + o);
    }
    *outlen = o;
    *consumed = i;
    return st;
}

static aud_dec_status dec_utf16(bool be, const unsigned char *in, size_t n, bool eof, char *out,
                                size_t *outlen, size_t *consumed)
{
    size_t i = 0, o = 0;
    aud_dec_status st = AUD_DEC_OK;
    while (i + 1 < n) {
        uint32_t u = be ? (uint32_t)(in[i] << 8 | in[i + 1]) : (uint32_t)(in[i + 1] << 8 | in[i]);
        size_t used = 2;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 3 >= n) { if (eof) st = AUD_DEC_TRUNCATED; break; }
            uint32_t lo = be ? (uint32_t)(in[i + 2] << 8 | in[i + 3]) : (uint32_t)(in[i + 3] << 8 | in[i + 2]);
            if (lo < 0xDC00 || lo > 0xDFFF) { st = AUD_DEC_INVALID; break; }
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            used = 4;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            st = AUD_DEC_INVALID;
            break;
        } else if (u == 0) {
            st = AUD_DEC_NUL;
            break;
        }
        o += aud_utf8_put(u, out + o);
        i += used;
    }
    if (st == AUD_DEC_OK && eof && i < n) st = AUD_DEC_TRUNCATED;
    *outlen = o;
    *consumed = i;
    return st;
}

aud_dec_status aud_enc_decode(aud_enc e, const unsigned char *in, size_t n, bool eof, char *out,
                              size_t *outlen, size_t *consumed)
{
    switch (e) {
    case AUD_ENC_UTF8:
    case AUD_ENC_UTF8_BOM: return dec_utf8(in, n, eof, out, outlen, consumed);
    case AUD_ENC_UTF16LE: return dec_utf16(false, in, n, eof, out, outlen, consumed);
    case AUD_ENC_UTF16BE: return dec_utf16(true, in, n, eof, out, outlen, consumed);
    case AUD_ENC_CP1252:
    case AUD_ENC_CP1256: return dec_cp(e, in, n, out, outlen, consumed);
    }
    *outlen = 0;
    *consumed = 0;
    return AUD_DEC_INVALID;
}
