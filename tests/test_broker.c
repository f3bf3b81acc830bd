/* Brokering (issue 16): the matching against an independent brute force,
 * every rule on real Surrey schools, and bad input. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glpk.h>
#include <jansson.h>

#include "broker/broker_impl.h"
#include "model/schools_impl.h"
#include "solve/rng.h"
#include "test_util.h"

static char *temp_with(const char *text)
{
    char *path = malloc(64);
    snprintf(path, 64, "/tmp/triad-broker-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) {
        free(path);
        return NULL;
    }
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static triad_status market_of(const triad_schools *s, const char *offers, const char *needs,
                              triad_market **m, triad_error *err)
{
    char *po = temp_with(offers), *pn = temp_with(needs);
    triad_status st = triad_market_read(po, pn, NULL, s, m, err);
    unlink(po);
    unlink(pn);
    free(po);
    free(pn);
    return st;
}

/* --- an independent answer: max flow (Edmonds-Karp) on a small network --- */

#define V 32
static double cap[V][V];

static double max_flow(int src, int sink, int nv)
{
    double flow = 0;
    for (;;) {
        int prev[V], q[V], head = 0, tail = 0;
        for (int v = 0; v < nv; v++)
            prev[v] = -1;
        prev[src] = src;
        q[tail++] = src;
        while (head < tail && prev[sink] < 0) {
            int u = q[head++];
            for (int v = 0; v < nv; v++)
                if (prev[v] < 0 && cap[u][v] > 1e-9) {
                    prev[v] = u;
                    q[tail++] = v;
                }
        }
        if (prev[sink] < 0)
            return flow;
        double f = INFINITY;
        for (int v = sink; v != src; v = prev[v])
            f = fmin(f, cap[prev[v]][v]);
        for (int v = sink; v != src; v = prev[v]) {
            cap[prev[v]][v] -= f;
            cap[v][prev[v]] += f;
        }
        flow += f;
    }
}

/* Random small markets on 8 schools (ungraded: nobody causes concern), one
 * area, priority 1: the most days met is a max flow, and with at most K
 * supporters a school, the best over every choice of K supporters. */
/* The most days met when each needing school may use at most K of the
 * nsup supporters and supporter a at most maxs[a] schools (0: any; NULL:
 * no limits): max flow over every allowed set of pairs. */
static double brute_best(int nsup, int nneed, const double *od, const double *nd, int K,
                         const int *maxs)
{
    double best = 0;
    for (int mask = 0; mask < 1 << (nsup * nneed); mask++) {
        int okk = 1;
        for (int b = 0; b < nneed && okk; b++) {
            int cnt = 0;
            for (int a = 0; a < nsup; a++)
                cnt += (mask >> (b * nsup + a)) & 1;
            okk = cnt <= K;
        }
        for (int a = 0; a < nsup && okk && maxs; a++) {
            int cnt = 0;
            for (int b = 0; b < nneed; b++)
                cnt += (mask >> (b * nsup + a)) & 1;
            okk = !maxs[a] || cnt <= maxs[a];
        }
        if (!okk)
            continue;
        memset(cap, 0, sizeof cap);
        int src = 0, sink = 1 + nsup + nneed;
        for (int a = 0; a < nsup; a++)
            cap[src][1 + a] = od[a];
        for (int b = 0; b < nneed; b++)
            cap[1 + nsup + b][sink] = nd[b];
        for (int b = 0; b < nneed; b++)
            for (int a = 0; a < nsup; a++)
                if ((mask >> (b * nsup + a)) & 1)
                    cap[1 + a][1 + nsup + b] = 1e9;
        best = fmax(best, max_flow(src, sink, sink + 1));
    }
    return best;
}

static void test_against_brute_force(void)
{
    const char csv[] = "urn,phase\n1,Primary\n2,Primary\n3,Primary\n4,Primary\n5,Primary\n"
                       "6,Primary\n7,Primary\n8,Primary\n";
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, sizeof csv - 1, "b.csv", NULL, &s, &err),
                          TRIAD_OK);
    rng r;
    rng_seed(&r, 7);
    for (int trial = 0; trial < 40; trial++) {
        int nsup = 4, nneed = 3, K = 1 + (int)rng_below(&r, 2);
        double od[4], nd[3];
        char offers[512] = "urn,area,days\n", needs[512] = "urn,area,days\n";
        for (int a = 0; a < nsup; a++) { /* supporters are schools 1-4 */
            od[a] = 1 + rng_below(&r, 8);
            snprintf(offers + strlen(offers), sizeof offers - strlen(offers), "%d,Maths,%g\n",
                     a + 1, od[a]);
        }
        for (int b = 0; b < nneed; b++) { /* needing schools 6-8 */
            nd[b] = 1 + rng_below(&r, 10);
            snprintf(needs + strlen(needs), sizeof needs - strlen(needs), "%d,maths ,%g\n", b + 6,
                     nd[b]);
        }
        triad_market *m = NULL;
        CU_ASSERT_EQUAL_FATAL(market_of(s, offers, needs, &m, &err), TRIAD_OK);
        triad_broker_options o;
        triad_broker_options_init(&o);
        o.max_supporters = K;
        triad_brokerage *bk = NULL;
        CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &bk, &err), TRIAD_OK);
        /* brute force: each needing school picks at most K of the 4 supporters */
        double best = brute_best(nsup, nneed, od, nd, K, NULL);
        CU_ASSERT_DOUBLE_EQUAL(triad_brokerage_days_met(bk), best, 1e-6);
        CU_ASSERT_EQUAL(triad_brokerage_violations(bk), 0); /* the checker agrees */
        triad_brokerage_free(bk);
        triad_market_free(m);
    }
    triad_schools_free(s);
}

/* Issue 32: the exact optimum with both caps binding (max_supporters K and
 * a supporter's max_schools), against brute force over every set of
 * (supporter, school) pairs; and the model written with --write-lp,
 * re-solved by GLPK from the file alone, reaches the same optimum. */
static void test_exact_with_caps_and_lp_file(void)
{
    const char csv[] = "urn,phase\n1,Primary\n2,Primary\n3,Primary\n4,Primary\n5,Primary\n"
                       "6,Primary\n7,Primary\n8,Primary\n";
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, sizeof csv - 1, "b.csv", NULL, &s, &err),
                          TRIAD_OK);
    rng r;
    rng_seed(&r, 11);
    int lp_checked = 0, capped = 0;
    for (int trial = 0; trial < 40; trial++) {
        int nsup = 4, nneed = 3, K = 1 + (int)rng_below(&r, 2), maxs[4];
        double od[4], nd[3];
        char offers[512] = "urn,area,days,max_schools\n", needs[512] = "urn,area,days\n";
        for (int a = 0; a < nsup; a++) {
            od[a] = 1 + rng_below(&r, 8);
            maxs[a] = (int)rng_below(&r, 3); /* 0: no limit */
            snprintf(offers + strlen(offers), sizeof offers - strlen(offers), "%d,Maths,%g,%s\n",
                     a + 1, od[a], maxs[a] ? (maxs[a] == 1 ? "1" : "2") : "");
        }
        for (int b = 0; b < nneed; b++) {
            nd[b] = 1 + rng_below(&r, 10);
            snprintf(needs + strlen(needs), sizeof needs - strlen(needs), "%d,Maths,%g\n", b + 6,
                     nd[b]);
        }
        triad_market *m = NULL;
        CU_ASSERT_EQUAL_FATAL(market_of(s, offers, needs, &m, &err), TRIAD_OK);
        triad_broker_options o;
        triad_broker_options_init(&o);
        o.max_supporters = K;
        triad_brokerage *bk = NULL;
        CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &bk, &err), TRIAD_OK);
        CU_ASSERT_STRING_EQUAL(bk->status, "optimal");
        capped += strcmp(bk->engine, "mip") == 0;
        double best = brute_best(nsup, nneed, od, nd, K, maxs);
        CU_ASSERT_DOUBLE_EQUAL(triad_brokerage_days_met(bk), best, 1e-6);
        CU_ASSERT_EQUAL(triad_brokerage_violations(bk), 0);
        /* the LP file, re-solved from the file alone */
        if (trial % 4 == 0) {
            char path[] = "/tmp/triad-lp-test-XXXXXX";
            int fd = mkstemp(path);
            CU_ASSERT_FATAL(fd >= 0);
            close(fd);
            CU_ASSERT_EQUAL_FATAL(triad_broker_write_lp(s, NULL, m, &o, path, &err), TRIAD_OK);
            glp_term_out(GLP_OFF);
            glp_prob *P = glp_create_prob();
            CU_ASSERT_EQUAL_FATAL(glp_read_lp(P, NULL, path), 0);
            glp_iocp ip;
            glp_init_iocp(&ip);
            ip.msg_lev = GLP_MSG_OFF;
            ip.presolve = GLP_ON;
            CU_ASSERT_EQUAL(glp_intopt(P, &ip), 0);
            CU_ASSERT_DOUBLE_EQUAL(glp_mip_obj_val(P), bk->objective, 1e-6);
            glp_delete_prob(P);
            glp_term_out(GLP_ON);
            unlink(path);
            lp_checked++;
        }
        triad_brokerage_free(bk);
        triad_market_free(m);
    }
    CU_ASSERT(lp_checked == 10 && capped >= 10); /* the caps bound in many trials */
    triad_schools_free(s);
}

/* Priority first: a supporter with 5 days, two schools needing 5 each, one
 * of them causing concern (priority 3): it gets the days. */
static void test_priority_first(void)
{
    const char csv[] = "urn,phase,easting,northing\n1,Primary,500000,150000\n"
                       "2,Primary,500500,150000\n3,Primary,520000,150000\n";
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, sizeof csv - 1, "p.csv", NULL, &s, &err),
                          TRIAD_OK);
    triad_market *m = NULL;
    CU_ASSERT_EQUAL_FATAL(market_of(s, "urn,area,days\n1,Reading,5\n",
                                    "urn,area,days,priority\n2,Reading,5,1\n3,Reading,5,3\n", &m,
                                    &err),
                          TRIAD_OK);
    triad_brokerage *b = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, NULL, &b, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(b->nmatch, 1);
    CU_ASSERT_EQUAL(b->market->needs[b->m[0].need].school, 2); /* school 3, though farther */
    CU_ASSERT_EQUAL(b->nunmet, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(b->unmet[0], "days of Reading are spent"));
    triad_brokerage_free(b);
    triad_market_free(m);
    triad_schools_free(s);
}

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
    CU_ASSERT_EQUAL_FATAL(market_of(s, offers, needs, &m, &err), TRIAD_OK);
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
    char *ph = temp_with(hand);
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
    char *po = temp_with(offers), *pn = temp_with(needs);
    triad_market *m = NULL;
    triad_error err;
    /* synonyms: two areas for a term; a cycle */
    const char *bad_syn[] = {"term,area\nSEND,Special needs\nSEND,Inclusion\n",
                             "term,area\nMaths,Science\nScience,Maths\n",
                             "term,area\nNumeracy,Maths\nMaths,Mathematics\n"};
    const char *frag[] = {":3: synonym 'SEND' stands for 'Inclusion' here and for 'Special needs' on line 2",
                          "(a cycle)", "(a chain)"};
    for (int k = 0; k < 3; k++) {
        char *ps = temp_with(bad_syn[k]);
        CU_ASSERT_EQUAL(triad_market_read(po, pn, ps, s, &m, &err), TRIAD_ERR_VALUE);
        CU_ASSERT_PTR_NULL(m);
        if (!strstr(err.message, frag[k]))
            fprintf(stderr, "\n  want '%s', got '%s'\n", frag[k], err.message);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.message, frag[k]));
        unlink(ps);
        free(ps);
    }
    char *ps = temp_with("term,area\nmaths,Maths\nNumeracy,Maths\nnumeracy , maths\n");
    CU_ASSERT_EQUAL_FATAL(triad_market_read(po, pn, ps, s, &m, &err), TRIAD_OK);
    unlink(ps);
    free(ps);
    /* 20 days given against a need of 9: 9 met, one violation */
    char hand[256];
    snprintf(hand, sizeof hand, "needing_urn,supporting_urn,area,days\n%s,%s,Maths,20\n",
             s->s[need1].urn, s->s[good].urn);
    char *ph = temp_with(hand);
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
    ph = temp_with("needing_urn,supporting_urn,area,days\n");
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
    CU_ASSERT_EQUAL_FATAL(market_of(s, "urn,area,days\n1,Maths,5\n2,Maths,5\n",
                                    "urn,area,days\n3,Maths,5\n", &m, &err),
                          TRIAD_OK);
    char *y1 = temp_with("needing_urn,supporting_urn,area,days\n3,1,Maths,5\n");
    char *y2 = temp_with("needing_urn,supporting_urn,area,days\n3,1,Maths,5\n");
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
        triad_status st = market_of(s, cases[k].offers, cases[k].needs, &m, &err);
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

/* When the LP cannot finish in time, a greedy plan that keeps every rule,
 * said so in the status, instead of nothing. */
static void test_greedy_fallback(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_market *m = NULL;
    triad_error err;
    char offers[4096] = "urn,area,days\n", needs[4096] = "urn,area,days,priority\n";
    for (size_t i = 0, no = 0, nn = 0; i < s->n && (no < 40 || nn < 60); i++) {
        const char *area = i % 3 == 0 ? "Maths" : i % 3 == 1 ? "Reading" : "Science";
        if (s->s[i].ofsted == 2 && no < 40 && i % 2 == 0) {
            snprintf(offers + strlen(offers), sizeof offers - strlen(offers), "%s,%s,%zu\n",
                     s->s[i].urn, area, 3 + i % 7);
            no++;
        } else if (nn < 60) {
            snprintf(needs + strlen(needs), sizeof needs - strlen(needs), "%s,%s,%zu,%zu\n",
                     s->s[i].urn, area, 2 + i % 5, 1 + i % 3);
            nn++;
        }
    }
    CU_ASSERT_EQUAL_FATAL(market_of(s, offers, needs, &m, &err), TRIAD_OK);
    triad_broker_options o;
    triad_broker_options_init(&o);
    o.time_limit = 1e-6; /* no time at all for the LP */
    triad_brokerage *b = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &b, &err), TRIAD_OK);
    CU_ASSERT_STRING_EQUAL(b->status, "greedy (time limit)");
    CU_ASSERT(triad_brokerage_days_met(b) > 0);
    CU_ASSERT_EQUAL(triad_brokerage_violations(b), 0); /* the rules hold */
    /* never silent: a warning, in the text and the JSON */
    CU_ASSERT_EQUAL(triad_brokerage_warnings(b), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_brokerage_warning(b, 0), "stopped the LP"));
    CU_ASSERT_PTR_NULL(triad_brokerage_warning(b, 1));
    char *text = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_brokerage_format(b, 0, &text, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nWarning: the time limit of 1e-06 s stopped the LP"));
    triad_string_free(text);
    CU_ASSERT_EQUAL_FATAL(triad_brokerage_format(b, 1, &text, &err), TRIAD_OK);
    json_t *root = json_loads(text, 0, NULL);
    CU_ASSERT_EQUAL(json_array_size(json_object_get(root, "warnings")), 1);
    CU_ASSERT_EQUAL(
        json_integer_value(json_object_get(json_object_get(root, "summary"), "warnings")), 1);
    json_decref(root);
    triad_string_free(text);
    triad_brokerage_free(b);
    /* with the time it needs: proven, no warning */
    o.time_limit = 10;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &b, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_brokerage_warnings(b), 0);
    triad_brokerage_free(b);
    triad_market_free(m);
    triad_schools_free(s);
}

/* The progress callback sees the MIP and may cancel it: nothing comes
 * back but TRIAD_ERR_CANCELLED; a callback that lets it run changes
 * nothing in the answer. */
typedef struct progress_seen {
    int calls, cancel;
    double best;
} progress_seen;

static int on_broker_progress(double seconds, double best, void *user)
{
    progress_seen *p = user;
    p->calls++;
    p->best = best;
    (void)seconds;
    return p->cancel;
}

static void test_progress_cancel(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_market *m = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_market_read(EXAMPLE("surrey-offers.csv"),
                                            EXAMPLE("surrey-needs.csv"), NULL, s, &m, &err),
                          TRIAD_OK);
    triad_broker_options o = TRIAD_BROKER_OPTIONS_INIT;
    o.max_supporters = 1; /* binding: the MIP runs */
    triad_brokerage *plain = NULL, *watched = NULL, *cancelled = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &plain, &err), TRIAD_OK);
    int capped = 0; /* a need left short by the rule says so, in the singular */
    for (size_t q = 0; q < plain->nunmet; q++)
        capped +=
            strstr(plain->unmet[q], "it has 1 supporter already (max_supporters = 1)") != NULL;
    CU_ASSERT(capped > 0);
    progress_seen seen = {0, 0, 0};
    o.progress = on_broker_progress;
    o.progress_user = &seen;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &watched, &err), TRIAD_OK);
    CU_ASSERT(seen.calls >= 1);
    CU_ASSERT(seen.best > 0 && seen.best <= plain->objective + 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(watched->objective, plain->objective, 1e-9);
    CU_ASSERT_EQUAL(watched->nmatch, plain->nmatch);
    progress_seen stop = {0, 1, 0};
    o.progress_user = &stop;
    CU_ASSERT_EQUAL(triad_broker(s, NULL, m, &o, &cancelled, &err), TRIAD_ERR_CANCELLED);
    CU_ASSERT_PTR_NULL(cancelled);
    CU_ASSERT_EQUAL(stop.calls, 1);
    triad_brokerage_free(plain);
    triad_brokerage_free(watched);
    triad_market_free(m);
    triad_schools_free(s);
}

void register_broker_tests(void)
{
    CU_pSuite s = CU_add_suite("brokering", NULL, NULL);
    CU_add_test(s, "matching equals brute force (K supporters)", test_against_brute_force);
    CU_add_test(s, "priority first", test_priority_first);
    CU_add_test(s, "exact with both caps; the LP file re-solves to the same optimum",
                test_exact_with_caps_and_lp_file);
    CU_add_test(s, "progress seen, cancel honoured", test_progress_cancel);
    CU_add_test(s, "rules on Surrey schools, hand-made brokerage", test_rules_on_surrey);
    CU_add_test(s, "bad offers and needs", test_bad_market);
    CU_add_test(s, "brokering tells the truth", test_brokering_truth);
    CU_add_test(s, "a rota across years", test_rota);
    CU_add_test(s, "greedy when the LP has no time", test_greedy_fallback);
}
