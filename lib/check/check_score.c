/* Scoring a plan's groups: each category's count against its fair share,
 * numeric means against their strata's, and the distances inside each
 * group. The fair share of a category in a group is the group's size
 * times the category's share of the strata its members come from. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/check_score.h"
#include "core/util.h"
#include "model/plan_impl.h"

/* "within one school of its share", with room for rounding */
#define WITHIN_ONE_EPS 1e-9

/* Scoring context: per stratum population counts and sums. */
typedef struct scorer {
    triad_report *r;
    const profile *p;
    size_t nbuckets; /* strata + 1 for unstratified schools */
    double *pop_count; /* bucket * ncells + cell */
    double *pop_sum;   /* bucket * nattr + attr */
    size_t *pop_n;     /* per bucket */
    unsigned char *seen; /* per bucket, scratch */
} scorer;

static size_t bucket_of(const scorer *sc, size_t i)
{
    int k = sc->p->stratum[i];
    return k >= 0 ? (size_t)k : sc->nbuckets - 1;
}

/* A numeric attribute: the group's mean beside its strata's, and how far
 * apart in standard deviations. */
static void score_numeric(const scorer *sc, size_t a, const long *members, size_t m,
                          size_t ref_n, group_score *g)
{
    const profile *p = sc->p;
    const bal_attr *at = &p->attr[a];
    double sum = 0, ref = 0;
    for (size_t k = 0; k < m; k++)
        sum += at->value[members[k]];
    for (size_t b = 0; b < sc->nbuckets; b++)
        if (sc->seen[b])
            ref += sc->pop_sum[b * p->nattr + a];
    g->mean[a] = m ? sum / (double)m : 0;
    g->ref_mean[a] = ref_n ? ref / (double)ref_n : 0;
    g->attr_dev[a] = at->sd > 0 ? fabs(g->mean[a] - g->ref_mean[a]) / at->sd : 0;
}

/* A categorical attribute: each category's count against its fair share
 * (the group's size times the category's share of its strata); returns
 * the worst gap. */
static double score_categories(const scorer *sc, size_t a, const long *members, size_t m,
                               size_t ref_n, group_score *g)
{
    const triad_report *r = sc->r;
    const bal_attr *at = &sc->p->attr[a];
    size_t off = r->offset[a];
    for (size_t k = 0; k < m; k++)
        g->count[off + (size_t)at->code[members[k]]]++;
    double dev = 0;
    for (size_t c = 0; c < at->ncat; c++) {
        double nc = 0;
        for (size_t b = 0; b < sc->nbuckets; b++)
            if (sc->seen[b])
                nc += sc->pop_count[b * r->ncells + off + c];
        g->share[off + c] = ref_n ? (double)m * nc / (double)ref_n : 0;
        double d = fabs((double)g->count[off + c] - g->share[off + c]);
        if (d > dev)
            dev = d;
    }
    return dev;
}

/* How far members are apart: what "local" minimises, what travel limits
 * bound (NaN without two located members). */
static void score_travel(const profile *p, const long *members, size_t m, group_score *g)
{
    double sum = 0;
    size_t pairs = 0;
    g->max_km = 0;
    for (size_t a = 0; a < m; a++)
        for (size_t b = a + 1; b < m; b++) {
            double km = profile_km(p, (size_t)members[a], (size_t)members[b]);
            if (km < 0)
                continue;
            sum += km;
            pairs++;
            if (km > g->max_km)
                g->max_km = km;
        }
    g->mean_km = pairs ? sum / (double)pairs : NAN;
    if (!pairs)
        g->max_km = NAN;
}

static int score_group(const scorer *sc, const long *members, size_t m, group_score *g)
{
    const profile *p = sc->p;
    triad_report *r = sc->r;
    g->size = m;
    g->count = calloc(r->ncells + 1, sizeof *g->count);
    g->share = calloc(r->ncells + 1, sizeof *g->share);
    g->mean = calloc(p->nattr + 1, sizeof *g->mean);
    g->ref_mean = calloc(p->nattr + 1, sizeof *g->ref_mean);
    g->attr_dev = calloc(p->nattr + 1, sizeof *g->attr_dev);
    if (!g->count || !g->share || !g->mean || !g->ref_mean || !g->attr_dev)
        return 0;
    memset(sc->seen, 0, sc->nbuckets);
    for (size_t k = 0; k < m; k++)
        sc->seen[bucket_of(sc, (size_t)members[k])] = 1;
    size_t nseen = 0, last = 0, ref_n = 0;
    for (size_t b = 0; b < sc->nbuckets; b++)
        if (sc->seen[b]) {
            nseen++;
            last = b;
            ref_n += sc->pop_n[b];
        }
    const char *sname = nseen != 1 ? "mixed" : last < p->nstrata ? p->strata[last].name : "none";
    if (!(g->stratum = triad_i_strdup(sname)))
        return 0;
    g->max_dev = 0;
    for (size_t a = 0; a < p->nattr; a++) {
        if (p->attr[a].numeric) {
            score_numeric(sc, a, members, m, ref_n, g);
            continue;
        }
        double dev = score_categories(sc, a, members, m, ref_n, g);
        g->attr_dev[a] = dev;
        /* a local stratum keeps its collaboratives compact on purpose:
         * spreading over the areas is not asked of it */
        int local_area =
            p->attr[a].area && nseen == 1 && last < p->nstrata && p->strata[last].local;
        if (dev > g->max_dev && !local_area)
            g->max_dev = dev;
    }
    g->within_one = g->max_dev <= 1.0 + WITHIN_ONE_EPS;
    score_travel(p, members, m, g);
    return 1;
}

static int scorer_init(scorer *sc, triad_report *r, const profile *p)
{
    memset(sc, 0, sizeof *sc);
    sc->r = r;
    sc->p = p;
    sc->nbuckets = p->nstrata + 1;
    sc->pop_count = calloc(sc->nbuckets * (r->ncells + 1), sizeof *sc->pop_count);
    sc->pop_sum = calloc(sc->nbuckets * (p->nattr + 1), sizeof *sc->pop_sum);
    sc->pop_n = calloc(sc->nbuckets, sizeof *sc->pop_n);
    sc->seen = calloc(sc->nbuckets, 1);
    if (!sc->pop_count || !sc->pop_sum || !sc->pop_n || !sc->seen)
        return 0;
    for (size_t i = 0; i < p->n; i++) {
        size_t b = bucket_of(sc, i);
        sc->pop_n[b]++;
        for (size_t a = 0; a < p->nattr; a++) {
            if (p->attr[a].numeric)
                sc->pop_sum[b * p->nattr + a] += p->attr[a].value[i];
            else
                sc->pop_count[b * r->ncells + r->offset[a] + (size_t)p->attr[a].code[i]] += 1;
        }
    }
    return 1;
}

static void scorer_free(scorer *sc)
{
    free(sc->pop_count);
    free(sc->pop_sum);
    free(sc->pop_n);
    free(sc->seen);
}

int check_score_all(triad_report *r, const profile *p, const triad_plan *plan,
                     const groups *gc, const groups *gt)
{
    scorer sc;
    int ok = scorer_init(&sc, r, p);
    r->collab = calloc(gc->ngroups + 1, sizeof *r->collab);
    r->triad = calloc(gt->ngroups + 1, sizeof *r->triad);
    ok = ok && r->collab && r->triad;
    if (ok) {
        r->ncollab = gc->ngroups;
        r->ntriad = gt->ngroups;
    }
    for (size_t c = 0; ok && c < gc->ngroups; c++) {
        group_score *g = &r->collab[c];
        ok = (g->label = triad_i_strdup(plan->collab_label[c])) != NULL &&
             score_group(&sc, MEMBERS(gc, c), NMEMBERS(gc, c), g);
        if (ok && g->within_one)
            r->collab_within++;
        if (ok && g->max_dev > r->collab_max_dev)
            r->collab_max_dev = g->max_dev;
    }
    for (size_t t = 0; ok && t < gt->ngroups; t++) {
        group_score *g = &r->triad[t];
        ok =
            (g->label = triad_i_strdup(plan->triad_label[t])) != NULL &&
            (g->collab_label = triad_i_strdup(plan->collab_label[plan->triad_collab[t]])) != NULL &&
            score_group(&sc, MEMBERS(gt, t), NMEMBERS(gt, t), g);
        if (ok && g->within_one)
            r->triad_within++;
        if (ok && g->max_dev > r->triad_max_dev)
            r->triad_max_dev = g->max_dev;
    }
    scorer_free(&sc);
    return ok;
}
