/* diag.c - error strings and diagnostic helpers. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *aud_strerror(aud_err e)
{
    switch (e) {
    case AUD_OK: return "success";
    case AUD_E_NOMEM: return "out of memory";
    case AUD_E_IO: return "cannot read input";
    case AUD_E_USAGE: return "usage error";
    case AUD_E_ENCODING: return "input encoding cannot be decoded";
    case AUD_E_CSV: return "broken CSV structure";
    case AUD_E_HEADER: return "header not usable";
    case AUD_E_VALUE: return "unusable value";
    case AUD_E_NODATA: return "no usable row";
    case AUD_E_FORMAT: return "unsupported or corrupt file";
    case AUD_E_PATTERN: return "template pattern does not compile";
    case AUD_E_TEMPLATE: return "template file malformed";
    case AUD_E_XLSX: return "workbook could not be written";
    case AUD_E_OUTPUT: return "output could not be written";
    case AUD_E_SAME_FILE: return "output path is an input file";
    case AUD_E_SUMMARY: return "invalid summary file";
    case AUD_E_INTERNAL: return "internal error";
    }
    return "unknown error";
}

int aud_err_exit_status(aud_err e)
{
    switch (e) {
    case AUD_OK: return 0;
    case AUD_E_USAGE: case AUD_E_SAME_FILE: return 2;
    case AUD_E_IO: case AUD_E_ENCODING: case AUD_E_CSV: case AUD_E_HEADER:
    case AUD_E_VALUE: case AUD_E_NODATA: case AUD_E_FORMAT: case AUD_E_PATTERN:
    case AUD_E_TEMPLATE: case AUD_E_SUMMARY: return 3;
    case AUD_E_XLSX: case AUD_E_OUTPUT: return 4;
    case AUD_E_NOMEM: case AUD_E_INTERNAL: return 5;
    }
    return 5;
}

void aud_diag_clear(aud_diag *d)
{
    if (d) memset(d, 0, sizeof *d);
}

aud_err aud_diag_set(aud_diag *d, aud_err code, const char *file, uint64_t line,
                     const char *fmt, ...)
{
    if (!d) return code;
    d->code = code;
    snprintf(d->file, sizeof d->file, "%s", file ? file : "");
    d->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->message, sizeof d->message, fmt, ap);
    va_end(ap);
    return code;
}

void aud_diag_set_column(aud_diag *d, const char *column)
{
    if (d) snprintf(d->column, sizeof d->column, "%s", column ? column : "");
}

void aud_diag_set_offset(aud_diag *d, uint64_t off)
{
    if (!d) return;
    d->byte_offset = off;
    d->has_offset = 1;
}

void aud_diag_set_hint(aud_diag *d, const char *fmt, ...)
{
    if (!d) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->hint, sizeof d->hint, fmt, ap);
    va_end(ap);
}
