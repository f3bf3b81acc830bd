/* The size policy (issue 13): whole triads first, "six or nine" as a set,
 * no silent bounds, sector-wide strata; the exact engine and check agree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/plan_impl.h"
#include "test_util.h"

/* n primaries with varied grades and deprivation. */
static triad_schools *primaries(int n, int special)
{
    size_t cap = (size_t)(n + special) * 64 + 64, len = 0;
    char *csv = malloc(cap);
    len += (size_t)snprintf(csv + len, cap - len, "urn,phase,ofsted,idaci\n");
    for (int i = 0; i < n + special; i++)
        len += (size_t)snprintf(csv + len, cap - len, "%d,%s,%d,%d\n", 1000 + i,
                                i < n ? "Primary" : "Special", 1 + i % 4, 1 + (i * 7) % 5);
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL(triad_schools_read_buffer(csv, len, "gen.csv", NULL, &s, &err), TRIAD_OK);
    free(csv);
    return s;
}

/* Sizes of the plan's collaboratives, largest first, as "9 9 6". */
static void plan_sizes(const triad_plan *p, size_t nschools, char *out, size_t n)
{
    int size[256] = {0};
    for (size_t i = 0; i < nschools; i++)
        if (p->collab[i] >= 0 && p->collab[i] < 256)
            size[p->collab[i]]++;
    size_t len = 0;
    out[0] = '\0';
    for (int want = 1000; want > 0; want--)
        for (size_t c = 0; c < p->ncollab && c < 256; c++)
            if (size[c] == want)
                len += (size_t)snprintf(out + len, n - len, "%s%d", len ? " " : "", want);
}

static triad_plan *solve_spec(const triad_schools *s, const char *spec_text, triad_method m,
                              triad_status want, triad_error *err)
{
    triad_spec *spec = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_spec_read_string(spec_text, "t.ini", &spec, err), TRIAD_OK);
    triad_solve_options o;
    triad_solve_options_init(&o);
    o.method = m;
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL(triad_solve(s, spec, &o, &p, err), want);
    triad_spec_free(spec);
    return p;
}

static void expect_sizes(int n, const char *spec_text, const char *want)
{
    triad_schools *s = primaries(n, 0);
    triad_error err;
    triad_plan *p = solve_spec(s, spec_text, TRIAD_METHOD_AUTO, TRIAD_OK, &err);
    char got[512];
    if (p) {
        plan_sizes(p, triad_schools_count(s), got, sizeof got);
        if (strcmp(got, want) != 0)
            fprintf(stderr, "\n  %d schools, '%s': sizes %s, want %s\n", n, spec_text, got, want);
        CU_ASSERT_STRING_EQUAL(got, want);
    }
    triad_plan_free(p);
    triad_schools_free(s);
}

/* Worked examples of README: whole triads, then the fewest groups. */
static void test_six_or_nine(void)
{
    expect_sizes(48, "[stratum.primary]\nsizes = 6, 9\n", "9 9 9 9 6 6");
    expect_sizes(51, "[stratum.primary]\nsizes = 6 or 9\n", "9 9 9 9 9 6");
    expect_sizes(48, "", "9 9 9 9 6 6"); /* the default range 6-9 */
    expect_sizes(50, "", "9 9 9 9 8 6"); /* 50 = 2 mod 3: one group of 8 (two quads), not two of 7 */
    expect_sizes(49, "", "9 9 9 9 7 6"); /* 49 = 1 mod 3: one group of 7 (one quad) */
    expect_sizes(12, "[stratum.primary]\nsizes = 6\n", "6 6");
}

static void test_not_divisible_is_an_error(void)
{
    triad_schools *s = primaries(13, 0);
    triad_error err;
    triad_plan *p = solve_spec(s, "[stratum.primary]\nsizes = 6, 9\n", TRIAD_METHOD_AUTO,
                               TRIAD_ERR_INFEASIBLE, &err);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "13 schools cannot form collaboratives of 6 or 9"));
    /* allowed as an exception: one group, a warning, and check lists it */
    p = solve_spec(s, "[stratum.primary]\nsizes = 6, 9\nsmall_stratum = one group\n",
                   TRIAD_METHOD_AUTO, TRIAD_OK, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(triad_plan_collaborative_count(p), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(p), "warning: stratum primary: 13 "
                                                           "schools cannot form"));
    triad_spec *spec = NULL;
    CU_ASSERT_EQUAL(triad_spec_read_string("[stratum.primary]\nsizes = 6, 9\n"
                                           "small_stratum = one group\n",
                                           "t.ini", &spec, &err),
                    TRIAD_OK);
    triad_report *r = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_check(s, spec, p, &r, &err), TRIAD_OK);
    char *text = NULL;
    CU_ASSERT_EQUAL(triad_report_format(r, 0, &text, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "[size] collaborative primary-01 has 13 schools; stratum "
                                        "primary allows 6 or 9"));
    triad_string_free(text);
    triad_report_free(r);
    triad_spec_free(spec);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* The bounds are checked whatever made the plan. */
static void test_check_flags_sizes(void)
{
    triad_schools *s = primaries(15, 0);
    triad_error err;
    /* a hand-made plan: 8 + 6 + 1 with sizes = 6, 9 */
    char csv[2048];
    size_t len = (size_t)snprintf(csv, sizeof csv, "URN,collaborative,triad,lead\n");
    for (int i = 0; i < 15; i++)
        len += (size_t)snprintf(csv + len, sizeof csv - len, "%d,%s,,0\n", 1000 + i,
                                i < 8    ? "A"
                                : i < 14 ? "B"
                                         : "C");
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_plan_read_buffer(csv, len, "hand.csv", s, &p, &err), TRIAD_OK);
    triad_spec *spec = NULL;
    CU_ASSERT_EQUAL(triad_spec_read_string("[stratum.primary]\nsizes = 6, 9\n", "t.ini", &spec,
                                           &err),
                    TRIAD_OK);
    triad_report *r = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_check(s, spec, p, &r, &err), TRIAD_OK);
    char *text = NULL;
    CU_ASSERT_EQUAL(triad_report_format(r, 0, &text, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "collaborative A has 8 schools; stratum primary allows "
                                        "6 or 9"));
    CU_ASSERT_PTR_NULL(strstr(text, "collaborative B has 6 schools"));     /* 6: allowed */
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "collaborative C has 1 school;")); /* one reads as one */
    triad_string_free(text);
    triad_report_free(r);
    triad_spec_free(spec);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* Surrey: 304 primaries give exactly one collaborative that is not a whole
 * number of triads (304 = 1 mod 3), 61 secondaries one, and the plan holds
 * every size and balance promise. */
static void test_surrey_whole_triads(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_error err;
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, NULL, NULL, &p, &err), TRIAD_OK);
    int nonwhole = 0, quads = 0, pairs = 0;
    size_t n = triad_schools_count(s);
    for (size_t c = 0; c < p->ncollab; c++) {
        int m = 0;
        for (size_t i = 0; i < n; i++)
            m += p->collab[i] == (long)c;
        nonwhole += m % 3 != 0;
    }
    for (size_t t = 0; t < p->ntriad; t++) {
        int m = 0;
        for (size_t i = 0; i < n; i++)
            m += p->triad[i] == (long)t;
        quads += m == 4;
        pairs += m == 2;
    }
    CU_ASSERT_EQUAL(nonwhole, 3); /* one each: primary (304), secondary (61), special (32) */
    CU_ASSERT_EQUAL(pairs, 0);
    CU_ASSERT_EQUAL(quads, 4); /* 7 = 4 + 3 twice, 8 = 4 + 4 */
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(p), "304 schools as 33 of 9 and 1 of 7"));
    triad_report *r = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_check(s, NULL, p, &r, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_report_violations(r), 0);
    CU_ASSERT_TRUE(triad_report_collaboratives_within_one(r));
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* The exact engine keeps the chosen mix of sizes (it used to assume sizes
 * within one of each other). */
static void test_ilp_mixed_sizes(void)
{
    triad_schools *s = primaries(24, 0);
    triad_error err;
    triad_plan *p = solve_spec(s, "[stratum.primary]\nsizes = 6, 9\n", TRIAD_METHOD_ILP, TRIAD_OK,
                               &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    char got[128];
    plan_sizes(p, triad_schools_count(s), got, sizeof got);
    CU_ASSERT_STRING_EQUAL(got, "9 9 6");
    CU_ASSERT_STRING_EQUAL(p->info[0].engine, "ilp");
    triad_plan_free(p);
    triad_schools_free(s);
}

static void test_sector_wide_and_spec_errors(void)
{
    triad_schools *s = primaries(12, 5);
    triad_error err;
    triad_plan *p = solve_spec(s, "[stratum.special]\nsector_wide = yes\n", TRIAD_METHOD_AUTO,
                               TRIAD_OK, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(triad_plan_collaborative_count(p), 3); /* 6 + 6 primaries, 5 special */
    triad_plan_free(p);
    /* five special schools, default sizes: too few for two collaboratives,
     * so one sector-wide collaborative, said so (issue 30); the officer who
     * wants the arithmetic's error asks for it */
    p = solve_spec(s, "", TRIAD_METHOD_AUTO, TRIAD_OK, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(triad_plan_collaborative_count(p), 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(p),
                                  "warning: stratum special: 5 schools, too few for two "
                                  "collaboratives of 6 to 9: one sector-wide collaborative of 5"));
    triad_plan_free(p);
    p = solve_spec(s, "[stratum.special]\nsmall_stratum = error\n", TRIAD_METHOD_AUTO,
                   TRIAD_ERR_INFEASIBLE, &err);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "stratum special: 5 schools cannot form "
                                               "collaboratives of 6 to 9"));
    /* large enough for two but no mix fits: still the error by default */
    triad_schools *s13 = primaries(13, 0);
    p = solve_spec(s13, "[stratum.primary]\nsizes = 6, 9\n", TRIAD_METHOD_AUTO,
                   TRIAD_ERR_INFEASIBLE, &err);
    CU_ASSERT_PTR_NULL(p);
    triad_schools_free(s13);
    triad_spec *spec = NULL;
    CU_ASSERT_EQUAL(triad_spec_read_string("[stratum.primary]\nsizes = 6, 9\nmax_size = 9\n",
                                           "c.ini", &spec, &err),
                    TRIAD_ERR_SPEC);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "contradictory sizes"));
    CU_ASSERT_EQUAL(triad_spec_read_string("[stratum.primary]\nsizes = 6, 6\n", "c.ini", &spec,
                                           &err),
                    TRIAD_ERR_SPEC);
    CU_ASSERT_EQUAL(triad_spec_read_string("[stratum.primary]\nsizes = 1\n", "c.ini", &spec,
                                           &err),
                    TRIAD_ERR_SPEC);
    CU_ASSERT_EQUAL(triad_spec_read_string("[stratum.primary]\nsmall_stratum = maybe\n", "c.ini",
                                           &spec, &err),
                    TRIAD_ERR_SPEC);
    triad_schools_free(s);
}

/* examples/peterborough.ini on a Peterborough-sized LA: 50 primaries, 11
 * secondaries, one PRU, 6 special schools. */
static void test_peterborough(void)
{
    const char *phases[] = {"Primary", "Secondary", "PRU", "Special"};
    int counts[] = {50, 11, 1, 6};
    char csv[8192];
    size_t len = (size_t)snprintf(csv, sizeof csv, "urn,phase,ofsted,idaci,head_years\n");
    int urn = 2000;
    for (int k = 0; k < 4; k++)
        for (int i = 0; i < counts[k]; i++, urn++)
            len += (size_t)snprintf(csv + len, sizeof csv - len, "%d,%s,%d,%d,%d\n", urn,
                                    phases[k], 1 + urn % 3, 1 + (urn * 7) % 5, urn % 11);
    triad_schools *s = NULL;
    triad_spec *spec = NULL;
    triad_plan *p = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, len, "pboro.csv", NULL, &s, &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_spec_read(EXAMPLES_DIR "/peterborough.ini", &spec, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, spec, NULL, &p, &err), TRIAD_OK);
    char got[128];
    plan_sizes(p, triad_schools_count(s), got, sizeof got);
    CU_ASSERT_STRING_EQUAL(got, "12 9 9 9 9 8 6 6"); /* sector-wide 12 and 6 */
    /* the PRU is in the secondary collaborative */
    size_t pru = 61;
    for (size_t i = 50; i < 61; i++)
        CU_ASSERT_EQUAL(p->collab[i], p->collab[pru]);
    triad_report *r = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_check(s, spec, p, &r, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_report_violations(r), 0);
    triad_report_free(r);
    triad_plan_free(p);
    triad_spec_free(spec);
    triad_schools_free(s);
}

/* Opted-out schools are counted and named; one causing concern is a warning. */
static void test_opted_out_counted(void)
{
    const char csv[] = "urn,name,phase,ofsted,priority,opted_out\n"
                       "1,A,Primary,2,,0\n2,B,Primary,1,,0\n3,C,Primary,2,,0\n"
                       "4,D,Primary,3,,0\n5,E,Primary,2,,0\n6,F,Primary,1,,0\n"
                       "7,Gone,Primary,2,,1\n8,Worry,Primary,4,3,1\n";
    triad_schools *s = NULL;
    triad_plan *p = NULL;
    triad_report *r = NULL;
    triad_network *net = NULL;
    triad_error err;
    char *json = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, sizeof csv - 1, "o.csv", NULL, &s, &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, NULL, NULL, &p, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(p),
                                  "warning: school 8 (Worry) causes concern but has opted out"));
    CU_ASSERT_EQUAL_FATAL(triad_check(s, NULL, p, &r, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_report_format(r, 1, &json, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"opted_out\": 2"));
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"7 Gone\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "causes concern but has opted out"));
    const triad_plan *plans[] = {p};
    CU_ASSERT_EQUAL_FATAL(triad_network_build(s, plans, 1, &net, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_network_isolated(net), 2); /* both opted-out schools */
    triad_network_free(net);
    triad_string_free(json);
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

void register_sizes_tests(void)
{
    CU_pSuite s = CU_add_suite("sizes", NULL, NULL);
    CU_add_test(s, "six or nine, whole triads first", test_six_or_nine);
    CU_add_test(s, "13 schools: error or stated exception", test_not_divisible_is_an_error);
    CU_add_test(s, "check flags groups outside their sizes", test_check_flags_sizes);
    CU_add_test(s, "Surrey: whole triads where the arithmetic allows", test_surrey_whole_triads);
    CU_add_test(s, "ILP keeps mixed sizes", test_ilp_mixed_sizes);
    CU_add_test(s, "sector-wide strata, spec errors", test_sector_wide_and_spec_errors);
    CU_add_test(s, "examples/peterborough.ini", test_peterborough);
    CU_add_test(s, "opted-out schools counted", test_opted_out_counted);
}
