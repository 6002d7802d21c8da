/* file.c: reading inputs whole, checking their text, finding folio's home. */
#include "base.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool file_read(const char *path, const char *from_file, unsigned line, unsigned col, char **data,
               size_t *len)
{
    const char *where = from_file ? from_file : path;
    struct stat st;
    if (stat(path, &st) != 0) {
        if (from_file)
            diag_error(where, line, col, "cannot read '%s': %s", path, g_strerror(errno));
        else
            diag_error(where, 0, 0, "cannot read file: %s", g_strerror(errno));
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        diag_error(where, line, col, "'%s' is a directory, not a file", path);
        return false;
    }
    if (st.st_size > (off_t)FILE_MAX_BYTES) {
        diag_error(where, line, col, "'%s' is larger than the %u MiB limit for inputs", path,
                   FILE_MAX_BYTES / (1024u * 1024u));
        return false;
    }
    if (access(path, R_OK) != 0) { /* the plain reason, without GLib's restated path */
        if (from_file)
            diag_error(where, line, col, "cannot read '%s': %s", path, g_strerror(errno));
        else
            diag_error(where, 0, 0, "cannot read file: %s", g_strerror(errno));
        return false;
    }
    GError *err = NULL;
    gsize n = 0;
    if (!g_file_get_contents(path, data, &n, &err)) {
        if (from_file)
            diag_error(where, line, col, "cannot read '%s': %s", path, err->message);
        else
            diag_error(where, 0, 0, "cannot read file: %s", err->message);
        g_error_free(err);
        return false;
    }
    *len = n;
    deps_record(path);
    return true;
}

bool text_check(const char *file, const char *data, size_t len)
{
    const char *end = NULL;
    if (g_utf8_validate(data, (gssize)len, &end) && memchr(data, '\0', len) == NULL)
        return true;
    const char *bad = end ? end : data + len;
    const char *nul = memchr(data, '\0', len);
    if (nul && nul <= bad)
        bad = nul;
    unsigned line = 1, col = 1;
    for (const char *p = data; p < bad; p++) {
        if (*p == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            col++;
        }
    }
    if (bad < data + len && *bad == '\0')
        diag_error(file, line, col, "NUL byte in text; the file must be UTF-8 text");
    else
        diag_error(file, line, col, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
                   (unsigned char)*bad);
    return false;
}

char *folio_home_path(const char *relative)
{
    const char *home = g_getenv("FOLIO_HOME");
    if (home && *home)
        return g_build_filename(home, relative, NULL);
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    if (exe) {
        char *bin = g_path_get_dirname(exe); /* .../build or .../build/sanitize */
        char *dir = g_path_get_dirname(bin);
        g_free(exe);
        g_free(bin);
        for (int up = 0; up < 3; up++) {
            char *probe = g_build_filename(dir, relative, NULL);
            if (g_file_test(probe, G_FILE_TEST_EXISTS)) {
                g_free(dir);
                return probe;
            }
            g_free(probe);
            char *parent = g_path_get_dirname(dir);
            g_free(dir);
            dir = parent;
        }
        g_free(dir);
    }
    return g_strdup(relative);
}

const char *mem_find_last(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
        if (memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}
