/* pdf.c: the PDF back end. It lays the document out (src/layout/) and draws
 * the frames with cairo, page by page, item by item; it never measures text.
 *
 * Links and destinations are cairo tags; the outline mirrors the headings;
 * the document information comes from the front matter. Output is
 * reproducible: the dates come from the document's date or SOURCE_DATE_EPOCH,
 * never from the clock (an empty date keeps cairo from writing the current
 * time), and cairo's own identifiers derive from the content.
 *
 * cairo 1.16 writes a dangling object reference for link annotations unless
 * a structure tag encloses them, and fails ("invalid tag nesting") when a
 * structure tag spans a page break with content on the later page; so each
 * page is drawn inside its own "Div" structure tag. (This also starts the
 * tagged-PDF tree a later issue will fill with real structure.) */
#include "emit.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../layout/layout.h"

#define PAGE_TAG "Div" /* the structure element around each page (see above) */

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
    FILE *fp = closure;
    return fwrite(data, 1, len, fp) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* A tag attribute string value: quotes and backslashes escaped. */
static void attr_string(GString *s, const char *key, const char *value)
{
    g_string_append_printf(s, "%s='", key);
    for (const char *p = value; *p; p++) {
        if (*p == '\'' || *p == '\\')
            g_string_append_c(s, '\\');
        g_string_append_c(s, *p);
    }
    g_string_append_c(s, '\'');
}

static void set_rgb(cairo_t *cr, uint32_t rgb)
{
    double r, g, b;
    style_color_rgb(rgb, &r, &g, &b);
    cairo_set_source_rgb(cr, r, g, b);
}

static bool draw_image(cairo_t *cr, const lay_item *it)
{
    const lay_image *img = it->image;
    if (img->kind == LAY_IMAGE_SVG) {
        RsvgRectangle vp = {it->x, it->y, it->w, it->h};
        GError *err = NULL;
        if (!rsvg_handle_render_document(img->svg, cr, &vp, &err)) {
            diag_error(img->path, 0, 0, "cannot draw the SVG: %s", err ? err->message : "?");
            if (err)
                g_error_free(err);
            return false;
        }
        return true;
    }
    cairo_save(cr);
    cairo_translate(cr, it->x, it->y);
    cairo_scale(cr, it->w / img->px_width, it->h / img->px_height);
    cairo_set_source_surface(cr, img->surface, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_rectangle(cr, 0, 0, img->px_width, img->px_height);
    cairo_fill(cr);
    cairo_restore(cr);
    return true;
}

static bool draw_item(cairo_t *cr, const lay_item *it)
{
    GString *a;
    switch (it->kind) {
    case LAY_ITEM_TEXT:
        set_rgb(cr, it->color);
        cairo_move_to(cr, it->x, it->y + it->baseline);
        pango_cairo_show_layout_line(cr, it->line);
        break;
    case LAY_ITEM_RULE:
        set_rgb(cr, it->color);
        cairo_set_line_width(cr, it->weight);
        cairo_move_to(cr, it->x, it->y);
        cairo_rel_line_to(cr, it->w, it->h);
        cairo_stroke(cr);
        break;
    case LAY_ITEM_RECT:
        if (it->w <= 0 || it->h <= 0)
            break;
        set_rgb(cr, it->color);
        cairo_rectangle(cr, it->x, it->y, it->w, it->h);
        cairo_fill(cr);
        break;
    case LAY_ITEM_IMAGE:
        return draw_image(cr, it);
    case LAY_ITEM_LINK:
        if (it->w <= 0 || it->h <= 0)
            break;
        a = g_string_new(NULL);
        g_string_append_printf(a, "rect=[%.3f %.3f %.3f %.3f] ", it->x, it->y, it->w, it->h);
        attr_string(a, it->internal ? "dest" : "uri", it->name);
        cairo_tag_begin(cr, CAIRO_TAG_LINK, a->str);
        cairo_tag_end(cr, CAIRO_TAG_LINK);
        g_string_free(a, TRUE);
        break;
    case LAY_ITEM_DEST:
        a = g_string_new(NULL);
        attr_string(a, "name", it->name);
        g_string_append_printf(a, " x=%.3f y=%.3f", it->x, it->y);
        cairo_tag_begin(cr, CAIRO_TAG_DEST, a->str);
        cairo_tag_end(cr, CAIRO_TAG_DEST);
        g_string_free(a, TRUE);
        break;
    }
    return true;
}

/* "YYYY-MM-DDThh:mm:ssZ" for the document information, from the front matter's
 * date or SOURCE_DATE_EPOCH; "" when neither gives one. */
static char *meta_date(const doc *d, bool prefer_epoch)
{
    const char *sde = g_getenv("SOURCE_DATE_EPOCH");
    char *from_epoch = NULL, *from_doc = NULL;
    if (sde && *sde) {
        char *end = NULL;
        errno = 0;
        long long t = strtoll(sde, &end, 10);
        if (errno == 0 && end && *end == '\0' && t >= 0) {
            GDateTime *dt = g_date_time_new_from_unix_utc(t);
            if (dt) {
                from_epoch = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
                g_date_time_unref(dt);
            }
        }
    }
    int y, m, day;
    if (lay_date_parse(d->meta.date, &y, &m, &day) && y > 0)
        from_doc = g_strdup_printf("%04d-%02d-%02dT00:00:00Z", y, m ? m : 1, day ? day : 1);
    char *pick =
        prefer_epoch ? (from_epoch ? from_epoch : from_doc) : (from_doc ? from_doc : from_epoch);
    char *res = g_strdup(pick ? pick : "");
    g_free(from_epoch);
    g_free(from_doc);
    return res;
}

/* The abstract as plain text: its blocks' text joined by spaces. */
static char *abstract_text(const doc_node *abstract)
{
    GString *s = g_string_new(NULL);
    for (const doc_node *b = abstract ? abstract->first : NULL; b; b = b->next) {
        char *t = doc_plain_text(b);
        if (*t) {
            if (s->len)
                g_string_append_c(s, ' ');
            g_string_append(s, t);
        }
        g_free(t);
    }
    return g_string_free(s, FALSE);
}

static void metadata(cairo_surface_t *surf, const doc *d)
{
    const doc_meta *m = &d->meta;
    if (m->title)
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, m->title);
    if (m->n_authors) {
        GString *a = g_string_new(NULL);
        for (size_t i = 0; i < m->n_authors; i++)
            if (m->authors[i].name)
                g_string_append_printf(a, "%s%s", a->len ? ", " : "", m->authors[i].name);
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_AUTHOR, a->str);
        g_string_free(a, TRUE);
    }
    char *subject = abstract_text(m->abstract);
    if (*subject)
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_SUBJECT, subject);
    g_free(subject);
    if (m->n_keywords) {
        GString *k = g_string_new(NULL);
        for (size_t i = 0; i < m->n_keywords; i++)
            g_string_append_printf(k, "%s%s", i ? ", " : "", m->keywords[i]);
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_KEYWORDS, k->str);
        g_string_free(k, TRUE);
    }
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "folio " FOLIO_VERSION);
    char *created = meta_date(d, false), *modified = meta_date(d, true);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, created);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE, modified);
    g_free(created);
    g_free(modified);
}

static void outline(cairo_surface_t *surf, const lay_doc *ld)
{
    int parents[7] = {CAIRO_PDF_OUTLINE_ROOT};
    int levels[7] = {0};
    int depth = 0; /* entries in parents/levels above the root */
    for (guint i = 0; i < ld->outline->len; i++) {
        const lay_outline_entry *e = &g_array_index(ld->outline, lay_outline_entry, i);
        if (!lay_dest_page(ld, e->dest))
            continue;
        while (depth > 0 && levels[depth] >= e->level)
            depth--;
        GString *a = g_string_new(NULL);
        attr_string(a, "dest", e->dest);
        int id = cairo_pdf_surface_add_outline(surf, parents[depth], e->title, a->str,
                                               e->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
        g_string_free(a, TRUE);
        if (depth < 6) {
            depth++;
            parents[depth] = id;
            levels[depth] = e->level;
        }
    }
}

bool pdf_emit(const doc *d, const style *s, const char *target)
{
    bool ok = false;
    outfile *o = NULL;
    cairo_surface_t *surf = NULL;
    cairo_t *cr = NULL;
    lay_doc *ld = lay_layout(d, s);
    if (!ld)
        goto out;
    o = out_open(target);
    if (!o)
        goto out;
    surf = cairo_pdf_surface_create_for_stream(write_stream, out_stream(o), s->page_width,
                                               s->page_height);
    metadata(surf, d);
    cr = cairo_create(surf);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (guint p = 0; p < ld->pages->len; p++) {
        const lay_frame *f = g_ptr_array_index(ld->pages, p);
        cairo_pdf_surface_set_size(surf, f->width, f->height);
        cairo_tag_begin(cr, PAGE_TAG, "");
        for (guint i = 0; i < f->items->len; i++)
            if (!draw_item(cr, &g_array_index(f->items, lay_item, i)))
                goto out;
        if (p + 1 == ld->pages->len)
            outline(surf, ld);
        cairo_tag_end(cr, PAGE_TAG);
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cr = NULL;
    cairo_surface_finish(surf);
    cairo_status_t st = cairo_surface_status(surf);
    if (st != CAIRO_STATUS_SUCCESS) {
        diag_error(target, 0, 0, "cannot write the PDF: %s", cairo_status_to_string(st));
        goto out;
    }
    ok = out_commit(o);
    o = NULL;
out:
    if (cr)
        cairo_destroy(cr);
    if (surf)
        cairo_surface_destroy(surf);
    out_abort(o);
    lay_doc_free(ld);
    return ok;
}
