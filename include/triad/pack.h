/** \file
 * libtriad - a data pack per collaborative, for its lead (issue 36): a
 * self-contained page and a workbook with who is in it, why it is
 * balanced, what the data says about each school, who reviews whom and
 * when, and what support was brokered; and an index page for the LA.
 *
 * Example:
 * @code
 *     triad_pack_options o;
 *     triad_pack_options_init(&o);
 *     o.outcomes = outcomes;
 *     for (size_t c = 0; c < triad_plan_collaborative_count(plan); c++) {
 *         triad_pack_html(report, schools, plan, c, &o, &html, &err);
 *         triad_pack_xlsx_write(report, schools, plan, c, &o, "pack.xlsx", &err);
 *     }
 * @endcode
 */
#ifndef TRIAD_PACK_H
#define TRIAD_PACK_H

#include <triad/common.h>
#include <triad/check.h>
#include <triad/impact.h>
#include <triad/outcomes.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What a pack shows beside the members; everything is borrowed for the
 * call. A section whose input is NULL says so in one line. Fill with
 * triad_pack_options_init. */
typedef struct triad_pack_options {
    size_t struct_size;               /**< set by triad_pack_options_init */
    const triad_outcomes *outcomes;   /**< each member's values year by year, the LA's mean
                                           beside each */
    const triad_impact *impact;       /**< the LA's, the collaborative's and its triads' rows
                                           (matched by label) */
    const char *clinic_path;          /**< a clinic CSV as triad_clinic_csv writes it
                                           (urn,term,rag,reasons) */
    const char *clinic_term;          /**< the term of clinic_path to show (needed with it) */
    const triad_schedule *schedule;   /**< the review calendar, made for this plan */
    const triad_calendar *calendar;   /**< the schedule's calendar (needed with schedule) */
    const triad_brokerage *brokerage; /**< support brokered to and from the members */
} triad_pack_options;

/** Fills *opts with the defaults (no section beside the members). */
TRIAD_API void triad_pack_options_init(triad_pack_options *opts);

/** The page of collaborative c of plan (c below
 * triad_plan_collaborative_count): members and their context, the balance
 * against the stratum, the triads, a map, outcomes, clinic flags, impact,
 * the review calendar and the support brokered, each section from opts or
 * one line saying it was not given. Self-contained (no script, no network,
 * every text escaped) and printable on A4. report is triad_check of plan
 * on schools. Inputs borrowed; caller frees *out with triad_string_free. */
TRIAD_API triad_status triad_pack_html(const triad_report *report, const triad_schools *schools,
                                       const triad_plan *plan, size_t c,
                                       const triad_pack_options *opts, char **out,
                                       triad_error *err);

/** The same tables as triad_pack_html in a workbook at path, a sheet each
 * (Members, Balance, Outcomes, Clinic, Impact, Support, Calendar): numbers
 * in numeric cells, frozen header rows, an autofilter, widths that fit,
 * and text that would start a formula (=, +, -, @) prefixed with an
 * apostrophe. Written whole or not at all (a temporary file, then
 * renamed). Inputs borrowed. */
TRIAD_API triad_status triad_pack_xlsx_write(const triad_report *report,
                                             const triad_schools *schools, const triad_plan *plan,
                                             size_t c, const triad_pack_options *opts,
                                             const char *path, triad_error *err);

/** The file stem of collaborative c's pack: its label with every
 * character but letters, digits, '-', '_' and '.' made '_' (a leading '.'
 * too), into buf (size n, at least 32); a stem an earlier collaborative
 * already has gets "-" and c + 1 after it. */
TRIAD_API triad_status triad_pack_name(const triad_plan *plan, size_t c, char *buf, size_t n,
                                       triad_error *err);

/** The LA's index page: every collaborative with its size, balance and
 * links to STEM.html and STEM.xlsx (triad_pack_name). Caller frees *out
 * with triad_string_free. */
TRIAD_API triad_status triad_pack_index_html(const triad_report *report,
                                             const triad_schools *schools,
                                             const triad_plan *plan, char **out,
                                             triad_error *err);

#ifdef __cplusplus
}
#endif

#endif
