/* emit.h: the back ends. Each writes one output file atomically (through
 * out_open/out_commit) from the document and the style, and returns false
 * after printing an error diagnostic; a failed emit leaves no file behind and
 * the previous output intact. Only the driver (build.c) chooses which run. */
#ifndef FOLIO_EMIT_H
#define FOLIO_EMIT_H

#include "../doc/doc.h"
#include "../style/style.h"

bool pdf_emit(const doc *d, const style *s, const char *target);
bool epub_emit(const doc *d, const style *s, const char *target);

#endif
