/* scratch.h - the one file a file-reading fuzz target writes each input to.
 * One per process, truncated and rewritten for each input (in /dev/shm when
 * there is one, so no disk block is touched), removed at exit: creating and
 * removing a file per input cost more than small inputs take to read. */
#ifndef FUZZ_SCRATCH_H
#define FUZZ_SCRATCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char fuzz_scratch[64];

static void fuzz_scratch_remove(void)
{
    if (fuzz_scratch[0]) remove(fuzz_scratch);
}

/* Write data to the scratch file named after stem (e.g. "x.csv"); its path,
 * or NULL when it cannot be written. */
static const char *fuzz_scratch_write(const char *stem, const uint8_t *data, size_t size)
{
    if (!fuzz_scratch[0]) {
        const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(fuzz_scratch, sizeof fuzz_scratch, "%s/%ld_%s", dir, (long)getpid(), stem);
        atexit(fuzz_scratch_remove);
    }
    FILE *f = fopen(fuzz_scratch, "wb");
    if (!f) return NULL;
    int ok = fwrite(data, 1, size, f) == size;
    if (fclose(f) != 0) ok = 0;
    return ok ? fuzz_scratch : NULL;
}

#endif
