/* What made an output (issue 38: a methods section needs version, commit,
 * command line, spec with every default, the solver's settings, when, how
 * long and on what machine). Kept by the command line, not the library:
 * the library has no argv and no business knowing the machine. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static int run_argc;
static char **run_argv;
static struct timespec run_t0;
static time_t run_started;

void cli_run_begin(int argc, char **argv)
{
    run_argc = argc;
    run_argv = argv;
    run_started = time(NULL);
    clock_gettime(CLOCK_MONOTONIC, &run_t0);
}

/* The provenance object; NULL when out of memory. */
static json_t *provenance(const triad_spec *spec, const cli_solver_settings *set)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    char started[32];
    struct tm tm;
    strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&run_started, &tm));
    struct utsname u;
    int named = uname(&u) == 0;
    json_t *p = json_object(), *cmd = json_array();
    for (int k = 0; k < run_argc; k++)
        json_array_append_new(cmd, json_string(run_argv[k]));
    json_object_set_new(p, "version", json_string(triad_version()));
    json_object_set_new(p, "commit", json_string(triad_build_commit()));
    json_object_set_new(p, "command", cmd);
    json_object_set_new(p, "started", json_string(started));
    json_object_set_new(p, "elapsed_seconds",
                        json_real((double)(now.tv_sec - run_t0.tv_sec) +
                                  (double)(now.tv_nsec - run_t0.tv_nsec) / 1e9));
    json_object_set_new(p, "machine",
                        json_pack("{s:i, s:s, s:s, s:s}", "cores", (int)sysconf(_SC_NPROCESSORS_ONLN),
                                  "os", named ? u.sysname : "", "release", named ? u.release : "",
                                  "arch", named ? u.machine : ""));
    if (set && set->method) {
        json_object_set_new(p, "method", json_string(set->method));
        json_object_set_new(p, "seed", set->seeds ? json_string(set->seeds)
                                                  : json_integer((json_int_t)set->seed));
        if (set->time_limit > 0)
            json_object_set_new(p, "time_limit", json_real(set->time_limit));
        json_object_set_new(p, "threads", json_integer(set->threads));
    }
    if (set && set->spec_unused)
        return p;
    triad_spec *defaults = NULL;
    triad_error err;
    char *ini = NULL;
    if (!spec && triad_spec_new(&defaults, &err) == TRIAD_OK)
        spec = defaults;
    if (spec && triad_spec_ini(spec, &ini, &err) == TRIAD_OK)
        json_object_set_new(p, "spec", json_string(ini));
    triad_string_free(ini);
    triad_spec_free(defaults);
    return p;
}

char *cli_json_add_provenance(const char *json, const triad_spec *spec,
                              const cli_solver_settings *set)
{
    json_error_t e;
    json_t *doc = json_loads(json, 0, &e);
    if (!doc || !json_is_object(doc)) {
        json_decref(doc);
        return NULL;
    }
    json_object_set_new(doc, "provenance", provenance(spec, set));
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
    json_decref(doc);
    return text;
}

char *cli_json_provenance_take(char *text, int json, const triad_spec *spec,
                               const cli_solver_settings *set)
{
    if (!json || !text)
        return text;
    char *with = cli_json_add_provenance(text, spec, set);
    free(text);
    return with;
}

char *cli_provenance_text(const triad_spec *spec, const cli_solver_settings *set)
{
    json_t *p = provenance(spec, set);
    json_t *doc = json_pack("{s:o}", "provenance", p);
    char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(doc);
    return text;
}

/* What the command's outputs were made with, for the sidecars that
 * cli_write_outputs writes beside every CSV; without a context the
 * command read no spec and ran no solver. */
static const triad_spec *context_spec;
static cli_solver_settings context_set = {NULL, 0, 0, 0, NULL, 1};

void cli_provenance_context(const triad_spec *spec, const cli_solver_settings *set)
{
    context_spec = spec;
    if (set)
        context_set = *set;
    else
        context_set = (cli_solver_settings){NULL, 0, 0, 0, NULL, 0};
}

char *cli_provenance_sidecar(void)
{
    return cli_provenance_text(context_spec, &context_set);
}
