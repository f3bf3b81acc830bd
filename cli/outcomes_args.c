/* --year and --outcomes pairs (cli.h), one reading for every command. */
#include <stdio.h>

#include "cli.h"

int cli_outcomes_option(const char *cmd, cli_outcomes *a, int is_year, const char *arg)
{
    if (is_year) {
        long v;
        if (!cli_parse_long(arg, 1990, 2100, &v)) {
            fprintf(stderr, "triad %s: --year needs 1990-2100, not '%s'\n", cmd, arg);
            return EXIT_USAGE;
        }
        a->year = (int)v;
        return -1;
    }
    if (a->nfiles == CLI_MAX_OUTCOMES) {
        fprintf(stderr, "triad %s: at most %d --outcomes files\n", cmd, CLI_MAX_OUTCOMES);
        return EXIT_USAGE;
    }
    a->years[a->nfiles] = a->year;
    a->files[a->nfiles++] = cli_input(arg);
    return -1;
}

triad_status cli_outcomes_read(const cli_outcomes *a, const triad_schools *s, triad_outcomes **o,
                               triad_error *err)
{
    *o = NULL;
    if (!a->nfiles)
        return TRIAD_OK;
    triad_status st = triad_outcomes_read(a->files[0], s, a->years[0], o, err);
    for (size_t k = 1; st == TRIAD_OK && k < a->nfiles; k++)
        st = triad_outcomes_add(*o, a->files[k], a->years[k], err);
    return st;
}
