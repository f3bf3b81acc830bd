/* Scores a plan: balance of every group against its stratum, and every hard
 * constraint. The solver optimises the same quantities. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check/check_score.h"
#include "check/report_impl.h"
#include "core/util.h"
#include "model/groups.h"
#include "model/plan_impl.h"
#include "model/sizes.h"


static void group_free(group_score *g)
{
    free(g->label);
    free(g->collab_label);
    free(g->stratum);
    free(g->lead_urn);
    free(g->count);
    free(g->share);
    free(g->mean);
    free(g->ref_mean);
    free(g->attr_dev);
}

void triad_report_free(triad_report *r)
{
    if (!r)
        return;
    for (size_t g = 0; g < r->ncollab; g++)
        group_free(&r->collab[g]);
    for (size_t g = 0; g < r->ntriad; g++)
        group_free(&r->triad[g]);
    free(r->collab);
    free(r->triad);
    for (size_t v = 0; v < r->nviol; v++) {
        free(r->viol[v].constraint);
        free(r->viol[v].group);
        free(r->viol[v].message);
    }
    free(r->viol);
    for (size_t q = 0; q < r->nopted; q++)
        free(r->opted[q]);
    free(r->opted);
    for (size_t q = 0; q < r->nwarn; q++)
        free(r->warn[q]);
    free(r->warn);
    for (size_t q = 0; q < r->ncont; q++)
        free(r->cont[q]);
    free(r->cont);
    free(r->info);
    free(r->offset);
    profile_free(&r->prof);
    free(r);
}

static int add_violation(triad_report *r, const char *constraint, const char *group,
                         const char *fmt, ...) TRIAD_PRINTF(4, 5);

static int add_violation(triad_report *r, const char *constraint, const char *group,
                         const char *fmt, ...)
{
    violation *nv = realloc(r->viol, (r->nviol + 1) * sizeof *nv);
    if (!nv)
        return 0;
    r->viol = nv;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    violation *v = &nv[r->nviol];
    v->constraint = triad_i_strdup(constraint);
    v->group = triad_i_strdup(group ? group : "");
    v->message = triad_i_strdup(msg);
    if (!v->constraint || !v->group || !v->message) {
        free(v->constraint);
        free(v->group);
        free(v->message);
        return 0;
    }
    r->nviol++;
    return 1;
}

static int check_trust(triad_report *r, const profile *p, const long *mem, size_t m, int cap,
                       const char *label, const char *what)
{
    if (cap <= 0)
        return 1;
    for (size_t a = 0; a < m; a++) {
        int t = p->trust[mem[a]], seen_before = 0;
        if (t < 0)
            continue;
        size_t cnt = 0;
        for (size_t b = 0; b < m; b++)
            if (p->trust[mem[b]] == t) {
                cnt++;
                if (b < a)
                    seen_before = 1;
            }
        if (!seen_before && cnt > (size_t)cap &&
            !add_violation(r, "trust", label, "%s %s has %zu schools of trust %s (cap %d)", what,
                           label, cnt, p->schools->s[mem[a]].trust, cap))
            return 0;
    }
    return 1;
}

/* The size rule of the collaborative's stratum (sector_wide: the whole
 * stratum in one group, whatever its size; small_stratum = one group is an
 * exception the plan states, so the group is still listed). 0 on
 * allocation failure. */
static int check_collab_size(triad_report *r, const pstratum *ps, size_t m, const char *label)
{
    char allowed[160];
    sizes_describe(ps, allowed, sizeof allowed);
    int whole_sector = ps->sector_wide && m == ps->n;
    if (!whole_sector && !sizes_allowed(ps, (int)m) &&
        !add_violation(r, "size", label, "collaborative %s has %zu school%s; stratum %s allows %s",
                       label, m, TRIAD_S(m), ps->name, allowed))
        return 0;
    if (ps->sector_wide && m != ps->n &&
        !add_violation(r, "size", label,
                       "collaborative %s has %zu of the %zu schools of stratum %s, which "
                       "is sector-wide (one collaborative)",
                       label, m, ps->n, ps->name))
        return 0;
    return 1;
}

/* One lead-eligible school, designated lead, and only one. */
static int check_collab_lead(triad_report *r, const profile *p, int eligible, int leads,
                             long lead, const char *label)
{
    if (eligible == 0 &&
        !add_violation(r, "lead", label, "collaborative %s has no lead-eligible school", label))
        return 0;
    if (leads == 0 &&
        !add_violation(r, "lead", label, "collaborative %s has no designated lead", label))
        return 0;
    if (leads > 1 && !add_violation(r, "lead", label, "collaborative %s has %d leads", label, leads))
        return 0;
    if (leads == 1 && !p->lead_ok[lead] &&
        !add_violation(r, "lead", label, "lead %s of collaborative %s is not lead-eligible",
                       p->schools->s[lead].urn, label))
        return 0;
    return 1;
}

/* Every pair of members within collaborative_max_km. */
static int check_collab_travel(triad_report *r, const profile *p, const long *mem, size_t m,
                               const char *label)
{
    double lim = p->spec->collab_max_km;
    for (size_t a = 0; a < m; a++)
        for (size_t b = a + 1; b < m; b++) {
            double km = profile_km(p, (size_t)mem[a], (size_t)mem[b]);
            if (km > lim && !add_violation(r, "travel", label,
                                           "collaborative %s: %s and %s are %.1f km apart (limit "
                                           "%.1f)",
                                           label, p->schools->s[mem[a]].urn,
                                           p->schools->s[mem[b]].urn, km, lim))
                return 0;
        }
    return 1;
}

/* One head never leads two collaboratives: leads that share a head (the
 * schools file's head column) are a violation each pair. */
static int check_heads(triad_report *r, const profile *p, const triad_plan *plan)
{
    const school_rec *s = p->schools->s;
    for (size_t i = 0; i < p->n; i++) {
        if (!plan->lead[i] || !s[i].head || !s[i].head[0])
            continue;
        for (size_t j = i + 1; j < p->n; j++)
            if (plan->lead[j] && s[j].head && strcmp(s[i].head, s[j].head) == 0 &&
                !add_violation(r, "lead", "",
                               "%s and %s share a head (%s), who would lead two collaboratives",
                               s[i].urn, s[j].urn, s[i].head))
                return 0;
    }
    return 1;
}

static int check_collaboratives(triad_report *r, const profile *p, const triad_plan *plan,
                                const groups *gc)
{
    if (!check_heads(r, p, plan))
        return 0;
    const triad_spec *spec = p->spec;
    for (size_t c = 0; c < gc->ngroups; c++) {
        const long *mem = MEMBERS(gc, c);
        size_t m = NMEMBERS(gc, c);
        const char *label = plan->collab_label[c];
        group_score *g = &r->collab[c];
        if (m == 0) { /* a label nobody is in (a plan built through the API) */
            if (!(g->lead_urn = triad_i_strdup("")))
                return 0;
            continue;
        }
        int st = p->stratum[mem[0]];
        int mixed = 0, leads = 0, eligible = 0;
        long lead = -1;
        for (size_t k = 0; k < m; k++) {
            mixed |= p->stratum[mem[k]] != st;
            eligible += p->lead_ok[mem[k]];
            if (plan->lead[mem[k]]) {
                leads++;
                lead = mem[k];
            }
        }
        g->lead_urn = triad_i_strdup(lead >= 0 ? p->schools->s[lead].urn : "");
        g->lead_year = lead >= 0 ? triad_plan_lead_years(plan, (size_t)lead) : 0;
        if (!g->lead_urn)
            return 0;
        if (mixed && !add_violation(r, "stratum", label,
                                    "collaborative %s mixes schools of different strata", label))
            return 0;
        if (!mixed && st >= 0 && !check_collab_size(r, &p->strata[st], m, label))
            return 0;
        if (spec->lead_required && !check_collab_lead(r, p, eligible, leads, lead, label))
            return 0;
        if (!check_trust(r, p, mem, m, spec->trust_cap_collab, label, "collaborative"))
            return 0;
        if (spec->collab_max_km > 0 && !check_collab_travel(r, p, mem, m, label))
            return 0;
    }
    return 1;
}

static int check_triads(triad_report *r, const profile *p, const triad_plan *plan,
                        const groups *gt)
{
    const triad_spec *spec = p->spec;
    for (size_t t = 0; t < gt->ngroups; t++) {
        const long *mem = MEMBERS(gt, t);
        size_t m = NMEMBERS(gt, t);
        const char *label = plan->triad_label[t];
        if (m == 0)
            continue;
        int concern = 0;
        for (size_t k = 0; k < m; k++)
            concern += p->concern[mem[k]];
        int st = p->stratum[mem[0]];
        int tsize = st >= 0 ? p->strata[st].triad_size : 3;
        if (tsize > 0 && (m < 2 || (int)m > tsize + 1) &&
            !add_violation(r, "triad_size", label, "triad %s of %s has %zu schools (allowed 2-%d)",
                           label, plan->collab_label[plan->triad_collab[t]], m, tsize + 1))
            return 0;
        if (spec->no_concern_triads && m >= 2 && (size_t)concern == m &&
            !add_violation(r, "concern", label,
                           "triad %s of %s is made only of schools causing concern", label,
                           plan->collab_label[plan->triad_collab[t]]))
            return 0;
        if (!check_trust(r, p, mem, m, spec->trust_cap_triad, label, "triad"))
            return 0;
        if (spec->triad_max_km > 0)
            for (size_t a = 0; a < m; a++)
                for (size_t b = a + 1; b < m; b++) {
                    double km = profile_km(p, (size_t)mem[a], (size_t)mem[b]);
                    if (km > spec->triad_max_km &&
                        !add_violation(r, "travel", label,
                                       "triad %s: %s and %s are %.1f km apart (limit %.1f)", label,
                                       p->schools->s[mem[a]].urn, p->schools->s[mem[b]].urn, km,
                                       spec->triad_max_km))
                        return 0;
                }
    }
    return 1;
}


/* Opted-out schools are counted and named, never just absent; one causing
 * concern that opts out is a warning (the LA supports it some other way). */
static int note_opted_out(triad_report *r, const profile *p, const triad_plan *plan)
{
    const school_rec *s = p->schools->s;
    for (size_t i = 0; i < p->n; i++) {
        if (!s[i].opted_out || plan->collab[i] >= 0)
            continue;
        if (!lines_add(&r->opted, &r->nopted, "%s %s", s[i].urn, s[i].name))
            return 0;
        if (p->concern[i] &&
            !lines_add(&r->warn, &r->nwarn,
                      "school %s (%s) causes concern but has opted out of the collaboratives",
                      s[i].urn, s[i].name))
            return 0;
    }
    return 1;
}

/* Columns the schools file lacked or left blank: the plan was made without
 * that data, which every report of it says. */
static int note_data_gaps(triad_report *r, const triad_schools *s)
{
    for (size_t k = 0; k < s->ngaps; k++)
        if (!lines_add(&r->warn, &r->nwarn, "%s", s->gaps[k]))
            return 0;
    return 1;
}

/* The solver's warnings (lines "warning: ..." of its log) belong in every
 * report of the plan: text, JSON and page. */
static int note_solver_warnings(triad_report *r, const triad_plan *plan)
{
    const char *log = plan->solver_log;
    for (const char *w = log ? strstr(log, "warning: ") : NULL; w; w = strstr(w + 1, "warning: ")) {
        if (w != log && w[-1] != '\n')
            continue;
        const char *text = w + 9, *e = strchr(text, '\n');
        int len = e ? (int)(e - text) : (int)strlen(text);
        int dup = 0;
        for (size_t q = 0; q < r->nwarn && !dup; q++)
            dup = (int)strlen(r->warn[q]) == len && strncmp(r->warn[q], text, (size_t)len) == 0;
        if (!dup && !lines_add(&r->warn, &r->nwarn, "%.*s", len, text))
            return 0;
    }
    /* continuity lines, in order */
    static const char *const kinds[] = {"continuity: ", "moved: ", "joined: ", "left: ",
                                        "lead: ", "partnership: "};
    for (const char *l = log; l && *l;) {
        const char *e = strchr(l, '\n');
        int len = e ? (int)(e - l) : (int)strlen(l);
        for (size_t k = 0; k < 6; k++)
            if (strncmp(l, kinds[k], strlen(kinds[k])) == 0 &&
                !lines_add(&r->cont, &r->ncont, "%.*s", len, l))
                return 0;
        l = e ? e + 1 : l + len;
    }
    return 1;
}

static int check_links_and_coverage(triad_report *r, const profile *p, const triad_plan *plan)
{
    const school_rec *s = p->schools->s;
    for (size_t i = 0; i < p->n; i++) {
        if (plan->collab[i] >= 0) {
            r->nplanned++;
            if (p->stratum[i] < 0 && s[i].opted_out &&
                !add_violation(r, "opted_out", plan->collab_label[plan->collab[i]],
                               "school %s has opted out but is in collaborative %s", s[i].urn,
                               plan->collab_label[plan->collab[i]]))
                return 0;
        } else if (p->stratum[i] >= 0) {
            r->nunplanned++;
            if (!add_violation(r, "unplanned", "", "school %s (%s) is not in the plan", s[i].urn,
                               s[i].name))
                return 0;
        }
    }
    for (size_t k = 0; k < p->nmust; k++) {
        const link_set *l = &p->must[k];
        for (size_t j = 1; j < l->n; j++)
            if ((plan->collab[l->school[j]] != plan->collab[l->school[0]] ||
                 plan->collab[l->school[0]] < 0) &&
                !add_violation(r, "must_link", "",
                               "must_link (spec line %ld): %s and %s are not in one "
                               "collaborative",
                               l->line, s[l->school[0]].urn, s[l->school[j]].urn))
                return 0;
    }
    for (size_t k = 0; k < p->ncannot; k++) {
        const link_set *l = &p->cannot[k];
        for (size_t a = 0; a < l->n; a++)
            for (size_t b = a + 1; b < l->n; b++) {
                long ca = plan->collab[l->school[a]];
                if (ca >= 0 && ca == plan->collab[l->school[b]] &&
                    !add_violation(r, "cannot_link", plan->collab_label[ca],
                                   "cannot_link (spec line %ld): %s and %s share collaborative %s",
                                   l->line, s[l->school[a]].urn, s[l->school[b]].urn,
                                   plan->collab_label[ca]))
                    return 0;
            }
    }
    return 1;
}

triad_status triad_check(const triad_schools *schools, const triad_spec *spec,
                         const triad_plan *plan, triad_report **out, triad_error *err)
{
    triad_error_clear(err);
    if (!schools || !plan || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, plan or out is NULL");
    *out = NULL;
    if (plan->nschools != schools->n)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the plan was made for another schools table");
    triad_spec *def = NULL;
    groups gc = {0}, gt = {0};
    triad_report *r = NULL;
    triad_status st = spec_or_default(&spec, &def, err);
    if (st != TRIAD_OK)
        goto done;
    if (!(r = calloc(1, sizeof *r)))
        goto nomem;
    if ((st = profile_build(schools, spec, &r->prof, err)) != TRIAD_OK)
        goto done;
    profile *p = &r->prof;
    r->nschools = p->n;
    r->rules = (check_rules){spec->lead_required, spec->no_concern_triads, spec->lead_term,
                             spec->lead_days,
                             spec->trust_cap_collab, spec->trust_cap_triad,
                             spec->collab_max_km, spec->triad_max_km};
    if (!(r->offset = calloc(p->nattr + 1, sizeof *r->offset)))
        goto nomem;
    for (size_t a = 0; a < p->nattr; a++) {
        r->offset[a] = r->ncells;
        r->ncells += p->attr[a].ncat;
    }
    if (plan->ninfo) {
        if (!(r->info = malloc(plan->ninfo * sizeof *r->info)))
            goto nomem;
        memcpy(r->info, plan->info, plan->ninfo * sizeof *r->info);
        r->ninfo = plan->ninfo;
    }
    if (!groups_build(&gc, plan->collab, p->n, plan->ncollab) ||
        !groups_build(&gt, plan->triad, p->n, plan->ntriad) || !check_score_all(r, p, plan, &gc, &gt) ||
        !check_links_and_coverage(r, p, plan) || !note_opted_out(r, p, plan) ||
        !note_data_gaps(r, p->schools) || !note_solver_warnings(r, plan) ||
        !check_collaboratives(r, p, plan, &gc) ||
        !check_triads(r, p, plan, &gt) || !funding_allocate(r, p, plan, &gc, &gt))
        goto nomem;
    p->schools = NULL; /* the report must outlive its inputs */
    p->spec = NULL;
    *out = r;
    r = NULL;
    goto done;
nomem:
    st = triad_i_fail_nomem(err);
done:
    groups_free(&gc);
    groups_free(&gt);
    triad_report_free(r);
    triad_spec_free(def);
    return st;
}

size_t triad_report_violations(const triad_report *r)
{
    return r ? r->nviol : 0;
}

size_t triad_report_warnings(const triad_report *r)
{
    return r ? r->nwarn : 0;
}

int triad_report_collaboratives_within_one(const triad_report *r)
{
    return r && r->collab_within == r->ncollab;
}

double triad_report_max_deviation(const triad_report *r)
{
    return r ? r->collab_max_dev : 0;
}
