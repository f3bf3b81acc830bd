#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_FILES 32

static void usage(FILE *f)
{
    fprintf(f, "usage: triad impact --schools SCHOOLS.csv --plan PLAN.csv [--year Y]\n"
               "                    --outcomes OUTCOMES.csv [[--year Y] --outcomes F2 ...]\n"
               "                    [-o IMPACT.csv] [--seed N] [--resamples N] [--json]\n"
               "                    [--holding-back BEHIND.csv] [--weighted WEIGHTED.csv]\n"
               "                    [[--year Y] --grades SCHOOLS_OF_Y.csv ...]\n"
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
               "1 Inadequate); not inspected is missing.\n");
}

typedef struct impact_args {
    const char *schools, *plan, *out, *back, *weighted;
    cli_outcomes in;
    const char *grades[MAX_FILES];
    int grade_years[MAX_FILES];
    size_t ngrades;
    int json;
    triad_impact_options o;
} impact_args;

/* One option of the command line: -1 to go on, else the exit code. */
static int parse_option(int c, impact_args *a)
{
    long v;
    uint64_t seed;
    switch (c) {
    case 's': a->schools = cli_input(optarg); return -1;
    case 'p': a->plan = cli_input(optarg); return -1;
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
    if (!a->schools || !a->plan || !a->in.nfiles || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *inputs[CLI_MAX_OUTCOMES + MAX_FILES + 2] = {a->schools, a->plan};
    size_t nin = 2;
    for (size_t k = 0; k < a->in.nfiles; k++)
        inputs[nin++] = a->in.files[k];
    for (size_t k = 0; k < a->ngrades; k++)
        inputs[nin++] = a->grades[k];
    const char *outputs[3] = {a->out, a->back, a->weighted};
    return cli_guard_outputs("impact", inputs, nin, outputs, 3) ? EXIT_USAGE : -1;
}

int cmd_impact(int argc, char **argv)
{
    impact_args a = {0};
    triad_impact_options_init(&a.o);
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    triad_error err;
    triad_schools *s = NULL;
    triad_plan *p = NULL;
    triad_outcomes *o = NULL;
    triad_impact *imp = NULL;
    char *csv = NULL, *json = NULL, *back = NULL, *weighted = NULL;
    int ok = triad_schools_read(a.schools, NULL, &s, &err) == TRIAD_OK &&
             triad_plan_read(a.plan, s, &p, &err) == TRIAD_OK &&
             cli_outcomes_read(&a.in, s, &o, &err) == TRIAD_OK;
    for (size_t k = 0; ok && k < a.ngrades; k++) {
        triad_schools *graded = NULL;
        ok = triad_schools_read(a.grades[k], NULL, &graded, &err) == TRIAD_OK &&
             triad_outcomes_add_grades(o, graded, a.grade_years[k], &err) == TRIAD_OK;
        triad_schools_free(graded);
    }
    ok = ok && triad_impact_compute(s, p, o, &a.o, &imp, &err) == TRIAD_OK &&
         triad_impact_csv(imp, &csv, &err) == TRIAD_OK &&
         (!a.json || triad_impact_json(imp, &json, &err) == TRIAD_OK) &&
         (!a.back || triad_holding_back_csv(s, p, o, &back, &err) == TRIAD_OK) &&
         (!a.weighted || triad_impact_weighted_csv(s, p, o, &weighted, &err) == TRIAD_OK);
    if (!ok)
        rc = cli_report_error(&err);
    else if ((rc = cli_write_outputs(3, (const char *const[]){a.out, a.back, a.weighted},
                                     (const char *const[]){csv, back, weighted})) == 0) {
        int csv_on_stdout = cli_to_stdout(&a.out, 1);
        FILE *summary = a.json || csv_on_stdout ? stderr : stdout;
        fprintf(summary,
                "Impact: %zu rows over %zu measures and %zu years; %zu rows of "
                "outcomes for schools not in the schools file, %zu cells not "
                "published\n",
                triad_impact_row_count(imp), triad_outcomes_measure_count(o),
                triad_outcomes_year_count(o), triad_outcomes_unmatched(o),
                triad_outcomes_unpublished(o));
        for (size_t k = 0; k < triad_impact_warning_count(imp); k++)
            fprintf(stderr, "triad impact: warning: %s\n", triad_impact_warning(imp, k));
        if (a.json && (rc = cli_write_stream(stdout, json)) == 0)
            rc = cli_write_stream(stdout, "\n");
        else if (!a.out)
            rc = cli_write_stream(stdout, csv);
    }
    triad_string_free(json);
    triad_string_free(back);
    triad_string_free(weighted);
    triad_string_free(csv);
    triad_impact_free(imp);
    triad_outcomes_free(o);
    triad_plan_free(p);
    triad_schools_free(s);
    return rc;
}
