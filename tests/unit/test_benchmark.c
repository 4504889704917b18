/* test_benchmark.c - percentiles, pooled figures against microdata, groups,
 * focus and the workbook's reproducibility. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchmark.h"
#include "benchmark_wb.h"
#include "measures.h"
#include "sumdata.h"
#include "summary.h"
#include "sumfmt.h"

static void test_quantiles(void **state)
{
    (void)state;
    const double x[5] = {1, 2, 3, 4, 5};
    assert_true(fabs(aud_bench_quantile(x, 5, 0.10) - 1.4) < 1e-12);
    assert_true(aud_bench_quantile(x, 5, 0.25) == 2.0);
    assert_true(aud_bench_quantile(x, 5, 0.50) == 3.0);
    assert_true(fabs(aud_bench_quantile(x, 5, 0.90) - 4.6) < 1e-12);
    assert_true(aud_bench_quantile(x, 1, 0.9) == 1.0);
    assert_true(isnan(aud_bench_quantile(x, 0, 0.5)));
    assert_true(aud_bench_rank(x, 5, 3) == 50.0);       /* (2 below + 1/2) / 5 */
    assert_true(aud_bench_rank(x, 5, 1) == 10.0);
    assert_true(aud_bench_rank(x, 5, 9) == 100.0);
    const double t[4] = {1, 2, 2, 4};
    assert_true(aud_bench_rank(t, 4, 2) == 50.0);       /* (1 + 2/2) / 4 */
}

typedef struct micro {
    aud_i128 sum[2];
    uint64_t n[2];
    double dsum[2];
    double *pay[2];
    size_t np[2];
} micro;

/* Accumulate the audit population's pay of a dataset, as the microdata. */
static void micro_add(micro *m, const aud_dataset *d, const aud_options *o)
{
    aud_measures ms;
    assert_int_equal(aud_measures_compute(d, o, &ms), AUD_OK);
    for (size_t i = 0; i < ms.n; i++) {
        if (!ms.in_pop[i] || ms.nopay[i] != AUD_NOPAY_NONE) continue;
        int s = aud_sum_sex_index(d->wf.sex[i]);
        m->sum[s] += llround(ms.pay_fte[i] * 100);
        m->n[s]++;
        m->dsum[s] += ms.pay_fte[i];
        m->pay[s] = realloc(m->pay[s], (m->np[s] + 1) * sizeof(double));
        m->pay[s][m->np[s]++] = ms.pay_fte[i];
    }
    aud_measures_free(&ms);
}

static int dcmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double true_median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, dcmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Pooled mean gap from merged summaries equals the gap of the concatenated
 * microdata's exact sums; the pooled median is within one 1 % bin. */
static void check_pooled(int min_cell, uint64_t seed)
{
    micro mi = {0};
    aud_summary *acc = aud_summary_new();
    for (int e = 0; e < 4; e++) {
        aud_dataset *d = sd_random(seed + (uint64_t)e, 500 + 150 * (size_t)e, 0.8 + 0.05 * e);
        aud_options o;
        sd_options(&o, "P", "C10", min_cell);
        aud_summary *s;
        aud_diag diag;
        assert_int_equal(aud_summary_build(d, &o, NULL, &s, &diag), AUD_OK);
        assert_int_equal(s->dropped[0] + s->dropped[1], 0);
        assert_int_equal(aud_summary_merge(acc, s, &diag), AUD_OK);
        micro_add(&mi, d, &o);
        aud_summary_free(s);
        aud_dataset_free(d);
    }
    aud_results *r = aud_results_new();
    assert_int_equal(aud_bench_pooled(acc, r), AUD_OK);
    double gap = aud_results_num(r, "pay_gap_mean_pct");
    double exact = aud_bench_gap_from_sums(mi.sum[1], mi.n[1], mi.sum[0], mi.n[0]);
    assert_true(gap == exact);
    double direct = (mi.dsum[1] / (double)mi.n[1] - mi.dsum[0] / (double)mi.n[0]) / (mi.dsum[1] / (double)mi.n[1]) * 100;
    assert_true(fabs(gap - direct) < 1e-6);
    assert_true(gap > 5);                               /* women paid 0.8-0.95 of men */
    assert_int_equal(aud_results_get(r, "headcount_women")->v.i, (int64_t)mi.n[0]);
    for (int s = 0; s < 2; s++) {
        double est = aud_results_num(r, s ? "pay_fte_median_men" : "pay_fte_median_women");
        double med = true_median(mi.pay[s], mi.np[s]);
        if (fabs(log(est / med)) > log(1.01) + 1e-12) fail_msg("median %g vs %g: beyond one bin", est, med);
        free(mi.pay[s]);
    }
    aud_results_free(r);
    aud_summary_free(acc);
}

static void test_pooled_exact_a(void **state) { (void)state; check_pooled(5, 900); }
static void test_pooled_exact_b(void **state) { (void)state; check_pooled(5, 300); }

/* 8 women at 5 000 and 8 men at 20 000 a month: women fill the two lower quarters. */
static void test_pooled_quartiles(void **state)
{
    (void)state;
    aud_dataset *d = sd_new();
    for (int i = 0; i < 8; i++) sd_add(d, &(person){AUD_SEX_F, "C", 1990, 5000, AUD_NA, 0, 1, 1, 1});
    for (int i = 0; i < 8; i++) sd_add(d, &(person){AUD_SEX_M, "C", 1990, 20000, AUD_NA, 0, 1, 0, 1});
    aud_options o;
    sd_options(&o, "Q", "C10", 5);
    aud_summary *s;
    aud_diag diag;
    assert_int_equal(aud_summary_build(d, &o, NULL, &s, &diag), AUD_OK);
    aud_results *r = aud_results_new();
    assert_int_equal(aud_bench_pooled(s, r), AUD_OK);
    assert_true(aud_results_num(r, "quartile1_women_pct") == 100.0);
    assert_true(aud_results_num(r, "quartile2_women_pct") == 100.0);
    assert_true(aud_results_num(r, "quartile3_women_pct") == 0.0);
    assert_true(aud_results_num(r, "quartile4_women_pct") == 0.0);
    assert_true(aud_results_num(r, "pay_gap_mean_pct") == 75.0);
    assert_true(aud_results_num(r, "pay_gap_mean_pct_hcp") == 300.0);
    assert_true(aud_results_num(r, "women_share_pct") == 50.0);
    assert_true(aud_results_num(r, "promotion_rate_women_pct") == 100.0);
    assert_true(aud_results_num(r, "promotion_rate_men_pct") == 0.0);
    assert_int_equal(aud_results_get(r, "promotion_rate_ratio")->v.type, AUD_V_NULL);
    const aud_table *t = aud_results_table(r, "pooled_by_category");
    assert_non_null(t);
    assert_int_equal(t->nrows, 1);
    assert_string_equal(aud_table_cell_c(t, 0, 0)->str, "C");
    assert_int_equal(aud_table_cell_c(t, 0, 2)->i, 8);
    assert_true(aud_table_cell_c(t, 0, 4)->num == 60000.0);
    assert_true(aud_table_cell_c(t, 0, 5)->num == 240000.0);
    assert_true(aud_table_cell_c(t, 0, 6)->num == 75.0);
    /* median: 60 000 and 240 000 a year lie in their bins */
    double mw = aud_results_num(r, "pay_fte_median_women");
    assert_true(mw >= aud_sum_bin_edge(aud_sum_bin_of(60000)) && mw < aud_sum_bin_edge(aud_sum_bin_of(60000) + 1));
    aud_results_free(r);
    aud_summary_free(s);
    aud_dataset_free(d);
}

static char tmpdir[64];

static void write_employer(const char *name, const char *sector, double gap, size_t n, uint64_t seed)
{
    aud_dataset *d = sd_random(seed, n, 0.9);
    aud_options o;
    sd_options(&o, name, sector, 5);
    aud_results *r = aud_results_new();
    aud_results_set_num(r, "duncan_index_category", gap);
    aud_results_set_bool(r, "eu_joint_assessment", gap > 5);
    char path[256];
    snprintf(path, sizeof path, "%s/%s.json", tmpdir, name);
    aud_diag diag;
    assert_int_equal(aud_summary_write(d, &o, r, path, &diag), AUD_OK);
    aud_results_free(r);
    aud_dataset_free(d);
}

static int setup_files(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/musawat-bench-XXXXXX");
    if (!mkdtemp(tmpdir)) return -1;
    write_employer("A", "C10", 1, 120, 1);
    write_employer("B", "C10", 2, 90, 2);
    write_employer("C", "C10", 3, 150, 3);
    write_employer("D", "C13", 10, 70, 4);
    return 0;
}

static int teardown_files(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void file_list(char paths[4][256], const char *files[4])
{
    static const char *const n[4] = {"D", "B", "A", "C"};
    for (int i = 0; i < 4; i++) {
        snprintf(paths[i], 256, "%s/%s.json", tmpdir, n[i]);
        files[i] = paths[i];
    }
}

static void test_bench_distribution_focus_groups(void **state)
{
    (void)state;
    char paths[4][256];
    const char *files[4];
    file_list(paths, files);
    aud_options o;
    aud_options_defaults(&o);
    o.focus = "B";
    o.by = "sector";
    aud_bench *b;
    aud_diag diag;
    assert_int_equal(aud_bench_build(files, 4, &o, &b, &diag), AUD_OK);
    assert_int_equal(b->employers, 4);
    const aud_bench_dist *d = NULL;
    for (size_t i = 0; i < b->ndist; i++)
        if (!strcmp(b->dist[i].id, "duncan_index_category")) d = &b->dist[i];
    assert_non_null(d);
    assert_int_equal(d->n, 4);
    assert_true(d->min == 1 && d->max == 10);
    assert_true(fabs(d->p10 - 1.3) < 1e-12);
    assert_true(fabs(d->p25 - 1.75) < 1e-12);
    assert_true(d->median == 2.5);
    assert_true(fabs(d->p75 - 4.75) < 1e-12);
    assert_true(fabs(d->p90 - 7.9) < 1e-12);
    assert_true(d->has_focus && d->focus_value == 2 && d->focus_rank == 37.5);
    for (size_t i = 0; i < b->ndist; i++) assert_string_not_equal(b->dist[i].id, "eu_joint_assessment");
    assert_int_equal(b->ngroups, 1);
    assert_string_equal(b->groups[0].value, "C10");
    assert_int_equal(b->groups[0].employers, 3);
    assert_int_equal(b->hidden_employers, 1);
    assert_int_equal(aud_results_get(b->groups[0].pooled, "employers")->v.i, 3);
    json_t *j = aud_bench_to_json(b);
    assert_string_equal(json_string_value(json_object_get(j, "schema")), "musawat.benchmark/1");
    assert_true(json_real_value(json_object_get(json_object_get(json_object_get(j, "focus"), "percentile"),
                                                "duncan_index_category")) == 37.5);
    assert_int_equal(json_integer_value(json_object_get(j, "employers")), 4);
    json_decref(j);
    aud_bench_free(b);
}

static void test_bench_unknown_focus(void **state)
{
    (void)state;
    char paths[4][256];
    const char *files[4];
    file_list(paths, files);
    aud_options o;
    aud_options_defaults(&o);
    o.focus = "Nobody";
    aud_bench *b = NULL;
    aud_diag diag;
    aud_diag_clear(&diag);
    assert_int_equal(aud_bench_build(files, 4, &o, &b, &diag), AUD_E_USAGE);
    assert_null(b);
    assert_non_null(strstr(diag.message, "Nobody"));
}

static long file_bytes(const char *p, char **out)
{
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    *out = malloc((size_t)n);
    assert_int_equal(fread(*out, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return n;
}

/* Same inputs, same bytes, in every language. */
static void test_workbook_reproducible(void **state)
{
    (void)state;
    char paths[4][256], x1[300], x2[300];
    const char *files[4];
    file_list(paths, files);
    static const aud_lang langs[] = {AUD_LANG_FR, AUD_LANG_AR, AUD_LANG_EN};
    for (int l = 0; l < 3; l++) {
        aud_options o;
        aud_options_defaults(&o);
        o.focus = "C";
        o.by = "sector";
        o.lang = langs[l];
        o.source_date_epoch = 1767225600;
        const char *tpl = getenv("MUSAWAT_TEMPLATES");
        o.templates_dir = tpl ? tpl : "templates";
        snprintf(x1, sizeof x1, "%s/b1.xlsx", tmpdir);
        snprintf(x2, sizeof x2, "%s/b2.xlsx", tmpdir);
        aud_diag diag;
        for (int k = 0; k < 2; k++) {
            aud_bench *b;
            assert_int_equal(aud_bench_build(files, 4, &o, &b, &diag), AUD_OK);
            assert_int_equal(aud_benchmark_workbook_write(b, &o, k ? x2 : x1, &diag), AUD_OK);
            aud_bench_free(b);
        }
        char *a, *c;
        long na = file_bytes(x1, &a), nc = file_bytes(x2, &c);
        assert_true(na > 4000);
        assert_int_equal(na, nc);
        assert_memory_equal(a, c, (size_t)na);
        free(a);
        free(c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quantiles),
        cmocka_unit_test(test_pooled_exact_a),
        cmocka_unit_test(test_pooled_exact_b),
        cmocka_unit_test(test_pooled_quartiles),
        cmocka_unit_test(test_bench_distribution_focus_groups),
        cmocka_unit_test(test_bench_unknown_focus),
        cmocka_unit_test(test_workbook_reproducible),
    };
    return cmocka_run_group_tests_name("benchmark", tests, setup_files, teardown_files);
}
