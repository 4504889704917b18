/* rowsrc.h - the reader interface: every tabular source (CSV/TSV, xlsx sheet)
 * delivers rows of UTF-8 cells to one callback, header row first, so header
 * recognition, value parsing and row accounting are written once.
 *
 * The callback receives borrowed pointers valid only during the call (copy
 * what you keep). cells[i] is NUL-terminated UTF-8 of lens[i] bytes; a missing
 * cell (xlsx column gap, short CSV row) is "" with length 0. `line` is the
 * physical 1-based line where the row starts (CSV) or the Excel row number.
 * `ncells` is the number of cells the source really had (for ragged-row
 * detection); xlsx rows are padded to the widest cell seen in that row.
 * Returning non-AUD_OK from the callback stops the reader with that error.
 */
#ifndef AUD_ROWSRC_H
#define AUD_ROWSRC_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef struct aud_row {
    const char *const *cells;
    const size_t *lens;
    size_t ncells;
    uint64_t line;
    int too_long;        /* a field exceeded the 64 KiB cap (cell truncated to "") */
    const void *prep;    /* what aud_row_prep.fn made of this row, or NULL */
    const void *prep_ahead; /* the same for a row a few rows further, or NULL:
                               a hint, to start loading what it will need */
} aud_row;

typedef aud_err (*aud_row_cb)(void *ctx, const aud_row *row);

/* Work a reader may do on each row before the callback sees it, on its own
 * thread: the callback publishes `ready` (release) once fn, size and ctx
 * are set and everything fn reads stays unchanged; from the next block of
 * rows on, the reader runs fn(ctx, row, out) with `size` bytes at out and
 * passes out as row->prep. fn must be a pure function of the row and of
 * that frozen state, so a row means the same with or without prep (the
 * first rows, and readers that never prepare, come with prep = NULL). */
typedef struct aud_row_prep {
    _Atomic int ready;
    int balance;         /* 1: prepare a block only while the callback has
                            blocks waiting (the threads share the work); 0: all */
    size_t size;
    void (*fn)(const void *ctx, const aud_row *row, void *out);
    const void *ctx;
} aud_row_prep;

#endif
