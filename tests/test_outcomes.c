/* Issue 35: outcomes in (lib/io/outcomes_read.c). The real 2018/19 KS2
 * and KS4 tables of the bundled LAs read against Surrey's schools, every
 * cell compared with the raw file as parsed here; a tidy file over two
 * years; bad files refused by line and column, and a failed add leaving
 * the outcomes as they were. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/csv_table.h"
#include "test_util.h"

#define OUTCOMES EXAMPLES_DATA_DIR "/"

static long school_of(const triad_schools *s, const char *urn)
{
    for (size_t i = 0; i < triad_schools_count(s); i++)
        if (strcmp(triad_schools_urn(s, i), urn) == 0)
            return (long)i;
    return -1;
}

/* Every measure cell of the raw table against the outcomes: published
 * numbers equal ("34%" as 34), DfE's codes and blanks missing. */
static void compare_raw(const char *path, const triad_schools *s, const triad_outcomes *o)
{
    csv_table t;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(csv_table_read(path, &t, &err), TRIAD_OK);
    size_t urn_col = 0, unmatched = 0, cells = 0;
    while (strcmp(t.header[urn_col], "URN") != 0)
        urn_col++;
    for (size_t r = 0; r < t.nrows; r++) {
        long i = school_of(s, t.rows[r][urn_col]);
        unmatched += i < 0;
        for (size_t m = 0; i >= 0 && m < triad_outcomes_measure_count(o); m++) {
            size_t c = 0;
            while (c < t.ncols && strcmp(t.header[c], triad_outcomes_measure(o, m)) != 0)
                c++;
            CU_ASSERT_FATAL(c < t.ncols);
            char *end = NULL;
            double want = strtod(t.rows[r][c], &end), got = NAN;
            int published = end != t.rows[r][c] && (*end == '\0' || strcmp(end, "%") == 0);
            CU_ASSERT_EQUAL(triad_outcomes_value(o, (size_t)i, m, 2019, &got), published);
            if (published)
                CU_ASSERT_DOUBLE_EQUAL(got, want, 1e-12);
            cells++;
        }
    }
    CU_ASSERT_EQUAL(unmatched, triad_outcomes_unmatched(o));
    CU_ASSERT(cells > 100);
    csv_table_free(&t);
}

static void test_dfe_tables(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_outcomes *ks2 = NULL, *ks4 = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(
        triad_outcomes_read(OUTCOMES "ks2-2019-surrey-warwickshire.csv", s, 2019, &ks2, &err),
        TRIAD_OK);
    CU_ASSERT_EQUAL(triad_outcomes_measure_count(ks2), 3);
    CU_ASSERT_EQUAL(triad_outcomes_year_count(ks2), 1);
    CU_ASSERT_EQUAL(triad_outcomes_year(ks2, 0), 2019);
    CU_ASSERT(triad_outcomes_unmatched(ks2) >= 168); /* Warwickshire's rows at least */
    compare_raw(OUTCOMES "ks2-2019-surrey-warwickshire.csv", s, ks2);
    CU_ASSERT_EQUAL_FATAL(
        triad_outcomes_read(OUTCOMES "ks4-2019-surrey-warwickshire.csv", s, 2019, &ks4, &err),
        TRIAD_OK);
    CU_ASSERT_EQUAL(triad_outcomes_measure_count(ks4), 5);
    compare_raw(OUTCOMES "ks4-2019-surrey-warwickshire.csv", s, ks4);
    /* a DfE table says no year: the caller must */
    triad_outcomes *o = NULL;
    CU_ASSERT_EQUAL(
        triad_outcomes_read(OUTCOMES "ks4-2019-surrey-warwickshire.csv", s, 0, &o, &err),
        TRIAD_ERR_MISSING_COLUMN);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "give its year"));
    CU_ASSERT_PTR_NULL(o);
    triad_outcomes_free(ks2);
    triad_outcomes_free(ks4);
    triad_schools_free(s);
}

static triad_status read_text(const triad_schools *s, const char *text, triad_outcomes **o,
                              triad_error *err)
{
    char *path = test_temp_with(text);
    triad_status st =
        *o ? triad_outcomes_add(*o, path, 0, err) : triad_outcomes_read(path, s, 0, o, err);
    unlink(path);
    free(path);
    return st;
}

static void test_tidy(void)
{
    const char schools[] = "urn,phase\n1,Primary\n2,Primary\n3,Secondary\n";
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(
        triad_schools_read_buffer(schools, sizeof schools - 1, "s.csv", NULL, &s, &err), TRIAD_OK);
    triad_outcomes *o = NULL;
    CU_ASSERT_EQUAL_FATAL(read_text(s,
                                    "urn,year,measure,value\n1,2019,P8,0.5\n2,2019,P8,SUPP\n"
                                    "1,2022,P8,-0.25\n9,2022,P8,1\n",
                                    &o, &err),
                          TRIAD_OK);
    double v = 0;
    CU_ASSERT(triad_outcomes_value(o, 0, 0, 2019, &v) && v == 0.5);
    CU_ASSERT(triad_outcomes_value(o, 0, 0, 2022, &v) && v == -0.25);
    CU_ASSERT_FALSE(triad_outcomes_value(o, 1, 0, 2019, &v)); /* SUPP: missing, not 0 */
    CU_ASSERT_FALSE(triad_outcomes_value(o, 0, 0, 2020, &v)); /* a gap stays a gap */
    CU_ASSERT_EQUAL(triad_outcomes_year_count(o), 2);
    CU_ASSERT_EQUAL(triad_outcomes_unmatched(o), 1);
    CU_ASSERT_EQUAL(triad_outcomes_unpublished(o), 1);
    /* a second file: a year between, a new measure; then one giving a cell twice */
    CU_ASSERT_EQUAL(read_text(s, "urn,year,measure,value\n3,2020,ATT8,45%\n", &o, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_outcomes_year(o, 1), 2020);
    CU_ASSERT(triad_outcomes_value(o, 2, 1, 2020, &v) && v == 45);
    CU_ASSERT(triad_outcomes_value(o, 0, 0, 2022, &v) && v == -0.25); /* kept through the add */
    CU_ASSERT_EQUAL(read_text(s, "urn,year,measure,value\n2,2023,P8,1\n1,2019,P8,0.7\n", &o, &err),
                    TRIAD_ERR_DUPLICATE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, ":3:4: 1's P8 for 2019 is given twice"));
    CU_ASSERT_EQUAL(triad_outcomes_year_count(o), 3); /* 2023 not added: o as it was */
    CU_ASSERT(triad_outcomes_value(o, 0, 0, 2019, &v) && v == 0.5);
    CU_ASSERT_EQUAL(read_text(s, "urn,year,measure,value\n1,2024,P8,high\n", &o, &err),
                    TRIAD_ERR_VALUE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, ":2:4: 'high' is neither a number"));
    CU_ASSERT_EQUAL(read_text(s, "urn,year,measure,value\n1,19,P8,1\n", &o, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, ":2:2: year '19'"));
    CU_ASSERT_EQUAL(read_text(s, "urn,score\n1,3\n", &o, &err), TRIAD_ERR_MISSING_COLUMN);
    triad_outcomes_free(o);
    triad_schools_free(s);
}

/* Grades as outcomes: 1 and 2 good or better, 3 and 4 not; points 5 - grade;
 * not inspected missing; a school of the graded file not in the outcomes'
 * schools counted as unmatched; the same year twice refused, o kept. */
static void test_grades(void)
{
    const char schools[] = "urn,phase,ofsted\n1,Primary,1\n2,Primary,3\n3,Secondary,\n";
    const char later[] = "urn,phase,ofsted\n1,Primary,2\n2,Primary,2\n3,Secondary,4\n8,Primary,1\n";
    triad_schools *s = NULL, *g = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(
        triad_schools_read_buffer(schools, sizeof schools - 1, "s.csv", NULL, &s, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(
        triad_schools_read_buffer(later, sizeof later - 1, "g.csv", NULL, &g, &err), TRIAD_OK);
    triad_outcomes *o = NULL;
    CU_ASSERT_EQUAL_FATAL(read_text(s, "urn,year,measure,value\n1,2022,P8,0.5\n", &o, &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_outcomes_add_grades(o, s, 2022, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_outcomes_add_grades(o, g, 2023, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_outcomes_measure_count(o), 3);
    CU_ASSERT_STRING_EQUAL(triad_outcomes_measure(o, 1), "ofsted_good_or_better");
    CU_ASSERT_STRING_EQUAL(triad_outcomes_measure(o, 2), "ofsted_points");
    double v = -1;
    CU_ASSERT(triad_outcomes_value(o, 0, 1, 2022, &v) && v == 1);
    CU_ASSERT(triad_outcomes_value(o, 1, 1, 2022, &v) && v == 0);
    CU_ASSERT(triad_outcomes_value(o, 1, 2, 2022, &v) && v == 2);
    CU_ASSERT(triad_outcomes_value(o, 1, 1, 2023, &v) && v == 1); /* RI to Good */
    CU_ASSERT(triad_outcomes_value(o, 2, 2, 2023, &v) && v == 1);
    CU_ASSERT_FALSE(triad_outcomes_value(o, 2, 1, 2022, &v)); /* not inspected: missing */
    CU_ASSERT_EQUAL(triad_outcomes_unmatched(o), 2);          /* school 8, both measures */
    CU_ASSERT_EQUAL(triad_outcomes_add_grades(o, g, 2023, &err), TRIAD_ERR_DUPLICATE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "2023"));
    CU_ASSERT(triad_outcomes_value(o, 0, 2, 2023, &v) && v == 3);
    CU_ASSERT_EQUAL(triad_outcomes_add_grades(o, g, 1800, &err), TRIAD_ERR_INVALID_ARGUMENT);
    triad_outcomes_free(o);
    triad_schools_free(g);
    triad_schools_free(s);
}

void register_outcomes_tests(void)
{
    CU_pSuite s = CU_add_suite("outcomes", NULL, NULL);
    CU_add_test(s, "DfE KS2 and KS4 tables, cell by cell against the raw file", test_dfe_tables);
    CU_add_test(s, "a tidy file over years; bad files refused, the outcomes kept", test_tidy);
    CU_add_test(s, "Ofsted grades as two measures; not inspected missing; a year once",
                test_grades);
}
