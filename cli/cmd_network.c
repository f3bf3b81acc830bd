#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: triad network --schools SCHOOLS.csv --plans PLAN1.csv [PLAN2.csv ...]\n"
               "                     [--json] [--graphml OUT.graphml]\n"
               "                     [--memberships MEMBERSHIPS.csv]\n"
               "\n"
               "The partnership network across years of plans (oldest first): per school\n"
               "the number of distinct triad partners met, isolated schools, components,\n"
               "and per collaborative of the last plan how many years until every pair has\n"
               "met. --graphml writes the network for Gephi and similar tools.\n"
               "--memberships: the partnerships schools belong to as layers beside the\n"
               "triads (an edge's 'layer' in the GraphML: triad, or the partnership's kind),\n"
               "and the schools isolated in every layer counted by area.\n");
}

/* The schools, each plan and the memberships (mem_path may be NULL). */
static triad_status read_inputs(const char *schools_path, const char *const *plan_paths,
                                size_t nplans, const char *mem_path, triad_schools **s,
                                triad_plan **plans, triad_memberships **mem, triad_error *err)
{
    triad_status st = triad_schools_read(schools_path, NULL, s, err);
    for (size_t q = 0; q < nplans && st == TRIAD_OK; q++)
        st = triad_plan_read(plan_paths[q], *s, &plans[q], err);
    if (st == TRIAD_OK && mem_path)
        st = triad_memberships_read(mem_path, *s, mem, err);
    return st;
}

int cmd_network(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"schools", required_argument, 0, 's'}, {"plans", required_argument, 0, 'p'},
        {"json", no_argument, 0, 'j'},          {"graphml", required_argument, 0, 'g'},
        {"help", no_argument, 0, 'h'},          {"memberships", required_argument, 0, 'M'},
        {0, 0, 0, 0}};
    const char *schools_path = NULL, *graphml = NULL, *first_plan = NULL, *mem_path = NULL;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:p:jg:h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': schools_path = cli_input(optarg); break;
        case 'p': first_plan = cli_input(optarg); break;
        case 'j': json = 1; break;
        case 'g': graphml = optarg; break;
        case 'M': mem_path = cli_input(optarg); break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    size_t nplans = (first_plan ? 1 : 0) + (size_t)(argc - optind);
    if (!schools_path || nplans == 0) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char **inputs = malloc((nplans + 2) * sizeof *inputs);
    if (!inputs)
        return 13;
    inputs[0] = schools_path;
    for (size_t q = 0; q < nplans; q++)
        inputs[q + 1] = cli_input(first_plan ? (q == 0 ? first_plan : argv[optind + (int)q - 1])
                                             : argv[optind + (int)q]);
    inputs[nplans + 1] = mem_path;
    int guard = cli_guard_outputs("network", inputs, nplans + 1 + (mem_path != NULL), &graphml, 1);
    if (guard) {
        free(inputs);
        return guard;
    }
    triad_error err;
    triad_schools *s = NULL;
    triad_plan **plans = calloc(nplans, sizeof *plans);
    triad_network *net = NULL;
    triad_memberships *mem = NULL;
    char *text = NULL, *graph = NULL;
    int rc = 0;
    if (!plans) {
        free(inputs);
        return 13;
    }
    if (read_inputs(schools_path, inputs + 1, nplans, mem_path, &s, plans, &mem, &err) !=
        TRIAD_OK) {
        rc = cli_report_error(&err);
        goto done;
    }
    if (triad_network_build(s, (const triad_plan *const *)plans, nplans, &net, &err) != TRIAD_OK ||
        (mem && triad_network_add_memberships(net, mem, &err) != TRIAD_OK) ||
        (graphml && triad_network_graphml(net, &graph, &err) != TRIAD_OK) ||
        triad_network_format(net, json, &text, &err) != TRIAD_OK)
        rc = cli_report_error(&err);
    else if (!graphml || (rc = cli_write_output(graphml, graph)) == 0)
        rc = cli_write_stream(cli_to_stdout(&graphml, 1) ? stderr : stdout, text);
done:
    triad_string_free(graph);
    triad_string_free(text);
    triad_network_free(net);
    triad_memberships_free(mem);
    for (size_t q = 0; q < nplans; q++)
        triad_plan_free(plans[q]);
    free(plans);
    free(inputs);
    triad_schools_free(s);
    return rc;
}
