#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/text_decode.h"
#include "model/plan_impl.h"

triad_plan *plan_new(size_t n)
{
    triad_plan *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->nschools = n;
    p->collab = malloc((n ? n : 1) * sizeof *p->collab);
    p->triad = malloc((n ? n : 1) * sizeof *p->triad);
    p->lead = calloc(n ? n : 1, 1);
    p->locked = calloc(n ? n : 1, 1);
    p->lead_years = calloc(n ? n : 1, 1);
    p->steps_down = calloc(n ? n : 1, 1);
    if (!p->collab || !p->triad || !p->lead || !p->locked || !p->lead_years || !p->steps_down) {
        triad_plan_free(p);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        p->collab[i] = p->triad[i] = -1;
    return p;
}

void triad_plan_free(triad_plan *p)
{
    if (!p)
        return;
    for (size_t c = 0; c < p->ncollab; c++)
        free(p->collab_label[c]);
    for (size_t t = 0; t < p->ntriad; t++)
        free(p->triad_label[t]);
    free(p->collab_label);
    free(p->triad_label);
    free(p->triad_collab);
    free(p->collab);
    free(p->triad);
    free(p->lead);
    free(p->locked);
    free(p->lead_years);
    free(p->steps_down);
    free(p->solver_log);
    free(p->info);
    for (size_t g = 0; g < p->ngone; g++)
        free(p->gone[g]);
    free(p->gone);
    free(p->gone_lead);
    free(p);
}

const char *triad_plan_solver_log(const triad_plan *p)
{
    return p && p->solver_log ? p->solver_log : "";
}

long plan_add_collab(triad_plan *p, const char *label)
{
    char **nl = realloc(p->collab_label, (p->ncollab + 1) * sizeof *nl);
    if (!nl)
        return -1;
    p->collab_label = nl;
    if (!(nl[p->ncollab] = triad_i_strdup(label)))
        return -1;
    return (long)p->ncollab++;
}

long plan_add_triad(triad_plan *p, long collab, const char *label)
{
    char **nl = realloc(p->triad_label, (p->ntriad + 1) * sizeof *nl);
    if (!nl)
        return -1;
    p->triad_label = nl;
    long *nc = realloc(p->triad_collab, (p->ntriad + 1) * sizeof *nc);
    if (!nc)
        return -1;
    p->triad_collab = nc;
    if (!(nl[p->ntriad] = triad_i_strdup(label)))
        return -1;
    nc[p->ntriad] = collab;
    return (long)p->ntriad++;
}

size_t triad_plan_collaborative_count(const triad_plan *p)
{
    return p ? p->ncollab : 0;
}

size_t triad_plan_triad_count(const triad_plan *p)
{
    return p ? p->ntriad : 0;
}

long triad_plan_collaborative_of(const triad_plan *p, size_t i)
{
    return p && i < p->nschools ? p->collab[i] : -1;
}

long triad_plan_triad_of(const triad_plan *p, size_t i)
{
    return p && i < p->nschools ? p->triad[i] : -1;
}

int triad_plan_is_lead(const triad_plan *p, size_t i)
{
    return p && i < p->nschools ? p->lead[i] : 0;
}

int triad_plan_lead_years(const triad_plan *p, size_t i)
{
    if (!p || i >= p->nschools || !p->lead[i])
        return 0;
    return p->lead_years[i] ? p->lead_years[i] : 1;
}

int triad_plan_is_locked(const triad_plan *p, size_t i)
{
    return p && i < p->nschools ? p->locked[i] != 0 : 0;
}

const char *triad_plan_collaborative_label(const triad_plan *p, size_t c)
{
    return p && c < p->ncollab ? p->collab_label[c] : NULL;
}

const char *triad_plan_triad_label(const triad_plan *p, size_t t)
{
    return p && t < p->ntriad ? p->triad_label[t] : NULL;
}

size_t triad_plan_repeated_pairs(const triad_plan *p)
{
    return p ? p->repeats : 0;
}

const char *plan_label_problem(const char *label)
{
    if (!text_is_utf8((const unsigned char *)label, strlen(label)))
        return "is not UTF-8 text";
    if (triad_i_has_control(label))
        return "holds a control character (a line break or a tab)";
    return NULL;
}

triad_status triad_plan_from_arrays(const triad_schools *schools, const char *const *collaborative,
                                    const char *const *triad, const int *lead, triad_plan **out,
                                    triad_error *err)
{
    triad_error_clear(err);
    if (!schools || !collaborative || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, collaborative or out is NULL");
    *out = NULL;
    size_t n = triad_schools_count(schools);
    triad_plan *p = plan_new(n);
    if (!p)
        return triad_i_fail_nomem(err);
    triad_status st = TRIAD_OK;
    for (size_t i = 0; i < n && st == TRIAD_OK; i++) {
        if (lead && lead[i] != 0 && lead[i] != 1)
            st = triad_i_fail(err, TRIAD_ERR_VALUE, NULL, 0, 0, "lead[%zu] = %d is not 0 or 1", i,
                              lead[i]);
        if (st != TRIAD_OK || !collaborative[i])
            continue;
        if (triad_i_is_blank(collaborative[i])) {
            st = triad_i_fail(err, TRIAD_ERR_VALUE, NULL, 0, 0,
                              "collaborative[%zu] is blank (NULL means not planned)", i);
            break;
        }
        const char *bad = plan_label_problem(collaborative[i]);
        if (!bad && triad && triad[i])
            bad = plan_label_problem(triad[i]);
        if (bad) {
            st = triad_i_fail(err, TRIAD_ERR_VALUE, NULL, 0, 0, "the label of school %zu %s", i,
                              bad);
            break;
        }
        long c = -1;
        for (size_t q = 0; q < p->ncollab && c < 0; q++)
            if (strcmp(p->collab_label[q], collaborative[i]) == 0)
                c = (long)q;
        if (c < 0 && (c = plan_add_collab(p, collaborative[i])) < 0) {
            st = triad_i_fail_nomem(err);
            break;
        }
        p->collab[i] = c;
        if (triad && triad[i] && !triad_i_is_blank(triad[i])) {
            long t = -1;
            for (size_t q = 0; q < p->ntriad && t < 0; q++)
                if (p->triad_collab[q] == c && strcmp(p->triad_label[q], triad[i]) == 0)
                    t = (long)q;
            if (t < 0 && (t = plan_add_triad(p, c, triad[i])) < 0) {
                st = triad_i_fail_nomem(err);
                break;
            }
            p->triad[i] = t;
        }
        if (lead)
            p->lead[i] = p->lead_years[i] = (unsigned char)lead[i];
    }
    if (st != TRIAD_OK) {
        triad_plan_free(p);
        return st;
    }
    *out = p;
    return TRIAD_OK;
}
