#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_FILES 32

static void usage(FILE *f)
{
    fprintf(f, "usage: triad clinic --schools SCHOOLS.csv --term TERM -o CLINIC.csv\n"
               "                    [[--year Y] --outcomes OUTCOMES.csv ...] [--read-year Y]\n"
               "                    [--history CLINIC_BEFORE.csv] [--red-grade N]\n"
               "                    [--rule MEASURE:RED:AMBER:FALL ...]\n"
               "\n"
               "The termly performance clinic: red, amber or green for every school, with\n"
               "the reason for each flag. Red: an Ofsted grade of --red-grade or worse\n"
               "(default 3; 0: no grade rule), or a measure below a rule's RED; amber: below\n"
               "its AMBER, or a fall of more than FALL since the year before. Rules replace\n"
               "the defaults (READPROG, WRITPROG, MATPROG -3:-1.5:2; P8MEA -0.5:-0.25:0.5);\n"
               "'off' switches one test of a rule off. The outcomes are read as by triad\n"
               "impact; the clinic reads their latest year unless --read-year. TERM names\n"
               "the term (letters, digits, '-', '_'; e.g. 2026-autumn). With --history,\n"
               "earlier terms' rows are kept and this term's replaced: one tidy CSV\n"
               "urn,term,rag,reasons over the terms.\n");
}

typedef struct clinic_args {
    const char *schools, *term, *out, *history;
    cli_outcomes in;
    size_t nrules;
    char *rule_text[MAX_FILES];
    triad_clinic_rule rules[MAX_FILES];
    triad_clinic_options o;
} clinic_args;

/* A rule's number: strict, or "off" (NAN). */
static int rule_number(const char *s, double *out)
{
    char *end;
    if (strcmp(s, "off") == 0) {
        *out = NAN;
        return 1;
    }
    *out = strtod(s, &end);
    return *s && !isspace((unsigned char)*s) && *end == '\0' && isfinite(*out);
}

/* MEASURE:RED:AMBER:FALL into rule k (the text kept for the measure). */
static int parse_rule(clinic_args *a, const char *arg)
{
    if (a->nrules == MAX_FILES)
        return 0;
    char *t = strdup(arg), *part[4], *save = NULL;
    if (!t)
        return 0;
    a->rule_text[a->nrules] = t;
    size_t n = 0;
    for (char *p = strtok_r(t, ":", &save); p && n < 5; p = strtok_r(NULL, ":", &save))
        if (n < 4)
            part[n++] = p;
        else
            n++;
    triad_clinic_rule *r = &a->rules[a->nrules];
    if (n != 4 || !rule_number(part[1], &r->red_below) || !rule_number(part[2], &r->amber_below) ||
        !rule_number(part[3], &r->amber_fall))
        return 0;
    r->measure = part[0];
    a->nrules++;
    return 1;
}

static int parse_option(int c, clinic_args *a)
{
    long v;
    switch (c) {
    case 's': a->schools = cli_input(optarg); return -1;
    case 't': a->term = optarg; return -1;
    case 'o': a->out = optarg; return -1;
    case 'H': a->history = cli_input(optarg); return -1;
    case 'u':
    case 'y': return cli_outcomes_option("clinic", &a->in, c == 'y', optarg);
    case 'Y':
        if (!cli_parse_long(optarg, 1990, 2100, &v)) {
            fprintf(stderr, "triad clinic: --read-year needs 1990-2100, not '%s'\n", optarg);
            return EXIT_USAGE;
        }
        a->o.year = (int)v;
        return -1;
    case 'g':
        if (!cli_parse_long(optarg, 0, 4, &v)) {
            fprintf(stderr, "triad clinic: --red-grade needs 0-4, not '%s'\n", optarg);
            return EXIT_USAGE;
        }
        a->o.red_grade = (int)v;
        return -1;
    case 'r':
        if (!parse_rule(a, optarg)) {
            fprintf(stderr,
                    "triad clinic: --rule needs MEASURE:RED:AMBER:FALL (numbers or "
                    "'off'; at most %d), not '%s'\n",
                    MAX_FILES, optarg);
            return EXIT_USAGE;
        }
        return -1;
    case 'h': usage(stdout); return 0;
    default: usage(stderr); return EXIT_USAGE;
    }
}

static int parse_args(int argc, char **argv, clinic_args *a)
{
    static const struct option longopts[] = {{"schools", required_argument, 0, 's'},
                                             {"term", required_argument, 0, 't'},
                                             {"output", required_argument, 0, 'o'},
                                             {"history", required_argument, 0, 'H'},
                                             {"outcomes", required_argument, 0, 'u'},
                                             {"year", required_argument, 0, 'y'},
                                             {"read-year", required_argument, 0, 'Y'},
                                             {"red-grade", required_argument, 0, 'g'},
                                             {"rule", required_argument, 0, 'r'},
                                             {"help", no_argument, 0, 'h'},
                                             {0, 0, 0, 0}};
    int c, rc;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:t:o:h", longopts, NULL)) != -1)
        if ((rc = parse_option(c, a)) >= 0)
            return rc;
    if (!a->schools || !a->term || !a->out || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!cli_term_ok(a->term)) {
        fprintf(stderr,
                "triad clinic: --term is letters, digits, '-' and '_' (at most 40), "
                "not '%s'\n",
                a->term);
        return EXIT_USAGE;
    }
    if (a->nrules) {
        a->o.rules = a->rules;
        a->o.nrules = a->nrules;
    }
    const char *inputs[CLI_MAX_OUTCOMES + 2] = {a->schools, a->history};
    for (size_t k = 0; k < a->in.nfiles; k++)
        inputs[2 + k] = a->in.files[k];
    return cli_guard_outputs("clinic", inputs, 2 + a->in.nfiles, &a->out, 1) ? EXIT_USAGE : -1;
}

/* Rows of this term with flag rag in csv. */
static size_t count_flag(const char *csv, const char *term, const char *rag)
{
    size_t n = 0, lt = strlen(term), lr = strlen(rag);
    for (const char *p = strchr(csv, '\n'); p; p = strchr(p + 1, '\n')) {
        const char *f = strchr(p + 1, ',');
        if (f && strncmp(f + 1, term, lt) == 0 && f[1 + lt] == ',' &&
            strncmp(f + 2 + lt, rag, lr) == 0 && f[2 + lt + lr] == ',')
            n++;
    }
    return n;
}

/* Never silent: a rule whose measure no outcomes file holds flags nothing. */
static void warn_unread_rules(const triad_outcomes *o, const triad_clinic_rule *rules, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        int found = 0;
        for (size_t m = 0; o && m < triad_outcomes_measure_count(o); m++)
            found |= strcmp(triad_outcomes_measure(o, m), rules[k].measure) == 0;
        if (!found)
            fprintf(stderr,
                    "triad clinic: warning: no outcomes hold %s: its rule flags "
                    "nothing\n",
                    rules[k].measure);
    }
}

static int has_default_measure(const triad_outcomes *o)
{
    static const char *const names[] = {"READPROG", "WRITPROG", "MATPROG", "P8MEA"};
    for (size_t m = 0; m < triad_outcomes_measure_count(o); m++)
        for (size_t k = 0; k < 4; k++)
            if (strcmp(triad_outcomes_measure(o, m), names[k]) == 0)
                return 1;
    return 0;
}

static int run(clinic_args *a)
{
    triad_error err;
    triad_schools *s = NULL;
    triad_outcomes *o = NULL;
    char *csv = NULL;
    int ok = triad_schools_read(a->schools, NULL, &s, &err) == TRIAD_OK &&
             cli_outcomes_read(&a->in, s, &o, &err) == TRIAD_OK;
    ok = ok && triad_clinic_csv(s, o, a->term, &a->o, a->history, &csv, &err) == TRIAD_OK;
    int rc = ok ? cli_write_output(a->out, csv) : cli_report_error(&err);
    if (ok && rc == 0) {
        if (a->nrules)
            warn_unread_rules(o, a->rules, a->nrules);
        else if (o && !has_default_measure(o))
            fprintf(stderr, "triad clinic: warning: the outcomes hold none of the default rules' "
                            "measures (READPROG, WRITPROG, MATPROG, P8MEA): only the grade "
                            "rule flags; give --rule for yours\n");
        FILE *summary = cli_to_stdout(&a->out, 1) ? stderr : stdout;
        fprintf(summary, "Clinic %s: %zu schools: %zu red, %zu amber, %zu green\n", a->term,
                triad_schools_count(s), count_flag(csv, a->term, "red"),
                count_flag(csv, a->term, "amber"), count_flag(csv, a->term, "green"));
    }
    triad_string_free(csv);
    triad_outcomes_free(o);
    triad_schools_free(s);
    return rc;
}

int cmd_clinic(int argc, char **argv)
{
    static clinic_args a; /* the rules' texts: not on the stack */
    memset(&a, 0, sizeof a);
    triad_clinic_options_init(&a.o);
    int rc = parse_args(argc, argv, &a);
    if (rc < 0)
        rc = run(&a);
    for (size_t k = 0; k < MAX_FILES; k++)
        free(a.rule_text[k]);
    return rc;
}
