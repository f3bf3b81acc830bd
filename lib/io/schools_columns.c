/* The columns of each known format (native, GIAS, Ofsted MI) by name,
 * and the format a file is in. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/util.h"
#include "io/csv_table.h"
#include "model/profile.h"
#include "model/schools_impl.h"
#include "io/schools_columns.h"

#define A(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Column names per format (file-scope compound literals have static
 * storage). Head years, priority, lead and opt-out come from no public
 * source, so every format may carry them under our names. */
#define COMMON_FIELDS                                                                       \
    [F_HEAD] = A("head_years", "HeadYearsInPost", "head teacher years in post"),            \
    [F_PRIORITY] = A("priority", "LA priority"), [F_LEAD] = A("lead_eligible"),             \
    [F_OPTOUT] = A("opted_out"), [F_GOVERNORS] = A("governors_trained"),                   \
    [F_HEAD_KEY] = A("head", "shared_head"), REPORT_CARD_FIELDS

/* Ofsted's report cards (from November 2025), in every format: our names
 * and the wording of the report card itself. */
#define REPORT_CARD_FIELDS                                                                  \
    [F_RC_FIRST] = A("rc_inclusion", "Inclusion"),                                          \
    [F_RC_FIRST + 1] = A("rc_curriculum", "Curriculum and teaching"),                       \
    [F_RC_FIRST + 2] = A("rc_achievement", "Achievement"),                                  \
    [F_RC_FIRST + 3] = A("rc_attendance", "Attendance and behaviour"),                      \
    [F_RC_FIRST + 4] = A("rc_personal", "Personal development and well-being",              \
                         "Personal development and wellbeing"),                             \
    [F_RC_FIRST + 5] = A("rc_early_years", "Early years"),                                  \
    [F_RC_FIRST + 6] = A("rc_sixth_form", "Sixth form", "Post-16"),                         \
    [F_RC_FIRST + 7] = A("rc_leadership", "Leadership and governance"),                     \
    [F_SAFEGUARDING] = A("safeguarding", "Safeguarding standards")

static const char *const *const native_cols[F_COUNT] = {
    [F_URN] = A("urn"), [F_NAME] = A("name"), [F_PHASE] = A("phase"), [F_TYPE] = A("type"),
    [F_OFSTED] = A("ofsted"), [F_IDACI] = A("idaci"), [F_FSM] = A("fsm_pct", "fsm"),
    [F_URBAN] = A("urban_rural"), [F_EAST] = A("easting"), [F_NORTH] = A("northing"),
    [F_LAT] = A("lat", "latitude"), [F_LON] = A("lon", "longitude"), [F_PUPILS] = A("pupils"),
    [F_TRUST] = A("trust"), [F_AREA] = A("area", "district"),
    [F_LOW_AGE] = A("low_age", "statutory_low_age"),
    [F_HIGH_AGE] = A("high_age", "statutory_high_age"), COMMON_FIELDS};

static const char *const *const gias_cols[F_COUNT] = {
    [F_URN] = A("URN"), [F_NAME] = A("EstablishmentName"),
    [F_PHASE] = A("PhaseOfEducation (name)"), [F_TYPE] = A("TypeOfEstablishment (name)"),
    [F_STATUS] = A("EstablishmentStatus (name)"), [F_OFSTED] = A("OfstedRating (name)"),
    [F_FSM] = A("PercentageFSM"), [F_URBAN] = A("UrbanRural (name)"), [F_EAST] = A("Easting"),
    [F_NORTH] = A("Northing"), [F_PUPILS] = A("NumberOfPupils"), [F_TRUST] = A("Trusts (name)"),
    [F_AREA] = A("DistrictAdministrative (name)"), [F_LOW_AGE] = A("StatutoryLowAge"),
    [F_HIGH_AGE] = A("StatutoryHighAge"), COMMON_FIELDS};

static const char *const *const ofsted_cols[F_COUNT] = {
    [F_URN] = A("URN"), [F_NAME] = A("Schoolname", "School name"),
    [F_PHASE] = A("Ofstedphase"), [F_TYPE] = A("Typeofeducation"),
    [F_OFSTED] = A("Overalleffectiveness", "Latest OEIF overall effectiveness"),
    [F_IDACI] = A("IDACI", "The income deprivation affecting children index (IDACI) quintile",
                  "IDACI quintile"),
    [F_EAST] = A("Easting"), [F_NORTH] = A("Northing"),
    [F_PUPILS] = A("num_pupils", "Total number of pupils", "Number of pupils"),
    [F_TRUST] = A("Multi-academy trust name", "Trust name"),
    [F_AREA] = A("Local authority district", "District", "area"), COMMON_FIELDS};

static const char *const gias_marker[] = {"PhaseOfEducation (name)", NULL};

static const char *const ofsted_marker[] = {"Ofstedphase", NULL};

static const char *const native_marker[] = {"phase", NULL};

const char *const *schools_field_alias(triad_format fmt, enum field f)
{
    switch (fmt) {
    case TRIAD_FORMAT_GIAS: return gias_cols[f];
    case TRIAD_FORMAT_OFSTED: return ofsted_cols[f];
    default: return native_cols[f];
    }
}

triad_format schools_detect_format(const csv_table *t)
{
    if (csv_table_column(t, gias_marker) >= 0)
        return TRIAD_FORMAT_GIAS;
    if (csv_table_column(t, ofsted_marker) >= 0)
        return TRIAD_FORMAT_OFSTED;
    if (csv_table_column(t, native_marker) >= 0)
        return TRIAD_FORMAT_NATIVE;
    return TRIAD_FORMAT_AUTO;
}

/* A column's attribute key: without a cat:/num: prefix, lower-case letters
 * and digits only. Two columns with one key would be one attribute twice. */
void schools_attr_key(const char *header, char *out, size_t n)
{
    if (strncmp(header, "cat:", 4) == 0 || strncmp(header, "num:", 4) == 0)
        header += 4;
    triad_i_name_key(header, out, n);
}

/* 1 when key is the name of a column of the native format: a user column
 * of that name would be written back as that column. */
int schools_native_column_key(const char *key)
{
    char k[256];
    for (int f = 0; f < F_COUNT; f++)
        for (const char *const *al = native_cols[f]; al && *al; al++) {
            triad_i_name_key(*al, k, sizeof k);
            if (strcmp(k, key) == 0)
                return 1;
        }
    return 0;
}
