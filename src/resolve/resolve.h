/* resolve.h: what both outputs must agree on, computed once between parse
 * and the back ends. Citations: the bibliography files and the CSL style are
 * loaded, every citation is rendered by the CSL processor, and the rendered
 * text replaces the citation in the document as ordinary inline nodes (a
 * DOC_SPAN of class "citation"); for note styles a citation in the running
 * text becomes a footnote of its own, numbered with the author's notes; the
 * bibliography is placed where a `::: {#refs}` div stands, else at the end
 * under a localized heading. The PDF and the EPUB then render the same nodes. */
#ifndef FOLIO_RESOLVE_H
#define FOLIO_RESOLVE_H

#include "../doc/doc.h"

typedef struct {
    const char *csl;                 /* --csl: a style name or path; NULL: front matter's csl */
    const char *const *bibliography; /* --bibliography files, added to the front matter's */
    size_t n_bibliography;
    bool strict;             /* --strict: an unknown citation key is an error */
    const char *locales_dir; /* NULL: Debian's CSL locales */
} res_options;

/* The default style when neither the front matter nor --csl names one. */
#define RES_DEFAULT_CSL "chicago-author-date"

/* Labels, numbers and cross-references (xref.c): fills d->labels and
 * d->number_of, and turns @fig:x, @tbl:x, @sec:x, @box:x into links; false
 * after an error diagnostic (a label used twice). Runs before res_citations,
 * which then sees only real citations. */
bool res_xrefs(doc *d, bool number_sections);

/* Page references (pages.c): the page a label (its element's start) is on
 * in the current layout, 0 if none. */
typedef unsigned (*res_page_lookup)(const char *label, void *data);
/* Sets the text of every @page:x to the page page_of gives x ("??" when it
 * gives 0, or when page_of is NULL) and records it in u.xref.page. With warn,
 * each unresolved one gets a warning (call it so after the last layout).
 * Returns true when any text changed (the layout must run again). */
bool res_pages(doc *d, res_page_lookup page_of, void *data, bool warn);
/* How many @page:x references d has. */
size_t res_pages_count(const doc *d);

/* Renders d's citations in place; false after an error diagnostic. */
bool res_citations(doc *d, const res_options *o);

#endif
