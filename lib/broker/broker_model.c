/* The brokering model in GLPK: the first objective (most priority-weighted
 * days met) over the arcs of broker_arcs, and its CPLEX LP file.
 *
 *   max  sum_a priority(a) x_a
 *   s.t. sum_{a from offer q} x_a <= days(q)          every offer
 *        sum_{a to need d} x_a   <= days(d)           every need
 *        x_a <= min(days(q), days(d)) y_p             arcs of a capped pair p
 *        sum_{p of school i} y_p <= max_supporters    schools where it binds
 *        sum_{p of supporter j} y_p <= max_schools(j) supporters where it binds
 *        x >= 0, y binary
 *
 * Without capped pairs the matrix is a transportation problem's, so the LP
 * optimum is integral in the days and proved at once. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "broker/broker_impl.h"
#include "io/file_write.h"
#include "model/schools_impl.h"
#include "solve/glpk_guard.h"

/* Adds `<= rhs` rows over the columns of each key (key_of[item] in
 * 0..nkeys-1, column col_of(item)); a key with at most min_len items gets
 * no row. rhs < 0 for a key: no row either. */
static void add_sum_rows(glp_prob *P, const size_t *key_of, size_t n, size_t nkeys, const int *col,
                         const double *rhs, size_t min_len, int *ind, double *val)
{
    size_t *start = NULL, *items = NULL;
    if (!broker_bucket(key_of, n, nkeys, &start, &items))
        glp_error("out of memory building the rows\n"); /* longjmps to the caller's guard */
    for (size_t r = 0; r < nkeys; r++) {
        size_t len = start[r + 1] - start[r];
        if (len == 0 || len <= min_len || rhs[r] < 0)
            continue;
        int k = 0;
        for (size_t e = start[r]; e < start[r + 1]; e++) {
            ind[++k] = col[items[e]];
            val[k] = 1;
        }
        int row = glp_add_rows(P, 1);
        glp_set_row_bnds(P, row, GLP_UP, 0, rhs[r]);
        glp_set_mat_row(P, row, k, ind, val);
    }
    free(start);
    free(items);
}

/* Scratch for building rows: big enough for any row of the model. */
typedef struct build_ws {
    int *ind, *col;
    double *val, *rhs;
    size_t *key;
} build_ws;

static void ws_free(build_ws *w)
{
    free(w->ind);
    free(w->col);
    free(w->val);
    free(w->rhs);
    free(w->key);
}

static void ws_alloc(build_ws *w, const triad_schools *s, const triad_market *m,
                     const broker_arcs *g)
{
    size_t n = g->na;
    if (n < g->np)
        n = g->np;
    if (n < s->n)
        n = s->n;
    if (n < m->noffers)
        n = m->noffers;
    if (n < m->nneeds)
        n = m->nneeds;
    w->ind = malloc((n + 3) * sizeof *w->ind);
    w->col = malloc((n + 1) * sizeof *w->col);
    w->val = malloc((n + 3) * sizeof *w->val);
    w->rhs = malloc((n + 1) * sizeof *w->rhs);
    w->key = malloc((n + 1) * sizeof *w->key);
    if (!w->ind || !w->col || !w->val || !w->rhs || !w->key) {
        ws_free(w);
        glp_error("out of memory building the model\n"); /* longjmps to the guard */
    }
}

void broker_model_build(glp_prob *P, const triad_schools *s, const triad_market *m,
                        const broker_arcs *g, int named)
{
    build_ws w;
    ws_alloc(&w, s, m, g);
    size_t na = g->na;
    glp_set_obj_dir(P, GLP_MAX);
    glp_set_obj_name(P, "priority_weighted_days");
    glp_add_cols(P, (int)na);
    char name[64];
    for (size_t k = 0; k < na; k++) {
        glp_set_col_bnds(P, (int)k + 1, GLP_LO, broker_arc_lo(g, k), 0);
        glp_set_obj_coef(P, (int)k + 1, g->a[k].weight);
        if (named) { /* offer and need by their line in the input files */
            snprintf(name, sizeof name, "x_o%ld_n%ld", m->offers[g->a[k].offer].line,
                     m->needs[g->a[k].need].line);
            glp_set_col_name(P, (int)k + 1, name);
        }
    }
    /* an offer's days, a need's days */
    for (size_t k = 0; k < na; k++) {
        w.key[k] = g->a[k].offer;
        w.col[k] = (int)k + 1;
    }
    for (size_t q = 0; q < m->noffers; q++)
        w.rhs[q] = m->offers[q].days;
    add_sum_rows(P, w.key, na, m->noffers, w.col, w.rhs, 0, w.ind, w.val);
    for (size_t k = 0; k < na; k++)
        w.key[k] = g->a[k].need;
    for (size_t d = 0; d < m->nneeds; d++)
        w.rhs[d] = m->needs[d].days;
    add_sum_rows(P, w.key, na, m->nneeds, w.col, w.rhs, 0, w.ind, w.val);
    ws_free(&w);
}

void broker_model_add_caps(glp_prob *P, const triad_schools *s, const triad_market *m,
                           const broker_arcs *g, const triad_broker_options *o, int integer,
                           int named)
{
    if (!g->nbin)
        return;
    build_ws w;
    ws_alloc(&w, s, m, g);
    size_t na = g->na;
    glp_add_cols(P, (int)g->nbin);
    char name[64];
    for (size_t p = 0; p < g->np; p++) {
        if (!g->pair_col[p])
            continue;
        int c = (int)g->pair_col[p];
        glp_set_col_kind(P, c, integer ? GLP_BV : GLP_CV);
        if (g->forced && g->forced[p]) /* a match under way: its pair stays */
            glp_set_col_bnds(P, c, GLP_FX, 1, 1);
        else if (!integer)
            glp_set_col_bnds(P, c, GLP_DB, 0, 1);
        if (named) {
            snprintf(name, sizeof name, "y_s%zu_n%zu", g->pr[p].sup + 1, g->pr[p].sch + 1);
            glp_set_col_name(P, c, name);
        }
    }
    /* an arc carries days only when its capped pair is open */
    for (size_t k = 0; k < na; k++) {
        long pc = g->pair_col[g->a[k].pair];
        if (!pc)
            continue;
        w.ind[1] = (int)k + 1;
        w.val[1] = 1;
        w.ind[2] = (int)pc;
        w.val[2] = -fmin(m->offers[g->a[k].offer].days, m->needs[g->a[k].need].days);
        int row = glp_add_rows(P, 1);
        glp_set_row_bnds(P, row, GLP_UP, 0, 0);
        glp_set_mat_row(P, row, 2, w.ind, w.val);
    }
    /* the caps, over the capped pairs (a school or supporter where a cap
     * binds has all its pairs capped); a row only where more pairs than
     * the cap could open */
    for (int side = 0; side < 2; side++) {
        size_t nb = 0;
        for (size_t p = 0; p < g->np; p++)
            if (g->pair_col[p]) {
                w.key[nb] = side ? g->pr[p].sup : g->pr[p].sch;
                w.col[nb++] = (int)g->pair_col[p];
            }
        size_t *start = NULL, *items = NULL;
        if (!broker_bucket(w.key, nb, s->n, &start, &items)) {
            ws_free(&w);
            glp_error("out of memory building the rows\n");
        }
        for (size_t i = 0; i < s->n; i++) {
            double cap = side ? (g->max_sch[i] > 0 ? g->max_sch[i] : -1) : o->max_supporters;
            w.rhs[i] = cap >= 0 && start[i + 1] - start[i] > (size_t)cap ? cap : -1;
        }
        free(start);
        free(items);
        add_sum_rows(P, w.key, nb, s->n, w.col, w.rhs, 0, w.ind, w.val);
    }
    ws_free(&w);
}

triad_status triad_broker_write_lp(const triad_schools *s, const triad_plan *plan,
                                   const triad_market *m, const triad_broker_options *opts,
                                   const char *path, triad_error *err)
{
    triad_error_clear(err);
    if (!s || !m || !path)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, market or path is NULL");
    triad_broker_options o;
    triad_status st = broker_options_take(opts, s, plan, m, &o, err);
    if (st != TRIAD_OK)
        return st;
    broker_arcs g;
    if ((st = broker_arcs_build(&g, s, plan, m, &o, err)) != TRIAD_OK)
        return st;
    if (o.under_way) { /* the same kept bounds as triad_broker (its warnings said there) */
        triad_brokerage *shell = brokerage_new(s, m, &o);
        st = shell ? broker_keep_under_way(&g, s, m, &o, shell, err) : triad_i_fail_nomem(err);
        triad_brokerage_free(shell);
        if (st != TRIAD_OK) {
            broker_arcs_free(&g);
            return st;
        }
    }
    /* GLPK writes a file by name: into a temporary, then moved into place
     * with the library's one writer, so the target is whole or untouched */
    char tmp[] = "/tmp/triad-lp-XXXXXX";
    int fd = mkstemp(tmp);
    if (fd < 0) {
        broker_arcs_free(&g);
        return triad_i_fail(err, TRIAD_ERR_IO, NULL, 0, 0, "cannot create a temporary file");
    }
    close(fd);
    glp_prob *volatile P = NULL;
    glpk_guard guard;
    glpk_enter(&guard);
    if (setjmp(guard.jump)) {
        broker_arcs_free(&g);
        remove(tmp);
        return glpk_failed(&guard, err);
    }
    P = glp_create_prob();
    glp_set_prob_name(P, "triad_broker");
    broker_model_build(P, s, m, &g, 1);
    broker_model_add_caps(P, s, m, &g, &o, 1, 1);
    int wrote = glp_write_lp(P, NULL, tmp) == 0;
    glp_delete_prob(P);
    glpk_leave(&guard);
    broker_arcs_free(&g);
    char *data = NULL;
    size_t size = 0;
    st = wrote ? triad_i_read_file(tmp, (size_t)1 << 31, &data, &size, err)
               : triad_i_fail(err, TRIAD_ERR_IO, NULL, 0, 0, "GLPK could not write the LP file");
    remove(tmp);
    if (st == TRIAD_OK)
        st = file_write_atomic(path, data, size, err);
    free(data);
    return st;
}
