/* entry.c: catalog entries: one per publication, from its manuscript, laid
 * out as `folio build` lays it out for the PDF, so the cover and the page
 * count are the PDF's own. */
#include "site.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "../build.h"
#include "../parse/parse.h"

site_entry *site_entry_new(site_kind kind, const char *name)
{
    arena *a = arena_new();
    site_entry *e = ARENA_NEW(a, site_entry);
    e->a = a;
    e->kind = kind;
    e->name = arena_strdup(a, name);
    return e;
}

void site_entry_free(site_entry *e)
{
    if (!e)
        return;
    if (e->cover)
        cairo_surface_destroy(e->cover);
    arena_free(e->a);
}

bool site_cover_sink(lay_frame *page, void *data)
{
    site_entry *e = data;
    bool ok = true;
    if (e->pages++ == 0) {
        e->cover = site_thumbnail(page, SITE_COVER_PX);
        ok = e->cover != NULL;
    }
    lay_frame_free(page);
    return ok;
}

void site_entry_set_abstract(site_entry *e, const doc_node *abstract)
{
    size_t n = 0;
    for (const doc_node *b = abstract ? abstract->first : NULL; b; b = b->next)
        n++;
    e->abstract = ARENA_ARRAY(e->a, const char *, n);
    for (const doc_node *b = abstract ? abstract->first : NULL; b; b = b->next) {
        char *text = doc_plain_text(b);
        if (text && *text)
            e->abstract[e->n_abstract++] = arena_strdup(e->a, text);
        g_free(text);
    }
}

/* Adds m's categories that e does not have yet. */
static void add_categories(site_entry *e, const doc_meta *m)
{
    const char **all = ARENA_ARRAY(e->a, const char *, e->n_categories + m->n_categories);
    if (e->n_categories)
        memcpy(all, e->categories, e->n_categories * sizeof *all);
    e->categories = all;
    for (size_t i = 0; i < m->n_categories; i++) {
        bool have = false;
        for (size_t k = 0; k < e->n_categories && !have; k++)
            have = !strcmp(e->categories[k], m->categories[i]);
        if (!have)
            e->categories[e->n_categories++] = arena_strdup(e->a, m->categories[i]);
    }
}

bool site_entry_add_categories(site_entry *e, const char *manuscript)
{
    doc *d = doc_new(manuscript);
    bool ok = parse_manuscript(d);
    if (ok)
        add_categories(e, &d->meta);
    doc_free(d);
    return ok;
}

/* Copies what the page shows of d's front matter into e. */
static void take_meta(site_entry *e, const doc *d)
{
    const doc_meta *m = &d->meta;
    arena *a = e->a;
    e->title = arena_strdup(a, m->title ? m->title : d->name);
    e->subtitle = arena_strdup(a, m->subtitle);
    e->series = arena_strdup(a, m->series);
    e->number = arena_strdup(a, m->number);
    e->date = arena_strdup(a, m->date);
    e->lang = arena_strdup(a, m->lang);
    e->authors = ARENA_ARRAY(a, const char *, m->n_authors);
    for (size_t i = 0; i < m->n_authors; i++) {
        const doc_author *au = &m->authors[i];
        e->authors[e->n_authors++] = au->affiliation
                                         ? arena_printf(a, "%s (%s)", au->name, au->affiliation)
                                         : arena_strdup(a, au->name);
    }
    add_categories(e, m);
    site_entry_set_abstract(e, m->abstract);
}

site_entry *site_entry_from_manuscript(const char *path, const style *s)
{
    doc *d = doc_new(path);
    site_entry *e = site_entry_new(SITE_PUBLICATION, d->name);
    lay_doc *ld = build_layout(d, s, site_cover_sink, e);
    bool ok = ld != NULL;
    if (ok && !e->cover) {
        diag_error(path, 0, 0, "the layout has no first page to draw as the cover");
        ok = false;
    }
    if (ok)
        take_meta(e, d);
    lay_doc_free(ld);
    doc_free(d);
    if (!ok) {
        site_entry_free(e);
        return NULL;
    }
    return e;
}

/* The size of a built file; -1 after an error diagnostic. */
static gint64 built_size(const char *out_dir, const char *name, const char *ext)
{
    char *path = g_strdup_printf("%s/%s.%s", out_dir, name, ext);
    struct stat st;
    gint64 size = -1;
    if (stat(path, &st) != 0)
        diag_error(path, 0, 0, "cannot list it for download: %s (build it first)",
                   g_strerror(errno));
    else if (!S_ISREG(st.st_mode) || st.st_size == 0)
        diag_error(path, 0, 0, "cannot list it for download: not a file with content");
    else
        size = st.st_size;
    g_free(path);
    return size;
}

bool site_entry_sizes(site_entry *e, const char *out_dir)
{
    e->pdf_bytes = built_size(out_dir, e->name, "pdf");
    if (e->pdf_bytes < 0)
        return false;
    e->epub_bytes = built_size(out_dir, e->name, "epub");
    return e->epub_bytes >= 0;
}
