/* triad governors: the governor network's triads beside the heads' plan. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: triad governors --schools SCHOOLS.csv --plan PLAN.csv -o GOVERNORS.csv\n"
               "                       [--spec SPEC.ini] [--mirror] [--seed K]\n"
               "                       [--time-limit SECONDS] [--json] [--report PAGE.html]\n"
               "\n"
               "Governor triads for the schools with governors trained in peer review (the\n"
               "schools file's governors_trained, a count or yes/no): groups of three (four\n"
               "where the count needs it), balanced as the spec balances, with no two\n"
               "schools of one of the heads' collaboratives, so governors meet peers from\n"
               "other collaboratives. --mirror: each heads' triad's trained schools form\n"
               "the governor triad instead. Writes a plan CSV of its own whose groups are\n"
               "the governor triads (gov-01, ...), and prints each triad with the heads'\n"
               "collaboratives it draws on. --report: the planner page of the governor\n"
               "triads, scored as the network is planned (groups of three or four, no lead\n"
               "rule; schools without governors trained listed as sitting out).\n");
}

/* Each governor triad with its schools and their heads' collaboratives. */
static char *summary(const triad_schools *s, const triad_plan *heads, const triad_plan *gov,
                     int json)
{
    size_t n = triad_schools_count(s), g = triad_plan_collaborative_count(gov), planned = 0;
    json_t *root = json_object(), *groups = json_array();
    for (size_t c = 0; c < g; c++) {
        json_t *jg = json_object(), *urns = json_array(), *cols = json_array();
        for (size_t i = 0; i < n; i++) {
            if (triad_plan_collaborative_of(gov, i) != (long)c)
                continue;
            planned++;
            json_array_append_new(urns, json_string(triad_schools_urn(s, i)));
            long h = triad_plan_collaborative_of(heads, i);
            json_array_append_new(cols, json_string(h >= 0 ? triad_plan_collaborative_label(
                                                                 heads, (size_t)h)
                                                           : ""));
        }
        json_object_set_new(jg, "label", json_string(triad_plan_collaborative_label(gov, c)));
        json_object_set_new(jg, "schools", urns);
        json_object_set_new(jg, "collaboratives", cols);
        json_array_append_new(groups, jg);
    }
    json_object_set_new(root, "schools", json_integer((json_int_t)planned));
    json_object_set_new(root, "governor_triads", groups);
    json_object_set_new(root, "solver_log", json_string(triad_plan_solver_log(gov)));
    char *out = NULL;
    if (json) {
        char *t = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (t && (out = malloc(strlen(t) + 2)))
            sprintf(out, "%s\n", t);
        free(t);
    } else {
        size_t cap = 256 + 200 * (g + 1), len = 0;
        out = malloc(cap);
        if (out)
            len += (size_t)snprintf(out, cap, "Governor network: %zu schools in %zu governor "
                                              "triads\n",
                                    planned, g);
        for (size_t c = 0; out && c < g; c++) {
            json_t *jg = json_array_get(groups, c);
            len += (size_t)snprintf(out + len, cap - len, "  %s:",
                                    json_string_value(json_object_get(jg, "label")));
            size_t k;
            json_t *u;
            json_array_foreach(json_object_get(jg, "schools"), k, u)
                len += (size_t)snprintf(
                    out + len, cap - len, " %s (%s)", json_string_value(u),
                    json_string_value(json_array_get(json_object_get(jg, "collaboratives"), k)));
            len += (size_t)snprintf(out + len, cap - len, "\n");
        }
    }
    json_decref(root);
    return out;
}

typedef struct gov_args {
    const char *schools_path, *plan_path, *out, *spec_path, *page;
    triad_governor_options go;
    int json;
} gov_args;

/* The options into *a: -1 to go on, else the exit code (0 after --help). */
static int parse_args(int argc, char **argv, gov_args *a)
{
    static const struct option longopts[] = {
        {"schools", required_argument, 0, 's'}, {"plan", required_argument, 0, 'p'},
        {"output", required_argument, 0, 'o'},  {"spec", required_argument, 0, 'c'},
        {"mirror", no_argument, 0, 'm'},        {"seed", required_argument, 0, 'S'},
        {"time-limit", required_argument, 0, 't'}, {"json", no_argument, 0, 'j'},
        {"help", no_argument, 0, 'h'},          {"report", required_argument, 0, 'R'},
        {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:p:o:c:mS:t:jh", longopts, NULL)) != -1) {
        switch (c) {
        case 's': a->schools_path = cli_input(optarg); break;
        case 'p': a->plan_path = cli_input(optarg); break;
        case 'o': a->out = optarg; break;
        case 'c': a->spec_path = cli_input(optarg); break;
        case 'm': a->go.mirror = 1; break;
        case 'S':
            if (!cli_parse_u64(optarg, &a->go.seed)) {
                fprintf(stderr, "triad governors: --seed needs a whole number\n");
                return EXIT_USAGE;
            }
            break;
        case 't':
            if (!cli_parse_seconds(optarg, CLI_MAX_SECONDS, &a->go.time_limit)) {
                fprintf(stderr, "triad governors: --time-limit needs seconds, more than 0\n");
                return EXIT_USAGE;
            }
            break;
        case 'j': a->json = 1; break;
        case 'R': a->page = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!a->schools_path || !a->plan_path || !a->out || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    return -1;
}

int cmd_governors(int argc, char **argv)
{
    gov_args a = {0};
    triad_governor_options_init(&a.go);
    int prc = parse_args(argc, argv, &a);
    if (prc >= 0)
        return prc;
    const char *schools_path = a.schools_path, *plan_path = a.plan_path, *out = a.out,
               *spec_path = a.spec_path, *page = a.page;
    triad_governor_options go = a.go;
    int json = a.json;
    const char *inputs[] = {schools_path, plan_path, spec_path};
    const char *outputs[] = {out, page};
    int rc = cli_guard_outputs("governors", inputs, spec_path ? 3 : 2, outputs, page ? 2 : 1);
    if (rc)
        return rc;
    triad_error err;
    triad_schools *s = NULL;
    triad_spec *spec = NULL;
    triad_plan *heads = NULL, *gov = NULL;
    triad_report *rep = NULL;
    char *csv = NULL, *text = NULL, *html = NULL;
    if ((spec_path && triad_spec_read(spec_path, &spec, &err) != TRIAD_OK) ||
        triad_schools_read(schools_path, NULL, &s, &err) != TRIAD_OK ||
        triad_plan_read(plan_path, s, &heads, &err) != TRIAD_OK ||
        triad_governors_solve(s, heads, spec, &go, &gov, &err) != TRIAD_OK ||
        triad_plan_csv(gov, s, &csv, &err) != TRIAD_OK ||
        (page && (triad_governors_check(s, heads, spec, gov, go.mirror, &rep, &err) != TRIAD_OK ||
                  triad_report_html(rep, s, gov, &html, &err) != TRIAD_OK))) {
        rc = cli_report_error(&err);
        goto done;
    }
    for (const char *l = triad_plan_solver_log(gov); (l = strstr(l, "warning: ")) != NULL; l++) {
        const char *e = strchr(l, '\n');
        fprintf(stderr, "triad governors: %.*s\n", (int)(e ? e - l : (long)strlen(l)), l);
    }
    const char *texts[] = {csv, html};
    cli_provenance_context(spec, &(cli_solver_settings){go.mirror ? "governors-mirror"
                                                                  : "governors",
                                                        go.seed, go.time_limit, 1, NULL, 0});
    if (!(text = summary(s, heads, gov, json)))
        rc = cli_exit_code(TRIAD_ERR_NOMEM);
    else if ((rc = cli_write_outputs(page ? 2 : 1, outputs, texts)) == 0)
        rc = cli_write_stream(cli_to_stdout(outputs, page ? 2 : 1) ? stderr : stdout, text);
done:
    free(text);
    triad_string_free(html);
    triad_report_free(rep);
    triad_string_free(csv);
    triad_plan_free(gov);
    triad_plan_free(heads);
    triad_spec_free(spec);
    triad_schools_free(s);
    return rc;
}
