/* The LA's index of the packs, and each pack's file name
 * (include/triad/pack.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "model/schools_impl.h"
#include "pack/pack_impl.h"
#include "report/html_out.h"

/* The label of collaborative c made a file stem into buf. */
static void stem_of(const triad_plan *plan, size_t c, char *buf, size_t n)
{
    const char *label = triad_plan_collaborative_label(plan, c);
    size_t k = 0;
    for (; label[k] && k + 1 < n; k++) {
        unsigned char ch = (unsigned char)label[k];
        buf[k] = ch < 128 && (isalnum(ch) || ch == '-' || ch == '_' || (ch == '.' && k > 0))
                     ? (char)ch
                     : '_';
    }
    buf[k] = '\0';
    if (k == 0)
        snprintf(buf, n, "_");
}

triad_status triad_pack_name(const triad_plan *plan, size_t c, char *buf, size_t n,
                             triad_error *err)
{
    triad_error_clear(err);
    if (!plan || !buf || n < 32 || c >= triad_plan_collaborative_count(plan))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "a plan, one of its collaboratives and a buffer of 32 or more");
    char other[256];
    stem_of(plan, c, buf, n - 24); /* room for the suffix below */
    for (size_t e = 0; e < c; e++) {
        stem_of(plan, e, other, sizeof other < n - 24 ? sizeof other : n - 24);
        if (strcmp(other, buf) == 0) { /* two labels, one stem: the later one numbered */
            size_t len = strlen(buf);
            snprintf(buf + len, n - len, "-%zu", c + 1);
            break;
        }
    }
    return TRIAD_OK;
}

triad_status triad_pack_index_html(const triad_report *report, const triad_schools *schools,
                                   const triad_plan *plan, char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!report || !schools || !plan || !out ||
        triad_report_group_count(report, TRIAD_LEVEL_COLLABORATIVE) !=
            triad_plan_collaborative_count(plan))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the plan's report, its schools, the plan and out are needed");
    *out = NULL;
    triad_i_buf b;
    triad_i_buf_init(&b);
    html_printf(&b,
                "<!DOCTYPE html>\n<html lang=en><head><meta charset='utf-8'>\n"
                "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
                "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
                "<title>Data packs</title>\n<style>body{font-family:system-ui,sans-serif;"
                "margin:24px}table{border-collapse:collapse}td,th{padding:3px 8px;"
                "border-bottom:1px solid #e3e3e3;text-align:left}</style></head><body>\n"
                "<h1>Data packs: %zu collaboratives</h1>\n<p>Source: %s. A page to open and "
                "print and a workbook to filter, one each per collaborative.</p>\n<table>"
                "<tr><th>collaborative</th><th>schools</th><th>every category within one"
                "</th><th>largest deviation</th><th>page</th><th>workbook</th></tr>\n",
                triad_plan_collaborative_count(plan), schools->source);
    char stem[256];
    for (size_t c = 0; c < triad_plan_collaborative_count(plan); c++) {
        triad_pack_name(plan, c, stem, sizeof stem, err);
        html_printf(&b,
                    "<tr><td>%s</td><td>%zu</td><td>%s</td><td>%.2f</td><td><a href='%s.html'>"
                    "%s.html</a></td><td><a href='%s.xlsx'>%s.xlsx</a></td></tr>\n",
                    triad_plan_collaborative_label(plan, c),
                    triad_report_group_size(report, TRIAD_LEVEL_COLLABORATIVE, c),
                    triad_report_group_within_one(report, TRIAD_LEVEL_COLLABORATIVE, c) ? "yes"
                                                                                        : "no",
                    triad_report_group_max_deviation(report, TRIAD_LEVEL_COLLABORATIVE, c), stem,
                    stem, stem, stem);
    }
    triad_i_buf_puts(&b, "</table></body></html>\n");
    if (b.failed || !b.data) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}
