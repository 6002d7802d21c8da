/* bib_load.c: reads a bibliography file and hands it to the reader its
 * extension names (.bib: bib_tex.c, .json: bib_json.c). */
#include "bib.h"

#include <string.h>

bool bib_load(const char *path, csl_bib *into, const char *from_file, unsigned line,
              unsigned col)
{
    bool ok = false;
    char *data = NULL;
    size_t len = 0;
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    const char *ext = dot && (!slash || dot > slash) ? dot + 1 : "";
    bool tex = !g_ascii_strcasecmp(ext, "bib") || !g_ascii_strcasecmp(ext, "bibtex");
    bool json = !g_ascii_strcasecmp(ext, "json");
    if (!tex && !json) {
        if (from_file)
            diag_error(from_file, line, col,
                       "unknown bibliography format '%s': use .bib (BibTeX, BibLaTeX) or .json "
                       "(CSL-JSON)", path);
        else
            diag_error(path, 0, 0,
                       "unknown bibliography format: use .bib (BibTeX, BibLaTeX) or .json "
                       "(CSL-JSON)");
        goto out;
    }
    if (!file_read(path, from_file, line, col, &data, &len) || !text_check(path, data, len))
        goto out;
    ok = tex ? bib_tex_load(path, data, len, into) : bib_json_load(path, data, len, into);
out:
    g_free(data);
    return ok;
}
