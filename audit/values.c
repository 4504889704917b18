/* values.c - value parsers (pure) and the values.tsv vocabularies. */
#include "values.h"
#include "datafile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "patterns.h"

/* ---- normalisation ------------------------------------------------------ */

/* U+00C0..U+017F without accents, lower case (NULL: keep as is). */
static const char *const latin_fold[192] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

static bool is_space_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0x202F ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0x205F;
}

/* Fold one code point: returns a replacement (string), or writes *cp, or
 * returns "" to drop it. NULL with *cp = code point to keep. */
static const char *fold_cp(uint32_t *cp)
{
    uint32_t c = *cp;
    if (c >= 'A' && c <= 'Z') { *cp = c + 32; return NULL; }
    if (c < 0x20) return (c == '\t' || c == '\n' || c == '\r') ? " " : "";   /* controls, NUL */
    if (c < 0x80) return strchr("_-./()'", (int)c) ? " " : NULL;
    if (is_space_cp(c) || c == 0x2019 || c == 0x2018 || c == 0x00B4 || c == 0x2013 || c == 0x2014) return " ";
    if (c >= 0xC0 && c < 0x180) return latin_fold[c - 0xC0];
    if (c == 0x0623 || c == 0x0625 || c == 0x0622 || c == 0x0671) { *cp = 0x0627; return NULL; }
    if (c == 0x0629) { *cp = 0x0647; return NULL; }
    if (c == 0x0649 || c == 0x06CC) { *cp = 0x064A; return NULL; }
    if (c == 0x06A9) { *cp = 0x0643; return NULL; }
    if (c == 0x0640 || (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x200C || c == 0x200D ||
        c == 0x200E || c == 0x200F || c == 0xFEFF || c == 0x00AD)
        return "";
    if (c >= 0x0660 && c <= 0x0669) { *cp = '0' + (c - 0x0660); return NULL; }
    if (c >= 0x06F0 && c <= 0x06F9) { *cp = '0' + (c - 0x06F0); return NULL; }
    return NULL;
}

size_t aud_norm(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    bool pending_space = false;
    if (cap == 0) return 0;
    while (i < len) {
        uint32_t cp;
        size_t l = aud_utf8_get((const unsigned char *)s + i, len - i, &cp);
        if (l == 0) { i++; continue; }   /* invalid byte: drop */
        i += l;
        char tmp[4];
        const char *rep = fold_cp(&cp);
        size_t rl;
        if (rep) rl = strlen(rep);
        else { rl = aud_utf8_put(cp, tmp); rep = tmp; }
        if (rl == 0) continue;
        if (rl == 1 && rep[0] == ' ') { pending_space = o > 0; continue; }
        if (pending_space) {
            if (o + 1 >= cap) break;
            out[o++] = ' ';
            pending_space = false;
        }
        if (o + rl >= cap) break;
        memcpy(out + o, rep, rl);
        o += rl;
    }
    out[o] = '\0';
    return o;
}

size_t aud_trim(const char *s, size_t len, const char **start)
{
    size_t a = 0, b = len;
    /* the usual cell starts and ends with a plain ASCII character */
    if (len && (unsigned char)s[0] > ' ' && (unsigned char)s[0] < 0x80 &&
        (unsigned char)s[len - 1] > ' ' && (unsigned char)s[len - 1] < 0x80) {
        *start = s;
        return len;
    }
    while (a < b) {
        uint32_t cp;
        size_t l = aud_utf8_get((const unsigned char *)s + a, b - a, &cp);
        if (l == 0 || !is_space_cp(cp)) break;
        a += l;
    }
    while (b > a) {
        size_t k = b - 1;
        while (k > a && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
        uint32_t cp;
        size_t l = aud_utf8_get((const unsigned char *)s + k, b - k, &cp);
        if (l == 0 || k + l != b || !is_space_cp(cp)) break;
        b = k;
    }
    *start = s + a;
    return b - a;
}

/* ---- numeric text cleaning -------------------------------------------- */

/* Currency marks around amounts (morocco.md §2.4), compared on lower-cased text. */
static const char *const currency[] = {"dhs", "dh", "mad", "dirhams", "dirham", "درهم", "د.م.", "د.م", "د م", "eur", "€", NULL};

/* Strip currency marks at either end of normalised text t (in place). */
static size_t strip_currency(char *t, size_t n)
{
    bool again = true;
    while (n && t[n - 1] == ' ') n--;
    while (again && n) {
        again = false;
        for (const char *const *c = currency; *c; c++) {
            size_t cl = strlen(*c);
            /* first bytes compared before memcmp: most cells match no mark */
            if (n >= cl && t[n - cl] == **c && !memcmp(t + n - cl, *c, cl)) {
                n -= cl;
                while (n && t[n - 1] == ' ') n--;
                again = true;
            }
            if (n >= cl && t[0] == **c && !memcmp(t, *c, cl)) {
                memmove(t, t + cl, n - cl);
                n -= cl;
                while (n && t[0] == ' ') { memmove(t, t + 1, n - 1); n--; }
                again = true;
            }
        }
    }
    t[n] = '\0';
    return n;
}

/* Reduce a raw amount to [sign][digits . ,]. Arabic-Indic digits become
 * ASCII; spaces, NBSP, U+202F and the apostrophe grouping are dropped.
 * Returns false when anything else remains. */
static bool numeric_chars(const char *s, size_t len, char *out, size_t cap, size_t *n)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t l = aud_utf8_get((const unsigned char *)s + i, len - i, &cp);
        if (l == 0) return false;
        i += l;
        char c;
        if ((cp >= '0' && cp <= '9') || cp == '.' || cp == ',') c = (char)cp;
        else if (cp >= 0x0660 && cp <= 0x0669) c = (char)('0' + (cp - 0x0660));
        else if (cp >= 0x06F0 && cp <= 0x06F9) c = (char)('0' + (cp - 0x06F0));
        else if (cp == 0x066B) c = ',';                      /* Arabic decimal separator */
        else if (cp == '-' || cp == '+' || cp == 0x2212) { c = cp == '+' ? '+' : '-'; if (o) return false; }
        else if (is_space_cp(cp) || cp == '\'' || cp == 0x2019 || cp == 0x066C) continue;
        else return false;
        if (o + 1 >= cap) return false;
        out[o++] = c;
    }
    out[o] = '\0';
    *n = o;
    return true;
}

/* Digits of t[a..b) (all ASCII digits) into *v, scaled; false on overflow. */
static bool add_digits(const char *t, size_t a, size_t b, int64_t *v)
{
    for (size_t i = a; i < b; i++) {
        if (t[i] < '0' || t[i] > '9') return false;
        if (*v > (INT64_MAX - 9) / 10) return false;
        *v = *v * 10 + (t[i] - '0');
    }
    return true;
}

/* Integer part t[a..b) with optional grouping char g (groups of three). */
static bool int_part(const char *t, size_t a, size_t b, char g, int64_t *v)
{
    if (!g) return add_digits(t, a, b, v);
    size_t run = 0, groups = 0;
    for (size_t i = a; i < b; i++) {
        if (t[i] == g) {
            if ((groups == 0 && (run < 1 || run > 3)) || (groups > 0 && run != 3)) return false;
            groups++;
            run = 0;
        } else {
            run++;
        }
    }
    if (groups && run != 3) return false;
    for (size_t i = a; i < b; i++)
        if (t[i] != g && !add_digits(t, i, i + 1, v)) return false;
    return true;
}

/* Parse t (sign stripped) with decimal mark dec and grouping mark g. */
static bool parse_fixed(const char *t, size_t n, char dec, char g, int64_t *micro)
{
    size_t dp = n;
    if (dec) { const char *p = memchr(t, dec, n); if (p) dp = (size_t)(p - t); }
    int64_t ip = 0;
    if (dp == 0 && n == 1) return false;
    if (!int_part(t, 0, dp, g, &ip) || ip > 1000000000000ll) return false;
    int64_t frac = 0;
    size_t nd = 0;
    bool round_up = false;
    for (size_t i = dp + 1; i < n; i++) {
        if (t[i] < '0' || t[i] > '9') return false;
        if (nd < 6) { frac = frac * 10 + (t[i] - '0'); nd++; }
        else if (nd == 6) { round_up = t[i] >= '5'; nd++; }
    }
    for (size_t k = nd > 6 ? 6 : nd; k < 6; k++) frac *= 10;
    *micro = ip * 1000000 + frac + (round_up ? 1 : 0);
    return true;
}

static size_t count_char(const char *t, size_t n, char c)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += t[i] == c;
    return k;
}

static aud_vstatus money_digits(const char *t, size_t n, aud_money *m)
{
    size_t nd = count_char(t, n, '.'), nc = count_char(t, n, ',');
    if (n == 0 || nd + nc == n) return AUD_V_BAD;
    if (nd && nc) {
        size_t ld = 0, lc = 0;      /* t is not NUL-terminated: bounded scan */
        for (size_t i = 0; i < n; i++) { if (t[i] == '.') ld = i; else if (t[i] == ',') lc = i; }
        char dec = ld > lc ? '.' : ',', g = dec == '.' ? ',' : '.';
        if (count_char(t, n, dec) != 1) return AUD_V_BAD;
        m->vote = dec;
        return parse_fixed(t, n, dec, g, &m->micro) ? AUD_V_OK : AUD_V_BAD;
    }
    if (nd + nc == 0) return parse_fixed(t, n, 0, 0, &m->micro) ? AUD_V_OK : AUD_V_BAD;
    char sep = nd ? '.' : ',';
    if (nd + nc >= 2) {
        m->vote = sep == '.' ? ',' : '.';
        return parse_fixed(t, n, 0, sep, &m->micro) ? AUD_V_OK : AUD_V_BAD;
    }
    size_t pos = (size_t)((const char *)memchr(t, sep, n) - t), after = n - pos - 1;
    if (after == 3 && pos >= 1 && pos <= 3 && t[0] != '0') {
        m->sep = sep;
        if (!parse_fixed(t, n, sep, 0, &m->micro) || !parse_fixed(t, n, 0, sep, &m->micro_alt)) return AUD_V_BAD;
        return AUD_V_AMBIG;
    }
    m->vote = sep;
    return parse_fixed(t, n, sep, 0, &m->micro) ? AUD_V_OK : AUD_V_BAD;
}

aud_vstatus aud_val_money(const char *s, size_t len, aud_money *m)
{
    memset(m, 0, sizeof *m);
    char norm[128], t[128];
    const char *st;
    len = aud_trim(s, len, &st);
    if (len == 0) return AUD_V_EMPTY;
    if (len >= 100) return AUD_V_BAD;
    size_t plain = 0;
    while (plain < len && ((st[plain] >= '0' && st[plain] <= '9') || st[plain] == '.' || st[plain] == ',')) plain++;
    if (plain == len) return money_digits(st, len, m);      /* the common case: nothing to clean */
    /* currency words are matched on a lower-cased copy that keeps . and , */
    size_t o = 0;
    for (size_t i = 0; i < len && o + 1 < sizeof norm; i++) {
        char c = st[i];
        norm[o++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    norm[o] = '\0';
    o = strip_currency(norm, o);
    size_t n;
    if (!numeric_chars(norm, o, t, sizeof t, &n) || n == 0) return AUD_V_BAD;
    bool neg = t[0] == '-';
    size_t off = (t[0] == '-' || t[0] == '+') ? 1 : 0;
    aud_vstatus r = money_digits(t + off, n - off, m);
    if (neg && r != AUD_V_BAD) { m->micro = -m->micro; m->micro_alt = -m->micro_alt; }
    return r;
}

double aud_money_value(int64_t micro)
{
    return (double)micro / 1e6;
}

aud_vstatus aud_val_number(const char *s, size_t len, double *out)
{
    aud_money m;
    aud_vstatus r = aud_val_money(s, len, &m);
    if (r == AUD_V_AMBIG) {
        /* outside money, "1,500" hours or "38.500" years are decimals */
        r = AUD_V_OK;
    }
    if (r != AUD_V_OK) return r;
    *out = aud_money_value(m.micro);
    return AUD_V_OK;
}

aud_vstatus aud_val_int(const char *s, size_t len, long lo, long hi, long *out)
{
    double v;
    aud_vstatus r = aud_val_number(s, len, &v);
    if (r != AUD_V_OK) return r;
    if (v != (double)(long)v) return AUD_V_BAD;
    if (v < (double)lo || v > (double)hi) return AUD_V_RANGE;
    *out = (long)v;
    return AUD_V_OK;
}

/* ---- dates ---------------------------------------------------------------- */

static int pivot_year(int yy, aud_date_role role, int32_t ref)
{
    int ry, rm, rd;
    aud_civil_from_days(ref, &ry, &rm, &rd);
    int y = 2000 + yy;
    if (role == AUD_DATE_BIRTH) return ry - y >= 15 ? y : y - 100;
    return y <= ry + 1 ? y : y - 100;
}

static aud_vstatus make_date(int y, int m, int d, int32_t *out)
{
    if (!aud_date_valid(y, m, d)) return AUD_V_BAD;
    *out = aud_days_from_civil(y, m, d);
    return AUD_V_OK;
}

static aud_vstatus excel_serial(const char *t, size_t n, int32_t *out)
{
    long v = 0;
    size_t i = 0;
    for (; i < n && t[i] >= '0' && t[i] <= '9'; i++) {
        if (v > 73050) return AUD_V_BAD;       /* stop before any overflow */
        v = v * 10 + (t[i] - '0');
    }
    if (i < n && t[i] != '.' && t[i] != ',') return AUD_V_BAD;
    for (size_t k = i + 1; k < n; k++) if (t[k] < '0' || t[k] > '9') return AUD_V_BAD;
    if (v < 1 || v > 73050) return AUD_V_BAD;           /* up to 2099-12-31 */
    /* 1900 system: serial 60 is the non-existent 1900-02-29 */
    int32_t base = aud_days_from_civil(1899, 12, 30);
    if (v < 60) base += 1;
    else if (v == 60) return AUD_V_BAD;
    *out = base + (int32_t)v;
    return AUD_V_OK;
}

/* Up to 3 numeric parts separated by one of / - . */
static int split_date(const char *t, size_t n, int part[3], int digits[3])
{
    int k = 0;
    char sep = 0;
    part[0] = part[1] = part[2] = 0;
    digits[0] = digits[1] = digits[2] = 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (c >= '0' && c <= '9') {
            if (digits[k] >= 4) return -1;
            part[k] = part[k] * 10 + (c - '0');
            digits[k]++;
        } else if (c == '/' || c == '-' || c == '.') {
            if ((sep && c != sep) || k == 2 || digits[k] == 0) return -1;
            sep = c;
            k++;
        } else {
            return -1;
        }
    }
    return (k == 2 && digits[2]) ? 3 : -1;
}

/* The date part of st[0..len) as ASCII in t (Arabic-Indic digits folded,
 * a trailing time such as "00:00:00" or "T08:30" dropped). */
static bool date_text(const char *st, size_t len, char *t, size_t cap, size_t *n)
{
    size_t cut = len;
    for (size_t i = 6; i < len; i++) if (st[i] == ' ' || st[i] == 'T') { cut = i; break; }
    *n = 0;
    for (size_t i = 0; i < cut;) {
        uint32_t cp;
        size_t l = aud_utf8_get((const unsigned char *)st + i, cut - i, &cp);
        if (l == 0 || *n + 1 >= cap) return false;
        if (cp >= 0x0660 && cp <= 0x0669) cp = '0' + (cp - 0x0660);
        else if (cp >= 0x06F0 && cp <= 0x06F9) cp = '0' + (cp - 0x06F0);
        if (cp > 0x7F) return false;
        t[(*n)++] = (char)cp;
        i += l;
    }
    t[*n] = '\0';
    return *n > 0;
}

/* The usual forms, "dd/mm/yyyy" (or with '-' or '.') and "yyyy-mm-dd":
 * the same result as the general path below (which they would reach with
 * the text unchanged), without copying or splitting. -1: not one of them. */
static int32_t plain_date(const char *t, size_t n, int32_t *out)
{
    if (n != 10) return -1;
    int v[10];
    for (int i = 0; i < 10; i++) v[i] = t[i] >= '0' && t[i] <= '9' ? t[i] - '0' : -1;
    char a = t[2], b = t[4];
    if (a == t[5] && (a == '/' || a == '-' || a == '.') && v[0] >= 0 && v[1] >= 0 && v[3] >= 0 &&
        v[4] >= 0 && v[6] >= 0 && v[7] >= 0 && v[8] >= 0 && v[9] >= 0)
        return (int32_t)make_date(v[6] * 1000 + v[7] * 100 + v[8] * 10 + v[9], v[3] * 10 + v[4],
                                  v[0] * 10 + v[1], out);
    if (b == t[7] && (b == '/' || b == '-' || b == '.') && v[0] >= 0 && v[1] >= 0 && v[2] >= 0 &&
        v[3] >= 0 && v[5] >= 0 && v[6] >= 0 && v[8] >= 0 && v[9] >= 0)
        return (int32_t)make_date(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], v[5] * 10 + v[6],
                                  v[8] * 10 + v[9], out);
    return -1;
}

aud_vstatus aud_val_date(const char *s, size_t len, aud_date_role role, int32_t ref, int32_t *out)
{
    const char *st;
    char t[64];
    size_t n;
    len = aud_trim(s, len, &st);
    if (len == 0) return AUD_V_EMPTY;
    int32_t fast = plain_date(st, len, out);
    if (fast >= 0) return (aud_vstatus)fast;
    if (!date_text(st, len, t, sizeof t, &n)) return AUD_V_BAD;
    bool all_digits = true;
    for (size_t i = 0; i < n; i++) all_digits &= t[i] >= '0' && t[i] <= '9';
    if (all_digits && n == 8) {
        int y = (t[0]-'0')*1000 + (t[1]-'0')*100 + (t[2]-'0')*10 + (t[3]-'0');
        return make_date(y, (t[4]-'0')*10 + (t[5]-'0'), (t[6]-'0')*10 + (t[7]-'0'), out);
    }
    /* a bare number (at most one decimal mark) is an Excel serial or nothing */
    bool slash = memchr(t, '/', n) || memchr(t, '-', n);
    if (!slash && count_char(t, n, '.') + count_char(t, n, ',') <= 1) return excel_serial(t, n, out);
    int p[3], dg[3];
    if (split_date(t, n, p, dg) != 3) return AUD_V_BAD;
    if (dg[0] == 4) return (dg[1] <= 2 && dg[2] <= 2) ? make_date(p[0], p[1], p[2], out) : AUD_V_BAD;
    if (dg[0] > 2 || dg[1] > 2 || (dg[2] != 4 && dg[2] != 2)) return AUD_V_BAD;
    int y = dg[2] == 2 ? pivot_year(p[2], role, ref) : p[2];
    return make_date(y, p[1], p[0], out);     /* day first, never month first */
}

/* ---- rates, CNSS -------------------------------------------------------- */

aud_vstatus aud_val_fte(const char *s, size_t len, double *out)
{
    const char *st;
    len = aud_trim(s, len, &st);
    if (len == 0) return AUD_V_EMPTY;
    bool pct = false;
    if (st[len - 1] == '%') { pct = true; len--; }
    double v;
    aud_vstatus r = aud_val_number(st, len, &v);
    if (r != AUD_V_OK) return r == AUD_V_EMPTY ? AUD_V_BAD : r;
    if (pct || v >= 10) v /= 100;   /* 80 means 80 %; 2 is no plausible rate either way */
    *out = v;
    return (v > 0 && v <= 1.5) ? AUD_V_OK : AUD_V_RANGE;
}

aud_vstatus aud_val_cnss(const char *s, size_t len, char out[10])
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t l = aud_utf8_get((const unsigned char *)s + i, len - i, &cp);
        if (l == 0) return AUD_V_BAD;
        i += l;
        if (is_space_cp(cp) || cp == '-' || cp == '.') continue;
        if (cp >= 0x0660 && cp <= 0x0669) cp = '0' + (cp - 0x0660);
        if (cp < '0' || cp > '9' || n >= 9) return AUD_V_BAD;
        out[n++] = (char)cp;
    }
    out[n] = '\0';
    if (n == 0) return AUD_V_EMPTY;
    if (n != 9) return AUD_V_BAD;
    if (!strcmp(out, "000000000") || !strcmp(out, "999999999")) return AUD_V_OK;
    int c[10];
    for (int i = 1; i <= 9; i++) c[i] = out[i - 1] - '0';
    int want = (10 - ((2 * (c[2] + c[4] + c[6] + c[8]) + c[3] + c[5] + c[7]) % 10)) % 10;
    return c[9] == want ? AUD_V_OK : AUD_V_RANGE;
}

/* ---- vocabularies ----------------------------------------------------- */

typedef struct vocab_entry {
    char domain[32];
    char canonical[32];
    aud_pattern *re;
} vocab_entry;

struct aud_vocab {
    vocab_entry *e;
    size_t n, cap;
};

void aud_vocab_free(aud_vocab *v)
{
    if (!v) return;
    for (size_t i = 0; i < v->n; i++) aud_pattern_free(v->e[i].re);
    free(v->e);
    free(v);
}

static aud_err vocab_line(aud_vocab *v, char *line, const char *name, uint64_t lineno, aud_diag *diag)
{
    char *t1 = strchr(line, '\t');
    char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t1 || !t2) return aud_diag_set(diag, AUD_E_TEMPLATE, name, lineno, "expected domain<TAB>canonical<TAB>pattern");
    *t1 = *t2 = '\0';
    if (strlen(line) >= 32 || strlen(t1 + 1) >= 32)
        return aud_diag_set(diag, AUD_E_TEMPLATE, name, lineno, "domain or canonical value too long");
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 32;
        vocab_entry *ne = realloc(v->e, nc * sizeof *ne);
        if (!ne) return AUD_E_NOMEM;
        v->e = ne;
        v->cap = nc;
    }
    char err[256];
    size_t eoff = 0;
    aud_pattern *re = aud_pattern_compile(t2 + 1, err, sizeof err, &eoff);
    if (!re && aud_pattern_nomem()) return aud_diag_set(diag, AUD_E_NOMEM, name, lineno, "out of memory");
    if (!re) return aud_diag_set(diag, AUD_E_PATTERN, name, lineno, "pattern does not compile: %s at offset %zu", err, eoff);
    vocab_entry *e = &v->e[v->n++];
    snprintf(e->domain, sizeof e->domain, "%s", line);
    snprintf(e->canonical, sizeof e->canonical, "%s", t1 + 1);
    e->re = re;
    return AUD_OK;
}

aud_err aud_vocab_parse(const char *text, size_t len, const char *name, aud_vocab **out, aud_diag *diag)
{
    *out = NULL;
    aud_vocab *v = calloc(1, sizeof *v);
    if (!v) return AUD_E_NOMEM;
    uint64_t lineno = 0;
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t raw = nl ? (size_t)(nl - (text + i)) : len - i, l = raw;
        lineno++;
        char line[1024];
        if (l >= sizeof line) { aud_vocab_free(v); return aud_diag_set(diag, AUD_E_TEMPLATE, name, lineno, "line too long"); }
        memcpy(line, text + i, l);
        line[l] = '\0';
        if (l && line[l - 1] == '\r') line[--l] = '\0';
        i += raw + (nl ? 1 : 0);
        if (l == 0 || line[0] == '#') continue;
        aud_err e = vocab_line(v, line, name, lineno, diag);
        if (e) { aud_vocab_free(v); return e; }
    }
    *out = v;
    return AUD_OK;
}

aud_err aud_vocab_load(const char *path, aud_vocab **out, aud_diag *diag)
{
    *out = NULL;
    char *buf = NULL;
    size_t n = 0;
    AUD_TRY(aud_datafile_read(path, "value vocabulary", &buf, &n, diag));
    aud_err e = aud_vocab_parse(buf ? buf : "", n, path, out, diag);
    free(buf);
    return e;
}

const char *aud_vocab_lookup(const aud_vocab *v, const char *domain, const char *s, size_t len)
{
    char norm[256];
    if (!v) return NULL;
    size_t n = aud_norm(s, len, norm, sizeof norm);
    if (n == 0) return NULL;
    for (size_t i = 0; i < v->n; i++)
        if (!strcmp(v->e[i].domain, domain) && aud_pattern_match(v->e[i].re, norm, n)) return v->e[i].canonical;
    return NULL;
}

aud_sex aud_val_sex(const aud_vocab *v, const char *s, size_t len)
{
    const char *c = aud_vocab_lookup(v, "sex", s, len);
    if (!c) return AUD_SEX_NONE;
    return c[0] == 'F' ? AUD_SEX_F : c[0] == 'M' ? AUD_SEX_M : AUD_SEX_NONE;
}

int aud_val_yesno(const aud_vocab *v, const char *s, size_t len)
{
    const char *c = aud_vocab_lookup(v, "yesno", s, len);
    return c ? (c[0] == '1' ? 1 : 0) : -1;
}

int aud_val_stage(const aud_vocab *v, const char *s, size_t len)
{
    const char *c = aud_vocab_lookup(v, "stage", s, len);
    for (int k = 0; c && k < AUD_STAGE__COUNT; k++)
        if (!strcmp(c, aud_stage_name((aud_stage)k))) return k;
    return -1;
}

int aud_val_csp(const aud_vocab *v, const char *s, size_t len)
{
    static const char *const names[4] = {"ouv", "emp", "tam", "ic"};
    const char *c = aud_vocab_lookup(v, "csp", s, len);
    for (int k = 0; c && k < 4; k++) if (!strcmp(c, names[k])) return k;
    return -1;
}
