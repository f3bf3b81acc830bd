/* HTML output where escaping is the default: every %s argument is escaped
 * for HTML text and quoted attributes, so no input-derived string (URN, name,
 * label, category, message) can become markup. Markup itself only ever comes
 * from format strings, which are literals in our code. Never installed. */
#ifndef TRIAD_REPORT_HTML_OUT_H
#define TRIAD_REPORT_HTML_OUT_H

#include "core/util.h"

/* Appends s escaped (& < > " ' and control characters). */
void html_escape(triad_i_buf *b, const char *s);

/* printf into b with %s escaped. Supports %%, %s, %c (escaped), %d %i %u %x
 * with h/l/ll/z modifiers, and %f %g %e with flags, width and precision. */
void html_printf(triad_i_buf *b, const char *fmt, ...) TRIAD_PRINTF(2, 3);

/* The Content-Security-Policy for a page whose only script is `script`:
 * nothing loads from anywhere, inline styles are allowed, and the one
 * script runs by its SHA-256 hash, so an injected script would not. */
void html_csp_meta(triad_i_buf *b, const char *script);

/* Colour k of twelve, dark enough for white figures and told apart on a
 * map (Surrey's eleven districts each have their own); k wraps. */
const char *report_palette(size_t k);

#endif
