#include "core/util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Messages quote what the data held ("unknown grade '...'"): a control
 * byte there (an escape sequence, a bell) would act on the terminal that
 * shows the message, so each is written as \xHH. Truncates to size. */
static void escape_controls(char *dst, size_t size, const char *src)
{
    size_t k = 0;
    for (; *src && k + 1 < size; src++) {
        unsigned char c = (unsigned char)*src;
        if ((c < 0x20 && c != '\n') || c == 0x7f) {
            if (k + 5 >= size)
                break;
            k += (size_t)snprintf(dst + k, size - k, "\\x%02x", c);
        } else {
            dst[k++] = (char)c;
        }
    }
    dst[k] = '\0';
}

triad_status triad_i_fail(triad_error *err, triad_status status, const char *file, long line,
                          long column, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        char raw[sizeof err->message];
        err->status = status;
        escape_controls(err->file, sizeof err->file, file ? file : "");
        err->line = line;
        err->column = column;
        va_start(ap, fmt);
        vsnprintf(raw, sizeof raw, fmt, ap);
        va_end(ap);
        escape_controls(err->message, sizeof err->message, raw);
    }
    return status;
}

triad_status triad_i_take_options(void *dst, size_t dst_size, const void *src, const char *name,
                                  triad_error *err)
{
    if (!src)
        return TRIAD_OK;
    size_t got;
    memcpy(&got, src, sizeof got); /* struct_size is every options struct's first field */
    triad_status st = triad_i_check_struct_size(got, dst_size, name, err);
    if (st != TRIAD_OK)
        return st;
    memcpy(dst, src, got); /* an older caller's fields; this version's defaults after */
    memcpy(dst, &dst_size, sizeof dst_size);
    return TRIAD_OK;
}

triad_status triad_i_check_struct_size(size_t got, size_t want, const char *name, triad_error *err)
{
    /* any size from one holding struct_size up to this version's: fields
     * are only ever appended, so a smaller struct is an older caller's */
    if (got >= sizeof(size_t) + sizeof(int) && got <= want)
        return TRIAD_OK;
    if (got == 0)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "%s.struct_size is 0: fill the options with %s_init() first", name,
                            name);
    return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                        "%s.struct_size is %zu, which no version of libtriad uses up to this one "
                        "(at most %zu: a program built against a newer header needs a newer "
                        "library)",
                        name, got, want);
}

triad_status triad_i_fail_nomem(triad_error *err)
{
    return triad_i_fail(err, TRIAD_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

char *triad_i_strndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *triad_i_strdup(const char *s)
{
    return triad_i_strndup(s, strlen(s));
}

int triad_i_streq_ci(const char *a, const char *b)
{
    while (*a && isspace((unsigned char)*a))
        a++;
    size_t la = strlen(a);
    while (la > 0 && isspace((unsigned char)a[la - 1]))
        la--;
    if (la != strlen(b))
        return 0;
    for (size_t i = 0; i < la; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
            return 0;
    return 1;
}

int triad_i_has_control(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return 1;
    return 0;
}

int triad_i_has_stray_control(const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            return 1;
    }
    return 0;
}

int triad_i_is_blank(const char *s)
{
    if (!s)
        return 1;
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

void triad_i_buf_init(triad_i_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

void triad_i_buf_free(triad_i_buf *b)
{
    free(b->data);
    triad_i_buf_init(b);
}

static int buf_reserve(triad_i_buf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = 1;
            return 0;
        }
        cap *= 2;
    }
    char *d = realloc(b->data, cap);
    if (!d) {
        b->failed = 1;
        return 0;
    }
    b->data = d;
    b->cap = cap;
    return 1;
}

static void buf_append(triad_i_buf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void triad_i_buf_puts(triad_i_buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void triad_i_buf_printf(triad_i_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !buf_reserve(b, (size_t)n)) {
        if (n < 0)
            b->failed = 1;
        va_end(ap2);
        return;
    }
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    b->len += (size_t)n;
}

/* One field, quoted when it must be; no formula guard. */
static void csv_quoted(triad_i_buf *b, const char *s)
{
    /* libcsv trims blanks and tabs around an unquoted field: a field that
     * starts or ends with one is quoted, or it would not read back */
    size_t len = strlen(s);
    int edge_blank = len && (strchr(" \t", s[0]) || strchr(" \t", s[len - 1]));
    if (!strpbrk(s, ",\"\r\n") && !edge_blank) {
        triad_i_buf_puts(b, s);
        return;
    }
    buf_append(b, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_append(b, "\"\"", 2);
        else
            buf_append(b, p, 1);
    }
    buf_append(b, "\"", 1);
}

int csv_looks_guarded(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && s[k] == '\'')
        k++;
    return k >= 1 && k < n && s[k] && strchr(CSV_FORMULA_CHARS, s[k]) != NULL;
}

void triad_i_buf_csv_field(triad_i_buf *b, const char *s)
{
    double num;
    if (!s)
        return;
    /* Guarded: text a spreadsheet would run as a formula, and text that
     * already starts like the guard (reading it back would take its
     * apostrophe off). */
    int guard_like = csv_looks_guarded(s, strlen(s));
    if (guard_like || (s[0] && strchr(CSV_FORMULA_CHARS, s[0]) && !triad_i_parse_double(s, &num))) {
        triad_i_buf guarded;
        triad_i_buf_init(&guarded);
        triad_i_buf_puts(&guarded, "'");
        triad_i_buf_puts(&guarded, s);
        if (guarded.failed)
            b->failed = 1;
        else
            csv_quoted(b, guarded.data);
        triad_i_buf_free(&guarded);
        return;
    }
    csv_quoted(b, s);
}

triad_status triad_i_read_file(const char *path, size_t max_size, char **data, size_t *size,
                               triad_error *err)
{
    *data = NULL;
    *size = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return triad_i_fail(err, TRIAD_ERR_IO, path, 0, 0, "cannot open %s: %s", path,
                            strerror(errno));
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    triad_status st = TRIAD_OK;
    if (!buf) {
        st = triad_i_fail_nomem(err);
        goto done;
    }
    for (;;) {
        if (len == cap) {
            if (cap >= max_size)
                break; /* one byte over the limit was read: refused below */
            size_t ncap = cap * 2 > max_size ? max_size + 1 : cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                st = triad_i_fail_nomem(err);
                goto done;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (len > max_size || (len == cap && cap >= max_size && fgetc(f) != EOF))
        st = triad_i_fail(err, TRIAD_ERR_NOMEM, path, 0, 0,
                          "%s is larger than the limit of %zu bytes", path, max_size);
    else if (ferror(f))
        st = triad_i_fail(err, TRIAD_ERR_IO, path, 0, 0, "cannot read %s", path);
done:
    fclose(f);
    if (st != TRIAD_OK) {
        free(buf);
        return st;
    }
    *data = buf;
    *size = len;
    return TRIAD_OK;
}

/* Plain decimal notation only: strtod alone would also take hexadecimal
 * ("0x1A"), "inf", "nan" and locale forms that no data file means. */
static int is_decimal(const char *s, const char **end)
{
    const char *p = s;
    size_t digits = 0;
    if (*p == '+' || *p == '-')
        p++;
    while (isdigit((unsigned char)*p)) {
        p++;
        digits++;
    }
    if (*p == '.')
        for (p++; isdigit((unsigned char)*p); p++)
            digits++;
    if (!digits)
        return 0;
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        if (*q == '+' || *q == '-')
            q++;
        if (!isdigit((unsigned char)*q))
            return 0;
        while (isdigit((unsigned char)*q))
            q++;
        p = q;
    }
    *end = p;
    return 1;
}

int triad_i_parse_double(const char *s, double *out)
{
    if (!s)
        return 0;
    while (isspace((unsigned char)*s))
        s++;
    const char *dec_end;
    if (!is_decimal(s, &dec_end))
        return 0;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end != dec_end || errno == ERANGE || !isfinite(v))
        return 0;
    while (isspace((unsigned char)*end))
        end++;
    if (*end)
        return 0;
    *out = v;
    return 1;
}

int triad_i_parse_long(const char *s, long *out)
{
    if (!s)
        return 0;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s)
        return 0;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || errno == ERANGE)
        return 0;
    while (isspace((unsigned char)*end))
        end++;
    if (*end)
        return 0;
    *out = v;
    return 1;
}

int triad_i_parse_u64(const char *s, uint64_t *out)
{
    if (!s)
        return 0;
    while (isspace((unsigned char)*s))
        s++;
    const char *digits = s;
    while (isdigit((unsigned char)*s))
        s++;
    const char *end = s;
    while (isspace((unsigned char)*s))
        s++;
    if (end == digits || *s) /* digits only: no sign, no hex */
        return 0;
    errno = 0;
    unsigned long long v = strtoull(digits, NULL, 10);
    if (errno == ERANGE)
        return 0;
    *out = (uint64_t)v;
    return 1;
}

int lines_add(char ***list, size_t *n, const char *fmt, ...)
{
    char **nl = realloc(*list, (*n + 1) * sizeof *nl);
    if (!nl)
        return 0;
    *list = nl;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!(nl[*n] = triad_i_strdup(msg)))
        return 0;
    (*n)++;
    return 1;
}

void triad_i_name_key(const char *in, char *out, size_t outsize)
{
    size_t k = 0;
    for (; *in && k + 1 < outsize; in++)
        if (isalnum((unsigned char)*in))
            out[k++] = (char)tolower((unsigned char)*in);
    out[k] = '\0';
}
