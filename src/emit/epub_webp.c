/* epub_webp.c: a PNG fallback for WebP images. WebP is a core media type
 * only since EPUB 3.3; EPUB 3.2 (what EPUBCheck 4.2.6 and many reading
 * systems implement) requires a manifest fallback to a core type for it
 * (error MED-003). The image is decoded by gdk-pixbuf, whose WebP loader
 * comes from Debian's webp-pixbuf-loader, and written as PNG. */
#include "epub.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

GBytes *epub_webp_to_png(const char *data, size_t len)
{
    GBytes *png = NULL;
    GdkPixbufLoader *loader = gdk_pixbuf_loader_new_with_mime_type("image/webp", NULL);
    if (!loader)
        return NULL;
    GdkPixbuf *pix = NULL;
    bool written = gdk_pixbuf_loader_write(loader, (const guchar *)data, len, NULL);
    /* close even after a failed write, and only once */
    if (gdk_pixbuf_loader_close(loader, NULL) && written)
        pix = gdk_pixbuf_loader_get_pixbuf(loader); /* owned by the loader */
    gchar *buf = NULL;
    gsize n = 0;
    if (pix && gdk_pixbuf_save_to_buffer(pix, &buf, &n, "png", NULL, NULL))
        png = g_bytes_new_take(buf, n);
    g_object_unref(loader);
    return png;
}
