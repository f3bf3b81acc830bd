/* libFuzzer: the HTML report's escaping. The input is split at newlines into
 * school names, an attribute category and plan labels; whatever the bytes,
 * the page may contain only the tags the renderer writes itself, and no
 * input string holding markup characters may appear in it raw. The same
 * strings go into GraphML, which must not fail on them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <triad/triad.h>

#include "fuzz_status.h"

#include "core/util.h"

#define NSTR 8

static const char *const our_tags[] = {
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "div",
    "b", "span", "svg", "rect", "polygon", "circle", "line", "text", "table", "tr", "th", "td",
    "ul", "li", "small", "i", "script", "select", "option", "label", "br", NULL};

static const char *const our_attrs[] = {
    "class", "id", "style", "data-c", "data-urn", "fill", "stroke", "points", "cx", "cy", "r",
    "x", "y", "x1", "y1", "x2", "y2", "width", "height", "viewBox", "role", "aria-label",
    "xmlns", "lang", "charset", "http-equiv", "content", "font-size", "stroke-width", "html",
    "value", "text-anchor", "type", "data-i", "data-sf", "data-tf", NULL};

static int in_list(const char *const *list, const char *p, size_t n)
{
    for (const char *const *t = list; *t; t++)
        if (strlen(*t) == n && strncmp(p, *t, n) == 0)
            return 1;
    return 0;
}

/* Checks the tag that starts after '<' at p: a name the renderer writes,
 * then only attributes it writes, each value quoted or plain. Returns the
 * end of the tag, or NULL when the tag is not ours. */
static const char *our_tag(const char *p)
{
    if (*p == '/')
        p++;
    size_t n = strspn(p, "!ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    if (!in_list(our_tags, p, n))
        return NULL;
    p += n;
    for (;;) {
        p += strspn(p, " \n");
        if (*p == '>')
            return p;
        if (p[0] == '/' && p[1] == '>')
            return p + 1;
        n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
        if (!n || !in_list(our_attrs, p, n))
            return NULL;
        p += n;
        if (*p != '=')
            continue;
        p++;
        if (*p == '\'' || *p == '"') {
            const char *close = strchr(p + 1, *p);
            if (!close)
                return NULL;
            p = close + 1;
        } else {
            p += strcspn(p, " >");
        }
    }
}

/* Renders the page for the eight strings; NULL when the inputs are refused. */
static char *render(char *const *str)
{
    triad_i_buf s, p;
    triad_i_buf_init(&s);
    triad_i_buf_init(&p);
    triad_i_buf_puts(&s, "urn,name,phase,ofsted,easting,northing,region\n");
    triad_i_buf_puts(&p, "URN,collaborative,triad,lead\n");
    for (int i = 0; i < 6; i++) {
        triad_i_buf_printf(&s, "%d,", 1000 + i);
        triad_i_buf_csv_field(&s, str[i % 4]);
        triad_i_buf_printf(&s, ",Primary,%d,%d,%d,", 1 + i % 3, 500000 + 900 * i, 150000 + 700 * i);
        triad_i_buf_csv_field(&s, str[4]);
        triad_i_buf_puts(&s, "\n");
        triad_i_buf_printf(&p, "%d,", 1000 + i);
        triad_i_buf_csv_field(&p, str[5]);
        triad_i_buf_puts(&p, ",");
        triad_i_buf_csv_field(&p, i < 3 ? str[6] : str[7]);
        triad_i_buf_puts(&p, i == 0 ? ",1\n" : ",0\n");
    }
    triad_error err;
    triad_schools *sc = NULL;
    triad_plan *plan = NULL;
    triad_report *rep = NULL;
    triad_spec *spec = NULL;
    char *html = NULL;
    if (!s.failed && !p.failed &&
        data_status(triad_schools_read_buffer(s.data, s.len, "f.csv", NULL, &sc, &err)) ==
            TRIAD_OK &&
        data_status(triad_spec_read_string("[balance]\nregion = 1\n", "f.ini", &spec, &err)) ==
            TRIAD_OK &&
        data_status(triad_plan_read_buffer(p.data, p.len, "p.csv", sc, &plan, &err)) == TRIAD_OK &&
        data_status(triad_check(sc, spec, plan, &rep, &err)) == TRIAD_OK) {
        (void)data_status(triad_report_html(rep, sc, plan, &html, &err));
        /* the same strings into GraphML, which XML restricts further */
        triad_network *net = NULL;
        char *graphml = NULL;
        if (data_status(triad_network_build(sc, (const triad_plan *const *)&plan, 1, &net, &err)) ==
            TRIAD_OK)
            (void)data_status(triad_network_graphml(net, &graphml, &err));
        triad_string_free(graphml);
        triad_network_free(net);
    }
    triad_report_free(rep);
    triad_plan_free(plan);
    triad_spec_free(spec);
    triad_schools_free(sc);
    triad_i_buf_free(&s);
    triad_i_buf_free(&p);
    return html;
}

static size_t count(const char *s, char c)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

/* The same strings with every markup character replaced by a look-alike
 * that escaping leaves alone, one-to-one (the input is ASCII, the
 * look-alikes are not), so string equality and the page's shape stay. */
static char *defang(const char *in)
{
    static const char *const from = "<>&\"'";
    static const char *const to[] = {"\xe2\x80\xb9", "\xe2\x80\xba", "\xe2\x85\x8b",
                                     "\xe2\x80\x9d", "\xe2\x80\x99"};
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "");
    for (; *in; in++) {
        const char *k = strchr(from, *in);
        if (k) {
            triad_i_buf_puts(&b, to[k - from]);
        } else {
            char one[2] = {*in, 0};
            triad_i_buf_puts(&b, one);
        }
    }
    return b.failed ? NULL : b.data;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* ASCII only: every markup character is ASCII, and the look-alikes
     * below must not change how the file's encoding is detected */
    for (size_t i = 0; i < size; i++)
        if (data[i] >= 0x80)
            return 0;
    char *str[NSTR] = {0}, *safe[NSTR] = {0};
    size_t at = 0;
    for (int k = 0; k < NSTR; k++) {
        size_t e = at;
        while (e < size && data[e] != '\n')
            e++;
        str[k] = triad_i_strndup(at < size ? (const char *)data + at : "", e > at ? e - at : 0);
        if (!str[k] || !(safe[k] = defang(str[k])))
            abort();
        at = e < size ? e + 1 : e;
    }
    char *html = render(str), *base = render(safe);
    if (html) {
        /* Walk the page tag by tag; the style and script bodies are ours. */
        const char *q = strchr(html, '<');
        size_t scripts = 0, data_blocks = 0;
        while (q) {
            const char *end = our_tag(q + 1);
            if (!end)
                abort(); /* markup that the renderer did not write */
            /* one script of ours, and one data block the browser never runs */
            scripts += strncmp(q, "<script>", 8) == 0;
            static const char data_tag[] = "<script type='application/json' id=planner-data>";
            data_blocks += strncmp(q, data_tag, sizeof data_tag - 1) == 0;
            if (strncmp(q, "<script", 7) == 0 || strncmp(q, "<style", 6) == 0) {
                const char *close = strstr(end, q[2] == 'c' ? "</script>" : "</style>");
                if (!close)
                    abort();
                end = close + 1;
            }
            q = strchr(end, '<');
        }
        if (scripts != 1 || data_blocks != 1)
            abort();
        /* Even tags and quotes the renderer does write must not come from
         * the input: the page has exactly as many as with harmless text. */
        if (!base || count(html, '<') != count(base, '<') ||
            count(html, '\'') != count(base, '\'') || count(html, '"') != count(base, '"'))
            abort();
    }
    triad_string_free(html);
    triad_string_free(base);
    for (int k = 0; k < NSTR; k++) {
        free(str[k]);
        free(safe[k]);
    }
    return 0;
}
