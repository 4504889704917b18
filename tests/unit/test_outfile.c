/* test_outfile.c - atomic outputs and refusal of unsafe output paths. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/musawat-outfile-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[512];
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlink(p);
    }
    if (d) closedir(d);
    return rmdir(dir);
}

static int count_entries(void)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) if (e->d_name[0] != '.') n++;
    if (d) closedir(d);
    return n;
}

static void writes_atomically(void **state)
{
    (void)state;
    char out[128];
    snprintf(out, sizeof out, "%s/a.json", dir);
    aud_diag dg;
    aud_diag_clear(&dg);
    assert_int_equal(aud_output_write_all(out, "{}\n", 3, &dg), AUD_OK);
    FILE *f = fopen(out, "r");
    char buf[8] = {0};
    assert_non_null(f);
    assert_int_equal(fread(buf, 1, sizeof buf, f), 3);
    fclose(f);
    assert_string_equal(buf, "{}\n");
    assert_int_equal(count_entries(), 1);   /* no temporary left behind */
}

static void refuses_input_and_folders(void **state)
{
    (void)state;
    char in[128], link[128], missing[128];
    snprintf(in, sizeof in, "%s/in.csv", dir);
    snprintf(link, sizeof link, "%s/link.xlsx", dir);
    snprintf(missing, sizeof missing, "%s/nope/out.xlsx", dir);
    FILE *f = fopen(in, "w");
    fputs("x\n", f);
    fclose(f);
    assert_int_equal(symlink(in, link), 0);
    const char *ins[] = {in};
    aud_diag dg;
    aud_diag_clear(&dg);
    assert_int_equal(aud_output_check(in, ins, 1, &dg), AUD_E_SAME_FILE);
    assert_int_equal(aud_output_check(link, ins, 1, &dg), AUD_E_SAME_FILE);
    assert_int_equal(aud_output_check(dir, ins, 1, &dg), AUD_E_OUTPUT);
    assert_int_equal(aud_output_check(missing, ins, 1, &dg), AUD_E_OUTPUT);
    assert_non_null(strstr(dg.message, "does not exist"));
    char ok[128];
    snprintf(ok, sizeof ok, "%s/fine.xlsx", dir);
    assert_int_equal(aud_output_check(ok, ins, 1, &dg), AUD_OK);
    /* a write into a missing folder fails and leaves nothing */
    assert_int_equal(aud_output_write_all(missing, "x", 1, &dg), AUD_E_OUTPUT);
    assert_int_equal(count_entries(), 2);
}

/* /dev/full fails every write with ENOSPC: the device is written in place,
 * never replaced by renaming a temporary file over it, and nothing is left
 * in /dev. A workbook-style begin/commit on a device is refused outright. */
static void device_output_written_in_place(void **state)
{
    (void)state;
    struct stat st;
    assert_true(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode));   /* Linux always has it */
    aud_diag dg;
    aud_diag_clear(&dg);
    assert_int_equal(aud_output_write_all("/dev/full", "{}\n", 3, &dg), AUD_E_OUTPUT);
    assert_non_null(strstr(dg.message, "No space left"));
    assert_int_equal(stat("/dev/full", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    char *tmp = NULL;
    assert_int_equal(aud_output_begin("/dev/full", &tmp, &dg), AUD_E_OUTPUT);
    assert_null(tmp);
    assert_true(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode));
    /* /dev/null accepts the bytes: success, still a device */
    assert_int_equal(aud_output_write_all("/dev/null", "{}\n", 3, &dg), AUD_OK);
    assert_true(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
}

/* An output that is a symbolic link: the target gets the bytes, the link
 * stays a link, and no temporary is left next to either. */
static void link_output_written_through(void **state)
{
    (void)state;
    char target[128], link[128];
    snprintf(target, sizeof target, "%s/target.json", dir);
    snprintf(link, sizeof link, "%s/link.json", dir);
    FILE *f = fopen(target, "w");
    assert_non_null(f);
    fputs("old\n", f);
    fclose(f);
    assert_int_equal(symlink("target.json", link), 0);
    aud_diag dg;
    aud_diag_clear(&dg);
    assert_int_equal(aud_output_write_all(link, "new\n", 4, &dg), AUD_OK);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char buf[8] = {0};
    f = fopen(target, "r");
    assert_non_null(f);
    assert_int_equal(fread(buf, 1, sizeof buf, f), 4);
    fclose(f);
    assert_string_equal(buf, "new\n");
    assert_int_equal(count_entries(), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(writes_atomically, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_input_and_folders, setup, teardown),
        cmocka_unit_test(device_output_written_in_place),
        cmocka_unit_test_setup_teardown(link_output_written_through, setup, teardown),
    };
    return cmocka_run_group_tests_name("outfile", tests, NULL, NULL);
}
