#include "report/html_out.h"

#include <nettle/base64.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void html_escape(triad_i_buf *b, const char *s)
{
    if (!s)
        return;
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        char num[12];
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            /* control characters (not tab/newline) have no business in a page */
            if (c < 0x20 && c != '\t' && c != '\n') {
                snprintf(num, sizeof num, "&#%u;", 0xfffdu);
                rep = num;
            }
        }
        if (!rep)
            continue;
        if (s > run) {
            char *chunk = triad_i_strndup(run, (size_t)(s - run));
            if (!chunk) {
                b->failed = 1;
                return;
            }
            triad_i_buf_puts(b, chunk);
            free(chunk);
        }
        triad_i_buf_puts(b, rep);
        run = s + 1;
    }
    triad_i_buf_puts(b, run);
}

void html_printf(triad_i_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *p = fmt, *lit = fmt;
    while (*p) {
        if (*p != '%') {
            p++;
            continue;
        }
        /* flush the literal text before the conversion */
        if (p > lit) {
            char *chunk = triad_i_strndup(lit, (size_t)(p - lit));
            if (!chunk) {
                b->failed = 1;
                break;
            }
            triad_i_buf_puts(b, chunk);
            free(chunk);
        }
        const char *start = p++;
        if (*p == '%') {
            triad_i_buf_puts(b, "%");
            lit = ++p;
            continue;
        }
        while (*p && strchr("-+ #0", *p))
            p++;
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p == '.')
            for (p++; *p >= '0' && *p <= '9'; p++)
                ;
        int longs = 0, size = 0;
        while (*p == 'l' || *p == 'h' || *p == 'z') {
            longs += *p == 'l';
            size |= *p == 'z';
            p++;
        }
        char conv = *p ? *p++ : '\0';
        char spec[32], out[128];
        size_t sl = (size_t)(p - start);
        if (sl >= sizeof spec) {
            b->failed = 1;
            break;
        }
        memcpy(spec, start, sl);
        spec[sl] = '\0';
        switch (conv) {
        case 's': html_escape(b, va_arg(ap, const char *)); break;
        case 'c': {
            char one[2] = {(char)va_arg(ap, int), 0};
            html_escape(b, one);
            break;
        }
        case 'd': case 'i': case 'u': case 'x':
            if (size)
                snprintf(out, sizeof out, spec, va_arg(ap, size_t));
            else if (longs >= 2)
                snprintf(out, sizeof out, spec, va_arg(ap, long long));
            else if (longs == 1)
                snprintf(out, sizeof out, spec, va_arg(ap, long));
            else
                snprintf(out, sizeof out, spec, va_arg(ap, int));
            triad_i_buf_puts(b, out);
            break;
        case 'f': case 'g': case 'e':
            snprintf(out, sizeof out, spec, va_arg(ap, double));
            triad_i_buf_puts(b, out);
            break;
        default: b->failed = 1; /* a format our own code got wrong */
        }
        lit = p;
    }
    if (p > lit)
        triad_i_buf_puts(b, lit);
    va_end(ap);
}

void html_csp_meta(triad_i_buf *b, const char *script)
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    char b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE) + 1];
    sha256_init(&ctx);
    sha256_update(&ctx, strlen(script), (const uint8_t *)script);
    sha256_digest(&ctx, sizeof digest, digest);
    base64_encode_raw(b64, sizeof digest, digest);
    b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE)] = '\0';
    triad_i_buf_printf(b,
                       "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
                       "script-src 'sha256-%s'; style-src 'unsafe-inline'; img-src data:; "
                       "base-uri 'none'; form-action 'none'\">\n",
                       b64);
}

const char *report_palette(size_t k)
{
    static const char *const palette[] = {"#1b9e77", "#66a61e", "#e6ab02", "#d95f02",
                                          "#7570b3", "#a6761d", "#e7298a", "#666666",
                                          "#1f78b4", "#e31a1c", "#0e8c8c", "#8c2d04"};
    return palette[k % (sizeof palette / sizeof palette[0])];
}
