/* fonts.c: a fontconfig configuration that holds only the fonts in fonts/,
 * shared by the PDF layout (through Pango) and the EPUB's embedded fonts. */
#include "base.h"

#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <string.h>

static FcConfig *config;

/* What must be released before the configuration (font maps holding its
 * patterns), run last registered first. */
#define MAX_RELEASES 4
static void (*releases[MAX_RELEASES])(void);
static int n_releases;

static int compare_paths(const char **a, const char **b)
{
    return strcmp(*a, *b);
}

/* A fontconfig cache directory for the fonts in files (sorted paths), or
 * NULL when there is no writable one: under the user's cache directory,
 * named by a digest of each font's name, size and modification time, so a
 * changed font gets a fresh cache whatever fontconfig's own check of the
 * directory's time says. g_free. */
static char *cache_dir_for(const GPtrArray *files)
{
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    for (guint i = 0; i < files->len; i++) {
        GStatBuf st;
        if (g_stat(files->pdata[i], &st) != 0) {
            g_checksum_free(sum);
            return NULL;
        }
        char *line = g_strdup_printf("%s %lld %lld\n", (const char *)files->pdata[i],
                                     (long long)st.st_size, (long long)st.st_mtime);
        g_checksum_update(sum, (const guchar *)line, -1);
        g_free(line);
    }
    char *name = g_strndup(g_checksum_get_string(sum), 24);
    g_checksum_free(sum);
    char *cache = g_build_filename(g_get_user_cache_dir(), "folio", "fontconfig", name, NULL);
    g_free(name);
    if (g_mkdir_with_parents(cache, 0755) != 0 || g_access(cache, W_OK) != 0) {
        g_free(cache);
        return NULL;
    }
    return cache;
}

/* Adds the fonts in files (sorted paths in dir) to config: from fontconfig's
 * cache of dir when there is a writable cache directory (the cache is read
 * in well under a millisecond; scanning the ten faces takes a few), else one
 * by one. A directory without a cache directory configured would make
 * fontconfig complain on stderr that it cannot write one, so a user without
 * a writable home (tests run some cases as nobody) gets the files added one
 * by one, as fontconfig then writes nothing. */
static void add_fonts(FcConfig *cfg, const char *dir, const GPtrArray *files)
{
    char *cache = files->len ? cache_dir_for(files) : NULL;
    if (cache) {
        char *xml =
            g_markup_printf_escaped("<fontconfig><cachedir>%s</cachedir></fontconfig>", cache);
        bool ok = FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)xml, FcFalse) &&
                  FcConfigAppFontAddDir(cfg, (const FcChar8 *)dir);
        g_free(xml);
        g_free(cache);
        if (ok)
            return;
    }
    for (guint i = 0; i < files->len; i++)
        FcConfigAppFontAddFile(cfg, (const FcChar8 *)files->pdata[i]);
}

FcConfig *fonts_config(void)
{
    if (config)
        return config;
    char *dir = folio_home_path("fonts");
    config = FcConfigCreate();
    /* No system configuration is loaded, so no system directory is scanned. */
    GDir *d = g_dir_open(dir, 0, NULL);
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while (d && (name = g_dir_read_name(d)))
        if (g_str_has_suffix(name, ".ttf") || g_str_has_suffix(name, ".otf"))
            g_ptr_array_add(files, g_build_filename(dir, name, NULL));
    if (d)
        g_dir_close(d);
    g_ptr_array_sort(files, (GCompareFunc)compare_paths);
    add_fonts(config, dir, files);
    if (files->len == 0)
        diag_warning(dir, 0, 0, "no fonts in the fonts directory; run 'make' to fill it");
    g_ptr_array_free(files, TRUE);
    g_free(dir);
    /* The configuration is made fontconfig's current one, so every font map
     * without one of its own (folio's layout map, librsvg's for an SVG's
     * text) uses these fonts, and fontconfig never loads the system's
     * configuration (Pango starts that load on a thread when a font map is
     * made; with a current configuration it has nothing to do). */
    FcConfigSetCurrent(config);
    return config;
}

void fonts_at_shutdown(void (*release)(void))
{
    g_assert(n_releases < MAX_RELEASES);
    releases[n_releases++] = release;
}

void fonts_shutdown(void)
{
    while (n_releases > 0)
        releases[--n_releases]();
    if (config) {
        FcConfigSetCurrent(NULL);
        FcConfigDestroy(config);
    }
    config = NULL;
}

char *fonts_file_lookup(const char *family, bool bold, bool italic)
{
    FcConfig *cfg = fonts_config();
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcConfigSubstitute(cfg, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *match = FcFontMatch(cfg, pat, &res);
    char *path = NULL;
    FcChar8 *file = NULL;
    if (match && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch)
        path = g_strdup((const char *)file);
    if (match)
        FcPatternDestroy(match);
    FcPatternDestroy(pat);
    return path;
}
