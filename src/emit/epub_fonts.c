/* epub_fonts.c: the embedded fonts. For each family of the style (body,
 * heading, mono) and each face the text is set in (plan_text in epub_plan.c),
 * the file fontconfig finds in fonts/ is checked to really be that family
 * and face (fontconfig falls back to whatever it has), then subset with
 * HarfBuzz to the characters the book uses in that family, plus printable
 * ASCII for what a reading system sets itself. A face that is missing is
 * left to the reading system's synthesis; a family that is missing falls back
 * to the generic family of the CSS, with a warning. */
#include "epub.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <string.h>

/* Face names longer than this are not font family names. */
#define FAMILY_NAME_MAX 256

/* The family name in the font (typographic family, else family); g_free. */
static char *face_family(hb_face_t *face)
{
    char buf[FAMILY_NAME_MAX];
    unsigned len = sizeof buf;
    if (hb_ot_name_get_utf8(face, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY, HB_LANGUAGE_INVALID, &len,
                            buf) == 0) {
        len = sizeof buf;
        if (hb_ot_name_get_utf8(face, HB_OT_NAME_ID_FONT_FAMILY, HB_LANGUAGE_INVALID, &len, buf) ==
            0)
            return g_strdup("");
    }
    return g_strdup(buf);
}

/* True when face is family `name` in the wanted weight and slant. */
static bool face_matches(hb_face_t *face, const char *name, bool bold, bool italic)
{
    char *fam = face_family(face);
    char *a = g_utf8_casefold(fam, -1), *b = g_utf8_casefold(name, -1);
    bool same = strcmp(a, b) == 0;
    g_free(fam);
    g_free(a);
    g_free(b);
    if (!same)
        return false;
    hb_font_t *font = hb_font_create(face);
    bool is_bold = hb_style_get_value(font, HB_STYLE_TAG_WEIGHT) >= 600;
    bool is_italic = hb_style_get_value(font, HB_STYLE_TAG_ITALIC) > 0.5f ||
                     hb_style_get_value(font, HB_STYLE_TAG_SLANT_ANGLE) != 0;
    hb_font_destroy(font);
    return is_bold == bold && is_italic == italic;
}

/* The subset of face to chars; NULL when HarfBuzz cannot subset it. */
static GBytes *subset(hb_face_t *face, const hb_set_t *chars)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_union(hb_subset_input_unicode_set(in), chars);
    hb_face_t *sub = hb_subset_or_fail(face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return NULL;
    hb_blob_t *blob = hb_face_reference_blob(sub);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    GBytes *bytes = len ? g_bytes_new(data, len) : NULL;
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return bytes;
}

/* True when an earlier family of the style has the same name as family f. */
static bool family_repeats(const char *const names[], int f)
{
    for (int g = 0; g < f; g++)
        if (names[g] && g_ascii_strcasecmp(names[g], names[f]) == 0)
            return true;
    return false;
}

/* Embeds one face; false after an error diagnostic. */
static bool add_face(epub_plan *p, epub_family fam, const char *name, bool bold, bool italic,
                     const hb_set_t *chars, bool *family_found)
{
    char *path = fonts_file_lookup(name, bold, italic);
    if (!path)
        return true;
    bool ok = false;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    hb_face_t *face = blob ? hb_face_create(blob, 0) : NULL;
    GBytes *data = NULL;
    if (!face || hb_face_get_glyph_count(face) == 0) {
        diag_error(path, 0, 0, "cannot read this font");
        goto out;
    }
    ok = true;
    if (!face_matches(face, name, bold, italic)) {
        /* Not this face: fine when another face of the family is there. */
        goto out;
    }
    *family_found = true;
    deps_record(path);
    if (!(data = subset(face, chars))) {
        diag_error(path, 0, 0, "HarfBuzz cannot subset this font for the EPUB");
        ok = false;
        goto out;
    }
    epub_font *f = ARENA_NEW(p->a, epub_font);
    f->family = fam;
    f->bold = bold;
    f->italic = italic;
    f->family_name = name;
    char *base = g_path_get_basename(path);
    f->href = arena_printf(p->a, "fonts/%s", base);
    g_free(base);
    f->manifest_id = arena_printf(p->a, "font-%u", p->fonts->len + 1);
    gsize len;
    const char *bytes = g_bytes_get_data(data, &len);
    f->media_type = len >= 4 && memcmp(bytes, "OTTO", 4) == 0 ? "font/otf" : "font/ttf";
    f->data = data;
    data = NULL;
    g_ptr_array_add(p->fonts, f);
out:
    if (data)
        g_bytes_unref(data);
    if (face)
        hb_face_destroy(face);
    if (blob)
        hb_blob_destroy(blob);
    g_free(path);
    return ok;
}

bool epub_fonts_build(epub_plan *p)
{
    const char *names[EPUB_FAMILY_COUNT] = {p->s->body_font, p->s->heading_font, p->s->mono_font};
    for (int f = 0; f < EPUB_FAMILY_COUNT; f++) {
        if (!names[f] || !*names[f] || family_repeats(names, f))
            continue;
        /* Families of the same name share one set of faces and characters. */
        hb_set_t *chars = hb_set_create();
        bool used[4] = {false};
        for (int g = f; g < EPUB_FAMILY_COUNT; g++) {
            if (!names[g] || g_ascii_strcasecmp(names[g], names[f]) != 0)
                continue;
            hb_set_union(chars, p->chars[g]);
            for (int face = 0; face < 4; face++)
                used[face] |= p->face_used[g * 4 + face];
        }
        bool any = false, found = false, ok = true;
        for (int face = 0; face < 4 && ok; face++) {
            if (!used[face])
                continue;
            any = true;
            ok = add_face(p, (epub_family)f, names[f], face & 2, face & 1, chars, &found);
        }
        hb_set_destroy(chars);
        if (!ok)
            return false;
        if (any && !found)
            diag_warning(p->s->path, 0, 0,
                         "font family '%s' is not in fonts/; the EPUB leaves the choice of "
                         "font to the reading system",
                         names[f]);
    }
    return true;
}
