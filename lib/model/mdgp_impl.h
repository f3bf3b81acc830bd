/* The inside of triad_mdgp. Never installed. */
#ifndef TRIAD_MODEL_MDGP_IMPL_H
#define TRIAD_MODEL_MDGP_IMPL_H

#include <stddef.h>

#include "core/limits.h"
#include "triad/triad.h"


struct triad_mdgp {
    size_t n, m;
    int *lo, *up; /* per group */
    double *d;    /* n * n, symmetric, zero diagonal */
};

#endif
