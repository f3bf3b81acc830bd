/* The governor network (include/triad/governors.h): governor triads from the
 * schools with governors trained, across the heads' collaboratives by
 * default or mirroring the heads' triads. Solved by triad_solve itself on a
 * copy of the schools in which the others sit out, under a spec of groups
 * of three that keeps the caller's balance, geography and trust caps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "model/plan_impl.h"
#include "model/schools_impl.h"
#include "triad/governors.h"
#include "triad/solve.h"

void triad_governor_options_init(triad_governor_options *o)
{
    memset(o, 0, sizeof *o);
    o->struct_size = sizeof *o;
    o->seed = 1;
    o->time_limit = 30;
}

static int trained(const triad_schools *s, const triad_plan *heads, size_t i)
{
    return s->s[i].governors > 0 && !s->s[i].opted_out && heads->collab[i] >= 0;
}

/* The caller's [balance] and [geography] sections of its spec, as INI
 * lines, into b. */
static triad_status kept_sections(const triad_spec *spec, triad_i_buf *b, triad_error *err)
{
    char *ini = NULL;
    triad_spec *def = NULL;
    triad_status st = spec ? TRIAD_OK : triad_spec_new(&def, err);
    if (st == TRIAD_OK)
        st = triad_spec_ini(spec ? spec : def, &ini, err);
    int keep = 0;
    for (char *l = ini; st == TRIAD_OK && l && *l;) {
        char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l) : strlen(l);
        if (l[0] == '[')
            keep = strncmp(l, "[balance]", 9) == 0 || strncmp(l, "[geography]", 11) == 0;
        if (keep)
            triad_i_buf_printf(b, "%.*s\n", (int)len, l);
        l = e ? e + 1 : l + len;
    }
    triad_string_free(ini);
    triad_spec_free(def);
    return st;
}

/* The spec of the governor triads: groups of three (four where the count
 * needs it), no lead, the caller's triad trust cap for the whole group
 * (a group is its one triad), and a cannot-link per heads' collaborative so
 * that governors meet peers from other collaboratives. */
static triad_status governor_spec(const triad_schools *s, const triad_plan *heads,
                                  const triad_spec *spec, int cross, triad_spec **out,
                                  triad_error *err)
{
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_status st = kept_sections(spec, &b, err);
    char cap_t[16] = "1";
    if (spec && st == TRIAD_OK)
        st = triad_spec_get(spec, "constraints", "trust_cap_triad", cap_t, sizeof cap_t, err);
    triad_i_buf_printf(&b,
                       "[strata]\nby = none\n[stratum.all]\nmin_size = 3\nmax_size = 4\n"
                       "triad_size = 3\n[constraints]\nlead_required = no\n"
                       "trust_cap_collaborative = %s\ntrust_cap_triad = %s\n",
                       cap_t, cap_t); /* a group is its one triad: the triad's cap holds */
    for (size_t c = 0; cross && c < heads->ncollab; c++) {
        size_t k = 0;
        for (size_t i = 0; i < s->n; i++)
            k += heads->collab[i] == (long)c && trained(s, heads, i);
        if (k < 2)
            continue; /* one school alone needs no rule */
        triad_i_buf_puts(&b, "cannot_link =");
        for (size_t i = 0; i < s->n; i++)
            if (heads->collab[i] == (long)c && trained(s, heads, i))
                triad_i_buf_printf(&b, " %s", s->s[i].urn);
        triad_i_buf_puts(&b, "\n");
    }
    if (st == TRIAD_OK && b.failed)
        st = triad_i_fail_nomem(err);
    if (st == TRIAD_OK)
        st = triad_spec_read_string(b.data, "governor spec", out, err);
    triad_i_buf_free(&b);
    return st;
}

/* The schools as the governor network sees them - a copy in which the
 * schools without governors trained sit out - and its spec (cross: no two
 * schools of one heads' collaborative in a governor triad). */
static triad_status governor_inputs(const triad_schools *s, const triad_plan *heads,
                                    const triad_spec *spec, int cross, triad_schools **copy,
                                    triad_spec **gspec, triad_error *err)
{
    char *csv = NULL;
    triad_status st = triad_schools_csv(s, &csv, err);
    if (st == TRIAD_OK)
        st = triad_schools_read_buffer(csv, strlen(csv), s->source, NULL, copy, err);
    for (size_t i = 0; st == TRIAD_OK && i < s->n; i++)
        if (!trained(s, heads, i))
            (*copy)->s[i].opted_out = 1; /* sits out of the governor network */
    if (st == TRIAD_OK)
        st = governor_spec(s, heads, spec, cross, gspec, err);
    triad_string_free(csv);
    return st;
}

/* With mirror: the heads' triads, their trained schools only. */
static triad_status mirrored(const triad_schools *s, const triad_plan *heads, triad_plan **out,
                             triad_error *err)
{
    char **label = calloc(s->n + 1, sizeof *label);
    triad_status st = label ? TRIAD_OK : triad_i_fail_nomem(err);
    for (size_t i = 0; st == TRIAD_OK && i < s->n; i++) {
        if (!trained(s, heads, i) || heads->triad[i] < 0)
            continue;
        const char *t = heads->triad_label[heads->triad[i]];
        if (!(label[i] = malloc(strlen(t) + 5)))
            st = triad_i_fail_nomem(err);
        else
            sprintf(label[i], "gov-%s", t);
    }
    if (st == TRIAD_OK)
        st = triad_plan_from_arrays(s, (const char *const *)label, (const char *const *)label,
                                    NULL, out, err);
    triad_i_buf log;
    triad_i_buf_init(&log);
    for (size_t t = 0; st == TRIAD_OK && t < heads->ntriad; t++) {
        size_t k = 0;
        for (size_t i = 0; i < s->n; i++)
            k += heads->triad[i] == (long)t && trained(s, heads, i);
        if (k == 1)
            triad_i_buf_printf(&log,
                               "warning: governors: heads' triad %s has one school with governors "
                               "trained: its governors have no peer in the mirrored network\n",
                               heads->triad_label[t]);
    }
    if (st == TRIAD_OK && log.failed)
        st = triad_i_fail_nomem(err);
    if (st == TRIAD_OK) {
        (*out)->solver_log = log.data ? log.data : triad_i_strdup("");
        log.data = NULL;
    }
    triad_i_buf_free(&log);
    for (size_t i = 0; label && i < s->n; i++)
        free(label[i]);
    free(label);
    return st;
}

/* "all-01" (the copy's one stratum) as "gov-01". 0 when memory ran out. */
static int relabel(char **labels, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        char *l = labels[k], *g = malloc(strlen(l) + 4);
        if (!g)
            return 0;
        sprintf(g, "gov%s", strncmp(l, "all", 3) == 0 ? l + 3 : l);
        free(l);
        labels[k] = g;
    }
    return 1;
}

/* The plan of the copy, for the caller: labels gov-NN, no leads, and the
 * log without the copy's own notes on the schools that sat out. */
static triad_status as_governors(triad_plan *p, triad_error *err)
{
    if (!relabel(p->collab_label, p->ncollab) || !relabel(p->triad_label, p->ntriad))
        return triad_i_fail_nomem(err);
    memset(p->lead, 0, p->nschools);
    memset(p->lead_years, 0, p->nschools);
    char *w = p->solver_log;
    for (char *l = w; l && *l;) {
        char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l + 1) : strlen(l);
        const char *sat_out = strstr(l, "has opted out of the collaboratives");
        if (!sat_out || (e && sat_out > e)) {
            memmove(w, l, len);
            w += len;
        }
        l += len;
    }
    if (w)
        *w = '\0';
    return TRIAD_OK;
}

triad_status triad_governors_solve(const triad_schools *s, const triad_plan *heads,
                                   const triad_spec *spec, const triad_governor_options *opts,
                                   triad_plan **out, triad_error *err)
{
    triad_error_clear(err);
    if (!s || !heads || !out || heads->nschools != s->n)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, heads' plan or out is NULL, or the plan is not for them");
    triad_governor_options o;
    triad_governor_options_init(&o);
    triad_status st = triad_i_take_options(&o, sizeof o, opts, "triad_governor_options", err);
    if (st != TRIAD_OK)
        return st;
    *out = NULL;
    if (!s->has_governors)
        return triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, s->source, 0, 0,
                            "%s has no governors_trained column: the governor network needs "
                            "each school's count of governors trained in peer review",
                            s->source);
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += trained(s, heads, i);
    if (n < 3)
        return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, s->source, 0, 0,
                            "%zu school%s of the plan ha%s governors trained: a governor triad "
                            "needs three",
                            n, n == 1 ? "" : "s", n == 1 ? "s" : "ve");
    if (o.mirror)
        return mirrored(s, heads, out, err);
    triad_schools *copy = NULL;
    triad_spec *gspec = NULL;
    st = governor_inputs(s, heads, spec, 1, &copy, &gspec, err);
    triad_solve_options so;
    triad_solve_options_init(&so);
    so.seed = o.seed;
    so.time_limit = o.time_limit;
    if (st == TRIAD_OK)
        st = triad_solve(copy, gspec, &so, out, err);
    if (st == TRIAD_OK && (st = as_governors(*out, err)) != TRIAD_OK) {
        triad_plan_free(*out);
        *out = NULL;
    }
    triad_schools_free(copy);
    triad_spec_free(gspec);
    return st;
}

triad_status triad_governors_check(const triad_schools *s, const triad_plan *heads,
                                   const triad_spec *spec, const triad_plan *governors,
                                   int mirror, triad_report **out, triad_error *err)
{
    triad_error_clear(err);
    if (!s || !heads || !governors || !out || heads->nschools != s->n ||
        governors->nschools != s->n)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, a plan or out is NULL, or a plan is not for them");
    *out = NULL;
    triad_schools *copy = NULL;
    triad_spec *gspec = NULL;
    triad_status st = governor_inputs(s, heads, spec, !mirror, &copy, &gspec, err);
    if (st == TRIAD_OK)
        st = triad_check(copy, gspec, governors, out, err);
    triad_schools_free(copy);
    triad_spec_free(gspec);
    return st;
}
