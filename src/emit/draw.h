/* draw.h: drawing laid-out pages with cairo on any surface: the PDF writer,
 * imposed sheets (packs) and cover thumbnails (PNG) all draw the layout's
 * frames through these, so a page looks the same wherever it is drawn. */
#ifndef FOLIO_DRAW_H
#define FOLIO_DRAW_H

#include <cairo.h>
#include <glib.h>

#include "../layout/layout.h"

/* Appends key='value' to a cairo tag attribute string, escaping the value. */
void draw_attr_string(GString *s, const char *key, const char *value);

/* Draws one item in page coordinates. seen holds the images already drawn on
 * this page (see draw.c); links and destinations become cairo tags (ignored
 * on surfaces other than PDF). False after an error diagnostic. */
bool draw_item(cairo_t *cr, const lay_item *it, GHashTable *seen);

/* Draws every item of page f, untagged, in the current user space (the
 * caller translates and scales to place the page on a sheet or a bitmap).
 * False after an error diagnostic. */
bool draw_frame(cairo_t *cr, const lay_frame *f);

#endif
