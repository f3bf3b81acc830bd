/* Brokering's rules and their words (issues 16, 30): every rule on real
 * Surrey schools, a hand-made brokerage re-scored, the truth of the numbers
 * and reasons, the rota across years, bad offers and needs, and schools a
 * travel limit cannot place. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "broker/broker_impl.h"
#include "model/schools_impl.h"
#include "test_util.h"

/* Every rule on real Surrey schools. */
static void test_rules_on_surrey(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    /* find: two Good schools of one trust, an Inadequate or RI school */
    long good1 = -1, good2 = -1, weak = -1, other = -1;
    for (size_t i = 0; i < s->n; i++) {
        const school_rec *r = &s->s[i];
        if (r->ofsted >= 3 && weak < 0)
            weak = (long)i;
        if (r->ofsted == 2 && r->trust[0] && good1 < 0)
            good1 = (long)i;
    }
    for (size_t i = 0; good1 >= 0 && i < s->n; i++)
        if ((long)i != good1 && s->s[i].ofsted == 2 && strcmp(s->s[i].trust, s->s[good1].trust) == 0)
            good2 = (long)i;
    for (size_t i = 0; i < s->n; i++)
        if (s->s[i].ofsted == 1 && !s->s[i].trust[0]) {
            other = (long)i;
            break;
        }
    CU_ASSERT_FATAL(good1 >= 0 && good2 >= 0 && weak >= 0 && other >= 0);
    char offers[512], needs[256];
    /* the weak school offers (excluded: causing concern), good1 offers to its
     * trust partner good2 (excluded with not_same_trust) */
    snprintf(offers, sizeof offers, "urn,area,days\n%s,Maths,10\n%s,Maths,10\n%s,Maths,4\n",
             s->s[weak].urn, s->s[good1].urn, s->s[other].urn);
    snprintf(needs, sizeof needs, "urn,area,days,priority\n%s,Maths,10,2\n%s,Maths,3,1\n",
             s->s[good2].urn, s->s[other].urn);
    triad_market *m = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(test_market_of(s, offers, needs, &m, &err), TRIAD_OK);
    triad_broker_options o;
    triad_broker_options_init(&o);
    o.not_same_trust = 1;
    triad_brokerage *b = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &b, &err), TRIAD_OK);
    for (size_t k = 0; k < b->nmatch; k++) {
        size_t sup = b->market->offers[b->m[k].offer].school;
        size_t sch = b->market->needs[b->m[k].need].school;
        CU_ASSERT_NOT_EQUAL(sup, (size_t)weak);  /* causing concern offers nothing */
        CU_ASSERT_NOT_EQUAL(sup, sch);           /* nobody supports itself */
        CU_ASSERT_FALSE(sup == (size_t)good1 && sch == (size_t)good2); /* same trust */
    }
    /* good2 can only be helped by `other` (4 days): 6 days unmet, reason given */
    CU_ASSERT_DOUBLE_EQUAL(triad_brokerage_days_met(b), 4 + 3, 1e-6);
    CU_ASSERT_EQUAL(b->nviol, 0);
    triad_brokerage_free(b);
    /* the same with a travel limit of 1 km: nobody close enough */
    o.max_km = 1;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &b, &err), TRIAD_OK);
    CU_ASSERT_DOUBLE_EQUAL(triad_brokerage_days_met(b), 0, 1e-9);
    char *text = NULL;
    CU_ASSERT_EQUAL(triad_brokerage_format(b, 0, &text, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "beyond the travel limit"));
    triad_string_free(text);
    triad_brokerage_free(b);
    /* a hand-made brokerage breaking rules: the checker names each */
    char hand[256];
    snprintf(hand, sizeof hand,
             "needing_urn,supporting_urn,area,days\n%s,%s,Maths,10\n%s,%s,Maths,3\n",
             s->s[good2].urn, s->s[weak].urn, s->s[other].urn, s->s[other].urn);
    char *ph = test_temp_with(hand);
    triad_broker_options_init(&o);
    CU_ASSERT_EQUAL_FATAL(triad_brokerage_read(ph, s, NULL, m, &o, &b, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_brokerage_violations(b), 2);
    CU_ASSERT_EQUAL(triad_brokerage_format(b, 1, &text, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "causing concern"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "the school itself"));
    triad_string_free(text);
    triad_brokerage_free(b);
    unlink(ph);
    free(ph);
    triad_market_free(m);
    triad_schools_free(s);
}

/* Issue 30: brokering tells the truth. Synonyms that give a term two areas
 * or chain into a cycle are refused with their lines; days met count up
 * to the need (an excess is a violation only); a hand-made brokerage that
 * leaves a need with days on offer says "not assigned"; a header-only
 * brokerage is a valid brokerage of no matches; no "nan" in any output. */
static void test_brokering_truth(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    long good = -1, need1 = -1;
    for (size_t i = 0; i < s->n && (good < 0 || need1 < 0); i++) {
        if (s->s[i].ofsted == 1 && good < 0)
            good = (long)i;
        else if (s->s[i].ofsted == 2 && need1 < 0)
            need1 = (long)i;
    }
    CU_ASSERT_FATAL(good >= 0 && need1 >= 0);
    char offers[256], needs[256];
    snprintf(offers, sizeof offers, "urn,area,days\n%s,Maths,20\n", s->s[good].urn);
    snprintf(needs, sizeof needs, "urn,area,days,priority\n%s,Maths,9,2\n", s->s[need1].urn);
    char *po = test_temp_with(offers), *pn = test_temp_with(needs);
    triad_market *m = NULL;
    triad_error err;
    /* synonyms: two areas for a term; a cycle */
    const char *bad_syn[] = {"term,area\nSEND,Special needs\nSEND,Inclusion\n",
                             "term,area\nMaths,Science\nScience,Maths\n",
                             "term,area\nNumeracy,Maths\nMaths,Mathematics\n"};
    const char *frag[] = {":3: synonym 'SEND' stands for 'Inclusion' here and for 'Special needs' on line 2",
                          "(a cycle)", "(a chain)"};
    for (int k = 0; k < 3; k++) {
        char *ps = test_temp_with(bad_syn[k]);
        CU_ASSERT_EQUAL(triad_market_read(po, pn, ps, s, &m, &err), TRIAD_ERR_VALUE);
        CU_ASSERT_PTR_NULL(m);
        if (!strstr(err.message, frag[k]))
            fprintf(stderr, "\n  want '%s', got '%s'\n", frag[k], err.message);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.message, frag[k]));
        unlink(ps);
        free(ps);
    }
    char *ps = test_temp_with("term,area\nmaths,Maths\nNumeracy,Maths\nnumeracy , maths\n");
    CU_ASSERT_EQUAL_FATAL(triad_market_read(po, pn, ps, s, &m, &err), TRIAD_OK);
    unlink(ps);
    free(ps);
    /* 20 days given against a need of 9: 9 met, one violation */
    char hand[256];
    snprintf(hand, sizeof hand, "needing_urn,supporting_urn,area,days\n%s,%s,Maths,20\n",
             s->s[need1].urn, s->s[good].urn);
    char *ph = test_temp_with(hand);
    triad_brokerage *b = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_brokerage_read(ph, s, NULL, m, NULL, &b, &err), TRIAD_OK);
    CU_ASSERT_DOUBLE_EQUAL(triad_brokerage_days_met(b), 9, 1e-9);
    CU_ASSERT_EQUAL(triad_brokerage_violations(b), 1);
    char *text = NULL, *json = NULL;
    CU_ASSERT_EQUAL(triad_brokerage_format(b, 0, &text, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "9.00 of 9.00 days of need met (100%)"));
    CU_ASSERT_PTR_NULL(strstr(text, "nan"));
    CU_ASSERT_PTR_NULL(strstr(text, "file, read"));
    triad_string_free(text);
    triad_brokerage_free(b);
    unlink(ph);
    free(ph);
    /* header only: no matches, the need unmet and "not assigned" with the
     * 20 days left on offer */
    ph = test_temp_with("needing_urn,supporting_urn,area,days\n");
    CU_ASSERT_EQUAL_FATAL(triad_brokerage_read(ph, s, NULL, m, NULL, &b, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_brokerage_count(b), 0);
    CU_ASSERT_DOUBLE_EQUAL(triad_brokerage_days_met(b), 0, 1e-9);
    CU_ASSERT_EQUAL(triad_brokerage_format(b, 0, &text, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_brokerage_format(b, 1, &json, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "not assigned: 1 eligible supporter has 20.00 days of Maths left"));
    CU_ASSERT_PTR_NULL(strstr(text, "max_schools"));
    CU_ASSERT_PTR_NULL(strstr(text, "nan"));
    CU_ASSERT_PTR_NULL(strstr(json, "nan"));
    triad_string_free(text);
    triad_string_free(json);
    triad_brokerage_free(b);
    unlink(ph);
    free(ph);
    unlink(po);
    unlink(pn);
    free(po);
    free(pn);
    triad_market_free(m);
    triad_schools_free(s);
}

/* Issue 32: a rota across years. Two supporters could give school 3 its
 * five days of Maths equally well; supporter 1 has done so two years
 * running. prefer-new (max_years 2) gives it supporter 2 and counts one pair
 * rotated; keep keeps supporter 1 and counts one pair kept; the days met
 * never change. */
static void test_rota(void)
{
    const char csv[] = "urn,phase\n1,Primary\n2,Primary\n3,Primary\n";
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, sizeof csv - 1, "r.csv", NULL, &s, &err),
                          TRIAD_OK);
    triad_market *m = NULL;
    CU_ASSERT_EQUAL_FATAL(test_market_of(s, "urn,area,days\n1,Maths,5\n2,Maths,5\n",
                                    "urn,area,days\n3,Maths,5\n", &m, &err),
                          TRIAD_OK);
    char *y1 = test_temp_with("needing_urn,supporting_urn,area,days\n3,1,Maths,5\n");
    char *y2 = test_temp_with("needing_urn,supporting_urn,area,days\n3,1,Maths,5\n");
    const char *paths[] = {y1, y2};
    triad_broker_history *h = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_broker_history_read(paths, 2, s, &h, &err), TRIAD_OK);
    for (int keep = 0; keep < 2; keep++) {
        triad_broker_options o;
        triad_broker_options_init(&o);
        o.max_supporters = 1;
        o.history = h;
        o.rotate = keep ? TRIAD_ROTATE_KEEP : TRIAD_ROTATE_PREFER_NEW;
        triad_brokerage *b = NULL;
        CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &b, &err), TRIAD_OK);
        CU_ASSERT_DOUBLE_EQUAL(triad_brokerage_days_met(b), 5, 1e-9);
        CU_ASSERT_EQUAL_FATAL(b->nmatch, 1);
        size_t sup = b->market->offers[b->m[0].offer].school;
        CU_ASSERT_EQUAL(sup, keep ? 0u : 1u); /* school "1" is index 0, "2" index 1 */
        size_t kept = 9, rotated = 9;
        triad_brokerage_rota(b, &kept, &rotated);
        CU_ASSERT_EQUAL(kept, keep ? 1u : 0u);
        CU_ASSERT_EQUAL(rotated, keep ? 0u : 1u);
        char *text = NULL;
        CU_ASSERT_EQUAL(triad_brokerage_format(b, 0, &text, &err), TRIAD_OK);
        CU_ASSERT_PTR_NOT_NULL(strstr(text, "Rota: "));
        triad_string_free(text);
        triad_brokerage_free(b);
    }
    /* a history read for other schools is refused */
    triad_broker_options o;
    triad_broker_options_init(&o);
    o.max_years = 0;
    triad_brokerage *b = NULL;
    CU_ASSERT_EQUAL(triad_broker(s, NULL, m, &o, &b, &err), TRIAD_ERR_INVALID_ARGUMENT);
    triad_broker_history_free(h);
    unlink(y1);
    unlink(y2);
    free(y1);
    free(y2);
    triad_market_free(m);
    triad_schools_free(s);
}

static void test_bad_market(void)
{
    const char csv[] = "urn,phase\n1,Primary\n2,Primary\n";
    triad_schools *s = NULL;
    triad_market *m = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, sizeof csv - 1, "s.csv", NULL, &s, &err),
                          TRIAD_OK);
    struct {
        const char *offers, *needs, *frag;
        triad_status st;
    } cases[] = {
        {"urn,area,days\n9,Maths,5\n", "urn,area,days\n2,Maths,5\n",
         "URN '9' is not in the schools", TRIAD_ERR_UNKNOWN_SCHOOL},
        {"urn,area,days\n1,Maths,0x5\n", "urn,area,days\n2,Maths,5\n", "invalid days '0x5'",
         TRIAD_ERR_VALUE},
        {"urn,area,days\n1,Maths,400\n", "urn,area,days\n2,Maths,5\n", "invalid days '400'",
         TRIAD_ERR_VALUE},
        {"urn,area,days,role\n1,Maths,5,Boss\n", "urn,area,days\n2,Maths,5\n",
         "unknown role 'Boss'", TRIAD_ERR_VALUE},
        {"urn,area,days\n1,Maths,5\n1, maths,3\n", "urn,area,days\n2,Maths,5\n",
         "offers Maths a second time", TRIAD_ERR_DUPLICATE},
        {"urn,days\n1,5\n", "urn,area,days\n2,Maths,5\n", "required column 'area'",
         TRIAD_ERR_MISSING_COLUMN},
        {"urn,area,days\n1,Maths,5\n", "urn,area,days,priority\n2,Maths,5,4\n",
         "invalid priority '4'", TRIAD_ERR_VALUE},
        {"urn;area;days\n1;Maths;5\n", "urn,area,days\n2,Maths,5\n", "one column holding ';'",
         TRIAD_ERR_MISSING_COLUMN},
        {"urn,area,days\n1,Maths,5\n", "urn,area,days\n2,\"Ma\nths\",5\n",
         ":2:2: text with a line break", TRIAD_ERR_VALUE},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        triad_status st = test_market_of(s, cases[k].offers, cases[k].needs, &m, &err);
        CU_ASSERT_EQUAL(st, cases[k].st);
        CU_ASSERT_PTR_NULL(m);
        if (!strstr(err.message, cases[k].frag))
            fprintf(stderr, "\n  want '%s', got '%s'\n", cases[k].frag, err.message);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.message, cases[k].frag));
        triad_market_free(m);
        m = NULL;
    }
    triad_schools_free(s);
}

/* Under --max-km a school of the market without a location is matched with
 * nobody, and that is said: a warning naming it, and each need it could
 * have served says the offer was not eligible and why (before: "the
 * eligible supporters' days are spent", the 5 days of school 3 unnamed). */
static void test_unlocated_under_travel_limit(void)
{
    const char csv[] = "urn,name,phase,ofsted,easting,northing\n1,A,Primary,1,500000,150000\n"
                       "2,B,Primary,3,501000,150000\n3,C,Primary,2,,\n"
                       "4,D,Primary,3,502000,150000\n";
    triad_schools *s = NULL;
    triad_market *m = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, sizeof csv - 1, "s.csv", NULL, &s, &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(test_market_of(s, "urn,area,days\n3,Maths,5\n1,Maths,2\n",
                                         "urn,area,days\n2,Maths,4\n4,Maths,3\n", &m, &err),
                          TRIAD_OK);
    triad_broker_options o;
    triad_broker_options_init(&o);
    o.max_km = 20;
    triad_brokerage *b = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &b, &err), TRIAD_OK);
    CU_ASSERT_DOUBLE_EQUAL(triad_brokerage_days_met(b), 2.0, 1e-9);
    int warned = 0;
    for (size_t k = 0; k < triad_brokerage_warnings(b); k++)
        warned |= strstr(triad_brokerage_warning(b, k),
                         "1 school of the market has no location, so it is matched with nobody: "
                         "3 (C)") != NULL;
    CU_ASSERT(warned);
    char *text = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_brokerage_format(b, 0, &text, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "are spent; not eligible: 1 unlocated"));
    triad_string_free(text);
    triad_brokerage_free(b);
    /* without a limit the unlocated school is a supporter like any other */
    o.max_km = 0;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &b, &err), TRIAD_OK);
    CU_ASSERT_DOUBLE_EQUAL(triad_brokerage_days_met(b), 7.0, 1e-9);
    CU_ASSERT_EQUAL(triad_brokerage_warnings(b), 0);
    triad_brokerage_free(b);
    triad_market_free(m);
    triad_schools_free(s);
}

/* Termly re-brokering's fixture: five schools in a row (C graded
 * c_grade), three offering Maths, two needing it; this term's brokerage
 * (A gave B 5 days, C gave D 5, E gave D 1) as a file the caller unlinks. */
static triad_schools *term_schools(int c_grade)
{
    char csv[512];
    snprintf(csv, sizeof csv,
             "urn,name,phase,ofsted,easting,northing\n1,A,Primary,1,500000,150000\n"
             "2,B,Primary,3,501000,150000\n3,C,Primary,%d,502000,150000\n"
             "4,D,Primary,3,503000,150000\n5,E,Primary,2,504000,150000\n",
             c_grade);
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, strlen(csv), "s.csv", NULL, &s, &err),
                          TRIAD_OK);
    return s;
}

static triad_market *term_market(const triad_schools *s, const char *needs)
{
    triad_market *m = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(test_market_of(s, "urn,area,days\n1,Maths,6\n3,Maths,6\n5,Maths,6\n",
                                         needs, &m, &err),
                          TRIAD_OK);
    return m;
}

static const char term_needs[] = "urn,area,days,priority\n2,Maths,3,3\n4,Maths,8,3\n";
static const char term_under_way[] = "needing_urn,supporting_urn,area,days\n2,1,Maths,5\n"
                                     "4,3,Maths,5\n4,5,Maths,1\n";

/* This term's brokerage read against m, and o (K = 1) set to keep it. */
static triad_brokerage *term_under_way_read(const triad_schools *s, const triad_market *m,
                                            triad_broker_options *o)
{
    char *path = test_temp_with(term_under_way);
    triad_broker_options_init(o);
    o->max_supporters = 1;
    triad_brokerage *u = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_brokerage_read(path, s, NULL, m, o, &u, &err), TRIAD_OK);
    unlink(path);
    free(path);
    o->under_way = u;
    return u;
}

/* 1 when one of b's warnings holds text. */
static int warned(const triad_brokerage *b, const char *text)
{
    for (size_t k = 0; k < triad_brokerage_warnings(b); k++)
        if (strstr(triad_brokerage_warning(b, k), text))
            return 1;
    return 0;
}

/* Issue 32: termly re-brokering. Matches under way (this term's brokerage,
 * read against next term's market) are kept with at least their days; one
 * whose need shrank is kept in part and one the cap cannot hold is not,
 * each said; the rest is brokered around them and the rules hold. */
static void test_term_keeps_under_way(void)
{
    triad_schools *s = term_schools(2);
    triad_market *m = term_market(s, term_needs);
    triad_broker_options o;
    triad_brokerage *u = term_under_way_read(s, m, &o), *b = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &b, &err), TRIAD_OK);
    /* kept: A -> B (in part: B needs 3 now), C -> D at least 5; E -> D is
     * not kept: D may have one supporter, C's pair came first */
    double ab = 0, cd = 0, ed = 0;
    for (size_t k = 0; k < b->nmatch; k++) {
        size_t sup = m->offers[b->m[k].offer].school, sch = m->needs[b->m[k].need].school;
        ab += sup == 0 && sch == 1 ? b->m[k].days : 0;
        cd += sup == 2 && sch == 3 ? b->m[k].days : 0;
        ed += sup == 4 && sch == 3 ? b->m[k].days : 0;
    }
    CU_ASSERT_DOUBLE_EQUAL(ab, 3, 1e-9);
    CU_ASSERT(cd >= 5 - 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(ed, 0, 1e-9);
    CU_ASSERT(warned(b, "kept in part: 1 supporting 2 in Maths: 3.00 of 5.00 days"));
    CU_ASSERT(warned(b, "not kept: 5 supporting 4 in Maths (1.00 days): the caps"));
    CU_ASSERT_EQUAL(triad_brokerage_violations(b), 0);
    char *text = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_brokerage_format(b, 0, &text, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "Under way: 2 matches kept (8.00 days)"));
    triad_string_free(text);
    triad_brokerage_free(b);
    triad_brokerage_free(u);
    triad_market_free(m);
    triad_schools_free(s);
}

/* A match whose supporter now causes concern is not kept, and said; a
 * brokerage read against one market and used with another is refused. */
static void test_term_refusals(void)
{
    triad_schools *s = term_schools(4);
    triad_market *m = term_market(s, term_needs);
    triad_broker_options o;
    triad_brokerage *u = term_under_way_read(s, m, &o), *b = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &b, &err), TRIAD_OK);
    CU_ASSERT(warned(b, "not kept: 3 supporting 4 in Maths (5.00 days): causing concern"));
    CU_ASSERT_EQUAL(triad_brokerage_violations(b), 0);
    triad_brokerage_free(b);
    /* the same needs in another order: another market */
    triad_market *m2 = term_market(s, "urn,area,days,priority\n4,Maths,8,3\n2,Maths,3,3\n");
    b = NULL;
    CU_ASSERT_EQUAL(triad_broker(s, NULL, m2, &o, &b, &err), TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_PTR_NULL(b);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "read against another market"));
    triad_market_free(m2);
    triad_brokerage_free(u);
    triad_market_free(m);
    triad_schools_free(s);
}

void register_broker_rules_tests(void)
{
    CU_pSuite s = CU_add_suite("broker rules", NULL, NULL);
    CU_add_test(s, "rules on Surrey schools, hand-made brokerage", test_rules_on_surrey);
    CU_add_test(s, "bad offers and needs", test_bad_market);
    CU_add_test(s, "brokering tells the truth", test_brokering_truth);
    CU_add_test(s, "a rota across years", test_rota);
    CU_add_test(s, "a travel limit names the schools it cannot place",
                test_unlocated_under_travel_limit);
    CU_add_test(s, "termly re-brokering keeps matches under way", test_term_keeps_under_way);
    CU_add_test(s, "termly re-brokering: concern and another market refused", test_term_refusals);
}
