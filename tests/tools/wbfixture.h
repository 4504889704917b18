/* wbfixture.h - a realistic audit result for workbook tests: every metric id
 * of METRICS.md, every table, a few inputs and findings (including text that
 * looks like a formula and invalid UTF-8). Shared by tests/tools/wbfixture.c
 * and tests/unit/test_workbook.c, so it is header-only (static functions).
 *
 * Ownership: wbf_build fills caller-owned d and r (free them as usual).
 */
#ifndef WBFIXTURE_H
#define WBFIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "options.h"
#include "results.h"

#define WBF_CHECK(e) do { if ((e) != AUD_OK) return AUD_E_NOMEM; } while (0)

static aud_err wbf_input(aud_dataset *d, const char *path, aud_file_kind kind, const char *enc,
                         const char *delim, const char *tpl, const char *const (*cols)[2], size_t ncols,
                         uint64_t read, uint64_t rejected, const char *sha)
{
    uint32_t ix;
    WBF_CHECK(aud_dataset_add_input(d, path, kind, &ix));
    aud_input *in = &d->inputs[ix];
    in->encoding = strdup(enc);
    in->delimiter = strdup(delim);
    in->template_name = strdup(tpl);
    snprintf(in->sha256, sizeof in->sha256, "%s", sha);
    in->rows_read = read;
    in->rows_rejected = rejected;
    in->rows_accepted = read - rejected;
    in->blank_lines = 1;
    in->columns = calloc(ncols, sizeof *in->columns);
    if (!in->encoding || !in->delimiter || !in->template_name || !in->columns) return AUD_E_NOMEM;
    in->ncolumns = ncols;
    for (size_t c = 0; c < ncols; c++) {
        in->columns[c].header = strdup(cols[c][0]);
        in->columns[c].field = cols[c][1] ? aud_field_from_name(cols[c][1]) : -1;
        in->columns[c].pattern = cols[c][1] ? strdup(cols[c][1]) : NULL;
    }
    return AUD_OK;
}

static aud_err wbf_dataset(aud_dataset *d, size_t extra_findings)
{
    static const char *const wf_cols[][2] = {
        {"Matricule", "employee_id"}, {"Sexe", "sex"}, {"Salaire de base", "base_pay"},
        {"Primes", "allowances"}, {"Date de naissance", "birth_date"}, {"Date d'embauche", "hire_date"},
        {"Catégorie", "category"}, {"Emploi", "job"}, {"Promu", "promoted"}, {"Observations", NULL}};
    static const char *const ap_cols[][2] = {
        {"ID candidat", "applicant_id"}, {"الجنس", "sex"}, {"المرحلة", "stage"}, {"المنصب", "job"}};
    WBF_CHECK(wbf_input(d, "extrait_paie_2025.csv", AUD_KIND_WORKFORCE, "cp1252", ";", "fr-generic",
                        wf_cols, sizeof wf_cols / sizeof *wf_cols, 412, 7,
                        "9f2c1e5a7b3d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a"));
    WBF_CHECK(wbf_input(d, "candidatures_2025.csv", AUD_KIND_APPLICANTS, "utf-8", ",", "ar-applicants",
                        ap_cols, sizeof ap_cols / sizeof *ap_cols, 1250, 3,
                        "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e"));
    struct { uint32_t in; uint64_t line; const char *col, *raw, *code; aud_severity sev; } f[] = {
        {0, 17, "Salaire de base", "-4500,00", "negative_pay", AUD_SEV_REJECT},
        {0, 42, "Sexe", "=1+1", "missing_sex", AUD_SEV_REJECT},
        {0, 58, "Emploi", "@SUM(A1)", "formula_text", AUD_SEV_WARNING},
        {0, 77, "Date de naissance", "31/02/1980", "bad_date", AUD_SEV_REJECT},
        {0, 90, "Primes", "+33 six", "bad_number", AUD_SEV_WARNING},
        {0, 133, "Salaire de base", "0", "zero_pay", AUD_SEV_WARNING},
        {1, 9, "الجنس", "غير معروف", "missing_sex", AUD_SEV_REJECT},
        {1, 12, "المرحلة", "bad \xff\xfe bytes\x01", "bad_number", AUD_SEV_REJECT},
    };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        WBF_CHECK(aud_dataset_finding(d, f[i].in, f[i].line, f[i].col, f[i].raw, f[i].code, f[i].sev));
    for (size_t i = 0; i < extra_findings; i++) {
        char raw[32];
        snprintf(raw, sizeof raw, "%zu,5", i);
        WBF_CHECK(aud_dataset_finding(d, 0, 200 + i, "Primes", raw, "bad_number", AUD_SEV_WARNING));
    }
    return AUD_OK;
}

/* Metric values: full-precision numbers so the tests see that cells are not rounded. */
static aud_err wbf_base_metrics(aud_results *r)
{
    struct { const char *id; double v; } num[] = {
        {"women_share_pct", 38.518518518518519}, {"pay_gap_mean_pct", 12.345678901234567},
        {"pay_gap_median_pct", 8.9012345678901234}, {"pay_gap_mean_pct_hcp", 14.084507042253522},
        {"base_gap_mean_pct", 9.8765432109876543}, {"base_gap_median_pct", 6.1234567890123457},
        {"hourly_gap_mean_pct", 11.111111111111111}, {"hourly_gap_median_pct", 7.7777777777777777},
        {"variable_gap_mean_pct", 23.456789012345678}, {"variable_gap_median_pct", -3.2101234567890123},
        {"variable_recipients_women_pct", 41.666666666666664}, {"variable_recipients_men_pct", 55.102040816326529},
        {"quartile1_women_pct", 52.427184466019419}, {"quartile2_women_pct", 44.660194174757279},
        {"quartile3_women_pct", 33.009708737864081}, {"quartile4_women_pct", 23.762376237623762},
        {"glass_ceiling_index", 1.6049382716049383}, {"duncan_index_category", 0.21739130434782608},
        {"duncan_index_job", 0.34567901234567899},
    };
    struct { const char *id; int64_t v; } ints[] = {
        {"headcount", 405}, {"headcount_women", 156}, {"headcount_men", 249},
        {"rows_read", 1662}, {"rows_accepted", 1652}, {"rows_rejected", 10}, {"warnings", 14},
        {"hires_women", 21}, {"hires_men", 30}, {"exits_women", 12}, {"exits_men", 19},
        {"eu_categories_compared", 5}, {"eu_categories_flagged", 2}, {"top10_women", 2}, {"top10_men", 8},
        {"below_smig_women", 3}, {"below_smig_men", 1}, {"maternity_returns", 6}, {"maternity_returns_raised", 4},
    };
    for (size_t i = 0; i < sizeof num / sizeof *num; i++) WBF_CHECK(aud_results_set_num(r, num[i].id, num[i].v));
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) WBF_CHECK(aud_results_set_int(r, ints[i].id, ints[i].v));
    WBF_CHECK(aud_results_set_bool(r, "eu_joint_assessment", true));
    return AUD_OK;
}

/* Egapro, regression and Oaxaca figures (one of them not calculable). */
static aud_err wbf_model_metrics(aud_results *r)
{
    struct { const char *id; double v; } eg[] = {
        {"egapro_i1_result", 6.2345678901234567}, {"egapro_i2_result", 3.1}, {"egapro_i3_result", 1.75},
        {"egapro_i2et3_result_pct", 4.4}, {"egapro_i2et3_result_employees", 3.0},
        {"egapro_i5_result", 2}, {"adjusted_gap_coef", -0.067891234567890123},
        {"adjusted_gap_se", 0.018765432109876543}, {"adjusted_gap_t", -3.6179487179487178},
        {"adjusted_gap_p", 0.00033456789012345677}, {"adjusted_gap_r2", 0.71234567890123456},
        {"adjusted_gap_pct", -6.5823456789012347}, {"oaxaca_gap", 0.13456789012345678},
        {"oaxaca_explained", 0.061234567890123455}, {"oaxaca_unexplained", 0.073333322233333325},
        {"oaxaca_unexplained_share_pct", 54.495412844036695}, {"oaxaca_endowments", 0.058765432109876541},
        {"oaxaca_coefficients", 0.069876543210987656}, {"oaxaca_interaction", 0.0059259172233333331},
    };
    for (size_t i = 0; i < sizeof eg / sizeof *eg; i++) WBF_CHECK(aud_results_set_num(r, eg[i].id, eg[i].v));
    struct { const char *id; int64_t v; } egi[] = {
        {"egapro_i1_points", 31}, {"egapro_i2_points", 10}, {"egapro_i3_points", 15}, {"egapro_i2et3_points", 25},
        {"egapro_i4_points", 0}, {"egapro_i5_points", 5}, {"egapro_points", 71}, {"egapro_max_points", 100},
        {"egapro_index", 71}, {"adjusted_gap_df", 380}, {"adjusted_gap_n", 398}, {"adjusted_gap_rating", 4},
    };
    for (size_t i = 0; i < sizeof egi / sizeof *egi; i++) WBF_CHECK(aud_results_set_int(r, egi[i].id, egi[i].v));
    WBF_CHECK(aud_results_set_str(r, "egapro_i1_favours", "men"));
    WBF_CHECK(aud_results_set_str(r, "egapro_i2_favours", "men"));
    WBF_CHECK(aud_results_set_str(r, "egapro_i3_favours", "women"));
    WBF_CHECK(aud_results_set_str(r, "egapro_i2et3_favours", "men"));
    WBF_CHECK(aud_results_set_str(r, "egapro_i5_favours", "men"));
    WBF_CHECK(aud_results_set_str(r, "egapro_mode", "csp"));
    WBF_CHECK(aud_results_set_null(r, "egapro_i4_result_pct", "no_maternity_returns"));
    WBF_CHECK(aud_results_set_str(r, "adjusted_gap_model", "standard"));
    return AUD_OK;
}

/* METRICS §6 for promotion, raise and hiring. */
static aud_err wbf_selection_metrics(aud_results *r)
{
    static const char *const pre[] = {"promotion", "raise", "hiring"};
    const double rw[] = {6.4102564102564106, 35.256410256410255, 4.1269841269841274};
    const double rm[] = {10.040160642570282, 38.554216867469883, 7.0886075949367084};
    for (int k = 0; k < 3; k++) {
        char id[64];
        double ratio = rw[k] / rm[k];
#define SETN(suffix, val) snprintf(id, sizeof id, "%s_" suffix, pre[k]); WBF_CHECK(aud_results_set_num(r, id, val))
        SETN("rate_women_pct", rw[k]);
        SETN("rate_men_pct", rm[k]);
        SETN("rate_ratio", ratio);
        SETN("impact_ratio", ratio < 1 ? ratio : 1 / ratio);
        SETN("z", -1.2345678901234567 * (k + 1));
        SETN("z_p", 0.21712345678901234 / (k + 1));
        SETN("fisher_p", 0.27345678901234567 / (k + 1));
        SETN("shortfall", 5.6666666666666670 * (k + 1));
#undef SETN
        snprintf(id, sizeof id, "%s_four_fifths", pre[k]);
        WBF_CHECK(aud_results_set_bool(r, id, (ratio < 1 ? ratio : 1 / ratio) < 0.8));
    }
    return AUD_OK;
}

static aud_err wbf_metrics(aud_results *r, int sparse)
{
    WBF_CHECK(wbf_base_metrics(r));
    if (sparse) return AUD_OK;
    WBF_CHECK(wbf_model_metrics(r));
    return wbf_selection_metrics(r);
}

static aud_err wbf_table(aud_results *r, const char *name, size_t ncols, const char *const *cols,
                         const aud_colfmt *fmts, aud_table **t)
{
    return aud_results_add_table(r, name, ncols, cols, fmts, t);
}

/* Values shared by several tables: category names (one Arabic, one that
 * looks like a formula), headcounts by category, age bands, jobs. */
static const char *const cats[] = {"Ouvriers", "Employés", "Techniciens et agents de maîtrise",
                                   "Ingénieurs et cadres", "عمال الإنتاج", "=1+1"};
static const int64_t cw[] = {70, 48, 22, 14, 2, 0}, cm[] = {110, 41, 52, 38, 6, 2};
static const char *const ages[] = {"<30", "30-39", "40-49", "50+"};
static const char *const jobs[] = {"Opératrice / opérateur de couture", "Agent de maîtrise atelier",
                                   "Comptable", "Chef de projet", "مهندس(ة) جودة", "@SUM(A1)"};

/* Composition tables and the pipeline. */
static aud_err wbf_workforce_tables(aud_results *r)
{
    aud_table *t;
    size_t row;
    static const char *const wcols_cat[] = {"category", "women", "men", "total", "women_share_pct"};
    static const aud_colfmt wfmt[] = {AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_PCT};
    WBF_CHECK(wbf_table(r, "workforce_by_category", 5, wcols_cat, wfmt, &t));
    for (size_t i = 0; i < 6; i++) {
        WBF_CHECK(aud_table_add_row(t, &row));
        aud_cell_str(t, row, 0, cats[i]);
        aud_cell_int(t, row, 1, cw[i]);
        aud_cell_int(t, row, 2, cm[i]);
        aud_cell_int(t, row, 3, cw[i] + cm[i]);
        aud_cell_num(t, row, 4, 100.0 * (double)cw[i] / (double)(cw[i] + cm[i]));
    }
    static const char *const wcols_age[] = {"age_band", "women", "men", "total", "women_share_pct"};
    WBF_CHECK(wbf_table(r, "workforce_by_age_band", 5, wcols_age, wfmt, &t));
    for (size_t i = 0; i < 4; i++) {
        WBF_CHECK(aud_table_add_row(t, &row));
        aud_cell_str(t, row, 0, ages[i]);
        aud_cell_int(t, row, 1, 30 + (int64_t)i * 7);
        aud_cell_int(t, row, 2, 50 + (int64_t)i * 9);
        aud_cell_int(t, row, 3, 80 + (int64_t)i * 16);
        aud_cell_num(t, row, 4, 100.0 * (30 + i * 7) / (80 + i * 16));
    }
    static const char *const wcols_con[] = {"contract", "women", "men", "total", "women_share_pct"};
    WBF_CHECK(wbf_table(r, "workforce_by_contract", 5, wcols_con, wfmt, &t));
    static const char *const cons[] = {"CDI", "CDD"};
    for (size_t i = 0; i < 2; i++) {
        WBF_CHECK(aud_table_add_row(t, &row));
        aud_cell_str(t, row, 0, cons[i]);
        aud_cell_int(t, row, 1, i ? 26 : 130);
        aud_cell_int(t, row, 2, i ? 29 : 220);
        aud_cell_int(t, row, 3, i ? 55 : 350);
        aud_cell_num(t, row, 4, i ? 100.0 * 26 / 55 : 100.0 * 130 / 350);
    }
    static const char *const gcols[] = {"grade", "women", "men", "total", "women_share_pct"};
    static const char *const grades[] = {"A1", "A2", "B1", "B2", "C1"};
    const int64_t gw[] = {60, 45, 30, 17, 4}, gm[] = {70, 60, 55, 44, 20};
    WBF_CHECK(wbf_table(r, "workforce_by_grade", 5, gcols, wfmt, &t));
    aud_table *rep;
    static const char *const rcols[] = {"grade", "women", "men", "women_share_pct"};
    static const aud_colfmt rfmt[] = {AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_PCT};
    WBF_CHECK(wbf_table(r, "representation_by_grade", 4, rcols, rfmt, &rep));
    for (size_t i = 0; i < 5; i++) {
        WBF_CHECK(aud_table_add_row(t, &row));
        aud_cell_str(t, row, 0, grades[i]);
        aud_cell_int(t, row, 1, gw[i]);
        aud_cell_int(t, row, 2, gm[i]);
        aud_cell_int(t, row, 3, gw[i] + gm[i]);
        aud_cell_num(t, row, 4, 100.0 * (double)gw[i] / (double)(gw[i] + gm[i]));
        WBF_CHECK(aud_table_add_row(rep, &row));
        aud_cell_str(rep, row, 0, grades[i]);
        aud_cell_int(rep, row, 1, gw[i]);
        aud_cell_int(rep, row, 2, gm[i]);
        aud_cell_num(rep, row, 3, 100.0 * (double)gw[i] / (double)(gw[i] + gm[i]));
    }
    return AUD_OK;
}

/* Quartiles and pay by category, age band and seniority band. */
static aud_err wbf_pay_tables(aud_results *r)
{
    aud_table *t;
    size_t row;
    static const char *const qcols[] = {"quartile", "size", "women", "men", "women_pct", "min_hourly", "max_hourly"};
    static const aud_colfmt qfmt[] = {AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_PCT,
                                      AUD_COL_MONEY, AUD_COL_MONEY};
    WBF_CHECK(wbf_table(r, "quartiles", 7, qcols, qfmt, &t));
    const int64_t qw[] = {54, 46, 34, 22}, qs[] = {103, 103, 103, 96};
    for (size_t i = 0; i < 4; i++) {
        char q[8];
        snprintf(q, sizeof q, "Q%zu", i + 1);
        WBF_CHECK(aud_table_add_row(t, &row));
        aud_cell_str(t, row, 0, q);
        aud_cell_int(t, row, 1, qs[i]);
        aud_cell_int(t, row, 2, qw[i]);
        aud_cell_int(t, row, 3, qs[i] - qw[i]);
        aud_cell_num(t, row, 4, 100.0 * (double)qw[i] / (double)qs[i]);
        aud_cell_num(t, row, 5, 17.1 + 10.0 * (double)i * (double)i);
        aud_cell_num(t, row, 6, 26.95 + 25.0 * (double)i * (double)i);
    }
    static const char *const pcols[] = {"category", "women", "men", "mean_women", "mean_men", "median_women",
                                        "median_men", "gap_mean_pct", "gap_median_pct"};
    static const aud_colfmt pfmt[] = {AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_MONEY, AUD_COL_MONEY,
                                      AUD_COL_MONEY, AUD_COL_MONEY, AUD_COL_PCT, AUD_COL_PCT};
    static const char *const ptab[] = {"pay_by_category", "pay_by_age_band", "pay_by_seniority_band"};
    static const char *const pfirst[] = {"category", "age_band", "seniority_band"};
    static const char *const sen[] = {"0-1", "2-4", "5-9", "10-19", "20+"};
    for (size_t k = 0; k < 3; k++) {
        const char *cols[9];
        memcpy(cols, pcols, sizeof cols);
        cols[0] = pfirst[k];
        WBF_CHECK(wbf_table(r, ptab[k], 9, cols, pfmt, &t));
        size_t n = k == 0 ? 6 : k == 1 ? 4 : 5;
        for (size_t i = 0; i < n; i++) {
            const char *label = k == 0 ? cats[i] : k == 1 ? ages[i] : sen[i];
            double mw = 52000.0 + 21000.0 * (double)i + 0.37, mm = mw * (1.0 + 0.03 * (double)(i % 4) + 0.01);
            WBF_CHECK(aud_table_add_row(t, &row));
            aud_cell_str(t, row, 0, label);
            aud_cell_int(t, row, 1, k == 0 ? cw[i] : 20 + (int64_t)i);
            aud_cell_int(t, row, 2, k == 0 ? cm[i] : 30 + (int64_t)i);
            if (k == 0 && cw[i] < 3) {   /* too few women: suppressed */
                for (size_t c = 3; c < 9; c++) aud_cell_suppress(t, row, c);
                continue;
            }
            aud_cell_num(t, row, 3, mw);
            aud_cell_num(t, row, 4, mm);
            aud_cell_num(t, row, 5, mw * 0.97);
            aud_cell_num(t, row, 6, mm * 0.96);
            aud_cell_num(t, row, 7, 100.0 * (mm - mw) / mm);
            aud_cell_num(t, row, 8, 100.0 * (mm * 0.96 - mw * 0.97) / (mm * 0.96));
        }
    }
    return AUD_OK;
}

/* Equal-value groups, and a table no sheet knows (its headers collide in English). */
static aud_err wbf_equal_value_tables(aud_results *r)
{
    aud_table *t;
    size_t row;
    static const char *const ecols[] = {"group", "women", "men", "mean_women", "mean_men", "median_women", "median_men",
                                        "base_mean_women", "base_mean_men", "variable_mean_women", "variable_mean_men",
                                        "gap_total_pct", "gap_base_pct", "gap_variable_pct", "flag_5pct"};
    static const aud_colfmt efmt[] = {AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_MONEY, AUD_COL_MONEY,
                                      AUD_COL_MONEY, AUD_COL_MONEY, AUD_COL_MONEY, AUD_COL_MONEY, AUD_COL_MONEY,
                                      AUD_COL_MONEY, AUD_COL_PCT, AUD_COL_PCT, AUD_COL_PCT, AUD_COL_BOOL};
    WBF_CHECK(wbf_table(r, "pay_by_equal_value_group", 15, ecols, efmt, &t));
    const double gaps[] = {2.1, 7.4, -1.3, 5.6, 3.9, 0.4};
    for (size_t i = 0; i < 6; i++) {
        double mm = 60000.0 + 30000.0 * (double)i, mw = mm * (1 - gaps[i] / 100);
        WBF_CHECK(aud_table_add_row(t, &row));
        aud_cell_str(t, row, 0, jobs[i]);
        aud_cell_int(t, row, 1, 5 + (int64_t)i);
        aud_cell_int(t, row, 2, 8 + (int64_t)i);
        aud_cell_num(t, row, 3, mw); aud_cell_num(t, row, 4, mm);
        aud_cell_num(t, row, 5, mw * 0.98); aud_cell_num(t, row, 6, mm * 0.97);
        aud_cell_num(t, row, 7, mw * 0.8); aud_cell_num(t, row, 8, mm * 0.8);
        aud_cell_num(t, row, 9, mw * 0.05); aud_cell_num(t, row, 10, mm * 0.06);
        aud_cell_num(t, row, 11, gaps[i]); aud_cell_num(t, row, 12, gaps[i] * 0.8);
        if (i == 2) aud_cell_suppress(t, row, 13); else aud_cell_num(t, row, 13, gaps[i] * 2.5);
        aud_cell_bool(t, row, 14, gaps[i] >= 5 || gaps[i] <= -5);
    }
    /* a table no sheet knows, with two headers that collide once labelled in English */
    static const char *const xcol[] = {"women", "Women", "note"};
    static const aud_colfmt xfmt[] = {AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_TEXT};
    WBF_CHECK(wbf_table(r, "extra_breakdown", 3, xcol, xfmt, &t));
    for (size_t i = 0; i < 5; i++) {
        WBF_CHECK(aud_table_add_row(t, &row));
        aud_cell_int(t, row, 0, (int64_t)i);
        aud_cell_int(t, row, 1, (int64_t)(2 * i));
        aud_cell_str(t, row, 2, i == 4 ? "+1 (555) 0100" : "ok");
    }
    return AUD_OK;
}

/* Egapro groups and CSPs, regression coefficients, Oaxaca detail. */
static aud_err wbf_egapro_tables(aud_results *r)
{
    aud_table *t;
    size_t row;
    static const char *const gcol2[] = {"csp", "age_band", "women", "men", "valid", "mean_women", "mean_men",
                                        "gap_pct", "gap_after_threshold_pct"};
    static const aud_colfmt gfmt2[] = {AUD_COL_TEXT, AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_BOOL,
                                       AUD_COL_MONEY, AUD_COL_MONEY, AUD_COL_PCT, AUD_COL_PCT};
    WBF_CHECK(wbf_table(r, "egapro_groups", 9, gcol2, gfmt2, &t));
    for (size_t c = 0; c < 4; c++)
        for (size_t a = 0; a < 4; a++) {
            WBF_CHECK(aud_table_add_row(t, &row));
            aud_cell_str(t, row, 0, cats[c]);
            aud_cell_str(t, row, 1, ages[a]);
            int64_t w = (int64_t)(2 + 3 * c + a), m = (int64_t)(4 + 2 * c + 2 * a);
            aud_cell_int(t, row, 2, w); aud_cell_int(t, row, 3, m);
            aud_cell_bool(t, row, 4, w >= 3 && m >= 3);
            aud_cell_num(t, row, 5, 50000.0 + 9000.0 * (double)(c * 4 + a));
            aud_cell_num(t, row, 6, 53000.0 + 9500.0 * (double)(c * 4 + a));
            double g = 100.0 * (3000.0 + 500.0 * (double)(c * 4 + a)) / (53000.0 + 9500.0 * (double)(c * 4 + a));
            aud_cell_num(t, row, 7, g);
            aud_cell_num(t, row, 8, g > 5 ? g - 5 : 0);
        }
    static const char *const ccol[] = {"csp", "women", "men", "raised_women_pct", "raised_men_pct",
                                       "promoted_women_pct", "promoted_men_pct"};
    static const aud_colfmt cfmt[] = {AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_PCT, AUD_COL_PCT,
                                      AUD_COL_PCT, AUD_COL_PCT};
    WBF_CHECK(wbf_table(r, "egapro_csp", 7, ccol, cfmt, &t));
    for (size_t c = 0; c < 4; c++) {
        WBF_CHECK(aud_table_add_row(t, &row));
        aud_cell_str(t, row, 0, cats[c]);
        aud_cell_int(t, row, 1, cw[c]); aud_cell_int(t, row, 2, cm[c]);
        aud_cell_num(t, row, 3, 30.0 + (double)c); aud_cell_num(t, row, 4, 34.0 + (double)c);
        aud_cell_num(t, row, 5, 5.0 + (double)c); aud_cell_num(t, row, 6, 7.5 + (double)c);
    }
    static const char *const kcol[] = {"term", "coef", "se", "t", "p"};
    static const aud_colfmt kfmt[] = {AUD_COL_TEXT, AUD_COL_PVALUE, AUD_COL_PVALUE, AUD_COL_RATIO, AUD_COL_PVALUE};
    static const char *const terms[] = {"(intercept)", "female", "age", "age²", "seniority", "seniority²",
                                        "category: Employés", "category: Techniciens et agents de maîtrise",
                                        "category: Ingénieurs et cadres"};
    WBF_CHECK(wbf_table(r, "regression_coefficients", 5, kcol, kfmt, &t));
    for (size_t i = 0; i < 9; i++) {
        double b = i == 0 ? 10.123456789 : i == 1 ? -0.067891234567890123 : 0.01 * (double)i;
        double se = 0.004 + 0.002 * (double)i;
        WBF_CHECK(aud_table_add_row(t, &row));
        aud_cell_str(t, row, 0, terms[i]);
        aud_cell_num(t, row, 1, b); aud_cell_num(t, row, 2, se); aud_cell_num(t, row, 3, b / se);
        aud_cell_num(t, row, 4, i == 3 ? 0.41 : 0.0001 * (double)(i + 1));
    }
    static const char *const ocol[] = {"block", "explained", "unexplained"};
    static const aud_colfmt ofmt[] = {AUD_COL_TEXT, AUD_COL_PVALUE, AUD_COL_PVALUE};
    static const char *const blocks[] = {"age", "seniority", "category"};
    WBF_CHECK(wbf_table(r, "oaxaca_detail", 3, ocol, ofmt, &t));
    for (size_t i = 0; i < 3; i++) {
        WBF_CHECK(aud_table_add_row(t, &row));
        aud_cell_str(t, row, 0, blocks[i]);
        aud_cell_num(t, row, 1, 0.02 * (double)(i + 1));
        aud_cell_num(t, row, 2, 0.01 * (double)(3 - i));
    }
    return AUD_OK;
}

/* Promotion, raise and hiring tables and the funnel. */
static aud_err wbf_selection_tables(aud_results *r)
{
    aud_table *t;
    size_t row;
    static const char *const scol[] = {"category", "eligible_women", "eligible_men", "selected_women", "selected_men",
                                       "rate_women_pct", "rate_men_pct", "rate_ratio", "impact_ratio", "four_fifths",
                                       "z", "z_p", "fisher_p", "shortfall"};
    static const aud_colfmt sfmt[] = {AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_COUNT, AUD_COL_COUNT,
                                      AUD_COL_PCT, AUD_COL_PCT, AUD_COL_RATIO, AUD_COL_RATIO, AUD_COL_BOOL,
                                      AUD_COL_RATIO, AUD_COL_PVALUE, AUD_COL_PVALUE, AUD_COL_MONEY};
    static const char *const stab[] = {"promotion_by_category", "raise_by_category", "hiring_by_stage", "hiring_by_job"};
    static const char *const sfirst[] = {"category", "category", "stage", "job"};
    static const char *const stages[] = {"screened", "interviewed", "offered", "hired"};
    for (size_t k = 0; k < 4; k++) {
        const char *cols[14];
        memcpy(cols, scol, sizeof cols);
        cols[0] = sfirst[k];
        WBF_CHECK(wbf_table(r, stab[k], 14, cols, sfmt, &t));
        for (size_t i = 0; i < 4; i++) {
            double ew = 40.0 + 10.0 * (double)i, em = 60.0 + 5.0 * (double)i;
            double sw = 3.0 + (double)i, sm = 6.0 + (double)(i % 2);
            double rw = sw / ew, rm = sm / em;
            WBF_CHECK(aud_table_add_row(t, &row));
            aud_cell_str(t, row, 0, k == 2 ? stages[i] : k == 3 ? jobs[i] : cats[i]);
            aud_cell_int(t, row, 1, (int64_t)ew); aud_cell_int(t, row, 2, (int64_t)em);
            aud_cell_int(t, row, 3, (int64_t)sw); aud_cell_int(t, row, 4, (int64_t)sm);
            aud_cell_num(t, row, 5, 100 * rw); aud_cell_num(t, row, 6, 100 * rm);
            aud_cell_num(t, row, 7, rw / rm);
            aud_cell_num(t, row, 8, rw < rm ? rw / rm : rm / rw);
            aud_cell_bool(t, row, 9, (rw < rm ? rw / rm : rm / rw) < 0.8);
            aud_cell_num(t, row, 10, -1.1 + 0.3 * (double)i);
            aud_cell_num(t, row, 11, 0.27 + 0.1 * (double)i);
            aud_cell_num(t, row, 12, 0.31 + 0.1 * (double)i);
            aud_cell_num(t, row, 13, ew * rm - sw);
        }
    }
    static const char *const fcol[] = {"stage", "women", "men"};
    static const aud_colfmt ffmt[] = {AUD_COL_TEXT, AUD_COL_COUNT, AUD_COL_COUNT};
    static const char *const fst[] = {"applied", "screened", "interviewed", "offered", "hired"};
    const int64_t fw[] = {520, 210, 64, 14, 11}, fm[] = {730, 320, 101, 24, 20};
    WBF_CHECK(wbf_table(r, "hiring_funnel", 3, fcol, ffmt, &t));
    for (size_t i = 0; i < 5; i++) {
        WBF_CHECK(aud_table_add_row(t, &row));
        aud_cell_str(t, row, 0, fst[i]);
        aud_cell_int(t, row, 1, fw[i]);
        aud_cell_int(t, row, 2, fm[i]);
    }
    return AUD_OK;
}

static aud_err wbf_tables(aud_results *r, int sparse)
{
    WBF_CHECK(wbf_workforce_tables(r));
    WBF_CHECK(wbf_pay_tables(r));
    WBF_CHECK(wbf_equal_value_tables(r));
    if (sparse) return AUD_OK;
    WBF_CHECK(wbf_egapro_tables(r));
    return wbf_selection_tables(r);
}

/* Fill d, o and r. templates: the templates folder. */
static aud_err wbf_build(aud_dataset *d, aud_options *o, aud_results *r, const char *templates,
                         aud_lang lang, int sparse, size_t extra_findings)
{
    aud_options_defaults(o);
    o->lang = lang;
    o->templates_dir = templates;
    o->employer = "Atlas Textiles & Confection SARL";
    o->sector = "C13 – Fabrication de textiles";
    o->region = "Casablanca-Settat";
    o->period_start = aud_days_from_civil(2025, 1, 1);
    o->period_end = aud_days_from_civil(2025, 12, 31);
    o->period_given = true;
    o->source_date_epoch = 1767225600;
    r->min_cell = o->min_cell;
    WBF_CHECK(wbf_dataset(d, extra_findings));
    WBF_CHECK(wbf_metrics(r, sparse));
    WBF_CHECK(wbf_tables(r, sparse));
    WBF_CHECK(aud_results_note(r, "csp_mapping", "All categories map to the four Egapro CSPs."));
    WBF_CHECK(aud_results_note(r, "excluded_regression", "7 rows without a birth date were left out of the regression."));
    WBF_CHECK(aud_results_note(r, "dropped_columns", "education: constant in the extract, dropped from the design."));
    return AUD_OK;
}

#endif
