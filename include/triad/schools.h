/** \file
 * libtriad - schools: the table every other topic works on, read from the
 * native CSV, a GIAS download or Ofsted management-information data
 * (columns matched by name; UTF-8 or Windows-1252), or built in memory;
 * every field readable back; the data gaps of the file, named.
 *
 * Example:
 * @code
 *     triad_schools *s = NULL;
 *     triad_error err;
 *     if (triad_schools_read("schools.csv", NULL, &s, &err) == TRIAD_OK) {
 *         printf("%zu schools\n", triad_schools_count(s));
 *         triad_schools_free(s);
 *     }
 * @endcode
 */
#ifndef TRIAD_SCHOOLS_H
#define TRIAD_SCHOOLS_H

#include <triad/common.h>

#ifdef __cplusplus
extern "C" {
#endif
/* ----------------------------------------------------------------- schools */


/** The format of a schools file. */
typedef enum triad_format {
    TRIAD_FORMAT_AUTO = 0, /**< decided from the header row */
    TRIAD_FORMAT_NATIVE,   /**< libtriad's schools CSV (README "File formats") */
    TRIAD_FORMAT_GIAS,     /**< a "Get Information about Schools" download */
    TRIAD_FORMAT_OFSTED    /**< Ofsted management-information data */
} triad_format;

/** A school's phase (GIAS wording and the native names map onto these). */
typedef enum triad_phase {
    TRIAD_PHASE_NURSERY = 0,  /**< nursery */
    TRIAD_PHASE_PRIMARY,      /**< primary (from GIAS's Primary when the ages say no
                                 more: see TRIAD_PHASE_INFANT) */
    TRIAD_PHASE_MIDDLE,       /**< middle deemed primary (and "middle" alone) */
    TRIAD_PHASE_SECONDARY,    /**< secondary */
    TRIAD_PHASE_ALL_THROUGH,  /**< all-through */
    TRIAD_PHASE_SPECIAL,      /**< special */
    TRIAD_PHASE_PRU,          /**< pupil referral unit, alternative provision */
    TRIAD_PHASE_SIXTEEN_PLUS, /**< 16 plus */
    TRIAD_PHASE_INFANT,       /**< infant: a primary school to age 7 (GIAS: Primary, statutory
                                 high age 8 or under) */
    TRIAD_PHASE_JUNIOR,       /**< junior: from age 7 (GIAS: Primary, low age 7 or over) */
    TRIAD_PHASE_FIRST,        /**< first: to age 9 or 10 (GIAS: Primary, high age 9-10) */
    TRIAD_PHASE_MIDDLE_SECONDARY, /**< middle deemed secondary */
    TRIAD_PHASE_COUNT         /**< the number of phases, not a phase */
} triad_phase;

/** Options of triad_schools_read and triad_schools_read_buffer. */
typedef struct triad_read_options {
    size_t struct_size;  /**< set by triad_read_options_init */
    triad_format format; /**< default TRIAD_FORMAT_AUTO */
    int keep_closed;     /**< GIAS: keep schools whose status is "Closed" (default 0) */
} triad_read_options;

/** Fills *opts with the defaults. A struct whose struct_size is 0 (not
 * initialised) or larger than this library's is refused with
 * TRIAD_ERR_INVALID_ARGUMENT by every call that takes it; a smaller one
 * (an older header's) is read as far as it goes. */
TRIAD_API void triad_read_options_init(triad_read_options *opts);
/** The same defaults as an initialiser: triad_read_options o = TRIAD_READ_OPTIONS_INIT; */
#define TRIAD_READ_OPTIONS_INIT {sizeof(triad_read_options), TRIAD_FORMAT_AUTO, 0}

/** Reads a schools file (native, GIAS or Ofsted MI; UTF-8 with or without BOM,
 * or Windows-1252; CRLF or LF). opts may be NULL for defaults. On success the
 * caller owns *out (triad_schools_free); on failure *out is NULL. */
TRIAD_API triad_status triad_schools_read(const char *path, const triad_read_options *opts,
                                          triad_schools **out, triad_error *err);

/** As triad_schools_read, from memory; name is used in error messages. The
 * buffer is only read during the call. */
TRIAD_API triad_status triad_schools_read_buffer(const char *data, size_t size, const char *name,
                                                 const triad_read_options *opts,
                                                 triad_schools **out, triad_error *err);

/** A copy of schools in which each all-through school takes two places:
 * URN-P (Primary, named "NAME (primary)") and URN-S (Secondary), with one
 * head between them (the head column: the school's URN), so each joins a
 * collaborative of its phase and the lead rule lets its head lead only
 * one. Pupils are split by the share of the statutory age range on each
 * side of 11 (half each without ages). *nsplit (may be NULL) gets how many
 * were split. A resulting URN another school already has is
 * TRIAD_ERR_DUPLICATE. Caller owns *out. */
TRIAD_API triad_status triad_schools_split_all_through(const triad_schools *schools,
                                                       triad_schools **out, size_t *nsplit,
                                                       triad_error *err);

/** Releases schools; NULL is ignored. */
TRIAD_API void triad_schools_free(triad_schools *schools);

/** Writes schools as the native CSV, atomically (temporary file, then rename):
 * on failure no file is left at path. */
TRIAD_API triad_status triad_schools_write(const triad_schools *schools, const char *path,
                                           triad_error *err);

/** The native schools CSV that triad_schools_write writes, as a string.
 * Caller owns *out (triad_string_free). */
TRIAD_API triad_status triad_schools_csv(const triad_schools *schools, char **out,
                                         triad_error *err);

/** Number of schools. */
TRIAD_API size_t triad_schools_count(const triad_schools *schools);

/**@{*/
/** Data gaps: an expected column of the file's format that is absent, or
 * present but blank for every school, each with what it means for the plan
 * ("no column 'OfstedRating (name)' (GIAS): all 397 schools are treated as
 * not inspected; ..."). Read once, never silent: `triad import` and `triad
 * solve` print them, and every report of a plan for these schools carries
 * them as warnings. The string is borrowed, valid while schools lives;
 * NULL when k is out of range. Thread-safe on a table no one changes. */
TRIAD_API size_t triad_schools_gap_count(const triad_schools *schools);
TRIAD_API const char *triad_schools_gap(const triad_schools *schools, size_t k);
/**@}*/

/** The format the file was read as. */
TRIAD_API triad_format triad_schools_format(const triad_schools *schools);

/**@{*/
/** Borrowed strings owned by schools, valid until it is freed. */
TRIAD_API const char *triad_schools_urn(const triad_schools *schools, size_t i);
TRIAD_API const char *triad_schools_name(const triad_schools *schools, size_t i);
TRIAD_API triad_phase triad_schools_phase(const triad_schools *schools, size_t i);
/**@}*/
/** Ofsted grade 1-4, or 0 for "not inspected". */
TRIAD_API int triad_schools_ofsted(const triad_schools *schools, size_t i);

/** Constant name of a phase ("Primary", ...). */
TRIAD_API const char *triad_phase_name(triad_phase phase);

/* ------------------------------------------------- schools built in memory */

/** The fields of a school that the setters below change. */
typedef enum triad_field {
    TRIAD_FIELD_NAME = 0,     /**< text */
    TRIAD_FIELD_TRUST,        /**< text, "" for none */
    TRIAD_FIELD_AREA,         /**< text: district or area */
    TRIAD_FIELD_OFSTED,       /**< number 1-4, 0 or NAN for not inspected */
    TRIAD_FIELD_IDACI,        /**< number 1-5 */
    TRIAD_FIELD_FSM_PCT,      /**< number 0-100 */
    TRIAD_FIELD_URBAN,        /**< number: 1 urban, 0 rural */
    TRIAD_FIELD_HEAD_YEARS,   /**< number 0-60 */
    TRIAD_FIELD_PUPILS,       /**< number 0-100,000 */
    TRIAD_FIELD_PRIORITY,     /**< number 1-3 (3 causing concern) */
    TRIAD_FIELD_LEAD_ELIGIBLE, /**< number 0/1, NAN: by the rule */
    TRIAD_FIELD_OPTED_OUT,    /**< number 0/1 */
    TRIAD_FIELD_LOW_AGE,      /**< number 0-25: the statutory low age */
    TRIAD_FIELD_HIGH_AGE,     /**< number 0-25: the statutory high age */
    TRIAD_FIELD_GOVERNORS     /**< number 0-100: governors trained in peer review */
} triad_field;

/** An empty schools table to fill with triad_schools_add and the setters
 * (files are a convenience on top of this). Caller owns *out. Every text
 * given to the setters, as to triad_plan_from_arrays, is UTF-8, else
 * TRIAD_ERR_VALUE; a URN, trust, area, attribute name, category or group
 * label is one line (no line break, tab or other control character), as
 * the file readers require. */
TRIAD_API triad_status triad_schools_new(triad_schools **out, triad_error *err);

/** Adds a school; its index (0, 1, ...) goes to *index (may be NULL). A
 * duplicate URN is TRIAD_ERR_DUPLICATE. Every other field starts unknown. */
TRIAD_API triad_status triad_schools_add(triad_schools *schools, const char *urn,
                                         triad_phase phase, size_t *index, triad_error *err);

/**@{*/
/** Set one field of school i: text fields (value copied), number fields
 * (NAN = unknown; out of range: TRIAD_ERR_VALUE, as in a file), location in
 * OSGB36 metres. A wrong index or field kind is TRIAD_ERR_INVALID_ARGUMENT. */
TRIAD_API triad_status triad_schools_set_text(triad_schools *schools, size_t i,
                                              triad_field field, const char *value,
                                              triad_error *err);
TRIAD_API triad_status triad_schools_set_number(triad_schools *schools, size_t i,
                                                triad_field field, double value,
                                                triad_error *err);
TRIAD_API triad_status triad_schools_set_location(triad_schools *schools, size_t i,
                                                  double easting, double northing,
                                                  triad_error *err);
/**@}*/

/**@{*/
/** A user attribute (numeric or categorical), blank for every school until
 * set; balanced when the spec gives it a weight. Its index goes to *index. */
TRIAD_API triad_status triad_schools_add_attribute(triad_schools *schools, const char *name,
                                                   int numeric, size_t *index,
                                                   triad_error *err);
TRIAD_API triad_status triad_schools_set_attribute_number(triad_schools *schools, size_t a,
                                                          size_t i, double value,
                                                          triad_error *err);
TRIAD_API triad_status triad_schools_set_attribute_category(triad_schools *schools, size_t a,
                                                            size_t i, const char *category,
                                                            triad_error *err);
/**@}*/

/**@{*/
/** User attributes: extra columns of the native CSV. */
TRIAD_API size_t triad_schools_attribute_count(const triad_schools *schools);
TRIAD_API const char *triad_schools_attribute_name(const triad_schools *schools, size_t a);
/**@}*/
/** 1 when attribute a is numeric, 0 when categorical. */
TRIAD_API int triad_schools_attribute_is_numeric(const triad_schools *schools, size_t a);

/* ----------------------------------------------------- fields read back */

/**@{*/
/** Field of school i read back: a text field into *out (borrowed, valid
 * while schools lives and is not changed), a number field into *out, the
 * location (easting, northing in metres, or lat/lon projected). A field the
 * school has no value for is TRIAD_ERR_EMPTY, distinct from any value (an
 * Ofsted grade of 0 is a value: not inspected); a wrong index or field kind
 * is TRIAD_ERR_INVALID_ARGUMENT. Thread-safe on a table no one changes. */
TRIAD_API triad_status triad_schools_get_text(const triad_schools *schools, size_t i,
                                              triad_field field, const char **out,
                                              triad_error *err);
TRIAD_API triad_status triad_schools_get_number(const triad_schools *schools, size_t i,
                                                triad_field field, double *out,
                                                triad_error *err);
TRIAD_API triad_status triad_schools_get_location(const triad_schools *schools, size_t i,
                                                  double *easting, double *northing,
                                                  triad_error *err);
/**@}*/

/**@{*/
/** A user attribute's value for school i (as the setters above), or
 * TRIAD_ERR_EMPTY when blank. */
TRIAD_API triad_status triad_schools_get_attribute_number(const triad_schools *schools,
                                                          size_t a, size_t i, double *out,
                                                          triad_error *err);
TRIAD_API triad_status triad_schools_get_attribute_category(const triad_schools *schools,
                                                            size_t a, size_t i,
                                                            const char **out,
                                                            triad_error *err);
/**@}*/

/** 1 when school i may lead a collaborative: its lead_eligible flag where
 * the file gives one, else Good or Outstanding with a head of at least three
 * years in post (or unknown years). 0 for an index out of range. */
TRIAD_API int triad_schools_is_lead_eligible(const triad_schools *schools, size_t i);

/** 1 when school i causes concern: LA priority 3 where given, else Requires
 * improvement or Inadequate. 0 for an index out of range. */
TRIAD_API int triad_schools_is_causing_concern(const triad_schools *schools, size_t i);

#ifdef __cplusplus
}
#endif

#endif /* TRIAD_SCHOOLS_H */
