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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(writes_atomically, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_input_and_folders, setup, teardown),
    };
    return cmocka_run_group_tests_name("outfile", tests, NULL, NULL);
}
