/* The feature matrix of the anticlustering objectives (triad_objectives):
 * one row per school, a z-score per numeric attribute (a missing value
 * is the attribute's mean, so 0) and a 0/1 column per category. Never
 * installed. */
#ifndef TRIAD_CHECK_FEATURES_H
#define TRIAD_CHECK_FEATURES_H
#include <stddef.h>

#include "model/profile.h"

/* The matrix, row-major, p->n rows of *nf columns; NULL when out of
 * memory. Caller frees. */
double *objective_features(const profile *p, size_t *nf);
#endif
