/* Continuity with last year (issue 13): collaboratives carry over with
 * their labels, joiners and leavers move as few schools as balance allows,
 * and every promise that cannot be kept is a warning with its figure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/plan_impl.h"
#include "test_util.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
    fclose(f);
    if (buf)
        buf[*len] = '\0';
    return buf;
}

/* Surrey as last year, and this year: the first 8 schools gone, 8 new ones
 * (copies of rows 100-107 under new URNs). */
static void two_years(triad_schools **last, triad_schools **now, char *plan_path)
{
    char native[] = "/tmp/triad-cont-XXXXXX";
    int fd = mkstemp(native);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    *last = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_write(*last, native, &err), TRIAD_OK);
    size_t len;
    char *text = slurp(native, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    /* header, then drop lines 1-8 of data, then append 8 renamed copies */
    char *out = malloc(len * 2), *p = text;
    size_t o = 0;
    char *lines[500] = {0};
    size_t nl = 0;
    while (*p && nl < 500) {
        lines[nl++] = p;
        char *e = strchr(p, '\n');
        if (!e)
            break;
        *e = '\0';
        p = e + 1;
    }
    CU_ASSERT_FATAL(nl > 120);
    o += (size_t)sprintf(out + o, "%s\n", lines[0] ? lines[0] : "");
    for (size_t l = 9; l < nl; l++)
        o += (size_t)sprintf(out + o, "%s\n", lines[l]);
    for (int k = 0; k < 8; k++) {
        const char *comma = strchr(lines[100 + k], ',');
        o += (size_t)sprintf(out + o, "%d%s\n", 990000 + k, comma);
    }
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(out, o, "now.csv", NULL, now, &err), TRIAD_OK);
    triad_plan *p0 = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(*last, NULL, NULL, &p0, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_plan_write(p0, *last, plan_path, &err), TRIAD_OK);
    triad_plan_free(p0);
    free(out);
    free(text);
    unlink(native);
}

static size_t stayed_in(const char *log)
{
    const char *c = strstr(log, "continuity: ");
    size_t n = 0;
    return c && sscanf(c, "continuity: %zu", &n) == 1 ? n : 0;
}

static void test_joiners_and_leavers(void)
{
    char plan_path[] = "/tmp/triad-cont-plan-XXXXXX";
    int fd = mkstemp(plan_path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    triad_schools *last = NULL, *now = NULL;
    two_years(&last, &now, plan_path);
    triad_error err;
    triad_plan *hist = NULL;
    /* the plan of last year names 8 schools that have gone: kept aside */
    CU_ASSERT_EQUAL(triad_plan_read(plan_path, now, &hist, &err), TRIAD_ERR_UNKNOWN_SCHOOL);
    CU_ASSERT_EQUAL_FATAL(triad_plan_read_history(plan_path, now, &hist, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(hist->ngone, 8);
    triad_solve_options o;
    triad_solve_options_init(&o);
    const triad_plan *h[] = {hist};
    o.history = h;
    o.nhistory = 1;
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(now, NULL, &o, &p, &err), TRIAD_OK);
    const char *log = triad_plan_solver_log(p);
    size_t stayed = stayed_in(log);
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "of 389 returning schools stayed"));
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "8 joined, 8 left"));
    if (stayed < 350)
        fprintf(stderr, "\n  %.200s\n", strstr(log, "continuity"));
    CU_ASSERT(stayed >= 350); /* 90%: the joiners and leavers move a few */
    /* last year's labels carry over: the log's count is the schools whose
     * collaborative has the label it had */
    size_t same = 0;
    for (size_t i = 0; i < triad_schools_count(now); i++)
        same += hist->collab[i] >= 0 && p->collab[i] >= 0 &&
                strcmp(hist->collab_label[hist->collab[i]], p->collab_label[p->collab[i]]) == 0;
    CU_ASSERT_EQUAL(same, stayed);
    triad_report *r = NULL;
    char *json = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_check(now, NULL, p, &r, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_report_violations(r), 0);
    CU_ASSERT_TRUE(triad_report_collaboratives_within_one(r)); /* balance holds */
    CU_ASSERT_EQUAL_FATAL(triad_report_format(r, 1, &json, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"continuity\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "990003"));    /* a joiner, named */
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "no longer in the schools file"));
    triad_string_free(json);
    triad_report_free(r);
    triad_plan_free(p);

    /* without the continuity weight the collaboratives are redesigned */
    triad_spec *spec = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_spec_read_string("[history]\ncollaborative_weight = 0\n",
                                                 "w0.ini", &spec, &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_solve(now, spec, &o, &p, &err), TRIAD_OK);
    CU_ASSERT(stayed_in(triad_plan_solver_log(p)) < 200);
    triad_plan_free(p);
    triad_spec_free(spec);

    /* a share that the sizes cannot allow: a warning with the figure */
    CU_ASSERT_EQUAL_FATAL(triad_spec_read_string("[stratum.primary]\nmin_size = 9\nmax_size = 12\n"
                                                 "small_stratum = one group\n"
                                                 "[history]\nkeep_collaboratives = 1\n",
                                                 "k1.ini", &spec, &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_solve(now, spec, &o, &p, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(p),
                                  "warning: [history] keep_collaboratives = 1:"));
    triad_plan_free(p);
    triad_spec_free(spec);
    triad_plan_free(hist);
    triad_schools_free(last);
    triad_schools_free(now);
    unlink(plan_path);
}

/* keep = 0.3 keeps about 30% of last year's triad pairs, not all of them. */
static void test_keep_share(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_error err;
    triad_plan *last = NULL, *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, NULL, NULL, &last, &err), TRIAD_OK);
    triad_spec *spec = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_spec_read_string("[history]\nkeep = 0.3\n", "k.ini", &spec, &err),
                          TRIAD_OK);
    triad_solve_options o;
    triad_solve_options_init(&o);
    const triad_plan *h[] = {last};
    o.history = h;
    o.nhistory = 1;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, spec, &o, &p, &err), TRIAD_OK);
    size_t before = 0, kept = 0, n = triad_schools_count(s);
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++)
            if (last->triad[a] >= 0 && last->triad[a] == last->triad[b]) {
                before++;
                kept += p->triad[a] >= 0 && p->triad[a] == p->triad[b];
            }
    CU_ASSERT(kept * 10 >= before * 3);     /* at least the share */
    CU_ASSERT(kept * 10 <= before * 5);     /* and not everything */
    triad_plan_free(p);
    triad_spec_free(spec);
    triad_plan_free(last);
    triad_schools_free(s);
}

void register_continuity_tests(void)
{
    CU_pSuite s = CU_add_suite("continuity", NULL, NULL);
    CU_add_test(s, "joiners and leavers, labels kept", test_joiners_and_leavers);
    CU_add_test(s, "keep = 0.3 keeps a share", test_keep_share);
}
