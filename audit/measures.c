/* measures.c - population and pay measures of METRICS.md §0. */
#include "measures.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *aud_age_band_name(int band)
{
    static const char *const n[] = {"<30", "30-39", "40-49", "50+"};
    return band >= 0 && band < 4 ? n[band] : "?";
}

int aud_seniority_band(int y)
{
    if (y < 0) return -1;
    if (y <= 1) return 0;
    if (y <= 4) return 1;
    if (y <= 9) return 2;
    if (y <= 19) return 3;
    return 4;
}

const char *aud_seniority_band_name(int band)
{
    static const char *const n[] = {"0-1", "2-4", "5-9", "10-19", "20+"};
    return band >= 0 && band < 5 ? n[band] : "?";
}

/* Case-insensitive ASCII prefix test that skips accents' lead bytes poorly on
 * purpose: the words we look for are plain ASCII in French and English, and
 * the Arabic ones are compared byte for byte. */
static bool has_word(const char *s, const char *w)
{
    size_t lw = strlen(w);
    for (const char *p = s; *p; p++) {
        size_t i = 0;
        while (i < lw && p[i] && tolower((unsigned char)p[i]) == w[i]) i++;
        if (i == lw) return true;
    }
    return false;
}

bool aud_contract_is_training(const char *c)
{
    if (!c || !*c) return false;
    static const char *const words[] = {
        "stage", "stagiaire", "apprenti", "apprentissage", "intern", "trainee",
        "apprentice", "\xd8\xaa\xd8\xaf\xd8\xb1\xd9\x8a\xd8\xa8" /* تدريب */,
        "\xd9\x85\xd8\xaa\xd8\xaf\xd8\xb1\xd8\xa8" /* متدرب */,
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (has_word(c, words[i])) return true;
    return false;
}

void aud_measures_free(aud_measures *m)
{
    if (!m) return;
    free(m->in_pop); free(m->nopay); free(m->age); free(m->seniority);
    free(m->fte); free(m->hours);
    free(m->annual_pay); free(m->pay_fte); free(m->base_fte); free(m->hourly_pay);
    free(m->variable);
    memset(m, 0, sizeof *m);
}

/* Full years from a date to the snapshot, looked up: the snapshot is the
 * same for every row, so the answer is a step function of the date, laid
 * out once per run for the dates 150 years before to 30 years after it
 * (outside, or without the table, aud_full_years itself). Two calendar
 * conversions a date cost more than the rest of a row's measures. The table
 * holds some 66 000 days, so it is laid out only for workforces of
 * YEARS_TAB_MIN rows or more; below that the conversions cost less than
 * building it. */
#define YEARS_BACK 150
#define YEARS_AHEAD 30
#define YEARS_TAB_MIN 4096

typedef struct years_tab {
    int32_t snapshot, lo, hi;   /* table covers dates [lo, hi) */
    int16_t *v;
} years_tab;

static bool leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static void years_tab_init(years_tab *t, int32_t snapshot, size_t rows)
{
    memset(t, 0, sizeof *t);
    t->snapshot = snapshot;
    if (rows < YEARS_TAB_MIN) return;
    int ys, ms, ds;
    aud_civil_from_days(snapshot, &ys, &ms, &ds);
    if (ys < 1000 || ys > 9000) return;
    t->lo = aud_days_from_civil(ys - YEARS_BACK, 1, 1);
    t->hi = aud_days_from_civil(ys + YEARS_AHEAD + 1, 1, 1);
    t->v = malloc((size_t)(t->hi - t->lo) * sizeof *t->v);
    if (!t->v) return;
    for (int y = ys - YEARS_BACK; y <= ys + YEARS_AHEAD; y++) {
        int32_t d0 = aud_days_from_civil(y, 1, 1), d1 = aud_days_from_civil(y + 1, 1, 1), cut;
        /* cut: the first day of year y past the snapshot's month and day */
        if (ms == 12 && ds == 31) cut = d1;
        else if (ms == 2 && ds == 29 && !leap_year(y)) cut = aud_days_from_civil(y, 3, 1);
        else cut = aud_days_from_civil(y, ms, ds) + 1;
        for (int32_t d = d0; d < d1; d++) t->v[d - t->lo] = (int16_t)(ys - y - (d >= cut));
    }
}

static int years_at(const years_tab *t, int32_t date, int given)
{
    if (date == AUD_NO_DATE) return given;
    if (t->v && date >= t->lo && date < t->hi) return t->v[date - t->lo];
    return aud_full_years(date, t->snapshot);
}

aud_err aud_measures_compute(const aud_dataset *d, const aud_options *o, aud_measures *m)
{
    memset(m, 0, sizeof *m);
    const aud_workforce *w = &d->wf;
    size_t n = w->n;
    size_t sz = n ? n : 1;
    m->n = n;
    m->snapshot = o->period_end;
    m->period_start = o->period_start;
    m->in_pop = calloc(sz, 1);
    m->nopay = calloc(sz, 1);
    m->age = malloc(sz * sizeof *m->age);
    m->seniority = malloc(sz * sizeof *m->seniority);
    m->fte = malloc(sz * sizeof(double));
    m->hours = malloc(sz * sizeof(double));
    m->base_monthly = w->base_pay;
    m->annual_pay = malloc(sz * sizeof(double));
    m->pay_fte = malloc(sz * sizeof(double));
    m->base_fte = malloc(sz * sizeof(double));
    m->hourly_pay = malloc(sz * sizeof(double));
    m->variable = malloc(sz * sizeof(double));
    if (!m->in_pop || !m->nopay || !m->age || !m->seniority || !m->fte || !m->hours ||
        !m->annual_pay || !m->pay_fte ||
        !m->base_fte || !m->hourly_pay || !m->variable) {
        aud_measures_free(m);
        return AUD_E_NOMEM;
    }
    const double H = o->monthly_hours > 0 ? o->monthly_hours : 191.0;
    const int32_t snap = o->period_end;
    /* Contracts are a handful of interned values: classify each id once
     * (0 unknown, 1 no, 2 training) instead of scanning words per row. */
    uint32_t ncontract = aud_strtab_count(d->strings) + 1;
    uint8_t *is_training = calloc(ncontract, 1);
    if (!is_training) { aud_measures_free(m); return AUD_E_NOMEM; }
    years_tab yt;
    years_tab_init(&yt, snap, n);
    for (size_t i = 0; i < n; i++) {
        m->age[i] = (int16_t)years_at(&yt, w->birth_date[i], w->age[i]);
        m->seniority[i] = (int16_t)years_at(&yt, w->hire_date[i], w->seniority[i]);
        if (w->hire_date[i] != AUD_NO_DATE && w->hire_date[i] > snap) m->seniority[i] = -1;

        bool left = w->exit_date[i] != AUD_NO_DATE && w->exit_date[i] <= snap;
        bool not_yet = w->hire_date[i] != AUD_NO_DATE && w->hire_date[i] > snap;
        uint32_t ct = w->contract[i] < ncontract ? w->contract[i] : 0;
        if (!is_training[ct])
            is_training[ct] = aud_contract_is_training(aud_dataset_str(d, ct)) ? 2 : 1;
        bool training = is_training[ct] == 2;
        bool sexed = w->sex[i] == AUD_SEX_F || w->sex[i] == AUD_SEX_M;
        if (left) m->excluded_left++;
        else if (not_yet) m->excluded_not_hired_yet++;
        else if (training) m->excluded_contract++;
        m->in_pop[i] = sexed && !left && !not_yet && !training;

        double fte = w->fte[i];
        if (AUD_IS_NA(fte) && !AUD_IS_NA(w->monthly_hours[i]) && w->monthly_hours[i] > 0)
            fte = w->monthly_hours[i] / H;
        if (AUD_IS_NA(fte) && AUD_IS_NA(w->monthly_hours[i])) fte = 1.0;
        double hours = !AUD_IS_NA(w->monthly_hours[i]) ? w->monthly_hours[i] : fte * H;
        m->fte[i] = fte;
        m->hours[i] = hours;

        double base = w->base_pay[i];
        double allow = AUD_IS_NA(w->allowances[i]) ? 0.0 : w->allowances[i];
        double var = AUD_IS_NA(w->variable_pay[i]) ? 0.0 : w->variable_pay[i];
        m->variable[i] = var;
        m->annual_pay[i] = AUD_IS_NA(base) ? AUD_NA : 12.0 * (base + allow) + var;

        aud_nopay np = AUD_NOPAY_NONE;
        if (AUD_IS_NA(base) || base <= 0) np = AUD_NOPAY_BASE_ZERO;
        else if (AUD_IS_NA(fte) || fte <= 0 || AUD_IS_NA(hours) || hours <= 0) np = AUD_NOPAY_NO_FTE;
        m->nopay[i] = (uint8_t)np;
        if (np == AUD_NOPAY_NONE) {
            m->pay_fte[i] = m->annual_pay[i] / fte;
            m->base_fte[i] = 12.0 * base / fte;
            m->hourly_pay[i] = m->annual_pay[i] / (12.0 * hours);
        } else {
            m->pay_fte[i] = AUD_NA;
            m->base_fte[i] = AUD_NA;
            m->hourly_pay[i] = AUD_NA;
        }
        if (m->in_pop[i]) {
            m->headcount++;
            if (w->sex[i] == AUD_SEX_F) m->women++; else m->men++;
            if (np == AUD_NOPAY_NONE) m->with_pay++;
            else if (np == AUD_NOPAY_BASE_ZERO) m->nopay_base_zero++;
            else m->nopay_no_fte++;
        }
    }
    free(is_training);
    free(yt.v);
    return AUD_OK;
}
