/* libFuzzer: outcomes (lib/io/outcomes_read.c) from a CSV read as a tidy
 * file or a DfE table, added twice (the second add must be refused as a
 * duplicate or add nothing new, and either way leave what was read), then
 * every value asked for; then the impact of a one-triad plan on them, as
 * CSV and JSON, the schools holding it back, the weighted figure, the
 * clinic's flags, the page's impact section and the collaborative's
 * pack: any outcomes read must
 * give them (no error but memory). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_status.h"
#include "io/outcomes_impl.h"

static const char schools_csv[] = "urn,phase\n1,Primary\n2,Primary\n3,Secondary\n";

static double total(const triad_outcomes *o, size_t n)
{
    double sum = 0, v;
    for (size_t i = 0; i < n; i++)
        for (size_t m = 0; m < triad_outcomes_measure_count(o); m++)
            for (size_t y = 0; y < triad_outcomes_year_count(o); y++)
                if (triad_outcomes_value(o, i, m, triad_outcomes_year(o, y), &v))
                    sum += v == v ? 1 : 0; /* present values are numbers */
    return sum;
}

/* The page with impact imp and outcomes o: made (or out of memory), and
 * no measure name or value of the input adds markup: the page's only
 * script elements are its own two. */
static triad_status page_of(const triad_schools *s, const triad_plan *plan,
                            const triad_impact *imp, const triad_outcomes *o)
{
    triad_error err;
    triad_report *rep = NULL;
    char *html = NULL;
    triad_page_options po;
    triad_page_options_init(&po);
    po.impact = imp;
    po.outcomes = o;
    triad_status st = triad_check(s, NULL, plan, &rep, &err);
    if (st == TRIAD_OK)
        st = triad_report_html_page((const triad_report *const[]){rep},
                                    (const triad_plan *const[]){plan}, 1, s, &po, &html, &err);
    size_t scripts = 0;
    for (const char *at = html; at && (at = strstr(at, "<script")); at++)
        scripts++;
    if (st == TRIAD_OK && scripts != 2)
        __builtin_trap();
    triad_string_free(html);
    html = NULL;
    /* the collaborative's pack: no script at all */
    triad_pack_options pk;
    triad_pack_options_init(&pk);
    pk.outcomes = o;
    pk.impact = imp;
    if (st == TRIAD_OK)
        st = triad_pack_html(rep, s, plan, 0, &pk, &html, &err);
    if (st == TRIAD_OK && strstr(html, "<script"))
        __builtin_trap();
    triad_string_free(html);
    triad_report_free(rep);
    return st;
}

/* Impact, its CSV and JSON, and the holding-back list of o for plan. */
static void impact_of(const triad_schools *s, const triad_plan *plan, const triad_outcomes *o)
{
    triad_impact_options opts;
    triad_impact_options_init(&opts);
    opts.resamples = 100;
    triad_impact *imp = NULL;
    triad_error err;
    char *csv = NULL, *json = NULL, *back = NULL, *weighted = NULL, *flags = NULL;
    triad_status st = triad_impact_compute(s, plan, o, &opts, &imp, &err);
    if (st == TRIAD_OK)
        st = triad_impact_csv(imp, &csv, &err);
    if (st == TRIAD_OK)
        st = triad_impact_json(imp, &json, &err);
    if (st == TRIAD_OK)
        st = triad_holding_back_csv(s, plan, o, &back, &err);
    if (st == TRIAD_OK)
        st = triad_impact_weighted_csv(s, plan, o, &weighted, &err);
    if (st == TRIAD_OK)
        st = triad_clinic_csv(s, o, "2026-autumn", NULL, NULL, &flags, &err);
    if (st == TRIAD_OK)
        st = page_of(s, plan, imp, o);
    if (st != TRIAD_OK && st != TRIAD_ERR_NOMEM)
        __builtin_trap();
    triad_string_free(csv);
    triad_string_free(json);
    triad_string_free(back);
    triad_string_free(weighted);
    triad_string_free(flags);
    triad_impact_free(imp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static triad_schools *schools;
    static triad_plan *plan;
    static const char plan_csv[] =
        "URN,collaborative,triad,lead\n1,X,X.1,1\n2,X,X.1,0\n3,X,X.1,0\n";
    triad_error err;
    if (!schools && triad_schools_read_buffer(schools_csv, strlen(schools_csv), "s.csv", NULL,
                                              &schools, &err) != TRIAD_OK)
        abort();
    if (!plan && triad_plan_read_buffer(plan_csv, strlen(plan_csv), "p.csv", schools, &plan,
                                        &err) != TRIAD_OK)
        abort();
    csv_table t;
    if (data_status(csv_table_parse((const char *)data, size, "fuzz.csv", &t, &err)) != TRIAD_OK)
        return 0;
    triad_outcomes *o = outcomes_new(schools);
    if (o && data_status(outcomes_add_table(o, &t, 2019, &err)) == TRIAD_OK) {
        double before = total(o, 3);
        size_t years = triad_outcomes_year_count(o);
        triad_status again = outcomes_add_table(o, &t, 2019, &err);
        if (again == TRIAD_OK ? total(o, 3) != before || triad_outcomes_year_count(o) != years
                              : total(o, 3) != before)
            __builtin_trap();
        impact_of(schools, plan, o);
    }
    triad_outcomes_free(o);
    csv_table_free(&t);
    return 0;
}
