/* test_values.c - value parsers: money, dates, rates, CNSS, vocabularies. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

static aud_vocab *vocab;

static const char *tdir(void)
{
    const char *e = getenv("MUSAWAT_TEMPLATES");
    return e && *e ? e : "templates";
}

/* ---- money ---------------------------------------------------------------- */

typedef struct money_case { const char *in; aud_vstatus st; int64_t micro; int64_t alt; char vote; } money_case;

#define M(x) ((int64_t)((x) * 1000000.0 + ((x) >= 0 ? 0.5 : -0.5)))
static const money_case money_cases[] = {
    {"3266.10", AUD_V_OK, 3266100000, 0, '.'},
    {"3266,10", AUD_V_OK, 3266100000, 0, ','},
    {"3.266,10", AUD_V_OK, 3266100000, 0, ','},
    {"3 266,10", AUD_V_OK, 3266100000, 0, ','},
    {"3\xC2\xA0" "266,10", AUD_V_OK, 3266100000, 0, ','},          /* NBSP */
    {"3\xE2\x80\xAF" "266,10", AUD_V_OK, 3266100000, 0, ','},      /* U+202F */
    {"3,266.10", AUD_V_OK, 3266100000, 0, '.'},
    {"3266,10 DH", AUD_V_OK, 3266100000, 0, ','},
    {"3266,10 dh", AUD_V_OK, 3266100000, 0, ','},
    {"3266,10DH", AUD_V_OK, 3266100000, 0, ','},
    {"3266,10 Dhs", AUD_V_OK, 3266100000, 0, ','},
    {"MAD 3266.10", AUD_V_OK, 3266100000, 0, '.'},
    {"3266.10 MAD", AUD_V_OK, 3266100000, 0, '.'},
    {"3 266,10 \xD8\xAF.\xD9\x85.", AUD_V_OK, 3266100000, 0, ','}, /* د.م. */
    {"3266,10 \xD8\xAF\xD8\xB1\xD9\x87\xD9\x85", AUD_V_OK, 3266100000, 0, ','}, /* درهم */
    {"\xD9\xA3\xD9\xA2\xD9\xA6\xD9\xA6,\xD9\xA1\xD9\xA0", AUD_V_OK, 3266100000, 0, ','}, /* ٣٢٦٦,١٠ */
    {"\xDB\xB3\xDB\xB2\xDB\xB6\xDB\xB6.\xDB\xB5", AUD_V_OK, 3266500000, 0, '.'},             /* ۳۲۶۶.۵ */
    {"  3266.10  ", AUD_V_OK, 3266100000, 0, '.'},
    {"3266", AUD_V_OK, 3266000000, 0, 0},
    {"0", AUD_V_OK, 0, 0, 0},
    {"0.5", AUD_V_OK, 500000, 0, '.'},
    {"0,500", AUD_V_OK, 500000, 0, ','},          /* leading 0: never thousands */
    {".5", AUD_V_OK, 500000, 0, '.'},
    {"12345678,9", AUD_V_OK, 12345678900000, 0, ','},
    {"1.234.567", AUD_V_OK, 1234567000000, 0, ','},
    {"1,234,567", AUD_V_OK, 1234567000000, 0, '.'},
    {"1.234.567,89", AUD_V_OK, 1234567890000, 0, ','},
    {"1,234,567.89", AUD_V_OK, 1234567890000, 0, '.'},
    {"1 234 567,89", AUD_V_OK, 1234567890000, 0, ','},
    {"1'234.50", AUD_V_OK, 1234500000, 0, '.'},
    {"3.266", AUD_V_AMBIG, 3266000, 3266000000, 0},
    {"3,266", AUD_V_AMBIG, 3266000, 3266000000, 0},
    {"12.500", AUD_V_AMBIG, 12500000, 12500000000, 0},
    {"123,456", AUD_V_AMBIG, 123456000, 123456000000, 0},
    {"1234,567", AUD_V_OK, 1234567000, 0, ','},   /* four digits before: not a group */
    {"3.2661", AUD_V_OK, 3266100, 0, '.'},
    {"3266.1", AUD_V_OK, 3266100000, 0, '.'},
    {"-150,00", AUD_V_OK, -150000000, 0, ','},
    {"-150", AUD_V_OK, -150000000, 0, 0},
    {"+150", AUD_V_OK, 150000000, 0, 0},
    {"\xE2\x88\x92" "20", AUD_V_OK, -20000000, 0, 0},   /* minus sign */
    {"0.1234567", AUD_V_OK, 123457, 0, '.'},          /* rounded to 1e-6 */
    {"", AUD_V_EMPTY, 0, 0, 0},
    {"   ", AUD_V_EMPTY, 0, 0, 0},
    {"abc", AUD_V_BAD, 0, 0, 0},
    {"12abc", AUD_V_BAD, 0, 0, 0},
    {"1.2.3", AUD_V_BAD, 0, 0, 0},
    {"1,23,456", AUD_V_BAD, 0, 0, 0},
    {"1.234,5,6", AUD_V_BAD, 0, 0, 0},
    {"1,234.5.6", AUD_V_BAD, 0, 0, 0},
    {".", AUD_V_BAD, 0, 0, 0},
    {",", AUD_V_BAD, 0, 0, 0},
    {"DH", AUD_V_BAD, 0, 0, 0},
    {"--5", AUD_V_BAD, 0, 0, 0},
    {"5-", AUD_V_BAD, 0, 0, 0},
    {"N/A", AUD_V_BAD, 0, 0, 0},
    {"99999999999999999999", AUD_V_BAD, 0, 0, 0},
    {"3266,10 EUR", AUD_V_OK, 3266100000, 0, ','},
    {"1.000", AUD_V_AMBIG, 1000000, 1000000000, 0},
    {"10.000,00", AUD_V_OK, 10000000000, 0, ','},
    {"10,000.00", AUD_V_OK, 10000000000, 0, '.'},
    {"4 500", AUD_V_OK, 4500000000, 0, 0},
    {"4500.00", AUD_V_OK, 4500000000, 0, '.'},
    {"4500,00", AUD_V_OK, 4500000000, 0, ','},
    {"17,10", AUD_V_OK, 17100000, 0, ','},
    {"17.1", AUD_V_OK, 17100000, 0, '.'},
};

static void test_money_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof money_cases / sizeof *money_cases; i++) {
        const money_case *c = &money_cases[i];
        aud_money m;
        aud_vstatus st = aud_val_money(c->in, strlen(c->in), &m);
        if (st != c->st) fail_msg("money \"%s\": status %d, expected %d", c->in, st, c->st);
        if (st == AUD_V_OK || st == AUD_V_AMBIG) {
            if (m.micro != c->micro) fail_msg("money \"%s\": %lld, expected %lld", c->in, (long long)m.micro, (long long)c->micro);
            if (st == AUD_V_AMBIG && m.micro_alt != c->alt) fail_msg("money \"%s\": alt %lld", c->in, (long long)m.micro_alt);
            if (st == AUD_V_OK && m.vote != c->vote) fail_msg("money \"%s\": vote '%c', expected '%c'", c->in, m.vote ? m.vote : '0', c->vote ? c->vote : '0');
        }
    }
}

static void test_money_ambiguous_separator(void **state)
{
    (void)state;
    aud_money m;
    assert_int_equal(aud_val_money("3.266", 5, &m), AUD_V_AMBIG);
    assert_int_equal(m.sep, '.');
    assert_int_equal(aud_val_money("3,266", 5, &m), AUD_V_AMBIG);
    assert_int_equal(m.sep, ',');
    assert_true(aud_money_value(3266100000) == 3266.1);
}

/* ---- dates ---------------------------------------------------------------- */

typedef struct date_case { const char *in; aud_date_role role; aud_vstatus st; int y, m, d; } date_case;

static const date_case date_cases[] = {
    {"15/01/2024", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"01/02/2024", AUD_DATE_EVENT, AUD_V_OK, 2024, 2, 1},        /* 1 February: never US order */
    {"1/2/2024", AUD_DATE_EVENT, AUD_V_OK, 2024, 2, 1},
    {"5/11/1980", AUD_DATE_BIRTH, AUD_V_OK, 1980, 11, 5},
    {"15-01-2024", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"15.01.2024", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"2024-01-15", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"2024/01/15", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"2024-1-5", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 5},
    {"20240115", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"19991231", AUD_DATE_BIRTH, AUD_V_OK, 1999, 12, 31},
    {"2024-01-15 00:00:00", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"2024-01-15T08:30:00", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"15/01/2024 08:30", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"45306", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},            /* Excel serial */
    {"45306.5", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"1", AUD_DATE_EVENT, AUD_V_OK, 1900, 1, 1},
    {"59", AUD_DATE_EVENT, AUD_V_OK, 1900, 2, 28},
    {"61", AUD_DATE_EVENT, AUD_V_OK, 1900, 3, 1},
    {"60", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},                   /* Excel's 1900-02-29 */
    {"36526", AUD_DATE_EVENT, AUD_V_OK, 2000, 1, 1},
    {"73051", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},                /* after 2099 */
    {"3222222222222222221", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},  /* would overflow a long */
    {"29/02/2024", AUD_DATE_EVENT, AUD_V_OK, 2024, 2, 29},
    {"29/02/2023", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"31/04/2024", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"12/13/2024", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},          /* month-first is refused */
    {"00/01/2024", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"15/01/85", AUD_DATE_BIRTH, AUD_V_OK, 1985, 1, 15},
    {"15/01/05", AUD_DATE_BIRTH, AUD_V_OK, 2005, 1, 15},         /* age 20 at 2025 */
    {"15/01/15", AUD_DATE_BIRTH, AUD_V_OK, 1915, 1, 15},         /* 2015 would be age 10 */
    {"15/01/10", AUD_DATE_BIRTH, AUD_V_OK, 2010, 1, 15},         /* age 15 */
    {"15/01/11", AUD_DATE_BIRTH, AUD_V_OK, 1911, 1, 15},
    {"15/01/24", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"15/01/26", AUD_DATE_EVENT, AUD_V_OK, 2026, 1, 15},         /* reference year + 1 */
    {"15/01/27", AUD_DATE_EVENT, AUD_V_OK, 1927, 1, 15},
    {"15/01/99", AUD_DATE_EVENT, AUD_V_OK, 1999, 1, 15},
    {"15.01.24", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"\xD9\xA1\xD9\xA5/\xD9\xA0\xD9\xA1/\xD9\xA2\xD9\xA0\xD9\xA2\xD9\xA4", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"", AUD_DATE_EVENT, AUD_V_EMPTY, 0, 0, 0},
    {"  ", AUD_DATE_EVENT, AUD_V_EMPTY, 0, 0, 0},
    {"abc", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"15/01", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"15/01/2024/3", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"15/01-2024", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"2024-13-01", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"20241301", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"240115", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},              /* six digits: no guessing */
    {"15/1/202", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"123/01/2024", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"janvier 2024", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"99999", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"0", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"-5", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    /* ten-character forms (read without copying): same answers as the rest */
    {"29/02/2024", AUD_DATE_EVENT, AUD_V_OK, 2024, 2, 29},
    {"29/02/2023", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"31/04/2024", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"00/01/2024", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"15/00/2024", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"15-01-2024", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"15.01.2024", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"2024/01/15", AUD_DATE_EVENT, AUD_V_OK, 2024, 1, 15},
    {"2024.12.31", AUD_DATE_EVENT, AUD_V_OK, 2024, 12, 31},
    {"15/01.2024", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"1a/01/2024", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {"2024-01/15", AUD_DATE_EVENT, AUD_V_BAD, 0, 0, 0},
    {" 01/12/1999 ", AUD_DATE_BIRTH, AUD_V_OK, 1999, 12, 1},
};

static void test_date_table(void **state)
{
    (void)state;
    int32_t ref = aud_days_from_civil(2025, 12, 31);
    for (size_t i = 0; i < sizeof date_cases / sizeof *date_cases; i++) {
        const date_case *c = &date_cases[i];
        int32_t v = 0;
        aud_vstatus st = aud_val_date(c->in, strlen(c->in), c->role, ref, &v);
        if (st != c->st) fail_msg("date \"%s\": status %d, expected %d", c->in, st, c->st);
        if (st == AUD_V_OK && v != aud_days_from_civil(c->y, c->m, c->d)) {
            int y, m, d;
            aud_civil_from_days(v, &y, &m, &d);
            fail_msg("date \"%s\": %04d-%02d-%02d, expected %04d-%02d-%02d", c->in, y, m, d, c->y, c->m, c->d);
        }
    }
}

/* ---- rates ---------------------------------------------------------------- */

typedef struct fte_case { const char *in; aud_vstatus st; double v; } fte_case;

static const fte_case fte_cases[] = {
    {"0.8", AUD_V_OK, 0.8}, {"0,8", AUD_V_OK, 0.8}, {"80", AUD_V_OK, 0.8}, {"80%", AUD_V_OK, 0.8},
    {"80 %", AUD_V_OK, 0.8}, {"100%", AUD_V_OK, 1.0}, {"100", AUD_V_OK, 1.0}, {"1", AUD_V_OK, 1.0},
    {"1.5", AUD_V_OK, 1.5}, {"150", AUD_V_OK, 1.5}, {"150%", AUD_V_OK, 1.5}, {"0,5", AUD_V_OK, 0.5},
    {"50", AUD_V_OK, 0.5}, {"12,5 %", AUD_V_OK, 0.125}, {"1,2", AUD_V_OK, 1.2},
    {"0", AUD_V_RANGE, 0}, {"0%", AUD_V_RANGE, 0}, {"1.6", AUD_V_RANGE, 1.6}, {"160", AUD_V_RANGE, 1.6},
    {"2", AUD_V_RANGE, 2}, {"-0.5", AUD_V_RANGE, -0.5}, {"200%", AUD_V_RANGE, 2},
    {"", AUD_V_EMPTY, 0}, {"abc", AUD_V_BAD, 0}, {"%", AUD_V_BAD, 0}, {"80%%", AUD_V_BAD, 0},
};

static void test_fte_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof fte_cases / sizeof *fte_cases; i++) {
        const fte_case *c = &fte_cases[i];
        double v = -99;
        aud_vstatus st = aud_val_fte(c->in, strlen(c->in), &v);
        if (st != c->st) fail_msg("fte \"%s\": status %d, expected %d", c->in, st, c->st);
        if ((st == AUD_V_OK || st == AUD_V_RANGE) && (v < c->v - 1e-12 || v > c->v + 1e-12))
            fail_msg("fte \"%s\": %g, expected %g", c->in, v, c->v);
    }
}

static void test_numbers(void **state)
{
    (void)state;
    double v;
    long k;
    assert_int_equal(aud_val_number("38,5", 4, &v), AUD_V_OK);
    assert_true(v == 38.5);
    assert_int_equal(aud_val_number("191", 3, &v), AUD_V_OK);
    assert_true(v == 191);
    assert_int_equal(aud_val_number("1,500", 5, &v), AUD_V_OK);   /* hours: a decimal */
    assert_true(v == 1.5);
    assert_int_equal(aud_val_number("x", 1, &v), AUD_V_BAD);
    assert_int_equal(aud_val_int("42", 2, 0, 120, &k), AUD_V_OK);
    assert_int_equal(k, 42);
    assert_int_equal(aud_val_int("\xD9\xA4\xD9\xA2", 4, 0, 120, &k), AUD_V_OK);  /* ٤٢ */
    assert_int_equal(k, 42);
    assert_int_equal(aud_val_int("42,5", 4, 0, 120, &k), AUD_V_BAD);
    assert_int_equal(aud_val_int("9", 1, 1, 8, &k), AUD_V_RANGE);
    assert_int_equal(aud_val_int("0", 1, 1, 8, &k), AUD_V_RANGE);
    assert_int_equal(aud_val_int("8", 1, 1, 8, &k), AUD_V_OK);
}

/* ---- CNSS ----------------------------------------------------------------- */

static void test_cnss(void **state)
{
    (void)state;
    char out[10];
    /* C9 = (10 - ((2*(C2+C4+C6+C8) + C3+C5+C7) mod 10)) mod 10, morocco.md §2.1:
     * 12345678x: 2*(2+4+6+8)=40, 3+5+7=15, 55 mod 10 = 5, 10-5 = 5 -> 123456785 */
    assert_int_equal(aud_val_cnss("123456785", 9, out), AUD_V_OK);
    assert_string_equal(out, "123456785");
    assert_int_equal(aud_val_cnss("123 456 785", 11, out), AUD_V_OK);
    assert_string_equal(out, "123456785");
    assert_int_equal(aud_val_cnss("123456784", 9, out), AUD_V_RANGE);
    /* 100000000: 0 -> check digit 0, so 100000000 passes the formula */
    assert_int_equal(aud_val_cnss("100000000", 9, out), AUD_V_OK);
    /* 111111111: 2*4=8 + 3 = 11 -> 1, 10-1 = 9 -> 111111119 */
    assert_int_equal(aud_val_cnss("111111119", 9, out), AUD_V_OK);
    assert_int_equal(aud_val_cnss("111111111", 9, out), AUD_V_RANGE);
    assert_int_equal(aud_val_cnss("000000000", 9, out), AUD_V_OK);
    assert_int_equal(aud_val_cnss("999999999", 9, out), AUD_V_OK);
    assert_int_equal(aud_val_cnss("12345678", 8, out), AUD_V_BAD);
    assert_int_equal(aud_val_cnss("1234567890", 10, out), AUD_V_BAD);
    assert_int_equal(aud_val_cnss("12345678A", 9, out), AUD_V_BAD);
    assert_int_equal(aud_val_cnss("", 0, out), AUD_V_EMPTY);
    assert_int_equal(aud_val_cnss("123-456-785", 11, out), AUD_V_OK);
}

/* ---- normalisation -------------------------------------------------------- */

typedef struct norm_case { const char *in, *out; } norm_case;

static const norm_case norm_cases[] = {
    {"Matricule", "matricule"},
    {"  Date d'embauche ", "date d embauche"},
    {"Date d\xE2\x80\x99" "embauche", "date d embauche"},
    {"Salaire_de_base (MAD)", "salaire de base mad"},
    {"\xC3\x89" "CHELON", "echelon"},
    {"Cat\xC3\xA9gorie", "categorie"},
    {"Taux d'activit\xC3\xA9 (%)", "taux d activite %"},
    {"N\xC2\xB0 CNSS", "n\xC2\xB0 cnss"},
    {"Civilit\xC3\xA9", "civilite"},
    {"Pr\xC3\xA9nom", "prenom"},
    {"\xC5\x92uvre", "oeuvre"},
    {"Salaire\xC2\xA0" "de\xE2\x80\xAF" "base", "salaire de base"},
    {"a  -  b", "a b"},
    {"Nom/Pr\xC3\xA9nom", "nom prenom"},
    {"H/F", "h f"},
    {"M.", "m"},
    {"\xD8\xA7\xD9\x84\xD8\xA3\xD8\xAC\xD8\xB1 \xD8\xA7\xD9\x84\xD8\xA3\xD8\xB3\xD8\xA7\xD8\xB3\xD9\x8A",
     "\xD8\xA7\xD9\x84\xD8\xA7\xD8\xAC\xD8\xB1 \xD8\xA7\xD9\x84\xD8\xA7\xD8\xB3\xD8\xA7\xD8\xB3\xD9\x8A"},  /* الأجر الأساسي */
    {"\xD8\xA3\xD9\x86\xD8\xAB\xD9\x89", "\xD8\xA7\xD9\x86\xD8\xAB\xD9\x8A"},             /* أنثى -> انثي */
    {"\xD8\xA7\xD9\x85\xD8\xB1\xD8\xA3\xD8\xA9", "\xD8\xA7\xD9\x85\xD8\xB1\xD8\xA7\xD9\x87"}, /* امرأة -> امراه */
    {"\xD8\xA5\xD8\xB7\xD8\xA7\xD8\xB1", "\xD8\xA7\xD8\xB7\xD8\xA7\xD8\xB1"},             /* إطار */
    {"\xD8\xA2\xD8\xAE\xD8\xB1", "\xD8\xA7\xD8\xAE\xD8\xB1"},                             /* آخر */
    {"\xD9\xB1\xD9\x84", "\xD8\xA7\xD9\x84"},                                             /* ٱل */
    {"\xD8\xB9\xD9\x80\xD9\x80\xD8\xA7\xD9\x85\xD9\x84", "\xD8\xB9\xD8\xA7\xD9\x85\xD9\x84"}, /* tatweel */
    {"\xD8\xB9\xD9\x8E\xD8\xA7\xD9\x85\xD9\x90\xD9\x84", "\xD8\xB9\xD8\xA7\xD9\x85\xD9\x84"}, /* harakat */
    {"\xD9\xA1\xD9\xA2\xD9\xA3", "123"},
    {"\xDB\xB4\xDB\xB5", "45"},
    {"", ""},
    {"   ", ""},
    {"___", ""},
};

static void test_norm_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof norm_cases / sizeof *norm_cases; i++) {
        char out[256];
        size_t n = aud_norm(norm_cases[i].in, strlen(norm_cases[i].in), out, sizeof out);
        if (strcmp(out, norm_cases[i].out)) fail_msg("norm \"%s\" -> \"%s\", expected \"%s\"", norm_cases[i].in, out, norm_cases[i].out);
        assert_int_equal(n, strlen(out));
    }
    char small[4];
    assert_int_equal(aud_norm("abcdef", 6, small, sizeof small), 3);
    assert_string_equal(small, "abc");
}

/* ---- vocabularies -------------------------------------------------------- */

typedef struct sex_case { const char *in; aud_sex s; } sex_case;

static const sex_case sex_cases[] = {
    {"F", AUD_SEX_F}, {"f", AUD_SEX_F}, {"M", AUD_SEX_M}, {"m", AUD_SEX_M}, {"H", AUD_SEX_M}, {"h", AUD_SEX_M},
    {"Femme", AUD_SEX_F}, {"FEMME", AUD_SEX_F}, {"Homme", AUD_SEX_M}, {"homme", AUD_SEX_M},
    {"F\xC3\xA9minin", AUD_SEX_F}, {"FEMININ", AUD_SEX_F}, {"Masculin", AUD_SEX_M}, {"MASCULIN", AUD_SEX_M},
    {"Female", AUD_SEX_F}, {"Male", AUD_SEX_M}, {"W", AUD_SEX_F}, {"Woman", AUD_SEX_F}, {"Man", AUD_SEX_M},
    {"Mme", AUD_SEX_F}, {"Mme.", AUD_SEX_F}, {"MME", AUD_SEX_F}, {"Mlle", AUD_SEX_F}, {"Mlle.", AUD_SEX_F},
    {"Madame", AUD_SEX_F}, {"Mademoiselle", AUD_SEX_F}, {"M.", AUD_SEX_M}, {"Mr", AUD_SEX_M}, {"Mr.", AUD_SEX_M},
    {"Monsieur", AUD_SEX_M}, {"MONSIEUR", AUD_SEX_M}, {" f ", AUD_SEX_F}, {"  Homme  ", AUD_SEX_M},
    {"\xD8\xA3\xD9\x86\xD8\xAB\xD9\x89", AUD_SEX_F},                           /* أنثى */
    {"\xD8\xA7\xD9\x86\xD8\xAB\xD9\x8A", AUD_SEX_F},                           /* انثي */
    {"\xD8\xB0\xD9\x83\xD8\xB1", AUD_SEX_M},                                   /* ذكر */
    {"\xD8\xA7\xD9\x85\xD8\xB1\xD8\xA3\xD8\xA9", AUD_SEX_F},                   /* امرأة */
    {"\xD8\xB1\xD8\xAC\xD9\x84", AUD_SEX_M},                                   /* رجل */
    {"\xD8\xA7\xD9\x84\xD8\xB3\xD9\x8A\xD8\xAF\xD8\xA9", AUD_SEX_F},           /* السيدة */
    {"\xD8\xA7\xD9\x84\xD8\xB3\xD9\x8A\xD8\xAF", AUD_SEX_M},                   /* السيد */
    {"1", AUD_SEX_NONE}, {"2", AUD_SEX_NONE}, {"0", AUD_SEX_NONE}, {"", AUD_SEX_NONE}, {"X", AUD_SEX_NONE},
    {"Fatima", AUD_SEX_NONE}, {"Mohamed", AUD_SEX_NONE}, {"MF", AUD_SEX_NONE}, {"Femmes et hommes", AUD_SEX_NONE},
};

static void test_sex_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof sex_cases / sizeof *sex_cases; i++) {
        aud_sex s = aud_val_sex(vocab, sex_cases[i].in, strlen(sex_cases[i].in));
        if (s != sex_cases[i].s) fail_msg("sex \"%s\" -> %d, expected %d", sex_cases[i].in, s, sex_cases[i].s);
    }
}

typedef struct int_case { const char *in; int v; } int_case;

static const int_case yesno_cases[] = {
    {"oui", 1}, {"Oui", 1}, {"OUI", 1}, {"non", 0}, {"Non", 0}, {"o", 1}, {"n", 0}, {"O", 1}, {"N", 0},
    {"yes", 1}, {"Yes", 1}, {"no", 0}, {"y", 1}, {"Y", 1}, {"1", 1}, {"0", 0}, {"vrai", 1}, {"VRAI", 1},
    {"faux", 0}, {"true", 1}, {"TRUE", 1}, {"false", 0}, {"FALSE", 0}, {"x", 1}, {"X", 1},
    {"\xD9\x86\xD8\xB9\xD9\x85", 1}, {"\xD9\x84\xD8\xA7", 0}, {"peut-etre", -1}, {"2", -1}, {"", -1},
};

static const int_case stage_cases[] = {
    {"Candidature", AUD_STAGE_APPLIED}, {"candidature re\xC3\xA7ue", AUD_STAGE_APPLIED}, {"Applied", AUD_STAGE_APPLIED},
    {"Pr\xC3\xA9s\xC3\xA9lection", AUD_STAGE_SCREENED}, {"pr\xC3\xA9s\xC3\xA9lectionn\xC3\xA9(e)", AUD_STAGE_SCREENED},
    {"Screened", AUD_STAGE_SCREENED}, {"shortlisted", AUD_STAGE_SCREENED},
    {"Entretien", AUD_STAGE_INTERVIEWED}, {"Interviewed", AUD_STAGE_INTERVIEWED}, {"interview", AUD_STAGE_INTERVIEWED},
    {"Offre", AUD_STAGE_OFFERED}, {"Offered", AUD_STAGE_OFFERED}, {"proposition", AUD_STAGE_OFFERED},
    {"Embauche", AUD_STAGE_HIRED}, {"Embauch\xC3\xA9", AUD_STAGE_HIRED}, {"embauch\xC3\xA9" "e", AUD_STAGE_HIRED},
    {"Recrut\xC3\xA9", AUD_STAGE_HIRED}, {"recrut\xC3\xA9(e)", AUD_STAGE_HIRED}, {"Hired", AUD_STAGE_HIRED},
    {"3 - Entretien", AUD_STAGE_INTERVIEWED}, {"5. Recrut\xC3\xA9", AUD_STAGE_HIRED},
    {"\xD8\xA7\xD9\x84\xD8\xAA\xD8\xB1\xD8\xB4\xD9\x8A\xD8\xAD", AUD_STAGE_APPLIED},         /* الترشيح */
    {"\xD8\xA7\xD9\x84\xD9\x85\xD9\x82\xD8\xA7\xD8\xA8\xD9\x84\xD8\xA9", AUD_STAGE_INTERVIEWED}, /* المقابلة */
    {"\xD8\xA7\xD9\x84\xD8\xAA\xD9\x88\xD8\xB8\xD9\x8A\xD9\x81", AUD_STAGE_HIRED},          /* التوظيف */
    {"rejet\xC3\xA9", -1}, {"", -1}, {"7", -1},
};

static const int_case csp_cases[] = {
    {"Cadre", 3}, {"cadres", 3}, {"CADRE", 3}, {"Cadre sup\xC3\xA9rieur", 3}, {"Ing\xC3\xA9nieur", 3},
    {"Ing\xC3\xA9nieurs et cadres", 3}, {"IC", 3}, {"Manager", 3},
    {"Agent de ma\xC3\xAEtrise", 2}, {"Agents de ma\xC3\xAEtrise", 2}, {"AM", 2}, {"TAM", 2}, {"Technicien", 2},
    {"Techniciens et agents de ma\xC3\xAEtrise", 2}, {"Technician", 2},
    {"Employ\xC3\xA9", 1}, {"Employ\xC3\xA9s", 1}, {"employ\xC3\xA9" "e", 1}, {"Employee", 1}, {"Clerk", 1},
    {"Ouvrier", 0}, {"Ouvriers", 0}, {"Ouvrier qualifi\xC3\xA9", 0}, {"Worker", 0}, {"Op\xC3\xA9rateur", -1},
    {"\xD8\xA5\xD8\xB7\xD8\xA7\xD8\xB1", 3},                                   /* إطار */
    {"\xD8\xB9\xD9\x88\xD9\x86 \xD8\xA7\xD9\x84\xD8\xAA\xD8\xAD\xD9\x83\xD9\x85", 2},  /* عون التحكم */
    {"\xD8\xAA\xD9\x82\xD9\x86\xD9\x8A", 2},                                   /* تقني */
    {"\xD9\x85\xD8\xB3\xD8\xAA\xD8\xAE\xD8\xAF\xD9\x85", 1},                   /* مستخدم */
    {"\xD8\xB9\xD8\xA7\xD9\x85\xD9\x84", 0},                                   /* عامل */
    {"Direction", -1}, {"", -1},
};

static void run_int_table(const int_case *t, size_t n, int (*fn)(const aud_vocab *, const char *, size_t), const char *what)
{
    for (size_t i = 0; i < n; i++) {
        int v = fn(vocab, t[i].in, strlen(t[i].in));
        if (v != t[i].v) fail_msg("%s \"%s\" -> %d, expected %d", what, t[i].in, v, t[i].v);
    }
}

static void test_yesno_table(void **state)
{
    (void)state;
    run_int_table(yesno_cases, sizeof yesno_cases / sizeof *yesno_cases, aud_val_yesno, "yesno");
}

static void test_stage_table(void **state)
{
    (void)state;
    run_int_table(stage_cases, sizeof stage_cases / sizeof *stage_cases, aud_val_stage, "stage");
}

static void test_csp_table(void **state)
{
    (void)state;
    run_int_table(csp_cases, sizeof csp_cases / sizeof *csp_cases, aud_val_csp, "csp");
}

static void test_vocab_errors(void **state)
{
    (void)state;
    aud_vocab *v = NULL;
    aud_diag d;
    aud_diag_clear(&d);
    const char bad[] = "# comment\nsex\tF\t(unclosed\n";
    assert_int_equal(aud_vocab_parse(bad, sizeof bad - 1, "x.tsv", &v, &d), AUD_E_PATTERN);
    assert_int_equal(d.line, 2);
    assert_null(v);
    const char notab[] = "sex F f\n";
    assert_int_equal(aud_vocab_parse(notab, sizeof notab - 1, "x.tsv", &v, &d), AUD_E_TEMPLATE);
    const char ok[] = "sex\tF\tfem\r\n\nsex\tM\tmasc\n";
    assert_int_equal(aud_vocab_parse(ok, sizeof ok - 1, "x.tsv", &v, &d), AUD_OK);
    assert_int_equal(aud_val_sex(v, "FEM", 3), AUD_SEX_F);
    assert_int_equal(aud_val_sex(v, "masc", 4), AUD_SEX_M);
    assert_int_equal(aud_val_sex(v, "femme", 5), AUD_SEX_NONE);   /* anchored */
    aud_vocab_free(v);
}

static void test_trim(void **state)
{
    (void)state;
    const char *s;
    size_t n = aud_trim("\xC2\xA0 abc \xE2\x80\xAF", 10, &s);
    assert_int_equal(n, 3);
    assert_memory_equal(s, "abc", 3);
    assert_int_equal(aud_trim("   ", 3, &s), 0);
}

static int setup(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/values.tsv", tdir());
    aud_diag d;
    aud_diag_clear(&d);
    return aud_vocab_load(path, &vocab, &d) == AUD_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    aud_vocab_free(vocab);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_table),
        cmocka_unit_test(test_money_ambiguous_separator),
        cmocka_unit_test(test_date_table),
        cmocka_unit_test(test_fte_table),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_cnss),
        cmocka_unit_test(test_norm_table),
        cmocka_unit_test(test_sex_table),
        cmocka_unit_test(test_yesno_table),
        cmocka_unit_test(test_stage_table),
        cmocka_unit_test(test_csp_table),
        cmocka_unit_test(test_vocab_errors),
        cmocka_unit_test(test_trim),
    };
    return cmocka_run_group_tests_name("values", tests, setup, teardown);
}
