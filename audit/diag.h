/* diag.h - error codes and diagnostics for all library code.
 *
 * Library code never prints and never exits: a fallible function returns an
 * aud_err and, when given a non-NULL aud_diag, fills it with the file, the
 * physical 1-based line, the column name, the byte offset and a message.
 * Only audit/main.c turns these into text on stderr and an exit status.
 *
 * Ownership: an aud_diag is caller-owned storage; its strings are copied in
 * (fixed-size buffers), so it never needs freeing.
 */
#ifndef AUD_DIAG_H
#define AUD_DIAG_H

#include <stddef.h>
#include <stdint.h>

typedef enum aud_err {            /* stable values: never renumber */
    AUD_OK = 0,
    AUD_E_NOMEM = 1,              /* allocation failed */
    AUD_E_IO = 2,                 /* cannot open/read an input */
    AUD_E_USAGE = 3,              /* bad option or argument */
    AUD_E_ENCODING = 10,          /* undecodable input */
    AUD_E_CSV = 11,               /* broken CSV structure */
    AUD_E_HEADER = 12,            /* header unrecognisable / required field missing */
    AUD_E_VALUE = 13,             /* unusable value */
    AUD_E_NODATA = 14,            /* no usable row */
    AUD_E_FORMAT = 15,            /* unsupported or corrupt file format */
    AUD_E_PATTERN = 20,           /* template pattern does not compile */
    AUD_E_TEMPLATE = 21,          /* template file malformed */
    AUD_E_XLSX = 30,              /* workbook writer failed */
    AUD_E_OUTPUT = 31,            /* output path unusable / write failed */
    AUD_E_SAME_FILE = 32,         /* output path equals an input */
    AUD_E_SUMMARY = 40,           /* summary file invalid */
    AUD_E_INTERNAL = 90
} aud_err;

typedef struct aud_diag {
    aud_err code;
    char file[512];               /* input or output path concerned, "" if none */
    uint64_t line;                /* physical 1-based line (or Excel row), 0 if none */
    char column[128];             /* column header or field, "" if none */
    uint64_t byte_offset;         /* byte offset in the file, when meaningful */
    int has_offset;
    char message[512];            /* what went wrong */
    char hint[256];               /* what to do, "" if nothing useful */
} aud_diag;

const char *aud_strerror(aud_err e);

/* Exit status of PRODUCT.md for an error code (2 usage, 3 input, 4 output, 5 internal). */
int aud_err_exit_status(aud_err e);

void aud_diag_clear(aud_diag *d);

/* Fill d (if non-NULL) and return code, so callers can write
 * `return aud_diag_set(d, AUD_E_CSV, path, line, "...%s", x);` */
aud_err aud_diag_set(aud_diag *d, aud_err code, const char *file, uint64_t line,
                     const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
void aud_diag_set_column(aud_diag *d, const char *column);
void aud_diag_set_offset(aud_diag *d, uint64_t off);
void aud_diag_set_hint(aud_diag *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#define AUD_TRY(expr) do { aud_err aud_try_e_ = (expr); if (aud_try_e_ != AUD_OK) return aud_try_e_; } while (0)

#endif
