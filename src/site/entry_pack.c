/* entry_pack.c: HOOK for seminar packs (issue 6, built on another branch).
 *
 * To list a pack, fill a site_entry of kind SITE_PACK exactly as
 * site_entry_from_manuscript does for a publication:
 *   e = site_entry_new(SITE_PACK, NAME)        NAME of packs/NAME.yaml
 *   title, subtitle, date, lang                from the manifest
 *   authors                                    organiser and host
 *   abstract                                   the introduction's paragraphs
 *   categories                                 the union of its publications'
 *   series, number                             NULL (the page shows "Seminar pack")
 *   run the pack's layout with site_cover_sink and e as its page sink: it
 *   draws page 1 (the pack's cover) into e->cover and counts e->pages.
 * The page, the thumbnails, the sizes and the filters then need nothing more.
 * `folio site` sends every argument ending in .yaml here. */
#include "site.h"

site_entry *site_entry_from_pack(const char *manifest, const style *s)
{
    (void)s;
    diag_error(manifest, 0, 0, "packs cannot be listed yet: this folio has no `pack` command");
    return NULL;
}
