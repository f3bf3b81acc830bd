/* The C API for tools and researchers (issue 12): problems built in memory,
 * results as numbers, misuse refused. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static triad_schools *built(size_t n)
{
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_new(&s, &err), TRIAD_OK);
    size_t region;
    CU_ASSERT_EQUAL_FATAL(triad_schools_add_attribute(s, "region", 0, &region, &err), TRIAD_OK);
    for (size_t k = 0; k < n; k++) {
        char urn[16];
        size_t i;
        snprintf(urn, sizeof urn, "%zu", 500 + k);
        CU_ASSERT_EQUAL_FATAL(triad_schools_add(s, urn, TRIAD_PHASE_PRIMARY, &i, &err), TRIAD_OK);
        CU_ASSERT_EQUAL(i, k);
        CU_ASSERT_EQUAL(triad_schools_set_number(s, i, TRIAD_FIELD_OFSTED, 1 + (double)(k % 4), &err),
                        TRIAD_OK);
        CU_ASSERT_EQUAL(triad_schools_set_attribute_category(s, region, i, k % 3 ? "N" : "S", &err),
                        TRIAD_OK);
    }
    return s;
}

/* Built in memory, the same problem as from a file gives the same plan. */
static void test_memory_equals_file(void)
{
    triad_schools *mem = built(24);
    const char *csv = "urn,phase,ofsted,region\n";
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text, "%s", csv);
    for (size_t k = 0; k < 24; k++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%zu,Primary,%zu,%s\n", 500 + k,
                                1 + k % 4, k % 3 ? "N" : "S");
    triad_schools *file = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(text, len, "f.csv", NULL, &file, &err),
                          TRIAD_OK);
    triad_spec *spec = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_spec_new(&spec, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_spec_set(spec, "balance", "region", "1", &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_spec_set(spec, "stratum.primary", "sizes", "6, 9", &err), TRIAD_OK);
    triad_plan *pm = NULL, *pf = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(mem, spec, NULL, &pm, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_solve(file, spec, NULL, &pf, &err), TRIAD_OK);
    for (size_t i = 0; i < 24; i++) {
        CU_ASSERT_EQUAL(triad_plan_collaborative_of(pm, i), triad_plan_collaborative_of(pf, i));
        CU_ASSERT_EQUAL(triad_plan_triad_of(pm, i), triad_plan_triad_of(pf, i));
    }
    /* results as numbers agree with the JSON document */
    triad_report *r = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_check(mem, spec, pm, &r, &err), TRIAD_OK);
    size_t ng = triad_report_group_count(r, TRIAD_LEVEL_COLLABORATIVE);
    CU_ASSERT_EQUAL(ng, 3); /* 24 = 9 + 9 + 6 */
    size_t sizes = 0;
    for (size_t g = 0; g < ng; g++) {
        sizes += triad_report_group_size(r, TRIAD_LEVEL_COLLABORATIVE, g);
        CU_ASSERT_TRUE(triad_report_group_within_one(r, TRIAD_LEVEL_COLLABORATIVE, g));
        for (size_t a = 0; a < triad_report_attribute_count(r); a++) {
            if (triad_report_attribute_is_numeric(r, a))
                continue;
            int total = 0;
            double share_total = 0;
            for (size_t c = 0; c < triad_report_category_count(r, a); c++) {
                int count;
                double share;
                CU_ASSERT_EQUAL(triad_report_cell(r, TRIAD_LEVEL_COLLABORATIVE, g, a, c, &count,
                                                  &share, &err),
                                TRIAD_OK);
                CU_ASSERT(fabs(count - share) <= 1.0 + 1e-9);
                total += count;
                share_total += share;
            }
            CU_ASSERT_EQUAL((size_t)total, triad_report_group_size(r, TRIAD_LEVEL_COLLABORATIVE, g));
            CU_ASSERT_DOUBLE_EQUAL(share_total, (double)total, 1e-9);
        }
    }
    CU_ASSERT_EQUAL(sizes, 24);
    triad_stratum_result sr;
    CU_ASSERT_EQUAL_FATAL(triad_plan_stratum_count(pm), 1);
    CU_ASSERT_EQUAL(triad_plan_stratum_result(pm, 0, &sr, &err), TRIAD_OK);
    CU_ASSERT_STRING_EQUAL(sr.stratum, "primary");
    CU_ASSERT_PTR_NOT_NULL(strstr(sr.sizes, "24 schools as 2 of 9 and 1 of 6"));
    triad_report_free(r);
    triad_plan_free(pm);
    triad_plan_free(pf);
    triad_spec_free(spec);
    triad_schools_free(mem);
    triad_schools_free(file);
}

/* A plan from arrays, its violations as structs. */
static void test_plan_from_arrays(void)
{
    triad_schools *s = built(6);
    triad_error err;
    const char *col[6] = {"A", "A", "A", "A", "A", NULL};
    const char *tri[6] = {"A.1", "A.1", "A.1", "A.2", "A.2", NULL};
    int lead[6] = {1, 1, 0, 0, 0, 0};
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_plan_from_arrays(s, col, tri, lead, &p, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_plan_collaborative_count(p), 1);
    CU_ASSERT_EQUAL(triad_plan_triad_count(p), 2);
    CU_ASSERT_EQUAL(triad_plan_collaborative_of(p, 5), -1);
    CU_ASSERT_TRUE(triad_plan_is_lead(p, 0));
    triad_report *r = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_check(s, NULL, p, &r, &err), TRIAD_OK);
    size_t nv = triad_report_violations(r);
    CU_ASSERT(nv >= 2); /* two leads; school 6 unplanned; size 5 */
    int two_leads = 0, unplanned = 0;
    for (size_t v = 0; v < nv; v++) {
        triad_violation tv;
        CU_ASSERT_EQUAL_FATAL(triad_report_violation(r, v, &tv, &err), TRIAD_OK);
        two_leads |= strcmp(tv.kind, "lead") == 0 && strstr(tv.message, "2 leads") != NULL;
        unplanned |= strcmp(tv.kind, "unplanned") == 0;
    }
    CU_ASSERT_TRUE(two_leads);
    CU_ASSERT_TRUE(unplanned);
    triad_report_free(r);
    triad_plan_free(p);
    int bad_lead[6] = {2, 0, 0, 0, 0, 0};
    CU_ASSERT_EQUAL(triad_plan_from_arrays(s, col, tri, bad_lead, &p, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_PTR_NULL(p);
    triad_schools_free(s);
}

/* The anticlustering objectives, against a hand computation: one numeric
 * feature, two pairs {100, 400} and {200, 300}: distances 300/sd and
 * 100/sd, so variance / diversity^2 = (300^2 + 100^2) / 2 / 400^2. */
static void test_objectives(void)
{
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_new(&s, &err), TRIAD_OK);
    double pupils[4] = {100, 200, 300, 400};
    for (size_t k = 0; k < 4; k++) {
        char urn[8];
        snprintf(urn, sizeof urn, "%zu", k + 1);
        CU_ASSERT_EQUAL_FATAL(triad_schools_add(s, urn, TRIAD_PHASE_PRIMARY, NULL, &err), TRIAD_OK);
        CU_ASSERT_EQUAL(triad_schools_set_number(s, k, TRIAD_FIELD_PUPILS, pupils[k], &err), TRIAD_OK);
    }
    const char *col[4] = {"X", "Y", "Y", "X"};
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_plan_from_arrays(s, col, NULL, NULL, &p, &err), TRIAD_OK);
    triad_objectives o;
    CU_ASSERT_EQUAL_FATAL(triad_objectives_compute(s, NULL, p, &o, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(o.groups, 2);
    CU_ASSERT(o.diversity > 0);
    CU_ASSERT_DOUBLE_EQUAL(o.variance / (o.diversity * o.diversity), 100000.0 / 2 / 160000.0, 1e-9);
    CU_ASSERT(o.kplus >= o.variance - 1e-12); /* more features, never less spread */
    triad_plan_free(p);
    triad_schools_free(s);
}

/* Misuse: NULLs, wrong indexes and kinds, out-of-range values, duplicates. */
static void test_misuse(void)
{
    triad_error err;
    triad_schools *s = built(3);
    size_t i;
    CU_ASSERT_EQUAL(triad_schools_new(NULL, &err), TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(triad_schools_add(s, "500", TRIAD_PHASE_PRIMARY, &i, &err), TRIAD_ERR_DUPLICATE);
    CU_ASSERT_EQUAL(triad_schools_add(s, "  ", TRIAD_PHASE_PRIMARY, &i, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_EQUAL(triad_schools_add(s, "9", (triad_phase)99, &i, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_EQUAL(triad_schools_add(NULL, "9", TRIAD_PHASE_PRIMARY, &i, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(triad_schools_set_number(s, 3, TRIAD_FIELD_OFSTED, 2, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "out of range"));
    CU_ASSERT_EQUAL(triad_schools_set_number(s, 0, TRIAD_FIELD_OFSTED, 7, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_EQUAL(triad_schools_set_number(s, 0, TRIAD_FIELD_PUPILS, INFINITY, &err),
                    TRIAD_ERR_VALUE);
    CU_ASSERT_EQUAL(triad_schools_set_number(s, 0, TRIAD_FIELD_NAME, 1, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(triad_schools_set_text(s, 0, TRIAD_FIELD_PUPILS, "x", &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(triad_schools_set_location(s, 0, 900000, 100, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_EQUAL(triad_schools_set_location(s, 0, NAN, 100, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_EQUAL(triad_schools_add_attribute(s, "Region", 0, &i, &err), TRIAD_ERR_DUPLICATE);
    CU_ASSERT_EQUAL(triad_schools_add_attribute(s, "deprivation", 0, &i, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_EQUAL(triad_schools_set_attribute_number(s, 0, 0, 1.0, &err),
                    TRIAD_ERR_INVALID_ARGUMENT); /* region is categorical */
    CU_ASSERT_EQUAL(triad_schools_set_attribute_category(s, 7, 0, "x", &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    triad_spec *spec = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_spec_new(&spec, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_spec_set(spec, "balance", "ofsted", "1e308", &err), TRIAD_ERR_SPEC);
    CU_ASSERT_EQUAL(triad_spec_set(spec, "nowhere", "x", "1", &err), TRIAD_ERR_SPEC);
    CU_ASSERT_EQUAL(triad_spec_set(spec, "stratum.primary", "min_size", "10", &err), TRIAD_ERR_SPEC);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "min_size 10 is larger than max_size 9"));
    CU_ASSERT_EQUAL(triad_spec_set(NULL, "balance", "ofsted", "1", &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    triad_report *r = NULL;
    triad_plan *p = NULL;
    /* 3 schools: too few for two collaboratives, so one (small_stratum = auto) */
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, NULL, NULL, &p, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_plan_collaborative_count(p), 1);
    triad_plan_free(p);
    p = NULL;
    CU_ASSERT_EQUAL(triad_report_group_count(NULL, TRIAD_LEVEL_TRIAD), 0);
    CU_ASSERT_PTR_NULL(triad_report_group_label(r, TRIAD_LEVEL_COLLABORATIVE, 0));
    triad_violation tv;
    CU_ASSERT_EQUAL(triad_report_violation(NULL, 0, &tv, &err), TRIAD_ERR_INVALID_ARGUMENT);
    triad_stratum_result sr;
    CU_ASSERT_EQUAL(triad_plan_stratum_result(NULL, 0, &sr, &err), TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(triad_objectives_compute(s, NULL, NULL, NULL, &err), TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_STRING_EQUAL(triad_method_name(TRIAD_METHOD_ILP), "ilp");
    CU_ASSERT_PTR_NULL(triad_method_name((triad_method)42));
    triad_method m;
    CU_ASSERT_EQUAL(triad_method_from_name("GEO", &m), TRIAD_OK);
    CU_ASSERT_EQUAL(m, TRIAD_METHOD_GEO);
    CU_ASSERT_EQUAL(triad_method_from_name("annealing", &m), TRIAD_ERR_INVALID_ARGUMENT);
    char v[32];
    snprintf(v, sizeof v, "%d.%d.%d", TRIAD_VERSION_MAJOR, TRIAD_VERSION_MINOR,
             TRIAD_VERSION_PATCH);
    CU_ASSERT_STRING_EQUAL(triad_version(), v);
    triad_spec_free(spec);
    triad_schools_free(s);
}

typedef struct log_lines {
    int info, warning;
    int concern_warning;
} log_lines;

static void on_log(triad_log_level level, const char *line, void *user)
{
    log_lines *l = user;
    if (level == TRIAD_LOG_WARNING) {
        l->warning++;
        l->concern_warning |= strstr(line, "causes concern but has opted out") != NULL;
    } else {
        l->info++;
    }
}

/* The log callback gets the solver's lines, warnings marked. */
/* Text through the API reaches UTF-8 outputs: bytes that are not UTF-8
 * are refused (JSON would drop the field they are in); identifiers and
 * labels, shown on one line, refuse a line break too; a name may hold one.
 * A label refused by the reader is refused by from_arrays alike. */
static void test_text_checked(void)
{
    triad_error err;
    triad_schools *s = built(3);
    size_t i;
    CU_ASSERT_EQUAL(triad_schools_add(s, "9\xff", TRIAD_PHASE_PRIMARY, &i, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "not UTF-8"));
    CU_ASSERT_EQUAL(triad_schools_add(s, "9\n1", TRIAD_PHASE_PRIMARY, &i, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_EQUAL(triad_schools_count(s), 3);
    CU_ASSERT_EQUAL(triad_schools_set_text(s, 0, TRIAD_FIELD_NAME, "Ash\xc3", &err),
                    TRIAD_ERR_VALUE);
    CU_ASSERT_EQUAL(triad_schools_set_text(s, 0, TRIAD_FIELD_NAME, "Ash\nPrimary", &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_set_text(s, 0, TRIAD_FIELD_TRUST, "T\t1", &err), TRIAD_ERR_VALUE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "control character"));
    CU_ASSERT_EQUAL(triad_schools_set_text(s, 0, TRIAD_FIELD_TRUST, "Tr\xc3\xbcst", &err),
                    TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_add_attribute(s, "zone\r", 0, &i, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_EQUAL(triad_schools_set_attribute_category(s, 0, 1, "N\nS", &err), TRIAD_ERR_VALUE);
    CU_ASSERT_EQUAL(triad_schools_set_attribute_category(s, 0, 1, "\xe2\x82", &err),
                    TRIAD_ERR_VALUE);
    const char *bad_utf8[] = {"a", "a", "b\xff"}, *bad_line[] = {"a", "a\nb", "a"};
    const char *ok[] = {"a", "a", "b"}, *triads_bad[] = {"t", "t\t2", NULL};
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL(triad_plan_from_arrays(s, bad_utf8, NULL, NULL, &p, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "school 2"));
    CU_ASSERT_EQUAL(triad_plan_from_arrays(s, bad_line, NULL, NULL, &p, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_EQUAL(triad_plan_from_arrays(s, ok, triads_bad, NULL, &p, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_PTR_NULL(p);
    /* the accepted texts reach the JSON whole */
    const char *ok_labels[] = {"a\xc3\xa9", "a\xc3\xa9", "b"};
    CU_ASSERT_EQUAL_FATAL(triad_plan_from_arrays(s, ok_labels, NULL, NULL, &p, &err), TRIAD_OK);
    triad_report *r = NULL;
    char *json = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_check(s, NULL, p, &r, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_report_format(r, 1, &json, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"label\": \"a\xc3\xa9\""));
    triad_string_free(json);
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

static void test_log_callback(void)
{
    const char csv[] = "urn,name,phase,ofsted,priority,opted_out\n"
                       "1,A,Primary,2,,0\n2,B,Primary,1,,0\n3,C,Primary,2,,0\n"
                       "4,D,Primary,3,,0\n5,E,Primary,2,,0\n6,F,Primary,1,,0\n"
                       "7,Worry,Primary,4,3,1\n";
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, sizeof csv - 1, "l.csv", NULL, &s, &err),
                          TRIAD_OK);
    log_lines l = {0, 0, 0};
    triad_solve_options o = TRIAD_SOLVE_OPTIONS_INIT;
    o.log = on_log;
    o.log_user = &l;
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, NULL, &o, &p, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(l.warning, 1);
    CU_ASSERT_TRUE(l.concern_warning);
    CU_ASSERT(l.info >= 2); /* the stratum's engine line and its sizes */
    triad_plan_free(p);
    triad_schools_free(s);
}

/* Every key set can be read back as set. */
static void test_spec_get(void)
{
    triad_spec *spec = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_spec_new(&spec, &err), TRIAD_OK);
    const char *set[][3] = {{"stratum.primary", "sizes", "6, 9"},
                            {"stratum.special", "sector_wide", "yes"},
                            {"stratum.secondary", "phases", "Secondary, PRU"},
                            {"balance", "ofsted", "2.5"},
                            {"constraints", "triad_max_km", "12"},
                            {"constraints", "must_link", "1 2"},
                            {"history", "avoid", "hard"},
                            {"geography", "areas", "7"},
                            {"solver", "method", "ilp"},
                            {"solver", "seed", "18446744073709551615"}};
    for (size_t k = 0; k < sizeof set / sizeof set[0]; k++) {
        char buf[128];
        CU_ASSERT_EQUAL(triad_spec_set(spec, set[k][0], set[k][1], set[k][2], &err), TRIAD_OK);
        CU_ASSERT_EQUAL(triad_spec_get(spec, set[k][0], set[k][1], buf, sizeof buf, &err),
                        TRIAD_OK);
        if (strcmp(buf, set[k][2]) != 0)
            fprintf(stderr, "\n  [%s] %s: set '%s', got '%s'\n", set[k][0], set[k][1], set[k][2],
                    buf);
        CU_ASSERT_STRING_EQUAL(buf, set[k][2]);
    }
    char buf[8];
    CU_ASSERT_EQUAL(triad_spec_get(spec, "stratum.primary", "max_size", buf, sizeof buf, &err),
                    TRIAD_OK);
    CU_ASSERT_STRING_EQUAL(buf, "9");
    CU_ASSERT_EQUAL(triad_spec_get(spec, "balance", "nothing", buf, sizeof buf, &err),
                    TRIAD_ERR_SPEC);
    CU_ASSERT_EQUAL(triad_spec_get(spec, "solver", "seed", NULL, 4, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    triad_spec_free(spec);
}

/* Issue 33: every field readable back, "missing" distinct from a value,
 * and the derived flags as the rules have them. */
static void test_fields_read_back(void)
{
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_new(&s, &err), TRIAD_OK);
    size_t a = 0, b = 0, attr = 0, cat = 0;
    CU_ASSERT_EQUAL_FATAL(triad_schools_add(s, "901", TRIAD_PHASE_PRIMARY, &a, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_schools_add(s, "902", TRIAD_PHASE_PRIMARY, &b, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_set_text(s, a, TRIAD_FIELD_TRUST, "Oak Trust", &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_set_number(s, a, TRIAD_FIELD_OFSTED, 2, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_set_number(s, a, TRIAD_FIELD_FSM_PCT, 23.5, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_set_number(s, a, TRIAD_FIELD_URBAN, 0, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_set_number(s, a, TRIAD_FIELD_HEAD_YEARS, 1, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_set_number(s, b, TRIAD_FIELD_PRIORITY, 3, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_set_location(s, a, 500000, 150000, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_add_attribute(s, "score", 1, &attr, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_add_attribute(s, "diocese", 0, &cat, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_set_attribute_number(s, attr, a, 7.5, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_set_attribute_category(s, cat, b, "CofE", &err), TRIAD_OK);
    const char *t = NULL;
    double v = -1, e = 0, n = 0;
    CU_ASSERT_EQUAL(triad_schools_get_text(s, a, TRIAD_FIELD_TRUST, &t, &err), TRIAD_OK);
    CU_ASSERT_STRING_EQUAL(t, "Oak Trust");
    CU_ASSERT_EQUAL(triad_schools_get_text(s, b, TRIAD_FIELD_TRUST, &t, &err), TRIAD_ERR_EMPTY);
    CU_ASSERT_EQUAL(triad_schools_get_number(s, a, TRIAD_FIELD_FSM_PCT, &v, &err), TRIAD_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 23.5, 1e-12);
    CU_ASSERT_EQUAL(triad_schools_get_number(s, a, TRIAD_FIELD_URBAN, &v, &err), TRIAD_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 0, 0); /* rural: a value, not missing */
    CU_ASSERT_EQUAL(triad_schools_get_number(s, b, TRIAD_FIELD_URBAN, &v, &err), TRIAD_ERR_EMPTY);
    CU_ASSERT_EQUAL(triad_schools_get_number(s, b, TRIAD_FIELD_OFSTED, &v, &err), TRIAD_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 0, 0); /* not inspected is a value */
    CU_ASSERT_EQUAL(triad_schools_get_number(s, a, TRIAD_FIELD_PRIORITY, &v, &err), TRIAD_ERR_EMPTY);
    CU_ASSERT_EQUAL(triad_schools_get_number(s, b, TRIAD_FIELD_PRIORITY, &v, &err), TRIAD_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 3, 0);
    CU_ASSERT_EQUAL(triad_schools_get_number(s, a, TRIAD_FIELD_TRUST, &v, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(triad_schools_get_location(s, a, &e, &n, &err), TRIAD_OK);
    CU_ASSERT_DOUBLE_EQUAL(e, 500000, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(n, 150000, 1e-9);
    CU_ASSERT_EQUAL(triad_schools_get_location(s, b, &e, &n, &err), TRIAD_ERR_EMPTY);
    CU_ASSERT_EQUAL(triad_schools_get_attribute_number(s, attr, a, &v, &err), TRIAD_OK);
    CU_ASSERT_DOUBLE_EQUAL(v, 7.5, 1e-12);
    CU_ASSERT_EQUAL(triad_schools_get_attribute_number(s, attr, b, &v, &err), TRIAD_ERR_EMPTY);
    CU_ASSERT_EQUAL(triad_schools_get_attribute_category(s, cat, b, &t, &err), TRIAD_OK);
    CU_ASSERT_STRING_EQUAL(t, "CofE");
    CU_ASSERT_EQUAL(triad_schools_get_attribute_category(s, attr, b, &t, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(triad_schools_get_text(s, 9, TRIAD_FIELD_NAME, &t, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    /* derived: Good but a head of one year: not lead-eligible; priority 3:
     * causing concern; the flag given overrides the rule */
    CU_ASSERT_EQUAL(triad_schools_is_lead_eligible(s, a), 0);
    CU_ASSERT_EQUAL(triad_schools_is_causing_concern(s, a), 0);
    CU_ASSERT_EQUAL(triad_schools_is_causing_concern(s, b), 1);
    CU_ASSERT_EQUAL(triad_schools_set_number(s, a, TRIAD_FIELD_LEAD_ELIGIBLE, 1, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_is_lead_eligible(s, a), 1);
    CU_ASSERT_EQUAL(triad_schools_is_lead_eligible(s, 9), 0);
    triad_schools_free(s);
}

void register_api_tests(void)
{
    CU_pSuite s = CU_add_suite("api", NULL, NULL);
    CU_add_test(s, "in memory equals from a file; numbers", test_memory_equals_file);
    CU_add_test(s, "plan from arrays, violations as structs", test_plan_from_arrays);
    CU_add_test(s, "anticlustering objectives", test_objectives);
    CU_add_test(s, "misuse refused", test_misuse);
    CU_add_test(s, "every field read back, missing apart", test_fields_read_back);
    CU_add_test(s, "text checked", test_text_checked);
    CU_add_test(s, "log callback", test_log_callback);
    CU_add_test(s, "spec keys read back", test_spec_get);
}
