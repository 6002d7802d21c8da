/* build_cache.c: the page-map cache, folio's equivalent of LaTeX's .aux file.
 *
 * A layout's page map (the page of every destination, where each page's text
 * begins) is all that an EPUB-only build, a page reference from another
 * manuscript, or a contents page needs from the print edition. Each build
 * that lays a manuscript out keeps its settled page map in the user's cache
 * (FOLIO_CACHE_DIR, else $XDG_CACHE_HOME/folio/page-maps); a later build of
 * the same manuscript with the same options takes it instead of laying out
 * again, but only when nothing it was made from has changed since.
 *
 * An entry is named by a hash of what decides the layout besides the files
 * read: folio's own binary (size, modification time, inode) and home, the
 * manuscript, the working directory, the style file, the command-line options and
 * SOURCE_DATE_EPOCH. It lists every file the build read (manuscript,
 * bibliographies, CSL style and locale, images, fonts, the hyphenation
 * dictionary) with its size, modification time and inode; any difference
 * and the entry is not used. The page map held is the one a fresh layout of
 * the same inputs gives, so the output bytes do not depend on the cache:
 * only the time taken does. A cache that cannot be read or written is
 * silently ignored (a build never fails or warns because of it). */
#include "build_int.h"

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"

#define CACHE_MAGIC "folio page map 2"
/* Entries unused for this long are removed when another is written. */
#define CACHE_MAX_AGE_DAYS 30

/* The cache directory, created on first use; NULL when caching is off. */
static const char *cache_dir(void)
{
    static char *dir;
    static bool tried;
    if (tried)
        return dir;
    tried = true;
    const char *env = g_getenv("FOLIO_CACHE_DIR");
    if (env && !*env)
        return NULL; /* FOLIO_CACHE_DIR="": no cache */
    char *d =
        env ? g_strdup(env) : g_build_filename(g_get_user_cache_dir(), "folio", "page-maps", NULL);
    if (g_mkdir_with_parents(d, 0700) == 0 && access(d, W_OK) == 0)
        dir = d;
    else
        g_free(d);
    return dir;
}

/* A file's identity for the cache: size, modification time, inode; NULL
 * when it cannot be read. */
static char *file_stamp(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return NULL;
    return g_strdup_printf("%lld.%lld.%09ld.%llu", (long long)st.st_size,
                           (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                           (unsigned long long)st.st_ino);
}

/* Adds "name=value\n" to the key text (value NULL: "-"). */
static void key_add(GString *k, const char *name, const char *value)
{
    g_string_append_printf(k, "%s=%s\n", name, value ? value : "-");
}

char *cache_key(const char *manuscript, const style *s, const res_options *ro)
{
    if (!cache_dir())
        return NULL;
    GString *k = g_string_new(CACHE_MAGIC "\n");
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    char *stamp = exe ? file_stamp(exe) : NULL;
    if (!stamp) {
        g_free(exe);
        g_string_free(k, TRUE);
        return NULL;
    }
    key_add(k, "version", FOLIO_VERSION);
    /* the libraries that shape and measure the text */
    key_add(k, "pango", pango_version_string());
    key_add(k, "harfbuzz", hb_version_string());
    key_add(k, "cairo", cairo_version_string());
    char fc[16];
    g_snprintf(fc, sizeof fc, "%d", FcGetVersion());
    key_add(k, "fontconfig", fc);
    key_add(k, "exe", exe);
    key_add(k, "exe-stamp", stamp);
    g_free(stamp);
    g_free(exe);
    char *cwd = g_get_current_dir();
    key_add(k, "cwd", cwd);
    g_free(cwd);
    char *home = folio_home_path(".");
    key_add(k, "home", home); /* its fonts and styles */
    g_free(home);
    key_add(k, "manuscript", manuscript);
    key_add(k, "style", s->path);
    key_add(k, "csl", ro->csl);
    for (size_t i = 0; i < ro->n_bibliography; i++)
        key_add(k, "bibliography", ro->bibliography[i]);
    key_add(k, "strict", ro->strict ? "1" : "0");
    key_add(k, "locales", ro->locales_dir);
    key_add(k, "source-date-epoch", g_getenv("SOURCE_DATE_EPOCH"));
    char *hash = g_compute_checksum_for_string(G_CHECKSUM_SHA256, k->str, (gssize)k->len);
    g_string_free(k, TRUE);
    return hash;
}

static char *entry_path(const char *key)
{
    return g_build_filename(cache_dir(), key, NULL);
}

/* Parses one "start NODE OFFSET" or "dest PAGE NAME" line into ld. */
static bool parse_map_line(lay_doc *ld, const char *line)
{
    unsigned a, b;
    int n = 0;
    if (sscanf(line, "start %u %u%n", &a, &b, &n) == 2 && line[n] == '\0') {
        doc_pos p = {a, b};
        g_array_append_val(ld->page_starts, p);
        return true;
    }
    if (sscanf(line, "dest %u %n", &a, &n) == 1 && n > 0 && line[n]) {
        g_hash_table_insert(ld->dests, arena_strdup(ld->arena, line + n), GUINT_TO_POINTER(a));
        return true;
    }
    return false;
}

lay_doc *cache_load(const char *key, bool need_self_contained, GPtrArray *files)
{
    if (!key || !cache_dir())
        return NULL;
    char *path = entry_path(key);
    char *text = NULL;
    bool ok = g_file_get_contents(path, &text, NULL, NULL);
    g_free(path);
    if (!ok)
        return NULL;
    lay_doc *ld = lay_doc_new();
    char **lines = g_strsplit(text, "\n", -1);
    g_free(text);
    ok = lines[0] && strcmp(lines[0], CACHE_MAGIC) == 0;
    bool self_contained = false;
    guint n_files = files ? files->len : 0;
    for (char **l = lines + 1; ok && *l && **l; l++) {
        if (strncmp(*l, "file ", 5) == 0) {
            char *sp = strchr(*l + 5, ' '); /* "file STAMP PATH" */
            if (!sp) {
                ok = false;
                break;
            }
            *sp = '\0';
            char *now = file_stamp(sp + 1);
            ok = now && strcmp(now, *l + 5) == 0;
            g_free(now);
            if (ok && files)
                g_ptr_array_add(files, g_strdup(sp + 1));
        } else if (strcmp(*l, "self-contained") == 0) {
            self_contained = true;
        } else {
            ok = parse_map_line(ld, *l);
        }
    }
    g_strfreev(lines);
    if (ok && need_self_contained && !self_contained)
        ok = false;
    if (!ok) {
        if (files)
            g_ptr_array_set_size(files, n_files);
        lay_doc_free(ld);
        return NULL;
    }
    return ld;
}

/* Removes entries nobody has used for CACHE_MAX_AGE_DAYS. */
static void prune(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return;
    gint64 now = g_get_real_time() / G_USEC_PER_SEC; /* age only: never reaches an output */
    const char *name;
    while ((name = g_dir_read_name(d))) {
        char *p = g_build_filename(dir, name, NULL);
        struct stat st;
        if (stat(p, &st) == 0 && now - st.st_atime > CACHE_MAX_AGE_DAYS * 86400LL &&
            now - st.st_mtime > CACHE_MAX_AGE_DAYS * 86400LL)
            unlink(p);
        g_free(p);
    }
    g_dir_close(d);
}

/* What a layout of d reads besides the files recorded as dependencies: the
 * style's fonts, the fonts directory, the hyphenation dictionary. */
static void layout_inputs(const doc *d, const style *s, GPtrArray *files)
{
    build_font_files(s, files);
    g_ptr_array_add(files, folio_home_path("fonts"));
    char *dict = hyphen_dict_path(d->meta.lang && *d->meta.lang ? d->meta.lang : "en-GB");
    if (dict)
        g_ptr_array_add(files, dict);
}

/* Compares two destination names, for a stable entry. */
static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void cache_store(const char *key, const doc *d, const style *s, const lay_doc *ld,
                 const GPtrArray *read, bool self_contained)
{
    if (!key || !ld || !cache_dir())
        return;
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < read->len; i++)
        g_ptr_array_add(files, g_strdup(read->pdata[i]));
    layout_inputs(d, s, files);
    GString *t = g_string_new(CACHE_MAGIC "\n");
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < files->len; i++) {
        const char *f = files->pdata[i];
        if (!g_hash_table_add(seen, (gpointer)f))
            continue;
        char *stamp = strchr(f, '\n') ? NULL : file_stamp(f);
        if (!stamp) { /* a file that cannot be checked later: no entry */
            g_hash_table_destroy(seen);
            g_string_free(t, TRUE);
            g_ptr_array_free(files, TRUE);
            return;
        }
        g_string_append_printf(t, "file %s %s\n", stamp, f);
        g_free(stamp);
    }
    g_hash_table_destroy(seen);
    if (self_contained)
        g_string_append(t, "self-contained\n");
    for (guint i = 0; i < ld->page_starts->len; i++) {
        const doc_pos *p = &g_array_index(ld->page_starts, doc_pos, i);
        g_string_append_printf(t, "start %u %u\n", p->node, p->offset);
    }
    guint n = 0;
    gpointer *names = g_hash_table_get_keys_as_array(ld->dests, &n);
    qsort(names, n, sizeof *names, compare_names);
    for (guint i = 0; i < n; i++)
        if (!strchr(names[i], '\n'))
            g_string_append_printf(t, "dest %u %s\n", lay_dest_page(ld, names[i]),
                                   (const char *)names[i]);
    g_free(names);
    char *path = entry_path(key);
    if (g_file_set_contents(path, t->str, (gssize)t->len, NULL))
        prune(cache_dir());
    g_free(path);
    g_string_free(t, TRUE);
    g_ptr_array_free(files, TRUE);
}

void build_font_files(const style *s, GPtrArray *files)
{
    const char *families[] = {s->body_font, s->heading_font, s->mono_font};
    for (size_t i = 0; i < G_N_ELEMENTS(families); i++)
        for (int face = 0; face < 4; face++) {
            char *f = fonts_file_lookup(families[i], face & 1, face & 2);
            if (f)
                g_ptr_array_add(files, f);
        }
}
