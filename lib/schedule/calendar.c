/* The calendar file (calendar.h): an INI file read with inih, every date
 * checked to be a real one, every key known, every term in order. */
#include "schedule/calendar.h"

#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

typedef struct cal_range {
    cal_day from, to;
} cal_range;

typedef struct cal_term {
    char *name;
    cal_day start, end;
    cal_range half;
    unsigned set; /* KEY_* given */
    long line;
} cal_term;

typedef struct cal_school {
    char *urn;
    cal_range *r;
    size_t n;
} cal_school;

struct calendar {
    char *name;
    cal_term *t;
    size_t nt;
    cal_range *closed; /* every school: bank holidays, INSET days */
    size_t nclosed;
    cal_range ks2, gcse;
    int has_ks2, has_gcse, avoid_tests;
    cal_school *sch;
    size_t nsch;
};

enum { KEY_START = 1, KEY_END = 2, KEY_HALF = 4 };

static cal_day days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil_from_days(cal_day z, long *y, long *m, long *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int cal_parse_date(const char *text, cal_day *out)
{
    int y, m, d, n = 0;
    if (sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || text[n] != '\0' ||
        m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    cal_day day = days_from_civil(y, m, d);
    long yy, mm, dd;
    civil_from_days(day, &yy, &mm, &dd);
    if (yy != y || mm != m || dd != d)
        return 0; /* 2027-02-30 and the like */
    *out = day;
    return 1;
}

void cal_format(cal_day day, char out[11])
{
    long y, m, d;
    civil_from_days(day, &y, &m, &d);
    char buf[48];
    snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y % 10000, m, d);
    memcpy(out, buf, 10);
    out[10] = '\0';
}

int cal_weekday(cal_day d)
{
    return (int)(((d + 3) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
}

void calendar_free(calendar *c)
{
    if (!c)
        return;
    free(c->name);
    for (size_t i = 0; i < c->nt; i++)
        free(c->t[i].name);
    free(c->t);
    free(c->closed);
    for (size_t i = 0; i < c->nsch; i++) {
        free(c->sch[i].urn);
        free(c->sch[i].r);
    }
    free(c->sch);
    free(c);
}

/* ---- reading ---- */

#define CAL_MAX_LINE 1000

typedef struct cal_ctx {
    calendar *c;
    const char *name, *text;
    long line;
    triad_status status;
    triad_error *err;
    unsigned seen; /* keys of [year], [closed], [tests] given, one bit each */
} cal_ctx;

static int cal_fail(cal_ctx *x, const char *fmt, const char *a, const char *b)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, a, b ? b : "");
    x->status = triad_i_fail(x->err, TRIAD_ERR_SPEC, x->name, x->line, 0, "%s:%ld: %s", x->name,
                             x->line, msg);
    return 0;
}

/* inih reads line by line from here, so a message can name the line. */
static char *cal_next_line(char *str, int num, void *stream)
{
    cal_ctx *x = stream;
    if (!*x->text || x->status != TRIAD_OK)
        return NULL;
    const char *start = x->text, *nl = strchr(start, '\n');
    size_t len = nl ? (size_t)(nl - start) : strlen(start);
    x->text = nl ? nl + 1 : start + len;
    x->line++;
    if (len + 2 > (size_t)num || len > CAL_MAX_LINE) {
        cal_fail(x, "line too long (at most %s bytes)%s", "200", NULL);
        return NULL;
    }
    memcpy(str, start, len);
    str[len] = '\n';
    str[len + 1] = '\0';
    return str;
}

/* "YYYY-MM-DD" or "YYYY-MM-DD .. YYYY-MM-DD" (first <= last). */
static int parse_range(const char *text, cal_range *r)
{
    char a[32], b[32];
    const char *dots = strstr(text, "..");
    if (!dots) {
        if (strlen(text) >= sizeof a)
            return 0;
        sscanf(text, " %31s", a);
        return cal_parse_date(a, &r->from) && (r->to = r->from, 1);
    }
    size_t la = (size_t)(dots - text);
    if (la >= sizeof a || strlen(dots + 2) >= sizeof b)
        return 0;
    memcpy(a, text, la);
    a[la] = '\0';
    char ta[32] = "", tb[32] = "";
    if (sscanf(a, " %31s", ta) != 1 || sscanf(dots + 2, " %31s", tb) != 1)
        return 0;
    return cal_parse_date(ta, &r->from) && cal_parse_date(tb, &r->to) && r->from <= r->to;
}

/* A comma-separated list of dates and ranges, appended to *list. */
static int parse_list(cal_ctx *x, const char *key, const char *value, cal_range **list,
                      size_t *n)
{
    char item[80];
    for (const char *p = value; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len >= sizeof item)
            return cal_fail(x, "%s: an item is too long: '%.40s'", key, p);
        memcpy(item, p, len);
        item[len] = '\0';
        cal_range r;
        if (!parse_range(item, &r))
            return cal_fail(x, "%s: '%s' is not a date (YYYY-MM-DD) or a range (A .. B)", key,
                            item);
        cal_range *grown = realloc(*list, (*n + 1) * sizeof *grown);
        if (!grown) {
            x->status = triad_i_fail_nomem(x->err);
            return 0;
        }
        *list = grown;
        (*list)[(*n)++] = r;
        p = comma ? comma + 1 : p + strlen(p);
    }
    return 1;
}

static int once(cal_ctx *x, unsigned *seen, unsigned bit, const char *section, const char *key)
{
    if (*seen & bit)
        return cal_fail(x, "[%s] %s is given twice", section, key);
    *seen |= bit;
    return 1;
}

static int term_key(cal_ctx *x, const char *tname, const char *key, const char *value)
{
    calendar *c = x->c;
    cal_term *t = NULL;
    for (size_t i = 0; i < c->nt; i++)
        if (strcmp(c->t[i].name, tname) == 0)
            t = &c->t[i];
    if (!t) {
        cal_term *grown = realloc(c->t, (c->nt + 1) * sizeof *grown);
        char *nm = grown ? triad_i_strdup(tname) : NULL;
        if (grown)
            c->t = grown;
        if (!nm) {
            x->status = triad_i_fail_nomem(x->err);
            return 0;
        }
        t = &c->t[c->nt++];
        *t = (cal_term){.name = nm, .line = x->line};
    }
    unsigned bit = strcmp(key, "start") == 0 ? KEY_START : strcmp(key, "end") == 0 ? KEY_END
                   : strcmp(key, "half_term") == 0 ? KEY_HALF : 0;
    if (!bit)
        return cal_fail(x, "unknown key '%s' in [term.%s] (start, end, half_term)", key, tname);
    if (!once(x, &t->set, bit, "term", key))
        return 0;
    cal_range r;
    if (!parse_range(value, &r) || (bit != KEY_HALF && r.from != r.to))
        return cal_fail(x, "%s: '%s' is not a date (YYYY-MM-DD)", key, value);
    if (bit == KEY_START)
        t->start = r.from;
    else if (bit == KEY_END)
        t->end = r.from;
    else
        t->half = r;
    return 1;
}

static int school_key(cal_ctx *x, const char *urn, const char *key, const char *value)
{
    calendar *c = x->c;
    if (strcmp(key, "closed") != 0)
        return cal_fail(x, "unknown key '%s' in [school.%s] (closed)", key, urn);
    for (size_t i = 0; i < c->nsch; i++)
        if (strcmp(c->sch[i].urn, urn) == 0)
            return cal_fail(x, "[school.%s] closed is given twice%s", urn, NULL);
    cal_school *grown = realloc(c->sch, (c->nsch + 1) * sizeof *grown);
    char *u = grown ? triad_i_strdup(urn) : NULL;
    if (grown)
        c->sch = grown;
    if (!u) {
        x->status = triad_i_fail_nomem(x->err);
        return 0;
    }
    cal_school *sc = &c->sch[c->nsch++];
    *sc = (cal_school){.urn = u};
    return parse_list(x, key, value, &sc->r, &sc->n);
}

enum { SEEN_NAME = 1, SEEN_BANK = 2, SEEN_INSET = 4, SEEN_KS2 = 8, SEEN_GCSE = 16, SEEN_AVOID = 32 };

static int tests_key(cal_ctx *x, const char *key, const char *value)
{
    calendar *c = x->c;
    if (strcmp(key, "avoid") == 0) {
        if (!once(x, &x->seen, SEEN_AVOID, "tests", key))
            return 0;
        if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
            return cal_fail(x, "avoid: '%s' is not yes or no%s", value, NULL);
        c->avoid_tests = strcmp(value, "yes") == 0;
        return 1;
    }
    int ks2 = strcmp(key, "ks2") == 0;
    if (!ks2 && strcmp(key, "gcse") != 0)
        return cal_fail(x, "unknown key '%s' in [tests] (ks2, gcse, avoid)%s", key, NULL);
    if (!once(x, &x->seen, ks2 ? SEEN_KS2 : SEEN_GCSE, "tests", key))
        return 0;
    if (!parse_range(value, ks2 ? &c->ks2 : &c->gcse))
        return cal_fail(x, "%s: '%s' is not a date or a range (A .. B)", key, value);
    *(ks2 ? &c->has_ks2 : &c->has_gcse) = 1;
    return 1;
}

static int cal_on_ini(void *user, const char *section, const char *key, const char *value)
{
    cal_ctx *x = user;
    calendar *c = x->c;
    if (x->status != TRIAD_OK)
        return 0;
    if (strncmp(section, "term.", 5) == 0 && section[5])
        return term_key(x, section + 5, key, value);
    if (strncmp(section, "school.", 7) == 0 && section[7])
        return school_key(x, section + 7, key, value);
    if (strcmp(section, "tests") == 0)
        return tests_key(x, key, value);
    if (strcmp(section, "year") == 0) {
        if (strcmp(key, "name") != 0)
            return cal_fail(x, "unknown key '%s' in [year] (name)%s", key, NULL);
        if (!once(x, &x->seen, SEEN_NAME, "year", key))
            return 0;
        free(c->name);
        if (!(c->name = triad_i_strdup(value))) {
            x->status = triad_i_fail_nomem(x->err);
            return 0;
        }
        return 1;
    }
    if (strcmp(section, "closed") == 0) {
        int bank = strcmp(key, "bank_holidays") == 0;
        if (!bank && strcmp(key, "inset") != 0)
            return cal_fail(x, "unknown key '%s' in [closed] (bank_holidays, inset)%s", key, NULL);
        if (!once(x, &x->seen, bank ? SEEN_BANK : SEEN_INSET, "closed", key))
            return 0;
        return parse_list(x, key, value, &c->closed, &c->nclosed);
    }
    return cal_fail(x, "unknown section [%s] (year, term.NAME, closed, tests, school.URN)%s",
                    section, NULL);
}

static int cmp_term(const void *a, const void *b)
{
    const cal_term *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

/* Every term whole and inside its own dates, the terms in order. */
static triad_status validate(cal_ctx *x)
{
    calendar *c = x->c;
    if (c->nt == 0) {
        x->line = 0;
        return cal_fail(x, "no [term.NAME] section: a calendar needs its terms%s%s", "", NULL),
               x->status;
    }
    for (size_t i = 0; i < c->nt; i++) {
        cal_term *t = &c->t[i];
        x->line = t->line;
        if ((t->set & (KEY_START | KEY_END)) != (KEY_START | KEY_END))
            return cal_fail(x, "[term.%s] needs both start and end%s", t->name, NULL), x->status;
        if (t->start > t->end)
            return cal_fail(x, "[term.%s] ends before it starts%s", t->name, NULL), x->status;
        if ((t->set & KEY_HALF) && (t->half.from < t->start || t->half.to > t->end))
            return cal_fail(x, "[term.%s] half_term lies outside the term%s", t->name, NULL),
                   x->status;
    }
    qsort(c->t, c->nt, sizeof *c->t, cmp_term);
    for (size_t i = 0; i + 1 < c->nt; i++)
        if (c->t[i].end >= c->t[i + 1].start) {
            x->line = c->t[i + 1].line;
            return cal_fail(x, "[term.%s] overlaps [term.%s]", c->t[i + 1].name, c->t[i].name),
                   x->status;
        }
    return TRIAD_OK;
}

triad_status calendar_read_string(const char *text, const char *name, calendar **out,
                                  triad_error *err)
{
    if (!text || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "text or out is NULL");
    *out = NULL;
    name = name ? name : "<calendar>";
    calendar *c = calloc(1, sizeof *c);
    if (!c || !(c->name = triad_i_strdup(""))) {
        free(c);
        return triad_i_fail_nomem(err);
    }
    c->avoid_tests = 1; /* test weeks kept clear unless the file says no */
    cal_ctx x = {.c = c, .name = name, .text = text, .err = err, .status = TRIAD_OK};
    int r = ini_parse_stream(cal_next_line, &x, cal_on_ini, &x);
    if (x.status == TRIAD_OK && r != 0) {
        x.line = r;
        cal_fail(&x, "malformed line (expected [section] or key = value)%s%s", "", NULL);
    }
    if (x.status == TRIAD_OK)
        validate(&x);
    if (x.status != TRIAD_OK) {
        calendar_free(c);
        return x.status;
    }
    *out = c;
    return TRIAD_OK;
}

triad_status calendar_read(const char *path, calendar **out, triad_error *err)
{
    if (!path || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "path or out is NULL");
    char *data = NULL;
    size_t size = 0;
    triad_status st = triad_i_read_file(path, (size_t)1 << 24, &data, &size, err);
    if (st != TRIAD_OK)
        return st;
    char *text = memchr(data, 0, size) ? NULL : malloc(size + 1);
    if (memchr(data, 0, size))
        st = triad_i_fail(err, TRIAD_ERR_SPEC, path, 0, 0, "%s: the calendar holds a NUL byte",
                          path);
    else if (!text)
        st = triad_i_fail_nomem(err);
    else {
        memcpy(text, data, size);
        text[size] = '\0';
        st = calendar_read_string(text, path, out, err);
    }
    free(data);
    free(text);
    return st;
}

/* ---- questions ---- */

const char *calendar_name(const calendar *c)
{
    return c->name;
}

size_t calendar_terms(const calendar *c)
{
    return c->nt;
}

const char *calendar_term_name(const calendar *c, size_t t)
{
    return c->t[t].name;
}

cal_day calendar_term_start(const calendar *c, size_t t)
{
    return c->t[t].start;
}

cal_day calendar_term_end(const calendar *c, size_t t)
{
    return c->t[t].end;
}

static int in_ranges(const cal_range *r, size_t n, cal_day d)
{
    for (size_t i = 0; i < n; i++)
        if (d >= r[i].from && d <= r[i].to)
            return 1;
    return 0;
}

static int in_half_break(const cal_term *t, cal_day d)
{
    return (t->set & KEY_HALF) && d >= t->half.from && d <= t->half.to;
}

int calendar_half_term(const calendar *c, cal_day d)
{
    for (size_t i = 0; i < c->nt; i++) {
        const cal_term *t = &c->t[i];
        if (d < t->start || d > t->end)
            continue;
        if (in_half_break(t, d))
            return -1; /* the break itself belongs to neither half */
        return (int)(2 * i) + ((t->set & KEY_HALF) && d > t->half.to);
    }
    return -1;
}

int calendar_open(const calendar *c, cal_day d)
{
    return cal_weekday(d) < 5 && calendar_half_term(c, d) >= 0 &&
           !in_ranges(c->closed, c->nclosed, d);
}

int calendar_school_open(const calendar *c, const char *urn, cal_day d)
{
    if (!calendar_open(c, d))
        return 0;
    for (size_t i = 0; urn && i < c->nsch; i++)
        if (strcmp(c->sch[i].urn, urn) == 0)
            return !in_ranges(c->sch[i].r, c->sch[i].n, d);
    return 1;
}

int calendar_in_tests(const calendar *c, const char *window, cal_day d)
{
    if (!c->avoid_tests || !window)
        return 0;
    if (strcmp(window, "ks2") == 0)
        return c->has_ks2 && d >= c->ks2.from && d <= c->ks2.to;
    if (strcmp(window, "gcse") == 0)
        return c->has_gcse && d >= c->gcse.from && d <= c->gcse.to;
    return 0;
}

size_t calendar_open_days(const calendar *c, size_t t, cal_day **days)
{
    const cal_term *term = &c->t[t];
    *days = malloc(((size_t)(term->end - term->start) + 1) * sizeof **days);
    if (!*days)
        return (size_t)-1;
    size_t n = 0;
    for (cal_day d = term->start; d <= term->end; d++)
        if (calendar_open(c, d))
            (*days)[n++] = d;
    return n;
}
