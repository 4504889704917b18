/* replay.c - runs a libFuzzer target over every file of a corpus folder, so
 * `make test` replays the corpus without libFuzzer. Exit 0 when every input
 * ran to completion (a crash or sanitizer report fails the run). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "cannot open %s\n", path); return 1; }
    struct stat st;
    if (fstat(fileno(f), &st) != 0) { fclose(f); return 1; }
    size_t n = (size_t)st.st_size;
    uint8_t *buf = malloc(n ? n : 1);
    if (!buf || fread(buf, 1, n, f) != n) { free(buf); fclose(f); return 1; }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    int bad = 0, count = 0;
    for (int a = 1; a < argc; a++) {
        struct stat st;
        if (stat(argv[a], &st) != 0) { fprintf(stderr, "cannot stat %s\n", argv[a]); return 1; }
        if (!S_ISDIR(st.st_mode)) { bad |= run_file(argv[a]); count++; continue; }
        DIR *d = opendir(argv[a]);
        if (!d) return 1;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", argv[a], e->d_name);
            bad |= run_file(p);
            count++;
        }
        closedir(d);
    }
    printf("replayed %d inputs\n", count);
    return bad || count == 0;
}
