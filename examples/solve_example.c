/* The smallest complete use of the C API: read schools, design a plan,
 * write it, and print the balance summary. Build: cc solve_example.c $(pkg-config --cflags --libs triad) */
#include <stdio.h>
#include <triad/triad.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s SCHOOLS.csv PLAN.csv\n", argv[0]);
        return 2;
    }
    triad_error err;
    triad_schools *schools = NULL;
    triad_plan *plan = NULL;
    triad_report *report = NULL;
    char *summary = NULL;
    triad_solve_options opts;
    triad_solve_options_init(&opts);
    opts.seed = 42;
    if (triad_schools_read(argv[1], NULL, &schools, &err) != TRIAD_OK ||
        triad_solve(schools, NULL, &opts, &plan, &err) != TRIAD_OK ||
        triad_plan_write(plan, schools, argv[2], &err) != TRIAD_OK ||
        triad_check(schools, NULL, plan, &report, &err) != TRIAD_OK ||
        triad_report_format(report, 0, &summary, &err) != TRIAD_OK) {
        fprintf(stderr, "error: %s\n", err.message);
    } else {
        fputs(summary, stdout);
    }
    int rc = err.status == TRIAD_OK ? 0 : 1;
    triad_string_free(summary);
    triad_report_free(report);
    triad_plan_free(plan);
    triad_schools_free(schools);
    return rc;
}
