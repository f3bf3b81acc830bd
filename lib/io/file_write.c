/* Every file the library writes goes through here, so that no output path
 * can leave half a file, replace a device with a regular file, or ignore
 * the user's umask.
 *
 * Regular files (and paths that do not exist yet) are written to a fresh
 * temporary file in the same folder and renamed over the target: a reader
 * sees the old file or the new one, never a mix. The temporary is created
 * with mode 0666 so the kernel applies the umask, as `cp` or a shell
 * redirection would; an existing file keeps its permission bits. A symbolic
 * link is followed, so the file it names is replaced and the link stays.
 * Character devices and FIFOs (the standard-output device, a named pipe) cannot be
 * renamed over: they are written through, and a FIFO without a reader is
 * refused instead of blocking forever. Anything else (a directory, a socket,
 * a block device) is refused. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/util.h"
#include "io/file_write.h"

#ifndef NAME_MAX
#define NAME_MAX 255
#endif
/* Bytes of the target's name a temporary keeps: its suffix (".tmp", a pid,
 * '.', a hex clock and a counter) takes at most 40 more. */
#define TMP_NAME_ROOM (NAME_MAX - 40)

static triad_status write_all(int fd, const char *data, size_t size)
{
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, data + done, size - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return TRIAD_ERR_IO;
        }
        done += (size_t)w;
    }
    return TRIAD_OK;
}

/* A device or FIFO: write in place. */
static triad_status write_through(const char *path, const struct stat *sb, const char *data,
                                  size_t size, triad_error *err)
{
    /* O_NONBLOCK makes opening a FIFO with no reader fail (ENXIO) at once. */
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENXIO && S_ISFIFO(sb->st_mode))
            return triad_i_fail(err, TRIAD_ERR_IO, path, 0, 0,
                                "cannot write %s: it is a FIFO with no reader", path);
        return triad_i_fail(err, TRIAD_ERR_IO, path, 0, 0, "cannot open %s: %s", path,
                            strerror(errno));
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    triad_status st = write_all(fd, data, size);
    int saved = errno;
    if (close(fd) != 0 && st == TRIAD_OK) {
        st = TRIAD_ERR_IO;
        saved = errno;
    }
    if (st != TRIAD_OK)
        return triad_i_fail(err, TRIAD_ERR_IO, path, 0, 0, "cannot write %s: %s", path,
                            strerror(saved));
    return TRIAD_OK;
}

void file_stage_init(file_stage *f)
{
    memset(f, 0, sizeof *f);
    f->fd = -1;
}

void file_stage_abort(file_stage *f)
{
    if (f->fd >= 0)
        close(f->fd);
    if (f->tmp)
        unlink(f->tmp);
    free(f->tmp);
    free(f->target);
    file_stage_init(f);
}

triad_status file_stage_write(file_stage *f, const char *path, const char *data, size_t size,
                              triad_error *err)
{
    file_stage_init(f);
    if (!path || !*path)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "empty output path");
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if (exists && (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode))) {
        f->direct = 1;
        return write_through(path, &sb, data, size, err);
    }
    if (exists && !S_ISREG(sb.st_mode))
        return triad_i_fail(err, TRIAD_ERR_IO, path, 0, 0,
                            "cannot write %s: it is a %s, not a regular file", path,
                            S_ISDIR(sb.st_mode) ? "directory" : "special file");
    /* Follow a symbolic link to the file it names. */
    struct stat lsb;
    char *target = NULL;
    if (exists && lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode))
        target = realpath(path, NULL);
    if (!target)
        target = triad_i_strdup(path);
    size_t n = target ? strlen(target) : 0;
    char *tmp = target ? malloc(n + 48) : NULL;
    triad_status st = TRIAD_OK;
    if (!tmp) {
        st = triad_i_fail_nomem(err);
        goto fail;
    }
    /* A name no other writer picks: pid, clock and a retry counter, after
     * the target's name cut to leave room for them, so that a target whose
     * name is near the longest a folder takes can still be written. */
    const char *slash = strrchr(target, '/');
    size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
    size_t keep = n - dir_len < TMP_NAME_ROOM ? n - dir_len : TMP_NAME_ROOM;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int fd = -1;
    for (unsigned k = 0; k < 100 && fd < 0; k++) {
        snprintf(tmp, n + 48, "%.*s.tmp%ld.%lx%u", (int)(dir_len + keep), target, (long)getpid(),
                 (unsigned long)ts.tv_nsec, k);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        st = triad_i_fail(err, TRIAD_ERR_IO, path, 0, 0, "cannot create %s: %s", tmp,
                          strerror(errno));
        goto fail;
    }
    f->fd = fd;
    f->tmp = tmp;
    f->target = target;
    if (exists)
        (void)fchmod(fd, sb.st_mode & 07777);
    st = write_all(fd, data, size);
    int saved = errno;
    if (st == TRIAD_OK && fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
        st = TRIAD_ERR_IO;
        saved = errno;
    }
    if (close(fd) != 0 && st == TRIAD_OK) {
        st = TRIAD_ERR_IO;
        saved = errno;
    }
    f->fd = -1;
    if (st != TRIAD_OK) {
        file_stage_abort(f);
        return triad_i_fail(err, TRIAD_ERR_IO, path, 0, 0, "cannot write %s: %s", path,
                            strerror(saved));
    }
    return TRIAD_OK;
fail: /* nothing created yet: the names are still ours */
    free(tmp);
    free(target);
    return st;
}

triad_status file_stage_commit(file_stage *f, triad_error *err)
{
    if (f->direct || !f->tmp) {
        file_stage_init(f);
        return TRIAD_OK;
    }
    if (rename(f->tmp, f->target) != 0) {
        triad_status st = triad_i_fail(err, TRIAD_ERR_IO, f->target, 0, 0, "cannot write %s: %s",
                                       f->target, strerror(errno));
        file_stage_abort(f);
        return st;
    }
    free(f->tmp);
    free(f->target);
    file_stage_init(f);
    return TRIAD_OK;
}

triad_status file_write_atomic(const char *path, const char *data, size_t size, triad_error *err)
{
    file_stage f;
    triad_status st = file_stage_write(&f, path, data, size, err);
    return st == TRIAD_OK ? file_stage_commit(&f, err) : st;
}

triad_status triad_file_write(const char *path, const void *data, size_t size, triad_error *err)
{
    triad_error_clear(err);
    if (!path || (!data && size))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "path or data is NULL");
    return file_write_atomic(path, data ? data : "", size, err);
}

triad_status file_write_all(size_t n, const char *const *paths, const char *const *data,
                            const size_t *sizes, triad_error *err)
{
    file_stage *stage = calloc(n ? n : 1, sizeof *stage);
    if (!stage)
        return triad_i_fail_nomem(err);
    for (size_t k = 0; k < n; k++)
        file_stage_init(&stage[k]);
    triad_status st = TRIAD_OK;
    /* Stage every file first: a failure then leaves none of them behind. */
    for (size_t k = 0; k < n && st == TRIAD_OK; k++)
        st = file_stage_write(&stage[k], paths[k], data[k], sizes[k], err);
    for (size_t k = 0; k < n && st == TRIAD_OK; k++)
        st = file_stage_commit(&stage[k], err);
    for (size_t k = 0; k < n; k++)
        file_stage_abort(&stage[k]);
    free(stage);
    return st;
}

triad_status triad_files_write(size_t n, const char *const *paths, const char *const *texts,
                               triad_error *err)
{
    triad_error_clear(err);
    if (n == 0 || !paths || !texts)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "no files, or paths or texts is NULL");
    size_t *sizes = malloc(n * sizeof *sizes);
    if (!sizes)
        return triad_i_fail_nomem(err);
    triad_status st = TRIAD_OK;
    for (size_t k = 0; k < n && st == TRIAD_OK; k++) {
        if (!paths[k] || !texts[k])
            st = triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                              "file %zu: path or text is NULL", k + 1);
        else
            sizes[k] = strlen(texts[k]);
    }
    /* two entries naming one file would leave the first's temporary renamed
     * over by the second: refuse rather than keep one silently */
    for (size_t a = 0; a < n && st == TRIAD_OK; a++)
        for (size_t b = a + 1; b < n && st == TRIAD_OK; b++)
            if (strcmp(paths[a], paths[b]) == 0)
                st = triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, paths[a], 0, 0,
                                  "files %zu and %zu are both %s", a + 1, b + 1, paths[a]);
    if (st == TRIAD_OK)
        st = file_write_all(n, paths, texts, sizes, err);
    free(sizes);
    return st;
}

triad_status file_buf_take(triad_i_buf *b, char **out, triad_error *err)
{
    *out = NULL;
    if (!b->failed)
        *out = b->data ? b->data : triad_i_strndup("", 0);
    else
        triad_i_buf_free(b);
    return *out ? TRIAD_OK : triad_i_fail_nomem(err);
}

triad_status file_write_buf(const char *path, triad_i_buf *b, triad_error *err)
{
    triad_status st = b->failed ? triad_i_fail_nomem(err)
                                : file_write_atomic(path, b->data ? b->data : "", b->len, err);
    triad_i_buf_free(b);
    return st;
}
