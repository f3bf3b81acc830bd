#include "solve/ilp.h"

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "solve/glpk_guard.h"

triad_status ilp_provoke_glpk_error(triad_error *err)
{
    glpk_guard g;
    glpk_enter(&g);
    if (setjmp(g.jump))
        return glpk_failed(&g, err);
    glp_prob *volatile P = glp_create_prob();
    glp_add_cols(P, 2);
    glp_set_col_bnds(P, 7, GLP_LO, 0, 0); /* column 7 does not exist */
    glp_delete_prob(P);
    glpk_leave(&g);
    return TRIAD_OK;
}

/* ----------------------------------------------------- solve and collect */

typedef struct mip_ctx {
    const partition_budget *stop; /* or NULL */
    const double *warm; /* 1-based column values, or NULL */
    int warm_given;
    double bound;
    int bound_known;
} mip_ctx;

static void on_mip(glp_tree *T, void *info)
{
    mip_ctx *c = info;
    if (partition_should_stop(c->stop)) {
        glp_ios_terminate(T);
        return;
    }
    if (glp_ios_reason(T) == GLP_IHEUR && c->warm && !c->warm_given) {
        c->warm_given = 1;
        glp_ios_heur_sol(T, c->warm);
    }
    int best = glp_ios_best_node(T);
    if (best) {
        c->bound = glp_ios_node_bound(T, best);
        c->bound_known = 1;
    }
}

/* Runs glp_intopt and fills res (minimisation). */
static void run_mip(glp_prob *P, const double *warm, double seconds, const partition_budget *stop,
                    ilp_result *res)
{
    /* The LP relaxation first and no MIP presolver, so the warm start given
     * in the callback is in the columns of our own model. */
    glp_smcp lp;
    glp_init_smcp(&lp);
    lp.msg_lev = GLP_MSG_OFF;
    /* no presolver: it cannot be stopped by the time limit (0.9 s on a
     * stratum of 300 schools) and the simplex alone is faster here: the
     * Surrey primary stratum proved in 0.95 s without it, 3.1 s with it */
    lp.presolve = GLP_OFF;
    /* the relaxation inside the time limit too: on a stratum of 300 schools
     * it alone took 4 s of a 0.1 s limit */
    double t_lp = clock_now();
    lp.tm_lim = seconds > 0 && seconds < 2e6 ? (int)(seconds * 1000) : 0x7fffffff;
    int lp_rc = glp_simplex(P, &lp);
    seconds -= clock_now() - t_lp;
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.tm_lim = seconds < 2e6 ? (int)(fmax(seconds, 0.001) * 1000) : 0x7fffffff;
    mip_ctx c = {.stop = stop, .warm = warm, .warm_given = 0, .bound = -INFINITY, .bound_known = 0};
    parm.cb_func = on_mip;
    parm.cb_info = &c;
    double t0 = clock_now();
    int lp_ok = lp_rc == 0 && glp_get_status(P) == GLP_OPT;
    int lp_infeasible = lp_rc == GLP_ENOPFS || glp_get_status(P) == GLP_NOFEAS;
    if (lp_ok)
        glp_intopt(P, &parm);
    res->seconds = clock_now() - t0;
    res->rows = glp_get_num_rows(P);
    res->cols = glp_get_num_cols(P);
    int st = lp_ok ? glp_mip_status(P) : lp_infeasible ? GLP_NOFEAS : GLP_UNDEF;
    res->objective = NAN;
    res->bound = NAN;
    res->gap = NAN;
    if (st == GLP_OPT) {
        res->status = "optimal";
        res->objective = res->bound = glp_mip_obj_val(P);
        res->gap = 0;
    } else if (st == GLP_FEAS) {
        res->status = "feasible";
        res->objective = glp_mip_obj_val(P);
        res->bound = c.bound_known ? c.bound : 0.0; /* costs are non-negative */
        if (res->bound > res->objective)
            res->bound = res->objective;
        res->gap = (res->objective - res->bound) / fmax(1.0, fabs(res->objective));
    } else if (st == GLP_NOFEAS) {
        res->status = "infeasible";
    } else {
        res->status = "no solution";
        res->bound = c.bound_known ? c.bound : 0.0;
    }
}

/* ----------------------------------------------------- partition model */

double ilp_partition_objective(const partition_problem *pp, const int *group)
{
    size_t A = pp->ncat_attrs, C = pp->ncells, k = pp->k;
    int *cnt = calloc(k * C + 1, sizeof *cnt), *size = calloc(k + 1, sizeof *size);
    size_t *attr_of = calloc(C + 1, sizeof *attr_of);
    double obj = NAN;
    if (!cnt || !size || !attr_of)
        goto done;
    for (size_t i = 0; i < pp->n; i++) {
        size[group[i]]++;
        for (size_t a = 0; a < A; a++) {
            int c = pp->cell[i * A + a];
            cnt[(size_t)group[i] * C + (size_t)c]++;
            attr_of[c] = a;
        }
    }
    obj = 0;
    for (size_t g = 0; g < k; g++)
        for (size_t c = 0; c < C; c++) {
            double dev = fabs(cnt[g * C + c] - size[g] * pp->cell_total[c] / (double)pp->n);
            if (dev > 1 + 1e-9)
                obj += pp->cat_weight[attr_of[c]] * (dev - 1);
        }
done:
    free(cnt);
    free(size);
    free(attr_of);
    return obj;
}

/* Column of x(i, g), g <= i (groups are interchangeable: the first school of
 * every group is the group's lowest index). */
static int xcol(size_t i, size_t g, size_t k)
{
    size_t before = 0; /* columns of schools 0..i-1: min(j+1, k) each */
    if (i <= k)
        before = i * (i + 1) / 2;
    else
        before = k * (k + 1) / 2 + (i - k) * k;
    return (int)(before + g + 1);
}

/* Row builder: GLPK wants 1-based index/value arrays. */
typedef struct rowbuf {
    int *ind;
    double *val;
    int len;
} rowbuf;

static void add_row(glp_prob *P, rowbuf *r, int type, double lo, double up)
{
    int row = glp_add_rows(P, 1);
    glp_set_row_bnds(P, row, type, lo, up);
    glp_set_mat_row(P, row, r->len, r->ind, r->val);
    r->len = 0;
}

static void push(rowbuf *r, int col, double v)
{
    r->len++;
    r->ind[r->len] = col;
    r->val[r->len] = v;
}

/* The partition model's shape: x(i, g) columns, then the excess of every
 * (group, cell), then y(g, d) = 1 when group g takes the d-th distinct
 * size. */
typedef struct pmodel {
    const partition_problem *pp;
    size_t n, k, A, C, nx, ny, D;
    int dsize[64];
    size_t dcount[64];
    size_t *attr_of; /* cell -> its attribute */
    rowbuf r;
} pmodel;

/* The distinct group sizes and how many groups take each. Groups are
 * numbered by their first school (symmetry broken), so which group gets
 * which size is left to y. 0 when there are over 64. */
static int pm_sizes(pmodel *m)
{
    for (size_t g = 0; g < m->k; g++) {
        size_t d = 0;
        while (d < m->D && m->dsize[d] != m->pp->size[g])
            d++;
        if (d == m->D) {
            if (m->D == 64)
                return 0;
            m->dsize[m->D++] = m->pp->size[g];
        }
        m->dcount[d]++;
    }
    return 1;
}

static int ycol(const pmodel *m, size_t g, size_t d)
{
    return (int)(m->ny + g * m->D + d + 1);
}

/* Columns, and the rows that place every school in one group of a size the
 * plan has, as many groups of each size as planned. */
static void pm_assignment(glp_prob *P, pmodel *m)
{
    size_t n = m->n, k = m->k, C = m->C;
    glp_set_obj_dir(P, GLP_MIN);
    glp_add_cols(P, (int)(m->ny + k * m->D));
    for (size_t i = 0; i < n; i++)
        for (size_t g = 0; g <= i && g < k; g++)
            glp_set_col_kind(P, xcol(i, g, k), GLP_BV);
    for (size_t g = 0; g < k; g++)
        for (size_t c = 0; c < C; c++) {
            int col = (int)(m->nx + g * C + c + 1);
            glp_set_col_bnds(P, col, GLP_LO, 0, 0);
            glp_set_obj_coef(P, col, m->pp->cat_weight[m->attr_of[c]]);
        }
    for (size_t i = 0; i < n; i++) { /* every school in one group */
        for (size_t g = 0; g <= i && g < k; g++)
            push(&m->r, xcol(i, g, k), 1);
        add_row(P, &m->r, GLP_FX, 1, 1);
    }
    for (size_t g = 0; g < k; g++) /* y binary */
        for (size_t d = 0; d < m->D; d++)
            glp_set_col_kind(P, ycol(m, g, d), GLP_BV);
    for (size_t g = 0; g < k; g++) { /* size of g = the size its y picks */
        for (size_t i = g; i < n; i++)
            push(&m->r, xcol(i, g, k), 1);
        for (size_t d = 0; d < m->D; d++)
            push(&m->r, ycol(m, g, d), -m->dsize[d]);
        add_row(P, &m->r, GLP_FX, 0, 0);
        for (size_t d = 0; d < m->D; d++)
            push(&m->r, ycol(m, g, d), 1);
        add_row(P, &m->r, GLP_FX, 1, 1);
    }
    for (size_t d = 0; d < m->D; d++) { /* as many groups of each size as planned */
        for (size_t g = 0; g < k; g++)
            push(&m->r, ycol(m, g, d), 1);
        add_row(P, &m->r, GLP_FX, (double)m->dcount[d], (double)m->dcount[d]);
    }
}

/* |count - share| <= 1 + excess, for every group and cell. */
static void pm_balance(glp_prob *P, pmodel *m)
{
    const partition_problem *pp = m->pp;
    size_t n = m->n, k = m->k, A = m->A, C = m->C;
    for (size_t g = 0; g < k; g++)
        for (size_t c = 0; c < C; c++) {
            if (pp->cell_total[c] <= 0)
                continue;
            double f = pp->cell_total[c] / (double)n;
            int e = (int)(m->nx + g * C + c + 1);
            for (int sign = 1; sign >= -1; sign -= 2) {
                for (size_t i = g; i < n; i++) {
                    int in_c = 0;
                    for (size_t a = 0; a < A; a++)
                        in_c |= pp->cell[i * A + a] == (int)c;
                    push(&m->r, xcol(i, g, k), sign * ((double)in_c - f));
                }
                push(&m->r, e, -1);
                add_row(P, &m->r, GLP_UP, 0, 1);
            }
        }
}

/* The rules: the trust cap, a lead-eligible school in every group, and
 * must_link / cannot_link pairs. */
static void pm_rules(glp_prob *P, pmodel *m)
{
    const partition_problem *pp = m->pp;
    size_t n = m->n, k = m->k;
    if (pp->trust_cap > 0)
        for (size_t t = 0; t < pp->ntrust; t++)
            for (size_t g = 0; g < k; g++) {
                for (size_t i = g; i < n; i++)
                    if (pp->trust[i] == (int)t)
                        push(&m->r, xcol(i, g, k), 1);
                if (m->r.len > pp->trust_cap)
                    add_row(P, &m->r, GLP_UP, 0, pp->trust_cap);
                m->r.len = 0;
            }
    if (pp->elig)
        for (size_t g = 0; g < k; g++) {
            for (size_t i = g; i < n; i++)
                if (pp->elig[i])
                    push(&m->r, xcol(i, g, k), 1);
            add_row(P, &m->r, GLP_LO, 1, 0);
        }
    for (int kind = 0; kind < 2; kind++) {
        const size_t *st = kind ? pp->cannot_start : pp->must_start;
        const int *adj = kind ? pp->cannot : pp->must;
        if (!st)
            continue;
        for (size_t i = 0; i < n; i++)
            for (size_t e = st[i]; e < st[i + 1]; e++) {
                size_t j = (size_t)adj[e];
                if (j <= i)
                    continue;
                for (size_t g = 0; g < k && g <= j; g++) {
                    if (g <= i)
                        push(&m->r, xcol(i, g, k), 1);
                    push(&m->r, xcol(j, g, k), kind ? 1 : -1);
                    add_row(P, &m->r, kind ? GLP_UP : GLP_FX, 0, kind ? 1 : 0);
                }
            }
    }
}

/* The search's plan as the MIP's start: groups relabelled by first
 * appearance so it obeys g <= i, with its excess and size columns. */
static void pm_warm_start(const pmodel *m, const int *group, int *relabel, double *start)
{
    const partition_problem *pp = m->pp;
    size_t n = m->n, k = m->k, A = m->A, C = m->C;
    for (size_t g = 0; g < k; g++)
        relabel[g] = -1;
    int next = 0;
    for (size_t i = 0; i < n; i++) {
        if (relabel[group[i]] < 0)
            relabel[group[i]] = next++;
        start[xcol(i, (size_t)relabel[group[i]], k)] = 1;
    }
    int *cnt = calloc(k * C + 1, sizeof *cnt), *size = calloc(k + 1, sizeof *size);
    if (cnt && size) {
        for (size_t i = 0; i < n; i++) {
            int g = relabel[group[i]];
            size[g]++;
            for (size_t a = 0; a < A; a++)
                cnt[(size_t)g * C + (size_t)pp->cell[i * A + a]]++;
        }
        for (size_t g = 0; g < k; g++)
            for (size_t c = 0; c < C; c++) {
                double dev = fabs(cnt[g * C + c] - size[g] * pp->cell_total[c] / (double)n);
                start[m->nx + g * C + c + 1] = dev > 1 ? dev - 1 : 0;
            }
        for (size_t g = 0; g < k; g++)
            for (size_t d = 0; d < m->D; d++)
                start[ycol(m, g, d)] = size[g] == m->dsize[d];
    }
    free(cnt);
    free(size);
}

triad_status ilp_partition(const partition_problem *pp, int *group, int warm, double seconds,
                           const partition_budget *stop, ilp_result *res, triad_error *err)
{
    pmodel m = {.pp = pp, .n = pp->n, .k = pp->k, .A = pp->ncat_attrs, .C = pp->ncells};
    memset(res, 0, sizeof *res);
    if (!pm_sizes(&m))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the exact model takes at most 64 distinct group sizes");
    m.nx = (size_t)xcol(m.n - 1, m.k - 1 < m.n - 1 ? m.k - 1 : m.n - 1, m.k);
    m.ny = m.nx + m.k * m.C; /* y columns follow the excess columns */
    size_t ncols = m.ny + m.k * m.D;
    m.r = (rowbuf){malloc((m.n + ncols + 2) * sizeof(int)),
                   malloc((m.n + ncols + 2) * sizeof(double)), 0};
    double *start = calloc(ncols + 1, sizeof *start);
    int *relabel = malloc((m.k + 1) * sizeof *relabel);
    m.attr_of = calloc(m.C + 1, sizeof *m.attr_of);
    triad_status st = TRIAD_OK;
    if (!m.r.ind || !m.r.val || !start || !relabel || !m.attr_of) {
        st = triad_i_fail_nomem(err);
        goto done;
    }
    for (size_t i = 0; i < m.n; i++)
        for (size_t a = 0; a < m.A; a++)
            m.attr_of[pp->cell[i * m.A + a]] = a;
    glpk_guard guard;
    glpk_enter(&guard);
    if (setjmp(guard.jump)) {
        st = glpk_failed(&guard, err);
        goto done;
    }
    glp_prob *P = glp_create_prob();
    pm_assignment(P, &m);
    pm_balance(P, &m);
    pm_rules(P, &m);
    if (warm)
        pm_warm_start(&m, group, relabel, start);
    run_mip(P, warm ? start : NULL, seconds, stop, res);
    if (!isnan(res->objective))
        for (size_t i = 0; i < m.n; i++)
            for (size_t g = 0; g <= i && g < m.k; g++)
                if (glp_mip_col_val(P, xcol(i, g, m.k)) > 0.5)
                    group[i] = (int)g;
    glp_delete_prob(P);
    glpk_leave(&guard);
done:
    free(m.r.ind);
    free(m.r.val);
    free(start);
    free(relabel);
    free(m.attr_of);
    return st;
}

/* -------------------------------------------------------- triads model */

/* Calls back for every subset of {0..m-1} of the given size. */
static int next_subset(int *idx, int size, int m)
{
    int p = size - 1;
    while (p >= 0 && idx[p] == m - size + p)
        p--;
    if (p < 0)
        return 0;
    idx[p]++;
    for (int q = p + 1; q < size; q++)
        idx[q] = idx[q - 1] + 1;
    return 1;
}

/* The set-partitioning columns: every subset of each wanted triad size,
 * with its cost and which size it is. */
typedef struct tcols {
    unsigned *mask;
    double *cost;
    int *sz;
    size_t n, cap;
} tcols;

static void tcols_free(tcols *c)
{
    free(c->mask);
    free(c->cost);
    free(c->sz);
}

static int tcols_grow(tcols *c)
{
    size_t cap = c->cap ? 2 * c->cap : 1024;
    unsigned *nm = realloc(c->mask, cap * sizeof *nm);
    if (nm)
        c->mask = nm;
    double *nc = realloc(c->cost, cap * sizeof *nc);
    if (nc)
        c->cost = nc;
    int *ns = realloc(c->sz, cap * sizeof *ns);
    if (ns)
        c->sz = ns;
    if (!nm || !nc || !ns)
        return 0;
    c->cap = cap;
    return 1;
}

/* 0 on allocation failure. */
static int tcols_enumerate(const triads_problem *tp, const int *sizes, int nsizes, tcols *c)
{
    int m = (int)tp->m;
    for (int q = 0; q < nsizes; q++) {
        int idx[16];
        for (int a = 0; a < sizes[q]; a++)
            idx[a] = a;
        do {
            if (c->n == c->cap && !tcols_grow(c))
                return 0;
            unsigned mk = 0;
            for (int a = 0; a < sizes[q]; a++)
                mk |= 1u << idx[a];
            c->mask[c->n] = mk;
            c->cost[c->n] = triads_cost_of(tp, idx, (size_t)sizes[q]);
            c->sz[c->n++] = q;
        } while (next_subset(idx, sizes[q], m));
    }
    return 1;
}

/* The model over the columns, solved; out[] receives each school's triad. */
static void tcols_solve(const tcols *c, int m, const int *want, int nsizes, rowbuf r,
                        double seconds, const partition_budget *stop, ilp_result *res, int *out)
{
    glp_prob *P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MIN);
    glp_add_cols(P, (int)c->n);
    for (size_t j = 0; j < c->n; j++) {
        glp_set_col_kind(P, (int)j + 1, GLP_BV);
        glp_set_obj_coef(P, (int)j + 1, c->cost[j]);
    }
    for (int i = 0; i < m; i++) { /* every school in one triad */
        for (size_t j = 0; j < c->n; j++)
            if (c->mask[j] >> i & 1u)
                push(&r, (int)j + 1, 1);
        add_row(P, &r, GLP_FX, 1, 1);
    }
    for (int q = 0; q < nsizes; q++) { /* as many triads of each size as wanted */
        for (size_t j = 0; j < c->n; j++)
            if (c->sz[j] == q)
                push(&r, (int)j + 1, 1);
        add_row(P, &r, GLP_FX, want[q], want[q]);
    }
    run_mip(P, NULL, seconds, stop, res);
    if (!isnan(res->objective)) {
        int t = 0;
        for (size_t j = 0; j < c->n; j++)
            if (glp_mip_col_val(P, (int)j + 1) > 0.5) {
                for (int i = 0; i < m; i++)
                    if (c->mask[j] >> i & 1u)
                        out[i] = t;
                t++;
            }
    }
    glp_delete_prob(P);
}

triad_status ilp_triads(const triads_problem *tp, int *out, double seconds,
                        const partition_budget *stop, ilp_result *res, triad_error *err)
{
    memset(res, 0, sizeof *res);
    int m = (int)tp->m;
    if (m > 16)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "triad ILP: %d schools is more than 16", m);
    if (tp->ntriads <= 1) {
        for (int i = 0; i < m; i++)
            out[i] = 0;
        res->status = "optimal";
        int all[16];
        for (int i = 0; i < m; i++)
            all[i] = i;
        res->objective = res->bound = tp->ntriads ? triads_cost_of(tp, all, (size_t)m) : 0;
        return TRIAD_OK;
    }
    int sizes[8], want[8], nsizes = 0;
    for (size_t t = 0; t < tp->ntriads; t++) {
        int q = 0;
        while (q < nsizes && sizes[q] != tp->tsize[t])
            q++;
        if (q == nsizes) {
            sizes[nsizes] = tp->tsize[t];
            want[nsizes++] = 0;
        }
        want[q]++;
    }
    tcols c = {0};
    triad_status st = tcols_enumerate(tp, sizes, nsizes, &c) ? TRIAD_OK : triad_i_fail_nomem(err);
    int *ind = st == TRIAD_OK ? malloc((c.n + 2) * sizeof *ind) : NULL;
    double *val = st == TRIAD_OK ? malloc((c.n + 2) * sizeof *val) : NULL;
    if (st == TRIAD_OK && (!ind || !val))
        st = triad_i_fail_nomem(err);
    if (st != TRIAD_OK)
        goto done;
    glpk_guard guard;
    glpk_enter(&guard);
    if (setjmp(guard.jump)) {
        st = glpk_failed(&guard, err);
        goto done;
    }
    tcols_solve(&c, m, want, nsizes, (rowbuf){ind, val, 0}, seconds, stop, res, out);
    glpk_leave(&guard);
done:
    tcols_free(&c);
    free(ind);
    free(val);
    return st;
}
