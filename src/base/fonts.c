/* fonts.c: a fontconfig configuration that holds only the fonts in fonts/,
 * shared by the PDF layout (through Pango) and the EPUB's embedded fonts. */
#include "base.h"

#include <fontconfig/fontconfig.h>
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

FcConfig *fonts_config(void)
{
    if (config)
        return config;
    char *dir = folio_home_path("fonts");
    config = FcConfigCreate();
    /* No system configuration is loaded, so no system directory is scanned.
     * Files are added one by one rather than as a directory, which would make
     * fontconfig try (and, with no cache directory configured, complain) to
     * write a cache; scanning ten faces costs a few milliseconds. */
    GDir *d = g_dir_open(dir, 0, NULL);
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while (d && (name = g_dir_read_name(d)))
        if (g_str_has_suffix(name, ".ttf") || g_str_has_suffix(name, ".otf"))
            g_ptr_array_add(files, g_build_filename(dir, name, NULL));
    if (d)
        g_dir_close(d);
    g_ptr_array_sort(files, (GCompareFunc)compare_paths);
    for (guint i = 0; i < files->len; i++)
        FcConfigAppFontAddFile(config, (const FcChar8 *)files->pdata[i]);
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
