#include <getopt.h>
#include <stdio.h>

#include "cli.h"

#define MAX_YEARS 50 /* as triad solve --years */

static void usage(FILE *f)
{
    fprintf(f, "usage: triad report --schools SCHOOLS.csv --plan PLAN.csv [--plan YEAR2.csv ...]\n"
               "                    [--spec SPEC.ini] -o REPORT.html [--brokerage B.csv\n"
               "                    --offers O.csv --needs N.csv [--synonyms F.csv]]\n"
               "\n"
               "Writes one self-contained HTML page: a map of the schools coloured by\n"
               "collaborative with triads and leads, per collaborative the composition of\n"
               "every balanced attribute against its stratum and a table of its schools,\n"
               "and the constraint violations. Works for solved and hand-made plans.\n"
               "\n"
               "The page is also a planner: select a school (in a table or on the map),\n"
               "move it to another triad, swap it with another school, make it the lead,\n"
               "lock it; undo and redo. Every figure is re-scored as triad check scores\n"
               "it. 'Download plan CSV' saves the edited plan with a locked column, for\n"
               "triad check or triad solve --fixed. Give --plan once per year (the files\n"
               "of solve --years) to see and edit a rotation year by year (up to 50).\n");
}

int cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"schools", required_argument, 0, 's'}, {"plan", required_argument, 0, 'p'},
        {"spec", required_argument, 0, 'c'},    {"output", required_argument, 0, 'o'},
        {"brokerage", required_argument, 0, 'b'}, {"offers", required_argument, 0, 'f'},
        {"needs", required_argument, 0, 'n'},   {"synonyms", required_argument, 0, 'y'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    const char *schools_path = NULL, *plan_paths[MAX_YEARS] = {0}, *spec_path = NULL, *out = NULL;
    size_t nplans = 0;
    const char *brokerage = NULL, *offers = NULL, *needs = NULL, *syn = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:p:c:o:b:f:n:y:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': brokerage = cli_input(optarg); break;
        case 'f': offers = cli_input(optarg); break;
        case 'n': needs = cli_input(optarg); break;
        case 'y': syn = cli_input(optarg); break;
        case 's': schools_path = cli_input(optarg); break;
        case 'p':
            if (nplans == MAX_YEARS) {
                fprintf(stderr, "triad report: at most %d --plan files\n", MAX_YEARS);
                return EXIT_USAGE;
            }
            plan_paths[nplans++] = cli_input(optarg);
            break;
        case 'c': spec_path = cli_input(optarg); break;
        case 'o': out = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!schools_path || !nplans || !out || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (brokerage && (!offers || !needs)) {
        fprintf(stderr, "triad report: --brokerage needs --offers and --needs\n");
        return EXIT_USAGE;
    }
    const char *inputs[MAX_YEARS + 6] = {schools_path, spec_path, brokerage, offers, needs, syn};
    for (size_t y = 0; y < nplans; y++)
        inputs[6 + y] = plan_paths[y];
    int guard = cli_guard_outputs("report", inputs, 6 + nplans, &out, 1);
    if (guard)
        return guard;
    triad_error err;
    triad_schools *s = NULL;
    triad_spec *spec = NULL;
    triad_plan *plans[MAX_YEARS] = {0};
    triad_report *reps[MAX_YEARS] = {0};
    char *html = NULL;
    triad_market *m = NULL;
    triad_brokerage *bk = NULL;
    int ok = triad_schools_read(schools_path, NULL, &s, &err) == TRIAD_OK &&
             (!spec_path || triad_spec_read(spec_path, &spec, &err) == TRIAD_OK);
    for (size_t y = 0; ok && y < nplans; y++)
        ok = triad_plan_read(plan_paths[y], s, &plans[y], &err) == TRIAD_OK &&
             triad_check(s, spec, plans[y], &reps[y], &err) == TRIAD_OK;
    ok = ok && (!brokerage ||
                (triad_market_read(offers, needs, syn, s, &m, &err) == TRIAD_OK &&
                 triad_brokerage_read(brokerage, s, plans[0], m, NULL, &bk, &err) == TRIAD_OK));
    ok = ok && triad_report_html_years((const triad_report *const *)reps,
                                       (const triad_plan *const *)plans, nplans, s, bk, &html,
                                       &err) == TRIAD_OK;
    int rc = ok ? cli_write_output(out, html) : cli_report_error(&err);
    triad_string_free(html);
    triad_brokerage_free(bk);
    triad_market_free(m);
    for (size_t y = 0; y < nplans; y++) {
        triad_report_free(reps[y]);
        triad_plan_free(plans[y]);
    }
    triad_spec_free(spec);
    triad_schools_free(s);
    return rc;
}
