/* epub.c: the EPUB 3 back end's entry point. It plans the book, subsets the
 * fonts, writes every file of the publication and zips them in a fixed order:
 *
 *   mimetype                 (stored, first)
 *   META-INF/container.xml
 *   EPUB/package.opf         metadata, manifest, spine
 *   EPUB/nav.xhtml           contents and landmarks (in the spine, after the title page)
 *   EPUB/toc.ncx             the same contents for EPUB 2 reading systems
 *   EPUB/style.css
 *   EPUB/cover.xhtml, EPUB/images/cover.svg   the cover (epub_cover.c)
 *   EPUB/title.xhtml         title page and abstract
 *   EPUB/section-NN.xhtml    one per level-1 section
 *   EPUB/fonts/, EPUB/images/  subset fonts, images
 *
 * Nothing depends on the clock, the time zone, the locale or hash order, so
 * the same input gives the same bytes. */
#include "epub.h"

#include <string.h>

/* Adds data to the zip under EPUB/ (or at the root) and drops our reference. */
static void add(epub_zip *z, bool in_root, const char *name, GBytes *data)
{
    char *path = g_strconcat(in_root ? EPUB_ROOT : "", name, NULL);
    epub_zip_add(z, path, data);
    g_bytes_unref(data);
    g_free(path);
}

/* Adds the content documents and images of plan p. */
static void add_content(epub_zip *z, const epub_plan *p)
{
    for (guint i = 0; i < p->files->len; i++)
        add(z, true, ((epub_file *)p->files->pdata[i])->href, xhtml_file(p, i));
    for (guint i = 0; i < p->images->len; i++) {
        const epub_image *img = p->images->pdata[i];
        add(z, true, img->href, g_bytes_new_static(img->data, img->len));
    }
}

/* Writes the planned book p (with its parts, for a pack). */
static bool write_book(epub_plan *p, const char *target)
{
    static const char mimetype[] = "application/epub+zip";
    if (!epub_fonts_build(p))
        return false;
    p->cover = epub_cover_svg(p);
    epub_zip *z = epub_zip_new(p);
    add(z, false, "mimetype", g_bytes_new_static(mimetype, strlen(mimetype)));
    add(z, false, "META-INF/container.xml", epub_container_xml());
    add(z, true, "package.opf", epub_opf(p));
    add(z, true, EPUB_NAV, epub_nav_xhtml(p));
    add(z, true, EPUB_NCX, epub_nav_ncx(p));
    add(z, true, EPUB_STYLESHEET, css_stylesheet(p));
    if (p->cover) {
        add(z, true, EPUB_COVER_PAGE, xhtml_cover_page(p));
        add(z, true, EPUB_COVER_IMAGE, g_bytes_ref(p->cover));
    }
    add_content(z, p);
    for (guint k = 0; p->parts && k < p->parts->len; k++)
        add_content(z, p->parts->pdata[k]);
    for (guint i = 0; i < p->fonts->len; i++) {
        const epub_font *f = p->fonts->pdata[i];
        add(z, true, f->href, g_bytes_ref(f->data));
    }
    bool ok = epub_zip_write(z, target);
    epub_zip_free(z);
    return ok;
}

bool epub_emit(const doc *d, const style *s, const char *target)
{
    epub_plan *p = epub_plan_new(d, s);
    bool ok = epub_plan_build(p) && write_book(p, target);
    epub_plan_free(p);
    return ok;
}

bool epub_emit_pack(const doc *front, const doc *const *parts, size_t n_parts, const style *s,
                    const char *target)
{
    epub_plan *p = epub_plan_new(front, s);
    p->parts = g_ptr_array_new_with_free_func((GDestroyNotify)epub_plan_free);
    bool ok = epub_plan_build(p);
    for (size_t k = 0; ok && k < n_parts; k++) {
        epub_plan *q = epub_plan_new(parts[k], s);
        q->prefix = arena_printf(q->a, "part%zu-", k + 1);
        g_ptr_array_add(p->parts, q);
        ok = epub_plan_build(q);
        /* one set of fonts for the whole book: every part's characters */
        for (int f = 0; ok && f < EPUB_FAMILY_COUNT; f++)
            hb_set_union(p->chars[f], q->chars[f]);
        for (int f = 0; ok && f < EPUB_FACE_COUNT; f++)
            p->face_used[f] = p->face_used[f] || q->face_used[f];
    }
    ok = ok && write_book(p, target);
    g_ptr_array_free(p->parts, TRUE);
    p->parts = NULL;
    epub_plan_free(p);
    return ok;
}
