/* epub_image.c: images copied into the container. Each file on disk is read
 * once and stored once, under a name numbered by first use; its media type
 * comes from its first bytes, not its name. The core image types of EPUB 3.3
 * (PNG, JPEG, GIF, SVG, WebP) are accepted, WebP with a PNG fallback for
 * EPUB 3.2 (epub_webp.c); anything else is an error. */
#include "epub.h"

#include <libxml/parser.h>
#include <string.h>

typedef struct {
    const char *media_type, *ext;
} image_type;

/* How far into a file the "<svg" of an SVG image may start (after an XML
 * declaration, comments and a doctype). */
#define SVG_SNIFF_BYTES 4096

/* True when data is well-formed XML whose root is <svg>. */
static bool is_svg(const char *data, size_t len)
{
    size_t n = len < SVG_SNIFF_BYTES ? len : SVG_SNIFF_BYTES;
    if (!g_strstr_len(data, (gssize)n, "<svg") || len > G_MAXINT)
        return false;
    xmlDocPtr x = xmlReadMemory(data, (int)len, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    bool ok = false;
    if (x) {
        xmlNodePtr root = xmlDocGetRootElement(x);
        ok = root && xmlStrcmp(root->name, (const xmlChar *)"svg") == 0;
        xmlFreeDoc(x);
    }
    return ok;
}

/* The type of an image from its signature; NULL when unsupported. */
static const image_type *sniff(const char *data, size_t len)
{
    static const image_type png = {"image/png", "png"}, jpeg = {"image/jpeg", "jpg"},
                            gif = {"image/gif", "gif"}, webp = {"image/webp", "webp"},
                            svg = {"image/svg+xml", "svg"};
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 8 && memcmp(u, "\x89PNG\r\n\x1a\n", 8) == 0)
        return &png;
    if (len >= 3 && u[0] == 0xFF && u[1] == 0xD8 && u[2] == 0xFF)
        return &jpeg;
    if (len >= 6 && (memcmp(u, "GIF87a", 6) == 0 || memcmp(u, "GIF89a", 6) == 0))
        return &gif;
    if (len >= 12 && memcmp(u, "RIFF", 4) == 0 && memcmp(u + 8, "WEBP", 4) == 0)
        return &webp;
    if (is_svg(data, len))
        return &svg;
    return NULL;
}

/* Adds a PNG copy of a WebP image as its manifest fallback. */
static void add_webp_fallback(epub_plan *p, epub_image *img, const doc_node *n)
{
    GBytes *png = epub_webp_to_png(img->data, img->len);
    if (!png) {
        diag_warning(n->span.file, n->span.line, n->span.col,
                     "cannot decode WebP image '%s' to give it the PNG fallback EPUB 3.2 "
                     "reading systems need (is webp-pixbuf-loader installed?)",
                     n->u.link.url);
        return;
    }
    epub_image *fb = ARENA_NEW(p->a, epub_image);
    fb->path = img->path;
    fb->manifest_id = arena_printf(p->a, "%s-fallback", img->manifest_id);
    fb->href = arena_printf(p->a, "images/%s.png", fb->manifest_id);
    fb->media_type = "image/png";
    gsize len;
    fb->data = g_bytes_unref_to_data(png, &len);
    fb->len = len;
    img->fallback = fb->manifest_id;
    g_ptr_array_add(p->images, fb);
}

const epub_image *epub_image_load(epub_plan *p, const doc_node *n, bool *ok)
{
    *ok = true;
    const char *url = n->u.link.url ? n->u.link.url : "";
    if (g_uri_peek_scheme(url) && !g_str_has_prefix(url, "file:")) {
        diag_warning(n->span.file, n->span.line, n->span.col,
                     "image '%s' is remote; an EPUB can only hold local images, so its "
                     "description is shown instead",
                     url);
        return NULL;
    }
    const char *path = n->u.link.path;
    if (!path || !*path) {
        diag_error(n->span.file, n->span.line, n->span.col, "image '%s' was not found", url);
        *ok = false;
        return NULL;
    }
    epub_image *img = g_hash_table_lookup(p->image_by_path, path);
    if (img)
        return img;

    char *data = NULL;
    size_t len = 0;
    if (!file_read(path, n->span.file, n->span.line, n->span.col, &data, &len)) {
        *ok = false;
        return NULL;
    }
    const image_type *type = sniff(data, len);
    if (!type) {
        size_t head = len < SVG_SNIFF_BYTES ? len : SVG_SNIFF_BYTES;
        if (g_strstr_len(data, (gssize)head, "<svg"))
            diag_error(n->span.file, n->span.line, n->span.col,
                       "image '%s' is SVG but not well-formed XML, which an EPUB requires", url);
        else
            diag_error(n->span.file, n->span.line, n->span.col,
                       "image '%s' is not PNG, JPEG, GIF, WebP or SVG, the image types an EPUB "
                       "can hold",
                       url);
        g_free(data);
        *ok = false;
        return NULL;
    }
    img = ARENA_NEW(p->a, epub_image);
    img->path = arena_strdup(p->a, path);
    img->manifest_id = arena_printf(p->a, "%simage-%u", p->prefix, ++p->n_images);
    img->href = arena_printf(p->a, "images/%s.%s", img->manifest_id, type->ext);
    img->media_type = type->media_type;
    img->data = data;
    img->len = len;
    g_ptr_array_add(p->images, img);
    g_hash_table_insert(p->image_by_path, (gpointer)img->path, img);
    if (strcmp(type->media_type, "image/webp") == 0)
        add_webp_fallback(p, img, n);
    return img;
}
