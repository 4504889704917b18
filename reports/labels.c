/* labels.c - label tables: read once, sorted, looked up by binary search. */
#include "labels.h"

#include "datafile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct label { char *key; char *text; } label;

typedef struct table {
    label *v;
    size_t n, cap;
    char *blob;          /* whole file; keys and texts point into it */
} table;

struct aud_labels {
    table lang, en;
    int has_en;
};

int aud_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned c = *p;
        size_t n;
        unsigned cp;
        if (c < 0x80) { p++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
        else return 0;
        if ((size_t)(end - p) <= n) return 0;
        for (size_t i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))
            || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        p += n + 1;
    }
    return 1;
}

static int cmp_label(const void *a, const void *b)
{
    return strcmp(((const label *)a)->key, ((const label *)b)->key);
}

/* Split the blob in place into key/text pairs; reject bad UTF-8 and
 * duplicate keys with the line number, since a label table is hand-edited. */
static aud_err parse(table *t, const char *path, aud_diag *diag)
{
    char *p = t->blob;
    uint64_t line = 0;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF) p += 3;
    while (*p) {
        line++;
        char *eol = strchr(p, '\n');
        char *next = eol ? eol + 1 : p + strlen(p);
        if (eol) *eol = '\0';
        if (eol && eol > p && eol[-1] == '\r') eol[-1] = '\0';
        if (!aud_utf8_valid(p, strlen(p)))
            return aud_diag_set(diag, AUD_E_TEMPLATE, path, line, "this label line is not valid UTF-8");
        if (*p && *p != '#') {
            char *tab = strchr(p, '\t');
            if (!tab)
                return aud_diag_set(diag, AUD_E_TEMPLATE, path, line, "a label line needs key<TAB>text");
            *tab = '\0';
            if (t->n == t->cap) {
                size_t nc = t->cap ? t->cap * 2 : 512;
                label *nv = realloc(t->v, nc * sizeof *nv);
                if (!nv) return AUD_E_NOMEM;
                t->v = nv;
                t->cap = nc;
            }
            t->v[t->n].key = p;
            t->v[t->n].text = tab + 1;
            t->n++;
        }
        p = next;
    }
    qsort(t->v, t->n, sizeof *t->v, cmp_label);
    for (size_t i = 1; i < t->n; i++)
        if (strcmp(t->v[i - 1].key, t->v[i].key) == 0)
            return aud_diag_set(diag, AUD_E_TEMPLATE, path, 0, "label key %s appears twice", t->v[i].key);
    return AUD_OK;
}

static aud_err load_one(table *t, const char *dir, const char *lang, aud_diag *diag)
{
    char path[1024];
    int n = snprintf(path, sizeof path, "%s/labels/%s.tsv", dir, lang);
    if (n < 0 || (size_t)n >= sizeof path)
        return aud_diag_set(diag, AUD_E_TEMPLATE, dir, 0, "the templates folder path is too long");
    size_t len = 0;
    aud_err e = aud_datafile_read(path, "label table", &t->blob, &len, diag);
    if (e == AUD_E_TEMPLATE) aud_diag_set_hint(diag, "set MUSAWAT_TEMPLATES to the templates folder of the installation");
    if (e != AUD_OK) return e;
    if (memchr(t->blob, '\0', len))
        return aud_diag_set(diag, AUD_E_TEMPLATE, path, 0, "the label table contains a NUL byte");
    return parse(t, path, diag);
}

aud_err aud_labels_load(const char *templates_dir, const char *lang, aud_labels **out,
                        aud_diag *diag)
{
    *out = NULL;
    if (!templates_dir || !*templates_dir) templates_dir = "templates";
    aud_labels *l = calloc(1, sizeof *l);
    if (!l) return AUD_E_NOMEM;
    aud_err e = load_one(&l->lang, templates_dir, lang, diag);
    if (e == AUD_OK && strcmp(lang, "en") != 0) {
        e = load_one(&l->en, templates_dir, "en", diag);
        l->has_en = e == AUD_OK;
    }
    if (e != AUD_OK) { aud_labels_free(l); return e; }
    *out = l;
    return AUD_OK;
}

void aud_labels_free(aud_labels *l)
{
    if (!l) return;
    free(l->lang.v); free(l->lang.blob);
    free(l->en.v); free(l->en.blob);
    free(l);
}

static const char *find_in(const table *t, const char *key)
{
    label k = {(char *)key, NULL};
    const label *hit = t->n ? bsearch(&k, t->v, t->n, sizeof *t->v, cmp_label) : NULL;
    return hit ? hit->text : NULL;
}

const char *aud_labels_find(const aud_labels *l, const char *key)
{
    if (!l || !key) return NULL;
    const char *s = find_in(&l->lang, key);
    if (!s && l->has_en) s = find_in(&l->en, key);
    return s;
}

const char *aud_labels_get(const aud_labels *l, const char *key, const char *fallback)
{
    const char *s = aud_labels_find(l, key);
    return s ? s : fallback;
}

const char *aud_labels_get2(const aud_labels *l, const char *prefix, const char *name,
                            const char *fallback)
{
    char key[256];
    int n = snprintf(key, sizeof key, "%s%s", prefix, name);
    if (n < 0 || (size_t)n >= sizeof key) return fallback;
    return aud_labels_get(l, key, fallback);
}
