/* triad check on a hand-written plan: deviations worked out by hand in
 * tests/data/small.csv's comments below, asserted exactly. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/report_impl.h"
#include "test_util.h"

/* small.csv: 12 primaries. Ofsted: Outstanding 2, Good 6, RI 2, Inadequate
 * 1, not inspected 1. Collaborative A holds the six Good schools, so with
 * shares of 6/12 of each total: Good 6 vs 3 (+3), Outstanding 0 vs 1,
 * RI 0 vs 1, Inadequate 0 vs 0.5, not inspected 0 vs 0.5. */
static triad_report *check_small(const char *spec_path)
{
    triad_schools *s = test_read_schools(DATA("small.csv"));
    triad_spec *spec = NULL;
    triad_plan *plan = NULL;
    triad_report *r = NULL;
    triad_error err;
    if (spec_path)
        CU_ASSERT_EQUAL_FATAL(triad_spec_read(spec_path, &spec, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_plan_read(DATA("small-plan.csv"), s, &plan, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_check(s, spec, plan, &r, &err), TRIAD_OK);
    triad_plan_free(plan);
    triad_spec_free(spec);
    triad_schools_free(s); /* the report must not borrow from its inputs */
    return r;
}

static long attr_index(const triad_report *r, const char *name)
{
    for (size_t a = 0; a < r->prof.nattr; a++)
        if (strcmp(r->prof.attr[a].name, name) == 0)
            return (long)a;
    return -1;
}

#define EPS 1e-12

static void test_ofsted_deviations(void)
{
    triad_report *r = check_small(NULL);
    CU_ASSERT_EQUAL_FATAL(r->ncollab, 2);
    long a = attr_index(r, "ofsted");
    CU_ASSERT_FATAL(a >= 0);
    size_t off = r->offset[a];
    const group_score *A = &r->collab[0], *B = &r->collab[1];
    CU_ASSERT_STRING_EQUAL(A->label, "A");
    CU_ASSERT_EQUAL(A->size, 6);
    int countA[5] = {0, 6, 0, 0, 0}, countB[5] = {2, 0, 2, 1, 1};
    double share[5] = {1.0, 3.0, 1.0, 0.5, 0.5};
    for (int c = 0; c < 5; c++) {
        CU_ASSERT_EQUAL(A->count[off + c], countA[c]);
        CU_ASSERT_EQUAL(B->count[off + c], countB[c]);
        CU_ASSERT_DOUBLE_EQUAL(A->share[off + c], share[c], EPS);
        CU_ASSERT_DOUBLE_EQUAL(B->share[off + c], share[c], EPS);
    }
    CU_ASSERT_DOUBLE_EQUAL(A->attr_dev[a], 3.0, EPS);
    CU_ASSERT_DOUBLE_EQUAL(A->max_dev, 3.0, EPS);
    CU_ASSERT_FALSE(A->within_one);
    CU_ASSERT_DOUBLE_EQUAL(triad_report_max_deviation(r), 3.0, EPS);
    CU_ASSERT_FALSE(triad_report_collaboratives_within_one(r));
    triad_report_free(r);
}

/* FSM quintiles within the file, band 1 = highest FSM: 60,55,50 -> Q1;
 * 45,40 -> Q2; 35,30,25 -> Q3; 20,15 -> Q4; 10,5 -> Q5. A holds FSM
 * 10..60: Q1 2 (share 1.5), Q2 1 (1), Q3 1 (1.5), Q4 1 (1), Q5 1 (1). */
static void test_deprivation_and_urban(void)
{
    triad_report *r = check_small(NULL);
    long d = attr_index(r, "deprivation"), u = attr_index(r, "urban_rural"),
         h = attr_index(r, "head_experience"), p = attr_index(r, "pupils");
    CU_ASSERT_FATAL(d >= 0 && u >= 0 && h >= 0 && p >= 0);
    const group_score *A = &r->collab[0], *B = &r->collab[1];
    int qa[5] = {2, 1, 1, 1, 1};
    double qs[5] = {1.5, 1.0, 1.5, 1.0, 1.0};
    for (int c = 0; c < 5; c++) {
        CU_ASSERT_EQUAL(A->count[r->offset[d] + c], qa[c]);
        CU_ASSERT_DOUBLE_EQUAL(A->share[r->offset[d] + c], qs[c], EPS);
    }
    CU_ASSERT_DOUBLE_EQUAL(A->attr_dev[d], 0.5, EPS);
    /* Urban 9 of 12: share 4.5; A is all urban (+1.5), B has 3 (-1.5). */
    CU_ASSERT_EQUAL(A->count[r->offset[u]], 6);
    CU_ASSERT_EQUAL(B->count[r->offset[u]], 3);
    CU_ASSERT_DOUBLE_EQUAL(A->share[r->offset[u]], 4.5, EPS);
    CU_ASSERT_DOUBLE_EQUAL(A->attr_dev[u], 1.5, EPS);
    CU_ASSERT_DOUBLE_EQUAL(B->attr_dev[u], 1.5, EPS);
    /* Head years 0-2 / 3-5 / 6+ / unknown: totals 4/3/4/1, A 2/2/2/0. */
    CU_ASSERT_EQUAL(A->count[r->offset[h] + 0], 2);
    CU_ASSERT_EQUAL(A->count[r->offset[h] + 1], 2);
    CU_ASSERT_EQUAL(A->count[r->offset[h] + 2], 2);
    CU_ASSERT_EQUAL(B->count[r->offset[h] + 3], 1);
    CU_ASSERT_DOUBLE_EQUAL(A->attr_dev[h], 0.5, EPS);
    /* Pupils: A 100..600 mean 350, B 150..650 mean 400, population 375. */
    CU_ASSERT_DOUBLE_EQUAL(A->mean[p], 350.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(B->mean[p], 400.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(A->ref_mean[p], 375.0, 1e-9);
    triad_report_free(r);
}

static int has_violation(const triad_report *r, const char *constraint, const char *group)
{
    for (size_t v = 0; v < r->nviol; v++)
        if (strcmp(r->viol[v].constraint, constraint) == 0 &&
            strcmp(r->viol[v].group, group) == 0)
            return 1;
    return 0;
}

/* A has three schools of trust T1 (cap 2) and all three share triad A.1
 * (cap 1); B's lead 1009 is graded RI (not eligible); triad B.2 is 1009
 * (priority 3), 1010 (RI) and 1011 (Inadequate): all causing concern. */
static void test_violations(void)
{
    triad_report *r = check_small(NULL);
    CU_ASSERT_EQUAL(triad_report_violations(r), 4);
    CU_ASSERT_TRUE(has_violation(r, "trust", "A"));
    CU_ASSERT_TRUE(has_violation(r, "trust", "A.1"));
    CU_ASSERT_TRUE(has_violation(r, "lead", "B"));
    CU_ASSERT_TRUE(has_violation(r, "concern", "B.2"));
    CU_ASSERT_EQUAL(r->ntriad, 4);
    CU_ASSERT_EQUAL(r->nunplanned, 0);
    triad_report_free(r);
}

/* A spec can switch the caps off, balance a user column and add links. */
static void test_spec_changes_scoring(void)
{
    const char *path = "/tmp/triad-test-spec.ini";
    FILE *f = fopen(path, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("[balance]\ndiocese = 2\npupils = 0\n[constraints]\ntrust_cap_collaborative = 0\n"
          "trust_cap_triad = 0\nno_concern_triads = no\nmust_link = 1001 1007\n"
          "cannot_link = 1002 1003\n",
          f);
    fclose(f);
    triad_report *r = check_small(path);
    long dio = attr_index(r, "diocese");
    CU_ASSERT_FATAL(dio >= 0);
    CU_ASSERT_EQUAL(attr_index(r, "pupils"), -1);
    CU_ASSERT_EQUAL(r->prof.attr[dio].ncat, 3);
    CU_ASSERT_DOUBLE_EQUAL(r->prof.attr[dio].weight, 2.0, EPS);
    /* lead (B) + must_link 1001/1007 split + cannot_link 1002/1003 together */
    CU_ASSERT_EQUAL(triad_report_violations(r), 3);
    CU_ASSERT_TRUE(has_violation(r, "must_link", ""));
    CU_ASSERT_TRUE(has_violation(r, "cannot_link", "A"));
    triad_report_free(r);
    remove(path);
}

static void test_json_fields(void)
{
    triad_report *r = check_small(NULL);
    char *text = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_report_format(r, 1, &text, &err), TRIAD_OK);
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(root);
    json_t *summary = json_object_get(root, "summary");
    CU_ASSERT_EQUAL(json_integer_value(json_object_get(summary, "collaboratives")), 2);
    CU_ASSERT_EQUAL(json_integer_value(json_object_get(summary, "violations")), 4);
    CU_ASSERT_TRUE(json_is_false(json_object_get(summary, "all_collaboratives_within_one")));
    /* every field the README documents is there */
    static const char *const summary_fields[] = {
        "schools", "planned", "unplanned", "collaboratives", "triads",
        "collaboratives_within_one", "triads_within_one", "max_deviation_collaboratives",
        "max_deviation_triads", "all_collaboratives_within_one", "violations"};
    for (size_t k = 0; k < sizeof summary_fields / sizeof *summary_fields; k++)
        CU_ASSERT_PTR_NOT_NULL(json_object_get(summary, summary_fields[k]));
    static const char *const top[] = {"summary", "attributes", "strata", "collaboratives",
                                      "triads", "violations"};
    for (size_t k = 0; k < sizeof top / sizeof *top; k++)
        CU_ASSERT_PTR_NOT_NULL(json_object_get(root, top[k]));
    static const char *const group_fields[] = {"label", "stratum", "size", "max_deviation",
                                               "within_one", "attributes"};
    json_t *t0 = json_array_get(json_object_get(root, "triads"), 0);
    for (size_t k = 0; k < sizeof group_fields / sizeof *group_fields; k++) {
        CU_ASSERT_PTR_NOT_NULL(json_object_get(json_array_get(json_object_get(root, "collaboratives"), 0), group_fields[k]));
        CU_ASSERT_PTR_NOT_NULL(json_object_get(t0, group_fields[k]));
    }
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(t0, "collaborative")), "A");
    json_t *pupils = json_object_get(json_object_get(t0, "attributes"), "pupils");
    CU_ASSERT_PTR_NOT_NULL(json_object_get(pupils, "mean"));
    CU_ASSERT_PTR_NOT_NULL(json_object_get(pupils, "population_mean"));
    CU_ASSERT_PTR_NOT_NULL(json_object_get(pupils, "deviation_sd"));
    json_t *v0 = json_array_get(json_object_get(root, "violations"), 0);
    CU_ASSERT_PTR_NOT_NULL(json_object_get(v0, "constraint"));
    CU_ASSERT_PTR_NOT_NULL(json_object_get(v0, "group"));
    CU_ASSERT_PTR_NOT_NULL(json_object_get(v0, "message"));
    json_t *at0 = json_array_get(json_object_get(root, "attributes"), 0);
    static const char *const attr_fields[] = {"name", "source", "type", "weight", "categories"};
    for (size_t k = 0; k < sizeof attr_fields / sizeof *attr_fields; k++)
        CU_ASSERT_PTR_NOT_NULL(json_object_get(at0, attr_fields[k]));
    json_t *a = json_array_get(json_object_get(root, "collaboratives"), 0);
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(a, "lead")), "1001");
    json_t *good = json_array_get(
        json_object_get(json_object_get(json_object_get(a, "attributes"), "ofsted"),
                        "categories"),
        1);
    CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(good, "category")), "Good");
    CU_ASSERT_EQUAL(json_integer_value(json_object_get(good, "count")), 6);
    CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(good, "deviation")), 3.0, EPS);
    json_decref(root);
    triad_string_free(text);
    CU_ASSERT_EQUAL_FATAL(triad_report_format(r, 0, &text, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "Violations: 4"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "in 0 of 2 collaboratives"));
    triad_string_free(text);
    triad_report_free(r);
}

/* Schools left out of a plan are reported, not an error. */
static void test_unplanned(void)
{
    triad_schools *s = test_read_schools(DATA("small.csv"));
    const char *path = "/tmp/triad-test-partial-plan.csv";
    FILE *f = fopen(path, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("URN,collaborative,triad,lead\n1001,A,,1\n1002,A,,0\n", f);
    fclose(f);
    triad_plan *plan = NULL;
    triad_report *r = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_plan_read(path, s, &plan, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_check(s, NULL, plan, &r, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(r->nunplanned, 10);
    CU_ASSERT_EQUAL(r->nplanned, 2);
    CU_ASSERT_TRUE(has_violation(r, "size", "A"));
    triad_report_free(r);
    triad_plan_free(plan);
    triad_schools_free(s);
    remove(path);
}

static size_t count_str(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_html_report(void)
{
    const char *csv = "urn,name,phase,ofsted,easting,northing\n"
                      "1,A & B <Primary>,Primary,1,500000,150000\n2,C,Primary,2,501000,150500\n"
                      "3,D,Primary,3,502000,151000\n4,E,Primary,2,503000,151500\n"
                      "5,F,Primary,2,504000,152000\n6,G,Primary,,505000,152500\n"
                      "7,H,Primary,2,,\n";
    triad_schools *s = NULL;
    triad_plan *p = NULL;
    triad_report *r = NULL;
    triad_error err;
    char *html = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, strlen(csv), "mem.csv", NULL, &s, &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, NULL, NULL, &p, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_check(s, NULL, p, &r, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_report_html(r, s, p, &html, &err), TRIAD_OK);
    /* one mark per located school (7 has no location), one ring per lead,
     * one polygon per triad; names are escaped */
    CU_ASSERT_EQUAL(count_str(html, "<circle class=school"), 6);
    CU_ASSERT_EQUAL(count_str(html, "<circle class=lead"), 1);
    CU_ASSERT_EQUAL(count_str(html, "<polygon class=triad"), triad_plan_triad_count(p));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "A &amp; B &lt;Primary&gt;"));
    CU_ASSERT_PTR_NULL(strstr(html, "<Primary>"));
    CU_ASSERT_PTR_NULL(strstr(html, "http://example")); /* nothing fetched from elsewhere */
    CU_ASSERT_PTR_NULL(strstr(html, "src="));
    /* the planner's data block: the name with every markup character as a
     * JSON escape, nothing raw; one executable script */
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "\"A \\u0026 B \\u003cPrimary\\u003e\""));
    CU_ASSERT_EQUAL(count_str(html, "<script>"), 1);
    CU_ASSERT_EQUAL(count_str(html, "<script type='application/json' id=planner-data>"), 1);
    CU_ASSERT_EQUAL(count_str(html, "\"triad_collab\""), 1);
    triad_string_free(html);

    /* years: two plans on one page; misuse is refused, nothing returned */
    const triad_report *reps[2] = {r, r};
    const triad_plan *plans[2] = {p, p};
    html = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_report_html_years(reps, plans, 2, s, NULL, &html, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(count_str(html, "\"triad_collab\""), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "A rotation of 2 years"));
    triad_string_free(html);
    html = (char *)"untouched";
    CU_ASSERT_EQUAL(triad_report_html_years(reps, plans, 0, s, NULL, &html, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_PTR_NULL(html);
    const triad_plan *holes[2] = {p, NULL};
    CU_ASSERT_EQUAL(triad_report_html_years(reps, holes, 2, s, NULL, &html, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "year 2"));
    CU_ASSERT_EQUAL(triad_report_html_years(NULL, plans, 2, s, NULL, &html, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(triad_report_html_years(reps, plans, 1, s, NULL, NULL, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    /* a report of another schools table does not belong with this plan */
    triad_schools *other = NULL;
    triad_plan *op = NULL;
    triad_report *orep = NULL;
    const char *csv2 = "urn,name,phase\n1,A,Primary\n2,B,Primary\n3,C,Primary\n";
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv2, strlen(csv2), "o.csv", NULL, &other, &err),
                          TRIAD_OK);
    const char *labels[3] = {"x", "x", "x"};
    CU_ASSERT_EQUAL_FATAL(triad_plan_from_arrays(other, labels, NULL, NULL, &op, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_check(other, NULL, op, &orep, &err), TRIAD_OK);
    const triad_report *mixed[2] = {r, orep};
    CU_ASSERT_EQUAL(triad_report_html_years(mixed, plans, 2, s, NULL, &html, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "do not belong together"));
    triad_report_free(orep);
    triad_plan_free(op);
    triad_schools_free(other);
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

static int cmp_dbl(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* Issue 31: triad travel in sight. The summary's median and longest triad
 * span and the count over 20 km agree with the triads' own max_km, and the
 * text says them. */
static void test_triad_travel_summary(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_plan *p = NULL;
    triad_report *r = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, NULL, NULL, &p, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_check(s, NULL, p, &r, &err), TRIAD_OK);
    char *json = NULL, *text = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_report_format(r, 1, &json, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_report_format(r, 0, &text, &err), TRIAD_OK);
    json_t *root = json_loads(json, 0, NULL);
    json_t *tri = json_object_get(root, "triads"), *sum = json_object_get(root, "summary");
    size_t n = json_array_size(tri), over = 0;
    double *km = malloc((n + 1) * sizeof *km);
    for (size_t t = 0; t < n; t++) {
        km[t] = json_real_value(json_object_get(json_array_get(tri, t), "max_km"));
        over += km[t] > 20.0;
    }
    qsort(km, n, sizeof *km, cmp_dbl);
    double median = n % 2 ? km[n / 2] : (km[n / 2 - 1] + km[n / 2]) / 2;
    CU_ASSERT(n > 100);
    CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(sum, "triad_span_median_km")), median,
                           1e-6);
    CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(sum, "triad_span_max_km")), km[n - 1],
                           1e-6);
    CU_ASSERT_EQUAL((size_t)json_integer_value(json_object_get(sum, "triads_over_20_km")), over);
    char line[160];
    snprintf(line, sizeof line, "Triad travel: median span %.1f km, longest %.1f km; %zu of %zu", median,
             km[n - 1], over, n);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, line));
    free(km);
    json_decref(root);
    triad_string_free(json);
    triad_string_free(text);
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

void register_check_tests(void)
{
    CU_pSuite s = CU_add_suite("check", NULL, NULL);
    CU_add_test(s, "Ofsted counts, shares, deviations", test_ofsted_deviations);
    CU_add_test(s, "deprivation, urban/rural, head years, pupils", test_deprivation_and_urban);
    CU_add_test(s, "constraint violations", test_violations);
    CU_add_test(s, "spec weights, caps and links", test_spec_changes_scoring);
    CU_add_test(s, "JSON and text output", test_json_fields);
    CU_add_test(s, "unplanned schools", test_unplanned);
    CU_add_test(s, "HTML report", test_html_report);
    CU_add_test(s, "triad travel in the summary", test_triad_travel_summary);
}
