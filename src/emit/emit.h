/* emit.h: the back ends. Each writes one output file atomically (through
 * out_open/out_commit) from the document and the style, and returns false
 * after printing an error diagnostic; a failed emit leaves no file behind and
 * the previous output intact. Only the driver (build.c) chooses which run. */
#ifndef FOLIO_EMIT_H
#define FOLIO_EMIT_H

#include "../doc/doc.h"
#include "../layout/layout.h"
#include "../style/style.h"

/* layout, unless NULL, receives the layout (without its pages: the page map,
 * the destinations' pages, the outline) when the PDF was written; the caller
 * frees it with lay_doc_free. */
bool pdf_emit(const doc *d, const style *s, const char *target, lay_doc **layout);
/* pdf_emit, but the file is written only if accept(layout, data) says yes
 * once the layout is done; otherwise nothing is written and it returns false
 * without a diagnostic (accept's data tells the caller why). */
typedef bool (*pdf_accept)(const lay_doc *ld, void *data);
bool pdf_emit_checked(const doc *d, const style *s, const char *target, lay_doc **layout,
                      pdf_accept accept, void *data);
bool epub_emit(const doc *d, const style *s, const char *target);
/* A pack (src/pack/) as one EPUB: front's title page, sections and
 * navigation, then each of parts as a part with its own title page,
 * sections, notes and bibliography. Every document's page map numbers its
 * pages from its first_page. */
bool epub_emit_pack(const doc *front, const doc *const *parts, size_t n_parts, const style *s,
                    const char *target);

#endif
