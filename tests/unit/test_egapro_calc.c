/* Egapro scoring rules against the worked cases of egapro.md §12. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "egapro_calc.h"

#define NEAR(a, b, eps) do { double a_ = (a), b_ = (b); \
    if (!(fabs(a_ - b_) <= (eps))) fail_msg("%s = %.17g, expected %.17g", #a, a_, b_); } while (0)
#define INT_EQ(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
    if (a_ != b_) fail_msg("%s = %lld, expected %lld", #a, a_, b_); } while (0)

static const double X = NAN;   /* pay not needed: invalid group */

/* ---- shared rules (§2) ---- */

static void test_rule40(void **state)
{
    (void)state;
    assert_true(aud_egcalc_rule40(40, 100));
    assert_false(aud_egcalc_rule40(39, 100));
    assert_false(aud_egcalc_rule40(200, 600));
    assert_true(aud_egcalc_rule40(350, 700));
    assert_false(aud_egcalc_rule40(0, 0));
}

static void test_round1_edges(void **state)
{
    (void)state;
    INT_EQ(aud_egcalc_round1_tenths(2.05), 21);
    INT_EQ(aud_egcalc_round1_tenths(5.05), 51);
    INT_EQ(aud_egcalc_round1_tenths(10.05), 101);
    INT_EQ(aud_egcalc_round1_tenths(-2.05), 21);
    INT_EQ(aud_egcalc_round1_tenths(2.04), 20);
    INT_EQ(aud_egcalc_round1_tenths(0.049999), 0);
    INT_EQ(aud_egcalc_round1_tenths(0.05), 1);
    INT_EQ(aud_egcalc_round1_tenths(6.104589), 61);
    NEAR(aud_egcalc_round1(4.393724), 4.4, 1e-12);
    assert_true(aud_egcalc_round1_tenths(NAN) > 1000);
}

static void test_seuil(void **state)
{
    (void)state;
    /* CSP (5 points); egapro.md gives the fractions 0.05 -> 0, 0.051 -> 0.001 ... */
    NEAR(aud_egcalc_seuil(5.0, 5), 0.0, 1e-12);
    NEAR(aud_egcalc_seuil(5.1, 5), 0.1, 1e-9);
    NEAR(aud_egcalc_seuil(10.0, 5), 5.0, 1e-12);
    NEAR(aud_egcalc_seuil(36.8794, 5), 31.8794, 1e-9);
    NEAR(aud_egcalc_seuil(-30.0, 5), -25.0, 1e-12);
    NEAR(aud_egcalc_seuil(-3.0, 5), 0.0, 1e-12);
    /* levels / coefficients (2 points) */
    NEAR(aud_egcalc_seuil(2.0, 2), 0.0, 1e-12);
    NEAR(aud_egcalc_seuil(2.1, 2), 0.1, 1e-9);
    NEAR(aud_egcalc_seuil(5.0, 2), 3.0, 1e-12);
    NEAR(aud_egcalc_seuil(10.0, 2), 8.0, 1e-12);
    NEAR(aud_egcalc_seuil(-30.0, 2), -28.0, 1e-12);
}

/* ---- indicator 1 ---- */

static int n1(double x) { return aud_egcalc_note_i1(aud_egcalc_round1_tenths(x)); }

static void test_i1_table(void **state)
{
    (void)state;
    INT_EQ(n1(0), 40);
    INT_EQ(n1(0.1), 39); INT_EQ(n1(0.5), 39); INT_EQ(n1(1), 39);
    INT_EQ(n1(2.0), 38); INT_EQ(n1(2.01), 38); INT_EQ(n1(2.04), 38);
    INT_EQ(n1(2.05), 37); INT_EQ(n1(2.09), 37); INT_EQ(n1(2.1), 37); INT_EQ(n1(2.2), 37);
    INT_EQ(n1(7), 33); INT_EQ(n1(7.1), 31); INT_EQ(n1(8), 31);
    INT_EQ(n1(13.2), 19); INT_EQ(n1(50.5), 0);
    /* Python thresholds */
    INT_EQ(n1(0.047), 40); INT_EQ(n1(0.05), 39); INT_EQ(n1(5.04), 35);
    INT_EQ(n1(5.05), 34); INT_EQ(n1(112), 0);
    /* every bracket boundary of the T1 table */
    static const int T1[] = {40, 39, 38, 37, 36, 35, 34, 33, 31, 29, 27, 25, 23, 21, 19,
                             17, 14, 11, 8, 5, 2, 0};
    for (int k = 1; k <= 21; k++) {
        INT_EQ(aud_egcalc_note_i1(10 * k), T1[k]);          /* k.0 */
        INT_EQ(aud_egcalc_note_i1(10 * k - 9), T1[k]);      /* (k-1).1 */
    }
    INT_EQ(aud_egcalc_note_i1(201), 0);
    INT_EQ(aud_egcalc_note_i1(200), 2);
}

static void test_i1_group_gap(void **state)
{
    (void)state;
    aud_eg_group g[2] = {{3, 3, 12000, 19000}, {3, 3, 28000, 21500}};
    aud_eg_group_out out[2];
    aud_eg_ind r;
    aud_egcalc_i1(g, 2, AUD_EG_SEUIL_CSP, out, &r);
    NEAR(out[0].gap_pct, 36.8421, 1e-4);
    NEAR(out[1].gap_pct, -30.2326, 1e-4);
    NEAR(out[0].adj_pct, 31.8421, 1e-4);
    NEAR(out[1].adj_pct, -25.2326, 1e-4);
    /* (31.8421 - 25.2326) / 2 = 3.30475 -> 3.3, favours men -> 36 */
    assert_true(r.calculable);
    NEAR(r.result, 3.3, 1e-12);
    assert_int_equal(r.favours, AUD_EG_MEN);
    INT_EQ(r.points, 36);
}

static void test_i1_missing_salary(void **state)
{
    (void)state;
    /* F 0 / H 0: undefined gap; the current simulator counts it as 0 but keeps
     * the group's weight. */
    aud_eg_group g[2] = {{3, 3, 0, 0}, {3, 3, 90, 100}};
    aud_eg_group_out out[2];
    aud_eg_ind r;
    aud_egcalc_i1(g, 2, AUD_EG_SEUIL_CSP, out, &r);
    NEAR(out[0].gap_pct, 0, 0);
    NEAR(out[0].weight, 0.5, 1e-15);
    /* (10 - 5) * 6/12 = 2.5 */
    NEAR(r.total, 2.5, 1e-12);
    INT_EQ(r.points, 37);
}

static void test_i1_weighted(void **state)
{
    (void)state;
    /* gap 0.12 (after seuil), n 23, N_valid 321 -> 0.008598 (fraction) */
    aud_eg_group g[2] = {{10, 13, 83, 100}, {100, 198, 50, 50}};
    aud_eg_group_out out[2];
    aud_eg_ind r;
    aud_egcalc_i1(g, 2, AUD_EG_SEUIL_CSP, out, &r);
    NEAR(out[0].adj_pct, 12.0, 1e-9);
    NEAR(out[0].weight, 23.0 / 321.0, 1e-15);
    NEAR(r.total, 0.8598, 1e-4);
    NEAR(r.result, 0.9, 1e-12);
    INT_EQ(r.points, 39);
}

static void test_i1_egvi40pcet(void **state)
{
    (void)state;
    /* valid 39 of 100 -> not calculable; 40 of 100 -> calculable */
    aud_eg_group g[2] = {{20, 19, 90, 100}, {30, 31, X, X}};
    aud_eg_group_out out[2];
    aud_eg_ind r;
    aud_egcalc_i1(g, 2, AUD_EG_SEUIL_CSP, out, &r);
    assert_true(out[0].valid);
    assert_true(out[1].valid);   /* 30/31: valid too -> 100 % */
    g[1].women = 2; g[1].men = 59;
    aud_egcalc_i1(g, 2, AUD_EG_SEUIL_CSP, out, &r);
    assert_false(out[1].valid);
    assert_false(r.calculable);
    assert_string_equal(r.reason, "egvi40pcet");
    g[0].men = 20; g[1].men = 58;
    aud_egcalc_i1(g, 2, AUD_EG_SEUIL_CSP, out, &r);
    assert_true(r.calculable);
    aud_egcalc_i1(g, 0, AUD_EG_SEUIL_CSP, NULL, &r);
    assert_false(r.calculable);
}

/* Walk-through A (egapro.md §12.1): 16 CSP x age groups. */
static void walkthrough_a_groups(aud_eg_group g[16])
{
    static const double wm[16][2] = {
        {0, 0}, {1, 5}, {2, 3}, {9, 4},      /* ouv */
        {2, 7}, {6, 8}, {2, 4}, {8, 6},      /* emp */
        {0, 0}, {1, 1}, {0, 0}, {0, 0},      /* tam */
        {1, 2}, {1, 5}, {3, 10}, {2, 8},     /* ic */
    };
    for (int i = 0; i < 16; i++) {
        g[i].women = wm[i][0]; g[i].men = wm[i][1];
        g[i].pay_women = g[i].pay_men = NAN;
    }
    g[3].pay_women = 23933; g[3].pay_men = 26773;
    g[5].pay_women = 31305; g[5].pay_men = 31102;
    g[7].pay_women = 30445; g[7].pay_men = 29666;
    g[14].pay_women = 80539; g[14].pay_men = 59235;
}

static void test_walkthrough_a(void **state)
{
    (void)state;
    aud_eg_group g[16];
    aud_eg_group_out out[16];
    walkthrough_a_groups(g);
    aud_eg_ind i1, i23, i4, i5;
    aud_egcalc_i1(g, 16, AUD_EG_SEUIL_CSP, out, &i1);
    assert_true(i1.calculable);
    NEAR(out[3].gap_pct, 10.607702, 1e-6);
    NEAR(out[5].gap_pct, -0.652691, 1e-6);
    NEAR(out[7].gap_pct, -2.625902, 1e-6);
    NEAR(out[14].gap_pct, -35.965223, 1e-6);
    NEAR(out[3].adj_pct * 13 / 54, 1.350002, 1e-6);
    NEAR(out[14].adj_pct * 13 / 54, -7.454591, 1e-6);
    NEAR(out[3].weight, 13.0 / 54.0, 1e-15);
    NEAR(i1.total, -6.104589, 1e-6);
    NEAR(i1.result, 6.1, 1e-12);
    assert_int_equal(i1.favours, AUD_EG_WOMEN);
    INT_EQ(i1.points, 33);

    aud_egcalc_i2et3(38, 63, 12, 17, &i23);
    assert_true(i23.calculable);
    NEAR(i23.result, 4.6, 1e-12);
    NEAR(i23.result2, 1.7, 1e-12);
    assert_int_equal(i23.favours, AUD_EG_WOMEN);
    INT_EQ(i23.note, 35);
    aud_egcalc_correct(&i1, &i23);
    assert_false(i23.compensated);
    INT_EQ(i23.points, 35);

    aud_egcalc_i4(0, 0, true, &i4);
    assert_false(i4.calculable);
    assert_string_equal(i4.reason, "absrcm");
    aud_egcalc_i5(2, 8, &i5);
    INT_EQ(i5.points, 5);
    assert_int_equal(i5.favours, AUD_EG_MEN);

    const aud_eg_ind *all[] = {&i1, &i23, &i4, &i5};
    aud_eg_index ix;
    aud_egcalc_index(all, 4, &ix);
    INT_EQ(ix.points, 73);
    INT_EQ(ix.max_points, 85);
    assert_true(ix.calculable);
    INT_EQ(ix.index, 86);
    assert_string_equal(ix.obligation, "none");
}

/* Walk-through B (§12.2): level mode, seuil 2, compensation of 2et3. */
static void test_walkthrough_b(void **state)
{
    (void)state;
    aud_eg_group g[4] = {
        {6, 35, 23389, 23296}, {5, 7, 22122, 24006}, {4, 10, 35983, 28103},
        {2, 38, X, X},   /* the other, invalid groups: 107 - 67 = 40 people */
    };
    aud_eg_group_out out[4];
    aud_eg_ind i1, i23, i4, i5;
    aud_egcalc_i1(g, 4, AUD_EG_SEUIL_LEVEL, out, &i1);
    NEAR(out[0].gap_pct, -0.399210, 1e-6);
    NEAR(out[1].gap_pct, 7.848038, 1e-6);
    NEAR(out[2].gap_pct, -28.039711, 1e-6);
    NEAR(out[1].adj_pct, 5.848038, 1e-6);
    NEAR(out[0].adj_pct, 0, 0);
    NEAR(i1.total, -4.393724, 1e-6);
    NEAR(i1.result, 4.4, 1e-12);
    assert_int_equal(i1.favours, AUD_EG_WOMEN);
    INT_EQ(i1.points, 35);

    aud_egcalc_i2et3(18, 89, 3, 24, &i23);
    NEAR(i23.total / 100, 0.102996, 1e-6);
    NEAR(i23.result, 10.3, 1e-12);
    NEAR(i23.result2, 1.9, 1e-12);
    INT_EQ(i23.note, 35);
    assert_int_equal(i23.favours, AUD_EG_MEN);
    aud_egcalc_correct(&i1, &i23);
    assert_true(i23.compensated);
    INT_EQ(i23.points, 35);

    aud_egcalc_i4(0, 0, true, &i4);
    aud_egcalc_i5(2, 8, &i5);
    const aud_eg_ind *all[] = {&i1, &i23, &i4, &i5};
    aud_eg_index ix;
    aud_egcalc_index(all, 4, &ix);
    INT_EQ(ix.points, 75);
    INT_EQ(ix.max_points, 85);
    INT_EQ(ix.index, 88);
}

/* A declared indicator 1/2/3: result and favoured sex -> note. */
static aud_eg_ind declared(int which, double result, aud_eg_fav fav)
{
    aud_eg_ind x;
    memset(&x, 0, sizeof x);
    x.applicable = x.calculable = true;
    int64_t t = aud_egcalc_round1_tenths(result);
    x.result = (double)t / 10;
    x.favours = t == 0 ? AUD_EG_EQUALITY : fav;
    switch (which) {
    case 1: x.note = aud_egcalc_note_i1(t); x.max_points = 40; break;
    case 2: x.note = aud_egcalc_note_i2(t); x.max_points = 20; break;
    default: x.note = aud_egcalc_note_i3(t); x.max_points = 15; break;
    }
    x.points = x.note;
    return x;
}

static aud_eg_ind declared_23(double pct, double emp, aud_eg_fav fav)
{
    aud_eg_ind x;
    memset(&x, 0, sizeof x);
    x.applicable = x.calculable = true;
    x.favours = fav;
    x.max_points = 35;
    int a = aud_egcalc_note_i2et3(aud_egcalc_round1_tenths(pct));
    int b = aud_egcalc_note_i2et3(aud_egcalc_round1_tenths(emp));
    x.note = x.points = a > b ? a : b;
    return x;
}

static aud_eg_ind fixed(int points, int max)
{
    aud_eg_ind x;
    memset(&x, 0, sizeof x);
    x.applicable = true;
    x.calculable = points >= 0;
    x.points = x.note = points;
    x.max_points = max;
    return x;
}

static void test_walkthrough_c(void **state)
{
    (void)state;
    aud_eg_ind i1 = declared(1, 0.2, AUD_EG_WOMEN);
    INT_EQ(i1.points, 39);
    aud_eg_csp c[4] = {
        {0, 0, 0, 0},          /* ouv */
        {145, 104, 2, 6},      /* emp */
        {5, 19, 0, 0},         /* tam */
        {3, 9, 0, 0},          /* ic */
    };
    aud_eg_group_out out[4];
    aud_eg_ind i2, i3, i4, i5;
    aud_egcalc_i2i3(2, c, 4, false, NULL, &i2);
    assert_false(i2.calculable);
    assert_string_equal(i2.reason, "absaugi");
    aud_egcalc_i2i3(3, c, 4, true, out, &i3);
    assert_true(i3.calculable);
    assert_true(out[1].valid);
    assert_false(out[2].valid);
    NEAR(out[1].weight, 1.0, 1e-15);
    NEAR(i3.result, 4.0, 1e-12);
    assert_int_equal(i3.favours, AUD_EG_MEN);
    INT_EQ(i3.note, 10);
    aud_egcalc_correct(&i1, &i3);
    assert_true(i3.compensated);
    INT_EQ(i3.points, 15);
    aud_egcalc_i4(7, 7, true, &i4);
    INT_EQ(i4.points, 15);
    NEAR(i4.result, 100, 0);
    aud_egcalc_i5(3, 7, &i5);
    INT_EQ(i5.points, 5);
    const aud_eg_ind *all[] = {&i1, &i2, &i3, &i4, &i5};
    aud_eg_index ix;
    aud_egcalc_index(all, 5, &ix);
    INT_EQ(ix.points, 74);
    INT_EQ(ix.max_points, 80);
    INT_EQ(ix.index, 93);
    assert_string_equal(ix.obligation, "none");
}

static int index_of(aud_eg_ind *v, size_t n, aud_eg_index *ix)
{
    const aud_eg_ind *p[6];
    for (size_t i = 0; i < n; i++) p[i] = &v[i];
    aud_egcalc_index(p, n, ix);
    return ix->calculable ? ix->index : -1;
}

/* §12.5: declared results -> notes -> index. */
static void test_declarations(void **state)
{
    (void)state;
    aud_eg_index ix;
    /* bug #1820 (251:999) */
    aud_eg_ind a[5] = {declared(1, 2.4, AUD_EG_WOMEN), declared(2, 1.4, AUD_EG_MEN),
                       declared(3, 4.7, AUD_EG_WOMEN), fixed(15, 15), fixed(10, 10)};
    aud_egcalc_correct(&a[0], &a[1]);
    aud_egcalc_correct(&a[0], &a[2]);
    INT_EQ(a[0].points, 37); INT_EQ(a[1].points, 20); INT_EQ(a[2].points, 10);
    assert_true(a[1].compensated);
    assert_false(a[2].compensated);
    INT_EQ(index_of(a, 5, &ix), 92);
    INT_EQ(ix.points, 92);

    /* Python test_declaration: 1.28 / 1.03 / 2.03 / 88 % / 3 */
    aud_eg_ind b[5] = {declared(1, 1.28, AUD_EG_MEN), declared(2, 1.03, AUD_EG_MEN),
                       declared(3, 2.03, AUD_EG_MEN), fixed(0, 15),
                       fixed(aud_egcalc_note_i5(3), 10)};
    INT_EQ(b[0].points, 38); INT_EQ(b[1].points, 20); INT_EQ(b[2].points, 15);
    INT_EQ(index_of(b, 5, &ix), 78);

    /* test_put_declaration_should_compute_notes: 5.28 / 5.03 / 2.03 / 88 / 3 */
    aud_eg_ind c[5] = {declared(1, 5.28, AUD_EG_MEN), declared(2, 5.03, AUD_EG_MEN),
                       declared(3, 2.03, AUD_EG_MEN), fixed(0, 15), fixed(5, 10)};
    INT_EQ(c[0].points, 34); INT_EQ(c[1].points, 10); INT_EQ(c[2].points, 15);
    INT_EQ(index_of(c, 5, &ix), 64);
    assert_string_equal(ix.obligation, "corrective_measures_and_objectives");

    /* ..._for_50_250: 5.28; 2et3 4.73 % and 5.5 employees; 88; 3 */
    aud_eg_ind d[4] = {declared(1, 5.28, AUD_EG_MEN), declared_23(4.73, 5.5, AUD_EG_MEN),
                       fixed(0, 15), fixed(5, 10)};
    INT_EQ(d[1].points, 25);
    INT_EQ(index_of(d, 4, &ix), 64);
}

static void test_declared_2et3(void **state)
{
    (void)state;
    INT_EQ(declared_23(5, 6, AUD_EG_MEN).points, 25);
    INT_EQ(declared_23(5.05, 2, AUD_EG_MEN).points, 35);
    INT_EQ(declared_23(15, 0, AUD_EG_MEN).points, 35);
    INT_EQ(declared_23(0, 15, AUD_EG_MEN).points, 35);
    /* official help example: 3.13 % x 15 women = 0.4695 -> 0.5 -> 35 */
    INT_EQ(declared_23(3.13, 3.13 / 100 * 15, AUD_EG_MEN).points, 35);
    INT_EQ(aud_egcalc_note_i2et3(aud_egcalc_round1_tenths(3.13)), 25);

    /* compensation: I1 5 favours men, 2et3 5 % and 6 favours women -> 35 */
    aud_eg_ind i1 = declared(1, 5, AUD_EG_MEN);
    aud_eg_ind x = declared_23(5, 6, AUD_EG_WOMEN);
    aud_egcalc_correct(&i1, &x);
    INT_EQ(x.points, 35);
    /* I1 = 0 (note 40): no compensation even with a population given */
    i1 = declared(1, 0, AUD_EG_WOMEN);
    i1.favours = AUD_EG_WOMEN;
    x = declared_23(5, 6, AUD_EG_MEN);
    aud_egcalc_correct(&i1, &x);
    INT_EQ(x.points, 25);
    assert_false(x.compensated);
    /* (2.1, 2.1) with I1 39 favouring women, 2et3 men -> compensated 35 */
    i1 = declared(1, 0.5, AUD_EG_WOMEN);
    INT_EQ(i1.points, 39);
    x = declared_23(2.1, 2.1, AUD_EG_MEN);
    INT_EQ(x.note, 25);
    aud_egcalc_correct(&i1, &x);
    INT_EQ(x.points, 35);
    /* I2: I1 0.0 (note 40, women) and I2 4.0 men -> 10 */
    i1 = declared(1, 0.0, AUD_EG_WOMEN);
    i1.favours = AUD_EG_WOMEN;
    x = declared(2, 4.0, AUD_EG_MEN);
    aud_egcalc_correct(&i1, &x);
    INT_EQ(x.points, 10);
}

static void test_i2et3_computed(void **state)
{
    (void)state;
    aud_eg_ind r;
    /* legacy snapshot: W 30, M 28, raised 2 / 5 -> 11.1905 % and 3.1 -> 0 and 25 */
    aud_egcalc_i2et3(30, 28, 2, 5, &r);
    NEAR(r.total, 11.1905, 1e-4);
    NEAR(r.result, 11.2, 1e-12);
    NEAR(r.result2, 3.1, 1e-12);
    INT_EQ(aud_egcalc_note_i2et3(112), 0);
    INT_EQ(r.points, 25);
    assert_int_equal(r.favours, AUD_EG_MEN);
    /* fewer than 5 women or men */
    aud_egcalc_i2et3(4, 100, 1, 10, &r);
    assert_false(r.calculable);
    assert_string_equal(r.reason, "etsno5f5h");
    aud_egcalc_i2et3(10, 4, 1, 1, &r);
    assert_string_equal(r.reason, "etsno5f5h");
    /* no raise at all */
    aud_egcalc_i2et3(10, 10, 0, 0, &r);
    assert_false(r.calculable);
    assert_string_equal(r.reason, "absaugi");
    /* equal rates: equality by the raw sign */
    aud_egcalc_i2et3(10, 20, 1, 2, &r);
    assert_int_equal(r.favours, AUD_EG_EQUALITY);
    INT_EQ(r.points, 35);
    /* a tiny raw gap still names a sex (no 0.05 tolerance) */
    aud_egcalc_i2et3(1000, 1001, 500, 501, &r);
    NEAR(r.result, 0.0, 0);
    assert_int_equal(r.favours, AUD_EG_MEN);
}

static void test_i2_i3_tables(void **state)
{
    (void)state;
#define N2(x) aud_egcalc_note_i2(aud_egcalc_round1_tenths(x))
#define N3(x) aud_egcalc_note_i3(aud_egcalc_round1_tenths(x))
    INT_EQ(N2(2), 20); INT_EQ(N2(2.04), 20); INT_EQ(N2(2.05), 10); INT_EQ(N2(5), 10);
    INT_EQ(N2(5.1), 5); INT_EQ(N2(10), 5); INT_EQ(N2(10.1), 0); INT_EQ(N2(0), 20);
    INT_EQ(N3(2), 15); INT_EQ(N3(2.1), 10); INT_EQ(N3(5), 10); INT_EQ(N3(5.1), 5);
    INT_EQ(N3(10), 5); INT_EQ(N3(10.1), 0);
    /* §11.1: 1.28 -> 38, 1.03 -> 20, 2.03 -> 15, 5.28 -> 34, 5.03 -> 10 */
    INT_EQ(n1(1.28), 38); INT_EQ(N2(1.03), 20); INT_EQ(N3(2.03), 15);
    INT_EQ(n1(5.28), 34); INT_EQ(N2(5.03), 10);
    /* 2et3 table boundaries */
    INT_EQ(aud_egcalc_note_i2et3(20), 35); INT_EQ(aud_egcalc_note_i2et3(21), 25);
    INT_EQ(aud_egcalc_note_i2et3(50), 25); INT_EQ(aud_egcalc_note_i2et3(51), 15);
    INT_EQ(aud_egcalc_note_i2et3(100), 15); INT_EQ(aud_egcalc_note_i2et3(101), 0);
#undef N2
#undef N3
}

static void test_i2_computed(void **state)
{
    (void)state;
    /* two valid CSPs, one invalid: gaps +4 (n 40) and -2 (n 60) -> 0.4 men */
    aud_eg_csp c[3] = {{20, 20, 10, 14}, {30, 30, 12, 10}, {5, 50, 0, 0}};
    aud_eg_group_out out[3];
    aud_eg_ind r;
    aud_egcalc_i2i3(2, c, 3, true, out, &r);
    assert_true(r.calculable);
    NEAR(out[0].gap_pct, 4, 1e-12);
    NEAR(out[1].gap_pct, -2, 1e-12);
    assert_false(out[2].valid);
    NEAR(r.total, 0.4, 1e-12);
    assert_int_equal(r.favours, AUD_EG_MEN);
    INT_EQ(r.points, 20);
    /* invalid CSPs above 60 %: egvi40pcet */
    c[2].men = 200;
    aud_egcalc_i2i3(3, c, 3, true, out, &r);
    assert_false(r.calculable);
    assert_string_equal(r.reason, "egvi40pcet");
    aud_egcalc_i2i3(3, c, 3, false, out, &r);
    assert_string_equal(r.reason, "absprom");
}

static void test_correction_legacy(void **state)
{
    (void)state;
    aud_eg_ind i1 = declared(1, 3.5, AUD_EG_MEN);
    INT_EQ(i1.note, 36);
    aud_eg_ind x = declared(2, 8.1, AUD_EG_WOMEN);
    aud_egcalc_correct(&i1, &x);
    INT_EQ(x.points, 20);
    assert_true(x.compensated);
    aud_eg_ind i1b = declared(1, 0, AUD_EG_MEN);
    x = declared(2, 2.1, AUD_EG_WOMEN);
    aud_egcalc_correct(&i1b, &x);
    INT_EQ(x.points, 10);
    x = declared(2, 8.1, AUD_EG_MEN);
    aud_egcalc_correct(&i1, &x);
    INT_EQ(x.points, 5);
    /* indicator 1 note 0 and opposite sexes -> max */
    aud_eg_ind i1z = declared(1, 30, AUD_EG_WOMEN);
    INT_EQ(i1z.note, 0);
    x = declared(3, 12, AUD_EG_MEN);
    aud_egcalc_correct(&i1z, &x);
    INT_EQ(x.points, 15);
    /* indicator 1 not calculable: no correction */
    i1z.calculable = false;
    x = declared(3, 12, AUD_EG_MEN);
    aud_egcalc_correct(&i1z, &x);
    INT_EQ(x.points, 0);
}

static void test_i4(void **state)
{
    (void)state;
    aud_eg_ind r;
    aud_egcalc_i4(12, 6, true, &r); NEAR(r.result, 50, 0); INT_EQ(r.points, 0);
    aud_egcalc_i4(20, 15, true, &r); NEAR(r.result, 75, 0); INT_EQ(r.points, 0);
    aud_egcalc_i4(5, 5, true, &r); NEAR(r.result, 100, 0); INT_EQ(r.points, 15);
    aud_egcalc_i4(5, 0, true, &r); NEAR(r.result, 0, 0); INT_EQ(r.points, 0);
    aud_egcalc_i4(3, 2, true, &r); NEAR(r.result, 66, 0); INT_EQ(r.points, 0);
    aud_egcalc_i4(0, 0, true, &r); assert_string_equal(r.reason, "absrcm");
    aud_egcalc_i4(4, 0, false, &r); assert_string_equal(r.reason, "absaugpdtcm");
}

static void test_i5(void **state)
{
    (void)state;
    static const int expect[6] = {0, 0, 5, 5, 10, 10};
    aud_eg_ind r;
    for (int w = 0; w <= 10; w++) {
        aud_egcalc_i5(w, 10 - w, &r);
        int mn = w < 10 - w ? w : 10 - w;
        NEAR(r.result, mn, 0);
        INT_EQ(r.points, expect[mn]);
        assert_int_equal(r.favours, w == 5 ? AUD_EG_EQUALITY : w < 5 ? AUD_EG_MEN : AUD_EG_WOMEN);
    }
    aud_egcalc_i5(3, 4, &r);
    assert_false(r.calculable);
}

static void test_index_tuples(void **state)
{
    (void)state;
    aud_eg_index ix;
    /* > 250: (I1, I2, I3, I4, I5); -1 = not calculable */
    static const int gt[6][5] = {{36, -1, 10, 0, 10}, {36, 15, -1, 0, 10}, {34, 10, 10, -1, 10},
                                 {35, 15, 10, 15, 5}, {21, 5, 5, 0, 0}, {40, 20, -1, -1, 10}};
    static const int gt_idx[6] = {70, 72, 75, 80, 31, -1};
    static const int gt_max[6] = {80, 85, 85, 100, 100, 70};
    static const int maxes5[5] = {40, 20, 15, 15, 10};
    for (int t = 0; t < 6; t++) {
        aud_eg_ind v[5];
        for (int k = 0; k < 5; k++) v[k] = fixed(gt[t][k], maxes5[k]);
        INT_EQ(index_of(v, 5, &ix), gt_idx[t]);
        INT_EQ(ix.max_points, gt_max[t]);
    }
    assert_null(ix.obligation);
    /* 50-250: (I1, 2et3, I4, I5) */
    static const int le[4][4] = {{34, 35, -1, 10}, {35, 20, 15, 5}, {21, 5, 0, 0}, {-1, 4, 10, -1}};
    static const int le_idx[4] = {93, 75, 26, -1};
    static const int maxes4[4] = {40, 35, 15, 10};
    for (int t = 0; t < 4; t++) {
        aud_eg_ind v[4];
        for (int k = 0; k < 4; k++) v[k] = fixed(le[t][k], maxes4[k]);
        INT_EQ(index_of(v, 4, &ix), le_idx[t]);
    }
    INT_EQ(ix.max_points, 50);
    /* half points (max 80): exact half-up, 46/80 -> 58 */
    static const int half[][2] = {{46, 58}, {74, 93}, {62, 78}, {2, 3}, {78, 98}};
    for (size_t t = 0; t < sizeof half / sizeof *half; t++) {
        aud_eg_ind v[2] = {fixed(half[t][0], 40), fixed(0, 40)};
        INT_EQ(index_of(v, 2, &ix), half[t][1]);
    }
    /* obligations at 74 / 75 / 84 / 85 */
    aud_eg_ind v[1] = {fixed(74, 100)};
    index_of(v, 1, &ix); assert_string_equal(ix.obligation, "corrective_measures_and_objectives");
    v[0] = fixed(75, 100); index_of(v, 1, &ix); assert_string_equal(ix.obligation, "objectives");
    v[0] = fixed(84, 100); index_of(v, 1, &ix); assert_string_equal(ix.obligation, "objectives");
    v[0] = fixed(85, 100); index_of(v, 1, &ix); assert_string_equal(ix.obligation, "none");
    v[0] = fixed(74, 74); INT_EQ(index_of(v, 1, &ix), -1);
    v[0] = fixed(75, 75); INT_EQ(index_of(v, 1, &ix), 100);
    /* a not-applicable indicator never counts */
    aud_eg_ind w[2] = {fixed(40, 40), fixed(35, 35)};
    w[1].applicable = false;
    INT_EQ(index_of(w, 2, &ix), -1);
}

static void test_bracket(void **state)
{
    (void)state;
    bool ind;
    assert_int_equal(aud_egcalc_bracket(49, &ind), AUD_EG_50_250); assert_true(ind);
    assert_int_equal(aud_egcalc_bracket(50, &ind), AUD_EG_50_250); assert_false(ind);
    assert_int_equal(aud_egcalc_bracket(250, &ind), AUD_EG_50_250); assert_false(ind);
    assert_int_equal(aud_egcalc_bracket(251, &ind), AUD_EG_251_PLUS); assert_false(ind);
    assert_string_equal(aud_egcalc_bracket_name(AUD_EG_251_PLUS), "251+");
    assert_string_equal(aud_egcalc_bracket_name(AUD_EG_50_250), "50-250");
    assert_string_equal(aud_egcalc_fav_name(AUD_EG_WOMEN), "women");
    assert_string_equal(aud_egcalc_fav_name(AUD_EG_MEN), "men");
    assert_string_equal(aud_egcalc_fav_name(AUD_EG_EQUALITY), "equality");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule40),
        cmocka_unit_test(test_round1_edges),
        cmocka_unit_test(test_seuil),
        cmocka_unit_test(test_i1_table),
        cmocka_unit_test(test_i1_group_gap),
        cmocka_unit_test(test_i1_missing_salary),
        cmocka_unit_test(test_i1_weighted),
        cmocka_unit_test(test_i1_egvi40pcet),
        cmocka_unit_test(test_walkthrough_a),
        cmocka_unit_test(test_walkthrough_b),
        cmocka_unit_test(test_walkthrough_c),
        cmocka_unit_test(test_declarations),
        cmocka_unit_test(test_declared_2et3),
        cmocka_unit_test(test_i2et3_computed),
        cmocka_unit_test(test_i2_i3_tables),
        cmocka_unit_test(test_i2_computed),
        cmocka_unit_test(test_correction_legacy),
        cmocka_unit_test(test_i4),
        cmocka_unit_test(test_i5),
        cmocka_unit_test(test_index_tuples),
        cmocka_unit_test(test_bracket),
    };
    return cmocka_run_group_tests_name("egapro_calc", tests, NULL, NULL);
}
