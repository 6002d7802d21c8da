/* thumb.c: cover thumbnails: a laid-out page drawn by folio's own drawing
 * code (draw_frame, as in the PDF) on a cairo image surface, written as PNG. */
#include "site.h"

#include <math.h>

#include "../emit/draw.h"

cairo_surface_t *site_thumbnail(const lay_frame *page, int width)
{
    double scale = width / page->width;
    int height = (int)ceil(page->height * scale);
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cairo_t *cr = cairo_create(surf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    bool ok = draw_frame(cr, page) && cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    if (!ok) {
        cairo_surface_destroy(surf);
        return NULL;
    }
    cairo_surface_flush(surf);
    return surf;
}

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
    return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

bool site_write_png(cairo_surface_t *surface, const char *target)
{
    out_remove_stale(target);
    outfile *o = out_open(target);
    if (!o)
        return false;
    cairo_status_t st = cairo_surface_write_to_png_stream(surface, write_stream, out_stream(o));
    if (st != CAIRO_STATUS_SUCCESS) {
        diag_error(target, 0, 0, "cannot write the PNG: %s", cairo_status_to_string(st));
        out_abort(o);
        return false;
    }
    return out_commit(o);
}
