/* outfile.c - temp file + rename; same-file refusal by device and inode. */
#define _POSIX_C_SOURCE 200809L
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static aud_err begin_at(const char *out, char **tmp_path, aud_diag *diag);

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return strdup(".");
    if (slash == path) return strdup("/");
    size_t n = (size_t)(slash - path);
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

aud_err aud_output_check(const char *out, const char *const *inputs, size_t ninputs, aud_diag *diag)
{
    struct stat so;
    if (stat(out, &so) == 0) {
        if (S_ISDIR(so.st_mode))
            return aud_diag_set(diag, AUD_E_OUTPUT, out, 0, "the output path is a folder");
        for (size_t i = 0; i < ninputs; i++) {
            struct stat si;
            if (inputs[i] && stat(inputs[i], &si) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino) {
                aud_diag_set(diag, AUD_E_SAME_FILE, out, 0, "the output path is the input %s; refusing to overwrite it", inputs[i]);
                aud_diag_set_hint(diag, "choose another output name with -o");
                return AUD_E_SAME_FILE;
            }
        }
    }
    char *dir = dir_of(out);
    if (!dir) return AUD_E_NOMEM;
    struct stat sd;
    aud_err e = AUD_OK;
    if (stat(dir, &sd) != 0 || !S_ISDIR(sd.st_mode)) {
        e = aud_diag_set(diag, AUD_E_OUTPUT, out, 0, "the output folder %s does not exist", dir);
        aud_diag_set_hint(diag, "create the folder first or choose another path");
    }
    free(dir);
    return e;
}

/* An output that is a symbolic link is written through it: the temporary
 * file goes next to the link's target and is renamed onto the target, so
 * the link is kept and no file is created in the link's folder (renaming
 * onto /dev/stdout would replace the link itself). Caller frees. */
static char *target_of(const char *out)
{
    struct stat sl;
    if (lstat(out, &sl) == 0 && S_ISLNK(sl.st_mode)) {
        char *real = realpath(out, NULL);
        if (real) return real;
        if (errno == ENOMEM) return NULL;
    }
    return strdup(out);
}

/* 1 when out exists and is neither a regular file nor a folder: a device
 * (/dev/full, /dev/null), a pipe or a socket. Those cannot be replaced by a
 * rename; they are written in place. */
static int is_special(const char *out)
{
    struct stat so;
    return stat(out, &so) == 0 && !S_ISREG(so.st_mode) && !S_ISDIR(so.st_mode);
}

aud_err aud_output_begin(const char *out, char **tmp_path, aud_diag *diag)
{
    if (is_special(out))
        return aud_diag_set(diag, AUD_E_OUTPUT, out, 0, "the output path is a device or a pipe; this output can only be written to a file");
    char *target = target_of(out);
    if (!target) return AUD_E_NOMEM;
    aud_err e = begin_at(target, tmp_path, diag);
    free(target);
    return e;
}

static aud_err begin_at(const char *out, char **tmp_path, aud_diag *diag)
{
    size_t n = strlen(out) + 32;
    char *tmp = malloc(n);
    if (!tmp) return AUD_E_NOMEM;
    snprintf(tmp, n, "%s.tmp-XXXXXX", out);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int err = errno;
        free(tmp);
        return aud_diag_set(diag, AUD_E_OUTPUT, out, 0, "cannot create a temporary file next to the output: %s", strerror(err));
    }
    /* mkstemp gives 0600; outputs are ordinary documents. */
    mode_t um = umask(0);
    umask(um);
    (void)fchmod(fd, 0666 & ~um);
    close(fd);
    *tmp_path = tmp;
    return AUD_OK;
}

aud_err aud_output_commit(const char *tmp_path, const char *out, aud_diag *diag)
{
    char *target = target_of(out);
    if (!target) { unlink(tmp_path); return AUD_E_NOMEM; }
    int rc = rename(tmp_path, target);
    free(target);
    if (rc != 0) {
        int err = errno;
        unlink(tmp_path);
        return aud_diag_set(diag, AUD_E_OUTPUT, out, 0, "cannot move the finished file into place: %s", strerror(err));
    }
    return AUD_OK;
}

void aud_output_abort(const char *tmp_path)
{
    if (tmp_path) unlink(tmp_path);
}

/* 0 or the errno of the failed write */
static int write_fd(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) return errno;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

static aud_err write_in_place(const char *out, const void *buf, size_t len, aud_diag *diag)
{
    int fd = open(out, O_WRONLY | O_NOCTTY);
    if (fd < 0) return aud_diag_set(diag, AUD_E_OUTPUT, out, 0, "cannot open for writing: %s", strerror(errno));
    int err = write_fd(fd, buf, len);
    if (close(fd) != 0 && !err) err = errno;
    if (err) return aud_diag_set(diag, AUD_E_OUTPUT, out, 0, "write failed: %s", strerror(err));
    return AUD_OK;
}

aud_err aud_output_write_all(const char *out, const void *buf, size_t len, aud_diag *diag)
{
    if (is_special(out)) return write_in_place(out, buf, len, diag);
    char *tmp = NULL;
    AUD_TRY(aud_output_begin(out, &tmp, diag));
    if (!tmp) return AUD_E_INTERNAL;
    aud_err e = AUD_OK;
    int fd = open(tmp, O_WRONLY | O_TRUNC);
    if (fd < 0) {
        e = aud_diag_set(diag, AUD_E_OUTPUT, out, 0, "cannot open the temporary file: %s", strerror(errno));
        goto fail;
    }
    int err = write_fd(fd, buf, len);
    if (err) {
        e = aud_diag_set(diag, AUD_E_OUTPUT, out, 0, "write failed: %s", strerror(err));
        close(fd);
        goto fail;
    }
    if (fsync(fd) != 0 && errno != EINVAL) {
        e = aud_diag_set(diag, AUD_E_OUTPUT, out, 0, "write failed: %s", strerror(errno));
        close(fd);
        goto fail;
    }
    if (close(fd) != 0) {
        e = aud_diag_set(diag, AUD_E_OUTPUT, out, 0, "write failed: %s", strerror(errno));
        goto fail;
    }
    e = aud_output_commit(tmp, out, diag);
    free(tmp);
    return e;
fail:
    aud_output_abort(tmp);
    free(tmp);
    return e;
}

int aud_output_is_special(const char *path)
{
    return is_special(path);
}
