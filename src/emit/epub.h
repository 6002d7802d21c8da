/* epub.h: what the files of the EPUB 3 writer share.
 *
 * epub_emit (epub.c) first makes a plan of the whole book in one walk
 * (epub_plan.c): the content documents (a title page, then one XHTML file per
 * level-1 section), every element id and the file it lands in, the headings
 * for the navigation, which file each footnote definition ends, the images to
 * copy, and the characters each font family must keep. Only then are the
 * files written: XHTML (xhtml*.c), CSS (css*.c), package document, nav and NCX
 * (epub_opf.c, epub_nav.c), subset fonts (epub_fonts.c), the cover
 * (epub_cover.c), and the zip container (epub_zip.c). Everything lives until
 * epub_plan_free. */
#ifndef FOLIO_EPUB_H
#define FOLIO_EPUB_H

#include "emit.h"
#include "../base/terms.h"

#include <hb.h>
#include <libxml/xmlwriter.h>

/* Namespaces of the XML vocabularies the writer uses. */
#define EPUB_NS_XHTML "http://www.w3.org/1999/xhtml"
#define EPUB_NS_OPS "http://www.idpf.org/2007/ops"
#define EPUB_NS_OPF "http://www.idpf.org/2007/opf"
#define EPUB_NS_DC "http://purl.org/dc/elements/1.1/"
#define EPUB_NS_NCX "http://www.daisy.org/z3986/2005/ncx/"
#define EPUB_NS_CONTAINER "urn:oasis:names:tc:opendocument:xmlns:container"

/* Every file of the publication lives under this folder of the container. */
#define EPUB_ROOT "EPUB/"
#define EPUB_STYLESHEET "style.css"
#define EPUB_NAV "nav.xhtml"
#define EPUB_NCX "toc.ncx"
#define EPUB_TITLE_PAGE "title.xhtml"
#define EPUB_COVER_PAGE "cover.xhtml"
#define EPUB_COVER_IMAGE "images/cover.svg"

/* The three font families of the style, and their four faces each. */
typedef enum { EPUB_BODY, EPUB_HEADING, EPUB_MONO, EPUB_FAMILY_COUNT } epub_family;
#define EPUB_FACE(family, bold, italic) ((int)(family)*4 + ((bold) ? 2 : 0) + ((italic) ? 1 : 0))
#define EPUB_FACE_COUNT (EPUB_FAMILY_COUNT * 4)


/* One XHTML content document of the spine. */
typedef struct {
    const char *href;        /* relative to EPUB/, e.g. "section-02.xhtml" */
    const char *manifest_id; /* e.g. "section-02" */
    char *title;            /* plain text for <title>, NCX and fallbacks; owned by the plan arena */
    doc_node *first, *last; /* top-level blocks [first, last]; NULL on the title page */
    GArray *notes;          /* unsigned note numbers whose definitions end this file */
} epub_file;

/* Files: index 0 is always the title page. */
#define EPUB_FILE_TITLE 0u
/* page_file of a print page that begins inside the contents or the lists of
 * figures and tables: its marker opens the navigation document. */
#define EPUB_FILE_NAV (G_MAXUINT - 1)
/* note_file of a note that nothing refers to: it is not written. */
#define EPUB_NO_FILE G_MAXUINT

/* A heading, for the nav document and the NCX. */
typedef struct {
    const doc_node *node;
    int level;
    const char *id;     /* element id as written */
    const char *number; /* "2.1" or NULL when unnumbered */
    char *text;         /* plain text, never empty */
    unsigned file;
    bool listed; /* false for {.unlisted} */
} epub_heading;

/* Where an id of the source (heading, div, table, note ...) ended up. */
typedef struct {
    unsigned file;
    const char *id; /* the id as written, which may differ from the source's */
} epub_target;

/* An image file copied into the container once, however often it is used. */
typedef struct {
    const char *path; /* on disk */
    const char *href; /* relative to EPUB/, e.g. "images/image-1.png" */
    const char *manifest_id;
    const char *media_type;
    const char *fallback; /* manifest id of its fallback (PNG for WebP), or NULL */
    char *data;           /* g_free */
    size_t len;
} epub_image;

/* A font face embedded (subset) in the container. */
typedef struct {
    epub_family family;
    bool bold, italic;
    const char *family_name; /* as in the style */
    const char *href;        /* relative to EPUB/, e.g. "fonts/NotoSerif-Regular.ttf" */
    const char *manifest_id;
    const char *media_type; /* font/ttf or font/otf */
    GBytes *data;           /* the subset font */
} epub_font;

typedef struct {
    const doc *d;
    const style *s;
    arena *a; /* every string of the plan */

    /* metadata */
    const char *title;                 /* never NULL */
    const char *lang;                  /* a well-formed language tag */
    const char *identifier;            /* dc:identifier */
    const char *date;                  /* dc:date (W3CDTF) or NULL */
    const char *date_shown;            /* the date for the title page ("17 May 2024"), or NULL */
    const char *modified;              /* dcterms:modified, YYYY-MM-DDThh:mm:ssZ */
    unsigned short dos_date, dos_time; /* the modification time of every zip entry */

    /* content */
    GPtrArray *files;     /* epub_file *, [0] = title page */
    GArray *headings;     /* epub_heading, in document order */
    GHashTable *targets;  /* source id -> epub_target * */
    GHashTable *used_ids; /* every element id written, so generated ones never clash */
    size_t n_nodes;
    const char **node_id;          /* per node id: the element id to write, or NULL */
    const char **node_number;      /* per heading node id: its number, or NULL */
    const epub_image **node_image; /* per image node id: its file, or NULL (not embeddable) */
    unsigned *note_file;           /* per note number: the file its definition ends */
    const char **note_ref_id;      /* per note number: id of its first reference */
    GPtrArray *images;             /* epub_image * in order of first use */
    GHashTable *image_by_path;
    unsigned n_images;    /* images read so far, fallbacks not counted */
    bool images_lack_alt; /* some image has no alternative text */

    /* fonts */
    hb_set_t *chars[EPUB_FAMILY_COUNT]; /* characters each family must keep */
    bool face_used[EPUB_FACE_COUNT];    /* faces the text is set in */
    GPtrArray *fonts;                   /* epub_font *, in face order */

    GBytes *cover; /* the cover image (SVG), or NULL when it cannot be drawn */

    /* the print page map (epub_pages.c) */
    GHashTable *page_marks; /* node id + 1 -> GArray of epub_page_mark, by offset */
    unsigned *page_file;    /* per page (index page - 1): the file holding its marker */
    size_t n_pages;         /* pages with a marker: first_page..first_page + n_pages - 1 */
    unsigned first_page;    /* the number of the first (d->first_page, at least 1) */

    /* a pack (src/pack/): this plan's file names start with prefix ("" for a
     * book of its own); parts, in the plan of the pack's front matter, holds
     * the publications' plans, whose files follow in the spine and the nav */
    const char *prefix;
    GPtrArray *parts; /* epub_plan *, not owned; NULL for a book of its own */
} epub_plan;

/* A print page that begins inside a text node. */
typedef struct {
    unsigned offset; /* byte offset into the node's text */
    unsigned page;   /* 1-based */
} epub_page_mark;

/* Places every print page of d->page_starts on a text node and a file. */
void epub_pages_plan(epub_plan *p);
/* The page marks inside node id, or NULL. */
const GArray *epub_pages_in(const epub_plan *p, unsigned node_id);
/* The marks of pages that begin inside generated front matter (they open
 * the navigation document), or NULL. */
const GArray *epub_pages_in_nav(const epub_plan *p);

/* epub_plan.c: makes the plan; false after an error diagnostic. Free with
 * epub_plan_free (also after a failure). */
epub_plan *epub_plan_new(const doc *d, const style *s);
bool epub_plan_build(epub_plan *p);
void epub_plan_free(epub_plan *p);
/* The element id for node n, or NULL. */
const char *epub_node_id(const epub_plan *p, const doc_node *n);
/* The target of a source id ("intro", "tbl:x"), or NULL. */
const epub_target *epub_target_lookup(const epub_plan *p, const char *source_id);
/* An href from file `from` to id in file `to`; an arena string. */
const char *epub_href(const epub_plan *p, unsigned from, unsigned to, const char *id);
/* Adds the characters of text, set in the given face, to what the fonts must keep. */
void epub_plan_use_text(epub_plan *p, epub_family family, bool bold, bool italic, const char *text);

/* epub_image.c: the image of an image node, read and stored once per file.
 * NULL with *ok true for an image that cannot be embedded (remote: warned);
 * NULL with *ok false after an error diagnostic. */
const epub_image *epub_image_load(epub_plan *p, const doc_node *n, bool *ok);

/* epub_webp.c: a WebP image as PNG; NULL when it cannot be decoded. */
GBytes *epub_webp_to_png(const char *data, size_t len);

/* epub_meta.c: the metadata of the plan (title, language, identifier, dates). */
void epub_meta_build(epub_plan *p);

/* xhtml_text.c: writer set-up and text that is always well-formed XML. */
xmlTextWriterPtr xhtml_writer_new(xmlBufferPtr *buf);
/* Ends the document, frees the writer and returns the bytes (the buffer is freed). */
GBytes *xhtml_writer_finish(xmlTextWriterPtr w, xmlBufferPtr buf);
/* Writes text, leaving out the characters XML 1.0 forbids. */
void xhtml_text(xmlTextWriterPtr w, const char *text);
void xhtml_attr(xmlTextWriterPtr w, const char *name, const char *value);
void xhtml_start(xmlTextWriterPtr w, const char *element);
/* Ends an element with content (<p></p>); xhtml_end_void ends <br/>, <img/> ... */
void xhtml_end(xmlTextWriterPtr w);
void xhtml_end_void(xmlTextWriterPtr w);
/* <element>text</element> */
void xhtml_element(xmlTextWriterPtr w, const char *element, const char *text);
/* Opens <html> with the namespaces and language, and writes <head>. */
void xhtml_page_start(const epub_plan *p, xmlTextWriterPtr w, const char *title);
void xhtml_page_end(xmlTextWriterPtr w);

/* xhtml.c: one content document of the plan (the title page or a section). */
GBytes *xhtml_file(const epub_plan *p, unsigned file);
/* xhtml_title.c: the title block of the title page (series, title, subtitle,
 * authors, date), and the cover page that shows the cover image. */
void xhtml_title_block(const epub_plan *p, xmlTextWriterPtr w);
GBytes *xhtml_cover_page(const epub_plan *p);

/* epub_cover.c: the cover image as SVG; NULL when fonts/ has no font to draw it. */
GBytes *epub_cover_svg(const epub_plan *p);

/* epub_nav.c: the EPUB 3 navigation document and the EPUB 2 NCX. */
GBytes *epub_nav_xhtml(const epub_plan *p);
GBytes *epub_nav_ncx(const epub_plan *p);

/* epub_opf.c: the package document and META-INF/container.xml. */
GBytes *epub_opf(const epub_plan *p);
GBytes *epub_container_xml(void);

/* css.c: the stylesheet, generated from the style and the embedded fonts. */
GBytes *css_stylesheet(const epub_plan *p);
/* css_escape.c: s as a quoted CSS string, appended to out. */
void css_string(GString *out, const char *s);
/* WCAG 2.1 contrast ratio of two colours (1 to 21). */
double css_contrast(uint32_t a, uint32_t b);

/* epub_fonts.c: finds, checks and subsets the faces the text uses; false
 * after an error diagnostic. A family that is missing is a warning. */
bool epub_fonts_build(epub_plan *p);

/* epub_zip.c: the container, built in memory and written atomically. */
typedef struct epub_zip epub_zip;
epub_zip *epub_zip_new(const epub_plan *p);
/* Adds a file; name is its path in the container. The zip keeps a reference to data. */
void epub_zip_add(epub_zip *z, const char *name, GBytes *data);
/* Compresses everything and writes target atomically; false after an error diagnostic. */
bool epub_zip_write(epub_zip *z, const char *target);
void epub_zip_free(epub_zip *z);

#endif
