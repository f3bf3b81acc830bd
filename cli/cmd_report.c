#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: triad report --schools SCHOOLS.csv --plan PLAN.csv [--spec SPEC.ini]\n"
               "                    -o REPORT.html [--brokerage B.csv --offers O.csv\n"
               "                    --needs N.csv [--synonyms F.csv]]\n"
               "\n"
               "Writes one self-contained HTML page: a map of the schools coloured by\n"
               "collaborative with triads and leads, per collaborative the composition of\n"
               "every balanced attribute against its stratum and a table of its schools,\n"
               "and the constraint violations. Works for solved and hand-made plans.\n");
}

int cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"schools", required_argument, 0, 's'}, {"plan", required_argument, 0, 'p'},
        {"spec", required_argument, 0, 'c'},    {"output", required_argument, 0, 'o'},
        {"brokerage", required_argument, 0, 'b'}, {"offers", required_argument, 0, 'f'},
        {"needs", required_argument, 0, 'n'},   {"synonyms", required_argument, 0, 'y'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    const char *schools_path = NULL, *plan_path = NULL, *spec_path = NULL, *out = NULL;
    const char *brokerage = NULL, *offers = NULL, *needs = NULL, *syn = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:p:c:o:b:f:n:y:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': brokerage = optarg; break;
        case 'f': offers = optarg; break;
        case 'n': needs = optarg; break;
        case 'y': syn = optarg; break;
        case 's': schools_path = optarg; break;
        case 'p': plan_path = optarg; break;
        case 'c': spec_path = optarg; break;
        case 'o': out = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!schools_path || !plan_path || !out || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (brokerage && (!offers || !needs)) {
        fprintf(stderr, "triad report: --brokerage needs --offers and --needs\n");
        return EXIT_USAGE;
    }
    const char *inputs[] = {schools_path, plan_path, spec_path, brokerage, offers, needs, syn};
    int guard = cli_guard_outputs("report", inputs, 7, &out, 1);
    if (guard)
        return guard;
    triad_error err;
    triad_schools *s = NULL;
    triad_spec *spec = NULL;
    triad_plan *plan = NULL;
    triad_report *rep = NULL;
    char *html = NULL;
    triad_market *m = NULL;
    triad_brokerage *bk = NULL;
    int rc;
    if (triad_schools_read(schools_path, NULL, &s, &err) != TRIAD_OK ||
        (spec_path && triad_spec_read(spec_path, &spec, &err) != TRIAD_OK) ||
        triad_plan_read(plan_path, s, &plan, &err) != TRIAD_OK ||
        triad_check(s, spec, plan, &rep, &err) != TRIAD_OK ||
        (brokerage && (triad_market_read(offers, needs, syn, s, &m, &err) != TRIAD_OK ||
                       triad_brokerage_read(brokerage, s, plan, m, NULL, &bk, &err) != TRIAD_OK)) ||
        triad_report_html_brokerage(rep, s, plan, bk, &html, &err) != TRIAD_OK)
        rc = cli_report_error(&err);
    else
        rc = cli_write_output(out, html);
    triad_string_free(html);
    triad_brokerage_free(bk);
    triad_market_free(m);
    triad_report_free(rep);
    triad_plan_free(plan);
    triad_spec_free(spec);
    triad_schools_free(s);
    return rc;
}
