/* Issue 35: the termly clinic (lib/impact/clinic.c). A planted set: each
 * school meets one rule (or none) and must get that flag with that
 * reason; switched-off tests and the grade rule off change the flags they
 * should; the history keeps other terms, replaces this one, and a bad
 * history is refused naming file, line and column. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"

static const char schools_csv[] = "urn,phase,ofsted\n1,Primary,4\n2,Primary,2\n3,Primary,2\n"
                                  "4,Primary,1\n5,Primary,2\n6,Primary,\n";
/* 1: grade 4 (red); 2: -3.5 (red); 3: -2 (amber); 4: fell 3 (amber);
 * 5: fine (green); 6: no data, not inspected (green, said) */
static const char outcomes_csv[] = "urn,year,measure,value\n1,2022,READPROG,1\n1,2023,READPROG,1\n"
                                   "2,2022,READPROG,-3\n2,2023,READPROG,-3.5\n"
                                   "3,2022,READPROG,-2\n3,2023,READPROG,-2\n"
                                   "4,2022,READPROG,2\n4,2023,READPROG,-1\n"
                                   "5,2022,READPROG,0.5\n5,2023,READPROG,0.4\n";

/* The line after the first "\nURN," in csv ("" when none), into line. */
static const char *row(const char *csv, const char *urn_term, char *line, size_t n)
{
    const char *at = strstr(csv, urn_term);
    line[0] = '\0';
    if (at) {
        size_t len = strcspn(at + 1, "\n");
        snprintf(line, n, "%.*s", (int)len, at + 1);
    }
    return line;
}

/* The clinic into *csv (NULL on error), its status checked against want. */
static void clinic(const triad_schools *s, const triad_outcomes *o, const char *term,
                   const triad_clinic_options *opt, const char *history, triad_status want,
                   char **csv)
{
    triad_error err;
    *csv = NULL;
    CU_ASSERT_EQUAL(triad_clinic_csv(s, o, term, opt, history, csv, &err), want);
}

static void test_clinic_rules(void)
{
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(
        triad_schools_read_buffer(schools_csv, strlen(schools_csv), "s.csv", NULL, &s, &err),
        TRIAD_OK);
    char *path = test_temp_with(outcomes_csv);
    triad_outcomes *o = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_outcomes_read(path, s, 0, &o, &err), TRIAD_OK);
    unlink(path);
    free(path);
    static char line[256];
    char *csv, *csv2, *csv3, *bad;
    clinic(s, o, "2026-autumn", NULL, NULL, TRIAD_OK, &csv);
    CU_ASSERT_FATAL(csv != NULL);
    CU_ASSERT_STRING_EQUAL(row(csv, "\n1,", line, sizeof line),
                           "1,2026-autumn,red,Ofsted grade 4 (red at 3 or worse)");
    CU_ASSERT_STRING_EQUAL(row(csv, "\n2,", line, sizeof line),
                           "2,2026-autumn,red,READPROG -3.5 below -3 (red)");
    CU_ASSERT_STRING_EQUAL(row(csv, "\n3,", line, sizeof line),
                           "3,2026-autumn,amber,READPROG -2 below -1.5 (amber)");
    CU_ASSERT_STRING_EQUAL(row(csv, "\n4,", line, sizeof line),
                           "4,2026-autumn,amber,READPROG fell 3 since 2022 (amber above 2)");
    CU_ASSERT_STRING_EQUAL(row(csv, "\n5,", line, sizeof line),
                           "5,2026-autumn,green,no rule met (2023: READPROG)");
    CU_ASSERT_STRING_EQUAL(row(csv, "\n6,", line, sizeof line),
                           "6,2026-autumn,green,no rule met (2023: no measure of a rule)");
    /* the grade rule off, the fall test off, a rule of our own */
    triad_clinic_rule mine = {"READPROG", -4, -1.5, NAN};
    triad_clinic_options opt;
    triad_clinic_options_init(&opt);
    opt.red_grade = 0;
    opt.rules = &mine;
    opt.nrules = 1;
    clinic(s, o, "2026-autumn", &opt, NULL, TRIAD_OK, &csv2);
    CU_ASSERT_FATAL(csv2 != NULL);
    CU_ASSERT(strstr(csv2, "\n1,2026-autumn,green,") != NULL);
    CU_ASSERT(strstr(csv2, "\n2,2026-autumn,amber,READPROG -3.5 below -1.5") != NULL);
    CU_ASSERT(strstr(csv2, "\n4,2026-autumn,green,") != NULL);
    /* the history: another term kept, this one replaced */
    char *hist = test_temp_with("urn,term,rag,reasons\n1,2026-summer,green,fine\n"
                                "2,2026-autumn,green,stale\n");
    clinic(s, o, "2026-autumn", NULL, hist, TRIAD_OK, &csv3);
    CU_ASSERT_FATAL(csv3 != NULL);
    CU_ASSERT(strstr(csv3, "\n1,2026-summer,green,fine\n") != NULL);
    CU_ASSERT_PTR_NULL(strstr(csv3, "stale"));
    CU_ASSERT_EQUAL(test_count(csv3, "\n"), 1 + 1 + 6);
    unlink(hist);
    free(hist);
    hist = test_temp_with("urn,term,rag,reasons\n1,2026-summer,pink,?\n");
    clinic(s, o, "2026-autumn", NULL, hist, TRIAD_ERR_VALUE, &bad);
    CU_ASSERT_PTR_NULL(bad);
    triad_error e2;
    char *none = NULL;
    triad_clinic_csv(s, o, "t", NULL, hist, &none, &e2);
    CU_ASSERT(e2.line == 2 && e2.column == 3 && strstr(e2.message, "'pink'") != NULL);
    unlink(hist);
    free(hist);
    clinic(s, o, "two\nlines", NULL, NULL, TRIAD_ERR_INVALID_ARGUMENT, &bad);
    CU_ASSERT_PTR_NULL(bad);
    triad_string_free(csv);
    triad_string_free(csv2);
    triad_string_free(csv3);
    triad_outcomes_free(o);
    triad_schools_free(s);
}

/* Days short: school 3 offers 3 days of Maths; school 1 (red this term)
 * needs 3 at priority 1, school 2 (green) 3 at priority 2. Without the
 * clinic school 2's need wins; with it school 1's (raised to 3). A term
 * with no row and a URN not in the schools are refused. */
static void test_clinic_weights_brokering(void)
{
    triad_schools *s = NULL;
    triad_error err;
    const char schools[] = "urn,phase\n1,Primary\n2,Primary\n3,Primary\n";
    CU_ASSERT_EQUAL_FATAL(
        triad_schools_read_buffer(schools, sizeof schools - 1, "s.csv", NULL, &s, &err), TRIAD_OK);
    char *flags = test_temp_with("urn,term,rag,reasons\n1,t1,red,x\n2,t1,green,y\n"
                                 "1,t0,green,z\n"),
         *stranger = test_temp_with("urn,term,rag,reasons\n9,t1,red,x\n");
    for (int with = 0; with < 2; with++) {
        triad_market *m = NULL;
        CU_ASSERT_EQUAL_FATAL(test_market_of(s, "urn,area,days\n3,Maths,3\n",
                                             "urn,area,days,priority\n1,Maths,3,1\n"
                                             "2,Maths,3,2\n",
                                             &m, &err),
                              TRIAD_OK);
        size_t raised = 99;
        if (with) {
            CU_ASSERT_EQUAL(triad_market_apply_clinic(m, s, flags, "t1", &raised, &err), TRIAD_OK);
            CU_ASSERT_EQUAL(raised, 1);
            CU_ASSERT_EQUAL(triad_market_apply_clinic(m, s, flags, "t9", &raised, &err),
                            TRIAD_ERR_VALUE);
            CU_ASSERT_EQUAL(triad_market_apply_clinic(m, s, stranger, "t1", &raised, &err),
                            TRIAD_ERR_UNKNOWN_SCHOOL);
            CU_ASSERT(err.line == 2);
        }
        triad_brokerage *b = NULL;
        CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, NULL, &b, &err), TRIAD_OK);
        char *csv = NULL;
        CU_ASSERT_EQUAL_FATAL(triad_brokerage_csv(b, &csv, &err), TRIAD_OK);
        /* the 3 days go to school 2 without the clinic, to school 1 with it */
        CU_ASSERT_PTR_NOT_NULL(strstr(csv, with ? "\n1,1,3,3,Maths,3.00" : "\n2,2,3,3,Maths,3.00"));
        CU_ASSERT_PTR_NULL(strstr(csv, with ? "\n2," : "\n1,"));
        triad_string_free(csv);
        triad_brokerage_free(b);
        triad_market_free(m);
    }
    unlink(flags);
    unlink(stranger);
    free(flags);
    free(stranger);
    triad_schools_free(s);
}

/* The flags as the schools' priority: nine Good schools, six flagged red,
 * one amber, one green with a typed priority of 2 (kept), one with no row
 * (kept blank). The red ones then cause concern, and a grouping of the
 * nine into three triads has two red schools in each: never three. */
static void test_clinic_as_priority(void)
{
    triad_schools *s = NULL;
    triad_error err;
    const char schools[] = "urn,phase,ofsted,priority\n1,Primary,2,\n2,Primary,2,\n"
                           "3,Primary,2,\n4,Primary,2,\n5,Primary,2,\n6,Primary,2,\n"
                           "7,Primary,2,\n8,Primary,2,2\n9,Primary,2,\n";
    CU_ASSERT_EQUAL_FATAL(
        triad_schools_read_buffer(schools, sizeof schools - 1, "s.csv", NULL, &s, &err), TRIAD_OK);
    char *flags = test_temp_with("urn,term,rag,reasons\n1,t1,red,a\n2,t1,red,a\n3,t1,red,a\n"
                                 "4,t1,red,a\n5,t1,red,a\n6,t1,red,a\n7,t1,amber,b\n"
                                 "8,t1,green,c\n9,t0,red,d\n"),
         *bad = test_temp_with("urn,term,rag\n1,t1,red\n2,t1,crimson\n");
    size_t red = 99, changed = 99;
    for (size_t i = 0; i < 9; i++)
        CU_ASSERT_FALSE(triad_schools_is_causing_concern(s, i));
    CU_ASSERT_EQUAL(triad_schools_apply_clinic(s, bad, "t1", &red, &changed, &err),
                    TRIAD_ERR_VALUE);
    CU_ASSERT(err.line == 3 && err.column == 3);
    CU_ASSERT_EQUAL(triad_schools_apply_clinic(s, flags, "t1", &red, &changed, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(red, 6);
    CU_ASSERT_EQUAL(changed, 7);
    const double want[9] = {3, 3, 3, 3, 3, 3, 2, 2, NAN};
    for (size_t i = 0; i < 9; i++) {
        double v = NAN;
        triad_status got = triad_schools_get_number(s, i, TRIAD_FIELD_PRIORITY, &v, &err);
        CU_ASSERT(i == 8 ? got != TRIAD_OK : got == TRIAD_OK && v == want[i]); /* 9: still blank */
        CU_ASSERT_EQUAL(triad_schools_is_causing_concern(s, i), i < 6);
    }
    triad_spec *spec = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_spec_read_string("[stratum.primary]\nsizes = 9\n",
                                                 "spec.ini", &spec, &err),
                          TRIAD_OK);
    triad_plan *plan = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, spec, NULL, &plan, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_plan_triad_count(plan), 3);
    size_t red_in[3] = {0};
    for (size_t i = 0; i < 6; i++) {
        long t = triad_plan_triad_of(plan, i);
        CU_ASSERT_FATAL(t >= 0 && t < 3);
        red_in[t]++;
    }
    for (int t = 0; t < 3; t++)
        CU_ASSERT_EQUAL(red_in[t], 2);
    triad_plan_free(plan);
    triad_spec_free(spec);
    unlink(flags);
    unlink(bad);
    free(flags);
    free(bad);
    triad_schools_free(s);
}

void register_clinic_tests(void)
{
    CU_pSuite s = CU_add_suite("clinic", NULL, NULL);
    CU_add_test(s, "a flag per school by the rules, with its reason; history kept",
                test_clinic_rules);
    CU_add_test(s, "a red school's need met before a green one's when days are short",
                test_clinic_weights_brokering);
    CU_add_test(s, "the flags as priority: red schools cause concern, never a triad of three",
                test_clinic_as_priority);
}
