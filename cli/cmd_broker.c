#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: triad broker --schools SCHOOLS.csv --offers OFFERS.csv --needs NEEDS.csv\n"
            "                    -o BROKERAGE.csv [--directory DIRECTORY.csv] [--plan PLAN.csv]\n"
            "                    [--synonyms SYNONYMS.csv] [--max-supporters K] [--min-grade G]\n"
            "                    [--max-km KM] [--not-same-trust] [--policy any|within|across]\n"
            "                    [--time-limit SECONDS (10)] [--write-lp MODEL.lp] [--json]\n"
            "                    [--history LAST_YEAR.csv ...] [--rotate prefer-new|keep|off]\n"
            "                    [--max-years N (2)] [--term UNDER_WAY.csv]\n"
            "                    [--clinic CLINIC.csv --clinic-term TERM]\n"
            "\n"
            "Matches schools that need support to schools that offer it, in days per area\n"
            "of expertise, exactly (GLPK): the most priority-weighted days of need met, then\n"
            "support from where the policy prefers (within the collaborative of --plan, or\n"
            "across), then the least travel. Writes the brokerage CSV\n"
            "(needing_urn,supporting_urn,area,days,km), optionally the directory of services\n"
            "(who offers what, days left), and prints every unmet need with its reason.\n"
            "Rules: no school supports itself; a school causing concern offers nothing unless\n"
            "its offer says offers_despite_concern; at most K supporters per school (2).\n"
            "Check a brokerage made by hand with 'triad check --brokerage'.\n"
            "--write-lp MODEL.lp: also the model of the first objective in CPLEX LP\n"
            "format, for glpsol or any other solver to re-solve (the same optimum).\n"
            "--time-limit covers the whole call; a plan not proved best says so, with\n"
            "its bound and gap.\n"
            "--history (repeatable, most recent first): earlier years' brokerage CSVs\n"
            "for a rota: among brokerages meeting as many priority-weighted days,\n"
            "prefer-new (the default) gives a school a new supporter once the same one\n"
            "has supported it --max-years years running; keep prefers last year's pairs.\n"
            "--term UNDER_WAY.csv: this year's brokerage so far (termly re-brokering):\n"
            "its matches are kept, each at least its days with the same supporter, and\n"
            "the rest is brokered around them; a match today's rules, needs, offers or\n"
            "caps cannot hold is not kept, and each is a warning.\n"
            "--clinic CLINIC.csv --clinic-term TERM: the flags of triad clinic for that\n"
            "term weight the needs: a red school's needs count as priority 3, an amber\n"
            "school's at least 2 (red before amber before green when days are short).\n");
}

/* A line a second while the MIP runs (from the first second on); Ctrl-C
 * cancels. */
static int on_progress(double seconds, double best, void *user)
{
    double *last = user;
    if (seconds >= 1.0 && seconds >= *last + 1.0) {
        *last = seconds;
        fprintf(stderr, "triad broker: %.0f s, priority-weighted days met %.2f\n", seconds, best);
    }
    return cli_interrupted();
}

/* What the command line asked for. */
typedef struct broker_args {
    const char *schools_path, *offers, *needs, *out, *dir, *plan_path, *syn, *lp_path, *term;
    const char *clinic, *clinic_term;
    const char *history_paths[32];
    size_t nhistory;
    int json;
    triad_broker_options o;
} broker_args;

/* A value named by one of a list's words. */
typedef struct name_value {
    const char *name;
    long value;
} name_value;

/* *out receives the value of the word arg names; 0 when it names none. */
static int choice(const char *arg, const name_value *list, long *out)
{
    for (; list->name; list++)
        if (strcmp(arg, list->name) == 0) {
            *out = list->value;
            return 1;
        }
    return 0;
}

/* One option that sets a broker option from its value: 1 when taken, 0 when
 * refused (said on stderr). */
static int option_value(int c, const char *arg, triad_broker_options *o)
{
    long v;
    switch (c) {
    case 'K':
        if (!cli_parse_long(arg, 1, 100, &v)) {
            fprintf(stderr, "triad broker: --max-supporters needs 1-100\n");
            return 0;
        }
        o->max_supporters = (int)v;
        return 1;
    case 'g':
        if (!cli_parse_long(arg, 1, 4, &v)) {
            fprintf(stderr, "triad broker: --min-grade needs 1 (Outstanding) to 4\n");
            return 0;
        }
        o->min_grade = (int)v;
        return 1;
    case 'k':
        if (!cli_parse_seconds(arg, 1000, &o->max_km)) {
            fprintf(stderr, "triad broker: --max-km needs a distance, more than 0, at most 1000\n");
            return 0;
        }
        return 1;
    case 'P': {
        static const name_value policies[] = {{"any", TRIAD_BROKER_ANY},
                                              {"within", TRIAD_BROKER_WITHIN},
                                              {"across", TRIAD_BROKER_ACROSS},
                                              {NULL, 0}};
        if (!choice(arg, policies, &v)) {
            fprintf(stderr, "triad broker: --policy is any, within or across\n");
            return 0;
        }
        o->policy = (triad_broker_policy)v;
        return 1;
    }
    case 't':
        if (!cli_parse_seconds(arg, CLI_MAX_SECONDS, &o->time_limit)) {
            fprintf(stderr, "triad broker: --time-limit needs seconds\n");
            return 0;
        }
        return 1;
    case 'R': {
        static const name_value rotations[] = {{"prefer-new", TRIAD_ROTATE_PREFER_NEW},
                                               {"keep", TRIAD_ROTATE_KEEP},
                                               {"off", TRIAD_ROTATE_OFF},
                                               {NULL, 0}};
        if (!choice(arg, rotations, &v)) {
            fprintf(stderr, "triad broker: --rotate is prefer-new, keep or off\n");
            return 0;
        }
        o->rotate = (triad_broker_rotate)v;
        return 1;
    }
    case 'M':
        if (!cli_parse_long(arg, 1, 50, &v)) {
            fprintf(stderr, "triad broker: --max-years needs 1-50\n");
            return 0;
        }
        o->max_years = (int)v;
        return 1;
    }
    return 0;
}

/* The options into *a: -1 to go on, else the exit code (0 after --help). */
static int parse_args(int argc, char **argv, broker_args *a)
{
    static const struct option longopts[] = {{"schools", required_argument, 0, 's'},
                                             {"offers", required_argument, 0, 'f'},
                                             {"needs", required_argument, 0, 'n'},
                                             {"output", required_argument, 0, 'o'},
                                             {"directory", required_argument, 0, 'd'},
                                             {"plan", required_argument, 0, 'p'},
                                             {"synonyms", required_argument, 0, 'y'},
                                             {"max-supporters", required_argument, 0, 'K'},
                                             {"min-grade", required_argument, 0, 'g'},
                                             {"max-km", required_argument, 0, 'k'},
                                             {"not-same-trust", no_argument, 0, 'T'},
                                             {"policy", required_argument, 0, 'P'},
                                             {"time-limit", required_argument, 0, 't'},
                                             {"json", no_argument, 0, 'j'},
                                             {"write-lp", required_argument, 0, 'L'},
                                             {"history", required_argument, 0, 'H'},
                                             {"rotate", required_argument, 0, 'R'},
                                             {"max-years", required_argument, 0, 'M'},
                                             {"term", required_argument, 0, 'U'},
                                             {"help", no_argument, 0, 'h'},
                                             {"clinic", required_argument, 0, 'C'},
                                             {"clinic-term", required_argument, 0, 'E'},
                                             {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:f:n:o:d:p:y:K:g:k:TP:t:jL:H:R:M:U:h", longopts, NULL)) !=
           -1) {
        switch (c) {
        case 's': a->schools_path = cli_input(optarg); break;
        case 'f': a->offers = cli_input(optarg); break;
        case 'n': a->needs = cli_input(optarg); break;
        case 'o': a->out = optarg; break;
        case 'd': a->dir = optarg; break;
        case 'p': a->plan_path = cli_input(optarg); break;
        case 'y': a->syn = cli_input(optarg); break;
        case 'T': a->o.not_same_trust = 1; break;
        case 'j': a->json = 1; break;
        case 'L': a->lp_path = optarg; break;
        case 'U': a->term = cli_input(optarg); break;
        case 'C': a->clinic = cli_input(optarg); break;
        case 'E': a->clinic_term = optarg; break;
        case 'H':
            if (a->nhistory == 32) {
                fprintf(stderr, "triad broker: at most 32 --history files\n");
                return EXIT_USAGE;
            }
            a->history_paths[a->nhistory++] = cli_input(optarg);
            break;
        case 'K':
        case 'g':
        case 'k':
        case 'P':
        case 't':
        case 'R':
        case 'M':
            if (!option_value(c, optarg, &a->o))
                return EXIT_USAGE;
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!a->schools_path || !a->offers || !a->needs || !a->out || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!a->clinic != !a->clinic_term) {
        fprintf(stderr, "triad broker: --clinic and --clinic-term go together\n");
        return EXIT_USAGE;
    }
    if (a->o.policy != TRIAD_BROKER_ANY && !a->plan_path) {
        fprintf(stderr, "triad broker: --policy within/across needs --plan\n");
        return EXIT_USAGE;
    }
    return -1;
}

/* The clinic's flags on the needs, said on stderr (never silent). */
static triad_status apply_clinic(const broker_args *a, triad_market *m, const triad_schools *s,
                                 triad_error *err)
{
    size_t raised = 0;
    triad_status st = triad_market_apply_clinic(m, s, a->clinic, a->clinic_term, &raised, err);
    if (st == TRIAD_OK)
        fprintf(stderr,
                "triad broker: clinic %s: %zu needs raised to their school's flag (red "
                "3, amber 2)\n",
                a->clinic_term, raised);
    return st;
}

int cmd_broker(int argc, char **argv)
{
    static broker_args a; /* the history paths: not on the stack */
    memset(&a, 0, sizeof a);
    triad_broker_options_init(&a.o);
    double last_line = 0;
    a.o.progress = on_progress;
    a.o.progress_user = &last_line;
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    /* no output (the LP file included) may be an input, last year's
     * brokerage above all */
    const char *inputs[7 + 32] = {a.schools_path, a.offers, a.needs, a.plan_path,
                                  a.syn,          a.term,   a.clinic};
    for (size_t h = 0; h < a.nhistory; h++)
        inputs[7 + h] = a.history_paths[h];
    const char *outputs[] = {a.out, a.dir, a.lp_path};
    const char *guarded[3];
    size_t nguarded = 0;
    for (int k = 0; k < 3; k++)
        if (outputs[k])
            guarded[nguarded++] = outputs[k];
    int guard = cli_guard_outputs("broker", inputs, 7 + a.nhistory, guarded, nguarded);
    if (guard)
        return guard;
    cli_catch_interrupts();
    triad_error err;
    triad_schools *s = NULL;
    triad_plan *plan = NULL;
    triad_market *m = NULL;
    triad_brokerage *b = NULL, *under_way = NULL;
    triad_broker_history *hist = NULL;
    char *text = NULL, *files[2] = {NULL, NULL};
    rc = 0;
    if (triad_schools_read(a.schools_path, NULL, &s, &err) != TRIAD_OK ||
        (a.plan_path && triad_plan_read(a.plan_path, s, &plan, &err) != TRIAD_OK) ||
        triad_market_read(a.offers, a.needs, a.syn, s, &m, &err) != TRIAD_OK ||
        (a.clinic && apply_clinic(&a, m, s, &err) != TRIAD_OK) ||
        (a.nhistory &&
         triad_broker_history_read(a.history_paths, a.nhistory, s, &hist, &err) != TRIAD_OK) ||
        (a.term && triad_brokerage_read(a.term, s, plan, m, &a.o, &under_way, &err) != TRIAD_OK))
        rc = cli_report_error(&err);
    a.o.history = hist;
    a.o.under_way = under_way;
    if (rc == 0 &&
        ((a.lp_path && triad_broker_write_lp(s, plan, m, &a.o, a.lp_path, &err) != TRIAD_OK) ||
         triad_broker(s, plan, m, &a.o, &b, &err) != TRIAD_OK ||
         triad_brokerage_csv(b, &files[0], &err) != TRIAD_OK ||
         (a.dir && triad_brokerage_directory_csv(b, &files[1], &err) != TRIAD_OK) ||
         triad_brokerage_format(b, a.json, &text, &err) != TRIAD_OK))
        rc = cli_report_error(&err);
    else if (rc == 0 &&
             !(text = cli_json_provenance_take(
                   text, a.json, NULL,
                   &(cli_solver_settings){"broker", 0, a.o.time_limit, 1, "none", 1})))
        rc = cli_exit_code(TRIAD_ERR_NOMEM);
    /* the brokerage and the directory together or neither; the summary
     * leaves stdout to a file written there */
    else if (rc == 0 &&
             (cli_provenance_context(NULL, &(cli_solver_settings){"broker", 0, a.o.time_limit,
                                                                  1, "none", 1}),
              rc = cli_write_outputs(2, outputs, (const char *const *)files)) == 0)
        rc = cli_write_stream(cli_to_stdout(outputs, 2) ? stderr : stdout, text);
    for (size_t k = 0; rc == 0 && k < triad_brokerage_warnings(b); k++)
        fprintf(stderr, "triad broker: warning: %s\n", triad_brokerage_warning(b, k));
    triad_string_free(files[0]);
    triad_string_free(files[1]);
    triad_string_free(text);
    triad_brokerage_free(b);
    triad_brokerage_free(under_way);
    triad_market_free(m);
    triad_broker_history_free(hist);
    triad_plan_free(plan);
    triad_schools_free(s);
    return rc;
}
