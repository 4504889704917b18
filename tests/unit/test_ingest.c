/* test_ingest.c - reading whole extracts: kinds, row accounting, findings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvin.h"
#include "ingest.h"

static char tmpdir[256];
static int nfile;

static const char *tdir(void)
{
    const char *e = getenv("MUSAWAT_TEMPLATES");
    return e && *e ? e : "templates";
}

static const char *write_file(const char *content, size_t n)
{
    static char paths[64][320];
    char *p = paths[nfile % 64];
    snprintf(p, 320, "%s/f%d.csv", tmpdir, nfile++);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(content, 1, n, f), n);
    fclose(f);
    return p;
}
#define WRITE(s) write_file(s, sizeof(s) - 1)

static void opts(aud_options *o)
{
    aud_options_defaults(o);
    o->templates_dir = tdir();
    aud_options_parse_period(o, "2025", NULL);
}

typedef struct run { aud_dataset *d; aud_err e; aud_diag diag; } run;

static run ingest1(aud_options *o, const char *path)
{
    static const char *files[1];
    files[0] = path;
    o->files = files;
    o->nfiles = 1;
    run r;
    r.d = aud_dataset_new();
    aud_diag_clear(&r.diag);
    r.e = aud_ingest(o, r.d, &r.diag);
    return r;
}

static size_t count_code(const aud_dataset *d, const char *code, aud_severity sev)
{
    size_t k = 0;
    for (size_t i = 0; i < d->nfindings; i++)
        if (d->findings[i].severity == sev && !strcmp(aud_dataset_str(d, d->findings[i].code), code)) k++;
    return k;
}

static const aud_finding *find_code(const aud_dataset *d, const char *code)
{
    for (size_t i = 0; i < d->nfindings; i++)
        if (!strcmp(aud_dataset_str(d, d->findings[i].code), code)) return &d->findings[i];
    return NULL;
}

static void assert_accounting(const aud_dataset *d)
{
    for (size_t i = 0; i < d->ninputs; i++)
        assert_int_equal(d->inputs[i].rows_read, d->inputs[i].rows_accepted + d->inputs[i].rows_rejected);
}

static void test_french_workforce(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    const char *p = WRITE("Matricule;Civilit\xE9;Salaire de base;Primes;Taux d'activit\xE9;Date de naissance;Date d'embauche;Cat\xE9gorie\r\n"
                          "A1;Mme;3 266,10;1.200,50;80%;15/03/1985;01/09/2010;Cadre\r\n"
                          "A2;M.;4500,00;0;100;1/2/1990;2015-06-01;Ouvrier\r\n"
                          "\r\n"
                          "A3;Mlle;5.000,00;;1;12/12/1999;20200101;Employ\xE9\r\n");
    run r = ingest1(&o, p);
    assert_int_equal(r.e, AUD_OK);
    aud_dataset *d = r.d;
    assert_int_equal(d->ninputs, 1);
    const aud_input *in = &d->inputs[0];
    assert_string_equal(in->encoding, "cp1252");
    assert_string_equal(in->delimiter, ";");
    assert_string_equal(in->template_name, "fr-generic");
    assert_int_equal(in->kind, AUD_KIND_WORKFORCE);
    assert_int_equal(in->rows_read, 3);
    assert_int_equal(in->rows_accepted, 3);
    assert_int_equal(in->blank_lines, 1);
    assert_int_equal(strlen(in->sha256), 64);
    assert_int_equal(in->ncolumns, 8);
    assert_string_equal(in->columns[1].header, "Civilit\xC3\xA9");
    assert_int_equal(in->columns[1].field, AUD_F_SEX);
    assert_string_equal(in->columns[1].pattern, "civilite");
    assert_int_equal(d->wf.n, 3);
    assert_int_equal(d->wf.sex[0], AUD_SEX_F);
    assert_int_equal(d->wf.sex[1], AUD_SEX_M);
    assert_true(d->wf.base_pay[0] == 3266.10);
    assert_true(d->wf.base_pay[2] == 5000.0);
    assert_true(d->wf.variable_pay[0] == 1200.5);
    assert_true(AUD_IS_NA(d->wf.variable_pay[2]));
    assert_true(d->wf.fte[0] == 0.8);
    assert_true(d->wf.fte[1] == 1.0);
    assert_int_equal(d->wf.birth_date[1], aud_days_from_civil(1990, 2, 1));
    assert_int_equal(d->wf.hire_date[2], aud_days_from_civil(2020, 1, 1));
    assert_int_equal(d->wf.line[2], 5);
    assert_int_equal(d->wf.csp[0], 3);
    assert_int_equal(d->wf.csp[1], 0);
    assert_int_equal(d->wf.csp[2], 1);
    assert_string_equal(aud_dataset_str(d, d->wf.category[2]), "Employ\xC3\xA9");
    assert_true(d->has_field[AUD_F_BASE_PAY]);
    assert_true(d->has_field[AUD_F_FTE]);
    assert_false(d->has_field[AUD_F_JOB]);
    aud_dataset_free(d);
}

static void test_rejections(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    const char *p = WRITE("id,sex,base salary,fte\n"
                          "E1,F,3000,1\n"        /* 2 ok */
                          "E1,M,3100,1\n"        /* 3 duplicate_id */
                          "E3,,3200,1\n"         /* 4 missing_required sex */
                          "E4,X,3300,1\n"        /* 5 unreadable_sex */
                          "E5,M,-10,1\n"         /* 6 negative_pay */
                          "E6,F,3400,2\n"        /* 7 fte_out_of_range */
                          "E7,F,3500\n"          /* 8 ragged_row */
                          ",F,3600,1\n"          /* 9 missing_required id */
                          "E9,M,,1\n"            /* 10 missing_required pay */
                          "E10,M,abc,1\n"        /* 11 unreadable_pay */
                          "E11,M,3700,abc\n"     /* 12 ok, warning */
                          "E12,F,3800,1,\n");    /* 13 ok: trailing empty cell */
    run r = ingest1(&o, p);
    assert_int_equal(r.e, AUD_OK);
    aud_dataset *d = r.d;
    const aud_input *in = &d->inputs[0];
    assert_int_equal(in->rows_read, 12);
    assert_int_equal(in->rows_accepted, 3);
    assert_int_equal(in->rows_rejected, 9);
    assert_accounting(d);
    assert_int_equal(d->wf.n, 3);
    assert_int_equal(d->rejections, 9);
    const aud_finding *f = find_code(d, "duplicate_id");
    assert_non_null(f);
    assert_int_equal(f->line, 3);
    assert_string_equal(aud_dataset_str(d, f->column), "id");
    assert_string_equal(aud_dataset_str(d, f->raw), "[redacted]");    /* identity never shown */
    f = find_code(d, "unreadable_sex");
    assert_int_equal(f->line, 5);
    assert_string_equal(aud_dataset_str(d, f->raw), "X");
    assert_int_equal(find_code(d, "negative_pay")->line, 6);
    assert_string_equal(aud_dataset_str(d, find_code(d, "negative_pay")->raw), "-10");
    assert_int_equal(find_code(d, "fte_out_of_range")->line, 7);
    assert_int_equal(find_code(d, "ragged_row")->line, 8);
    assert_int_equal(count_code(d, "missing_required", AUD_SEV_REJECT), 3);
    assert_int_equal(find_code(d, "unreadable_pay")->line, 11);
    f = find_code(d, "unreadable_value");
    assert_int_equal(f->severity, AUD_SEV_WARNING);
    assert_int_equal(f->line, 12);
    assert_true(AUD_IS_NA(d->wf.fte[1]));
    aud_dataset_free(d);
}

static void test_ambiguous_majority(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    /* base pay: ',' is the decimal mark by majority, so "3.266" is 3266;
     * allowances: '.' is the decimal mark, so "1,500" is 1500 and "0.500"... */
    const char *p = WRITE("Matricule;Sexe;Salaire de base;Indemnit\xC3\xA9s;Primes\n"
                          "1;F;3.266;1.500;2.000\n"
                          "2;M;4500,50;1.5;3,000\n"
                          "3;M;4200,00;2.25;1000\n");
    run r = ingest1(&o, p);
    assert_int_equal(r.e, AUD_OK);
    aud_dataset *d = r.d;
    assert_true(d->wf.base_pay[0] == 3266.0);
    assert_true(d->wf.allowances[0] == 1.5);       /* '.' is this column's decimal mark */
    assert_true(d->wf.variable_pay[0] == 2000.0);  /* no majority: thousands */
    assert_true(d->wf.variable_pay[1] == 3000.0);
    aud_dataset_free(d);
}

static void test_annual_pay_and_maps(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    aud_map_opt maps[] = {{"employee_id", "Code"}};
    aud_map_value_opt mv[] = {{"sex", "1", "M"}, {"sex", "2", "F"}};
    o.maps = maps; o.nmaps = 1;
    o.map_values = mv; o.nmap_values = 2;
    const char *p = WRITE("Code;Sexe;Salaire annuel\n1;1;36000\n2;2;48 000,00\n3;3;1\n");
    run r = ingest1(&o, p);
    o.maps = NULL; o.map_values = NULL; o.nmaps = o.nmap_values = 0;
    assert_int_equal(r.e, AUD_OK);
    aud_dataset *d = r.d;
    assert_int_equal(d->wf.n, 2);
    assert_int_equal(d->wf.sex[0], AUD_SEX_M);
    assert_int_equal(d->wf.sex[1], AUD_SEX_F);
    assert_true(d->wf.base_pay[0] == 3000.0);
    assert_true(d->wf.base_pay[1] == 4000.0);
    assert_true(d->has_field[AUD_F_BASE_PAY]);
    assert_string_equal(d->inputs[0].columns[0].pattern, "--map");
    assert_int_equal(find_code(d, "unreadable_sex")->line, 4);
    aud_dataset_free(d);
}

static void test_numeric_sex_without_map(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    const char *p = WRITE("Matricule;Sexe;Salaire\n1;1;3000\n2;2;4000\n");
    run r = ingest1(&o, p);
    assert_int_equal(r.e, AUD_E_NODATA);
    assert_non_null(strstr(r.diag.hint, "--map-value sex:1=M,2=F"));
    assert_int_equal(r.d->ninputs, 1);             /* still described for `check` */
    assert_int_equal(r.d->inputs[0].rows_rejected, 2);
    assert_accounting(r.d);
    aud_dataset_free(r.d);
}

static void test_file_errors(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    run r = ingest1(&o, WRITE(""));
    assert_int_equal(r.e, AUD_E_NODATA);
    assert_non_null(strstr(r.diag.message, "empty"));
    aud_dataset_free(r.d);
    r = ingest1(&o, WRITE("Matricule;Sexe;Salaire\n"));
    assert_int_equal(r.e, AUD_E_NODATA);
    assert_int_equal(r.d->inputs[0].rows_read, 0);
    aud_dataset_free(r.d);
    r = ingest1(&o, WRITE("Matricule;Salaire;Emploi\n1;3000;x\n"));
    assert_int_equal(r.e, AUD_E_HEADER);
    assert_non_null(strstr(r.diag.message, "sex"));
    assert_non_null(strstr(r.diag.hint, "--map sex=COLUMN"));
    assert_int_equal(r.diag.line, 1);
    aud_dataset_free(r.d);
    r = ingest1(&o, "/nonexistent/x.csv");
    assert_int_equal(r.e, AUD_E_IO);
    aud_dataset_free(r.d);
    r = ingest1(&o, WRITE("Matricule;Sexe;Salaire\n1;F;\"3000\n2;M;4000\n"));
    assert_int_equal(r.e, AUD_E_CSV);
    assert_int_equal(r.diag.line, 2);
    aud_dataset_free(r.d);
    o.template_name = "no-such-template";
    r = ingest1(&o, WRITE("Matricule;Sexe;Salaire\n1;F;3000\n"));
    assert_int_equal(r.e, AUD_E_USAGE);
    aud_dataset_free(r.d);
}

static void test_two_files_keep_first(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    const char *files[2] = {WRITE("Matricule;Sexe;Salaire\n1;F;3000\n"), WRITE("Matricule;Salaire\n2;3000\n")};
    o.files = files;
    o.nfiles = 2;
    aud_dataset *d = aud_dataset_new();
    aud_diag diag;
    aud_diag_clear(&diag);
    assert_int_equal(aud_ingest(&o, d, &diag), AUD_E_HEADER);
    assert_int_equal(d->ninputs, 2);
    assert_int_equal(d->inputs[0].rows_accepted, 1);
    assert_string_equal(diag.file, files[1]);
    aud_dataset_free(d);
}

static void test_applicants(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    const char *wf = WRITE("Matricule;Sexe;Salaire\n1;F;3000\n");
    const char *ap = WRITE("N\xC2\xB0 candidature;Sexe;\xC3\x89tape;Canal\nC1;F;Entretien;ANAPEC\nC2;H;Recrut\xC3\xA9;Site web\nC3;F;Refus\xC3\xA9;\nC1;M;Offre;\n");
    const char *fl = WRITE("Applicant ID,Gender,Applied,Screened,Interviewed,Offered,Hired\nX1,F,x,x,,,\nX2,M,yes,yes,yes,yes,yes\nX3,F,1,0,0,0,0\n");
    const char *files[2] = {wf, ap};
    o.files = files;
    o.nfiles = 2;
    o.applicants = fl;
    aud_dataset *d = aud_dataset_new();
    aud_diag diag;
    aud_diag_clear(&diag);
    assert_int_equal(aud_ingest(&o, d, &diag), AUD_OK);
    assert_int_equal(d->ninputs, 3);
    assert_int_equal(d->inputs[1].kind, AUD_KIND_APPLICANTS);
    assert_string_equal(d->inputs[1].template_name, "applicants-fr");
    assert_int_equal(d->inputs[2].kind, AUD_KIND_APPLICANTS);
    assert_int_equal(d->inputs[1].rows_accepted, 2);
    assert_int_equal(d->inputs[1].rows_rejected, 2);          /* unreadable stage, duplicate id */
    assert_accounting(d);
    assert_int_equal(d->ap.n, 5);
    assert_int_equal(d->ap.stage[0], AUD_STAGE_INTERVIEWED);
    assert_int_equal(d->ap.stage[1], AUD_STAGE_HIRED);
    assert_int_equal(d->ap.sex[1], AUD_SEX_M);
    assert_string_equal(aud_dataset_str(d, d->ap.channel[0]), "ANAPEC");
    assert_int_equal(d->ap.stage[2], AUD_STAGE_SCREENED);
    assert_int_equal(d->ap.stage[3], AUD_STAGE_HIRED);
    assert_int_equal(d->ap.stage[4], AUD_STAGE_APPLIED);
    assert_true(d->has_field[AUD_F_STAGE]);
    assert_int_equal(find_code(d, "unreadable_stage")->line, 4);
    aud_dataset_free(d);
}

static void test_previous_and_plausibility(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    const char *cur = WRITE("Matricule;Sexe;Salaire;Date de naissance;Date d'embauche;Promu\n"
                            "1;F;3000;01/01/1990;01/01/2015;x\n"
                            "2;M;3100;01/01/2015;01/01/2020;\n"      /* age 10 */
                            "3;M;3200;01/01/1990;01/06/2026;\n"      /* hired after the period */
                            "4;F;900000;01/01/1980;01/01/2000;x\n"   /* 50x the median */
                            "5;F;3300;01/01/1980;01/01/1960;\n");    /* seniority > age - 14 */
    const char *prev = WRITE("Matricule;Sexe;Salaire\n1;F;2900\n9;M;3000\n");
    const char *files[1] = {cur};
    o.files = files;
    o.nfiles = 1;
    o.previous = prev;
    aud_dataset *d = aud_dataset_new();
    aud_diag diag;
    aud_diag_clear(&diag);
    assert_int_equal(aud_ingest(&o, d, &diag), AUD_OK);
    assert_int_equal(d->inputs[1].kind, AUD_KIND_PREVIOUS);
    assert_int_equal(d->prev.n, 2);
    assert_int_equal(d->wf.n, 5);
    assert_int_equal(find_code(d, "age_implausible")->line, 3);
    assert_int_equal(find_code(d, "hire_after_period")->line, 4);
    assert_int_equal(find_code(d, "pay_above_50x_median")->line, 5);
    /* line 3 (age 10, 5 years) and line 6 (hired at age -20) */
    assert_int_equal(count_code(d, "seniority_implausible", AUD_SEV_WARNING), 2);
    /* "x"-marked yes/no column: empty means no */
    assert_int_equal(d->wf.promoted[0], 1);
    assert_int_equal(d->wf.promoted[1], 0);
    aud_dataset_free(d);
}

static void test_cnss_and_identity(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    const char *p = WRITE("Matricule;Sexe;Salaire;N\xC2\xB0 CNSS;CIN;Nom\n"
                          "1;F;3000;123 456 785;AB12345;Alaoui\n"
                          "2;M;3000;123456784;;\n"
                          "3;M;3000;12345;;\n");
    run r = ingest1(&o, p);
    assert_int_equal(r.e, AUD_OK);
    aud_dataset *d = r.d;
    assert_string_equal(aud_strtab_get(d->ids, d->wf.cnss[0]), "123456785");
    const aud_finding *f = find_code(d, "cnss_check_digit");
    assert_int_equal(f->line, 3);
    assert_string_equal(aud_dataset_str(d, f->raw), "[redacted]");
    assert_int_equal(find_code(d, "cnss_format")->line, 4);
    assert_int_equal(d->wf.cnss[2], 0);
    /* names and CIN never reach the string table */
    for (uint32_t i = 1; i <= aud_strtab_count(d->strings); i++) {
        assert_null(strstr(aud_dataset_str(d, i), "Alaoui"));
        assert_null(strstr(aud_dataset_str(d, i), "AB12345"));
    }
    aud_dataset_free(d);
}

static void test_logib_template(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    const char *tpl = WRITE("name\tlogib-test\nkind\tlogib\nfield\temployee_id\tperson\nfield\tsex\tgender\n"
                            "field\tbase_pay\tbasic wage\nfield\ttraining_code\ttraining\nfield\tprofessional_position\tposition\n"
                            "field\tactivity_rate\tactivity rate\nfield\tthirteenth_wage\t13th wage\nfield\tpopulation_code\tpopulation\n");
    o.template_name = tpl;
    const char *p = WRITE("Person;Gender;Basic wage;Training;Position;Activity rate;13th wage;Population\n"
                          "1;F;5'000.00;3;2;100;5000;1\n2;M;6000;9;1;80;0;1\n");
    run r = ingest1(&o, p);
    assert_int_equal(r.e, AUD_OK);
    aud_dataset *d = r.d;
    assert_int_equal(d->inputs[0].kind, AUD_KIND_LOGIB);
    assert_string_equal(d->inputs[0].template_name, "logib-test");
    assert_true(d->wf.base_pay[0] == 5000.0);
    assert_int_equal(d->wf.training_code[0], 3);
    assert_int_equal(d->wf.training_code[1], -1);              /* 9 is no training code */
    assert_int_equal(d->wf.professional_position[0], 2);
    assert_true(d->wf.activity_rate[1] == 80.0);
    assert_true(d->wf.fte[1] == 0.8);                          /* from the activity rate */
    assert_true(d->wf.thirteenth[0] == 5000.0);
    assert_int_equal(d->wf.population_code[1], 1);
    assert_int_equal(find_code(d, "unreadable_value")->line, 3);
    aud_dataset_free(d);
}

static void test_templates_list(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    aud_template_info *list;
    size_t n;
    aud_diag diag;
    aud_diag_clear(&diag);
    assert_int_equal(aud_templates_list(&o, &list, &n, &diag), AUD_OK);
    assert_true(n >= 6);
    for (size_t i = 1; i < n; i++) {
        const char *a = strrchr(list[i - 1].source, '/'), *b = strrchr(list[i].source, '/');
        assert_true(strcmp(a, b) < 0);        /* sorted by file name */
    }
    bool fr = false;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i].name, "fr-generic")) {
            fr = true;
            assert_string_equal(list[i].fields[0], "cnss_number");
            assert_true(list[i].nfields >= 28);
        }
    assert_true(fr);
    aud_templates_list_free(list, n);
}

static void test_check_json(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    run r = ingest1(&o, WRITE("Matricule;Sexe;Salaire\n1;F;3000\n1;M;3000\n"));
    assert_int_equal(r.e, AUD_OK);
    char out[320];
    snprintf(out, sizeof out, "%s/check.json", tmpdir);
    assert_int_equal(aud_check_json_write(r.d, &o, out, &r.diag), AUD_OK);
    FILE *f = fopen(out, "rb");
    assert_non_null(f);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_non_null(strstr(buf, "\"code\": \"duplicate_id\""));
    assert_non_null(strstr(buf, "\"rows_rejected\": 1"));
    assert_non_null(strstr(buf, "\"value\": \"[redacted]\""));
    aud_dataset_free(r.d);
}


static void test_bds_and_xlsx_dispatch(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    char bds[300];
    memset(bds, ' ', sizeof bds);
    memcpy(bds, "B00", 3);
    bds[260] = '\r';
    bds[261] = '\n';
    const char *files[3] = {write_file(bds, 262), WRITE("Matricule;Sexe;Salaire\n1;F;3000\n"), NULL};
    o.files = files;
    o.nfiles = 2;
    aud_dataset *d = aud_dataset_new();
    aud_diag diag;
    aud_diag_clear(&diag);
    (void)aud_ingest(&o, d, &diag);          /* the BDS reader decides the outcome */
    assert_int_equal(d->ninputs, 2);
    assert_int_equal(d->inputs[0].kind, AUD_KIND_WORKFORCE);   /* workforce first, */
    assert_int_equal(d->inputs[1].kind, AUD_KIND_BDS);         /* then the BDS join */
    assert_string_equal(d->inputs[1].path, files[0]);
    aud_dataset_free(d);
    /* a zip is handed to the xlsx reader (this one is corrupt) */
    run r = ingest1(&o, WRITE("PK\003\004garbage"));
    assert_int_not_equal(r.e, AUD_OK);
    assert_string_equal(r.d->inputs[0].encoding, "xlsx");
    aud_dataset_free(r.d);
}

static uint64_t progress_done, progress_total;
static int progress_calls;

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
    (void)ctx;
    progress_calls++;
    progress_done = done;
    progress_total = total;
}

static aud_err ignore_row(void *ctx, const aud_row *row)
{
    (void)ctx; (void)row;
    return AUD_OK;
}

static void test_progress_on_large_files(void **state)
{
    (void)state;
    aud_csv_opts co = {.progress = on_progress};
    aud_csv_info info;
    aud_diag d;
    aud_diag_clear(&d);
    FILE *f = fmemopen((void *)"a;b\n1;2\n", 8, "rb");
    assert_non_null(f);
    /* reported only for files over 50 MB: pretend this one is */
    assert_int_equal(aud_csv_read_stream(f, "x", 60000000ull, &co, ignore_row, NULL, &info, &d), AUD_OK);
    fclose(f);
    assert_int_equal(progress_calls, 1);
    assert_int_equal(progress_done, progress_total);
    progress_calls = 0;
    assert_int_equal(aud_csv_read_mem("a;b\n", 4, "x", &co, ignore_row, NULL, &info, &d), AUD_OK);
    assert_int_equal(progress_calls, 0);
}


/* A large extract (two-thread reader; rows prepared on the reading thread
 * once the header is known) and the same read by one thread: every column,
 * finding and count must be the same. The values cycle through the hard
 * cases: ambiguous, bad and negative amounts, invalid dates, bad CNSS check
 * digits, numeric and unknown sexes, x-marked flags, duplicates, quoted
 * cells, blank and padded rows, --map-value recodes, ages at the limits of
 * the plausibility checks. */
/* Bonuses: the first rows write decimals with a point, the many later ones
 * with a comma, so "1,234" is read by the whole column's majority. */
static const char *bonus(size_t i)
{
    if (i % 2 == 0) return "1,234";
    return i < 8000 ? "1,234.50" : "1.234,50";
}

static char *big_extract(size_t rows, size_t *len)
{
    static const char *const pay[] = {"5067,14", "3 659,24", "1.234,50", "1,234", "abc", "-5", "", "4\xA0" "200,00 DH"};
    static const char *const fte[] = {"0,8", "100 %", "1", "7", "x", ""};
    static const char *const dates[] = {"16/11/2002", "01/01/2011", "31/02/2001", "", "31/12/1955", "20200101", "01/01/2030"};
    static const char *const cnss[] = {"186882563", "186882564", "12-34", "-", "149 497 143"};
    static const char *const sex[] = {"F", "H", "Femme", "M.", "1", "", "f"};
    static const char *const yn[] = {"Oui", "Non", "x", "", "peut-\xEAtre"};
    static const char *const cat[] = {"Cadres", "Employ\xE9s", "Ouvriers", " Ma\xEEtrise ", "\"Cadres; sup\""};
    size_t cap = rows * 200 + 512, o = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    o += (size_t)snprintf(s + o, cap - o, "Matricule;Sexe;Salaire de base;Primes annuelles;Taux d'activit\xE9;"
                          "Date de naissance;Date d'embauche;Cat\xE9gorie;Promu;N\xB0 CNSS;Emploi\r\n");
    for (size_t i = 0; i < rows; i++) {
        if (i % 977 == 5) { o += (size_t)snprintf(s + o, cap - o, ";;;;;;;;;;\r\n\r\n"); continue; }
        if (i % 2003 == 11) { o += (size_t)snprintf(s + o, cap - o, "\xA0;;\xA0 ;;;;;;;;\r\n"); continue; }
        /* now and then a duplicate, one of them of a row read before the header was mapped */
        size_t id = i % 1499 == 7 ? i - 1 : i == 40000 ? 3 : i;
        o += (size_t)snprintf(s + o, cap - o, "E%zu;%s;%s;%s;%s;%s;%s;%s;%s;%s;%s\r\n", id,
                              sex[i % 7], pay[i % 8], bonus(i), fte[i % 6], dates[i % 7],
                              dates[(i / 7) % 7], cat[i % 5], yn[i % 5], cnss[i % 5],
                              i % 11 ? "Op\xE9rateur" : "\"Chef \"\"A\"\"\"");
    }
    *len = o;
    return s;
}

static uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 1099511628211ull; }

static uint64_t dataset_digest(const aud_dataset *d)
{
    const aud_workforce *w = &d->wf;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < w->n; i++) {
        double dv[] = {w->base_pay[i], w->allowances[i], w->variable_pay[i], w->fte[i]};
        for (size_t k = 0; k < 4; k++) { uint64_t b; memcpy(&b, &dv[k], 8); h = mix(h, b); }
        int64_t iv[] = {w->employee_id[i], w->line[i], w->sex[i], w->birth_date[i], w->hire_date[i],
                        w->category[i], w->job[i], w->csp[i], w->promoted[i], w->cnss[i], w->age[i]};
        for (size_t k = 0; k < sizeof iv / sizeof *iv; k++) h = mix(h, (uint64_t)iv[k]);
    }
    for (size_t i = 0; i < d->nfindings; i++) {
        const aud_finding *f = &d->findings[i];
        h = mix(mix(mix(mix(h, f->line), f->severity), f->input), f->column);
        for (const char *c = aud_dataset_str(d, f->code); *c; c++) h = mix(h, (unsigned char)*c);
        for (const char *c = aud_dataset_str(d, f->raw); *c; c++) h = mix(h, (unsigned char)*c);
    }
    const aud_input *in = &d->inputs[0];
    h = mix(mix(mix(mix(h, in->rows_read), in->rows_accepted), in->rows_rejected), in->blank_lines);
    return h;
}

static void test_prepared_rows_same_as_one_thread(void **state)
{
    (void)state;
    size_t n;
    char *s = big_extract(60000, &n);
    assert_true(n > AUD_CSV_PIPE_MIN);           /* read by two threads */
    const char *p = write_file(s, n);
    free(s);
    static aud_map_value_opt mv[] = {{"sex", "1", "F"}};
    uint64_t digest[3];
    size_t rows = 0, findings = 0;
    for (int t = 0; t < 3; t++) {      /* balanced, one thread, every row prepared */
        aud_options o;
        opts(&o);
        o.map_values = mv;
        o.nmap_values = 1;
        o.reader_threads = t;
        run r = ingest1(&o, p);
        assert_int_equal(r.e, AUD_OK);
        assert_accounting(r.d);
        digest[t] = dataset_digest(r.d);
        if (t == 0) { rows = r.d->wf.n; findings = r.d->nfindings; }
        else { assert_int_equal(r.d->wf.n, rows); assert_int_equal(r.d->nfindings, findings); }
        aud_dataset_free(r.d);
    }
    assert_true(rows > 10000 && rows < 60000);   /* rows were both accepted and rejected */
    assert_true(findings > 1000);
    assert_true(digest[0] == digest[1]);
    assert_true(digest[2] == digest[1]);
}

static void test_title_rows(void **state)
{
    (void)state;
    aud_options o;
    opts(&o);
    run r = ingest1(&o, WRITE("Etat du personnel 2025;;\n;;\nMatricule;Sexe;Salaire\n1;F;3000\n"));
    assert_int_equal(r.e, AUD_OK);
    assert_int_equal(r.d->inputs[0].rows_read, 1);
    assert_int_equal(r.d->wf.line[0], 4);
    assert_int_equal(r.d->inputs[0].blank_lines, 1);
    const aud_finding *f = find_code(r.d, "title_row_skipped");
    assert_non_null(f);
    assert_int_equal(f->line, 1);
    assert_int_equal(f->severity, AUD_SEV_INFO);
    aud_dataset_free(r.d);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_ingest.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_french_workforce),
        cmocka_unit_test(test_rejections),
        cmocka_unit_test(test_ambiguous_majority),
        cmocka_unit_test(test_annual_pay_and_maps),
        cmocka_unit_test(test_numeric_sex_without_map),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_two_files_keep_first),
        cmocka_unit_test(test_applicants),
        cmocka_unit_test(test_previous_and_plausibility),
        cmocka_unit_test(test_cnss_and_identity),
        cmocka_unit_test(test_logib_template),
        cmocka_unit_test(test_templates_list),
        cmocka_unit_test(test_check_json),
        cmocka_unit_test(test_title_rows),
        cmocka_unit_test(test_prepared_rows_same_as_one_thread),
        cmocka_unit_test(test_bds_and_xlsx_dispatch),
        cmocka_unit_test(test_progress_on_large_files),
    };
    return cmocka_run_group_tests_name("ingest", tests, setup, teardown);
}
