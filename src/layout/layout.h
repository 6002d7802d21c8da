/* layout.h: folio's layout engine, the only public face of src/layout/.
 *
 * lay_layout turns a document and a house style into pages: frames of
 * positioned items (glyph runs held as Pango lines, rules, filled rectangles,
 * images, link areas and named destinations) plus the document outline. The
 * layout measures and breaks everything; a back end only draws the items in
 * order, in page coordinates (points, origin at the top-left corner, y down).
 * lay_dump writes the frames as stable text for golden tests. */
#ifndef FOLIO_LAYOUT_H
#define FOLIO_LAYOUT_H

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include "../doc/doc.h"
#include "../style/style.h"

/* A decoded image, shared by every item that shows it (reference counted). */
typedef enum {
    LAY_IMAGE_PIXELS, /* decoded pixels in surface (PNG, GIF, WebP) */
    LAY_IMAGE_JPEG,   /* compressed bytes attached to surface as mime data */
    LAY_IMAGE_SVG,    /* vectors in svg */
} lay_image_kind;
typedef struct {
    lay_image_kind kind;
    char *path;                 /* the file it came from */
    double px_width, px_height; /* intrinsic size in pixels */
    cairo_surface_t *surface;   /* PNG, JPEG */
    RsvgHandle *svg;            /* SVG, drawn as vectors */
    int refs;
} lay_image;

/* A structure element of the tagged PDF (heading, paragraph, list, table
 * cell, figure ...) that items belong to. Elements nest through parent (NULL:
 * directly under the page). A group holds other elements and never content
 * of its own; the others hold content. Items without an element (rules,
 * backgrounds, page furniture) are artifacts: they belong to no element. */
typedef struct lay_tag lay_tag;
struct lay_tag {
    const char *role;      /* PDF standard structure type: "P", "H1", "L", "TD", ... */
    const lay_tag *parent; /* NULL: a child of the page */
    const char *alt;       /* Figure: its alternative text, may be NULL */
    bool group;            /* L, LI, LBody, Table, TR, BlockQuote, Note, Div */
};

typedef enum {
    LAY_ITEM_TEXT,  /* one line of a Pango layout */
    LAY_ITEM_RULE,  /* a stroked segment */
    LAY_ITEM_RECT,  /* a filled rectangle */
    LAY_ITEM_IMAGE, /* an image scaled into its box */
    LAY_ITEM_LINK,  /* a clickable area (draws nothing) */
    LAY_ITEM_DEST,  /* a named destination at (x, y) (draws nothing) */
} lay_item_kind;

typedef struct {
    lay_item_kind kind;
    double x, y, w, h;     /* box: top-left corner and size; RULE: from (x,y) to (x+w,y+h) */
    double baseline;       /* TEXT: the baseline lies this far below y */
    double weight;         /* RULE: stroke width */
    uint32_t color;        /* TEXT (colour of spans without their own), RULE, RECT: 0xRRGGBB */
    PangoLayout *layout;   /* TEXT: the layout the line belongs to (reference held) */
    PangoLayoutLine *line; /* TEXT: the line, already broken and justified (reference held) */
    lay_image *image;      /* IMAGE (reference held) */
    const char *name;   /* LINK: URI or destination name; DEST: its name (owned by the lay_doc) */
    bool internal;      /* LINK: name is a destination in this document */
    const lay_tag *tag; /* TEXT, IMAGE: the element it is content of; LINK: the element the
                           link belongs to; NULL: an artifact (owned by the lay_doc) */
} lay_item;

/* One page. */
typedef struct {
    unsigned number; /* 1-based */
    double width, height;
    GArray *items; /* lay_item, in drawing order (backgrounds first) */
} lay_frame;

/* One entry of the document outline (PDF bookmarks), in document order. */
typedef struct {
    int level;         /* 1..6 */
    const char *title; /* number and plain text */
    const char *dest;  /* destination name, present in some frame */
} lay_outline_entry;

typedef struct lay_fonts lay_fonts;

typedef struct {
    arena *arena;        /* owns every string the frames point to */
    lay_fonts *fonts;    /* the font map and context every layout was made with */
    GPtrArray *pages;    /* lay_frame* */
    GArray *outline;     /* lay_outline_entry */
    GHashTable *dests;   /* destination name -> page number (GUINT_TO_POINTER): the page map */
    GArray *page_starts; /* doc_pos per page (index 0: page 1): where its body text begins */
} lay_doc;

/* Lays out d in style s. Returns NULL after an error diagnostic (an image that
 * cannot be read, no fonts at all). Free with lay_doc_free. */
lay_doc *lay_layout(const doc *d, const style *s);
void lay_doc_free(lay_doc *ld);
/* An empty lay_doc (no pages, no fonts), for a page map read back from the
 * page-map cache: fill dests (names in its arena) and page_starts. */
lay_doc *lay_doc_new(void);

/* Receives each page as soon as it is composed, and owns it (lay_frame_free);
 * false stops the layout (the sink has reported why). */
typedef bool (*lay_page_sink)(lay_frame *page, void *data);
/* Lays out d like lay_layout, but hands every page to sink instead of keeping
 * it, so only the pages still being composed are in memory: the returned
 * lay_doc has no pages, only the outline and the page map. NULL after an
 * error diagnostic or when sink said stop. Links to a destination that never
 * reaches a page stay (they lead nowhere); lay_layout drops them. */
lay_doc *lay_layout_pages(const doc *d, const style *s, lay_page_sink sink, void *data);
void lay_frame_free(lay_frame *f);
/* Drops the references an item holds (before taking it off a frame). */
void lay_item_clear(lay_item *it);

/* The page a destination (a node id, "fn3", ...) landed on, 0 if none. */
unsigned lay_dest_page(const lay_doc *ld, const char *name);

/* The page each labelled node and each heading starts on, indexed by node
 * id (0: none); g_free. */
unsigned *lay_node_pages(const lay_doc *ld, const doc *d);

/* Writes every frame as stable text (--dump=frames). */
void lay_dump(const lay_doc *ld, FILE *out);

#endif
