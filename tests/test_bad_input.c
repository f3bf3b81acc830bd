/* The bad-input corpus: every file in tests/bad/cases.txt must fail with its
 * status and a message naming the place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"

static triad_status status_by_name(const char *name)
{
    for (int s = 0; s <= TRIAD_ERR_INTERNAL; s++) {
        static const char *const names[] = {
            "TRIAD_OK", "TRIAD_ERR_INVALID_ARGUMENT", "TRIAD_ERR_NOMEM", "TRIAD_ERR_IO",
            "TRIAD_ERR_EMPTY", "TRIAD_ERR_CSV", "TRIAD_ERR_VALUE", "TRIAD_ERR_DUPLICATE",
            "TRIAD_ERR_UNKNOWN_SCHOOL", "TRIAD_ERR_MISSING_COLUMN", "TRIAD_ERR_SPEC",
            "TRIAD_ERR_INFEASIBLE", "TRIAD_ERR_CANCELLED", "TRIAD_ERR_INTERNAL"};
        if (strcmp(names[s], name) == 0)
            return (triad_status)s;
    }
    return (triad_status)-1;
}

/* Runs one case; returns the status and fills err. */
static triad_status run_case(const char *kind, const char *path, triad_error *err)
{
    triad_schools *small = NULL, *s = NULL;
    triad_plan *plan = NULL;
    triad_spec *spec = NULL;
    triad_report *rep = NULL;
    triad_status st;
    if (strcmp(kind, "schools") == 0) {
        st = triad_schools_read(path, NULL, &s, err);
        CU_ASSERT_PTR_NULL(s); /* no half-built object on failure */
        triad_schools_free(s);
        return st;
    }
    if (strcmp(kind, "mdgp") == 0) {
        triad_mdgp *g = NULL;
        st = triad_mdgp_read(path, &g, err);
        CU_ASSERT_PTR_NULL(g);
        triad_mdgp_free(g);
        return st;
    }
    if (strcmp(kind, "spec") == 0) {
        st = triad_spec_read(path, &spec, err);
        CU_ASSERT_PTR_NULL(spec);
        triad_spec_free(spec);
        return st;
    }
    st = triad_schools_read(DATA("small.csv"), NULL, &small, err);
    CU_ASSERT_EQUAL_FATAL(st, TRIAD_OK);
    if (strcmp(kind, "plan") == 0) {
        st = triad_plan_read(path, small, &plan, err);
        CU_ASSERT_PTR_NULL(plan);
    } else {
        st = triad_spec_read(path, &spec, err);
        CU_ASSERT_EQUAL(st, TRIAD_OK);
        if (st == TRIAD_OK && strcmp(kind, "check") == 0) {
            triad_error e2;
            CU_ASSERT_EQUAL(triad_plan_read(DATA("small-plan.csv"), small, &plan, &e2), TRIAD_OK);
            st = triad_check(small, spec, plan, &rep, err);
            CU_ASSERT_PTR_NULL(rep);
        } else if (st == TRIAD_OK) {
            st = triad_solve(small, spec, NULL, &plan, err);
            CU_ASSERT_PTR_NULL(plan);
        }
    }
    triad_report_free(rep);
    triad_plan_free(plan);
    triad_spec_free(spec);
    triad_schools_free(small);
    return st;
}

static void test_corpus(void)
{
    FILE *f = fopen(BAD("cases.txt"), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[1024];
    int cases = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\r\n")] = '\0';
        char *kind = strtok(line, "|"), *file = strtok(NULL, "|"), *status = strtok(NULL, "|"),
             *fragment = strtok(NULL, "");
        CU_ASSERT_FATAL(kind && file && status && fragment);
        char path[512];
        snprintf(path, sizeof path, "%s/%s", TEST_BAD_DIR, file);
        triad_error err;
        triad_error_clear(&err);
        triad_status want = status_by_name(status), got = run_case(kind, path, &err);
        int ok = got == want && strstr(err.message, fragment) != NULL && err.status == got;
        if (!ok)
            fprintf(stderr, "\n  case %s: want %s '%s', got %s '%s'\n", file, status, fragment,
                    triad_status_string(got), err.message);
        CU_ASSERT_TRUE(ok);
        /* a message never carries a raw control byte from the data to the
         * terminal that shows it */
        for (const char *c = err.message; *c; c++)
            CU_ASSERT_FALSE(((unsigned char)*c < 0x20 && *c != '\n') || *c == 0x7f);
        cases++;
    }
    fclose(f);
    CU_ASSERT(cases >= 30);
}

/* A 100 MB line is refused at the field limit, not read into one string. */
static void test_huge_line(void)
{
    char path[] = "/tmp/triad-huge-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("urn,name,phase\n1,", f);
    char *chunk = malloc(1 << 20);
    memset(chunk, 'x', 1 << 20);
    for (int k = 0; k < 100; k++)
        fwrite(chunk, 1, 1 << 20, f);
    fputs(",Primary\n", f);
    fclose(f);
    free(chunk);
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL(triad_schools_read(path, NULL, &s, &err), TRIAD_ERR_CSV);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "longer than"));
    CU_ASSERT_EQUAL(err.line, 2);
    unlink(path);
}

static void test_missing_file_and_args(void)
{
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL(triad_schools_read("/nonexistent/x.csv", NULL, &s, &err), TRIAD_ERR_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "/nonexistent/x.csv"));
    CU_ASSERT_EQUAL(triad_schools_read(NULL, NULL, &s, &err), TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(triad_schools_read("x", NULL, NULL, NULL), TRIAD_ERR_INVALID_ARGUMENT);
    /* every status has its own name */
    for (int a = 0; a <= TRIAD_ERR_INTERNAL; a++)
        for (int b = a + 1; b <= TRIAD_ERR_INTERNAL; b++)
            CU_ASSERT_STRING_NOT_EQUAL(triad_status_string((triad_status)a),
                                       triad_status_string((triad_status)b));
}

/* A failed write leaves nothing at the target path. */
static void test_atomic_write(void)
{
    triad_schools *s = test_read_schools(DATA("small.csv"));
    triad_error err;
    CU_ASSERT_EQUAL(triad_schools_write(s, "/nonexistent-dir/out.csv", &err), TRIAD_ERR_IO);
    CU_ASSERT_EQUAL(access("/nonexistent-dir/out.csv", F_OK), -1);
    triad_schools_free(s);
}

void register_bad_input_tests(void)
{
    CU_pSuite s = CU_add_suite("bad input", NULL, NULL);
    CU_add_test(s, "corpus of bad files", test_corpus);
    CU_add_test(s, "100 MB line", test_huge_line);
    CU_add_test(s, "missing file, NULL arguments", test_missing_file_and_args);
    CU_add_test(s, "atomic write", test_atomic_write);
}
