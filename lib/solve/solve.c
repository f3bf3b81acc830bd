/* triad_solve: per stratum, balanced collaboratives (the search, and the ILP
 * as proof where asked), then the rotation stage writes triads and leads
 * into every year's plan. The other stages are listed in stages.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "solve/ilp.h"
#include "solve/stages.h"

#define POLL_SECONDS 0.2 /* how often a running search calls the callback */

static int ctl_poll(void *arg)
{
    solve_ctl *c = arg;
    if (c->cancel)
        return 1;
    double now = clock_now();
    if (!c->progress || now < c->next_call)
        return 0;
    c->next_call = now + POLL_SECONDS;
    if (c->progress(now - c->t0, c->excess, c->user) != 0)
        c->cancel = 1;
    return c->cancel;
}

/* Every locked school is planned, in a collaborative, and the locked
 * schools of one collaborative share a stratum; the solve methods that
 * cannot hold a school in place are refused. */
static triad_status check_fixed(const profile *p, const triad_plan *f, triad_method m,
                                triad_error *err)
{
    if (m == TRIAD_METHOD_RANDOM || m == TRIAD_METHOD_DEAL || m == TRIAD_METHOD_GEO)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "--fixed needs method auto, search or ilp: %s cannot hold locked "
                            "schools in place",
                            triad_method_name(m));
    int *stratum_of = malloc((f->ncollab + 1) * sizeof *stratum_of);
    if (!stratum_of)
        return triad_i_fail_nomem(err);
    for (size_t c = 0; c < f->ncollab; c++)
        stratum_of[c] = -1;
    triad_status st = TRIAD_OK;
    const triad_schools *s = p->schools;
    for (size_t i = 0; i < f->nschools && st == TRIAD_OK; i++) {
        if (!f->locked[i])
            continue;
        long c = f->collab[i];
        if (c < 0 || p->stratum[i] < 0)
            st = triad_i_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0, "locked school %s (%s) is %s",
                              s->s[i].urn, s->s[i].name,
                              c < 0 ? "in no collaborative of the fixed plan"
                                    : "not planned (opted out or in a skipped stratum)");
        else if (stratum_of[c] >= 0 && stratum_of[c] != p->stratum[i])
            st = triad_i_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                              "collaborative %s of the fixed plan locks schools of two strata "
                              "(%s and %s)",
                              f->collab_label[c], p->strata[stratum_of[c]].name,
                              p->strata[p->stratum[i]].name);
        else
            stratum_of[c] = p->stratum[i];
    }
    free(stratum_of);
    return st;
}

/* The stratum's line in the solver log, before anything has run. */
static solve_info *info_open(triad_plan *plan, const profile *p, int k, triad_method m,
                             const stratum_job *j, int built)
{
    int heuristic = m == TRIAD_METHOD_AUTO || m == TRIAD_METHOD_SEARCH || m == TRIAD_METHOD_ILP;
    solve_info *info = &plan->info[plan->ninfo++];
    memset(info, 0, sizeof *info);
    snprintf(info->stratum, sizeof info->stratum, "%s", p->strata[k].name);
    /* auto runs the search (and, later, maybe the ILP as a proof) */
    snprintf(info->engine, sizeof info->engine, "%s",
             triad_method_name(m == TRIAD_METHOD_AUTO ? TRIAD_METHOD_SEARCH : m));
    snprintf(info->status, sizeof info->status, "heuristic");
    snprintf(info->triads, sizeof info->triads,
             m == TRIAD_METHOD_ILP ? "optimal"
             : heuristic           ? "exact"
                                   : "in order");
    info->bound = info->gap = NAN;
    if (built)
        snprintf(info->sizes, sizeof info->sizes, "%s", j->sizes_why);
    return info;
}

/* Never silent: each reason the exact model was left out when asked for,
 * and balance given up to keep schools in place (a choice the officer
 * should see, with the knob that trades it). */
static void say_not_exact(const profile *p, int k, triad_method m, int geo, int fixed,
                          int continuity, triad_i_buf *warn)
{
    const char *why[] = {geo ? "geography = local or the travel limits" : NULL,
                         fixed ? "the locked schools of --fixed" : NULL,
                         continuity ? "continuity with last year's collaboratives (set "
                                      "collaborative_weight = 0 to redesign them exactly)"
                                    : NULL};
    for (int q = 0; q < 3 && m == TRIAD_METHOD_ILP; q++)
        if (why[q])
            triad_i_buf_printf(warn,
                               "warning: stratum %s: the exact model was not run: it has no term "
                               "for %s\n",
                               p->strata[k].name, why[q]);
}

/* The exact model as a proof of the search's plan (warm-started from it);
 * its answer replaces the search's only when strictly better, as the search
 * also balances numeric attributes, which the ILP omits. */
static triad_status prove_stratum(stratum_job *j, triad_method m, solve_ctl *ctl, int *group,
                                  solve_info *info, triad_error *err)
{
    double left = ctl->stop.deadline - clock_now();
    double secs = m == TRIAD_METHOD_ILP ? left : fmin(left, AUTO_ILP_SECONDS);
    ilp_result ir;
    int *trial = malloc(j->n * sizeof *trial);
    if (!trial)
        return triad_i_fail_nomem(err);
    memcpy(trial, group, j->n * sizeof *trial);
    /* --method ilp keeps its limit (a few milliseconds at least, for the
     * model to say what it has); auto's proof attempt has its own */
    triad_status st = ilp_partition(&j->pp, trial, 1,
                                    m == TRIAD_METHOD_ILP ? fmax(secs, 0.005) : fmax(secs, 0.1),
                                    &ctl->stop, &ir, err);
    if (st == TRIAD_OK) {
        snprintf(info->engine, sizeof info->engine, "%s",
                 m == TRIAD_METHOD_ILP ? "ilp" : "search+ilp");
        snprintf(info->status, sizeof info->status, "%s", ir.status);
        info->bound = ir.bound;
        info->gap = ir.gap;
        if (!isnan(ir.objective) && ir.objective < info->objective - 1e-9) {
            memcpy(group, trial, j->n * sizeof *group);
            info->objective = ir.objective;
        }
        if (!isnan(info->bound) && !isnan(info->objective))
            info->gap = (info->objective - info->bound) / fmax(1.0, fabs(info->objective));
        /* the plan meets the bound (an excess of 0 meets the trivial one):
         * proved, whichever engine found it and whenever the clock ran out */
        if (strcmp(ir.status, "infeasible") && !isnan(info->gap) && info->gap <= 1e-9)
            snprintf(info->status, sizeof info->status, "optimal");
    }
    free(trial);
    return st;
}

static triad_status solve_stratum(const profile *p, int k, const triad_solve_options *o,
                                  solve_ctl *ctl, long *local, triad_plan **plans, size_t years,
                                  triad_i_buf *warn, triad_error *err)
{
    stratum_job j;
    triad_status st = stratum_job_build(&j, p, k, local, warn, err);
    int *group = st == TRIAD_OK ? malloc((j.n + 1) * sizeof *group) : NULL;
    if (st == TRIAD_OK && !group)
        st = triad_i_fail_nomem(err);
    triad_method m = o->method;
    int heuristic = m == TRIAD_METHOD_AUTO || m == TRIAD_METHOD_SEARCH || m == TRIAD_METHOD_ILP;
    uint64_t seed = solve_mix_seed(o->seed, (uint64_t)k, 0xABCDu);
    double t_start = clock_now();
    solve_info *info = info_open(plans[0], p, k, m, &j, st == TRIAD_OK);
    /* with last year's plan, collaboratives continue where balance allows */
    const triad_spec *spec = p->spec;
    int fixed = o->fixed != NULL;
    int continuity = heuristic && !fixed && o->nhistory > 0 &&
                     (spec->collab_weight > 0 || spec->keep_collab > 0);
    if (st == TRIAD_OK && continuity)
        st = continuity_prepare(&j, o->history[0], k, err);
    if (st == TRIAD_OK && fixed)
        st = fixed_prepare(&j, o->fixed, k, err);
    /* local strata start from compact sectors, the others from a deal */
    triad_method start = !heuristic ? m : p->strata[k].local ? TRIAD_METHOD_GEO : TRIAD_METHOD_DEAL;
    if (st == TRIAD_OK && !start_assignment(&j, start, seed, group))
        st = triad_i_fail_nomem(err);
    if (st == TRIAD_OK && (continuity || fixed))
        continuity_start(&j, group);
    if (st == TRIAD_OK && heuristic && !start_gather_links(&j, group))
        st = triad_i_fail_nomem(err);
    if (st == TRIAD_OK && heuristic && j.k > 1)
        st = multistart_search(&j, o->seed, k, o->threads, ctl, group, err);
    if (st == TRIAD_OK && heuristic)
        travel_split_report(&j, group, p->strata[k].name, warn);
    /* only the search's cut counts: an exact proof that runs to the limit
     * reports its own bound and gap */
    int search_cut = ctl->timed_out;
    if (st == TRIAD_OK)
        info->objective = ilp_partition_objective(&j.pp, group);
    if (st == TRIAD_OK && (continuity || fixed) && !search_cut && info->objective > 1e-9)
        triad_i_buf_printf(warn,
                           "warning: stratum %s: excess beyond one %.3f left so that schools stay "
                           "in %s collaborative ([history] collaborative_weight = %g; lower it "
                           "for balance)\n",
                           p->strata[k].name, info->objective,
                           fixed ? "the fixed plan's" : "last year's", spec->collab_weight);
    /* The exact model has no continuity term: it would reshuffle last year's
     * collaboratives and call that optimal. Not run then, and said so. */
    int geo = j.pp.px != NULL || j.pp.near_start != NULL;
    int prove =
        !continuity && !fixed && !geo &&
        (m == TRIAD_METHOD_ILP || (m == TRIAD_METHOD_AUTO && j.n * j.k <= AUTO_ILP_MAX_CELLS));
    say_not_exact(p, k, m, geo, fixed, continuity, warn);
    if (st == TRIAD_OK && prove && j.k > 1)
        st = prove_stratum(&j, m, ctl, group, info, err);
    ctl->timed_out = search_cut;
    if (st == TRIAD_OK && ctl->cancel)
        st = triad_i_fail(err, TRIAD_ERR_CANCELLED, NULL, 0, 0, "cancelled by the caller");
    if (st == TRIAD_OK)
        st = rotation_plan_years(&j, group, k, o, ctl, plans, years, info, t_start, warn,
                                 err);
    free(group);
    stratum_job_free(&j);
    return st;
}

/* What became of [history]'s promises against last year's plan: keep's
 * share of triad pairs, avoid = hard. A shortfall is a warning with the
 * figure reached, never silent. */
static void history_promises(const triad_spec *spec, const triad_plan *last, const triad_plan *plan,
                             size_t n, triad_i_buf *warn)
{
    size_t before = 0, kept = 0;
    for (size_t a = 0; a < n; a++) {
        if (last->triad[a] < 0 || plan->collab[a] < 0)
            continue;
        for (size_t b = a + 1; b < n; b++)
            if (last->triad[b] == last->triad[a] && plan->collab[b] >= 0) {
                before++;
                kept += plan->triad[a] >= 0 && plan->triad[a] == plan->triad[b];
            }
    }
    if (spec->history_keep > 0) {
        size_t want = (size_t)ceil(spec->history_keep * (double)before - 1e-9);
        if (kept < want)
            triad_i_buf_printf(warn,
                               "warning: [history] keep = %g: %zu of last year's %zu triad pairs "
                               "kept together, %zu wanted (the others are in different "
                               "collaboratives or triads this year)\n",
                               spec->history_keep, kept, before, want);
    } else if (spec->history_avoid == 2 && kept > 0) {
        triad_i_buf_printf(warn,
                           "warning: [history] avoid = hard: %zu of last year's %zu triad pairs "
                           "meet again (no split of their collaboratives avoids them)\n",
                           kept, before);
    }
}

/* Who stayed with last year's collaborative (same label), moved, joined or
 * left, as log lines the reports pick up ("continuity:", "moved:", ...). */
static void continuity_report(const triad_spec *spec, const triad_schools *s,
                              const triad_plan *last, const triad_plan *plan, triad_i_buf *log,
                              triad_i_buf *warn)
{
    size_t stayed = 0, moved = 0, joined = 0, left = last->ngone, returning = 0;
    triad_i_buf lines;
    triad_i_buf_init(&lines);
    for (size_t i = 0; i < s->n; i++) {
        long now = plan->collab[i], then = last->collab[i];
        if (now >= 0 && then >= 0) {
            returning++;
            if (strcmp(plan->collab_label[now], last->collab_label[then]) == 0) {
                stayed++;
            } else {
                moved++;
                triad_i_buf_printf(&lines, "moved: %s %s: %s -> %s\n", s->s[i].urn, s->s[i].name,
                                   last->collab_label[then], plan->collab_label[now]);
            }
        } else if (now >= 0) {
            joined++;
            triad_i_buf_printf(&lines, "joined: %s %s: into %s\n", s->s[i].urn, s->s[i].name,
                               plan->collab_label[now]);
        } else if (then >= 0) {
            left++; /* in the data, but not planned this year (opted out, skipped) */
            triad_i_buf_printf(&lines, "left: %s %s (was in %s)\n", s->s[i].urn, s->s[i].name,
                               last->collab_label[then]);
        }
    }
    for (size_t g = 0; g < last->ngone; g++)
        triad_i_buf_printf(&lines, "left: %s (no longer in the schools file)\n", last->gone[g]);
    triad_i_buf_printf(log,
                       "continuity: %zu of %zu returning schools stayed with last year's "
                       "collaborative, %zu moved, %zu joined, %zu left\n",
                       stayed, returning, moved, joined, left);
    if (lines.data)
        triad_i_buf_puts(log, lines.data);
    triad_i_buf_free(&lines);
    size_t want = (size_t)ceil(spec->keep_collab * (double)returning - 1e-9);
    if (stayed < want)
        triad_i_buf_printf(warn,
                           "warning: [history] keep_collaboratives = %g: %zu of %zu returning "
                           "schools stayed with last year's collaborative, %zu wanted (sizes or "
                           "constraints moved the others)\n",
                           spec->keep_collab, stayed, returning, want);
}

/* Travel limits the search could not meet: counted and said, never left to
 * the violations list alone. */
static void travel_promises(const profile *p, const triad_plan *plan, triad_i_buf *warn)
{
    const triad_spec *spec = p->spec;
    size_t tri = 0, col = 0;
    for (size_t a = 0; a < p->n; a++) {
        if (plan->collab[a] < 0)
            continue;
        for (size_t b = a + 1; b < p->n; b++) {
            if (plan->collab[b] != plan->collab[a])
                continue;
            double km = profile_km(p, a, b);
            if (km < 0)
                continue;
            if (spec->triad_max_km > 0 && plan->triad[a] >= 0 && plan->triad[a] == plan->triad[b] &&
                km > spec->triad_max_km)
                tri++;
            if (spec->collab_max_km > 0 && km > spec->collab_max_km)
                col++;
        }
    }
    if (tri)
        triad_i_buf_printf(warn,
                           "warning: triad_max_km = %g: %zu pairs in triads are farther apart "
                           "(the search could not meet the limit with balance; see the "
                           "violations)\n",
                           spec->triad_max_km, tri);
    if (col)
        triad_i_buf_printf(warn,
                           "warning: collaborative_max_km = %g: %zu pairs in collaboratives are "
                           "farther apart (see the violations)\n",
                           spec->collab_max_km, col);
}

/* Must-links across strata cannot hold: say which. */
static triad_status check_links(const profile *p, triad_error *err)
{
    for (size_t k = 0; k < p->nmust; k++) {
        const link_set *l = &p->must[k];
        for (size_t a = 1; a < l->n; a++)
            if (p->stratum[l->school[a]] != p->stratum[l->school[0]])
                return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, p->spec->source, l->line, 0,
                                    "%s:%ld: must_link joins %s and %s, which are in different "
                                    "strata (or not planned)",
                                    p->spec->source, l->line, p->schools->s[l->school[0]].urn,
                                    p->schools->s[l->school[a]].urn);
    }
    return TRIAD_OK;
}

double triad_i_stratum_seconds(double time_left, double time_limit, size_t schools,
                               size_t schools_left)
{
    double share = time_left * (double)schools / (double)(schools_left ? schools_left : 1);
    return fmax(0.85 * share, fmin(0.05 * time_limit, 0.5));
}

/* Every stratum in turn under one deadline: each gets the time left times
 * its share of the schools left, so time a small stratum leaves unused
 * passes on to the next ones. Progress after each; a stratum its share
 * stopped short is a warning. */
static triad_status solve_strata(profile *p, const triad_solve_options *o, long *local,
                                 triad_plan **plans, size_t years, triad_i_buf *warn,
                                 triad_error *err)
{
    solve_ctl ctl = {.progress = o->progress, .user = o->progress_user};
    ctl.t0 = clock_now();
    ctl.next_call = ctl.t0 + POLL_SECONDS;
    ctl.deadline = ctl.t0 + o->time_limit;
    ctl.stop.deadline = ctl.deadline;
    ctl.stop.cancel = &ctl.cancel;
    ctl.stop.timed_out = &ctl.timed_out;
    ctl.stop.poll = ctl_poll;
    ctl.stop.poll_ctx = &ctl;
    size_t work_left = 0;
    for (size_t k = 0; k < p->nstrata; k++)
        work_left += p->strata[k].n;
    double excess = 0;
    triad_status st = TRIAD_OK;
    for (size_t k = 0; st == TRIAD_OK && k < p->nstrata; k++) {
        if (p->strata[k].n == 0)
            continue;
        double now = clock_now();
        ctl.stop.deadline = now + triad_i_stratum_seconds(ctl.deadline - now, o->time_limit,
                                                          p->strata[k].n, work_left);
        work_left -= p->strata[k].n;
        ctl.timed_out = 0;
        st = solve_stratum(p, (int)k, o, &ctl, local, plans, years, warn, err);
        solve_info *in = st == TRIAD_OK ? &plans[0]->info[plans[0]->ninfo - 1] : NULL;
        if (in && ctl.timed_out && strcmp(in->status, "optimal") != 0) {
            snprintf(in->status, sizeof in->status, "time limit");
            triad_i_buf_printf(warn,
                               "warning: stratum %s: its share of the time limit (%.3g of %g s) "
                               "ran out before the search finished; excess beyond one %.3f (0 is "
                               "every category within one): raise --time-limit\n",
                               p->strata[k].name, ctl.stop.deadline - now, o->time_limit,
                               in->objective);
        }
        if (st == TRIAD_OK && plans[0]->ninfo)
            excess += plans[0]->info[plans[0]->ninfo - 1].objective;
        ctl.excess = excess;
        if (st == TRIAD_OK && o->progress &&
            o->progress(clock_now() - ctl.t0, excess, o->progress_user) != 0)
            st = triad_i_fail(err, TRIAD_ERR_CANCELLED, NULL, 0, 0, "cancelled by the caller");
    }
    return st;
}

/* Each year's solver log: per stratum what ran and why the sizes, the
 * repeats, what became of last year's promises, then the warnings. */
static triad_status write_logs(const triad_schools *schools, const triad_spec *spec,
                               const triad_solve_options *o, triad_plan **plans, size_t years,
                               triad_i_buf *notes, triad_i_buf *warn, triad_error *err)
{
    triad_status st = TRIAD_OK;
    for (size_t y = 0; y < years && st == TRIAD_OK; y++) {
        triad_plan *plan = plans[y];
        triad_i_buf b;
        triad_i_buf_init(&b);
        for (size_t q = 0; q < plan->ninfo; q++) {
            const solve_info *in = &plan->info[q];
            triad_i_buf_printf(
                &b,
                "stratum %s: %s, %s, excess beyond one %.3f, bound %.3f, gap %.2f%%, "
                "%.2f s; triads %s\n",
                in->stratum, in->engine, in->status, in->objective, in->bound, 100 * in->gap,
                in->seconds, in->triads);
            triad_i_buf_printf(&b, "sizes %s: %s\n", in->stratum, in->sizes);
        }
        if (years > 1 || o->nhistory)
            triad_i_buf_printf(&b, "year %zu of %zu: %zu triad pairs met before\n", y + 1, years,
                               plan->repeats);
        if (y == 0 && o->nhistory) {
            history_promises(spec, o->history[0], plan, schools->n, warn);
            continuity_report(spec, schools, o->history[0], plan, &b, warn);
        }
        if (notes[y].data)
            triad_i_buf_puts(&b, notes[y].data);
        if (warn->data)
            triad_i_buf_puts(&b, warn->data);
        if (b.failed)
            st = triad_i_fail_nomem(err);
        plan->solver_log = b.data ? b.data : triad_i_strdup("");
    }
    return st;
}

/* The caller's log callback: each line of year 1's log, warnings marked. */
static void forward_log(const triad_solve_options *o, const triad_plan *plan)
{
    for (const char *l = o->log ? plan->solver_log : NULL; l && *l;) {
        const char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l) : strlen(l);
        char *line = triad_i_strndup(l, len);
        if (line) {
            int warning = strncmp(line, "warning: ", 9) == 0;
            o->log(warning ? TRIAD_LOG_WARNING : TRIAD_LOG_INFO, warning ? line + 9 : line,
                   o->log_user);
            free(line);
        }
        l = e ? e + 1 : l + len;
    }
}

/* Warnings known before any search: a school causing concern that opted
 * out, history that --fixed overrides. */
static void early_warnings(const triad_schools *schools, const profile *p, const triad_spec *spec,
                           const triad_solve_options *o, triad_i_buf *warn)
{
    for (size_t i = 0; i < schools->n; i++)
        if (schools->s[i].opted_out && p->concern[i])
            triad_i_buf_printf(warn,
                               "warning: school %s (%s) causes concern but has opted out of the "
                               "collaboratives\n",
                               schools->s[i].urn, schools->s[i].name);
    if (o->fixed && o->nhistory && (spec->collab_weight > 0 || spec->keep_collab > 0))
        triad_i_buf_printf(warn,
                           "warning: [history] with --fixed: collaborative_weight prices moves "
                           "away from the fixed plan, not last year's, and keep_collaboratives is "
                           "not applied\n");
}

/* What follows the strata: each year's leads in their terms, travel
 * promises, and what became of the partnerships. */
static triad_status after_strata(const profile *p, const triad_spec *spec,
                                 const triad_solve_options *o, triad_plan **plans, size_t years,
                                 triad_i_buf *notes, triad_i_buf *warn, triad_error *err)
{
    triad_status st = TRIAD_OK;
    for (size_t y = 0; y < years && st == TRIAD_OK; y++)
        st = lead_succession(p, spec, y ? plans[y - 1] : o->nhistory ? o->history[0] : NULL,
                             o->fixed, plans[y], &notes[y], err);
    if (st == TRIAD_OK) {
        travel_promises(p, plans[0], warn);
        partnerships_report(p, plans[0], &notes[0], warn);
    }
    return st;
}

triad_status triad_solve_years(const triad_schools *schools, const triad_spec *spec,
                               const triad_solve_options *opts, size_t years, triad_plan **plans,
                               triad_error *err)
{
    triad_error_clear(err);
    if (!schools || !plans || years < 1 || years > 50)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools or plans is NULL, or years is not 1-50");
    for (size_t y = 0; y < years; y++)
        plans[y] = NULL;
    triad_solve_options o;
    triad_status st = take_solve_options(schools, opts, &o, err);
    if (st != TRIAD_OK)
        return st;
    triad_spec *def = NULL;
    profile p = {0};
    long *local = NULL;
    triad_i_buf warn, notes[50];
    triad_i_buf_init(&warn);
    for (size_t y = 0; y < 50; y++)
        triad_i_buf_init(&notes[y]);
    st = spec_or_default(&spec, &def, err);
    if (st != TRIAD_OK || (st = profile_build(schools, spec, &p, err)) != TRIAD_OK)
        goto done;
    /* A plan with no school in it is not a plan: check would refuse the
     * file, so solve refuses to write it. */
    size_t planned = 0, opted = 0;
    for (size_t k = 0; k < p.nstrata; k++)
        planned += p.strata[k].n;
    for (size_t i = 0; i < schools->n; i++)
        opted += schools->s[i].opted_out != 0;
    if (planned == 0) {
        st = triad_i_fail(err, TRIAD_ERR_EMPTY, schools->source, 0, 0,
                          "%s: no school to plan: %zu of %zu schools opted out, the rest are in "
                          "skipped strata",
                          schools->source, opted, schools->n);
        goto done;
    }
    if (!(local = malloc((schools->n + 1) * sizeof *local)))
        st = triad_i_fail_nomem(err);
    for (size_t y = 0; y < years && st == TRIAD_OK; y++)
        if (!(plans[y] = plan_new(schools->n)) ||
            !(plans[y]->info = calloc(p.nstrata + 1, sizeof *plans[y]->info)))
            st = triad_i_fail_nomem(err);
    if (st == TRIAD_OK)
        st = partnerships_prepare(&p, o.memberships, o.fixed, &notes[0], &warn, err);
    if (st == TRIAD_OK)
        st = check_links(&p, err);
    if (st == TRIAD_OK && o.fixed)
        st = check_fixed(&p, o.fixed, o.method, err);
    if (st == TRIAD_OK) {
        early_warnings(schools, &p, spec, &o, &warn);
        st = solve_strata(&p, &o, local, plans, years, &warn, err);
    }
    /* the locks carry into the written plan, for the next round of edits */
    for (size_t y = 0; y < years && st == TRIAD_OK && o.fixed; y++)
        memcpy(plans[y]->locked, o.fixed->locked, schools->n);
    if (st == TRIAD_OK)
        st = after_strata(&p, spec, &o, plans, years, notes, &warn, err);
    profile_free(&p);
    if (st == TRIAD_OK)
        st = write_logs(schools, spec, &o, plans, years, notes, &warn, err);
    if (st == TRIAD_OK)
        forward_log(&o, plans[0]);
done:
    free(local);
    profile_free(&p); /* (already freed on success: profile_free empties it) */
    triad_i_buf_free(&warn);
    for (size_t y = 0; y < 50; y++)
        triad_i_buf_free(&notes[y]);
    triad_spec_free(def);
    if (st != TRIAD_OK)
        for (size_t y = 0; y < years; y++) {
            triad_plan_free(plans[y]);
            plans[y] = NULL;
        }
    return st;
}

triad_status triad_solve(const triad_schools *schools, const triad_spec *spec,
                         const triad_solve_options *opts, triad_plan **out, triad_error *err)
{
    if (!out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "out is NULL");
    return triad_solve_years(schools, spec, opts, 1, out, err);
}
