/* pack_pdf.c: the pack as a reading PDF: its pages drawn in order (each in
 * a Div structure tag, as pdf.c does, so cairo writes link annotations
 * whole), every destination and internal link renamed with its document's
 * prefix so that the publications' names ("fn1", "sec:intro") never meet,
 * the publications' tagged structure (../emit/pdf_tags.h) and the pack's
 * language, and the outline: the front matter's headings, then each publication's
 * title over its own headings. */
#include "pack_pdf.h"

#include <cairo-pdf.h>
#include <string.h>

#include "../base/terms.h"
#include "../emit/draw.h"
#include "../emit/pdf_tags.h"

/* The destination of each publication's first page (its outline entry). */
#define PART_DEST "title"

/* Draws page f, its names prefixed with prefix; first: it opens a document
 * (its PART_DEST goes at its top). */
static bool draw_page(tagger *t, const lay_frame *f, const char *prefix, bool first)
{
    cairo_t *cr = t->cr;
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    bool ok = true;
    cairo_tag_begin(cr, "Div", "");
    tagger_page(t, f);
    if (first && *prefix) {
        char *name = g_strconcat(prefix, PART_DEST, NULL);
        lay_item dest = {.kind = LAY_ITEM_DEST, .name = name};
        ok = draw_item(cr, &dest, seen);
        g_free(name);
    }
    for (guint i = 0; ok && i < f->items->len; i++) {
        lay_item it = g_array_index(f->items, lay_item, i);
        char *name = NULL;
        if (it.kind == LAY_ITEM_DEST || (it.kind == LAY_ITEM_LINK && it.internal))
            it.name = name = g_strconcat(prefix, it.name, NULL);
        tagger_item(t, &it);
        ok = draw_item(cr, &it, seen);
        g_free(name);
    }
    tagger_close_all(t);
    cairo_tag_end(cr, "Div");
    g_hash_table_destroy(seen);
    return ok;
}

/* Adds an outline entry under parent; its id. */
static int add_entry(cairo_surface_t *surf, int parent, const char *title, const char *prefix,
                     const char *dest, bool open)
{
    GString *a = g_string_new(NULL);
    char *name = g_strconcat(prefix, dest, NULL);
    draw_attr_string(a, "dest", name);
    int id = cairo_pdf_surface_add_outline(surf, parent, title, a->str,
                                           open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    g_free(name);
    g_string_free(a, TRUE);
    return id;
}

/* The headings of one document, nested under parent. */
static void outline_doc(cairo_surface_t *surf, const pack_pdf_doc *d, int parent)
{
    int parents[7] = {parent}, levels[7] = {0}, depth = 0;
    for (guint i = 0; i < d->ld->outline->len; i++) {
        const lay_outline_entry *e = &g_array_index(d->ld->outline, lay_outline_entry, i);
        if (!lay_dest_page(d->ld, e->dest))
            continue;
        while (depth > 0 && levels[depth] >= e->level)
            depth--;
        int id = add_entry(surf, parents[depth], e->title, d->prefix, e->dest, false);
        if (depth < 6) {
            depth++;
            parents[depth] = id;
            levels[depth] = e->level;
        }
    }
}

static void outline(cairo_surface_t *surf, const pack_pdf_doc *docs, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        int parent = CAIRO_PDF_OUTLINE_ROOT;
        if (docs[k].title)
            parent = add_entry(surf, parent, docs[k].title, docs[k].prefix, PART_DEST, true);
        outline_doc(surf, &docs[k], parent);
    }
}

/* "YYYY-MM-DDT00:00:00Z" from the pack's date, or "" (never the clock). */
static char *pdf_date(const doc *meta)
{
    int y, m, d;
    if (meta->meta.date && term_date_parse(meta->meta.date, &y, &m, &d) && y > 0)
        return g_strdup_printf("%04d-%02d-%02dT00:00:00Z", y, m ? m : 1, d ? d : 1);
    return g_strdup("");
}

bool pack_pdf_write(const char *target, const GPtrArray *pages, const GPtrArray *prefixes,
                    const pack_pdf_doc *docs, size_t n, const doc *meta)
{
    GByteArray *bytes = g_byte_array_new();
    const lay_frame *first = pages->pdata[0];
    cairo_surface_t *surf = impose_pdf_new(bytes, first->width, first->height);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, meta->meta.title);
    if (meta->meta.publisher)
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_AUTHOR, meta->meta.publisher);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "folio " FOLIO_VERSION);
    char *date = pdf_date(meta);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE, date);
    g_free(date);
    cairo_t *cr = cairo_create(surf);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    tagger t;
    tagger_init(&t, cr);
    bool ok = true;
    const char *last = ""; /* the prefix of the last document page */
    for (guint i = 0; ok && i < pages->len; i++) {
        const lay_frame *f = pages->pdata[i];
        const char *prefix = prefixes->pdata[i];
        cairo_pdf_surface_set_size(surf, f->width, f->height);
        ok = draw_page(&t, f, prefix, *prefix && strcmp(prefix, last) != 0);
        if (*prefix)
            last = prefix;
        if (i + 1 == pages->len)
            outline(surf, docs, n);
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    if (ok && cairo_surface_status(surf) == CAIRO_STATUS_SUCCESS)
        pdf_update(bytes, meta->meta.lang && *meta->meta.lang ? meta->meta.lang : "en-GB", t.alts);
    tagger_clear(&t);
    return impose_pdf_commit(surf, bytes, ok, target);
}
