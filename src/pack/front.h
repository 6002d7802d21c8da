/* front.h: the pack's cover and front matter as documents (front.c). */
#ifndef FOLIO_PACK_FRONT_H
#define FOLIO_PACK_FRONT_H

#include "pack.h"

/* The cover: the pack's title block and nothing else. */
doc *front_cover_doc(const pack_manifest *m);

/* The introduction, the agenda and the contents of the n publications pubs,
 * starting on pages starts (NULL: not known yet; a placeholder as wide).
 * It carries the pack's metadata (its EPUB title page). NULL after an error
 * diagnostic. */
doc *front_matter_doc(const pack_manifest *m, doc *const *pubs, size_t n, const unsigned *starts);

#endif
