/* Memberships (issue 37): the partnerships schools already belong to, read
 * with the usual discipline; kept in one collaborative, avoided in triads,
 * capped by max_memberships; every shortfall said by name. The plans are
 * checked here against the file, not against the solver's own account. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/plan_impl.h"
#include "test_util.h"

static const char *const schools_csv = "URN,name,phase,ofsted\n1,A,Primary,Good\n"
                                       "2,B,Primary,Good\n3,C,Primary,Outstanding\n"
                                       "4,D,Primary,Requires improvement\n";

static triad_schools *four(void)
{
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(schools_csv, strlen(schools_csv), "s.csv",
                                                    NULL, &s, &err),
                          TRIAD_OK);
    return s;
}

static void test_read(void)
{
    triad_schools *s = four();
    const char *csv = "urn,partnership,kind,role\n1,North cluster,local cluster,lead\n"
                      "2,North cluster,local cluster,member\n2,Oak Trust,trust,\n"
                      "3,Oak Trust,trust,member\n";
    triad_memberships *m = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_memberships_read_buffer(csv, strlen(csv), "m.csv", s, &m, &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL(triad_memberships_partnership_count(m), 2);
    CU_ASSERT_EQUAL(triad_memberships_count_of(m, 0), 1);
    CU_ASSERT_EQUAL(triad_memberships_count_of(m, 1), 2);
    CU_ASSERT_EQUAL(triad_memberships_count_of(m, 3), 0);
    CU_ASSERT(triad_memberships_share(m, 0, 1));
    CU_ASSERT(triad_memberships_share(m, 1, 2));
    CU_ASSERT(!triad_memberships_share(m, 0, 2));
    CU_ASSERT(!triad_memberships_share(m, 0, 3));
    long k = triad_memberships_partnership_of(m, 2, 0);
    CU_ASSERT_STRING_EQUAL(triad_memberships_partnership_name(m, (size_t)k), "Oak Trust");
    CU_ASSERT_STRING_EQUAL(triad_memberships_partnership_kind(m, (size_t)k), "trust");
    CU_ASSERT_EQUAL(triad_memberships_partnership_size(m, (size_t)k), 2);
    CU_ASSERT_STRING_EQUAL(triad_memberships_role_of(m, 0, 0), "lead");
    CU_ASSERT_PTR_NULL(triad_memberships_role_of(m, 0, 1));
    CU_ASSERT_EQUAL(triad_memberships_partnership_of(m, 3, 0), -1);
    triad_memberships_free(m);
    triad_schools_free(s);
}

static void test_refused(void)
{
    triad_schools *s = four();
    struct {
        const char *csv, *want;
        triad_status st;
    } bad[] = {
        {"urn,partnership,kind\n1,P,trust\n9,P,trust\n", "m.csv:3:1: URN '9'",
         TRIAD_ERR_UNKNOWN_SCHOOL},
        {"urn,partnership,kind\n1,P,trust\n2,P,trust\n1,P,trust\n",
         "m.csv:4:1: URN 1 is listed twice in partnership 'P' (also line 2)", TRIAD_ERR_DUPLICATE},
        {"urn,partnership,kind\n1,P,trust\n2,P,cluster\n",
         "m.csv:3:3: partnership 'P' is of kind 'cluster' here but 'trust' on line 2",
         TRIAD_ERR_VALUE},
        {"urn,partnership,kind\n1, ,trust\n", "m.csv:2:2: the partnership is blank",
         TRIAD_ERR_VALUE},
        {"urn,partnership\n1,P\n", "required column 'kind' is missing", TRIAD_ERR_MISSING_COLUMN},
        {"urn,partnership,kind,kind\n1,P,a,b\n", "m.csv:1:4: column 'kind' appears twice",
         TRIAD_ERR_CSV},
    };
    for (size_t q = 0; q < sizeof bad / sizeof *bad; q++) {
        triad_memberships *m = NULL;
        triad_error err;
        CU_ASSERT_EQUAL(triad_memberships_read_buffer(bad[q].csv, strlen(bad[q].csv), "m.csv", s,
                                                      &m, &err),
                        bad[q].st);
        if (!strstr(err.message, bad[q].want))
            fprintf(stderr, "\n%zu: %s\n", q, err.message);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.message, bad[q].want));
        CU_ASSERT_PTR_NULL(m);
    }
    triad_schools_free(s);
}

/* Surrey's primary schools with no trust, in file order, as clusters of
 * `size` (the last may be smaller): memberships CSV text. */
static char *clusters(const triad_schools *s, size_t size, size_t *nclusters)
{
    size_t n = triad_schools_count(s), o = 0, in = 0;
    char *t = malloc(n * 64 + 64);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    o += (size_t)sprintf(t, "urn,partnership,kind,role\n");
    *nclusters = 0;
    for (size_t i = 0; i < n; i++) {
        const char *trust = "";
        triad_error err;
        triad_status st = triad_schools_get_text(s, i, TRIAD_FIELD_TRUST, &trust, &err);
        if (triad_schools_phase(s, i) != TRIAD_PHASE_PRIMARY || (st == TRIAD_OK && trust[0]))
            continue;
        if (in % size == 0)
            (*nclusters)++;
        o += (size_t)sprintf(t + o, "%s,cluster %zu,local cluster,\n", triad_schools_urn(s, i),
                             *nclusters);
        in++;
    }
    return t;
}

static triad_plan *solve_with(const triad_schools *s, const char *ini, const triad_memberships *m,
                              triad_status want, triad_error *err)
{
    triad_spec *spec = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_spec_read_string(ini, "m.ini", &spec, err), TRIAD_OK);
    triad_solve_options o;
    triad_solve_options_init(&o);
    o.memberships = m;
    triad_plan *p = NULL;
    triad_status st = triad_solve(s, spec, &o, &p, err);
    if (st != want)
        fprintf(stderr, "\nsolve: %s\n", err->message);
    CU_ASSERT_EQUAL(st, want);
    triad_spec_free(spec);
    return p;
}

/* keep_partnerships: clusters of 3 fit a collaborative of 6-9, so every
 * one of them is whole in one collaborative. */
static void test_keep(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    size_t nc = 0;
    char *csv = clusters(s, 3, &nc);
    triad_memberships *m = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_memberships_read_buffer(csv, strlen(csv), "m.csv", s, &m, &err),
                          TRIAD_OK);
    CU_ASSERT_FATAL(nc > 20);
    triad_plan *p = solve_with(s, "[history]\nkeep_partnerships = yes\n", m, TRIAD_OK, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    size_t whole = 0, n = triad_schools_count(s);
    for (size_t k = 0; k < triad_memberships_partnership_count(m); k++) {
        long c = -2;
        int split = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t q = 0; q < triad_memberships_count_of(m, i); q++)
                if (triad_memberships_partnership_of(m, i, q) == (long)k) {
                    split |= c != -2 && p->collab[i] != c;
                    c = p->collab[i];
                }
        whole += !split;
    }
    CU_ASSERT_EQUAL(whole, nc);
    size_t multi = 0; /* partnerships of two or more schools: the last may have one */
    for (size_t k = 0; k < triad_memberships_partnership_count(m); k++)
        multi += triad_memberships_partnership_size(m, k) >= 2;
    char want[160];
    snprintf(want, sizeof want, "partnership: keep_partnerships: %zu of %zu partnerships", multi,
             multi);
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(p), want));
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(p), "partnership: groups per school"));
    triad_plan_free(p);
    /* clusters of 7 are more than the smallest collaborative (6): said by name */
    triad_memberships_free(m);
    free(csv);
    csv = clusters(s, 7, &nc);
    CU_ASSERT_EQUAL_FATAL(triad_memberships_read_buffer(csv, strlen(csv), "m.csv", s, &m, &err),
                          TRIAD_OK);
    p = solve_with(s, "[history]\nkeep_partnerships = yes\n", m, TRIAD_OK, &err);
    CU_ASSERT_PTR_NOT_NULL(p && strstr(triad_plan_solver_log(p),
                                       "warning: keep_partnerships: partnership cluster 1 (local "
                                       "cluster, 7 schools planned) is not kept"));
    triad_plan_free(p);
    triad_memberships_free(m);
    free(csv);
    triad_schools_free(s);
}

/* avoid_partnerships: clusters of 5; no triad holds two of one cluster. */
static void test_avoid(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    size_t nc = 0;
    char *csv = clusters(s, 5, &nc);
    triad_memberships *m = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_memberships_read_buffer(csv, strlen(csv), "m.csv", s, &m, &err),
                          TRIAD_OK);
    /* keep and avoid together: the cluster in one collaborative, its schools in different
     * triads (a collaborative of 6-9 has two or three) */
    triad_plan *p = solve_with(s, "[history]\navoid_partnerships = yes\nkeep_partnerships = yes\n",
                               m, TRIAD_OK, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    size_t n = triad_schools_count(s), shared = 0, apart = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (triad_memberships_share(m, i, j)) {
                shared += p->triad[i] >= 0 && p->triad[i] == p->triad[j];
                apart += p->collab[i] != p->collab[j];
            }
    /* clusters of 5 with three triads at most cannot always avoid a shared triad: what is
     * left is said, with its count */
    char want[96];
    snprintf(want, sizeof want, "avoid_partnerships: %zu pair", shared);
    CU_ASSERT(shared == 0 ? strstr(triad_plan_solver_log(p), "no triad holds two") != NULL
                          : strstr(triad_plan_solver_log(p), want) != NULL);
    CU_ASSERT_EQUAL(apart, 0);
    triad_plan_free(p);
    /* avoid alone: every cluster's schools in different triads */
    p = solve_with(s, "[history]\navoid_partnerships = yes\n", m, TRIAD_OK, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    shared = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            shared += triad_memberships_share(m, i, j) && p->triad[i] >= 0 &&
                      p->triad[i] == p->triad[j];
    CU_ASSERT_EQUAL(shared, 0);
    triad_plan_free(p);
    triad_memberships_free(m);
    free(csv);
    triad_schools_free(s);
}

/* max_memberships: a school in three partnerships, a collaborative and a
 * triad is in five groups: refused by name at 4, planned at 5. */
static void test_max_memberships(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    char csv[400];
    const char *u = triad_schools_urn(s, 20), *v = triad_schools_urn(s, 21);
    snprintf(csv, sizeof csv,
             "urn,partnership,kind\n%s,P1,trust\n%s,P2,cluster\n%s,P3,ASHE triad\n%s,P3,ASHE "
             "triad\n",
             u, u, u, v);
    triad_memberships *m = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_memberships_read_buffer(csv, strlen(csv), "m.csv", s, &m, &err),
                          TRIAD_OK);
    triad_plan *p = solve_with(s, "[constraints]\nmax_memberships = 4\n", m,
                               TRIAD_ERR_INFEASIBLE, &err);
    CU_ASSERT_PTR_NULL(p);
    char want[96];
    snprintf(want, sizeof want, "max_memberships = 4: school %s", u);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, want));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "5 groups"));
    p = solve_with(s, "[constraints]\nmax_memberships = 5\n", m, TRIAD_OK, &err);
    CU_ASSERT_PTR_NOT_NULL(p && strstr(triad_plan_solver_log(p), ", 5 groups"));
    triad_plan_free(p);
    /* the rule without memberships: said, not silently dropped */
    p = solve_with(s, "[constraints]\nmax_memberships = 4\n", NULL, TRIAD_OK, &err);
    CU_ASSERT_PTR_NOT_NULL(p && strstr(triad_plan_solver_log(p), "no memberships were given"));
    triad_plan_free(p);
    triad_memberships_free(m);
    triad_schools_free(s);
}

static size_t count_of(const char *text, const char *what)
{
    size_t n = 0;
    for (const char *t = strstr(text, what); t; t = strstr(t + 1, what))
        n++;
    return n;
}

/* The network's layers: one edge per pair and kind (1001-1002 share two
 * trusts: one trust edge), each with its layer; distinct partners. */
static void test_network_layers(void)
{
    triad_schools *s = test_read_schools(DATA("small.csv"));
    triad_plan *plan = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_plan_read(DATA("small-plan.csv"), s, &plan, &err), TRIAD_OK);
    const char *csv = "urn,partnership,kind\n1001,P1,trust\n1002,P1,trust\n1003,P1,trust\n"
                      "1003,P2,cluster\n1004,P2,cluster\n1001,P3,trust\n1002,P3,trust\n";
    triad_memberships *m = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_memberships_read_buffer(csv, strlen(csv), "m.csv", s, &m, &err),
                          TRIAD_OK);
    triad_network *net = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_network_build(s, (const triad_plan *const *)&plan, 1, &net, &err),
                          TRIAD_OK);
    char *before = NULL, *after = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_network_graphml(net, &before, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_network_add_memberships(net, m, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_network_add_memberships(net, m, &err), TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL_FATAL(triad_network_graphml(net, &after, &err), TRIAD_OK);
    size_t triads = count_of(before, "<edge ");
    CU_ASSERT_EQUAL(count_of(after, "<edge "), triads + 4);
    CU_ASSERT_EQUAL(count_of(after, "<data key=\"layer\">triad</data>"), triads);
    CU_ASSERT_EQUAL(count_of(after, "<data key=\"layer\">trust</data>"), 3);
    CU_ASSERT_EQUAL(count_of(after, "<data key=\"layer\">cluster</data>"), 1);
    CU_ASSERT_EQUAL(count_of(after, "<data key=\"partnership_partners\">3</data>"), 1); /* 1003 */
    triad_string_free(before);
    triad_string_free(after);
    triad_network_free(net);
    triad_plan_free(plan);
    triad_memberships_free(m);
    triad_schools_free(s);
}

/* Isolated in every layer, by area: school 4 has no triad partner; a
 * partnership with school 3 takes it out of the count. */
static void test_isolated_by_area(void)
{
    const char *csv = "URN,name,phase,area\n1,A,Primary,North\n2,B,Primary,North\n"
                      "3,C,Primary,South\n4,D,Primary,South\n";
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, strlen(csv), "s.csv", NULL, &s, &err),
                          TRIAD_OK);
    const char *const collab[] = {"c", "c", "c", "c"}, *const triad[] = {"t", "t", "t", NULL};
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_plan_from_arrays(s, collab, triad, NULL, &p, &err), TRIAD_OK);
    const char *mcsv = "urn,partnership,kind\n3,Q,cluster\n4,Q,cluster\n";
    triad_memberships *m = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_memberships_read_buffer(mcsv, strlen(mcsv), "m.csv", s, &m, &err),
                          TRIAD_OK);
    for (int layered = 0; layered < 2; layered++) {
        triad_network *net = NULL;
        char *text = NULL;
        CU_ASSERT_EQUAL_FATAL(triad_network_build(s, (const triad_plan *const *)&p, 1, &net, &err),
                              TRIAD_OK);
        if (layered)
            CU_ASSERT_EQUAL(triad_network_add_memberships(net, m, &err), TRIAD_OK);
        CU_ASSERT_EQUAL_FATAL(triad_network_format(net, 1, &text, &err), TRIAD_OK);
        CU_ASSERT_PTR_NOT_NULL(strstr(text, layered ? "\"isolated_by_area\": {}"
                                                    : "\"isolated_by_area\": {\n    \"South\": 1"));
        triad_string_free(text);
        CU_ASSERT_EQUAL_FATAL(triad_network_format(net, 0, &text, &err), TRIAD_OK);
        CU_ASSERT_PTR_NOT_NULL(strstr(text, layered ? "and no partnership), by area: none"
                                                    : "(no triad partner), by area: South 1;"));
        triad_string_free(text);
        triad_network_free(net);
    }
    triad_memberships_free(m);
    triad_plan_free(p);
    triad_schools_free(s);
}

void register_memberships_tests(void)
{
    CU_pSuite s = CU_add_suite("memberships", NULL, NULL);
    CU_add_test(s, "read: counts, shares, roles", test_read);
    CU_add_test(s, "refused by cell", test_refused);
    CU_add_test(s, "keep_partnerships", test_keep);
    CU_add_test(s, "avoid_partnerships", test_avoid);
    CU_add_test(s, "max_memberships", test_max_memberships);
    CU_add_test(s, "network layers", test_network_layers);
    CU_add_test(s, "isolated by area", test_isolated_by_area);
}
