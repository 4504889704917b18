/* test_sumfmt.c - summary building, privacy rules, strict reader, exact merge. */
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

#include "json_out.h"
#include "measures.h"
#include "sumdata.h"
#include "summary.h"
#include "sumfmt.h"

static char *dump(aud_summary *s)
{
    aud_summary_canonicalize(s);
    json_t *j = aud_summary_to_json(s);
    char *t = json_dumps(j, AUD_JSON_FLAGS);
    json_decref(j);
    assert_non_null(t);
    return t;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = '\0';
    fclose(f);
    return b;
}

/* true when `tok` occurs in text with no digit right before or after it */
static int has_token(const char *text, const char *tok)
{
    size_t n = strlen(tok);
    for (const char *p = strstr(text, tok); p; p = strstr(p + 1, tok)) {
        int before = p > text && p[-1] >= '0' && p[-1] <= '9';
        int after = p[n] >= '0' && p[n] <= '9';
        if (!before && !after) return 1;
    }
    return 0;
}

/* Every summary these tests write goes through here: it is scanned for
 * identifiers, CNSS numbers, birth dates and any single person's pay, and
 * every row is checked against min_cell. */
static aud_summary *write_scanned(const aud_dataset *d, const aud_options *o, const aud_results *r)
{
    char path[] = "/tmp/musawat-sum-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    aud_diag diag;
    aud_diag_clear(&diag);
    assert_int_equal(aud_summary_write(d, o, r, path, &diag), AUD_OK);
    char *text = slurp(path);
    for (uint32_t id = 1; id <= aud_strtab_count(d->ids); id++)
        assert_null(strstr(text, aud_strtab_get(d->ids, id)));
    aud_measures m;
    assert_int_equal(aud_measures_compute(d, o, &m), AUD_OK);
    for (size_t i = 0; i < m.n; i++) {
        char tok[64];
        if (d->wf.birth_date[i] != AUD_NO_DATE) {
            aud_format_date(d->wf.birth_date[i], tok);
            assert_null(strstr(text, tok));
        }
        if (!isfinite(m.pay_fte[i])) continue;
        snprintf(tok, sizeof tok, "%lld", (long long)llround(m.pay_fte[i] * 100));
        if (has_token(text, tok)) fail_msg("a person's pay in centimes (%s) appears in the summary", tok);
        snprintf(tok, sizeof tok, "%.2f", m.pay_fte[i]);
        if (has_token(text, tok)) fail_msg("a person's pay (%s) appears in the summary", tok);
    }
    aud_measures_free(&m);
    aud_summary *s = NULL;
    assert_int_equal(aud_summary_read_file(path, &s, &diag), AUD_OK);
    uint64_t k = (uint64_t)(o->min_cell > 5 ? o->min_cell : 5);
    for (int dim = 0; dim < AUD_SUM_NDIM; dim++)
        for (size_t i = 0; i < s->tables[dim].n; i++) {
            const aud_sum_row *w = &s->tables[dim].rows[i];
            assert_true(w->headcount >= k);
            assert_true(w->paid == 0 || w->paid >= k);
        }
    for (int si = 0; si < 2; si++) {      /* the extreme bins hold >= k people */
        int lo = -1, hi = -1;
        const aud_sum_hist *h = &s->hist[si];
        for (int b = 0; b < AUD_SUM_BINS; b++)
            if (h->bins[b]) { if (lo < 0) lo = b; hi = b; }
        if (lo >= 0 && !h->under) assert_true(h->bins[lo] >= k);
        if (hi >= 0 && !h->over) assert_true(h->bins[hi] >= k);
    }
    free(text);
    unlink(path);
    return s;
}

static void test_bins(void **state)
{
    (void)state;
    assert_int_equal(aud_sum_bin_of(99.99), -1);
    assert_int_equal(aud_sum_bin_of(100.0), 0);
    assert_int_equal(aud_sum_bin_of(100.9), 0);
    assert_int_equal(aud_sum_bin_of(102.0), 1);          /* 101 <= 102 < 102.01 */
    assert_int_equal(aud_sum_bin_of(1e7), AUD_SUM_BINS - 1);
    assert_int_equal(aud_sum_bin_of(1.01e7), AUD_SUM_BINS);
    assert_int_equal(aud_sum_bin_of(NAN), -1);
    assert_true(aud_sum_bin_edge(AUD_SUM_BINS) >= 1e7);
    assert_true(aud_sum_bin_edge(AUD_SUM_BINS - 1) < 1e7);
    for (int k = 0; k < AUD_SUM_BINS; k++) {
        assert_int_equal(aud_sum_bin_of(aud_sum_bin_edge(k)), k);
        assert_int_equal(aud_sum_bin_of(nextafter(aud_sum_bin_edge(k + 1), 0)), k);
    }
}

/* 6 women and 5 men in Cadres at 10 000 MAD a month, 2 men in Direction:
 * Direction (2 < 5) joins "other", still under 5, so the smallest group
 * still shown for men (Cadres, 5) folds into it: nobody is dropped, and the
 * audit's own figures can be published. */
static void test_hand_computed(void **state)
{
    (void)state;
    aud_dataset *d = sd_new();
    for (int i = 0; i < 6; i++) sd_add(d, &(person){AUD_SEX_F, "Cadres", 1985, 10000, AUD_NA, 0, 1, 1, 0});
    for (int i = 0; i < 5; i++) sd_add(d, &(person){AUD_SEX_M, "Cadres", 1975, 10000, 500, 3000, 1, 0, 1});
    for (int i = 0; i < 2; i++) sd_add(d, &(person){AUD_SEX_M, "Direction", 1965, 40000, AUD_NA, 0, 1, -1, -1});
    aud_options o;
    sd_options(&o, "Alpha", "C10", 5);
    aud_results *r = aud_results_new();
    aud_results_set_num(r, "pay_gap_mean_pct", 30.5);
    aud_results_set_num(r, "promotion_rate_men_pct", 0.0);
    aud_results_set_num(r, "egapro_i1_result", 2.5);
    aud_results_set_int(r, "egapro_index", 88);
    aud_results_set_int(r, "headcount", 13);
    aud_summary *s = write_scanned(d, &o, r);
    const aud_sum_employer *e = &s->employers[0];
    assert_true(aud_sum_employer_metric(e, "pay_gap_mean_pct")->num == 30.5);
    assert_true(aud_sum_employer_metric(e, "promotion_rate_men_pct")->num == 0.0);
    assert_true(aud_sum_employer_metric(e, "egapro_i1_result")->num == 2.5);
    assert_int_equal(aud_sum_employer_metric(e, "egapro_index")->i, 88);
    assert_int_equal(aud_sum_employer_metric(e, "headcount")->i, 13);
    aud_results_free(r);
    assert_int_equal(s->dropped[0], 0);
    assert_int_equal(s->dropped[1], 0);
    const aud_sum_table *t = &s->tables[AUD_SUM_CATEGORY];
    assert_int_equal(t->n, 2);
    assert_string_equal(t->rows[0].value, "Cadres");
    assert_int_equal(t->rows[0].sex, AUD_SEX_F);
    assert_int_equal(t->rows[0].headcount, 6);
    assert_true(t->rows[0].pay_sum == (aud_i128)6 * 12000000);         /* 120 000.00 MAD */
    assert_true(t->rows[0].pay_sumsq == (aud_i128)6 * 12000000 * 12000000);
    assert_int_equal(t->rows[0].promoted, 6);
    assert_int_equal(t->rows[0].raised, 0);
    assert_null(t->rows[1].value);                                       /* men: "other" */
    assert_int_equal(t->rows[1].sex, AUD_SEX_M);
    assert_int_equal(t->rows[1].headcount, 7);
    /* 5 x (12 x 10 500 + 3 000) + 2 x 12 x 40 000, in centimes */
    assert_true(t->rows[1].pay_sum == (aud_i128)5 * 12900000 + (aud_i128)2 * 48000000);
    assert_int_equal(t->rows[1].var_recipients, 5);
    assert_int_equal(t->rows[1].promotion_known, 5);
    assert_int_equal(t->rows[1].promoted, 0);
    assert_int_equal(t->rows[1].raised, 5);
    /* ln sums: round(ln(120000) * 1e9) per woman */
    assert_true(t->rows[0].ln_sum == (aud_i128)6 * llround(log(120000.0) * 1e9));
    /* age bands: women 1985 -> 40 at end 2025 -> "40-49"; men 1975 and 1965 -> "50+" */
    const aud_sum_table *a = &s->tables[AUD_SUM_AGE_BAND];
    assert_int_equal(a->n, 2);
    assert_string_equal(a->rows[0].value, "40-49");
    assert_string_equal(a->rows[1].value, "50+");
    assert_int_equal(a->rows[1].headcount, 7);
    /* histograms: all 6 women in the bin of 120 000; 7 men (< 2k - 1) all in
     * their median's bin, 129 000 */
    assert_int_equal(s->hist[0].bins[aud_sum_bin_of(120000.0)], 6);
    assert_int_equal(s->hist[1].bins[aud_sum_bin_of(129000.0)], 7);
    assert_string_equal(s->employers[0].size_band, "<50");
    assert_string_equal(s->employers[0].period_end, "2025-12-31");
    aud_summary_free(s);
    aud_dataset_free(d);
}

/* When every group of a sex is already in "other" and it is still too
 * small, its people are dropped, and the figures computed on everyone are
 * withheld: with the tables' exact sums they would give those people away. */
static void test_drop_last_resort(void **state)
{
    (void)state;
    aud_dataset *d = sd_new();
    for (int i = 0; i < 6; i++) sd_add(d, &(person){AUD_SEX_F, "Cadres", 1985, 10000, AUD_NA, 0, 1, 1, 0});
    for (int i = 0; i < 2; i++) sd_add(d, &(person){AUD_SEX_M, "Direction", 1965, 40000, AUD_NA, 0, 1, -1, -1});
    aud_options o;
    sd_options(&o, "Gamma", "C10", 5);
    aud_results *r = aud_results_new();
    aud_results_set_num(r, "pay_gap_mean_pct", 30.5);
    aud_results_set_int(r, "egapro_index", 88);
    aud_summary *s = write_scanned(d, &o, r);
    const aud_sum_employer *e = &s->employers[0];
    assert_int_equal(aud_sum_employer_metric(e, "pay_gap_mean_pct")->type, AUD_V_NULL);
    assert_int_equal(aud_sum_employer_metric(e, "egapro_index")->i, 88);
    assert_int_equal(s->dropped[0], 0);
    assert_int_equal(s->dropped[1], 2);
    assert_int_equal(s->tables[AUD_SUM_CATEGORY].n, 1);
    assert_int_equal(s->tables[AUD_SUM_AGE_BAND].n, 1);
    aud_results_free(r);
    aud_summary_free(s);
    aud_dataset_free(d);
}

/* Small groups of a sex are pooled into "other" when together they reach min_cell. */
static void test_other_row(void **state)
{
    (void)state;
    aud_dataset *d = sd_new();
    for (int i = 0; i < 3; i++) sd_add(d, &(person){AUD_SEX_F, "A", 1990, 8000 + i, AUD_NA, 0, 1, -1, -1});
    for (int i = 0; i < 2; i++) sd_add(d, &(person){AUD_SEX_F, "B", 1990, 9000 + i, AUD_NA, 0, 1, -1, -1});
    for (int i = 0; i < 6; i++) sd_add(d, &(person){AUD_SEX_F, "C", 1990, 7000 + i, AUD_NA, 0, 1, -1, -1});
    for (int i = 0; i < 5; i++) sd_add(d, &(person){AUD_SEX_M, "C", 1990, 7500 + i, AUD_NA, 0, 1, -1, -1});
    aud_options o;
    sd_options(&o, "Beta \xe9\xff", "C10", 2);      /* not UTF-8: written as '?'; min_cell 2 -> 5 */
    aud_summary *s = write_scanned(d, &o, NULL);
    const aud_sum_table *t = &s->tables[AUD_SUM_CATEGORY];
    assert_int_equal(t->n, 3);
    assert_string_equal(t->rows[0].value, "C");
    assert_null(t->rows[2].value);
    assert_int_equal(t->rows[2].sex, AUD_SEX_F);
    assert_int_equal(t->rows[2].headcount, 5);
    /* sum of A and B exactly: 12 x (8000 + 8001 + 8002 + 9000 + 9001) MAD in centimes */
    assert_true(t->rows[2].pay_sum == (aud_i128)12 * 42004 * 100);
    assert_int_equal(s->dropped[0] + s->dropped[1], 0);
    assert_string_equal(s->employers[0].name, "Beta ??");
    assert_int_equal(s->employers[0].min_cell, 5);
    aud_summary_free(s);
    aud_dataset_free(d);
}

/* Pay-gap metrics of an employer with under min_cell paid women are withheld;
 * counts and other metrics are kept; strings never copied. */
static void test_metric_withholding(void **state)
{
    (void)state;
    aud_dataset *d = sd_new();
    for (int i = 0; i < 3; i++) sd_add(d, &(person){AUD_SEX_F, "C", 1990, 8000 + i, AUD_NA, 0, 1, -1, -1});
    for (int i = 0; i < 9; i++) sd_add(d, &(person){AUD_SEX_M, "C", 1990, 7500 + i, AUD_NA, 0, 1, -1, -1});
    aud_results *r = aud_results_new();
    aud_results_set_int(r, "headcount", 12);
    aud_results_set_num(r, "pay_gap_mean_pct", -6.5);
    aud_results_set_num(r, "adjusted_gap_pct", -3.0);
    aud_results_set_num(r, "women_share_pct", 25.0);
    aud_results_set_bool(r, "eu_joint_assessment", true);
    aud_results_set_str(r, "egapro_mode", "csp");
    aud_results_set_null(r, "egapro_index", "not_calculable");
    aud_options o;
    sd_options(&o, "Gamma", "C13", 5);
    aud_summary *s = write_scanned(d, &o, r);
    const aud_sum_employer *e = &s->employers[0];
    assert_int_equal(aud_sum_employer_metric(e, "headcount")->i, 12);
    assert_int_equal(aud_sum_employer_metric(e, "pay_gap_mean_pct")->type, AUD_V_NULL);
    assert_int_equal(aud_sum_employer_metric(e, "adjusted_gap_pct")->type, AUD_V_NULL);
    assert_true(aud_sum_employer_metric(e, "women_share_pct")->num == 25.0);
    assert_true(aud_sum_employer_metric(e, "eu_joint_assessment")->b);
    assert_null(aud_sum_employer_metric(e, "egapro_mode"));
    assert_int_equal(aud_sum_employer_metric(e, "egapro_index")->type, AUD_V_NULL);
    /* the 3 women are left out entirely; men stay */
    assert_int_equal(s->dropped[0], 3);
    assert_int_equal(s->hist[0].bins[aud_sum_bin_of(96000.0)], 0);
    aud_summary_free(s);
    aud_results_free(r);
    aud_dataset_free(d);
}

/* Tail coding: the 5 lowest and 5 highest pays of a sex share the bin of the
 * 5th lowest / highest; under 2 x 5 - 1 people everyone is in the median's bin. */
static void test_hist_tails(void **state)
{
    (void)state;
    aud_dataset *d = sd_new();
    for (int i = 0; i < 12; i++)     /* 12 women, monthly 3 000 .. 36 000 */
        sd_add(d, &(person){AUD_SEX_F, "C", 1990, 3000.0 * (i + 1), AUD_NA, 0, 1, -1, -1});
    for (int i = 0; i < 6; i++)      /* 6 men, monthly 10 000 .. 60 000 */
        sd_add(d, &(person){AUD_SEX_M, "C", 1990, 10000.0 * (i + 1), AUD_NA, 0, 1, -1, -1});
    aud_options o;
    char longname[1500];                         /* cut to 1024 bytes, not inside a character */
    memset(longname, 'x', 1023);
    snprintf(longname + 1023, sizeof longname - 1023, "\xd9\x85\xd9\x85 tail");
    sd_options(&o, longname, "C10", 5);
    aud_summary *s = write_scanned(d, &o, NULL);
    const aud_sum_hist *f = &s->hist[0], *m = &s->hist[1];
    assert_int_equal(f->bins[aud_sum_bin_of(12 * 15000.0)], 5);     /* 1st..5th woman */
    assert_int_equal(f->bins[aud_sum_bin_of(12 * 18000.0)], 1);     /* 6th */
    assert_int_equal(f->bins[aud_sum_bin_of(12 * 21000.0)], 1);     /* 7th */
    assert_int_equal(f->bins[aud_sum_bin_of(12 * 24000.0)], 5);     /* 8th..12th */
    assert_int_equal(m->bins[aud_sum_bin_of(12 * 30000.0)], 6);     /* lower median of 6 */
    uint64_t tf = 0, tm = 0;
    for (int k = 0; k < AUD_SUM_BINS; k++) { tf += f->bins[k]; tm += m->bins[k]; }
    assert_int_equal(tf, 12);
    assert_int_equal(tm, 6);
    assert_int_equal(strlen(s->employers[0].name), 1023);
    aud_summary_free(s);
    aud_dataset_free(d);
}

/* Round trip: build, write, read, write again: same bytes and same figures. */
static void test_round_trip(void **state)
{
    (void)state;
    aud_dataset *d = sd_random(7, 400, 0.85);
    aud_results *r = aud_results_new();
    aud_results_set_num(r, "duncan_index_category", 12.345678901234567);
    aud_results_set_int(r, "headcount", 400);
    aud_options o;
    sd_options(&o, "Delta \"SA\"", "C10", 5);
    aud_summary *built = NULL;
    aud_diag diag;
    assert_int_equal(aud_summary_build(d, &o, r, &built, &diag), AUD_OK);
    char *a = dump(built);
    aud_summary *back = NULL;
    assert_int_equal(aud_summary_read_buf(a, strlen(a), "mem", &back, &diag), AUD_OK);
    char *b = dump(back);
    assert_string_equal(a, b);
    assert_true(aud_sum_employer_metric(&back->employers[0], "duncan_index_category")->num == 12.345678901234567);
    assert_int_equal(back->tables[0].n, built->tables[0].n);
    for (size_t i = 0; i < back->tables[0].n; i++) {
        assert_true(back->tables[0].rows[i].pay_sumsq == built->tables[0].rows[i].pay_sumsq);
        assert_true(back->tables[0].rows[i].ln_sumsq == built->tables[0].rows[i].ln_sumsq);
    }
    assert_memory_equal(back->hist, built->hist, sizeof built->hist);
    free(a); free(b);
    aud_summary_free(back);
    aud_summary_free(built);
    aud_summary *scanned = write_scanned(d, &o, r);
    aud_summary_free(scanned);
    aud_results_free(r);
    aud_dataset_free(d);
}

/* Merging in any order and in any staging gives the same bytes. */
static void test_merge_laws(void **state)
{
    (void)state;
    enum { N = 6 };
    aud_summary *parts[N];
    static const char *const names[N] = {"E1", "E2", "E3", "E4", "E5", "E6"};
    for (int i = 0; i < N; i++) {
        aud_dataset *d = sd_random((uint64_t)i + 100, 60 + 37 * (size_t)i, 0.9);
        aud_options o;
        sd_options(&o, names[i], i % 2 ? "C10" : "C13", 5);
        aud_results *r = aud_results_new();
        aud_results_set_num(r, "pay_gap_mean_pct", 1.0 / (i + 3));
        aud_diag diag;
        assert_int_equal(aud_summary_build(d, &o, r, &parts[i], &diag), AUD_OK);
        aud_results_free(r);
        aud_dataset_free(d);
    }
    char *ref = NULL;
    uint64_t seed = 42;
    for (int trial = 0; trial < 12; trial++) {
        int order[N];
        for (int i = 0; i < N; i++) order[i] = i;
        for (int i = N - 1; i > 0; i--) {
            int j = (int)(sd_rand(&seed) % (uint64_t)(i + 1));
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        /* stage: merge a random prefix, round-trip it through JSON, then the rest */
        int cut = 1 + (int)(sd_rand(&seed) % (N - 1));
        aud_summary *stage = aud_summary_new(), *acc = aud_summary_new();
        aud_diag diag;
        for (int i = 0; i < cut; i++) assert_int_equal(aud_summary_merge(stage, parts[order[i]], &diag), AUD_OK);
        char *st = dump(stage);
        aud_summary *reread = NULL;
        assert_int_equal(aud_summary_read_buf(st, strlen(st), "stage", &reread, &diag), AUD_OK);
        for (int i = cut; i < N; i++) assert_int_equal(aud_summary_merge(acc, parts[order[i]], &diag), AUD_OK);
        if (trial % 2) assert_int_equal(aud_summary_merge(acc, reread, &diag), AUD_OK);
        else {
            assert_int_equal(aud_summary_merge(reread, acc, &diag), AUD_OK);
            aud_summary *t = acc; acc = reread; reread = t;
        }
        char *out = dump(acc);
        if (!ref) ref = out;
        else { assert_string_equal(ref, out); free(out); }
        free(st);
        aud_summary_free(stage); aud_summary_free(acc); aud_summary_free(reread);
    }
    assert_non_null(strstr(ref, "\"E6\""));
    free(ref);
    for (int i = 0; i < N; i++) aud_summary_free(parts[i]);
}

static const char valid_doc[] =
    "{\"schema\": \"musawat.summary/1\", \"employers\": [{\"name\": \"X\", \"sector\": \"C10\", \"region\": \"\","
    " \"size_band\": \"<50\", \"period\": {\"start\": \"2025-01-01\", \"end\": \"2025-12-31\"}, \"min_cell\": 5,"
    " \"metrics\": {\"headcount\": 10, \"pay_gap_mean_pct\": 3.5}}],"
    " \"suppressed\": {\"F\": 0, \"M\": 0},"
    " \"tables\": {\"category\": [{\"value\": \"C\", \"sex\": \"F\", \"headcount\": 5, \"paid\": 5,"
    " \"variable_recipients\": 0, \"promotion_known\": 5, \"promoted\": 1, \"raise_known\": 0, \"raised\": 0,"
    " \"pay_fte_centimes_sum\": 60000000, \"pay_fte_centimes_sumsq\": \"720000000000000\","
    " \"ln_pay_fte_nano_sum\": 58476235110, \"ln_pay_fte_nano_sumsq\": \"683894014527999342420\"},"
    " {\"other\": true, \"sex\": \"M\", \"headcount\": 5, \"paid\": 0, \"variable_recipients\": 0,"
    " \"promotion_known\": 0, \"promoted\": 0, \"raise_known\": 0, \"raised\": 0, \"pay_fte_centimes_sum\": 0,"
    " \"pay_fte_centimes_sumsq\": 0, \"ln_pay_fte_nano_sum\": 0, \"ln_pay_fte_nano_sumsq\": 0}],"
    " \"age_band\": [{\"value\": \"\", \"sex\": \"F\", \"headcount\": 5, \"paid\": 5,"
    " \"variable_recipients\": 0, \"promotion_known\": 5, \"promoted\": 1, \"raise_known\": 0, \"raised\": 0,"
    " \"pay_fte_centimes_sum\": 60000000, \"pay_fte_centimes_sumsq\": \"720000000000000\","
    " \"ln_pay_fte_nano_sum\": 58476235110, \"ln_pay_fte_nano_sumsq\": \"683894014527999342420\"},"
    " {\"value\": \"30-39\", \"sex\": \"M\", \"headcount\": 5, \"paid\": 0, \"variable_recipients\": 0,"
    " \"promotion_known\": 0, \"promoted\": 0, \"raise_known\": 0, \"raised\": 0, \"pay_fte_centimes_sum\": 0,"
    " \"pay_fte_centimes_sumsq\": 0, \"ln_pay_fte_nano_sum\": 0, \"ln_pay_fte_nano_sumsq\": 0}]},"
    " \"histograms\": {\"F\": {\"underflow\": 0, \"overflow\": 0, \"omitted\": 0, \"first\": 700, \"counts\": [5]},"
    " \"M\": {\"underflow\": 0, \"overflow\": 0, \"omitted\": 0, \"first\": 0, \"counts\": []}}}";

/* Replace the first occurrence of `from` in valid_doc by `to` and read it. */
static aud_err read_variant(const char *from, const char *to, aud_diag *diag)
{
    char buf[8192];
    const char *p = strstr(valid_doc, from);
    assert_non_null(p);
    size_t pre = (size_t)(p - valid_doc);
    snprintf(buf, sizeof buf, "%.*s%s%s", (int)pre, valid_doc, to, p + strlen(from));
    aud_summary *s = NULL;
    aud_diag_clear(diag);
    aud_err e = aud_summary_read_buf(buf, strlen(buf), "s.json", &s, diag);
    aud_summary_free(s);
    return e;
}

static void expect_refused(const char *from, const char *to, const char *needle)
{
    aud_diag diag;
    assert_int_equal(read_variant(from, to, &diag), AUD_E_SUMMARY);
    assert_string_equal(diag.file, "s.json");
    if (!strstr(diag.message, needle)) fail_msg("message \"%s\" lacks \"%s\"", diag.message, needle);
}

static void test_reader_valid(void **state)
{
    (void)state;
    aud_diag diag;
    assert_int_equal(read_variant("\"X\"", "\"X\"", &diag), AUD_OK);
}

static void test_reader_refuses(void **state)
{
    (void)state;
    expect_refused("musawat.summary/1", "musawat.summary/2", "field schema: unknown version");
    expect_refused("musawat.summary/1", "musawat.audit/1", "is not a musawat summary");
    expect_refused("\"headcount\": 5, \"paid\": 5", "\"headcount\": -5, \"paid\": 5",
                   "field tables.category[0].headcount: negative count (-5)");
    expect_refused("3.5", "NaN", "not a valid JSON summary");
    expect_refused("3.5", "Infinity", "not a valid JSON summary");
    expect_refused("3.5", "1e999", "not a valid JSON summary");
    expect_refused("3.5", "\"3.5\"", "field employers[0].metrics.pay_gap_mean_pct");
    expect_refused("\"raise_known\": 0, \"raised\": 0,", "\"raise_known\": 0,", "field tables.category[0].raised: missing");
    expect_refused("\"first\": 700", "\"first\": 1158", "field histograms.F.first");
}

static void test_reader_consistency(void **state)
{
    (void)state;
    aud_diag diag;
    assert_int_equal(read_variant("\"first\": 700", "\"first\": 1157", &diag), AUD_OK);
    expect_refused("\"counts\": [5]", "\"counts\": [4]", "must add up to the paid people");
    expect_refused("\"counts\": [5]", "\"counts\": [5, 0, -1]", "negative count");
    expect_refused("\"paid\": 5,", "\"paid\": 6,", "cannot exceed headcount");
    expect_refused("\"promoted\": 1", "\"promoted\": 6", "cannot exceed promotion_known");
    expect_refused("\"headcount\": 5, \"paid\": 5", "\"headcount\": 5, \"paid\": 4", "fewer than 5");
    expect_refused("\"pay_fte_centimes_sum\": 60000000", "\"pay_fte_centimes_sum\": 3",
                   "inconsistent with paid");
    expect_refused("\"value\": \"30-39\"", "\"value\": \"30-40\"", "age band");
    expect_refused("\"sex\": \"F\"", "\"sex\": \"X\"", "\"F\" or \"M\"");
    expect_refused("\"size_band\": \"<50\"", "\"size_band\": \"small\"", "size_band");
    expect_refused("\"end\": \"2025-12-31\"", "\"end\": \"2025-02-30\"", "period.end");
    expect_refused("\"employers\": [", "\"employers\": [], \"x\": [", "non-empty array");
    expect_refused("\"pay_fte_centimes_sumsq\": \"720000000000000\"", "\"pay_fte_centimes_sumsq\": \"72e13\"",
                   "exact whole number");
    expect_refused("{\"schema\"", "[{\"schema\"", "not a valid JSON");
}

/* A field that is missing or of the wrong type is refused with the field
 * named; reading never goes on with the value unset. */
static void test_reader_unset_fields(void **state)
{
    (void)state;
    expect_refused("\"size_band\": \"<50\", ", "", "field employers[0].size_band: missing");
    expect_refused("\"size_band\": \"<50\"", "\"size_band\": 50", "field employers[0].size_band: a string is expected");
    expect_refused("\"start\": \"2025-01-01\", ", "", "field employers[0].period.start: missing");
    expect_refused("\"end\": \"2025-12-31\"", "\"end\": null", "field employers[0].period.end: a string is expected");
    expect_refused("\"value\": \"C\", ", "", "field tables.category[0].value: missing");
    expect_refused("\"sex\": \"F\", ", "", "field tables.category[0].sex: missing");
    expect_refused("{\"value\": \"C\"", "7, {\"value\": \"C\"", "field tables.category[0]: an object is expected");
    expect_refused("{\"other\": true, ", "{\"other\": false, ", "cannot both be given");
}

typedef struct seen { size_t n, order_ok; } seen;

static aud_err count_each(void *ctx, size_t index, aud_summary *s, aud_diag *diag)
{
    (void)diag;
    seen *c = ctx;
    if (index == c->n && s != NULL) c->order_ok++;
    c->n++;
    return AUD_OK;
}

/* Files are handed over once each and in order, across batch and thread
 * boundaries; no file is no call; a bad file stops with its name. */
static void test_read_many(void **state)
{
    (void)state;
    char path[] = "/tmp/test_sumfmt_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, valid_doc, strlen(valid_doc)), (ssize_t)strlen(valid_doc));
    close(fd);
    enum { N = 300 };                          /* more than two batches of 128 */
    static const char *files[N];
    for (size_t i = 0; i < N; i++) files[i] = path;
    aud_diag diag;
    seen c = {0, 0};
    assert_int_equal(aud_summary_read_many(files, 0, count_each, &c, &diag), AUD_OK);
    assert_int_equal(c.n, 0);
    assert_int_equal(aud_summary_read_many(files, N, count_each, &c, &diag), AUD_OK);
    assert_int_equal(c.n, N);
    assert_int_equal(c.order_ok, N);
    files[200] = "/nonexistent/s.json";
    c = (seen){0, 0};
    aud_diag_clear(&diag);
    assert_int_equal(aud_summary_read_many(files, N, count_each, &c, &diag), AUD_E_IO);
    assert_int_equal(c.n, 200);
    assert_string_equal(diag.file, "/nonexistent/s.json");
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bins),
        cmocka_unit_test(test_hand_computed), cmocka_unit_test(test_drop_last_resort),
        cmocka_unit_test(test_other_row),
        cmocka_unit_test(test_metric_withholding),
        cmocka_unit_test(test_hist_tails),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_merge_laws),
        cmocka_unit_test(test_reader_valid),
        cmocka_unit_test(test_reader_refuses),
        cmocka_unit_test(test_reader_consistency),
        cmocka_unit_test(test_reader_unset_fields),
        cmocka_unit_test(test_read_many),
    };
    return cmocka_run_group_tests_name("sumfmt", tests, NULL, NULL);
}
