#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "model/schools_impl.h"

static const char *const phase_names[TRIAD_PHASE_COUNT] = {
    "Nursery", "Primary", "Middle", "Secondary", "All-through", "Special", "PRU", "16 plus",
    "Infant",  "Junior",  "First",  "Middle deemed secondary"};

const char *triad_phase_name(triad_phase phase)
{
    return (unsigned)phase < TRIAD_PHASE_COUNT ? phase_names[phase] : "unknown";
}

void triad_schools_free(triad_schools *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->s[i].urn);
        free(s->s[i].name);
        free(s->s[i].trust);
        free(s->s[i].area);
        free(s->s[i].head);
    }
    free(s->s);
    for (size_t a = 0; a < s->nattr; a++) {
        user_attr *u = &s->attrs[a];
        free(u->name);
        for (size_t c = 0; c < u->ncat; c++)
            free(u->cats[c]);
        free(u->cats);
        free(u->codes);
        free(u->values);
    }
    free(s->attrs);
    for (size_t k = 0; k < s->ngaps; k++)
        free(s->gaps[k]);
    free(s->gaps);
    free(s->source);
    free(s);
}

size_t triad_schools_gap_count(const triad_schools *s)
{
    return s ? s->ngaps : 0;
}

const char *triad_schools_gap(const triad_schools *s, size_t k)
{
    return s && k < s->ngaps ? s->gaps[k] : NULL;
}

size_t triad_schools_count(const triad_schools *s)
{
    return s ? s->n : 0;
}

triad_format triad_schools_format(const triad_schools *s)
{
    return s ? s->format : TRIAD_FORMAT_AUTO;
}

const char *triad_schools_urn(const triad_schools *s, size_t i)
{
    return s && i < s->n ? s->s[i].urn : NULL;
}

const char *triad_schools_name(const triad_schools *s, size_t i)
{
    return s && i < s->n ? s->s[i].name : NULL;
}

triad_phase triad_schools_phase(const triad_schools *s, size_t i)
{
    return s && i < s->n ? s->s[i].phase : TRIAD_PHASE_COUNT;
}

int triad_schools_ofsted(const triad_schools *s, size_t i)
{
    return s && i < s->n ? s->s[i].ofsted : 0;
}

size_t triad_schools_attribute_count(const triad_schools *s)
{
    return s ? s->nattr : 0;
}

const char *triad_schools_attribute_name(const triad_schools *s, size_t a)
{
    return s && a < s->nattr ? s->attrs[a].name : NULL;
}

int triad_schools_attribute_is_numeric(const triad_schools *s, size_t a)
{
    return s && a < s->nattr ? s->attrs[a].numeric : 0;
}

/* ------------------------------------------------------------ URN index */

struct urn_index {
    size_t mask;
    long *slot; /* school index + 1, 0 = empty */
    const triad_schools *s;
};

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

urn_index *urn_index_new(const triad_schools *s)
{
    urn_index *ix = malloc(sizeof *ix);
    if (!ix)
        return NULL;
    size_t cap = 16;
    while (cap < s->n * 2 + 1)
        cap *= 2;
    ix->slot = calloc(cap, sizeof *ix->slot);
    if (!ix->slot) {
        free(ix);
        return NULL;
    }
    ix->mask = cap - 1;
    ix->s = s;
    for (size_t i = 0; i < s->n; i++) {
        size_t h = hash_str(s->s[i].urn) & ix->mask;
        while (ix->slot[h])
            h = (h + 1) & ix->mask;
        ix->slot[h] = (long)i + 1;
    }
    return ix;
}

long urn_index_find(const urn_index *ix, const char *urn)
{
    size_t h = hash_str(urn) & ix->mask;
    while (ix->slot[h]) {
        long i = ix->slot[h] - 1;
        if (strcmp(ix->s->s[i].urn, urn) == 0)
            return i;
        h = (h + 1) & ix->mask;
    }
    return -1;
}

void urn_index_free(urn_index *ix)
{
    if (!ix)
        return;
    free(ix->slot);
    free(ix);
}

/* ------------------------------------------------------ text vocabularies */

int parse_ofsted_text(const char *t, int *grade)
{
    static const struct {
        const char *text;
        int grade;
    } words[] = {
        {"", 0}, {"not inspected", 0}, {"not yet inspected", 0}, {"null", 0}, {"none", 0},
        {"na", 0}, {"n/a", 0}, {"not judged", 0}, {"9", 0}, {"1", 1}, {"outstanding", 1},
        {"2", 2}, {"good", 2}, {"3", 3}, {"requires improvement", 3}, {"satisfactory", 3},
        {"4", 4}, {"inadequate", 4}, {"serious weaknesses", 4}, {"special measures", 4},
    };
    if (triad_i_is_blank(t)) {
        *grade = 0;
        return 1;
    }
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (triad_i_streq_ci(t, words[k].text)) {
            *grade = words[k].grade;
            return 1;
        }
    return 0;
}

static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t k = 0;
        while (k < n && hay[k] && (hay[k] | 32) == (needle[k] | 32))
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

int parse_phase_text(const char *p, const char *type, triad_phase *phase)
{
    static const struct {
        const char *text;
        triad_phase phase;
    } words[] = {
        {"nursery", TRIAD_PHASE_NURSERY},
        {"primary", TRIAD_PHASE_PRIMARY},
        {"infant", TRIAD_PHASE_INFANT},
        {"junior", TRIAD_PHASE_JUNIOR},
        {"first", TRIAD_PHASE_FIRST},
        {"middle deemed primary", TRIAD_PHASE_MIDDLE},
        {"middle deemed secondary", TRIAD_PHASE_MIDDLE_SECONDARY},
        {"middle", TRIAD_PHASE_MIDDLE},
        {"secondary", TRIAD_PHASE_SECONDARY},
        {"all-through", TRIAD_PHASE_ALL_THROUGH},
        {"all through", TRIAD_PHASE_ALL_THROUGH},
        {"special", TRIAD_PHASE_SPECIAL},
        {"pru", TRIAD_PHASE_PRU},
        {"pupil referral unit", TRIAD_PHASE_PRU},
        {"alternative provision", TRIAD_PHASE_PRU},
        {"16 plus", TRIAD_PHASE_SIXTEEN_PLUS},
        {"16+", TRIAD_PHASE_SIXTEEN_PLUS},
        {"sixteen plus", TRIAD_PHASE_SIXTEEN_PLUS},
    };
    /* The establishment type is more specific than the phase for special
     * schools and PRUs, which GIAS files under "Not applicable". */
    if (type && contains_ci(type, "special")) {
        *phase = TRIAD_PHASE_SPECIAL;
        return 1;
    }
    if (type && (contains_ci(type, "pupil referral") || contains_ci(type, "alternative provision"))) {
        *phase = TRIAD_PHASE_PRU;
        return 1;
    }
    if (!p)
        return 0;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (triad_i_streq_ci(p, words[k].text)) {
            *phase = words[k].phase;
            return 1;
        }
    return 0;
}
