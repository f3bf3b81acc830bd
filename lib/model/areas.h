/* Areas derived from coordinates (see areas.c). Never installed. */
#ifndef TRIAD_MODEL_AREAS_H
#define TRIAD_MODEL_AREAS_H

#include <stddef.h>

/* The default number of areas for this many located schools. */
size_t areas_default_count(size_t located);

/* Cuts the located points (x, y not NAN) into `areas` contiguous regions of
 * about equal counts; code[i] receives the area of point i (-1 when not
 * located) and *names `areas` labels ("North-west", "Central", ...) the
 * caller frees (each, then the array). Deterministic. 0, or -1 on
 * allocation failure. */
int areas_derive(const double *x, const double *y, size_t n, size_t areas, int *code,
                 char ***names);

#endif
