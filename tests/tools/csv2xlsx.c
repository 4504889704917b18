/* csv2xlsx.c - writes a plain UTF-8 comma CSV (no quoting) as an .xlsx the
 * way a person re-saving it in Excel would: numbers as numbers, YYYY-MM-DD as
 * Excel dates, the rest as text. csv2xlsx IN.csv OUT.xlsx [SHEET] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static int as_number(const char *s, double *v)
{
    char *end;
    if (!*s || strspn(s, "0123456789.-") != strlen(s)) return 0;
    *v = strtod(s, &end);
    return *end == '\0';
}

static int as_date(const char *s, lxw_datetime *dt)
{
    int y, m, d;
    char extra;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3) return 0;
    *dt = (lxw_datetime){y, m, d, 0, 0, 0};
    return 1;
}

static void put(lxw_worksheet *ws, lxw_format *datefmt, lxw_row_t r, lxw_col_t c, const char *cell)
{
    double v;
    lxw_datetime dt;
    if (r > 0 && as_number(cell, &v)) worksheet_write_number(ws, r, c, v, NULL);
    else if (r > 0 && as_date(cell, &dt)) worksheet_write_datetime(ws, r, c, &dt, datefmt);
    else worksheet_write_string(ws, r, c, cell, NULL);
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) { fprintf(stderr, "usage: csv2xlsx IN.csv OUT.xlsx [SHEET]\n"); return 2; }
    FILE *in = fopen(argv[1], "r");
    if (!in) { perror(argv[1]); return 1; }
    lxw_workbook *wb = workbook_new(argv[2]);
    lxw_worksheet *ws = workbook_add_worksheet(wb, argc > 3 ? argv[3] : NULL);
    lxw_format *datefmt = workbook_add_format(wb);
    format_set_num_format(datefmt, "yyyy-mm-dd");
    char line[4096];
    lxw_row_t r = 0;
    while (fgets(line, sizeof line, in)) {
        line[strcspn(line, "\r\n")] = '\0';
        lxw_col_t c = 0;
        for (char *p = line, *q;; p = q + 1, c++) {
            q = strchr(p, ',');
            if (q) *q = '\0';
            if (*p) put(ws, datefmt, r, c, p);
            if (!q) break;
        }
        r++;
    }
    fclose(in);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
