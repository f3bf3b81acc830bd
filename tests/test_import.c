/* Import of the real data files and of each accepted encoding and format. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "model/schools_impl.h"
#include "test_util.h"

static size_t count_phase(const triad_schools *s, triad_phase p)
{
    size_t n = 0;
    for (size_t i = 0; i < triad_schools_count(s); i++)
        n += triad_schools_phase(s, i) == p;
    return n;
}

static size_t count_grade(const triad_schools *s, int g)
{
    size_t n = 0;
    for (size_t i = 0; i < triad_schools_count(s); i++)
        n += triad_schools_ofsted(s, i) == g;
    return n;
}

static void test_surrey_gias(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    CU_ASSERT_EQUAL(triad_schools_format(s), TRIAD_FORMAT_GIAS);
    CU_ASSERT_EQUAL(triad_schools_count(s), 397);
    /* GIAS's 300 Primary schools, by their statutory ages (issue 37) */
    CU_ASSERT_EQUAL(count_phase(s, TRIAD_PHASE_PRIMARY) + count_phase(s, TRIAD_PHASE_INFANT) +
                        count_phase(s, TRIAD_PHASE_JUNIOR) + count_phase(s, TRIAD_PHASE_FIRST),
                    300);
    CU_ASSERT_EQUAL(count_phase(s, TRIAD_PHASE_INFANT), 79);
    CU_ASSERT_EQUAL(count_phase(s, TRIAD_PHASE_JUNIOR), 41);
    CU_ASSERT_EQUAL(count_phase(s, TRIAD_PHASE_SECONDARY), 55);
    CU_ASSERT_EQUAL(count_phase(s, TRIAD_PHASE_NURSERY), 4);
    CU_ASSERT_EQUAL(count_phase(s, TRIAD_PHASE_SIXTEEN_PLUS), 4);
    CU_ASSERT_EQUAL(count_phase(s, TRIAD_PHASE_ALL_THROUGH), 2);
    /* "Not applicable" phase is split by establishment type: 24 special
     * (community, academy converter, sponsor led) and 8 PRUs. */
    CU_ASSERT_EQUAL(count_phase(s, TRIAD_PHASE_SPECIAL), 24);
    CU_ASSERT_EQUAL(count_phase(s, TRIAD_PHASE_PRU), 8);
    CU_ASSERT_EQUAL(count_grade(s, 1), 81);
    CU_ASSERT_EQUAL(count_grade(s, 2), 221);
    CU_ASSERT_EQUAL(count_grade(s, 3), 16);
    CU_ASSERT_EQUAL(count_grade(s, 4), 2); /* Serious Weaknesses + Special Measures */
    CU_ASSERT_EQUAL(count_grade(s, 0), 77);
    CU_ASSERT_STRING_EQUAL(triad_schools_urn(s, 0), "124911");
    CU_ASSERT_STRING_EQUAL(triad_schools_name(s, 0), "Chertsey Nursery School");
    size_t urban = 0, fsm = 0, trust = 0;
    for (size_t i = 0; i < s->n; i++) {
        urban += s->s[i].urban == URBAN_URBAN;
        fsm += !isnan(s->s[i].fsm);
        trust += s->s[i].trust[0] != '\0';
    }
    CU_ASSERT_EQUAL(urban, 342);
    CU_ASSERT_EQUAL(fsm, 380);
    CU_ASSERT_EQUAL(trust, 202);
    CU_ASSERT_EQUAL(s->s[0].x, 503346);
    CU_ASSERT_EQUAL(s->s[0].y, 166818);
    triad_schools_free(s);
}

/* Every primary-age phase agrees with the school's statutory ages, the
 * ages and phases survive a native round trip, and the default primary
 * stratum still holds them all; special_by_age moves special schools of
 * secondary ages to the secondary stratum. */
static void test_phases_by_age(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_error err;
    size_t n = triad_schools_count(s), secondary_special = 0;
    for (size_t i = 0; i < n; i++) {
        double lo = NAN, hi = NAN;
        CU_ASSERT_EQUAL(triad_schools_get_number(s, i, TRIAD_FIELD_LOW_AGE, &lo, &err), TRIAD_OK);
        CU_ASSERT_EQUAL(triad_schools_get_number(s, i, TRIAD_FIELD_HIGH_AGE, &hi, &err), TRIAD_OK);
        triad_phase ph = triad_schools_phase(s, i);
        if (ph == TRIAD_PHASE_INFANT)
            CU_ASSERT(hi <= 8);
        if (ph == TRIAD_PHASE_JUNIOR)
            CU_ASSERT(lo >= 7 && hi > 8);
        if (ph == TRIAD_PHASE_FIRST)
            CU_ASSERT(lo < 7 && hi > 8 && hi <= 10);
        if (ph == TRIAD_PHASE_PRIMARY)
            CU_ASSERT(lo < 7 && hi > 10);
        secondary_special += ph == TRIAD_PHASE_SPECIAL && lo >= 11;
    }
    const char *path = "/tmp/triad-test-phases.csv";
    CU_ASSERT_EQUAL_FATAL(triad_schools_write(s, path, &err), TRIAD_OK);
    triad_schools *back = test_read_schools(path);
    remove(path);
    for (size_t i = 0; i < n; i++) {
        double a = 0, b = 0;
        CU_ASSERT_EQUAL(triad_schools_phase(back, i), triad_schools_phase(s, i));
        triad_schools_get_number(s, i, TRIAD_FIELD_HIGH_AGE, &a, &err);
        triad_schools_get_number(back, i, TRIAD_FIELD_HIGH_AGE, &b, &err);
        CU_ASSERT_EQUAL(a, b);
    }
    triad_schools_free(back);
    triad_plan *p = NULL, *q = NULL;
    triad_spec *spec = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, NULL, NULL, &p, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(
        triad_spec_read_string("[strata]\nspecial_by_age = yes\n", "a.ini", &spec, &err),
        TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, spec, NULL, &q, &err), TRIAD_OK);
    size_t moved = 0;
    for (size_t i = 0; i < n; i++) {
        triad_phase ph = triad_schools_phase(s, i);
        const char *lp = triad_plan_collaborative_label(p, (size_t)triad_plan_collaborative_of(p, i));
        const char *lq = triad_plan_collaborative_label(q, (size_t)triad_plan_collaborative_of(q, i));
        if (ph == TRIAD_PHASE_INFANT || ph == TRIAD_PHASE_JUNIOR)
            CU_ASSERT(strncmp(lp, "primary", 7) == 0);
        double lo = NAN;
        if (ph == TRIAD_PHASE_SPECIAL &&
            triad_schools_get_number(s, i, TRIAD_FIELD_LOW_AGE, &lo, &err) == TRIAD_OK &&
            lo >= 11) {
            CU_ASSERT(strncmp(lp, "special", 7) == 0);
            moved += strncmp(lq, "secondary", 9) == 0;
        }
    }
    CU_ASSERT(secondary_special > 0);
    CU_ASSERT_EQUAL(moved, secondary_special);
    triad_plan_free(p);
    triad_plan_free(q);
    triad_spec_free(spec);
    triad_schools_free(s);
}

static void test_warwickshire_ofsted(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("warwickshire-937-ofsted-mi-2020-08.csv"));
    CU_ASSERT_EQUAL(triad_schools_format(s), TRIAD_FORMAT_OFSTED);
    CU_ASSERT_EQUAL(triad_schools_count(s), 228);
    CU_ASSERT_EQUAL(count_phase(s, TRIAD_PHASE_PRIMARY), 186);
    CU_ASSERT_EQUAL(count_phase(s, TRIAD_PHASE_SECONDARY), 33);
    CU_ASSERT_EQUAL(count_phase(s, TRIAD_PHASE_SPECIAL), 9);
    CU_ASSERT_EQUAL(count_grade(s, 1), 33);
    CU_ASSERT_EQUAL(count_grade(s, 2), 163);
    CU_ASSERT_EQUAL(count_grade(s, 3), 27);
    CU_ASSERT_EQUAL(count_grade(s, 4), 5);
    size_t q[6] = {0};
    for (size_t i = 0; i < s->n; i++)
        q[s->s[i].idaci]++;
    CU_ASSERT_EQUAL(q[1], 74);
    CU_ASSERT_EQUAL(q[2], 70);
    CU_ASSERT_EQUAL(q[3], 49);
    CU_ASSERT_EQUAL(q[4], 31);
    CU_ASSERT_EQUAL(q[5], 4);
    CU_ASSERT_TRUE(s->has_idaci);
    triad_schools_free(s);
}

static void test_cp1252_crlf_gias(void)
{
    triad_schools *s = test_read_schools(DATA("gias-cp1252-crlf.csv"));
    CU_ASSERT_EQUAL(triad_schools_count(s), 3);
    /* 0xE9 in Windows-1252 is U+00E9, two bytes in UTF-8; the quoted comma
     * stays inside the field. */
    CU_ASSERT_STRING_EQUAL(triad_schools_name(s, 0), "St Andr\xc3\xa9's, CE");
    CU_ASSERT_EQUAL(triad_schools_phase(s, 1), TRIAD_PHASE_SPECIAL);
    CU_ASSERT_EQUAL(triad_schools_phase(s, 2), TRIAD_PHASE_PRU);
    CU_ASSERT_EQUAL(triad_schools_ofsted(s, 1), 0);
    CU_ASSERT_EQUAL(triad_schools_ofsted(s, 2), 4);
    CU_ASSERT_EQUAL(s->s[0].pupils, 210);
    triad_schools_free(s);
}

static void test_ofsted_spaced_names_bom(void)
{
    triad_schools *s = test_read_schools(DATA("ofsted-spaced-bom.csv"));
    CU_ASSERT_EQUAL(triad_schools_format(s), TRIAD_FORMAT_OFSTED);
    CU_ASSERT_EQUAL(triad_schools_count(s), 3);
    CU_ASSERT_STRING_EQUAL(triad_schools_urn(s, 0), "800001"); /* BOM not in the URN */
    CU_ASSERT_EQUAL(triad_schools_ofsted(s, 0), 1);
    CU_ASSERT_EQUAL(triad_schools_ofsted(s, 1), 3);
    CU_ASSERT_EQUAL(triad_schools_ofsted(s, 2), 0);
    CU_ASSERT_EQUAL(s->s[0].idaci, 2);
    CU_ASSERT_EQUAL(s->s[1].idaci, 5);
    CU_ASSERT_EQUAL(s->s[1].pupils, 1200);
    CU_ASSERT_EQUAL(triad_schools_phase(s, 2), TRIAD_PHASE_SPECIAL);
    triad_schools_free(s);
}

static void test_native_user_attributes(void)
{
    triad_schools *s = test_read_schools(DATA("small.csv"));
    CU_ASSERT_EQUAL(triad_schools_format(s), TRIAD_FORMAT_NATIVE);
    CU_ASSERT_EQUAL(triad_schools_attribute_count(s), 1);
    CU_ASSERT_STRING_EQUAL(triad_schools_attribute_name(s, 0), "diocese");
    CU_ASSERT_FALSE(triad_schools_attribute_is_numeric(s, 0));
    CU_ASSERT_EQUAL(s->attrs[0].ncat, 3); /* CofE, None, RC */
    CU_ASSERT_EQUAL(s->s[11].ofsted, 0);  /* blank grade: not inspected */
    CU_ASSERT_TRUE(isnan(s->s[11].head_years));
    CU_ASSERT_EQUAL(s->s[8].priority, 3);
    triad_schools_free(s);
}

/* import -> native CSV -> read again gives the same schools. */
static void test_native_round_trip(void)
{
    triad_schools *a = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    char path[] = "/tmp/triad-test-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_write(a, path, &err), TRIAD_OK);
    triad_schools *b = test_read_schools(path);
    CU_ASSERT_EQUAL_FATAL(b->n, a->n);
    size_t same = 0;
    for (size_t i = 0; i < a->n; i++) {
        const school_rec *x = &a->s[i], *y = &b->s[i];
        same += strcmp(x->urn, y->urn) == 0 && strcmp(x->name, y->name) == 0 &&
                strcmp(x->trust, y->trust) == 0 && x->phase == y->phase &&
                x->ofsted == y->ofsted && x->urban == y->urban &&
                (x->fsm == y->fsm || (isnan(x->fsm) && isnan(y->fsm))) && x->x == y->x &&
                x->y == y->y;
    }
    CU_ASSERT_EQUAL(same, a->n);
    unlink(path);
    triad_schools_free(a);
    triad_schools_free(b);
}

static void test_buffer_and_closed(void)
{
    const char *csv = "URN,EstablishmentName,PhaseOfEducation (name),EstablishmentStatus (name)\n"
                      "1,Open one,Primary,Open\n2,Gone,Primary,Closed\n";
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, strlen(csv), "mem", NULL, &s, &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_count(s), 1);
    triad_schools_free(s);
    triad_read_options ro;
    triad_read_options_init(&ro);
    ro.keep_closed = 1;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, strlen(csv), "mem", &ro, &s, &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_count(s), 2);
    triad_schools_free(s);
}

/* A percentage exported from a spreadsheet cell formatted as one ("23.50%")
 * is the number it shows; a percent sign elsewhere, or over 100%, is not. */
static void test_percent_sign(void)
{
    const char ok[] = "urn,phase,fsm_pct\n1,Primary,23.50%\n2,Primary,7 %\n3,Primary,12\n";
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(ok, sizeof ok - 1, "p.csv", NULL, &s, &err),
                          TRIAD_OK);
    CU_ASSERT_DOUBLE_EQUAL(s->s[0].fsm, 23.5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(s->s[1].fsm, 7, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(s->s[2].fsm, 12, 1e-12);
    triad_schools_free(s);
    static const char *const bad[] = {"urn,phase,fsm_pct\n1,Primary,150%\n",
                                      "urn,phase,fsm_pct\n1,Primary,%\n",
                                      "urn,phase,pupils\n1,Primary,100%\n"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        s = NULL;
        CU_ASSERT_EQUAL(triad_schools_read_buffer(bad[k], strlen(bad[k]), "p.csv", NULL, &s, &err),
                        TRIAD_ERR_VALUE);
        CU_ASSERT_PTR_NULL(s);
    }
}

/* Issue 31: a column of a known export that is renamed or absent, or any
 * column blank for every school, is a data gap saying what the plan loses;
 * the gaps reach every report of a plan as warnings. The real Surrey
 * export has none. */
static void test_data_gaps(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    CU_ASSERT_EQUAL(triad_schools_gap_count(s), 0);
    CU_ASSERT_PTR_NULL(triad_schools_gap(s, 0));
    triad_schools_free(s);
    /* the GIAS file with its Ofsted column renamed */
    char *data = NULL;
    size_t size = 0;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_i_read_file(EXAMPLE("surrey-936-gias-2021-05.csv"), 1 << 26,
                                            &data, &size, &err),
                          TRIAD_OK);
    char *at = strstr(data, "OfstedRating (name)");
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    memcpy(at, "OfstedRatinX", 12);
    s = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(data, size, "renamed.csv", NULL, &s, &err),
                          TRIAD_OK);
    free(data);
    CU_ASSERT_EQUAL(triad_schools_gap_count(s), 1);
    const char *g = triad_schools_gap(s, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    CU_ASSERT_PTR_NOT_NULL(strstr(g, "no column 'OfstedRating (name)' (GIAS)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g, "all 397 schools are treated as not inspected"));
    /* in the report of any plan for them, and the lead warning names the cause */
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, NULL, NULL, &p, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(p), "no school in the file has an Ofsted grade"));
    triad_report *r = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_check(s, NULL, p, &r, &err), TRIAD_OK);
    char *json = NULL;
    CU_ASSERT_EQUAL(triad_report_format(r, 1, &json, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "no column 'OfstedRating (name)' (GIAS)"));
    triad_string_free(json);
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
    /* native: a present column blank for every school is a gap; an absent
     * optional one is not (native files choose their columns) */
    const char native[] = "urn,phase,ofsted,head_years\n1,Primary,,\n2,Primary,,\n";
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(native, sizeof native - 1, "n.csv", NULL, &s,
                                                    &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_gap_count(s), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_schools_gap(s, 0), "column 'ofsted' is blank for every school"));
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_schools_gap(s, 1), "head experience is not balanced"));
    triad_schools_free(s);
}

void register_import_tests(void)
{
    CU_pSuite s = CU_add_suite("import", NULL, NULL);
    CU_add_test(s, "phases by statutory age", test_phases_by_age);
    CU_add_test(s, "Surrey GIAS counts", test_surrey_gias);
    CU_add_test(s, "Warwickshire Ofsted MI counts", test_warwickshire_ofsted);
    CU_add_test(s, "Windows-1252, CRLF, quoted comma", test_cp1252_crlf_gias);
    CU_add_test(s, "Ofsted spaced column names with BOM", test_ofsted_spaced_names_bom);
    CU_add_test(s, "native user attributes", test_native_user_attributes);
    CU_add_test(s, "native round trip", test_native_round_trip);
    CU_add_test(s, "buffer input, closed schools", test_buffer_and_closed);
    CU_add_test(s, "FSM as a spreadsheet percentage", test_percent_sign);
    CU_add_test(s, "data gaps named with what they mean", test_data_gaps);
}
