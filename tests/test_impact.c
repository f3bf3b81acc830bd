/* Issue 35: changes in outcomes by group (lib/impact/impact.c), on a
 * SYNTHETIC two-year set built here with a known truth: one collaborative
 * gains a whole point beyond the LA's line, another starts low and only
 * regresses to the mean. The figures must credit the first, not the
 * second; the LA's residual is zero; a school without both years counts
 * as missing; a gap between years is never bridged; a seed gives the same
 * figures. (The real outcomes bundled hold one year: no change to show.) */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"

#define NS 30

/* Collaborative c of school i (0-based): six of five. */
static int collab_of(int i)
{
    return i / 5;
}

static double start_of(int i)
{
    return collab_of(i) == 1 ? -3.0 : (double)(i % 7) - 3.0; /* C2 starts low */
}

static double end_of(int i)
{
    double noise = ((i * 37) % 11 - 5) * 0.01;
    return 0.5 * start_of(i) + (collab_of(i) == 0 ? 1.0 : 0.0) + noise; /* C1 gains */
}

static void build(triad_schools **s, triad_plan **p, triad_outcomes **o, int gap_year)
{
    char schools[2048] = "urn,phase\n", plan[4096] = "URN,collaborative,triad,lead\n";
    char *tidy = malloc(1 << 16);
    CU_ASSERT_FATAL(tidy != NULL);
    strcpy(tidy, "urn,year,measure,value\n");
    for (int i = 0; i < NS; i++) {
        snprintf(schools + strlen(schools), sizeof schools - strlen(schools), "%d,Primary\n",
                 100 + i);
        snprintf(plan + strlen(plan), sizeof plan - strlen(plan), "%d,C%d,C%d.%d,%d\n", 100 + i,
                 collab_of(i) + 1, collab_of(i) + 1, i % 5 < 3 ? 1 : 2, i % 5 == 0);
        snprintf(tidy + strlen(tidy), 200, "%d,2021,KS2MATH,%g\n", 100 + i, start_of(i));
        if (i == NS - 1)
            snprintf(tidy + strlen(tidy), 200, "%d,2022,KS2MATH,SUPP\n", 100 + i);
        else
            snprintf(tidy + strlen(tidy), 200, "%d,2022,KS2MATH,%.17g\n", 100 + i, end_of(i));
        if (gap_year)
            snprintf(tidy + strlen(tidy), 200, "%d,%d,KS2MATH,0\n", 100 + i, gap_year);
    }
    triad_error err;
    *p = test_plan_of(schools, plan, s);
    char *path = test_temp_with(tidy);
    CU_ASSERT_EQUAL_FATAL(triad_outcomes_read(path, *s, 0, o, &err), TRIAD_OK);
    unlink(path);
    free(path);
    free(tidy);
}

/* Row of level and group from the CSV: its fields 5.. as numbers (NAN
 * when empty) into v[0..8]. 1 when found. */
static int row_of(const char *csv, const char *level_group, double *v)
{
    const char *at = strstr(csv, level_group);
    if (!at)
        return 0;
    at = strchr(at, ',') + 1;            /* group */
    for (int skip = 0; skip < 4; skip++) /* measure, years */
        at = strchr(at, ',') + 1;
    for (int k = 0; k < 9; k++) {
        char *end;
        v[k] = strtod(at, &end);
        if (end == at)
            v[k] = NAN;
        at = strchr(at, k < 8 ? ',' : '\n') + 1;
    }
    return 1;
}

/* The JSON holds the CSV's rows, figure for figure (null for an empty
 * cell), in the same order, and every warning. */
static void json_equals_csv(const triad_impact *imp, const char *csv)
{
    char *text = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_impact_json(imp, &text, &err), TRIAD_OK);
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);
    CU_ASSERT_FATAL(root != NULL);
    json_t *rows = json_object_get(root, "rows");
    CU_ASSERT_EQUAL(json_array_size(rows), triad_impact_row_count(imp));
    CU_ASSERT_EQUAL(json_array_size(json_object_get(root, "warnings")),
                    triad_impact_warning_count(imp));
    static const char *const names[] = {"schools", "missing",      "mean_from",          "mean_to",
                                        "change",  "change_vs_la", "change_vs_expected", "ci_low",
                                        "ci_high"};
    const char *line = strchr(csv, '\n') + 1;
    for (size_t k = 0; k < json_array_size(rows); k++) {
        json_t *r = json_array_get(rows, k);
        char key[160];
        snprintf(key, sizeof key, "\n%s,%s,", json_string_value(json_object_get(r, "level")),
                 json_string_value(json_object_get(r, "group")));
        CU_ASSERT_EQUAL(strncmp(line, key + 1, strlen(key + 1)), 0); /* same order */
        double v[9];
        CU_ASSERT_FATAL(row_of(line - 1, key, v));
        for (int q = 0; q < 9; q++) {
            json_t *x = json_object_get(r, names[q]);
            int ok = isnan(v[q]) ? json_is_null(x)
                                 : fabs(json_number_value(x) - v[q]) <= 1e-5 * fmax(1, fabs(v[q]));
            CU_ASSERT(ok);
        }
        line = strchr(line, '\n') + 1;
    }
    json_decref(root);
    triad_string_free(text);
}

static void test_synthetic_truth(void)
{
    triad_schools *s = NULL;
    triad_plan *p = NULL;
    triad_outcomes *o = NULL;
    build(&s, &p, &o, 0);
    triad_impact_options opt;
    triad_impact_options_init(&opt);
    triad_impact *imp = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_impact_compute(s, p, o, &opt, &imp, &err), TRIAD_OK);
    char *csv = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_impact_csv(imp, &csv, &err), TRIAD_OK);
    /* rows: LA + 6 collaboratives + 12 triads */
    CU_ASSERT_EQUAL(triad_impact_row_count(imp), 19);
    double la[9], c1[9], c2[9], c6[9];
    CU_ASSERT_FATAL(row_of(csv, "\nla,LA,", la) && row_of(csv, "\ncollaborative,C1,", c1) &&
                    row_of(csv, "\ncollaborative,C2,", c2) &&
                    row_of(csv, "\ncollaborative,C6,", c6));
    /* v: schools, missing, mean_from, mean_to, change, vs_la, vs_expected, lo, hi */
    CU_ASSERT_EQUAL(la[0], NS - 1);
    CU_ASSERT_EQUAL(la[1], 1);
    CU_ASSERT_EQUAL(c6[1], 1);           /* the school with SUPP in 2022 */
    CU_ASSERT(fabs(la[6]) < 1e-9);       /* least squares: the LA's residuals sum to 0 */
    CU_ASSERT(c1[6] > 0.6 && c1[7] > 0); /* the gain credited, its interval above 0 */
    CU_ASSERT(c2[4] > 1.0);              /* low starters rise a lot ... */
    CU_ASSERT(fabs(c2[6]) < 0.25);       /* ... as the line predicts: no credit */
    CU_ASSERT(c2[6] < c1[6] - 0.5);
    CU_ASSERT(c1[7] <= c1[6] && c1[6] <= c1[8]);
    /* the same seed, the same figures; another seed, other intervals */
    triad_impact *again = NULL;
    char *csv2 = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_impact_compute(s, p, o, &opt, &again, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_impact_csv(again, &csv2, &err), TRIAD_OK);
    CU_ASSERT_STRING_EQUAL(csv, csv2);
    triad_impact_free(again);
    triad_string_free(csv2);
    opt.seed = 2;
    CU_ASSERT_EQUAL_FATAL(triad_impact_compute(s, p, o, &opt, &again, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_impact_csv(again, &csv2, &err), TRIAD_OK);
    CU_ASSERT(strcmp(csv, csv2) != 0);
    triad_impact_free(again);
    triad_string_free(csv2);
    json_equals_csv(imp, csv);
    triad_string_free(csv);
    triad_impact_free(imp);
    triad_outcomes_free(o);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* 2021, 2022 and 2024: one change computed, the gap said, never bridged. */
static void test_gap_not_bridged(void)
{
    triad_schools *s = NULL;
    triad_plan *p = NULL;
    triad_outcomes *o = NULL;
    build(&s, &p, &o, 2024);
    triad_impact *imp = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_impact_compute(s, p, o, NULL, &imp, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_impact_row_count(imp), 19);
    int said = 0;
    for (size_t k = 0; k < triad_impact_warning_count(imp); k++)
        said |= strstr(triad_impact_warning(imp, k), "no change from 2022 to 2024") != NULL;
    CU_ASSERT(said);
    triad_impact_options opt;
    triad_impact_options_init(&opt);
    opt.resamples = 5;
    triad_impact *bad = NULL;
    CU_ASSERT_EQUAL(triad_impact_compute(s, p, o, &opt, &bad, &err), TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_PTR_NULL(bad);
    triad_impact_free(imp);
    triad_outcomes_free(o);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* Outcomes from tidy CSV text (fails the test when unread). */
static triad_outcomes *outcomes_of(const char *text, const triad_schools *s)
{
    char *path = test_temp_with(text);
    triad_outcomes *o = NULL;
    triad_error err;
    CU_ASSERT_FATAL(path != NULL);
    CU_ASSERT_EQUAL_FATAL(triad_outcomes_read(path, s, 0, &o, &err), TRIAD_OK);
    unlink(path);
    free(path);
    return o;
}

/* Collaborative A: school 1 far below the LA and falling, 2 below and
 * falling, 3 below but rising (in the shortfall, not listed), 6 falling
 * but above; B's schools above or without data. LA mean in 2022 = 543 / 8
 * = 67.875; A's shortfall = 27.875 + 12.875 + 17.875 = 58.625. */
static void test_holding_back(void)
{
    triad_schools *s = NULL;
    triad_plan *p = test_plan_of("urn,phase\n1,Primary\n2,Primary\n3,Primary\n4,Primary\n"
                                 "5,Primary\n6,Primary\n7,Primary\n8,Primary\n9,Primary\n",
                                 "URN,collaborative,triad,lead\n1,A,A.1,1\n2,A,A.1,0\n3,A,A.1,0\n"
                                 "4,A,A.2,0\n5,A,A.2,0\n6,A,A.2,0\n7,B,B.1,1\n8,B,B.1,0\n"
                                 "9,B,B.1,0\n",
                                 &s);
    static const int from[] = {50, 60, 40, 70, 80, 90, 70, 75},
                     to[] = {40, 55, 50, 80, 85, 88, 75, 70};
    for (int gap = 0; gap < 2; gap++) {
        char text[1024] = "urn,year,measure,value\n";
        for (int i = 0; i < 8; i++)
            snprintf(text + strlen(text), sizeof text - strlen(text), "%d,2021,M,%d\n%d,%d,M,%d\n",
                     i + 1, from[i], i + 1, gap ? 2023 : 2022, to[i]);
        triad_outcomes *o = outcomes_of(text, s);
        triad_error err;
        char *csv = NULL;
        CU_ASSERT_EQUAL_FATAL(triad_holding_back_csv(s, p, o, &csv, &err), TRIAD_OK);
        if (gap) { /* 2021 and 2023: never bridged, no row */
            CU_ASSERT_EQUAL(test_count(csv, "\n"), 1);
        } else {
            CU_ASSERT_EQUAL(test_count(csv, "\n"), 3);
            const char *r1 = strstr(csv, "\nA,M,2021,2022,1,1,"),
                       *r2 = strstr(csv, "\nA,M,2021,2022,2,2,");
            CU_ASSERT_FATAL(r1 && r2 && r1 < r2);
            double v[6];
            const char *at = r1;
            for (int k = 0; k < 7; k++)
                at = strchr(at + 1, ',');
            for (int k = 0; k < 6; k++, at = strchr(at + 1, ','))
                v[k] = strtod(at + 1, NULL);
            CU_ASSERT_DOUBLE_EQUAL(v[0], 50, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(v[2], -10, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(v[3], 67.875, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(v[4], 27.875, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(v[5], 27.875 / 58.625, 1e-5);
            CU_ASSERT_PTR_NULL(strstr(csv, "\nB,"));
        }
        triad_string_free(csv);
        triad_outcomes_free(o);
    }
    triad_plan_free(p);
    triad_schools_free(s);
}

/* 3:2:1 by hand. School 1: 10, 20, 30 in 2021-23 -> 2023: (90 + 40 + 10)
 * / 6; school 2: 40, 10 in 2022-23 -> (30 + 80) / 5 = 22; school 3 only
 * 2021 (missing in 2023). 2022's window lacks 2020: 2 years in it. */
static void test_weighted(void)
{
    triad_schools *s = NULL;
    triad_plan *p = test_one_triad("urn,phase\n1,Primary\n2,Primary\n3,Primary\n", &s);
    triad_outcomes *o = outcomes_of("urn,year,measure,value\n1,2021,M,10\n1,2022,M,20\n"
                                    "1,2023,M,30\n2,2022,M,40\n2,2023,M,10\n3,2021,M,5\n",
                                    s);
    triad_error err;
    char *csv = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_impact_weighted_csv(s, p, o, &csv, &err), TRIAD_OK);
    /* 3 years x (LA, X, X.1) */
    CU_ASSERT_EQUAL(test_count(csv, "\n"), 1 + 9);
    const char *r = strstr(csv, "\nla,LA,M,2023,2,1,");
    CU_ASSERT_FATAL(r != NULL);
    r = strstr(r + 1, ",2,1,") + 5;
    CU_ASSERT_DOUBLE_EQUAL(strtod(r, NULL), (140.0 / 6 + 22) / 2, 1e-4);
    CU_ASSERT(strstr(csv, "\ncollaborative,X,M,2023,2,1,") != NULL);
    CU_ASSERT(strstr(csv, "\nla,LA,M,2022,2,1,28,2\n") != NULL);
    CU_ASSERT(strstr(csv, "\nla,LA,M,2021,2,1,7.5,1\n") != NULL);
    triad_string_free(csv);
    triad_outcomes_free(o);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* Plans of two years: each pair of years is read with the groups of the
 * plan in force in the year it ends in; a pair before every plan with the
 * earliest plan's, and a warning; bad years refused. */
static void test_plans_of_years(void)
{
    const char schools[] = "urn,phase\n1,Primary\n2,Primary\n3,Primary\n4,Primary\n"
                           "5,Primary\n6,Primary\n";
    triad_schools *s = NULL;
    triad_plan *x = test_plan_of(schools,
                                 "URN,collaborative,triad,lead\n1,A,A.1,1\n2,A,A.1,0\n"
                                 "3,A,A.1,0\n4,B,B.1,1\n5,B,B.1,0\n6,B,B.1,0\n",
                                 &s);
    const char ytext[] = "URN,collaborative,triad,lead\n1,P,P.1,1\n4,P,P.1,0\n5,P,P.1,0\n"
                         "2,Q,Q.1,1\n3,Q,Q.1,0\n6,Q,Q.1,0\n";
    triad_plan *y = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_plan_read_buffer(ytext, sizeof ytext - 1, "y.csv", s, &y, &err),
                          TRIAD_OK);
    triad_outcomes *o = outcomes_of("urn,year,measure,value\n1,2021,M,1\n2,2021,M,2\n"
                                    "3,2021,M,3\n4,2021,M,4\n5,2021,M,5\n6,2021,M,6\n"
                                    "1,2022,M,2\n2,2022,M,2\n3,2022,M,5\n4,2022,M,3\n"
                                    "5,2022,M,7\n6,2022,M,6\n1,2023,M,1\n2,2023,M,4\n"
                                    "3,2023,M,4\n4,2023,M,5\n5,2023,M,6\n6,2023,M,9\n",
                                    s);
    const triad_plan *const plans[2] = {x, y};
    triad_impact *imp = NULL;
    char *csv = NULL;
    CU_ASSERT_EQUAL_FATAL(
        triad_impact_compute_years(s, plans, (const int[]){2022, 2023}, 2, o, NULL, &imp, &err),
        TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_impact_csv(imp, &csv, &err), TRIAD_OK);
    /* A: schools 1-3, 2 -> 3 in 2021-22; P: schools 1, 4, 5, 4 -> 4 in 2022-23 */
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\ncollaborative,A,M,2021,2022,3,0,2,3,1,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\ncollaborative,P,M,2022,2023,3,0,4,4,0,"));
    CU_ASSERT_PTR_NULL(strstr(csv, "\ncollaborative,A,M,2022,2023"));
    CU_ASSERT_PTR_NULL(strstr(csv, "\ncollaborative,P,M,2021,2022"));
    CU_ASSERT_EQUAL(triad_impact_warning_count(imp), 0);
    triad_string_free(csv);
    triad_impact_free(imp);
    CU_ASSERT_EQUAL_FATAL(
        triad_impact_compute_years(s, plans, (const int[]){2023, 2024}, 2, o, NULL, &imp, &err),
        TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_impact_csv(imp, &csv, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\ncollaborative,A,M,2021,2022,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\ncollaborative,A,M,2022,2023,"));
    CU_ASSERT_PTR_NULL(strstr(csv, "\ncollaborative,P,"));
    CU_ASSERT_EQUAL(triad_impact_warning_count(imp), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_impact_warning(imp, 0), "2021 to 2022: before every plan"));
    triad_string_free(csv);
    triad_impact_free(imp);
    CU_ASSERT_EQUAL(
        triad_impact_compute_years(s, plans, (const int[]){2022, 2022}, 2, o, NULL, &imp, &err),
        TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(
        triad_impact_compute_years(s, plans, (const int[]){1900, 2022}, 2, o, NULL, &imp, &err),
        TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(triad_impact_compute_years(s, plans, NULL, 2, o, NULL, &imp, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_PTR_NULL(imp);
    triad_outcomes_free(o);
    triad_plan_free(x);
    triad_plan_free(y);
    triad_schools_free(s);
}

/* The page of plan p with impact imp and outcomes o; NULL on failure. */
static char *page_of(const triad_schools *s, const triad_plan *p, const triad_impact *imp,
                     const triad_outcomes *o)
{
    triad_error err;
    triad_report *rep = NULL;
    char *html = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_check(s, NULL, p, &rep, &err), TRIAD_OK);
    triad_page_options po;
    triad_page_options_init(&po);
    po.impact = imp;
    po.outcomes = o;
    CU_ASSERT_EQUAL(triad_report_html_page((const triad_report *const[]){rep},
                                           (const triad_plan *const[]){p}, 1, s, &po, &html,
                                           &err),
                    TRIAD_OK);
    triad_report_free(rep);
    return html;
}

/* The page's section: the collaborative that gains ranks first, the one
 * that only regresses to the mean does not; the falling schools are
 * listed, their hostile names escaped. */
static void test_impact_page(void)
{
    triad_schools *s = NULL;
    triad_plan *p = NULL;
    triad_outcomes *o = NULL;
    triad_impact *imp = NULL;
    triad_error err;
    build(&s, &p, &o, 0);
    CU_ASSERT_EQUAL_FATAL(triad_impact_compute(s, p, o, NULL, &imp, &err), TRIAD_OK);
    char *html = page_of(s, p, imp, o);
    CU_ASSERT_FATAL(html != NULL);
    const char *sec = strstr(html, "<h2 id=impact>");
    CU_ASSERT_FATAL(sec != NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(sec, "<h3>KS2MATH, 2021 to 2022</h3>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(sec, "<tr><td>1</td><td>C1</td>"));
    CU_ASSERT_PTR_NULL(strstr(sec, "<tr><td>1</td><td>C2</td>"));
    CU_ASSERT_EQUAL(test_count(sec, "<svg width=160"), 6 + 12); /* a chart per group */
    CU_ASSERT_PTR_NOT_NULL(strstr(sec, "<h3 id=holding-back>"));
    triad_string_free(html);
    triad_impact_free(imp);
    triad_outcomes_free(o);
    triad_plan_free(p);
    triad_schools_free(s);

    p = test_plan_of("urn,phase,name\n1,Primary,<script>alert(1)</script>\n2,Primary,b\n"
                     "3,Primary,c\n",
                     "URN,collaborative,triad,lead\n1,A,A.1,1\n2,A,A.1,0\n3,A,A.1,0\n", &s);
    o = outcomes_of("urn,year,measure,value\n1,2021,M,50\n1,2022,M,40\n2,2021,M,60\n"
                    "2,2022,M,70\n3,2021,M,60\n3,2022,M,70\n",
                    s);
    html = page_of(s, p, NULL, o);
    CU_ASSERT_FATAL(html != NULL);
    sec = strstr(html, "<h3 id=holding-back>");
    CU_ASSERT_FATAL(sec != NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(sec, "<td>1</td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
    CU_ASSERT_PTR_NULL(strstr(html, "<script>alert"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "No impact given"));
    triad_string_free(html);
    triad_outcomes_free(o);
    triad_plan_free(p);
    triad_schools_free(s);
}

void register_impact_tests(void)
{
    CU_pSuite s = CU_add_suite("impact", NULL, NULL);
    CU_add_test(s, "synthetic truth: a gain credited, regression to the mean not",
                test_synthetic_truth);
    CU_add_test(s, "a gap between years never bridged; options checked", test_gap_not_bridged);
    CU_add_test(s, "holding back: below the LA and falling, by share of the shortfall",
                test_holding_back);
    CU_add_test(s, "three-year weighted 3:2:1, the window's gaps counted", test_weighted);
    CU_add_test(s, "plans of several years: each pair read with the plan in force",
                test_plans_of_years);
    CU_add_test(s, "the page: groups ranked with a chart each, holding back escaped",
                test_impact_page);
}
