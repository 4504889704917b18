/* test_headers.c - template files and header recognition. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "headers.h"
#include "values.h"

static aud_tplset set;

static const char *tdir(void)
{
    const char *e = getenv("MUSAWAT_TEMPLATES");
    return e && *e ? e : "templates";
}

static int field_in(const char *tpl, const char *header)
{
    int i = aud_tplset_find(&set, tpl);
    if (i < 0) fail_msg("no template %s", tpl);
    char norm[512];
    size_t n = aud_norm(header, strlen(header), norm, sizeof norm);
    return aud_template_field(&set.t[i], norm, n, NULL);
}

typedef struct hcase { const char *tpl, *header, *field; } hcase;

static const hcase cases[] = {
    /* French, morocco.md §2.3 */
    {"fr", "Matricule", "employee_id"}, {"fr", "MATRICULE", "employee_id"}, {"fr", "Mle", "employee_id"},
    {"fr", "N\xC2\xB0 matricule", "employee_id"}, {"fr", "N\xC2\xB0 Matricule", "employee_id"},
    {"fr", "Code salari\xC3\xA9", "employee_id"}, {"fr", "ID", "employee_id"}, {"fr", "Matricule salari\xC3\xA9", "employee_id"},
    {"fr", "Sexe", "sex"}, {"fr", "Genre", "sex"}, {"fr", "Civilit\xC3\xA9", "sex"}, {"fr", "H/F", "sex"}, {"fr", "M/F", "sex"},
    {"fr", "Salaire de base", "base_pay"}, {"fr", "Salaire de base (MAD)", "base_pay"}, {"fr", "SALAIRE_DE_BASE", "base_pay"},
    {"fr", "Salaire mensuel", "base_pay"}, {"fr", "Salaire de base mensuel brut", "base_pay"}, {"fr", "Salaire", "base_pay"},
    {"fr", "Salaire de base en DH", "base_pay"},
    {"fr", "Salaire annuel", "base_pay_annual"}, {"fr", "Salaire de base annuel", "base_pay_annual"},
    {"fr", "Sursalaire", "allowances"}, {"fr", "Prime d'anciennet\xC3\xA9", "allowances"}, {"fr", "Indemnit\xC3\xA9s", "allowances"},
    {"fr", "Primes", "variable_pay"}, {"fr", "Prime", "variable_pay"}, {"fr", "Bonus", "variable_pay"},
    {"fr", "13\xC3\xA8me mois", "variable_pay"}, {"fr", "Primes variables", "variable_pay"},
    {"fr", "Taux d'activit\xC3\xA9", "fte"}, {"fr", "Taux d\xE2\x80\x99" "activit\xC3\xA9 (%)", "fte"}, {"fr", "ETP", "fte"},
    {"fr", "Temps de travail", "fte"}, {"fr", "Heures par mois", "monthly_hours"}, {"fr", "Nombre d'heures", "monthly_hours"},
    {"fr", "Date de naissance", "birth_date"}, {"fr", "Date naiss.", "birth_date"}, {"fr", "N\xC3\xA9(e) le", "birth_date"},
    {"fr", "Age", "age"}, {"fr", "\xC3\x82ge", "age"},
    {"fr", "Date d'embauche", "hire_date"}, {"fr", "Date entr\xC3\xA9" "e", "hire_date"}, {"fr", "Date d'entr\xC3\xA9" "e", "hire_date"},
    {"fr", "Anciennet\xC3\xA9", "seniority"}, {"fr", "Date de sortie", "exit_date"}, {"fr", "Date d\xC3\xA9part", "exit_date"},
    {"fr", "Cat\xC3\xA9gorie", "category"}, {"fr", "CSP", "category"}, {"fr", "Cat\xC3\xA9gorie professionnelle", "category"},
    {"fr", "Qualification", "category"},
    {"fr", "\xC3\x89" "chelon", "grade"}, {"fr", "Coefficient", "grade"}, {"fr", "\xC3\x89" "chelle", "grade"}, {"fr", "Niveau", "grade"},
    {"fr", "Emploi", "job"}, {"fr", "Poste", "job"}, {"fr", "Fonction", "job"}, {"fr", "Intitul\xC3\xA9 du poste", "job"},
    {"fr", "Service", "department"}, {"fr", "D\xC3\xA9partement", "department"}, {"fr", "Site", "site"}, {"fr", "\xC3\x89tablissement", "site"},
    {"fr", "Type de contrat", "contract"}, {"fr", "Contrat", "contract"}, {"fr", "Dipl\xC3\xB4me", "education"},
    {"fr", "Niveau d'\xC3\xA9tudes", "education"}, {"fr", "Promu", "promoted"}, {"fr", "Promotion", "promoted"},
    {"fr", "Augmentation individuelle", "raised"}, {"fr", "Retour de cong\xC3\xA9 maternit\xC3\xA9", "maternity_return"},
    {"fr", "Augment\xC3\xA9(e) au retour du cong\xC3\xA9", "raised_after_leave"},
    {"fr", "N\xC2\xB0 CNSS", "cnss_number"}, {"fr", "N CNSS", "cnss_number"}, {"fr", "Matricule CNSS", "cnss_number"},
    {"fr", "N\xC2\xB0 immatriculation", "cnss_number"}, {"fr", "CIN", "cin"}, {"fr", "N\xC2\xB0 CIN", "cin"}, {"fr", "CNIE", "cin"},
    {"fr", "Nom", "name"}, {"fr", "Nom et pr\xC3\xA9nom", "name"}, {"fr", "NOM_PRENOM", "name"}, {"fr", "Pr\xC3\xA9nom", "first_name"},
    {"fr", "Salaire horaire", NULL}, {"fr", "Heures suppl\xC3\xA9mentaires", NULL}, {"fr", "Adresse", NULL},
    {"fr", "Situation familiale", NULL},
    /* Arabic (raw, unnormalised headers) */
    {"ar", "\xD8\xB1\xD9\x82\xD9\x85 \xD8\xA7\xD9\x84\xD8\xAA\xD8\xA3\xD8\xAC\xD9\x8A\xD8\xB1", "employee_id"},       /* رقم التأجير */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xB1\xD9\x82\xD9\x85 \xD8\xA7\xD9\x84\xD8\xAA\xD8\xA3\xD8\xAC\xD9\x8A\xD8\xB1\xD9\x8A", "employee_id"}, /* الرقم التأجيري */
    {"ar", "\xD8\xB1\xD9\x82\xD9\x85 \xD8\xA7\xD9\x84\xD8\xA3\xD8\xAC\xD9\x8A\xD8\xB1", "employee_id"},               /* رقم الأجير */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xB1\xD9\x82\xD9\x85", "employee_id"},                                               /* الرقم */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xAC\xD9\x86\xD8\xB3", "sex"},                                                       /* الجنس */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xA3\xD8\xAC\xD8\xB1 \xD8\xA7\xD9\x84\xD8\xA3\xD8\xB3\xD8\xA7\xD8\xB3\xD9\x8A", "base_pay"}, /* الأجر الأساسي */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xA3\xD8\xAC\xD8\xB1 \xD8\xA7\xD9\x84\xD8\xB4\xD9\x87\xD8\xB1\xD9\x8A", "base_pay"},   /* الأجر الشهري */
    {"ar", "\xD8\xAA\xD8\xA7\xD8\xB1\xD9\x8A\xD8\xAE \xD8\xA7\xD9\x84\xD8\xA7\xD8\xB2\xD8\xAF\xD9\x8A\xD8\xA7\xD8\xAF", "birth_date"}, /* تاريخ الازدياد */
    {"ar", "\xD8\xAA\xD8\xA7\xD8\xB1\xD9\x8A\xD8\xAE \xD8\xA7\xD9\x84\xD9\x85\xD9\x8A\xD9\x84\xD8\xA7\xD8\xAF", "birth_date"}, /* تاريخ الميلاد */
    {"ar", "\xD8\xAA\xD8\xA7\xD8\xB1\xD9\x8A\xD8\xAE \xD8\xA7\xD9\x84\xD8\xAA\xD9\x88\xD8\xB8\xD9\x8A\xD9\x81", "hire_date"}, /* تاريخ التوظيف */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xAF\xD8\xB1\xD8\xAC\xD8\xA9", "grade"},                                             /* الدرجة */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xB1\xD8\xAA\xD8\xA8\xD8\xA9", "grade"},                                             /* الرتبة */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xA5\xD8\xB7\xD8\xA7\xD8\xB1", "category"},                                          /* الإطار */
    {"ar", "\xD8\xA7\xD9\x84\xD9\x81\xD8\xA6\xD8\xA9", "category"},                                                  /* الفئة */
    {"ar", "\xD8\xA7\xD9\x84\xD9\x85\xD9\x87\xD9\x85\xD8\xA9", "job"},                                               /* المهمة */
    {"ar", "\xD8\xB1\xD9\x82\xD9\x85 CNSS", "cnss_number"},                                                          /* رقم CNSS */
    {"ar", "\xD8\xB1\xD9\x82\xD9\x85 \xD8\xA7\xD9\x84\xD8\xA8\xD8\xB7\xD8\xA7\xD9\x82\xD8\xA9 \xD8\xA7\xD9\x84\xD9\x88\xD8\xB7\xD9\x86\xD9\x8A\xD8\xA9", "cin"}, /* رقم البطاقة الوطنية */
    {"ar", "\xD8\xA8.\xD8\xAA.\xD9\x88", "cin"},                                                                     /* ب.ت.و */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xA7\xD8\xB3\xD9\x85 \xD8\xA7\xD9\x84\xD8\xB9\xD8\xA7\xD8\xA6\xD9\x84\xD9\x8A", "name"}, /* الاسم العائلي */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xA7\xD8\xB3\xD9\x85 \xD8\xA7\xD9\x84\xD8\xB4\xD8\xAE\xD8\xB5\xD9\x8A", "first_name"},   /* الاسم الشخصي */
    {"ar", "\xD8\xA7\xD9\x84\xD9\x86\xD8\xB3\xD8\xA8", "name"},                                                      /* النسب */
    {"ar", "\xD9\x86\xD9\x88\xD8\xB9 \xD8\xA7\xD9\x84\xD8\xB9\xD9\x82\xD8\xAF", "contract"},                         /* نوع العقد */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xA3\xD9\x82\xD8\xAF\xD9\x85\xD9\x8A\xD8\xA9", "seniority"},                         /* الأقدمية */
    {"ar", "\xD8\xA7\xD9\x84\xD9\x85\xD9\x86\xD8\xAD", "variable_pay"},                                              /* المنح */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xAA\xD8\xB9\xD9\x88\xD9\x8A\xD8\xB6\xD8\xA7\xD8\xAA", "allowances"},                /* التعويضات */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xAC\xD9\x80\xD9\x80\xD9\x86\xD8\xB3", "sex"},                                       /* الجـــنس (tatweel) */
    {"ar", "\xD8\xA7\xD9\x84\xD8\xB9\xD9\x86\xD9\x88\xD8\xA7\xD9\x86", NULL},                                       /* العنوان */
    /* English */
    {"en", "Employee ID", "employee_id"}, {"en", "employee_id", "employee_id"}, {"en", "Staff number", "employee_id"},
    {"en", "Gender", "sex"}, {"en", "Sex", "sex"}, {"en", "Base salary", "base_pay"}, {"en", "Basic pay (MAD)", "base_pay"},
    {"en", "Monthly salary", "base_pay"}, {"en", "Annual base salary", "base_pay_annual"}, {"en", "Allowances", "allowances"},
    {"en", "Bonus", "variable_pay"}, {"en", "FTE", "fte"}, {"en", "Activity rate %", "fte"}, {"en", "Date of birth", "birth_date"},
    {"en", "DOB", "birth_date"}, {"en", "Hire date", "hire_date"}, {"en", "Start date", "hire_date"}, {"en", "Exit date", "exit_date"},
    {"en", "Category", "category"}, {"en", "Grade", "grade"}, {"en", "Job title", "job"}, {"en", "Department", "department"},
    {"en", "Location", "site"}, {"en", "Contract type", "contract"}, {"en", "Education level", "education"},
    {"en", "Promoted", "promoted"}, {"en", "Raise", "raised"}, {"en", "Returned from maternity leave", "maternity_return"},
    {"en", "CNSS number", "cnss_number"}, {"en", "National ID", "cin"}, {"en", "Full name", "name"}, {"en", "First name", "first_name"},
    {"en", "Years of service", "seniority"}, {"en", "Age", "age"}, {"en", "Monthly hours", "monthly_hours"},
    {"en", "Favourite colour", NULL},
    /* applicants */
    {"applicants-fr", "N\xC2\xB0 candidature", "applicant_id"}, {"applicants-fr", "\xC3\x89tape atteinte", "stage"},
    {"applicants-fr", "Pr\xC3\xA9s\xC3\xA9lectionn\xC3\xA9", "stage_screened"}, {"applicants-fr", "Entretien", "stage_interviewed"},
    {"applicants-fr", "Recrut\xC3\xA9", "stage_hired"}, {"applicants-fr", "Canal", "channel"}, {"applicants-fr", "Poste vis\xC3\xA9", "job"},
    {"applicants-en", "Applicant ID", "applicant_id"}, {"applicants-en", "Stage", "stage"}, {"applicants-en", "Hired", "stage_hired"},
    {"applicants-ar", "\xD8\xB1\xD9\x82\xD9\x85 \xD8\xA7\xD9\x84\xD9\x85\xD8\xAA\xD8\xB1\xD8\xB4\xD8\xAD", "applicant_id"}, /* رقم المترشح */
    {"applicants-ar", "\xD8\xA7\xD9\x84\xD9\x85\xD8\xB1\xD8\xAD\xD9\x84\xD8\xA9", "stage"},                                 /* المرحلة */
};

static void test_header_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int f = field_in(cases[i].tpl, cases[i].header);
        int want = cases[i].field ? aud_field_from_name(cases[i].field) : -1;
        if (f != want)
            fail_msg("%s: \"%s\" -> %s, expected %s", cases[i].tpl, cases[i].header,
                     f >= 0 ? aud_field_name((aud_field)f) : "none", cases[i].field ? cases[i].field : "none");
    }
}

/* Every built-in generic template covers every workforce field of EXTRACT.md. */
static void test_generic_cover_all_fields(void **state)
{
    (void)state;
    const char *names[] = {"fr-generic", "ar-generic", "en-generic"};
    for (size_t k = 0; k < 3; k++) {
        int i = aud_tplset_find(&set, names[k]);
        assert_true(i >= 0);
        bool seen[AUD_F__COUNT] = {false};
        for (size_t j = 0; j < set.t[i].nf; j++) seen[set.t[i].f[j].field] = true;
        for (int f = AUD_F_EMPLOYEE_ID; f <= AUD_F_FIRST_NAME; f++)
            if (!seen[f]) fail_msg("%s lacks %s", names[k], aud_field_name((aud_field)f));
    }
}

static const aud_file_kind all_kinds[] = {AUD_KIND_WORKFORCE, AUD_KIND_APPLICANTS, AUD_KIND_LOGIB, AUD_KIND_UNKNOWN};

static void test_auto_detect(void **state)
{
    (void)state;
    aud_header_map m;
    aud_diag d;
    aud_diag_clear(&d);
    const char *fr[] = {"Matricule", "Sexe", "Salaire de base", "Emploi"};
    assert_int_equal(aud_header_map_build(&set, -1, all_kinds, fr, NULL, 4, NULL, 0, "f", 1, &m, &d), AUD_OK);
    assert_string_equal(set.t[m.tpl].name, "fr-generic");
    assert_int_equal(m.score, 4);
    assert_int_equal(m.col_of[AUD_F_BASE_PAY], 2);
    aud_header_map_free(&m);
    const char *en[] = {"Employee ID", "Gender", "Base salary", "Job title", "Hire date"};
    assert_int_equal(aud_header_map_build(&set, -1, all_kinds, en, NULL, 5, NULL, 0, "f", 1, &m, &d), AUD_OK);
    assert_string_equal(set.t[m.tpl].name, "en-generic");
    aud_header_map_free(&m);
    const char *ar[] = {"\xD8\xA7\xD9\x84\xD8\xB1\xD9\x82\xD9\x85", "\xD8\xA7\xD9\x84\xD8\xAC\xD9\x86\xD8\xB3",
                        "\xD8\xA7\xD9\x84\xD8\xA3\xD8\xAC\xD8\xB1 \xD8\xA7\xD9\x84\xD8\xA3\xD8\xB3\xD8\xA7\xD8\xB3\xD9\x8A"};
    assert_int_equal(aud_header_map_build(&set, -1, all_kinds, ar, NULL, 3, NULL, 0, "f", 1, &m, &d), AUD_OK);
    assert_string_equal(set.t[m.tpl].name, "ar-generic");
    aud_header_map_free(&m);
    /* "ID;Age" matches fr and en equally: fr wins the tie */
    const char *tie[] = {"ID", "Age"};
    assert_int_equal(aud_header_map_build(&set, -1, all_kinds, tie, NULL, 2, NULL, 0, "f", 1, &m, &d), AUD_OK);
    assert_string_equal(set.t[m.tpl].name, "fr-generic");
    aud_header_map_free(&m);
    const char *ap[] = {"N\xC2\xB0 candidature", "Sexe", "\xC3\x89tape"};
    assert_int_equal(aud_header_map_build(&set, -1, all_kinds, ap, NULL, 3, NULL, 0, "f", 1, &m, &d), AUD_OK);
    assert_string_equal(set.t[m.tpl].name, "applicants-fr");
    aud_header_map_free(&m);
}

static void test_duplicates_and_maps(void **state)
{
    (void)state;
    aud_header_map m;
    aud_diag d;
    aud_diag_clear(&d);
    const char *dup[] = {"Matricule", "Sexe", "Salaire de base", "Salaire mensuel"};
    assert_int_equal(aud_header_map_build(&set, -1, all_kinds, dup, NULL, 4, NULL, 0, "f.csv", 1, &m, &d), AUD_E_HEADER);
    assert_non_null(strstr(d.message, "\"Salaire de base\""));
    assert_non_null(strstr(d.message, "\"Salaire mensuel\""));
    assert_non_null(strstr(d.hint, "--map base_pay=COLUMN"));
    aud_map_opt maps[] = {{"base_pay", "salaire mensuel"}};
    assert_int_equal(aud_header_map_build(&set, -1, all_kinds, dup, NULL, 4, maps, 1, "f.csv", 1, &m, &d), AUD_OK);
    assert_int_equal(m.col_of[AUD_F_BASE_PAY], 3);
    assert_int_equal(m.field[2], -1);
    assert_string_equal(m.pattern[3], "--map");
    aud_header_map_free(&m);
    /* --map onto an unmatched column */
    const char *odd[] = {"Code", "Sexe", "Montant"};
    aud_map_opt maps2[] = {{"employee_id", "CODE"}, {"base_pay", "Montant"}, {"job", "absent here"}};
    assert_int_equal(aud_header_map_build(&set, -1, all_kinds, odd, NULL, 3, maps2, 3, "f.csv", 1, &m, &d), AUD_OK);
    assert_int_equal(m.col_of[AUD_F_EMPLOYEE_ID], 0);
    assert_int_equal(m.col_of[AUD_F_BASE_PAY], 2);
    assert_int_equal(m.col_of[AUD_F_JOB], -1);
    aud_header_map_free(&m);
    /* two name columns are fine: they are only dropped */
    const char *names[] = {"Nom", "Nom et pr\xC3\xA9nom", "Matricule"};
    assert_int_equal(aud_header_map_build(&set, -1, all_kinds, names, NULL, 3, NULL, 0, "f.csv", 1, &m, &d), AUD_OK);
    aud_header_map_free(&m);
}

static void test_template_files(void **state)
{
    (void)state;
    aud_template t;
    aud_diag d;
    aud_diag_clear(&d);
    const char ok[] = "# my payroll\nname\tpaie-x   # comment\ndescription\tPaie X export\nkind\tworkforce\n"
                      "field\temployee_id\tcode\\s+agent|ref\nfield\tsex\tsx\t(comment column)\n\n";
    assert_int_equal(aud_template_parse(ok, sizeof ok - 1, "x.tsv", &t, &d), AUD_OK);
    assert_string_equal(t.name, "paie-x");
    assert_string_equal(t.description, "Paie X export");
    assert_int_equal(t.kind, AUD_KIND_WORKFORCE);
    assert_int_equal(t.nf, 3);                      /* two alternatives + one */
    assert_string_equal(t.f[1].pattern, "ref");
    assert_int_equal(aud_template_field(&t, "code agent", 10, NULL), AUD_F_EMPLOYEE_ID);
    assert_int_equal(aud_template_field(&t, "sx", 2, NULL), AUD_F_SEX);
    assert_int_equal(aud_template_field(&t, "sxx", 3, NULL), -1);       /* anchored */
    assert_int_equal(aud_template_field(&t, "a ref", 5, NULL), -1);
    aud_template_clear(&t);
    const char badf[] = "name\tx\nfield\tsalary\tpay\n";
    assert_int_equal(aud_template_parse(badf, sizeof badf - 1, "x.tsv", &t, &d), AUD_E_TEMPLATE);
    assert_int_equal(d.line, 2);
    const char badp[] = "name\tx\n\nfield\tsex\t(sexe\n";
    assert_int_equal(aud_template_parse(badp, sizeof badp - 1, "x.tsv", &t, &d), AUD_E_PATTERN);
    assert_int_equal(d.line, 3);
    const char nokey[] = "name x\n";
    assert_int_equal(aud_template_parse(nokey, sizeof nokey - 1, "x.tsv", &t, &d), AUD_E_TEMPLATE);
    const char noname[] = "field\tsex\tsexe\n";
    assert_int_equal(aud_template_parse(noname, sizeof noname - 1, "/a/b/mine.tsv", &t, &d), AUD_OK);
    assert_string_equal(t.name, "mine");
    aud_template_clear(&t);
    const char appk[] = "name\ta\nkind\tapplicants\nsource\tignored key\n";
    assert_int_equal(aud_template_parse(appk, sizeof appk - 1, "a.tsv", &t, &d), AUD_OK);
    assert_int_equal(t.kind, AUD_KIND_APPLICANTS);
    aud_template_clear(&t);
}

static void test_find(void **state)
{
    (void)state;
    assert_true(aud_tplset_find(&set, "fr-generic") >= 0);
    assert_int_equal(aud_tplset_find(&set, "fr"), aud_tplset_find(&set, "fr-generic"));
    assert_int_equal(aud_tplset_find(&set, "ar"), aud_tplset_find(&set, "ar-generic"));
    assert_int_equal(aud_tplset_find(&set, "nope"), -1);
    aud_tplset none = {NULL, 0};
    aud_diag d;
    aud_diag_clear(&d);
    assert_int_equal(aud_tplset_load_dir("/nonexistent", &none, &d), AUD_E_TEMPLATE);
}

static int setup(void **state)
{
    (void)state;
    aud_diag d;
    aud_diag_clear(&d);
    return aud_tplset_load_dir(tdir(), &set, &d) == AUD_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    aud_tplset_free(&set);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_table),
        cmocka_unit_test(test_generic_cover_all_fields),
        cmocka_unit_test(test_auto_detect),
        cmocka_unit_test(test_duplicates_and_maps),
        cmocka_unit_test(test_template_files),
        cmocka_unit_test(test_find),
    };
    return cmocka_run_group_tests_name("headers", tests, setup, teardown);
}
