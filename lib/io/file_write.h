/* The one way the library writes files (see file_write.c for the rules).
 * Never installed. */
#ifndef TRIAD_IO_FILE_WRITE_H
#define TRIAD_IO_FILE_WRITE_H

#include <stddef.h>

#include "triad/triad.h"

/* A file written but not yet in place: stage several, then commit them all
 * (or abort them all), so a set of outputs appears together or not at all. */
typedef struct file_stage {
    char *tmp, *target;
    int fd;
    int direct; /* written through a device or FIFO: nothing to commit */
} file_stage;

void file_stage_init(file_stage *f);
/* Writes data to a temporary beside path (or through a device/FIFO). On
 * failure nothing is left behind. */
triad_status file_stage_write(file_stage *f, const char *path, const char *data, size_t size,
                              triad_error *err);
/* Renames the temporary over the target. */
triad_status file_stage_commit(file_stage *f, triad_error *err);
/* Removes the temporary; f may be committed or empty already. */
void file_stage_abort(file_stage *f);

/* Stage and commit one file. */
triad_status file_write_atomic(const char *path, const char *data, size_t size,
                               triad_error *err);

/* Writes data[k] (sizes[k] bytes) to paths[k] for k < n, all or nothing:
 * every file is staged before any is renamed into place. */
triad_status file_write_all(size_t n, const char *const *paths, const char *const *data,
                            const size_t *sizes, triad_error *err);

/* Writes a built buffer as one file (an allocation failure while building
 * it is TRIAD_ERR_NOMEM, nothing written) and frees the buffer. */
struct triad_i_buf;
triad_status file_write_buf(const char *path, struct triad_i_buf *b, triad_error *err);

/* Hands a built buffer to the caller as a string in *out (an empty buffer
 * is ""; an allocation failure while building it is TRIAD_ERR_NOMEM, *out
 * NULL and the buffer freed). */
triad_status file_buf_take(struct triad_i_buf *b, char **out, triad_error *err);

#endif
