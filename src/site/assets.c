/* assets.c: what the page loads besides itself, all served from the output
 * directory (no outside resources): site/site.css, site.js and icon.svg copied
 * into DIR/assets/, and the fonts of fonts/ subset with HarfBuzz to the
 * characters the page uses, so the fonts weigh kilobytes, not megabytes. */
#include "site.h"

#include <errno.h>
#include <hb-subset.h>
#include <string.h>

/* The faces the stylesheet names, as (family, bold, italic, file name). */
static const struct {
    const char *family;
    bool bold, italic;
    const char *file;
} faces[] = {
    {"Noto Serif", false, false, "serif-regular.ttf"},
    {"Noto Serif", false, true, "serif-italic.ttf"},
    {"Noto Serif", true, false, "serif-bold.ttf"},
    {"Noto Sans", false, false, "sans-regular.ttf"},
    {"Noto Sans", true, false, "sans-bold.ttf"},
};

bool site_write_file(const char *target, const void *data, size_t len)
{
    out_remove_stale(target);
    outfile *o = out_open(target);
    if (!o)
        return false;
    if (fwrite(data, 1, len, out_stream(o)) != len) {
        diag_error(target, 0, 0, "cannot write");
        out_abort(o);
        return false;
    }
    return out_commit(o);
}

/* Copies folio's site/NAME into dir/NAME. */
static bool copy_asset(const char *name, const char *dir)
{
    char *rel = g_strconcat("site/", name, NULL), *src = folio_home_path(rel);
    char *dst = g_build_filename(dir, name, NULL);
    char *data = NULL;
    size_t len = 0;
    bool ok = file_read(src, NULL, 0, 0, &data, &len) && site_write_file(dst, data, len);
    g_free(data);
    g_free(rel);
    g_free(src);
    g_free(dst);
    return ok;
}

/* The characters of text plus printable ASCII. */
static hb_set_t *text_chars(const char *text)
{
    hb_set_t *chars = hb_set_create();
    hb_set_add_range(chars, 0x20, 0x7e);
    for (const char *p = text; *p; p = g_utf8_next_char(p))
        hb_set_add(chars, g_utf8_get_char(p));
    return chars;
}

/* Writes face i of faces[] subset to chars into dir. */
static bool subset_face(size_t i, const hb_set_t *chars, const char *dir)
{
    char *path = fonts_file_lookup(faces[i].family, faces[i].bold, faces[i].italic);
    if (!path) {
        diag_error("fonts/", 0, 0, "no %s font for the page", faces[i].family);
        return false;
    }
    bool ok = false;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    hb_face_t *face = blob ? hb_face_create(blob, 0) : NULL;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_face_t *sub = NULL;
    if (face && in) {
        hb_set_union(hb_subset_input_unicode_set(in), chars);
        sub = hb_subset_or_fail(face, in);
    }
    if (!sub) {
        diag_error(path, 0, 0, "cannot subset the font for the page");
    } else {
        hb_blob_t *out = hb_face_reference_blob(sub);
        unsigned len = 0;
        const char *data = hb_blob_get_data(out, &len);
        char *target = g_build_filename(dir, faces[i].file, NULL);
        ok = site_write_file(target, data, len);
        g_free(target);
        hb_blob_destroy(out);
        hb_face_destroy(sub);
    }
    if (in)
        hb_subset_input_destroy(in);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    g_free(path);
    return ok;
}

bool site_assets_write(const char *out_dir, const char *page_text)
{
    char *dir = g_build_filename(out_dir, "assets", NULL);
    bool ok = g_mkdir_with_parents(dir, 0755) == 0;
    if (!ok)
        diag_error(dir, 0, 0, "cannot create the directory: %s", g_strerror(errno));
    ok = ok && copy_asset("site.css", dir) && copy_asset("site.js", dir) &&
         copy_asset("icon.svg", dir);
    hb_set_t *chars = text_chars(page_text);
    for (size_t i = 0; ok && i < G_N_ELEMENTS(faces); i++)
        ok = subset_face(i, chars, dir);
    hb_set_destroy(chars);
    g_free(dir);
    return ok;
}
