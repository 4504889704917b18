/* headers.c - header template files and header-to-field matching. */
#include "headers.h"
#include "datafile.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

#define HDR_NORM_MAX 512

/* ---- template files ----------------------------------------------------- */

void aud_template_clear(aud_template *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->nf; i++) {
        free(t->f[i].pattern);
        aud_pattern_free(t->f[i].re);
    }
    free(t->f);
    free(t->name);
    free(t->description);
    free(t->source);
    memset(t, 0, sizeof *t);
}

static char *trim_dup(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    return strndup(s, n);
}

/* First word of s (values like "workforce   # comment"). */
static char *first_word(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strcspn(s, " \t\r#");
    return strndup(s, n);
}

static aud_file_kind kind_from_word(const char *w)
{
    if (!strcmp(w, "workforce")) return AUD_KIND_WORKFORCE;
    if (!strcmp(w, "applicants")) return AUD_KIND_APPLICANTS;
    if (!strcmp(w, "logib")) return AUD_KIND_LOGIB;
    return AUD_KIND_UNKNOWN;
}

/* Whether p[i] is a '|' outside parentheses, classes and escapes. */
static bool top_level_bar(const char *p, size_t i)
{
    int depth = 0;
    bool cls = false;
    for (size_t k = 0; k < i; k++) {
        if (p[k] == '\\') { k++; continue; }
        if (cls) { if (p[k] == ']') cls = false; continue; }
        if (p[k] == '[') cls = true;
        else if (p[k] == '(') depth++;
        else if (p[k] == ')') depth--;
    }
    return p[i] == '|' && depth == 0 && !cls;
}

static aud_err add_alternative(aud_template *t, int f, const char *s, size_t n)
{
    char *p = strndup(s, n);
    if (!p) return AUD_E_NOMEM;
    aud_pattern *re = aud_pattern_compile(p, NULL, 0, NULL);
    if (!re) { free(p); return aud_pattern_nomem() ? AUD_E_NOMEM : AUD_E_PATTERN; }
    aud_tpl_field *nf = realloc(t->f, (t->nf + 1) * sizeof *nf);
    if (!nf) { free(p); aud_pattern_free(re); return AUD_E_NOMEM; }
    t->f = nf;
    t->f[t->nf++] = (aud_tpl_field){f, p, re};
    return AUD_OK;
}

static aud_err add_field(aud_template *t, char *rest, const char *src, uint64_t ln, aud_diag *diag)
{
    char *tab = strchr(rest, '\t');
    if (!tab) return aud_diag_set(diag, AUD_E_TEMPLATE, src, ln, "expected field<TAB>NAME<TAB>PATTERN");
    *tab = '\0';
    char *fname = trim_dup(rest);
    if (!fname) return AUD_E_NOMEM;
    int f = aud_field_from_name(fname);
    if (f < 0) {
        aud_diag_set(diag, AUD_E_TEMPLATE, src, ln, "unknown field \"%s\"", fname);
        aud_diag_set_hint(diag, "run 'musawat templates' for the field names");
        free(fname);
        return AUD_E_TEMPLATE;
    }
    free(fname);
    char *pat = tab + 1;
    char *tab2 = strchr(pat, '\t');          /* a further column is a comment */
    if (tab2) *tab2 = '\0';
    char *p = trim_dup(pat);
    if (!p) return AUD_E_NOMEM;
    if (!*p) { free(p); return aud_diag_set(diag, AUD_E_TEMPLATE, src, ln, "empty pattern"); }
    char err[256];
    size_t eoff = 0;
    aud_pattern *re = aud_pattern_compile(p, err, sizeof err, &eoff);
    if (!re && aud_pattern_nomem()) { free(p); return aud_diag_set(diag, AUD_E_NOMEM, src, ln, "out of memory"); }
    if (!re) {
        aud_diag_set(diag, AUD_E_PATTERN, src, ln, "pattern does not compile: %s at offset %zu", err, eoff);
        free(p);
        return AUD_E_PATTERN;
    }
    aud_pattern_free(re);
    /* Each top-level alternative becomes its own entry, so `check` can show
     * the alternative that matched rather than the whole line. */
    aud_err e = AUD_OK;
    size_t start = 0, len = strlen(p);
    for (size_t i = 0; i <= len && !e; i++) {
        if (i < len && !top_level_bar(p, i)) continue;
        e = add_alternative(t, f, p + start, i - start);
        start = i + 1;
    }
    free(p);
    if (e == AUD_E_PATTERN) aud_diag_set(diag, AUD_E_PATTERN, src, ln, "pattern alternative does not compile");
    return e;
}

static aud_err template_line(aud_template *t, char *line, const char *src, uint64_t ln, aud_diag *diag)
{
    char *tab = strchr(line, '\t');
    if (!tab) return aud_diag_set(diag, AUD_E_TEMPLATE, src, ln, "expected KEY<TAB>VALUE");
    *tab = '\0';
    char *val = tab + 1;
    if (!strcmp(line, "field")) return add_field(t, val, src, ln, diag);
    char **slot = !strcmp(line, "name") ? &t->name : !strcmp(line, "description") ? &t->description : NULL;
    if (slot) {
        free(*slot);
        *slot = slot == &t->name ? first_word(val) : trim_dup(val);
        return *slot ? AUD_OK : AUD_E_NOMEM;
    }
    if (!strcmp(line, "kind")) {
        char *w = first_word(val);
        if (!w) return AUD_E_NOMEM;
        t->kind = kind_from_word(w);
        free(w);
    }
    return AUD_OK;   /* other keys belong to other readers */
}

static int rank_of(const char *name)
{
    static const char *const order[] = {"fr-generic", "ar-generic", "en-generic",
                                        "applicants-fr", "applicants-ar", "applicants-en", NULL};
    for (int i = 0; order[i]; i++) if (name && !strcmp(name, order[i])) return i;
    return 100;
}

aud_err aud_template_parse(const char *text, size_t len, const char *source, aud_template *out, aud_diag *diag)
{
    memset(out, 0, sizeof *out);
    out->kind = AUD_KIND_WORKFORCE;
    out->source = strdup(source ? source : "");
    if (!out->source) return AUD_E_NOMEM;
    uint64_t ln = 0;
    size_t i = 0;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t raw = nl ? (size_t)(nl - (text + i)) : len - i;
        ln++;
        char *line = strndup(text + i, raw);
        if (!line) { aud_template_clear(out); return AUD_E_NOMEM; }
        i += raw + (nl ? 1 : 0);
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r') line[--l] = '\0';
        aud_err e = AUD_OK;
        if (l && line[0] != '#' && strspn(line, " \t") != l) e = template_line(out, line, source, ln, diag);
        free(line);
        if (e) { aud_template_clear(out); return e; }
    }
    if (!out->name) {
        /* a file without a name line is named after its file */
        const char *b = strrchr(out->source, '/');
        b = b ? b + 1 : out->source;
        size_t n = strlen(b);
        if (n > 4 && !strcmp(b + n - 4, ".tsv")) n -= 4;
        out->name = strndup(b, n);
        if (!out->name) { aud_template_clear(out); return AUD_E_NOMEM; }
    }
    out->rank = rank_of(out->name);
    return AUD_OK;
}

aud_err aud_template_load(const char *path, aud_template *out, aud_diag *diag)
{
    memset(out, 0, sizeof *out);
    char *buf = NULL;
    size_t n = 0;
    AUD_TRY(aud_datafile_read(path, "template file", &buf, &n, diag));
    aud_err e = aud_template_parse(buf ? buf : "", n, path, out, diag);
    free(buf);
    return e;
}

/* ---- template sets ------------------------------------------------------- */

void aud_tplset_free(aud_tplset *set)
{
    if (!set) return;
    for (size_t i = 0; i < set->n; i++) aud_template_clear(&set->t[i]);
    free(set->t);
    set->t = NULL;
    set->n = 0;
}

aud_err aud_tplset_add_file(aud_tplset *set, const char *path, aud_diag *diag)
{
    aud_template t;
    AUD_TRY(aud_template_load(path, &t, diag));
    aud_template *nt = realloc(set->t, (set->n + 1) * sizeof *nt);
    if (!nt) { aud_template_clear(&t); return AUD_E_NOMEM; }
    set->t = nt;
    set->t[set->n++] = t;
    return AUD_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

aud_err aud_tplset_load_dir(const char *dir, aud_tplset *set, aud_diag *diag)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/headers", dir ? dir : "templates");
    DIR *dd = opendir(path);
    if (!dd && errno == ENOMEM) return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory");
    if (!dd) {
        aud_diag_set(diag, AUD_E_TEMPLATE, path, 0, "cannot open the header template folder");
        aud_diag_set_hint(diag, "set MUSAWAT_TEMPLATES to the templates folder of the installation");
        return AUD_E_TEMPLATE;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    aud_err err = AUD_OK;
    while ((e = readdir(dd))) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < 5 || strcmp(e->d_name + l - 4, ".tsv") != 0) continue;
        char **nn = realloc(names, (n + 1) * sizeof *nn);
        if (!nn || !(nn[n] = strdup(e->d_name))) { if (nn) names = nn; err = AUD_E_NOMEM; break; }
        names = nn;
        n++;
    }
    closedir(dd);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && !err; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%s/%s", path, names[i]);
        err = aud_tplset_add_file(set, p, diag);
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return err;
}

int aud_tplset_find(const aud_tplset *set, const char *name)
{
    for (size_t i = 0; i < set->n; i++) {
        const aud_template *t = &set->t[i];
        if (!strcmp(t->name, name)) return (int)i;
        const char *b = strrchr(t->source, '/');
        b = b ? b + 1 : t->source;
        size_t l = strlen(name);
        if (!strncmp(b, name, l) && !strcmp(b + l, ".tsv")) return (int)i;
        if (!strncmp(t->name, name, l) && !strcmp(t->name + l, "-generic")) return (int)i;
    }
    return -1;
}

/* ---- matching -------------------------------------------------------- */

int aud_template_field(const aud_template *t, const char *h, size_t len, const char **pattern)
{
    for (size_t i = 0; i < t->nf; i++)
        if (aud_pattern_match(t->f[i].re, h, len)) {
            if (pattern) *pattern = t->f[i].pattern;
            return t->f[i].field;
        }
    if (pattern) *pattern = NULL;
    return -1;
}

void aud_header_map_free(aud_header_map *m)
{
    if (!m) return;
    free(m->field);
    free((void *)m->pattern);
    m->field = NULL;
    m->pattern = NULL;
}

static bool kind_ok(aud_file_kind k, const aud_file_kind *kinds)
{
    for (; kinds && *kinds != AUD_KIND_UNKNOWN; kinds++) if (*kinds == k) return true;
    return false;
}

static int score_template(const aud_template *t, char norm[][HDR_NORM_MAX], const size_t *nlen, size_t ncols,
                          int *field, const char **pattern)
{
    int score = 0;
    for (size_t c = 0; c < ncols; c++) {
        field[c] = nlen[c] ? aud_template_field(t, norm[c], nlen[c], &pattern[c]) : -1;
        if (field[c] < 0) pattern[c] = NULL;
        else score++;
    }
    return score;
}

static void apply_maps(aud_header_map *m, char norm[][HDR_NORM_MAX], const aud_map_opt *maps, size_t nmaps)
{
    for (size_t k = 0; k < nmaps; k++) {
        int f = aud_field_from_name(maps[k].field);
        if (f < 0) continue;
        char want[HDR_NORM_MAX];
        aud_norm(maps[k].column, strlen(maps[k].column), want, sizeof want);
        int hit = -1;
        for (size_t c = 0; c < m->ncols && hit < 0; c++) if (!strcmp(norm[c], want)) hit = (int)c;
        if (hit < 0) continue;     /* that column is in another input */
        for (size_t c = 0; c < m->ncols; c++)
            if (m->field[c] == f) { m->field[c] = -1; m->pattern[c] = NULL; }
        m->field[hit] = f;
        m->pattern[hit] = "--map";
    }
}

/* Identity columns are only recognised to be dropped: two of them are harmless. */
static bool may_repeat(int f)
{
    return f == AUD_F_NAME || f == AUD_F_FIRST_NAME || f == AUD_F_CIN;
}

static aud_err check_duplicates(aud_header_map *m, const char *const *headers, const char *file,
                                uint64_t line, aud_diag *diag)
{
    for (int f = 0; f < AUD_F__COUNT; f++) m->col_of[f] = -1;
    for (size_t c = 0; c < m->ncols; c++) {
        int f = m->field[c];
        if (f < 0) continue;
        if (m->col_of[f] >= 0 && !may_repeat(f)) {
            aud_diag_set(diag, AUD_E_HEADER, file, line, "columns \"%s\" and \"%s\" both look like %s",
                         headers[m->col_of[f]], headers[c], aud_field_name((aud_field)f));
            aud_diag_set_hint(diag, "choose one with --map %s=COLUMN", aud_field_name((aud_field)f));
            return AUD_E_HEADER;
        }
        if (m->col_of[f] < 0) m->col_of[f] = (int)c;
    }
    return AUD_OK;
}

aud_err aud_header_map_build(const aud_tplset *set, int forced, const aud_file_kind *kinds,
                             const char *const *headers, const size_t *lens, size_t ncols,
                             const aud_map_opt *maps, size_t nmaps, const char *file, uint64_t line,
                             aud_header_map *out, aud_diag *diag)
{
    memset(out, 0, sizeof *out);
    out->tpl = -1;
    out->ncols = ncols;
    char (*norm)[HDR_NORM_MAX] = calloc(ncols ? ncols : 1, sizeof *norm);
    size_t *nlen = calloc(ncols ? ncols : 1, sizeof *nlen);
    int *tf = calloc(ncols ? ncols : 1, sizeof *tf);
    const char **tp = calloc(ncols ? ncols : 1, sizeof *tp);
    out->field = calloc(ncols ? ncols : 1, sizeof *out->field);
    out->pattern = calloc(ncols ? ncols : 1, sizeof *out->pattern);
    aud_err e = AUD_OK;
    if (!norm || !nlen || !tf || !tp || !out->field || !out->pattern) { e = AUD_E_NOMEM; goto done; }
    for (size_t c = 0; c < ncols; c++)
        nlen[c] = aud_norm(headers[c], lens ? lens[c] : strlen(headers[c]), norm[c], HDR_NORM_MAX);
    for (size_t c = 0; c < ncols; c++) out->field[c] = -1;
    out->score = -1;
    for (size_t i = 0; i < set->n; i++) {
        const aud_template *t = &set->t[i];
        if (forced >= 0 ? (int)i != forced : !kind_ok(t->kind, kinds)) continue;
        int s = score_template(t, norm, nlen, ncols, tf, tp);
        bool better = s > out->score ||
                      (s == out->score && out->tpl >= 0 && t->rank < set->t[out->tpl].rank);
        if (!better) continue;
        out->score = s;
        out->tpl = (int)i;
        memcpy(out->field, tf, ncols * sizeof *tf);
        memcpy((void *)out->pattern, tp, ncols * sizeof *tp);
    }
    apply_maps(out, norm, maps, nmaps);
    e = check_duplicates(out, headers, file, line, diag);
done:
    free(norm);
    free(nlen);
    free(tf);
    free((void *)tp);
    if (e) aud_header_map_free(out);
    return e;
}
