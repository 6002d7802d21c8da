/* epub_opf.c: the package document (EPUB 3.3 section 5: metadata, manifest,
 * spine) and META-INF/container.xml (OCF section 4.2.6.3.1).
 *
 * Accessibility metadata follows EPUB Accessibility 1.1 section 5 with the
 * schema.org properties; conformance to WCAG 2.1 AA is claimed only when it
 * holds for this book: every image has a text alternative and every text
 * colour of the style has at least 4.5:1 contrast on its background. The rest
 * (language, titles, headings, table headers, reading order, navigation,
 * reflowable text) the writer always provides. */
#include "epub.h"

#include <string.h>

/* Roles of creators: MARC relator code for author. */
#define MARC_AUTHOR "aut"

static void dc(xmlTextWriterPtr w, const char *element, const char *id, const char *text)
{
    if (!text || !*text)
        return;
    xhtml_start(w, element);
    xhtml_attr(w, "id", id);
    xhtml_text(w, text);
    xhtml_end(w);
    xhtml_text(w, "\n");
}

static void meta(xmlTextWriterPtr w, const char *refines, const char *property, const char *id,
                 const char *text)
{
    xhtml_start(w, "meta");
    xhtml_attr(w, "refines", refines);
    xhtml_attr(w, "property", property);
    xhtml_attr(w, "id", id);
    xhtml_text(w, text);
    xhtml_end(w);
    xhtml_text(w, "\n");
}

/* The abstract as plain text: its blocks' text joined by spaces; NULL when none. */
static char *abstract_text(const epub_plan *p)
{
    const doc_node *a = p->d->meta.abstract;
    if (!a)
        return NULL;
    GString *s = g_string_new(NULL);
    for (const doc_node *c = a->first; c; c = c->next) {
        char *t = doc_plain_text(c);
        g_strstrip(t);
        if (*t) {
            if (s->len)
                g_string_append_c(s, ' ');
            g_string_append(s, t);
        }
        g_free(t);
    }
    return g_string_free(s, s->len == 0);
}

/* True for a series number a reading system can sort by: digits and dots. */
static bool is_position(const char *s)
{
    return s && *s && g_ascii_isdigit(*s) && strspn(s, "0123456789.") == strlen(s);
}

/* True when the style's text colours are readable enough for WCAG 2.1 AA
 * (success criterion 1.4.3: 4.5:1) on white and, in boxes and code, on the box colour. */
static bool contrast_ok(const style *s)
{
    const double aa = 4.5;
    const uint32_t white = 0xffffff;
    uint32_t fg[] = {s->text_color, s->heading_color, s->link_color, s->muted_color,
                     s->accent_color};
    for (size_t i = 0; i < G_N_ELEMENTS(fg); i++)
        if (css_contrast(fg[i], white) < aa)
            return false;
    return css_contrast(s->text_color, s->box_color) >= aa &&
           css_contrast(s->link_color, s->box_color) >= aa;
}

static void accessibility(const epub_plan *p, xmlTextWriterPtr w)
{
    bool images = p->images->len > 0, alt = !p->images_lack_alt;
    for (guint k = 0; p->parts && k < p->parts->len; k++) { /* a pack's publications */
        const epub_plan *q = p->parts->pdata[k];
        images = images || q->images->len > 0;
        alt = alt && !q->images_lack_alt;
    }
    bool conforms = alt && contrast_ok(p->s);
    meta(w, NULL, "schema:accessMode", NULL, "textual");
    if (images)
        meta(w, NULL, "schema:accessMode", NULL, "visual");
    /* Text alone suffices when every image is described. */
    if (alt)
        meta(w, NULL, "schema:accessModeSufficient", NULL, "textual");
    if (images)
        meta(w, NULL, "schema:accessModeSufficient", NULL, "textual,visual");
    static const char *const features[] = {"structuralNavigation", "tableOfContents",
                                           "readingOrder", "displayTransformability"};
    for (size_t i = 0; i < G_N_ELEMENTS(features); i++)
        meta(w, NULL, "schema:accessibilityFeature", NULL, features[i]);
    if (images && alt)
        meta(w, NULL, "schema:accessibilityFeature", NULL, "alternativeText");
    if (p->n_pages) {
        meta(w, NULL, "schema:accessibilityFeature", NULL, "printPageNumbers");
        meta(w, NULL, "schema:accessibilityFeature", NULL, "pageBreakMarkers");
        meta(w, NULL, "schema:accessibilityFeature", NULL, "pageNavigation");
    }
    meta(w, NULL, "schema:accessibilityHazard", NULL, "none");

    GString *sum = g_string_new(conforms ? "This publication meets WCAG 2.1 Level AA. It has "
                                         : "This publication has ");
    g_string_append(sum, "a table of contents, headings that mark its structure, a "
                         "logical reading order, and text that reading systems can enlarge "
                         "and restyle");
    if (images && alt)
        g_string_append(sum, "; every image has a text description");
    else if (images)
        g_string_append(sum, "; some images have no text description");
    g_string_append(sum, ". Footnotes are linked to and from the text.");
    meta(w, NULL, "schema:accessibilitySummary", NULL, sum->str);
    g_string_free(sum, TRUE);
    if (conforms)
        meta(w, NULL, "dcterms:conformsTo", NULL, "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
}

static void metadata(const epub_plan *p, xmlTextWriterPtr w)
{
    const doc_meta *m = &p->d->meta;
    xhtml_start(w, "metadata");
    xhtml_attr(w, "xmlns:dc", EPUB_NS_DC);
    xhtml_text(w, "\n");
    dc(w, "dc:identifier", "pub-id", p->identifier);
    dc(w, "dc:title", "title", p->title);
    meta(w, "#title", "title-type", NULL, "main");
    if (m->subtitle && *m->subtitle) {
        dc(w, "dc:title", "subtitle", m->subtitle);
        meta(w, "#subtitle", "title-type", NULL, "subtitle");
    }
    for (size_t i = 0; i < m->n_authors; i++) {
        if (!m->authors[i].name || !*m->authors[i].name)
            continue;
        char id[32], ref[40];
        g_snprintf(id, sizeof id, "creator-%zu", i + 1);
        g_snprintf(ref, sizeof ref, "#%s", id);
        dc(w, "dc:creator", id, m->authors[i].name);
        xhtml_start(w, "meta");
        xhtml_attr(w, "refines", ref);
        xhtml_attr(w, "property", "role");
        xhtml_attr(w, "scheme", "marc:relators");
        xhtml_text(w, MARC_AUTHOR);
        xhtml_end(w);
        xhtml_text(w, "\n");
    }
    dc(w, "dc:language", NULL, p->lang);
    dc(w, "dc:date", NULL, p->date);
    meta(w, NULL, "dcterms:modified", NULL, p->modified);
    for (size_t i = 0; i < m->n_keywords; i++)
        dc(w, "dc:subject", NULL, m->keywords[i]);
    for (size_t i = 0; i < m->n_categories; i++)
        dc(w, "dc:subject", NULL, m->categories[i]);
    dc(w, "dc:publisher", NULL, m->publisher);
    dc(w, "dc:rights", NULL, m->rights);
    if (p->n_pages) {
        /* The print edition the page markers follow: folio's own PDF of the
         * same manuscript (EPUB 3.2 source-of; EPUBCheck 4.2 does not know
         * the newer pageBreakSource property yet). */
        char *src = g_strdup_printf("%s#print-pdf", p->identifier);
        dc(w, "dc:source", "print-source", src);
        meta(w, "#print-source", "source-of", NULL, "pagination");
        g_free(src);
    }
    char *desc = abstract_text(p);
    dc(w, "dc:description", NULL, desc);
    g_free(desc);
    if (m->series && *m->series) {
        meta(w, NULL, "belongs-to-collection", "series", m->series);
        meta(w, "#series", "collection-type", NULL, "series");
        if (is_position(m->number))
            meta(w, "#series", "group-position", NULL, m->number);
    }
    accessibility(p, w);
    if (p->cover) {
        /* For EPUB 2 reading systems. */
        xhtml_start(w, "meta");
        xhtml_attr(w, "name", "cover");
        xhtml_attr(w, "content", "cover-image");
        xhtml_end_void(w);
        xhtml_text(w, "\n");
    }
    xhtml_end(w);
    xhtml_text(w, "\n");
}

static void item(xmlTextWriterPtr w, const char *id, const char *href, const char *type,
                 const char *properties, const char *fallback)
{
    xhtml_start(w, "item");
    xhtml_attr(w, "id", id);
    xhtml_attr(w, "href", href);
    xhtml_attr(w, "media-type", type);
    xhtml_attr(w, "properties", properties);
    xhtml_attr(w, "fallback", fallback);
    xhtml_end_void(w);
    xhtml_text(w, "\n");
}

static void manifest(const epub_plan *p, xmlTextWriterPtr w)
{
    static const char xhtml_type[] = "application/xhtml+xml";
    xhtml_start(w, "manifest");
    xhtml_text(w, "\n");
    item(w, "nav", EPUB_NAV, xhtml_type, "nav", NULL);
    item(w, "ncx", EPUB_NCX, "application/x-dtbncx+xml", NULL, NULL);
    item(w, "css", EPUB_STYLESHEET, "text/css", NULL, NULL);
    if (p->cover) {
        item(w, "cover", EPUB_COVER_PAGE, xhtml_type, NULL, NULL);
        item(w, "cover-image", EPUB_COVER_IMAGE, "image/svg+xml", "cover-image", NULL);
    }
    for (guint k = 0; k <= (p->parts ? p->parts->len : 0); k++) { /* the book, its parts */
        const epub_plan *q = k ? p->parts->pdata[k - 1] : p;
        for (guint i = 0; i < q->files->len; i++) {
            const epub_file *f = q->files->pdata[i];
            item(w, f->manifest_id, f->href, xhtml_type, NULL, NULL);
        }
        for (guint i = 0; i < q->images->len; i++) {
            const epub_image *img = q->images->pdata[i];
            item(w, img->manifest_id, img->href, img->media_type, NULL, img->fallback);
        }
    }
    for (guint i = 0; i < p->fonts->len; i++) {
        const epub_font *f = p->fonts->pdata[i];
        item(w, f->manifest_id, f->href, f->media_type, NULL, NULL);
    }
    xhtml_end(w);
    xhtml_text(w, "\n");
}

static void itemref(xmlTextWriterPtr w, const char *idref)
{
    xhtml_start(w, "itemref");
    xhtml_attr(w, "idref", idref);
    xhtml_end_void(w);
    xhtml_text(w, "\n");
}

/* Reading order: cover, title page, contents, sections; then a pack's
 * publications, each its title page and sections. */
static void spine(const epub_plan *p, xmlTextWriterPtr w)
{
    xhtml_start(w, "spine");
    xhtml_attr(w, "toc", "ncx");
    xhtml_text(w, "\n");
    if (p->cover)
        itemref(w, "cover");
    itemref(w, ((const epub_file *)p->files->pdata[EPUB_FILE_TITLE])->manifest_id);
    itemref(w, "nav");
    for (guint i = 1; i < p->files->len; i++)
        itemref(w, ((const epub_file *)p->files->pdata[i])->manifest_id);
    for (guint k = 0; p->parts && k < p->parts->len; k++) {
        const epub_plan *q = p->parts->pdata[k];
        for (guint i = 0; i < q->files->len; i++)
            itemref(w, ((const epub_file *)q->files->pdata[i])->manifest_id);
    }
    xhtml_end(w);
    xhtml_text(w, "\n");
}

GBytes *epub_opf(const epub_plan *p)
{
    xmlBufferPtr buf;
    xmlTextWriterPtr w = xhtml_writer_new(&buf);
    xhtml_start(w, "package");
    xhtml_attr(w, "xmlns", EPUB_NS_OPF);
    xhtml_attr(w, "version", "3.0");
    xhtml_attr(w, "unique-identifier", "pub-id");
    xhtml_attr(w, "xml:lang", p->lang);
    xhtml_text(w, "\n");
    metadata(p, w);
    manifest(p, w);
    spine(p, w);
    xhtml_end(w);
    return xhtml_writer_finish(w, buf);
}

GBytes *epub_container_xml(void)
{
    xmlBufferPtr buf;
    xmlTextWriterPtr w = xhtml_writer_new(&buf);
    xhtml_start(w, "container");
    xhtml_attr(w, "version", "1.0");
    xhtml_attr(w, "xmlns", EPUB_NS_CONTAINER);
    xhtml_text(w, "\n");
    xhtml_start(w, "rootfiles");
    xhtml_text(w, "\n");
    xhtml_start(w, "rootfile");
    xhtml_attr(w, "full-path", EPUB_ROOT "package.opf");
    xhtml_attr(w, "media-type", "application/oebps-package+xml");
    xhtml_end_void(w);
    xhtml_text(w, "\n");
    xhtml_end(w);
    xhtml_text(w, "\n");
    xhtml_end(w);
    return xhtml_writer_finish(w, buf);
}
