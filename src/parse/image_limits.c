/* image_limits.c: images too big to handle are refused while parsing, at the
 * image's place in the manuscript, before any stage decodes them: a raster
 * image (PNG, JPEG, GIF, WebP) may have at most PARSE_MAX_IMAGE_PIXELS pixels
 * and 32767 a side (read from its header alone), and an SVG may expand, with
 * every <use> followed, to at most PARSE_MAX_SVG_ELEMENTS elements. */
#include "parse.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libxml/parser.h>
#include <string.h>

#define MAX_SIDE 32767
#define MAX_USE_DEPTH 256 /* <use> chains deeper than this count as too many elements */

typedef struct {
    GHashTable *ids;  /* id -> xmlNode */
    GHashTable *memo; /* xmlNode -> count + 1 (0: not yet; -1 as guint: on the stack) */
} svg_walk;

static void collect_ids(svg_walk *w, xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *id = xmlGetProp(n, BAD_CAST "id");
        if (id) {
            g_hash_table_insert(w->ids, g_strdup((const char *)id), n);
            xmlFree(id);
        }
        collect_ids(w, n->children);
    }
}

/* The elements n stands for once every <use> in it is expanded, capped at
 * limit + 1 (a cycle or a chain too deep gives limit + 1 too). */
static guint64 expanded(svg_walk *w, xmlNode *n, guint64 limit, int depth)
{
    if (depth > MAX_USE_DEPTH)
        return limit + 1;
    gpointer seen = g_hash_table_lookup(w->memo, n);
    if (seen == GUINT_TO_POINTER(G_MAXUINT))
        return limit + 1; /* a <use> that reaches itself */
    if (seen)
        return GPOINTER_TO_UINT(seen) - 1;
    g_hash_table_insert(w->memo, n, GUINT_TO_POINTER(G_MAXUINT));
    guint64 count = 1;
    if (xmlStrcmp(n->name, BAD_CAST "use") == 0) {
        xmlChar *href = xmlGetProp(n, BAD_CAST "href");
        if (!href)
            href = xmlGetNsProp(n, BAD_CAST "href", BAD_CAST "http://www.w3.org/1999/xlink");
        xmlNode *target =
            href && href[0] == '#' ? g_hash_table_lookup(w->ids, (const char *)href + 1) : NULL;
        if (target)
            count += expanded(w, target, limit, depth + 1);
        xmlFree(href);
    }
    for (xmlNode *k = n->children; k && count <= limit; k = k->next)
        if (k->type == XML_ELEMENT_NODE)
            count += expanded(w, k, limit, depth + 1);
    if (count > limit)
        count = limit + 1;
    g_hash_table_insert(w->memo, n, GUINT_TO_POINTER((guint)count + 1));
    return count;
}

/* True when the SVG at path stays within PARSE_MAX_SVG_ELEMENTS; a file
 * libxml2 cannot read is left for the image loaders to report. */
static bool svg_small_enough(const char *path)
{
    xmlDoc *x = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;
    bool ok = true;
    if (root) {
        svg_walk w = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                      g_hash_table_new(NULL, NULL)};
        collect_ids(&w, root);
        ok = expanded(&w, root, PARSE_MAX_SVG_ELEMENTS, 0) <= PARSE_MAX_SVG_ELEMENTS;
        g_hash_table_destroy(w.ids);
        g_hash_table_destroy(w.memo);
    }
    xmlFreeDoc(x);
    return ok;
}

bool parse_image_limits(const doc *d, const doc_node *img, const char *path, bool svg)
{
    const char *url = img->u.link.url ? img->u.link.url : "";
    if (svg) {
        if (svg_small_enough(path))
            return true;
        diag_error(d->path, img->span.line, img->span.col,
                   "SVG image '%s' expands to more than %d elements (through <use>); simplify "
                   "it or save it as PNG",
                   url, PARSE_MAX_SVG_ELEMENTS);
        return false;
    }
    int w = 0, h = 0;
    if (!gdk_pixbuf_get_file_info(path, &w, &h) || w <= 0 || h <= 0) {
        diag_error(d->path, img->span.line, img->span.col,
                   "image '%s' has no readable size in its header; the file is damaged", url);
        return false;
    }
    if (w > MAX_SIDE || h > MAX_SIDE || (guint64)w * (guint64)h > PARSE_MAX_IMAGE_PIXELS) {
        diag_error(d->path, img->span.line, img->span.col,
                   "image '%s' is %d x %d pixels; the limit is %u million pixels and %d a side: "
                   "scale it down",
                   url, w, h, PARSE_MAX_IMAGE_PIXELS / 1000000u, MAX_SIDE);
        return false;
    }
    return true;
}
