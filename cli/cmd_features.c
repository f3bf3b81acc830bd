#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: triad features --schools SCHOOLS.csv [--spec SPEC.ini] -o FEATURES.csv\n"
               "\n"
               "Writes the feature matrix the objectives of triad compare score (diversity,\n"
               "variance, kplus): urn, then each numeric attribute as a z-score (sample\n"
               "standard deviation; a missing value is the mean, 0) and each category of\n"
               "each categorical attribute as a 0/1 column NAME=CATEGORY, in the spec's order\n"
               "of attributes. Give it to R's anticlust (or any method) so that it groups on\n"
               "exactly what libtriad scores; score its urn,group result with\n"
               "triad compare --plans.\n");
}

int cmd_features(int argc, char **argv)
{
    static const struct option longopts[] = {{"schools", required_argument, 0, 's'},
                                             {"spec", required_argument, 0, 'c'},
                                             {"output", required_argument, 0, 'o'},
                                             {"help", no_argument, 0, 'h'},
                                             {0, 0, 0, 0}};
    const char *schools = NULL, *spec_path = NULL, *out = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:c:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': schools = cli_input(optarg); break;
        case 'c': spec_path = cli_input(optarg); break;
        case 'o': out = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!schools || !out || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *inputs[] = {schools, spec_path};
    if (cli_guard_outputs("features", inputs, 2, &out, 1))
        return EXIT_USAGE;
    triad_error err;
    triad_schools *s = NULL;
    triad_spec *spec = NULL;
    char *csv = NULL;
    int rc = triad_schools_read(schools, NULL, &s, &err) == TRIAD_OK &&
                     (!spec_path || triad_spec_read(spec_path, &spec, &err) == TRIAD_OK) &&
                     triad_features_csv(s, spec, &csv, &err) == TRIAD_OK
                 ? (cli_provenance_context(spec, NULL), cli_write_output(out, csv))
                 : cli_report_error(&err);
    if (rc == 0)
        fprintf(cli_to_stdout(&out, 1) ? stderr : stdout, "Features: %zu schools written to %s\n",
                triad_schools_count(s), out);
    triad_string_free(csv);
    triad_spec_free(spec);
    triad_schools_free(s);
    return rc;
}
