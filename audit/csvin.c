/* csvin.c - streaming CSV reader on libcsv with our own line tracking.
 *
 * libcsv gives no positions, so a small scanner walks the decoded bytes with
 * the same quote state as the parser and hands libcsv one record at a time
 * (up to the newline that ends it outside quotes): when libcsv reports the
 * end of a row we therefore know the physical line where that record began.
 */
#include "csvin.h"

#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sha256.h"

#define RAW_BLOCK (1u << 20)
#define PROGRESS_MIN (50ull * 1000 * 1000)
#define PROGRESS_STEP (16ull << 20)

typedef struct reader {
    aud_row_cb cb;
    void *ctx;
    const char *name;
    aud_diag *diag;
    aud_err err;
    struct csv_parser p;
    bool p_live;
    char delim;
    /* scanner */
    uint64_t line;          /* physical line at the scan position */
    uint64_t rec_line;      /* where the current record started */
    uint64_t quote_line;    /* where the last quoted section opened */
    bool in_rec, rec_nonblank, in_quote, after_cr, skipping;
    /* cells of the current row */
    char *buf;
    size_t blen, bcap;
    size_t *offs, *lens;
    const char **ptrs;
    size_t ncells, ccap;
    bool too_long;
    uint64_t blank_lines;
    bool libcsv_only;       /* no quote-free fast path (tests compare both) */
    struct pipe *pipe;      /* pipelined: rows go to blocks, not to cb */
    uint64_t bytes_read;    /* raw bytes read so far (for progress in blocks) */
} reader;

static aud_err pipe_put(reader *r);

static _Thread_local bool refused;   /* set by the realloc hook of this thread's parser */

static void *capped_realloc(void *ptr, size_t n)
{
    if (n > AUD_CSV_FIELD_MAX + 1024) { refused = true; return NULL; }
    return realloc(ptr, n);
}

const char *aud_csv_delim_name(char c)
{
    switch (c) {
    case ',': return ",";
    case ';': return ";";
    case '\t': return "TAB";
    case '|': return "|";
    default: return "?";
    }
}

/* ---- delimiter sniffing ------------------------------------------------ */

char aud_csv_sniff(const char *s, size_t n)
{
    static const char cand[4] = {';', ',', '\t', '|'};
    size_t counts[20][4];
    size_t nl = 0, cur[4] = {0, 0, 0, 0};
    bool q = false, nonblank = false;
    for (size_t i = 0; i < n && nl < 20; i++) {
        char c = s[i];
        if (c == '"') q = !q;
        if (q) continue;
        if (c == '\n' || c == '\r') {
            if (nonblank) { memcpy(counts[nl++], cur, sizeof cur); }
            memset(cur, 0, sizeof cur);
            nonblank = false;
            continue;
        }
        if (c != ' ') nonblank = true;
        for (int k = 0; k < 4; k++) if (c == cand[k]) cur[k]++;
    }
    if (nonblank && nl < 20) memcpy(counts[nl++], cur, sizeof cur);
    if (nl == 0) return ',';
    /* The delimiter splits the header and keeps the same count on the
     * following lines; decimal commas make ',' counts vary. */
    int best = -1;
    size_t best_cons = 0, best_hdr = 0;
    for (int k = 0; k < 4; k++) {
        size_t hdr = counts[0][k], cons = 0;
        if (hdr == 0) continue;
        for (size_t l = 1; l < nl; l++) if (counts[l][k] == hdr) cons++;
        if (best < 0 || cons > best_cons || (cons == best_cons && hdr > best_hdr)) {
            best = k; best_cons = cons; best_hdr = hdr;
        }
    }
    return best < 0 ? ',' : cand[best];
}

/* ---- libcsv callbacks -------------------------------------------------- */

static int grow_cells(reader *r)
{
    size_t nc = r->ccap ? r->ccap * 2 : 64;
    size_t *no = realloc(r->offs, nc * sizeof *no);
    if (!no) return 0;
    r->offs = no;
    size_t *nlens = realloc(r->lens, nc * sizeof *nlens);
    if (!nlens) return 0;
    r->lens = nlens;
    const char **np = realloc((void *)r->ptrs, nc * sizeof *np);
    if (!np) return 0;
    r->ptrs = np;
    r->ccap = nc;
    return 1;
}

static void on_field(void *s, size_t len, void *vr)
{
    reader *r = vr;
    if (r->err) return;
    if (len > AUD_CSV_FIELD_MAX) { r->too_long = true; len = 0; }
    if (r->ncells == r->ccap && !grow_cells(r)) { r->err = AUD_E_NOMEM; return; }
    if (r->blen + len + 1 > r->bcap) {
        size_t nc = r->bcap ? r->bcap : 4096;
        while (nc < r->blen + len + 1) nc *= 2;
        char *nb = realloc(r->buf, nc);
        if (!nb) { r->err = AUD_E_NOMEM; return; }
        r->buf = nb;
        r->bcap = nc;
    }
    if (len) memcpy(r->buf + r->blen, s, len);
    r->buf[r->blen + len] = '\0';
    r->offs[r->ncells] = r->blen;
    r->lens[r->ncells++] = len;
    r->blen += len + 1;
}

static void deliver(reader *r)
{
    bool empty = !r->too_long;
    for (size_t i = 0; i < r->ncells && empty; i++) if (r->lens[i]) empty = false;
    if (empty) {
        r->blank_lines++;   /* ";;;" rows: Excel pads exports with them */
    } else if (!r->err && r->pipe) {
        aud_err e = pipe_put(r);
        if (e) r->err = e;
    } else if (!r->err) {
        for (size_t i = 0; i < r->ncells; i++) r->ptrs[i] = r->buf + r->offs[i];
        aud_row row = {.cells = r->ptrs, .lens = r->lens, .ncells = r->too_long ? 0 : r->ncells,
                       .line = r->rec_line, .too_long = r->too_long};
        aud_err e = r->cb(r->ctx, &row);
        if (e) r->err = e;
    }
    r->ncells = 0;
    r->blen = 0;
    r->too_long = false;
}

static void on_row(int term, void *vr)
{
    (void)term;
    reader *r = vr;
    if (r->err) return;
    deliver(r);
}

/* ---- parser lifecycle -------------------------------------------------- */

static aud_err parser_start(reader *r)
{
    if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) return AUD_E_NOMEM;
    csv_set_delim(&r->p, (unsigned char)r->delim);
    csv_set_realloc_func(&r->p, capped_realloc);
    csv_set_blk_size(&r->p, 1024);
    r->p_live = true;
    return AUD_OK;
}

static void parser_stop(reader *r)
{
    if (r->p_live) csv_free(&r->p);
    r->p_live = false;
}

static aud_err fail_quote(reader *r)
{
    aud_diag_set(r->diag, AUD_E_CSV, r->name, r->quote_line,
                 "broken CSV quoting: a quoted field opened on this line is not closed properly");
    aud_diag_set_hint(r->diag, "check the quotes on that line (a quote inside a value must be doubled: \"\")");
    return AUD_E_CSV;
}

/* Feed s[0..n) (part of one record) to libcsv. */
static aud_err feed(reader *r, const char *s, size_t n)
{
    if (r->skipping || n == 0) return AUD_OK;
    refused = false;
    size_t used = csv_parse(&r->p, s, n, on_field, on_row, r);
    if (r->err) return r->err;
    if (used == n) return AUD_OK;
    int ec = csv_error(&r->p);
    if (ec == CSV_ENOMEM && refused) {
        /* a field beyond the cap: drop the rest of this record */
        parser_stop(r);
        AUD_TRY(parser_start(r));
        r->skipping = true;
        r->too_long = true;
        return AUD_OK;
    }
    if (ec == CSV_ENOMEM) return aud_diag_set(r->diag, AUD_E_NOMEM, r->name, r->rec_line, "out of memory");
    return fail_quote(r);
}

static aud_err end_record(reader *r)
{
    if (r->skipping) {
        r->skipping = false;
        r->ncells = 0;
        r->blen = 0;
        r->too_long = true;
        deliver(r);
        return r->err;
    }
    if (!r->rec_nonblank) r->blank_lines++;
    return AUD_OK;
}

/* ---- quote-free records -------------------------------------------------
 * Nearly every record of an HR extract has no quote at all. For those,
 * libcsv's strict parse is exactly: split at the delimiter, drop spaces and
 * tabs around each field (tab only when it is not the delimiter), no row for
 * a record of blanks only. Doing that here skips libcsv's byte-by-byte state
 * machine and its copy; any record with a quote, a record cut by the end of
 * the decoded block, or a field that could reach the cap goes to libcsv as
 * before (tests/unit/test_csvin.c and fuzz_csvfast compare the two paths). */

/* The first delimiter in s[i..len), or len: eight bytes per step (a byte
 * equal to d becomes zero after the xor; the lowest flagged byte is it). */
static size_t find_delim(const char *s, size_t i, size_t len, char d)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const uint64_t pat = ones * (unsigned char)d;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        w ^= pat;
        uint64_t z = (w - ones) & ~w & highs;
        if (z) return i + (size_t)(__builtin_ctzll(z) >> 3);
    }
    while (i < len && s[i] != d) i++;
    return i;
}

static bool blank_in(char c, char delim)
{
    return c == ' ' || (c == '\t' && delim != '\t');
}

/* The field starting at s[f0] of a quote-free record s[0..len): its
 * trimmed extent [*lo, *hi) and the position of the delimiter ending it
 * (len for the last field). */
static size_t next_field(const char *s, size_t f0, size_t len, char d, size_t *lo, size_t *hi)
{
    size_t e = find_delim(s, f0, len, d);
    size_t l = f0, h = e;
    while (l < h && blank_in(s[l], d)) l++;
    while (h > l && blank_in(s[h - 1], d)) h--;
    *lo = l;
    *hi = h;
    return e;
}

/* The record starting at s[0]: its length (to the line end, excluded) when
 * it is quote-free and ends in s[0..n) before the field cap, else SIZE_MAX. */
static size_t fast_extent(const char *s, size_t n)
{
    size_t lim = n < AUD_CSV_FIELD_MAX ? n : AUD_CSV_FIELD_MAX;
    const char *nl = memchr(s, '\n', lim);
    size_t e = nl ? (size_t)(nl - s) : lim;
    const char *cr = memchr(s, '\r', e);
    if (cr) e = (size_t)(cr - s);
    else if (!nl) return SIZE_MAX;
    return memchr(s, '"', e) ? SIZE_MAX : e;
}

static aud_err fast_to_block(reader *r, const char *s, size_t len);

/* Split s[0..len) (quote-free, no line end) as libcsv would; false when
 * the record is blanks only (no row: the scanner counts a blank line). */
static bool fast_split(reader *r, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && blank_in(s[i], r->delim)) i++;
    if (i == len) return false;
    if (r->pipe) {
        aud_err e = fast_to_block(r, s, len);
        if (e) r->err = e;
        return true;
    }
    for (size_t b = 0;;) {
        size_t lo, hi, e = next_field(s, b, len, r->delim, &lo, &hi);
        on_field((void *)(uintptr_t)(s + lo), hi - lo, r);
        if (e == len) break;
        b = e + 1;
    }
    deliver(r);
    return true;
}

/* ---- scanner ------------------------------------------------------------ */

static aud_err scan(reader *r, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        /* inside a record only quotes and line ends matter: skip the rest */
        if (r->in_quote) {
            while (i < n && s[i] != '"' && s[i] != '\n') i++;
        } else if (r->in_rec && r->rec_nonblank) {
            while (i < n && s[i] != '"' && s[i] != '\n' && s[i] != '\r') i++;
        }
        if (i == n) break;
        char c = s[i];
        if (!r->in_rec) {
            if (c == '\n' && r->after_cr) { r->after_cr = false; start = i + 1; continue; }
            size_t len = r->libcsv_only ? SIZE_MAX : fast_extent(s + i, n - i);
            if (len != SIZE_MAX) {
                r->rec_line = r->line;
                if (!fast_split(r, s + i, len)) r->blank_lines++;
                if (r->err) return r->err;
                i += len;
                r->line++;
                r->after_cr = s[i] == '\r';
                start = i + 1;
                continue;
            }
            r->in_rec = true;
            r->rec_nonblank = false;
            r->rec_line = r->line;
        }
        r->after_cr = false;
        if (c == '"') {
            r->in_quote = !r->in_quote;
            if (r->in_quote) r->quote_line = r->line;
            r->rec_nonblank = true;
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (r->in_quote) { if (c == '\n') r->line++; continue; }
            AUD_TRY(feed(r, s + start, i + 1 - start));
            start = i + 1;
            AUD_TRY(end_record(r));
            r->line++;
            r->in_rec = false;
            r->after_cr = c == '\r';
            continue;
        }
        if (c != ' ' && (c != '\t' || r->delim == '\t')) r->rec_nonblank = true;
    }
    return feed(r, s + start, n - start);
}

static aud_err finish(reader *r)
{
    if (r->in_quote) return fail_quote(r);
    if (r->skipping) return end_record(r);
    if (csv_fini(&r->p, on_field, on_row, r) != 0) return r->err ? r->err : fail_quote(r);
    if (r->err) return r->err;
    if (r->in_rec && !r->rec_nonblank) r->blank_lines++;
    return AUD_OK;
}

/* ---- decoding loop ------------------------------------------------------ */

static aud_err decode_error(reader *r, aud_dec_status st, aud_enc enc, uint64_t off)
{
    const char *name = aud_enc_name(enc);
    if (st == AUD_DEC_NUL)
        aud_diag_set(r->diag, AUD_E_ENCODING, r->name, r->line, "binary or corrupt file (NUL byte)");
    else if (st == AUD_DEC_NO_BOM)
        aud_diag_set(r->diag, AUD_E_ENCODING, r->name, r->line, "UTF-16 text without a byte-order mark");
    else if (st == AUD_DEC_TRUNCATED)
        aud_diag_set(r->diag, AUD_E_ENCODING, r->name, r->line, "the file ends inside a character (truncated or odd-length %s)", name);
    else
        aud_diag_set(r->diag, AUD_E_ENCODING, r->name, r->line, "invalid byte sequence for %s", name);
    aud_diag_set_offset(r->diag, off);
    if (st == AUD_DEC_NUL) aud_diag_set_hint(r->diag, "give a CSV, TSV or .xlsx file; re-export it if it is damaged");
    else aud_diag_set_hint(r->diag, "re-export the file as UTF-8, or force the encoding with --encoding utf-8|utf-16|cp1252|cp1256");
    return AUD_E_ENCODING;
}

typedef struct stream {
    FILE *f;
    unsigned char *raw;
    size_t rlen, cap;        /* raw holds cap bytes */
    char *out;
    bool eof;
    uint64_t off;            /* absolute offset of raw[0] */
    aud_sha256 sha;          /* of every raw byte read (provenance) */
} stream;

static aud_err fill(stream *st, reader *r, aud_csv_info *info)
{
    while (!st->eof && st->rlen < st->cap) {
        size_t got = fread(st->raw + st->rlen, 1, st->cap - st->rlen, st->f);
        aud_sha256_update(&st->sha, st->raw + st->rlen, got);
        st->rlen += got;
        info->bytes += got;
        r->bytes_read = info->bytes;
        if (got == 0) {
            if (ferror(st->f)) return aud_diag_set(r->diag, AUD_E_IO, r->name, 0, "read error");
            st->eof = true;
        }
    }
    return AUD_OK;
}

/* A NUL in the first block of a non-UTF-16 file: say "binary" before the
 * header of a binary file is mistaken for a badly named column. */
static aud_err refuse_binary(stream *st, reader *r, aud_enc enc)
{
    if (enc == AUD_ENC_UTF16LE || enc == AUD_ENC_UTF16BE) return AUD_OK;
    const unsigned char *z = memchr(st->raw, 0, st->rlen);
    if (!z) return AUD_OK;
    for (const unsigned char *p = st->raw; (p = memchr(p, '\n', (size_t)(z - p))) != NULL; p++) r->line++;
    return decode_error(r, AUD_DEC_NUL, enc, (uint64_t)(z - st->raw));
}

static aud_err run(stream *st, reader *r, const aud_csv_opts *o, uint64_t total, aud_csv_info *info)
{
    AUD_TRY(fill(st, r, info));
    size_t bom = 0;
    aud_dec_status ds = aud_enc_detect(st->raw, st->rlen, st->eof, o ? o->encoding : NULL, &info->enc, &bom);
    if (ds != AUD_DEC_OK) return decode_error(r, ds, info->enc, 0);
    AUD_TRY(refuse_binary(st, r, info->enc));
    size_t pos = bom;
    bool first = true;
    uint64_t next_progress = PROGRESS_STEP;
    for (;;) {
        size_t outlen, used;
        ds = aud_enc_decode(info->enc, st->raw + pos, st->rlen - pos, st->eof, st->out, &outlen, &used);
        if (first) {
            r->delim = (o && o->delimiter) ? o->delimiter : aud_csv_sniff(st->out, outlen);
            info->delimiter = r->delim;
            AUD_TRY(parser_start(r));
            first = false;
        }
        AUD_TRY(scan(r, st->out, outlen));
        if (ds != AUD_DEC_OK) return decode_error(r, ds, info->enc, st->off + pos + used);
        pos += used;
        if (st->eof && pos >= st->rlen) break;
        memmove(st->raw, st->raw + pos, st->rlen - pos);   /* carry a split character */
        st->off += pos;
        st->rlen -= pos;
        pos = 0;
        AUD_TRY(fill(st, r, info));
        if (!r->pipe && o && o->progress && total > PROGRESS_MIN && info->bytes >= next_progress) {
            o->progress(o->progress_ctx, info->bytes, total);
            next_progress = info->bytes + PROGRESS_STEP;
        }
    }
    AUD_TRY(finish(r));
    aud_sha256_hex(&st->sha, info->sha256);
    if (!r->pipe && o && o->progress && total > PROGRESS_MIN) o->progress(o->progress_ctx, total, total);
    return AUD_OK;
}

/* A file that fstat says is smaller than a block is read into a buffer one
 * byte larger than the file (so the first fill also sees its end, as with a
 * full block), never under RAW_MIN (so a character cut by the buffer's end
 * always fits beside the next read). If the size was wrong, the small
 * buffer is simply filled more than once. Small files so no longer pay for
 * two megabytes of buffers they never touch. */
#define RAW_MIN 4096u

static size_t raw_cap(uint64_t total)
{
    if (total == 0 || total >= RAW_BLOCK - 1) return RAW_BLOCK;
    return total + 1 > RAW_MIN ? (size_t)total + 1 : RAW_MIN;
}

/* Decode, split and parse the whole stream: rows go to r->cb, or to blocks
 * when r->pipe is set. */
static aud_err read_all(FILE *f, reader *r, uint64_t total, const aud_csv_opts *o, aud_csv_info *info)
{
    stream st = {.f = f, .cap = raw_cap(total)};
    aud_sha256_init(&st.sha);
    st.raw = malloc(st.cap);
    st.out = malloc(aud_enc_out_cap(st.cap));
    aud_err e = (st.raw && st.out) ? run(&st, r, o, total, info)
                                   : aud_diag_set(r->diag, AUD_E_NOMEM, r->name, 0, "out of memory");
    parser_stop(r);
    info->blank_lines = r->blank_lines;
    info->lines = r->line;
    free(st.raw);
    free(st.out);
    free(r->buf);
    free(r->offs);
    free(r->lens);
    free((void *)r->ptrs);
    return e;
}

static aud_err read_piped(FILE *f, reader *r, uint64_t total, const aud_csv_opts *o, aud_csv_info *info);

aud_err aud_csv_read_stream(FILE *f, const char *name, uint64_t total, const aud_csv_opts *o,
                            aud_row_cb cb, void *ctx, aud_csv_info *info, aud_diag *diag)
{
    memset(info, 0, sizeof *info);
    reader r = {.cb = cb, .ctx = ctx, .name = name, .diag = diag, .line = 1, .quote_line = 1,
                .libcsv_only = o && o->libcsv_only};
    int threads = o ? o->threads : 0;
    bool piped = threads == 2 || (threads == 0 && total >= AUD_CSV_PIPE_MIN);
    aud_err e = piped ? read_piped(f, &r, total, o, info) : read_all(f, &r, total, o, info);
    if (e == AUD_E_NOMEM && diag && !diag->message[0]) aud_diag_set(diag, AUD_E_NOMEM, name, 0, "out of memory");
    return e;
}

aud_err aud_csv_read(const char *path, const aud_csv_opts *o, aud_row_cb cb, void *ctx,
                     aud_csv_info *info, aud_diag *diag)
{
    memset(info, 0, sizeof *info);
    FILE *f = fopen(path, "rb");
    if (!f && errno == ENOMEM) return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory");
    if (!f) return aud_diag_set(diag, AUD_E_IO, path, 0, "cannot open the file: %s", strerror(errno));
    struct stat sb;
    uint64_t total = fstat(fileno(f), &sb) == 0 ? (uint64_t)sb.st_size : 0;
    aud_err e = aud_csv_read_stream(f, path, total, o, cb, ctx, info, diag);
    fclose(f);
    return e;
}

aud_err aud_csv_read_mem(const void *buf, size_t n, const char *name, const aud_csv_opts *o,
                         aud_row_cb cb, void *ctx, aud_csv_info *info, aud_diag *diag)
{
    static const char empty[1] = "";
    FILE *f = fmemopen(n ? (void *)buf : (void *)empty, n ? n : 1, "rb");
    if (!f) return aud_diag_set(diag, AUD_E_NOMEM, name, 0, "out of memory");
    if (!n) { fclose(f); f = NULL; }
    aud_err e;
    if (f) {
        e = aud_csv_read_stream(f, name, n, o, cb, ctx, info, diag);
        fclose(f);
    } else {
        FILE *g = fopen("/dev/null", "rb");
        if (!g) return aud_diag_set(diag, AUD_E_IO, name, 0, "cannot open /dev/null");
        e = aud_csv_read_stream(g, name, 0, o, cb, ctx, info, diag);
        fclose(g);
    }
    return e;
}

/* ---- two-thread pipeline ---------------------------------------------------
 * One thread decodes, splits and parses (the loop above) and packs rows into
 * blocks; the calling thread hands them to the callback in the same order,
 * so rows, line numbers, findings and errors are exactly those of one thread.
 * A callback error stops the parsing thread; a parsing error is reported only
 * after every row before it was delivered, as it would have been. */

#define PIPE_SLOTS 4
#define BLOCK_ROWS 1024
#define BLOCK_BYTES (256u << 10)

typedef struct rblock {
    char *buf;
    size_t blen, bcap;
    size_t *offs, *lens;         /* every cell of the block */
    size_t ncells, ccap;
    size_t *cell0, *nc;          /* per row: first cell, cell count */
    uint64_t *line;
    bool *too_long;
    size_t nrows, rcap;
    uint64_t bytes;              /* raw bytes read when the block was closed */
    const char **ptrs;           /* every cell's address, set when published */
    size_t pcap;
    unsigned char *prep;         /* per row: aud_row_prep output, when prepped */
    size_t prep_cap;
    bool prepped;
} rblock;

typedef struct pipe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    rblock blk[PIPE_SLOTS];
    uint64_t produced, consumed;
    bool done, stop;
    rblock *cur;                 /* block being filled by the parsing thread */
    aud_err perr;
    aud_diag pdiag;
    reader *r;
    FILE *f;
    uint64_t total;
    const aud_csv_opts *o;
    aud_csv_info *info;
} pipe_t;

static bool reserve(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return true;
    size_t nc = *cap ? *cap : 256;
    while (nc < need) nc *= 2;
    void *np = realloc(*p, nc * elem);
    if (!np) return false;
    *p = np;
    *cap = nc;
    return true;
}

static bool block_room(rblock *b, size_t bytes, size_t cells)
{
    size_t rc = b->rcap, cc = b->ccap;
    bool ok = reserve((void **)&b->buf, &b->bcap, b->blen + bytes, 1);
    ok = ok && reserve((void **)&b->offs, &cc, b->ncells + cells, sizeof *b->offs);
    cc = b->ccap;
    ok = ok && reserve((void **)&b->lens, &cc, b->ncells + cells, sizeof *b->lens);
    if (ok) b->ccap = cc;
    ok = ok && reserve((void **)&b->cell0, &rc, b->nrows + 1, sizeof *b->cell0);
    rc = b->rcap;
    ok = ok && reserve((void **)&b->nc, &rc, b->nrows + 1, sizeof *b->nc);
    rc = b->rcap;
    ok = ok && reserve((void **)&b->line, &rc, b->nrows + 1, sizeof *b->line);
    rc = b->rcap;
    ok = ok && reserve((void **)&b->too_long, &rc, b->nrows + 1, sizeof *b->too_long);
    if (ok) b->rcap = rc;
    return ok;
}

/* The block's cell addresses (its buffer is final now) and, once the
 * callback asked for it, each row's prepared data: both on this thread. */
static bool block_finish(rblock *b, aud_row_prep *prep, uint64_t backlog)
{
    if (!reserve((void **)&b->ptrs, &b->pcap, b->ncells + 1, sizeof *b->ptrs)) return false;
    for (size_t k = 0; k < b->ncells; k++) b->ptrs[k] = b->buf + b->offs[k];
    b->prepped = false;
    if (!prep || !atomic_load_explicit(&prep->ready, memory_order_acquire)) return true;
    /* the callback waits for rows: hand them over now, it parses them itself */
    if (prep->balance && backlog == 0) return true;
    if (!reserve((void **)&b->prep, &b->prep_cap, b->nrows * prep->size, 1)) return false;
    for (size_t i = 0; i < b->nrows; i++) {
        if (b->too_long[i]) continue;
        aud_row row = {.cells = b->ptrs + b->cell0[i], .lens = b->lens + b->cell0[i], .ncells = b->nc[i],
                       .line = b->line[i]};
        prep->fn(prep->ctx, &row, b->prep + i * prep->size);
    }
    b->prepped = true;
    return true;
}

/* Hand the block being filled to the calling thread. */
static aud_err pipe_publish(pipe_t *p, uint64_t bytes)
{
    pthread_mutex_lock(&p->mu);
    uint64_t backlog = p->produced - p->consumed;
    pthread_mutex_unlock(&p->mu);
    if (!block_finish(p->cur, p->o ? p->o->prep : NULL, backlog)) return AUD_E_NOMEM;
    p->cur->bytes = bytes;
    pthread_mutex_lock(&p->mu);
    p->produced++;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    p->cur = NULL;
    return AUD_OK;
}

/* The block being filled, waiting for a free slot if need be. */
static aud_err pipe_take(pipe_t *p)
{
    if (p->cur) return AUD_OK;
    pthread_mutex_lock(&p->mu);
    while (p->produced - p->consumed >= PIPE_SLOTS && !p->stop) pthread_cond_wait(&p->cv, &p->mu);
    bool stop = p->stop;
    pthread_mutex_unlock(&p->mu);
    if (stop) return AUD_E_INTERNAL;   /* the callback failed: its error is the one reported */
    p->cur = &p->blk[p->produced % PIPE_SLOTS];
    p->cur->blen = p->cur->ncells = p->cur->nrows = 0;
    return AUD_OK;
}

/* Close the row just added to the current block; publish a full block. */
static aud_err pipe_row_added(pipe_t *p, rblock *b, size_t cell0, uint64_t line, bool too_long, uint64_t bytes)
{
    b->cell0[b->nrows] = cell0;
    b->nc[b->nrows] = b->ncells - cell0;
    b->line[b->nrows] = line;
    b->too_long[b->nrows] = too_long;
    b->nrows++;
    if (b->nrows >= BLOCK_ROWS || b->blen >= BLOCK_BYTES) return pipe_publish(p, bytes);
    return AUD_OK;
}

/* A quote-free record split straight into the block (fast_split). The
 * block's fields are kept in locals: stores of bytes could alias them. */
static aud_err fast_to_block(reader *r, const char *s, size_t len)
{
    pipe_t *p = r->pipe;
    AUD_TRY(pipe_take(p));
    rblock *b = p->cur;
    if (!block_room(b, len + 1, len + 1)) return AUD_E_NOMEM;   /* fields + NULs, cells */
    char *buf = b->buf;
    size_t *offs = b->offs, *lens = b->lens;
    size_t blen = b->blen, nc = b->ncells;
    const size_t cell0 = nc;
    const char d = r->delim;
    bool any = false;
    for (size_t f0 = 0;;) {
        size_t lo, hi, e = next_field(s, f0, len, d, &lo, &hi);
        size_t n = hi - lo;
        memcpy(buf + blen, s + lo, n);
        buf[blen + n] = '\0';
        offs[nc] = blen;
        lens[nc++] = n;
        blen += n + 1;
        any |= n != 0;
        if (e == len) break;
        f0 = e + 1;
    }
    if (!any) {            /* ";;;": Excel pads exports with such rows */
        r->blank_lines++;
        return AUD_OK;
    }
    b->blen = blen;
    b->ncells = nc;
    return pipe_row_added(p, b, cell0, r->rec_line, false, r->bytes_read);
}

static aud_err pipe_put(reader *r)
{
    pipe_t *p = r->pipe;
    AUD_TRY(pipe_take(p));
    rblock *b = p->cur;
    size_t n = r->too_long ? 0 : r->ncells;
    if (!block_room(b, r->blen, n)) return AUD_E_NOMEM;
    size_t cell0 = b->ncells;
    if (r->blen) memcpy(b->buf + b->blen, r->buf, r->blen);
    for (size_t i = 0; i < n; i++) {
        b->offs[b->ncells] = b->blen + r->offs[i];
        b->lens[b->ncells++] = r->lens[i];
    }
    b->blen += r->blen;
    return pipe_row_added(p, b, cell0, r->rec_line, r->too_long, r->bytes_read);
}

static void *pipe_parse(void *arg)
{
    pipe_t *p = arg;
    aud_err e = read_all(p->f, p->r, p->total, p->o, p->info);
    if (p->cur && p->cur->nrows) {
        aud_err pe = pipe_publish(p, p->info->bytes);
        if (!e) e = pe;
    }
    pthread_mutex_lock(&p->mu);
    p->perr = e;
    p->done = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

#define PREP_AHEAD 8      /* rows: about the time a cache miss takes */

/* Deliver the rows of one block; the callback's error, if any. */
static aud_err pipe_deliver(const rblock *b, reader *r, size_t prep_size)
{
    for (size_t i = 0; i < b->nrows; i++) {
        size_t a = i + PREP_AHEAD;
        aud_row row = {.cells = b->ptrs + b->cell0[i], .lens = b->lens + b->cell0[i], .ncells = b->nc[i],
                       .line = b->line[i], .too_long = b->too_long[i],
                       .prep = b->prepped && !b->too_long[i] ? b->prep + i * prep_size : NULL,
                       .prep_ahead = b->prepped && a < b->nrows && !b->too_long[a] ? b->prep + a * prep_size : NULL};
        aud_err e = r->cb(r->ctx, &row);
        if (e) return e;
    }
    return AUD_OK;
}

static aud_err pipe_consume(pipe_t *p, reader *r, const aud_csv_opts *o, uint64_t total)
{
    uint64_t next_progress = PROGRESS_STEP;
    aud_err e = AUD_OK;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->consumed == p->produced && !p->done) pthread_cond_wait(&p->cv, &p->mu);
        bool empty = p->consumed == p->produced;
        pthread_mutex_unlock(&p->mu);
        if (empty) break;
        const rblock *b = &p->blk[p->consumed % PIPE_SLOTS];
        e = pipe_deliver(b, r, o && o->prep ? o->prep->size : 0);
        if (!e && o && o->progress && total > PROGRESS_MIN && b->bytes >= next_progress) {
            o->progress(o->progress_ctx, b->bytes, total);
            next_progress = b->bytes + PROGRESS_STEP;
        }
        pthread_mutex_lock(&p->mu);
        p->consumed++;
        if (e) p->stop = true;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        if (e) break;
    }
    return e;
}

static void pipe_free(pipe_t *p)
{
    for (int i = 0; i < PIPE_SLOTS; i++) {
        rblock *b = &p->blk[i];
        free(b->buf); free(b->offs); free(b->lens); free(b->cell0); free(b->nc); free(b->line); free(b->too_long);
        free((void *)b->ptrs); free(b->prep);
    }
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
}

static aud_err read_piped(FILE *f, reader *r, uint64_t total, const aud_csv_opts *o, aud_csv_info *info)
{
    pipe_t *p = calloc(1, sizeof *p);
    if (!p) return read_all(f, r, total, o, info);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    aud_diag *user_diag = r->diag;
    aud_diag_clear(&p->pdiag);
    r->diag = &p->pdiag;
    r->pipe = p;
    p->r = r; p->f = f; p->total = total; p->o = o; p->info = info;
    pthread_t th;
    if (pthread_create(&th, NULL, pipe_parse, p) != 0) {
        r->diag = user_diag;
        r->pipe = NULL;
        pipe_free(p);
        free(p);
        return read_all(f, r, total, o, info);
    }
    aud_err e = pipe_consume(p, r, o, total);
    pthread_join(th, NULL);
    if (!e && p->perr) {
        e = p->perr;
        if (user_diag) *user_diag = p->pdiag;
    }
    if (!e && o && o->progress && total > PROGRESS_MIN) o->progress(o->progress_ctx, total, total);
    r->diag = user_diag;
    pipe_free(p);
    free(p);
    return e;
}
