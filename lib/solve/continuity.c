/* Continuity with last year's plan: each collaborative of this year is
 * matched with one of last year's, keeps its label, and is where its
 * returning schools start (and, priced by the search, stay), so a re-plan
 * with joiners and leavers moves as few schools as balance allows. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solve/stages.h"

typedef struct old_group {
    long id;      /* collaborative index in last year's plan */
    size_t size;  /* of its schools in this stratum now (locked ones, for --fixed) */
    size_t total; /* of all its schools in this stratum now */
} old_group;

static int cmp_old(const void *x, const void *y)
{
    const old_group *a = x, *b = y;
    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    if (a->total != b->total)
        return a->total > b->total ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

static int label_taken(const triad_plan *last, char *const *labels, size_t k, const char *l)
{
    for (size_t c = 0; c < last->ncollab; c++)
        if (strcmp(last->collab_label[c], l) == 0)
            return 1;
    for (size_t g = 0; g < k; g++)
        if (labels[g] && strcmp(labels[g], l) == 0)
            return 1;
    return 0;
}

/* Zeroes the tallies of the collaboratives of `last` that belong to another
 * stratum (see the call). */
static triad_status owner_only(const stratum_job *j, const triad_plan *last, int stratum,
                               const unsigned char *locked, old_group *old, triad_error *err)
{
    const profile *p = j->p;
    size_t nk = p->nstrata, nc = last->ncollab;
    size_t *locked_in = calloc(nc * nk + 1, sizeof *locked_in);
    size_t *in = calloc(nc * nk + 1, sizeof *in);
    triad_status st = TRIAD_OK;
    if (!locked_in || !in) {
        st = triad_i_fail_nomem(err);
        goto done;
    }
    for (size_t i = 0; i < last->nschools; i++) {
        long c = last->collab[i];
        int k = p->stratum[i];
        if (c < 0 || k < 0)
            continue;
        in[(size_t)c * nk + (size_t)k]++;
        if (locked && locked[i])
            locked_in[(size_t)c * nk + (size_t)k]++;
    }
    for (size_t c = 0; c < nc; c++) {
        const size_t *by = locked_in + c * nk;
        size_t any = 0;
        for (size_t k = 0; k < nk; k++)
            any += by[k];
        if (!any)
            by = in + c * nk;
        size_t owner = 0;
        for (size_t k = 1; k < nk; k++)
            if (by[k] > by[owner])
                owner = k;
        if (owner != (size_t)stratum)
            old[c].size = old[c].total = 0;
    }
done:
    free(locked_in);
    free(in);
    return st;
}

/* The matching of continuity_prepare and fixed_prepare. With `locked`
 * (fixed_prepare), locked schools decide the matching, and a group too
 * small for its locked schools is an error; every school gets the group of
 * its collaborative as home (where it starts). */
/* With --fixed: the locked schools must fit the stratum's groups, each
 * of last year's collaboratives (largest first) in the group it is matched
 * with. old is sorted largest first. */
static triad_status locks_fit(const stratum_job *j, const triad_plan *last, int stratum,
                              const old_group *old, triad_error *err)
{
    const profile *p = j->p;
    size_t k = j->k;
    if (last->ncollab > k && old[k].size > 0)
        return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                            "stratum %s: the fixed plan locks schools into more collaboratives "
                            "(at least %zu) than the stratum has (%zu)",
                            p->strata[stratum].name, k + 1, k);
    for (size_t r = 0; r < last->ncollab && r < k; r++)
        if (old[r].size > (size_t)j->size[r])
            return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                                "stratum %s: collaborative %s of the fixed plan has %zu locked "
                                "schools, more than its group of %d holds (sizes %s)",
                                p->strata[stratum].name, last->collab_label[old[r].id],
                                old[r].size, j->size[r], j->sizes_why);
    return TRIAD_OK;
}

/* New collaboratives get the next free number of the stratum's labels.
 * 0 on allocation failure. */
static int label_new_groups(stratum_job *j, const triad_plan *last, int stratum)
{
    size_t next = 1;
    for (size_t g = 0; g < j->k; g++) {
        if (j->label[g])
            continue;
        char l[300];
        do
            snprintf(l, sizeof l, "%s-%02zu", j->p->strata[stratum].name, next++);
        while (label_taken(last, j->label, j->k, l));
        if (!(j->label[g] = triad_i_strdup(l)))
            return 0;
    }
    return 1;
}

static triad_status match_groups(stratum_job *j, const triad_plan *last, int stratum,
                                 const unsigned char *locked, triad_error *err)
{
    size_t n = j->n, k = j->k;
    triad_status st = TRIAD_OK;
    long *group_of_old = NULL;
    j->home = malloc((n + 1) * sizeof *j->home);
    j->label = calloc(k + 1, sizeof *j->label);
    old_group *old = calloc(last->ncollab + 1, sizeof *old);
    if (!j->home || !j->label || !old)
        goto nomem;
    for (size_t c = 0; c < last->ncollab; c++)
        old[c].id = (long)c;
    for (size_t i = 0; i < n; i++) {
        long c = last->collab[j->member[i]];
        if (c >= 0 && (!locked || locked[j->member[i]]))
            old[c].size++;
        if (c >= 0)
            old[c].total++;
    }
    /* A collaborative whose schools now lie in several strata passes its
     * label to one of them only, or two groups would share it: the stratum
     * of its locked schools, else the one with most of its schools. */
    if ((st = owner_only(j, last, stratum, locked, old, err)) != TRIAD_OK)
        goto done;
    /* The largest of last year's collaboratives take the largest groups of
     * this year (sizes are largest first): the fewest schools must move. */
    qsort(old, last->ncollab, sizeof *old, cmp_old);
    if (!(group_of_old = malloc((last->ncollab + 1) * sizeof *group_of_old)))
        goto nomem;
    for (size_t c = 0; c < last->ncollab; c++)
        group_of_old[c] = -1;
    if (locked && (st = locks_fit(j, last, stratum, old, err)) != TRIAD_OK)
        goto done;
    /* (with --fixed, collaboratives without a locked school still pass on
     * their labels, to the groups left over) */
    for (size_t r = 0; r < last->ncollab && r < k && old[r].total > 0; r++) {
        group_of_old[old[r].id] = (long)r;
        if (!(j->label[r] = triad_i_strdup(last->collab_label[old[r].id])))
            goto nomem;
    }
    for (size_t i = 0; i < n; i++) {
        long c = last->collab[j->member[i]];
        j->home[i] = c >= 0 ? (int)group_of_old[c] : -1;
        j->returning += c >= 0;
    }
    if (!label_new_groups(j, last, stratum))
        goto nomem;
    goto done;
nomem:
    st = triad_i_fail_nomem(err);
done:
    free(old);
    free(group_of_old);
    return st; /* j->home and j->label belong to the job, freed with it */
}

triad_status continuity_prepare(stratum_job *j, const triad_plan *last, int stratum,
                                triad_error *err)
{
    triad_status st = match_groups(j, last, stratum, NULL, err);
    if (st != TRIAD_OK)
        return st;
    const triad_spec *spec = j->p->spec;
    j->pp.home = j->home;
    j->pp.move_weight = spec->collab_weight;
    j->pp.stay_quota = (size_t)ceil(spec->keep_collab * (double)j->returning - 1e-9);
    return TRIAD_OK;
}

triad_status fixed_prepare(stratum_job *j, const triad_plan *fixed, int stratum, triad_error *err)
{
    triad_status st = match_groups(j, fixed, stratum, fixed->locked, err);
    if (st != TRIAD_OK)
        return st;
    j->locked = calloc(j->n + 1, 1);
    if (!j->locked)
        return triad_i_fail_nomem(err);
    for (size_t i = 0; i < j->n; i++)
        j->locked[i] = fixed->locked[j->member[i]] && j->home[i] >= 0;
    j->pp.locked = j->locked;
    j->fixed = fixed;
    /* the officer's plan is the start and, as last year's is with
     * --history, priced: unlocked schools move only where balance gains */
    j->pp.home = j->home;
    j->pp.move_weight = j->p->spec->collab_weight;
    return TRIAD_OK;
}

void continuity_start(const stratum_job *j, int *group)
{
    int *room = malloc((j->k + 1) * sizeof *room);
    if (!room)
        return; /* the dealt start stays */
    memcpy(room, j->size, j->k * sizeof *room);
    for (size_t i = 0; i < j->n; i++)
        group[i] = -1;
    /* back home where there is room: locked schools first, so they always
     * find it (fixed_prepare checked that they fit) */
    for (int pass = j->locked ? 0 : 1; pass < 2; pass++)
        for (size_t i = 0; i < j->n; i++) {
            int first = j->locked && j->locked[i];
            if ((pass == 0) != first || j->home[i] < 0 || room[j->home[i]] <= 0)
                continue;
            group[i] = j->home[i];
            room[j->home[i]]--;
        }
    size_t g = 0;
    for (size_t i = 0; i < j->n; i++) { /* joiners and the displaced, in turn */
        if (group[i] >= 0)
            continue;
        while (room[g] == 0)
            g = (g + 1) % j->k;
        group[i] = (int)g;
        room[g]--;
        g = (g + 1) % j->k;
    }
    free(room);
}
