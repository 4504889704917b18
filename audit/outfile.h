/* outfile.h - atomic, input-safe output files.
 *
 * An output is written to a temporary file in the target folder and renamed
 * into place on success, so a failed run never leaves a half-written file and
 * never touches an input. aud_output_check refuses an output path that is (or
 * links to) one of the inputs, a folder, or inside a missing folder.
 *
 * Ownership: aud_output_begin allocates *tmp_path (caller frees); the caller
 * writes to it and then calls aud_output_commit or aud_output_abort.
 */
#ifndef AUD_OUTFILE_H
#define AUD_OUTFILE_H

#include <stddef.h>

#include "diag.h"

/* AUD_E_SAME_FILE (exit 2) when out is one of inputs, AUD_E_OUTPUT (exit 4)
 * when it is a folder or its folder does not exist. */
aud_err aud_output_check(const char *out, const char *const *inputs, size_t ninputs, aud_diag *diag);
/* Make a unique temporary path next to out and create the file (0644 less umask). */
aud_err aud_output_begin(const char *out, char **tmp_path, aud_diag *diag);
aud_err aud_output_commit(const char *tmp_path, const char *out, aud_diag *diag);
void aud_output_abort(const char *tmp_path);
/* 1 when path exists and is a device, pipe or socket (written in place). */
int aud_output_is_special(const char *path);
/* Write a whole buffer atomically (begin + write + fsync + commit). */
aud_err aud_output_write_all(const char *out, const void *buf, size_t len, aud_diag *diag);

#endif
