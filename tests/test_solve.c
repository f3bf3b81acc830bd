/* triad solve on Surrey, Warwickshire and generated instances. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "check/report_impl.h"
#include "model/plan_impl.h"
#include "solve/rng.h"
#include "test_util.h"

static triad_plan *solve(const triad_schools *s, const triad_spec *spec, triad_method m,
                         uint64_t seed, int threads)
{
    triad_solve_options o;
    triad_solve_options_init(&o);
    o.method = m;
    o.seed = seed;
    o.threads = threads;
    triad_plan *plan = NULL;
    triad_error err;
    triad_status st = triad_solve(s, spec, &o, &plan, &err);
    if (st != TRIAD_OK)
        fprintf(stderr, "\nsolve: %s\n", err.message);
    CU_ASSERT_EQUAL_FATAL(st, TRIAD_OK);
    return plan;
}

static triad_report *check(const triad_schools *s, const triad_spec *spec, const triad_plan *p)
{
    triad_report *r = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_check(s, spec, p, &r, &err), TRIAD_OK);
    return r;
}

static void print_violations(const triad_report *r)
{
    for (size_t v = 0; v < r->nviol && v < 10; v++)
        fprintf(stderr, "\n  violation: %s", r->viol[v].message);
}

static int same_plan(const triad_plan *a, const triad_plan *b)
{
    if (a->nschools != b->nschools || a->ncollab != b->ncollab || a->ntriad != b->ntriad)
        return 0;
    for (size_t i = 0; i < a->nschools; i++)
        if (a->collab[i] != b->collab[i] || a->triad[i] != b->triad[i] || a->lead[i] != b->lead[i])
            return 0;
    return 1;
}

static void assert_one_lead_each(const triad_plan *p)
{
    size_t *leads = calloc(p->ncollab + 1, sizeof *leads);
    for (size_t i = 0; i < p->nschools; i++)
        if (p->lead[i])
            leads[p->collab[i]]++;
    for (size_t c = 0; c < p->ncollab; c++)
        CU_ASSERT_EQUAL(leads[c], 1);
    free(leads);
}

static void test_surrey_defaults(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_plan *p = solve(s, NULL, TRIAD_METHOD_AUTO, 1, 1);
    triad_report *r = check(s, NULL, p);
    print_violations(r);
    CU_ASSERT_EQUAL(r->nviol, 0); /* sizes, trust caps, leads, concern triads */
    CU_ASSERT_EQUAL(r->nunplanned, 0);
    CU_ASSERT_EQUAL(r->nplanned, 397);
    /* 304 primary-stratum schools in 34 groups of 8-9; 61 secondary in 7;
     * 32 special and PRU in 4. */
    CU_ASSERT_EQUAL(r->ncollab, 45);
    size_t primary = 0;
    for (size_t c = 0; c < r->ncollab; c++) {
        const group_score *g = &r->collab[c];
        CU_ASSERT_TRUE(g->within_one);
        CU_ASSERT(g->size >= 6 && g->size <= 9);
        primary += strcmp(g->stratum, "primary") == 0;
    }
    CU_ASSERT_EQUAL(primary, 34);
    CU_ASSERT_TRUE(triad_report_collaboratives_within_one(r));
    CU_ASSERT(triad_report_max_deviation(r) <= 1.0);
    assert_one_lead_each(p);
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

static void test_same_seed_same_plan(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_plan *a = solve(s, NULL, TRIAD_METHOD_AUTO, 7, 1);
    triad_plan *b = solve(s, NULL, TRIAD_METHOD_AUTO, 7, 1);
    triad_plan *c = solve(s, NULL, TRIAD_METHOD_AUTO, 7, 2);
    triad_plan *d = solve(s, NULL, TRIAD_METHOD_AUTO, 8, 1);
    CU_ASSERT_TRUE(same_plan(a, b));
    CU_ASSERT_TRUE(same_plan(a, c)); /* threads split a fixed set of starts */
    CU_ASSERT_FALSE(same_plan(a, d));
    /* and the written files are byte for byte the same */
    triad_error err;
    CU_ASSERT_EQUAL(triad_plan_write(a, s, "/tmp/triad-test-a.csv", &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_plan_write(c, s, "/tmp/triad-test-c.csv", &err), TRIAD_OK);
    FILE *fa = fopen("/tmp/triad-test-a.csv", "rb"), *fc = fopen("/tmp/triad-test-c.csv", "rb");
    CU_ASSERT_FATAL(fa && fc);
    int ca, cc, same = 1;
    do {
        ca = fgetc(fa);
        cc = fgetc(fc);
        same &= ca == cc;
    } while (ca != EOF && cc != EOF);
    CU_ASSERT_TRUE(same);
    fclose(fa);
    fclose(fc);
    remove("/tmp/triad-test-a.csv");
    remove("/tmp/triad-test-c.csv");
    triad_plan_free(a);
    triad_plan_free(b);
    triad_plan_free(c);
    triad_plan_free(d);
    triad_schools_free(s);
}

static void test_warwickshire_idaci(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("warwickshire-937-ofsted-mi-2020-08.csv"));
    triad_plan *p = solve(s, NULL, TRIAD_METHOD_AUTO, 3, 1);
    triad_report *r = check(s, NULL, p);
    print_violations(r);
    CU_ASSERT_EQUAL(r->nviol, 0);
    CU_ASSERT_TRUE(triad_report_collaboratives_within_one(r));
    CU_ASSERT_STRING_EQUAL(r->prof.attr[1].source, "IDACI quintile");
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* A generated LA: phases, grades, deprivation, head years, trusts and a user
 * attribute drawn at random, with links in the spec. */
static char *generate_la(uint64_t seed, int n, char ***urns_out)
{
    rng r;
    rng_seed(&r, seed);
    size_t cap = (size_t)n * 160 + 256, len = 0;
    char *buf = malloc(cap);
    char **urns = malloc((size_t)n * sizeof *urns);
    len += (size_t)snprintf(buf + len, cap - len,
                            "urn,name,phase,ofsted,idaci,urban_rural,head_years,easting,northing,"
                            "pupils,trust,diocese\n");
    static const char *const phases[] = {"Primary", "Primary", "Primary", "Primary",
                                         "Primary", "Secondary", "Special"};
    static const char *const dioceses[] = {"CofE", "RC", "None", "None"};
    for (int i = 0; i < n; i++) {
        urns[i] = malloc(16);
        snprintf(urns[i], 16, "%d", 500000 + i);
        int grade = (int)rng_below(&r, 10);
        grade = grade < 2 ? 1 : grade < 8 ? 2 : grade < 9 ? 3 : 4;
        char trust[16] = "";
        if (rng_below(&r, 3) == 0)
            snprintf(trust, sizeof trust, "T%u", rng_below(&r, 6));
        len += (size_t)snprintf(buf + len, cap - len, "%s,School %d,%s,%d,%u,%s,%u,%u,%u,%u,%s,%s\n",
                                urns[i], i, phases[rng_below(&r, 7)], grade,
                                1 + rng_below(&r, 5), rng_below(&r, 4) ? "Urban" : "Rural",
                                rng_below(&r, 15), 400000 + rng_below(&r, 40000),
                                200000 + rng_below(&r, 40000), 50 + rng_below(&r, 600), trust,
                                dioceses[rng_below(&r, 4)]);
    }
    *urns_out = urns;
    return buf;
}

static void test_generated_instances(void)
{
    for (uint64_t seed = 1; seed <= 3; seed++) {
        int n = 180;
        char **urns;
        char *csv = generate_la(seed, n, &urns);
        triad_schools *s = NULL;
        triad_error err;
        CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, strlen(csv), "gen", NULL, &s, &err),
                              TRIAD_OK);
        /* must-link two primaries, keep two others apart */
        int prim[4], np = 0;
        for (size_t i = 0; i < s->n && np < 4; i++)
            if (s->s[i].phase == TRIAD_PHASE_PRIMARY)
                prim[np++] = (int)i;
        char spec_text[512];
        snprintf(spec_text, sizeof spec_text,
                 "[balance]\ndiocese = 1\n[constraints]\nmust_link = %s %s\ncannot_link = %s %s\n",
                 urns[prim[0]], urns[prim[1]], urns[prim[2]], urns[prim[3]]);
        triad_spec *spec = NULL;
        CU_ASSERT_EQUAL_FATAL(triad_spec_read_string(spec_text, "gen.ini", &spec, &err), TRIAD_OK);
        triad_plan *p = solve(s, spec, TRIAD_METHOD_AUTO, seed, 1);
        triad_report *r = check(s, spec, p);
        print_violations(r);
        CU_ASSERT_EQUAL(r->nviol, 0);
        CU_ASSERT_TRUE(triad_report_collaboratives_within_one(r));
        for (size_t c = 0; c < r->ncollab; c++)
            if (!r->collab[c].within_one) {
                fprintf(stderr, "\n  seed %d %s size %zu maxdev %.2f:", (int)seed,
                        r->collab[c].label, r->collab[c].size, r->collab[c].max_dev);
                for (size_t a = 0; a < r->prof.nattr; a++)
                    fprintf(stderr, " %s %.2f", r->prof.attr[a].name, r->collab[c].attr_dev[a]);
            }
        CU_ASSERT_EQUAL(p->collab[prim[0]], p->collab[prim[1]]);
        CU_ASSERT_NOT_EQUAL(p->collab[prim[2]], p->collab[prim[3]]);
        assert_one_lead_each(p);
        triad_report_free(r);
        triad_plan_free(p);
        triad_spec_free(spec);
        triad_schools_free(s);
        for (int i = 0; i < n; i++)
            free(urns[i]);
        free(urns);
        free(csv);
    }
}

/* The baselines make valid plans and the search balances better than all. */
static void test_baselines(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_plan *best = solve(s, NULL, TRIAD_METHOD_SEARCH, 1, 1);
    triad_report *rb = check(s, NULL, best);
    triad_method ms[] = {TRIAD_METHOD_RANDOM, TRIAD_METHOD_DEAL, TRIAD_METHOD_GEO};
    for (int k = 0; k < 3; k++) {
        triad_plan *p = solve(s, NULL, ms[k], 1, 1);
        triad_report *r = check(s, NULL, p);
        CU_ASSERT_EQUAL(r->nunplanned, 0);
        CU_ASSERT_EQUAL(r->ncollab, rb->ncollab);
        for (size_t v = 0; v < r->nviol; v++)
            CU_ASSERT_STRING_NOT_EQUAL(r->viol[v].constraint, "size");
        CU_ASSERT(r->collab_max_dev > rb->collab_max_dev);
        CU_ASSERT(r->collab_within <= rb->collab_within);
        triad_report_free(r);
        triad_plan_free(p);
    }
    triad_report_free(rb);
    triad_plan_free(best);
    triad_schools_free(s);
}

static int cancel_at_once(double seconds, double done, void *user)
{
    (void)seconds;
    (void)done;
    ++*(int *)user;
    return 1;
}

static void test_cancel(void)
{
    triad_schools *s = test_read_schools(DATA("small.csv"));
    triad_solve_options o;
    triad_solve_options_init(&o);
    int calls = 0;
    o.progress = cancel_at_once;
    o.progress_user = &calls;
    triad_plan *p = NULL;
    triad_error err;
    CU_ASSERT_EQUAL(triad_solve(s, NULL, &o, &p, &err), TRIAD_ERR_CANCELLED);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_EQUAL(calls, 1);
    o.progress = NULL;
    o.threads = 0;
    CU_ASSERT_EQUAL(triad_solve(s, NULL, &o, &p, &err), TRIAD_ERR_INVALID_ARGUMENT);
    triad_schools_free(s);
}

static void test_surrey_ilp_optimal(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_plan *p = solve(s, NULL, TRIAD_METHOD_ILP, 1, 1);
    CU_ASSERT_EQUAL_FATAL(p->ninfo, 3);
    for (size_t q = 0; q < p->ninfo; q++) {
        CU_ASSERT_STRING_EQUAL(p->info[q].engine, "ilp");
        CU_ASSERT_STRING_EQUAL(p->info[q].triads, "optimal"); /* 9-school set partitioning */
    }
    CU_ASSERT_STRING_EQUAL(p->info[1].stratum, "secondary");
    CU_ASSERT_STRING_EQUAL(p->info[1].status, "optimal");
    CU_ASSERT_DOUBLE_EQUAL(p->info[1].gap, 0.0, 1e-9);
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(p), "stratum secondary: ilp, optimal"));
    triad_report *r = check(s, NULL, p);
    /* the solve JSON carries the documented solver fields */
    char *text = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_report_format(r, 1, &text, &err), TRIAD_OK);
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(root);
    json_t *sv = json_array_get(json_object_get(root, "solver"), 1);
    static const char *const fields[] = {"stratum", "engine", "status", "objective", "bound",
                                         "gap", "seconds", "triads"};
    for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
        CU_ASSERT_PTR_NOT_NULL(json_object_get(sv, fields[k]));
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(sv, "status")), "optimal");
    json_decref(root);
    triad_string_free(text);
    CU_ASSERT_EQUAL(r->nviol, 0);
    CU_ASSERT_TRUE(triad_report_collaboratives_within_one(r));
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* 18 primaries: two collaboratives of 9. */
static triad_status solve_text(const char *extra_col, const char *(*cell)(int), const char *spec_text,
                               triad_error *err, char *log, size_t logsize)
{
    char csv[4096];
    size_t len = (size_t)snprintf(csv, sizeof csv, "urn,name,phase,ofsted,%s\n", extra_col);
    for (int i = 0; i < 18; i++)
        len += (size_t)snprintf(csv + len, sizeof csv - len, "%d,S%d,Primary,%d,%s\n", 100 + i, i,
                                i % 4 + 1, cell(i));
    triad_schools *s = NULL;
    triad_spec *spec = NULL;
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, len, "gen.csv", NULL, &s, err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_spec_read_string(spec_text, "gen.ini", &spec, err), TRIAD_OK);
    triad_status st = triad_solve(s, spec, NULL, &p, err);
    if (log)
        snprintf(log, logsize, "%s", triad_plan_solver_log(p));
    triad_plan_free(p);
    triad_spec_free(spec);
    triad_schools_free(s);
    return st;
}

static const char *one_leader(int i) { return i == 5 ? "1" : "0"; }
static const char *five_of_trust(int i) { return i < 5 ? "T" : ""; }
static const char *blank(int i) { (void)i; return ""; }

static void test_infeasibility_explained(void)
{
    triad_error err;
    char log[2048];
    /* too few leads, too many of one trust: a plan, with the reason said */
    CU_ASSERT_EQUAL(solve_text("lead_eligible", one_leader, "", &err, log, sizeof log), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "warning: stratum primary: 2 collaboratives need a "
                                       "lead-eligible school; 1 exist"));
    CU_ASSERT_EQUAL(solve_text("trust", five_of_trust, "", &err, log, sizeof log), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "trust T has 5 schools, but 2 collaboratives"));
    /* links that cannot hold: no plan */
    CU_ASSERT_EQUAL(solve_text("note", blank,
                               "[constraints]\nmust_link = 100 101 102 103 104 105 106 107 108 109\n",
                               &err, NULL, 0),
                    TRIAD_ERR_INFEASIBLE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "must_link joins 10 schools"));
    CU_ASSERT_EQUAL(solve_text("note", blank, "[constraints]\ncannot_link = 100 101 102\n", &err,
                               NULL, 0),
                    TRIAD_ERR_INFEASIBLE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "cannot_link keeps 3 schools (or must-linked groups) all apart"));
    /* a clique spread over several lines is found too */
    CU_ASSERT_EQUAL(solve_text("note", blank,
                               "[constraints]\ncannot_link = 100 101\ncannot_link = 101 102\n"
                               "cannot_link = 100 102\n",
                               &err, NULL, 0),
                    TRIAD_ERR_INFEASIBLE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "keeps 3 schools"));
    CU_ASSERT_EQUAL(solve_text("note", blank,
                               "[constraints]\nmust_link = 100 101\nmust_link = 101 102\n"
                               "cannot_link = 100 102\n",
                               &err, NULL, 0),
                    TRIAD_ERR_INFEASIBLE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "but must_link lines join them"));
    /* 18 schools, sizes 10-12: no mix fits. With small_stratum = error, an
     * error showing the arithmetic, never a silent group outside the
     * bounds (by default, too few for two: one group with a warning)... */
    CU_ASSERT_EQUAL(solve_text("note", blank,
                               "[stratum.primary]\nmin_size = 10\nmax_size = 12\n"
                               "small_stratum = error\n",
                               &err, NULL, 0),
                    TRIAD_ERR_INFEASIBLE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "stratum primary: 18 schools cannot form "
                                               "collaboratives of 10 to 12"));
    /* ...unless the spec allows the exception: then a plan, with a warning */
    CU_ASSERT_EQUAL(solve_text("note", blank,
                               "[stratum.primary]\nmin_size = 10\nmax_size = 12\n"
                               "small_stratum = one group\n",
                               &err, log, sizeof log),
                    TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "warning: stratum primary: 18 schools cannot form "
                                       "collaboratives of 10 to 12; one group of 18"));
    /* sector_wide: one collaborative by design, no warning */
    CU_ASSERT_EQUAL(solve_text("note", blank, "[stratum.primary]\nsector_wide = yes\n", &err, log,
                               sizeof log),
                    TRIAD_OK);
    CU_ASSERT_PTR_NULL(strstr(log, "warning"));
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "18 schools as one sector-wide collaborative"));
}

/* Two different problems solved at once in two threads (GLPK in both, igraph
 * under its lock) give the plans the sequential runs give. */
typedef struct job {
    const triad_schools *s;
    triad_method method;
    triad_plan *plan;
    size_t partners0;
    triad_status st;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    triad_solve_options o;
    triad_solve_options_init(&o);
    o.method = j->method;
    triad_error err;
    j->st = triad_solve(j->s, NULL, &o, &j->plan, &err);
    if (j->st == TRIAD_OK) {
        triad_network *net = NULL;
        const triad_plan *ps[1] = {j->plan};
        j->st = triad_network_build(j->s, ps, 1, &net, &err);
        j->partners0 = triad_network_partners(net, 0);
        triad_network_free(net);
    }
    return NULL;
}

static void test_two_threads(void)
{
    triad_schools *a = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_schools *b = test_read_schools(EXAMPLE("warwickshire-937-ofsted-mi-2020-08.csv"));
    job seq[2] = {{a, TRIAD_METHOD_AUTO, NULL, 0, TRIAD_OK}, {b, TRIAD_METHOD_ILP, NULL, 0, TRIAD_OK}};
    job par[2] = {seq[0], seq[1]};
    run_job(&seq[0]);
    run_job(&seq[1]);
    pthread_t t[2];
    CU_ASSERT_EQUAL_FATAL(pthread_create(&t[0], NULL, run_job, &par[0]), 0);
    CU_ASSERT_EQUAL_FATAL(pthread_create(&t[1], NULL, run_job, &par[1]), 0);
    pthread_join(t[0], NULL);
    pthread_join(t[1], NULL);
    for (int k = 0; k < 2; k++) {
        CU_ASSERT_EQUAL(seq[k].st, TRIAD_OK);
        CU_ASSERT_EQUAL(par[k].st, TRIAD_OK);
        if (seq[k].plan && par[k].plan)
            CU_ASSERT_TRUE(same_plan(seq[k].plan, par[k].plan));
        CU_ASSERT_EQUAL(seq[k].partners0, par[k].partners0);
        triad_plan_free(seq[k].plan);
        triad_plan_free(par[k].plan);
    }
    triad_schools_free(a);
    triad_schools_free(b);
}

void register_solve_tests(void)
{
    CU_pSuite s = CU_add_suite("solve", NULL, NULL);
    CU_add_test(s, "Surrey with defaults: within one, no violations", test_surrey_defaults);
    CU_add_test(s, "same seed, same plan; threads do not matter", test_same_seed_same_plan);
    CU_add_test(s, "Warwickshire with IDACI", test_warwickshire_idaci);
    CU_add_test(s, "generated LAs with links and a user attribute", test_generated_instances);
    CU_add_test(s, "baselines", test_baselines);
    CU_add_test(s, "cancel and bad options", test_cancel);
    CU_add_test(s, "ILP: Surrey secondary optimal, triads optimal", test_surrey_ilp_optimal);
    CU_add_test(s, "infeasibility explained", test_infeasibility_explained);
    CU_add_test(s, "two problems in two threads", test_two_threads);
}
