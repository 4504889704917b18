/* templates_dir.h - where the bench tools find the templates, like the CLI:
 * MUSAWAT_TEMPLATES, else templates/ beside the build folder
 * (build/tools/NAME -> ../../templates), else ./templates. */
#ifndef TOOLS_TEMPLATES_DIR_H
#define TOOLS_TEMPLATES_DIR_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *templates_dir(void)
{
    static char buf[4096];
    const char *env = getenv("MUSAWAT_TEMPLATES");
    if (env && *env) return env;
    char exe[3000];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        struct stat st;
        if (slash) {
            *slash = '\0';
            snprintf(buf, sizeof buf, "%s/../../templates", exe);
            if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) return buf;
        }
    }
    return "templates";
}

#endif
