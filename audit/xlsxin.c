/* xlsxin.c - .xlsx reader: libzip for the container, expat for the parts.
 *
 * Every part (workbook, relationships, styles, shared strings, the sheet) is
 * fed to expat in chunks straight from zip_fread, so a sheet is never held in
 * memory whole; only the shared-strings table is kept. Merged ranges sit after
 * <sheetData> in the sheet XML, yet the header row must be delivered first,
 * so a cheap byte scan of the sheet collects <mergeCell> refs before parsing.
 *
 * Rows without expat. expat reads about 80 MB of XML a second here, and a
 * million-row sheet is a gigabyte of XML, so the rows of <sheetData> go
 * through a scanner for the narrow XML that spreadsheet writers produce:
 * <row>, <c>, <f>, <v>, <is><t> with plain attributes, text of printable
 * ASCII, tab, LF, valid UTF-8 and the five predefined entities. It calls the
 * very handlers expat would call, in the same order, and only after checking
 * the bytes it passed over are well-formed. Anything else (comments, CR,
 * character references, rich text, prefixed elements, a row cut at the end
 * of the part...) goes back to expat from the start of that row: a parser is
 * reset and given "<root><sheetData>" (the document's own names; expat runs
 * without namespace processing, so no declaration is needed), then the bytes
 * from that row on; it is suspended again at the next </row> and the
 * scanner resumes there. So every row means what expat would make of it,
 * and expat alone judges whatever is unusual. aud_xlsx_opts.expat_only
 * turns the scanner off; the unit tests and fuzz_xlsx compare both ways.
 *
 * Row shape: cells up to the last non-empty one are delivered (column gaps as
 * ""), and data rows are padded to the header width, because an Excel row has
 * no "ragged" state: a trailing empty optional field simply has no <c>. Rows
 * without any non-empty cell are skipped, like blank CSV lines.
 */
#define _POSIX_C_SOURCE 200809L
#include "xlsxin.h"

#include <errno.h>
#include <expat.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>
#include <zlib.h>

#include "dataset.h"

#define XL_MAX_ROWS 1048576u
#define XL_MAX_COLS 16384u
#define XL_CELL_CAP 65536u                         /* bytes per cell */
#define XL_ROW_CAP (64u << 20)                     /* bytes per row, all cells */
#define XL_MAX_TOTAL (2ull << 30)                  /* uncompressed bytes, all entries */
#define XL_BIG_ENTRY (16ull << 20)
#define XL_MAX_RATIO 200
#define XL_CHUNK (256u << 10)
#define XL_MAX_MERGES 100000u
#define XL_TOO_LONG UINT32_MAX
#define XL_QNAME 64                                /* element names kept for a handover */
#define XL_WINDOW (1u << 20)                       /* the scanner's window, grown for long rows */
#define XL_WINDOW_MAX (16u << 20)                  /* a longer row is left to expat */
#define XL_HANDOVERS 4096u                         /* then expat keeps the rest of the sheet */
#define XL_PRESCAN_LIMIT (16ull << 20)             /* smaller sheet parts are always scanned for merges */
#define XL_THREAD_MIN (4ull << 20)                 /* a sheet part this big is unpacked on its own thread */
#define XL_RING 4                                  /* chunks of XL_TCHUNK unpacked ahead */
#define XL_TCHUNK (1u << 20)

static const char xl_hint[] = "save it as .xlsx or CSV UTF-8";

/* ---- small growable byte buffer ------------------------------------------ */

typedef struct xbuf { char *p; size_t n, cap; } xbuf;

static int xb_reserve(xbuf *b, size_t extra)
{
    if (b->n + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + extra + 1) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) return -1;
    b->p = p;
    b->cap = cap;
    return 0;
}

static int xb_add(xbuf *b, const char *s, size_t n)
{
    if (xb_reserve(b, n)) return -1;
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
    return 0;
}

/* ---- reader state ------------------------------------------------------- */

typedef struct merge { uint32_t r1, c1, r2, c2; } merge;
typedef struct sheet_ent { char *name, *rid; int hidden; } sheet_ent;
typedef struct numfmt { uint32_t id; int is_date; } numfmt;

typedef struct xl {
    zip_t *za;
    const char *file;              /* name for diagnostics */
    aud_diag *diag;
    aud_err err;                   /* set by a handler that stopped the parser */
    XML_Parser parser;
    /* workbook */
    sheet_ent *sheets; size_t nsheets;
    int date1904;
    char *target;                  /* sheet part path, from the relationships */
    const char *want_rid;
    /* styles */
    numfmt *fmts; size_t nfmts;
    uint8_t *xf_date; size_t nxf;
    int in_cellxfs;
    /* shared strings */
    xbuf ss;                       /* all strings, NUL-separated */
    size_t *ss_off; uint32_t *ss_len; size_t ss_n, ss_cap;
    int in_si, in_rph;
    xbuf text;                     /* text being collected */
    int collecting, text_over;
    /* merges */
    merge *merges; size_t nmerges;
    char *scan; size_t ncarry, scan_cap; /* merge scan window */
    size_t chunk;                  /* bytes read at a time from the part being streamed */
    /* sheet */
    xbuf arena;                    /* current row's cells, NUL-separated */
    size_t *off; size_t ncols, colcap;
    const char **cells; size_t *lens; size_t cellcap;
    uint32_t row, last_row, hdr_width;
    int32_t last_col;
    uint32_t cell_col, cell_style;
    char cell_type;                /* 'n' number, 's' shared, 'i' inline, 'b', 'e', 'd', 't' formula string */
    int in_row, in_c, in_is, row_over, nonempty, header_done;
    uint64_t rows_emitted;
    /* the row scanner and expat taking turns (see the top of the file) */
    int fast;                      /* the scanner may be used */
    int threads;                   /* aud_xlsx_opts.threads */
    struct inflater *inf;          /* the unpacking thread, while it runs */
    int fast_started;              /* <sheetData> was reached by the first parser */
    int at_sheetdata;              /* the parser is suspended right after that start tag */
    int depth, in_sd;              /* element depth; inside <sheetData> at depth 2 */
    unsigned handovers;            /* times expat took over some rows */
    uint64_t rows_scanned;
    char root_q[XL_QNAME], sd_q[XL_QNAME];
    /* merged header cells (see header_merges) */
    int has_dim;
    uint32_t dim_c1, dim_c2;       /* the columns <dimension> declares */
    uint64_t part_size, prescan_limit;
    int merges_scanned, merges_deferred;  /* searched before the header; left to the end */
    xbuf hdr;                      /* the header as delivered, when merges were deferred */
    size_t *hdr_off;
    uint32_t hdr_n, hdr_row;
    aud_row_cb cb;
    void *ctx;
} xl;

/* libzip reports an allocation it could not make as ZIP_ER_MEMORY, but not
 * always: some come out as "Not a zip archive" or "corrupt file" (a table
 * it could not allocate reads as a damaged one). errno, cleared before the
 * call, then holds the ENOMEM of the failed malloc; nothing else sets it to
 * that while reading a file or a buffer. */
static bool zip_oom(int code) { return code == ZIP_ER_MEMORY || errno == ENOMEM; }

static aud_err xl_fail(xl *x, aud_err e, uint64_t line, const char *msg)
{
    aud_diag_set(x->diag, e, x->file, line, "%s", msg);
    if (e == AUD_E_FORMAT) aud_diag_set_hint(x->diag, "%s", xl_hint);
    return e;
}

static const char *lname(const char *n)
{
    const char *l = n;
    for (const char *p = n; *p; p++)
        if (*p == ':') l = p + 1;
    return l;
}

/* One-letter attribute (r, t, s) of a cell: the hot path of a big sheet. */
static const char *attr1(const char **atts, char name)
{
    for (size_t i = 0; atts[i]; i += 2) {
        const char *a = atts[i];
        if ((a[0] == name && a[1] == '\0') || (a[0] && lname(a)[0] == name && lname(a)[1] == '\0'))
            return atts[i + 1];
    }
    return NULL;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(lname(atts[i]), name) == 0) return atts[i + 1];
    return NULL;
}

/* "AB12" -> col 27 (0-based 27), row 12. Refuses out-of-range references. */
static int parse_ref(const char *s, uint32_t *col, uint32_t *row, const char **end)
{
    uint32_t c = 0, r = 0;
    int nl = 0, nd = 0;
    while (*s >= 'A' && *s <= 'Z') {
        if (++nl > 3) return -1;
        c = c * 26 + (uint32_t)(*s++ - 'A' + 1);
    }
    while (*s >= '0' && *s <= '9') {
        if (++nd > 7) return -1;
        r = r * 10 + (uint32_t)(*s++ - '0');
    }
    if (nl == 0 || c > XL_MAX_COLS) return -1;
    if (nd > 0 && (r == 0 || r > XL_MAX_ROWS)) return -1;
    *col = c - 1;
    *row = r;
    if (end) *end = s;
    return 0;
}

static int parse_u32(const char *s, uint32_t max, uint32_t *v)
{
    if (!s || !*s) return -1;
    uint64_t r = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return -1;
        r = r * 10 + (uint64_t)(*s - '0');
        if (r > max) return -1;
    }
    *v = (uint32_t)r;
    return 0;
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal)
{
    (void)name; (void)sys; (void)pub; (void)internal;
    xl *x = ud;
    x->err = xl_fail(x, AUD_E_FORMAT, 0, "the workbook contains a DTD, which Excel never writes: corrupt or hostile file");
    XML_StopParser(x->parser, XML_FALSE);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    xl *x = ud;
    if (!x->collecting || x->text_over) return;
    if (x->text.n + (size_t)len > XL_CELL_CAP) { x->text_over = 1; return; }
    if (xb_add(&x->text, s, (size_t)len)) {
        x->err = AUD_E_NOMEM;
        XML_StopParser(x->parser, XML_FALSE);
    }
}

static void text_reset(xl *x)
{
    x->text.n = 0;
    if (x->text.p) x->text.p[0] = '\0';
    x->text_over = 0;
}

/* ---- unpacking the sheet on a thread of its own -------------------------
 * inflate and the CRC are a fifth of the work on a big sheet: a second thread
 * unpacks chunks ahead into a ring while the rows are parsed. Nothing else
 * touches the archive while it runs, except the merge scan, which pauses it. */

typedef struct inflater {
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    zip_file_t *zf;
    char *chunk[XL_RING];
    size_t len[XL_RING];
    unsigned head, tail;           /* chunks produced, consumed */
    size_t off;                    /* consumer's offset in chunk tail */
    int done;                      /* 1 end of part, -1 unpacking failed */
    int stop, pause, busy;
} inflater;

static void *inflate_main(void *arg)
{
    inflater *f = arg;
    pthread_mutex_lock(&f->mu);
    for (;;) {
        while (!f->stop && (f->pause || f->head - f->tail == XL_RING)) pthread_cond_wait(&f->cv, &f->mu);
        if (f->stop) break;
        unsigned slot = f->head % XL_RING;
        f->busy = 1;
        pthread_mutex_unlock(&f->mu);
        zip_int64_t got = zip_fread(f->zf, f->chunk[slot], XL_TCHUNK);
        pthread_mutex_lock(&f->mu);
        f->busy = 0;
        if (got > 0) { f->len[slot] = (size_t)got; f->head++; }
        else f->done = got < 0 ? -1 : 1;
        pthread_cond_broadcast(&f->cv);
        if (got <= 0) break;
    }
    pthread_mutex_unlock(&f->mu);
    return NULL;
}

static void inflater_free(inflater *f)
{
    for (int i = 0; i < XL_RING; i++) free(f->chunk[i]);
    free(f);
}

static inflater *inflater_start(zip_file_t *zf)
{
    inflater *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    f->zf = zf;
    for (int i = 0; i < XL_RING; i++)
        if (!(f->chunk[i] = malloc(XL_TCHUNK))) { inflater_free(f); return NULL; }
    if (pthread_mutex_init(&f->mu, NULL)) { inflater_free(f); return NULL; }
    if (pthread_cond_init(&f->cv, NULL)) { pthread_mutex_destroy(&f->mu); inflater_free(f); return NULL; }
    if (pthread_create(&f->th, NULL, inflate_main, f)) {
        pthread_cond_destroy(&f->cv);
        pthread_mutex_destroy(&f->mu);
        inflater_free(f);
        return NULL;
    }
    return f;
}

static void inflater_stop(inflater *f)
{
    pthread_mutex_lock(&f->mu);
    f->stop = 1;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
    pthread_join(f->th, NULL);
    pthread_cond_destroy(&f->cv);
    pthread_mutex_destroy(&f->mu);
    inflater_free(f);
}

/* Hold the thread out of the archive (1), or let it go on (0). */
static void inflater_pause(inflater *f, int on)
{
    pthread_mutex_lock(&f->mu);
    f->pause = on;
    pthread_cond_broadcast(&f->cv);
    while (on && f->busy) pthread_cond_wait(&f->cv, &f->mu);
    pthread_mutex_unlock(&f->mu);
}

/* Like zip_fread: bytes copied (at most one chunk), 0 at the end, -1 on failure. */
static zip_int64_t inflater_read(inflater *f, char *dst, size_t n)
{
    pthread_mutex_lock(&f->mu);
    while (f->head == f->tail && !f->done) pthread_cond_wait(&f->cv, &f->mu);
    int empty = f->head == f->tail, done = f->done;
    unsigned slot = f->tail % XL_RING;
    pthread_mutex_unlock(&f->mu);
    if (empty) return done < 0 ? -1 : 0;
    size_t k = f->len[slot] - f->off;
    if (k > n) k = n;
    memcpy(dst, f->chunk[slot] + f->off, k);
    f->off += k;
    if (f->off == f->len[slot]) {
        f->off = 0;
        pthread_mutex_lock(&f->mu);
        f->tail++;
        pthread_cond_broadcast(&f->cv);
        pthread_mutex_unlock(&f->mu);
    }
    return (zip_int64_t)k;
}

/* ---- zip entries -------------------------------------------------------- */

/* Zip bombs: refuse absurd totals and big, extremely compressed entries. */
static aud_err check_bomb(xl *x)
{
    zip_int64_t n = zip_get_num_entries(x->za, 0);
    uint64_t total = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(x->za, (zip_uint64_t)i, 0, &st) != 0) continue;
        if (!(st.valid & ZIP_STAT_SIZE)) continue;
        total += st.size;
        if (st.size > XL_MAX_TOTAL || total > XL_MAX_TOTAL)
            return xl_fail(x, AUD_E_FORMAT, 0, "the workbook unpacks to more than 2 GiB (zip bomb?); refusing it");
        if (st.size > XL_BIG_ENTRY && (st.valid & ZIP_STAT_COMP_SIZE) &&
            st.size / (st.comp_size ? st.comp_size : 1) > XL_MAX_RATIO)
            return xl_fail(x, AUD_E_FORMAT, 0, "a part of the workbook is compressed more than 200:1 (zip bomb?); refusing it");
    }
    return AUD_OK;
}

/* Open a part; AUD_OK with *zf NULL when it is optional and absent. */
static aud_err part_open(xl *x, const char *name, int optional, zip_stat_t *st, zip_file_t **zf)
{
    *zf = NULL;
    zip_stat_init(st);
    if (zip_stat(x->za, name, 0, st) != 0) {
        if (optional) return AUD_OK;
        char m[300];
        snprintf(m, sizeof m, "the workbook has no part %.200s: not an Excel .xlsx file, or a damaged one", name);
        return xl_fail(x, AUD_E_FORMAT, 0, m);
    }
    errno = 0;
    *zf = zip_fopen(x->za, name, 0);
    if (!*zf && zip_oom(zip_error_code_zip(zip_get_error(x->za))))
        return xl_fail(x, AUD_E_NOMEM, 0, "out of memory while unpacking the workbook");
    if (!*zf) return xl_fail(x, AUD_E_FORMAT, 0, "a part of the workbook cannot be unpacked (corrupt file)");
    return AUD_OK;
}

/* Up to n bytes of an open part into buf (*got = 0 at its end), from the
 * unpacking thread when inf is given. The declared size is enforced, so a
 * lying header cannot inflate forever. */
static aud_err part_read(xl *x, zip_file_t *zf, inflater *inf, const zip_stat_t *st, uint64_t *seen, char *buf,
                         size_t n, size_t *got)
{
    zip_int64_t k = inf ? inflater_read(inf, buf, n) : zip_fread(zf, buf, n);
    if (k < 0 && zf) {
        /* libzip's own allocations, or zlib's */
        zip_error_t *ze = zip_file_get_error(zf);
        int zc = zip_error_code_zip(ze);
        if (zc == ZIP_ER_MEMORY || (zc == ZIP_ER_ZLIB && zip_error_code_system(ze) == Z_MEM_ERROR))
            return xl_fail(x, AUD_E_NOMEM, 0, "out of memory while unpacking the workbook");
    }
    if (k < 0) return xl_fail(x, AUD_E_FORMAT, 0, "a part of the workbook is corrupt (unpacking failed)");
    *seen += (uint64_t)k;
    if (((st->valid & ZIP_STAT_SIZE) && *seen > st->size) || *seen > XL_MAX_TOTAL)
        return xl_fail(x, AUD_E_FORMAT, 0, "a part of the workbook is larger than declared (corrupt or zip bomb)");
    *got = (size_t)k;
    return AUD_OK;
}

/* Buffers for a part are sized by the size its zip entry declares (rounded
 * up to a power of two, at least XL_SMALL_BUF, at most the usual size): the
 * small parts of a workbook no longer pay for megabytes they never touch.
 * A false declared size only means more reads; more bytes than declared
 * is refused by part_read anyway. */
#define XL_SMALL_BUF 4096u

static size_t part_buf(const zip_stat_t *st, size_t usual)
{
    if (!(st->valid & ZIP_STAT_SIZE) || st->size >= usual) return usual;
    size_t n = XL_SMALL_BUF;
    while (n < usual && n <= st->size) n *= 2;   /* > size: the first read also sees the end */
    return n;
}

/* Stream an entry: each chunk is read straight into the buffer the consumer
 * hands out (expat's own buffer for XML), then passed to fn. */
typedef char *(*buf_fn)(xl *x);
typedef aud_err (*chunk_fn)(xl *x, size_t n, int last);

static aud_err stream_entry(xl *x, const char *name, int optional, buf_fn getbuf, chunk_fn fn)
{
    zip_stat_t st;
    zip_file_t *zf;
    AUD_TRY(part_open(x, name, optional, &st, &zf));
    if (!zf) return AUD_OK;
    uint64_t seen = 0;
    aud_err e = AUD_OK;
    x->chunk = part_buf(&st, XL_CHUNK);
    for (;;) {
        char *buf = getbuf(x);
        size_t got = 0;
        e = buf ? part_read(x, zf, NULL, &st, &seen, buf, x->chunk, &got) : AUD_E_NOMEM;
        if (e == AUD_OK) e = fn(x, got, got == 0);
        if (e != AUD_OK || got == 0) break;
    }
    zip_fclose(zf);
    return e;
}

static char *xml_buf(xl *x)
{
    return XML_GetBuffer(x->parser, (int)x->chunk);
}

static aud_err xml_error(xl *x)
{
    if (x->err != AUD_OK) return x->err;
    char m[300];
    enum XML_Error code = XML_GetErrorCode(x->parser);
    if (code == XML_ERROR_NO_MEMORY) return xl_fail(x, AUD_E_NOMEM, x->last_row, "out of memory while reading the workbook's XML");
    snprintf(m, sizeof m, "the workbook's XML is malformed (%s)", XML_ErrorString(code));
    return xl_fail(x, AUD_E_FORMAT, x->last_row, m);
}

static aud_err xml_chunk(xl *x, size_t n, int last)
{
    if (XML_ParseBuffer(x->parser, (int)n, last) != XML_STATUS_ERROR) return AUD_OK;
    return xml_error(x);
}

static void set_handlers(xl *x, XML_StartElementHandler st, XML_EndElementHandler en)
{
    XML_SetUserData(x->parser, x);
    XML_SetElementHandler(x->parser, st, en);
    XML_SetCharacterDataHandler(x->parser, on_text);
    XML_SetStartDoctypeDeclHandler(x->parser, on_doctype);
}

static aud_err parse_part(xl *x, const char *name, int optional, XML_StartElementHandler st,
                          XML_EndElementHandler en)
{
    x->parser = XML_ParserCreate("UTF-8");
    if (!x->parser) return AUD_E_NOMEM;
    set_handlers(x, st, en);
    x->collecting = x->in_rph = x->in_si = x->in_is = 0;
    text_reset(x);
    aud_err e = stream_entry(x, name, optional, xml_buf, xml_chunk);
    XML_ParserFree(x->parser);
    x->parser = NULL;
    return e;
}

/* ---- workbook.xml and its relationships --------------------------------- */

static void stop_nomem(xl *x)
{
    x->err = AUD_E_NOMEM;
    XML_StopParser(x->parser, XML_FALSE);
}

static void XMLCALL wb_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    xl *x = ud;
    const char *n = lname(el);
    if (strcmp(n, "workbookPr") == 0) {
        const char *d = attr(atts, "date1904");
        x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    } else if (strcmp(n, "sheet") == 0) {
        const char *nm = attr(atts, "name"), *rid = attr(atts, "id"), *state = attr(atts, "state");
        if (!nm || !rid || x->nsheets >= 4096) return;
        sheet_ent *s = realloc(x->sheets, (x->nsheets + 1) * sizeof *s);
        if (!s) { stop_nomem(x); return; }
        x->sheets = s;
        s[x->nsheets].name = strdup(nm);
        s[x->nsheets].rid = strdup(rid);
        s[x->nsheets].hidden = state && strcmp(state, "visible") != 0;
        x->nsheets++;
        if (!s[x->nsheets - 1].name || !s[x->nsheets - 1].rid) stop_nomem(x);
    }
}

static void XMLCALL no_end(void *ud, const XML_Char *el)
{
    (void)ud; (void)el;
}

/* Relationship targets are relative to xl/ unless absolute. */
static void XMLCALL rels_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    xl *x = ud;
    if (strcmp(lname(el), "Relationship") != 0 || x->target) return;
    const char *id = attr(atts, "Id"), *t = attr(atts, "Target");
    if (!id || !t || strcmp(id, x->want_rid) != 0) return;
    size_t n = strlen(t) + 4;
    x->target = malloc(n);
    if (!x->target) { stop_nomem(x); return; }
    if (t[0] == '/') snprintf(x->target, n, "%s", t + 1);
    else snprintf(x->target, n, "xl/%s", t);
}

static aud_err pick_sheet(xl *x, const char *want, size_t *idx)
{
    for (size_t i = 0; want && i < x->nsheets; i++)
        if (strcmp(x->sheets[i].name, want) == 0) { *idx = i; return AUD_OK; }
    for (size_t i = 0; want && i < x->nsheets; i++)
        if (strcasecmp(x->sheets[i].name, want) == 0) { *idx = i; return AUD_OK; }
    if (want) {
        char list[200] = "";
        size_t used = 0;
        for (size_t i = 0; i < x->nsheets && used < sizeof list - 1; i++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s\"%s\"", i ? ", " : "", x->sheets[i].name);
        aud_diag_set(x->diag, AUD_E_USAGE, x->file, 0, "the workbook has no sheet named \"%.100s\"", want);
        aud_diag_set_hint(x->diag, "its sheets are: %.200s", list);
        return AUD_E_USAGE;
    }
    for (size_t i = 0; i < x->nsheets; i++)
        if (!x->sheets[i].hidden) { *idx = i; return AUD_OK; }
    if (x->nsheets == 0) return xl_fail(x, AUD_E_FORMAT, 0, "the workbook lists no sheet (corrupt file)");
    *idx = 0;
    return AUD_OK;
}

/* ---- styles.xml: which cell formats are dates ---------------------------- */

/* Built-in ids 14-22 and 45-47; custom codes with d, m or y outside quotes,
 * brackets and escapes (a bare m with h or s is minutes, not months). */
static int code_is_date(const char *c)
{
    int d = 0, m = 0, y = 0, hs = 0;
    for (; *c; c++) {
        if (*c == '"') { c++; while (*c && *c != '"') c++; if (!*c) break; continue; }
        if (*c == '[') { while (*c && *c != ']') c++; if (!*c) break; continue; }
        if (*c == '\\' || *c == '_' || *c == '*') { if (!c[1]) break; c++; continue; }
        switch (*c) {
        case 'd': case 'D': d = 1; break;
        case 'm': case 'M': m = 1; break;
        case 'y': case 'Y': y = 1; break;
        case 'h': case 'H': case 's': case 'S': hs = 1; break;
        default: break;
        }
    }
    return d || y || (m && !hs);
}

static int fmt_is_date(const xl *x, uint32_t id)
{
    if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return 1;
    for (size_t i = 0; i < x->nfmts; i++)
        if (x->fmts[i].id == id) return x->fmts[i].is_date;
    return 0;
}

static void XMLCALL st_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    xl *x = ud;
    const char *n = lname(el);
    uint32_t id;
    if (strcmp(n, "numFmt") == 0) {
        const char *code = attr(atts, "formatCode");
        if (!code || x->nfmts >= 4096 || parse_u32(attr(atts, "numFmtId"), UINT32_MAX - 1, &id)) return;
        numfmt *f = realloc(x->fmts, (x->nfmts + 1) * sizeof *f);
        if (!f) { stop_nomem(x); return; }
        x->fmts = f;
        f[x->nfmts++] = (numfmt){id, code_is_date(code)};
    } else if (strcmp(n, "cellXfs") == 0) {
        x->in_cellxfs = 1;
    } else if (strcmp(n, "xf") == 0 && x->in_cellxfs) {
        if (x->nxf >= 65536) return;
        uint8_t *p = realloc(x->xf_date, x->nxf + 1);
        if (!p) { stop_nomem(x); return; }
        x->xf_date = p;
        p[x->nxf++] = (uint8_t)(parse_u32(attr(atts, "numFmtId"), UINT32_MAX - 1, &id) == 0 && fmt_is_date(x, id));
    }
}

static void XMLCALL st_end(void *ud, const XML_Char *el)
{
    xl *x = ud;
    if (strcmp(lname(el), "cellXfs") == 0) x->in_cellxfs = 0;
}

/* ---- sharedStrings.xml: <si> = <t> or rich runs <r><t>, phonetic <rPh> skipped */

static void XMLCALL ss_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    (void)atts;
    xl *x = ud;
    const char *n = lname(el);
    if (strcmp(n, "si") == 0) { x->in_si = 1; text_reset(x); }
    else if (strcmp(n, "rPh") == 0) x->in_rph++;
    else if (strcmp(n, "t") == 0 && x->in_si && !x->in_rph) x->collecting = 1;
}

static int ss_push(xl *x)
{
    if (x->ss_n == x->ss_cap) {
        size_t cap = x->ss_cap ? x->ss_cap * 2 : 1024;
        size_t *o = realloc(x->ss_off, cap * sizeof *o);
        if (!o) return -1;
        x->ss_off = o;
        uint32_t *l = realloc(x->ss_len, cap * sizeof *l);
        if (!l) return -1;
        x->ss_len = l;
        x->ss_cap = cap;
    }
    x->ss_off[x->ss_n] = x->ss.n;
    x->ss_len[x->ss_n] = x->text_over ? XL_TOO_LONG : (uint32_t)x->text.n;
    x->ss_n++;
    return xb_add(&x->ss, x->text_over ? "" : (x->text.p ? x->text.p : ""), x->text_over ? 0 : x->text.n + 1);
}

static void XMLCALL ss_end(void *ud, const XML_Char *el)
{
    xl *x = ud;
    const char *n = lname(el);
    if (strcmp(n, "t") == 0) x->collecting = 0;
    else if (strcmp(n, "rPh") == 0 && x->in_rph) x->in_rph--;
    else if (strcmp(n, "si") == 0 && x->in_si) {
        x->in_si = 0;
        if (ss_push(x)) stop_nomem(x);
    }
}

/* ---- merged ranges: byte scan for <mergeCell ref="A1:C1"> ---------------- */

static void add_merge(xl *x, const char *ref, size_t n)
{
    char tmp[40];
    if (n >= sizeof tmp || x->nmerges >= XL_MAX_MERGES) return;
    memcpy(tmp, ref, n);
    tmp[n] = '\0';
    merge m;
    const char *end;
    if (parse_ref(tmp, &m.c1, &m.r1, &end) || *end != ':' || parse_ref(end + 1, &m.c2, &m.r2, &end) || *end)
        return;
    if (m.r1 == 0 || m.r2 < m.r1 || m.c2 < m.c1) return;
    merge *p = realloc(x->merges, (x->nmerges + 1) * sizeof *p);
    if (!p) return;
    x->merges = p;
    p[x->nmerges++] = m;
}

/* Scan buf[0..n) for complete mergeCell tags; returns bytes fully consumed. */
static size_t scan_merges(xl *x, const char *buf, size_t n)
{
    size_t i = 0, done = 0;
    while (i + 10 <= n) {
        const char *hit = memchr(buf + i, 'm', n - i);
        if (!hit) return n;
        i = (size_t)(hit - buf);
        if (i + 10 > n) break;
        if (memcmp(hit, "mergeCell", 9) != 0 || i == 0 || (buf[i - 1] != '<' && buf[i - 1] != ':') ||
            (hit[9] != ' ' && hit[9] != '\t' && hit[9] != '\n' && hit[9] != '\r')) { i++; done = i; continue; }
        const char *gt = memchr(hit, '>', n - i);
        if (!gt) break;                                 /* tag continues in the next chunk */
        for (const char *p = hit + 9; p + 5 < gt; p++) {
            if (memcmp(p, "ref=", 4) != 0 || (p[4] != '"' && p[4] != '\'')) continue;
            const char *q = memchr(p + 5, p[4], (size_t)(gt - p - 5));
            if (q) add_merge(x, p + 5, (size_t)(q - p - 5));
            break;
        }
        i = (size_t)(gt - buf) + 1;
        done = i;
    }
    return i > done ? i : done;
}

static char *merge_buf(xl *x)
{
    if (x->scan_cap < x->chunk + 512) {
        char *p = realloc(x->scan, x->chunk + 512);
        if (!p) return NULL;
        x->scan = p;
        x->scan_cap = x->chunk + 512;
    }
    return x->scan + x->ncarry;
}

/* Up to 256 unconsumed bytes are carried so a tag split across chunks is seen whole. */
static aud_err merge_chunk(xl *x, size_t n, int last)
{
    (void)last;
    size_t total = x->ncarry + n;
    size_t used = scan_merges(x, x->scan, total);
    /* Always re-see the last 16 bytes and the byte before a cut tag (its "<"):
     * a whole tag is longer than that, so none is counted twice. */
    if (total > 16 && used > total - 16) used = total - 16;
    if (used > 0) used--;
    size_t rest = total - used;
    if (rest > 256) rest = 256;
    memmove(x->scan, x->scan + total - rest, rest);
    x->ncarry = rest;
    return AUD_OK;
}

/* ---- cell values -------------------------------------------------------- */

/* Plain decimal that is already its own shortest form ("3266", "-0.5"). */
static int plain_number(const char *s)
{
    const char *p = s;
    if (*p == '-') p++;
    if (!*p || (p[0] == '0' && p[1] && p[1] != '.')) return 0;
    int digits = 0, dot = 0;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') digits++;
        else if (*p == '.' && !dot) dot = 1;
        else return 0;
    }
    if (digits == 0 || digits > 15) return 0;
    if (dot && (p[-1] == '0' || p[-1] == '.')) return 0;
    return 1;
}

/* Shortest text that reads back to the same double, '.' as decimal mark. */
static int format_number(const char *s, char *out, size_t cap)
{
    if (plain_number(s)) return -1;            /* caller keeps the original */
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || !isfinite(v)) return -1;
    if (v == 0) { snprintf(out, cap, "0"); return 0; }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(out, cap, "%.*g", prec, v);
        if (strtod(out, NULL) == v) break;
    }
    return 0;
}

/* Excel serial -> "YYYY-MM-DD"; 1900 system keeps Lotus's 1900-02-29. */
static int format_date(const char *s, int date1904, char *out, size_t cap)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !isfinite(v) || v < 0 || v >= 2958466) return -1;
    int64_t serial = (int64_t)floor(v);
    int32_t days;
    if (date1904) {
        days = aud_days_from_civil(1904, 1, 1) + (int32_t)serial;
    } else if (serial == 60) {
        snprintf(out, cap, "1900-02-29");
        return 0;
    } else if (serial < 60) {
        days = aud_days_from_civil(1899, 12, 31) + (int32_t)serial;
    } else {
        days = aud_days_from_civil(1899, 12, 30) + (int32_t)serial;
    }
    int y, m, d;
    aud_civil_from_days(days, &y, &m, &d);
    if (cap < 11 || y < 0 || y > 9999) return -1;
    const int ymd[3] = {y, m, d};
    char *o = out;
    *o++ = (char)('0' + y / 1000); *o++ = (char)('0' + y / 100 % 10);
    *o++ = (char)('0' + y / 10 % 10); *o++ = (char)('0' + y % 10);
    for (int i = 1; i < 3; i++) { *o++ = '-'; *o++ = (char)('0' + ymd[i] / 10); *o++ = (char)('0' + ymd[i] % 10); }
    *o = '\0';
    return 0;
}

/* Append the converted value of the current cell to the row arena. */
static aud_err cell_value(xl *x, const char **val, size_t *len, char *tmp, size_t cap)
{
    const char *t = x->text.p ? x->text.p : "";
    *val = t;
    *len = x->text.n;
    if (x->text_over) { x->row_over = 1; *val = ""; *len = 0; return AUD_OK; }
    switch (x->cell_type) {
    case 's': {
        uint32_t k;
        if (!*len) break;                  /* <c t="s"/>: a styled empty cell */
        if (parse_u32(t, UINT32_MAX - 1, &k) || k >= x->ss_n)
            return xl_fail(x, AUD_E_FORMAT, x->row, "a cell refers to a shared string that does not exist (corrupt file)");
        if (x->ss_len[k] == XL_TOO_LONG) { x->row_over = 1; *val = ""; *len = 0; }
        else { *val = x->ss.p + x->ss_off[k]; *len = x->ss_len[k]; }
        break;
    }
    case 'b': if (!*len) break;
        *val = strcmp(t, "1") == 0 || strcmp(t, "true") == 0 ? "TRUE" : "FALSE"; *len = strlen(*val); break;
    case 'd': if (*len > 10 && t[10] == 'T') *len = 10; break;
    case 'n':
        if (!*len) break;
        /* A date-styled number that is not a valid date is shown as a number. */
        if ((x->cell_style < x->nxf && x->xf_date[x->cell_style] && format_date(t, x->date1904, tmp, cap) == 0)
            || format_number(t, tmp, cap) == 0) {
            *val = tmp; *len = strlen(tmp);
        }
        break;
    default: break;
    }
    return AUD_OK;
}

static aud_err arena_cell(xl *x, const char *v, size_t n)
{
    if (x->ncols == x->colcap) {
        size_t cap = x->colcap ? x->colcap * 2 : 64;
        size_t *o = realloc(x->off, cap * sizeof *o);
        if (!o) return AUD_E_NOMEM;
        x->off = o;
        x->colcap = cap;
    }
    if (x->arena.n + n > XL_ROW_CAP)
        return xl_fail(x, AUD_E_FORMAT, x->row, "a row of the sheet holds more than 64 MiB of text");
    if (xb_reserve(&x->arena, n + 1)) return AUD_E_NOMEM;
    x->off[x->ncols++] = x->arena.n;
    memcpy(x->arena.p + x->arena.n, v, n);
    x->arena.n += n + 1;
    x->arena.p[x->arena.n - 1] = '\0';
    x->arena.p[x->arena.n] = '\0';
    return AUD_OK;
}

static aud_err end_cell(xl *x)
{
    char tmp[64];
    const char *v;
    size_t n;
    AUD_TRY(cell_value(x, &v, &n, tmp, sizeof tmp));
    while ((uint32_t)x->ncols < x->cell_col) AUD_TRY(arena_cell(x, "", 0));
    AUD_TRY(arena_cell(x, v, n));
    if (n || x->text_over) x->nonempty = 1;   /* an over-long cell still makes a row */
    x->last_col = (int32_t)x->cell_col;
    return AUD_OK;
}

/* ---- the sheet ---------------------------------------------------------- */

static void stop_with(xl *x, aud_err e)
{
    x->err = e;
    XML_StopParser(x->parser, XML_FALSE);
}

static aud_err build_row(xl *x, size_t width)
{
    while (x->ncols < width) AUD_TRY(arena_cell(x, "", 0));
    if (x->ncols > x->cellcap) {
        const char **c = realloc(x->cells, x->ncols * sizeof *c);
        if (!c) return AUD_E_NOMEM;
        x->cells = c;
        size_t *l = realloc(x->lens, x->ncols * sizeof *l);
        if (!l) return AUD_E_NOMEM;
        x->lens = l;
        x->cellcap = x->ncols;
    }
    for (size_t i = 0; i < x->ncols; i++) {
        x->cells[i] = x->arena.p + x->off[i];
        x->lens[i] = (i + 1 < x->ncols ? x->off[i + 1] : x->arena.n) - x->off[i] - 1;
    }
    return AUD_OK;
}

static size_t arena_len(const xl *x, size_t i)
{
    return (i + 1 < x->ncols ? x->off[i + 1] : x->arena.n) - x->off[i] - 1;
}


/* Merged ranges come after the rows in the sheet XML, so knowing them before
 * the header means unpacking the sheet twice. For a sheet part bigger than
 * prescan_limit whose header row fills the columns <dimension> declares,
 * that is skipped: a merge there could only hide values or reach past the
 * declared size (Excel keeps the top-left value alone), and the end of the
 * sheet checks that none did (deferred_merges). */
static aud_err header_merges(xl *x)
{
    int full = x->has_dim && x->part_size > x->prescan_limit && x->ncols > x->dim_c2;
    for (uint32_t c = x->dim_c1; full && c <= x->dim_c2; c++)
        if (arena_len(x, c) == 0) full = 0;
    if (full) {
        x->merges_deferred = 1;
        return AUD_OK;
    }
    x->merges_scanned = 1;
    if (x->inf) inflater_pause(x->inf, 1);
    aud_err e = stream_entry(x, x->target, 0, merge_buf, merge_chunk);
    if (x->inf) inflater_pause(x->inf, 0);
    return e;
}

static aud_err keep_header(xl *x)
{
    x->hdr_off = malloc((x->ncols ? x->ncols : 1) * sizeof *x->hdr_off);
    if (!x->hdr_off) return AUD_E_NOMEM;
    x->hdr.n = 0;
    for (size_t i = 0; i < x->ncols; i++) {
        x->hdr_off[i] = x->hdr.n;
        if (xb_add(&x->hdr, x->cells[i], x->lens[i] + 1)) return AUD_E_NOMEM;
    }
    x->hdr_n = (uint32_t)x->ncols;
    x->hdr_row = x->row;
    return AUD_OK;
}

/* After the sheet, when header_merges skipped the scan: had a merge on the
 * header row changed it, the rows read so far were read under a wrong header. */
static aud_err deferred_merges(xl *x)
{
    if (!x->merges_deferred) return AUD_OK;
    for (size_t i = 0; i < x->nmerges; i++) {
        const merge *m = &x->merges[i];
        if (m->r1 != x->hdr_row) continue;
        int same = m->c2 < x->hdr_n;
        for (uint32_t c = m->c1 + 1; same && c <= m->c2; c++)
            same = strcmp(x->hdr.p + x->hdr_off[c], x->hdr.p + x->hdr_off[m->c1]) == 0;
        if (!same) {
            aud_diag_set(x->diag, AUD_E_FORMAT, x->file, x->hdr_row, "%s",
                         "merged cells of the header row hide other values or reach past the size the sheet declares");
            aud_diag_set_hint(x->diag, "%s", "unmerge the header cells (or save the sheet again) and read it again");
            return AUD_E_FORMAT;
        }
    }
    return AUD_OK;
}

/* Header row: a merged range starting on it repeats its top-left value. */
static aud_err merge_header(xl *x)
{
    size_t width = x->ncols;
    for (size_t i = 0; i < x->nmerges; i++)
        if (x->merges[i].r1 == x->row && x->merges[i].c2 + 1 > width) width = x->merges[i].c2 + 1;
    AUD_TRY(build_row(x, width));
    for (size_t i = 0; i < x->nmerges; i++) {
        const merge *m = &x->merges[i];
        if (m->r1 != x->row) continue;
        for (uint32_t c = m->c1 + 1; c <= m->c2; c++) {
            x->cells[c] = x->cells[m->c1];
            x->lens[c] = x->lens[m->c1];
        }
    }
    return AUD_OK;
}

static aud_err emit_row(xl *x)
{
    if (!x->nonempty) return AUD_OK;
    size_t used = x->ncols;
    while (used > 0 && x->off[used - 1] + 1 == (used < x->ncols ? x->off[used] : x->arena.n)) used--;
    if (used < x->ncols) x->arena.n = x->off[used];   /* drop trailing empty cells */
    x->ncols = used;
    if (!x->header_done) {
        AUD_TRY(header_merges(x));
        AUD_TRY(merge_header(x));
        if (x->merges_deferred) AUD_TRY(keep_header(x));
        x->hdr_width = (uint32_t)x->ncols;
        x->header_done = 1;
    } else {
        AUD_TRY(build_row(x, x->hdr_width > x->ncols ? x->hdr_width : x->ncols));
    }
    aud_row r = {.cells = x->cells, .lens = x->lens, .ncells = x->ncols, .line = x->row, .too_long = x->row_over};
    x->rows_emitted++;
    return x->cb(x->ctx, &r);
}

static char cell_type(const char *t)
{
    if (!t) return 'n';
    if (strcmp(t, "s") == 0) return 's';
    if (strcmp(t, "inlineStr") == 0) return 'i';
    if (strcmp(t, "b") == 0) return 'b';
    if (strcmp(t, "e") == 0) return 'e';
    if (strcmp(t, "str") == 0) return 't';
    if (strcmp(t, "d") == 0) return 'd';
    return 'n';
}

static aud_err start_row_at(xl *x, const char *r)
{
    uint32_t n = x->last_row + 1;
    if (r && parse_u32(r, XL_MAX_ROWS, &n))
        return xl_fail(x, AUD_E_FORMAT, x->last_row, "a row number of the sheet is invalid or beyond Excel's 1 048 576 rows");
    if (n <= x->last_row || n > XL_MAX_ROWS)
        return xl_fail(x, AUD_E_FORMAT, n, "the sheet's rows are out of order or beyond Excel's 1 048 576 rows");
    x->row = x->last_row = n;
    x->in_row = 1;
    x->arena.n = 0;
    x->ncols = 0;
    x->last_col = -1;
    x->nonempty = x->row_over = 0;
    return AUD_OK;
}

static aud_err start_row(xl *x, const char **atts)
{
    return start_row_at(x, attr1(atts, 'r'));
}

/* r, s, t: the cell's attributes of those local names, or NULL */
static aud_err start_cell_at(xl *x, const char *r, const char *s, const char *t)
{
    uint32_t col = (uint32_t)(x->last_col + 1), row = 0;
    const char *end;
    if (r && (parse_ref(r, &col, &row, &end) || *end))
        return xl_fail(x, AUD_E_FORMAT, x->row, "a cell reference of the sheet is invalid or out of Excel's range");
    if (col >= XL_MAX_COLS)
        return xl_fail(x, AUD_E_FORMAT, x->row, "a row of the sheet goes beyond Excel's 16 384 columns");
    if ((int32_t)col <= x->last_col)
        return xl_fail(x, AUD_E_FORMAT, x->row, "the cells of a row are out of order (corrupt file)");
    uint32_t st = 0;
    if (s && parse_u32(s, UINT32_MAX - 1, &st)) st = 0;
    x->cell_col = col;
    x->cell_style = st;
    x->cell_type = cell_type(t);
    x->in_c = 1;
    text_reset(x);
    return AUD_OK;
}

static aud_err start_cell(xl *x, const char **atts)
{
    return start_cell_at(x, attr1(atts, 'r'), attr1(atts, 's'), attr1(atts, 't'));
}

static aud_err check_dimension(xl *x, const char **atts)
{
    const char *ref = attr(atts, "ref"), *end;
    uint32_t c1 = 0, c2 = 0, r = 0;
    if (!ref) return AUD_OK;
    int bad = parse_ref(ref, &c1, &r, &end);
    c2 = c1;
    if (!bad && *end == ':') bad = parse_ref(end + 1, &c2, &r, &end) || *end;
    else if (!bad && *end) bad = 1;
    if (bad)
        return xl_fail(x, AUD_E_FORMAT, 0, "the sheet declares dimensions beyond Excel's 1 048 576 rows x 16 384 columns");
    x->has_dim = 1;
    x->dim_c1 = c1 < c2 ? c1 : c2;
    x->dim_c2 = c1 < c2 ? c2 : c1;
    return AUD_OK;
}

static void keep_qname(xl *x, char *slot, const char *el)
{
    size_t n = strlen(el);
    if (n >= XL_QNAME) x->fast = 0;           /* cannot be handed over: expat keeps the sheet */
    else memcpy(slot, el, n + 1);
}

static int rows_state_clean(const xl *x)
{
    return !x->in_row && !x->in_c && !x->in_is && !x->in_rph && !x->collecting;
}

static void XMLCALL sh_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    xl *x = ud;
    const char *n = lname(el);
    aud_err e = AUD_OK;
    x->depth++;
    if (n[0] == 'c' && n[1] == '\0') { if (x->in_row) e = start_cell(x, atts); }
    else if (n[0] == 'v' && n[1] == '\0') { if (x->in_c) { text_reset(x); x->collecting = 1; } }
    else if (strcmp(n, "row") == 0) e = start_row(x, atts);
    else if (strcmp(n, "is") == 0) { if (x->in_c) { x->in_is = 1; text_reset(x); } }
    else if (n[0] == 't' && n[1] == '\0') { if (x->in_is && !x->in_rph) x->collecting = 1; }
    else if (strcmp(n, "rPh") == 0) x->in_rph++;
    else if (strcmp(n, "dimension") == 0) e = check_dimension(x, atts);
    else if (strcmp(n, "mergeCell") == 0 && x->merges_deferred) {
        const char *ref = attr(atts, "ref");
        if (ref) add_merge(x, ref, strlen(ref));
    }
    else if (strcmp(n, "sheetData") == 0 && x->depth == 2) {
        x->in_sd = 1;
        keep_qname(x, x->sd_q, el);
        if (x->fast && !x->fast_started && rows_state_clean(x)) {
            x->fast_started = x->at_sheetdata = 1;   /* the scanner takes the rows from here */
            XML_StopParser(x->parser, XML_TRUE);
        }
    }
    if (x->depth == 1) keep_qname(x, x->root_q, el);
    if (e != AUD_OK) stop_with(x, e);
}

static void XMLCALL sh_end(void *ud, const XML_Char *el)
{
    xl *x = ud;
    const char *n = lname(el);
    aud_err e = AUD_OK;
    x->depth--;
    if ((n[0] == 'v' || n[0] == 't') && n[1] == '\0') x->collecting = 0;
    else if (n[0] == 'c' && n[1] == '\0') { if (x->in_c) { x->in_c = 0; x->collecting = 0; e = end_cell(x); } }
    else if (strcmp(n, "row") == 0) {
        if (x->in_row) {
            x->in_row = 0;
            e = emit_row(x);
            /* A row ended by </row> right under <sheetData>: hand back to the scanner
             * (an empty-element <row/> has no bytes of its own to resume after). */
            if (e == AUD_OK && x->fast && x->fast_started && x->in_sd && x->depth == 2 &&
                x->handovers < XL_HANDOVERS && rows_state_clean(x) && XML_GetCurrentByteCount(x->parser) > 0)
                XML_StopParser(x->parser, XML_TRUE);
        }
    }
    else if (strcmp(n, "is") == 0) x->in_is = 0;
    else if (strcmp(n, "rPh") == 0 && x->in_rph) x->in_rph--;
    else if (x->depth == 1 && strcmp(n, "sheetData") == 0) x->in_sd = 0;
    if (e != AUD_OK) stop_with(x, e);
}

/* ---- the sheet: expat and the row scanner ------------------------------- */

/* The sheet part through a window of the scanner's: buf[0..end) holds the
 * part's bytes from offset base on; pos is where parsing is. */
typedef struct sstream {
    zip_file_t *zf;
    zip_stat_t st;
    uint64_t seen, base;
    char *buf;
    size_t cap, pos, end;
    int eof;
} sstream;

/* Keep buf[pos..end), read more after it (growing the window when a row fills
 * it, up to XL_WINDOW_MAX; *full is then set instead). */
static aud_err ss_fill(xl *x, sstream *s, int *full)
{
    *full = 0;
    if (s->pos > 0) {
        memmove(s->buf, s->buf + s->pos, s->end - s->pos);
        s->base += s->pos;
        s->end -= s->pos;
        s->pos = 0;
    }
    if (s->end == s->cap) {
        if (s->cap >= XL_WINDOW_MAX) { *full = 1; return AUD_OK; }
        size_t cap = s->cap ? s->cap * 2 : XL_WINDOW;
        char *p = realloc(s->buf, cap);
        if (!p) return AUD_E_NOMEM;
        s->buf = p;
        s->cap = cap;
    }
    if (s->eof) return AUD_OK;
    size_t got = 0;
    AUD_TRY(part_read(x, s->zf, x->inf, &s->st, &s->seen, s->buf + s->end, s->cap - s->end, &got));
    s->end += got;
    if (got == 0) s->eof = 1;
    return AUD_OK;
}

/* Parse with expat from s->pos on, after `prefix` (the elements a handover
 * re-opens). *suspended: the parser stopped after <sheetData> or a </row>,
 * and s->pos is the part offset right after it; else the part is parsed. */
static aud_err expat_run(xl *x, sstream *s, const char *prefix, size_t plen, int *suspended)
{
    XML_Parser p = x->parser;
    const uint64_t start = s->base + s->pos;    /* parser offset plen is part offset start */
    *suspended = 0;
    if (plen && XML_Parse(p, prefix, (int)plen, 0) == XML_STATUS_ERROR) return xml_error(x);
    for (;;) {
        enum XML_Status st = XML_Parse(p, s->buf + s->pos, (int)(s->end - s->pos), s->eof);
        while (st == XML_STATUS_SUSPENDED) {
            XML_Index i = XML_GetCurrentByteIndex(p);
            int n = XML_GetCurrentByteCount(p);
            uint64_t at = i < 0 || (uint64_t)i + (uint64_t)n < plen ? 0 : start + (uint64_t)i + (uint64_t)n - plen;
            /* resume where the window holds the bytes, and not after <sheetData/>
             * (a </row> suspension is always a whole end tag) */
            int ok = at >= s->base + s->pos && at <= s->base + s->end;
            if (ok && x->at_sheetdata)
                ok = at >= s->base + 2 && !(s->buf[at - s->base - 2] == '/' && s->buf[at - s->base - 1] == '>');
            x->at_sheetdata = 0;
            if (ok) {
                s->pos = (size_t)(at - s->base);
                *suspended = 1;
                return AUD_OK;
            }
            x->fast = 0;                          /* expat keeps the sheet */
            st = XML_ResumeParser(p);
        }
        if (st == XML_STATUS_ERROR) return xml_error(x);
        if (s->eof) return AUD_OK;
        s->pos = s->end;
        int full;
        AUD_TRY(ss_fill(x, s, &full));
    }
}

/* -- the scanner -- */

enum { FR_ROW, FR_MORE, FR_SLOW, FR_ERR };

#define FT_ATTS 16
typedef struct ftag {
    const char *name;
    size_t nlen;
    int empty;                    /* <name .../> */
    const char *r, *s, *t;        /* what attr1(atts, 'r'), 's', 't' would return */
    char buf[512];                /* their NUL-terminated copies */
} ftag;

/* ASCII character classes as bitmaps of the 128 codes */
static const uint64_t CL_NAME_START[2] = {0x0400000000000000ull, 0x07fffffe87fffffeull}; /* A-Z a-z _ : */
static const uint64_t CL_NAME[2] = {0x07ff600000000000ull, 0x07fffffe87fffffeull};       /* and 0-9 . - */
static const uint64_t CL_ATTV[2] = {0xefffffbf00000000ull, 0x7fffffffffffffffull};       /* printable but < & */
static const uint64_t CL_TEXT[2] = {0xefffffbf00000600ull, 0x7fffffffdfffffffull};       /* same but ], and TAB LF */
static const uint64_t CL_WS[2] = {0x0000000100002600ull, 0};                            /* SP TAB LF CR */

static inline int in_class(const uint64_t cl[2], char ch)
{
    unsigned char c = (unsigned char)ch;
    return c < 128 && ((cl[c >> 6] >> (c & 63)) & 1);
}

static inline int is_ws(char c)
{
    return in_class(CL_WS, c);
}

/* A start tag at *pp ('<'): ASCII names, attribute values of printable ASCII
 * without '<' or '&', no duplicate attribute. FR_ROW with *pp after it. */
static int read_stag(const char **pp, const char *e, ftag *t)
{
    const char *q = *pp + 1;
    size_t na = 0;
    size_t span[2 * FT_ATTS][2];                  /* offsets of names and values from *pp */
    int one[FT_ATTS];                             /* 'r', 's', 't' when that is the local name */
    if (**pp != '<') return FR_SLOW;
    if (q == e) return FR_MORE;
    if (!in_class(CL_NAME_START, *q)) return FR_SLOW;
    t->name = q;
    while (q < e && in_class(CL_NAME, *q)) q++;
    t->nlen = (size_t)(q - t->name);
    for (;;) {
        const char *sp = q;
        while (q < e && is_ws(*q)) q++;
        if (q == e) return FR_MORE;
        if (*q == '>') { q++; t->empty = 0; break; }
        if (*q == '/') {
            if (q + 1 == e) return FR_MORE;
            if (q[1] != '>') return FR_SLOW;
            q += 2;
            t->empty = 1;
            break;
        }
        if (q == sp || na == FT_ATTS || !in_class(CL_NAME_START, *q)) return FR_SLOW;
        const char *an = q, *loc = q;
        while (q < e && in_class(CL_NAME, *q)) {
            if (*q == ':') loc = q + 1;
            q++;
        }
        size_t anl = (size_t)(q - an);
        one[na] = q - loc == 1 ? *loc : 0;
        while (q < e && is_ws(*q)) q++;
        if (q == e) return FR_MORE;
        if (*q++ != '=') return FR_SLOW;
        while (q < e && is_ws(*q)) q++;
        if (q == e) return FR_MORE;
        char quote = *q++;
        if (quote != '"' && quote != '\'') return FR_SLOW;
        const char *av = q;
        while (q < e && in_class(CL_ATTV, *q) && *q != quote) q++;
        if (q == e) return FR_MORE;
        if (*q != quote) return FR_SLOW;
        for (size_t k = 0; k < na; k++)           /* a duplicate is expat's error to report */
            if (span[2 * k][1] == anl && memcmp(*pp + span[2 * k][0], an, anl) == 0) return FR_SLOW;
        span[2 * na][0] = (size_t)(an - *pp);
        span[2 * na][1] = anl;
        span[2 * na + 1][0] = (size_t)(av - *pp);
        span[2 * na + 1][1] = (size_t)(q - av);
        na++;
        q++;
    }
    t->r = t->s = t->t = NULL;
    size_t used = 0;
    for (size_t k = 0; k < na; k++) {
        const char **slot = one[k] == 'r' ? &t->r : one[k] == 's' ? &t->s : one[k] == 't' ? &t->t : NULL;
        if (!slot || *slot) continue;             /* the first of each wins, as in attr1 */
        size_t vl = span[2 * k + 1][1];
        if (used + vl + 1 > sizeof t->buf) return FR_SLOW;
        memcpy(t->buf + used, *pp + span[2 * k + 1][0], vl);
        t->buf[used + vl] = '\0';
        *slot = t->buf + used;
        used += vl + 1;
    }
    *pp = q;
    return FR_ROW;
}

#define IS_NAME(t, lit) ((t)->nlen == sizeof(lit) - 1 && memcmp((t)->name, lit, sizeof(lit) - 1) == 0)
#define READ_ETAG(pp, e, lit) read_etag(pp, e, lit, sizeof(lit) - 1)

/* An end tag "</want" S? ">" at *pp. */
static inline int read_etag(const char **pp, const char *e, const char *want, size_t n)
{
    const char *q = *pp;
    if ((size_t)(e - q) < n + 3) return FR_MORE;
    if (q[0] != '<' || q[1] != '/') return FR_SLOW;
    for (size_t i = 0; i < n; i++)
        if (q[2 + i] != want[i]) return FR_SLOW;
    q += 2 + n;
    while (q < e && is_ws(*q)) q++;
    if (q == e) return FR_MORE;
    if (*q != '>') return FR_SLOW;
    *pp = q + 1;
    return FR_ROW;
}

/* Length of a UTF-8 sequence expat accepts as character data at p (no
 * overlongs, surrogates, U+FFFE, U+FFFF or beyond U+10FFFF); 0 if not, -1
 * if it is cut by the end of the window. */
static int utf8_char(const unsigned char *p, const unsigned char *e)
{
    unsigned char c = p[0];
    int n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!n) return 0;
    if (e - p < n) return -1;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;
    if (c == 0xED && p[1] > 0x9F) return 0;
    if (c == 0xEF && p[1] == 0xBF && p[2] >= 0xBE) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;
    if (c == 0xF4 && p[1] > 0x8F) return 0;
    return n;
}

static const struct { const char *ref; char ch; } xml_ents[] = {
    {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''},
};

/* A predefined entity at p: its length and character, 0 if another, -1 if cut. */
static int entity_at(const char *p, const char *e, char *ch)
{
    for (size_t k = 0; k < sizeof xml_ents / sizeof xml_ents[0]; k++) {
        size_t n = strlen(xml_ents[k].ref);
        size_t have = (size_t)(e - p) < n ? (size_t)(e - p) : n;
        if (memcmp(p, xml_ents[k].ref, have) != 0) continue;
        if (have < n) return -1;
        *ch = xml_ents[k].ch;
        return (int)n;
    }
    return 0;
}

/* Character data from *pp to the next '<' (FR_ROW, *pp at it; *amp set when
 * it holds entity references). */
static int scan_text(const char **pp, const char *e, int *amp)
{
    const char *p = *pp;
    *amp = 0;
    while (p < e) {
        while (p < e && in_class(CL_TEXT, *p)) p++;
        if (p == e) break;
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c < 0x7f) {
            if (c == '<') { *pp = p; return FR_ROW; }
            if (c == '&') {
                char ch;
                int n = entity_at(p, e, &ch);
                if (n <= 0) return n < 0 ? FR_MORE : FR_SLOW;
                *amp = 1;
                p += n;
                continue;
            }
            if (c == ']') {                       /* "]]>" may not appear in text */
                if (e - p < 3) return FR_MORE;
                if (p[1] == ']' && p[2] == '>') return FR_SLOW;
            }
            p++;
        } else if (c == '\t' || c == '\n') {
            p++;
        } else if (c < 0x80) {
            return FR_SLOW;                       /* CR (expat rewrites it), controls, DEL */
        } else {
            int n = utf8_char((const unsigned char *)p, (const unsigned char *)e);
            if (n <= 0) return n < 0 ? FR_MORE : FR_SLOW;
            p += n;
        }
    }
    return FR_MORE;
}

/* What on_text would collect from the text [p, q). */
static aud_err collect_text(xl *x, const char *p, const char *q, int amp)
{
    while (p < q) {
        const char *r = amp ? memchr(p, '&', (size_t)(q - p)) : NULL;
        size_t n = (size_t)((r ? r : q) - p);
        char ch;
        if (n) on_text(x, p, (int)n);
        if (!r) break;
        int k = entity_at(r, q, &ch);
        on_text(x, &ch, 1);
        p = r + k;
    }
    return x->err;
}

static int skip_ws(const char **pp, const char *e)
{
    const char *p = *pp;
    while (p < e && is_ws(*p)) p++;
    *pp = p;
    return p == e ? FR_MORE : FR_ROW;
}

#define FR_TRY(expr) do { int r_ = (expr); if (r_ != FR_ROW) return r_; } while (0)

/* A failing handler: its error is the row's outcome, as with expat. */
static int fr_fail(xl *x, aud_err e)
{
    x->err = e;
    return FR_ERR;
}

/* Text of an element (f, v, t) up to its end tag; collected when `keep`. */
static int element_text(xl *x, const char **pp, const char *e, const char *name, size_t nlen, int keep)
{
    int amp;
    const char *t0 = *pp;
    FR_TRY(scan_text(pp, e, &amp));
    const char *t1 = *pp;
    FR_TRY(read_etag(pp, e, name, nlen));
    if (keep && t1 > t0 && collect_text(x, t0, t1, amp) != AUD_OK) return FR_ERR;
    return FR_ROW;
}

/* The content of a <c> after its start tag, up to and with </c>: an optional
 * <f>, then an optional <v> or <is><t>..</t></is>. */
static int cell_body(xl *x, const char **pp, const char *e)
{
    ftag t;
    FR_TRY(skip_ws(pp, e));
    if ((*pp)[0] == '<' && (*pp) + 1 < e && (*pp)[1] == 'f') {
        FR_TRY(read_stag(pp, e, &t));
        if (!IS_NAME(&t, "f")) return FR_SLOW;
        if (!t.empty) FR_TRY(element_text(x, pp, e, "f", sizeof("f") - 1, 0));
        FR_TRY(skip_ws(pp, e));
    }
    if ((*pp)[0] == '<' && (*pp) + 1 < e && (*pp)[1] != '/') {
        FR_TRY(read_stag(pp, e, &t));
        if (IS_NAME(&t, "v")) {
            text_reset(x);
            x->collecting = 1;
            if (!t.empty) FR_TRY(element_text(x, pp, e, "v", sizeof("v") - 1, 1));
            x->collecting = 0;
        } else if (IS_NAME(&t, "is")) {
            x->in_is = 1;
            text_reset(x);
            if (!t.empty) {
                FR_TRY(skip_ws(pp, e));
                FR_TRY(read_stag(pp, e, &t));
                if (!IS_NAME(&t, "t")) return FR_SLOW;
                x->collecting = 1;
                if (!t.empty) FR_TRY(element_text(x, pp, e, "t", sizeof("t") - 1, 1));
                x->collecting = 0;
                FR_TRY(skip_ws(pp, e));
                FR_TRY(READ_ETAG(pp, e, "is"));
            }
            x->in_is = 0;
        } else {
            return FR_SLOW;
        }
        FR_TRY(skip_ws(pp, e));
    }
    return READ_ETAG(pp, e, "c");
}

/* One <row> at p: FR_ROW with *used bytes consumed (the row delivered), or
 * FR_MORE / FR_SLOW with the reader's row state as it was before the row. */
static int scan_row(xl *x, const char *p, const char *e, size_t *used)
{
    const char *b = p;
    const uint32_t row0 = x->row, last0 = x->last_row;
    ftag t;
    aud_err err;
    int r = skip_ws(&p, e);
    if (r == FR_ROW && *p != '<') r = FR_SLOW;
    if (r == FR_ROW) r = read_stag(&p, e, &t);
    if (r == FR_ROW && !IS_NAME(&t, "row")) r = FR_SLOW;
    if (r != FR_ROW) return r;
    if ((err = start_row_at(x, t.r)) != AUD_OK) return fr_fail(x, err);
    if (!t.empty) {
        for (;;) {
            r = skip_ws(&p, e);
            if (r != FR_ROW) break;
            if (p + 1 < e && p[0] == '<' && p[1] == '/') {
                r = READ_ETAG(&p, e, "row");
                break;
            }
            if (*p != '<') { r = FR_SLOW; break; }
            r = read_stag(&p, e, &t);
            if (r == FR_ROW && !IS_NAME(&t, "c")) r = FR_SLOW;
            if (r != FR_ROW) break;
            if ((err = start_cell_at(x, t.r, t.s, t.t)) != AUD_OK) return fr_fail(x, err);
            if (!t.empty && (r = cell_body(x, &p, e)) != FR_ROW) break;
            x->in_c = 0;
            x->collecting = 0;
            if ((err = end_cell(x)) != AUD_OK) return fr_fail(x, err);
        }
        if (r == FR_ERR) return r;
        if (r != FR_ROW) {                         /* expat or more bytes redo the row */
            x->row = row0;
            x->last_row = last0;
            x->in_row = x->in_c = x->in_is = x->collecting = 0;
            text_reset(x);
            return r;
        }
    }
    x->in_row = 0;
    x->rows_scanned++;
    if ((err = emit_row(x)) != AUD_OK) return fr_fail(x, err);
    *used = (size_t)(p - b);
    return FR_ROW;
}

/* Rows through the scanner until one needs expat (or the rows end). */
static aud_err scan_rows(xl *x, sstream *s)
{
    for (;;) {
        size_t used = 0;
        int r = scan_row(x, s->buf + s->pos, s->buf + s->end, &used);
        if (r == FR_ROW) { s->pos += used; continue; }
        if (r == FR_ERR) return x->err;
        if (r == FR_SLOW || s->eof) return AUD_OK;
        int full;
        AUD_TRY(ss_fill(x, s, &full));
        if (full) return AUD_OK;
    }
}

static aud_err parse_sheet(xl *x)
{
    sstream s = {0};
    AUD_TRY(part_open(x, x->target, 0, &s.st, &s.zf));
    x->part_size = (s.st.valid & ZIP_STAT_SIZE) ? s.st.size : 0;
    s.cap = part_buf(&s.st, XL_WINDOW);
    s.buf = malloc(s.cap);
    x->parser = XML_ParserCreate("UTF-8");
    aud_err e = s.buf && x->parser ? AUD_OK : AUD_E_NOMEM;
    if (e == AUD_OK && (x->threads == 2 || (x->threads == 0 && x->part_size >= XL_THREAD_MIN)) &&
        !(x->inf = inflater_start(s.zf)))
        e = AUD_E_NOMEM;
    int suspended = 0, full;
    if (e == AUD_OK) {
        set_handlers(x, sh_start, sh_end);
        x->collecting = x->in_rph = x->in_si = x->in_is = 0;
        text_reset(x);
        e = ss_fill(x, &s, &full);
    }
    if (e == AUD_OK) e = expat_run(x, &s, NULL, 0, &suspended);
    while (e == AUD_OK && suspended) {
        e = scan_rows(x, &s);
        if (e != AUD_OK) break;
        /* expat takes over from this row: the same document, re-opened at <sheetData> */
        char prefix[2 * XL_QNAME + 8];
        int plen = snprintf(prefix, sizeof prefix, "<%s><%s>", x->root_q, x->sd_q);
        x->handovers++;
        if (XML_ParserReset(x->parser, "UTF-8") != XML_TRUE) { e = AUD_E_NOMEM; break; }
        set_handlers(x, sh_start, sh_end);
        x->depth = 0;
        e = expat_run(x, &s, prefix, (size_t)plen, &suspended);
    }
    if (x->inf) inflater_stop(x->inf);
    x->inf = NULL;
    if (x->parser) XML_ParserFree(x->parser);
    x->parser = NULL;
    free(s.buf);
    zip_fclose(s.zf);
    return e;
}

/* ---- entry points ------------------------------------------------------- */

static void xl_free(xl *x)
{
    for (size_t i = 0; i < x->nsheets; i++) { free(x->sheets[i].name); free(x->sheets[i].rid); }
    free(x->sheets);
    free(x->target);
    free(x->fmts);
    free(x->xf_date);
    free(x->ss.p);
    free(x->ss_off);
    free(x->ss_len);
    free(x->text.p);
    free(x->merges);
    free(x->scan);
    free(x->hdr.p);
    free(x->hdr_off);
    free(x->arena.p);
    free(x->off);
    free(x->cells);
    free(x->lens);
    if (x->za) zip_discard(x->za);
}

static aud_err read_archive(xl *x, const char *sheet, char **sheet_used)
{
    AUD_TRY(check_bomb(x));
    AUD_TRY(parse_part(x, "xl/workbook.xml", 0, wb_start, no_end));
    size_t idx = 0;
    AUD_TRY(pick_sheet(x, sheet, &idx));
    x->want_rid = x->sheets[idx].rid;
    AUD_TRY(parse_part(x, "xl/_rels/workbook.xml.rels", 1, rels_start, no_end));
    if (!x->target) {
        x->target = malloc(48);
        if (!x->target) return AUD_E_NOMEM;
        snprintf(x->target, 48, "xl/worksheets/sheet%zu.xml", idx + 1);
    }
    AUD_TRY(parse_part(x, "xl/styles.xml", 1, st_start, st_end));
    AUD_TRY(parse_part(x, "xl/sharedStrings.xml", 1, ss_start, ss_end));
    AUD_TRY(parse_sheet(x));
    AUD_TRY(deferred_merges(x));
    if (x->rows_emitted == 0) {
        aud_diag_set(x->diag, AUD_E_NODATA, x->file, 0, "the sheet \"%.200s\" is empty", x->sheets[idx].name);
        aud_diag_set_hint(x->diag, "choose the sheet that holds the data with --sheet");
        return AUD_E_NODATA;
    }
    if (sheet_used && !(*sheet_used = strdup(x->sheets[idx].name))) return AUD_E_NOMEM;
    return AUD_OK;
}

static const char enc_pkg[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";

static int has_enc(const unsigned char *p, size_t n)
{
    size_t k = sizeof enc_pkg - 1;
    for (size_t i = 0; i + k <= n; i++)
        if (p[i] == 'E' && memcmp(p + i, enc_pkg, k) == 0) return 1;
    return 0;
}

static aud_err ole_fail(aud_diag *diag, const char *file, int encrypted)
{
    aud_diag_set(diag, AUD_E_FORMAT, file, 0, "%s", encrypted
                 ? "the workbook is password-protected (encrypted); it cannot be read"
                 : "this is an old Excel .xls (BIFF) workbook, not .xlsx");
    aud_diag_set_hint(diag, encrypted ? "remove the password in Excel, then save it as .xlsx or CSV UTF-8" : "%s", xl_hint);
    return AUD_E_FORMAT;
}

static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* An OLE compound file: encrypted OOXML or BIFF. Scans with overlap for the stream name. */
static aud_err ole_check_file(FILE *f, const char *path, aud_diag *diag)
{
    unsigned char buf[65536 + 64];
    size_t keep = 0, got;
    int enc = 0;
    rewind(f);
    while (!enc && (got = fread(buf + keep, 1, 65536, f)) > 0) {
        enc = has_enc(buf, keep + got);
        size_t tail = keep + got < 40 ? keep + got : 40;
        memmove(buf, buf + keep + got - tail, tail);
        keep = tail;
    }
    return ole_fail(diag, path, enc);
}

static aud_err zip_fail(aud_diag *diag, const char *file, int code)
{
    if (zip_oom(code)) return aud_diag_set(diag, AUD_E_NOMEM, file, 0, "out of memory while opening the workbook");
    zip_error_t ze;
    zip_error_init_with_code(&ze, code);
    aud_diag_set(diag, AUD_E_FORMAT, file, 0, "not a readable .xlsx workbook (%s)", zip_error_strerror(&ze));
    aud_diag_set_hint(diag, "%s", xl_hint);
    zip_error_fini(&ze);
    return AUD_E_FORMAT;
}

static void report_stats(const xl *x, const aud_xlsx_opts *o)
{
    if (o && o->stats)
        *o->stats = (aud_xlsx_stats){x->rows_scanned, x->handovers, x->merges_scanned};
}

aud_err aud_xlsx_read_buffer(const void *data, size_t n, const char *name, const aud_xlsx_opts *o,
                             aud_row_cb cb, void *ctx, char **sheet_used, aud_diag *diag)
{
    if (sheet_used) *sheet_used = NULL;
    if (n >= 8 && memcmp(data, ole_magic, 8) == 0) return ole_fail(diag, name, has_enc(data, n));
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
    if (!src) { zip_error_fini(&ze); return AUD_E_NOMEM; }
    errno = 0;
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!za) {
        int code = zip_error_code_zip(&ze);
        zip_source_free(src);
        zip_error_fini(&ze);
        return zip_fail(diag, name, code);
    }
    zip_error_fini(&ze);
    xl x = {.za = za, .file = name, .diag = diag, .cb = cb, .ctx = ctx, .fast = !(o && o->expat_only),
            .threads = o ? o->threads : 0,
            .prescan_limit = o && o->prescan_limit ? o->prescan_limit - 1 : XL_PRESCAN_LIMIT};
    aud_err e = read_archive(&x, o ? o->sheet : NULL, sheet_used);
    report_stats(&x, o);
    xl_free(&x);
    return e;
}

aud_err aud_xlsx_read(const char *path, const aud_xlsx_opts *o, aud_row_cb cb, void *ctx,
                      char **sheet_used, aud_diag *diag)
{
    if (sheet_used) *sheet_used = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        int err = errno;
        return aud_diag_set(diag, AUD_E_IO, path, 0, "cannot open the file: %s", strerror(err));
    }
    unsigned char head[8] = {0};
    size_t got = fread(head, 1, sizeof head, f);
    if (got == 8 && memcmp(head, ole_magic, 8) == 0) {
        aud_err e = ole_check_file(f, path, diag);
        fclose(f);
        return e;
    }
    fclose(f);
    int code = 0;
    errno = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!za) return zip_fail(diag, path, code);
    xl x = {.za = za, .file = path, .diag = diag, .cb = cb, .ctx = ctx, .fast = !(o && o->expat_only),
            .threads = o ? o->threads : 0,
            .prescan_limit = o && o->prescan_limit ? o->prescan_limit - 1 : XL_PRESCAN_LIMIT};
    aud_err e = read_archive(&x, o ? o->sheet : NULL, sheet_used);
    report_stats(&x, o);
    xl_free(&x);
    return e;
}

bool aud_xlsx_sniff(const unsigned char *head, size_t n)
{
    return n >= 4 && memcmp(head, "PK\3\4", 4) == 0;
}
