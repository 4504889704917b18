/* test_groups.c - partitions of rows: display order, missing values, bands,
 * and the count-only partition against the per-row one. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "measures.h"
#include "paymetrics_fixture.h"

static uint64_t rng = 0x243f6a8885a308d3ull;
static unsigned roll(unsigned n)
{
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* Grades "10", "9", "2", "02", "x" and missing; about a tenth of the rows
 * excluded. */
static aud_dataset *random_rows(size_t n, uint8_t *include, bool numeric_only)
{
    static const char *const vals[] = {"10", "9", "2", "02", "x"};
    aud_dataset *d = aud_dataset_new();
    assert_non_null(d);
    for (size_t i = 0; i < n; i++) {
        size_t r = fx_add(d, roll(2) ? 'M' : 'F', 1000);
        unsigned v = roll(numeric_only ? 5 : 6);
        if (v < 4 || (v == 4 && !numeric_only)) fx_str(d, AUD_F_GRADE, r, vals[v]);
        include[r] = roll(10) != 0;
    }
    return d;
}

static void test_display_order(void **state)
{
    (void)state;
    uint8_t inc[200];
    aud_dataset *d = random_rows(200, inc, true);
    aud_groups g;
    assert_int_equal(aud_groups_by_string(&g, d, d->wf.grade, d->wf.n, inc, true, true), AUD_OK);
    /* numbers in numeric order ("02" and "2" tie at 2: bytes decide), missing last */
    static const char *const want[] = {"02", "2", "9", "10"};
    assert_true(g.numeric);
    assert_int_equal(g.n, 5);
    for (int k = 0; k < 4; k++) assert_string_equal(g.label[k], want[k]);
    assert_null(g.label[4]);
    aud_groups_free(&g);
    assert_int_equal(aud_groups_by_string(&g, d, d->wf.grade, d->wf.n, inc, false, false), AUD_OK);
    static const char *const bytes[] = {"02", "10", "2", "9"};     /* UTF-8 byte order */
    assert_int_equal(g.n, 4);
    for (int k = 0; k < 4; k++) assert_string_equal(g.label[k], bytes[k]);
    aud_groups_free(&g);
    aud_dataset_free(d);
}

/* The count-only partition gives the labels, order and per-sex counts that
 * counting the rows of aud_groups_by_string gives, in every mode. */
static void test_count_matches_rows(void **state)
{
    (void)state;
    for (int t = 0; t < 40; t++) {
        size_t n = t < 10 ? (size_t)t : 50 + (size_t)roll(400);
        uint8_t inc[450];
        aud_dataset *d = random_rows(n, inc, t % 2 == 0);
        for (int mode = 0; mode < 4; mode++) {
            bool natural = mode & 1, keep = mode & 2;
            aud_groups g, c;
            size_t *cnt;
            assert_int_equal(aud_groups_by_string(&g, d, d->wf.grade, n, inc, natural, keep), AUD_OK);
            assert_int_equal(aud_groups_count_by_string(&c, &cnt, d, d->wf.grade, n, inc, natural, keep), AUD_OK);
            assert_int_equal(c.n, g.n);
            assert_int_equal(c.numeric, g.numeric);
            assert_null(c.of_row);
            size_t want[16] = {0};
            for (size_t i = 0; i < n; i++)
                if (g.of_row[i] != AUD_GROUP_NONE) want[2 * g.of_row[i] + (d->wf.sex[i] == AUD_SEX_M)]++;
            for (size_t k = 0; k < g.n; k++) {
                assert_ptr_equal(c.label[k], g.label[k]);
                assert_int_equal(cnt[2 * k], want[2 * k]);
                assert_int_equal(cnt[2 * k + 1], want[2 * k + 1]);
            }
            free(cnt);
            aud_groups_free(&g);
            aud_groups_free(&c);
        }
        aud_dataset_free(d);
    }
}

static void test_bad_id(void **state)
{
    (void)state;
    uint8_t inc[3] = {1, 1, 1};
    aud_dataset *d = random_rows(3, inc, true);
    inc[0] = inc[1] = inc[2] = 1;
    d->wf.grade[1] = 999999;                           /* beyond the string table */
    aud_groups g;
    size_t *cnt;
    assert_int_equal(aud_groups_by_string(&g, d, d->wf.grade, 3, inc, true, true), AUD_E_INTERNAL);
    assert_int_equal(aud_groups_count_by_string(&g, &cnt, d, d->wf.grade, 3, inc, true, true), AUD_E_INTERNAL);
    assert_null(cnt);
    inc[1] = 0;                                        /* excluded rows are not read */
    assert_int_equal(aud_groups_count_by_string(&g, &cnt, d, d->wf.grade, 3, inc, true, true), AUD_OK);
    free(cnt);
    aud_groups_free(&g);
    aud_dataset_free(d);
}

/* Bands: every int16_t value (unknown below zero and past the table) lands
 * where band_of puts it; empty bands are not listed; the unknown group is
 * last and only with keep_missing. Row counts on both sides of the size
 * from which band_of's answers are kept in a table. */
static void check_bands(const int16_t *years, const uint8_t *inc, size_t n)
{
    for (int keep = 0; keep < 2; keep++) {
        aud_groups g;
        assert_int_equal(aud_groups_by_band(&g, years, n, inc, aud_age_band, aud_age_band_name, 4, keep),
                         AUD_OK);
        assert_int_equal(g.n, keep ? 5 : 4);
        for (size_t i = 0; i < n; i++) {
            int b = aud_age_band(years[i]);
            uint32_t want = !inc[i] ? AUD_GROUP_NONE : b >= 0 ? (uint32_t)b : keep ? 4 : AUD_GROUP_NONE;
            assert_int_equal(g.of_row[i], want);
        }
        assert_string_equal(g.label[0], "<30");
        if (keep) assert_null(g.label[4]);
        aud_groups_free(&g);
    }
}

static void test_bands(void **state)
{
    (void)state;
    size_t n = 9000;
    int16_t *years = malloc(n * sizeof *years);
    uint8_t *inc = malloc(n);
    assert_non_null(years); assert_non_null(inc);
    for (size_t i = 0; i < n; i++) {
        years[i] = i % 7 == 0 ? (int16_t)(roll(65536) - 32768) : (int16_t)(roll(90) - 10);
        if (i % 11 == 0) years[i] = i % 2 ? INT16_MIN : INT16_MAX;
        inc[i] = roll(8) != 0;
    }
    check_bands(years, inc, 300);
    check_bands(years, inc, n);
    for (size_t i = 0; i < n; i++) years[i] = (int16_t)(i % 3 == 0 ? 25 : i % 3 == 1 ? 45 : 55);  /* no 30-39 */
    aud_groups g;
    assert_int_equal(aud_groups_by_band(&g, years, n, inc, aud_age_band, aud_age_band_name, 4, true), AUD_OK);
    assert_int_equal(g.n, 3);
    assert_string_equal(g.label[1], "40-49");
    aud_groups_free(&g);
    free(years); free(inc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_display_order),
        cmocka_unit_test(test_count_matches_rows),
        cmocka_unit_test(test_bad_id),
        cmocka_unit_test(test_bands),
    };
    return cmocka_run_group_tests_name("groups", tests, NULL, NULL);
}
