/* Shared helpers of the CUnit tests. */
#ifndef TRIAD_TEST_UTIL_H
#define TRIAD_TEST_UTIL_H

#include <CUnit/CUnit.h>
#include <triad/triad.h>

/* Paths of the test fixtures and the bundled example data. */
#define DATA(name) TEST_DATA_DIR "/" name
#define BAD(name) TEST_BAD_DIR "/" name
#define EXAMPLE(name) EXAMPLES_DATA_DIR "/" name

/* Reads a schools file or fails the current test. */
triad_schools *test_read_schools(const char *path);

/* Brokering fixtures (broker_fixture.c): a temporary file holding text
 * (caller unlinks and frees the path; NULL on failure), and a market read
 * from offers and needs CSV given as text. */
char *test_temp_with(const char *text);
triad_status test_market_of(const triad_schools *s, const char *offers, const char *needs,
                            triad_market **m, triad_error *err);
/* Schools 1-12, all primary, for random markets (caller frees; fails the
 * test when unread). A random market on them: schools 1-5 offer
 * each of three areas at even odds (1-8 days; with limits, a max_schools
 * of 2, 3 or none), schools 6-12 need each area unless a draw below
 * need_odds is 0 (1-10 days, priority 1-3). Fails as test_market_of does
 * (a market with no offer or no need). */
struct rng;
triad_schools *test_twelve_schools(void);
triad_status test_random_market(const triad_schools *s, struct rng *r, int limits,
                                unsigned need_odds, triad_market **m, triad_error *err);

/* One primary stratum of n schools (Surrey's grades repeated), so a
 * search runs for seconds (test_options.c; caller frees). */
triad_schools *test_big_stratum(size_t n);

/* Schedule fixtures (schedule_fixture.c): a solved Surrey plan, the
 * bundled 2026/27 calendar, a plan from schools and plan CSV text, schools
 * 1-3 of the text as triad X.1, and the count of what in text. */
triad_plan *test_surrey_plan(triad_schools **s);
triad_calendar *test_calendar_year(void);
triad_plan *test_plan_of(const char *schools, const char *plan, triad_schools **s);
triad_plan *test_one_triad(const char *schools, triad_schools **s);
size_t test_count(const char *text, const char *what);

/* Each test file registers its suite. */
void register_import_tests(void);
void register_check_tests(void);
void register_bad_input_tests(void);
void register_solve_tests(void);
void register_engine_tests(void);
void register_mdgp_tests(void);
void register_ilp_tests(void);
void register_network_tests(void);
void register_safety_tests(void);
void register_sizes_tests(void);
void register_continuity_tests(void);
void register_leads_tests(void);
void register_memberships_tests(void);
void register_funding_tests(void);
void register_report_card_tests(void);
void register_governors_tests(void);
void register_all_through_tests(void);
void register_fixed_tests(void);
void register_geography_tests(void);
void register_broker_tests(void);
void register_api_tests(void);
void register_rotation_tests(void);
void register_broker_rules_tests(void);
void register_options_tests(void);
void register_broker_pick_tests(void);
void register_broker_price_tests(void);
void register_broker_improve_tests(void);
void register_clinic_tests(void);
void register_calendar_tests(void);
void register_schedule_tests(void);
void register_schedule_out_tests(void);
void register_outcomes_tests(void);
void register_impact_tests(void);
void register_pack_tests(void);

#endif
