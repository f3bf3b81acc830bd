/* Promises of issue 11 that are not a file in tests/bad/: how outputs are
 * written, options structs of the wrong version, cancelling a running
 * search, a plan with nobody in it, large sector-wide collaboratives. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check/report_impl.h"
#include "io/json_text.h"
#include "solve/stages.h"
#include "test_util.h"

static char dir[] = "/tmp/triad-safety-XXXXXX";

static int make_dir(void)
{
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void path_in(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

static int count_entries(void)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    FILE *p = popen(cmd, "r");
    int n = -1;
    if (p) {
        if (fscanf(p, "%d", &n) != 1)
            n = -1;
        pclose(p);
    }
    return n;
}

static void test_umask_and_mode(void)
{
    char path[256];
    path_in(path, sizeof path, "new.txt");
    triad_error err;
    mode_t old = umask(027);
    CU_ASSERT_EQUAL(triad_file_write(path, "x\n", 2, &err), TRIAD_OK);
    umask(old);
    struct stat sb;
    CU_ASSERT_EQUAL_FATAL(stat(path, &sb), 0);
    CU_ASSERT_EQUAL(sb.st_mode & 0777, 0640); /* 0666 & ~027 */
    /* an existing file keeps its own bits */
    CU_ASSERT_EQUAL(chmod(path, 0604), 0);
    CU_ASSERT_EQUAL(triad_file_write(path, "yy\n", 3, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(stat(path, &sb), 0);
    CU_ASSERT_EQUAL(sb.st_mode & 0777, 0604);
    CU_ASSERT_EQUAL(sb.st_size, 3);
    unlink(path);
}

static void test_symlink_followed(void)
{
    char target[256], link[256];
    path_in(target, sizeof target, "target.txt");
    path_in(link, sizeof link, "link.txt");
    triad_error err;
    CU_ASSERT_EQUAL(triad_file_write(target, "old\n", 4, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(symlink(target, link), 0);
    CU_ASSERT_EQUAL(triad_file_write(link, "new!\n", 5, &err), TRIAD_OK);
    struct stat lsb, sb;
    CU_ASSERT_EQUAL(lstat(link, &lsb), 0);
    CU_ASSERT_TRUE(S_ISLNK(lsb.st_mode)); /* the link stays a link */
    CU_ASSERT_EQUAL(stat(target, &sb), 0);
    CU_ASSERT_EQUAL(sb.st_size, 5);
    unlink(link);
    unlink(target);
}

static void test_special_files(void)
{
    char fifo[256], sub[256];
    path_in(fifo, sizeof fifo, "pipe");
    path_in(sub, sizeof sub, "subdir");
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    /* no reader: refused at once, not a hang, and the FIFO is still one */
    CU_ASSERT_EQUAL(triad_file_write(fifo, "x\n", 2, &err), TRIAD_ERR_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "no reader"));
    struct stat sb;
    CU_ASSERT_EQUAL(stat(fifo, &sb), 0);
    CU_ASSERT_TRUE(S_ISFIFO(sb.st_mode));
    /* with a reader: written through */
    int rfd = open(fifo, O_RDONLY | O_NONBLOCK);
    CU_ASSERT_FATAL(rfd >= 0);
    CU_ASSERT_EQUAL(triad_file_write(fifo, "hello\n", 6, &err), TRIAD_OK);
    char buf[16] = {0};
    CU_ASSERT_EQUAL(read(rfd, buf, sizeof buf - 1), 6);
    CU_ASSERT_STRING_EQUAL(buf, "hello\n");
    close(rfd);
    CU_ASSERT_TRUE(S_ISFIFO(sb.st_mode));
    unlink(fifo);
    /* a character device is written through, never replaced */
    CU_ASSERT_EQUAL(triad_file_write("/dev/null", "x", 1, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(stat("/dev/null", &sb), 0);
    CU_ASSERT_TRUE(S_ISCHR(sb.st_mode));
    /* a directory is refused */
    CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0700), 0);
    CU_ASSERT_EQUAL(triad_file_write(sub, "x", 1, &err), TRIAD_ERR_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "directory"));
    rmdir(sub);
    CU_ASSERT_EQUAL(count_entries(), 0); /* no temporary left anywhere */
}

/* --years: either every year's file or none. */
static void test_write_all_or_nothing(void)
{
    triad_schools *s = test_read_schools(DATA("small.csv"));
    triad_solve_options o;
    triad_solve_options_init(&o);
    triad_plan *plans[2] = {NULL, NULL};
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_solve_years(s, NULL, &o, 2, plans, &err), TRIAD_OK);
    char a[256], b[256];
    path_in(a, sizeof a, "y1.csv");
    snprintf(b, sizeof b, "%s/missing-dir/y2.csv", dir);
    const char *paths[] = {a, b};
    CU_ASSERT_EQUAL(triad_plan_write_all((const triad_plan *const *)plans, 2, s, paths, &err),
                    TRIAD_ERR_IO);
    CU_ASSERT_EQUAL(access(a, F_OK), -1); /* year 1 not left behind */
    CU_ASSERT_EQUAL(count_entries(), 0);
    path_in(b, sizeof b, "y2.csv");
    CU_ASSERT_EQUAL(triad_plan_write_all((const triad_plan *const *)plans, 2, s, paths, &err),
                    TRIAD_OK);
    CU_ASSERT_EQUAL(access(a, F_OK), 0);
    CU_ASSERT_EQUAL(access(b, F_OK), 0);
    unlink(a);
    unlink(b);
    triad_plan_free(plans[0]);
    triad_plan_free(plans[1]);
    triad_schools_free(s);
}

/* A set of texts all or none; the plan CSV as a string is the file
 * triad_plan_write writes; one path twice is refused. */
static void test_files_all_or_nothing(void)
{
    triad_schools *s = test_read_schools(DATA("small.csv"));
    triad_solve_options o;
    triad_solve_options_init(&o);
    triad_plan *p = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, NULL, &o, &p, &err), TRIAD_OK);
    char *csv = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_plan_csv(p, s, &csv, &err), TRIAD_OK);
    char a[256], b[256];
    path_in(a, sizeof a, "plan.csv");
    CU_ASSERT_EQUAL(triad_plan_write(p, s, a, &err), TRIAD_OK);
    FILE *f = fopen(a, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static char back[1 << 16];
    size_t len = fread(back, 1, sizeof back - 1, f);
    fclose(f);
    back[len] = '\0';
    CU_ASSERT_STRING_EQUAL(back, csv);
    unlink(a);
    snprintf(b, sizeof b, "%s/missing-dir/page.html", dir);
    const char *paths[] = {a, b};
    const char *texts[] = {csv, "<p>page</p>\n"};
    CU_ASSERT_EQUAL(triad_files_write(2, paths, texts, &err), TRIAD_ERR_IO);
    CU_ASSERT_EQUAL(access(a, F_OK), -1); /* the plan not left behind */
    CU_ASSERT_EQUAL(count_entries(), 0);
    const char *twice[] = {a, a};
    CU_ASSERT_EQUAL(triad_files_write(2, twice, texts, &err), TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "both"));
    CU_ASSERT_EQUAL(count_entries(), 0);
    path_in(b, sizeof b, "page.html");
    CU_ASSERT_EQUAL(triad_files_write(2, paths, texts, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(access(a, F_OK), 0);
    CU_ASSERT_EQUAL(access(b, F_OK), 0);
    unlink(a);
    unlink(b);
    triad_string_free(csv);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* 1 when the file at path holds exactly text. */
static int file_holds(const char *path, const char *text)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = strlen(text), got = 0;
    char *back = malloc(n + 2);
    if (back)
        got = fread(back, 1, n + 1, f);
    fclose(f);
    int same = back && got == n && memcmp(back, text, n) == 0;
    free(back);
    return same;
}

/* Each output the library writes to a file is also there as a string (for a
 * caller writing to a socket, or the command line's '-'): the same bytes. */
static void test_text_equals_file(void)
{
    const char csv[] = "urn,name,phase,easting,northing,num:score,cat:diocese\n"
                       "1,\"Ash, the\",Primary,500000,150000,1.5,CofE\n"
                       "2,=Beech,Primary,500500,150000,,\n3,Cedar,Primary,520000,150000,2,RC\n";
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, sizeof csv - 1, "t.csv", NULL, &s, &err),
                          TRIAD_OK);
    char path[256], *text = NULL;
    path_in(path, sizeof path, "out.txt");

    CU_ASSERT_EQUAL_FATAL(triad_schools_csv(s, &text, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_write(s, path, &err), TRIAD_OK);
    CU_ASSERT(file_holds(path, text));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "cat:diocese"));
    triad_string_free(text);

    const char *const collab[] = {"c1", "c1", "c1"}, *const triad[] = {"t1", "t1", "t2"};
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_plan_from_arrays(s, collab, triad, NULL, &p, &err), TRIAD_OK);
    triad_network *net = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_network_build(s, (const triad_plan *const *)&p, 1, &net, &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_network_graphml(net, &text, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_network_write_graphml(net, path, &err), TRIAD_OK);
    CU_ASSERT(file_holds(path, text));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "<graphml"));
    triad_string_free(text);

    char offers[256], needs[256];
    path_in(offers, sizeof offers, "offers.csv");
    path_in(needs, sizeof needs, "needs.csv");
    const char *files[] = {offers, needs};
    const char *bodies[] = {"urn,area,days\n1,Reading,5\n", "urn,area,days\n2,Reading,3\n"};
    CU_ASSERT_EQUAL_FATAL(triad_files_write(2, files, bodies, &err), TRIAD_OK);
    triad_market *m = NULL;
    triad_brokerage *b = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_market_read(offers, needs, NULL, s, &m, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, NULL, &b, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_brokerage_csv(b, &text, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_brokerage_write(b, path, &err), TRIAD_OK);
    CU_ASSERT(file_holds(path, text));
    /* the URNs with their names beside them */
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "needing_urn,needing_name,supporting_urn,supporting_name,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, ",Reading,3.00,"));
    triad_string_free(text);
    CU_ASSERT_EQUAL_FATAL(triad_brokerage_directory_csv(b, &text, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_brokerage_write_directory(b, path, &err), TRIAD_OK);
    CU_ASSERT(file_holds(path, text));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "5.00,3.00,2.00"));
    triad_string_free(text);
    CU_ASSERT_EQUAL(triad_brokerage_csv(NULL, &text, &err), TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(triad_schools_csv(s, NULL, &err), TRIAD_ERR_INVALID_ARGUMENT);
    unlink(path);
    unlink(offers);
    unlink(needs);
    CU_ASSERT_EQUAL(count_entries(), 0);
    triad_brokerage_free(b);
    triad_market_free(m);
    triad_network_free(net);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* A target whose name is near the longest a folder takes (250 of 255
 * bytes) is written: its temporary's name is cut to fit, not refused. */
static void test_long_name(void)
{
    char name[251], path[512];
    memset(name, 'n', 246);
    strcpy(name + 246, ".csv");
    path_in(path, sizeof path, name);
    triad_error err;
    CU_ASSERT_EQUAL(triad_file_write(path, "a,b\n", 4, &err), TRIAD_OK);
    CU_ASSERT(file_holds(path, "a,b\n"));
    CU_ASSERT_EQUAL(triad_file_write(path, "c,d\n", 4, &err), TRIAD_OK); /* over it */
    CU_ASSERT(file_holds(path, "c,d\n"));
    CU_ASSERT_EQUAL(count_entries(), 1); /* no temporary left */
    unlink(path);
}

/* No string is lost on its way into JSON: bytes that are not UTF-8 (which
 * jansson refuses, and a refused value drops its key without a word)
 * become U+FFFD; valid text passes unchanged. */
static void test_json_text(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "plain"},
        {"caf\xc3\xa9", "caf\xc3\xa9"},
        {"a\xff"
         "b",
         "a\xef\xbf\xbd"
         "b"},
        {"cut\xe2\x82", "cut\xef\xbf\xbd\xef\xbf\xbd"},
        {"\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"},                   /* overlong '/' */
        {"\xed\xa0\x80!", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd!"}, /* a surrogate */
        {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        json_t *j = json_text(cases[k].in);
        CU_ASSERT_PTR_NOT_NULL_FATAL(j);
        CU_ASSERT_STRING_EQUAL(json_string_value(j), cases[k].out);
        json_decref(j);
    }
    json_t *obj = json_object();
    CU_ASSERT_EQUAL(json_object_set_new(obj, "label", json_text("x\xff")), 0);
    CU_ASSERT_PTR_NOT_NULL(json_object_get(obj, "label"));
    json_decref(obj);
    json_t *nul = json_text(NULL);
    CU_ASSERT(json_is_null(nul));
    json_decref(nul);
}

static void test_all_opted_out(void)
{
    const char csv[] = "urn,phase,opted_out\n1,Primary,1\n2,Primary,yes\n3,Secondary,1\n";
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, sizeof csv - 1, "out.csv", NULL, &s, &err),
                          TRIAD_OK);
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL(triad_solve(s, NULL, NULL, &p, &err), TRIAD_ERR_EMPTY);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "3 of 3 schools opted out"));
    triad_schools_free(s);
}

/* A sector-wide collaborative of 200 schools needs 66 triads: no cap. */
static void test_many_triads(void)
{
    triad_schools *s = test_big_stratum(200);
    triad_spec *spec = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_spec_read_string("[strata]\nby = none\n[stratum.default]\n"
                                                 "min_size = 150\nmax_size = 300\n",
                                                 "wide.ini", &spec, &err),
                          TRIAD_OK);
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, spec, NULL, &p, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_plan_collaborative_count(p), 1);
    CU_ASSERT_EQUAL(triad_plan_triad_count(p), 66);
    for (size_t i = 0; i < 200; i++)
        CU_ASSERT(triad_plan_triad_of(p, i) >= 0);
    triad_plan_free(p);
    triad_spec_free(spec);
    triad_schools_free(s);
}

/* Names from a spec reach UTF-8 outputs (JSON drops what is not UTF-8):
 * a file is decoded like a data file, a string must be UTF-8. */
static void test_spec_encoding(void)
{
    triad_spec *spec = NULL;
    triad_error err;
    CU_ASSERT_EQUAL(triad_spec_read_string("[stratum.\xff\xfe]\nphases = Primary\n", "bad.ini",
                                           &spec, &err),
                    TRIAD_ERR_SPEC);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "not UTF-8"));
    CU_ASSERT_PTR_NULL(spec);
    char path[256];
    path_in(path, sizeof path, "cp1252.ini");
    const char text[] = "[stratum.caf\xe9]\nphases = Primary\n";
    CU_ASSERT_EQUAL_FATAL(triad_file_write(path, text, sizeof text - 1, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_spec_read(path, &spec, &err), TRIAD_OK);
    triad_schools *s = test_read_schools(DATA("small.csv"));
    triad_plan *p = NULL;
    triad_report *r = NULL;
    char *json = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, spec, NULL, &p, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_check(s, spec, p, &r, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_report_format(r, 1, &json, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"name\": \"caf\xc3\xa9\"")); /* é in UTF-8 */
    triad_string_free(json);
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
    triad_spec_free(spec);
    unlink(path);
}

/* "Unicode text" saved by a spreadsheet is UTF-16 with a BOM. */
static void test_utf16(void)
{
    triad_schools *s = test_read_schools(DATA("utf16-schools.csv"));
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(triad_schools_count(s), 4);
    CU_ASSERT_STRING_EQUAL(triad_schools_urn(s, 0), "124911");
    triad_schools_free(s);
}

/* A name that a spreadsheet would run as a formula is written with a
 * leading apostrophe and read back as it was; so is a name that already
 * starts with one, or with several (both found by fuzz_html). */
static void test_formula_guard(void)
{
    const char csv[] = "urn,name,phase\n1,\"=HYPERLINK(\"\"http://x\"\")\",Primary\n"
                       "2,-5,Primary\n3,@SUM(A1),Primary\n4,''-7,Primary\n"
                       "5,'''-7,Primary\n6,\"ab\t\",Primary\n";
    triad_schools *s = NULL, *again = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, sizeof csv - 1, "f.csv", NULL, &s, &err),
                          TRIAD_OK);
    char path[256];
    path_in(path, sizeof path, "guarded.csv");
    CU_ASSERT_EQUAL_FATAL(triad_schools_write(s, path, &err), TRIAD_OK);
    FILE *f = fopen(path, "r");
    char text[4096] = {0};
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT(fread(text, 1, sizeof text - 1, f) > 0);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"'=HYPERLINK("));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, ",'@SUM(A1),"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, ",-5,")); /* a number stays a number */
    CU_ASSERT_STRING_EQUAL(triad_schools_name(s, 3), "'-7"); /* one guard taken off */
    CU_ASSERT_STRING_EQUAL(triad_schools_name(s, 4), "''-7"); /* any run of them: one off */
    CU_ASSERT_PTR_NOT_NULL(strstr(text, ",'''-7,"));          /* and one back on */
    CU_ASSERT_EQUAL_FATAL(triad_schools_read(path, NULL, &again, &err), TRIAD_OK);
    CU_ASSERT_STRING_EQUAL(triad_schools_name(s, 5), "ab\t");
    /* the fourth and fifth: text that looks guarded; the sixth ends in a tab,
     * which an unquoted field would lose */
    for (size_t i = 0; i < 6; i++)
        CU_ASSERT_STRING_EQUAL(triad_schools_name(again, i), triad_schools_name(s, i));
    triad_schools_free(again);
    triad_schools_free(s);
    unlink(path);
}

void register_safety_tests(void)
{
    CU_pSuite s = CU_add_suite("safety", make_dir, remove_dir);
    CU_add_test(s, "umask and existing mode", test_umask_and_mode);
    CU_add_test(s, "symbolic link followed", test_symlink_followed);
    CU_add_test(s, "FIFO, device, directory", test_special_files);
    CU_add_test(s, "years all or nothing", test_write_all_or_nothing);
    CU_add_test(s, "files all or nothing, plan CSV as text", test_files_all_or_nothing);
    CU_add_test(s, "outputs as text equal the files", test_text_equals_file);
    CU_add_test(s, "a name of 250 bytes", test_long_name);
    CU_add_test(s, "JSON keeps every string", test_json_text);
    CU_add_test(s, "all schools opted out", test_all_opted_out);
    CU_add_test(s, "66 triads in one collaborative", test_many_triads);
    CU_add_test(s, "spec encoding", test_spec_encoding);
    CU_add_test(s, "UTF-16 schools file", test_utf16);
    CU_add_test(s, "formula guard in CSV output", test_formula_guard);
}
