/* Brokering (issue 16): the matching against an independent brute force and
 * an LP file re-solved, priority, progress and the greedy fallback. The
 * rules and their words: test_broker_rules.c. */
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
        CU_ASSERT_EQUAL_FATAL(test_market_of(s, offers, needs, &m, &err), TRIAD_OK);
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
        CU_ASSERT_EQUAL_FATAL(test_market_of(s, offers, needs, &m, &err), TRIAD_OK);
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
    CU_ASSERT_EQUAL_FATAL(test_market_of(s, "urn,area,days\n1,Reading,5\n",
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
    CU_ASSERT_EQUAL_FATAL(test_market_of(s, offers, needs, &m, &err), TRIAD_OK);
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
    CU_add_test(s, "greedy when the LP has no time", test_greedy_fallback);
}
