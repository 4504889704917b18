/* test_demo.c - the synthetic extract generator: determinism, layout,
 * encoding, CNSS check digits, planted faults and the built-in gaps. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "demo.h"
#include "sha256.h"

typedef struct blob { char *p; size_t n; } blob;

static blob slurp(const char *path)
{
    blob b = {0, 0};
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct stat st;
    assert_int_equal(fstat(fileno(f), &st), 0);
    b.n = (size_t)st.st_size;
    b.p = malloc(b.n + 1);
    assert_non_null(b.p);
    assert_int_equal(fread(b.p, 1, b.n, f), b.n);
    b.p[b.n] = '\0';
    fclose(f);
    return b;
}

static char tmpdir[64];

static void make_tmp(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/musawat-demo-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
}

static void rm_tree(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    assert_int_equal(system(cmd), 0);
}

static void gen(const char *sub, size_t employees, uint64_t seed, int profile, int no_ap, char **wf, char **ap)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/%s", tmpdir, sub);
    aud_demo_spec s = {.dir = dir, .employees = employees, .applicants = 3000, .seed = seed,
                       .year = 2025, .employer = "demo", .profile = profile, .no_applicants = no_ap};
    aud_diag d;
    aud_diag_clear(&d);
    assert_int_equal(aud_demo_generate(&s, wf, ap, &d), AUD_OK);
}

static size_t count_lines(const blob *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (b->p[i] == '\n') {
            assert_true(i > 0 && b->p[i - 1] == '\r');   /* CRLF only */
            n++;
        }
    }
    return n;
}

static void test_determinism(void **state)
{
    (void)state;
    make_tmp();
    char *w1, *a1, *w2, *a2, *w3, *a3;
    gen("a/nested", 300, 42, 0, 0, &w1, &a1);
    gen("b", 300, 42, 0, 0, &w2, &a2);
    gen("c", 300, 43, 0, 0, &w3, &a3);
    blob x = slurp(w1), y = slurp(w2), z = slurp(w3);
    assert_int_equal(x.n, y.n);
    assert_memory_equal(x.p, y.p, x.n);
    assert_true(x.n != z.n || memcmp(x.p, z.p, x.n) != 0);
    blob ax = slurp(a1), ay = slurp(a2);
    assert_int_equal(ax.n, ay.n);
    assert_memory_equal(ax.p, ay.p, ax.n);
    assert_non_null(strstr(w1, "/a/nested/demo_personnel.csv"));
    assert_non_null(strstr(a1, "/a/nested/demo_candidatures.csv"));
    free(x.p); free(y.p); free(z.p); free(ax.p); free(ay.p);
    free(w1); free(a1); free(w2); free(a2); free(w3); free(a3);
    rm_tree();
}

/* Pinned bytes: the same on gcc -O2, gcc -O1 with sanitizers and clang -O3
 * (no libm, defined evaluation order). Update only on a deliberate change. */
static void test_pinned_bytes(void **state)
{
    (void)state;
    make_tmp();
    char dir[128];
    snprintf(dir, sizeof dir, "%s/pin", tmpdir);
    aud_demo_spec s = {.dir = dir, .employees = 50, .applicants = 40, .seed = 1, .year = 2025, .employer = "demo"};
    char *w, *a, hex[65];
    aud_diag d;
    aud_diag_clear(&d);
    assert_int_equal(aud_demo_generate(&s, &w, &a, &d), AUD_OK);
    assert_int_equal(aud_sha256_file(w, hex, &d), AUD_OK);
    assert_string_equal(hex, "a2700fb126a541ed61d3eb43d6867b9d4ac0442800cd42f903c88775a573ee2e");
    assert_int_equal(aud_sha256_file(a, hex, &d), AUD_OK);
    assert_string_equal(hex, "97eb7a8e36e4aea7a298f9000e75b89d1a81e67bde45c1b3b74d6ce1f0ce5a09");
    free(w);
    free(a);
    rm_tree();
}

static void test_layout_and_encoding(void **state)
{
    (void)state;
    make_tmp();
    char *w, *a;
    gen("d", 800, 1, 0, 0, &w, &a);
    blob x = slurp(w), y = slurp(a);
    assert_int_equal(count_lines(&x), 801);
    assert_int_equal(count_lines(&y), 3001);
    /* cp1252 bytes: Pr\xe9nom, \xc9chelon, Employ\xe9s, N\xb0 CNSS; no UTF-8 sequences. */
    assert_non_null(strstr(x.p, "Pr\xe9nom;"));
    assert_non_null(strstr(x.p, "\xc9" "chelon;"));
    assert_non_null(strstr(x.p, ";Employ\xe9s;"));
    assert_non_null(strstr(x.p, ";N\xb0 CNSS\r\n"));
    assert_non_null(strstr(y.p, "\xc9tape atteinte"));
    assert_null(strchr(x.p, '\xc3'));
    assert_non_null(strstr(x.p, ";Agents de ma\xeetrise;"));
    assert_non_null(strstr(x.p, ";Fa\xe7onnage;"));
    assert_non_null(strstr(x.p, ";Contr\xf4leur de gestion;"));
    assert_non_null(strstr(x.p, ";H\xe9l\xe8ne;"));
    free(x.p); free(y.p); free(w); free(a);
    rm_tree();
}

/* Field k (0-based) of a ';' line into out. */
static void field(const char *line, int k, char *out, size_t cap)
{
    const char *p = line;
    for (int i = 0; i < k; i++) {
        p = strchr(p, ';');
        assert_non_null(p);
        p++;
    }
    size_t n = strcspn(p, ";\r");
    assert_true(n < cap);
    memcpy(out, p, n);
    out[n] = '\0';
}

static double money(const char *s)
{
    char t[64];
    size_t k = 0;
    for (; *s && k < sizeof t - 1; s++) {
        if (*s == ' ') continue;
        t[k++] = *s == ',' ? '.' : *s;
    }
    t[k] = '\0';
    return strtod(t, NULL);
}

static double rate(const char *s)
{
    double v = money(s);
    return strchr(s, '%') ? v / 100 : v;
}

/* Independent check digit of morocco.md §2.1 on a 9-digit number. */
static int cnss_ok(const char *s)
{
    if (strlen(s) != 9 || s[0] != '1') return 0;
    int c[10];
    for (int i = 0; i < 9; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        c[i + 1] = s[i] - '0';
    }
    return c[9] == (10 - ((2 * (c[2] + c[4] + c[6] + c[8]) + c[3] + c[5] + c[7]) % 10)) % 10;
}

typedef struct tally {
    size_t rows, cnss_bad, neg, bad_date, below_smig, dups;
    double pay[2];
    size_t n[2], promo[2];
} tally;

static void tally_row(tally *t, const char *line, char (*mats)[16])
{
    char f[24][64];
    for (int k = 0; k < 24; k++) field(line, k, f[k], sizeof f[k]);
    assert_true(strlen(f[0]) < 16);
    memcpy(mats[t->rows], f[0], strlen(f[0]) + 1);
    for (size_t i = 0; i < t->rows; i++) if (strcmp(mats[i], f[0]) == 0) t->dups++;
    t->rows++;
    t->cnss_bad += !cnss_ok(f[23]);
    if (strcmp(f[5], "31/13/1984") == 0) t->bad_date++;
    double base = money(f[15]), fte = rate(f[14]);
    if (base < 0) { t->neg++; return; }
    if (fte == 1.0 && base < 17.10 * 191) t->below_smig++;
    if (f[7][0] || strcmp(f[13], "Stage") == 0 || strcmp(f[13], "Apprentissage") == 0) return;
    int w = strcmp(f[4], "F") == 0 || strcmp(f[4], "Mme") == 0;
    assert_true(w || strcmp(f[4], "H") == 0 || strcmp(f[4], "M.") == 0);
    t->pay[w] += (12 * (base + money(f[16])) + money(f[17])) / fte;
    t->n[w]++;
    t->promo[w] += strcmp(f[19], "Oui") == 0;
}

static void scan_workforce(const blob *x, tally *t, size_t nrows)
{
    char (*mats)[16] = calloc(nrows, 16);
    assert_non_null(mats);
    const char *p = strstr(x->p, "\r\n") + 2;
    while (*p) {
        assert_true(t->rows < nrows);
        tally_row(t, p, mats);
        p = strstr(p, "\r\n");
        assert_non_null(p);
        p += 2;
    }
    free(mats);
}

static void test_content(void **state)
{
    (void)state;
    make_tmp();
    char *w, *a;
    gen("e", 4000, 1, 0, 1, &w, &a);
    assert_null(a);
    blob x = slurp(w);
    tally t = {0};
    scan_workforce(&x, &t, 4000);
    assert_int_equal(t.rows, 4000);
    assert_int_equal(t.cnss_bad, 0);
    assert_int_equal(t.neg, 1);
    assert_int_equal(t.bad_date, 1);
    assert_int_equal(t.dups, 1);
    assert_in_range(t.below_smig, 5, 60);
    double mw = t.pay[1] / (double)t.n[1], mm = t.pay[0] / (double)t.n[0];
    double gap = 1 - mw / mm;
    assert_true(gap > 0.13 && gap < 0.22);
    double pr = ((double)t.promo[1] / (double)t.n[1]) / ((double)t.promo[0] / (double)t.n[0]);
    assert_true(pr > 0.4 && pr < 0.8);
    char path[128];
    snprintf(path, sizeof path, "%s/e/demo_candidatures.csv", tmpdir);
    assert_int_equal(access(path, F_OK), -1);
    free(x.p); free(w);
    rm_tree();
}

/* The small default demo (800 people) shows the built-in gaps for any seed. */
static void test_small_demo_gaps(void **state)
{
    (void)state;
    make_tmp();
    for (uint64_t seed = 1; seed <= 4; seed++) {
        char *w, *a, sub[8];
        snprintf(sub, sizeof sub, "s%u", (unsigned)seed);
        gen(sub, 800, seed, 0, 1, &w, &a);
        blob x = slurp(w);
        tally t = {0};
        scan_workforce(&x, &t, 800);
        double gap = 1 - (t.pay[1] / (double)t.n[1]) / (t.pay[0] / (double)t.n[0]);
        double pr = ((double)t.promo[1] / (double)t.n[1]) / ((double)t.promo[0] / (double)t.n[0]);
        assert_true(gap > 0.12 && gap < 0.22);
        assert_true(pr > 0.4 && pr < 0.8);
        assert_int_equal(t.cnss_bad, 0);
        assert_int_equal(t.dups, 1);
        free(x.p);
        free(w);
    }
    rm_tree();
}

static int stage_index(const char *s)
{
    static const char *const st[] = {"Candidature", "Pr\xe9s\xe9lection", "Entretien", "Offre", "Embauche"};
    for (int i = 0; i < 5; i++) if (strcmp(s, st[i]) == 0) return i;
    fail_msg("unknown stage %s", s);
    return -1;
}

static void test_applicant_funnel(void **state)
{
    (void)state;
    make_tmp();
    char *w, *a;
    gen("f", 50, 5, 0, 0, &w, &a);
    blob y = slurp(a);
    size_t reach[2][5] = {{0}};
    const char *p = strstr(y.p, "\r\n") + 2;
    size_t n = 0;
    while (*p) {
        char sx[8], st[32];
        field(p, 1, sx, sizeof sx);
        field(p, 5, st, sizeof st);
        int womn = strcmp(sx, "F") == 0;
        for (int k = 0; k <= stage_index(st); k++) reach[womn][k]++;
        n++;
        p = strstr(p, "\r\n") + 2;
    }
    assert_int_equal(n, 3000);
    double sel_w = (double)reach[1][2] / (double)reach[1][1], sel_m = (double)reach[0][2] / (double)reach[0][1];
    assert_true(sel_w / sel_m < 0.8);   /* four-fifths breach at screened -> interviewed */
    double app_w = (double)reach[1][1] / (double)reach[1][0], app_m = (double)reach[0][1] / (double)reach[0][0];
    assert_true(app_w / app_m > 0.8);   /* but not at screening */
    free(y.p); free(w); free(a);
    rm_tree();
}

static void test_profiles_and_errors(void **state)
{
    (void)state;
    make_tmp();
    char *w0, *a0, *w2, *a2;
    gen("p0", 200, 9, 0, 1, &w0, &a0);
    gen("p2", 200, 9, 2, 1, &w2, &a2);
    blob x = slurp(w0), y = slurp(w2);
    assert_true(x.n != y.n || memcmp(x.p, y.p, x.n) != 0);
    free(x.p); free(y.p); free(w0); free(w2);
    aud_demo_spec s = {.dir = tmpdir, .employees = 10, .seed = 1, .year = 2025, .profile = 7};
    char *w = (char *)1, *a = (char *)1;
    aud_diag d;
    aud_diag_clear(&d);
    assert_int_equal(aud_demo_generate(&s, &w, &a, &d), AUD_E_USAGE);
    assert_null(w);
    assert_null(a);
    rm_tree();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_pinned_bytes),
        cmocka_unit_test(test_layout_and_encoding),
        cmocka_unit_test(test_content),
        cmocka_unit_test(test_small_demo_gaps),
        cmocka_unit_test(test_applicant_funnel),
        cmocka_unit_test(test_profiles_and_errors),
    };
    return cmocka_run_group_tests_name("demo", tests, NULL, NULL);
}
