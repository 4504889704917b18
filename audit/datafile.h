/* datafile.h - reading a whole data file of templates/ (header templates,
 * value vocabularies, label tables) into memory, with one rule for errors:
 * an allocation failure is AUD_E_NOMEM, anything else AUD_E_TEMPLATE naming
 * the file and `what` it was meant to be.
 *
 * Ownership: *buf is malloc'd, NUL-terminated (caller frees); *len excludes
 * the terminator.
 */
#ifndef AUD_DATAFILE_H
#define AUD_DATAFILE_H

#include <stddef.h>

#include "diag.h"

/* Files above this size are refused: templates are hand-written text. */
#define AUD_DATAFILE_MAX (16u << 20)

aud_err aud_datafile_read(const char *path, const char *what, char **buf, size_t *len, aud_diag *diag);

#endif
