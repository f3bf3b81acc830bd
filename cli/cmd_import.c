#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: triad import FILE -o SCHOOLS.csv [--format auto|native|gias|ofsted]\n"
               "                    [--keep-closed] [--all-through split|keep]\n"
               "\n"
               "Reads a GIAS download, Ofsted management-information data or a native schools\n"
               "CSV (columns matched by name; UTF-8 with or without BOM, or Windows-1252) and\n"
               "writes the native schools CSV. The output is written whole or not at all.\n"
               "--all-through split: each all-through school takes a primary place (URN-P)\n"
               "and a secondary one (URN-S) with one head (the head column), so it joins a\n"
               "collaborative of each phase and its head leads at most one; pupils are split\n"
               "by the statutory age range on each side of 11.\n");
}

/* What was read and written, by phase, and every column missing. */
static void say_imported(const triad_schools *s, const char *in, const char *out, size_t read,
                         int split, size_t nsplit, const size_t *counts)
{
    static const char *const fmt_name[] = {"auto", "native", "GIAS", "Ofsted MI"};
    size_t n = triad_schools_count(s);
    fprintf(stderr, "triad import: %zu school%s read as %s from %s; written to %s\n", read,
            read == 1 ? "" : "s", fmt_name[triad_schools_format(s)], in,
            cli_to_stdout(&out, 1) ? "standard output" : out);
    if (split)
        fprintf(stderr, "triad import: %zu all-through school%s split into primary and "
                        "secondary places: %zu places\n",
                nsplit, nsplit == 1 ? "" : "s", n);
    for (int p = 0; p < TRIAD_PHASE_COUNT; p++)
        if (counts[p])
            fprintf(stderr, "  %-12s %zu\n", triad_phase_name((triad_phase)p), counts[p]);
    /* never silent about a column that is not there */
    for (size_t k = 0; k < triad_schools_gap_count(s); k++)
        fprintf(stderr, "triad import: warning: %s\n", triad_schools_gap(s, k));
}

int cmd_import(int argc, char **argv)
{
    static const struct option longopts[] = {{"output", required_argument, 0, 'o'},
                                             {"format", required_argument, 0, 'f'},
                                             {"keep-closed", no_argument, 0, 'k'},
                                             {"all-through", required_argument, 0, 'a'},
                                             {"help", no_argument, 0, 'h'},
                                             {0, 0, 0, 0}};
    triad_read_options ro;
    triad_read_options_init(&ro);
    const char *out = NULL;
    int c, split = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:f:kh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'k': ro.keep_closed = 1; break;
        case 'a':
            if (strcmp(optarg, "split") != 0 && strcmp(optarg, "keep") != 0) {
                fprintf(stderr, "triad import: --all-through is split or keep, not '%s'\n",
                        optarg);
                return EXIT_USAGE;
            }
            split = optarg[0] == 's';
            break;
        case 'f':
            if (strcmp(optarg, "auto") == 0) ro.format = TRIAD_FORMAT_AUTO;
            else if (strcmp(optarg, "native") == 0) ro.format = TRIAD_FORMAT_NATIVE;
            else if (strcmp(optarg, "gias") == 0) ro.format = TRIAD_FORMAT_GIAS;
            else if (strcmp(optarg, "ofsted") == 0) ro.format = TRIAD_FORMAT_OFSTED;
            else {
                fprintf(stderr, "triad import: unknown format '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc - 1 || !out) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *in = cli_input(argv[optind]);
    int guard = cli_guard_outputs("import", &in, 1, &out, 1);
    if (guard)
        return guard;
    triad_error err;
    triad_schools *s = NULL;
    if (triad_schools_read(in, &ro, &s, &err) != TRIAD_OK)
        return cli_report_error(&err);
    size_t read = triad_schools_count(s), nsplit = 0;
    if (split) {
        triad_schools *both = NULL;
        if (triad_schools_split_all_through(s, &both, &nsplit, &err) != TRIAD_OK) {
            triad_schools_free(s);
            return cli_report_error(&err);
        }
        triad_schools_free(s);
        s = both;
    }
    size_t counts[TRIAD_PHASE_COUNT] = {0};
    size_t n = triad_schools_count(s);
    for (size_t i = 0; i < n; i++)
        counts[triad_schools_phase(s, i)]++;
    char *text = NULL;
    int rc = triad_schools_csv(s, &text, &err) == TRIAD_OK ? cli_write_output(out, text)
                                                           : cli_report_error(&err);
    triad_string_free(text);
    if (rc == 0)
        say_imported(s, in, out, read, split, nsplit, counts);
    triad_schools_free(s);
    return rc;
}
