/* Issue 36: a data pack per collaborative (lib/pack). On Surrey's plan:
 * a page for every collaborative with every section, a line for each
 * input not given, a member row per school of the group, the members'
 * outcomes beside the LA's mean as the library computes it, and the
 * schedule's events of the group alone; a workbook written whole; file
 * stems distinct; hostile names escaped; bad calls refused. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"

static const char *const sections[] = {"members", "balance", "triads",   "map",     "outcomes",
                                       "clinic",  "impact",  "calendar", "support", NULL};

/* Every collaborative's page and workbook, with the options given. */
static void every_pack(const triad_report *r, const triad_schools *s, const triad_plan *p,
                       const triad_pack_options *o, int given)
{
    triad_error err;
    char path[] = "/tmp/triad-pack-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    for (size_t c = 0; c < triad_plan_collaborative_count(p); c++) {
        char *html = NULL;
        CU_ASSERT_EQUAL_FATAL(triad_pack_html(r, s, p, c, o, &html, &err), TRIAD_OK);
        for (size_t k = 0; sections[k]; k++) {
            char id[40];
            snprintf(id, sizeof id, "<section id=%s>", sections[k]);
            CU_ASSERT_PTR_NOT_NULL(strstr(html, id));
        }
        CU_ASSERT_EQUAL(test_count(html, "<p class=none>No "), given ? 0 : 5);
        size_t members = 0;
        for (size_t i = 0; i < triad_schools_count(s); i++)
            members += triad_plan_collaborative_of(p, i) == (long)c;
        const char *from = strstr(html, "<section id=members>"),
                   *to = strstr(html, "<section id=balance>");
        CU_ASSERT_FATAL(from && to);
        char *part = strndup(from, (size_t)(to - from));
        CU_ASSERT_EQUAL(test_count(part, "<tr><td>"), members);
        free(part);
        CU_ASSERT_PTR_NULL(strstr(html, "<script"));
        triad_string_free(html);
        CU_ASSERT_EQUAL(triad_pack_xlsx_write(r, s, p, c, o, path, &err), TRIAD_OK);
    }
    FILE *f = fopen(path, "rb");
    char magic[2] = {0};
    CU_ASSERT(f && fread(magic, 1, 2, f) == 2 && magic[0] == 'P' && magic[1] == 'K');
    if (f)
        fclose(f);
    unlink(path);
}

/* The outcomes' rows of a page equal the library's values and LA means. */
static void outcomes_agree(const triad_report *r, const triad_schools *s, const triad_plan *p,
                           const triad_pack_options *o)
{
    triad_error err;
    char *html = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_pack_html(r, s, p, 0, o, &html, &err), TRIAD_OK);
    size_t m = 0, checked = 0;
    int year = triad_outcomes_year(o->outcomes, 0);
    double sum = 0, v;
    size_t n = 0;
    for (size_t i = 0; i < triad_schools_count(s); i++)
        if (triad_outcomes_value(o->outcomes, i, m, year, &v)) {
            sum += v;
            n++;
        }
    for (size_t i = 0; i < triad_schools_count(s); i++) {
        if (triad_plan_collaborative_of(p, i) != 0 ||
            !triad_outcomes_value(o->outcomes, i, m, year, &v))
            continue;
        char row[256];
        snprintf(row, sizeof row, "<tr><td>%s</td><td>%d</td><td>%s</td>",
                 triad_outcomes_measure(o->outcomes, m), year, triad_schools_urn(s, i));
        const char *at = strstr(html, row);
        CU_ASSERT_FATAL(at != NULL);
        char cells[128];
        snprintf(cells, sizeof cells, "<td>%.2f</td><td>%.2f</td>", v, sum / (double)n);
        CU_ASSERT_PTR_NOT_NULL(strstr(at, cells));
        checked++;
    }
    CU_ASSERT(checked >= 1);
    triad_string_free(html);
}

static void test_pack_surrey(void)
{
    triad_schools *s = NULL;
    triad_plan *p = test_surrey_plan(&s);
    triad_report *r = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_check(s, NULL, p, &r, &err), TRIAD_OK);
    every_pack(r, s, p, NULL, 0);
    triad_outcomes *o = NULL;
    CU_ASSERT_EQUAL_FATAL(
        triad_outcomes_read(EXAMPLE("ks2-2019-surrey-warwickshire.csv"), s, 2019, &o, &err),
        TRIAD_OK);
    triad_calendar *cal = test_calendar_year();
    triad_schedule *sc = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_make(s, p, cal, NULL, &sc, &err), TRIAD_OK);
    triad_pack_options po;
    triad_pack_options_init(&po);
    po.outcomes = o;
    po.schedule = sc;
    po.calendar = cal;
    outcomes_agree(r, s, p, &po);
    char *html = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_pack_html(r, s, p, 1, &po, &html, &err), TRIAD_OK);
    const char *cal_at = strstr(html, "<section id=calendar>");
    CU_ASSERT_FATAL(cal_at != NULL);
    CU_ASSERT(test_count(cal_at, "<tr><td>") >= 3); /* its reviews, at least */
    triad_string_free(html);
    char a[64], b[64];
    for (size_t c = 1; c < triad_plan_collaborative_count(p); c++) {
        CU_ASSERT_EQUAL(triad_pack_name(p, c - 1, a, sizeof a, &err), TRIAD_OK);
        CU_ASSERT_EQUAL(triad_pack_name(p, c, b, sizeof b, &err), TRIAD_OK);
        CU_ASSERT(strcmp(a, b) != 0);
    }
    CU_ASSERT_EQUAL(triad_pack_html(r, s, p, triad_plan_collaborative_count(p), NULL, &html, &err),
                    TRIAD_ERR_INVALID_ARGUMENT);
    po.clinic_path = "clinic.csv"; /* without its term */
    CU_ASSERT_EQUAL(triad_pack_html(r, s, p, 0, &po, &html, &err), TRIAD_ERR_INVALID_ARGUMENT);
    triad_schedule_free(sc);
    triad_calendar_free(cal);
    triad_outcomes_free(o);
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* Names and labels from the data never become markup; two labels that
 * make one stem get two file names. */
static void test_pack_hostile(void)
{
    triad_schools *s = NULL;
    triad_plan *p = test_plan_of(
        "urn,phase,name\n1,Primary,<script>alert(1)</script>\n2,Primary,=1+2\n"
        "3,Primary,c\n4,Primary,d\n5,Primary,e\n6,Primary,f\n",
        "URN,collaborative,triad,lead\n1,a/b,T1,1\n2,a/b,T1,0\n3,a/b,T1,0\n4,a_b,T2,1\n"
        "5,a_b,T2,0\n6,a_b,T2,0\n",
        &s);
    triad_report *r = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_check(s, NULL, p, &r, &err), TRIAD_OK);
    char *html = NULL, *index = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_pack_html(r, s, p, 0, NULL, &html, &err), TRIAD_OK);
    CU_ASSERT_PTR_NULL(strstr(html, "<script"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    char a[64], b[64];
    CU_ASSERT_EQUAL(triad_pack_name(p, 0, a, sizeof a, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_pack_name(p, 1, b, sizeof b, &err), TRIAD_OK);
    CU_ASSERT_STRING_EQUAL(a, "a_b");
    CU_ASSERT_STRING_EQUAL(b, "a_b-2");
    CU_ASSERT_EQUAL_FATAL(triad_pack_index_html(r, s, p, &index, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(index, "href='a_b-2.html'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(index, "<td>a/b</td>"));
    triad_string_free(index);
    triad_string_free(html);
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

void register_pack_tests(void)
{
    CU_pSuite s = CU_add_suite("pack", NULL, NULL);
    CU_add_test(s, "Surrey: a page and a workbook per collaborative, figures the library's",
                test_pack_surrey);
    CU_add_test(s, "hostile names escaped, one stem per file", test_pack_hostile);
}
