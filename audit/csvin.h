/* csvin.h - CSV/TSV reader (libcsv, strict) delivering UTF-8 rows through the
 * aud_row_cb interface of rowsrc.h. The only module that sees csv.h.
 *
 * Streams the file in blocks (never holds it whole): detects and converts the
 * encoding (encoding.h), sniffs the delimiter among , ; TAB | from the first
 * lines, tracks physical 1-based line numbers itself (a row's line is where
 * it starts; blank lines and all-empty rows are skipped but counted), caps
 * fields at AUD_CSV_FIELD_MAX bytes (the row is delivered with too_long set
 * and no cells), and reports broken quoting at the line where the quote opened.
 *
 * Ownership: borrows everything; cells passed to the callback live only
 * during the call.
 */
#ifndef AUD_CSVIN_H
#define AUD_CSVIN_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "encoding.h"
#include "rowsrc.h"

#define AUD_CSV_FIELD_MAX 65536u

typedef struct aud_csv_opts {
    char delimiter;              /* 0 = sniff */
    const char *encoding;        /* --encoding or NULL = detect */
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *progress_ctx;
    int threads;                 /* 0 = two threads (decode + split | rows) for
                                    files of AUD_CSV_PIPE_MIN bytes or more, 1 = one,
                                    2 = always two; rows, lines and errors are the same */
    aud_row_prep *prep;          /* optional per-row work on the reading thread
                                    (two-thread mode only; see rowsrc.h) */
    int libcsv_only;             /* 1 = every record through libcsv, none through the
                                    quote-free fast path (tests compare the two) */
} aud_csv_opts;

#define AUD_CSV_PIPE_MIN (4u << 20)

typedef struct aud_csv_info {
    aud_enc enc;
    char delimiter;
    uint64_t bytes;              /* raw bytes read */
    uint64_t blank_lines;
    uint64_t lines;              /* physical lines seen */
    char sha256[65];             /* of the raw bytes, when the whole stream was read; else "" */
} aud_csv_info;

/* Read the file at path. diag names `path`. */
aud_err aud_csv_read(const char *path, const aud_csv_opts *o, aud_row_cb cb, void *ctx,
                     aud_csv_info *info, aud_diag *diag);
/* Same from an open stream; `name` is used in diagnostics, `total` (0 if
 * unknown) for progress. */
aud_err aud_csv_read_stream(FILE *f, const char *name, uint64_t total, const aud_csv_opts *o,
                            aud_row_cb cb, void *ctx, aud_csv_info *info, aud_diag *diag);
/* Same from memory (tests, fuzzing). */
aud_err aud_csv_read_mem(const void *buf, size_t n, const char *name, const aud_csv_opts *o,
                         aud_row_cb cb, void *ctx, aud_csv_info *info, aud_diag *diag);

/* The delimiter that best splits the first lines of UTF-8 text s (exposed for tests). */
char aud_csv_sniff(const char *s, size_t n);

/* "," ";" "TAB" "|" */
const char *aud_csv_delim_name(char c);

#endif
