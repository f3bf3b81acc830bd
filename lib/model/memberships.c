/* The partnerships schools already belong to: built from rows, queried per
 * school and per pair. */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "model/memberships_impl.h"

triad_memberships *memberships_new(size_t nschools, char *const *name, char *const *kind,
                                   size_t npart)
{
    triad_memberships *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->nschools = nschools;
    m->npart = npart;
    m->name = calloc(npart + 1, sizeof *m->name);
    m->kind = calloc(npart + 1, sizeof *m->kind);
    m->size = calloc(npart + 1, sizeof *m->size);
    m->start = calloc(nschools + 1, sizeof *m->start);
    int ok = m->name && m->kind && m->size && m->start;
    for (size_t k = 0; k < npart && ok; k++)
        ok = (m->name[k] = triad_i_strdup(name[k])) && (m->kind[k] = triad_i_strdup(kind[k]));
    if (!ok) {
        triad_memberships_free(m);
        return NULL;
    }
    return m;
}

static int cmp_row(const void *x, const void *y)
{
    const membership_row *a = x, *b = y;
    if (a->school != b->school)
        return (a->school > b->school) - (a->school < b->school);
    return (a->part > b->part) - (a->part < b->part);
}

int memberships_fill(triad_memberships *m, const membership_row *rows, size_t nrows)
{
    membership_row *r = malloc((nrows + 1) * sizeof *r);
    m->part = malloc((nrows + 1) * sizeof *m->part);
    m->role = calloc(nrows + 1, sizeof *m->role);
    if (!r || !m->part || !m->role) {
        free(r);
        return 0;
    }
    m->nentries = nrows;
    memcpy(r, rows, nrows * sizeof *r);
    qsort(r, nrows, sizeof *r, cmp_row);
    int ok = 1;
    for (size_t e = 0; e < nrows && ok; e++) {
        m->part[e] = r[e].part;
        m->size[r[e].part]++;
        m->start[r[e].school + 1]++;
        ok = (m->role[e] = triad_i_strdup(r[e].role ? r[e].role : "")) != NULL;
    }
    for (size_t i = 0; i < m->nschools; i++)
        m->start[i + 1] += m->start[i];
    free(r);
    return ok;
}

void triad_memberships_free(triad_memberships *m)
{
    if (!m)
        return;
    for (size_t k = 0; k < m->npart; k++) {
        free(m->name[k]);
        free(m->kind[k]);
    }
    for (size_t e = 0; m->role && e < m->nentries; e++)
        free(m->role[e]);
    free(m->name);
    free(m->kind);
    free(m->size);
    free(m->start);
    free(m->part);
    free(m->role);
    free(m);
}

size_t triad_memberships_partnership_count(const triad_memberships *m)
{
    return m ? m->npart : 0;
}

const char *triad_memberships_partnership_name(const triad_memberships *m, size_t k)
{
    return m && k < m->npart ? m->name[k] : NULL;
}

const char *triad_memberships_partnership_kind(const triad_memberships *m, size_t k)
{
    return m && k < m->npart ? m->kind[k] : NULL;
}

size_t triad_memberships_partnership_size(const triad_memberships *m, size_t k)
{
    return m && k < m->npart ? m->size[k] : 0;
}

size_t triad_memberships_count_of(const triad_memberships *m, size_t i)
{
    return m && i < m->nschools ? m->start[i + 1] - m->start[i] : 0;
}

long triad_memberships_partnership_of(const triad_memberships *m, size_t i, size_t q)
{
    return q < triad_memberships_count_of(m, i) ? m->part[m->start[i] + q] : -1;
}

const char *triad_memberships_role_of(const triad_memberships *m, size_t i, size_t q)
{
    return q < triad_memberships_count_of(m, i) ? m->role[m->start[i] + q] : NULL;
}

int triad_memberships_share(const triad_memberships *m, size_t i, size_t j)
{
    if (!m || i >= m->nschools || j >= m->nschools)
        return 0;
    /* both lists ascend: a merge */
    size_t a = m->start[i], ae = m->start[i + 1], b = m->start[j], be = m->start[j + 1];
    while (a < ae && b < be) {
        if (m->part[a] == m->part[b])
            return 1;
        if (m->part[a] < m->part[b])
            a++;
        else
            b++;
    }
    return 0;
}
