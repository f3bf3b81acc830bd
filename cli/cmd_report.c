#include <getopt.h>
#include <stdio.h>

#include "cli.h"

#define MAX_YEARS 50 /* as triad solve --years */

static void usage(FILE *f)
{
    fprintf(f, "usage: triad report --schools SCHOOLS.csv --plan PLAN.csv [--plan YEAR2.csv ...]\n"
               "                    [--spec SPEC.ini] -o REPORT.html [--brokerage B.csv\n"
               "                    --offers O.csv --needs N.csv [--synonyms F.csv]]\n"
               "                    [--schedule SCHEDULE.csv --calendar YEAR.ini [--review-days N]\n"
               "                    [--feedback-within N] [--max-days-away N] [--min-gap N]\n"
               "                    [--no-meetings] [--data-before N] [--workshop-within N]\n"
               "                    [--impact-after N]] [[--year Y] --outcomes OUTCOMES.csv ...]\n"
               "\n"
               "Writes one self-contained HTML page: a map of the schools coloured by\n"
               "collaborative with triads and leads, per collaborative the composition of\n"
               "every balanced attribute against its stratum and a table of its schools,\n"
               "and the constraint violations. Works for solved and hand-made plans. With\n"
               "--schedule (from triad schedule, for the first plan), a review calendar per\n"
               "collaborative, term by term, with the rules the schedule breaks (the rules\n"
               "of triad schedule, with the same options). With --outcomes (read as by\n"
               "triad impact: tidy files, or DfE tables after the --year they are for), the\n"
               "impact of the first plan's groups (seed 1, 1000 resamples), ranked with a\n"
               "small chart each, and the schools holding their collaborative back.\n"
               "\n"
               "The page is also a planner: select a school (in a table or on the map),\n"
               "move it to another triad, swap it with another school, make it the lead,\n"
               "lock it; undo and redo. Every figure is re-scored as triad check scores\n"
               "it. 'Download plan CSV' saves the edited plan with a locked column, for\n"
               "triad check or triad solve --fixed. Give --plan once per year (the files\n"
               "of solve --years) to see and edit a rotation year by year (up to 50).\n");
}

/* The command line. */
typedef struct report_args {
    const char *schools, *plans[MAX_YEARS], *spec, *out;
    size_t nplans;
    const char *brokerage, *offers, *needs, *syn, *schedule, *calendar;
    triad_schedule_options so; /* the rules the schedule is checked by */
    cli_outcomes in;
} report_args;

enum { OPT_YEAR = 2001, OPT_OUTCOMES }; /* long only: -y is --synonyms */

/* The options into a; -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, report_args *a)
{
    static const struct option longopts[] = {
        {"schools", required_argument, 0, 's'}, {"plan", required_argument, 0, 'p'},
        {"spec", required_argument, 0, 'c'},    {"output", required_argument, 0, 'o'},
        {"brokerage", required_argument, 0, 'b'}, {"offers", required_argument, 0, 'f'},
        {"needs", required_argument, 0, 'n'},   {"synonyms", required_argument, 0, 'y'},
        {"schedule", required_argument, 0, 'S'}, {"calendar", required_argument, 0, 'C'},
        CLI_SCHEDULE_OPTIONS,
        {"year", required_argument, 0, OPT_YEAR}, {"outcomes", required_argument, 0, OPT_OUTCOMES},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:p:c:o:b:f:n:y:S:C:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': a->brokerage = cli_input(optarg); break;
        case 'f': a->offers = cli_input(optarg); break;
        case 'n': a->needs = cli_input(optarg); break;
        case 'y': a->syn = cli_input(optarg); break;
        case 'S': a->schedule = cli_input(optarg); break;
        case 'C': a->calendar = cli_input(optarg); break;
        case 's': a->schools = cli_input(optarg); break;
        case 'p':
            if (a->nplans == MAX_YEARS) {
                fprintf(stderr, "triad report: at most %d --plan files\n", MAX_YEARS);
                return EXIT_USAGE;
            }
            a->plans[a->nplans++] = cli_input(optarg);
            break;
        case 'c': a->spec = cli_input(optarg); break;
        case 'o': a->out = optarg; break;
        case 'h': usage(stdout); return 0;
        case OPT_YEAR:
        case OPT_OUTCOMES: {
            int rc = cli_outcomes_option("report", &a->in, c == OPT_YEAR, optarg);
            if (rc >= 0)
                return rc;
            break;
        }
        default:
            if (cli_schedule_option(c, optarg, &a->so) == 1)
                break;
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (!a->schools || !a->nplans || !a->out || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if ((a->brokerage && (!a->offers || !a->needs)) || (a->schedule && !a->calendar)) {
        fprintf(stderr, "triad report: --brokerage needs --offers and --needs; --schedule "
                        "needs --calendar\n");
        return EXIT_USAGE;
    }
    const char *inputs[MAX_YEARS + CLI_MAX_OUTCOMES + 8] = {
        a->schools, a->spec, a->brokerage, a->offers, a->needs, a->syn, a->schedule, a->calendar};
    size_t nin = 8;
    for (size_t y = 0; y < a->nplans; y++)
        inputs[nin++] = a->plans[y];
    for (size_t k = 0; k < a->in.nfiles; k++)
        inputs[nin++] = a->in.files[k];
    return cli_guard_outputs("report", inputs, nin, &a->out, 1) ? EXIT_USAGE : -1;
}

/* What the page shows beside the plans, read into o (the caller frees
 * what it points to). 1 on success, else err is set. */
static int read_extras(const report_args *a, const triad_schools *s, const triad_plan *first,
                       triad_page_options *o, triad_market **m, triad_error *err)
{
    triad_brokerage *bk = NULL;
    triad_schedule *sch = NULL;
    triad_calendar *cal = NULL;
    int ok = !a->brokerage ||
             (triad_market_read(a->offers, a->needs, a->syn, s, m, err) == TRIAD_OK &&
              triad_brokerage_read(a->brokerage, s, first, *m, NULL, &bk, err) == TRIAD_OK);
    ok = ok && (!a->schedule ||
                (triad_calendar_read(a->calendar, &cal, err) == TRIAD_OK &&
                 triad_schedule_read(a->schedule, s, first, &sch, err) == TRIAD_OK &&
                 triad_schedule_check(sch, s, first, cal, &a->so, err) == TRIAD_OK));
    o->brokerage = bk;
    o->schedule = sch;
    o->calendar = cal;
    triad_outcomes *out = NULL;
    triad_impact *imp = NULL;
    ok = ok && cli_outcomes_read(&a->in, s, &out, err) == TRIAD_OK &&
         (!out || triad_impact_compute(s, first, out, NULL, &imp, err) == TRIAD_OK);
    for (size_t k = 0; imp && k < triad_impact_warning_count(imp); k++)
        fprintf(stderr, "triad report: warning: %s\n", triad_impact_warning(imp, k));
    o->outcomes = out;
    o->impact = imp;
    return ok;
}

int cmd_report(int argc, char **argv)
{
    report_args a = {0};
    triad_schedule_options_init(&a.so);
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    triad_error err;
    triad_schools *s = NULL;
    triad_spec *spec = NULL;
    triad_plan *plans[MAX_YEARS] = {0};
    triad_report *reps[MAX_YEARS] = {0};
    char *html = NULL;
    triad_market *m = NULL;
    triad_page_options o;
    triad_page_options_init(&o);
    int ok = triad_schools_read(a.schools, NULL, &s, &err) == TRIAD_OK &&
             (!a.spec || triad_spec_read(a.spec, &spec, &err) == TRIAD_OK);
    for (size_t y = 0; ok && y < a.nplans; y++)
        ok = triad_plan_read(a.plans[y], s, &plans[y], &err) == TRIAD_OK &&
             triad_check(s, spec, plans[y], &reps[y], &err) == TRIAD_OK;
    ok = ok && read_extras(&a, s, plans[0], &o, &m, &err);
    ok = ok && triad_report_html_page((const triad_report *const *)reps,
                                      (const triad_plan *const *)plans, a.nplans, s, &o, &html,
                                      &err) == TRIAD_OK;
    rc = ok ? cli_write_output(a.out, html) : cli_report_error(&err);
    triad_string_free(html);
    triad_brokerage_free((triad_brokerage *)o.brokerage);
    triad_schedule_free((triad_schedule *)o.schedule);
    triad_calendar_free((triad_calendar *)o.calendar);
    triad_impact_free((triad_impact *)o.impact);
    triad_outcomes_free((triad_outcomes *)o.outcomes);
    triad_market_free(m);
    for (size_t y = 0; y < a.nplans; y++) {
        triad_report_free(reps[y]);
        triad_plan_free(plans[y]);
    }
    triad_spec_free(spec);
    triad_schools_free(s);
    return rc;
}
