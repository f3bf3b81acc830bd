/* Turns the bytes of a text file into UTF-8 without BOM. Never installed. */
#ifndef TRIAD_CORE_TEXT_DECODE_H
#define TRIAD_CORE_TEXT_DECODE_H

#include <stddef.h>

#include "triad/triad.h"

/* Checks data for NUL bytes (an error naming line and column), drops a UTF-8
 * BOM, and converts Windows-1252 to UTF-8 when data is not valid UTF-8.
 * *out is a new NUL-terminated buffer the caller frees. */
triad_status text_decode(const char *data, size_t size, const char *name, char **out,
                         size_t *out_size, triad_error *err);

/* 1 when the n bytes at s are valid UTF-8. */
int text_is_utf8(const unsigned char *s, size_t n);
/* Length of the valid UTF-8 character at s (of n bytes), 0 if there is
 * none (a stray, overlong, surrogate or cut-off sequence). */
size_t text_utf8_length(const unsigned char *s, size_t n);
/* A copy of s (caller frees) in which every byte that is not part of valid
 * UTF-8 is U+FFFD; NULL when out of memory. */
char *text_utf8_repair(const char *s);

#endif
