/* lazy_pixbuf.c: the gdk-pixbuf functions folio calls for GIF and WebP
 * images, loaded at the first (lazy.h). */
#include "lazy.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdarg.h>

static lazy_lib pixbuf = {"libgdk_pixbuf-2.0.so.0", NULL};

LAZY_FORWARD(pixbuf, GdkColorspace, gdk_pixbuf_get_colorspace, (const GdkPixbuf *pb), (pb))
LAZY_FORWARD(pixbuf, int, gdk_pixbuf_get_n_channels, (const GdkPixbuf *pb), (pb))
LAZY_FORWARD(pixbuf, gboolean, gdk_pixbuf_get_has_alpha, (const GdkPixbuf *pb), (pb))
LAZY_FORWARD(pixbuf, int, gdk_pixbuf_get_bits_per_sample, (const GdkPixbuf *pb), (pb))
LAZY_FORWARD(pixbuf, int, gdk_pixbuf_get_width, (const GdkPixbuf *pb), (pb))
LAZY_FORWARD(pixbuf, int, gdk_pixbuf_get_height, (const GdkPixbuf *pb), (pb))
LAZY_FORWARD(pixbuf, int, gdk_pixbuf_get_rowstride, (const GdkPixbuf *pb), (pb))
LAZY_FORWARD(pixbuf, const guint8 *, gdk_pixbuf_read_pixels, (const GdkPixbuf *pb), (pb))
LAZY_FORWARD(pixbuf, GdkPixbuf *, gdk_pixbuf_new_from_file, (const char *path, GError **error),
             (path, error))
LAZY_FORWARD(pixbuf, GdkPixbufFormat *, gdk_pixbuf_get_file_info,
             (const gchar *path, gint *width, gint *height), (path, width, height))
LAZY_FORWARD(pixbuf, GdkPixbufLoader *, gdk_pixbuf_loader_new_with_mime_type,
             (const char *mime_type, GError **error), (mime_type, error))
LAZY_FORWARD(pixbuf, gboolean, gdk_pixbuf_loader_write,
             (GdkPixbufLoader * loader, const guchar *buf, gsize count, GError **error),
             (loader, buf, count, error))
LAZY_FORWARD(pixbuf, GdkPixbuf *, gdk_pixbuf_loader_get_pixbuf, (GdkPixbufLoader * loader),
             (loader))
LAZY_FORWARD(pixbuf, gboolean, gdk_pixbuf_loader_close, (GdkPixbufLoader * loader, GError **error),
             (loader, error))

/* The variadic saver, through its array form: the options are pairs of key
 * and value strings ended by a NULL key. */
gboolean gdk_pixbuf_save_to_buffer(GdkPixbuf *pb, gchar **buffer, gsize *size, const char *type,
                                   GError **error, ...)
{
    static void *saver;
    void *f = g_atomic_pointer_get(&saver);
    if (!f) {
        f = lazy_symbol(&pixbuf, "gdk_pixbuf_save_to_bufferv");
        g_atomic_pointer_set(&saver, f);
    }
    gboolean (*fn)(GdkPixbuf *, gchar **, gsize *, const char *, char **, char **, GError **) = f;
    GPtrArray *keys = g_ptr_array_new(), *values = g_ptr_array_new();
    va_list ap;
    va_start(ap, error);
    for (char *key; (key = va_arg(ap, char *));) {
        g_ptr_array_add(keys, key);
        g_ptr_array_add(values, va_arg(ap, char *));
    }
    va_end(ap);
    g_ptr_array_add(keys, NULL);
    g_ptr_array_add(values, NULL);
    gboolean ok = fn(pb, buffer, size, type, (char **)keys->pdata, (char **)values->pdata, error);
    g_ptr_array_free(keys, TRUE);
    g_ptr_array_free(values, TRUE);
    return ok;
}
