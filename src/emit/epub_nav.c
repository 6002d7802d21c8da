/* epub_nav.c: the navigation of the EPUB, written twice from one outline:
 * the EPUB 3 navigation document (EPUB 3.3 section 7: a toc nav of nested
 * <ol>, and a hidden landmarks nav) and the NCX of EPUB 2 (OPF 2.0.1 section
 * 2.4.1) for older reading systems.
 *
 * The outline is every listed section heading down to the contents' depth
 * (toc-depth, as in the PDF); a book without one lists its
 * files instead, since both formats need at least one entry. Heading levels
 * become depths so that a skipped level (## after #, then ###) still nests
 * one step at a time, each list item holding at most one sublist. */
#include "epub.h"

typedef struct {
    int depth;        /* 0 for the outermost entries */
    const char *text; /* never empty */
    const char *number;
    const char *href; /* relative to EPUB/ */
} nav_entry;

/* Appends the listed headings of plan p to e, from depth base on. */
static void outline_headings(const epub_plan *p, GArray *e, int base, int *max_depth)
{
    int stack[6], top = 0;                                  /* levels of the open ancestors */
    int levels = doc_toc_depth(p->d, (int)p->s->toc_depth); /* as the PDF's contents */
    for (guint i = 0; i < p->headings->len; i++) {
        const epub_heading *h = &g_array_index(p->headings, epub_heading, i);
        if (!h->listed || h->level > levels)
            continue;
        while (top > 0 && stack[top - 1] >= h->level)
            top--;
        nav_entry n = {base + top, h->text, h->number, epub_href(p, EPUB_NO_FILE, h->file, h->id)};
        g_array_append_val(e, n);
        if (top < (int)G_N_ELEMENTS(stack))
            stack[top++] = h->level;
        if (n.depth + 1 > *max_depth)
            *max_depth = n.depth + 1;
    }
}

/* The outline as entries with depths; free with g_array_free. A pack's
 * publications follow its own headings, each a part: its title, linked to
 * its title page, over its headings. */
static GArray *outline(const epub_plan *p, int *max_depth)
{
    GArray *e = g_array_new(FALSE, TRUE, sizeof(nav_entry));
    *max_depth = 0;
    outline_headings(p, e, 0, max_depth);
    for (guint k = 0; p->parts && k < p->parts->len; k++) {
        const epub_plan *part = p->parts->pdata[k];
        const epub_file *title = part->files->pdata[EPUB_FILE_TITLE];
        nav_entry n = {0, part->title, NULL, title->href};
        g_array_append_val(e, n);
        *max_depth = MAX(*max_depth, 1);
        outline_headings(part, e, 1, max_depth);
    }
    if (e->len == 0) {
        for (guint i = 0; i < p->files->len; i++) {
            const epub_file *f = p->files->pdata[i];
            nav_entry n = {0, i == EPUB_FILE_TITLE ? term_text(p->lang, TERM_TITLE_PAGE) : f->title,
                           NULL, f->href};
            g_array_append_val(e, n);
        }
        *max_depth = 1;
    }
    return e;
}

static void nav_link(xmlTextWriterPtr w, const nav_entry *e)
{
    xhtml_start(w, "a");
    xhtml_attr(w, "href", e->href);
    if (e->number) {
        xhtml_start(w, "span");
        xhtml_attr(w, "class", "secnum");
        xhtml_text(w, e->number);
        xhtml_end(w);
        xhtml_text(w, " ");
    }
    xhtml_text(w, e->text);
    xhtml_end(w);
}

/* The nested lists of the toc nav; shown in the reading order only when the
 * print edition has a contents page (toc: true), so the two read alike. */
static void nav_toc(const epub_plan *p, xmlTextWriterPtr w)
{
    int max_depth;
    GArray *entries = outline(p, &max_depth);
    xhtml_start(w, "nav");
    xhtml_attr(w, "id", "toc");
    xhtml_attr(w, "epub:type", "toc");
    xhtml_attr(w, "role", "doc-toc");
    if (!doc_meta_flag(p->d, "toc")) /* the reader's menu only: no contents in print */
        xhtml_attr(w, "hidden", "hidden");
    xhtml_text(w, "\n");
    xhtml_element(w, "h1", term_text(p->lang, TERM_CONTENTS));
    xhtml_text(w, "\n");
    int cur = -1; /* depth of the open <li> */
    for (guint i = 0; i < entries->len; i++) {
        const nav_entry *e = &g_array_index(entries, nav_entry, i);
        if (e->depth > cur) {
            xhtml_start(w, "ol"); /* depth is cur + 1: it nests in the open <li> */
            xhtml_text(w, "\n");
        } else {
            xhtml_end(w); /* li */
            xhtml_text(w, "\n");
            for (; cur > e->depth; cur--) {
                xhtml_end(w); /* ol */
                xhtml_end(w); /* li */
                xhtml_text(w, "\n");
            }
        }
        cur = e->depth;
        xhtml_start(w, "li");
        nav_link(w, e);
    }
    for (; cur >= 0; cur--) {
        xhtml_end(w); /* li */
        xhtml_end(w); /* ol */
        xhtml_text(w, "\n");
    }
    xhtml_end(w); /* nav */
    xhtml_text(w, "\n");
    g_array_free(entries, TRUE);
}

/* ---- lists of figures and tables (front matter lof, lot) ------------------------ */

/* A nav of epub:type `type` (loi or lot) listing every numbered figure or
 * table with a caption, linked to it; nothing when there is none. */
static void nav_list_of(const epub_plan *p, xmlTextWriterPtr w, doc_kind kind, const char *type,
                        term_id title, term_id name)
{
    bool any = false;
    for (guint i = 1; i < p->files->len; i++) {
        const epub_file *f = p->files->pdata[i];
        for (doc_node *top = f->first; top; top = top->next) {
            doc_iter it = doc_iter_start(top);
            doc_event ev;
            while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE) {
                const doc_node *n = it.node;
                const doc_node *cap =
                    ev == DOC_EVENT_ENTER ? doc_numbered_caption(p->d, n, kind) : NULL;
                if (!cap)
                    continue;
                if (!any) {
                    xhtml_start(w, "nav");
                    xhtml_attr(w, "id", type);
                    xhtml_attr(w, "epub:type", type);
                    xhtml_text(w, "\n");
                    xhtml_element(w, "h2", term_text(p->lang, title));
                    xhtml_text(w, "\n");
                    xhtml_start(w, "ol");
                    xhtml_text(w, "\n");
                    any = true;
                }
                char *plain = g_strstrip(doc_plain_text(cap));
                char *text = g_strdup_printf("%s %s: %s", term_text(p->lang, name),
                                             doc_number(p->d, n), plain);
                xhtml_start(w, "li");
                xhtml_start(w, "a");
                xhtml_attr(w, "href", epub_href(p, EPUB_NO_FILE, i, epub_node_id(p, n)));
                xhtml_text(w, text);
                xhtml_end(w);
                xhtml_end(w);
                xhtml_text(w, "\n");
                g_free(text);
                g_free(plain);
            }
            if (top == f->last)
                break;
        }
    }
    if (any) {
        xhtml_end(w); /* ol */
        xhtml_text(w, "\n");
        xhtml_end(w); /* nav */
        xhtml_text(w, "\n");
    }
}

static void landmark(xmlTextWriterPtr w, const char *type, const char *href, const char *text)
{
    xhtml_start(w, "li");
    xhtml_start(w, "a");
    xhtml_attr(w, "epub:type", type);
    xhtml_attr(w, "href", href);
    xhtml_text(w, text);
    xhtml_end(w);
    xhtml_end(w);
    xhtml_text(w, "\n");
}

static void nav_landmarks(const epub_plan *p, xmlTextWriterPtr w)
{
    xhtml_start(w, "nav");
    xhtml_attr(w, "epub:type", "landmarks");
    xhtml_attr(w, "id", "landmarks");
    xhtml_attr(w, "hidden", "hidden");
    xhtml_text(w, "\n");
    xhtml_element(w, "h2", term_text(p->lang, TERM_LANDMARKS));
    xhtml_text(w, "\n");
    xhtml_start(w, "ol");
    xhtml_text(w, "\n");
    if (p->cover)
        landmark(w, "cover", EPUB_COVER_PAGE, term_text(p->lang, TERM_COVER));
    landmark(w, "titlepage", ((const epub_file *)p->files->pdata[EPUB_FILE_TITLE])->href,
             term_text(p->lang, TERM_TITLE_PAGE));
    landmark(w, "toc", EPUB_NAV "#toc", term_text(p->lang, TERM_CONTENTS));
    if (p->files->len > 1)
        landmark(w, "bodymatter", ((const epub_file *)p->files->pdata[1])->href,
                 term_text(p->lang, TERM_START));
    xhtml_end(w); /* ol */
    xhtml_text(w, "\n");
    xhtml_end(w); /* nav */
    xhtml_text(w, "\n");
}

/* The page-list entries of plan p's pages. */
static void page_list_items(const epub_plan *p, xmlTextWriterPtr w)
{
    for (size_t i = 0; i < p->n_pages; i++) {
        unsigned file = p->page_file[i];
        if (file == EPUB_NO_FILE)
            continue;
        const char *fhref = file == EPUB_FILE_NAV ? EPUB_NAV : ((const epub_file *)p->files->pdata[file])->href;
        char *href = g_strdup_printf("%s#page-%zu", fhref, i + p->first_page);
        char *label = g_strdup_printf("%zu", i + p->first_page);
        xhtml_start(w, "li");
        xhtml_start(w, "a");
        xhtml_attr(w, "href", href);
        xhtml_text(w, label);
        xhtml_end(w);
        xhtml_end(w);
        xhtml_text(w, "\n");
        g_free(href);
        g_free(label);
    }
}

/* The page-list nav: one entry per print page, linked to its marker (a
 * pack's publications after its own pages). */
static void nav_page_list(const epub_plan *p, xmlTextWriterPtr w)
{
    if (p->n_pages == 0)
        return;
    xhtml_start(w, "nav");
    xhtml_attr(w, "epub:type", "page-list");
    xhtml_attr(w, "role", "doc-pagelist");
    xhtml_attr(w, "id", "page-list");
    xhtml_attr(w, "hidden", "hidden");
    xhtml_text(w, "\n");
    xhtml_start(w, "ol");
    xhtml_text(w, "\n");
    page_list_items(p, w);
    for (guint k = 0; p->parts && k < p->parts->len; k++)
        page_list_items(p->parts->pdata[k], w);
    xhtml_end(w); /* ol */
    xhtml_text(w, "\n");
    xhtml_end(w); /* nav */
    xhtml_text(w, "\n");
}

GBytes *epub_nav_xhtml(const epub_plan *p)
{
    xmlBufferPtr buf;
    xmlTextWriterPtr w = xhtml_writer_new(&buf);
    xhtml_page_start(p, w, term_text(p->lang, TERM_CONTENTS));
    xhtml_start(w, "body");
    xhtml_attr(w, "epub:type", "frontmatter");
    xhtml_text(w, "\n");
    /* print pages that begin inside the contents or the lists: their
     * counterpart is this document */
    const GArray *marks = epub_pages_in_nav(p);
    for (guint i = 0; marks && i < marks->len; i++) {
        unsigned page = g_array_index(marks, epub_page_mark, i).page;
        char id[32], label[16];
        g_snprintf(id, sizeof id, "page-%u", page);
        g_snprintf(label, sizeof label, "%u", page);
        xhtml_start(w, "span");
        xhtml_attr(w, "epub:type", "pagebreak");
        xhtml_attr(w, "role", "doc-pagebreak");
        xhtml_attr(w, "id", id);
        xhtml_attr(w, "aria-label", label);
        xhtml_end_void(w);
        xhtml_text(w, "\n");
    }
    nav_toc(p, w);
    if (doc_meta_flag(p->d, "lof"))
        nav_list_of(p, w, DOC_FIGURE, "loi", TERM_LIST_OF_FIGURES, TERM_FIGURE);
    if (doc_meta_flag(p->d, "lot"))
        nav_list_of(p, w, DOC_TABLE, "lot", TERM_LIST_OF_TABLES, TERM_TABLE);
    nav_page_list(p, w);
    nav_landmarks(p, w);
    xhtml_page_end(w);
    return xhtml_writer_finish(w, buf);
}

/* ---- NCX ---------------------------------------------------------------------- */

static void ncx_meta(xmlTextWriterPtr w, const char *name, const char *content)
{
    xhtml_start(w, "meta");
    xhtml_attr(w, "name", name);
    xhtml_attr(w, "content", content);
    xhtml_end_void(w);
    xhtml_text(w, "\n");
}

static void ncx_text(xmlTextWriterPtr w, const char *element, const char *text)
{
    xhtml_start(w, element);
    xhtml_element(w, "text", text);
    xhtml_end(w);
    xhtml_text(w, "\n");
}

GBytes *epub_nav_ncx(const epub_plan *p)
{
    int max_depth;
    GArray *entries = outline(p, &max_depth);
    xmlBufferPtr buf;
    xmlTextWriterPtr w = xhtml_writer_new(&buf);
    xhtml_start(w, "ncx");
    xhtml_attr(w, "xmlns", EPUB_NS_NCX);
    xhtml_attr(w, "version", "2005-1");
    xhtml_attr(w, "xml:lang", p->lang);
    xhtml_text(w, "\n");
    xhtml_start(w, "head");
    xhtml_text(w, "\n");
    char depth[16];
    g_snprintf(depth, sizeof depth, "%d", max_depth);
    ncx_meta(w, "dtb:uid", p->identifier);
    ncx_meta(w, "dtb:depth", depth);
    ncx_meta(w, "dtb:totalPageCount", "0");
    ncx_meta(w, "dtb:maxPageNumber", "0");
    xhtml_end(w);
    xhtml_text(w, "\n");
    ncx_text(w, "docTitle", p->title);
    xhtml_start(w, "navMap");
    xhtml_text(w, "\n");
    int cur = -1; /* depth of the open navPoint */
    for (guint i = 0; i < entries->len; i++) {
        const nav_entry *e = &g_array_index(entries, nav_entry, i);
        for (; cur >= e->depth; cur--) {
            xhtml_end(w); /* navPoint */
            xhtml_text(w, "\n");
        }
        cur = e->depth;
        char id[32], order[16];
        g_snprintf(id, sizeof id, "navpoint-%u", i + 1);
        g_snprintf(order, sizeof order, "%u", i + 1);
        xhtml_start(w, "navPoint");
        xhtml_attr(w, "id", id);
        xhtml_attr(w, "playOrder", order);
        xhtml_text(w, "\n");
        char *label = e->number ? g_strconcat(e->number, " ", e->text, NULL) : g_strdup(e->text);
        ncx_text(w, "navLabel", label);
        g_free(label);
        xhtml_start(w, "content");
        xhtml_attr(w, "src", e->href);
        xhtml_end_void(w);
        xhtml_text(w, "\n");
    }
    for (; cur >= 0; cur--) {
        xhtml_end(w);
        xhtml_text(w, "\n");
    }
    xhtml_end(w); /* navMap */
    xhtml_text(w, "\n");
    g_array_free(entries, TRUE);
    return xhtml_writer_finish(w, buf);
}
