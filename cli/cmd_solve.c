#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: triad solve --schools SCHOOLS.csv -o PLAN.csv [--spec SPEC.ini]\n"
               "                   [--method auto|search|ilp|random|deal|geo] [--seed K]\n"
               "                   [--time-limit SECONDS] [--threads T] [--json] [--quiet]\n"
               "                   [--history LAST_YEAR.csv ...] [--years N] [--fixed PLAN.csv]\n"
               "                   [--report PAGE.html] [--clinic CLINIC.csv --clinic-term TERM]\n"
               "                   [--memberships MEMBERSHIPS.csv]\n"
               "\n"
               "Designs collaboratives (per stratum: primary, secondary, special by default),\n"
               "the triads inside them and a lead per collaborative, balancing Ofsted grade,\n"
               "deprivation, urban/rural, head experience and pupils. Writes the plan CSV\n"
               "(URN,collaborative,triad,lead) and prints the same summary as 'triad check'.\n"
               "The same seed gives the same plan, whatever the thread count.\n"
               "auto: local search, with GLPK's ILP proving small strata; ilp: the ILP\n"
               "for every stratum (warm-started, bound and gap reported) and for triads;\n"
               "random, deal, geo: baselines for comparison.\n"
               "--history (repeatable, most recent first): earlier plans whose triad\n"
               "partners are not to meet again ([history] in the spec). --years N: a\n"
               "rotation of N years with the same collaboratives and new triads each year,\n"
               "written to PLAN.year1.csv ... PLAN.yearN.csv.\n"
               "--fixed PLAN.csv: a plan (often the officer's edit of this one) whose rows\n"
               "with locked = 1 stay in their collaborative, with its label; the rest is\n"
               "re-balanced around them, moving as few as balance allows. Needs method\n"
               "auto, search or ilp.\n"
               "--report PAGE.html: also the planner page of 'triad report' for the plan\n"
               "(every year of a rotation), with the solver's warnings, which a plan CSV\n"
               "does not carry; the plan files and the page are written all or none.\n"
               "--clinic CLINIC.csv --clinic-term TERM: the flags of triad clinic for that\n"
               "term as the schools' priority (red 3, amber 2, green 1; a flag never lowers\n"
               "a priority typed higher): a red school causes concern, so no triad is made\n"
               "only of red schools (no_concern_triads, on by default).\n"
               "--memberships MEMBERSHIPS.csv (urn,partnership,kind,role): the partnerships\n"
               "schools already belong to; with the spec's [history] keep_partnerships each\n"
               "that fits stays in one collaborative, avoid_partnerships keeps two of one\n"
               "out of a triad, [constraints] max_memberships caps a school's groups; the\n"
               "summary counts every school's groups and says what could not be kept.\n");
}

/* The solver's warnings (e.g. too few lead-eligible schools) on stderr; its
 * other lines are in the report. */
static void on_log(triad_log_level level, const char *line, void *user)
{
    (void)user;
    if (level == TRIAD_LOG_WARNING)
        fprintf(stderr, "triad solve: warning: %s\n", line);
}

typedef struct progress_state {
    int quiet;
    double last; /* seconds of the last line printed */
} progress_state;

/* Called after each stratum and several times a second during a search;
 * a line a second, from the first second on, is enough. Ctrl-C cancels. */
static int on_progress(double seconds, double excess, void *user)
{
    progress_state *ps = user;
    if (!ps->quiet && seconds >= 1.0 && seconds >= ps->last + 1.0) {
        ps->last = seconds;
        fprintf(stderr, "triad solve: %.1f s, excess beyond one in the strata done %.3f\n",
                seconds, excess);
    }
    return cli_interrupted();
}

/* Writes the plan of every year to outputs[y] and, with report_path, the
 * planner page of them all, every file or none. Returns an exit code. */
static int write_outputs(const triad_schools *s, const triad_plan *const *plans,
                         const triad_report *const *reps, size_t years, const char *const *outputs,
                         const char *report_path)
{
    triad_error err;
    char *texts[51] = {0};
    size_t nfiles = years + (report_path != NULL);
    triad_status st = TRIAD_OK;
    for (size_t y = 0; y < years && st == TRIAD_OK; y++)
        st = triad_plan_csv(plans[y], s, &texts[y], &err);
    if (st == TRIAD_OK && report_path)
        st = triad_report_html_years(reps, plans, years, s, NULL, &texts[years], &err);
    const char *paths[51];
    for (size_t k = 0; k < years; k++)
        paths[k] = outputs[k];
    if (report_path)
        paths[years] = report_path;
    int rc = st == TRIAD_OK ? cli_write_outputs(nfiles, paths, (const char *const *)texts)
                            : cli_report_error(&err);
    for (size_t k = 0; k < nfiles; k++)
        triad_string_free(texts[k]);
    return rc;
}

/* Collaboratives with every category within one school of its share. */
static size_t within_one(const triad_report *r)
{
    size_t n = triad_report_group_count(r, TRIAD_LEVEL_COLLABORATIVE), w = 0;
    for (size_t g = 0; g < n; g++)
        w += triad_report_group_within_one(r, TRIAD_LEVEL_COLLABORATIVE, g) == 1;
    return w;
}

/* The spread-or-local trade in one line: the plan's triad travel and
 * balance beside those of the same solve with geography = local in every
 * stratum that spreads, so the officer sees what each policy costs and how
 * to choose. A second solve, so only for one year on up to 5,000 schools;
 * spec is changed (the caller is done with it). */
static void print_policy_trade(const triad_schools *s, triad_spec **spec,
                               const triad_solve_options *o, const triad_plan *plan,
                               const triad_report *rep, FILE *f)
{
    double med = 0, lmed = 0;
    triad_error err;
    if (triad_schools_count(s) > 5000 ||
        triad_report_triad_spans(rep, &med, NULL, NULL, &err) != TRIAD_OK)
        return;
    if (!*spec && triad_spec_new(spec, &err) != TRIAD_OK)
        return;
    char names[512] = "";
    for (size_t k = 0; k < triad_plan_stratum_count(plan); k++) {
        triad_stratum_result sr;
        char section[200], geo[32];
        if (triad_plan_stratum_result(plan, k, &sr, &err) != TRIAD_OK)
            return;
        snprintf(section, sizeof section, "stratum.%s", sr.stratum);
        if (triad_spec_get(*spec, section, "geography", geo, sizeof geo, &err) == TRIAD_OK &&
            strcmp(geo, "local") == 0)
            continue;
        if (triad_spec_set(*spec, section, "geography", "local", &err) != TRIAD_OK)
            return;
        size_t len = strlen(names);
        snprintf(names + len, sizeof names - len, "%s[%s]", len ? ", " : "", section);
    }
    if (!names[0])
        return; /* every stratum is local already */
    triad_solve_options lo = *o;
    lo.progress = NULL;
    lo.log = NULL;
    triad_plan *lp = NULL;
    triad_report *lr = NULL;
    if (triad_solve(s, *spec, &lo, &lp, &err) == TRIAD_OK &&
        triad_check(s, *spec, lp, &lr, &err) == TRIAD_OK &&
        triad_report_triad_spans(lr, &lmed, NULL, NULL, &err) == TRIAD_OK) {
        size_t nc = triad_report_group_count(rep, TRIAD_LEVEL_COLLABORATIVE);
        fprintf(f,
                "Spread or local: this plan (collaboratives spread across the LA): median triad "
                "span %.1f km, %zu of %zu collaboratives balanced; with geography = local: "
                "%.1f km, %zu of %zu balanced (set geography = local in %s for that plan)\n",
                med, within_one(rep), nc, lmed, within_one(lr),
                triad_report_group_count(lr, TRIAD_LEVEL_COLLABORATIVE), names);
    }
    triad_report_free(lr);
    triad_plan_free(lp);
}

/* What the command line asked for. */
typedef struct solve_args {
    const char *schools_path, *spec_path, *out, *fixed_path, *report_path;
    const char *seed_arg, *time_arg, *threads_arg, *method_arg;
    const char *clinic, *clinic_term, *memberships;
    const char *history_paths[64];
    size_t nhistory;
    long years;
    int json;
    progress_state ps;
    /* the outputs, decided before anything is read: the years' plans, then the page */
    char paths[50][4096];
    const char *outputs[51];
    size_t noutputs;
} solve_args;

/* The options into *a: -1 to go on, else the exit code (0 after --help). */
static int parse_args(int argc, char **argv, solve_args *a)
{
    static const struct option longopts[] = {{"schools", required_argument, 0, 's'},
                                             {"spec", required_argument, 0, 'c'},
                                             {"output", required_argument, 0, 'o'},
                                             {"method", required_argument, 0, 'm'},
                                             {"seed", required_argument, 0, 'S'},
                                             {"time-limit", required_argument, 0, 't'},
                                             {"threads", required_argument, 0, 'T'},
                                             {"json", no_argument, 0, 'j'},
                                             {"quiet", no_argument, 0, 'q'},
                                             {"help", no_argument, 0, 'h'},
                                             {"history", required_argument, 0, 'H'},
                                             {"years", required_argument, 0, 'Y'},
                                             {"fixed", required_argument, 0, 'F'},
                                             {"report", required_argument, 0, 'R'},
                                             {"clinic", required_argument, 0, 'C'},
                                             {"clinic-term", required_argument, 0, 'E'},
                                             {"memberships", required_argument, 0, 'P'},
                                             {0, 0, 0, 0}};
    int c;
    a->years = 1;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:c:o:m:S:t:T:jqhH:Y:F:R:", longopts, NULL)) != -1) {
        switch (c) {
        case 's': a->schools_path = cli_input(optarg); break;
        case 'c': a->spec_path = cli_input(optarg); break;
        case 'o': a->out = optarg; break;
        case 'm': a->method_arg = optarg; break;
        case 'S': a->seed_arg = optarg; break;
        case 't': a->time_arg = optarg; break;
        case 'T': a->threads_arg = optarg; break;
        case 'j': a->json = 1; break;
        case 'q': a->ps.quiet = 1; break;
        case 'F': a->fixed_path = cli_input(optarg); break;
        case 'R': a->report_path = optarg; break;
        case 'C': a->clinic = cli_input(optarg); break;
        case 'E': a->clinic_term = optarg; break;
        case 'P': a->memberships = cli_input(optarg); break;
        case 'H':
            if (a->nhistory == 64) {
                fprintf(stderr, "triad solve: at most 64 --history plans\n");
                return EXIT_USAGE;
            }
            a->history_paths[a->nhistory++] = cli_input(optarg);
            break;
        case 'Y':
            if (!cli_parse_long(optarg, 1, 50, &a->years)) {
                fprintf(stderr, "triad solve: --years needs 1-50\n");
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!a->schools_path || !a->out || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!a->clinic != !a->clinic_term) {
        fprintf(stderr, "triad solve: --clinic and --clinic-term go together\n");
        return EXIT_USAGE;
    }
    if (a->years > 1 && strcmp(a->out, "-") == 0) {
        fprintf(stderr,
                "triad solve: --years %ld writes a file per year: give -o a file name, "
                "not '-'\n",
                a->years);
        return EXIT_USAGE;
    }
    return -1;
}

/* Every output path (PLAN.yearN.csv for a rotation, then the page), and
 * none of them an input: -1 to go on, else the exit code. */
static int output_paths(solve_args *a)
{
    for (long y = 0; y < a->years; y++) {
        int len;
        if (a->years == 1) {
            len = snprintf(a->paths[y], sizeof a->paths[y], "%s", a->out);
        } else {
            const char *dot = strrchr(a->out, '.'), *slash = strrchr(a->out, '/');
            int has_ext = dot && (!slash || dot > slash) && dot != a->out;
            int stem = has_ext ? (int)(dot - a->out) : (int)strlen(a->out);
            len = snprintf(a->paths[y], sizeof a->paths[y], "%.*s.year%ld%s", stem, a->out,
                           y + 1, has_ext ? dot : ".csv");
        }
        if (len < 0 || (size_t)len >= sizeof a->paths[y]) {
            fprintf(stderr, "triad solve: output path too long\n");
            return EXIT_USAGE;
        }
        a->outputs[y] = a->paths[y];
    }
    const char *inputs[69];
    size_t ninputs = 0;
    inputs[ninputs++] = a->schools_path;
    inputs[ninputs++] = a->spec_path;
    for (size_t h = 0; h < a->nhistory; h++)
        inputs[ninputs++] = a->history_paths[h];
    if (a->fixed_path)
        inputs[ninputs++] = a->fixed_path;
    if (a->memberships)
        inputs[ninputs++] = a->memberships;
    if (a->clinic)
        inputs[ninputs++] = a->clinic;
    a->noutputs = (size_t)a->years;
    if (a->report_path)
        a->outputs[a->noutputs++] = a->report_path;
    int guard = cli_guard_outputs("solve", inputs, ninputs, a->outputs, a->noutputs);
    return guard ? guard : -1;
}

/* Defaults, then the spec's [solver], then the command line: -1 to go on,
 * else the exit code. */
static int solver_options(solve_args *a, const triad_spec *spec, triad_solve_options *o)
{
    triad_solve_options_init(o);
    triad_spec_apply_solver(spec, o);
    o->progress = on_progress;
    o->progress_user = &a->ps;
    o->log = on_log;
    if (a->method_arg && triad_method_from_name(a->method_arg, &o->method) != TRIAD_OK) {
        fprintf(stderr, "triad solve: unknown method '%s'\n", a->method_arg);
        return EXIT_USAGE;
    }
    if (a->seed_arg && !cli_parse_u64(a->seed_arg, &o->seed)) {
        fprintf(stderr, "triad solve: --seed needs a whole number from 0 to "
                        "18446744073709551615 (digits only)\n");
        return EXIT_USAGE;
    }
    if (a->time_arg && !cli_parse_seconds(a->time_arg, CLI_MAX_SECONDS, &o->time_limit)) {
        fprintf(stderr,
                "triad solve: --time-limit needs a number of seconds, more than 0 and at most "
                "%.0f\n",
                CLI_MAX_SECONDS);
        return EXIT_USAGE;
    }
    long t;
    if (a->threads_arg) {
        if (!cli_parse_long(a->threads_arg, 1, 256, &t)) {
            fprintf(stderr, "triad solve: --threads needs 1-256\n");
            return EXIT_USAGE;
        }
        o->threads = (int)t;
    }
    return -1;
}

/* The officer's edits: what held and what the re-balance moved. */
static void report_fixed(const triad_schools *s, const triad_plan *fixed, const triad_plan *plan)
{
    size_t kept = 0, nlocked = 0, moved = 0, n = triad_schools_count(s);
    for (size_t i = 0; i < n; i++) {
        long a = triad_plan_collaborative_of(fixed, i), b = triad_plan_collaborative_of(plan, i);
        int same = a >= 0 && b >= 0 &&
                   strcmp(triad_plan_collaborative_label(fixed, (size_t)a),
                          triad_plan_collaborative_label(plan, (size_t)b)) == 0;
        if (triad_plan_is_locked(fixed, i)) {
            nlocked++;
            kept += same;
        } else if (a >= 0) {
            moved += !same;
        }
    }
    fprintf(stderr,
            "triad solve: --fixed: %zu of %zu locked row%s kept (collaborative, triad "
            "partners, lead), %zu unlocked row%s moved to another collaborative\n",
            kept, nlocked, nlocked == 1 ? "" : "s", moved, moved == 1 ? "" : "s");
}

/* After the solve: every year checked, the files and the page written all
 * or none, the summary printed. Returns the exit code. */
static int finish(solve_args *a, const triad_schools *s, triad_spec **spec,
                  const triad_solve_options *o, triad_plan **plans, const triad_plan *fixed)
{
    triad_error err;
    triad_report *reps[50] = {0};
    size_t repeats[50] = {0};
    char *text = NULL;
    int rc = 0;
    long years = a->years;
    for (long y = 0; y < years && rc == 0; y++) { /* balance for every year */
        repeats[y] = triad_plan_repeated_pairs(plans[y]);
        if (triad_check(s, *spec, plans[y], &reps[y], &err) != TRIAD_OK)
            rc = cli_report_error(&err);
    }
    if (rc == 0 && cli_interrupted()) { /* after the search: still nothing written */
        fprintf(stderr, "triad: cancelled: interrupted, nothing written\n");
        rc = cli_exit_code(TRIAD_ERR_CANCELLED);
    }
    cli_solver_settings made = {triad_method_name(o->method), o->seed, o->time_limit, o->threads,
                                NULL, 0};
    cli_provenance_context(*spec, &made);
    if (rc == 0)
        rc = write_outputs(s, (const triad_plan *const *)plans, (const triad_report *const *)reps,
                           (size_t)years, a->outputs, a->report_path);
    for (long y = 0; y < years && years > 1 && !a->ps.quiet && rc == 0; y++)
        fprintf(stderr, "triad solve: year %ld written to %s (%zu triad pairs met before)\n",
                y + 1, a->outputs[y], triad_plan_repeated_pairs(plans[y]));
    if (rc == 0 && a->report_path && !a->ps.quiet)
        fprintf(stderr, "triad solve: page written to %s\n", a->report_path);
    FILE *summary = cli_to_stdout(a->outputs, a->noutputs) ? stderr : stdout;
    if (rc == 0 && triad_report_format_years((const triad_report *const *)reps, (size_t)years,
                                             repeats, a->json, &text, &err) != TRIAD_OK)
        rc = cli_report_error(&err);
    else if (rc == 0 && a->json) { /* with what made it: version, spec, settings, machine */
        cli_solver_settings set = {triad_method_name(o->method), o->seed, o->time_limit,
                                   o->threads, NULL, 0};
        char *with = cli_json_add_provenance(text, *spec, &set);
        rc = with ? cli_write_stream(summary, with) : cli_exit_code(TRIAD_ERR_NOMEM);
        if (rc == 0)
            rc = cli_write_stream(summary, "\n");
        free(with);
    } else if (rc == 0) /* stdout is the plan's or the page's with '-' */
        rc = cli_write_stream(summary, text);
    /* the trade between spread and local collaboratives, measured */
    if (rc == 0 && years == 1 && !fixed && !a->ps.quiet && !a->json &&
        (o->method == TRIAD_METHOD_AUTO || o->method == TRIAD_METHOD_SEARCH))
        print_policy_trade(s, spec, o, plans[0], reps[0], summary);
    for (long y = 0; y < years; y++)
        triad_report_free(reps[y]);
    triad_string_free(text);
    return rc;
}

/* The clinic's flags as the schools' priority, said on stderr (never
 * silent), with a warning when the spec lets red schools share a triad. */
static triad_status apply_clinic(const solve_args *a, triad_schools *s, const triad_spec *spec,
                                 triad_error *err)
{
    size_t red = 0, raised = 0;
    triad_status st = triad_schools_apply_clinic(s, a->clinic, a->clinic_term, &red, &raised, err);
    if (st != TRIAD_OK)
        return st;
    char rule[8] = "yes";
    if (spec)
        triad_spec_get(spec, "constraints", "no_concern_triads", rule, sizeof rule, err);
    fprintf(stderr,
            "triad solve: clinic %s: %zu schools red (causing concern%s), %zu priorities "
            "raised to their school's flag (red 3, amber 2, green 1)\n",
            a->clinic_term, red,
            strcmp(rule, "no") ? ": no triad made only of them" : "", raised);
    if (strcmp(rule, "no") == 0 && red)
        fprintf(stderr, "triad solve: warning: no_concern_triads = no in the spec: red schools "
                        "may share a triad with only red schools\n");
    triad_error_clear(err);
    return TRIAD_OK;
}

int cmd_solve(int argc, char **argv)
{
    static solve_args a; /* large (the output paths): not on the stack */
    memset(&a, 0, sizeof a);
    int rc = parse_args(argc, argv, &a);
    if (rc < 0)
        rc = output_paths(&a);
    if (rc >= 0)
        return rc;
    triad_error err;
    triad_spec *spec = NULL;
    if (a.spec_path && triad_spec_read(a.spec_path, &spec, &err) != TRIAD_OK)
        return cli_report_error(&err);
    triad_solve_options o;
    if ((rc = solver_options(&a, spec, &o)) >= 0) {
        triad_spec_free(spec);
        return rc;
    }
    cli_catch_interrupts();
    triad_schools *s = NULL;
    triad_plan *history[64] = {0}, *plans[50] = {0}, *fixed = NULL;
    triad_memberships *mem = NULL;
    rc = 0;
    if (triad_schools_read(a.schools_path, NULL, &s, &err) != TRIAD_OK) {
        rc = cli_report_error(&err);
        goto done;
    }
    if (a.clinic && apply_clinic(&a, s, spec, &err) != TRIAD_OK) {
        rc = cli_report_error(&err);
        goto done;
    }
    for (size_t k = 0; k < triad_schools_gap_count(s); k++) /* data the plan is made without */
        fprintf(stderr, "triad solve: warning: %s\n", triad_schools_gap(s, k));
    for (size_t h = 0; h < a.nhistory && rc == 0; h++)
        if (triad_plan_read_history(a.history_paths[h], s, &history[h], &err) != TRIAD_OK)
            rc = cli_report_error(&err);
    if (rc == 0 && a.fixed_path && triad_plan_read(a.fixed_path, s, &fixed, &err) != TRIAD_OK)
        rc = cli_report_error(&err);
    if (rc == 0 && a.memberships &&
        triad_memberships_read(a.memberships, s, &mem, &err) != TRIAD_OK)
        rc = cli_report_error(&err);
    o.memberships = mem;
    o.history = (const triad_plan *const *)history;
    o.nhistory = a.nhistory;
    o.fixed = fixed;
    if (rc == 0 && triad_solve_years(s, spec, &o, (size_t)a.years, plans, &err) != TRIAD_OK)
        rc = cli_report_error(&err);
    if (rc == 0 && fixed && !a.ps.quiet)
        report_fixed(s, fixed, plans[0]);
    if (rc == 0)
        rc = finish(&a, s, &spec, &o, plans, fixed);
done:
    triad_memberships_free(mem);
    triad_plan_free(fixed);
    for (size_t h = 0; h < a.nhistory; h++)
        triad_plan_free(history[h]);
    for (long y = 0; y < a.years; y++)
        triad_plan_free(plans[y]);
    triad_spec_free(spec);
    triad_schools_free(s);
    return rc;
}
