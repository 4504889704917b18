/* egapro_calc.h - the Egapro scoring rules (egapro.md §2-§10) as pure
 * functions over group aggregates, so the official worked cases can be
 * checked without microdata. egapro.c turns the microdata into these
 * aggregates.
 *
 * Ownership: every function works on caller-provided storage; nothing is
 * allocated and nothing needs freeing. Reason codes and names returned are
 * static strings.
 */
#ifndef AUD_EGAPRO_CALC_H
#define AUD_EGAPRO_CALC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Favourable population: sign of (men - women). */
typedef enum aud_eg_fav { AUD_EG_EQUALITY = 0, AUD_EG_MEN, AUD_EG_WOMEN } aud_eg_fav;

/* "equality", "men", "women". */
const char *aud_egcalc_fav_name(aud_eg_fav f);

/* Outcome of one indicator. */
typedef struct aud_eg_ind {
    bool applicable;       /* false: not part of this size bracket */
    bool calculable;
    const char *reason;    /* reason code when !calculable (static) */
    double total;          /* signed raw value (men minus women), unrounded */
    double result;         /* |total| rounded half-up to 0.1 (the declared result) */
    double result2;        /* 2et3: equivalent employees (0.1); I4: percent */
    aud_eg_fav favours;
    int note;              /* note from the table, before correction */
    int points;            /* note after the correction ("rattrapage") rule */
    int max_points;        /* 40, 20, 15, 35, 15 or 10 */
    bool compensated;      /* the correction rule raised the note to its max */
} aud_eg_ind;

/* Neumaier compensated sum (pay totals of the groups). Zero-initialise. */
typedef struct aud_egcalc_sum { double s, c; } aud_egcalc_sum;
void aud_egcalc_sum_add(aud_egcalc_sum *k, double x);
double aud_egcalc_sum_get(const aud_egcalc_sum *k);

/* Round |x| half-up to one decimal the way the official computers do:
 * Math.round(|x| * 10) / 10, so 2.05 (whose x10 product is exactly 20.5 in
 * IEEE doubles) gives 2.1. Returns the result in tenths (an integer). */
int64_t aud_egcalc_round1_tenths(double x);
double aud_egcalc_round1(double x);

/* Note lookups on a result already rounded to tenths: TABLE[ceil(result)],
 * 0 beyond the table. */
int aud_egcalc_note_i1(int64_t tenths);
int aud_egcalc_note_i2(int64_t tenths);
int aud_egcalc_note_i3(int64_t tenths);
int aud_egcalc_note_i2et3(int64_t tenths);
/* Indicator 5 note from min(women, men) among the top 10 (0..5). */
int aud_egcalc_note_i5(int result);

/* 40 % rule (egvi40pcet): calculable iff n_total > 0 and n_valid/n_total >= 0.4. */
bool aud_egcalc_rule40(double n_valid, double n_total);

/* Seuil de pertinence: moves a signed gap (percent) toward zero by s points
 * without flipping its sign. */
double aud_egcalc_seuil(double gap_pct, double s);

/* Seuils of indicator 1. */
#define AUD_EG_SEUIL_CSP 5.0
#define AUD_EG_SEUIL_LEVEL 2.0

/* Indicator 1: one (category or level) x age band group. */
typedef struct aud_eg_group {
    double women, men;          /* headcounts of the effectifs */
    double pay_women, pay_men;  /* mean annual pay in FTE; NAN when unknown */
} aud_eg_group;

/* Per-group detail of indicator 1 (or 2/3), for the groups table. */
typedef struct aud_eg_group_out {
    bool valid;                 /* enough women and men */
    double gap_pct;             /* signed gap before the seuil, NAN when invalid */
    double adj_pct;             /* after the seuil, NAN when invalid */
    double weight;              /* (women + men) / N_valid, NAN when invalid */
} aud_eg_group_out;

/* Indicator 1 over n groups with seuil s (5 CSP mode, 2 level mode).
 * out (n entries) may be NULL. A valid group whose gap is not finite
 * (missing or zero pay) counts with gap 0, as in the current simulator. */
void aud_egcalc_i1(const aud_eg_group *g, size_t n, double s,
                   aud_eg_group_out *out, aud_eg_ind *res);

/* Indicators 2 and 3: one CSP with the percentage of its women and men who
 * were raised (indicator 2) or promoted (indicator 3). */
typedef struct aud_eg_csp {
    double women, men;
    double rate_women, rate_men;   /* percent, 12.5 = 12.5 % */
} aud_eg_csp;

/* which = 2 or 3. any_event: some raise (2) / promotion (3) happened in the
 * period; without one the indicator is absaugi / absprom. */
void aud_egcalc_i2i3(int which, const aud_eg_csp *c, size_t n, bool any_event,
                     aud_eg_group_out *out, aud_eg_ind *res);

/* Indicator 2et3 (50-250): whole workforce W, M and the women and men who got
 * a raise (promotions included). result = percent, result2 = employees. */
void aud_egcalc_i2et3(double women, double men, double raised_women,
                      double raised_men, aud_eg_ind *res);

/* Indicator 4: returns from maternity/adoption leave and how many of them
 * were raised. raise_during_leave false -> absaugpdtcm. result = percent
 * declared, floor(100 raised / returned). */
void aud_egcalc_i4(double returned, double raised, bool raise_during_leave,
                   aud_eg_ind *res);

/* Indicator 5: women and men among the 10 highest paid (must sum to 10). */
void aud_egcalc_i5(int women, int men, aud_eg_ind *res);

/* Correction rule (egapro.md §8): when indicator 1 is calculable with a note
 * below 40 and x favours the other sex ("equality" counts as distinct), x gets
 * its max. Sets x->points and x->compensated. */
void aud_egcalc_correct(const aud_eg_ind *i1, aud_eg_ind *x);

/* Index aggregation over the applicable indicators. */
typedef struct aud_eg_index {
    int points;           /* sum of the points of calculable indicators */
    int max_points;       /* sum of their max */
    bool calculable;      /* max_points >= 75 */
    int index;            /* exact half-up of points * 100 / max_points */
    const char *obligation;   /* "corrective_measures_and_objectives" (< 75),
                                 "objectives" (75-84), "none" (>= 85), NULL when NC */
} aud_eg_index;

void aud_egcalc_index(const aud_eg_ind *const *inds, size_t n, aud_eg_index *out);

/* Size brackets: headcount < 50 uses the 50-250 rules (indicative). */
typedef enum aud_eg_bracket { AUD_EG_50_250 = 0, AUD_EG_251_PLUS } aud_eg_bracket;
aud_eg_bracket aud_egcalc_bracket(size_t headcount, bool *indicative);
const char *aud_egcalc_bracket_name(aud_eg_bracket b);   /* "50-250", "251+" */

#endif
