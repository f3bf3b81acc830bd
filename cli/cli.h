/* The triad command line: argument parsing only; the work is the library's. */
#ifndef TRIAD_CLI_H
#define TRIAD_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <triad/triad.h>

enum {
    EXIT_USAGE = 2,
    EXIT_VIOLATIONS = 20 /* check --strict: the plan breaks a constraint */
};

/* The documented exit code of a library status. */
int cli_exit_code(triad_status st);
/* Prints "triad: <message>" for err on stderr and returns the exit code. */
int cli_report_error(const triad_error *err);
/* Writes text to path atomically (triad_file_write), or to stdout when path
 * is NULL or "-". Returns an exit code. */
int cli_write_output(const char *path, const char *text);
/* Writes texts[k] to paths[k] for k < n (n <= 64; NULL paths skipped): the
 * files all or none (triad_files_write), then the one "-" to stdout. */
int cli_write_outputs(size_t n, const char *const *paths, const char *const *texts);

/* Strict argument numbers: digits only (no blanks, no hex, no "inf"), in
 * range. Return 1 on success. */
int cli_parse_u64(const char *s, uint64_t *out);
int cli_parse_long(const char *s, long lo, long hi, long *out);
int cli_parse_seconds(const char *s, double hi, double *out);

/* A clinic term: letters, digits, '-' and '_', 1-40 of them. */
int cli_term_ok(const char *t);

/* "-" as an input is standard input: the path the readers are given. */
#define CLI_STDIN "/dev/stdin"
/* The path to read for an input argument: CLI_STDIN for "-", else arg. */
const char *cli_input(const char *arg);
/* 1 when one of the n outputs is "-" (standard output): the command's
 * summary then goes to stderr, so stdout carries the file alone. */
int cli_to_stdout(const char *const *outputs, size_t n);
/* Writes text to f (the summary's stream); returns an exit code. */
int cli_write_stream(FILE *f, const char *text);

/* Refuses (message on stderr, returns EXIT_USAGE) when an output names an
 * input file, two outputs name one file, two outputs are "-" or two inputs
 * are standard input; 0 when all is well. */
int cli_guard_outputs(const char *cmd, const char *const *inputs, size_t nin,
                      const char *const *outputs, size_t nout);

/* Ctrl-C (SIGINT) or SIGTERM while a search runs: the first one makes
 * cli_interrupted() return 1, which the progress callbacks hand to the
 * library as a request to cancel (exit 12, nothing written); the second
 * ends the process. For the commands that search (solve, mdgp, compare). */
void cli_catch_interrupts(void);
int cli_interrupted(void);

/* Longest accepted time budget, seconds (a week). */
#define CLI_MAX_SECONDS 604800.0

int cmd_import(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_solve(int argc, char **argv);
int cmd_mdgp(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_network(int argc, char **argv);
int cmd_governors(int argc, char **argv);
int cmd_broker(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_schedule(int argc, char **argv);
int cmd_impact(int argc, char **argv);
int cmd_clinic(int argc, char **argv);
int cmd_pack(int argc, char **argv);
int cmd_features(int argc, char **argv);

/* The rules of a review schedule as long options, shared by schedule and
 * check --schedule (codes above any short option's). */
enum {
    OPT_REVIEW_DAYS = 1001,
    OPT_FEEDBACK_WITHIN,
    OPT_MAX_DAYS_AWAY,
    OPT_MIN_GAP,
    OPT_NO_MEETINGS,
    OPT_DATA_BEFORE,
    OPT_WORKSHOP_WITHIN,
    OPT_IMPACT_AFTER
};
#define CLI_SCHEDULE_OPTIONS                                                                       \
    {"review-days", required_argument, 0, OPT_REVIEW_DAYS},                                        \
        {"feedback-within", required_argument, 0, OPT_FEEDBACK_WITHIN},                            \
        {"max-days-away", required_argument, 0, OPT_MAX_DAYS_AWAY},                                \
        {"min-gap", required_argument, 0, OPT_MIN_GAP},                                            \
        {"no-meetings", no_argument, 0, OPT_NO_MEETINGS},                                          \
        {"data-before", required_argument, 0, OPT_DATA_BEFORE},                                    \
        {"workshop-within", required_argument, 0, OPT_WORKSHOP_WITHIN},                            \
        {"impact-after", required_argument, 0, OPT_IMPACT_AFTER}
/* Applies schedule option c (an OPT_* code) with arg to o: 1 done, 0 a bad
 * value (said on stderr), -1 not a schedule option. */
int cli_schedule_option(int c, const char *arg, triad_schedule_options *o);

/* --year Y and --outcomes F as impact, clinic and report take them: a
 * file's year is the last --year before it (a DfE table needs one; a tidy
 * file carries its own). */
#define CLI_MAX_OUTCOMES 32
typedef struct cli_outcomes {
    const char *files[CLI_MAX_OUTCOMES];
    int years[CLI_MAX_OUTCOMES];
    size_t nfiles;
    int year; /* the last --year given, 0 before any */
} cli_outcomes;
/* Takes --year (is_year) or --outcomes arg for command cmd: -1 to go on,
 * else EXIT_USAGE with the reason on stderr. */
int cli_outcomes_option(const char *cmd, cli_outcomes *a, int is_year, const char *arg);
/* Reads every file of a into *o (NULL when a has none). */
triad_status cli_outcomes_read(const cli_outcomes *a, const triad_schools *s, triad_outcomes **o,
                               triad_error *err);

/* Provenance (cli/provenance.c): main records the command line and the
 * start; outputs then carry version, commit, command, start, elapsed time,
 * machine, the spec with every default and the solver's settings. */
typedef struct cli_solver_settings {
    const char *method;
    uint64_t seed;
    double time_limit;
    int threads;
    const char *seeds; /* a list or range of seeds (compare), or NULL: seed alone */
    int spec_unused;   /* the command reads no spec: none recorded */
} cli_solver_settings;
void cli_run_begin(int argc, char **argv);
/* json (an object) with a "provenance" member added; malloc'd text (free
 * with free), NULL when json is not an object or memory ran out. set may
 * be NULL (no solver ran); spec NULL: the defaults. */
char *cli_json_add_provenance(const char *json, const triad_spec *spec,
                              const cli_solver_settings *set);
/* With json, text (a JSON object the library made; taken over) becomes
 * the same with its provenance; NULL when out of memory. Without json,
 * text is returned as it is. */
char *cli_json_provenance_take(char *text, int json, const triad_spec *spec,
                               const cli_solver_settings *set);
/* {"provenance": {...}} alone, for a sidecar beside a CSV. */
char *cli_provenance_text(const triad_spec *spec, const cli_solver_settings *set);
/* The spec (borrowed until the outputs are written) and settings the
 * command's outputs are made with; set NULL: a spec but no solver. Without
 * a call, the command read no spec. */
void cli_provenance_context(const triad_spec *spec, const cli_solver_settings *set);
/* The provenance of the context, for OUT.csv.provenance.json; malloc'd. */
char *cli_provenance_sidecar(void);

#endif
