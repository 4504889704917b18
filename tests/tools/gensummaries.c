/* gensummaries.c - write N synthetic employer summaries (for benchmark tests
 * and timing): gensummaries DIR N [PEOPLE] [SEED]. Each employer is a random
 * workforce built in memory and summarised by aud_summary_write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/sumdata.h"
#include "measures.h"
#include "summary.h"

static double mean_gap(const aud_dataset *d, const aud_options *o)
{
    aud_measures m;
    if (aud_measures_compute(d, o, &m) != AUD_OK) return 0;
    double s[3] = {0, 0, 0};
    size_t n[3] = {0, 0, 0};
    for (size_t i = 0; i < m.n; i++)
        if (m.in_pop[i] && m.nopay[i] == AUD_NOPAY_NONE) { s[d->wf.sex[i]] += m.pay_fte[i]; n[d->wf.sex[i]]++; }
    aud_measures_free(&m);
    if (!n[1] || !n[2]) return 0;
    double f = s[1] / (double)n[1], h = s[2] / (double)n[2];
    return (h - f) / h * 100.0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gensummaries DIR N [PEOPLE] [SEED]\n");
        return 2;
    }
    long n = strtol(argv[2], NULL, 10), people = argc > 3 ? strtol(argv[3], NULL, 10) : 80;
    unsigned long long seed = argc > 4 ? strtoull(argv[4], NULL, 10) : 1;
    static const char *const sectors[] = {"C10", "C13", "C14", "G46", "J62"};
    static const char *const regions[] = {"Casablanca-Settat", "Rabat-Sale-Kenitra", "Tanger-Tetouan-Al Hoceima",
                                          "Fes-Meknes"};
    for (long i = 0; i < n; i++) {
        char name[64], path[4096];
        snprintf(name, sizeof name, "Employer %05ld", i);
        snprintf(path, sizeof path, "%s/s%05ld.summary.json", argv[1], i);
        uint64_t s = seed * 1000003u + (uint64_t)i + 1;
        size_t size = (size_t)people / 2 + (size_t)(sd_rand(&s) % (uint64_t)(people + 1));
        aud_dataset *d = sd_random(s, size, 0.75 + 0.3 * sd_unif(&s));
        aud_options o;
        sd_options(&o, name, sectors[i % 5], 5);
        o.region = regions[(i / 5) % 4];
        aud_results *r = aud_results_new();
        aud_results_set_num(r, "pay_gap_mean_pct", mean_gap(d, &o));
        aud_results_set_int(r, "headcount", (int64_t)size);
        aud_results_set_num(r, "duncan_index_category", sd_unif(&s) * 0.4);
        aud_diag diag;
        aud_diag_clear(&diag);
        aud_err e = aud_summary_write(d, &o, r, path, &diag);
        aud_results_free(r);
        aud_dataset_free(d);
        if (e != AUD_OK) {
            fprintf(stderr, "gensummaries: %s: %s\n", path, diag.message);
            return 1;
        }
    }
    return 0;
}
