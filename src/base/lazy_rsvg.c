/* lazy_rsvg.c: the librsvg functions folio calls for SVG figures, loaded at
 * the first (lazy.h). */
#include "lazy.h"

#include <librsvg/rsvg.h>

static lazy_lib rsvg = {"librsvg-2.so.2", NULL};

LAZY_FORWARD(rsvg, RsvgHandle *, rsvg_handle_new_from_file, (const gchar *path, GError **error),
             (path, error))
LAZY_FORWARD(rsvg, gboolean, rsvg_handle_get_intrinsic_size_in_pixels,
             (RsvgHandle * h, gdouble *width, gdouble *height), (h, width, height))
LAZY_FORWARD_VOID(rsvg, rsvg_handle_get_intrinsic_dimensions,
                  (RsvgHandle * h, gboolean *has_width, RsvgLength *width, gboolean *has_height,
                   RsvgLength *height, gboolean *has_viewbox, RsvgRectangle *viewbox),
                  (h, has_width, width, has_height, height, has_viewbox, viewbox))
LAZY_FORWARD(rsvg, gboolean, rsvg_handle_render_document,
             (RsvgHandle * h, cairo_t *cr, const RsvgRectangle *viewport, GError **error),
             (h, cr, viewport, error))
