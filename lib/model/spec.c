/* The problem spec: its built-in defaults, lifetime and the weights and
 * solver settings other stages read from it. */
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/text_decode.h"
#include "model/schools_impl.h"
#include "model/spec_impl.h"
#include "model/spec_ini.h"

void spec_stratum_set(stratum_spec *s, const char *name, unsigned phases)
{
    s->name = triad_i_strdup(name);
    s->phases = phases;
    s->small_one_group = SMALL_AUTO;
    s->min_size = 6;
    s->max_size = 9;
    s->triad_size = 3;
    s->skip = 0;
}

void triad_spec_free(triad_spec *spec)
{
    if (!spec)
        return;
    for (size_t i = 0; i < spec->nstrata; i++)
        free(spec->strata[i].name);
    free(spec->fallback.name);
    for (size_t i = 0; i < spec->nweights; i++)
        free(spec->weights[i].name);
    free(spec->weights);
    for (int k = 0; k < 2; k++) {
        link_spec *l = k ? spec->cannot : spec->must;
        size_t n = k ? spec->ncannot : spec->nmust;
        for (size_t i = 0; i < n; i++) {
            for (size_t j = 0; j < l[i].n; j++)
                free(l[i].urns[j]);
            free(l[i].urns);
        }
        free(l);
    }
    free(spec->stratify);
    free(spec->source);
    free(spec);
}

triad_status triad_spec_new(triad_spec **out, triad_error *err)
{
    triad_error_clear(err);
    if (!out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "out is NULL");
    triad_spec *s = calloc(1, sizeof *s);
    if (!s)
        return triad_i_fail_nomem(err);
    s->stratify = triad_i_strdup("phase");
    s->source = triad_i_strdup("<defaults>");
    /* Peterborough's design: primary collaboratives of six to nine, and
     * secondary and special schools by sector. */
    spec_stratum_set(&s->strata[0], "primary",
                PH(TRIAD_PHASE_NURSERY) | PH(TRIAD_PHASE_PRIMARY) | PH(TRIAD_PHASE_MIDDLE) |
                    PH(TRIAD_PHASE_INFANT) | PH(TRIAD_PHASE_JUNIOR) | PH(TRIAD_PHASE_FIRST));
    spec_stratum_set(&s->strata[1], "secondary",
                PH(TRIAD_PHASE_SECONDARY) | PH(TRIAD_PHASE_ALL_THROUGH) |
                    PH(TRIAD_PHASE_SIXTEEN_PLUS) | PH(TRIAD_PHASE_MIDDLE_SECONDARY));
    spec_stratum_set(&s->strata[2], "special", PH(TRIAD_PHASE_SPECIAL) | PH(TRIAD_PHASE_PRU));
    spec_stratum_set(&s->fallback, "default", 0);
    s->nstrata = 3;
    s->trust_cap_collab = 2;
    s->trust_cap_triad = 1;
    s->lead_required = 1;
    s->lead_term = 2;
    s->lead_days = 20;
    s->funding_load_ratio = 1.25;
    s->no_concern_triads = 1;
    s->history_avoid = 1;
    s->history_weight = 5.0;
    s->history_fade = 0.5;
    s->collab_weight = 2.0;
    s->local_weight = 0.1;
    s->method = TRIAD_METHOD_AUTO;
    s->time_limit = DEFAULT_TIME_LIMIT;
    s->seed = DEFAULT_SEED;
    s->threads = DEFAULT_THREADS;
    if (!s->stratify || !s->source || !s->strata[0].name || !s->strata[1].name ||
        !s->strata[2].name || !s->fallback.name) {
        triad_spec_free(s);
        return triad_i_fail_nomem(err);
    }
    *out = s;
    return TRIAD_OK;
}

double spec_weight(const triad_spec *spec, const char *name, double def)
{
    for (size_t i = 0; i < spec->nweights; i++)
        if (strcmp(spec->weights[i].name, name) == 0)
            return spec->weights[i].weight;
    return def;
}

void triad_spec_apply_solver(const triad_spec *spec, triad_solve_options *o)
{
    if (!spec || !o)
        return;
    if (spec->has_method)
        o->method = spec->method;
    if (spec->has_seed)
        o->seed = spec->seed;
    if (spec->has_threads)
        o->threads = spec->threads;
    if (spec->has_time_limit)
        o->time_limit = spec->time_limit;
}

triad_status spec_or_default(const triad_spec **spec, triad_spec **own, triad_error *err)
{
    *own = NULL;
    if (*spec)
        return TRIAD_OK;
    triad_status st = triad_spec_new(own, err);
    if (st == TRIAD_OK)
        *spec = *own;
    return st;
}
