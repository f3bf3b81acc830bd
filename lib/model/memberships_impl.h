/* The inside of triad_memberships. Never installed. */
#ifndef TRIAD_MODEL_MEMBERSHIPS_IMPL_H
#define TRIAD_MODEL_MEMBERSHIPS_IMPL_H

#include <stddef.h>

#include "triad/triad.h"

struct triad_memberships {
    size_t nschools; /* of the schools file read with */
    size_t npart;
    char **name, **kind; /* per partnership */
    size_t *size;        /* per partnership: its schools */
    size_t *start;       /* per school (nschools + 1): its entries in part/role */
    long *part;          /* partnership of each entry, ascending within a school */
    char **role;         /* per entry, "" when not given */
    size_t nentries;     /* entries allocated in part and role */
};

/* One row of the file, before the table is built. */
typedef struct membership_row {
    long school;
    long part;
    const char *role; /* borrowed from the caller's table */
} membership_row;

/* An empty set of memberships for n schools, with the partnerships' names
 * and kinds (copied); NULL when memory ran out. */
triad_memberships *memberships_new(size_t nschools, char *const *name, char *const *kind,
                                   size_t npart);

/* Fills m's per-school entries from rows (any order; a school never twice
 * in one partnership). 0 when memory ran out. */
int memberships_fill(triad_memberships *m, const membership_row *rows, size_t nrows);

#endif
