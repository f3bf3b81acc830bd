#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: triad check --schools SCHOOLS.csv --plan PLAN.csv [--spec SPEC.ini]\n"
               "                   [--json] [-o OUT] [--strict]\n"
               "\n"
               "Scores a plan with the metrics the solver optimises: group sizes; for every\n"
               "balanced attribute and every collaborative and triad, each category's count\n"
               "against its proportional share; numeric means; violated constraints; schools\n"
               "missing from the plan. --strict exits 20 when a constraint is violated, a\n"
               "collaborative is not within one of its shares, or the plan carries a warning\n"
               "(a time limit that cut the search short, a keep share not reached, ...).\n");
}

int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"schools", required_argument, 0, 's'}, {"plan", required_argument, 0, 'p'},
        {"spec", required_argument, 0, 'c'},    {"json", no_argument, 0, 'j'},
        {"output", required_argument, 0, 'o'},  {"strict", no_argument, 0, 'x'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    const char *schools_path = NULL, *plan_path = NULL, *spec_path = NULL, *out = NULL;
    int json = 0, strict = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:p:c:jo:xh", longopts, NULL)) != -1) {
        switch (c) {
        case 's': schools_path = optarg; break;
        case 'p': plan_path = optarg; break;
        case 'c': spec_path = optarg; break;
        case 'j': json = 1; break;
        case 'o': out = optarg; break;
        case 'x': strict = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!schools_path || !plan_path || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *inputs[] = {schools_path, plan_path, spec_path};
    int guard = cli_guard_outputs("check", inputs, 3, &out, 1);
    if (guard)
        return guard;
    triad_error err;
    triad_schools *s = NULL;
    triad_spec *spec = NULL;
    triad_plan *plan = NULL;
    triad_report *rep = NULL;
    char *text = NULL;
    int rc = 0;
    if (triad_schools_read(schools_path, NULL, &s, &err) != TRIAD_OK ||
        (spec_path && triad_spec_read(spec_path, &spec, &err) != TRIAD_OK) ||
        triad_plan_read(plan_path, s, &plan, &err) != TRIAD_OK ||
        triad_check(s, spec, plan, &rep, &err) != TRIAD_OK ||
        triad_report_format(rep, json, &text, &err) != TRIAD_OK) {
        rc = cli_report_error(&err);
    } else {
        rc = cli_write_output(out, text);
        if (rc == 0 && strict &&
            (triad_report_violations(rep) > 0 || triad_report_warnings(rep) > 0 ||
             !triad_report_collaboratives_within_one(rep)))
            rc = EXIT_VIOLATIONS;
    }
    triad_string_free(text);
    triad_report_free(rep);
    triad_plan_free(plan);
    triad_spec_free(spec);
    triad_schools_free(s);
    return rc;
}
