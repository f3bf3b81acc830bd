/* triad compare: grouping strategies (or plans made elsewhere) scored with
 * the same metrics, as a tidy CSV and a small SVG chart. The way to
 * benchmark grouping strategies: every run uses the public API only. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: triad compare --schools SCHOOLS.csv [--spec SPEC.ini] -o RESULTS.csv\n"
            "                     [--methods search,ilp,random,deal,geo] [--seeds 1-10]\n"
            "                     [--plans A.csv B.csv ...] [--svg CHART.svg]\n"
            "                     [--time-limit SECONDS] [--threads T] [--quiet] [--shard K/N]\n"
            "\n"
            "Runs each method with each seed (or scores each plan given with --plans, made\n"
            "by hand or by another tool) and writes one row per run and metric:\n"
            "method,seed,metric,value,seconds. Metrics: collaboratives,\n"
            "collaboratives_within_one, share_within_one, max_deviation, violations,\n"
            "diversity, variance, kplus (the anticlustering objectives, as R's anticlust\n"
            "reports them); for a solved run also time_limited (1 when the limit cut a\n"
            "search short of proof), proved (1 when every stratum is proved optimal) and\n"
            "gap (the largest proved gap). --svg draws the share within one and the\n"
            "seconds per method.\n"
            "--shard K/N: only every Nth run (method by seed), from the Kth: the CSVs of\n"
            "shards 1/N..N/N, concatenated without their headers, are the whole run.\n"
            "--seeds takes seeds and ranges: 1-10, 1,5,9 or 1-3,7. Every method is checked\n"
            "before the first runs. With --plans, the methods run too when --methods is\n"
            "given; a plan's rows are named by its file name without folder and .csv.\n"
            "A plan may be anticlust's urn,group; one that names no lead is not scored\n"
            "against the lead rule.\n"
            "Beside RESULTS.csv, RESULTS.csv.provenance.json records version, commit,\n"
            "command, spec with every default, settings, time and machine.\n");
}

typedef struct run {
    char method[128];
    long seed; /* -1 for a plan from a file */
    double share, seconds;
} run;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* How a solved run stopped, as metrics: time_limited (1 when the limit cut
 * a stratum's search while a gap remained), proved (1 when every stratum
 * is proved optimal) and gap (the largest proved gap; left out when no
 * stratum has one). None for a plan read from a file. */
static void stop_rows(const triad_plan *p, const char *method, const char *seed_text,
                      double seconds, FILE *csv)
{
    size_t n = triad_plan_stratum_count(p);
    int cut = 0, proved = n > 0;
    double gap = -1;
    for (size_t k = 0; k < n; k++) {
        triad_stratum_result sr;
        triad_error err;
        if (triad_plan_stratum_result(p, k, &sr, &err) != TRIAD_OK)
            continue;
        cut |= strcmp(sr.status, "time limit") == 0;
        proved &= strcmp(sr.status, "optimal") == 0;
        if (!isnan(sr.gap) && sr.gap > gap)
            gap = sr.gap;
    }
    if (n == 0)
        return;
    fprintf(csv, "%s,%s,time_limited,%d,%.4f\n%s,%s,proved,%d,%.4f\n", method, seed_text, cut,
            seconds, method, seed_text, proved, seconds);
    if (gap >= 0)
        fprintf(csv, "%s,%s,gap,%.10g,%.4f\n", method, seed_text, gap, seconds);
}

/* Appends one run's metrics to the CSV text; returns 0 on error (reported). */
static int score(const triad_schools *s, const triad_spec *spec, const triad_plan *p,
                 const char *method, long seed, double seconds, FILE *csv, run *r)
{
    triad_error err;
    triad_report *rep = NULL;
    triad_objectives obj;
    if (triad_check(s, spec, p, &rep, &err) != TRIAD_OK ||
        triad_objectives_compute(s, spec, p, &obj, &err) != TRIAD_OK) {
        triad_report_free(rep);
        cli_report_error(&err);
        return 0;
    }
    size_t ng = triad_report_group_count(rep, TRIAD_LEVEL_COLLABORATIVE), within = 0;
    for (size_t g = 0; g < ng; g++)
        within += (size_t)triad_report_group_within_one(rep, TRIAD_LEVEL_COLLABORATIVE, g);
    struct {
        const char *name;
        double v;
    } m[] = {{"collaboratives", (double)ng},
             {"collaboratives_within_one", (double)within},
             {"share_within_one", ng ? (double)within / (double)ng : 0},
             {"max_deviation", triad_report_max_deviation(rep)},
             {"violations", (double)triad_report_violations(rep)},
             {"diversity", obj.diversity},
             {"variance", obj.variance},
             {"kplus", obj.kplus}};
    char seed_text[24] = "";
    if (seed >= 0)
        snprintf(seed_text, sizeof seed_text, "%ld", seed);
    for (size_t k = 0; k < sizeof m / sizeof m[0]; k++)
        fprintf(csv, "%s,%s,%s,%.10g,%.4f\n", method, seed_text, m[k].name, m[k].v, seconds);
    stop_rows(p, method, seed_text, seconds, csv);
    snprintf(r->method, sizeof r->method, "%s", method);
    r->seed = seed;
    r->share = ng ? (double)within / (double)ng : 0;
    r->seconds = seconds;
    triad_report_free(rep);
    return 1;
}

/* Two bar charts: mean share within one, mean seconds, per method. */
static char *chart(const run *runs, size_t n)
{
    char names[16][128];
    double share[16] = {0}, secs[16] = {0}, lo[16], hi[16];
    int cnt[16] = {0};
    size_t nm = 0;
    for (size_t k = 0; k < n; k++) {
        size_t q = 0;
        while (q < nm && strcmp(names[q], runs[k].method) != 0)
            q++;
        if (q == nm) {
            if (nm == 16)
                continue;
            snprintf(names[nm++], sizeof names[0], "%s", runs[k].method);
            lo[q] = hi[q] = runs[k].share;
        }
        lo[q] = runs[k].share < lo[q] ? runs[k].share : lo[q];
        hi[q] = runs[k].share > hi[q] ? runs[k].share : hi[q];
        share[q] += runs[k].share;
        secs[q] += runs[k].seconds;
        cnt[q]++;
    }
    double maxs = 1e-9;
    for (size_t q = 0; q < nm; q++) {
        share[q] /= cnt[q];
        secs[q] /= cnt[q];
        if (secs[q] > maxs)
            maxs = secs[q];
    }
    size_t cap = 4096 + nm * 1024, len = 0;
    char *svg = malloc(cap);
    if (!svg)
        return NULL;
    double h = 60 + 28.0 * (double)nm;
    len += (size_t)snprintf(svg + len, cap - len,
                            "<svg xmlns='http://www.w3.org/2000/svg' width='760' height='%.0f' "
                            "font-family='sans-serif' font-size='12'>\n"
                            "<text x='10' y='20' font-weight='bold'>share of collaboratives "
                            "within one (mean; line: lowest to highest run)</text>\n<text "
                            "x='420' y='20' font-weight='bold'>seconds (mean)</text>\n",
                            h);
    for (size_t q = 0; q < nm; q++) {
        double y = 40 + 28.0 * (double)q;
        /* method names come from our list or file names: keep XML-safe */
        char safe[128];
        size_t j = 0;
        for (const char *c = names[q]; *c && j + 1 < sizeof safe; c++)
            safe[j++] = strchr("<>&'\"", *c) ? '_' : *c;
        safe[j] = '\0';
        len += (size_t)snprintf(svg + len, cap - len,
                                "<text x='10' y='%.0f'>%s</text>"
                                "<rect x='110' y='%.0f' width='%.1f' height='18' fill='#1b9e77'/>"
                                "<line x1='%.1f' x2='%.1f' y1='%.0f' y2='%.0f' stroke='#333'/>"
                                "<text x='%.1f' y='%.0f'>%.2f (n=%d)</text>"
                                "<rect x='420' y='%.0f' width='%.1f' height='18' fill='#7570b3'/>"
                                "<text x='%.1f' y='%.0f'>%.3f</text>\n",
                                y + 13, safe, y, 250 * share[q], 110 + 250 * lo[q],
                                110 + 250 * hi[q], y + 9, y + 9, 115 + 250 * hi[q], y + 13,
                                share[q], cnt[q], y, 250 * secs[q] / maxs,
                                425 + 250 * secs[q] / maxs, y + 13, secs[q]);
    }
    snprintf(svg + len, cap - len, "</svg>\n");
    return svg;
}

/* Ctrl-C stops the running solve (exit 12, nothing written). */
static int cancel_on_interrupt(double seconds, double objective, void *user)
{
    (void)seconds;
    (void)objective;
    (void)user;
    return cli_interrupted();
}

/* What the command line asked for. */
#define MAX_SEEDS 1000
#define MAX_METHODS 8

typedef struct compare_args {
    const char *schools_path, *spec_path, *out, *svg_path, *methods, *seeds, *first_plan;
    double time_limit;
    long threads, shard, nshards; /* run k (method by seed) is this shard's when k % nshards + 1 == shard */
    int quiet, methods_given;
    long seed[MAX_SEEDS];
    size_t nseeds;
    triad_method method[MAX_METHODS];
    char method_name[MAX_METHODS][16];
    size_t nmethods;
} compare_args;

/* "1-5", "1,5,9" or "1-3,7" into a->seed (at most MAX_SEEDS): 1 when valid. */
static int parse_seeds(const char *seeds, compare_args *a)
{
    char list[512];
    if (snprintf(list, sizeof list, "%s", seeds) >= (int)sizeof list)
        return 0;
    a->nseeds = 0;
    for (char *cur = list, *item; (item = strsep(&cur, ",")) != NULL;) {
        long s0, s1;
        char *dash = strchr(item, '-');
        if (dash)
            *dash = '\0';
        if (!cli_parse_long(item, 0, 1000000, &s0) ||
            (dash ? !cli_parse_long(dash + 1, 0, 1000000, &s1) : (s1 = s0, 0)) || s1 < s0 ||
            a->nseeds + (size_t)(s1 - s0) + 1 > MAX_SEEDS)
            return 0;
        for (long s = s0; s <= s1; s++)
            a->seed[a->nseeds++] = s;
    }
    return a->nseeds > 0;
}

/* The methods of the list, each known, into a->method: 1, else 0 with the
 * reason on stderr before anything runs. */
static int parse_methods(compare_args *a)
{
    char list[512];
    snprintf(list, sizeof list, "%s", a->methods);
    a->nmethods = 0;
    for (char *cur = list, *name; (name = strsep(&cur, ",")) != NULL;) {
        if (a->nmethods == MAX_METHODS ||
            triad_method_from_name(name, &a->method[a->nmethods]) != TRIAD_OK) {
            fprintf(stderr,
                    "triad compare: unknown method '%s' (auto, search, ilp, random, deal, geo; "
                    "at most %d)\n",
                    name, MAX_METHODS);
            return 0;
        }
        snprintf(a->method_name[a->nmethods++], sizeof a->method_name[0], "%s", name);
    }
    return 1;
}

/* The options into *a: -1 to go on, else the exit code (0 after --help). */
static int parse_args(int argc, char **argv, compare_args *a)
{
    static const struct option longopts[] = {
        {"schools", required_argument, 0, 's'}, {"spec", required_argument, 0, 'c'},
        {"output", required_argument, 0, 'o'},  {"methods", required_argument, 0, 'm'},
        {"seeds", required_argument, 0, 'S'},   {"plans", required_argument, 0, 'p'},
        {"svg", required_argument, 0, 'g'},     {"time-limit", required_argument, 0, 't'},
        {"threads", required_argument, 0, 'T'}, {"quiet", no_argument, 0, 'q'},
        {"shard", required_argument, 0, 'K'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    int c;
    a->methods = "search,random,deal,geo";
    a->seeds = "1-5";
    a->time_limit = 30;
    a->threads = 1;
    optind = 1;
    a->shard = a->nshards = 1;
    while ((c = getopt_long(argc, argv, "s:c:o:m:S:p:g:t:T:K:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 's': a->schools_path = cli_input(optarg); break;
        case 'c': a->spec_path = cli_input(optarg); break;
        case 'o': a->out = optarg; break;
        case 'm':
            a->methods = optarg;
            a->methods_given = 1;
            break;
        case 'q': a->quiet = 1; break;
        case 'K': {
            char k[24], *slash = strchr(optarg, '/');
            if (slash && (size_t)(slash - optarg) < sizeof k)
                snprintf(k, sizeof k, "%.*s", (int)(slash - optarg), optarg);
            if (!slash || (size_t)(slash - optarg) >= sizeof k ||
                !cli_parse_long(slash + 1, 1, 100000, &a->nshards) ||
                !cli_parse_long(k, 1, a->nshards, &a->shard)) {
                fprintf(stderr, "triad compare: --shard is K/N with 1 <= K <= N, not '%s'\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        }
        case 'T':
            if (!cli_parse_long(optarg, 1, 256, &a->threads)) {
                fprintf(stderr, "triad compare: --threads needs 1-256\n");
                return EXIT_USAGE;
            }
            break;
        case 'S': a->seeds = optarg; break;
        case 'p': a->first_plan = cli_input(optarg); break;
        case 'g': a->svg_path = optarg; break;
        case 't':
            if (!cli_parse_seconds(optarg, CLI_MAX_SECONDS, &a->time_limit)) {
                fprintf(stderr, "triad compare: --time-limit needs seconds\n");
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (!a->schools_path || !a->out || (!a->first_plan && optind != argc)) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!parse_seeds(a->seeds, a)) {
        fprintf(stderr, "triad compare: --seeds is a list of seeds and ranges such as 1-5 or "
                        "1,5,9 or 1-3,7 (0-1000000, at most 1000 seeds)\n");
        return EXIT_USAGE;
    }
    return parse_methods(a) ? -1 : EXIT_USAGE;
}

/* Every method of the list over every seed, solved and scored into csv
 * and runs: 0, or the exit code. */
static int run_methods(const compare_args *a, const triad_schools *s, const triad_spec *spec,
                       FILE *csv, run *runs, size_t *nruns)
{
    triad_error err;
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < a->nmethods; k++) {
        triad_method m = a->method[k];
        const char *name = a->method_name[k];
        for (size_t q = 0; q < a->nseeds && rc == 0 && *nruns < 8000; q++) {
            if ((long)((k * a->nseeds + q) % (size_t)a->nshards) + 1 != a->shard)
                continue; /* another shard's run */
            long seed = a->seed[q];
            triad_solve_options o;
            triad_solve_options_init(&o);
            o.progress = cancel_on_interrupt;
            triad_spec_apply_solver(spec, &o);
            o.method = m;
            o.seed = (uint64_t)seed;
            o.time_limit = a->time_limit;
            o.threads = (int)a->threads;
            triad_plan *p = NULL;
            double t0 = now_s();
            if (triad_solve(s, spec, &o, &p, &err) != TRIAD_OK)
                rc = cli_report_error(&err);
            else if (!score(s, spec, p, name, seed, now_s() - t0, csv, &runs[(*nruns)++]))
                rc = 1;
            triad_plan_free(p);
            if (rc == 0 && !a->quiet)
                fprintf(stderr, "triad compare: %s seed %ld done\n", name, seed);
            if (rc == 0 && cli_interrupted()) { /* between two solves */
                fprintf(stderr, "triad: cancelled: interrupted, nothing written\n");
                rc = cli_exit_code(TRIAD_ERR_CANCELLED);
            }
        }
    }
    return rc;
}

/* spec (NULL: the defaults) with lead_required off, for a plan that names
 * no lead: a grouping made elsewhere (anticlust's urn,group) claims no
 * leads, so their rule is not scored against it. NULL when out of memory. */
static triad_spec *without_lead_rule(const triad_spec *spec)
{
    triad_spec *copy = NULL;
    triad_error err;
    char *ini = NULL;
    if (spec ? triad_spec_ini(spec, &ini, &err) == TRIAD_OK &&
                   triad_spec_read_string(ini, "spec", &copy, &err) == TRIAD_OK
             : triad_spec_new(&copy, &err) == TRIAD_OK)
        triad_spec_set(copy, "constraints", "lead_required", "no", &err);
    triad_string_free(ini);
    return copy;
}

static int names_a_lead(const triad_schools *s, const triad_plan *p)
{
    for (size_t i = 0; i < triad_schools_count(s); i++)
        if (triad_plan_is_lead(p, i))
            return 1;
    return 0;
}

/* The given plans, scored into csv and runs: 0, or the exit code. */
static int run_plans(const char *const *paths, size_t nplans, const triad_schools *s,
                     const triad_spec *spec, FILE *csv, run *runs, size_t *nruns)
{
    triad_error err;
    int rc = 0;
    for (size_t q = 0; q < nplans && rc == 0; q++) {
        /* named by its file's name without folder or .csv, as a method is */
        char label[256];
        const char *base = strrchr(paths[q], '/') ? strrchr(paths[q], '/') + 1 : paths[q];
        snprintf(label, sizeof label, "%s", base);
        size_t len = strlen(label);
        if (len > 4 && strcmp(label + len - 4, ".csv") == 0)
            label[len - 4] = '\0';
        triad_plan *p = NULL;
        triad_spec *no_leads = NULL;
        if (triad_plan_read(paths[q], s, &p, &err) != TRIAD_OK) {
            rc = cli_report_error(&err);
        } else {
            if (!names_a_lead(s, p)) {
                fprintf(stderr, "triad compare: %s names no lead: the lead rule is not scored "
                                "for it\n",
                        label);
                if (!(no_leads = without_lead_rule(spec)))
                    rc = 13;
            }
            if (rc == 0 && !score(s, no_leads ? no_leads : spec, p, label, -1, 0, csv,
                                  &runs[(*nruns)++]))
                rc = 1;
        }
        triad_spec_free(no_leads);
        triad_plan_free(p);
    }
    return rc;
}

int cmd_compare(int argc, char **argv)
{
    compare_args a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    size_t nplans = a.first_plan ? 1 + (size_t)(argc - optind) : 0;
    /* every plan, however many, is guarded: inputs[2 + q] is plan q */
    const char **inputs = malloc((nplans + 2) * sizeof *inputs);
    if (!inputs)
        return 13;
    inputs[0] = a.schools_path;
    inputs[1] = a.spec_path;
    for (size_t q = 0; q < nplans; q++)
        inputs[2 + q] = q == 0 ? a.first_plan : cli_input(argv[optind + (int)q - 1]);
    /* what made the results, in a file beside them (the CSV stays tidy) */
    char sidecar[4096] = "";
    if (strcmp(a.out, "-") != 0)
        snprintf(sidecar, sizeof sidecar, "%s.provenance.json", a.out);
    const char *outputs[] = {a.out, a.svg_path ? a.svg_path : sidecar, sidecar};
    size_t nout = 1 + (a.svg_path != NULL) + (sidecar[0] != '\0');
    if (!a.svg_path)
        outputs[1] = sidecar[0] ? sidecar : NULL;
    int guard = cli_guard_outputs("compare", inputs, nplans + 2, outputs, nout);
    if (guard) {
        free(inputs);
        return guard;
    }
    cli_catch_interrupts();
    triad_error err;
    triad_schools *s = NULL;
    triad_spec *spec = NULL;
    if (triad_schools_read(a.schools_path, NULL, &s, &err) != TRIAD_OK ||
        (a.spec_path && triad_spec_read(a.spec_path, &spec, &err) != TRIAD_OK)) {
        free(inputs);
        triad_schools_free(s);
        return cli_report_error(&err);
    }
    char *text = NULL;
    size_t text_len = 0, nruns = 0;
    FILE *csv = open_memstream(&text, &text_len);
    run *runs = calloc(MAX_SEEDS * MAX_METHODS + nplans + 1, sizeof *runs);
    rc = csv && runs ? 0 : 13;
    if (csv)
        fprintf(csv, "method,seed,metric,value,seconds\n");
    /* methods and outside plans in one run: the methods when asked for, or
     * when no plan is given */
    if (rc == 0 && (!nplans || a.methods_given))
        rc = run_methods(&a, s, spec, csv, runs, &nruns);
    if (rc == 0 && nplans)
        rc = run_plans(inputs + 2, nplans, s, spec, csv, runs, &nruns);
    if (csv)
        fclose(csv);
    char *svg = rc == 0 && a.svg_path ? chart(runs, nruns) : NULL;
    if (rc == 0 && a.svg_path && !svg)
        rc = 13;
    cli_solver_settings set = {nplans ? "plans" : a.methods, 0, a.time_limit, (int)a.threads,
                               a.seeds, 0};
    char *prov = rc == 0 && sidecar[0] ? cli_provenance_text(spec, &set) : NULL;
    if (rc == 0 && sidecar[0] && !prov)
        rc = 13;
    if (rc == 0) { /* the results, the chart and the provenance together or none */
        const char *texts[] = {text ? text : "", a.svg_path ? svg : prov, prov};
        rc = cli_write_outputs(nout, outputs, texts);
    }
    free(prov);
    free(svg);
    if (rc == 0)
        fprintf(stderr, "triad compare: %zu runs scored, written to %s\n", nruns, a.out);
    free(text);
    free(runs);
    free(inputs);
    triad_spec_free(spec);
    triad_schools_free(s);
    return rc;
}
