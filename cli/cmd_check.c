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
               "(a time limit that cut the search short, a keep share not reached, ...).\n"
               "Data gaps (a column the schools file lacks or leaves blank) are warnings too,\n"
               "but say what the data lacks, not what the plan breaks: --strict ignores them.\n"
               "\n"
               "       triad check --schools SCHOOLS.csv --brokerage BROKERAGE.csv\n"
               "                   --offers OFFERS.csv --needs NEEDS.csv [--synonyms F]\n"
               "                   [--plan PLAN.csv] [--max-supporters K] [--json] [--strict]\n"
               "Checks a brokerage (e.g. made by hand) with the rules of 'triad broker': days\n"
               "over an offer or a need, self-support, a supporter causing concern, too many\n"
               "supporters; lists the needs it leaves unmet. --strict exits 20 on a violation.\n"
               "\n"
               "       triad check --schools SCHOOLS.csv --plan PLAN.csv --schedule SCHEDULE.csv\n"
               "                   --calendar YEAR.ini [--review-days N] [--feedback-within N]\n"
               "                   [--max-days-away N] [--min-gap N] [--no-meetings]\n"
               "                   [--data-before N] [--workshop-within N] [--impact-after N]\n"
               "                   [--json] [--strict]\n"
               "Checks a review schedule (e.g. made or changed by hand) with the rules of\n"
               "'triad schedule' (the same options, the same defaults). --strict exits 20 on\n"
               "a violation.\n");
}

static int check_brokerage(const char *schools_path, const char *plan_path,
                           const char *brokerage, const char *offers, const char *needs,
                           const char *syn, const triad_broker_options *bo, int json,
                           int strict, const char *out)
{
    if (!schools_path || !offers || !needs) {
        fprintf(stderr, "triad check: --brokerage needs --schools, --offers and --needs\n");
        return EXIT_USAGE;
    }
    const char *inputs[] = {schools_path, plan_path, brokerage, offers, needs, syn};
    int guard = cli_guard_outputs("check", inputs, 6, &out, 1);
    if (guard)
        return guard;
    triad_error err;
    triad_schools *s = NULL;
    triad_plan *plan = NULL;
    triad_market *m = NULL;
    triad_brokerage *b = NULL;
    char *text = NULL;
    int rc;
    if (triad_schools_read(schools_path, NULL, &s, &err) != TRIAD_OK ||
        (plan_path && triad_plan_read(plan_path, s, &plan, &err) != TRIAD_OK) ||
        triad_market_read(offers, needs, syn, s, &m, &err) != TRIAD_OK ||
        triad_brokerage_read(brokerage, s, plan, m, bo, &b, &err) != TRIAD_OK ||
        triad_brokerage_format(b, json, &text, &err) != TRIAD_OK) {
        rc = cli_report_error(&err);
    } else {
        rc = cli_write_output(out, text);
        if (rc == 0 && strict && triad_brokerage_violations(b) > 0)
            rc = EXIT_VIOLATIONS;
    }
    triad_string_free(text);
    triad_brokerage_free(b);
    triad_market_free(m);
    triad_plan_free(plan);
    triad_schools_free(s);
    return rc;
}

/* The command line: the plan's files, or a brokerage's. */
typedef struct check_args {
    const char *schools, *plan, *spec, *out;
    const char *brokerage, *offers, *needs, *syn;
    const char *schedule, *calendar;
    triad_broker_options bo;
    triad_schedule_options so;
    int json, strict;
} check_args;

/* The options into a; -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, check_args *a)
{
    static const struct option longopts[] = {
        {"schools", required_argument, 0, 's'}, {"plan", required_argument, 0, 'p'},
        {"spec", required_argument, 0, 'c'},    {"json", no_argument, 0, 'j'},
        {"output", required_argument, 0, 'o'},  {"strict", no_argument, 0, 'x'},
        {"brokerage", required_argument, 0, 'b'}, {"offers", required_argument, 0, 'f'},
        {"needs", required_argument, 0, 'n'},   {"synonyms", required_argument, 0, 'y'},
        {"max-supporters", required_argument, 0, 'K'},
        {"schedule", required_argument, 0, 'S'}, {"calendar", required_argument, 0, 'C'},
        CLI_SCHEDULE_OPTIONS,
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    long v;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:p:c:jo:xb:f:n:y:K:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'S': a->schedule = cli_input(optarg); break;
        case 'C': a->calendar = cli_input(optarg); break;
        case 'b': a->brokerage = cli_input(optarg); break;
        case 'f': a->offers = cli_input(optarg); break;
        case 'n': a->needs = cli_input(optarg); break;
        case 'y': a->syn = cli_input(optarg); break;
        case 'K':
            if (!cli_parse_long(optarg, 1, 100, &v)) {
                fprintf(stderr, "triad check: --max-supporters needs 1-100\n");
                return EXIT_USAGE;
            }
            a->bo.max_supporters = (int)v;
            break;
        case 's': a->schools = cli_input(optarg); break;
        case 'p': a->plan = cli_input(optarg); break;
        case 'c': a->spec = cli_input(optarg); break;
        case 'j': a->json = 1; break;
        case 'o': a->out = optarg; break;
        case 'x': a->strict = 1; break;
        case 'h': usage(stdout); return 0;
        default:
            if (cli_schedule_option(c, optarg, &a->so) == 1)
                break;
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    return -1;
}

/* A review schedule re-scored by the rules of triad schedule. */
static int check_schedule(check_args *a)
{
    if (!a->schools || !a->plan || !a->calendar) {
        fprintf(stderr, "triad check: --schedule needs --schools, --plan and --calendar\n");
        return EXIT_USAGE;
    }
    const char *inputs[] = {a->schools, a->plan, a->schedule, a->calendar};
    int guard = cli_guard_outputs("check", inputs, 4, &a->out, 1);
    if (guard)
        return guard;
    triad_error err;
    triad_schools *s = NULL;
    triad_plan *plan = NULL;
    triad_calendar *cal = NULL;
    triad_schedule *sch = NULL;
    char *text = NULL;
    int rc;
    if (triad_schools_read(a->schools, NULL, &s, &err) != TRIAD_OK ||
        triad_plan_read(a->plan, s, &plan, &err) != TRIAD_OK ||
        triad_calendar_read(a->calendar, &cal, &err) != TRIAD_OK ||
        triad_schedule_read(a->schedule, s, plan, &sch, &err) != TRIAD_OK ||
        triad_schedule_check(sch, s, plan, cal, &a->so, &err) != TRIAD_OK ||
        triad_schedule_format(sch, cal, a->json, &text, &err) != TRIAD_OK) {
        rc = cli_report_error(&err);
    } else {
        rc = cli_write_output(a->out, text);
        if (rc == 0 && a->strict && triad_schedule_violation_count(sch) > 0)
            rc = EXIT_VIOLATIONS;
    }
    triad_string_free(text);
    triad_schedule_free(sch);
    triad_calendar_free(cal);
    triad_plan_free(plan);
    triad_schools_free(s);
    return rc;
}

/* The plan re-scored; --strict turns violations, warnings about the plan
 * and balance beyond one into EXIT_VIOLATIONS. */
static int check_plan(check_args *a)
{
    const char *inputs[] = {a->schools, a->plan, a->spec};
    int guard = cli_guard_outputs("check", inputs, 3, &a->out, 1);
    if (guard)
        return guard;
    triad_error err;
    triad_schools *s = NULL;
    triad_spec *spec = NULL;
    triad_plan *plan = NULL;
    triad_report *rep = NULL;
    char *text = NULL;
    int rc = 0;
    if (triad_schools_read(a->schools, NULL, &s, &err) != TRIAD_OK ||
        (a->spec && triad_spec_read(a->spec, &spec, &err) != TRIAD_OK) ||
        triad_plan_read(a->plan, s, &plan, &err) != TRIAD_OK ||
        triad_check(s, spec, plan, &rep, &err) != TRIAD_OK ||
        triad_report_format(rep, a->json, &text, &err) != TRIAD_OK) {
        rc = cli_report_error(&err);
    } else {
        if (a->json) { /* with what made it: version, spec, machine */
            char *with = cli_json_add_provenance(text, spec, NULL);
            triad_string_free(text);
            text = with; /* malloc'd, as the library's strings */
        }
        rc = text ? cli_write_output(a->out, text) : cli_exit_code(TRIAD_ERR_NOMEM);
        /* the data gaps of the schools file are in the report's warnings
         * too, but they say what the file lacks, not what the plan breaks */
        if (rc == 0 && a->strict &&
            (triad_report_violations(rep) > 0 ||
             triad_report_warnings(rep) > triad_schools_gap_count(s) ||
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

int cmd_check(int argc, char **argv)
{
    check_args a = {0};
    triad_broker_options_init(&a.bo);
    triad_schedule_options_init(&a.so);
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    if (a.brokerage) /* a brokerage made by hand, checked by the solver's rules */
        return check_brokerage(a.schools, a.plan, a.brokerage, a.offers, a.needs, a.syn, &a.bo,
                               a.json, a.strict, a.out);
    if (a.schedule && optind == argc)
        return check_schedule(&a);
    if (!a.schools || !a.plan || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    return check_plan(&a);
}
