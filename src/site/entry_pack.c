/* entry_pack.c: HOOK for seminar packs (issue 6, built on branch `pack`).
 *
 * A pack is listed like a publication: fill a site_entry of kind SITE_PACK
 * and the page, the cover PNG, the sizes, the filters and the categories
 * need nothing more. With the pack branch's API (src/pack/pack.h) this is:
 *
 *   pack_manifest *m = pack_manifest_load(manifest);       NULL: return NULL
 *   site_entry *e = site_entry_new(SITE_PACK, m->name);    NAME.pdf, NAME.epub
 *   e->title, subtitle, date, lang = arena_strdup(e->a, m->...)
 *   e->authors = {organiser, host} (n_authors = how many are set)
 *   introduction: doc_new(m->path), parse_markdown(d, d->root, m->introduction,
 *       strlen, m->introduction_line), site_entry_set_abstract(e, d->root)
 *   for each m->manuscripts[i]: site_entry_add_categories(e, m->manuscripts[i])
 *   lay_doc *owner; lay_frame *f = pack_cover_frame(m, s, &owner);
 *   site_cover_sink(f, e) draws it into e->cover and frees f; lay_doc_free(owner)
 *   e->pages = the pack PDF's page count (blank versos included): pack.c
 *       knows it as page_list(...)->len; expose it, e.g. unsigned
 *       pack_page_count(m, s), which lays the pack out as pack_run does.
 *   series and number stay NULL (the page says "Seminar pack").
 *
 * `folio site` sends every argument ending in .yaml here, and the Makefile
 * passes $(PACKS) after $(MANUSCRIPTS) with $(PACK_OUTPUTS) as prerequisites.
 * Until then a pack is an error, so no half-listed pack reaches the page. */
#include "site.h"

site_entry *site_entry_from_pack(const char *manifest, const style *s)
{
    (void)s;
    diag_error(manifest, 0, 0, "packs cannot be listed yet: this folio has no `pack` command");
    return NULL;
}
