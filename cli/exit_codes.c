#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

static int is_csv(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".csv") == 0;
}

/* Beside every CSV file, OUT.csv.provenance.json (unless the command
 * writes that file itself): what a researcher cites the file with. Added
 * to the batch, so all are written or none. */
static size_t add_sidecars(const char **files, const char **contents, size_t nfiles,
                           char **owned, char **prov)
{
    size_t n = nfiles;
    for (size_t k = 0; k < nfiles && n < 128; k++) {
        if (!is_csv(files[k]))
            continue;
        char *side = malloc(strlen(files[k]) + 17);
        if (!side)
            continue;
        sprintf(side, "%s.provenance.json", files[k]);
        int listed = 0;
        for (size_t q = 0; q < n && !listed; q++)
            listed = strcmp(files[q], side) == 0;
        if (listed || (!*prov && !(*prov = cli_provenance_sidecar()))) {
            free(side);
            continue;
        }
        owned[n] = side;
        files[n] = side;
        contents[n++] = *prov;
    }
    return n;
}

int cli_write_outputs(size_t n, const char *const *paths, const char *const *texts)
{
    const char *files[128], *contents[128], *to_stdout = NULL;
    char *owned[128] = {0}, *prov = NULL;
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
    size_t all = add_sidecars(files, contents, nfiles, owned, &prov);
    triad_error err;
    int rc = all && triad_files_write(all, files, contents, &err) != TRIAD_OK
                 ? cli_report_error(&err)
                 : 0;
    for (size_t k = 0; k < 128; k++)
        free(owned[k]);
    free(prov);
    /* standard output last: it cannot be taken back if a file fails */
    return rc == 0 && to_stdout ? cli_write_stream(stdout, to_stdout) : rc;
}

int cli_write_output(const char *path, const char *text)
{
    if (!path || strcmp(path, "-") == 0)
        return cli_write_stream(stdout, text);
    return cli_write_outputs(1, &path, &text);
}
