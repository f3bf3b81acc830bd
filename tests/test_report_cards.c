/* Ofsted's report cards (issue 37): an officer's 2026 export carries each
 * evaluation area on the five-point scale and safeguarding; the rows here
 * are synthetic. The lead and causing-concern rules are checked school by
 * school against the rule as documented, not the code's own account. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static const char *const grades[] = {"Exceptional", "Strong standard", "Expected standard",
                                     "Needs attention", "Urgent improvement"};

/* 36 primary schools; school k's areas cycle through the scale so every
 * mix occurs; every seventh has safeguarding not met; the first six have
 * only a legacy grade. */
static char *export_csv(void)
{
    char *t = malloc(20000);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    size_t o = (size_t)sprintf(t, "urn,name,phase,ofsted,Inclusion,Curriculum and teaching,"
                                  "Achievement,Attendance and behaviour,Personal development "
                                  "and well-being,Leadership and governance,Safeguarding\n");
    for (int k = 0; k < 36; k++) {
        if (k < 6) {
            o += (size_t)sprintf(t + o, "%d,Legacy %d,Primary,%d,,,,,,,\n", 100 + k, k, k % 4 + 1);
            continue;
        }
        o += (size_t)sprintf(t + o, "%d,Card %d,Primary,", 100 + k, k);
        for (int a = 0; a < 6; a++)
            o += (size_t)sprintf(t + o, ",%s", grades[(k * (a + 1) + a) % 5 < 3 ? (k + a) % 3
                                                                               : (k * a) % 5]);
        o += (size_t)sprintf(t + o, ",%s\n", k % 7 == 0 ? "Not met" : "Met");
    }
    return t;
}

/* The rules as documented, from the text of the row. */
static void rules_of(const char *row, int *lead, int *concern, int *below_out)
{
    int below = 0, urgent = 0, strong = 0, graded = 0;
    for (int g = 0; g < 5; g++)
        for (const char *p = strstr(row, grades[g]); p; p = strstr(p + 1, grades[g])) {
            graded = 1;
            below += g >= 3;
            urgent |= g == 4;
            strong |= g <= 1;
        }
    int not_met = strstr(row, "Not met") != NULL;
    *below_out = graded ? below : -1;
    *lead = graded && !not_met && below == 0 && strong;
    *concern = graded && (urgent || not_met || below >= 2);
}

static void test_rules(void)
{
    char *csv = export_csv();
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, strlen(csv), "rc.csv", NULL, &s, &err),
                          TRIAD_OK);
    size_t leads = 0, concerns = 0;
    const char *line = strchr(csv, '\n') + 1;
    for (size_t i = 0; i < triad_schools_count(s); i++) {
        const char *end = strchr(line, '\n');
        char row[600];
        snprintf(row, sizeof row, "%.*s", (int)(end - line), line);
        line = end + 1;
        int lead, concern, below;
        rules_of(row, &lead, &concern, &below);
        if (i < 6) { /* legacy grade: Good or Outstanding leads, RI or worse concerns */
            lead = triad_schools_ofsted(s, i) <= 2;
            concern = triad_schools_ofsted(s, i) >= 3;
        }
        CU_ASSERT_EQUAL(triad_schools_is_lead_eligible(s, i), lead);
        CU_ASSERT_EQUAL(triad_schools_is_causing_concern(s, i), concern);
        leads += lead;
        concerns += concern;
    }
    CU_ASSERT(leads > 3 && concerns > 3); /* the mix exercises both rules */
    /* the count of areas below expected is balanced by default; an area on request */
    triad_spec *spec = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_spec_read_string("[balance]\nrc_achievement = 1\n", "b.ini",
                                                 &spec, &err),
                          TRIAD_OK);
    triad_plan *p = NULL;
    triad_report *r = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, spec, NULL, &p, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_check(s, spec, p, &r, &err), TRIAD_OK);
    int has_count = 0, has_area = 0;
    for (size_t a = 0; a < triad_report_attribute_count(r); a++) {
        has_count |= strcmp(triad_report_attribute_name(r, a), "report_card") == 0;
        has_area |= strcmp(triad_report_attribute_name(r, a), "rc_achievement") == 0;
    }
    CU_ASSERT(has_count && has_area);
    triad_report_free(r);
    triad_plan_free(p);
    triad_spec_free(spec);
    /* written and read back: the same rules hold */
    const char *path = "/tmp/triad-test-cards.csv";
    CU_ASSERT_EQUAL_FATAL(triad_schools_write(s, path, &err), TRIAD_OK);
    triad_schools *back = test_read_schools(path);
    remove(path);
    for (size_t i = 0; i < triad_schools_count(s); i++) {
        CU_ASSERT_EQUAL(triad_schools_is_lead_eligible(back, i), triad_schools_is_lead_eligible(s, i));
        CU_ASSERT_EQUAL(triad_schools_is_causing_concern(back, i),
                        triad_schools_is_causing_concern(s, i));
    }
    triad_schools_free(back);
    triad_schools_free(s);
    free(csv);
}

static void test_refused(void)
{
    const char *bad = "urn,name,phase,Inclusion,Safeguarding\n1,A,Primary,Excellent,Met\n";
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL(triad_schools_read_buffer(bad, strlen(bad), "rc.csv", NULL, &s, &err),
                    TRIAD_ERR_VALUE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "rc.csv:2:4"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "unknown report card grade"));
    const char *bad2 = "urn,name,phase,Inclusion,Safeguarding\n1,A,Primary,2,Partly\n";
    CU_ASSERT_EQUAL(triad_schools_read_buffer(bad2, strlen(bad2), "rc.csv", NULL, &s, &err),
                    TRIAD_ERR_VALUE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "rc.csv:2:5"));
}

void register_report_card_tests(void)
{
    CU_pSuite s = CU_add_suite("report cards", NULL, NULL);
    CU_add_test(s, "lead and concern rules, balance, round trip", test_rules);
    CU_add_test(s, "unknown grades refused by cell", test_refused);
}
