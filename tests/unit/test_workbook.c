/* test_workbook.c - the workbook layer: validation rules, thresholds, label
 * tables, atomic writing (no file left behind on failure), reproducibility. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "../tools/wbfixture.h"
#include "assess.h"
#include "labels.h"
#include "workbook.h"
#include "xlsx.h"

static const char *templates(void)
{
    const char *t = getenv("MUSAWAT_TEMPLATES");
    return t ? t : "templates";
}

static char *scratch_dir(void)
{
    char *d = strdup("/tmp/test_workbook-XXXXXX");
    assert_non_null(d);
    assert_non_null(mkdtemp(d));
    return d;
}

static size_t count_entries(const char *dir)
{
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dp)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    closedir(dp);
    return n;
}

static void remove_tree(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

typedef struct fx { aud_dataset *d; aud_results *r; aud_options o; } fx;

static void fx_make(fx *f, aud_lang lang)
{
    f->d = aud_dataset_new();
    f->r = aud_results_new();
    assert_non_null(f->d);
    assert_non_null(f->r);
    assert_int_equal(wbf_build(f->d, &f->o, f->r, templates(), lang, 0, 0), AUD_OK);
}

static void fx_free(fx *f)
{
    aud_results_free(f->r);
    aud_dataset_free(f->d);
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    *len = (size_t)n;
    return b;
}

static void test_missing_folder_fails_and_leaves_nothing(void **state)
{
    (void)state;
    fx f;
    fx_make(&f, AUD_LANG_FR);
    char *dir = scratch_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/missing/audit.xlsx", dir);
    aud_diag diag;
    aud_diag_clear(&diag);
    assert_int_equal(aud_workbook_write(f.d, &f.o, f.r, path, &diag), AUD_E_OUTPUT);
    assert_int_equal(diag.code, AUD_E_OUTPUT);
    assert_int_equal(count_entries(dir), 0);
    remove_tree(dir);
    free(dir);
    fx_free(&f);
}

/* The workbook is fully written to a temporary file, then the rename onto a
 * folder fails: the error is reported and the temporary file is gone. */
static void test_failed_commit_removes_temporary(void **state)
{
    (void)state;
    fx f;
    fx_make(&f, AUD_LANG_AR);
    char *dir = scratch_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/audit.xlsx", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    aud_diag diag;
    aud_diag_clear(&diag);
    assert_int_equal(aud_workbook_write(f.d, &f.o, f.r, path, &diag), AUD_E_OUTPUT);
    assert_int_equal(count_entries(dir), 1);       /* only the folder that was in the way */
    remove_tree(dir);
    free(dir);
    fx_free(&f);
}

static void test_bad_label_table_writes_nothing(void **state)
{
    (void)state;
    fx f;
    fx_make(&f, AUD_LANG_EN);
    char *dir = scratch_dir();
    char sub[600], path[600];
    snprintf(sub, sizeof sub, "%s/labels", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    snprintf(path, sizeof path, "%s/labels/en.tsv", dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("sheet.summary\tSummary\nsheet.pay\tPa\xff\n", fp);
    fclose(fp);
    f.o.templates_dir = dir;
    snprintf(path, sizeof path, "%s/audit.xlsx", dir);
    aud_diag diag;
    aud_diag_clear(&diag);
    assert_int_equal(aud_workbook_write(f.d, &f.o, f.r, path, &diag), AUD_E_TEMPLATE);
    assert_int_equal(diag.line, 2);
    assert_int_equal(count_entries(dir), 1);       /* labels/ only */
    remove_tree(dir);
    free(dir);
    fx_free(&f);
}

static void test_same_results_same_bytes(void **state)
{
    (void)state;
    fx f;
    fx_make(&f, AUD_LANG_FR);
    char *dir = scratch_dir();
    char a[512], b[512];
    snprintf(a, sizeof a, "%s/a.xlsx", dir);
    snprintf(b, sizeof b, "%s/b.xlsx", dir);
    aud_diag diag;
    assert_int_equal(aud_workbook_write(f.d, &f.o, f.r, a, &diag), AUD_OK);
    assert_int_equal(aud_workbook_write(f.d, &f.o, f.r, b, &diag), AUD_OK);
    size_t la, lb;
    unsigned char *ba = slurp(a, &la), *bb = slurp(b, &lb);
    assert_true(la > 1000);
    assert_memory_equal(ba, "PK", 2);
    assert_int_equal(la, lb);
    assert_memory_equal(ba, bb, la);
    assert_int_equal(count_entries(dir), 2);       /* no temporary left */
    free(ba);
    free(bb);
    remove_tree(dir);
    free(dir);
    fx_free(&f);
}

/* One part of a written workbook, NUL-terminated. */
static char *read_part(const char *xlsx, const char *part)
{
    int err = 0;
    zip_t *z = zip_open(xlsx, ZIP_RDONLY, &err);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, part, 0, &st), 0);
    char *buf = calloc(1, (size_t)st.size + 1);
    zip_file_t *f = zip_fopen(z, part, 0);
    assert_non_null(buf);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
    zip_fclose(f);
    zip_close(z);
    return buf;
}

/* Without SOURCE_DATE_EPOCH the creation date is the snapshot date, so the
 * file still does not depend on when it was written. */
static void test_created_is_snapshot_date(void **state)
{
    (void)state;
    fx f;
    fx_make(&f, AUD_LANG_EN);
    f.o.source_date_epoch = -1;
    char *dir = scratch_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/audit.xlsx", dir);
    aud_diag diag;
    assert_int_equal(aud_workbook_write(f.d, &f.o, f.r, path, &diag), AUD_OK);
    char *core = read_part(path, "docProps/core.xml");
    assert_non_null(strstr(core, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-12-31T00:00:00Z<"));
    assert_non_null(strstr(core, "<dc:creator>musawat "));
    char *app = read_part(path, "docProps/app.xml");
    assert_non_null(strstr(app, "<Company>Atlas Textiles &amp; Confection SARL</Company>"));
    char *custom = read_part(path, "docProps/custom.xml");
    assert_non_null(strstr(custom, f.d->inputs[1].sha256));
    assert_non_null(strstr(custom, "2025-01-01:2025-12-31"));
    free(core);
    free(app);
    free(custom);
    remove_tree(dir);
    free(dir);
    fx_free(&f);
}

static void test_sheet_name_rules(void **state)
{
    (void)state;
    assert_true(aud_sheet_name_ok("ملخص"));
    assert_true(aud_sheet_name_ok("Qualité des données"));
    assert_true(aud_sheet_name_ok("العمل ذو القيمة المتساوية"));     /* 25 characters, 47 bytes */
    assert_true(aud_sheet_name_ok("abcdefghijklmnopqrstuvwxyz01234"));  /* 31 */
    assert_false(aud_sheet_name_ok("abcdefghijklmnopqrstuvwxyz012345")); /* 32 */
    assert_false(aud_sheet_name_ok(""));
    assert_false(aud_sheet_name_ok("a/b"));
    assert_false(aud_sheet_name_ok("x[1]"));
    assert_false(aud_sheet_name_ok("what?"));
    assert_false(aud_sheet_name_ok("'quoted'"));
    assert_false(aud_sheet_name_ok("bad\xff"));
    assert_false(aud_sheet_name_ok("tab\there"));
}

static void test_defined_name_rules(void **state)
{
    (void)state;
    const char *ok[] = {"quartile1_women_pct", "top10_women", "adjusted_gap_r2", "egapro_i2et3_points",
                        "_x", "headcount", "r2d2x"};
    const char *bad[] = {"A1", "xfd1048576", "AB12", "R1C1", "r2", "C", "R", "rc", "1abc", "a b",
                         "TRUE", "a!b", "", "é"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) assert_true(aud_defined_name_ok(ok[i]));
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (aud_defined_name_ok(bad[i])) fail_msg("%s accepted as a defined name", bad[i]);
    }
}

static void test_text_clean(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t cap = 0;
    assert_int_equal(aud_text_clean("a\x01" "b\x7f", 100, &buf, &cap), AUD_OK);
    assert_string_equal(buf, "a b ");
    assert_int_equal(aud_text_clean("x\xff" "y\xc3", 100, &buf, &cap), AUD_OK);
    assert_string_equal(buf, "x\xEF\xBF\xBDy\xEF\xBF\xBD");
    assert_int_equal(aud_text_clean("=1+1", 100, &buf, &cap), AUD_OK);
    assert_string_equal(buf, "=1+1");
    assert_int_equal(aud_text_clean("تدقيق مساواة", 5, &buf, &cap), AUD_OK);
    assert_string_equal(buf, "تدقيق");                /* characters, not bytes */
    assert_int_equal(aud_text_clean("\xed\xa0\x80", 10, &buf, &cap), AUD_OK);   /* a surrogate */
    assert_string_equal(buf, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(aud_text_clean("line\nnext\ttab", 100, &buf, &cap), AUD_OK);
    assert_string_equal(buf, "line\nnext\ttab");
    free(buf);
}

static void test_traffic_lights(void **state)
{
    (void)state;
    assert_int_equal(aud_assess_gap(5.0), AUD_LIGHT_RED);
    assert_int_equal(aud_assess_gap(-5.0), AUD_LIGHT_RED);
    assert_int_equal(aud_assess_gap(4.999), AUD_LIGHT_AMBER);
    assert_int_equal(aud_assess_gap(2.5), AUD_LIGHT_AMBER);
    assert_int_equal(aud_assess_gap(2.49), AUD_LIGHT_GREEN);
    assert_int_equal(aud_assess_gap(NAN), AUD_LIGHT_NONE);
    assert_int_equal(aud_assess_egapro(74.0), AUD_LIGHT_RED);
    assert_int_equal(aud_assess_egapro(75.0), AUD_LIGHT_AMBER);
    assert_int_equal(aud_assess_egapro(84.0), AUD_LIGHT_AMBER);
    assert_int_equal(aud_assess_egapro(85.0), AUD_LIGHT_GREEN);
    aud_value v = {.type = AUD_V_INT, .i = 4};
    assert_int_equal(aud_assess_metric("adjusted_gap_rating", &v), AUD_LIGHT_RED);
    v.i = 3;
    assert_int_equal(aud_assess_metric("adjusted_gap_rating", &v), AUD_LIGHT_AMBER);
    v.i = 2;
    assert_int_equal(aud_assess_metric("adjusted_gap_rating", &v), AUD_LIGHT_GREEN);
    aud_value b = {.type = AUD_V_BOOL, .b = true};
    assert_int_equal(aud_assess_metric("hiring_four_fifths", &b), AUD_LIGHT_RED);
    b.b = false;
    assert_int_equal(aud_assess_metric("hiring_four_fifths", &b), AUD_LIGHT_GREEN);
    aud_value x = {.type = AUD_V_NUM, .num = 0.79};
    assert_int_equal(aud_assess_metric("promotion_impact_ratio", &x), AUD_LIGHT_RED);
    x.num = 0.8;
    assert_int_equal(aud_assess_metric("promotion_impact_ratio", &x), AUD_LIGHT_GREEN);
    x.num = -6.58;
    assert_int_equal(aud_assess_metric("adjusted_gap_pct", &x), AUD_LIGHT_RED);
    assert_int_equal(aud_assess_metric("headcount", &x), AUD_LIGHT_NONE);
    aud_value n = {.type = AUD_V_NULL};
    assert_int_equal(aud_assess_metric("egapro_index", &n), AUD_LIGHT_NONE);
}

static void test_metric_formats(void **state)
{
    (void)state;
    assert_int_equal(aud_metric_fmt("pay_gap_mean_pct", AUD_V_NUM), AUD_COL_PCT);
    assert_int_equal(aud_metric_fmt("headcount", AUD_V_INT), AUD_COL_COUNT);
    assert_int_equal(aud_metric_fmt("hiring_fisher_p", AUD_V_NUM), AUD_COL_PVALUE);
    assert_int_equal(aud_metric_fmt("adjusted_gap_p", AUD_V_NUM), AUD_COL_PVALUE);
    assert_int_equal(aud_metric_fmt("raise_impact_ratio", AUD_V_NUM), AUD_COL_RATIO);
    assert_int_equal(aud_metric_fmt("egapro_index", AUD_V_NUM), AUD_COL_COUNT);
    assert_int_equal(aud_metric_fmt("egapro_i1_result", AUD_V_NUM), AUD_COL_PCT);
    assert_int_equal(aud_metric_fmt("eu_joint_assessment", AUD_V_BOOL), AUD_COL_BOOL);
    assert_int_equal(aud_metric_fmt("egapro_mode", AUD_V_STR), AUD_COL_TEXT);
    assert_true(aud_metric_is_gap("hourly_gap_median_pct"));
    assert_false(aud_metric_is_gap("women_share_pct"));
}

/* Keys of one label file, read without the English fallback. */
static size_t read_keys(const char *lang, char ***keys)
{
    char path[600], line[4096];
    snprintf(path, sizeof path, "%s/labels/%s.tsv", templates(), lang);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    size_t n = 0, cap = 1024;
    *keys = malloc(cap * sizeof **keys);
    while (fgets(line, sizeof line, fp)) {
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab) continue;
        *tab = '\0';
        assert_true(n < cap);
        (*keys)[n++] = strdup(line);
    }
    fclose(fp);
    return n;
}

static void test_label_tables_complete(void **state)
{
    (void)state;
    char **en, **other;
    size_t nen = read_keys("en", &en);
    assert_true(nen > 300);
    const char *langs[] = {"fr", "ar"};
    for (size_t l = 0; l < 2; l++) {
        size_t n = read_keys(langs[l], &other);
        assert_int_equal(n, nen);
        for (size_t i = 0; i < n; i++) assert_string_equal(other[i], en[i]);   /* same keys, same order */
        for (size_t i = 0; i < n; i++) free(other[i]);
        free(other);
        aud_labels *lab;
        aud_diag diag;
        assert_int_equal(aud_labels_load(templates(), langs[l], &lab, &diag), AUD_OK);
        static const char *const sheets[] = {"summary", "workforce", "pay", "equal_value", "egapro",
                                             "adjusted", "promotions", "hiring", "quality", "method"};
        for (size_t s = 0; s < 10; s++) {
            const char *name = aud_labels_get2(lab, "sheet.", sheets[s], NULL);
            assert_non_null(name);
            assert_true(aud_sheet_name_ok(name));
        }
        aud_labels_free(lab);
    }
    aud_labels *ar;
    aud_diag diag;
    assert_int_equal(aud_labels_load(templates(), "ar", &ar, &diag), AUD_OK);
    assert_string_equal(aud_labels_get(ar, "sheet.summary", NULL), "ملخص");
    assert_string_equal(aud_labels_get(ar, "no.such.key", "fallback"), "fallback");
    aud_labels_free(ar);
    for (size_t i = 0; i < nen; i++) free(en[i]);
    free(en);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_folder_fails_and_leaves_nothing),
        cmocka_unit_test(test_failed_commit_removes_temporary),
        cmocka_unit_test(test_bad_label_table_writes_nothing),
        cmocka_unit_test(test_same_results_same_bytes),
        cmocka_unit_test(test_created_is_snapshot_date),
        cmocka_unit_test(test_sheet_name_rules),
        cmocka_unit_test(test_defined_name_rules),
        cmocka_unit_test(test_text_clean),
        cmocka_unit_test(test_traffic_lights),
        cmocka_unit_test(test_metric_formats),
        cmocka_unit_test(test_label_tables_complete),
    };
    return cmocka_run_group_tests_name("workbook", tests, NULL, NULL);
}
