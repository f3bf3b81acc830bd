/* The partnerships schools already belong to (triad_memberships): Peterborough
 * built on "existing groups of schools". With keep_partnerships a partnership
 * that fits stays in one collaborative (a must-link); avoid_partnerships keeps
 * two of its schools out of one triad; max_memberships caps the groups a
 * school is in. What could not be kept, and every school's count of groups,
 * is said. */
#include <stdlib.h>
#include <string.h>

#include "model/memberships_impl.h"
#include "model/schools_impl.h"
#include "solve/stages.h"

/* The groups a planned school of stratum k is in: its partnerships, the
 * collaborative and, where the stratum has triads, a triad. */
static size_t groups_of(const profile *p, size_t i)
{
    int k = p->stratum[i];
    if (k < 0 || p->schools->s[i].opted_out)
        return triad_memberships_count_of(p->memberships, i);
    return triad_memberships_count_of(p->memberships, i) + 1 + (p->strata[k].triad_size > 0);
}

static triad_status over_limit(const profile *p, int limit, triad_error *err)
{
    size_t over = 0, first = 0;
    for (size_t i = 0; i < p->n; i++)
        if (p->stratum[i] >= 0 && groups_of(p, i) > (size_t)limit && over++ == 0)
            first = i;
    if (!over)
        return TRIAD_OK;
    return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, p->spec->source, 0, 0,
                        "max_memberships = %d: school %s (%s) would be in %zu groups (%zu "
                        "partnerships, a collaborative and a triad)%s%zu school%s in all: raise "
                        "max_memberships, or let the school opt out",
                        limit, p->schools->s[first].urn, p->schools->s[first].name,
                        groups_of(p, first), triad_memberships_count_of(p->memberships, first),
                        over > 1 ? "; " : "; ", over, over == 1 ? "" : "s");
}

/* The must-link components as partnerships join them: union-find, with a
 * circular list of each component's schools (ring) to walk them. */
typedef struct links {
    long *up, *ring;
    size_t *size;
} links;

static long root(const links *l, long i)
{
    while (l->up[i] != i)
        i = l->up[i] = l->up[l->up[i]];
    return i;
}

static void join(links *l, long a, long b)
{
    a = root(l, a);
    b = root(l, b);
    if (a == b)
        return;
    l->up[b] = a;
    l->size[a] += l->size[b];
    long t = l->ring[a]; /* splice the two rings */
    l->ring[a] = l->ring[b];
    l->ring[b] = t;
}

static int smallest_size(const pstratum *ps)
{
    if (ps->sector_wide)
        return (int)ps->n;
    return ps->nsizes > 0 ? ps->sizes[0] : ps->min_size;
}

/* The schools of the components holding mem[0..m), into out (at most cap);
 * returns how many, or cap + 1 when there are more. */
static size_t component(const links *l, const long *mem, size_t m, long *out, size_t cap)
{
    size_t n = 0;
    for (size_t a = 0; a < m; a++) {
        long r = root(l, mem[a]);
        int seen = 0;
        for (size_t q = 0; q < n && !seen; q++)
            seen = root(l, out[q]) == r;
        if (seen)
            continue;
        long i = r;
        do {
            if (n == cap)
                return cap + 1;
            out[n++] = i;
            i = l->ring[i];
        } while (i != r);
    }
    return n;
}

/* Why the schools comp[0..n) cannot share one collaborative: the trust cap
 * or a cannot-link; NULL when they can. */
static const char *rules_apart(const profile *p, const long *comp, size_t n, char *why,
                               size_t len)
{
    int tcap = p->spec->trust_cap_collab;
    for (size_t a = 0; a < n && tcap > 0; a++) {
        size_t same = 0;
        for (size_t b = 0; b < n; b++)
            same += p->trust[comp[a]] >= 0 && p->trust[comp[b]] == p->trust[comp[a]];
        if (same > (size_t)tcap) {
            snprintf(why, len, "%zu of them are in trust %s, over trust_cap_collaborative = %d",
                     same, p->schools->s[comp[a]].trust, tcap);
            return why;
        }
    }
    for (size_t c = 0; c < p->ncannot; c++) {
        size_t in = 0;
        for (size_t a = 0; a < p->cannot[c].n; a++)
            for (size_t b = 0; b < n; b++)
                in += comp[b] == p->cannot[c].school[a];
        if (in > 1) {
            snprintf(why, len, "cannot_link (line %ld) keeps two of them apart",
                     p->cannot[c].line);
            return why;
        }
    }
    return NULL;
}

/* Why a partnership with planned schools mem[0..m) cannot be kept in one
 * collaborative with the links taken so far, or NULL when it can. */
static const char *cannot_keep(const profile *p, const triad_plan *fixed, const links *l,
                               const long *mem, size_t m, long *comp, char *why, size_t len)
{
    const school_rec *s = p->schools->s;
    int k = p->stratum[mem[0]];
    for (size_t a = 1; a < m; a++) {
        if (p->stratum[mem[a]] != k) {
            snprintf(why, len, "its schools are in strata %s and %s", p->strata[k].name,
                     p->strata[p->stratum[mem[a]]].name);
            return why;
        }
        if (fixed && fixed->locked[mem[a]] && fixed->locked[mem[0]] &&
            fixed->collab[mem[a]] != fixed->collab[mem[0]]) {
            snprintf(why, len, "the fixed plan locks %s and %s in different collaboratives",
                     s[mem[0]].urn, s[mem[a]].urn);
            return why;
        }
    }
    int cap = smallest_size(&p->strata[k]);
    size_t n = component(l, mem, m, comp, (size_t)cap);
    if (n > (size_t)cap) {
        snprintf(why, len, "with the schools linked to them that is more than the smallest "
                           "collaborative of stratum %s (%d schools)",
                 p->strata[k].name, cap);
        return why;
    }
    return rules_apart(p, comp, n, why, len);
}

/* Each partnership's schools (CSR): the transpose of the per-school lists. */
typedef struct by_part {
    size_t *start;
    long *school;
} by_part;

static int by_part_build(const triad_memberships *m, by_part *bp)
{
    size_t np = m->npart, ne = m->start[m->nschools];
    bp->start = calloc(np + 2, sizeof *bp->start);
    bp->school = malloc((ne + 1) * sizeof *bp->school);
    if (!bp->start || !bp->school)
        return 0;
    for (size_t e = 0; e < ne; e++)
        bp->start[m->part[e] + 2]++;
    for (size_t k = 0; k < np; k++)
        bp->start[k + 2] += bp->start[k + 1];
    for (size_t i = 0; i < m->nschools; i++)
        for (size_t e = m->start[i]; e < m->start[i + 1]; e++)
            bp->school[bp->start[m->part[e] + 1]++] = (long)i;
    return 1;
}

/* Partnership k's planned schools into mem; returns how many. */
static size_t planned_members(const profile *p, const by_part *bp, size_t k, long *mem)
{
    size_t n = 0;
    for (size_t e = bp->start[k]; e < bp->start[k + 1]; e++) {
        long i = bp->school[e];
        if (p->stratum[i] >= 0 && !p->schools->s[i].opted_out)
            mem[n++] = i;
    }
    return n;
}

typedef struct part_order {
    size_t size;
    const char *name;
    size_t k;
} part_order;

static int cmp_part(const void *x, const void *y)
{
    const part_order *a = x, *b = y;
    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* A partnership kept: a must-link of its planned schools (line 0). */
static int add_link(profile *p, links *l, const long *mem, size_t n)
{
    link_set *nm = realloc(p->must, (p->nmust + 1) * sizeof *nm);
    if (!nm)
        return 0;
    p->must = nm;
    link_set *ls = &p->must[p->nmust];
    if (!(ls->school = malloc(n * sizeof *ls->school)))
        return 0;
    memcpy(ls->school, mem, n * sizeof *mem);
    ls->n = n;
    ls->line = 0;
    p->nmust++;
    for (size_t a = 1; a < n; a++)
        join(l, mem[0], mem[a]);
    return 1;
}

/* keep_partnerships: the largest partnerships first, each a must-link
 * where it fits with those before it; the rest are warnings. */
static triad_status keep_some(profile *p, const triad_plan *fixed, const by_part *bp,
                              triad_i_buf *notes, triad_i_buf *warn, triad_error *err)
{
    const triad_memberships *m = p->memberships;
    size_t n = p->n;
    links l = {malloc((n + 1) * sizeof *l.up), malloc((n + 1) * sizeof *l.ring),
               malloc((n + 1) * sizeof *l.size)};
    part_order *order = malloc((m->npart + 1) * sizeof *order);
    long *mem = malloc((n + 1) * sizeof *mem), *comp = malloc((n + 1) * sizeof *comp);
    triad_status st = TRIAD_OK;
    if (!l.up || !l.ring || !l.size || !order || !mem || !comp) {
        st = triad_i_fail_nomem(err);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        l.up[i] = l.ring[i] = (long)i;
        l.size[i] = 1;
    }
    for (size_t k = 0; k < p->nmust; k++)
        for (size_t a = 1; a < p->must[k].n; a++)
            join(&l, p->must[k].school[0], p->must[k].school[a]);
    for (size_t k = 0; k < m->npart; k++)
        order[k] = (part_order){m->size[k], m->name[k], k};
    qsort(order, m->npart, sizeof *order, cmp_part);
    size_t asked = 0, kept = 0;
    char why[400];
    for (size_t q = 0; q < m->npart && st == TRIAD_OK; q++) {
        size_t k = order[q].k, mn = planned_members(p, bp, k, mem);
        if (mn < 2)
            continue;
        asked++;
        if (cannot_keep(p, fixed, &l, mem, mn, comp, why, sizeof why))
            triad_i_buf_printf(warn,
                               "warning: keep_partnerships: partnership %s (%s, %zu schools "
                               "planned) is not kept in one collaborative: %s\n",
                               m->name[k], m->kind[k], mn, why);
        else if (!add_link(p, &l, mem, mn))
            st = triad_i_fail_nomem(err);
        else
            kept++;
    }
    triad_i_buf_printf(notes,
                       "partnership: keep_partnerships: %zu of %zu partnerships with two or "
                       "more planned schools are linked to stay in one collaborative\n",
                       kept, asked);
done:
    free(l.up);
    free(l.ring);
    free(l.size);
    free(order);
    free(mem);
    free(comp);
    return st;
}

triad_status partnerships_prepare(profile *p, const triad_memberships *m, const triad_plan *fixed,
                                  triad_i_buf *notes, triad_i_buf *warn, triad_error *err)
{
    const triad_spec *spec = p->spec;
    p->memberships = m;
    if (!m) {
        if (spec->keep_partnerships || spec->avoid_partnerships || spec->max_memberships)
            triad_i_buf_printf(warn, "warning: the spec's keep_partnerships, "
                                     "avoid_partnerships or max_memberships is not applied: no "
                                     "memberships were given (--memberships)\n");
        return TRIAD_OK;
    }
    p->avoid_partners = spec->avoid_partnerships;
    triad_status st = spec->max_memberships > 0 ? over_limit(p, spec->max_memberships, err)
                                                : TRIAD_OK;
    if (st != TRIAD_OK || !spec->keep_partnerships)
        return st;
    by_part bp = {0};
    if (!by_part_build(m, &bp))
        st = triad_i_fail_nomem(err);
    else
        st = keep_some(p, fixed, &bp, notes, warn, err);
    free(bp.start);
    free(bp.school);
    return st;
}

/* The kept partnerships whole in one collaborative (a must-link the search
 * broke is a warning), and the triad pairs that share a partnership. */
static void report_rules(const profile *p, const triad_plan *plan, triad_i_buf *notes,
                         triad_i_buf *warn)
{
    const triad_memberships *m = p->memberships;
    for (size_t k = 0; k < p->nmust; k++) {
        const link_set *l = &p->must[k];
        for (size_t a = 1; l->line == 0 && a < l->n; a++)
            if (plan->collab[l->school[a]] != plan->collab[l->school[0]]) {
                triad_i_buf_printf(warn,
                                   "warning: keep_partnerships: schools %s and %s of one "
                                   "partnership ended in different collaboratives\n",
                                   p->schools->s[l->school[0]].urn,
                                   p->schools->s[l->school[a]].urn);
                break;
            }
    }
    if (!p->avoid_partners)
        return;
    size_t pairs = 0;
    long ea = -1, eb = -1;
    /* triad by triad (members in CSR by triad): the members of each are few */
    size_t *start = calloc(plan->ntriad + 2, sizeof *start);
    long *mem = malloc((p->n + 1) * sizeof *mem);
    for (size_t i = 0; start && mem && i < p->n; i++)
        if (plan->triad[i] >= 0)
            start[plan->triad[i] + 2]++;
    for (size_t t = 0; start && mem && t < plan->ntriad; t++)
        start[t + 2] += start[t + 1];
    for (size_t i = 0; start && mem && i < p->n; i++)
        if (plan->triad[i] >= 0)
            mem[start[plan->triad[i] + 1]++] = (long)i;
    for (size_t t = 0; start && mem && t < plan->ntriad; t++)
        for (size_t a = start[t]; a < start[t + 1]; a++)
            for (size_t b = a + 1; b < start[t + 1]; b++)
                if (triad_memberships_share(m, (size_t)mem[a], (size_t)mem[b])) {
                    pairs++;
                    ea = mem[a];
                    eb = mem[b];
                }
    if (!start || !mem)
        triad_i_buf_puts(warn, "warning: avoid_partnerships: out of memory counting the triad "
                               "pairs of one partnership\n");
    free(start);
    free(mem);
    if (pairs)
        triad_i_buf_printf(warn,
                           "warning: avoid_partnerships: %zu pair%s of schools in one "
                           "partnership share a triad (e.g. %s and %s): the triad rules left "
                           "no other way\n",
                           pairs, pairs == 1 ? "" : "s", p->schools->s[ea].urn,
                           p->schools->s[eb].urn);
    else
        triad_i_buf_puts(notes, "partnership: avoid_partnerships: no triad holds two schools "
                                "of one partnership\n");
}

void partnerships_report(const profile *p, const triad_plan *plan, triad_i_buf *notes,
                         triad_i_buf *warn)
{
    const triad_memberships *m = p->memberships;
    if (!m)
        return;
    report_rules(p, plan, notes, warn);
    size_t hist[8] = {0}, most = 0;
    long who = -1;
    for (size_t i = 0; i < p->n; i++) {
        size_t g = triad_memberships_count_of(m, i) + (plan->collab[i] >= 0) +
                   (plan->triad[i] >= 0);
        hist[g < 7 ? g : 7]++;
        if (g > most) {
            most = g;
            who = (long)i;
        }
    }
    triad_i_buf_puts(notes, "partnership: groups per school (partnerships, collaborative and "
                            "triad):");
    for (size_t g = 0; g < 8; g++)
        if (hist[g])
            triad_i_buf_printf(notes, " %zu%s: %zu school%s;", g, g == 7 ? " or more" : "",
                               hist[g], hist[g] == 1 ? "" : "s");
    if (who >= 0)
        triad_i_buf_printf(notes, " most: %s (%s), %zu groups", p->schools->s[who].urn,
                           p->schools->s[who].name, most);
    triad_i_buf_puts(notes, "\n");
}
