/* rss.c - runs a command and reports its wall time, CPU time and peak RSS
 * (getrusage of the waited child), without /usr/bin/time:
 *   rss [-o FILE] COMMAND [ARG...]
 * The report ("elapsed_s=... user_s=... sys_s=... maxrss_kb=... status=...")
 * goes to FILE or stderr; rss exits with the command's status. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double tv(struct timeval t) { return (double)t.tv_sec + (double)t.tv_usec * 1e-6; }

int main(int argc, char **argv)
{
    int a = 1;
    const char *out = NULL;
    if (a + 1 < argc && strcmp(argv[a], "-o") == 0) { out = argv[a + 1]; a += 2; }
    if (a >= argc) { fprintf(stderr, "usage: rss [-o FILE] COMMAND [ARG...]\n"); return 2; }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) { perror("rss: fork"); return 127; }
    if (pid == 0) {
        execvp(argv[a], argv + a);
        perror("rss: exec");
        _exit(127);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) < 0) { perror("rss: waitpid"); return 127; }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *f = out ? fopen(out, "w") : stderr;
    if (!f) { perror(out); return 127; }
    fprintf(f, "elapsed_s=%.3f user_s=%.3f sys_s=%.3f maxrss_kb=%ld status=%d\n",
            (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9,
            tv(ru.ru_utime), tv(ru.ru_stime), ru.ru_maxrss, code);
    if (out) fclose(f);
    return code;
}
