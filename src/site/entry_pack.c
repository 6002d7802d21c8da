/* entry_pack.c: a seminar pack as an entry of the download page. It is
 * listed like a publication: the pack's title, subtitle, date and language;
 * its organiser and host in place of authors; its introduction as the
 * abstract; the categories of the publications it binds; its cover drawn
 * from the pack's own first page; and the pack PDF's page count, from the
 * same layout `folio pack` makes. Series and number stay empty (the page
 * says "Seminar pack"). */
#include "site.h"

#include <string.h>

#include "../pack/pack.h"
#include "../parse/parse.h"

site_entry *site_entry_from_pack(const char *manifest, const style *s)
{
    pack_manifest *m = pack_manifest_load(manifest);
    if (!m)
        return NULL;
    site_entry *e = site_entry_new(SITE_PACK, m->name);
    bool ok = true;
    e->title = arena_strdup(e->a, m->title);
    e->subtitle = m->subtitle ? arena_strdup(e->a, m->subtitle) : NULL;
    e->date = m->date ? arena_strdup(e->a, m->date) : NULL;
    e->lang = arena_strdup(e->a, m->lang ? m->lang : "en-GB");
    e->authors = ARENA_ARRAY(e->a, const char *, 2);
    if (m->organiser)
        e->authors[e->n_authors++] = arena_printf(e->a, "Organised by %s", m->organiser);
    if (m->host)
        e->authors[e->n_authors++] = arena_printf(e->a, "Hosted by %s", m->host);
    if (m->introduction) {
        doc *d = doc_new(m->path);
        ok = parse_markdown(d, d->root, m->introduction, strlen(m->introduction),
                            m->introduction_line);
        if (ok)
            site_entry_set_abstract(e, d->root);
        doc_free(d);
    }
    for (size_t i = 0; ok && i < m->n_manuscripts; i++)
        ok = site_entry_add_categories(e, m->manuscripts[i]);
    lay_doc *owner = NULL;
    lay_frame *cover = ok ? pack_cover_frame(m, s, &owner) : NULL;
    if (cover)
        site_cover_sink(cover, e); /* draws it and frees the frame */
    lay_doc_free(owner);
    ok = ok && e->cover && (e->pages = pack_page_count(m, s)) > 0;
    pack_manifest_free(m);
    if (!ok) {
        site_entry_free(e);
        return NULL;
    }
    return e;
}
