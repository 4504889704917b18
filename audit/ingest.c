/* ingest.c - reading extracts into the dataset: which reader for which file,
 * in which order, and the `check`/`templates` views of the result. */
#include "ingest.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bds.h"
#include "csvin.h"
#include "ingest_int.h"
#include "json_out.h"
#include "sha256.h"
#include "xlsxin.h"

/* ---- set-up --------------------------------------------------------------- */

static bool is_regular_file(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

struct aud_ingest_lib {
    aud_tplset tpl;
    aud_vocab *vocab;
    int forced;               /* template index forced by --template, or -1 */
};

static aud_err load_templates(const aud_options *o, aud_ingest_lib *L, aud_diag *diag)
{
    const char *dir = o->templates_dir ? o->templates_dir : "templates";
    AUD_TRY(aud_tplset_load_dir(dir, &L->tpl, diag));
    char vpath[4096];
    snprintf(vpath, sizeof vpath, "%s/values.tsv", dir);
    AUD_TRY(aud_vocab_load(vpath, &L->vocab, diag));
    L->forced = -1;
    if (!o->template_name) return AUD_OK;
    if (is_regular_file(o->template_name)) {
        AUD_TRY(aud_tplset_add_file(&L->tpl, o->template_name, diag));
        L->forced = (int)L->tpl.n - 1;
        return AUD_OK;
    }
    L->forced = aud_tplset_find(&L->tpl, o->template_name);
    if (L->forced >= 0) return AUD_OK;
    aud_diag_set(diag, AUD_E_USAGE, NULL, 0, "--template %s: no such template or file", o->template_name);
    aud_diag_set_hint(diag, "run 'musawat templates' for the built-in names");
    return AUD_E_USAGE;
}

aud_err aud_ingest_lib_load(const aud_options *o, aud_ingest_lib **lib, aud_diag *diag)
{
    *lib = calloc(1, sizeof **lib);
    if (!*lib) return AUD_E_NOMEM;
    aud_err e = load_templates(o, *lib, diag);
    if (e != AUD_OK) {
        aud_ingest_lib_free(*lib);
        *lib = NULL;
    }
    return e;
}

void aud_ingest_lib_free(aud_ingest_lib *lib)
{
    if (!lib) return;
    aud_tplset_free(&lib->tpl);
    aud_vocab_free(lib->vocab);
    free(lib);
}

static void run_free(ing_run *run)
{
    for (int k = 0; k < 3; k++) free(run->seen[k]);
}

/* ---- one file -------------------------------------------------------------- */

static aud_err read_head(const char *path, unsigned char *head, size_t cap, size_t *n, aud_diag *diag)
{
    /* Inputs are opened several times (sniffing, checksum, reading): a pipe
     * would be empty the second time, a device may never end. */
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return aud_diag_set(diag, AUD_E_IO, path, 0, "this is a folder, not a file");
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        aud_diag_set(diag, AUD_E_IO, path, 0, "not a regular file (a pipe or a device)");
        aud_diag_set_hint(diag, "save the extract to a file first");
        return AUD_E_IO;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp && errno == ENOMEM) return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory");
    if (!fp) {
        aud_diag_set(diag, AUD_E_IO, path, 0, "cannot open the file: %s", strerror(errno));
        aud_diag_set_hint(diag, "check the path and the permissions");
        return AUD_E_IO;
    }
    *n = fread(head, 1, cap, fp);
    int err = ferror(fp) ? errno : 0;
    fclose(fp);
    if (err) return aud_diag_set(diag, AUD_E_IO, path, 0, "cannot read the file: %s", strerror(err));
    return AUD_OK;
}

/* Size and checksum of an input. The CSV reader hashes the bytes it reads;
 * other readers (and a CSV read that stopped early) hash the file here. */
static aud_err describe_input(aud_dataset *d, uint32_t idx, const char *path, aud_diag *diag)
{
    aud_input *in = &d->inputs[idx];
    struct stat st;
    if (stat(path, &st) == 0) in->bytes = (uint64_t)st.st_size;
    return in->sha256[0] ? AUD_OK : aud_sha256_file(path, in->sha256, diag);
}

static aud_err set_str(char **slot, const char *s)
{
    free(*slot);
    *slot = s ? strdup(s) : NULL;
    return (!s || *slot) ? AUD_OK : AUD_E_NOMEM;
}

static aud_err read_tabular(ing_file *f, const char *path, aud_diag *diag)
{
    const aud_options *o = f->run->o;
    aud_dataset *d = f->run->d;
    if (f->xlsx) {
        char *sheet = NULL;
        aud_err e = aud_xlsx_read(path, &(aud_xlsx_opts){.sheet = o->sheet}, ing_row, f, &sheet, diag);
        aud_input *in = &d->inputs[f->input];
        free(in->sheet);
        in->sheet = sheet;
        AUD_TRY(set_str(&in->encoding, "xlsx"));
        return e;
    }
    aud_csv_opts co = {.delimiter = o->delimiter, .encoding = o->encoding,
                       .progress = o->progress, .progress_ctx = o->progress_ctx, .prep = &f->prep,
                       .threads = o->reader_threads};
    aud_csv_info info;
    aud_err e = aud_csv_read(path, &co, ing_row, f, &info, diag);
    aud_input *in = &d->inputs[f->input];
    in->blank_lines += info.blank_lines;
    if (e == AUD_OK) memcpy(in->sha256, info.sha256, sizeof in->sha256);
    if (info.bytes || e == AUD_OK) {
        AUD_TRY(set_str(&in->encoding, aud_enc_name(info.enc)));
        if (info.delimiter) AUD_TRY(set_str(&in->delimiter, aud_csv_delim_name(info.delimiter)));
    }
    return e;
}

typedef struct deferred { const char **paths; size_t n; } deferred;

static aud_err read_one(ing_run *run, const char *path, bool applicants, bool previous, deferred *bds,
                        aud_diag *diag)
{
    unsigned char head[16];
    size_t n = 0;
    aud_file_kind kind = applicants ? AUD_KIND_APPLICANTS : previous ? AUD_KIND_PREVIOUS : AUD_KIND_WORKFORCE;
    uint32_t idx;
    aud_err e = read_head(path, head, sizeof head, &n, diag);
    if (e == AUD_OK && !applicants && !previous && aud_bds_sniff(head, n)) {
        const char **np = realloc((void *)bds->paths, (bds->n + 1) * sizeof *np);
        if (!np) return AUD_E_NOMEM;
        bds->paths = np;
        bds->paths[bds->n++] = path;
        return AUD_OK;
    }
    AUD_TRY(aud_dataset_add_input(run->d, path, kind, &idx));
    if (e) return e;
    ing_file f = {.run = run, .input = idx, .path = path, .forced_applicants = applicants,
                  .previous = previous, .xlsx = aud_xlsx_sniff(head, n), .diag = diag};
    e = read_tabular(&f, path, diag);
    if (e == AUD_OK) e = describe_input(run->d, idx, path, diag);
    if (e == AUD_OK) e = ing_file_finish(&f);
    if (e && diag && !diag->file[0]) aud_diag_set(diag, e, path, 0, "%s", aud_strerror(e));
    ing_file_free(&f);
    return e;
}

static aud_err read_bds(ing_run *run, const char *path, aud_diag *diag)
{
    uint32_t idx;
    AUD_TRY(aud_dataset_add_input(run->d, path, AUD_KIND_BDS, &idx));
    AUD_TRY(describe_input(run->d, idx, path, diag));
    AUD_TRY(set_str(&run->d->inputs[idx].encoding, "ascii"));
    return aud_bds_ingest(run->d, path, idx, run->o, diag);
}

static bool same_path(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

aud_err aud_ingest(const aud_options *o, aud_dataset *d, aud_diag *diag)
{
    aud_ingest_lib *lib;
    AUD_TRY(aud_ingest_lib_load(o, &lib, diag));
    aud_err e = aud_ingest_with(o, lib, d, diag);
    aud_ingest_lib_free(lib);
    return e;
}

aud_err aud_ingest_with(const aud_options *o, const aud_ingest_lib *lib, aud_dataset *d, aud_diag *diag)
{
    ing_run run = {.d = d, .o = o, .tpl = &lib->tpl, .vocab = lib->vocab, .forced = lib->forced};
    deferred bds = {NULL, 0};
    aud_err e = AUD_OK;
    /* Known before any header is read: an HR master without pay columns is
     * usable when a BDS file supplies base_pay by cnss_number (EXTRACT.md). */
    for (size_t i = 0; e == AUD_OK && i < o->nfiles; i++) {
        unsigned char head[16];
        size_t n = 0;
        if (read_head(o->files[i], head, sizeof head, &n, NULL) == AUD_OK && aud_bds_sniff(head, n))
            run.bds_given = true;
    }
    for (size_t i = 0; e == AUD_OK && i < o->nfiles; i++) {
        const char *p = o->files[i];
        if (same_path(p, o->applicants) || same_path(p, o->previous)) continue;
        e = read_one(&run, p, false, false, &bds, diag);
    }
    if (e == AUD_OK && o->applicants) e = read_one(&run, o->applicants, true, false, &bds, diag);
    if (e == AUD_OK && o->previous) e = read_one(&run, o->previous, false, true, &bds, diag);
    /* BDS files join onto workforce rows, so they come last */
    for (size_t i = 0; e == AUD_OK && i < bds.n; i++) e = read_bds(&run, bds.paths[i], diag);
    free((void *)bds.paths);
    run_free(&run);
    return e;
}

/* ---- templates ------------------------------------------------------------ */

static aud_err info_from(const aud_template *t, aud_template_info *ti)
{
    memset(ti, 0, sizeof *ti);
    ti->name = strdup(t->name ? t->name : "");
    ti->description = strdup(t->description ? t->description : "");
    ti->source = strdup(t->source ? t->source : "");
    ti->fields = calloc(t->nf ? t->nf : 1, sizeof *ti->fields);
    if (!ti->name || !ti->description || !ti->source || !ti->fields) return AUD_E_NOMEM;
    bool seen[AUD_F__COUNT] = {false};
    for (size_t i = 0; i < t->nf; i++) {
        if (seen[t->f[i].field]) continue;
        seen[t->f[i].field] = true;
        ti->fields[ti->nfields] = strdup(aud_field_name((aud_field)t->f[i].field));
        if (!ti->fields[ti->nfields++]) return AUD_E_NOMEM;
    }
    return AUD_OK;
}

aud_err aud_templates_list(const aud_options *o, aud_template_info **out, size_t *n, aud_diag *diag)
{
    *out = NULL;
    *n = 0;
    aud_tplset set = {NULL, 0};
    aud_err e = aud_tplset_load_dir(o->templates_dir ? o->templates_dir : "templates", &set, diag);
    if (e == AUD_OK && o->template_name && is_regular_file(o->template_name))
        e = aud_tplset_add_file(&set, o->template_name, diag);
    if (e == AUD_OK && set.n) {
        *out = calloc(set.n, sizeof **out);
        if (!*out) e = AUD_E_NOMEM;
        for (size_t i = 0; e == AUD_OK && i < set.n; i++) {
            e = info_from(&set.t[i], &(*out)[i]);
            *n = i + 1;
        }
    }
    aud_tplset_free(&set);
    if (e) { aud_templates_list_free(*out, *n); *out = NULL; *n = 0; }
    return e;
}

void aud_templates_list_free(aud_template_info *list, size_t n)
{
    if (!list) return;
    for (size_t i = 0; i < n; i++) {
        free(list[i].name);
        free(list[i].description);
        free(list[i].source);
        for (size_t k = 0; k < list[i].nfields; k++) free(list[i].fields[k]);
        free(list[i].fields);
    }
    free(list);
}

/* ---- check --json -------------------------------------------------------- */

static json_t *jstr(const char *s)
{
    return aud_json_text(s);
}

static json_t *columns_json(const aud_input *in)
{
    json_t *a = json_array();
    int bad = 0;
    for (size_t c = 0; a && c < in->ncolumns; c++) {
        const aud_column_map *cm = &in->columns[c];
        json_t *o = json_object();
        bad |= json_object_set_new(o, "header", jstr(cm->header));
        bad |= json_object_set_new(o, "field", cm->field >= 0 ? json_string(aud_field_name((aud_field)cm->field)) : json_null());
        bad |= json_object_set_new(o, "pattern", jstr(cm->pattern));
        bad |= json_array_append_new(a, o);
    }
    return aud_json_unless_bad(a, bad);
}

static json_t *findings_json(const aud_dataset *d, size_t input)
{
    json_t *a = json_array();
    int bad = 0;
    for (size_t k = 0; a && k < d->nfindings; k++) {
        const aud_finding *f = &d->findings[k];
        if (f->input != input) continue;
        json_t *o = json_object();
        bad |= json_object_set_new(o, "severity", json_string(aud_severity_name(f->severity)));
        bad |= json_object_set_new(o, "line", json_integer((json_int_t)f->line));
        bad |= json_object_set_new(o, "column", f->column ? json_string(aud_dataset_str(d, f->column)) : json_null());
        bad |= json_object_set_new(o, "value", f->raw ? json_string(aud_dataset_str(d, f->raw)) : json_null());
        bad |= json_object_set_new(o, "code", json_string(aud_dataset_str(d, f->code)));
        bad |= json_array_append_new(a, o);
    }
    return aud_json_unless_bad(a, bad);
}

static json_t *input_json(const aud_dataset *d, size_t i)
{
    const aud_input *in = &d->inputs[i];
    json_t *o = json_object();
    int bad = 0;
    bad |= json_object_set_new(o, "path", jstr(in->path));
    bad |= json_object_set_new(o, "kind", json_string(aud_file_kind_name(in->kind)));
    bad |= json_object_set_new(o, "sha256", json_string(in->sha256));
    bad |= json_object_set_new(o, "bytes", json_integer((json_int_t)in->bytes));
    bad |= json_object_set_new(o, "encoding", jstr(in->encoding));
    bad |= json_object_set_new(o, "delimiter", jstr(in->delimiter));
    bad |= json_object_set_new(o, "sheet", jstr(in->sheet));
    bad |= json_object_set_new(o, "template", jstr(in->template_name));
    bad |= json_object_set_new(o, "rows_read", json_integer((json_int_t)in->rows_read));
    bad |= json_object_set_new(o, "rows_accepted", json_integer((json_int_t)in->rows_accepted));
    bad |= json_object_set_new(o, "rows_rejected", json_integer((json_int_t)in->rows_rejected));
    bad |= json_object_set_new(o, "blank_lines", json_integer((json_int_t)in->blank_lines));
    bad |= json_object_set_new(o, "columns", columns_json(in));
    bad |= json_object_set_new(o, "findings", findings_json(d, i));
    return aud_json_unless_bad(o, bad);
}

aud_err aud_check_json_write(const aud_dataset *d, const aud_options *o, const char *path, aud_diag *diag)
{
    (void)o;
    json_t *root = json_object();
    json_t *inputs = json_array();
    if (!root || !inputs) { json_decref(root); json_decref(inputs); return AUD_E_NOMEM; }
    int bad = 0;
    for (size_t i = 0; i < d->ninputs; i++) bad |= json_array_append_new(inputs, input_json(d, i));
    bad |= json_object_set_new(root, "inputs", inputs);
    bad |= json_object_set_new(root, "rejections", json_integer((json_int_t)d->rejections));
    bad |= json_object_set_new(root, "warnings", json_integer((json_int_t)d->warnings));
    bad |= json_object_set_new(root, "findings_dropped", json_integer((json_int_t)d->findings_dropped));
    if (bad) { json_decref(root); root = NULL; }
    aud_err e = aud_json_write_file(root, path, diag);
    json_decref(root);
    return e;
}
