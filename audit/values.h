/* values.h - value parsers of EXTRACT.md "Values": money, dates, rates,
 * CNSS numbers, plain numbers, and the vocabularies of templates/values.tsv
 * (sex, yes/no, stage, csp).
 *
 * Parsers are pure functions of their input text (no locale, no globals).
 * Text may carry Arabic-Indic digits, NBSP/U+202F spaces and currency marks.
 *
 * Money and the column majority: amounts are parsed exactly into integer
 * micro-units of MAD (1e-6; centimes and any finer decimals are exact), then
 * converted to double once. A single separator followed by exactly three
 * digits ("3.266", "1,500") is ambiguous: aud_val_money returns AUD_V_AMBIG
 * with both readings. The reader does not decide at once: it stores the
 * decimal reading, remembers the row, and counts for each column which mark
 * the unambiguous values used as decimal point (aud_money.vote). After the
 * file is read, each remembered cell takes the decimal reading when its
 * separator is the column's majority decimal mark, and the thousands reading
 * otherwise (also when there is no majority: three decimals are implausible
 * for a wage, "3.046 DH" is how the press writes thousands).
 *
 * Ownership: aud_vocab_load returns a vocabulary owned by the caller
 * (aud_vocab_free). Everything else uses caller buffers.
 */
#ifndef AUD_VALUES_H
#define AUD_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataset.h"
#include "diag.h"

typedef enum aud_vstatus {
    AUD_V_OK = 0,
    AUD_V_EMPTY,        /* nothing but spaces */
    AUD_V_BAD,          /* not readable as this type */
    AUD_V_AMBIG,        /* money: thousands or decimal, decided by the column */
    AUD_V_RANGE         /* readable but outside the allowed range */
} aud_vstatus;

/* Normalise for matching (templates/README.md): lower case, accents
 * removed, Arabic folded, Arabic-Indic digits to ASCII, _-./()' and the
 * typographic apostrophe to spaces, space runs (NBSP, U+202F...) collapsed,
 * trimmed. Writes at most cap-1 bytes plus NUL; returns the length. */
size_t aud_norm(const char *s, size_t len, char *out, size_t cap);

/* Trim ASCII and Unicode spaces from both ends: *start, returns length. */
size_t aud_trim(const char *s, size_t len, const char **start);

typedef struct aud_money {
    int64_t micro;      /* value in 1e-6 MAD (decimal reading when ambiguous) */
    int64_t micro_alt;  /* thousands reading when AUD_V_AMBIG */
    char sep;           /* AMBIG: the ambiguous separator */
    char vote;          /* decimal mark this value proves ('.' or ','), 0 if none */
} aud_money;

aud_vstatus aud_val_money(const char *s, size_t len, aud_money *m);
double aud_money_value(int64_t micro);

/* Plain decimal number with '.' or ',' (spaces, Arabic digits allowed). */
aud_vstatus aud_val_number(const char *s, size_t len, double *out);
/* Whole number in [lo, hi]: AUD_V_RANGE outside. */
aud_vstatus aud_val_int(const char *s, size_t len, long lo, long hi, long *out);

typedef enum aud_date_role {
    AUD_DATE_BIRTH = 0,   /* two-digit years: the century giving an age of 15-70 */
    AUD_DATE_EVENT        /* two-digit years: not after the year after the reference */
} aud_date_role;

/* dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy (2-digit years too),
 * yyyy-mm-dd, yyyy/mm/dd, yyyymmdd, Excel serials (1900 system), an optional
 * trailing time. Never month-first. ref = reference day (period end). */
aud_vstatus aud_val_date(const char *s, size_t len, aud_date_role role, int32_t ref, int32_t *out);

/* Activity rate: 0.8, 0,8, 80, 80%, 80 % -> 0.8; AUD_V_RANGE outside (0, 1.5]. */
aud_vstatus aud_val_fte(const char *s, size_t len, double *out);

/* CNSS insured number: 9 digits after removing spaces (out gets them + NUL).
 * AUD_V_OK; AUD_V_RANGE when the check digit fails (morocco.md §2.1);
 * AUD_V_BAD when not 9 digits. */
aud_vstatus aud_val_cnss(const char *s, size_t len, char out[10]);

/* ---- vocabularies ------------------------------------------------------ */

typedef struct aud_vocab aud_vocab;

aud_err aud_vocab_load(const char *path, aud_vocab **out, aud_diag *diag);
/* From text (tests); name is used in diagnostics. */
aud_err aud_vocab_parse(const char *text, size_t len, const char *name, aud_vocab **out, aud_diag *diag);
void aud_vocab_free(aud_vocab *v);
/* Canonical value of a raw value in a domain ("sex", "yesno", "stage",
 * "csp"), or NULL. The raw value is normalised first. */
const char *aud_vocab_lookup(const aud_vocab *v, const char *domain, const char *s, size_t len);

aud_sex aud_val_sex(const aud_vocab *v, const char *s, size_t len);      /* NONE = unreadable */
int aud_val_yesno(const aud_vocab *v, const char *s, size_t len);        /* 1, 0, -1 */
int aud_val_stage(const aud_vocab *v, const char *s, size_t len);        /* aud_stage, -1 */
int aud_val_csp(const aud_vocab *v, const char *s, size_t len);          /* 0..3, -1 */

#endif
