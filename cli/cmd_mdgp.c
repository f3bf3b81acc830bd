#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: triad mdgp INSTANCE [--seconds S] [--iterations N] [--seed K]\n"
               "                  [-o SOLUTION] [--quiet]\n"
               "\n"
               "Solves a maximally diverse grouping problem in MDGPLIB format (maximise the\n"
               "sum of within-group distances under group size bounds) by iterated tabu\n"
               "search. The solution file lists each element's group (0-based), one per line.\n"
               "It prints the run's provenance (one JSON line: version, commit, command,\n"
               "machine, start, elapsed), its settings, the iterations and seconds it ran,\n"
               "when it found its best and what stopped it (iterations or seconds).\n"
               "The last line printed is 'objective <value>', after 'warnings <count>'; each\n"
               "warning (a promise the search could not keep) is also a line on stderr.\n"
               "It stops after --seconds (default 10), or after --iterations alone (one\n"
               "iteration is one tabu move: reproducible on any machine), or with both at\n"
               "whichever comes first.\n");
}

typedef struct mdgp_progress {
    int quiet;
    double last;  /* seconds of the last line printed */
    int warnings; /* lines of level TRIAD_LOG_WARNING from the library */
    int seconds_given;
} mdgp_progress;

/* Warnings go to stderr even with --quiet: they say what the result lacks. */
static void on_log(triad_log_level level, const char *line, void *user)
{
    mdgp_progress *mp = user;
    if (level == TRIAD_LOG_WARNING) {
        mp->warnings++;
        fprintf(stderr, "triad mdgp: warning: %s\n", line);
    } else if (!mp->quiet) {
        fprintf(stderr, "triad mdgp: %s\n", line);
    }
}

/* The library calls back several times a second; a line a second is enough. */
static int on_progress(double seconds, double best, void *user)
{
    mdgp_progress *mp = user;
    if (!mp->quiet && seconds >= mp->last + 1.0) {
        mp->last = seconds;
        fprintf(stderr, "triad mdgp: %.0f s, best %.3f\n", seconds, best);
    }
    return cli_interrupted(); /* Ctrl-C cancels */
}

/* The options into o, *out and mp; -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, triad_mdgp_options *o, const char **out,
                      mdgp_progress *mp)
{
    static const struct option longopts[] = {
        {"seconds", required_argument, 0, 's'}, {"iterations", required_argument, 0, 'i'},
        {"seed", required_argument, 0, 'S'},    {"output", required_argument, 0, 'o'},
        {"quiet", no_argument, 0, 'q'},         {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:i:S:o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 's':
            if (!cli_parse_seconds(optarg, CLI_MAX_SECONDS, &o->seconds)) {
                fprintf(stderr, "triad mdgp: --seconds needs a number of seconds, more than 0 "
                                "and at most %.0f\n", CLI_MAX_SECONDS);
                return EXIT_USAGE;
            }
            mp->seconds_given = 1;
            break;
        case 'i':
            if (!cli_parse_u64(optarg, &o->max_iterations) || o->max_iterations == 0) {
                fprintf(stderr, "triad mdgp: --iterations needs a whole number from 1 to "
                                "18446744073709551615\n");
                return EXIT_USAGE;
            }
            break;
        case 'S':
            if (!cli_parse_u64(optarg, &o->seed)) {
                fprintf(stderr, "triad mdgp: --seed needs a whole number from 0 to "
                                "18446744073709551615 (digits only)\n");
                return EXIT_USAGE;
            }
            break;
        case 'o': *out = optarg; break;
        case 'q': mp->quiet = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        usage(stderr);
        return EXIT_USAGE;
    }
    return -1;
}

/* The solution (a group per line) to out, then the summary: on stdout, or
 * stderr when the solution has stdout to itself (-o -). */
static int write_solution(const triad_mdgp *inst, const int *group, double obj, const char *out,
                          int warnings, const triad_mdgp_options *o, const triad_mdgp_stats *st)
{
    size_t n = triad_mdgp_elements(inst);
    int rc = 0;
    if (out) {
        size_t cap = n * 8 + 1, len = 0;
        char *text = malloc(cap);
        for (size_t i = 0; text && i < n; i++)
            len += (size_t)snprintf(text + len, cap - len, "%d\n", group[i]);
        rc = text ? cli_write_output(out, text) : 13;
        free(text);
    }
    FILE *f = cli_to_stdout(&out, 1) ? stderr : stdout;
    if (rc == 0) {
        /* what a methods section reports: the run's settings and what it did */
        cli_solver_settings set = {"mdgp", o->seed, o->seconds, 1, NULL, 1};
        char *prov = cli_provenance_text(NULL, &set);
        /* on one line: a newline in a value is escaped as \n, so every raw
         * newline and the indentation after it are layout */
        char *w = prov;
        for (char *r = prov; r && *r; r++) {
            if (*r == '\n')
                while (r[1] == ' ')
                    r++;
            else
                *w++ = *r;
        }
        if (w)
            *w = '\0';
        fprintf(f, "provenance %s\n", prov ? prov : "{}");
        free(prov);
        fprintf(f,
                "seed %llu\nseconds_limit %g\niterations_limit %llu\niterations %llu\n"
                "seconds %.3f\niterations_to_best %llu\nseconds_to_best %.3f\nstopped_by %s\n",
                (unsigned long long)o->seed, o->seconds, (unsigned long long)o->max_iterations,
                (unsigned long long)st->iterations, st->seconds,
                (unsigned long long)st->iterations_to_best, st->seconds_to_best, st->stopped_by);
        fprintf(f, "elements %zu groups %zu\nwarnings %d\nobjective %.3f\n", n,
                triad_mdgp_groups(inst), warnings, obj);
    }
    return rc;
}

int cmd_mdgp(int argc, char **argv)
{
    triad_mdgp_options o;
    triad_mdgp_options_init(&o);
    const char *out = NULL;
    mdgp_progress mp = {0, 0.0, 0, 0};
    int rc = parse_args(argc, argv, &o, &out, &mp);
    if (rc >= 0)
        return rc;
    if (o.max_iterations && !mp.seconds_given)
        o.seconds = 0; /* an iteration budget alone: reproducible anywhere */
    o.progress = on_progress;
    o.progress_user = &mp;
    o.log = on_log;
    o.log_user = &mp;
    const char *in = cli_input(argv[optind]);
    int guard = cli_guard_outputs("mdgp", &in, 1, &out, 1);
    if (guard)
        return guard;
    cli_catch_interrupts();
    triad_error err;
    triad_mdgp *inst = NULL;
    if (triad_mdgp_read(in, &inst, &err) != TRIAD_OK)
        return cli_report_error(&err);
    int *group = malloc(triad_mdgp_elements(inst) * sizeof *group);
    double obj = 0;
    triad_mdgp_stats stats;
    rc = 0;
    if (!group) {
        fprintf(stderr, "triad mdgp: out of memory\n");
        rc = 13;
    } else if (triad_mdgp_solve_stats(inst, &o, group, &obj, &stats, &err) != TRIAD_OK) {
        rc = cli_report_error(&err);
    } else if (cli_interrupted()) { /* after the search: still nothing written */
        fprintf(stderr, "triad: cancelled: interrupted, nothing written\n");
        rc = cli_exit_code(TRIAD_ERR_CANCELLED);
    } else {
        rc = write_solution(inst, group, obj, out, mp.warnings, &o, &stats);
    }
    free(group);
    triad_mdgp_free(inst);
    return rc;
}
