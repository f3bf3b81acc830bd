/* The API's options and budgets (issues 11 and 33): struct_size by
 * libgit2's rule, INIT macros equal to the init functions, cancelling from
 * inside a search, negative MDGP distances, and the time limit shared
 * between strata. */
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/report_impl.h"
#include "solve/stages.h"
#include "test_util.h"

static void test_struct_size(void)
{
    triad_schools *s = test_read_schools(DATA("small.csv"));
    triad_error err;
    triad_plan *p = NULL;
    triad_solve_options o;
    memset(&o, 0, sizeof o); /* never initialised */
    CU_ASSERT_EQUAL(triad_solve(s, NULL, &o, &p, &err), TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "triad_solve_options.struct_size is 0"));
    triad_solve_options_init(&o);
    o.struct_size += 8; /* a newer or older caller */
    CU_ASSERT_EQUAL(triad_solve(s, NULL, &o, &p, &err), TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_PTR_NULL(p);
    /* an older caller (libgit2's rule): a struct that ends before
     * `progress`, in memory of exactly that size (ASan catches a read past
     * it), is taken with its fields and this version's defaults after;
     * the plan equals the one of a full struct with the same seed */
    {
        size_t old_size = offsetof(triad_solve_options, progress);
        triad_solve_options full;
        triad_solve_options_init(&full);
        full.seed = 7;
        full.time_limit = 5;
        unsigned char *older = malloc(old_size);
        CU_ASSERT_FATAL(older != NULL);
        memcpy(older, &full, old_size);
        memcpy(older, &old_size, sizeof old_size);
        triad_plan *pa = NULL, *pb = NULL;
        CU_ASSERT_EQUAL(triad_solve(s, NULL, (const triad_solve_options *)(void *)older, &pa,
                                    &err),
                        TRIAD_OK);
        CU_ASSERT_EQUAL(triad_solve(s, NULL, &full, &pb, &err), TRIAD_OK);
        for (size_t i = 0; pa && pb && i < triad_schools_count(s); i++)
            CU_ASSERT_EQUAL(triad_plan_collaborative_of(pa, i), triad_plan_collaborative_of(pb, i));
        triad_plan_free(pa);
        triad_plan_free(pb);
        free(older);
    }
    triad_schools_free(s);
}

/* Every options struct: the INIT macro and the init function agree field by
 * field (padding is not a value), and a zeroed struct is refused. */
static void test_options_init(void)
{
    triad_error err;
    triad_solve_options o;
    triad_solve_options init = TRIAD_SOLVE_OPTIONS_INIT;
    triad_solve_options_init(&o);
    /* macro and function agree, field by field (padding is not a value) */
    CU_ASSERT_EQUAL(init.struct_size, o.struct_size);
    CU_ASSERT_EQUAL(init.method, o.method);
    CU_ASSERT_EQUAL(init.seed, o.seed);
    CU_ASSERT_DOUBLE_EQUAL(init.time_limit, o.time_limit, 0);
    CU_ASSERT_EQUAL(init.threads, o.threads);
    CU_ASSERT_PTR_EQUAL(init.progress, o.progress);
    CU_ASSERT_PTR_EQUAL(init.history, o.history);
    CU_ASSERT_EQUAL(init.nhistory, o.nhistory);
    CU_ASSERT_PTR_EQUAL(init.log, o.log);

    triad_read_options ro;
    memset(&ro, 0, sizeof ro);
    triad_schools *t = NULL;
    CU_ASSERT_EQUAL(triad_schools_read(DATA("small.csv"), &ro, &t, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_PTR_NULL(t);
    triad_read_options rinit = TRIAD_READ_OPTIONS_INIT;
    CU_ASSERT_EQUAL(triad_schools_read(DATA("small.csv"), &rinit, &t, &err), TRIAD_OK);
    triad_schools_free(t);

    triad_mdgp *g = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_mdgp_read(DATA("mdgp-small.txt"), &g, &err), TRIAD_OK);
    triad_mdgp_options mo;
    memset(&mo, 0, sizeof mo);
    int group[64];
    double obj;
    CU_ASSERT_EQUAL(triad_mdgp_solve(g, &mo, group, &obj, &err), TRIAD_ERR_INVALID_ARGUMENT);
    triad_mdgp_options minit = TRIAD_MDGP_OPTIONS_INIT;
    triad_mdgp_options_init(&mo);
    CU_ASSERT_EQUAL(minit.struct_size, mo.struct_size);
    CU_ASSERT_DOUBLE_EQUAL(minit.seconds, mo.seconds, 0);
    CU_ASSERT_EQUAL(minit.max_iterations, mo.max_iterations);
    CU_ASSERT_EQUAL(minit.seed, mo.seed);
    triad_broker_options binit = TRIAD_BROKER_OPTIONS_INIT, bo;
    triad_broker_options_init(&bo);
    CU_ASSERT_EQUAL(binit.struct_size, bo.struct_size);
    CU_ASSERT_EQUAL(binit.max_supporters, bo.max_supporters);
    CU_ASSERT_DOUBLE_EQUAL(binit.time_limit, bo.time_limit, 0);
    CU_ASSERT_EQUAL(binit.policy, bo.policy);
    CU_ASSERT_PTR_EQUAL(binit.under_way, bo.under_way);
    CU_ASSERT_EQUAL(binit.max_years, bo.max_years);
    triad_mdgp_free(g);
}

/* One stratum of n schools, copies of Surrey's rows, so the search runs for
 * seconds: the callback must come from inside it. */
triad_schools *test_big_stratum(size_t n)
{
    triad_schools *src = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    size_t m = triad_schools_count(src);
    size_t cap = n * 64 + 128, len = 0;
    char *csv = malloc(cap);
    len += (size_t)snprintf(csv + len, cap - len, "urn,phase,ofsted,urban_rural,pupils\n");
    for (size_t i = 0; i < n; i++) {
        size_t k = i % m;
        int grade = triad_schools_ofsted(src, k); /* 0: not inspected, a blank cell */
        char gtext[4] = "";
        if (grade)
            snprintf(gtext, sizeof gtext, "%d", grade);
        len += (size_t)snprintf(csv + len, cap - len, "%zu,Primary,%s,%s,%zu\n", 100000 + i,
                                gtext, i % 3 ? "Urban" : "Rural", 100 + (i * 37) % 500);
    }
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL(triad_schools_read_buffer(csv, len, "big.csv", NULL, &s, &err), TRIAD_OK);
    free(csv);
    triad_schools_free(src);
    return s;
}

typedef struct calls {
    int n, cancel_at;
    pthread_t caller;
    int wrong_thread;
} calls;

static int count_calls(double seconds, double obj, void *user)
{
    (void)seconds;
    (void)obj;
    calls *c = user;
    c->n++;
    c->wrong_thread |= !pthread_equal(pthread_self(), c->caller);
    return c->cancel_at > 0 && c->n >= c->cancel_at;
}

static void test_cancel_inside_search(void)
{
    triad_schools *s = test_big_stratum(20000);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    triad_spec *spec = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_spec_read_string("[strata]\nby = none\n", "one.ini", &spec, &err),
                          TRIAD_OK);
    triad_solve_options o;
    triad_solve_options_init(&o);
    o.threads = 2;
    o.time_limit = 600;
    calls c = {0, 2, pthread_self(), 0};
    o.progress = count_calls;
    o.progress_user = &c;
    triad_plan *p = NULL;
    /* One stratum: a callback that only ran between strata would be called
     * once, after the search. Cancelling at the second call proves the
     * callback runs inside the search, and that the search then stops. */
    CU_ASSERT_EQUAL(triad_solve(s, spec, &o, &p, &err), TRIAD_ERR_CANCELLED);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_EQUAL(c.n, 2);
    CU_ASSERT_FALSE(c.wrong_thread);
    triad_spec_free(spec);
    triad_schools_free(s);
}

static void test_cancel_inside_mdgp(void)
{
    /* 150 elements with pseudo-random distances, 10 seconds of budget */
    size_t n = 150;
    size_t cap = n * n * 24 + 64, len = 0;
    char *txt = malloc(cap);
    len += (size_t)snprintf(txt + len, cap - len, "%zu 10 ss", n);
    for (int g = 0; g < 10; g++)
        len += (size_t)snprintf(txt + len, cap - len, " 15 15");
    len += (size_t)snprintf(txt + len, cap - len, "\n");
    unsigned x = 12345;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            x = x * 1103515245u + 12345u;
            len += (size_t)snprintf(txt + len, cap - len, "%zu %zu %u\n", i, j, (x >> 16) % 100);
        }
    triad_mdgp *g = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_mdgp_read_buffer(txt, len, "gen.txt", &g, &err), TRIAD_OK);
    free(txt);
    triad_mdgp_options o;
    triad_mdgp_options_init(&o);
    o.seconds = 10;
    calls c = {0, 2, pthread_self(), 0};
    o.progress = count_calls;
    o.progress_user = &c;
    int *group = malloc(n * sizeof *group);
    double obj;
    CU_ASSERT_EQUAL(triad_mdgp_solve(g, &o, group, &obj, &err), TRIAD_ERR_CANCELLED);
    CU_ASSERT_EQUAL(c.n, 2);
    free(group);
    triad_mdgp_free(g);
}

/* Negative distances are valid MDGP input: the search must handle them (it
 * used to overflow a buffer in the crossover) and report the true sum. */
static void test_mdgp_negative(void)
{
    size_t n = 40;
    size_t cap = n * n * 24 + 64, len = 0;
    char *txt = malloc(cap);
    len += (size_t)snprintf(txt + len, cap - len, "%zu 4 ds 8 12 8 12 8 12 8 12\n", n);
    unsigned x = 777;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            x = x * 1103515245u + 12345u;
            len += (size_t)snprintf(txt + len, cap - len, "%zu %zu -%u.5\n", i, j,
                                    1 + (x >> 16) % 1000);
        }
    triad_mdgp *g = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_mdgp_read_buffer(txt, len, "neg.txt", &g, &err), TRIAD_OK);
    free(txt);
    triad_mdgp_options o;
    triad_mdgp_options_init(&o);
    o.seconds = 0;
    o.max_iterations = 20000;
    int group[40];
    double obj, again;
    CU_ASSERT_EQUAL_FATAL(triad_mdgp_solve(g, &o, group, &obj, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_mdgp_evaluate(g, group, &again, &err), TRIAD_OK);
    CU_ASSERT_DOUBLE_EQUAL(obj, again, 1e-6);
    CU_ASSERT_TRUE(isfinite(obj) && obj < 0);
    /* all distances negative: the best groups are as small as allowed,
     * so no group can be above its lower bound plus the slack of 8 */
    int size[4] = {0};
    for (size_t i = 0; i < n; i++)
        size[group[i]]++;
    for (int k = 0; k < 4; k++)
        CU_ASSERT(size[k] >= 8 && size[k] <= 12);
    triad_mdgp_free(g);
}

/* The split of the time limit, apart from the clock: shares by schools
 * left, unused time passing on, a floor after a stratum that ran over. */
static void test_time_split(void)
{
    /* first of two strata: its share of the schools, less the triads' 15% */
    CU_ASSERT_DOUBLE_EQUAL(triad_i_stratum_seconds(30, 30, 20000, 20060),
                           0.85 * 30 * 20000 / 20060.0, 1e-9);
    /* the last stratum gets all that is left, however small it is */
    CU_ASSERT_DOUBLE_EQUAL(triad_i_stratum_seconds(12, 30, 60, 60), 0.85 * 12, 1e-9);
    /* a first stratum that left time unused raises the next one's share */
    CU_ASSERT(triad_i_stratum_seconds(20, 30, 60, 120) > triad_i_stratum_seconds(15, 30, 60, 120));
    /* after one that ran over: the floor, 5% of the limit ... */
    CU_ASSERT_DOUBLE_EQUAL(triad_i_stratum_seconds(-0.2, 0.5, 60, 60), 0.025, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(triad_i_stratum_seconds(0.001, 0.5, 60, 60), 0.025, 1e-12);
    /* ... at most half a second */
    CU_ASSERT_DOUBLE_EQUAL(triad_i_stratum_seconds(-3, 30, 60, 60), 0.5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(triad_i_stratum_seconds(5, 30, 0, 0), 0.5, 1e-12);
}

/* The time limit is shared by work: a huge primary stratum that runs out
 * of its share says so, and the secondary stratum after it still gets a
 * search and is balanced. Whether the secondary's ILP proof also fits in
 * its 25 ms depends on the machine's load, so that is left to the split's
 * own test above. */
static void test_time_shared(void)
{
    size_t n = 20000, m = 60;
    size_t cap = (n + m) * 48 + 64, len = 0;
    char *csv = malloc(cap);
    len += (size_t)snprintf(csv + len, cap - len, "urn,phase,ofsted,urban_rural,pupils\n");
    for (size_t i = 0; i < n + m; i++)
        len += (size_t)snprintf(csv + len, cap - len, "%zu,%s,%zu,%s,%zu\n", 100000 + i,
                                i < n ? "Primary" : "Secondary", 1 + (i * 7) % 4,
                                i % 3 ? "Urban" : "Rural", 100 + (i * 37) % 500);
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, len, "t.csv", NULL, &s, &err), TRIAD_OK);
    free(csv);
    triad_solve_options o;
    triad_solve_options_init(&o);
    o.time_limit = 0.5;
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, NULL, &o, &p, &err), TRIAD_OK);
    const char *log = triad_plan_solver_log(p);
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "warning: stratum primary: its share of the time limit"));
    /* the secondary was searched after the primary ran over */
    const char *sec = strstr(log, "stratum secondary: ");
    CU_ASSERT_PTR_NOT_NULL(sec);
    triad_report *r = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_check(s, NULL, p, &r, &err), TRIAD_OK);
    CU_ASSERT(triad_report_warnings(r) >= 1); /* check --strict fails on it */
    char *json = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_report_format(r, 1, &json, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"status\": \"time limit\""));
    triad_string_free(json);
    /* every secondary collaborative within one: its share was not eaten */
    int all = 1;
    for (size_t c = 0; c < p->ncollab; c++)
        if (strncmp(p->collab_label[c], "secondary", 9) == 0)
            all &= r->collab[c].within_one;
    CU_ASSERT_TRUE(all);
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* The spec written back with every default (triad_spec_ini) reads back to
 * the same spec: the INI of the INI is the INI; a value set shows. */
static void test_spec_ini_round_trip(void)
{
    static const char *const files[] = {EXAMPLES_DIR "/spec-example.ini",
                                        EXAMPLES_DIR "/peterborough.ini"};
    for (int f = 0; f < 2; f++) {
        triad_spec *a = NULL, *b = NULL;
        triad_error err;
        CU_ASSERT_EQUAL_FATAL(triad_spec_read(files[f], &a, &err), TRIAD_OK);
        CU_ASSERT_EQUAL(triad_spec_set(a, "constraints", "must_link", "1001 1002", &err),
                        TRIAD_OK);
        CU_ASSERT_EQUAL(triad_spec_set(a, "constraints", "must_link", "1003 1004 1005", &err),
                        TRIAD_OK);
        char *one = NULL, *two = NULL;
        CU_ASSERT_EQUAL_FATAL(triad_spec_ini(a, &one, &err), TRIAD_OK);
        CU_ASSERT_PTR_NOT_NULL(strstr(one, "[solver]\nmethod = "));
        CU_ASSERT_PTR_NOT_NULL(
            strstr(one, "must_link = 1001 1002\nmust_link = 1003 1004 1005\n"));
        CU_ASSERT_EQUAL_FATAL(triad_spec_read_string(one, "ini", &b, &err), TRIAD_OK);
        CU_ASSERT_EQUAL_FATAL(triad_spec_ini(b, &two, &err), TRIAD_OK);
        CU_ASSERT_STRING_EQUAL(one, two);
        triad_string_free(one);
        triad_string_free(two);
        triad_spec_free(a);
        triad_spec_free(b);
    }
}

void register_options_tests(void)
{
    CU_pSuite s = CU_add_suite("options", NULL, NULL);
    CU_add_test(s, "options struct_size", test_struct_size);
    CU_add_test(s, "INIT macros equal the init functions", test_options_init);
    CU_add_test(s, "cancel inside a search", test_cancel_inside_search);
    CU_add_test(s, "cancel inside MDGP", test_cancel_inside_mdgp);
    CU_add_test(s, "MDGP with negative distances", test_mdgp_negative);
    CU_add_test(s, "time split by schools left, floor", test_time_split);
    CU_add_test(s, "time limit shared by work, cut said", test_time_shared);
    CU_add_test(s, "the spec written back with every default reads back the same",
                test_spec_ini_round_trip);
}
