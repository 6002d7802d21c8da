/* build_int.h: what the driver's files share (build.c, build_foreign.c). */
#ifndef FOLIO_BUILD_INT_H
#define FOLIO_BUILD_INT_H

#include "doc/doc.h"
#include "layout/layout.h"
#include "resolve/resolve.h"
#include "style/style.h"

/* The page maps of other manuscripts, for page references into them
 * (@page:NAME/label): each is laid out once per run, on first use. */
typedef struct foreign_docs foreign_docs;

foreign_docs *foreign_new(const style *s, const res_options *ro);
void foreign_free(foreign_docs *f);
/* The print page on which label ("NAME/sec:x", slash at its '/') starts in
 * manuscript NAME.md beside from; 0 when NAME does not build or has no such
 * label. Records NAME's inputs as dependencies of the current build. */
unsigned foreign_page(foreign_docs *f, const doc *from, const char *label, const char *slash);

/* How many page references into other manuscripts f has looked up so far
 * (none during a build: the manuscript stands on its own). */
unsigned foreign_lookups(const foreign_docs *f);

/* The page-map cache (build_cache.c). cache_key names the entry of one
 * manuscript (its absolute path) built with style s and options ro; NULL
 * when caching is off. cache_load returns the entry's page map (a lay_doc
 * with only dests and page_starts) when every file it was made from is
 * unchanged, adding those files to files (may be NULL); with
 * need_self_contained, only an entry of a manuscript without page references
 * into others. */
char *cache_key(const char *manuscript, const style *s, const res_options *ro);
lay_doc *cache_load(const char *key, bool need_self_contained, GPtrArray *files);
/* Keeps ld's page map, a layout of d in style s, with the files the build
 * read (read) and those a layout reads besides (fonts, the hyphenation
 * dictionary). */
void cache_store(const char *key, const doc *d, const style *s, const lay_doc *ld,
                 const GPtrArray *read, bool self_contained);
/* The font files of the style's families, added to files. */
void build_font_files(const style *s, GPtrArray *files);

/* Parses a manuscript and resolves its cross-references and citations;
 * NULL after an error diagnostic. */
doc *build_prepare(const char *file, const style *s, const res_options *ro);
/* Sets page-dependent text (page references, contents) from layouts until
 * no number changes: at most a few passes, then a warning. False after an
 * error diagnostic. others may be NULL (no references into other
 * manuscripts). stable, unless NULL, receives the last layout (its page map)
 * when one was needed, else NULL; free it with lay_doc_free. */
bool build_settle_pages(doc *d, const style *s, foreign_docs *others, lay_doc **stable);
/* Lays d out only for its page map (pages are dropped as they are made). */
lay_doc *build_page_map(const doc *d, const style *s);

#endif
