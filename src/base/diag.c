/* diag.c: the one diagnostics sink, and dependency recording. */
#include "base.h"

static unsigned error_count;
static bool quiet_warnings;
static bool strict_warnings;
static int silenced; /* diag_silence depth: nothing is printed or counted */

void diag_silence(bool on)
{
    silenced += on ? 1 : -1;
}

/* Diagnostics may come from the PDF's drawing thread too (src/emit/pdf.c). */
G_LOCK_DEFINE_STATIC(diag_lock);

void diag(diag_level level, const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
    G_LOCK(diag_lock);
    if (silenced > 0 || (level != DIAG_ERROR && !strict_warnings && quiet_warnings)) {
        G_UNLOCK(diag_lock);
        return;
    }
    if (strict_warnings)
        level = DIAG_ERROR;
    if (level == DIAG_ERROR)
        error_count++;
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s:%u:%u: %s: %s\n", file ? file : "folio", line ? line : 1, col ? col : 1,
            level == DIAG_ERROR ? "error" : "warning", msg);
    G_UNLOCK(diag_lock);
    g_free(msg);
}

int diag_usage(const char *usage, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "folio: %s\n%s", msg, usage);
    g_free(msg);
    return 2;
}

unsigned diag_error_count(void)
{
    G_LOCK(diag_lock);
    unsigned n = error_count;
    G_UNLOCK(diag_lock);
    return n;
}

void diag_set_quiet_warnings(bool quiet)
{
    quiet_warnings = quiet;
}

void diag_set_strict(bool strict)
{
    strict_warnings = strict;
}

static GPtrArray *deps;

void deps_record(const char *path)
{
    if (!deps)
        deps = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < deps->len; i++)
        if (g_strcmp0(deps->pdata[i], path) == 0)
            return;
    g_ptr_array_add(deps, g_strdup(path));
}

const GPtrArray *deps_list(void)
{
    if (!deps)
        deps = g_ptr_array_new_with_free_func(g_free);
    return deps;
}

void deps_reset(void)
{
    if (deps)
        g_ptr_array_free(deps, TRUE);
    deps = NULL;
}
