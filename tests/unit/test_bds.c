/* test_bds.c - CNSS BDS files written by the test: control sums and totals
 * (good and bad), the join that fills and cross-checks pay and fte, movements,
 * row accounting and redaction of CNSS numbers in findings. */
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

#include "bds.h"

/* ---- a tiny BDS writer --------------------------------------------------- */

typedef struct rec { char c[261]; } rec;

static rec blank(const char *type)
{
    rec r;
    memset(r.c, ' ', 260);
    r.c[260] = '\0';
    memcpy(r.c, type, 3);
    return r;
}

static void text(rec *r, unsigned pos, unsigned len, const char *s)
{
    size_t n = strlen(s);
    memcpy(r->c + pos - 1, s, n < len ? n : len);
}

static void numf(rec *r, unsigned pos, unsigned len, uint64_t v)
{
    for (unsigned i = len; i > 0; i--) { r->c[pos - 2 + i] = (char)('0' + v % 10); v /= 10; }
}

static void head16(rec *r)
{
    numf(r, 4, 7, 2703892);
    numf(r, 11, 6, 202512);
}

typedef struct person { uint64_t cnss; unsigned days; uint64_t reel, plaf; const char *sit; int rank; } person;

typedef struct file {
    char buf[64 * 1024];
    size_t len;
    uint64_t n2, imma2, days2, reel2, plaf2, ctr2, n4, imma4, days4, reel4, plaf4, ctr4;
    const char *eol;
} file;

static void emit(file *f, const rec *r)
{
    memcpy(f->buf + f->len, r->c, 260);
    f->len += 260;
    size_t e = strlen(f->eol);
    memcpy(f->buf + f->len, f->eol, e);
    f->len += e;
}

static void start(file *f, const char *eol)
{
    memset(f, 0, sizeof *f);
    f->eol = eol;
    rec r = blank("B00");
    numf(&r, 4, 14, 12345678901234ULL);
    text(&r, 18, 2, "DS");
    emit(f, &r);
    r = blank("B01");
    head16(&r);
    text(&r, 17, 40, "SOCIETE EXEMPLE SARL");
    emit(f, &r);
}

static void b02(file *f, const person *p, uint64_t ctr_delta)
{
    rec r = blank("B02");
    head16(&r);
    numf(&r, 17, 9, p->cnss);
    text(&r, 26, 60, "NOM PRENOM");
    numf(&r, 86, 2, 0); numf(&r, 88, 6, 0); numf(&r, 94, 6, 0); numf(&r, 100, 6, 0); numf(&r, 106, 6, 0);
    numf(&r, 112, 2, p->days);
    numf(&r, 114, 13, p->reel);
    numf(&r, 127, 9, p->plaf);
    text(&r, 136, 2, p->sit ? p->sit : "  ");
    uint64_t ctr = p->cnss + p->days + p->reel + p->plaf + (uint64_t)p->rank;
    numf(&r, 138, 19, ctr + ctr_delta);
    emit(f, &r);
    f->n2++; f->imma2 += p->cnss; f->days2 += p->days; f->reel2 += p->reel; f->plaf2 += p->plaf;
    f->ctr2 += ctr + ctr_delta;
}

static void b04(file *f, const person *p)
{
    rec r = blank("B04");
    head16(&r);
    numf(&r, 17, 9, p->cnss);
    text(&r, 26, 60, "NOUVEAU ENTRANT");
    text(&r, 86, 8, "AB123456");
    numf(&r, 94, 2, p->days);
    numf(&r, 96, 13, p->reel);
    numf(&r, 109, 9, p->plaf);
    uint64_t ctr = p->cnss + p->days + p->reel + p->plaf;
    numf(&r, 118, 19, ctr);
    emit(f, &r);
    f->n4++; f->imma4 += p->cnss; f->days4 += p->days; f->reel4 += p->reel; f->plaf4 += p->plaf;
    f->ctr4 += ctr;
}

/* B03, B05, B06; reel_delta spoils T_Salaire_Reel of B03, swap uses the other
 * order of T_Num_Imma / T_AF_A_Reverser. */
static void totals(file *f, uint64_t reel_delta, bool swap)
{
    rec r = blank("B03");
    head16(&r);
    numf(&r, 17, 6, f->n2);
    for (unsigned p = 23; p < 65; p++) r.c[p - 1] = '0';
    if (swap) { numf(&r, 65, 12, 0); numf(&r, 77, 15, f->imma2); }
    else { numf(&r, 65, 15, f->imma2); numf(&r, 80, 12, 0); }
    numf(&r, 92, 6, f->days2);
    numf(&r, 98, 15, f->reel2 + reel_delta);
    numf(&r, 113, 13, f->plaf2);
    numf(&r, 126, 19, f->ctr2);
    emit(f, &r);
    for (int k = 0; k < 2; k++) {
        r = blank(k ? "B06" : "B05");
        head16(&r);
        numf(&r, 17, 6, f->n4 + (k ? f->n2 : 0));
        numf(&r, 23, 15, f->imma4 + (k ? f->imma2 : 0));
        numf(&r, 38, 6, f->days4 + (k ? f->days2 : 0));
        numf(&r, 44, 15, f->reel4 + (k ? f->reel2 : 0));
        numf(&r, 59, 13, f->plaf4 + (k ? f->plaf2 : 0));
        numf(&r, 72, 19, f->ctr4 + (k ? f->ctr2 : 0));
        emit(f, &r);
    }
}

/* ---- the workforce side -------------------------------------------------- */

static const char *const numbers[] = {
    "123456789", "223456780", "323456781", "423456782", "523456783", "623456784", "723456785"};

static aud_dataset *workforce(uint32_t *bds_input)
{
    aud_dataset *d = aud_dataset_new();
    uint32_t wfin;
    assert_int_equal(aud_dataset_add_input(d, "wf.csv", AUD_KIND_WORKFORCE, &wfin), AUD_OK);
    static const aud_sex sex[] = {AUD_SEX_F, AUD_SEX_M, AUD_SEX_F, AUD_SEX_M, AUD_SEX_F, AUD_SEX_M,
                                  AUD_SEX_F, AUD_SEX_M};
    for (size_t i = 0; i < 8; i++) {
        size_t row;
        assert_int_equal(aud_wf_append(d, &row), AUD_OK);
        d->wf.sex[row] = (uint8_t)sex[i];
        d->wf.input[row] = wfin;
        d->wf.line[row] = row + 2;
        if (i < 7) assert_int_equal(aud_strtab_intern(d->ids, numbers[i], 9, &d->wf.cnss[row]), AUD_OK);
    }
    d->wf.base_pay[1] = 8000; d->wf.fte[1] = 0.5;     /* agrees with BDS */
    d->wf.base_pay[2] = 6000;                          /* BDS says 6500 */
    d->wf.monthly_hours[3] = 95.5;                     /* fte comes from hours, not days */
    d->wf.base_pay[5] = 4000;                          /* not in the BDS */
    assert_int_equal(aud_dataset_add_input(d, "bds.txt", AUD_KIND_BDS, bds_input), AUD_OK);
    return d;
}

static void good_file(file *f, const char *eol, uint64_t ctr_delta, uint64_t reel_delta, bool swap)
{
    start(f, eol);
    const person p[] = {
        {123456789, 26, 750000, 600000, NULL, 0},   /* above the ceiling: real salary kept */
        {223456780, 13, 800000, 600000, NULL, 0},
        {323456781, 26, 650000, 600000, NULL, 0},
        {423456782, 13, 300000, 300000, NULL, 0},
        {523456783, 10, 100000, 100000, "SO", 1},   /* left during the month */
        {999888777, 26, 400000, 400000, NULL, 0},   /* not in the workforce */
    };
    for (size_t i = 0; i < sizeof p / sizeof *p; i++) b02(f, &p[i], i == 1 ? ctr_delta : 0);
    const person e = {723456785, 26, 400000, 400000, NULL, 0};
    b04(f, &e);
    totals(f, reel_delta, swap);
}

static size_t count_code(const aud_dataset *d, const char *code, const char **column)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nfindings; i++)
        if (strcmp(aud_dataset_str(d, d->findings[i].code), code) == 0) {
            n++;
            if (column) *column = aud_dataset_str(d, d->findings[i].column);
        }
    return n;
}

static void no_identifiers_in_findings(const aud_dataset *d)
{
    for (size_t i = 0; i < d->nfindings; i++) {
        const char *raw = aud_dataset_str(d, d->findings[i].raw);
        for (size_t k = 0; k < 7; k++) assert_null(strstr(raw, numbers[k]));
        assert_null(strstr(raw, "999888777"));
        assert_null(strstr(raw, "SO"));
        assert_null(strstr(raw, "NOM"));
    }
}

static void near(double got, double want, double eps, const char *what)
{
    if (!(fabs(got - want) <= eps)) fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

static void join_fill_and_check(void **state)
{
    (void)state;
    uint32_t in;
    aud_dataset *d = workforce(&in);
    static file f;
    good_file(&f, "\r\n", 0, 0, false);
    aud_diag diag;
    aud_diag_clear(&diag);
    assert_int_equal(aud_bds_parse_buffer(d, f.buf, f.len, "bds.txt", in, &diag), AUD_OK);
    const aud_workforce *w = &d->wf;
    near(w->base_pay[0], 7500.0, 1e-9, "real salary, not the capped 6000");
    near(w->fte[0], 1.0, 1e-15, "26 days");
    near(w->base_pay[1], 8000, 0, "kept");
    near(w->fte[1], 0.5, 0, "kept");
    near(w->base_pay[2], 6000, 0, "extract value kept");
    near(w->base_pay[3], 3000, 1e-9, "filled");
    assert_true(isnan(w->fte[3]));                   /* monthly_hours gives its fte */
    assert_true(isnan(w->base_pay[4]));              /* situation month: not used */
    near(w->base_pay[6], 4000, 1e-9, "entrant filled");
    assert_true(d->has_field[AUD_F_BASE_PAY] && d->has_field[AUD_F_FTE]);
    const char *col = NULL;
    assert_int_equal(count_code(d, "bds_pay_mismatch", &col), 1);
    assert_string_equal(col, "N_Salaire_Reel");
    assert_int_equal(count_code(d, "bds_fte_mismatch", NULL), 0);
    assert_int_equal(count_code(d, "bds_unmatched_record", NULL), 1);
    assert_int_equal(count_code(d, "bds_unmatched_employee", NULL), 1);
    assert_int_equal(count_code(d, "bds_total_mismatch", NULL), 0);
    assert_int_equal(count_code(d, "bds_ctr_mismatch", NULL), 0);
    assert_int_equal(count_code(d, "bds_situation_records", NULL), 1);
    assert_int_equal(d->moves.hires_women, 1);
    assert_int_equal(d->moves.hires_men, 0);
    assert_int_equal(d->moves.exits_women, 1);
    assert_int_equal(d->moves.exits_men, 0);
    const aud_input *bi = &d->inputs[in];
    assert_int_equal(bi->rows_read, 12);    /* B00 B01 6xB02 B04 B03 B05 B06 */
    assert_int_equal(bi->rows_accepted, 12);
    assert_int_equal(bi->rows_rejected, 0);
    no_identifiers_in_findings(d);
    aud_dataset_free(d);
}

static void bad_totals_and_ctr(void **state)
{
    (void)state;
    uint32_t in;
    aud_dataset *d = workforce(&in);
    static file f;
    good_file(&f, "\n", 5, 1, false);
    assert_int_equal(aud_bds_parse_buffer(d, f.buf, f.len, "bds.txt", in, NULL), AUD_OK);
    const char *col = NULL;
    assert_int_equal(count_code(d, "bds_ctr_mismatch", &col), 1);
    assert_string_equal(col, "S_Ctr");
    /* B03: T_Salaire_Reel off by one centime; T_Ctr agrees (the spoilt S_Ctr was summed) */
    assert_int_equal(count_code(d, "bds_total_mismatch", &col), 1);
    assert_string_equal(col, "T_Salaire_Reel");
    for (size_t i = 0; i < d->nfindings; i++)
        if (strcmp(aud_dataset_str(d, d->findings[i].code), "bds_total_mismatch") == 0) {
            assert_int_equal(d->findings[i].line, 10);
            assert_non_null(strstr(aud_dataset_str(d, d->findings[i].raw), "computed"));
        }
    no_identifiers_in_findings(d);
    aud_dataset_free(d);
}

static void swapped_b03_order(void **state)
{
    (void)state;
    uint32_t in;
    aud_dataset *d = workforce(&in);
    static file f;
    good_file(&f, "\r\n", 0, 0, true);
    assert_int_equal(aud_bds_parse_buffer(d, f.buf, f.len, "bds.txt", in, NULL), AUD_OK);
    assert_int_equal(count_code(d, "bds_total_mismatch", NULL), 0);
    aud_dataset_free(d);
}

static void bad_records_and_missing_totals(void **state)
{
    (void)state;
    uint32_t in;
    aud_dataset *d = workforce(&in);
    static file f;
    start(&f, "\n");
    person p = {123456789, 26, 500000, 500000, NULL, 0};
    b02(&f, &p, 0);
    memcpy(f.buf + f.len, "B09 nothing\n", 12); f.len += 12;       /* unknown type */
    rec r = blank("B02");
    text(&r, 17, 9, "12345678X");                                    /* number not numeric */
    emit(&f, &r);
    r = blank("B02");                                                /* accented name in UTF-8 */
    head16(&r);
    numf(&r, 17, 9, 223456780);
    numf(&r, 112, 2, 26); numf(&r, 114, 13, 800000); numf(&r, 127, 9, 600000);
    numf(&r, 138, 19, 223456780ULL + 26 + 800000 + 600000);
    memcpy(f.buf + f.len, r.c, 26); f.len += 26;
    memcpy(f.buf + f.len, "B\xc3\xa9LA", 5); f.len += 5;                /* "BéLA": 4 characters */
    memcpy(f.buf + f.len, r.c + 30, 230); f.len += 230;
    f.buf[f.len++] = '\n';
    memset(f.buf + f.len, 'B', 300); f.len += 300;                   /* too long */
    f.buf[f.len++] = '\n';
    f.buf[f.len++] = '\n';                                           /* blank line */
    assert_int_equal(aud_bds_parse_buffer(d, f.buf, f.len, "bds.txt", in, NULL), AUD_OK);
    const aud_input *bi = &d->inputs[in];
    assert_int_equal(bi->rows_read, 7);
    assert_int_equal(bi->rows_rejected, 3);
    assert_int_equal(bi->rows_accepted, 4);
    assert_int_equal(count_code(d, "bds_ctr_mismatch", NULL), 0);
    assert_int_equal(count_code(d, "bds_pay_mismatch", NULL), 0);    /* 8000 as in the extract */
    assert_int_equal(bi->blank_lines, 1);
    assert_int_equal(count_code(d, "bds_bad_record", NULL), 3);
    assert_int_equal(count_code(d, "bds_missing_totals", NULL), 2);  /* B03, B06 */
    near(d->wf.base_pay[0], 5000, 1e-9, "filled");
    no_identifiers_in_findings(d);
    aud_dataset_free(d);

    /* nothing usable at all */
    d = workforce(&in);
    aud_diag diag;
    aud_diag_clear(&diag);
    assert_int_equal(aud_bds_parse_buffer(d, "XYZ\n\n", 5, "x.txt", in, &diag), AUD_E_NODATA);
    assert_string_equal(diag.file, "x.txt");
    aud_dataset_free(d);
}

static void ingest_file_and_sniff(void **state)
{
    (void)state;
    static file f;
    good_file(&f, "\r\n", 0, 0, false);
    assert_true(aud_bds_sniff((const unsigned char *)f.buf, f.len));
    assert_true(aud_bds_sniff((const unsigned char *)"B00", 3));
    assert_false(aud_bds_sniff((const unsigned char *)"B01;name;pay\n", 13));
    assert_false(aud_bds_sniff((const unsigned char *)"matricule;sexe\n", 15));
    assert_false(aud_bds_sniff((const unsigned char *)"B07", 3));
    char path[] = "/tmp/test_bds_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_true(write(fd, f.buf, f.len) == (ssize_t)f.len);
    close(fd);
    uint32_t in;
    aud_dataset *d = workforce(&in);
    aud_options o;
    aud_options_defaults(&o);
    aud_diag diag;
    aud_diag_clear(&diag);
    assert_int_equal(aud_bds_ingest(d, path, in, &o, &diag), AUD_OK);
    near(d->wf.base_pay[0], 7500.0, 1e-9, "filled from file");
    assert_int_equal(d->inputs[in].rows_read, 12);
    assert_int_equal(d->inputs[in].bytes, f.len);
    assert_int_equal(strlen(d->inputs[in].sha256), 64);
    unlink(path);
    assert_int_equal(aud_bds_ingest(d, path, in, &o, &diag), AUD_E_IO);
    aud_dataset_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(join_fill_and_check),
        cmocka_unit_test(bad_totals_and_ctr),
        cmocka_unit_test(swapped_b03_order),
        cmocka_unit_test(bad_records_and_missing_totals),
        cmocka_unit_test(ingest_file_and_sniff),
    };
    return cmocka_run_group_tests_name("bds", tests, NULL, NULL);
}
