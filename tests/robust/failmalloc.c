/* failmalloc.c - LD_PRELOAD allocation-failure injector for the CLI fault
 * tests (tests/cli/robust_alloc_fail.sh builds it with
 * `cc -shared -fPIC tests/robust/failmalloc.c -o failmalloc.so -ldl`).
 *
 * Counts malloc, calloc, realloc, reallocarray, strdup, strndup,
 * posix_memalign and aligned_alloc calls made after main() starts (it wraps
 * __libc_start_main, so loader and library constructors are never counted)
 * and makes call number MUSAWAT_FAIL_AT fail (returns NULL, errno ENOMEM);
 * every other call succeeds, so the test sees how one failure is handled.
 * MUSAWAT_FAIL_SPARE=LIB,... exempts allocations made inside those objects
 * (name prefixes, e.g. libxlsxwriter); MUSAWAT_FAIL_ONLY=LIB,... counts and
 * fails only those made inside the listed objects (e.g. libgsl), so a
 * sweep can try every one of them.
 *
 * With MUSAWAT_FAIL_REPORT=FILE it writes at exit:
 *   calls N      allocation calls counted
 *   failed 0|1   whether the injected failure happened
 *   leaks N      blocks allocated after main (outside libc itself) still live
 *   failed_in LIB      the object whose call was made to fail
 *   leak LIB SYMBOL    one line per leaked block: where it was allocated
 * Blocks whose allocating call came from inside glibc (stdio buffers, FILE
 * objects that exit() reclaims; the loader's TLS blocks of cached thread
 * stacks) are not counted as leaks; everything our
 * code or a third-party library allocated on our behalf is.
 * Not for sanitizer builds: ASan replaces malloc itself.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_BITS 21
#define TABLE_SIZE ((size_t)1 << TABLE_BITS)
#define TOMB ((void *)1)

typedef struct slot { void *p; void *caller; } slot;

static slot table[TABLE_SIZE];
static size_t live_count;
static int table_full;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static int (*real_posix_memalign)(void **, size_t, size_t);

static int active;            /* main() has started */
static unsigned long fail_at; /* 0 = never */
static unsigned long calls;
static int failed;
static const char *report_path;

/* dlsym may call calloc before real_calloc is known */
static char boot[4096];
static size_t boot_used;

static void resolve(void)
{
    if (real_malloc) return;
    real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
    real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    real_posix_memalign = (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
}

static size_t hash(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33;
    return (size_t)(x & (TABLE_SIZE - 1));
}

static void track(void *p, void *caller)
{
    if (!p || !active) return;
    pthread_mutex_lock(&lock);
    if (live_count >= TABLE_SIZE / 2) { table_full = 1; pthread_mutex_unlock(&lock); return; }
    size_t h = hash(p);
    while (table[h].p && table[h].p != TOMB) h = (h + 1) & (TABLE_SIZE - 1);
    table[h].p = p; table[h].caller = caller;
    live_count++;
    pthread_mutex_unlock(&lock);
}

static void untrack(void *p)
{
    if (!p || !active) return;
    pthread_mutex_lock(&lock);
    size_t h = hash(p);
    for (size_t n = 0; table[h].p && n < TABLE_SIZE; n++, h = (h + 1) & (TABLE_SIZE - 1))
        if (table[h].p == p) { table[h].p = TOMB; live_count--; break; }
    pthread_mutex_unlock(&lock);
}

/* 1 when this call is the one to fail */
static void *failed_caller;
static const char *spare;     /* MUSAWAT_FAIL_SPARE: comma list of library name prefixes */
static const char *only;      /* MUSAWAT_FAIL_ONLY: the same; none other is counted */
static const char *lib_of(void *a);

static int lib_listed(const char *lib, const char *list)
{
    for (const char *p = list; *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (n && strncmp(lib, p, n) == 0) return 1;
        if (!comma) break;
        p = comma + 1;
    }
    return 0;
}

/* Allocations made inside a spared library, or outside the only ones when
 * MUSAWAT_FAIL_ONLY is set, are neither counted nor failed. */
static int spared(void *caller)
{
    int has_spare = spare && *spare, has_only = only && *only;
    if (!has_spare && !has_only) return 0;
    const char *lib = lib_of(caller);
    if (has_spare && lib_listed(lib, spare)) return 1;
    return has_only && !lib_listed(lib, only);
}

static int should_fail_at(void *caller)
{
    if (!active) return 0;
    if (spared(caller)) return 0;
    pthread_mutex_lock(&lock);
    unsigned long n = ++calls;
    pthread_mutex_unlock(&lock);
    if (fail_at && n == fail_at) { failed = 1; failed_caller = caller; errno = ENOMEM; return 1; }
    return 0;
}
#define should_fail() should_fail_at(__builtin_return_address(0))

void *malloc(size_t n)
{
    resolve();
    if (should_fail()) return NULL;
    void *p = real_malloc(n);
    track(p, __builtin_return_address(0));
    return p;
}

void *calloc(size_t a, size_t b)
{
    if (!real_calloc) {
        if (real_malloc || boot_used + a * b + 16 > sizeof boot) resolve();
        else { void *p = boot + boot_used; boot_used += (a * b + 15) & ~(size_t)15; return p; }
        if (!real_calloc) return NULL;
    }
    if (should_fail()) return NULL;
    void *p = real_calloc(a, b);
    track(p, __builtin_return_address(0));
    return p;
}

void *realloc(void *old, size_t n)
{
    resolve();
    if (should_fail()) return NULL;
    void *p = real_realloc(old, n);
    if (p || n == 0) untrack(old);
    track(p, __builtin_return_address(0));
    return p;
}

void *reallocarray(void *old, size_t a, size_t b)
{
    resolve();
    if (b && a > SIZE_MAX / b) { errno = ENOMEM; return NULL; }
    if (should_fail()) return NULL;
    void *p = real_realloc(old, a * b);
    if (p || a * b == 0) untrack(old);
    track(p, __builtin_return_address(0));
    return p;
}

void free(void *p)
{
    if ((char *)p >= boot && (char *)p < boot + sizeof boot) return;
    resolve();
    untrack(p);
    real_free(p);
}

char *strdup(const char *s)
{
    resolve();
    if (should_fail()) return NULL;
    size_t n = strlen(s) + 1;
    char *p = real_malloc(n);
    if (p) memcpy(p, s, n);
    track(p, __builtin_return_address(0));
    return p;
}

char *strndup(const char *s, size_t max)
{
    resolve();
    if (should_fail()) return NULL;
    size_t n = strnlen(s, max);
    char *p = real_malloc(n + 1);
    if (p) { memcpy(p, s, n); p[n] = '\0'; }
    track(p, __builtin_return_address(0));
    return p;
}

int posix_memalign(void **out, size_t align, size_t n)
{
    resolve();
    if (should_fail()) return ENOMEM;
    int rc = real_posix_memalign(out, align, n);
    if (rc == 0) track(*out, __builtin_return_address(0));
    return rc;
}

void *aligned_alloc(size_t align, size_t n)
{
    void *p = NULL;
    resolve();
    if (should_fail()) return NULL;
    if (real_posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, n) != 0) return NULL;
    track(p, __builtin_return_address(0));
    return p;
}

/* The C library's own allocations are its business: libc's (stdio buffers,
 * FILE objects) are reclaimed by exit, and the dynamic loader's (ld.so, also
 * glibc) include the TLS block of every thread stack, which glibc keeps in
 * its stack cache for the next thread instead of freeing it at join. */
static int from_libc(void *caller)
{
    Dl_info here, libc;
    if (!dladdr(caller, &here) || !dladdr((void *)&fopen, &libc)) return 0;
    if (here.dli_fbase == libc.dli_fbase) return 1;
    const char *slash = here.dli_fname ? strrchr(here.dli_fname, '/') : NULL;
    const char *base = slash ? slash + 1 : here.dli_fname;
    return base && strncmp(base, "ld-linux", 8) == 0;
}

/* base name of the shared object holding code address a */
static const char *lib_of(void *a)
{
    Dl_info info;
    if (!dladdr(a, &info) || !info.dli_fname) return "?";
    const char *slash = strrchr(info.dli_fname, '/');
    return slash ? slash + 1 : info.dli_fname;
}

static void write_report(void)
{
    if (!report_path) return;
    active = 0;
    FILE *f = fopen(report_path, "w");
    if (!f) return;
    size_t leaks = 0;
    for (size_t i = 0; i < TABLE_SIZE; i++)
        if (table[i].p && table[i].p != TOMB && !from_libc(table[i].caller)) leaks++;
    fprintf(f, "calls %lu\nfailed %d\nleaks %zu\noverflow %d\n", calls, failed, leaks, table_full);
    if (failed) fprintf(f, "failed_in %s\n", lib_of(failed_caller));
    for (size_t i = 0; i < TABLE_SIZE; i++) {
        if (!table[i].p || table[i].p == TOMB || from_libc(table[i].caller)) continue;
        Dl_info info;
        const char *sym = dladdr(table[i].caller, &info) && info.dli_sname ? info.dli_sname : "?";
        fprintf(f, "leak %s %s\n", lib_of(table[i].caller), sym);
    }
    fclose(f);
}

typedef int (*main_fn)(int, char **, char **);
static main_fn real_main;

static int wrapped_main(int argc, char **argv, char **envp)
{
    const char *at = getenv("MUSAWAT_FAIL_AT");
    fail_at = at ? strtoul(at, NULL, 10) : 0;
    report_path = getenv("MUSAWAT_FAIL_REPORT");
    spare = getenv("MUSAWAT_FAIL_SPARE");
    only = getenv("MUSAWAT_FAIL_ONLY");
    if (report_path) atexit(write_report);
    active = 1;
    return real_main(argc, argv, envp);
}

int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void), void (*fini)(void),
                      void (*rtld_fini)(void), void *stack_end);

int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void), void (*fini)(void),
                      void (*rtld_fini)(void), void *stack_end)
{
    int (*next)(main_fn, int, char **, void (*)(void), void (*)(void), void (*)(void), void *) =
        (int (*)(main_fn, int, char **, void (*)(void), void (*)(void), void (*)(void), void *))dlsym(
            RTLD_NEXT, "__libc_start_main");
    real_main = main;
    return next(wrapped_main, argc, argv, init, fini, rtld_fini, stack_end);
}
