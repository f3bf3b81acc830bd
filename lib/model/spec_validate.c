/* Checks across keys that need no schools: sizes given twice, sector-wide
 * strata with sizes, sections that name no stratum, contradictions. */
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

/* Checks that do not need the schools: size bounds, direct contradictions. */
/* keep and avoid = hard in [history] contradict each other. */
static triad_status history_contradiction(const triad_spec *s, const ini_ctx *c,
                                          triad_error *err)
{
    if (!(s->history_keep > 0 && s->history_avoid == 2))
        return TRIAD_OK;
    long kl = 0, al = 0;
    for (size_t i = 0; i < c->nseen; i++)
        if (strcmp(c->seen[i].section, "history") == 0) {
            if (strcmp(c->seen[i].key, "keep") == 0)
                kl = c->seen[i].line;
            if (strcmp(c->seen[i].key, "avoid") == 0)
                al = c->seen[i].line;
        }
    return triad_i_fail(err, TRIAD_ERR_SPEC, s->source, kl, 0,
                        "%s:%ld: contradictory constraints: [history] keep = %g keeps last "
                        "year's partners together, avoid = hard (line %ld) keeps them apart",
                        s->source, kl, s->history_keep, al);
}

/* Each stratum's sizes: a set and a range together, sizes with
 * sector_wide (no effect). */
static triad_status sizes_contradictions(triad_spec *s, triad_error *err)
{
    stratum_spec *all[SPEC_MAX_STRATA + 1];
    size_t n = 0;
    for (size_t i = 0; i < s->nstrata; i++)
        all[n++] = &s->strata[i];
    all[n++] = &s->fallback;
    for (size_t i = 0; i < n; i++) {
        const stratum_spec *st = all[i];
        long line = st->sizes_line ? st->sizes_line : st->range_line;
        if (st->nsizes && st->range_line)
            return triad_i_fail(err, TRIAD_ERR_SPEC, s->source, st->range_line, 0,
                                "%s:%ld: contradictory sizes: stratum %s gives sizes (line %ld) "
                                "and min_size/max_size; give one of them",
                                s->source, st->range_line, st->name, st->sizes_line);
        if (st->sector_wide && line)
            return triad_i_fail(err, TRIAD_ERR_SPEC, s->source, line, 0,
                                "%s:%ld: stratum %s is sector_wide (one collaborative of the "
                                "whole stratum), so its sizes have no effect: give one of them",
                                s->source, line, st->name);
    }
    return TRIAD_OK;
}

static triad_status range_inverted(const triad_spec *s, triad_error *err)
{
    for (size_t i = 0; i <= s->nstrata; i++) {
        const stratum_spec *st = i < s->nstrata ? &s->strata[i] : &s->fallback;
        if (st->min_size > st->max_size)
            return triad_i_fail(err, TRIAD_ERR_SPEC, s->source, 0, 0,
                                "%s: stratum %s: min_size %d is larger than max_size %d", s->source,
                                st->name, st->min_size, st->max_size);
    }
    return TRIAD_OK;
}

/* A [stratum.X] section that names no stratum of the chosen [strata] by:
 * under phase, no phases of its own and not one of the built-in strata
 * (the data decides for by = a column: profile.c); under none, anything
 * but [stratum.all]. */
static triad_status strata_without_effect(const triad_spec *s, triad_error *err)
{
    const char *phase_strata[SPEC_MAX_STRATA + 1];
    size_t nps = 0;
    for (size_t i = 0; i < s->nstrata; i++)
        if (s->strata[i].phases)
            phase_strata[nps++] = s->strata[i].name;
    phase_strata[nps] = NULL;
    for (size_t i = 0; strcmp(s->stratify, "phase") == 0 && i < s->nstrata; i++)
        if (!s->strata[i].phases && !s->strata[i].skip && s->strata[i].line) {
            char hint[96];
            return triad_i_fail(err, TRIAD_ERR_SPEC, s->source, s->strata[i].line, 0,
                                "%s:%ld: [stratum.%s] names no stratum of [strata] by = phase "
                                "(primary, secondary, special, or a new one with phases = ...)%s",
                                s->source, s->strata[i].line, s->strata[i].name,
                                spec_did_you_mean(s->strata[i].name, phase_strata, hint,
                                                  sizeof hint));
        }
    for (size_t i = 0; strcmp(s->stratify, "none") == 0 && i < s->nstrata; i++)
        if (s->strata[i].line && strcmp(s->strata[i].name, "all") != 0)
            return triad_i_fail(err, TRIAD_ERR_SPEC, s->source, s->strata[i].line, 0,
                                "%s:%ld: [stratum.%s] has no effect under [strata] by = none, "
                                "where the one stratum is [stratum.all]",
                                s->source, s->strata[i].line, s->strata[i].name);
    return TRIAD_OK;
}

/* A cannot_link line and a must_link line naming the same two schools. */
static triad_status links_contradiction(const triad_spec *s, triad_error *err)
{
    for (size_t a = 0; a < s->nmust; a++)
        for (size_t b = 0; b < s->ncannot; b++) {
            const link_spec *m = &s->must[a], *c = &s->cannot[b];
            size_t hits = 0;
            const char *u1 = NULL, *u2 = NULL;
            for (size_t i = 0; i < c->n; i++)
                for (size_t j = 0; j < m->n; j++)
                    if (strcmp(c->urns[i], m->urns[j]) == 0) {
                        if (hits++ == 0)
                            u1 = c->urns[i];
                        else
                            u2 = c->urns[i];
                    }
            if (hits >= 2)
                return triad_i_fail(err, TRIAD_ERR_SPEC, s->source, c->line, 0,
                                    "%s:%ld: contradictory constraints: cannot_link (line %ld) and "
                                    "must_link (line %ld) both name %s and %s",
                                    s->source, c->line, c->line, m->line, u1, u2);
        }
    return TRIAD_OK;
}

triad_status spec_validate(triad_spec *s, const ini_ctx *c, triad_error *err)
{
    triad_status st = history_contradiction(s, c, err);
    if (st == TRIAD_OK)
        st = sizes_contradictions(s, err);
    if (st == TRIAD_OK)
        st = strata_without_effect(s, err);
    if (st == TRIAD_OK)
        st = range_inverted(s, err);
    if (st == TRIAD_OK)
        st = links_contradiction(s, err);
    return st;
}
