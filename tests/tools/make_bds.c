/* make_bds.c - writes the CNSS BDS declaration (morocco.md §2.1: B00, B01,
 * one B02 per employee, B03, B05, B06; 260-character CRLF records) that
 * matches an HR CSV (plain UTF-8, comma, no quoting) with the columns
 * "CNSS number", "Base salary" (monthly, MAD) and "FTE": real salary = base
 * salary in centimes, days = FTE x 26. make_bds IN.csv OUT.txt AAAAMM */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 260

typedef struct rec { char c[W + 1]; } rec;
typedef struct sums { uint64_t n, imma, days, reel, plaf, ctr; } sums;

static rec blank(const char *type, unsigned long period)
{
    rec r;
    memset(r.c, ' ', W);
    r.c[W] = '\0';
    memcpy(r.c, type, 3);
    if (type[2] != '0') {   /* B01..B06: affiliation and period */
        snprintf(r.c + 3, 14, "%07lu%06lu", 2703892UL, period);
        r.c[16] = ' ';
    }
    return r;
}

static void num(rec *r, unsigned pos, unsigned len, uint64_t v)
{
    for (unsigned i = len; i > 0; i--) { r->c[pos - 2 + i] = (char)('0' + v % 10); v /= 10; }
}

static void text(rec *r, unsigned pos, unsigned len, const char *s)
{
    size_t n = strlen(s);
    memcpy(r->c + pos - 1, s, n < len ? n : len);
}

static void emit(FILE *f, const rec *r) { fprintf(f, "%s\r\n", r->c); }

/* "7500.25" -> 750025 without going through a double */
static uint64_t centimes(const char *s)
{
    uint64_t v = 0;
    int frac = -1;
    for (; *s; s++) {
        if (*s == '.') { frac = 0; continue; }
        if (frac >= 2) continue;
        v = v * 10 + (uint64_t)(*s - '0');
        if (frac >= 0) frac++;
    }
    for (; frac < 2; frac = frac < 0 ? 1 : frac + 1) v *= 10;
    return v;
}

static int column(char *head, const char *name)
{
    int k = 0;
    for (char *p = head, *q;; p = q + 1, k++) {
        q = strchr(p, ',');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (n == strlen(name) && memcmp(p, name, n) == 0) return k;
        if (!q) return -1;
    }
}

static void field(const char *line, int k, char *out, size_t cap)
{
    const char *p = line;
    for (; k > 0 && p; k--) { p = strchr(p, ','); if (p) p++; }
    size_t n = p ? strcspn(p, ",") : 0;
    if (n >= cap) n = cap - 1;
    memcpy(out, p ? p : "", n);
    out[n] = '\0';
}

static void b02(FILE *out, unsigned long period, sums *t, uint64_t imma, uint64_t days, uint64_t reel)
{
    uint64_t plaf = reel < 600000 ? reel : 600000;
    rec r = blank("B02", period);
    num(&r, 17, 9, imma);
    text(&r, 26, 60, "SALARIE");
    for (unsigned p = 86; p < 112; p++) r.c[p - 1] = '0';
    num(&r, 112, 2, days);
    num(&r, 114, 13, reel);
    num(&r, 127, 9, plaf);
    num(&r, 138, 19, imma + days + reel + plaf);
    emit(out, &r);
    t->n++; t->imma += imma; t->days += days; t->reel += reel; t->plaf += plaf;
    t->ctr += imma + days + reel + plaf;
}

static void totals(FILE *out, unsigned long period, const sums *t)
{
    rec r = blank("B03", period);
    num(&r, 17, 6, t->n);
    for (unsigned p = 23; p < 65; p++) r.c[p - 1] = '0';
    num(&r, 65, 15, t->imma);
    num(&r, 80, 12, 0);
    num(&r, 92, 6, t->days);
    num(&r, 98, 15, t->reel);
    num(&r, 113, 13, t->plaf);
    num(&r, 126, 19, t->ctr);
    emit(out, &r);
    for (int k = 0; k < 2; k++) {   /* B05: no entrants; B06 = B02 + B04 */
        r = blank(k ? "B06" : "B05", period);
        num(&r, 17, 6, k ? t->n : 0);
        num(&r, 23, 15, k ? t->imma : 0);
        num(&r, 38, 6, k ? t->days : 0);
        num(&r, 44, 15, k ? t->reel : 0);
        num(&r, 59, 13, k ? t->plaf : 0);
        num(&r, 72, 19, k ? t->ctr : 0);
        emit(out, &r);
    }
}

int main(int argc, char **argv)
{
    if (argc != 4) { fprintf(stderr, "usage: make_bds IN.csv OUT.txt AAAAMM\n"); return 2; }
    unsigned long period = strtoul(argv[3], NULL, 10);
    FILE *in = fopen(argv[1], "r"), *out = fopen(argv[2], "wb");
    if (!in || !out) { perror("make_bds"); return 1; }
    char line[4096], v[64];
    if (!fgets(line, sizeof line, in)) return 1;
    line[strcspn(line, "\r\n")] = '\0';
    int ccnss = column(line, "CNSS number"), cpay = column(line, "Base salary"), cfte = column(line, "FTE");
    if (ccnss < 0 || cpay < 0 || cfte < 0) { fprintf(stderr, "make_bds: missing column\n"); return 1; }
    rec r = blank("B00", period);
    text(&r, 4, 14, "00000000000001");
    text(&r, 18, 2, "DS");
    emit(out, &r);
    r = blank("B01", period);
    text(&r, 17, 40, "SOCIETE EXEMPLE SARL");
    emit(out, &r);
    sums t = {0, 0, 0, 0, 0, 0};
    while (fgets(line, sizeof line, in)) {
        line[strcspn(line, "\r\n")] = '\0';
        field(line, ccnss, v, sizeof v);
        uint64_t imma = strtoull(v, NULL, 10);
        field(line, cfte, v, sizeof v);
        uint64_t days = (uint64_t)(strtod(v, NULL) * 26.0 + 0.5);
        field(line, cpay, v, sizeof v);
        b02(out, period, &t, imma, days, centimes(v));
    }
    totals(out, period, &t);
    fclose(in);
    return fclose(out) == 0 ? 0 : 1;
}
