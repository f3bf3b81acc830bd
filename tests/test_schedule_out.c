/* Issue 34: what a review schedule gives the people who use it: the
 * .ics files a calendar app imports, the officer's loop (events kept, the
 * rest planned around them, the diff) and the page's review calendar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schedule/schedule_impl.h"
#include "test_util.h"

/* Every physical line ends CRLF, holds at most 75 octets and starts on a
 * whole UTF-8 character (libical folds; RFC 5545 3.1). Returns the text
 * unfolded. */
static char *check_lines(const char *ics)
{
    char *flat = malloc(strlen(ics) + 1), *o = flat;
    CU_ASSERT_FATAL(flat != NULL);
    for (const char *line = ics; *line;) {
        const char *crlf = strstr(line, "\r\n");
        CU_ASSERT_FATAL(crlf != NULL);
        CU_ASSERT(crlf - line <= 75);
        CU_ASSERT(((unsigned char)line[line[0] == ' '] & 0xC0) != 0x80);
        const char *from = line == ics || line[0] != ' ' ? line : line + 1;
        if (line != ics && line[0] != ' ')
            *o++ = '\n';
        memcpy(o, from, (size_t)(crlf - from));
        o += crlf - from;
        line = crlf + 2;
    }
    *o = '\0';
    return flat;
}

/* One school's calendar: its events, in London time with the zone inside,
 * UIDs unique and the same whatever the stamp; a name with commas,
 * semicolons and accents escaped, folded and read back whole. */
static void test_ics(void)
{
    const char schools[] =
        "urn,name,phase\n1,\"Ysgol Gymraeg Llundain; Caf\xc3\xa9, \xc3\x91o\xc3\xb1o & "
        "\xc3\x9cn\xc3\xaf\xc3\xa7\xc3\xb8" "d\xc3\xa9 Primary School with a long name\","
        "Primary\n2,B,Primary\n3,C,Primary\n";
    const char year[] = "[term.a]\nstart = 2026-11-02\nend = 2026-12-18\n";
    triad_schools *s = NULL;
    triad_plan *p = test_one_triad(schools, &s);
    triad_calendar *cal = NULL;
    triad_schedule *sch = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_calendar_read_string(year, "y.ini", &cal, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_schedule_make(s, p, cal, NULL, &sch, &err), TRIAD_OK);
    char *a = NULL, *b = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_ics(sch, s, p, TRIAD_ICS_SCHOOL, 0, 1796990400, &a, &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_schedule_ics(sch, s, p, TRIAD_ICS_SCHOOL, 0, 1800000000, &b, &err),
                          TRIAD_OK);
    char *flat = check_lines(a);
    CU_ASSERT_EQUAL(strncmp(a, "BEGIN:VCALENDAR\r\n", 17), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(a, "\r\nTZID:Europe/London\r\n"));
    CU_ASSERT_PTR_NULL(strstr(a, "freeassociation"));
    CU_ASSERT_PTR_NOT_NULL(strstr(a, "\r\nDTSTART;TZID=Europe/London:20261102T090000\r\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(a, "\r\nDTSTAMP:20261211T120000Z\r\n"));
    /* three reviews, three feedback meetings, one collaborative meeting: all the head's */
    CU_ASSERT_EQUAL(test_count(a, "BEGIN:VEVENT\r\n"), 7);
    CU_ASSERT_EQUAL(test_count(a, "\r\nUID:"), 7);
    CU_ASSERT_EQUAL(test_count(a, "\r\nDTSTAMP:"), 7);
    CU_ASSERT_PTR_NOT_NULL(strstr(flat, "UID:review:X.1:1@libtriad\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(flat, "UID:meeting:X:1@libtriad\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(flat, "LOCATION:Ysgol Gymraeg Llundain\\; Caf\xc3\xa9\\, "
                                        "\xc3\x91o\xc3\xb1o & \xc3\x9cn"));
    /* a new stamp changes the DTSTAMP lines only */
    char *fb = check_lines(b);
    for (char *x = strstr(flat, "DTSTAMP:"), *y = strstr(fb, "DTSTAMP:"); x && y;
         x = strstr(x + 1, "DTSTAMP:"), y = strstr(y + 1, "DTSTAMP:"))
        memset(x, '-', 24), memset(y, '-', 24);
    CU_ASSERT_STRING_EQUAL(flat, fb);
    free(flat);
    free(fb);
    triad_string_free(a);
    triad_string_free(b);
    CU_ASSERT_EQUAL(triad_schedule_ics(sch, s, p, TRIAD_ICS_COLLABORATIVE, 1, 0, &a, &err),
                    TRIAD_ERR_INVALID_ARGUMENT); /* no second collaborative */
    triad_schedule_free(sch);
    triad_calendar_free(cal);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* The officer's loop: a school's review must move (an Ofsted call closes
 * it on the day). Every other event is kept as it was, the review and its
 * feedback are planned again around them, and the diff says exactly that. */
static void test_fixed_keeps_the_rest(void)
{
    triad_schools *s = NULL;
    triad_plan *p = test_surrey_plan(&s);
    triad_calendar *cal = test_calendar_year();
    triad_schedule *first = NULL, *second = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_make(s, p, cal, NULL, &first, &err), TRIAD_OK);
    size_t host = first->ev[0].who[0];
    cal_day was = first->ev[0].day;
    CU_ASSERT_EQUAL_FATAL(first->ev[0].kind, EV_REVIEW);
    triad_schedule *fixed = sched_new(triad_schools_count(s));
    CU_ASSERT_FATAL(fixed != NULL);
    for (size_t k = 0; k < first->nev; k++) {
        const sched_event *e = &first->ev[k];
        if (e->kind != EV_MEETING && e->who[0] == host)
            continue; /* the officer deletes its review and feedback rows */
        CU_ASSERT_FATAL(sched_add(fixed, e->kind, e->day, e->end, e->coll, e->triad, e->who,
                                  e->nwho, 0));
    }
    FILE *f = fopen(EXAMPLE("calendar-2026-27.ini"), "rb");
    CU_ASSERT_FATAL(f != NULL);
    char text[8192];
    size_t n = fread(text, 1, sizeof text - 200, f);
    fclose(f);
    char d[11];
    cal_format(was, d);
    snprintf(text + n, sizeof text - n, "\n[school.%s]\nclosed = %s\n",
             triad_schools_urn(s, host), d);
    triad_calendar *cal2 = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_calendar_read_string(text, "ofsted.ini", &cal2, &err), TRIAD_OK);
    triad_schedule_options o;
    triad_schedule_options_init(&o);
    o.fixed = fixed;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_make(s, p, cal2, &o, &second, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schedule_violation_count(second), 0);
    CU_ASSERT_EQUAL(triad_schedule_event_count(second), triad_schedule_event_count(first));
    char *diff = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_diff(first, second, s, p, &diff, &err), TRIAD_OK);
    /* two lines, both the moved school's: its review and its feedback */
    size_t lines = 0;
    for (char *l = diff; *l; l = strchr(l, '\n') + 1) {
        lines++;
        CU_ASSERT_EQUAL(strncmp(l, "~ ", 2), 0);
        CU_ASSERT(strstr(l, triad_schools_urn(s, host)) < strchr(l, '\n'));
    }
    CU_ASSERT_EQUAL(lines, 2);
    for (size_t k = 0; k < second->nev; k++)
        if (second->ev[k].kind == EV_REVIEW && second->ev[k].who[0] == host)
            CU_ASSERT(second->ev[k].day != was);
    triad_string_free(diff);
    triad_schedule_free(fixed);
    triad_schedule_free(first);
    triad_schedule_free(second);
    triad_calendar_free(cal2);
    triad_calendar_free(cal);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* The page's review calendar: a table per collaborative, a row per event,
 * and labels from the data escaped. */
static void test_page(void)
{
    const char schools[] = "urn,name,phase\n1,A <b>bold</b>,Primary\n2,B,Primary\n"
                           "3,C,Primary\n";
    const char plan[] = "URN,collaborative,triad,lead\n1,<script>x,<script>x.1,1\n"
                        "2,<script>x,<script>x.1,0\n3,<script>x,<script>x.1,0\n";
    triad_schools *s = NULL;
    triad_plan *p = test_plan_of(schools, plan, &s);
    triad_calendar *cal = test_calendar_year();
    triad_schedule *sch = NULL;
    triad_report *rep = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_make(s, p, cal, NULL, &sch, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_check(s, NULL, p, &rep, &err), TRIAD_OK);
    triad_page_options o;
    triad_page_options_init(&o);
    o.schedule = sch;
    char *html = NULL;
    CU_ASSERT_EQUAL(triad_report_html_page((const triad_report *const *)&rep,
                                           (const triad_plan *const *)&p, 1, s, &o, &html, &err),
                    TRIAD_ERR_INVALID_ARGUMENT); /* a schedule without its calendar */
    o.calendar = cal;
    CU_ASSERT_EQUAL_FATAL(triad_report_html_page((const triad_report *const *)&rep,
                                                 (const triad_plan *const *)&p, 1, s, &o, &html,
                                                 &err),
                          TRIAD_OK);
    const char *cal_at = strstr(html, "<h2 id=review-calendar>");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cal_at);
    CU_ASSERT_EQUAL(test_count(cal_at, "<h3>Collaborative "), 1);
    CU_ASSERT_EQUAL(test_count(cal_at, "<tr><td>"), triad_schedule_event_count(sch));
    CU_ASSERT_PTR_NOT_NULL(strstr(cal_at, "&lt;script&gt;x.1"));
    CU_ASSERT_PTR_NULL(strstr(cal_at, "<script>x"));
    CU_ASSERT_PTR_NULL(strstr(cal_at, "<b>bold"));
    triad_string_free(html);
    triad_report_free(rep);
    triad_schedule_free(sch);
    triad_calendar_free(cal);
    triad_plan_free(p);
    triad_schools_free(s);
}

void register_schedule_out_tests(void)
{
    CU_pSuite s = CU_add_suite("schedule out", NULL, NULL);
    CU_add_test(s, "iCalendar: London time, folding, stable UIDs", test_ics);
    CU_add_test(s, "fixed events kept, the rest planned around them, the diff",
                test_fixed_keeps_the_rest);
    CU_add_test(s, "the page's review calendar, labels escaped", test_page);
}
