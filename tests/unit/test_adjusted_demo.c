/* test_adjusted_demo.c - METRICS.md §4-§5 on the real demo extract, checked
 * against an independent computation: the design is rebuilt here from the
 * dataset and the §0 measures (not through design.h), and every regression
 * is solved by modified Gram-Schmidt with re-orthogonalisation in long
 * double, dropping a column whose remaining norm falls below 1e-7 of its
 * own norm (lm's rule, in the stated column order). The module streams a
 * double-precision Householder factor instead, so agreement to 1e-8
 * relative means both implement the same definitions. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>

#include "compute.h"
#include "dataset.h"
#include "demo.h"
#include "ingest.h"
#include "measures.h"
#include "movements.h"
#include "options.h"
#include "results.h"
#include "smig.h"

#define REL_TOL 1e-8
#define SUM_TOL 1e-12
#define DROP_TOL 1e-7L

/* ---- a dense design, column-major, long double ------------------------- */

typedef struct mat {
    size_t n, p;
    long double *x;      /* p columns of n */
    long double *y;
} mat;

static long double *col(const mat *M, size_t j) { return &M->x[j * M->n]; }

static void mat_init(mat *M, size_t n, size_t p)
{
    M->n = n;
    M->p = p;
    M->x = calloc((n ? n : 1) * (p ? p : 1), sizeof *M->x);
    M->y = calloc(n ? n : 1, sizeof *M->y);
    assert_non_null(M->x);
    assert_non_null(M->y);
}

static void mat_free(mat *M) { free(M->x); free(M->y); }

static long double dot(const long double *a, const long double *b, size_t n)
{
    long double s = 0;
    for (size_t i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

/* The fit of y on all columns of M. */
typedef struct fit {
    size_t p, rank, n;
    bool *dropped;
    long double *coef;   /* 0 for a dropped column */
    long double *var;    /* diag of (X'X)^-1 on kept columns */
    long double rss, df;
} fit;

static void fit_free(fit *f) { free(f->dropped); free(f->coef); free(f->var); }

/* One Gram-Schmidt sweep of v against the kept columns, twice ("twice is
 * enough"), accumulating the projections into rcol. */
static void orthogonalise(long double *v, long double *const *q, size_t r, size_t n, long double *rcol)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < r; k++) {
            long double c = dot(q[k], v, n);
            rcol[k] += c;
            for (size_t i = 0; i < n; i++) v[i] -= c * q[k][i];
        }
}

static void mgs_fit(const mat *M, fit *f)
{
    size_t n = M->n, p = M->p;
    f->p = p;
    f->n = n;
    f->dropped = calloc(p, sizeof *f->dropped);
    f->coef = calloc(p, sizeof *f->coef);
    f->var = calloc(p, sizeof *f->var);
    long double **q = calloc(p, sizeof *q);
    long double *R = calloc(p * p, sizeof *R);     /* R[k * p + r]: row k, kept column r */
    size_t *kept = calloc(p, sizeof *kept);
    long double *v = malloc(n * sizeof *v), *rc = calloc(p, sizeof *rc);
    assert_true(f->dropped && f->coef && f->var && q && R && kept && v && rc);
    size_t r = 0;
    for (size_t j = 0; j < p; j++) {
        memcpy(v, col(M, j), n * sizeof *v);
        long double norm0 = sqrtl(dot(v, v, n));
        memset(rc, 0, p * sizeof *rc);
        orthogonalise(v, q, r, n, rc);
        long double norm = sqrtl(dot(v, v, n));
        if (!(norm0 > 0) || norm < DROP_TOL * norm0) { f->dropped[j] = true; continue; }
        q[r] = malloc(n * sizeof **q);
        assert_non_null(q[r]);
        for (size_t i = 0; i < n; i++) q[r][i] = v[i] / norm;
        for (size_t k = 0; k < r; k++) R[k * p + r] = rc[k];
        R[r * p + r] = norm;
        kept[r++] = j;
    }
    /* Q'y, and the residual as y orthogonalised against Q. */
    long double *qty = calloc(p, sizeof *qty), *b = calloc(p, sizeof *b);
    assert_true(qty && b);
    memcpy(v, M->y, n * sizeof *v);
    orthogonalise(v, q, r, n, qty);
    f->rss = dot(v, v, n);
    f->rank = r;
    f->df = (long double)n - (long double)r;
    for (size_t k = r; k-- > 0;) {
        long double s = qty[k];
        for (size_t l = k + 1; l < r; l++) s -= R[k * p + l] * b[l];
        b[k] = s / R[k * p + k];
    }
    /* (X'X)^-1 = R^-1 R^-T: its diagonal entry k is the squared norm of row k of R^-1. */
    long double *Ri = calloc(p * p, sizeof *Ri);
    assert_non_null(Ri);
    for (size_t c = 0; c < r; c++)          /* column c of R^-1 */
        for (size_t k = c + 1; k-- > 0;) {
            long double s = k == c ? 1.0L : 0.0L;
            for (size_t l = k + 1; l <= c; l++) s -= R[k * p + l] * Ri[l * p + c];
            Ri[k * p + c] = s / R[k * p + k];
        }
    for (size_t k = 0; k < r; k++) {
        long double s = 0;
        for (size_t c = k; c < r; c++) s += Ri[k * p + c] * Ri[k * p + c];
        f->coef[kept[k]] = b[k];
        f->var[kept[k]] = s;
    }
    for (size_t k = 0; k < r; k++) free(q[k]);
    free(q); free(R); free(kept); free(v); free(rc); free(qty); free(b); free(Ri);
}

/* ---- the standard design, rebuilt from the dataset --------------------- */

#define NCAT 3

typedef struct lev {
    size_t n;
    uint32_t *key;          /* level -> interned id, sorted by bytes */
    size_t *nf, *nm;        /* rows used per level and sex */
} lev;

typedef struct design {
    bool age, sen;
    size_t ncat;
    const uint32_t *catcol[NCAT];
    lev L[NCAT];
    size_t nrows, *rows;     /* workforce rows used */
} design;

static const aud_dataset *sort_ds;

static int cmp_bytes(const void *a, const void *b)
{
    const unsigned char *x = (const unsigned char *)aud_dataset_str(sort_ds, *(const uint32_t *)a);
    const unsigned char *y = (const unsigned char *)aud_dataset_str(sort_ds, *(const uint32_t *)b);
    size_t lx = strlen((const char *)x), ly = strlen((const char *)y);
    int c = memcmp(x, y, lx < ly ? lx : ly);
    return c ? c : (lx > ly) - (lx < ly);
}

static size_t level_of(const lev *L, uint32_t key)
{
    for (size_t l = 0; l < L->n; l++)
        if (L->key[l] == key) return l;
    return SIZE_MAX;
}

static bool has_pay(const aud_measures *m, size_t i)
{
    return m->in_pop[i] && m->nopay[i] == AUD_NOPAY_NONE && isfinite(m->pay_fte[i]) && m->pay_fte[i] > 0;
}

/* A control is present when some candidate row carries a value of it. */
static void design_controls(design *D, const aud_dataset *d, const aud_measures *m)
{
    const aud_workforce *w = &d->wf;
    const uint32_t *cats[NCAT] = {w->category, w->grade, w->education};
    bool present[NCAT] = {false, false, false};
    for (size_t i = 0; i < w->n; i++) {
        if (!has_pay(m, i)) continue;
        if (m->age[i] >= 0) D->age = true;
        if (m->seniority[i] >= 0) D->sen = true;
        for (size_t c = 0; c < NCAT; c++)
            if (cats[c][i] != 0) present[c] = true;
    }
    for (size_t c = 0; c < NCAT; c++)
        if (present[c]) D->catcol[D->ncat++] = cats[c];
}

static void design_build(design *D, const aud_dataset *d, const aud_measures *m)
{
    memset(D, 0, sizeof *D);
    design_controls(D, d, m);
    const aud_workforce *w = &d->wf;
    D->rows = malloc(w->n * sizeof *D->rows);
    assert_non_null(D->rows);
    for (size_t i = 0; i < w->n; i++) {
        if (!has_pay(m, i)) continue;
        if ((D->age && m->age[i] < 0) || (D->sen && m->seniority[i] < 0)) continue;
        bool ok = true;
        for (size_t c = 0; c < D->ncat; c++) ok = ok && D->catcol[c][i] != 0;
        if (!ok) continue;
        assert_true(w->sex[i] == AUD_SEX_F || w->sex[i] == AUD_SEX_M);
        D->rows[D->nrows++] = i;
    }
    sort_ds = d;
    for (size_t c = 0; c < D->ncat; c++) {
        lev *L = &D->L[c];
        L->key = malloc(D->nrows * sizeof *L->key);
        assert_non_null(L->key);
        for (size_t r = 0; r < D->nrows; r++) {
            uint32_t k = D->catcol[c][D->rows[r]];
            if (level_of(L, k) == SIZE_MAX) L->key[L->n++] = k;
        }
        qsort(L->key, L->n, sizeof *L->key, cmp_bytes);
        L->nf = calloc(L->n, sizeof *L->nf);
        L->nm = calloc(L->n, sizeof *L->nm);
        assert_true(L->nf && L->nm);
        for (size_t r = 0; r < D->nrows; r++) {
            size_t i = D->rows[r], l = level_of(L, D->catcol[c][i]);
            (w->sex[i] == AUD_SEX_F ? L->nf : L->nm)[l]++;
        }
    }
}

static void design_free(design *D)
{
    for (size_t c = 0; c < D->ncat; c++) { free(D->L[c].key); free(D->L[c].nf); free(D->L[c].nm); }
    free(D->rows);
}

static bool common_level(const lev *L, size_t l) { return L->nf[l] > 0 && L->nm[l] > 0; }

/* Which dummies a layout carries: every level but the first (all levels), or
 * every common level but the first common one (Oaxaca). */
static size_t dummy_count(const design *D, bool common)
{
    size_t k = 0;
    for (size_t c = 0; c < D->ncat; c++) {
        size_t nl = 0;
        for (size_t l = 0; l < D->L[c].n; l++) nl += !common || common_level(&D->L[c], l);
        k += nl ? nl - 1 : 0;
    }
    return k;
}

/* Fill row r of M from workforce row i: intercept, [female], continuous,
 * dummies. */
static void fill_row(const design *D, const aud_dataset *d, const aud_measures *m, size_t i,
                     bool female_col, bool common, mat *M, size_t r)
{
    size_t j = 0;
    col(M, j++)[r] = 1;
    if (female_col) col(M, j++)[r] = d->wf.sex[i] == AUD_SEX_F;
    long double a = m->age[i], s = m->seniority[i];
    if (D->age) { col(M, j++)[r] = a; col(M, j++)[r] = a * a; }
    if (D->sen) { col(M, j++)[r] = s; col(M, j++)[r] = s * s; }
    for (size_t c = 0; c < D->ncat; c++) {
        const lev *L = &D->L[c];
        size_t mine = level_of(L, D->catcol[c][i]);
        bool first = true;
        for (size_t l = 0; l < L->n; l++) {
            if (common && !common_level(L, l)) continue;
            if (first) { first = false; continue; }
            col(M, j++)[r] = l == mine;
        }
    }
    assert_int_equal(j, M->p);
    M->y[r] = logl((long double)m->pay_fte[i]);
}

static bool row_common(const design *D, size_t i)
{
    for (size_t c = 0; c < D->ncat; c++)
        if (!common_level(&D->L[c], level_of(&D->L[c], D->catcol[c][i]))) return false;
    return true;
}

/* Sex 0 all, 1 women, 2 men; common restricts to the common support. */
static void build_matrix(const design *D, const aud_dataset *d, const aud_measures *m, int sex, bool common,
                         bool female_col, mat *M)
{
    size_t n = 0;
    size_t ncont = 1 + female_col + (D->age ? 2 : 0) + (D->sen ? 2 : 0);
    mat_init(M, D->nrows, ncont + dummy_count(D, common));
    for (size_t r = 0; r < D->nrows; r++) {
        size_t i = D->rows[r];
        if (sex == 1 && d->wf.sex[i] != AUD_SEX_F) continue;
        if (sex == 2 && d->wf.sex[i] != AUD_SEX_M) continue;
        if (common && !row_common(D, i)) continue;
        fill_row(D, d, m, i, female_col, common, M, n++);
    }
    /* compact the columns to n rows */
    for (size_t j = 1; j < M->p; j++) memmove(&M->x[j * n], &M->x[j * M->n], n * sizeof *M->x);
    M->n = n;
}

static void col_means(const mat *M, long double *xbar, long double *ybar)
{
    for (size_t j = 0; j < M->p; j++) {
        long double s = 0;
        for (size_t i = 0; i < M->n; i++) s += col(M, j)[i];
        xbar[j] = s / (long double)M->n;
    }
    long double s = 0;
    for (size_t i = 0; i < M->n; i++) s += M->y[i];
    *ybar = s / (long double)M->n;
}

/* ---- the audit run ------------------------------------------------------ */

typedef struct audit {
    char dir[64];
    aud_options o;
    aud_dataset *d;
    aud_measures m;
    aud_results *r;
    const char *files[1];
    char *wf;
} audit;

static void audit_run(audit *A)
{
    memset(A, 0, sizeof *A);
    snprintf(A->dir, sizeof A->dir, "/tmp/musawat-adjdemo-XXXXXX");
    assert_non_null(mkdtemp(A->dir));
    /* `musawat demo`'s workforce file: 800 employees, seed 1, year 2025. */
    aud_demo_spec s = {.dir = A->dir, .employees = 800, .applicants = 0, .seed = 1, .year = 2025,
                       .employer = "demo", .no_applicants = 1};
    char *ap = NULL;
    aud_diag diag;
    aud_diag_clear(&diag);
    assert_int_equal(aud_demo_generate(&s, &A->wf, &ap, &diag), AUD_OK);
    free(ap);
    aud_options_defaults(&A->o);
    const char *t = getenv("MUSAWAT_TEMPLATES");
    A->o.templates_dir = t && *t ? t : "templates";
    assert_int_equal(aud_options_parse_period(&A->o, "2025", &diag), AUD_OK);
    A->files[0] = A->wf;
    A->o.files = A->files;
    A->o.nfiles = 1;
    A->d = aud_dataset_new();
    A->r = aud_results_new();
    assert_true(A->d && A->r);
    assert_int_equal(aud_smig_resolve(&A->o, &diag), AUD_OK);
    assert_int_equal(aud_ingest(&A->o, A->d, &diag), AUD_OK);
    assert_int_equal(aud_movements_derive(A->d, &A->o, &diag), AUD_OK);
    assert_int_equal(aud_measures_compute(A->d, &A->o, &A->m), AUD_OK);
    assert_int_equal(aud_compute(A->d, &A->o, A->r, &diag), AUD_OK);
}

static void audit_free(audit *A)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", A->dir);
    assert_int_equal(system(cmd), 0);
    aud_measures_free(&A->m);
    aud_dataset_free(A->d);
    aud_results_free(A->r);
    free(A->wf);
}

/* ---- comparisons --------------------------------------------------------- */

static double worst_rel;

static double rel(double got, long double want)
{
    long double den = fabsl(want) > 0 ? fabsl(want) : 1.0L;
    return (double)(fabsl((long double)got - want) / den);
}

static void check(const aud_results *r, const char *id, long double want)
{
    double got = aud_results_num(r, id);
    assert_true(isfinite(got));
    double e = rel(got, want);
    printf("  %-28s module %.17g  independent %.17Lg  rel %.3g\n", id, got, want, e);
    if (e > worst_rel) worst_rel = e;
    if (!(e <= REL_TOL)) fail_msg("%s: %.17g vs %.17Lg (rel %.3g)", id, got, want, e);
}

static int rating(long double p, long double kennedy)
{
    if (p > 0.05L) return 1;
    double kp = floor(fabs((double)kennedy) * 1000.0) / 10.0;   /* % to one decimal, truncated */
    return kp <= 2.5 ? 2 : kp <= 5.0 ? 3 : 4;
}

/* ---- §4 ------------------------------------------------------------------- */

static void test_regression_matches(void **state)
{
    (void)state;
    audit A;
    audit_run(&A);
    design D;
    design_build(&D, A.d, &A.m);
    assert_true(D.age && D.sen && D.ncat >= 1);    /* the demo has the full standard model */
    mat M;
    build_matrix(&D, A.d, &A.m, 0, false, true, &M);
    fit f;
    mgs_fit(&M, &f);
    assert_false(f.dropped[1]);
    long double theta = f.coef[1], sx = f.rss / f.df, se = sqrtl(sx * f.var[1]);
    long double t = theta / se;
    long double p = 2.0L * gsl_cdf_tdist_Q(fabs((double)t), (double)f.df);
    long double ybar, *xbar = malloc(M.p * sizeof *xbar), tss = 0;
    assert_non_null(xbar);
    col_means(&M, xbar, &ybar);
    for (size_t i = 0; i < M.n; i++) tss += (M.y[i] - ybar) * (M.y[i] - ybar);
    long double kennedy = expl(theta - se * se / 2) - 1;
    printf("  design: %zu rows, %zu columns, rank %zu\n", M.n, M.p, f.rank);
    worst_rel = 0;
    const aud_metric *model = aud_results_get(A.r, "adjusted_gap_model");
    assert_non_null(model);
    assert_string_equal(model->v.str, "standard");
    assert_int_equal((size_t)aud_results_num(A.r, "adjusted_gap_n"), M.n);
    assert_int_equal((long double)aud_results_num(A.r, "adjusted_gap_df"), f.df);
    check(A.r, "adjusted_gap_n", (long double)M.n);
    check(A.r, "adjusted_gap_df", f.df);
    check(A.r, "adjusted_gap_coef", theta);
    check(A.r, "adjusted_gap_se", se);
    check(A.r, "adjusted_gap_t", t);
    check(A.r, "adjusted_gap_p", p);
    check(A.r, "adjusted_gap_r2", 1 - f.rss / tss);
    check(A.r, "adjusted_gap_pct", 100 * kennedy);
    assert_int_equal((int)aud_results_num(A.r, "adjusted_gap_rating"), rating(p, kennedy));
    /* the same columns dropped as aliased, in the same order */
    const aud_table *ct = aud_results_table(A.r, "regression_coefficients");
    assert_non_null(ct);
    assert_int_equal(ct->nrows, M.p);
    int dcol = aud_table_col(ct, "dropped");
    assert_true(dcol >= 0);
    for (size_t j = 0; j < M.p; j++) assert_int_equal(aud_table_cell_c(ct, j, (size_t)dcol)->b, f.dropped[j]);
    printf("  rating %d; max relative difference (regression) %.3g\n", rating(p, kennedy), worst_rel);
    free(xbar);
    fit_free(&f);
    mat_free(&M);
    design_free(&D);
    audit_free(&A);
}

/* ---- §5 ------------------------------------------------------------------- */

static long double combine(const long double *x, const long double *b, size_t k)
{
    long double s = 0;
    for (size_t j = 0; j < k; j++) s += x[j] * b[j];
    return s;
}

static void test_oaxaca_matches(void **state)
{
    (void)state;
    audit A;
    audit_run(&A);
    design D;
    design_build(&D, A.d, &A.m);
    mat MA, MB, MP;
    build_matrix(&D, A.d, &A.m, 2, true, false, &MA);
    build_matrix(&D, A.d, &A.m, 1, true, false, &MB);
    build_matrix(&D, A.d, &A.m, 0, true, true, &MP);
    assert_int_equal(MA.n + MB.n, MP.n);
    assert_int_equal((size_t)aud_results_num(A.r, "oaxaca_n_men"), MA.n);
    assert_int_equal((size_t)aud_results_num(A.r, "oaxaca_n_women"), MB.n);
    assert_int_equal((size_t)aud_results_num(A.r, "oaxaca_rows_excluded"), D.nrows - MP.n);
    fit fA, fB, fP;
    mgs_fit(&MA, &fA);
    mgs_fit(&MB, &fB);
    mgs_fit(&MP, &fP);
    size_t k = MA.p;
    long double *xa = malloc(k * sizeof *xa), *xb = malloc(k * sizeof *xb), ya, yb;
    long double *bS = malloc(k * sizeof *bS), *dx = malloc(k * sizeof *dx), *dB = malloc(k * sizeof *dB);
    long double *bAS = malloc(k * sizeof *bAS), *bSB = malloc(k * sizeof *bSB);
    assert_true(xa && xb && bS && dx && dB && bAS && bSB);
    col_means(&MA, xa, &ya);
    col_means(&MB, xb, &yb);
    for (size_t j = 0; j < k; j++) {
        bS[j] = fP.coef[j == 0 ? 0 : j + 1];       /* pooled: the group dummy sits after the intercept */
        dx[j] = xa[j] - xb[j];
        dB[j] = fA.coef[j] - fB.coef[j];
        bAS[j] = fA.coef[j] - bS[j];
        bSB[j] = bS[j] - fB.coef[j];
    }
    long double gap = ya - yb;
    long double expl_ = combine(dx, bS, k);
    long double unex = combine(xa, bAS, k) + combine(xb, bSB, k);
    long double endw = combine(dx, fB.coef, k), coefs = combine(xb, dB, k), inter = combine(dx, dB, k);
    printf("  oaxaca: %zu men, %zu women, %zu columns (ranks %zu, %zu, pooled %zu)\n", MA.n, MB.n, k,
           fA.rank, fB.rank, fP.rank);
    /* the independent parts add up on their own */
    assert_true(fabsl(expl_ + unex - gap) <= SUM_TOL * fabsl(gap));
    assert_true(fabsl(endw + coefs + inter - gap) <= SUM_TOL * fabsl(gap));
    worst_rel = 0;
    check(A.r, "oaxaca_gap", gap);
    check(A.r, "oaxaca_explained", expl_);
    check(A.r, "oaxaca_unexplained", unex);
    check(A.r, "oaxaca_endowments", endw);
    check(A.r, "oaxaca_coefficients", coefs);
    check(A.r, "oaxaca_interaction", inter);
    check(A.r, "oaxaca_unexplained_share_pct", 100 * unex / gap);
    printf("  max relative difference (decomposition) %.3g\n", worst_rel);
    /* the module's own parts add up to its gap */
    double g = aud_results_num(A.r, "oaxaca_gap");
    double two = aud_results_num(A.r, "oaxaca_explained") + aud_results_num(A.r, "oaxaca_unexplained");
    double three = aud_results_num(A.r, "oaxaca_endowments") + aud_results_num(A.r, "oaxaca_coefficients") +
                   aud_results_num(A.r, "oaxaca_interaction");
    printf("  module sums: twofold rel %.3g, threefold rel %.3g\n", fabs(two - g) / fabs(g), fabs(three - g) / fabs(g));
    assert_true(fabs(two - g) <= SUM_TOL * fabs(g));
    assert_true(fabs(three - g) <= SUM_TOL * fabs(g));
    free(xa); free(xb); free(bS); free(dx); free(dB); free(bAS); free(bSB);
    fit_free(&fA); fit_free(&fB); fit_free(&fP);
    mat_free(&MA); mat_free(&MB); mat_free(&MP);
    design_free(&D);
    audit_free(&A);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regression_matches),
        cmocka_unit_test(test_oaxaca_matches),
    };
    return cmocka_run_group_tests_name("adjusted_demo", tests, NULL, NULL);
}
