/* The triad command line: argument parsing only; the work is the library's. */
#ifndef TRIAD_CLI_H
#define TRIAD_CLI_H

#include <stddef.h>
#include <stdint.h>

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

/* Strict argument numbers: digits only (no blanks, no hex, no "inf"), in
 * range. Return 1 on success. */
int cli_parse_u64(const char *s, uint64_t *out);
int cli_parse_long(const char *s, long lo, long hi, long *out);
int cli_parse_seconds(const char *s, double hi, double *out);

/* Refuses (message on stderr, returns EXIT_USAGE) when an output names an
 * input file or two outputs name one file; 0 when all is well. */
int cli_guard_outputs(const char *cmd, const char *const *inputs, size_t nin,
                      const char *const *outputs, size_t nout);

/* Longest accepted time budget, seconds (a week). */
#define CLI_MAX_SECONDS 604800.0

int cmd_import(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_solve(int argc, char **argv);
int cmd_mdgp(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_network(int argc, char **argv);
int cmd_broker(int argc, char **argv);
int cmd_compare(int argc, char **argv);

#endif
