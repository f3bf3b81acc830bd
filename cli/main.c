#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: triad COMMAND [OPTIONS]\n"
            "\n"
            "Designs balanced school-improvement collaboratives and the triads inside them.\n"
            "\n"
            "commands:\n"
            "  import   convert a GIAS or Ofsted MI export to the native schools CSV\n"
            "  solve    design a plan (collaboratives, triads, leads) for a schools file\n"
            "  check    score a plan, hand-made or not, against the balance metrics\n"
            "  network  partners met across years of plans; GraphML export\n"
            "  governors  the governor network's triads beside the heads' plan\n"
            "  report   write a self-contained HTML report (map, composition charts)\n"
            "  mdgp     solve a maximally diverse grouping instance (MDGPLIB format)\n"
            "  broker   match schools that need support to schools that offer it (days)\n"
            "  schedule the peer-review cycle: who reviews whom, when, over a school year\n"
            "  impact   did the groups raise outcomes: changes by triad and collaborative\n"
            "  clinic   the termly clinic: red, amber or green for every school, with reasons\n"
            "  pack     a data pack per collaborative for its lead: a page and a workbook\n"
            "  features the feature matrix the objectives score, for R's anticlust and others\n"
            "  compare  grouping strategies or plans side by side: tidy CSV, SVG chart\n"
            "\n"
            "Run 'triad COMMAND --help' for the options of a command.\n"
            "Exit codes: 0 ok, 1 internal, 2 usage, 3 I/O, 4 empty input, 5 malformed CSV,\n"
            "6 invalid value, 7 duplicate URN, 8 unknown school, 9 missing column,\n"
            "10 invalid spec, 11 infeasible, 12 cancelled, 13 out of memory or over a limit,\n"
            "20 check --strict found violations.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    cli_run_begin(argc, argv);
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("triad %s\n", triad_version());
        return 0;
    }
    if (strcmp(cmd, "import") == 0)
        return cmd_import(argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "solve") == 0)
        return cmd_solve(argc - 1, argv + 1);
    if (strcmp(cmd, "network") == 0)
        return cmd_network(argc - 1, argv + 1);
    if (strcmp(cmd, "governors") == 0)
        return cmd_governors(argc - 1, argv + 1);
    if (strcmp(cmd, "report") == 0)
        return cmd_report(argc - 1, argv + 1);
    if (strcmp(cmd, "mdgp") == 0)
        return cmd_mdgp(argc - 1, argv + 1);
    if (strcmp(cmd, "broker") == 0)
        return cmd_broker(argc - 1, argv + 1);
    if (strcmp(cmd, "schedule") == 0)
        return cmd_schedule(argc - 1, argv + 1);
    if (strcmp(cmd, "impact") == 0)
        return cmd_impact(argc - 1, argv + 1);
    if (strcmp(cmd, "clinic") == 0)
        return cmd_clinic(argc - 1, argv + 1);
    if (strcmp(cmd, "pack") == 0)
        return cmd_pack(argc - 1, argv + 1);
    if (strcmp(cmd, "features") == 0)
        return cmd_features(argc - 1, argv + 1);
    if (strcmp(cmd, "compare") == 0)
        return cmd_compare(argc - 1, argv + 1);
    fprintf(stderr, "triad: unknown command '%s'\n", cmd);
    usage(stderr);
    return EXIT_USAGE;
}
