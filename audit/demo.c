/* demo.c - synthetic extract generator.
 *
 * Everything comes from splitmix64 streams seeded by spec->seed (one per
 * file), drawn in a fixed order with IEEE arithmetic only (no libm), so the
 * same spec gives the same bytes on every machine. Rows
 * are formatted by hand into one reusable buffer (no per-row allocation, no
 * printf) because the same code writes the 10-million-row bench files.
 * Text constants are written in UTF-8 here and turned into Windows-1252 bytes
 * on output, which is what French Windows Excel saves as "CSV (;)". */
#define _POSIX_C_SOURCE 200809L
#include "demo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dataset.h"
#include "outfile.h"

/* ---- random numbers ---------------------------------------------------- */

typedef struct rng { uint64_t s; } rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double rng_u(rng *r) { return (double)(rng_next(r) >> 11) * 0x1.0p-53; }
static int rng_int(rng *r, int lo, int hi) { return lo + (int)(rng_u(r) * (double)(hi - lo + 1)); }
static int rng_bern(rng *r, double p) { return rng_u(r) < p; }

/* Approximately standard normal (Irwin-Hall: sum of 12 uniforms - 6). Only
 * IEEE arithmetic, no libm, so the bytes do not depend on the maths library. */
static double rng_normal(rng *r)
{
    double t = 0;
    for (int i = 0; i < 12; i++) t += rng_u(r);
    return t - 6.0;
}

static int pick_u(double u, const double *w, int n)
{
    double t = 0;
    for (int i = 0; i < n; i++) t += w[i];
    double x = u * t;
    for (int i = 0; i < n; i++) {
        if (x < w[i]) return i;
        x -= w[i];
    }
    return n - 1;
}

static int rng_pick(rng *r, const double *w, int n) { return pick_u(rng_u(r), w, n); }

/* Sex, category and promotion use Weyl sequences frac(off + i * alpha) rather
 * than independent draws: the shares are then met closely even for a few
 * hundred employees, so the small default demo shows its built-in gaps for
 * any seed. Distinct irrational steps keep the three streams independent. */
typedef struct strata { double off[3]; } strata;

static double weyl(const strata *s, int k, size_t i)
{
    static const double alpha[3] = {0.6180339887498949, 0.4142135623730951, 0.7320508075688772};
    double v = s->off[k] + (double)i * alpha[k];
    return v - (double)(uint64_t)v;
}

/* ---- buffered cp1252 writer --------------------------------------------- */

#define WB_CAP (1u << 20)

typedef struct wbuf {
    FILE *f;
    char *p;
    size_t n;
    int err;
} wbuf;

static void wb_flush(wbuf *w)
{
    if (w->n && fwrite(w->p, 1, w->n, w->f) != w->n) w->err = 1;
    w->n = 0;
}

/* Rows are far below 4 KiB, so a flush check once per row suffices. */
static void wb_row_end(wbuf *w)
{
    w->p[w->n++] = '\r';
    w->p[w->n++] = '\n';
    if (w->n > WB_CAP - 4096) wb_flush(w);
}

/* UTF-8 Latin-1 range -> cp1252 (identical code points for U+00A0..U+00FF). */
static void wb_text(wbuf *w, const char *s)
{
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        if (*u == 0xC3 && u[1]) w->p[w->n++] = (char)(u[1] + 0x40), u++;
        else if (*u == 0xC2 && u[1]) w->p[w->n++] = (char)u[1], u++;
        else w->p[w->n++] = (char)*u;
    }
}

static void wb_sep(wbuf *w) { w->p[w->n++] = ';'; }
static void wb_field(wbuf *w, const char *s) { wb_text(w, s); wb_sep(w); }

static void wb_uint(wbuf *w, uint64_t v, int width)
{
    char t[24];
    int k = 0;
    do { t[k++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (k < width) t[k++] = '0';
    while (k) w->p[w->n++] = t[--k];
}

static void wb_date(wbuf *w, int32_t days)
{
    int y, m, d;
    aud_civil_from_days(days, &y, &m, &d);
    wb_uint(w, (uint64_t)d, 2); w->p[w->n++] = '/';
    wb_uint(w, (uint64_t)m, 2); w->p[w->n++] = '/';
    wb_uint(w, (uint64_t)y, 4);
}

/* Money in centimes as "12345,60" or, with group, "12 345,60". */
static void wb_money(wbuf *w, int64_t cents, int group)
{
    if (cents < 0) { w->p[w->n++] = '-'; cents = -cents; }
    uint64_t units = (uint64_t)cents / 100;
    if (group && units >= 1000) {
        wb_uint(w, units / 1000, 0);
        w->p[w->n++] = ' ';
        wb_uint(w, units % 1000, 3);
    } else {
        wb_uint(w, units, 0);
    }
    w->p[w->n++] = ',';
    wb_uint(w, (uint64_t)cents % 100, 2);
}

/* ---- reference tables --------------------------------------------------- */

enum { CAT_CADRE, CAT_AM, CAT_EMP, CAT_OUV, NCAT };

static const char *const cat_name[NCAT] = {"Cadres", "Agents de maîtrise", "Employés", "Ouvriers"};
static const int cat_ech_lo[NCAT] = {10, 7, 4, 1};
static const double cat_base[NCAT] = {17500, 9300, 5900, 4150};

typedef struct job_def {
    const char *name, *dept;
    int cat;
    double mult, w_f, w_m;
} job_def;

static const job_def jobs[] = {
    {"Ingénieur process", "Production", CAT_CADRE, 1.05, 1, 3},
    {"Responsable RH", "Ressources humaines", CAT_CADRE, 1.00, 3, 2},
    {"Contrôleur de gestion", "Finance", CAT_CADRE, 1.00, 2, 2},
    {"Directeur d'usine", "Direction générale", CAT_CADRE, 1.60, 0.2, 1},
    {"Chef de projet informatique", "Informatique", CAT_CADRE, 1.10, 1, 2},
    {"Responsable commercial", "Commercial", CAT_CADRE, 1.15, 1, 2},
    {"Chef d'équipe", "Production", CAT_AM, 1.00, 1, 3},
    {"Technicien de maintenance", "Maintenance", CAT_AM, 1.00, 0.3, 3},
    {"Technicien qualité", "Qualité", CAT_AM, 0.95, 2, 2},
    {"Comptable", "Finance", CAT_AM, 1.00, 3, 2},
    {"Superviseur logistique", "Logistique", CAT_AM, 1.00, 0.5, 2},
    {"Assistante de direction", "Direction générale", CAT_AM, 0.95, 4, 0.2},
    {"Chargé de clientèle", "Commercial", CAT_EMP, 1.00, 3, 2},
    {"Opératrice de saisie", "Administration", CAT_EMP, 0.90, 4, 0.3},
    {"Commercial", "Commercial", CAT_EMP, 1.10, 1.5, 3},
    {"Agent administratif", "Administration", CAT_EMP, 0.95, 2, 2},
    {"Gestionnaire de paie", "Ressources humaines", CAT_EMP, 1.05, 3, 1},
    {"Réceptionniste", "Administration", CAT_EMP, 0.90, 3, 0.5},
    {"Couturière", "Façonnage", CAT_OUV, 0.95, 5, 0.3},
    {"Conducteur de machine", "Production", CAT_OUV, 1.05, 0.5, 4},
    {"Magasinier", "Logistique", CAT_OUV, 1.00, 0.3, 3},
    {"Agent de sécurité", "Sécurité", CAT_OUV, 1.00, 0.1, 2},
    {"Opérateur de production", "Production", CAT_OUV, 1.00, 2, 3},
    {"Agent d'entretien", "Services généraux", CAT_OUV, 0.90, 2, 1},
    {"Cariste", "Logistique", CAT_OUV, 1.05, 0.1, 2},
};
#define NJOBS ((int)(sizeof jobs / sizeof jobs[0]))

static const char *const sites[] = {"Casablanca", "Tanger", "Fès", "Agadir"};
static const char *const cin_prefix[][2] = {{"BE", "BK"}, {"K", "KB"}, {"C", "CD"}, {"J", "JB"}};

enum { CT_CDI, CT_CDD, CT_ANAPEC, CT_STAGE, CT_APPRENT, NCT };
static const char *const contracts[NCT] = {"CDI", "CDD", "ANAPEC (contrat d'insertion)", "Stage", "Apprentissage"};
static const double contract_w[NCT] = {80, 10, 6.5, 2.5, 1};

static const char *const edu_name[] = {"Sans diplôme", "Bac", "Bac+2", "Licence", "Master", "Ingénieur"};
static const double edu_w[NCAT][6] = {
    {0, 0, 2, 20, 40, 38}, {0, 15, 50, 30, 5, 0}, {5, 40, 35, 18, 2, 0}, {50, 35, 12, 3, 0, 0}};

static const char *const surnames[] = {
    "ALAOUI", "BENNANI", "EL IDRISSI", "TAZI", "BERRADA", "CHRAIBI", "EL AMRANI", "BENJELLOUN",
    "OUAZZANI", "LAHLOU", "BOUZID", "EL MANSOURI", "NACIRI", "KETTANI", "SQALLI", "BELKADI",
    "HADDAD", "ZIANI", "AIT OUAHMANE", "CHERKAOUI", "RAMI", "ZOUITEN", "HAJJI", "OUALI",
    "EL FASSI", "BOUKHARI", "SEBTI", "AMZIL", "TAHIRI", "ID BELLA"};
static const char *const first_f[] = {
    "Fatima Zahra", "Khadija", "Salma", "Meryem", "Imane", "Hajar", "Nadia", "Sanaa", "Houda",
    "Loubna", "Ghizlane", "Asmae", "Zineb", "Siham", "Hanane", "Latifa", "Naïma", "Hélène"};
static const char *const first_m[] = {
    "Mohammed", "Youssef", "Ahmed", "Hamza", "Omar", "Karim", "Rachid", "Saïd", "Mehdi", "Anas",
    "Amine", "Hicham", "Abdelilah", "Driss", "Othmane", "Ayoub", "Jérôme", "Brahim"};
#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- employer profiles -------------------------------------------------- */

typedef struct profile {
    size_t employees;
    double women_share;
    double cat_m[NCAT], cat_f[NCAT];
    double penalty;          /* unexplained within-job pay penalty for women */
    double promo_m;          /* men's promotion rate; women get 60 % of it */
    double site_w[4];
} profile;

static const profile profiles[4] = {
    {800, 0.50, {0.12, 0.20, 0.26, 0.42}, {0.08, 0.17, 0.34, 0.41}, 0.06, 0.10, {50, 25, 15, 10}},
    {1500, 0.46, {0.22, 0.26, 0.40, 0.12}, {0.13, 0.22, 0.55, 0.10}, 0.07, 0.12, {70, 10, 12, 8}},
    {400, 0.30, {0.10, 0.18, 0.17, 0.55}, {0.07, 0.14, 0.35, 0.44}, 0.05, 0.08, {20, 15, 25, 40}},
    {2500, 0.56, {0.08, 0.14, 0.62, 0.16}, {0.06, 0.12, 0.68, 0.14}, 0.04, 0.10, {40, 40, 10, 10}},
};

/* ---- one employee ------------------------------------------------------- */

typedef struct emp {
    int female, cat, ech, job, site, contract, taux, edu;
    int sexfmt, tauxfmt, group;
    int promu, aug, mat, augmat;
    int32_t birth, hire, exit;
    int64_t base, anc, primes;   /* centimes */
    uint32_t cnss_body;          /* digits 2..8 */
    int last, first, cin_pfx, cin_num;
} emp;

static int pick_job(rng *r, int cat, int female)
{
    double w[NJOBS];
    for (int j = 0; j < NJOBS; j++)
        w[j] = jobs[j].cat == cat ? (female ? jobs[j].w_f : jobs[j].w_m) : 0;
    return rng_pick(r, w, NJOBS);
}

/* Art. 350: 5 % after 2 years, 10 % after 5, 15 % after 12, 20 % after 20, 25 % after 25. */
static int seniority_rate(int years)
{
    return years >= 25 ? 25 : years >= 20 ? 20 : years >= 12 ? 15 : years >= 5 ? 10 : years >= 2 ? 5 : 0;
}

static void gen_dates(rng *r, emp *e, int32_t start, int32_t snap)
{
    double ua = rng_u(r), us = rng_u(r);
    int age = 21 + (int)(39.0 * (0.4 * ua + 0.6 * ua * ua));       /* skewed to the young */
    double cap = age - 19 < 35 ? age - 19 : 35;
    double sen = cap * (0.3 * us + 0.7 * us * us);
    e->birth = snap - (int32_t)(age * 365.25) - rng_int(r, 0, 364);
    e->hire = snap - (int32_t)(sen * 365.25) - rng_int(r, 0, 30);
    e->exit = 0;
    if (rng_bern(r, 0.07)) {
        int32_t from = e->hire > start ? e->hire : start;
        e->exit = from + (int32_t)(rng_u(r) * (double)(snap - 1 - from));
    }
}

/* Non-negative amount to whole centimes, rounding half up. */
static int64_t to_cents(double x) { return (int64_t)(x + 0.5); }

/* exp(0.12 z) to second order: positive for |z| <= 6, no libm needed. */
static double lognormal_factor(double z)
{
    double a = 0.12 * z;
    return 1 + a + 0.5 * a * a;
}

static void gen_pay(rng *r, const profile *p, emp *e, int32_t snap)
{
    int sen = aud_full_years(e->hire, snap);
    double ft = cat_base[e->cat] * jobs[e->job].mult * (1 + 0.08 * (e->ech - cat_ech_lo[e->cat])) *
                (1 + 0.012 * (sen < 20 ? sen : 20)) * lognormal_factor(rng_normal(r));
    if (e->female) ft *= 1 - p->penalty;
    if (ft < 3300) ft = 3300 + 200 * rng_u(r);
    double base = ft * e->taux / 100.0;
    e->base = to_cents(base * 100);
    e->anc = to_cents(base * seniority_rate(sen));   /* base * rate% in centimes */
    double pr = (e->female ? 0.36 : 0.46) + (e->cat == CAT_CADRE ? 0.25 : 0);
    e->primes = 0;
    if (rng_bern(r, pr))
        e->primes = to_cents(base * 100 * (0.3 + 1.2 * rng_u(r)) * (e->cat == CAT_CADRE ? 1.5 : 1));
}

static void gen_flags(rng *r, const profile *p, emp *e, int32_t snap, double u_promo)
{
    e->promu = u_promo < (e->female ? 0.6 * p->promo_m : p->promo_m);
    e->aug = rng_bern(r, e->female ? 0.31 : 0.36);
    int age = aud_full_years(e->birth, snap);
    e->mat = e->female && age < 45 && rng_bern(r, 0.05);
    e->augmat = e->mat && rng_bern(r, 0.55);
    e->edu = rng_pick(r, edu_w[e->cat], 6);
}

static void gen_employee(rng *r, const profile *p, emp *e, const strata *st, size_t i, int32_t start, int32_t snap)
{
    e->female = weyl(st, 0, i) < p->women_share;
    e->cat = pick_u(weyl(st, 1, i), e->female ? p->cat_f : p->cat_m, NCAT);
    e->ech = cat_ech_lo[e->cat] + rng_int(r, 0, 2);
    e->job = pick_job(r, e->cat, e->female);
    e->site = rng_pick(r, p->site_w, 4);
    e->contract = rng_pick(r, contract_w, NCT);
    double u = rng_u(r), pt50 = e->female ? 0.04 : 0.01, pt80 = e->female ? 0.14 : 0.04;
    e->taux = u < pt50 ? 50 : u < pt80 ? 80 : 100;
    e->sexfmt = rng_bern(r, 0.22);
    e->tauxfmt = rng_bern(r, 0.25);
    e->group = rng_bern(r, 0.30);
    gen_dates(r, e, start, snap);
    gen_pay(r, p, e, snap);
    gen_flags(r, p, e, snap, weyl(st, 2, i));
    e->last = rng_int(r, 0, NELEM(surnames) - 1);
    e->first = rng_int(r, 0, e->female ? NELEM(first_f) - 1 : NELEM(first_m) - 1);
    e->cin_pfx = rng_int(r, 0, 1);
    e->cin_num = rng_int(r, 10000, 999999);
    do { e->cnss_body = (uint32_t)rng_int(r, 0, 9999999); } while (e->cnss_body == 0);
}

/* A handful of full-time base salaries under the 2025 SMIG (17.10 x 191 = 3 266,10). */
static void plant_below_smig(rng *r, emp *e)
{
    e->cat = CAT_OUV;
    e->ech = 1;
    e->job = 22;   /* Opérateur de production */
    e->contract = CT_CDI;
    e->taux = 100;
    e->base = 290000 + rng_int(r, 0, 30000);
    e->anc = 0;
    e->primes = 0;
}

/* ---- formatting --------------------------------------------------------- */

static const char wf_header[] =
    "Matricule;Nom;Prénom;CIN;Sexe;Date de naissance;Date d'embauche;Date de sortie;Catégorie;"
    "Échelon;Emploi;Site;Département;Contrat;Taux d'activité;Salaire de base;"
    "Prime d'ancienneté;Primes annuelles;Niveau d'études;Promu;Augmentation individuelle;"
    "Retour congé maternité;Augmenté après congé;N° CNSS";

/* CNSS insured number: leading 1, seven digits, check digit of morocco.md §2.1. */
static void cnss_digits(uint32_t body, char out[10])
{
    out[0] = '1';
    for (int i = 7; i >= 1; i--) { out[i] = (char)('0' + body % 10); body /= 10; }
    int c[9];
    for (int i = 0; i < 8; i++) c[i + 1] = out[i] - '0';   /* c[k] = digit Ck */
    int s = 2 * (c[2] + c[4] + c[6] + c[8]) + c[3] + c[5] + c[7];
    out[8] = (char)('0' + (10 - s % 10) % 10);
    out[9] = '\0';
}

static void wb_taux(wbuf *w, const emp *e)
{
    if (!e->tauxfmt) { wb_uint(w, (uint64_t)e->taux, 0); wb_text(w, " %"); }
    else if (e->taux == 100) wb_text(w, "1");
    else { wb_text(w, "0,"); w->p[w->n++] = (char)('0' + e->taux / 10); }
    wb_sep(w);
}

static void write_identity(wbuf *w, const emp *e, uint64_t matricule)
{
    wb_uint(w, matricule, 0); wb_sep(w);
    wb_field(w, surnames[e->last]);
    wb_field(w, e->female ? first_f[e->first] : first_m[e->first]);
    wb_text(w, cin_prefix[e->site][e->cin_pfx]); wb_uint(w, (uint64_t)e->cin_num, 6); wb_sep(w);
    wb_field(w, e->sexfmt ? (e->female ? "Mme" : "M.") : (e->female ? "F" : "H"));
}

static void write_employee(wbuf *w, const emp *e, uint64_t matricule, int bad_date)
{
    write_identity(w, e, matricule);
    if (bad_date) wb_text(w, "31/13/1984"); else wb_date(w, e->birth);
    wb_sep(w);
    wb_date(w, e->hire); wb_sep(w);
    if (e->exit) wb_date(w, e->exit);
    wb_sep(w);
    wb_field(w, cat_name[e->cat]);
    wb_uint(w, (uint64_t)e->ech, 0); wb_sep(w);
    wb_field(w, jobs[e->job].name);
    wb_field(w, sites[e->site]);
    wb_field(w, jobs[e->job].dept);
    wb_field(w, contracts[e->contract]);
    wb_taux(w, e);
    wb_money(w, e->base, e->group); wb_sep(w);
    wb_money(w, e->anc, e->group); wb_sep(w);
    wb_money(w, e->primes, e->group); wb_sep(w);
    wb_field(w, edu_name[e->edu]);
    wb_field(w, e->promu ? "Oui" : "Non");
    wb_field(w, e->aug ? "Oui" : "Non");
    wb_field(w, e->mat ? "Oui" : "Non");
    if (e->mat) wb_text(w, e->augmat ? "Oui" : "Non");
    wb_sep(w);
    char cn[10];
    cnss_digits(e->cnss_body, cn);
    wb_text(w, cn);
    wb_row_end(w);
}

/* ---- applicants --------------------------------------------------------- */

static const char *const stages[] = {"Candidature", "Présélection", "Entretien", "Offre", "Embauche"};
static const char *const channels[] = {"ANAPEC", "Site web", "Cooptation", "LinkedIn"};

/* Funnel: pass rates applied->screened->interviewed->offered->hired; women
 * pass the interview step at 0.30 against 0.50 for men (ratio 0.6 < 4/5). */
static int applicant_stage(rng *r, int female)
{
    static const double pass_m[4] = {0.45, 0.50, 0.40, 0.80};
    static const double pass_f[4] = {0.45, 0.30, 0.40, 0.80};
    int s = 0;
    while (s < 4 && rng_bern(r, female ? pass_f[s] : pass_m[s])) s++;
    return s;
}

static void write_applicant(wbuf *w, rng *r, size_t i, int year, int32_t start, int32_t snap)
{
    static const double ch_w[4] = {35, 30, 15, 20};
    int female = rng_bern(r, 0.47);
    int job = pick_job(r, rng_pick(r, (const double[]){10, 15, 45, 30}, NCAT), female);
    wb_text(w, "CA"); wb_uint(w, (uint64_t)year, 4); w->p[w->n++] = '-';
    wb_uint(w, (uint64_t)i + 1, 6); wb_sep(w);
    wb_field(w, female ? "F" : "H");
    wb_field(w, jobs[job].name);
    wb_field(w, channels[rng_pick(r, ch_w, 4)]);
    wb_date(w, start + (int32_t)(rng_u(r) * (double)(snap - start + 1))); wb_sep(w);
    wb_text(w, stages[applicant_stage(r, female)]);
    wb_row_end(w);
}

/* ---- files -------------------------------------------------------------- */

static aud_err make_dirs(const char *dir, aud_diag *diag)
{
    char tmp[4096];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof tmp) return aud_diag_set(diag, AUD_E_OUTPUT, dir, 0, "unusable output folder name");
    memcpy(tmp, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (tmp[i] != '/' && tmp[i] != '\0') continue;
        char c = tmp[i];
        tmp[i] = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
            int err = errno;
            return aud_diag_set(diag, AUD_E_OUTPUT, tmp, 0, "cannot create the folder: %s", strerror(err));
        }
        tmp[i] = c;
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return aud_diag_set(diag, AUD_E_OUTPUT, dir, 0, "the output path is not a folder");
    return AUD_OK;
}

static char *join_path(const char *dir, const char *employer, const char *suffix)
{
    size_t n = strlen(dir) + strlen(employer) + strlen(suffix) + 3;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s%s", dir, employer, suffix);
    return p;
}

typedef struct gen_ctx {
    const aud_demo_spec *spec;
    const profile *prof;
    size_t rows;
    int32_t start, snap;
} gen_ctx;

static void body_workforce(wbuf *w, const gen_ctx *g)
{
    rng r = {g->spec->seed ^ 0x6D75736177617431ull};
    size_t n = g->rows;
    /* Planted faults for the data-quality sheet (files of 20 rows or more). */
    size_t dup_at = n >= 20 ? n / 2 : SIZE_MAX, neg_at = n >= 20 ? n / 3 : SIZE_MAX;
    size_t date_at = n >= 20 ? 2 * n / 3 : SIZE_MAX;
    strata st;
    for (int k = 0; k < 3; k++) st.off[k] = rng_u(&r);   /* not an initializer list: its order is unspecified */
    wb_text(w, wf_header);
    wb_row_end(w);
    for (size_t i = 0; i < n; i++) {
        emp e;
        gen_employee(&r, g->prof, &e, &st, i, g->start, g->snap);
        if (i % 157 == 77) plant_below_smig(&r, &e);
        if (i == neg_at) e.base = -e.base;
        uint64_t mat = i == dup_at ? 10004 : 10001 + (uint64_t)i;
        write_employee(w, &e, mat, i == date_at);
    }
}

static void body_applicants(wbuf *w, const gen_ctx *g)
{
    rng r = {g->spec->seed ^ 0x63616E6469646174ull};
    wb_text(w, "N° candidature;Sexe;Poste;Canal;Date de candidature;Étape atteinte");
    wb_row_end(w);
    for (size_t i = 0; i < g->rows; i++) write_applicant(w, &r, i, g->spec->year, g->start, g->snap);
}

static aud_err write_file(const char *path, void (*body)(wbuf *, const gen_ctx *), const gen_ctx *g,
                          aud_diag *diag)
{
    char *tmp = NULL;
    AUD_TRY(aud_output_begin(path, &tmp, diag));
    FILE *f = fopen(tmp, "wb");
    int open_err = f ? 0 : errno;   /* ENOMEM: fopen could not allocate its FILE */
    wbuf w = {f, malloc(WB_CAP), 0, 0};
    if (!w.f || !w.p) {
        bool oom = !w.p || open_err == ENOMEM;
        if (w.f) fclose(w.f);
        free(w.p);
        aud_output_abort(tmp);
        free(tmp);
        if (oom) return aud_diag_set(diag, AUD_E_NOMEM, path, 0, "out of memory while writing the file");
        return aud_diag_set(diag, AUD_E_OUTPUT, path, 0, "cannot open the temporary file: %s", strerror(open_err));
    }
    body(&w, g);
    wb_flush(&w);
    if (fclose(w.f) != 0) w.err = 1;
    free(w.p);
    aud_err e = AUD_OK;
    if (w.err) {
        aud_output_abort(tmp);
        e = aud_diag_set(diag, AUD_E_OUTPUT, path, 0, "write failed (disk full?)");
    } else {
        e = aud_output_commit(tmp, path, diag);
    }
    free(tmp);
    return e;
}

aud_err aud_demo_generate(const aud_demo_spec *spec, char **workforce_path, char **applicants_path,
                          aud_diag *diag)
{
    *workforce_path = NULL;
    *applicants_path = NULL;
    if (!spec || !spec->dir || spec->profile < 0 || spec->profile > 3 || spec->year < 1950 || spec->year > 9000)
        return aud_diag_set(diag, AUD_E_USAGE, NULL, 0, "invalid demo settings (profile 0..3, year 1950..9000)");
    const char *employer = spec->employer && *spec->employer ? spec->employer : "demo";
    if (strchr(employer, '/'))
        return aud_diag_set(diag, AUD_E_USAGE, NULL, 0, "the employer name must not contain '/'");
    AUD_TRY(make_dirs(spec->dir, diag));
    gen_ctx g = {spec, &profiles[spec->profile], 0, aud_days_from_civil(spec->year, 1, 1),
                 aud_days_from_civil(spec->year, 12, 31)};
    g.rows = spec->employees ? spec->employees : g.prof->employees;
    char *wf = join_path(spec->dir, employer, "_personnel.csv");
    char *ap = spec->no_applicants ? NULL : join_path(spec->dir, employer, "_candidatures.csv");
    if (!wf || (!spec->no_applicants && !ap)) { free(wf); free(ap); return AUD_E_NOMEM; }
    aud_err e = write_file(wf, body_workforce, &g, diag);
    if (e == AUD_OK && ap) {
        g.rows = spec->applicants ? spec->applicants : 3000;
        e = write_file(ap, body_applicants, &g, diag);
    }
    if (e != AUD_OK) { free(wf); free(ap); return e; }
    *workforce_path = wf;
    *applicants_path = ap;
    return AUD_OK;
}
