/* Argument checks shared by the commands: numbers are read strictly (no
 * blanks, signs where none belong, hex, "inf" or values out of range), and
 * no output may overwrite an input. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

int cli_parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s)
        return 0;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p))
            return 0;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno == ERANGE || *end)
        return 0;
    *out = (uint64_t)v;
    return 1;
}

int cli_parse_long(const char *s, long lo, long hi, long *out)
{
    if (!s || !*s)
        return 0;
    const char *p = s;
    if (*p == '-')
        p++;
    if (!*p)
        return 0;
    for (; *p; p++)
        if (!isdigit((unsigned char)*p))
            return 0;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno == ERANGE || *end || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

int cli_parse_seconds(const char *s, double hi, double *out)
{
    if (!s || !*s)
        return 0;
    /* plain decimal only: digits, one point, an optional exponent */
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p) && *p != '.' && *p != 'e' && *p != 'E' && *p != '-' &&
            *p != '+')
            return 0;
    if (!isdigit((unsigned char)s[0]) && s[0] != '.')
        return 0;
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (errno == ERANGE || *end || !isfinite(v) || !(v > 0) || v > hi)
        return 0;
    *out = v;
    return 1;
}

/* Same file: same device and inode, whatever the path says (hard links,
 * symbolic links, "./x" against "x"). Only regular files are compared:
 * /dev/stdout as both input and output is the user's business. */
static int same_file(const struct stat *a, const struct stat *b)
{
    return S_ISREG(a->st_mode) && S_ISREG(b->st_mode) && a->st_dev == b->st_dev &&
           a->st_ino == b->st_ino;
}

/* Two names of one file that does not exist yet ("x.csv", "./x.csv",
 * "dir/../x.csv"): the same folder, resolved, and the same last component. */
static int same_new_file(const char *a, const char *b)
{
    char *dir[2] = {NULL, NULL};
    const char *base[2];
    const char *path[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        const char *slash = strrchr(path[k], '/');
        base[k] = slash ? slash + 1 : path[k];
        size_t len = slash ? (size_t)(slash - path[k]) : 0;
        char *d = malloc(len + 2);
        if (!d)
            break;
        if (!slash)
            strcpy(d, ".");
        else if (len == 0)
            strcpy(d, "/");
        else {
            memcpy(d, path[k], len);
            d[len] = '\0';
        }
        dir[k] = realpath(d, NULL);
        free(d);
    }
    int same = dir[0] && dir[1] && strcmp(dir[0], dir[1]) == 0 && strcmp(base[0], base[1]) == 0;
    free(dir[0]);
    free(dir[1]);
    return same;
}

const char *cli_input(const char *arg)
{
    /* every reader opens a path, and /dev/stdin is one for a pipe or a file */
    return arg && strcmp(arg, "-") == 0 ? CLI_STDIN : arg;
}

int cli_to_stdout(const char *const *outputs, size_t n)
{
    for (size_t o = 0; o < n; o++)
        if (outputs[o] && strcmp(outputs[o], "-") == 0)
            return 1;
    return 0;
}

int cli_guard_outputs(const char *cmd, const char *const *inputs, size_t nin,
                      const char *const *outputs, size_t nout)
{
    size_t from_stdin = 0, to_stdout = 0;
    for (size_t i = 0; i < nin; i++)
        from_stdin += inputs[i] && strcmp(inputs[i], CLI_STDIN) == 0;
    for (size_t o = 0; o < nout; o++)
        to_stdout += outputs[o] && strcmp(outputs[o], "-") == 0;
    if (from_stdin > 1) {
        fprintf(stderr,
                "triad %s: %zu inputs are '-', but standard input can be read once; "
                "give the others as files\n",
                cmd, from_stdin);
        return EXIT_USAGE;
    }
    if (to_stdout > 1) {
        fprintf(stderr,
                "triad %s: %zu outputs are '-' (standard output); give the others as "
                "files\n",
                cmd, to_stdout);
        return EXIT_USAGE;
    }
    for (size_t o = 0; o < nout; o++) {
        if (!outputs[o] || strcmp(outputs[o], "-") == 0)
            continue;
        struct stat so;
        int exists = stat(outputs[o], &so) == 0;
        for (size_t i = 0; i < nin && exists; i++) {
            struct stat si;
            if (inputs[i] && stat(inputs[i], &si) == 0 && same_file(&so, &si)) {
                fprintf(stderr,
                        "triad %s: refusing to write %s: it is the input %s (the same file); "
                        "choose another output name\n",
                        cmd, outputs[o], inputs[i]);
                return EXIT_USAGE;
            }
        }
        for (size_t p = 0; p < o; p++) {
            struct stat sp;
            if (!outputs[p])
                continue;
            if (strcmp(outputs[p], outputs[o]) == 0 || same_new_file(outputs[p], outputs[o]) ||
                (exists && stat(outputs[p], &sp) == 0 && same_file(&so, &sp))) {
                fprintf(stderr, "triad %s: two outputs name the same file %s\n", cmd,
                        outputs[o]);
                return EXIT_USAGE;
            }
        }
    }
    return 0;
}

int cli_term_ok(const char *t)
{
    if (!*t || strlen(t) > 40)
        return 0;
    for (; *t; t++)
        if (!isalnum((unsigned char)*t) && *t != '-' && *t != '_')
            return 0;
    return 1;
}
