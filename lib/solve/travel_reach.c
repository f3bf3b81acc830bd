/* triad_max_km before any search: who is within reach of whom (the
 * search's reach term), and the schools no triad within the limit can hold,
 * refused by name with what they have in reach and the limit they need. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/schools_impl.h"
#include "solve/stages.h"

/* 1 when a triad of local schools a, b and c keeps the triad stage's other
 * rules: the trust cap and, where asked, not all three causing concern. */
static int triad_admissible(const stratum_job *j, int a, int b, int c)
{
    const profile *p = j->p;
    long ia = j->member[a], ib = j->member[b], ic = j->member[c];
    int cap = p->spec->trust_cap_triad;
    if (cap > 0 && cap < 3) {
        int ta = p->trust[ia], tb = p->trust[ib], tc = p->trust[ic];
        int same = 1 + (ta >= 0 && ta == tb) + (ta >= 0 && ta == tc);
        if (same > cap || (cap == 1 && tb >= 0 && tb == tc))
            return 0;
    }
    return !(p->spec->no_concern_triads && p->concern[ia] && p->concern[ib] && p->concern[ic]);
}

/* The smallest limit under which school a has a triad keeping the other
 * rules (the largest distance in its best triad), or INFINITY; *pb, *pc
 * receive that triad's other two. Over the whole stratum: run only to
 * word a refusal. */
static double least_triad_km(const stratum_job *j, int a, int *pb, int *pc)
{
    const profile *p = j->p;
    double best = INFINITY;
    for (int b = 0; b < (int)j->n; b++) {
        double ab = b == a ? -1 : profile_km(p, (size_t)j->member[a], (size_t)j->member[b]);
        if (ab < 0 || ab >= best)
            continue;
        for (int c = b + 1; c < (int)j->n; c++) {
            double ac = c == a ? -1 : profile_km(p, (size_t)j->member[a], (size_t)j->member[c]);
            double bc = profile_km(p, (size_t)j->member[b], (size_t)j->member[c]);
            double worst = fmax(ab, fmax(ac, bc));
            if (ac < 0 || bc < 0 || worst >= best || !triad_admissible(j, a, b, c))
                continue;
            best = worst;
            *pb = b;
            *pc = c;
        }
    }
    return best;
}

/* Every located school of a stratum with triads of three or more needs two
 * schools within reach that are within reach of each other (a triangle)
 * and that a triad may hold with it (the trust cap; not three causing
 * concern where the spec says so). TRIAD_ERR_INFEASIBLE naming the first
 * school that has none, with the schools in its reach and the smallest
 * limit that would give it a triad. */
static triad_status triangle_check(const stratum_job *j, const pstratum *ps, double lim,
                                   triad_error *err)
{
    const profile *p = j->p;
    if (ps->triad_size < 3)
        return TRIAD_OK;
    for (size_t a = 0; a < j->n; a++) {
        if (!j->near_need[a])
            continue;
        int found = 0;
        for (size_t e = j->near_start[a]; e < j->near_start[a + 1] && !found; e++)
            for (size_t f = e + 1; f < j->near_start[a + 1] && !found; f++) {
                int b = j->near[e], c = j->near[f];
                double km = profile_km(p, (size_t)j->member[b], (size_t)j->member[c]);
                found = km >= 0 && km <= lim && triad_admissible(j, (int)a, b, c);
            }
        if (found)
            continue;
        const school_rec *r = &p->schools->s[j->member[a]];
        char reach[600] = "";
        size_t used = 0, listed = 0, in_reach = j->near_start[a + 1] - j->near_start[a];
        for (size_t e = j->near_start[a]; e < j->near_start[a + 1] && listed < 6; e++, listed++) {
            const school_rec *rb = &p->schools->s[j->member[j->near[e]]];
            int same = p->trust[j->member[a]] >= 0 &&
                       p->trust[j->member[a]] == p->trust[j->member[j->near[e]]];
            int w = snprintf(reach + used, sizeof reach - used, "%s%s (%s%s)", listed ? ", " : "",
                             rb->urn, rb->name, same ? ", same trust" : "");
            if (w < 0 || (size_t)w >= sizeof reach - used)
                break;
            used += (size_t)w;
        }
        int b = -1, c = -1;
        double need_km = least_triad_km(j, (int)a, &b, &c);
        char fix[400];
        if (b >= 0)
            snprintf(fix, sizeof fix,
                     "its nearest triad that keeps the other rules, with %s and %s, needs "
                     "triad_max_km = %.1f",
                     p->schools->s[j->member[b]].urn, p->schools->s[j->member[c]].urn,
                     ceil(need_km * 10) / 10);
        else
            snprintf(fix, sizeof fix, "no triad of its stratum keeps the other rules");
        return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, p->spec->source, 0, 0,
                            "triad_max_km = %g: school %s (%s) of stratum %s can be in no triad "
                            "that keeps the limit%s: within %g km it has %zu school%s%s%s%s; %s "
                            "(raise triad_max_km%s, or move the school to another stratum)",
                            lim, r->urn, r->name, ps->name,
                            p->spec->trust_cap_triad > 0 ? " and the triad trust cap" : "", lim,
                            in_reach, in_reach == 1 ? "" : "s", in_reach ? ": " : "", reach,
                            listed < in_reach ? ", ..." : "", fix,
                            p->spec->trust_cap_triad > 0 ? ", raise the trust cap" : "");
    }
    return TRIAD_OK;
}

/* triad_max_km shapes the collaboratives: every located school needs two
 * (triad_size - 1) schools of its collaborative within the limit. A school
 * without them in its whole stratum makes the limit impossible: said by
 * name. */
triad_status triad_reach(stratum_job *j, const pstratum *ps, triad_error *err)
{
    const profile *p = j->p;
    double lim = p->spec->triad_max_km;
    size_t n = j->n;
    int need = ps->triad_size - 1;
    j->near_start = calloc(n + 2, sizeof *j->near_start);
    j->near_need = malloc(n + 1);
    if (!j->near_start || !j->near_need)
        return triad_i_fail_nomem(err);
    for (int pass = 0; pass < 2; pass++) {
        size_t e = 0;
        for (size_t a = 0; a < n; a++) {
            if (pass)
                j->near_start[a] = e;
            for (size_t b = 0; b < n; b++) {
                double km = a == b ? -1 : profile_km(p, (size_t)j->member[a], (size_t)j->member[b]);
                if (km >= 0 && km <= lim) {
                    if (pass)
                        j->near[e] = (int)b;
                    e++;
                }
            }
        }
        if (pass) {
            j->near_start[n] = e;
        } else if (!(j->near = malloc((e + 1) * sizeof *j->near))) {
            return triad_i_fail_nomem(err);
        }
    }
    /* a travel limit is a promise about distance: a school without a
     * location cannot be shown to keep it, so it is refused by name */
    size_t unlocated = 0;
    const char *first = NULL, *first_name = NULL;
    for (size_t a = 0; a < n; a++) {
        const school_rec *r = &p->schools->s[j->member[a]];
        if (isnan(r->x) || isnan(r->y)) {
            if (!unlocated++) {
                first = r->urn;
                first_name = r->name;
            }
        }
    }
    if (unlocated)
        return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, p->spec->source, 0, 0,
                            "triad_max_km = %g: school %s (%s)%s of stratum %s %s no location, so "
                            "the limit cannot be shown to hold for %s (give easting/northing or "
                            "latitude/longitude, mark %s opted_out, or drop triad_max_km)",
                            lim, first, first_name,
                            unlocated > 1 ? " and others" : "", ps->name,
                            unlocated > 1 ? "have" : "has", unlocated > 1 ? "them" : "it",
                            unlocated > 1 ? "them" : "it");
    for (size_t a = 0; a < n; a++) {
        const school_rec *r = &p->schools->s[j->member[a]];
        int located = !isnan(r->x) && !isnan(r->y);
        size_t have = j->near_start[a + 1] - j->near_start[a];
        j->near_need[a] = (unsigned char)(located ? need : 0);
        if (located && have < (size_t)need)
            return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, p->spec->source, 0, 0,
                                "triad_max_km = %g: school %s (%s) has %s of stratum %s within "
                                "%g km, so it can be in no triad that keeps the limit (raise "
                                "triad_max_km, or move the school to another stratum)",
                                lim, r->urn, r->name, have == 0 ? "no other school" : "one school",
                                ps->name, lim);
    }
    /* two schools within reach of a school must be within reach of each
     * other too, or no triad holds it: a school with no such pair is
     * refused by name, with the nearest pair it has */
    triad_status st = triangle_check(j, ps, lim, err);
    if (st != TRIAD_OK)
        return st;
    j->pp.near_start = j->near_start;
    j->pp.near = j->near;
    j->pp.near_need = j->near_need;
    /* the exact split check as a term of the search */
    j->split = (travel_split){j, ps->triad_size, lim};
    j->pp.splits = travel_splits;
    j->pp.splits_ctx = &j->split;
    return TRIAD_OK;
}
