/* Strings into JSON without losing any. Never installed. */
#ifndef TRIAD_IO_JSON_TEXT_H
#define TRIAD_IO_JSON_TEXT_H

#include <jansson.h>

/* A JSON string of s. jansson's json_string() returns NULL for text that is
 * not UTF-8 (a file name in a message, say), and a NULL handed to
 * json_object_set_new() drops the key without a word; here such bytes
 * become U+FFFD instead. NULL s gives JSON null; NULL only when out of
 * memory. */
json_t *json_text(const char *s);

#endif
