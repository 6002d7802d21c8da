/* outfile.c: atomic output. Each output is written to a temporary file in the
 * target's directory and renamed over the target only when complete, so a
 * failed or interrupted build leaves the previous good file intact. Live
 * temporaries are registered so signal handlers can remove them. */
#include "base.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct outfile {
    char *target, *temp;
    FILE *fp;
    unsigned errors_at_open; /* an error reported while writing: never commit */
};

/* Temporaries still open, for out_cleanup_all; fixed size so a signal handler
 * never allocates. One build writes at most a handful of files at a time. */
#define OUT_MAX_LIVE 16
static char *volatile live[OUT_MAX_LIVE];

static void live_add(char *path)
{
    for (int i = 0; i < OUT_MAX_LIVE; i++)
        if (!live[i]) {
            live[i] = path;
            return;
        }
}

static void live_remove(const char *path)
{
    for (int i = 0; i < OUT_MAX_LIVE; i++)
        if (live[i] == path)
            live[i] = NULL;
}

void out_cleanup_all(void)
{
    for (int i = 0; i < OUT_MAX_LIVE; i++)
        if (live[i])
            unlink(live[i]);
}

outfile *out_open(const char *target)
{
    char *dir = g_path_get_dirname(target);
    char *base = g_path_get_basename(target);
    /* the writer's pid in the name tells out_remove_stale whether it lives */
    char *temp = g_strdup_printf("%s/.%s.%ld.XXXXXX", dir, base, (long)getpid());
    g_free(dir);
    g_free(base);
    int fd = mkstemp(temp);
    if (fd < 0) {
        diag_error(target, 0, 0, "cannot write output: %s", g_strerror(errno));
        g_free(temp);
        return NULL;
    }
    fchmod(fd, 0644);
    outfile *o = g_new0(outfile, 1);
    o->target = g_strdup(target);
    o->temp = temp;
    o->fp = fdopen(fd, "wb");
    o->errors_at_open = diag_error_count();
    live_add(o->temp);
    return o;
}

FILE *out_stream(outfile *o)
{
    return o->fp;
}

const char *out_temp_path(const outfile *o)
{
    return o->temp;
}

static void out_release(outfile *o)
{
    live_remove(o->temp);
    g_free(o->target);
    g_free(o->temp);
    g_free(o);
}

bool out_commit(outfile *o)
{
    bool ok = false;
    int err = 0;
    if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0)
        err = errno ? errno : EIO;
    if (fclose(o->fp) != 0 && !err)
        err = errno ? errno : EIO;
    o->fp = NULL;
    if (diag_error_count() != o->errors_at_open)
        goto out; /* already reported: the file may be incomplete or wrong */
    if (err) {
        diag_error(o->target, 0, 0, "cannot write output: %s", g_strerror(err));
        goto out;
    }
    if (rename(o->temp, o->target) != 0) {
        diag_error(o->target, 0, 0, "cannot rename output into place: %s", g_strerror(errno));
        goto out;
    }
    ok = true;
out:
    if (!ok)
        unlink(o->temp);
    out_release(o);
    return ok;
}

void out_abort(outfile *o)
{
    if (!o)
        return;
    if (o->fp)
        fclose(o->fp);
    unlink(o->temp);
    out_release(o);
}

/* True when name is ".BASE.PID.XXXXXX" (prefix = ".BASE.") for a process
 * that no longer runs, or an older ".BASE.XXXXXX" without a pid. */
static bool is_stale_temp(const char *name, const char *prefix)
{
    if (!g_str_has_prefix(name, prefix))
        return false;
    const char *rest = name + strlen(prefix);
    if (strlen(rest) == 6) /* mkstemp's suffix alone: written before pids were named */
        return true;
    char *end = NULL;
    long pid = strtol(rest, &end, 10);
    if (end == rest || *end != '.' || strlen(end + 1) != 6 || pid <= 0)
        return false;
    /* a live writer (perhaps a concurrent build) keeps its file */
    return pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

void out_remove_stale(const char *target)
{
    char *dir = g_path_get_dirname(target);
    char *base = g_path_get_basename(target);
    char *prefix = g_strdup_printf(".%s.", base);
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d) {
        const char *name;
        while ((name = g_dir_read_name(d))) {
            if (is_stale_temp(name, prefix)) {
                char *p = g_build_filename(dir, name, NULL);
                unlink(p);
                g_free(p);
            }
        }
        g_dir_close(d);
    }
    g_free(prefix);
    g_free(dir);
    g_free(base);
}
