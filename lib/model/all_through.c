/* All-through schools in both phases (Peterborough counts 80 schools "if
 * all-through split" of 77): each takes a primary place (URN-P) and a
 * secondary one (URN-S) with one head between them, so it joins a
 * collaborative of each phase and its head still leads at most one. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "model/schools_impl.h"

static char *suffixed(const char *text, const char *suffix)
{
    char *t = malloc(strlen(text) + strlen(suffix) + 1);
    if (t)
        sprintf(t, "%s%s", text, suffix);
    return t;
}

/* A deep copy of the records and user attributes of s (not its gaps). */
static triad_schools *copy_of(const triad_schools *s)
{
    triad_schools *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    *c = *s;
    c->s = NULL;
    c->n = 0;
    c->attrs = NULL;
    c->nattr = 0;
    c->gaps = NULL;
    c->ngaps = 0;
    c->source = triad_i_strdup(s->source);
    c->attrs = calloc(s->nattr + 1, sizeof *c->attrs);
    int ok = c->source && c->attrs;
    for (size_t a = 0; ok && a < s->nattr; a++) {
        const user_attr *u = &s->attrs[a];
        user_attr *v = &c->attrs[c->nattr++];
        v->name = triad_i_strdup(u->name);
        v->numeric = u->numeric;
        v->cats = calloc(u->ncat + 1, sizeof *v->cats);
        ok = v->name && v->cats;
        for (size_t k = 0; ok && k < u->ncat; k++)
            ok = (v->cats[v->ncat++] = triad_i_strdup(u->cats[k])) != NULL;
    }
    for (size_t i = 0; ok && i < s->n; i++) {
        if (!(ok = schools_grow(c)))
            break;
        school_rec *r = &c->s[c->n];
        *r = s->s[i];
        r->urn = triad_i_strdup(s->s[i].urn);
        r->name = triad_i_strdup(s->s[i].name);
        r->trust = triad_i_strdup(s->s[i].trust);
        r->area = triad_i_strdup(s->s[i].area);
        r->head = triad_i_strdup(s->s[i].head ? s->s[i].head : "");
        for (size_t a = 0; a < s->nattr; a++) {
            if (s->attrs[a].numeric)
                c->attrs[a].values[c->n] = s->attrs[a].values[i];
            else
                c->attrs[a].codes[c->n] = s->attrs[a].codes[i];
        }
        c->n++;
        ok = r->urn && r->name && r->trust && r->area && r->head;
    }
    if (!ok) {
        triad_schools_free(c);
        return NULL;
    }
    return c;
}

/* School i (all-through) as its primary place, and a secondary twin
 * appended; pupils split by the share of its age range on each side of
 * 11 where the ages say so, else half each. 0 when memory ran out. */
static int split_one(triad_schools *c, size_t i)
{
    if (!schools_grow(c))
        return 0;
    school_rec *p = &c->s[i], *t = &c->s[c->n];
    *t = *p;
    double lo = p->low_age, hi = p->high_age;
    double share = !isnan(lo) && !isnan(hi) && lo < 11 && hi > 11 ? (11 - lo) / (hi - lo) : 0.5;
    char *base = p->urn;
    t->urn = suffixed(base, "-S");
    t->name = suffixed(p->name, " (secondary)");
    t->trust = triad_i_strdup(p->trust);
    t->area = triad_i_strdup(p->area);
    t->head = triad_i_strdup(p->head && p->head[0] ? p->head : base);
    char *purn = suffixed(base, "-P"), *pname = suffixed(p->name, " (primary)");
    char *phead = triad_i_strdup(p->head && p->head[0] ? p->head : base);
    if (!t->urn || !t->name || !t->trust || !t->area || !t->head || !purn || !pname || !phead) {
        free(t->urn), free(t->name), free(t->trust), free(t->area), free(t->head);
        free(purn), free(pname), free(phead);
        return 0;
    }
    free(p->name);
    free(p->head);
    p->urn = purn;
    p->name = pname;
    p->head = phead;
    free(base);
    p->phase = TRIAD_PHASE_PRIMARY;
    t->phase = TRIAD_PHASE_SECONDARY;
    if (!isnan(p->pupils)) {
        t->pupils = round(p->pupils * (1 - share));
        p->pupils -= t->pupils;
    }
    if (!isnan(lo) && !isnan(hi) && lo < 11 && hi > 11)
        p->high_age = t->low_age = 11;
    for (size_t a = 0; a < c->nattr; a++) {
        if (c->attrs[a].numeric)
            c->attrs[a].values[c->n] = c->attrs[a].values[i];
        else
            c->attrs[a].codes[c->n] = c->attrs[a].codes[i];
    }
    c->n++;
    return 1;
}

triad_status triad_schools_split_all_through(const triad_schools *s, triad_schools **out,
                                             size_t *nsplit, triad_error *err)
{
    triad_error_clear(err);
    if (!s || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "schools or out is NULL");
    *out = NULL;
    triad_schools *c = copy_of(s);
    if (!c)
        return triad_i_fail_nomem(err);
    size_t n0 = c->n, split = 0;
    for (size_t i = 0; i < n0; i++) {
        if (c->s[i].phase != TRIAD_PHASE_ALL_THROUGH)
            continue;
        if (!split_one(c, i)) {
            triad_schools_free(c);
            return triad_i_fail_nomem(err);
        }
        split++;
    }
    c->has_heads |= split > 0;
    /* URN-P or URN-S may already be another school's URN */
    urn_index *ix = urn_index_new(c);
    triad_status st = ix ? TRIAD_OK : triad_i_fail_nomem(err);
    for (size_t i = 0; st == TRIAD_OK && i < c->n; i++)
        if (urn_index_find(ix, c->s[i].urn) != (long)i)
            st = triad_i_fail(err, TRIAD_ERR_DUPLICATE, s->source, 0, 0,
                              "splitting the all-through schools of %s makes URN %s twice: "
                              "another school already has it",
                              s->source, c->s[i].urn);
    urn_index_free(ix);
    if (st != TRIAD_OK) {
        triad_schools_free(c);
        return st;
    }
    if (nsplit)
        *nsplit = split;
    *out = c;
    return TRIAD_OK;
}
