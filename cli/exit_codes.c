#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_exit_code(triad_status st)
{
    switch (st) {
    case TRIAD_OK: return 0;
    case TRIAD_ERR_INVALID_ARGUMENT: return 1;
    case TRIAD_ERR_INTERNAL: return 1;
    case TRIAD_ERR_IO: return 3;
    case TRIAD_ERR_EMPTY: return 4;
    case TRIAD_ERR_CSV: return 5;
    case TRIAD_ERR_VALUE: return 6;
    case TRIAD_ERR_DUPLICATE: return 7;
    case TRIAD_ERR_UNKNOWN_SCHOOL: return 8;
    case TRIAD_ERR_MISSING_COLUMN: return 9;
    case TRIAD_ERR_SPEC: return 10;
    case TRIAD_ERR_INFEASIBLE: return 11;
    case TRIAD_ERR_CANCELLED: return 12;
    case TRIAD_ERR_NOMEM: return 13;
    }
    return 1;
}

int cli_report_error(const triad_error *err)
{
    fprintf(stderr, "triad: %s: %s\n", triad_status_string(err->status), err->message);
    return cli_exit_code(err->status);
}

int cli_write_output(const char *path, const char *text)
{
    if (!path || strcmp(path, "-") == 0) {
        fputs(text, stdout);
        return fflush(stdout) == 0 ? 0 : 3;
    }
    triad_error err;
    if (triad_file_write(path, text, strlen(text), &err) != TRIAD_OK)
        return cli_report_error(&err);
    return 0;
}
