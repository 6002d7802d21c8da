/* site.h: the readers' download page (`folio site`): dist/index.html, a
 * static catalog of every publication (and pack) with a cover thumbnail
 * drawn by folio from the PDF's first page, the metadata of the front
 * matter, download links with sizes and page counts, and the 18 categories.
 *
 * Every entry, whatever it comes from, is one site_entry: the HTML writer
 * and the thumbnails know nothing of manuscripts or packs. */
#ifndef FOLIO_SITE_H
#define FOLIO_SITE_H

#include <cairo.h>

#include "../base/base.h"
#include "../layout/layout.h"
#include "../style/style.h"

typedef enum {
    SITE_PUBLICATION, /* one manuscript: NAME.md -> NAME.pdf, NAME.epub */
    SITE_PACK,        /* a seminar pack: packs/NAME.yaml -> NAME.pdf, NAME.epub */
} site_kind;

/* Cover thumbnails are drawn this many pixels wide (twice the CSS width, for
 * high-density screens). */
#define SITE_COVER_PX 320

/* One entry of the catalog. Strings live in a; any may be NULL. */
typedef struct {
    arena *a;
    site_kind kind;
    const char *name; /* output base name: NAME.pdf, NAME.epub, covers/NAME.png */
    const char *title, *subtitle, *series, *number, *date, *lang;
    const char **authors; /* "Name (Affiliation)" or "Name" */
    size_t n_authors;
    const char **abstract; /* plain-text paragraphs */
    size_t n_abstract;
    const char **categories; /* names from parse_categories */
    size_t n_categories;
    unsigned pages;               /* pages of the PDF: counted in the same layout the PDF gets */
    cairo_surface_t *cover;       /* page 1 drawn SITE_COVER_PX wide (owned) */
    gint64 pdf_bytes, epub_bytes; /* sizes of the built files in the output directory */
} site_entry;

site_entry *site_entry_new(site_kind kind, const char *name);
void site_entry_free(site_entry *e);

/* A publication: parses and lays out the manuscript as `folio build` does,
 * keeping the metadata, the page count and page 1 drawn as the cover.
 * NULL after an error diagnostic. */
site_entry *site_entry_from_manuscript(const char *path, const style *s);

/* The plain text of each block of a parsed abstract (or a pack's
 * introduction) becomes a paragraph of e's abstract. */
void site_entry_set_abstract(site_entry *e, const doc_node *abstract);
/* Adds the categories of a manuscript's front matter that e lacks (a pack:
 * the union of its publications'); false after an error diagnostic. */
bool site_entry_add_categories(site_entry *e, const char *manuscript);

/* HOOK for packs (issue 6): a pack manifest (manuscripts/packs/NAME.yaml)
 * as an entry of kind SITE_PACK. See entry_pack.c for what to fill. Until
 * packs exist it reports that packs are not supported and returns NULL. */
site_entry *site_entry_from_pack(const char *manifest, const style *s);

/* The page sink both kinds use: draws page 1 into e->cover and counts the
 * pages in e->pages. Pass it to the layout with the entry as data. */
bool site_cover_sink(lay_frame *page, void *data);

/* Reads the sizes of out_dir/NAME.pdf and NAME.epub into e; false after an
 * error diagnostic (a file that was not built). */
bool site_entry_sizes(site_entry *e, const char *out_dir);

/* Page 1 drawn on a white image surface `width` pixels wide. */
cairo_surface_t *site_thumbnail(const lay_frame *page, int width);
/* Writes surface as PNG to target atomically; false after a diagnostic. */
bool site_write_png(cairo_surface_t *surface, const char *target);

/* The category descriptions, in the order of parse_categories, and the
 * anchor id of category i ("cat-balloon-effect"; g_free). */
extern const char *const site_category_text[];
char *site_category_id(size_t i);

/* The text of index.html for the entries, in their order; g_free. */
char *site_html_page(const GPtrArray *entries);

/* Writes len bytes of data to target atomically (clearing temporaries a
 * killed run left); false after a diagnostic. */
bool site_write_file(const char *target, const void *data, size_t len);

/* Copies the stylesheet, the script and the fonts (subset to the characters
 * of page_text) into out_dir/assets/; false after a diagnostic. */
bool site_assets_write(const char *out_dir, const char *page_text);

/* `folio site [-o DIR] [--style FILE] FILE.md...`: the exit status. */
int site_command(int argc, char **argv);

#endif
