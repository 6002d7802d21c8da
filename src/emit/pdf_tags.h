/* pdf_tags.h: a PDF's tagged structure, written with cairo's structure tags
 * while the items of a page are drawn.
 *
 * Every item names the element it belongs to (the layout's lay_tag: H1..H6,
 * P, L > LI > Lbl + LBody, Table > TR > TH/TD, Figure, Caption, BlockQuote,
 * Code, Note); the tagger opens and closes cairo structure tags as the items
 * go by, so each element is one tag on its page. What cairo 1.16 cannot do,
 * and how this works around it:
 *   - an element cannot span pages: one that does (a paragraph broken across
 *     a page, a long list or table) becomes one element per page, under the
 *     page's own Div (opened by the caller around each page);
 *   - cairo marks content only in elements without child elements (it writes
 *     a parent's children and drops its own marked content); so the text of an
 *     element that also holds a link or an inline image goes into Span
 *     children, and links are Link elements that hold only their annotation;
 *   - it has no artifacts: page furniture, rules and backgrounds are drawn
 *     outside every element that holds content;
 *   - it writes no attributes on structure elements and no document
 *     language: pdf_update adds the Figures' /Alt (collected here, in the
 *     order opened) and the catalog's /Lang afterwards. */
#ifndef FOLIO_PDF_TAGS_H
#define FOLIO_PDF_TAGS_H

#include <cairo.h>
#include <glib.h>

#include "../layout/layout.h"

typedef struct {
    cairo_t *cr;
    GPtrArray *open;     /* const lay_tag*: open on this page, outermost first */
    GPtrArray *want;     /* scratch: the elements the next item goes in */
    GHashTable *parents; /* elements with child elements on this page */
    GPtrArray *alts;     /* const char*: each Figure's alternative text, in the order opened */
} tagger;

void tagger_init(tagger *t, cairo_t *cr);
void tagger_clear(tagger *t);
/* Before drawing page f: notes which of its elements have child elements. */
void tagger_page(tagger *t, const lay_frame *f);
/* Before drawing item it: opens the elements it is drawn in. */
void tagger_item(tagger *t, const lay_item *it);
/* At the end of a page: closes every open element. */
void tagger_close_all(tagger *t);

/* Adds to a finished PDF (cairo's bytes, changed in place by appending an
 * incremental update) the catalog's /Lang, the Figures' /Alt texts (alts, in
 * the order the Figures were opened) and a Document element over the pages'
 * Divs. */
void pdf_update(GByteArray *bytes, const char *lang, const GPtrArray *alts);

#endif
