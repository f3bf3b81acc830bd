#include "model/profile.h"

#include "model/areas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

static void attr_free(bal_attr *a)
{
    free(a->name);
    free(a->source);
    for (size_t c = 0; c < a->ncat; c++)
        free(a->cats[c]);
    free(a->cats);
    free(a->code);
    free(a->value);
}

void profile_free(profile *p)
{
    if (!p)
        return;
    for (size_t a = 0; a < p->nattr; a++)
        attr_free(&p->attr[a]);
    free(p->attr);
    for (size_t k = 0; k < p->nstrata; k++)
        free(p->strata[k].name);
    free(p->strata);
    free(p->stratum);
    free(p->lead_ok);
    free(p->concern);
    free(p->trust);
    for (size_t i = 0; i < p->nmust; i++)
        free(p->must[i].school);
    for (size_t i = 0; i < p->ncannot; i++)
        free(p->cannot[i].school);
    free(p->must);
    free(p->cannot);
    memset(p, 0, sizeof *p);
}

bal_attr *profile_add_attr(profile *p, const char *name, const char *source, int numeric,
                           double weight, const char *const *cats, size_t ncat)
{
    bal_attr *na = realloc(p->attr, (p->nattr + 1) * sizeof *na);
    if (!na)
        return NULL;
    p->attr = na;
    bal_attr *a = &na[p->nattr++];
    memset(a, 0, sizeof *a);
    a->numeric = numeric;
    a->weight = weight;
    a->name = triad_i_strdup(name);
    a->source = triad_i_strdup(source);
    size_t n = p->n ? p->n : 1;
    if (numeric)
        a->value = malloc(n * sizeof *a->value);
    else
        a->code = malloc(n * sizeof *a->code);
    a->cats = calloc(ncat + 1, sizeof *a->cats); /* room for "Unknown" */
    if (!a->name || !a->source || !a->cats || (numeric ? !a->value : !a->code))
        return NULL;
    for (size_t c = 0; c < ncat; c++)
        if (!(a->cats[a->ncat++] = triad_i_strdup(cats[c])))
            return NULL;
    return a;
}

static void numeric_stats(bal_attr *a, size_t n)
{
    double sum = 0, sq = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(a->value[i])) {
            sum += a->value[i];
            m++;
        }
    a->mean = m ? sum / (double)m : 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(a->value[i]))
            a->value[i] = a->mean;
        sq += (a->value[i] - a->mean) * (a->value[i] - a->mean);
    }
    a->sd = n > 1 ? sqrt(sq / (double)(n - 1)) : 0;
}

static int cmp_desc(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a < b) - (a > b);
}

/* FSM % quintile within the file: band 1 holds the highest FSM (most
 * deprived), matching IDACI's convention; equal values share a band. */
static int fsm_bands(const triad_schools *s, int *band)
{
    size_t m = 0;
    double *v = malloc((s->n ? s->n : 1) * sizeof *v);
    if (!v)
        return 0;
    for (size_t i = 0; i < s->n; i++)
        if (!isnan(s->s[i].fsm))
            v[m++] = s->s[i].fsm;
    qsort(v, m, sizeof *v, cmp_desc);
    for (size_t i = 0; i < s->n; i++) {
        double f = s->s[i].fsm;
        if (isnan(f)) {
            band[i] = 5; /* the "Unknown" category */
            continue;
        }
        size_t lo = 0, hi = m; /* first index with v <= f (descending order) */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (v[mid] > f)
                lo = mid + 1;
            else
                hi = mid;
        }
        band[i] = (int)(lo * 5 / m);
    }
    free(v);
    return 1;
}

/* "From across the authority": the file's districts, or areas derived from
 * the coordinates (model/areas.c), balanced like any category. */
static int build_area(profile *p, double w)
{
    const triad_schools *s = p->schools;
    bal_attr *a;
    if (s->has_area) {
        if (!(a = profile_add_attr(p, "area", "district in the file", 0, w, NULL, 0)))
            return 0;
        a->area = 1;
        for (size_t i = 0; i < s->n; i++) {
            const char *name = s->s[i].area[0] ? s->s[i].area : "Unknown";
            size_t c = 0;
            while (c < a->ncat && strcmp(a->cats[c], name) != 0)
                c++;
            if (c == a->ncat) {
                char **nc = realloc(a->cats, (a->ncat + 2) * sizeof *nc);
                if (!nc)
                    return 0;
                a->cats = nc;
                if (!(a->cats[a->ncat++] = triad_i_strdup(name)))
                    return 0;
                a->cats[a->ncat] = NULL;
            }
            a->code[i] = (int)c;
        }
        return 1;
    }
    double *x = malloc((s->n + 1) * sizeof *x), *y = malloc((s->n + 1) * sizeof *y);
    size_t located = 0;
    int ok = x && y;
    for (size_t i = 0; ok && i < s->n; i++) {
        x[i] = s->s[i].x;
        y[i] = s->s[i].y;
        located += !isnan(x[i]) && !isnan(y[i]);
    }
    size_t n_areas = p->spec->areas > 0 ? (size_t)p->spec->areas : areas_default_count(located);
    char **names = NULL;
    char source[96];
    snprintf(source, sizeof source, "%zu areas derived from the coordinates", n_areas);
    ok = ok && (a = profile_add_attr(p, "area", source, 0, w, NULL, 0)) != NULL &&
         areas_derive(x, y, s->n, n_areas, a->code, &names) == 0;
    if (ok) {
        char **nc = realloc(a->cats, (n_areas + 2) * sizeof *nc);
        ok = nc != NULL;
        if (ok) {
            a->cats = nc;
            memset(nc, 0, (n_areas + 2) * sizeof *nc);
            for (size_t c = 0; c < n_areas; c++)
                nc[c] = names[c];
            a->ncat = n_areas;
            a->area = 1;
            int unlocated = 0;
            for (size_t i = 0; i < s->n; i++)
                if (a->code[i] < 0) {
                    a->code[i] = (int)n_areas;
                    unlocated = 1;
                }
            if (unlocated)
                ok = (nc[a->ncat++] = triad_i_strdup("Unknown")) != NULL;
        } else {
            for (size_t c = 0; c < n_areas; c++)
                free(names[c]);
        }
    }
    free(names);
    free(x);
    free(y);
    return ok;
}

/* The built-in categorical attributes whose data the file has: Ofsted
 * grade, deprivation (IDACI, else FSM quintiles within the file), urban or
 * rural, head teacher's experience. 0 on allocation failure. */
static int builtin_categories(profile *p)
{
    const triad_schools *s = p->schools;
    bal_attr *a;
    double w;
    if ((w = spec_weight(p->spec, "ofsted", 1.0)) > 0) {
        static const char *const c[] = {"Outstanding", "Good", "Requires improvement",
                                        "Inadequate", "Not inspected"};
        if (!(a = profile_add_attr(p, "ofsted", "Ofsted grade", 0, w, c, 5)))
            return 0;
        for (size_t i = 0; i < s->n; i++)
            a->code[i] = s->s[i].ofsted ? s->s[i].ofsted - 1 : 4;
    }
    if ((w = spec_weight(p->spec, "deprivation", 1.0)) > 0 && (s->has_idaci || s->has_fsm)) {
        static const char *const c[] = {"Q1 (most deprived)", "Q2", "Q3", "Q4",
                                        "Q5 (least deprived)", "Unknown"};
        if (!(a = profile_add_attr(p, "deprivation",
                           s->has_idaci ? "IDACI quintile" : "FSM % quintile within the file", 0,
                           w, c, 6)))
            return 0;
        if (s->has_idaci) {
            for (size_t i = 0; i < s->n; i++)
                a->code[i] = s->s[i].idaci ? s->s[i].idaci - 1 : 5;
        } else if (!fsm_bands(s, a->code)) {
            return 0;
        }
    }
    if ((w = spec_weight(p->spec, "urban_rural", 1.0)) > 0 && s->has_urban) {
        static const char *const c[] = {"Urban", "Rural", "Unknown"};
        if (!(a = profile_add_attr(p, "urban_rural", "urban/rural class", 0, w, c, 3)))
            return 0;
        for (size_t i = 0; i < s->n; i++)
            a->code[i] = s->s[i].urban == URBAN_URBAN ? 0 : s->s[i].urban == URBAN_RURAL ? 1 : 2;
    }
    if ((w = spec_weight(p->spec, "head_experience", 1.0)) > 0 && s->has_head_years) {
        static const char *const c[] = {"0-2 years", "3-5 years", "6+ years", "Unknown"};
        if (!(a = profile_add_attr(p, "head_experience", "head teacher's years in post", 0, w, c, 4)))
            return 0;
        for (size_t i = 0; i < s->n; i++) {
            double y = s->s[i].head_years;
            a->code[i] = isnan(y) ? 3 : y < 3 ? 0 : y < 6 ? 1 : 2;
        }
    }
    if (!profile_report_cards(p))
        return 0;
    /* off unless asked: an infant, junior and primary mix balanced */
    if ((w = spec_weight(p->spec, "phase", 0.0)) > 0) {
        const char *c[TRIAD_PHASE_COUNT];
        for (int k = 0; k < TRIAD_PHASE_COUNT; k++)
            c[k] = triad_phase_name((triad_phase)k);
        if (!(a = profile_add_attr(p, "phase", "phase (infant, junior, primary, ...)", 0, w, c,
                           TRIAD_PHASE_COUNT)))
            return 0;
        for (size_t i = 0; i < s->n; i++)
            a->code[i] = (int)s->s[i].phase;
    }
    return 1;
}

/* The user's columns that [balance] weights; blanks in a categorical one
 * are a category "Unknown" of their own. 0 on allocation failure. */
static int user_attributes(profile *p)
{
    const triad_schools *s = p->schools;
    bal_attr *a;
    for (size_t u = 0; u < s->nattr; u++) {
        const user_attr *ua = &s->attrs[u];
        double w = spec_weight(p->spec, ua->name, 0.0);
        if (w <= 0)
            continue;
        if (ua->numeric) {
            if (!(a = profile_add_attr(p, ua->name, "user column", 1, w, NULL, 0)))
                return 0;
            memcpy(a->value, ua->values, s->n * sizeof *a->value);
            numeric_stats(a, s->n);
            continue;
        }
        if (!(a = profile_add_attr(p, ua->name, "user column", 0, w, (const char *const *)ua->cats,
                           ua->ncat)))
            return 0;
        int any_blank = 0;
        for (size_t i = 0; i < s->n; i++) {
            a->code[i] = ua->codes[i] >= 0 ? ua->codes[i] : (int)ua->ncat;
            any_blank |= ua->codes[i] < 0;
        }
        if (any_blank && !(a->cats[a->ncat] = triad_i_strdup("Unknown")))
            return 0;
        if (any_blank)
            a->ncat++;
    }
    return 1;
}

/* A weight naming no attribute is most likely a typo: say so. */
static triad_status weights_name_attributes(const profile *p, triad_error *err)
{
    const triad_schools *s = p->schools;
    const triad_spec *spec = p->spec;
    for (size_t k = 0; k < spec->nweights; k++) {
        int found = 0;
        for (size_t j = 0; j < p->nattr && !found; j++)
            found = strcmp(p->attr[j].name, spec->weights[k].name) == 0;
        static const char *const builtin[] = {"ofsted", "deprivation", "urban_rural",
                                              "head_experience", "pupils", "area", "phase",
                                              "report_card"};
        for (size_t j = 0; j < 8 && !found; j++)
            found = strcmp(builtin[j], spec->weights[k].name) == 0;
        for (size_t j = 0; j < RC_AREAS && !found; j++)
            found = strncmp(spec->weights[k].name, "rc_", 3) == 0 &&
                    strcmp(spec->weights[k].name + 3, report_card_areas[j]) == 0;
        for (size_t j = 0; j < s->nattr && !found; j++)
            found = strcmp(s->attrs[j].name, spec->weights[k].name) == 0;
        if (!found)
            return triad_i_fail(
                err, TRIAD_ERR_SPEC, spec->source, 0, 0,
                "%s: [balance] names '%s', which is neither a built-in attribute "
                "(ofsted, deprivation, urban_rural, head_experience, pupils, area, phase, "
                "report_card, rc_AREA) nor a "
                "column of %s",
                spec->source, spec->weights[k].name, s->source);
    }
    return TRIAD_OK;
}

static triad_status build_attrs(profile *p, triad_error *err)
{
    const triad_schools *s = p->schools;
    double w;
    if (!builtin_categories(p))
        return triad_i_fail_nomem(err);
    if ((w = spec_weight(p->spec, "area", 1.0)) > 0 && (s->has_area || s->has_location) &&
        !build_area(p, w))
        return triad_i_fail_nomem(err);
    if ((w = spec_weight(p->spec, "pupils", 0.5)) > 0 && s->has_pupils) {
        bal_attr *a = profile_add_attr(p, "pupils", "number of pupils", 1, w, NULL, 0);
        if (!a)
            return triad_i_fail_nomem(err);
        for (size_t i = 0; i < s->n; i++)
            a->value[i] = s->s[i].pupils;
        numeric_stats(a, s->n);
    }
    if (!user_attributes(p))
        return triad_i_fail_nomem(err);
    return weights_name_attributes(p, err);
}

static int add_stratum(profile *p, const char *name, const stratum_spec *ss)
{
    pstratum *ns = realloc(p->strata, (p->nstrata + 1) * sizeof *ns);
    if (!ns)
        return -1;
    p->strata = ns;
    pstratum *t = &ns[p->nstrata];
    t->name = triad_i_strdup(name);
    if (!t->name)
        return -1;
    t->min_size = ss->min_size;
    t->max_size = ss->max_size;
    t->nsizes = ss->nsizes;
    memcpy(t->sizes, ss->sizes, sizeof t->sizes);
    t->triad_size = ss->triad_size;
    t->sector_wide = ss->sector_wide;
    t->local = ss->local;
    t->small_one_group = ss->small_one_group;
    t->n = 0;
    return (int)p->nstrata++;
}

static const stratum_spec *stratum_settings(const triad_spec *spec, const char *name)
{
    for (size_t k = 0; k < spec->nstrata; k++)
        if (strcmp(spec->strata[k].name, name) == 0)
            return &spec->strata[k];
    return &spec->fallback;
}

/* The phase a school is planned by: its own, or with [strata]
 * special_by_age a special school's by its statutory ages - from 11 it
 * plans with secondary schools, to 11 with primary ones. */
static triad_phase age_phase(const triad_spec *spec, const school_rec *r)
{
    if (!spec->special_by_age || r->phase != TRIAD_PHASE_SPECIAL)
        return r->phase;
    if (r->low_age >= 11)
        return TRIAD_PHASE_SECONDARY;
    if (r->high_age <= 11)
        return TRIAD_PHASE_PRIMARY;
    return r->phase;
}

static triad_status build_strata(profile *p, triad_error *err)
{
    const triad_schools *s = p->schools;
    const triad_spec *spec = p->spec;
    size_t n = s->n;
    if (strcmp(spec->stratify, "phase") == 0) {
        int map[SPEC_MAX_STRATA];
        for (size_t k = 0; k < spec->nstrata; k++) {
            map[k] = -1;
            if (spec->strata[k].skip || !spec->strata[k].phases)
                continue;
            if ((map[k] = add_stratum(p, spec->strata[k].name, &spec->strata[k])) < 0)
                return triad_i_fail_nomem(err);
        }
        for (size_t i = 0; i < n; i++) {
            p->stratum[i] = -1;
            for (size_t k = 0; k < spec->nstrata; k++)
                if (spec->strata[k].phases & (1u << age_phase(spec, &s->s[i])))
                    p->stratum[i] = map[k];
        }
    } else if (strcmp(spec->stratify, "none") == 0) {
        /* the one stratum takes [stratum.all] when the spec has it */
        if (add_stratum(p, "all", stratum_settings(spec, "all")) < 0)
            return triad_i_fail_nomem(err);
        for (size_t i = 0; i < n; i++)
            p->stratum[i] = 0;
    } else {
        const user_attr *ua = NULL;
        for (size_t u = 0; u < s->nattr; u++)
            if (strcmp(s->attrs[u].name, spec->stratify) == 0)
                ua = &s->attrs[u];
        if (!ua || ua->numeric)
            return triad_i_fail(err, TRIAD_ERR_SPEC, spec->source, 0, 0,
                                "%s: [strata] by = %s: %s has no categorical column of that name "
                                "(use phase, none or a categorical column)",
                                spec->source, spec->stratify, s->source);
        int map[SPEC_MAX_STRATA + 1];
        if (ua->ncat > SPEC_MAX_STRATA)
            return triad_i_fail(err, TRIAD_ERR_SPEC, spec->source, 0, 0,
                                "%s: column %s has %zu categories; at most %d strata", spec->source,
                                ua->name, ua->ncat, SPEC_MAX_STRATA);
        for (size_t k = 0; k < spec->nstrata; k++) { /* a section for no category */
            int found = strcmp(spec->strata[k].name, "Unknown") == 0 || !spec->strata[k].line;
            for (size_t c = 0; c < ua->ncat && !found; c++)
                found = strcmp(spec->strata[k].name, ua->cats[c]) == 0;
            if (!found)
                return triad_i_fail(err, TRIAD_ERR_SPEC, spec->source, spec->strata[k].line, 0,
                                    "%s:%ld: [stratum.%s] names no category of column %s in %s "
                                    "(the strata of [strata] by = %s are its values)",
                                    spec->source, spec->strata[k].line, spec->strata[k].name,
                                    ua->name, s->source, spec->stratify);
        }
        for (size_t c = 0; c <= ua->ncat; c++) {
            const char *nm = c < ua->ncat ? ua->cats[c] : "Unknown";
            const stratum_spec *ss = stratum_settings(spec, nm);
            map[c] = ss->skip ? -1 : add_stratum(p, nm, ss);
            if (!ss->skip && map[c] < 0)
                return triad_i_fail_nomem(err);
        }
        for (size_t i = 0; i < n; i++)
            p->stratum[i] = map[ua->codes[i] >= 0 ? (size_t)ua->codes[i] : ua->ncat];
    }
    for (size_t i = 0; i < n; i++) {
        if (s->s[i].opted_out)
            p->stratum[i] = -1;
        if (p->stratum[i] >= 0)
            p->strata[p->stratum[i]].n++;
    }
    return TRIAD_OK;
}

static triad_status resolve_links(profile *p, const link_spec *ls, size_t nls, link_set **out,
                                  size_t *nout, triad_error *err)
{
    urn_index *ix = urn_index_new(p->schools);
    if (!ix)
        return triad_i_fail_nomem(err);
    *out = calloc(nls ? nls : 1, sizeof **out);
    if (!*out) {
        urn_index_free(ix);
        return triad_i_fail_nomem(err);
    }
    *nout = nls;
    triad_status st = TRIAD_OK;
    for (size_t k = 0; k < nls && st == TRIAD_OK; k++) {
        link_set *l = &(*out)[k];
        l->line = ls[k].line;
        l->school = malloc(ls[k].n * sizeof *l->school);
        if (!l->school) {
            st = triad_i_fail_nomem(err);
            break;
        }
        for (size_t j = 0; j < ls[k].n; j++) {
            long i = urn_index_find(ix, ls[k].urns[j]);
            if (i < 0) {
                st = triad_i_fail(err, TRIAD_ERR_UNKNOWN_SCHOOL, p->spec->source, ls[k].line, 0,
                                  "%s:%ld: URN %s is not in the schools file %s", p->spec->source,
                                  ls[k].line, ls[k].urns[j], p->schools->source);
                break;
            }
            l->school[l->n++] = i;
        }
    }
    urn_index_free(ix);
    return st;
}

static triad_status build_facts(profile *p, triad_error *err)
{
    const triad_schools *s = p->schools;
    char **names = malloc((s->n ? s->n : 1) * sizeof *names);
    if (!names)
        return triad_i_fail_nomem(err);
    for (size_t i = 0; i < s->n; i++) {
        const school_rec *r = &s->s[i];
        p->lead_ok[i] = (unsigned char)schools_rule_lead_eligible(r);
        p->concern[i] = (unsigned char)schools_rule_causing_concern(r);
        p->trust[i] = -1;
        if (!r->trust[0])
            continue;
        for (size_t t = 0; t < p->ntrust; t++)
            if (strcmp(names[t], r->trust) == 0)
                p->trust[i] = (int)t;
        if (p->trust[i] < 0) {
            names[p->ntrust] = r->trust;
            p->trust[i] = (int)p->ntrust++;
        }
    }
    free(names);
    return TRIAD_OK;
}

triad_status profile_build(const triad_schools *s, const triad_spec *spec, profile *p,
                           triad_error *err)
{
    memset(p, 0, sizeof *p);
    p->schools = s;
    p->spec = spec;
    p->n = s->n;
    size_t n = s->n ? s->n : 1;
    p->stratum = malloc(n * sizeof *p->stratum);
    p->lead_ok = calloc(n, 1);
    p->concern = calloc(n, 1);
    p->trust = malloc(n * sizeof *p->trust);
    triad_status st = (!p->stratum || !p->lead_ok || !p->concern || !p->trust)
                          ? triad_i_fail_nomem(err)
                          : TRIAD_OK;
    if (st == TRIAD_OK)
        st = build_attrs(p, err);
    if (st == TRIAD_OK)
        st = build_strata(p, err);
    if (st == TRIAD_OK)
        st = build_facts(p, err);
    if (st == TRIAD_OK)
        st = resolve_links(p, spec->must, spec->nmust, &p->must, &p->nmust, err);
    if (st == TRIAD_OK)
        st = resolve_links(p, spec->cannot, spec->ncannot, &p->cannot, &p->ncannot, err);
    if (st != TRIAD_OK)
        profile_free(p);
    return st;
}

double profile_km(const profile *p, size_t i, size_t j)
{
    const school_rec *a = &p->schools->s[i], *b = &p->schools->s[j];
    if (isnan(a->x) || isnan(a->y) || isnan(b->x) || isnan(b->y))
        return -1;
    /* sqrt of the squares, not hypot: every step is correctly rounded, so
     * the planner page's JavaScript gets the very same distances */
    double dx = a->x - b->x, dy = a->y - b->y;
    return sqrt(dx * dx + dy * dy) / 1000.0;
}

int profile_is_builtin_attribute(const char *name)
{
    static const char *const builtin[] = {"ofsted", "deprivation", "urbanrural", "headexperience",
                                          "pupils", "area", "phase", "reportcard"};
    char norm[256];
    triad_i_name_key(name, norm, sizeof norm);
    for (size_t k = 0; k < sizeof builtin / sizeof builtin[0]; k++)
        if (strcmp(norm, builtin[k]) == 0)
            return 1;
    return 0;
}
