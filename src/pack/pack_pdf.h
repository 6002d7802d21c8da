/* pack_pdf.h: the pack's reading PDF (pack_pdf.c). */
#ifndef FOLIO_PACK_PDF_H
#define FOLIO_PACK_PDF_H

#include "pack.h"

/* One laid-out document of the pack, for the outline. */
typedef struct {
    const char *title; /* the outline entry its headings nest under; NULL: none */
    const lay_doc *ld;
    const char *prefix; /* keeps its destination names apart from the others' */
} pack_pdf_doc;

/* Writes pages (lay_frame *, with prefixes[i] the destination prefix of
 * page i, the one of the document it comes from) to target, with the outline
 * of docs[0..n) and meta's metadata; false after an error diagnostic. */
bool pack_pdf_write(const char *target, const GPtrArray *pages, const GPtrArray *prefixes,
                    const pack_pdf_doc *docs, size_t n, const doc *meta);

#endif
