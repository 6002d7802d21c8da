/* dicts.c: where Debian keeps the hyphenation dictionary of a language
 * (the hyphen-* packages), for the layout's hyphenation and for the front
 * matter's language check. */
#include "base.h"

#include <string.h>

#define HYPHEN_DIR "/usr/share/hyphen"

char *hyphen_dict_path(const char *lang)
{
    char **parts = g_strsplit_set(lang, "-_", 3);
    char *ll = g_ascii_strdown(parts[0] ? parts[0] : "", -1);
    char *rr = parts[0] && parts[1] && strlen(parts[1]) == 2 ? g_ascii_strup(parts[1], -1) : NULL;
    g_strfreev(parts);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    if (rr)
        g_ptr_array_add(names, g_strdup_printf("hyph_%s_%s.dic", ll, rr));
    /* the languages folio's series is written in, with their usual dictionaries */
    if (strcmp(ll, "en") == 0) {
        g_ptr_array_add(names, g_strdup("hyph_en_GB.dic"));
        g_ptr_array_add(names, g_strdup("hyph_en_US.dic"));
    } else if (strcmp(ll, "es") == 0) {
        g_ptr_array_add(names, g_strdup("hyph_es_ES.dic"));
    } else if (strcmp(ll, "fr") == 0) {
        g_ptr_array_add(names, g_strdup("hyph_fr.dic"));
        g_ptr_array_add(names, g_strdup("hyph_fr_FR.dic"));
    }
    g_ptr_array_add(names, g_strdup_printf("hyph_%s.dic", ll));
    char *found = NULL;
    for (guint i = 0; i < names->len && !found; i++) {
        char *p = g_build_filename(HYPHEN_DIR, names->pdata[i], NULL);
        if (g_file_test(p, G_FILE_TEST_IS_REGULAR))
            found = p;
        else
            g_free(p);
    }
    if (!found && *ll) { /* any regional dictionary of the language, the first by name */
        GDir *dir = g_dir_open(HYPHEN_DIR, 0, NULL);
        char *prefix = g_strdup_printf("hyph_%s_", ll), *best = NULL;
        const char *name;
        while (dir && (name = g_dir_read_name(dir)))
            if (g_str_has_prefix(name, prefix) && g_str_has_suffix(name, ".dic") &&
                (!best || strcmp(name, best) < 0)) {
                g_free(best);
                best = g_strdup(name);
            }
        if (best)
            found = g_build_filename(HYPHEN_DIR, best, NULL);
        g_free(best);
        g_free(prefix);
        if (dir)
            g_dir_close(dir);
    }
    g_ptr_array_free(names, TRUE);
    g_free(ll);
    g_free(rr);
    return found;
}
