/* The spec as an INI file (inih, fed a line at a time so every refusal
 * names its line), and triad_spec_set, which goes through the same
 * handlers. */
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/text_decode.h"
#include "model/schools_impl.h"
#include "model/spec_impl.h"
#include "model/spec_ini.h"

/* Strips an inline comment (" ;" as inih does) and surrounding blanks. */
static void spec_trim_value(char *v)
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
static char *spec_next_line(char *str, int num, void *stream)
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
        spec_fail(c, TRIAD_ERR_SPEC, "line longer than %s bytes%s", "65536", "");
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
        spec_fail(c, TRIAD_ERR_SPEC, "line too long for a section or key (at most %s bytes)%s",
             "190", "");
        return NULL;
    }
    free(c->long_value);
    c->long_value = triad_i_strndup(eq + 1, len - keylen - 1);
    if (!c->long_value) {
        spec_fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
        return NULL;
    }
    spec_trim_value(c->long_value);
    snprintf(str, (size_t)num, "%.*s= %s\n", (int)keylen, start, LONG_VALUE_MARK);
    return str;
}

/* Records section/key; a key given twice in one section is an error, except
 * the link lists, which are meant to repeat. */
static int spec_note_key(ini_ctx *c, const char *section, const char *key)
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
            return spec_fail(c, TRIAD_ERR_SPEC, "duplicate key '%s] (first given on line %s)", what,
                        where);
        }
    seen_key *ns = realloc(c->seen, (c->nseen + 1) * sizeof *ns);
    if (!ns)
        return spec_fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    c->seen = ns;
    ns[c->nseen].section = triad_i_strdup(section);
    ns[c->nseen].key = triad_i_strdup(key);
    ns[c->nseen].line = c->line;
    if (!ns[c->nseen].section || !ns[c->nseen].key) {
        free(ns[c->nseen].section);
        free(ns[c->nseen].key);
        return spec_fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    }
    c->nseen++;
    return 1;
}

int spec_fail(ini_ctx *c, triad_status st, const char *fmt, const char *a, const char *b)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, a, b);
    if (c->status == TRIAD_OK)
        c->status =
            triad_i_fail(c->err, st, c->name, c->line, 0, "%s:%ld: %s", c->name, c->line, msg);
    return 0;
}

int spec_parse_bool(const char *v, int *out)
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

int spec_int_in(const char *v, long lo, long hi, int *out)
{
    long x;
    if (!triad_i_parse_long(v, &x) || x < lo || x > hi)
        return 0;
    *out = (int)x;
    return 1;
}

/* The next token of *cursor separated by any of seps (strtok would keep its
 * position in a static, which two threads reading specs would share). */
char *spec_next_token(char **cursor, const char *seps)
{
    char *p = *cursor + strspn(*cursor, seps);
    if (!*p)
        return NULL;
    char *e = p + strcspn(p, seps);
    *cursor = *e ? e + 1 : e;
    *e = '\0';
    return p;
}

static int strata_key(ini_ctx *c, const char *key, const char *value)
{
    char hint[96];
    if (strcmp(key, "special_by_age") == 0)
        return spec_parse_bool(value, &c->spec->special_by_age)
                   ? 1
                   : spec_fail(c, TRIAD_ERR_SPEC, "%s '%s' is not yes/no", key, value);
    if (strcmp(key, "by") != 0)
        return spec_fail(c, TRIAD_ERR_SPEC, "unknown key '%s' in [strata]%s", key,
                         spec_did_you_mean(key, strata_keys, hint, sizeof hint));
    char *v = triad_i_strdup(value);
    if (!v)
        return spec_fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    free(c->spec->stratify);
    c->spec->stratify = v;
    return 1;
}

static int balance_key(ini_ctx *c, const char *key, const char *value)
{
    triad_spec *s = c->spec;
    double w;
    if (!triad_i_parse_double(value, &w) || w < 0 || w > LIMIT_WEIGHT_MAX)
        return spec_fail(c, TRIAD_ERR_SPEC, "weight '%s' of %s is not a number from 0 to 1000",
                         value, key);
    weight_spec *nw = realloc(s->weights, (s->nweights + 1) * sizeof *nw);
    if (!nw)
        return spec_fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    s->weights = nw;
    nw[s->nweights].name = triad_i_strdup(key);
    nw[s->nweights].weight = w;
    if (!nw[s->nweights].name)
        return spec_fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    s->nweights++;
    return 1;
}

/* A number key in [lo, hi] into *out, or a failure saying what it is not. */
static int number_key(ini_ctx *c, const char *key, const char *value, double lo, double hi,
                      const char *what, double *out)
{
    if (triad_i_parse_double(value, out) && *out >= lo && *out <= hi)
        return 1;
    char fmt[160]; /* key and what are this file's literals: no '%' in them */
    snprintf(fmt, sizeof fmt, "%s '%%s' is %s%%s", key, what);
    return spec_fail(c, TRIAD_ERR_SPEC, fmt, value, "");
}

static int history_key(ini_ctx *c, const char *key, const char *value)
{
    triad_spec *s = c->spec;
    char hint[96];
    if (strcmp(key, "avoid") == 0) {
        if (triad_i_streq_ci(value, "off"))
            s->history_avoid = 0;
        else if (triad_i_streq_ci(value, "penalty"))
            s->history_avoid = 1;
        else if (triad_i_streq_ci(value, "hard"))
            s->history_avoid = 2;
        else
            return spec_fail(c, TRIAD_ERR_SPEC, "avoid '%s' is not off, penalty or hard%s", value,
                             "");
        return 1;
    }
    if (strcmp(key, "weight") == 0)
        return number_key(c, key, value, 0, LIMIT_WEIGHT_MAX, "not a number from 0 to 1000",
                          &s->history_weight);
    if (strcmp(key, "keep") == 0)
        return number_key(c, key, value, 0, 1, "not a share between 0 and 1", &s->history_keep);
    if (strcmp(key, "keep_collaboratives") == 0)
        return number_key(c, key, value, 0, 1, "not a share between 0 and 1", &s->keep_collab);
    if (strcmp(key, "collaborative_weight") == 0)
        return number_key(c, key, value, 0, LIMIT_WEIGHT_MAX, "not a number from 0 to 1000",
                          &s->collab_weight);
    if (strcmp(key, "fade") == 0)
        return number_key(c, key, value, 0, 1, "not between 0 and 1", &s->history_fade);
    if (strcmp(key, "keep_partnerships") == 0 || strcmp(key, "avoid_partnerships") == 0)
        return spec_parse_bool(value, key[0] == 'k' ? &s->keep_partnerships
                                                    : &s->avoid_partnerships)
                   ? 1
                   : spec_fail(c, TRIAD_ERR_SPEC, "%s '%s' is not yes/no", key, value);
    return spec_fail(c, TRIAD_ERR_SPEC, "unknown key '%s' in [history]%s", key,
                     spec_did_you_mean(key, history_keys, hint, sizeof hint));
}

static int geography_key(ini_ctx *c, const char *key, const char *value)
{
    triad_spec *s = c->spec;
    char hint[96];
    if (strcmp(key, "areas") == 0) {
        if (!spec_int_in(value, 1, 100, &s->areas))
            return spec_fail(c, TRIAD_ERR_SPEC, "areas '%s' is not a whole number 1-100%s", value,
                             "");
        return 1;
    }
    if (strcmp(key, "local_weight") == 0)
        return number_key(c, key, value, 0, LIMIT_WEIGHT_MAX, "not a number from 0 to 1000",
                          &s->local_weight);
    return spec_fail(c, TRIAD_ERR_SPEC,
                     "unknown key '%s' in [geography] (areas, local_weight)%s", key,
                     spec_did_you_mean(key, geography_keys, hint, sizeof hint));
}

static int spec_on_ini(void *user, const char *section, const char *key, const char *value)
{
    char hint[96]; /* a "did you mean" for an unknown section */
    ini_ctx *c = user;
    if (c->status != TRIAD_OK)
        return 0;
    if (strcmp(value, LONG_VALUE_MARK) == 0 && c->long_value)
        value = c->long_value;
    if (!spec_note_key(c, section, key))
        return 0;
    if (strcmp(section, "strata") == 0)
        return strata_key(c, key, value);
    if (strncmp(section, "stratum.", 8) == 0 || strncmp(section, "stratum ", 8) == 0) {
        stratum_spec *st = spec_find_stratum(c->spec, section + 8, 1);
        if (!st)
            return spec_fail(c, TRIAD_ERR_SPEC, "too many strata (at most %s)%s", "32", "");
        return spec_stratum_key(c, st, key, value);
    }
    if (strcmp(section, "balance") == 0)
        return balance_key(c, key, value);
    if (strcmp(section, "constraints") == 0)
        return spec_constraint_key(c, key, value);
    if (strcmp(section, "history") == 0)
        return history_key(c, key, value);
    if (strcmp(section, "solver") == 0)
        return spec_solver_key(c, key, value);
    if (strcmp(section, "geography") == 0)
        return geography_key(c, key, value);
    if (strcmp(section, "funding") == 0)
        return spec_funding_key(c, key, value);
    return spec_fail(c, TRIAD_ERR_SPEC,
                     "unknown section [%s] (strata, stratum.NAME, balance, constraints, history, "
                     "geography, solver, funding)%s",
                     section, spec_did_you_mean(section, section_names, hint, sizeof hint));
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
    int r = ini_parse_stream(spec_next_line, &c, spec_on_ini, &c);
    if (c.status == TRIAD_OK && r != 0)
        c.status =
            triad_i_fail(err, TRIAD_ERR_SPEC, name, r > 0 ? r : 0, 0,
                         "%s:%d: malformed line (expected [section] or key = value)", name, r);
    if (c.status == TRIAD_OK)
        c.status = spec_validate(s, &c, err);
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
    spec_on_ini(&c, section, key, value);
    if (c.status == TRIAD_OK)
        c.status = spec_validate(spec, &c, err);
    return c.status;
}
