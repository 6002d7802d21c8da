/* draw.c: one laid-out page's items drawn with cairo (see draw.h). */
#include "draw.h"

#include "../base/base.h"

/* A tag attribute string value: quotes and backslashes escaped. */
void draw_attr_string(GString *s, const char *key, const char *value)
{
    g_string_append_printf(s, "%s='", key);
    for (const char *p = value; *p; p++) {
        if (*p == '\'' || *p == '\\')
            g_string_append_c(s, '\\');
        g_string_append_c(s, *p);
    }
    g_string_append_c(s, '\'');
}

static void set_rgb(cairo_t *cr, uint32_t rgb)
{
    double r, g, b;
    style_color_rgb(rgb, &r, &g, &b);
    cairo_set_source_rgb(cr, r, g, b);
}

/* A copy of an image's surface (pixels, or the JPEG bytes it carries). */
static cairo_surface_t *surface_copy(cairo_surface_t *src)
{
    int w = cairo_image_surface_get_width(src), h = cairo_image_surface_get_height(src);
    cairo_surface_t *dst = cairo_image_surface_create(cairo_image_surface_get_format(src), w, h);
    const unsigned char *jpeg = NULL;
    unsigned long len = 0;
    cairo_surface_get_mime_data(src, CAIRO_MIME_TYPE_JPEG, &jpeg, &len);
    if (jpeg) {
        guint8 *copy = g_memdup2(jpeg, len);
        if (cairo_surface_set_mime_data(dst, CAIRO_MIME_TYPE_JPEG, copy, len, g_free, copy) !=
            CAIRO_STATUS_SUCCESS)
            g_free(copy);
    } else {
        cairo_t *cr = cairo_create(dst);
        cairo_set_source_surface(cr, src, 0, 0);
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
        cairo_paint(cr);
        cairo_destroy(cr);
    }
    return dst;
}

/* Draws an image item. cairo 1.16 lists an image twice in a page's resources
 * (a duplicated key, which qpdf warns about) when one surface is painted twice
 * on the page; so a second use on a page paints a copy (seen: the images of
 * this page). */
static bool draw_image(cairo_t *cr, const lay_item *it, GHashTable *seen)
{
    const lay_image *img = it->image;
    if (img->kind == LAY_IMAGE_SVG) {
        RsvgRectangle vp = {it->x, it->y, it->w, it->h};
        GError *err = NULL;
        if (!rsvg_handle_render_document(img->svg, cr, &vp, &err)) {
            diag_error(img->path, 0, 0, "cannot draw the SVG: %s", err ? err->message : "?");
            if (err)
                g_error_free(err);
            return false;
        }
        return true;
    }
    cairo_surface_t *surface = img->surface;
    if (g_hash_table_contains(seen, img))
        surface = surface_copy(img->surface);
    else
        g_hash_table_add(seen, (gpointer)img);
    cairo_save(cr);
    cairo_translate(cr, it->x, it->y);
    cairo_scale(cr, it->w / img->px_width, it->h / img->px_height);
    cairo_set_source_surface(cr, surface, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_rectangle(cr, 0, 0, img->px_width, img->px_height);
    cairo_fill(cr);
    cairo_restore(cr);
    if (surface != img->surface)
        cairo_surface_destroy(surface);
    return true;
}

bool draw_item(cairo_t *cr, const lay_item *it, GHashTable *seen)
{
    GString *a;
    switch (it->kind) {
    case LAY_ITEM_TEXT:
        set_rgb(cr, it->color);
        cairo_move_to(cr, it->x, it->y + it->baseline);
        pango_cairo_show_layout_line(cr, it->line);
        break;
    case LAY_ITEM_RULE:
        set_rgb(cr, it->color);
        cairo_set_line_width(cr, it->weight);
        cairo_move_to(cr, it->x, it->y);
        cairo_rel_line_to(cr, it->w, it->h);
        cairo_stroke(cr);
        break;
    case LAY_ITEM_RECT:
        if (it->w <= 0 || it->h <= 0)
            break;
        set_rgb(cr, it->color);
        cairo_rectangle(cr, it->x, it->y, it->w, it->h);
        cairo_fill(cr);
        break;
    case LAY_ITEM_IMAGE:
        return draw_image(cr, it, seen);
    case LAY_ITEM_LINK:
        if (it->w <= 0 || it->h <= 0)
            break;
        a = g_string_new(NULL);
        g_string_append_printf(a, "rect=[%.3f %.3f %.3f %.3f] ", it->x, it->y, it->w, it->h);
        draw_attr_string(a, it->internal ? "dest" : "uri", it->name);
        cairo_tag_begin(cr, CAIRO_TAG_LINK, a->str);
        cairo_tag_end(cr, CAIRO_TAG_LINK);
        g_string_free(a, TRUE);
        break;
    case LAY_ITEM_DEST:
        a = g_string_new(NULL);
        draw_attr_string(a, "name", it->name);
        g_string_append_printf(a, " x=%.3f y=%.3f", it->x, it->y);
        cairo_tag_begin(cr, CAIRO_TAG_DEST, a->str);
        cairo_tag_end(cr, CAIRO_TAG_DEST);
        g_string_free(a, TRUE);
        break;
    }
    return true;
}

bool draw_frame(cairo_t *cr, const lay_frame *f)
{
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    bool ok = true;
    for (guint i = 0; ok && i < f->items->len; i++)
        ok = draw_item(cr, &g_array_index(f->items, lay_item, i), seen);
    g_hash_table_destroy(seen);
    return ok;
}
