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
 * The tagged structure: every item names the element it belongs to (the
 * layout's lay_tag: H1..H6, P, L > LI > Lbl + LBody, Table > TR > TH/TD,
 * Figure, Caption, BlockQuote, Code, Note); the writer opens and closes cairo
 * structure tags as the items go by, so each element is one tag on its page.
 * What cairo 1.16 cannot do, and how this file works around it:
 *   - an element cannot span pages (see above): an element that does (a
 *     paragraph broken across a page, a long list or table) becomes one
 *     element per page, under that page's Div;
 *   - cairo marks content only in elements without child elements (it writes
 *     a parent's children and drops its own marked content); so the text of an
 *     element that also holds a link or an inline image goes into Span
 *     children, and links are Link elements that hold only their annotation;
 *   - it has no artifacts: page furniture, rules and backgrounds are drawn
 *     outside every element that holds content, so nothing reaches them from
 *     the structure tree (a reader skips them, as it would an artifact);
 *   - it writes no attributes on structure elements and no document
 *     language: the Figures' /Alt and the catalog's /Lang are added after
 *     cairo has finished, as an incremental update (new versions of those
 *     objects appended with their own cross-reference section; cairo's bytes
 *     are left as they are). */
#include "../base/terms.h"
#include "emit.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../layout/layout.h"
#include "draw.h"

#define PAGE_TAG "Div" /* the structure element around each page (see above) */

/* cairo writes into memory; the update is appended before the file is written. */
static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* ---- the structure: cairo tags opened and closed around the items ---- */

/* The element that holds the text of an element with child elements. */
static const lay_tag span_tag = {"Span", NULL, NULL, false};

typedef struct {
    cairo_t *cr;
    GPtrArray *open;     /* const lay_tag*: open on this page, outermost first */
    GPtrArray *want;     /* scratch: the elements the next item goes in */
    GHashTable *parents; /* elements with child elements on this page */
    GPtrArray *alts;     /* const char*: each Figure's alternative text, in the order opened */
} tagger;

/* Notes which elements on page f have child elements. */
static void tagger_page(tagger *t, const lay_frame *f)
{
    g_hash_table_remove_all(t->parents);
    for (guint i = 0; i < f->items->len; i++) {
        const lay_item *it = &g_array_index(f->items, lay_item, i);
        const lay_tag *up =
            it->tag ? (it->kind == LAY_ITEM_LINK ? it->tag : it->tag->parent) : NULL;
        for (; up && !g_hash_table_contains(t->parents, up); up = up->parent)
            g_hash_table_add(t->parents, (gpointer)up);
    }
}

/* Opens and closes tags until exactly t->want is open. */
static void tagger_sync(tagger *t)
{
    guint k = 0;
    while (k < t->open->len && k < t->want->len && t->open->pdata[k] == t->want->pdata[k])
        k++;
    while (t->open->len > k) {
        const lay_tag *x = g_ptr_array_steal_index(t->open, t->open->len - 1);
        cairo_tag_end(t->cr, x->role);
    }
    for (; k < t->want->len; k++) {
        const lay_tag *x = t->want->pdata[k];
        cairo_tag_begin(t->cr, x->role, "");
        if (strcmp(x->role, "Figure") == 0)
            g_ptr_array_add(t->alts, (gpointer)(x->alt ? x->alt : ""));
        g_ptr_array_add(t->open, (gpointer)x);
    }
}

/* Makes t->want the chain of elements down to tag. */
static void tagger_chain(tagger *t, const lay_tag *tag)
{
    g_ptr_array_set_size(t->want, 0);
    for (const lay_tag *x = tag; x; x = x->parent)
        g_ptr_array_add(t->want, (gpointer)x);
    for (guint a = 0, z = t->want->len; a + 1 < z; a++, z--) {
        gpointer tmp = t->want->pdata[a];
        t->want->pdata[a] = t->want->pdata[z - 1];
        t->want->pdata[z - 1] = tmp;
    }
}

/* Opens the elements item it is drawn in (see the file comment). */
static void tagger_item(tagger *t, const lay_item *it)
{
    if (it->kind == LAY_ITEM_DEST)
        return;
    if (it->kind == LAY_ITEM_LINK) { /* the Link element itself is opened by draw_item */
        tagger_chain(t, it->tag);
    } else if (it->tag) {
        tagger_chain(t, it->tag);
        if (g_hash_table_contains(t->parents, it->tag))
            g_ptr_array_add(t->want, (gpointer)&span_tag);
    } else { /* an artifact: outside every element that holds content */
        g_ptr_array_set_size(t->want, 0);
        for (guint k = 0; k < t->open->len && ((const lay_tag *)t->open->pdata[k])->group; k++)
            g_ptr_array_add(t->want, t->open->pdata[k]);
    }
    tagger_sync(t);
}

static void tagger_close_all(tagger *t)
{
    g_ptr_array_set_size(t->want, 0);
    tagger_sync(t);
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

/* ---- the incremental update: /Lang and the Figures' /Alt ---- */

/* cairo's file, and where its objects start (by number, from its xref table). */
typedef struct {
    GByteArray *bytes;
    GArray *offsets; /* size_t */
} pdf_file;

/* Reads the classic cross-reference table at offset xref ("xref\n0 N\n" and
 * N entries of 20 bytes); false if it is not there. */
static bool read_xref(pdf_file *pdf, long xref)
{
    const char *s = (const char *)pdf->bytes->data, *end = s + pdf->bytes->len;
    if (xref <= 0 || (size_t)xref + 5 >= pdf->bytes->len || memcmp(s + xref, "xref\n0 ", 7) != 0)
        return false;
    char *p;
    long n = strtol(s + xref + 7, &p, 10);
    if (n <= 0 || *p != '\n' || p + 1 + n * 20 > end)
        return false;
    p++;
    g_array_set_size(pdf->offsets, (guint)n);
    for (long i = 0; i < n; i++, p += 20)
        g_array_index(pdf->offsets, size_t, i) = (size_t)strtoull(p, NULL, 10);
    return true;
}

/* The integer after key in [p, end), or -1. */
static long dict_int(const char *p, const char *end, const char *key)
{
    size_t n = strlen(key);
    for (; p + n < end; p++)
        if (memcmp(p, key, n) == 0 && (p[n] == ' ' || p[n] == '\n'))
            return strtol(p + n + 1, NULL, 10);
    return -1;
}

/* Object number's body (between "N 0 obj\n" and "endobj"), or false; found
 * through cairo's cross-reference table. */
static bool object_body(const pdf_file *pdf, long number, const char **body, size_t *len)
{
    char head[40];
    int hn = g_snprintf(head, sizeof head, "%ld 0 obj\n", number);
    const char *s = (const char *)pdf->bytes->data, *end = s + pdf->bytes->len;
    if (number <= 0 || number >= (long)pdf->offsets->len)
        return false;
    size_t at = g_array_index(pdf->offsets, size_t, number);
    const char *p = s + at;
    if (at + (size_t)hn > pdf->bytes->len || memcmp(p, head, (size_t)hn) != 0)
        return false;
    p += hn;
    const char *e = memmem(p, (size_t)(end - p), "endobj", 6);
    if (!e)
        return false;
    *body = p;
    *len = (size_t)(e - p);
    return true;
}

/* A PDF text string: UTF-16BE with its byte order mark, in hex. */
static void pdf_text_string(GString *out, const char *utf8)
{
    glong n = 0;
    gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
    g_string_append(out, "<FEFF");
    for (glong i = 0; u && i < n; i++)
        g_string_append_printf(out, "%04X", u[i]);
    g_string_append_c(out, '>');
    g_free(u);
}

typedef struct {
    long number;
    size_t offset;
} new_object;

/* Appends object number with body (its text up to "endobj") to pdf. */
static void append_object(pdf_file *pdf, GArray *objs, long number, const char *body)
{
    new_object o = {number, pdf->bytes->len};
    g_array_append_val(objs, o);
    char *s = g_strdup_printf("%ld 0 obj\n%sendobj\n", number, body);
    g_byte_array_append(pdf->bytes, (const guint8 *)s, (guint)strlen(s));
    g_free(s);
}

/* Object number's body with extra inserted after its first at bytes; NULL if
 * there is no such object. Caller frees. */
static char *body_insert(const pdf_file *pdf, long number, size_t at, const char *extra)
{
    const char *body;
    size_t len;
    if (!object_body(pdf, number, &body, &len) || len < at)
        return NULL;
    return g_strdup_printf("%.*s%s%.*s", (int)at, body, extra, (int)(len - at), body + at);
}

/* Object number's body with its first from replaced by to; NULL if absent. */
static char *body_replace(const pdf_file *pdf, long number, const char *from, const char *to)
{
    const char *body;
    size_t len;
    if (!object_body(pdf, number, &body, &len))
        return NULL;
    const char *p = memmem(body, len, from, strlen(from));
    if (!p)
        return NULL;
    size_t a = (size_t)(p - body), b = a + strlen(from);
    return g_strdup_printf("%.*s%s%.*s", (int)a, body, to, (int)(len - b), body + b);
}

/* cairo's structure tree root holds one Div per page; a Document element
 * between them makes the tree one document (as PDF/UA asks). */
static void add_document_element(pdf_file *pdf, GArray *objs, long root, long *size)
{
    const char *body;
    size_t len;
    if (!object_body(pdf, root, &body, &len))
        return;
    long tree = dict_int(body, body + len, "/StructTreeRoot");
    if (tree <= 0 || !object_body(pdf, tree, &body, &len))
        return;
    const char *k = memmem(body, len, "/K [", 4);
    const char *end = k ? memchr(k, ']', len - (size_t)(k - body)) : NULL;
    if (!k || !end)
        return;
    long doc_number = (*size)++;
    char *kids = g_strndup(k + 4, (size_t)(end - k - 4));
    GString *t = g_string_new(NULL); /* the root, with the Document for its only child */
    g_string_append_len(t, body, k - body);
    g_string_append_printf(t, "/K [ %ld 0 R ]", doc_number);
    g_string_append_len(t, end + 1, (gssize)(len - (size_t)(end + 1 - body)));
    char *d = g_strdup_printf(
        "<< /Type /StructElem\n   /S /Document\n   /P %ld 0 R\n   /K [%s]\n>>\n", tree, kids);
    append_object(pdf, objs, doc_number, d);
    char *from = g_strdup_printf("/P %ld 0 R", tree),
         *to = g_strdup_printf("/P %ld 0 R", doc_number);
    char *p = kids, *e;
    for (long n, gen; (n = strtol(p, &e, 10)) > 0 && e != p; p = e) { /* "N 0 R" each */
        p = e;
        gen = strtol(p, &e, 10);
        if (e == p || gen != 0)
            break;
        while (*e == ' ')
            e++;
        if (*e != 'R')
            break;
        e++;
        char *div =
            body_replace(pdf, n, from, to); /* each page's Div: the Document is its parent */
        if (div)
            append_object(pdf, objs, n, div);
        g_free(div);
    }
    append_object(pdf, objs, tree, t->str);
    g_string_free(t, TRUE);
    g_free(d);
    g_free(from);
    g_free(to);
    g_free(kids);
}

static gint cmp_object(gconstpointer a, gconstpointer b)
{
    long x = ((const new_object *)a)->number, y = ((const new_object *)b)->number;
    return (x > y) - (x < y);
}

/* Appends the update to cairo's file. Leaves the file as it is when it does
 * not have the shape cairo 1.16 writes (a classic trailer). */
static void pdf_update(GByteArray *bytes, const char *lang, const GPtrArray *alts)
{
    pdf_file file = {bytes, g_array_new(FALSE, FALSE, sizeof(size_t))}, *pdf = &file;
    const char *s = (const char *)pdf->bytes->data;
    const char *trailer = mem_find_last(s, pdf->bytes->len, "\ntrailer\n");
    const char *sx = mem_find_last(s, pdf->bytes->len, "\nstartxref\n");
    if (!trailer || !sx || sx < trailer)
        return;
    long size = dict_int(trailer, sx, "/Size"), root = dict_int(trailer, sx, "/Root");
    long info = dict_int(trailer, sx, "/Info"), prev = strtol(sx + 11, NULL, 10);
    if (size <= 0 || root <= 0 || !read_xref(pdf, prev)) {
        g_array_free(file.offsets, TRUE);
        return;
    }
    GArray *objs = g_array_new(FALSE, FALSE, sizeof(new_object));
    /* the Figures, in the order cairo wrote them: the order they were opened */
    static const char fig[] = "<< /Type /StructElem\n   /S /Figure\n";
    GArray *found = g_array_new(FALSE, FALSE, sizeof(long));
    for (const char *p = s; (p = memmem(p, pdf->bytes->len - (size_t)(p - s), fig, sizeof fig - 1));
         p++) {
        const char *q = p;
        while (q > s && q[-1] != '\n') /* "N 0 obj" is the line before */
            q--;
        const char *line = q > s ? q - 1 : s;
        while (line > s && line[-1] != '\n')
            line--;
        long n = strtol(line, NULL, 10);
        g_array_append_val(found, n);
    }
    if (found->len == alts->len) {
        for (guint i = 0; i < found->len; i++) {
            const char *alt = alts->pdata[i];
            long n = g_array_index(found, long, i);
            if (!*alt)
                continue;
            GString *extra = g_string_new("   /Alt ");
            pdf_text_string(extra, alt);
            g_string_append_c(extra, '\n');
            char *update = body_insert(pdf, n, sizeof fig - 1, extra->str);
            if (update)
                append_object(pdf, objs, n, update);
            g_free(update);
            g_string_free(extra, TRUE);
        }
    }
    g_array_free(found, TRUE);
    const char *body;
    size_t len;
    bool lang_ok = lang && *lang;
    for (const char *p = lang; p && *p; p++)
        lang_ok = lang_ok && (g_ascii_isalnum(*p) || *p == '-');
    if (lang_ok && object_body(pdf, root, &body, &len) && len > 3 && memcmp(body, "<< ", 3) == 0) {
        char *extra = g_strdup_printf(
            "/Lang (%s)\n   /ViewerPreferences << /DisplayDocTitle true >>\n   ", lang);
        char *update = body_insert(pdf, root, 3, extra);
        append_object(pdf, objs, root, update);
        g_free(update);
        g_free(extra);
    }
    add_document_element(pdf, objs, root, &size);
    if (objs->len) {
        g_array_sort(objs, cmp_object);
        GString *x = g_string_new(NULL);
        size_t xref = pdf->bytes->len;
        g_string_append(x, "xref\n");
        for (guint i = 0; i < objs->len; i++) {
            const new_object *o = &g_array_index(objs, new_object, i);
            g_string_append_printf(x, "%ld 1\n%010zu 00000 n \n", o->number, o->offset);
        }
        g_string_append_printf(x, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", size, root);
        if (info > 0)
            g_string_append_printf(x, "   /Info %ld 0 R\n", info);
        g_string_append_printf(x, "   /Prev %ld\n>>\nstartxref\n%zu\n%%%%EOF\n", prev, xref);
        g_byte_array_append(pdf->bytes, (const guint8 *)x->str, (guint)x->len);
        g_string_free(x, TRUE);
    }
    g_array_free(objs, TRUE);
    g_array_free(file.offsets, TRUE);
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
    drawing w = {.seen = g_hash_table_new(NULL, NULL),
                 .t = {.open = g_ptr_array_new(),
                       .want = g_ptr_array_new(),
                       .parents = g_hash_table_new(NULL, NULL),
                       .alts = g_ptr_array_new()},
                 .ok = true};
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
    g_ptr_array_free(w.t.open, TRUE);
    g_ptr_array_free(w.t.want, TRUE);
    g_hash_table_destroy(w.t.parents);
    g_ptr_array_free(w.t.alts, TRUE);
    return ok;
}
