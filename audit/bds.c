/* bds.c - CNSS DAMANCOM BDS reader and join (morocco.md §2.1, EXTRACT.md
 * "CNSS BDS join").
 *
 * Records are fixed-width 260-character lines (CRLF or LF; a line cut short
 * by a tool that strips trailing blanks is padded back, since only filler
 * follows the last field). Each line is one row of the input: accepted, or
 * rejected as `bds_bad_record` when its type is unknown, its length is wrong
 * or a numeric field is not numeric.
 *
 * Checks: every B02/B04 control sum S_Ctr, and the B03 (B02), B05 (B04), B06
 * (B02 + B04) and A03 (A02) totals. The cahier's B03 order of T_Num_Imma and
 * T_AF_A_Reverser differs between implementations: either order is accepted.
 *
 * Join: B02/B04 numbers are matched to workforce rows on cnss_number. The
 * real salary N_Salaire_Reel (never the capped N_Salaire_Plaf) fills base_pay
 * and days / 26 fills fte where the extract lacks them (fte only when it has
 * no monthly_hours either, which would give fte otherwise); where present
 * they are cross-checked: more than 1 % apart is a warning (pay is compared
 * with base_pay and with base_pay + allowances, since the declared gross
 * includes allowances). A record with a situation code (leave, sickness,
 * exit...) describes an unusual month: it neither fills nor checks anything;
 * only the number of such records is reported, never which. SO records and
 * B04 entrants are counted as exits and hires by the sex of the matched row.
 */
#include "bds.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"

#define BDS_WIDTH 260

typedef struct bds_sum {
    uint64_t count, enfants, af_payer, af_deduire, af_net, imma, af_reverser, jours, reel, plaf, ctr;
} bds_sum;

typedef struct bds_state {
    aud_dataset *d;
    uint32_t input;
    const char *path;
    size_t *row_of;          /* id in d->ids -> workforce row + 1 (cnss column only) */
    size_t nrow_of;
    uint8_t *matched;        /* per workforce row */
    bds_sum b02, b04, a02;
    bool seen_b03, seen_b05, seen_b06, seen_a03;
    uint64_t situation_records, unknown_situation, complementary, unjoinable;
    uint64_t rows_read, accepted, rejected, blank;
    char rec[BDS_WIDTH + 1]; /* current record, blank-padded */
} bds_state;

/* ---- field access ------------------------------------------------------- */

/* Unsigned number in 1-based columns pos..pos+len-1: blanks around digits are
 * allowed, an all-blank field is 0. false when anything else is there. */
static bool num(const bds_state *s, unsigned pos, unsigned len, uint64_t *out)
{
    const char *p = s->rec + pos - 1, *e = p + len;
    while (p < e && *p == ' ') p++;
    uint64_t v = 0;
    while (p < e && *p >= '0' && *p <= '9') {
        v = v * 10 + (uint64_t)(*p - '0');   /* at most 19 digits: no overflow */
        p++;
    }
    while (p < e && *p == ' ') p++;
    *out = v;
    return p == e;
}

static bool all_digits(const char *p, unsigned len)
{
    for (unsigned i = 0; i < len; i++)
        if (p[i] < '0' || p[i] > '9') return false;
    return true;
}

static aud_err finding(bds_state *s, uint64_t line, const char *column, const char *raw,
                       const char *code, aud_severity sev)
{
    return aud_dataset_finding(s->d, s->input, line, column, raw, code, sev);
}

/* Rank of a situation code in the control sum; 0 blank, -1 unknown. */
static int situation_rank(const char *c)
{
    static const char *const codes[] = {"SO", "DE", "IT", "IL", "AT", "CS", "MS", "MP"};
    if (c[0] == ' ' && c[1] == ' ') return 0;
    for (int i = 0; i < 8; i++)
        if (c[0] == codes[i][0] && c[1] == codes[i][1]) return i + 1;
    return -1;
}

/* ---- join --------------------------------------------------------------- */

static bool differs(double a, double ref)
{
    if (ref == 0) return a != 0;
    return fabs(a - ref) > 0.01 * fabs(ref);
}

static void count_sex(uint8_t sex, uint64_t *women, uint64_t *men)
{
    if (sex == AUD_SEX_F) (*women)++;
    else if (sex == AUD_SEX_M) (*men)++;
}

static aud_err fill_or_check(bds_state *s, uint64_t line, size_t row, uint64_t days, uint64_t reel)
{
    aud_workforce *w = &s->d->wf;
    double pay = (double)reel / 100.0;
    if (AUD_IS_NA(w->base_pay[row])) {
        w->base_pay[row] = pay;
        s->d->has_field[AUD_F_BASE_PAY] = true;
    } else {
        double allow = AUD_IS_NA(w->allowances[row]) ? 0.0 : w->allowances[row];
        if (differs(pay, w->base_pay[row]) && differs(pay, w->base_pay[row] + allow)) {
            char raw[96];
            snprintf(raw, sizeof raw, "BDS %.2f, extract %.2f", pay, w->base_pay[row] + allow);
            AUD_TRY(finding(s, line, "N_Salaire_Reel", raw, "bds_pay_mismatch", AUD_SEV_WARNING));
        }
    }
    if (days == 0 || days > 26) return AUD_OK;
    double fte = (double)days / 26.0;
    if (AUD_IS_NA(w->fte[row])) {
        if (!AUD_IS_NA(w->monthly_hours[row])) return AUD_OK;
        w->fte[row] = fte;
        s->d->has_field[AUD_F_FTE] = true;
    } else if (differs(fte, w->fte[row])) {
        char raw[64];
        snprintf(raw, sizeof raw, "BDS %.4f, extract %.4f", fte, w->fte[row]);
        AUD_TRY(finding(s, line, "N_Jours_Declares", raw, "bds_fte_mismatch", AUD_SEV_WARNING));
    }
    return AUD_OK;
}

/* One insured person's month: match on the number, count movements, fill or
 * cross-check. `sit` is the situation rank (0 normal, 1 SO, ..., -1 unknown). */
static aud_err join(bds_state *s, uint64_t line, const char *cnss, uint64_t days, uint64_t reel,
                    int sit, bool entrant)
{
    if (memcmp(cnss, "000000000", 9) == 0 || memcmp(cnss, "999999999", 9) == 0) {
        s->unjoinable++;    /* no number yet / casual labour: nothing to join on */
        return AUD_OK;
    }
    uint32_t id = aud_strtab_find(s->d->ids, cnss, 9);
    size_t row = id < s->nrow_of ? s->row_of[id] : 0;
    if (!row)
        return finding(s, line, "N_Num_Assure", NULL, "bds_unmatched_record", AUD_SEV_WARNING);
    row--;
    if (s->matched[row])
        return finding(s, line, "N_Num_Assure", NULL, "bds_duplicate_record", AUD_SEV_WARNING);
    s->matched[row] = 1;
    aud_movements *mv = &s->d->moves;
    uint8_t sex = s->d->wf.sex[row];
    if (entrant) count_sex(sex, &mv->hires_women, &mv->hires_men);
    if (sit == 1) count_sex(sex, &mv->exits_women, &mv->exits_men);
    if (sit != 0) { s->situation_records++; return AUD_OK; }
    return fill_or_check(s, line, row, days, reel);
}

/* ---- records ------------------------------------------------------------ */

static aud_err bad(bds_state *s, uint64_t line, const char *why)
{
    s->rejected++;
    s->accepted--;           /* the caller counted the line as accepted */
    return finding(s, line, why, NULL, "bds_bad_record", AUD_SEV_REJECT);
}

static aud_err ctr_check(bds_state *s, uint64_t line, uint64_t want, uint64_t got)
{
    if (want == got) return AUD_OK;
    return finding(s, line, "S_Ctr", NULL, "bds_ctr_mismatch", AUD_SEV_WARNING);
}

static aud_err rec_b02(bds_state *s, uint64_t line)
{
    uint64_t enf, pay, ded, net, rev, jours, reel, plaf, ctr, imma;
    const char *r = s->rec;
    if (!all_digits(r + 16, 9)) return bad(s, line, "N_Num_Assure");
    if (!num(s, 17, 9, &imma) || !num(s, 86, 2, &enf) || !num(s, 88, 6, &pay) ||
        !num(s, 94, 6, &ded) || !num(s, 100, 6, &net) || !num(s, 106, 6, &rev) ||
        !num(s, 112, 2, &jours) || !num(s, 114, 13, &reel) || !num(s, 127, 9, &plaf) ||
        !num(s, 138, 19, &ctr))
        return bad(s, line, "B02");
    int sit = situation_rank(r + 135);
    if (sit < 0) s->unknown_situation++;
    else AUD_TRY(ctr_check(s, line, ctr, imma + rev + jours + reel + plaf + (uint64_t)sit));
    if (jours > 26) AUD_TRY(finding(s, line, "N_Jours_Declares", NULL, "bds_days_over_26", AUD_SEV_WARNING));
    bds_sum *t = &s->b02;
    t->count++; t->enfants += enf; t->af_payer += pay; t->af_deduire += ded; t->af_net += net;
    t->af_reverser += rev; t->imma += imma; t->jours += jours; t->reel += reel; t->plaf += plaf;
    t->ctr += ctr;
    return join(s, line, r + 16, jours, reel, sit, false);
}

static aud_err rec_b04(bds_state *s, uint64_t line)
{
    uint64_t imma, jours, reel, plaf, ctr;
    const char *r = s->rec;
    if (!all_digits(r + 16, 9)) return bad(s, line, "N_Num_Assure");
    if (!num(s, 17, 9, &imma) || !num(s, 94, 2, &jours) || !num(s, 96, 13, &reel) ||
        !num(s, 109, 9, &plaf) || !num(s, 118, 19, &ctr))
        return bad(s, line, "B04");
    AUD_TRY(ctr_check(s, line, ctr, imma + jours + reel + plaf));
    if (jours > 26) AUD_TRY(finding(s, line, "N_Nbr_Jours", NULL, "bds_days_over_26", AUD_SEV_WARNING));
    bds_sum *t = &s->b04;
    t->count++; t->imma += imma; t->jours += jours; t->reel += reel; t->plaf += plaf; t->ctr += ctr;
    return join(s, line, r + 16, jours, reel, 0, true);
}

static aud_err rec_a02(bds_state *s, uint64_t line)
{
    uint64_t imma, enf, pay, ded, net;
    if (!all_digits(s->rec + 16, 9)) return bad(s, line, "N_Num_Assure");
    if (!num(s, 17, 9, &imma) || !num(s, 86, 2, &enf) || !num(s, 88, 6, &pay) ||
        !num(s, 94, 6, &ded) || !num(s, 100, 6, &net))
        return bad(s, line, "A02");
    bds_sum *t = &s->a02;
    t->count++; t->imma += imma; t->enfants += enf; t->af_payer += pay; t->af_deduire += ded;
    t->af_net += net;
    return AUD_OK;
}

/* One declared total against the computed one. Totals that contain CNSS
 * numbers (T_Num_Imma, T_Ctr) would give a person's number away in a file of
 * one: they carry no raw value. */
static aud_err total(bds_state *s, uint64_t line, const char *field, uint64_t declared,
                     uint64_t computed, bool show)
{
    if (declared == computed) return AUD_OK;
    char raw[96];
    snprintf(raw, sizeof raw, "declared %llu, computed %llu", (unsigned long long)declared,
             (unsigned long long)computed);
    return finding(s, line, field, show ? raw : NULL, "bds_total_mismatch", AUD_SEV_WARNING);
}

static aud_err rec_b03(bds_state *s, uint64_t line)
{
    uint64_t v[11];
    static const unsigned pos[11] = {17, 23, 29, 41, 53, 65, 80, 92, 98, 113, 126};
    static const unsigned len[11] = {6, 6, 12, 12, 12, 15, 12, 6, 15, 13, 19};
    for (int i = 0; i < 11; i++)
        if (!num(s, pos[i], len[i], &v[i])) return bad(s, line, "B03");
    s->seen_b03 = true;
    const bds_sum *t = &s->b02;
    /* T_Num_Imma(15) then T_AF_A_Reverser(12), or the other order */
    uint64_t alt_rev, alt_imma;
    bool alt_ok = num(s, 65, 12, &alt_rev) && num(s, 77, 15, &alt_imma);
    bool std_ok = v[5] == t->imma && v[6] == t->af_reverser;
    bool swapped = !std_ok && alt_ok && alt_rev == t->af_reverser && alt_imma == t->imma;
    AUD_TRY(total(s, line, "Nbr_Salaries", v[0], t->count, true));
    AUD_TRY(total(s, line, "T_Enfants", v[1], t->enfants, true));
    AUD_TRY(total(s, line, "T_AF_A_Payer", v[2], t->af_payer, true));
    AUD_TRY(total(s, line, "T_AF_A_Deduire", v[3], t->af_deduire, true));
    AUD_TRY(total(s, line, "T_AF_Net_A_Payer", v[4], t->af_net, true));
    if (!swapped) {
        AUD_TRY(total(s, line, "T_Num_Imma", v[5], t->imma, false));
        AUD_TRY(total(s, line, "T_AF_A_Reverser", v[6], t->af_reverser, true));
    }
    AUD_TRY(total(s, line, "T_Jours", v[7], t->jours, true));
    AUD_TRY(total(s, line, "T_Salaire_Reel", v[8], t->reel, true));
    AUD_TRY(total(s, line, "T_Salaire_Plaf", v[9], t->plaf, true));
    return total(s, line, "T_Ctr", v[10], t->ctr, false);
}

/* B05 (totals of B04) and B06 (B02 + B04) share one layout. */
static aud_err rec_b05_b06(bds_state *s, uint64_t line, bool grand)
{
    uint64_t v[6];
    static const unsigned pos[6] = {17, 23, 38, 44, 59, 72};
    static const unsigned len[6] = {6, 15, 6, 15, 13, 19};
    for (int i = 0; i < 6; i++)
        if (!num(s, pos[i], len[i], &v[i])) return bad(s, line, grand ? "B06" : "B05");
    bds_sum t = s->b04;
    if (grand) {
        s->seen_b06 = true;
        t.count += s->b02.count; t.imma += s->b02.imma; t.jours += s->b02.jours;
        t.reel += s->b02.reel; t.plaf += s->b02.plaf; t.ctr += s->b02.ctr;
    } else {
        s->seen_b05 = true;
    }
    AUD_TRY(total(s, line, "Nbr_Salaries", v[0], t.count, true));
    AUD_TRY(total(s, line, "T_Num_Imma", v[1], t.imma, false));
    AUD_TRY(total(s, line, "T_Jours", v[2], t.jours, true));
    AUD_TRY(total(s, line, "T_Salaire_Reel", v[3], t.reel, true));
    AUD_TRY(total(s, line, "T_Salaire_Plaf", v[4], t.plaf, true));
    return total(s, line, "T_Ctr", v[5], t.ctr, false);
}

static aud_err rec_a03(bds_state *s, uint64_t line)
{
    uint64_t v[6];
    static const unsigned pos[6] = {17, 23, 29, 41, 53, 65};
    static const unsigned len[6] = {6, 6, 12, 12, 12, 15};
    for (int i = 0; i < 6; i++)
        if (!num(s, pos[i], len[i], &v[i])) return bad(s, line, "A03");
    s->seen_a03 = true;
    const bds_sum *t = &s->a02;
    AUD_TRY(total(s, line, "N_Nbr_Salaries", v[0], t->count, true));
    AUD_TRY(total(s, line, "N_T_Enfants", v[1], t->enfants, true));
    AUD_TRY(total(s, line, "N_T_AF_A_Payer", v[2], t->af_payer, true));
    AUD_TRY(total(s, line, "N_T_AF_A_Deduire", v[3], t->af_deduire, true));
    AUD_TRY(total(s, line, "N_T_AF_Net_A_Payer", v[4], t->af_net, true));
    return total(s, line, "N_T_Num_Imma", v[5], t->imma, false);
}

/* Header records: only their type and numeric affiliation/period matter. */
static aud_err rec_header(bds_state *s, uint64_t line, char kind)
{
    uint64_t v;
    if (kind == '1' && (!num(s, 4, 7, &v) || !num(s, 11, 6, &v))) return bad(s, line, "header");
    return AUD_OK;
}

static aud_err dispatch(bds_state *s, uint64_t line)
{
    const char *r = s->rec;
    char series = r[0], k = r[2];
    if ((series != 'A' && series != 'B' && series != 'E') || r[1] != '0') return bad(s, line, "type");
    if (series == 'E') {
        if (k < '0' || k > '6') return bad(s, line, "type");
        s->complementary++;
        return AUD_OK;
    }
    if (series == 'A') {
        switch (k) {
        case '0': case '1': return rec_header(s, line, k);
        case '2': return rec_a02(s, line);
        case '3': return rec_a03(s, line);
        default: return bad(s, line, "type");
        }
    }
    switch (k) {
    case '0': case '1': return rec_header(s, line, k);
    case '2': return rec_b02(s, line);
    case '3': return rec_b03(s, line);
    case '4': return rec_b04(s, line);
    case '5': return rec_b05_b06(s, line, false);
    case '6': return rec_b05_b06(s, line, true);
    default: return bad(s, line, "type");
    }
}

/* Copy a record into s->rec, blank-padded to 260. Widths count characters:
 * a name typed with accents in UTF-8 is longer in bytes, so each multi-byte
 * UTF-8 sequence is copied as one '?' (names are never read anyway). */
static bool copy_record(bds_state *s, const char *p, size_t len)
{
    memset(s->rec, ' ', BDS_WIDTH);
    s->rec[BDS_WIDTH] = '\0';
    size_t out = 0;
    for (size_t i = 0; i < len; out++) {
        if (out == BDS_WIDTH) return false;
        unsigned char c = (unsigned char)p[i];
        size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        for (size_t j = 1; j < k; j++)
            if (i + j >= len || ((unsigned char)p[i + j] & 0xC0) != 0x80) k = 1;
        s->rec[out] = k == 1 ? (char)c : '?';
        i += k;
    }
    return true;
}

/* One physical line (without its LF). */
static aud_err feed_line(bds_state *s, const char *p, size_t len, uint64_t line)
{
    if (len && p[len - 1] == '\r') len--;
    size_t used = len;
    while (used && (p[used - 1] == ' ' || p[used - 1] == '\t')) used--;
    if (used == 0) { s->blank++; return AUD_OK; }
    s->rows_read++;
    s->accepted++;
    if (memchr(p, '\0', used) || used < 3 || !copy_record(s, p, used))
        return bad(s, line, "record length");
    return dispatch(s, line);
}

/* ---- set-up and wrap-up ------------------------------------------------- */

static aud_err state_init(bds_state *s, aud_dataset *d, const char *path, uint32_t input)
{
    memset(s, 0, sizeof *s);
    s->d = d;
    s->path = path ? path : "";
    s->input = input;
    s->nrow_of = (size_t)aud_strtab_count(d->ids) + 1;
    s->row_of = calloc(s->nrow_of, sizeof *s->row_of);
    s->matched = calloc(d->wf.n ? d->wf.n : 1, 1);
    if (!s->row_of || !s->matched) return AUD_E_NOMEM;
    for (size_t i = 0; i < d->wf.n; i++) {
        uint32_t id = d->wf.cnss[i];
        if (id && id < s->nrow_of && !s->row_of[id]) s->row_of[id] = i + 1;
    }
    return AUD_OK;
}

static void state_free(bds_state *s)
{
    free(s->row_of);
    free(s->matched);
}

static aud_err count_finding(bds_state *s, uint64_t n, const char *code, aud_severity sev)
{
    if (!n) return AUD_OK;
    char raw[32];
    snprintf(raw, sizeof raw, "%llu", (unsigned long long)n);
    return finding(s, 0, NULL, raw, code, sev);
}

static aud_err wrap_up(bds_state *s, aud_diag *diag)
{
    aud_dataset *d = s->d;
    if (s->b02.count && !s->seen_b03) AUD_TRY(finding(s, 0, "B03", NULL, "bds_missing_totals", AUD_SEV_WARNING));
    if (s->b04.count && !s->seen_b05) AUD_TRY(finding(s, 0, "B05", NULL, "bds_missing_totals", AUD_SEV_WARNING));
    if (s->b02.count + s->b04.count && !s->seen_b06)
        AUD_TRY(finding(s, 0, "B06", NULL, "bds_missing_totals", AUD_SEV_WARNING));
    if (s->a02.count && !s->seen_a03) AUD_TRY(finding(s, 0, "A03", NULL, "bds_missing_totals", AUD_SEV_WARNING));
    AUD_TRY(count_finding(s, s->unknown_situation, "bds_unknown_situation", AUD_SEV_WARNING));
    AUD_TRY(count_finding(s, s->situation_records, "bds_situation_records", AUD_SEV_INFO));
    AUD_TRY(count_finding(s, s->complementary, "bds_complementary_ignored", AUD_SEV_INFO));
    AUD_TRY(count_finding(s, s->unjoinable, "bds_no_number", AUD_SEV_INFO));
    if (s->b02.count + s->b04.count) {
        for (size_t i = 0; i < d->wf.n; i++)
            if (d->wf.cnss[i] && !s->matched[i])
                AUD_TRY(aud_dataset_finding(d, d->wf.input[i], d->wf.line[i], "cnss_number", NULL,
                                            "bds_unmatched_employee", AUD_SEV_WARNING));
    }
    if (s->input < d->ninputs) {
        aud_input *in = &d->inputs[s->input];
        in->kind = AUD_KIND_BDS;
        in->rows_read = s->rows_read;
        in->rows_accepted = s->accepted;
        in->rows_rejected = s->rejected;
        in->blank_lines = s->blank;
        if (!in->delimiter && !(in->delimiter = strdup(""))) return AUD_E_NOMEM;
        if (!in->template_name && !(in->template_name = strdup("cnss-bds"))) return AUD_E_NOMEM;
    }
    if (s->accepted == 0)
        return aud_diag_set(diag, AUD_E_NODATA, s->path, 0,
                            "no usable CNSS BDS record (fixed-width 260-character lines)");
    return AUD_OK;
}

bool aud_bds_sniff(const unsigned char *head, size_t n)
{
    if (n < 3 || head[1] != '0') return false;
    bool ok = (head[0] == 'A' && head[2] >= '0' && head[2] <= '3') ||
              ((head[0] == 'B' || head[0] == 'E') && head[2] >= '0' && head[2] <= '6');
    if (!ok) return false;
    const unsigned char *nl = memchr(head, '\n', n);
    if (!nl) return true;
    size_t len = (size_t)(nl - head);
    if (len && head[len - 1] == '\r') len--;
    return len == BDS_WIDTH;
}

aud_err aud_bds_parse_buffer(aud_dataset *d, const char *buf, size_t len, const char *path,
                             uint32_t input, aud_diag *diag)
{
    bds_state s;
    aud_err e = state_init(&s, d, path, input);
    uint64_t line = 1;
    size_t at = 0;
    while (e == AUD_OK && at < len) {
        const char *nl = memchr(buf + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - buf) : len;
        e = feed_line(&s, buf + at, end - at, line++);
        at = end + 1;
    }
    if (e == AUD_OK) e = wrap_up(&s, diag);
    else if (diag && diag->code == AUD_OK) aud_diag_set(diag, e, s.path, line - 1, "reading CNSS BDS: %s", aud_strerror(e));
    state_free(&s);
    if (e == AUD_OK && input < d->ninputs) d->inputs[input].bytes = len;
    return e;
}

aud_err aud_bds_ingest(aud_dataset *d, const char *path, uint32_t input, const aud_options *o,
                       aud_diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f) return aud_diag_set(diag, AUD_E_IO, path, 0, "cannot open: %s", strerror(errno));
    bds_state s;
    aud_err e = state_init(&s, d, path, input);
    char *buf = NULL;
    size_t cap = 0;
    uint64_t line = 1, bytes = 0;
    ssize_t n;
    while (e == AUD_OK && (n = getline(&buf, &cap, f)) > 0) {
        bytes += (uint64_t)n;
        size_t l = (size_t)n;
        if (buf[l - 1] == '\n') l--;
        e = feed_line(&s, buf, l, line++);
        if (o && o->progress && (line & 0xffff) == 0) o->progress(o->progress_ctx, bytes, 0);
    }
    bool failed = ferror(f) != 0;
    free(buf);
    fclose(f);
    if (e == AUD_OK && failed) e = aud_diag_set(diag, AUD_E_IO, path, line, "read error");
    else if (e == AUD_OK) e = wrap_up(&s, diag);
    else aud_diag_set(diag, e, path, line - 1, "reading CNSS BDS: %s", aud_strerror(e));
    state_free(&s);
    if (e != AUD_OK || input >= d->ninputs) return e;
    aud_input *in = &d->inputs[input];
    in->bytes = bytes;
    if (!in->sha256[0]) return aud_sha256_file(path, in->sha256, diag);
    return AUD_OK;
}
