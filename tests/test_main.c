#include <CUnit/Basic.h>
#include <stdio.h>

#include "test_util.h"

triad_schools *test_read_schools(const char *path)
{
    triad_error err;
    triad_schools *s = NULL;
    triad_status st = triad_schools_read(path, NULL, &s, &err);
    if (st != TRIAD_OK)
        fprintf(stderr, "\nreading %s: %s\n", path, err.message);
    CU_ASSERT_EQUAL_FATAL(st, TRIAD_OK);
    return s;
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    register_import_tests();
    register_check_tests();
    register_bad_input_tests();
    register_solve_tests();
    register_engine_tests();
    register_mdgp_tests();
    register_ilp_tests();
    register_network_tests();
    register_safety_tests();
    register_options_tests();
    register_sizes_tests();
    register_continuity_tests();
    register_leads_tests();
    register_memberships_tests();
    register_funding_tests();
    register_report_card_tests();
    register_governors_tests();
    register_all_through_tests();
    register_fixed_tests();
    register_geography_tests();
    register_broker_tests();
    register_broker_rules_tests();
    register_broker_pick_tests();
    register_broker_price_tests();
    register_broker_improve_tests();
    register_clinic_tests();
    register_calendar_tests();
    register_schedule_tests();
    register_schedule_out_tests();
    register_outcomes_tests();
    register_impact_tests();
    register_pack_tests();
    register_api_tests();
    register_rotation_tests();
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    /* CU_cleanup_registry resets the counts: read them first. */
    unsigned failures = CU_get_number_of_failures();
    unsigned asserts = CU_get_number_of_asserts();
    CU_cleanup_registry();
    printf("\n%u assertions checked, %u failed\n", asserts, failures);
    return failures ? 1 : 0;
}
