/* movements.c - two-snapshot derivation (--previous).
 *
 * Employees are matched on employee_id: both snapshots intern their ids in
 * d->ids, so equal text means equal id and the match is an array lookup.
 *
 * promoted (only where the current extract left it missing) is 1 when the
 * grade went up or the Egapro CSP went up, 0 when at least one of the two
 * could be compared and neither went up, missing otherwise. Grades: when both
 * labels are numbers they are compared as numbers; otherwise by the natural
 * order of the labels (runs of digits compared as numbers, everything else
 * byte by byte), i.e. by their rank among the sorted grade labels, so
 * "E2" < "E10" and "A" < "B".
 *
 * raised (same rule for missing) is 1 when base pay per FTE went up by more
 * than --general-raise percent (0 when not given) and the person was not
 * promoted: pay per FTE, so a move from part-time to full-time is not a
 * raise, and a promotion's increase is counted as the promotion.
 *
 * Hires: current rows whose id is not in the previous snapshot. Exits:
 * previous rows whose id is not in the current one, plus matched people whose
 * current row has an exit_date on or before the snapshot date (leavers of the
 * year are often still listed). Counted by sex into d->moves.
 */
#include "movements.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool parse_number(const char *s, double *out)
{
    if (!*s) return false;
    char *end;
    double v = strtod(s, &end);
    while (*end == ' ') end++;
    if (*end || !isfinite(v)) return false;
    *out = v;
    return true;
}

/* Natural order: digit runs by value, other bytes as unsigned chars. */
static int natural_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            while (*a == '0') a++;
            while (*b == '0') b++;
            size_t la = 0, lb = 0;
            while (isdigit((unsigned char)a[la])) la++;
            while (isdigit((unsigned char)b[lb])) lb++;
            if (la != lb) return la < lb ? -1 : 1;
            int c = memcmp(a, b, la);
            if (c) return c < 0 ? -1 : 1;
            a += la; b += lb;
            continue;
        }
        if (*a != *b) return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++; b++;
    }
    return *a ? 1 : (*b ? -1 : 0);
}

/* -1 lower, 0 same, 1 higher, 2 not comparable. */
static int grade_move(const aud_dataset *d, uint32_t before, uint32_t after)
{
    if (!before || !after) return 2;
    if (before == after) return 0;
    const char *sb = aud_dataset_str(d, before), *sa = aud_dataset_str(d, after);
    double nb, na;
    if (parse_number(sb, &nb) && parse_number(sa, &na)) return na > nb ? 1 : (na < nb ? -1 : 0);
    return natural_cmp(sa, sb);
}

static double base_per_fte(const aud_workforce *w, size_t i)
{
    double f = w->fte[i];
    if (AUD_IS_NA(f) || f <= 0) f = 1.0;
    return w->base_pay[i] / f;
}

/* Derive the flags of current row i from previous row p. */
static void derive_one(aud_dataset *d, size_t i, size_t p, double general_pct)
{
    aud_workforce *w = &d->wf;
    const aud_workforce *v = &d->prev;
    if (w->promoted[i] < 0) {
        int g = grade_move(d, v->grade[p], w->grade[i]);
        bool csp_known = v->csp[p] >= 0 && w->csp[i] >= 0;
        if (g == 1 || (csp_known && w->csp[i] > v->csp[p])) w->promoted[i] = 1;
        else if (g != 2 || csp_known) w->promoted[i] = 0;
        if (w->promoted[i] >= 0) d->has_field[AUD_F_PROMOTED] = true;
    }
    if (w->raised[i] < 0) {
        double before = base_per_fte(v, p), after = base_per_fte(w, i);
        if (!AUD_IS_NA(before) && !AUD_IS_NA(after) && before > 0) {
            double pct = (after / before - 1.0) * 100.0;
            /* 1e-9: 5000 -> 5100 is exactly 2 %, not "more than 2 %" */
            w->raised[i] = (int8_t)(pct > general_pct + 1e-9 && w->promoted[i] != 1);
            d->has_field[AUD_F_RAISED] = true;
        }
    }
}

static void count_sex(uint8_t sex, uint64_t *women, uint64_t *men)
{
    if (sex == AUD_SEX_F) (*women)++;
    else if (sex == AUD_SEX_M) (*men)++;
}

aud_err aud_movements_derive(aud_dataset *d, const aud_options *o, aud_diag *diag)
{
    if (d->prev.n == 0) return AUD_OK;
    size_t nid = (size_t)aud_strtab_count(d->ids) + 1;
    size_t *prev_row = calloc(nid, sizeof *prev_row);   /* previous row + 1 */
    uint8_t *in_cur = calloc(nid, 1);
    if (!prev_row || !in_cur) {
        free(prev_row); free(in_cur);
        return aud_diag_set(diag, AUD_E_NOMEM, NULL, 0, "out of memory matching snapshots");
    }
    for (size_t p = 0; p < d->prev.n; p++) {
        uint32_t id = d->prev.employee_id[p];
        if (id && id < nid && !prev_row[id]) prev_row[id] = p + 1;
    }
    double g = (o && !isnan(o->general_raise_pct)) ? o->general_raise_pct : 0.0;
    aud_movements *mv = &d->moves;
    mv->has_previous = true;
    int32_t snap = o ? o->period_end : 0;
    for (size_t i = 0; i < d->wf.n; i++) {
        uint32_t id = d->wf.employee_id[i];
        if (!id || id >= nid || in_cur[id]) continue;
        in_cur[id] = 1;
        if (!prev_row[id]) { count_sex(d->wf.sex[i], &mv->hires_women, &mv->hires_men); continue; }
        derive_one(d, i, prev_row[id] - 1, g);
        int32_t ex = d->wf.exit_date[i];
        if (o && ex != AUD_NO_DATE && ex <= snap) count_sex(d->wf.sex[i], &mv->exits_women, &mv->exits_men);
    }
    for (size_t p = 0; p < d->prev.n; p++) {
        uint32_t id = d->prev.employee_id[p];
        if (!id || id >= nid || in_cur[id] || prev_row[id] != p + 1) continue;
        count_sex(d->prev.sex[p], &mv->exits_women, &mv->exits_men);
    }
    free(prev_row);
    free(in_cur);
    return AUD_OK;
}
