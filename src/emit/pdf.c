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
 * page is drawn inside its own "Div" structure tag.
 *
 * The tagged structure (headings, paragraphs, lists, tables, figures with
 * their alternative text, links) is written by pdf_tags.c as the items go
 * by, and completed by pdf_update.c once cairo has finished (/Lang, /Alt).
 * The layout runs on this thread and the drawing on a second one (see
 * "drawing on a second thread" below). */
#include "../base/terms.h"
#include "emit.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../layout/layout.h"
#include "draw.h"
#include "pdf_tags.h"

#define PAGE_TAG "Div" /* the structure element around each page (see above) */

/* cairo writes into memory; the update is appended before the file is written. */
static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
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
    if (d->meta.date && term_date_parse(d->meta.date, &y, &m, &day) && y > 0)
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
        draw_attr_string(a, "dest", e->dest);
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

/* The drawing of a document: pages arrive from the layout one by one and are
 * drawn one page behind, so the last one, which cairo wants the outline with,
 * is known when it is drawn. */
typedef struct {
    cairo_surface_t *surf;
    cairo_t *cr;
    tagger t;
    GHashTable *seen;   /* images drawn on the page */
    lay_frame *pending; /* the page received last, not drawn yet */
    bool ok;
} drawing;

static bool draw_page(drawing *w, const lay_frame *f, const lay_doc *outline_of)
{
    cairo_pdf_surface_set_size(w->surf, f->width, f->height);
    cairo_tag_begin(w->cr, PAGE_TAG, "");
    tagger_page(&w->t, f);
    g_hash_table_remove_all(w->seen);
    for (guint i = 0; i < f->items->len; i++) {
        const lay_item *it = &g_array_index(f->items, lay_item, i);
        tagger_item(&w->t, it);
        if (!draw_item(w->cr, it, w->seen))
            return false;
    }
    tagger_close_all(&w->t);
    if (outline_of)
        outline(w->surf, outline_of);
    cairo_tag_end(w->cr, PAGE_TAG);
    cairo_show_page(w->cr);
    return true;
}

/* The layout's page sink. */
static bool take_page(lay_frame *f, void *data)
{
    drawing *w = data;
    if (w->pending) {
        w->ok = draw_page(w, w->pending, NULL);
        lay_frame_free(w->pending);
    }
    w->pending = f;
    return w->ok;
}

/* ---- drawing on a second thread ----
 * The layout hands each composed page to a drawing thread and goes on with
 * the next, so on a machine with two cores the drawing (a quarter of the
 * work) is done while the text is still being set. The drawing thread only
 * reads the pages and calls cairo (and librsvg, for SVG figures, with its own
 * Pango font map): it hands every page back, and the pages are freed by the
 * layout's thread, so each Pango object is released by the thread that made
 * it and Pango's caches are written only by the layout. Pango measures
 * struck-out text again while drawing it (glyph extents and font metrics,
 * caches the layout writes too), so a document with struck-out text is drawn
 * on the layout's thread, page by page as before. The PDF's bytes are the
 * same either way: the pages are drawn in order, by one thread. */

static char end_of_pages; /* the marker that follows the last page */
#define END_OF_PAGES ((gpointer)&end_of_pages)
/* Pages the layout may run ahead of the drawing, which bounds the memory. */
#define PAGES_AHEAD 8

typedef struct {
    drawing *w;
    GAsyncQueue *todo; /* lay_frame* to draw, then END_OF_PAGES */
    GAsyncQueue *done; /* lay_frame* drawn (or given up after a failure), to free */
    GThread *thread;
    gint failed; /* atomic: a page could not be drawn */
} painter;

/* The drawing thread: draws every page but the last (one page behind, as
 * take_page does), then stops at END_OF_PAGES. */
static gpointer paint(gpointer data)
{
    painter *p = data;
    for (;;) {
        lay_frame *f = g_async_queue_pop(p->todo);
        if (f == END_OF_PAGES)
            return NULL;
        if (p->w->pending) {
            if (!g_atomic_int_get(&p->failed) && !draw_page(p->w, p->w->pending, NULL))
                g_atomic_int_set(&p->failed, 1);
            g_async_queue_push(p->done, p->w->pending);
        }
        p->w->pending = f;
    }
}

/* Frees the pages the drawing thread has finished with. */
static void free_drawn(painter *p, bool wait)
{
    lay_frame *f;
    if (wait)
        lay_frame_free(g_async_queue_pop(p->done));
    while ((f = g_async_queue_try_pop(p->done)))
        lay_frame_free(f);
}

/* The layout's page sink when a drawing thread draws. */
static bool hand_page(lay_frame *f, void *data)
{
    painter *p = data;
    free_drawn(p, false);
    while (g_async_queue_length(p->todo) > PAGES_AHEAD)
        free_drawn(p, true);
    g_async_queue_push(p->todo, f);
    return !g_atomic_int_get(&p->failed);
}

/* Waits for the drawing thread to draw everything but the last page. */
static bool painter_finish(painter *p)
{
    g_async_queue_push(p->todo, END_OF_PAGES);
    g_thread_join(p->thread);
    free_drawn(p, false);
    g_async_queue_unref(p->todo);
    g_async_queue_unref(p->done);
    return !g_atomic_int_get(&p->failed);
}

/* True when d has struck-out text (see above). */
static bool has_strikeout(const doc *d)
{
    for (guint i = 0; i < d->nodes->len; i++) {
        const doc_node *n = g_ptr_array_index(d->nodes, i);
        if (n && n->kind == DOC_STRIKE)
            return true;
    }
    return false;
}

/* Lays d out, drawing the pages as they come (on a second thread when it
 * can); the last page is left in w->pending. */
static lay_doc *lay_out_and_draw(const doc *d, const style *s, drawing *w)
{
    if (has_strikeout(d))
        return lay_layout_pages(d, s, take_page, w);
    painter p = {.w = w, .todo = g_async_queue_new(), .done = g_async_queue_new()};
    p.thread = g_thread_new("folio-draw", paint, &p);
    lay_doc *ld = lay_layout_pages(d, s, hand_page, &p);
    if (!painter_finish(&p))
        w->ok = false;
    if (!w->ok) {
        lay_doc_free(ld);
        return NULL;
    }
    return ld;
}

bool pdf_emit(const doc *d, const style *s, const char *target, lay_doc **layout)
{
    return pdf_emit_checked(d, s, target, layout, NULL, NULL);
}

bool pdf_emit_checked(const doc *d, const style *s, const char *target, lay_doc **layout,
                      pdf_accept accept, void *data)
{
    bool ok = false;
    outfile *o = NULL;
    lay_doc *ld = NULL;
    GByteArray *bytes = g_byte_array_new();
    drawing w = {.seen = g_hash_table_new(NULL, NULL), .ok = true};
    tagger_init(&w.t, NULL); /* its cairo context comes below */
    o = out_open(target);
    if (!o)
        goto out;
    w.surf =
        cairo_pdf_surface_create_for_stream(write_stream, bytes, s->page_width, s->page_height);
    metadata(w.surf, d);
    w.cr = cairo_create(w.surf);
    w.t.cr = w.cr;
    cairo_set_line_cap(w.cr, CAIRO_LINE_CAP_BUTT);
    ld = lay_out_and_draw(d, s, &w);
    if (!ld || (accept && !accept(ld, data)) || !w.pending || !draw_page(&w, w.pending, ld))
        goto out;
    cairo_destroy(w.cr);
    w.cr = NULL;
    cairo_surface_finish(w.surf);
    cairo_status_t st = cairo_surface_status(w.surf);
    if (st != CAIRO_STATUS_SUCCESS) {
        diag_error(target, 0, 0, "cannot write the PDF: %s", cairo_status_to_string(st));
        goto out;
    }
    pdf_update(bytes, d->meta.lang && *d->meta.lang ? d->meta.lang : "en-GB", w.t.alts);
    if (fwrite(bytes->data, 1, bytes->len, out_stream(o)) != bytes->len) {
        diag_error(target, 0, 0, "cannot write the PDF: %s", g_strerror(errno));
        goto out;
    }
    ok = out_commit(o);
    o = NULL;
    if (ok && layout) {
        *layout = ld;
        ld = NULL;
    }
out:
    lay_frame_free(w.pending);
    if (w.cr)
        cairo_destroy(w.cr);
    if (w.surf)
        cairo_surface_destroy(w.surf);
    out_abort(o);
    lay_doc_free(ld);
    g_byte_array_unref(bytes);
    g_hash_table_destroy(w.seen);
    tagger_clear(&w.t);
    return ok;
}
