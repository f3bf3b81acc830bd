#include "core/text_decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

size_t text_utf8_length(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned char c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    unsigned cp = c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

int text_is_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0, len; i < n; i += len)
        if ((len = text_utf8_length(s + i, n - i)) == 0)
            return 0;
    return 1;
}

char *text_utf8_repair(const char *s)
{
    size_t n = strlen(s);
    /* each bad byte becomes U+FFFD's three bytes */
    char *out = malloc(3 * n + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0, len; i < n; i += len ? len : 1) {
        len = text_utf8_length((const unsigned char *)s + i, n - i);
        if (len) {
            memcpy(o, s + i, len);
            o += len;
        } else {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
        }
    }
    *o = '\0';
    return out;
}

static void locate(const char *data, size_t pos, long *line, long *col)
{
    long l = 1, c = 1;
    for (size_t i = 0; i < pos; i++) {
        if (data[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static triad_status convert(const char *data, size_t size, const char *from, const char *name,
                            char **out, size_t *out_size, triad_error *err)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return triad_i_fail(err, TRIAD_ERR_INTERNAL, name, 0, 0,
                            "%s is not UTF-8 and %s conversion is unavailable", name, from);
    size_t cap = size * 3 + 4;
    char *buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return triad_i_fail_nomem(err);
    }
    char *in = (char *)data, *o = buf;
    size_t inleft = size, outleft = cap - 1;
    size_t r = iconv(cd, &in, &inleft, &o, &outleft);
    iconv_close(cd);
    if (r == (size_t)-1) {
        long line, col;
        locate(data, (size_t)(in - data), &line, &col);
        free(buf);
        return triad_i_fail(err, TRIAD_ERR_CSV, name, line, col,
                            "%s:%ld:%ld: byte 0x%02X is neither UTF-8 nor %s text", name, line, col,
                            (unsigned)(unsigned char)*in,
                            strcmp(from, "WINDOWS-1252") == 0 ? "Windows-1252" : from);
    }
    *o = '\0';
    *out = buf;
    *out_size = (size_t)(o - buf);
    return TRIAD_OK;
}

triad_status text_decode(const char *data, size_t size, const char *name, char **out,
                         size_t *out_size, triad_error *err)
{
    *out = NULL;
    *out_size = 0;
    /* "Unicode text" from a spreadsheet is UTF-16 with a BOM: convert it,
     * then decode the result like any other file (NULs, BOM, UTF-8). */
    const unsigned char *u = (const unsigned char *)data;
    if (size >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        char *u8;
        size_t n8;
        triad_status st = convert(data, size, "UTF-16", name, &u8, &n8, err);
        if (st != TRIAD_OK)
            return st;
        st = text_decode(u8, n8, name, out, out_size, err);
        free(u8);
        return st;
    }
    const char *nul = memchr(data, '\0', size);
    if (nul) {
        long line, col;
        locate(data, (size_t)(nul - data), &line, &col);
        return triad_i_fail(err, TRIAD_ERR_CSV, name, line, col,
                            "%s:%ld:%ld: NUL byte in a text file (is it a spreadsheet, not CSV?)",
                            name, line, col);
    }
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        size -= 3;
    }
    if (!text_is_utf8((const unsigned char *)data, size))
        return convert(data, size, "WINDOWS-1252", name, out, out_size, err);
    char *buf = triad_i_strndup(data, size);
    if (!buf)
        return triad_i_fail_nomem(err);
    *out = buf;
    *out_size = size;
    return TRIAD_OK;
}
