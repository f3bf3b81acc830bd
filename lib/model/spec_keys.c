/* The keys of [stratum.NAME], [constraints] and [solver]: each value
 * parsed, range-checked and refused with its line. */
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

stratum_spec *spec_find_stratum(triad_spec *s, const char *name, int create)
{
    if (strcmp(name, "default") == 0)
        return &s->fallback;
    for (size_t i = 0; i < s->nstrata; i++)
        if (strcmp(s->strata[i].name, name) == 0)
            return &s->strata[i];
    if (!create || s->nstrata == SPEC_MAX_STRATA)
        return NULL;
    stratum_spec *st = &s->strata[s->nstrata];
    spec_stratum_set(st, name, 0);
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

static int spec_set_phases(ini_ctx *c, stratum_spec *st, const char *value)
{
    char *copy = triad_i_strdup(value);
    if (!copy)
        return spec_fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    unsigned mask = 0;
    int ok = 1;
    char *cur = copy;
    for (char *tok = spec_next_token(&cur, ","); tok && ok; tok = spec_next_token(&cur, ",")) {
        triad_phase p;
        if (!parse_phase_text(tok, NULL, &p))
            ok = spec_fail(c, TRIAD_ERR_SPEC, "unknown phase '%s' in phases of stratum %s", tok,
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
                    return spec_fail(c, TRIAD_ERR_SPEC, "contradictory strata: %s%s", detail, "");
                }
        }
        o->phases &= ~mask;
    }
    st->phases = mask;
    if (self < SPEC_MAX_STRATA)
        c->phases_line[self] = c->line;
    return 1;
}

static int spec_cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* "6, 9" or "6 or 9": a set of allowed collaborative sizes. */
static int spec_set_sizes(ini_ctx *c, stratum_spec *st, const char *value)
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
        return spec_fail(c, TRIAD_ERR_SPEC, "sizes of stratum %s has an empty element: '%s'",
                    st->name, value);
    char *copy = triad_i_strdup(value);
    if (!copy)
        return spec_fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    int n = 0, ok = 1;
    char *cur = copy;
    for (char *tok = spec_next_token(&cur, ", \t"); tok && ok; tok = spec_next_token(&cur, ", \t")) {
        if (strcmp(tok, "or") == 0 || strcmp(tok, "and") == 0)
            continue;
        int v;
        if (n == SPEC_MAX_SIZES)
            ok = spec_fail(c, TRIAD_ERR_SPEC, "sizes of stratum %s: more than 16 sizes%s", st->name,
                      "");
        else if (!spec_int_in(tok, 2, 1000, &v))
            ok = spec_fail(c, TRIAD_ERR_SPEC, "size '%s' of stratum %s is not a whole number 2-1000",
                      tok, st->name);
        else
            st->sizes[n++] = v;
    }
    free(copy);
    if (!ok)
        return 0;
    if (n == 0)
        return spec_fail(c, TRIAD_ERR_SPEC, "sizes of stratum %s lists no size%s", st->name, "");
    qsort(st->sizes, (size_t)n, sizeof st->sizes[0], spec_cmp_int);
    for (int k = 1; k < n; k++)
        if (st->sizes[k] == st->sizes[k - 1]) {
            char v[16];
            snprintf(v, sizeof v, "%d", st->sizes[k]);
            return spec_fail(c, TRIAD_ERR_SPEC, "sizes of stratum %s lists %s twice", st->name, v);
        }
    st->nsizes = n;
    st->min_size = st->sizes[0];
    st->max_size = st->sizes[n - 1];
    st->sizes_line = c->line;
    return 1;
}

int spec_stratum_key(ini_ctx *c, stratum_spec *st, const char *key, const char *value)
{
    if (!st->line)
        st->line = c->line;
    if (strcmp(key, "sizes") == 0) {
        return spec_set_sizes(c, st, value);
    } else if (strcmp(key, "geography") == 0) {
        if (triad_i_streq_ci(value, "spread"))
            st->local = 0;
        else if (triad_i_streq_ci(value, "local"))
            st->local = 1;
        else
            return spec_fail(c, TRIAD_ERR_SPEC, "geography '%s' of stratum %s is not spread or local",
                        value, st->name);
    } else if (strcmp(key, "sector_wide") == 0) {
        if (!spec_parse_bool(value, &st->sector_wide))
            return spec_fail(c, TRIAD_ERR_SPEC, "sector_wide '%s' of stratum %s is not yes/no", value,
                        st->name);
    } else if (strcmp(key, "small_stratum") == 0) {
        if (triad_i_streq_ci(value, "one group"))
            st->small_one_group = SMALL_ONE_GROUP;
        else if (triad_i_streq_ci(value, "error"))
            st->small_one_group = SMALL_ERROR;
        else if (triad_i_streq_ci(value, "auto"))
            st->small_one_group = SMALL_AUTO;
        else
            return spec_fail(c, TRIAD_ERR_SPEC,
                        "small_stratum '%s' of stratum %s is not 'auto', 'error' or 'one group'",
                        value, st->name);
    } else if (strcmp(key, "min_size") == 0) {
        st->range_line = c->line;
        if (!spec_int_in(value, 1, 1000, &st->min_size))
            return spec_fail(c, TRIAD_ERR_SPEC, "min_size '%s' of stratum %s is not 1-1000", value,
                        st->name);
    } else if (strcmp(key, "max_size") == 0) {
        st->range_line = c->line;
        if (!spec_int_in(value, 1, 1000, &st->max_size))
            return spec_fail(c, TRIAD_ERR_SPEC, "max_size '%s' of stratum %s is not 1-1000", value,
                        st->name);
    } else if (strcmp(key, "triad_size") == 0) {
        if (!spec_int_in(value, 0, 6, &st->triad_size) || st->triad_size == 1)
            return spec_fail(c, TRIAD_ERR_SPEC, "triad_size '%s' of stratum %s is not 0 or 2-6", value,
                        st->name);
    } else if (strcmp(key, "skip") == 0) {
        if (!spec_parse_bool(value, &st->skip))
            return spec_fail(c, TRIAD_ERR_SPEC, "skip '%s' of stratum %s is not yes/no", value,
                        st->name);
    } else if (strcmp(key, "phases") == 0) {
        return spec_set_phases(c, st, value);
    } else {
    {
        char hint[96], where[200];
        snprintf(where, sizeof where, "%s%s", st->name,
                 spec_did_you_mean(key, stratum_keys, hint, sizeof hint));
        return spec_fail(c, TRIAD_ERR_SPEC, "unknown key '%s' in stratum %s", key, where);
    }
    }
    return 1;
}

static int spec_add_link(ini_ctx *c, int must, const char *value)
{
    triad_spec *s = c->spec;
    link_spec **arr = must ? &s->must : &s->cannot;
    size_t *n = must ? &s->nmust : &s->ncannot;
    link_spec *na = realloc(*arr, (*n + 1) * sizeof *na);
    if (!na)
        return spec_fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    *arr = na;
    link_spec *l = &na[(*n)++];
    memset(l, 0, sizeof *l);
    l->line = c->line;
    char *copy = triad_i_strdup(value);
    if (!copy)
        return spec_fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
    char *cur = copy;
    int ok = 1;
    for (char *tok = spec_next_token(&cur, ", \t"); ok && tok; tok = spec_next_token(&cur, ", \t")) {
        for (size_t q = 0; ok && q < l->n; q++)
            if (strcmp(l->urns[q], tok) == 0)
                ok = spec_fail(c, TRIAD_ERR_SPEC, "%s names school %s twice",
                          must ? "must_link" : "cannot_link", tok);
        if (!ok)
            break;
        char **nu = realloc(l->urns, (l->n + 1) * sizeof *nu);
        if (nu)
            l->urns = nu;
        if (!nu || !(nu[l->n] = triad_i_strdup(tok))) {
            ok = spec_fail(c, TRIAD_ERR_NOMEM, "out of memory%s%s", "", "");
            break;
        }
        l->n++;
    }
    free(copy);
    if (ok && l->n < 2)
        ok = spec_fail(c, TRIAD_ERR_SPEC, "%s needs at least two URNs, got '%s'",
                  must ? "must_link" : "cannot_link", value);
    return ok;
}

int spec_constraint_key(ini_ctx *c, const char *key, const char *value)
{
    char hint[96]; /* a "did you mean" for an unknown key */
    triad_spec *s = c->spec;
    if (strcmp(key, "trust_cap_collaborative") == 0) {
        if (!spec_int_in(value, 0, 1000, &s->trust_cap_collab))
            return spec_fail(c, TRIAD_ERR_SPEC, "%s '%s' is not a count (0 = no cap)", key, value);
    } else if (strcmp(key, "trust_cap_triad") == 0) {
        if (!spec_int_in(value, 0, 1000, &s->trust_cap_triad))
            return spec_fail(c, TRIAD_ERR_SPEC, "%s '%s' is not a count (0 = no cap)", key, value);
    } else if (strcmp(key, "lead_required") == 0) {
        if (!spec_parse_bool(value, &s->lead_required))
            return spec_fail(c, TRIAD_ERR_SPEC, "%s '%s' is not yes/no", key, value);
    } else if (strcmp(key, "no_concern_triads") == 0) {
        if (!spec_parse_bool(value, &s->no_concern_triads))
            return spec_fail(c, TRIAD_ERR_SPEC, "%s '%s' is not yes/no", key, value);
    } else if (strcmp(key, "max_memberships") == 0) {
        if (!spec_int_in(value, 0, 100, &s->max_memberships))
            return spec_fail(c, TRIAD_ERR_SPEC,
                             "%s '%s' is not a count of groups from 0 to 100 (0: no limit)", key,
                             value);
    } else if (strcmp(key, "lead_term") == 0) {
        if (!spec_int_in(value, 0, 50, &s->lead_term))
            return spec_fail(c, TRIAD_ERR_SPEC,
                             "%s '%s' is not a number of years from 0 to 50 (0: a lead is "
                             "chosen afresh each year)",
                             key, value);
    } else if (strcmp(key, "lead_days") == 0) {
        if (!triad_i_parse_double(value, &s->lead_days) || s->lead_days < 0 ||
            s->lead_days > 365)
            return spec_fail(c, TRIAD_ERR_SPEC, "%s '%s' is not a number of days from 0 to 365",
                             key, value);
    } else if (strcmp(key, "triad_max_km") == 0) {
        if (!triad_i_parse_double(value, &s->triad_max_km) || s->triad_max_km < 0 ||
            s->triad_max_km > LIMIT_KM_MAX)
            return spec_fail(c, TRIAD_ERR_SPEC, "%s '%s' is not a distance from 0 to 1000 km", key,
                        value);
    } else if (strcmp(key, "collaborative_max_km") == 0) {
        if (!triad_i_parse_double(value, &s->collab_max_km) || s->collab_max_km < 0 ||
            s->collab_max_km > LIMIT_KM_MAX)
            return spec_fail(c, TRIAD_ERR_SPEC, "%s '%s' is not a distance from 0 to 1000 km", key,
                        value);
    } else if (strcmp(key, "must_link") == 0 || strcmp(key, "cannot_link") == 0) {
        return spec_add_link(c, key[0] == 'm', value);
    } else {
        return spec_fail(c, TRIAD_ERR_SPEC, "unknown key '%s' in [constraints]%s", key, spec_did_you_mean(key, constraint_keys, hint, sizeof hint));
    }
    return 1;
}

int spec_funding_key(ini_ctx *c, const char *key, const char *value)
{
    char hint[96];
    triad_spec *s = c->spec;
    if (strcmp(key, "basis") == 0) {
        for (int k = 0; funding_basis_names[k]; k++)
            if (triad_i_streq_ci(value, funding_basis_names[k])) {
                s->funding_basis = k;
                return 1;
            }
        return spec_fail(c, TRIAD_ERR_SPEC,
                         "basis '%s' is not triad, collaborative, school or pupils%s", value, "");
    }
    double *out = strcmp(key, "total") == 0        ? &s->funding_total
                  : strcmp(key, "cap") == 0        ? &s->funding_cap
                  : strcmp(key, "load_ratio") == 0 ? &s->funding_load_ratio
                                                   : NULL;
    if (!out)
        return spec_fail(c, TRIAD_ERR_SPEC, "unknown key '%s' in [funding]%s", key,
                         spec_did_you_mean(key, funding_keys, hint, sizeof hint));
    double lo = out == &s->funding_load_ratio ? 1 : 0, v;
    if (!triad_i_parse_double(value, &v) || v < lo || v > 1e12)
        return spec_fail(c, TRIAD_ERR_SPEC,
                         out == &s->funding_load_ratio
                             ? "%s '%s' is not a ratio of 1 or more"
                             : "%s '%s' is not an amount of money from 0 (pounds, no symbol)",
                         key, value);
    *out = v;
    return 1;
}

int spec_solver_key(ini_ctx *c, const char *key, const char *value)
{
    char hint[96]; /* a "did you mean" for an unknown key */
    triad_spec *s = c->spec;
    if (strcmp(key, "method") == 0) {
        if (triad_method_from_name(value, &s->method) == TRIAD_OK) {
            s->has_method = 1;
            return 1;
        }
        return spec_fail(c, TRIAD_ERR_SPEC, "unknown method '%s' (auto, search, ilp, random, deal, geo)%s",
                    value, "");
    } else if (strcmp(key, "time_limit") == 0) {
        if (!triad_i_parse_double(value, &s->time_limit) || s->time_limit <= 0 ||
            s->time_limit > LIMIT_SECONDS_MAX) {
            char most[32];
            snprintf(most, sizeof most, "%.0f", LIMIT_SECONDS_MAX);
            return spec_fail(c, TRIAD_ERR_SPEC,
                        "time_limit '%s' is not a number of seconds, more than 0 and at most %s",
                        value, most);
        }
        s->has_time_limit = 1;
    } else if (strcmp(key, "seed") == 0) {
        if (!triad_i_parse_u64(value, &s->seed))
            return spec_fail(c, TRIAD_ERR_SPEC,
                        "seed '%s' is not a whole number from 0 to 18446744073709551615%s", value,
                        "");
        s->has_seed = 1;
    } else if (strcmp(key, "threads") == 0) {
        if (!spec_int_in(value, 1, 256, &s->threads))
            return spec_fail(c, TRIAD_ERR_SPEC, "threads '%s' is not 1-256%s", value, "");
        s->has_threads = 1;
    } else {
        return spec_fail(c, TRIAD_ERR_SPEC, "unknown key '%s' in [solver]%s", key, spec_did_you_mean(key, solver_keys, hint, sizeof hint));
    }
    return 1;
}
