/* csv_read_speed.c - time the CSV reader alone (decode, split, line
 * tracking) on a file: `csv_read_speed FILE` prints rows, MB and MB/s of CPU time. */
#include <stdio.h>
#include <time.h>

#include "csvin.h"

static aud_err count(void *ctx, const aud_row *row)
{
    (void)row;
    (*(unsigned long long *)ctx)++;
    return AUD_OK;
}

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: csv_read_speed FILE\n"); return 2; }
    unsigned long long rows = 0;
    aud_csv_opts o = {0};
    aud_csv_info info;
    aud_diag d;
    aud_diag_clear(&d);
    clock_t t0 = clock();
    aud_err e = aud_csv_read(argv[1], &o, count, &rows, &info, &d);
    double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (e) { fprintf(stderr, "%s:%llu: %s\n", d.file, (unsigned long long)d.line, d.message); return 3; }
    double mb = (double)info.bytes / 1e6;
    printf("%llu rows, %.1f MB, %s, %.2f s CPU, %.0f MB/s\n", rows, mb, aud_enc_name(info.enc), s, s > 0 ? mb / s : 0);
    return 0;
}
