/** \file
 * libtriad - reports: a checked plan as text, JSON or a self-contained HTML
 * page (map, composition bars, the planner that edits the plan), for one
 * year or a rotation, with a brokerage beside it.
 *
 * Example:
 * @code
 *     char *html = NULL;
 *     if (triad_report_html(report, schools, plan, &html, &err) == TRIAD_OK)
 *         triad_file_write("plan.html", html, strlen(html), &err);
 *     triad_string_free(html);
 * @endcode
 */
#ifndef TRIAD_REPORT_H
#define TRIAD_REPORT_H

#include <triad/common.h>
#include <triad/check.h>
#include <triad/impact.h>
#include <triad/outcomes.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The report as text for people (json == 0) or as a JSON document
 * (json != 0; fields documented in the README). Caller owns *out
 * (triad_string_free). */
TRIAD_API triad_status triad_report_format(const triad_report *report, int json, char **out,
                                           triad_error *err);

/** The report of a rotation: reports[0] in full (as triad_report_format), then
 * per year its triads within one, largest triad deviation, triad pairs met
 * before (repeats[y], may be NULL) and violations — text lines, or a
 * "rotation" array in the JSON document. Caller owns *out. */
TRIAD_API triad_status triad_report_format_years(const triad_report *const *reports, size_t n,
                                                 const size_t *repeats, int json, char **out,
                                                 triad_error *err);

/** A self-contained HTML page (no scripts, fonts or images from elsewhere)
 * for people: summary, a map of the schools coloured by collaborative with
 * triads drawn and leads marked (inline SVG, when locations are known), per
 * collaborative the composition of every balanced attribute against its
 * stratum, a table of schools, and the violations. report must come from
 * triad_check on the same schools and plan. Caller owns *out
 * (triad_string_free). */
TRIAD_API triad_status triad_report_html(const triad_report *report,
                                         const triad_schools *schools, const triad_plan *plan,
                                         char **out, triad_error *err);


/** As triad_report_html, with a section on brokering support when brokerage
 * is not NULL: the matches, the unmet needs with their reasons, the
 * directory of services. */
TRIAD_API triad_status triad_report_html_brokerage(const triad_report *report,
                                                   const triad_schools *schools,
                                                   const triad_plan *plan,
                                                   const triad_brokerage *brokerage,
                                                   char **out, triad_error *err);

/** What the page shows beside the plan. Fill with triad_page_options_init;
 * everything is borrowed for the call. */
typedef struct triad_page_options {
    size_t struct_size;               /**< set by triad_page_options_init */
    const triad_brokerage *brokerage; /**< NULL (default): no section on brokering */
    const triad_schedule *schedule;   /**< NULL (default): no review calendar; else one per
                                           collaborative, term by term, made for the first plan */
    const triad_calendar *calendar;   /**< the schedule's calendar, for its terms (needed with
                                           schedule) */
    const triad_impact *impact;       /**< NULL (default): no impact section; else its groups
                                           ranked per measure and pair of years, a small chart
                                           each (triad_impact_compute on the first plan) */
    const triad_outcomes *outcomes;   /**< NULL (default): no holding-back list; else the
                                           schools holding their collaborative of the first
                                           plan back, as triad_holding_back_csv lists them */
} triad_page_options;

/** Fills *opts with the defaults (nothing beside the plan). */
TRIAD_API void triad_page_options_init(triad_page_options *opts);

/** The page of triad_report_html_years, with what opts adds (NULL: nothing). */
TRIAD_API triad_status triad_report_html_page(const triad_report *const *reports,
                                              const triad_plan *const *plans, size_t nyears,
                                              const triad_schools *schools,
                                              const triad_page_options *opts, char **out,
                                              triad_error *err);

/** The page as a planner over several years (a rotation from
 * triad_solve_years, or any plans of one schools table): reports[y] must be
 * triad_check of plans[y] on schools, for y < nyears (>= 1). The page opens on
 * year 1; its script lets the reader pick a year, edit that year's plan (move,
 * swap, lead, lock, undo, redo) with every figure re-scored as triad_check
 * scores it, and download the edited plan CSV. brokerage may be NULL. The
 * arrays and what they point to are borrowed. Caller owns *out
 * (triad_string_free). */
TRIAD_API triad_status triad_report_html_years(const triad_report *const *reports,
                                               const triad_plan *const *plans, size_t nyears,
                                               const triad_schools *schools,
                                               const triad_brokerage *brokerage, char **out,
                                               triad_error *err);

#ifdef __cplusplus
}
#endif

#endif /* TRIAD_REPORT_H */
