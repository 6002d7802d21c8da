/* image.c: reading images once per run, by content rather than by name.
 *
 * PNG is decoded by cairo. JPEG is never decoded: its header gives the size,
 * and its bytes ride on a blank surface as cairo mime data, so the PDF embeds
 * the original compressed stream. SVG is parsed by librsvg and later drawn as
 * vectors. GIF (its first frame) and WebP are decoded by gdk-pixbuf (which
 * librsvg already brings) into pixels. An image that cannot be read is an
 * error at the node's position. */
#include "internal.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

/* cairo image surfaces are limited to 32767 pixels a side; refuse anything
 * larger rather than fail inside cairo. */
#define IMAGE_MAX_PIXELS 32767

typedef struct {
    const unsigned char *data;
    size_t len, pos;
} mem_reader;

static cairo_status_t mem_read(void *closure, unsigned char *out, unsigned int n)
{
    mem_reader *r = closure;
    if (r->len - r->pos < n)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(out, r->data + r->pos, n);
    r->pos += n;
    return CAIRO_STATUS_SUCCESS;
}

/* The size in a JPEG's start-of-frame segment; false if there is none. */
static bool jpeg_size(const unsigned char *p, size_t len, int *w, int *h)
{
    if (len < 4 || p[0] != 0xFF || p[1] != 0xD8)
        return false;
    size_t i = 2;
    while (i + 4 <= len) {
        if (p[i] != 0xFF)
            return false;
        unsigned char marker = p[i + 1];
        if (marker == 0xFF) { /* fill byte */
            i++;
            continue;
        }
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
            i += 2;
            continue;
        }
        size_t seg = ((size_t)p[i + 2] << 8) | p[i + 3];
        if (seg < 2 || i + 2 + seg > len)
            return false;
        bool sof =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            if (seg < 8)
                return false;
            *h = (p[i + 5] << 8) | p[i + 6];
            *w = (p[i + 7] << 8) | p[i + 8];
            int comps = p[i + 9];
            return *w > 0 && *h > 0 && (comps == 1 || comps == 3 || comps == 4);
        }
        if (marker == 0xDA || marker == 0xD9) /* scan data before any frame header */
            return false;
        i += 2 + seg;
    }
    return false;
}

/* A cairo surface with the pixels of a GdkPixbuf (premultiplied ARGB32). */
static cairo_surface_t *pixbuf_surface(GdkPixbuf *pb)
{
    int w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb);
    int n = gdk_pixbuf_get_n_channels(pb), stride = gdk_pixbuf_get_rowstride(pb);
    bool alpha = gdk_pixbuf_get_has_alpha(pb);
    const guchar *src = gdk_pixbuf_read_pixels(pb);
    cairo_surface_t *s =
        cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        return s;
    cairo_surface_flush(s);
    unsigned char *dst = cairo_image_surface_get_data(s);
    int dstride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++) {
        const guchar *p = src + (size_t)y * (size_t)stride;
        uint32_t *q = (uint32_t *)(void *)(dst + (size_t)y * (size_t)dstride);
        for (int x = 0; x < w; x++, p += n) {
            uint32_t a = alpha ? p[3] : 255;
            uint32_t r = p[0] * a / 255, g = p[1] * a / 255, b = p[2] * a / 255;
            q[x] = a << 24 | r << 16 | g << 8 | b;
        }
    }
    cairo_surface_mark_dirty(s);
    return s;
}

static bool load_pixbuf(lay_image *img, const char *path, GError **err)
{
    GdkPixbuf *pb = gdk_pixbuf_new_from_file(path, err);
    if (!pb)
        return false;
    bool ok = false;
    if (gdk_pixbuf_get_colorspace(pb) != GDK_COLORSPACE_RGB ||
        gdk_pixbuf_get_bits_per_sample(pb) != 8 || gdk_pixbuf_get_n_channels(pb) < 3) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, "unsupported pixel format");
        goto out;
    }
    img->surface = pixbuf_surface(pb);
    if (cairo_surface_status(img->surface) != CAIRO_STATUS_SUCCESS) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s",
                    cairo_status_to_string(cairo_surface_status(img->surface)));
        goto out;
    }
    img->px_width = gdk_pixbuf_get_width(pb);
    img->px_height = gdk_pixbuf_get_height(pb);
    ok = true;
out:
    g_object_unref(pb);
    return ok;
}

static bool looks_like_svg(const char *data, size_t len, const char *path)
{
    if (g_str_has_suffix(path, ".svg") || g_str_has_suffix(path, ".SVG") ||
        g_str_has_suffix(path, ".svgz"))
        return true;
    size_t i = 0;
    if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
        (unsigned char)data[2] == 0xBF)
        i = 3;
    while (i < len && g_ascii_isspace(data[i]))
        i++;
    return i < len && data[i] == '<';
}

static bool load_svg(lay_image *img, const char *path, GError **err)
{
    img->svg = rsvg_handle_new_from_file(path, err);
    if (!img->svg)
        return false;
    gdouble w = 0, h = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(img->svg, &w, &h)) {
        gboolean has_w, has_h, has_vb;
        RsvgLength lw, lh;
        RsvgRectangle vb;
        rsvg_handle_get_intrinsic_dimensions(img->svg, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
        if (has_vb) {
            w = vb.width;
            h = vb.height;
        }
    }
    if (!(w > 0 && h > 0)) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, "the SVG has no size or viewBox");
        return false;
    }
    img->px_width = w;
    img->px_height = h;
    return true;
}

lay_image *lay_image_load(lay_ctx *c, const doc_node *n)
{
    const char *path = n->u.link.path && *n->u.link.path ? n->u.link.path : n->u.link.url;
    if (!path || !*path) {
        diag_error(n->span.file, n->span.line, n->span.col, "image without a source");
        return NULL;
    }
    lay_image *img = g_hash_table_lookup(c->images, path);
    if (img)
        return img;
    char *data = NULL;
    size_t len = 0;
    if (!file_read(path, n->span.file, n->span.line, n->span.col, &data, &len))
        return NULL;
    img = g_new0(lay_image, 1);
    img->refs = 1;
    img->path = g_strdup(path);
    const unsigned char *u = (const unsigned char *)data;
    const char *why = NULL;
    GError *err = NULL;
    int w = 0, h = 0;
    if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) {
        img->kind = LAY_IMAGE_PIXELS;
        mem_reader r = {u, len, 0};
        img->surface = cairo_image_surface_create_from_png_stream(mem_read, &r);
        if (cairo_surface_status(img->surface) == CAIRO_STATUS_READ_ERROR)
            why = "the PNG is truncated or damaged";
        else if (cairo_surface_status(img->surface) != CAIRO_STATUS_SUCCESS)
            why = cairo_status_to_string(cairo_surface_status(img->surface));
        else {
            img->px_width = cairo_image_surface_get_width(img->surface);
            img->px_height = cairo_image_surface_get_height(img->surface);
        }
    } else if (len >= 2 && u[0] == 0xFF && u[1] == 0xD8) {
        img->kind = LAY_IMAGE_JPEG;
        if (!jpeg_size(u, len, &w, &h))
            why = "no readable JPEG frame header";
        else if (w > IMAGE_MAX_PIXELS || h > IMAGE_MAX_PIXELS)
            why = "larger than 32767 pixels a side";
        else {
            img->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
            if (cairo_surface_status(img->surface) != CAIRO_STATUS_SUCCESS)
                why = cairo_status_to_string(cairo_surface_status(img->surface));
            else if (cairo_surface_set_mime_data(img->surface, CAIRO_MIME_TYPE_JPEG, u, len, g_free,
                                                 data) == CAIRO_STATUS_SUCCESS)
                data = NULL; /* the surface owns the bytes now */
            else
                why = "cannot attach the JPEG data";
            img->px_width = w;
            img->px_height = h;
        }
    } else if ((len >= 6 && (memcmp(data, "GIF87a", 6) == 0 || memcmp(data, "GIF89a", 6) == 0)) ||
               (len >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0)) {
        img->kind = LAY_IMAGE_PIXELS;
        if (!load_pixbuf(img, path, &err))
            why = err ? err->message : "cannot decode the image";
    } else if (looks_like_svg(data, len, path)) {
        img->kind = LAY_IMAGE_SVG;
        if (!load_svg(img, path, &err))
            why = err ? err->message : "not a readable SVG";
    } else {
        why = "not a PNG, JPEG, GIF, WebP or SVG image";
    }
    if (why) {
        diag_error(n->span.file, n->span.line, n->span.col, "cannot use image '%s': %s", path, why);
        lay_image_unref(img);
        img = NULL;
    } else {
        g_hash_table_insert(c->images, img->path, img);
    }
    if (err)
        g_error_free(err);
    g_free(data);
    return img;
}
