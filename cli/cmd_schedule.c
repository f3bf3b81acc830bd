#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: triad schedule --schools SCHOOLS.csv --plan PLAN.csv --calendar YEAR.ini\n"
               "                      [-o SCHEDULE.csv] [--json] [--review-days N]\n"
               "                      [--feedback-within N] [--max-days-away N] [--min-gap N]\n"
               "                      [--no-meetings] [--ics DIRECTORY] [--fixed SCHEDULE.csv]\n"
               "                      [--visit-forms FORMS.csv] [--data-before N]\n"
               "                      [--workshop-within N] [--impact-after N]\n"
               "\n"
               "The peer-review cycle of a plan over a school year: each school of a triad\n"
               "reviewed once by the other heads of its triad (a triad of three: one review\n"
               "a term), a feedback meeting within --feedback-within school days after each\n"
               "review (default 5; 0: none), and each collaborative's meeting once a term\n"
               "after its triads' reviews. Hosts and reviewers are open on the day (the\n"
               "calendar's terms, half-terms, closed days and each school's own), the host's\n"
               "test week (KS2, GCSE) is kept clear, a head reviews at most --max-days-away\n"
               "days a half-term (default 2) and is in one place a day, and the reviews of a\n"
               "triad are --min-gap school days apart (default 10). A review takes\n"
               "--review-days consecutive school days (default 1). The chain of a review\n"
               "the programmes use, each stage optional (default off): the host's data\n"
               "shared --data-before school days before it, an improvement workshop within\n"
               "--workshop-within school days after the feedback, an impact check at least\n"
               "--impact-after school days after it. The calendar's format:\n"
               "doc/formats.md; examples/data/calendar-2026-27.ini is a whole year.\n"
               "Writes the schedule CSV (one row per participant per event) to -o and a\n"
               "summary to stdout. --ics writes an iCalendar file per school (school-URN.ics)\n"
               "and per collaborative (collaborative-LABEL.ics) into DIRECTORY (made if\n"
               "missing), times in Europe/London, for calendar apps to import; a re-run\n"
               "updates their events (the same UIDs). DTSTAMP is now, or SOURCE_DATE_EPOCH\n"
               "when set (identical files). --fixed keeps every event of a schedule as it is\n"
               "(delete the rows of those to move: a head falls ill, an Ofsted call) and\n"
               "plans the rest around them; the changes are listed (+ new, ~ moved, - gone).\n"
               "--visit-forms writes a visit record to fill in per review (the audit trail).\n"
               "All files are written or none. A triad or collaborative that cannot fit is\n"
               "named (exit\n"
               "11); the schedule is re-scored by the checker of the rules (exit 20 if it\n"
               "breaks one).\n");
}

static int take_int(const char *arg, const char *name, long lo, long hi, int *out)
{
    long v;
    if (!cli_parse_long(arg, lo, hi, &v)) {
        fprintf(stderr, "triad: %s must be a whole number from %ld to %ld, not '%s'\n", name, lo,
                hi, arg);
        return 0;
    }
    *out = (int)v;
    return 1;
}

int cli_schedule_option(int c, const char *arg, triad_schedule_options *o)
{
    switch (c) {
    case OPT_REVIEW_DAYS: return take_int(arg, "--review-days", 1, 5, &o->review_days);
    case OPT_FEEDBACK_WITHIN:
        return take_int(arg, "--feedback-within", 0, 30, &o->feedback_within);
    case OPT_MAX_DAYS_AWAY: return take_int(arg, "--max-days-away", 1, 30, &o->max_days_away);
    case OPT_MIN_GAP: return take_int(arg, "--min-gap", 0, 100, &o->min_gap);
    case OPT_NO_MEETINGS: o->meetings = 0; return 1;
    case OPT_DATA_BEFORE: return take_int(arg, "--data-before", 0, 30, &o->data_before);
    case OPT_WORKSHOP_WITHIN:
        return take_int(arg, "--workshop-within", 0, 30, &o->workshop_within);
    case OPT_IMPACT_AFTER: return take_int(arg, "--impact-after", 0, 190, &o->impact_after);
    default: return -1;
    }
}

/* Reads the options into o and the paths; an exit code, or -1 to go on. */
static int parse(int argc, char **argv, triad_schedule_options *o, const char **paths, int *json)
{
    static const struct option longopts[] = {
        {"schools", required_argument, 0, 's'},  {"plan", required_argument, 0, 'p'},
        {"calendar", required_argument, 0, 'c'}, {"output", required_argument, 0, 'o'},
        {"json", no_argument, 0, 'j'},           {"ics", required_argument, 0, 'i'},
        {"fixed", required_argument, 0, 'x'},    {"visit-forms", required_argument, 0, 'v'},
        CLI_SCHEDULE_OPTIONS,
        {"help", no_argument, 0, 'h'},           {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:p:c:o:ji:x:v:h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': paths[0] = cli_input(optarg); break;
        case 'p': paths[1] = cli_input(optarg); break;
        case 'c': paths[2] = cli_input(optarg); break;
        case 'o': paths[3] = optarg; break;
        case 'j': *json = 1; break;
        case 'i': paths[4] = optarg; break;
        case 'x': paths[5] = cli_input(optarg); break;
        case 'v': paths[6] = optarg; break;
        case 'h': usage(stdout); return 0;
        default:
            if (cli_schedule_option(c, optarg, o) == 1)
                break;
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (!paths[0] || !paths[1] || !paths[2] || optind < argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *inputs[] = {paths[0], paths[1], paths[2], paths[5]},
               *outputs[] = {paths[3], paths[6]};
    return cli_guard_outputs("schedule", inputs, 4, outputs, 2) ? EXIT_USAGE : -1;
}

/* path = dir/prefix-NAME.ics, NAME kept to letters, digits, '.', '-' and
 * '_' (a label or URN from the data never climbs out of dir); NULL when
 * out of memory. */
static char *ics_path(const char *dir, const char *prefix, const char *name)
{
    size_t len = strlen(dir) + strlen(prefix) + strlen(name) + 8;
    char *path = malloc(len);
    if (!path)
        return NULL;
    int at = snprintf(path, len, "%s/%s-", dir, prefix);
    for (const char *c = name; *c; c++)
        path[at++] = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                             (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' ||
                             (*c == '.' && c != name)
                         ? *c
                         : '_';
    strcpy(path + at, ".ics");
    return path;
}

/* DTSTAMP: now, or SOURCE_DATE_EPOCH when set (reproducible files); -1 when
 * that is not a number. */
static long long ics_stamp(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    uint64_t v;
    if (!sde)
        return (long long)time(NULL);
    if (!cli_parse_u64(sde, &v) || v > 253402300799ULL) {
        fprintf(stderr, "triad schedule: SOURCE_DATE_EPOCH must be seconds since 1970, not '%s'\n",
                sde);
        return -1;
    }
    return (long long)v;
}

/* The iCalendar files of every planned school and every collaborative
 * into dir (NULL: none) and the nx files named in xp (texts xt): all
 * written or none. */
static int write_files(const char *dir, const triad_schedule *sch, const triad_schools *s,
                       const triad_plan *p, const char *const *xp, const char *const *xt,
                       size_t nx)
{
    long long stamp = dir ? ics_stamp() : 0;
    if (stamp < 0)
        return EXIT_USAGE;
    if (dir && mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "triad schedule: cannot make the folder %s: %s\n", dir, strerror(errno));
        return 3;
    }
    size_t ns = triad_schools_count(s), nc = triad_plan_collaborative_count(p), n = 0;
    char **paths = calloc(ns + nc + 2 * nx + 1, sizeof *paths),
         **texts = calloc(ns + nc + 2 * nx + 1, sizeof *texts), *prov = NULL;
    triad_error err;
    int rc = paths && texts ? 0 : 13;
    for (size_t k = 0; dir && rc == 0 && k < ns + nc; k++) {
        int school = k < ns;
        size_t i = school ? k : k - ns;
        if (school && triad_plan_collaborative_of(p, i) < 0)
            continue; /* not in the plan: no events */
        paths[n] = ics_path(dir, school ? "school" : "collaborative",
                            school ? triad_schools_urn(s, i) : triad_plan_collaborative_label(p, i));
        if (!paths[n])
            rc = 13;
        else if (triad_schedule_ics(sch, s, p, school ? TRIAD_ICS_SCHOOL : TRIAD_ICS_COLLABORATIVE,
                                    i, stamp, &texts[n++], &err) != TRIAD_OK)
            rc = cli_report_error(&err);
    }
    size_t nics = n; /* the named files, borrowed, go last */
    for (size_t k = 0; rc == 0 && k < nx; k++) {
        paths[n] = strdup(xp[k]);
        texts[n++] = (char *)xt[k];
        rc = paths[n - 1] ? 0 : 13;
    }
    /* beside each CSV its provenance, as cli_write_outputs does */
    for (size_t k = 0, len; rc == 0 && k < nx; k++) {
        if ((len = strlen(xp[k])) < 5 || strcasecmp(xp[k] + len - 4, ".csv") != 0)
            continue;
        if (!prov && !(prov = cli_provenance_sidecar())) {
            rc = 13;
            break;
        }
        if (!(paths[n] = malloc(len + 17))) {
            rc = 13;
            break;
        }
        sprintf(paths[n], "%s.provenance.json", xp[k]);
        texts[n++] = prov;
    }
    if (rc == 0 && triad_files_write(n, (const char *const *)paths, (const char *const *)texts,
                                     &err) != TRIAD_OK)
        rc = cli_report_error(&err);
    for (size_t k = 0; k < n; k++) {
        free(paths[k]);
        if (k < nics)
            triad_string_free(texts[k]);
    }
    free(prov);
    free(paths);
    free(texts);
    return rc;
}

/* Every output: the files together, then the one "-" to stdout. */
static int write_outputs(const char *const *paths, const triad_schedule *sch,
                         const triad_schools *s, const triad_plan *p, const char *csv,
                         const char *forms)
{
    const char *xp[2], *xt[2];
    size_t nx = 0;
    const char *out[2] = {paths[3], paths[6]}, *text[2] = {csv, forms};
    for (int k = 0; k < 2; k++)
        if (out[k] && strcmp(out[k], "-") != 0) {
            xp[nx] = out[k];
            xt[nx++] = text[k];
        }
    int rc = paths[4] || nx ? write_files(paths[4], sch, s, p, xp, xt, nx) : 0;
    for (int k = 0; rc == 0 && k < 2; k++)
        if (out[k] && strcmp(out[k], "-") == 0)
            rc = cli_write_output(out[k], text[k]);
    return rc;
}

int cmd_schedule(int argc, char **argv)
{
    triad_schedule_options o;
    triad_schedule_options_init(&o);
    /* schools, plan, calendar, -o, --ics, --fixed, --visit-forms */
    const char *paths[7] = {NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    int json = 0, rc = parse(argc, argv, &o, paths, &json);
    if (rc >= 0)
        return rc;
    triad_error err;
    triad_schools *s = NULL;
    triad_plan *p = NULL;
    triad_calendar *cal = NULL;
    triad_schedule *sch = NULL, *fixed = NULL;
    char *csv = NULL, *text = NULL, *diff = NULL, *forms = NULL;
    rc = 0;
    if (triad_schools_read(paths[0], NULL, &s, &err) != TRIAD_OK ||
        triad_plan_read(paths[1], s, &p, &err) != TRIAD_OK ||
        triad_calendar_read(paths[2], &cal, &err) != TRIAD_OK ||
        (paths[5] && triad_schedule_read(paths[5], s, p, &fixed, &err) != TRIAD_OK) ||
        ((o.fixed = fixed), triad_schedule_make(s, p, cal, &o, &sch, &err) != TRIAD_OK) ||
        (fixed && triad_schedule_diff(fixed, sch, s, p, &diff, &err) != TRIAD_OK) ||
        (paths[3] && triad_schedule_csv(sch, s, p, &csv, &err) != TRIAD_OK) ||
        (paths[6] && triad_schedule_visit_forms(sch, s, p, &forms, &err) != TRIAD_OK) ||
        triad_schedule_format(sch, cal, json, &text, &err) != TRIAD_OK)
        rc = cli_report_error(&err);
    else if (!(text = cli_json_provenance_take(
                   text, json, NULL, &(cli_solver_settings){NULL, 0, 0, 1, NULL, 1})))
        rc = cli_exit_code(TRIAD_ERR_NOMEM);
    else if ((rc = write_outputs(paths, sch, s, p, csv, forms)) == 0) {
        const char *outputs[] = {paths[3], paths[6]};
        FILE *summary = cli_to_stdout(outputs, 2) ? stderr : stdout;
        rc = cli_write_stream(summary, text);
        if (rc == 0 && diff) {
            fputs("Changes from the fixed schedule:\n", summary);
            rc = cli_write_stream(summary, diff);
        }
        if (rc == 0 && triad_schedule_violation_count(sch) > 0) {
            fprintf(stderr, "triad schedule: the schedule breaks %zu rules (listed above)\n",
                    triad_schedule_violation_count(sch));
            rc = EXIT_VIOLATIONS;
        }
    }
    triad_string_free(csv);
    triad_string_free(text);
    triad_string_free(diff);
    triad_string_free(forms);
    triad_schedule_free(sch);
    triad_schedule_free(fixed);
    triad_calendar_free(cal);
    triad_plan_free(p);
    triad_schools_free(s);
    return rc;
}
