/* font.c: the Pango font map of the process and the context of a layout run.
 *
 * The font map is a cairo FreeType map on fontconfig's current configuration,
 * which fonts_config() makes the one that knows only the fonts in fonts/, so
 * every machine measures the same glyphs. It is made once per process and
 * released by fonts_shutdown: a document with contents is laid out twice, and
 * the summary paper lays out six others, all with the fonts loaded once. The
 * context works in points (72 dpi), without hinting and
 * without rounding glyph positions: the layout's measures are then exactly
 * what the PDF shows. Font descriptions (per run) and their extents (per
 * process and language) are cached by family, size, weight and style, since
 * thousands of lines share a handful. */
#include "internal.h"

static char *font_key(const char *family, double size, bool bold, bool italic)
{
    return g_strdup_printf("%s|%.3f|%d|%d", family, size, bold, italic);
}

static PangoFontMap *process_map;
/* Ascent and descent by language and font ("lang|family|size|bold|italic"
 * -> double[2]): the same for every layout of the process, and each costs
 * Pango a metrics computation over the font's sample text. */
static GHashTable *process_extents;

/* Releases the process's map and the thread's default one, which librsvg
 * sets an SVG's text with (on folio's fonts too, as the current
 * configuration is folio's): it would otherwise hold the fonts' patterns
 * past the configuration's end. */
static void process_map_release(void)
{
    g_clear_object(&process_map);
    pango_cairo_font_map_set_default(NULL);
    g_clear_pointer(&process_extents, g_hash_table_destroy);
}

/* The process's font map, made at the first call. It is given no
 * configuration of its own (pango_fc_font_map_set_config): Pango 1.50 would
 * keep a reference to it past the map's end, and dropping it by setting none
 * makes Pango list the fonts again. */
static PangoFontMap *font_map(void)
{
    if (process_map)
        return process_map;
    fonts_config(); /* current before the map starts using it */
    process_map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (process_map) {
        process_extents = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        fonts_at_shutdown(process_map_release);
    }
    return process_map;
}

lay_fonts *lay_fonts_new(const char *lang)
{
    PangoFontMap *map = font_map();
    if (!map)
        return NULL;
    lay_fonts *f = g_new0(lay_fonts, 1);
    f->map = map;
    f->ctx = pango_font_map_create_context(map);
    cairo_font_options_t *o = cairo_font_options_create();
    cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(f->ctx, o);
    cairo_font_options_destroy(o);
    pango_cairo_context_set_resolution(f->ctx, 72.0);
    pango_context_set_round_glyph_positions(f->ctx, FALSE);
    pango_context_set_base_dir(f->ctx, PANGO_DIRECTION_LTR);
    f->lang = pango_language_from_string(lang && *lang ? lang : "en");
    pango_context_set_language(f->ctx, f->lang);
    f->descs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify)pango_font_description_free);
    f->extents = process_extents;
    return f;
}

void lay_fonts_free(lay_fonts *f)
{
    if (!f)
        return;
    g_hash_table_destroy(f->descs);
    g_object_unref(f->ctx);
    g_free(f);
}

const PangoFontDescription *lay_font_lookup(lay_fonts *f, const char *family, double size,
                                            bool bold, bool italic)
{
    char *key = font_key(family, size, bold, italic);
    PangoFontDescription *d = g_hash_table_lookup(f->descs, key);
    if (d) {
        g_free(key);
        return d;
    }
    d = pango_font_description_new();
    pango_font_description_set_family(d, family);
    pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
    pango_font_description_set_weight(d, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(d, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    g_hash_table_insert(f->descs, key, d);
    return d;
}

void lay_font_extents(lay_fonts *f, const char *family, double size, bool bold, bool italic,
                      double *ascent, double *descent)
{
    char *font = font_key(family, size, bold, italic);
    char *key = g_strconcat(pango_language_to_string(f->lang), "|", font, NULL);
    g_free(font);
    double *e = g_hash_table_lookup(f->extents, key);
    if (!e) {
        const PangoFontDescription *d = lay_font_lookup(f, family, size, bold, italic);
        PangoFontMetrics *pm = pango_context_get_metrics(f->ctx, d, f->lang);
        e = g_new(double, 2);
        e[0] = (double)pango_font_metrics_get_ascent(pm) / PANGO_SCALE;
        e[1] = (double)pango_font_metrics_get_descent(pm) / PANGO_SCALE;
        pango_font_metrics_unref(pm);
        /* A font map without faces reports zeros: fall back to the size. */
        if (e[0] <= 0 && e[1] <= 0) {
            e[0] = size * 0.8;
            e[1] = size * 0.2;
        }
        g_hash_table_insert(f->extents, key, e);
    } else {
        g_free(key);
    }
    *ascent = e[0];
    *descent = e[1];
}

PangoLayout *lay_pango_layout_new(lay_fonts *f)
{
    return pango_layout_new(f->ctx);
}
