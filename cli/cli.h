/* The triad command line: argument parsing only; the work is the library's. */
#ifndef TRIAD_CLI_H
#define TRIAD_CLI_H

#include <triad/triad.h>

enum {
    EXIT_USAGE = 2,
    EXIT_VIOLATIONS = 20 /* check --strict: the plan breaks a constraint */
};

/* The documented exit code of a library status. */
int cli_exit_code(triad_status st);
/* Prints "triad: <message>" for err on stderr and returns the exit code. */
int cli_report_error(const triad_error *err);
/* Writes text to path atomically, or to stdout when path is NULL or "-". */
int cli_write_output(const char *path, const char *text);

int cmd_import(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_solve(int argc, char **argv);
int cmd_mdgp(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_network(int argc, char **argv);

#endif
