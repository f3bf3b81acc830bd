#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_FILES 32

static void usage(FILE *f)
{
    fprintf(f, "usage: triad impact --schools SCHOOLS.csv --plan [YEAR=]PLAN.csv ... [--year Y]\n"
               "                    --outcomes OUTCOMES.csv [[--year Y] --outcomes F2 ...]\n"
               "                    [-o IMPACT.csv] [--seed N] [--resamples N] [--json]\n"
               "                    [--holding-back BEHIND.csv] [--weighted WEIGHTED.csv]\n"
               "                    [[--year Y] --grades SCHOOLS_OF_Y.csv ...]\n"
               "                    [--clinic CLINIC.csv --term TERM]\n"
               "\n"
               "Did the groups raise outcomes? For the LA, each collaborative and each\n"
               "triad of the plan, each measure and each pair of consecutive years: the\n"
               "schools with data and those missing, the means before and after, the change,\n"
               "the change against the LA's, and the change against the one expected from\n"
               "the schools' own starting values (a regression over all the LA's schools:\n"
               "low starters rise anyway, and this figure does not credit them for it),\n"
               "with a bootstrap interval over the group's schools (seeded: --seed, default\n"
               "1; --resamples, default 1000). Outcomes are tidy files (urn,year,measure,\n"
               "value) or DfE performance tables as downloaded, whose year is the last\n"
               "--year given before them. Years with no data between two that have some\n"
               "are never bridged: each gap is a warning. Writes the CSV to -o (a row per\n"
               "group, measure and pair of years; its columns are in doc/formats.md) and a\n"
               "summary; --json: the rows and warnings as JSON on stdout instead of the\n"
               "summary (and of the CSV when there is no -o). --holding-back F: the\n"
               "schools that hold their collaborative back, per measure and two adjacent\n"
               "years: below the LA's mean and falling, ranked by their share of the\n"
               "group's shortfall (higher values taken as better). --weighted F: the\n"
               "three-year weighted figure (3:2:1, newest year heaviest) per group,\n"
               "measure and year, for small cohorts whose single years are noisy.\n"
               "--grades F (after a --year): the Ofsted grades of that year's schools file\n"
               "as two measures, ofsted_good_or_better and ofsted_points (4 Outstanding to\n"
               "1 Inadequate); not inspected is missing.\n"
               "Plans of several years: --plan 2023=plan-2023.csv --plan 2024=plan-2024.csv;\n"
               "the change from Y to Y+1 is credited to the groups of the plan in force in\n"
               "the school year ending in Y+1 (the latest plan of a year at or before it);\n"
               "holding back and the weighted figure are for the latest plan's groups.\n"
               "--clinic F --term T: also each school's clinic flag for term T with its\n"
               "reasons, by triad clinic's default rules on the same outcomes.\n");
}

typedef struct impact_args {
    const char *schools, *plans[MAX_FILES], *out, *back, *weighted, *clinic, *term;
    int plan_years[MAX_FILES];
    size_t nplans;
    cli_outcomes in;
    const char *grades[MAX_FILES];
    int grade_years[MAX_FILES];
    size_t ngrades;
    int json;
    triad_impact_options o;
} impact_args;

/* --plan PLAN.csv, or YEAR=PLAN.csv for plans of several years. */
static int plan_option(impact_args *a, const char *arg)
{
    long y = 0;
    char year[5];
    if (a->nplans == MAX_FILES) {
        fprintf(stderr, "triad impact: at most %d --plan files\n", MAX_FILES);
        return EXIT_USAGE;
    }
    if (strlen(arg) > 5 && arg[4] == '=') {
        memcpy(year, arg, 4);
        year[4] = '\0';
        if (!cli_parse_long(year, 1990, 2100, &y)) {
            fprintf(stderr, "triad impact: --plan %s: the year before '=' is 1990-2100\n", arg);
            return EXIT_USAGE;
        }
        arg += 5;
    }
    a->plan_years[a->nplans] = (int)y;
    a->plans[a->nplans++] = cli_input(arg);
    return -1;
}

/* One option of the command line: -1 to go on, else the exit code. */
static int parse_option(int c, impact_args *a)
{
    long v;
    uint64_t seed;
    switch (c) {
    case 's': a->schools = cli_input(optarg); return -1;
    case 'p': return plan_option(a, optarg);
    case 'C': a->clinic = optarg; return -1;
    case 'T': a->term = optarg; return -1;
    case 'o': a->out = optarg; return -1;
    case 'u':
    case 'y': return cli_outcomes_option("impact", &a->in, c == 'y', optarg);
    case 'S':
        if (!cli_parse_u64(optarg, &seed)) {
            fprintf(stderr, "triad impact: --seed needs a whole number, not '%s'\n", optarg);
            return EXIT_USAGE;
        }
        a->o.seed = seed;
        return -1;
    case 'r':
        if (!cli_parse_long(optarg, 100, 100000, &v)) {
            fprintf(stderr, "triad impact: --resamples needs 100-100000, not '%s'\n", optarg);
            return EXIT_USAGE;
        }
        a->o.resamples = (int)v;
        return -1;
    case 'J': a->json = 1; return -1;
    case 'B': a->back = optarg; return -1;
    case 'W': a->weighted = optarg; return -1;
    case 'G':
        if (!a->in.year || a->ngrades == MAX_FILES) {
            fprintf(stderr, "triad impact: --grades needs a --year before it (at most %d)\n",
                    MAX_FILES);
            return EXIT_USAGE;
        }
        a->grade_years[a->ngrades] = a->in.year;
        a->grades[a->ngrades++] = cli_input(optarg);
        return -1;
    case 'h': usage(stdout); return 0;
    default: usage(stderr); return EXIT_USAGE;
    }
}

static int parse_args(int argc, char **argv, impact_args *a)
{
    static const struct option longopts[] = {{"schools", required_argument, 0, 's'},
                                             {"plan", required_argument, 0, 'p'},
                                             {"clinic", required_argument, 0, 'C'},
                                             {"term", required_argument, 0, 'T'},
                                             {"outcomes", required_argument, 0, 'u'},
                                             {"year", required_argument, 0, 'y'},
                                             {"output", required_argument, 0, 'o'},
                                             {"seed", required_argument, 0, 'S'},
                                             {"resamples", required_argument, 0, 'r'},
                                             {"json", no_argument, 0, 'J'},
                                             {"holding-back", required_argument, 0, 'B'},
                                             {"weighted", required_argument, 0, 'W'},
                                             {"grades", required_argument, 0, 'G'},
                                             {"help", no_argument, 0, 'h'},
                                             {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:p:u:y:o:S:r:h", longopts, NULL)) != -1) {
        int rc = parse_option(c, a);
        if (rc >= 0)
            return rc;
    }
    if (!a->schools || !a->nplans || !a->in.nfiles || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    for (size_t k = 0; a->nplans > 1 && k < a->nplans; k++)
        if (!a->plan_years[k]) {
            fprintf(stderr, "triad impact: plans of several years each need their year: "
                            "--plan %s is not YEAR=PLAN.csv\n",
                    a->plans[k]);
            return EXIT_USAGE;
        }
    if (!a->clinic != !a->term || (a->term && !cli_term_ok(a->term))) {
        fprintf(stderr, "triad impact: --clinic and --term go together; a term is letters, "
                        "digits, '-' and '_' (at most 40)\n");
        return EXIT_USAGE;
    }
    const char *inputs[CLI_MAX_OUTCOMES + 2 * MAX_FILES + 1] = {a->schools};
    size_t nin = 1;
    for (size_t k = 0; k < a->nplans; k++)
        inputs[nin++] = a->plans[k];
    for (size_t k = 0; k < a->in.nfiles; k++)
        inputs[nin++] = a->in.files[k];
    for (size_t k = 0; k < a->ngrades; k++)
        inputs[nin++] = a->grades[k];
    const char *outputs[4] = {a->out, a->back, a->weighted, a->clinic};
    return cli_guard_outputs("impact", inputs, nin, outputs, 4) ? EXIT_USAGE : -1;
}

/* What the command reads and makes. */
typedef struct impact_run {
    triad_schools *s;
    triad_plan *plans[MAX_FILES];
    triad_outcomes *o;
    triad_impact *imp;
    char *csv, *json, *back, *weighted, *flags;
} impact_run;

/* The schools, plans and outcomes (with the grades) into r; 1 on success. */
static int read_inputs(const impact_args *a, impact_run *r, triad_error *err)
{
    int ok = triad_schools_read(a->schools, NULL, &r->s, err) == TRIAD_OK;
    for (size_t k = 0; ok && k < a->nplans; k++)
        ok = triad_plan_read(a->plans[k], r->s, &r->plans[k], err) == TRIAD_OK;
    ok = ok && cli_outcomes_read(&a->in, r->s, &r->o, err) == TRIAD_OK;
    for (size_t k = 0; ok && k < a->ngrades; k++) {
        triad_schools *graded = NULL;
        ok = triad_schools_read(a->grades[k], NULL, &graded, err) == TRIAD_OK &&
             triad_outcomes_add_grades(r->o, graded, a->grade_years[k], err) == TRIAD_OK;
        triad_schools_free(graded);
    }
    return ok;
}

/* The JSON with what made it (version, settings, machine): the seed and
 * resamples of the bootstrap. 1, or 0 out of memory. */
static int provenance_of(const impact_args *a, char **json, triad_error *err)
{
    char seeds[64];
    snprintf(seeds, sizeof seeds, "%llu (%d resamples)", (unsigned long long)a->o.seed,
             a->o.resamples);
    cli_solver_settings set = {"impact", a->o.seed, 0, 1, seeds, 1};
    if ((*json = cli_json_provenance_take(*json, 1, NULL, &set)))
        return 1;
    err->status = TRIAD_ERR_NOMEM;
    err->file[0] = '\0';
    snprintf(err->message, sizeof err->message, "out of memory");
    return 0;
}

/* Every output asked for into r; 1 on success. */
static int make_outputs(const impact_args *a, impact_run *r, triad_error *err)
{
    size_t latest = 0;
    for (size_t k = 1; k < a->nplans; k++)
        latest = a->plan_years[k] > a->plan_years[latest] ? k : latest;
    const triad_plan *p = r->plans[latest];
    return triad_impact_compute_years(r->s, (const triad_plan *const *)r->plans,
                                      a->nplans > 1 ? a->plan_years : NULL, a->nplans, r->o,
                                      &a->o, &r->imp, err) == TRIAD_OK &&
           triad_impact_csv(r->imp, &r->csv, err) == TRIAD_OK &&
           (!a->json || (triad_impact_json(r->imp, &r->json, err) == TRIAD_OK &&
                         provenance_of(a, &r->json, err))) &&
           (!a->back || triad_holding_back_csv(r->s, p, r->o, &r->back, err) == TRIAD_OK) &&
           (!a->weighted ||
            triad_impact_weighted_csv(r->s, p, r->o, &r->weighted, err) == TRIAD_OK) &&
           (!a->clinic ||
            triad_clinic_csv(r->s, r->o, a->term, NULL, NULL, &r->flags, err) == TRIAD_OK);
}

int cmd_impact(int argc, char **argv)
{
    static impact_args a; /* the paths: not on the stack */
    memset(&a, 0, sizeof a);
    triad_impact_options_init(&a.o);
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    triad_error err;
    impact_run r = {0};
    int ok = read_inputs(&a, &r, &err) && make_outputs(&a, &r, &err);
    if (!ok)
        rc = cli_report_error(&err);
    else if ((rc = cli_write_outputs(
                  4, (const char *const[]){a.out, a.back, a.weighted, a.clinic},
                  (const char *const[]){r.csv, r.back, r.weighted, r.flags})) == 0) {
        int csv_on_stdout = cli_to_stdout(&a.out, 1);
        FILE *summary = a.json || csv_on_stdout ? stderr : stdout;
        fprintf(summary,
                "Impact: %zu rows over %zu measures and %zu years (%zu plan%s); %zu rows of "
                "outcomes for schools not in the schools file, %zu cells not "
                "published\n",
                triad_impact_row_count(r.imp), triad_outcomes_measure_count(r.o),
                triad_outcomes_year_count(r.o), a.nplans, a.nplans == 1 ? "" : "s",
                triad_outcomes_unmatched(r.o), triad_outcomes_unpublished(r.o));
        if (a.clinic)
            fprintf(summary, "Clinic %s: a flag and its reasons for each of %zu schools in %s\n",
                    a.term, triad_schools_count(r.s), a.clinic);
        for (size_t k = 0; k < triad_impact_warning_count(r.imp); k++)
            fprintf(stderr, "triad impact: warning: %s\n", triad_impact_warning(r.imp, k));
        if (a.json && (rc = cli_write_stream(stdout, r.json)) == 0)
            rc = cli_write_stream(stdout, "\n");
        else if (!a.out)
            rc = cli_write_stream(stdout, r.csv);
    }
    triad_string_free(r.json);
    triad_string_free(r.back);
    triad_string_free(r.weighted);
    triad_string_free(r.csv);
    triad_string_free(r.flags);
    triad_impact_free(r.imp);
    triad_outcomes_free(r.o);
    for (size_t k = 0; k < a.nplans; k++)
        triad_plan_free(r.plans[k]);
    triad_schools_free(r.s);
    return rc;
}
