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
    if (err->status == TRIAD_ERR_CANCELLED && cli_interrupted()) {
        fprintf(stderr, "triad: cancelled: interrupted, nothing written\n");
        return cli_exit_code(err->status);
    }
    /* where: most messages name their file:line:column; the others get
     * them from the error's fields, so that every one names its place */
    char where[300] = "";
    size_t flen = strlen(err->file);
    if (flen && !strstr(err->message, err->file)) {
        if (err->line > 0 && err->column > 0)
            snprintf(where, sizeof where, "%s:%ld:%ld: ", err->file, err->line, err->column);
        else if (err->line > 0)
            snprintf(where, sizeof where, "%s:%ld: ", err->file, err->line);
        else
            snprintf(where, sizeof where, "%s: ", err->file);
    }
    fprintf(stderr, "triad: %s: %s%s\n", triad_status_string(err->status), where, err->message);
    return cli_exit_code(err->status);
}

int cli_write_stream(FILE *f, const char *text)
{
    if (fputs(text, f) < 0 || fflush(f) != 0) {
        fprintf(stderr, "triad: input/output error: cannot write %s\n",
                f == stdout ? "standard output" : "standard error");
        return 3;
    }
    return 0;
}

int cli_write_outputs(size_t n, const char *const *paths, const char *const *texts)
{
    const char *files[64], *contents[64], *to_stdout = NULL;
    size_t nfiles = 0;
    if (n > 64)
        return 1;
    for (size_t k = 0; k < n; k++) {
        if (!paths[k])
            continue;
        if (strcmp(paths[k], "-") == 0) {
            to_stdout = texts[k];
            continue;
        }
        files[nfiles] = paths[k];
        contents[nfiles++] = texts[k];
    }
    triad_error err;
    if (nfiles && triad_files_write(nfiles, files, contents, &err) != TRIAD_OK)
        return cli_report_error(&err);
    /* standard output last: it cannot be taken back if a file fails */
    return to_stdout ? cli_write_stream(stdout, to_stdout) : 0;
}

int cli_write_output(const char *path, const char *text)
{
    if (!path || strcmp(path, "-") == 0)
        return cli_write_stream(stdout, text);
    triad_error err;
    if (triad_file_write(path, text, strlen(text), &err) != TRIAD_OK)
        return cli_report_error(&err);
    return 0;
}
