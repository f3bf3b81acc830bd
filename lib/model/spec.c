/* The problem spec: built-in defaults, and an INI file read with inih. */
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "io/text_decode.h"
#include "model/schools_impl.h"
#include "model/spec_impl.h"

#define PH(p) (1u << (p))

static void stratum_set(stratum_spec *s, const char *name, unsigned phases)
{
    s->name = triad_i_strdup(name);
    s->phases = phases;
    s->small_one_group = SMALL_AUTO;
    s->min_size = 6;
    s->max_size = 9;
    s->triad_size = 3;
    s->skip = 0;
}

void triad_spec_free(triad_spec *spec)
{
    if (!spec)
        return;
    for (size_t i = 0; i < spec->nstrata; i++)
        free(spec->strata[i].name);
    free(spec->fallback.name);
    for (size_t i = 0; i < spec->nweights; i++)
        free(spec->weights[i].name);
    free(spec->weights);
    for (int k = 0; k < 2; k++) {
        link_spec *l = k ? spec->cannot : spec->must;
        size_t n = k ? spec->ncannot : spec->nmust;
        for (size_t i = 0; i < n; i++) {
            for (size_t j = 0; j < l[i].n; j++)
                free(l[i].urns[j]);
            free(l[i].urns);
        }
        free(l);
    }
    free(spec->stratify);
    free(spec->source);
    free(spec);
}

triad_status triad_spec_new(triad_spec **out, triad_error *err)
{
    triad_error_clear(err);
    if (!out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "out is NULL");
    triad_spec *s = calloc(1, sizeof *s);
    if (!s)
        return triad_i_fail_nomem(err);
    s->stratify = triad_i_strdup("phase");
    s->source = triad_i_strdup("<defaults>");
    /* Peterborough's design: primary collaboratives of six to nine, and
     * secondary and special schools by sector. */
    stratum_set(&s->strata[0], "primary",
                PH(TRIAD_PHASE_NURSERY) | PH(TRIAD_PHASE_PRIMARY) | PH(TRIAD_PHASE_MIDDLE));
    stratum_set(&s->strata[1], "secondary",
                PH(TRIAD_PHASE_SECONDARY) | PH(TRIAD_PHASE_ALL_THROUGH) |
                    PH(TRIAD_PHASE_SIXTEEN_PLUS));
    stratum_set(&s->strata[2], "special", PH(TRIAD_PHASE_SPECIAL) | PH(TRIAD_PHASE_PRU));
    stratum_set(&s->fallback, "default", 0);
    s->nstrata = 3;
    s->trust_cap_collab = 2;
    s->trust_cap_triad = 1;
    s->lead_required = 1;
    s->no_concern_triads = 1;
    s->history_avoid = 1;
    s->history_weight = 5.0;
    s->history_fade = 0.5;
    s->collab_weight = 2.0;
    s->local_weight = 0.1;
    s->method = TRIAD_METHOD_AUTO;
    s->time_limit = DEFAULT_TIME_LIMIT;
    s->seed = DEFAULT_SEED;
    s->threads = DEFAULT_THREADS;
    if (!s->stratify || !s->source || !s->strata[0].name || !s->strata[1].name ||
        !s->strata[2].name || !s->fallback.name) {
        triad_spec_free(s);
        return triad_i_fail_nomem(err);
    }
    *out = s;
    return TRIAD_OK;
}

double spec_weight(const triad_spec *spec, const char *name, double def)
{
    for (size_t i = 0; i < spec->nweights; i++)
        if (strcmp(spec->weights[i].name, name) == 0)
            return spec->weights[i].weight;
    return def;
}

/* ------------------------------------------------------------ INI reading */

/* A key given in the file, to refuse the same key twice in a section. */
typedef struct seen_key {
    char *section, *key;
    long line;
} seen_key;

typedef struct ini_ctx {
    triad_spec *spec;
    const char *name;
    const char *text; /* remaining input */
    long line;
    triad_error *err;
    triad_status status;
    /* inih (Debian's build) cuts lines at 200 bytes; a longer "key = value"
     * line reaches it as "key = <LONG_VALUE_MARK>" and the value waits here */
    char *long_value;
    seen_key *seen;
    size_t nseen;
    long phases_line[SPEC_MAX_STRATA]; /* where each stratum's phases were set */
    int api; /* triad_spec_set: a key may be set again */
} ini_ctx;

#define LONG_VALUE_MARK "\x01long\x01"
#define INIH_LINE 200 /* INI_MAX_LINE of the inih we link */

static int fail(ini_ctx *c, triad_status st, const char *fmt, const char *a, const char *b);

/* Strips an inline comment (" ;" as inih does) and surrounding blanks. */
static void trim_value(char *v)
{
    for (char *p = v; *p; p++)
        if (*p == ';' && (p == v || p[-1] == ' ' || p[-1] == '\t')) {
            *p = '\0';
            break;
        }
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
        v[--n] = '\0';
    size_t lead = strspn(v, " \t");
    memmove(v, v + lead, strlen(v + lead) + 1);
}

/* inih reader: hands out one line at a time so handlers know the line.
 * Leading blanks are dropped, so an indented line is read as itself and
 * never as a continuation of the key before it. Lines longer than inih's
 * buffer are shortened without losing anything: a comment to ";", a
 * key = value line to the key and a marker for the value kept aside. */
static char *next_line(char *str, int num, void *stream)
{
    ini_ctx *c = stream;
    if (!*c->text || num < 2 || c->status != TRIAD_OK)
        return NULL;
    const char *start = c->text, *nl = strchr(start, '\n');
    size_t len = nl ? (size_t)(nl - start) : strlen(start);
    c->text = nl ? nl + 1 : start + len;
    c->line++;
    while (len && (*start == ' ' || *start == '\t')) {
        start++;
        len--;
    }
    if (len > SPEC_MAX_LINE_BYTES) {
        fail(c, TRIAD_ERR_SPEC, "line longer than %s bytes%s", "65536", "");
        return NULL;
    }
    if (len + 2 <= (size_t)num && len + 2 <= INIH_LINE) {
        memcpy(str, start, len);
        str[len] = '\n';
        str[len + 1] = '\0';
        return str;
    }
    if (*start == ';' || *start == '#') {
        snprintf(str, (size_t)num, ";\n");
        return str;
    }
    const char *eq = memchr(start, '=', len);
    size_t keylen = eq ? (size_t)(eq - start) : 0;
    if (!eq || *start == '[' || keylen + sizeof LONG_VALUE_MARK + 4 > (size_t)num) {
        fail(c, TRIAD_ERR_SPEC, "line too long for a section or key (at most %s bytes)%s",
             "190", "");
        return NULL;
    }
    free(c->long_value);
    c->long_value = triad_i_strndup(eq + 1, len - keylen - 1);
    if (!c->long_value) {
        fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
        return NULL;
    }
    trim_value(c->long_value);
    snprintf(str, (size_t)num, "%.*s= %s\n", (int)keylen, start, LONG_VALUE_MARK);
    return str;
}

/* Records section/key; a key given twice in one section is an error, except
 * the link lists, which are meant to repeat. */
static int note_key(ini_ctx *c, const char *section, const char *key)
{
    if (c->api)
        return 1;
    if (strcmp(section, "constraints") == 0 &&
        (strcmp(key, "must_link") == 0 || strcmp(key, "cannot_link") == 0))
        return 1;
    for (size_t i = 0; i < c->nseen; i++)
        if (strcmp(c->seen[i].section, section) == 0 && strcmp(c->seen[i].key, key) == 0) {
            char where[64];
            snprintf(where, sizeof where, "%ld", c->seen[i].line);
            char what[300];
            snprintf(what, sizeof what, "%s' in [%s", key, section);
            return fail(c, TRIAD_ERR_SPEC, "duplicate key '%s] (first given on line %s)", what,
                        where);
        }
    seen_key *ns = realloc(c->seen, (c->nseen + 1) * sizeof *ns);
    if (!ns)
        return fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    c->seen = ns;
    ns[c->nseen].section = triad_i_strdup(section);
    ns[c->nseen].key = triad_i_strdup(key);
    ns[c->nseen].line = c->line;
    if (!ns[c->nseen].section || !ns[c->nseen].key) {
        free(ns[c->nseen].section);
        free(ns[c->nseen].key);
        return fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    }
    c->nseen++;
    return 1;
}

/* The keys of each section, for "did you mean" when one is misspelt. */
static const char *const stratum_keys[] = {"sizes", "geography", "sector_wide", "small_stratum",
                                           "min_size", "max_size", "triad_size", "skip",
                                           "phases", NULL};
static const char *const constraint_keys[] = {"trust_cap_collaborative", "trust_cap_triad",
                                              "lead_required", "no_concern_triads",
                                              "triad_max_km", "collaborative_max_km",
                                              "must_link", "cannot_link", NULL};
static const char *const solver_keys[] = {"method", "time_limit", "seed", "threads", NULL};
static const char *const history_keys[] = {"avoid", "weight", "keep", "keep_collaboratives",
                                           "collaborative_weight", "fade", NULL};
static const char *const strata_keys[] = {"by", NULL};
static const char *const geography_keys[] = {"areas", "local_weight", NULL};
static const char *const section_names[] = {"strata", "balance", "constraints", "history",
                                            "geography", "solver", NULL};

/* Edit distance (insertions, deletions, substitutions, swaps of two
 * neighbours), capped: only small slips are worth a suggestion. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    size_t d[64][64];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
            size_t best = sub < del ? sub : del;
            best = best < ins ? best : ins;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

/* " (did you mean 'X'?)" for the nearest name within a few edits, else "". */
static const char *did_you_mean(const char *word, const char *const *names, char *buf, size_t n)
{
    const char *best = NULL;
    size_t bd = 99, limit = strlen(word) / 3 + 1;
    for (; *names; names++) {
        size_t e = edit_distance(word, *names);
        if (e < bd) {
            bd = e;
            best = *names;
        }
    }
    buf[0] = '\0';
    if (best && bd <= (limit < 3 ? limit : 3))
        snprintf(buf, n, " (did you mean '%s'?)", best);
    return buf;
}

static int fail(ini_ctx *c, triad_status st, const char *fmt, const char *a, const char *b)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, a, b);
    if (c->status == TRIAD_OK)
        c->status =
            triad_i_fail(c->err, st, c->name, c->line, 0, "%s:%ld: %s", c->name, c->line, msg);
    return 0;
}

static int parse_bool(const char *v, int *out)
{
    if (triad_i_streq_ci(v, "yes") || triad_i_streq_ci(v, "true") || triad_i_streq_ci(v, "on") ||
        triad_i_streq_ci(v, "1"))
        *out = 1;
    else if (triad_i_streq_ci(v, "no") || triad_i_streq_ci(v, "false") ||
             triad_i_streq_ci(v, "off") || triad_i_streq_ci(v, "0"))
        *out = 0;
    else
        return 0;
    return 1;
}

static int int_in(const char *v, long lo, long hi, int *out)
{
    long x;
    if (!triad_i_parse_long(v, &x) || x < lo || x > hi)
        return 0;
    *out = (int)x;
    return 1;
}

static stratum_spec *find_stratum(triad_spec *s, const char *name, int create)
{
    if (strcmp(name, "default") == 0)
        return &s->fallback;
    for (size_t i = 0; i < s->nstrata; i++)
        if (strcmp(s->strata[i].name, name) == 0)
            return &s->strata[i];
    if (!create || s->nstrata == SPEC_MAX_STRATA)
        return NULL;
    stratum_spec *st = &s->strata[s->nstrata];
    stratum_set(st, name, 0);
    st->min_size = s->fallback.min_size;
    st->max_size = s->fallback.max_size;
    st->nsizes = s->fallback.nsizes;
    memcpy(st->sizes, s->fallback.sizes, sizeof st->sizes);
    st->triad_size = s->fallback.triad_size;
    st->sector_wide = s->fallback.sector_wide;
    st->local = s->fallback.local;
    st->small_one_group = s->fallback.small_one_group;
    if (!st->name)
        return NULL;
    s->nstrata++;
    return st;
}

/* The next token of *cursor separated by any of seps (strtok would keep its
 * position in a static, which two threads reading specs would share). */
static char *next_token(char **cursor, const char *seps)
{
    char *p = *cursor + strspn(*cursor, seps);
    if (!*p)
        return NULL;
    char *e = p + strcspn(p, seps);
    *cursor = *e ? e + 1 : e;
    *e = '\0';
    return p;
}

static int set_phases(ini_ctx *c, stratum_spec *st, const char *value)
{
    char *copy = triad_i_strdup(value);
    if (!copy)
        return fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    unsigned mask = 0;
    int ok = 1;
    char *cur = copy;
    for (char *tok = next_token(&cur, ","); tok && ok; tok = next_token(&cur, ",")) {
        triad_phase p;
        if (!parse_phase_text(tok, NULL, &p))
            ok = fail(c, TRIAD_ERR_SPEC, "unknown phase '%s' in phases of stratum %s", tok,
                      st->name);
        else
            mask |= PH(p);
    }
    free(copy);
    if (!ok)
        return 0;
    /* A phase belongs to one stratum. Taking it from a stratum that only has
     * it by default is what overriding a default means; two strata of this
     * file claiming it is a contradiction. */
    size_t self = SPEC_MAX_STRATA; /* the fallback stratum is not in the array */
    for (size_t i = 0; i < c->spec->nstrata; i++)
        if (&c->spec->strata[i] == st)
            self = i;
    for (size_t i = 0; i < c->spec->nstrata; i++) {
        stratum_spec *o = &c->spec->strata[i];
        if (o == st || !(o->phases & mask))
            continue;
        if (c->phases_line[i] > 0) {
            for (int ph = 0; ph < TRIAD_PHASE_COUNT; ph++)
                if (o->phases & mask & PH(ph)) {
                    char detail[400];
                    snprintf(detail, sizeof detail,
                             "%s is in the phases of stratum %s (line %ld) and of stratum %s",
                             triad_phase_name((triad_phase)ph), o->name, c->phases_line[i],
                             st->name);
                    return fail(c, TRIAD_ERR_SPEC, "contradictory strata: %s%s", detail, "");
                }
        }
        o->phases &= ~mask;
    }
    st->phases = mask;
    if (self < SPEC_MAX_STRATA)
        c->phases_line[self] = c->line;
    return 1;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* "6, 9" or "6 or 9": a set of allowed collaborative sizes. */
static int set_sizes(ini_ctx *c, stratum_spec *st, const char *value)
{
    /* "6,,9" or "6,9,": an empty element is a typing slip, not a size */
    const char *v = value + strspn(value, " \t");
    int empty = *v == ',';
    for (const char *q = v; *q && !empty; q++)
        if (*q == ',') {
            const char *r = q + 1 + strspn(q + 1, " \t");
            empty = *r == ',' || *r == '\0';
        }
    if (empty)
        return fail(c, TRIAD_ERR_SPEC, "sizes of stratum %s has an empty element: '%s'",
                    st->name, value);
    char *copy = triad_i_strdup(value);
    if (!copy)
        return fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    int n = 0, ok = 1;
    char *cur = copy;
    for (char *tok = next_token(&cur, ", \t"); tok && ok; tok = next_token(&cur, ", \t")) {
        if (strcmp(tok, "or") == 0 || strcmp(tok, "and") == 0)
            continue;
        int v;
        if (n == SPEC_MAX_SIZES)
            ok = fail(c, TRIAD_ERR_SPEC, "sizes of stratum %s: more than 16 sizes%s", st->name,
                      "");
        else if (!int_in(tok, 2, 1000, &v))
            ok = fail(c, TRIAD_ERR_SPEC, "size '%s' of stratum %s is not a whole number 2-1000",
                      tok, st->name);
        else
            st->sizes[n++] = v;
    }
    free(copy);
    if (!ok)
        return 0;
    if (n == 0)
        return fail(c, TRIAD_ERR_SPEC, "sizes of stratum %s lists no size%s", st->name, "");
    qsort(st->sizes, (size_t)n, sizeof st->sizes[0], cmp_int);
    for (int k = 1; k < n; k++)
        if (st->sizes[k] == st->sizes[k - 1]) {
            char v[16];
            snprintf(v, sizeof v, "%d", st->sizes[k]);
            return fail(c, TRIAD_ERR_SPEC, "sizes of stratum %s lists %s twice", st->name, v);
        }
    st->nsizes = n;
    st->min_size = st->sizes[0];
    st->max_size = st->sizes[n - 1];
    st->sizes_line = c->line;
    return 1;
}

static int stratum_key(ini_ctx *c, stratum_spec *st, const char *key, const char *value)
{
    if (!st->line)
        st->line = c->line;
    if (strcmp(key, "sizes") == 0) {
        return set_sizes(c, st, value);
    } else if (strcmp(key, "geography") == 0) {
        if (triad_i_streq_ci(value, "spread"))
            st->local = 0;
        else if (triad_i_streq_ci(value, "local"))
            st->local = 1;
        else
            return fail(c, TRIAD_ERR_SPEC, "geography '%s' of stratum %s is not spread or local",
                        value, st->name);
    } else if (strcmp(key, "sector_wide") == 0) {
        if (!parse_bool(value, &st->sector_wide))
            return fail(c, TRIAD_ERR_SPEC, "sector_wide '%s' of stratum %s is not yes/no", value,
                        st->name);
    } else if (strcmp(key, "small_stratum") == 0) {
        if (triad_i_streq_ci(value, "one group"))
            st->small_one_group = SMALL_ONE_GROUP;
        else if (triad_i_streq_ci(value, "error"))
            st->small_one_group = SMALL_ERROR;
        else if (triad_i_streq_ci(value, "auto"))
            st->small_one_group = SMALL_AUTO;
        else
            return fail(c, TRIAD_ERR_SPEC,
                        "small_stratum '%s' of stratum %s is not 'auto', 'error' or 'one group'",
                        value, st->name);
    } else if (strcmp(key, "min_size") == 0) {
        st->range_line = c->line;
        if (!int_in(value, 1, 1000, &st->min_size))
            return fail(c, TRIAD_ERR_SPEC, "min_size '%s' of stratum %s is not 1-1000", value,
                        st->name);
    } else if (strcmp(key, "max_size") == 0) {
        st->range_line = c->line;
        if (!int_in(value, 1, 1000, &st->max_size))
            return fail(c, TRIAD_ERR_SPEC, "max_size '%s' of stratum %s is not 1-1000", value,
                        st->name);
    } else if (strcmp(key, "triad_size") == 0) {
        if (!int_in(value, 0, 6, &st->triad_size) || st->triad_size == 1)
            return fail(c, TRIAD_ERR_SPEC, "triad_size '%s' of stratum %s is not 0 or 2-6", value,
                        st->name);
    } else if (strcmp(key, "skip") == 0) {
        if (!parse_bool(value, &st->skip))
            return fail(c, TRIAD_ERR_SPEC, "skip '%s' of stratum %s is not yes/no", value,
                        st->name);
    } else if (strcmp(key, "phases") == 0) {
        return set_phases(c, st, value);
    } else {
    {
        char hint[96], where[200];
        snprintf(where, sizeof where, "%s%s", st->name,
                 did_you_mean(key, stratum_keys, hint, sizeof hint));
        return fail(c, TRIAD_ERR_SPEC, "unknown key '%s' in stratum %s", key, where);
    }
    }
    return 1;
}

static int add_link(ini_ctx *c, int must, const char *value)
{
    triad_spec *s = c->spec;
    link_spec **arr = must ? &s->must : &s->cannot;
    size_t *n = must ? &s->nmust : &s->ncannot;
    link_spec *na = realloc(*arr, (*n + 1) * sizeof *na);
    if (!na)
        return fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    *arr = na;
    link_spec *l = &na[(*n)++];
    memset(l, 0, sizeof *l);
    l->line = c->line;
    char *copy = triad_i_strdup(value);
    if (!copy)
        return fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    char *cur = copy;
    int ok = 1;
    for (char *tok = next_token(&cur, ", \t"); ok && tok; tok = next_token(&cur, ", \t")) {
        for (size_t q = 0; ok && q < l->n; q++)
            if (strcmp(l->urns[q], tok) == 0)
                ok = fail(c, TRIAD_ERR_SPEC, "%s names school %s twice",
                          must ? "must_link" : "cannot_link", tok);
        if (!ok)
            break;
        char **nu = realloc(l->urns, (l->n + 1) * sizeof *nu);
        if (nu)
            l->urns = nu;
        if (!nu || !(nu[l->n] = triad_i_strdup(tok))) {
            ok = fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
            break;
        }
        l->n++;
    }
    free(copy);
    if (ok && l->n < 2)
        ok = fail(c, TRIAD_ERR_SPEC, "%s needs at least two URNs, got '%s'",
                  must ? "must_link" : "cannot_link", value);
    return ok;
}

static int constraint_key(ini_ctx *c, const char *key, const char *value)
{
    char hint[96]; /* a "did you mean" for an unknown key */
    triad_spec *s = c->spec;
    if (strcmp(key, "trust_cap_collaborative") == 0) {
        if (!int_in(value, 0, 1000, &s->trust_cap_collab))
            return fail(c, TRIAD_ERR_SPEC, "%s '%s' is not a count (0 = no cap)", key, value);
    } else if (strcmp(key, "trust_cap_triad") == 0) {
        if (!int_in(value, 0, 1000, &s->trust_cap_triad))
            return fail(c, TRIAD_ERR_SPEC, "%s '%s' is not a count (0 = no cap)", key, value);
    } else if (strcmp(key, "lead_required") == 0) {
        if (!parse_bool(value, &s->lead_required))
            return fail(c, TRIAD_ERR_SPEC, "%s '%s' is not yes/no", key, value);
    } else if (strcmp(key, "no_concern_triads") == 0) {
        if (!parse_bool(value, &s->no_concern_triads))
            return fail(c, TRIAD_ERR_SPEC, "%s '%s' is not yes/no", key, value);
    } else if (strcmp(key, "triad_max_km") == 0) {
        if (!triad_i_parse_double(value, &s->triad_max_km) || s->triad_max_km < 0 ||
            s->triad_max_km > LIMIT_KM_MAX)
            return fail(c, TRIAD_ERR_SPEC, "%s '%s' is not a distance from 0 to 1000 km", key,
                        value);
    } else if (strcmp(key, "collaborative_max_km") == 0) {
        if (!triad_i_parse_double(value, &s->collab_max_km) || s->collab_max_km < 0 ||
            s->collab_max_km > LIMIT_KM_MAX)
            return fail(c, TRIAD_ERR_SPEC, "%s '%s' is not a distance from 0 to 1000 km", key,
                        value);
    } else if (strcmp(key, "must_link") == 0 || strcmp(key, "cannot_link") == 0) {
        return add_link(c, key[0] == 'm', value);
    } else {
        return fail(c, TRIAD_ERR_SPEC, "unknown key '%s' in [constraints]%s", key, did_you_mean(key, constraint_keys, hint, sizeof hint));
    }
    return 1;
}

static int solver_key(ini_ctx *c, const char *key, const char *value)
{
    char hint[96]; /* a "did you mean" for an unknown key */
    triad_spec *s = c->spec;
    if (strcmp(key, "method") == 0) {
        if (triad_method_from_name(value, &s->method) == TRIAD_OK) {
            s->has_method = 1;
            return 1;
        }
        return fail(c, TRIAD_ERR_SPEC, "unknown method '%s' (auto, search, ilp, random, deal, geo)%s",
                    value, "");
    } else if (strcmp(key, "time_limit") == 0) {
        if (!triad_i_parse_double(value, &s->time_limit) || s->time_limit <= 0 ||
            s->time_limit > LIMIT_SECONDS_MAX) {
            char most[32];
            snprintf(most, sizeof most, "%.0f", LIMIT_SECONDS_MAX);
            return fail(c, TRIAD_ERR_SPEC,
                        "time_limit '%s' is not a number of seconds, more than 0 and at most %s",
                        value, most);
        }
        s->has_time_limit = 1;
    } else if (strcmp(key, "seed") == 0) {
        if (!triad_i_parse_u64(value, &s->seed))
            return fail(c, TRIAD_ERR_SPEC,
                        "seed '%s' is not a whole number from 0 to 18446744073709551615%s", value,
                        "");
        s->has_seed = 1;
    } else if (strcmp(key, "threads") == 0) {
        if (!int_in(value, 1, 256, &s->threads))
            return fail(c, TRIAD_ERR_SPEC, "threads '%s' is not 1-256%s", value, "");
        s->has_threads = 1;
    } else {
        return fail(c, TRIAD_ERR_SPEC, "unknown key '%s' in [solver]%s", key, did_you_mean(key, solver_keys, hint, sizeof hint));
    }
    return 1;
}

static int on_ini(void *user, const char *section, const char *key, const char *value)
{
    char hint[96]; /* a "did you mean" for an unknown key */
    ini_ctx *c = user;
    triad_spec *s = c->spec;
    if (c->status != TRIAD_OK)
        return 0;
    if (strcmp(value, LONG_VALUE_MARK) == 0 && c->long_value)
        value = c->long_value;
    if (!note_key(c, section, key))
        return 0;
    if (strcmp(section, "strata") == 0) {
        if (strcmp(key, "by") != 0)
            return fail(c, TRIAD_ERR_SPEC, "unknown key '%s' in [strata]%s", key, did_you_mean(key, strata_keys, hint, sizeof hint));
        char *v = triad_i_strdup(value);
        if (!v)
            return fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
        free(s->stratify);
        s->stratify = v;
        return 1;
    }
    if (strncmp(section, "stratum.", 8) == 0 || strncmp(section, "stratum ", 8) == 0) {
        stratum_spec *st = find_stratum(s, section + 8, 1);
        if (!st)
            return fail(c, TRIAD_ERR_SPEC, "too many strata (at most %s)%s", "32", "");
        return stratum_key(c, st, key, value);
    }
    if (strcmp(section, "balance") == 0) {
        double w;
        if (!triad_i_parse_double(value, &w) || w < 0 || w > LIMIT_WEIGHT_MAX)
            return fail(c, TRIAD_ERR_SPEC, "weight '%s' of %s is not a number from 0 to 1000",
                        value, key);
        weight_spec *nw = realloc(s->weights, (s->nweights + 1) * sizeof *nw);
        if (!nw)
            return fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
        s->weights = nw;
        nw[s->nweights].name = triad_i_strdup(key);
        nw[s->nweights].weight = w;
        if (!nw[s->nweights].name)
            return fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
        s->nweights++;
        return 1;
    }
    if (strcmp(section, "constraints") == 0)
        return constraint_key(c, key, value);
    if (strcmp(section, "history") == 0) {
        if (strcmp(key, "avoid") == 0) {
            if (triad_i_streq_ci(value, "off"))
                s->history_avoid = 0;
            else if (triad_i_streq_ci(value, "penalty"))
                s->history_avoid = 1;
            else if (triad_i_streq_ci(value, "hard"))
                s->history_avoid = 2;
            else
                return fail(c, TRIAD_ERR_SPEC, "avoid '%s' is not off, penalty or hard%s", value,
                            "");
        } else if (strcmp(key, "weight") == 0) {
            if (!triad_i_parse_double(value, &s->history_weight) || s->history_weight < 0 ||
                s->history_weight > LIMIT_WEIGHT_MAX)
                return fail(c, TRIAD_ERR_SPEC, "weight '%s' is not a number from 0 to 1000%s",
                            value, "");
        } else if (strcmp(key, "keep") == 0) {
            if (!triad_i_parse_double(value, &s->history_keep) || s->history_keep < 0 ||
                s->history_keep > 1)
                return fail(c, TRIAD_ERR_SPEC, "keep '%s' is not a share between 0 and 1%s",
                            value, "");
        } else if (strcmp(key, "keep_collaboratives") == 0) {
            if (!triad_i_parse_double(value, &s->keep_collab) || s->keep_collab < 0 ||
                s->keep_collab > 1)
                return fail(c, TRIAD_ERR_SPEC,
                            "keep_collaboratives '%s' is not a share between 0 and 1%s", value,
                            "");
        } else if (strcmp(key, "collaborative_weight") == 0) {
            if (!triad_i_parse_double(value, &s->collab_weight) || s->collab_weight < 0 ||
                s->collab_weight > LIMIT_WEIGHT_MAX)
                return fail(c, TRIAD_ERR_SPEC,
                            "collaborative_weight '%s' is not a number from 0 to 1000%s", value,
                            "");
        } else if (strcmp(key, "fade") == 0) {
            if (!triad_i_parse_double(value, &s->history_fade) || s->history_fade < 0 ||
                s->history_fade > 1)
                return fail(c, TRIAD_ERR_SPEC, "fade '%s' is not between 0 and 1%s", value, "");
        } else {
            return fail(c, TRIAD_ERR_SPEC, "unknown key '%s' in [history]%s", key, did_you_mean(key, history_keys, hint, sizeof hint));
        }
        return 1;
    }
    if (strcmp(section, "solver") == 0)
        return solver_key(c, key, value);
    if (strcmp(section, "geography") == 0) {
        if (strcmp(key, "areas") == 0) {
            if (!int_in(value, 1, 100, &s->areas))
                return fail(c, TRIAD_ERR_SPEC, "areas '%s' is not a whole number 1-100%s", value,
                            "");
        } else if (strcmp(key, "local_weight") == 0) {
            if (!triad_i_parse_double(value, &s->local_weight) || s->local_weight < 0 ||
                s->local_weight > LIMIT_WEIGHT_MAX)
                return fail(c, TRIAD_ERR_SPEC, "local_weight '%s' is not a number from 0 to 1000%s",
                            value, "");
        } else {
            return fail(c, TRIAD_ERR_SPEC, "unknown key '%s' in [geography] (areas, local_weight)%s",
                        key, did_you_mean(key, geography_keys, hint, sizeof hint));
        }
        return 1;
    }
    return fail(c, TRIAD_ERR_SPEC,
                "unknown section [%s] (strata, stratum.NAME, balance, constraints, history, "
                "geography, solver)%s",
                section, did_you_mean(section, section_names, hint, sizeof hint));
}

/* Checks that do not need the schools: size bounds, direct contradictions. */
static triad_status validate(triad_spec *s, const ini_ctx *c, triad_error *err)
{
    if (s->history_keep > 0 && s->history_avoid == 2) {
        long kl = 0, al = 0;
        for (size_t i = 0; i < c->nseen; i++)
            if (strcmp(c->seen[i].section, "history") == 0) {
                if (strcmp(c->seen[i].key, "keep") == 0)
                    kl = c->seen[i].line;
                if (strcmp(c->seen[i].key, "avoid") == 0)
                    al = c->seen[i].line;
            }
        return triad_i_fail(err, TRIAD_ERR_SPEC, s->source, kl, 0,
                            "%s:%ld: contradictory constraints: [history] keep = %g keeps last "
                            "year's partners together, avoid = hard (line %ld) keeps them apart",
                            s->source, kl, s->history_keep, al);
    }
    stratum_spec *all[SPEC_MAX_STRATA + 1];
    size_t n = 0;
    for (size_t i = 0; i < s->nstrata; i++)
        all[n++] = &s->strata[i];
    all[n++] = &s->fallback;
    for (size_t i = 0; i < n; i++)
        if (all[i]->nsizes && all[i]->range_line)
            return triad_i_fail(err, TRIAD_ERR_SPEC, s->source, all[i]->range_line, 0,
                                "%s:%ld: contradictory sizes: stratum %s gives sizes (line %ld) "
                                "and min_size/max_size; give one of them",
                                s->source, all[i]->range_line, all[i]->name, all[i]->sizes_line);
    for (size_t i = 0; i < n; i++)
        if (all[i]->sector_wide && (all[i]->sizes_line || all[i]->range_line))
            return triad_i_fail(err, TRIAD_ERR_SPEC, s->source,
                                all[i]->sizes_line ? all[i]->sizes_line : all[i]->range_line, 0,
                                "%s:%ld: stratum %s is sector_wide (one collaborative of the "
                                "whole stratum), so its sizes have no effect: give one of them",
                                s->source,
                                all[i]->sizes_line ? all[i]->sizes_line : all[i]->range_line,
                                all[i]->name);
    /* a section that names no stratum of [strata] by = phase: no phases
     * of its own, not one of the built-in strata (the data decides for by =
     * a column: profile.c) */
    const char *phase_strata[SPEC_MAX_STRATA + 1];
    size_t nps = 0;
    for (size_t i = 0; i < s->nstrata; i++)
        if (s->strata[i].phases)
            phase_strata[nps++] = s->strata[i].name;
    phase_strata[nps] = NULL;
    for (size_t i = 0; strcmp(s->stratify, "phase") == 0 && i < s->nstrata; i++)
        if (!s->strata[i].phases && !s->strata[i].skip && s->strata[i].line) {
            char hint[96];
            return triad_i_fail(err, TRIAD_ERR_SPEC, s->source, s->strata[i].line, 0,
                                "%s:%ld: [stratum.%s] names no stratum of [strata] by = phase "
                                "(primary, secondary, special, or a new one with phases = ...)%s",
                                s->source, s->strata[i].line, s->strata[i].name,
                                did_you_mean(s->strata[i].name, phase_strata, hint, sizeof hint));
        }
    for (size_t i = 0; strcmp(s->stratify, "none") == 0 && i < s->nstrata; i++)
        if (s->strata[i].line && strcmp(s->strata[i].name, "all") != 0)
            return triad_i_fail(err, TRIAD_ERR_SPEC, s->source, s->strata[i].line, 0,
                                "%s:%ld: [stratum.%s] has no effect under [strata] by = none, "
                                "where the one stratum is [stratum.all]",
                                s->source, s->strata[i].line, s->strata[i].name);
    for (size_t i = 0; i < n; i++)
        if (all[i]->min_size > all[i]->max_size)
            return triad_i_fail(err, TRIAD_ERR_SPEC, s->source, 0, 0,
                                "%s: stratum %s: min_size %d is larger than max_size %d", s->source,
                                all[i]->name, all[i]->min_size, all[i]->max_size);
    for (size_t a = 0; a < s->nmust; a++)
        for (size_t b = 0; b < s->ncannot; b++) {
            const link_spec *m = &s->must[a], *c = &s->cannot[b];
            size_t hits = 0;
            const char *u1 = NULL, *u2 = NULL;
            for (size_t i = 0; i < c->n; i++)
                for (size_t j = 0; j < m->n; j++)
                    if (strcmp(c->urns[i], m->urns[j]) == 0) {
                        if (hits++ == 0)
                            u1 = c->urns[i];
                        else
                            u2 = c->urns[i];
                    }
            if (hits >= 2)
                return triad_i_fail(err, TRIAD_ERR_SPEC, s->source, c->line, 0,
                                    "%s:%ld: contradictory constraints: cannot_link (line %ld) and "
                                    "must_link (line %ld) both name %s and %s",
                                    s->source, c->line, c->line, m->line, u1, u2);
        }
    return TRIAD_OK;
}

triad_status triad_spec_read_string(const char *text, const char *name, triad_spec **out,
                                    triad_error *err)
{
    if (!out || !text)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "text or out is NULL");
    *out = NULL;
    if (!name)
        name = "<spec>";
    if (!text_is_utf8((const unsigned char *)text, strlen(text)))
        return triad_i_fail(err, TRIAD_ERR_SPEC, name, 0, 0,
                            "%s: the spec is not UTF-8 text (names from it reach UTF-8 outputs)",
                            name);
    triad_spec *s;
    triad_status st = triad_spec_new(&s, err);
    if (st != TRIAD_OK)
        return st;
    free(s->source);
    s->source = triad_i_strdup(name);
    ini_ctx c = {.spec = s, .name = name, .text = text, .err = err, .status = TRIAD_OK};
    if (!s->source) {
        c.status = triad_i_fail_nomem(err);
        goto done;
    }
    int r = ini_parse_stream(next_line, &c, on_ini, &c);
    if (c.status == TRIAD_OK && r != 0)
        c.status =
            triad_i_fail(err, TRIAD_ERR_SPEC, name, r > 0 ? r : 0, 0,
                         "%s:%d: malformed line (expected [section] or key = value)", name, r);
    if (c.status == TRIAD_OK)
        c.status = validate(s, &c, err);
done:
    free(c.long_value);
    for (size_t i = 0; i < c.nseen; i++) {
        free(c.seen[i].section);
        free(c.seen[i].key);
    }
    free(c.seen);
    if (c.status != TRIAD_OK) {
        triad_spec_free(s);
        return c.status;
    }
    *out = s;
    return TRIAD_OK;
}

triad_status triad_spec_read(const char *path, triad_spec **out, triad_error *err)
{
    triad_error_clear(err);
    if (!path || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "path or out is NULL");
    *out = NULL;
    char *data;
    size_t size;
    triad_status st = triad_i_read_file(path, (size_t)16 << 20, &data, &size, err);
    if (st != TRIAD_OK)
        return st;
    /* the same decoding as data files: BOM dropped, Windows-1252 converted,
     * NUL refused; every name from a spec ends up in UTF-8 outputs */
    char *text;
    size_t len;
    st = text_decode(data, size, path, &text, &len, err);
    free(data);
    if (st != TRIAD_OK) {
        if (st == TRIAD_ERR_CSV) {
            st = TRIAD_ERR_SPEC;
            if (err)
                err->status = st;
        }
        return st;
    }
    st = triad_spec_read_string(text, path, out, err);
    free(text);
    return st;
}

triad_status triad_spec_set(triad_spec *spec, const char *section, const char *key,
                            const char *value, triad_error *err)
{
    triad_error_clear(err);
    if (!spec || !section || !key || !value)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "spec, section, key or value is NULL");
    if (!text_is_utf8((const unsigned char *)value, strlen(value)) ||
        !text_is_utf8((const unsigned char *)section, strlen(section)))
        return triad_i_fail(err, TRIAD_ERR_SPEC, NULL, 0, 0, "[%s] %s: not UTF-8 text", section,
                            key);
    ini_ctx c = {.spec = spec, .name = "triad_spec_set", .text = "", .err = err,
                 .status = TRIAD_OK, .api = 1};
    on_ini(&c, section, key, value);
    if (c.status == TRIAD_OK)
        c.status = validate(spec, &c, err);
    return c.status;
}

void triad_spec_apply_solver(const triad_spec *spec, triad_solve_options *o)
{
    if (!spec || !o)
        return;
    if (spec->has_method)
        o->method = spec->method;
    if (spec->has_seed)
        o->seed = spec->seed;
    if (spec->has_threads)
        o->threads = spec->threads;
    if (spec->has_time_limit)
        o->time_limit = spec->time_limit;
}

/* The spec's value of one key, as text. */
static int spec_value(const triad_spec *s, const char *section, const char *key, triad_i_buf *b)
{
    if (strcmp(section, "strata") == 0 && strcmp(key, "by") == 0) {
        triad_i_buf_puts(b, s->stratify);
        return 1;
    }
    if (strncmp(section, "stratum.", 8) == 0) {
        const stratum_spec *st = NULL;
        if (strcmp(section + 8, "default") == 0)
            st = &s->fallback;
        for (size_t i = 0; !st && i < s->nstrata; i++)
            if (strcmp(s->strata[i].name, section + 8) == 0)
                st = &s->strata[i];
        if (!st)
            return 0;
        if (strcmp(key, "phases") == 0) {
            const char *sep = "";
            for (int ph = 0; ph < TRIAD_PHASE_COUNT; ph++)
                if (st->phases & PH(ph)) {
                    triad_i_buf_printf(b, "%s%s", sep, triad_phase_name((triad_phase)ph));
                    sep = ", ";
                }
        } else if (strcmp(key, "min_size") == 0) {
            triad_i_buf_printf(b, "%d", st->min_size);
        } else if (strcmp(key, "max_size") == 0) {
            triad_i_buf_printf(b, "%d", st->max_size);
        } else if (strcmp(key, "sizes") == 0) {
            for (int k = 0; k < st->nsizes; k++)
                triad_i_buf_printf(b, "%s%d", k ? ", " : "", st->sizes[k]);
        } else if (strcmp(key, "triad_size") == 0) {
            triad_i_buf_printf(b, "%d", st->triad_size);
        } else if (strcmp(key, "skip") == 0 || strcmp(key, "sector_wide") == 0) {
            triad_i_buf_puts(b, (key[1] == 'k' ? st->skip : st->sector_wide) ? "yes" : "no");
        } else if (strcmp(key, "small_stratum") == 0) {
            triad_i_buf_puts(b, st->small_one_group == SMALL_AUTO        ? "auto"
                                : st->small_one_group == SMALL_ONE_GROUP ? "one group"
                                                                         : "error");
        } else if (strcmp(key, "geography") == 0) {
            triad_i_buf_puts(b, st->local ? "local" : "spread");
        } else {
            return 0;
        }
        return 1;
    }
    if (strcmp(section, "balance") == 0) {
        for (size_t i = 0; i < s->nweights; i++)
            if (strcmp(s->weights[i].name, key) == 0) {
                triad_i_buf_printf(b, "%g", s->weights[i].weight);
                return 1;
            }
        return 0;
    }
    if (strcmp(section, "constraints") == 0) {
        if (strcmp(key, "trust_cap_collaborative") == 0)
            triad_i_buf_printf(b, "%d", s->trust_cap_collab);
        else if (strcmp(key, "trust_cap_triad") == 0)
            triad_i_buf_printf(b, "%d", s->trust_cap_triad);
        else if (strcmp(key, "lead_required") == 0)
            triad_i_buf_puts(b, s->lead_required ? "yes" : "no");
        else if (strcmp(key, "no_concern_triads") == 0)
            triad_i_buf_puts(b, s->no_concern_triads ? "yes" : "no");
        else if (strcmp(key, "triad_max_km") == 0)
            triad_i_buf_printf(b, "%g", s->triad_max_km);
        else if (strcmp(key, "collaborative_max_km") == 0)
            triad_i_buf_printf(b, "%g", s->collab_max_km);
        else if (strcmp(key, "must_link") == 0 || strcmp(key, "cannot_link") == 0) {
            const link_spec *l = key[0] == 'm' ? s->must : s->cannot;
            size_t n = key[0] == 'm' ? s->nmust : s->ncannot;
            for (size_t q = 0; q < n; q++)
                for (size_t u = 0; u < l[q].n; u++)
                    triad_i_buf_printf(b, "%s%s", u ? " " : q ? "; " : "", l[q].urns[u]);
        } else
            return 0;
        return 1;
    }
    if (strcmp(section, "history") == 0) {
        static const char *const avoid[] = {"off", "penalty", "hard"};
        if (strcmp(key, "avoid") == 0)
            triad_i_buf_puts(b, avoid[s->history_avoid]);
        else if (strcmp(key, "weight") == 0)
            triad_i_buf_printf(b, "%g", s->history_weight);
        else if (strcmp(key, "fade") == 0)
            triad_i_buf_printf(b, "%g", s->history_fade);
        else if (strcmp(key, "keep") == 0)
            triad_i_buf_printf(b, "%g", s->history_keep);
        else if (strcmp(key, "keep_collaboratives") == 0)
            triad_i_buf_printf(b, "%g", s->keep_collab);
        else if (strcmp(key, "collaborative_weight") == 0)
            triad_i_buf_printf(b, "%g", s->collab_weight);
        else
            return 0;
        return 1;
    }
    if (strcmp(section, "geography") == 0) {
        if (strcmp(key, "areas") == 0)
            triad_i_buf_printf(b, "%d", s->areas);
        else if (strcmp(key, "local_weight") == 0)
            triad_i_buf_printf(b, "%g", s->local_weight);
        else
            return 0;
        return 1;
    }
    if (strcmp(section, "solver") == 0) {
        if (strcmp(key, "method") == 0)
            triad_i_buf_puts(b, triad_method_name(s->method));
        else if (strcmp(key, "seed") == 0)
            triad_i_buf_printf(b, "%llu", (unsigned long long)s->seed);
        else if (strcmp(key, "threads") == 0)
            triad_i_buf_printf(b, "%d", s->threads);
        else if (strcmp(key, "time_limit") == 0)
            triad_i_buf_printf(b, "%g", s->time_limit);
        else
            return 0;
        return 1;
    }
    return 0;
}

triad_status triad_spec_get(const triad_spec *spec, const char *section, const char *key,
                            char *buf, size_t n, triad_error *err)
{
    triad_error_clear(err);
    if (!spec || !section || !key || !buf || n == 0)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "spec, section, key or buf is NULL, or n is 0");
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "");
    triad_status st = TRIAD_OK;
    buf[0] = '\0';
    if (!spec_value(spec, section, key, &b))
        st = triad_i_fail(err, TRIAD_ERR_SPEC, NULL, 0, 0, "[%s] has no key '%s'", section, key);
    else if (b.failed)
        st = triad_i_fail_nomem(err);
    else
        snprintf(buf, n, "%s", b.data);
    triad_i_buf_free(&b);
    return st;
}

triad_status spec_or_default(const triad_spec **spec, triad_spec **own, triad_error *err)
{
    *own = NULL;
    if (*spec)
        return TRIAD_OK;
    triad_status st = triad_spec_new(own, err);
    if (st == TRIAD_OK)
        *spec = *own;
    return st;
}
