/* gen_xlsx.c - converts a gen_hr workforce CSV (cp1252, ';') into an .xlsx
 * (constant-memory mode: inline strings, numbers as numbers, dates as Excel
 * dates) for reader benchmarks: gen_xlsx IN.csv OUT.xlsx */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* cp1252 Latin-1 range -> UTF-8 (the generator writes nothing else). */
static void to_utf8(const char *in, char *out, size_t cap)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && k + 3 < cap; p++) {
        if (*p < 0x80) out[k++] = (char)*p;
        else { out[k++] = (char)(0xC0 | (*p >> 6)); out[k++] = (char)(0x80 | (*p & 0x3F)); }
    }
    out[k] = '\0';
}

static int as_date(const char *s, lxw_datetime *dt)
{
    int d, m, y;
    char extra;
    if (sscanf(s, "%2d/%2d/%4d%c", &d, &m, &y, &extra) != 3 || m < 1 || m > 12) return 0;
    *dt = (lxw_datetime){y, m, d, 0, 0, 0};
    return 1;
}

static int as_money(const char *s, double *v)
{
    char t[64];
    size_t k = 0;
    if (!*s) return 0;
    for (; *s && k < sizeof t - 1; s++) {
        if (*s == ' ') continue;
        if (*s != ',' && *s != '-' && (*s < '0' || *s > '9')) return 0;
        t[k++] = *s == ',' ? '.' : *s;
    }
    t[k] = '\0';
    char *end;
    *v = strtod(t, &end);
    return *end == '\0';
}

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: gen_xlsx IN.csv OUT.xlsx\n"); return 2; }
    FILE *in = fopen(argv[1], "rb");
    if (!in) { perror(argv[1]); return 1; }
    lxw_workbook_options opt = {.constant_memory = 1};
    lxw_workbook *wb = workbook_new_opt(argv[2], &opt);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Personnel");
    lxw_format *dmy = workbook_add_format(wb);
    format_set_num_format(dmy, "dd/mm/yyyy");
    char line[4096], cell[1024];
    lxw_row_t r = 0;
    while (fgets(line, sizeof line, in) && r < LXW_ROW_MAX) {
        line[strcspn(line, "\r\n")] = '\0';
        lxw_col_t c = 0;
        for (char *p = line, *semi; p; p = semi ? semi + 1 : NULL, c++) {
            semi = strchr(p, ';');
            if (semi) *semi = '\0';
            lxw_datetime dt;
            double v;
            if (r > 0 && as_date(p, &dt)) worksheet_write_datetime(ws, r, c, &dt, dmy);
            else if (r > 0 && c != 0 && c != 23 && as_money(p, &v)) worksheet_write_number(ws, r, c, v, NULL);
            else if (*p) { to_utf8(p, cell, sizeof cell); worksheet_write_string(ws, r, c, cell, NULL); }
        }
        r++;
    }
    fclose(in);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
