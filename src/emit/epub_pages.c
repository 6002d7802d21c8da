/* epub_pages.c: the print page map in the EPUB (EPUB 3.3 section 7.4.3, the
 * page-list nav; DPUB-ARIA doc-pagebreak markers). The PDF layout records
 * where each page begins (d->page_starts); here each page is placed on a text
 * node and an offset, and on the content file that holds it, so xhtml.c can
 * write an empty pagebreak span at exactly that point and the nav can list
 * every page. */
#include "epub.h"

/* The first DOC_TEXT at or after n in reading order within its tree (n
 * itself, a descendant, or a later node), or NULL. */
static const doc_node *text_at_or_after(const doc_node *n)
{
    for (const doc_node *c = n; c;) {
        if (c->kind == DOC_TEXT && c->text && *c->text)
            return c;
        if (c->first && doc_kind_is_container(c->kind)) {
            c = c->first;
            continue;
        }
        while (c && !c->next)
            c = c->parent;
        c = c ? c->next : NULL;
    }
    return NULL;
}

/* The content file holding n: a top-level block's file, a note's file, or
 * the title page for the abstract. */
static unsigned file_of(const epub_plan *p, GHashTable *top_file, const doc_node *n)
{
    const doc_node *c = n;
    while (c->parent && c->parent->kind != DOC_DOCUMENT)
        c = c->parent;
    if (c->kind == DOC_FOOTNOTE_DEF)
        return c->u.note.number ? p->note_file[c->u.note.number] : EPUB_NO_FILE;
    if (c->parent && c->parent == p->d->meta.abstract)
        return EPUB_FILE_TITLE;
    if (c->kind == DOC_FOOTNOTE_DEF || !c->parent)
        return EPUB_NO_FILE;
    gpointer f = g_hash_table_lookup(top_file, c);
    return f ? GPOINTER_TO_UINT(f) - 1 : EPUB_NO_FILE;
}

/* The page_marks key (node id + 1) of the marks that open the nav document. */
#define NAV_KEY G_MAXUINT

static void free_marks(gpointer a)
{
    g_array_free(a, TRUE);
}

void epub_pages_plan(epub_plan *p)
{
    const doc *d = p->d;
    p->page_marks = g_hash_table_new_full(NULL, NULL, NULL, free_marks);
    if (!d->page_starts || d->n_pages == 0)
        return;
    GHashTable *top_file = g_hash_table_new(NULL, NULL);
    for (guint i = 1; i < p->files->len; i++) {
        const epub_file *f = p->files->pdata[i];
        for (doc_node *c = f->first; c; c = c->next) {
            g_hash_table_insert(top_file, c, GUINT_TO_POINTER(i + 1));
            if (c == f->last)
                break;
        }
    }
    p->page_file = ARENA_ARRAY(p->a, unsigned, d->n_pages);
    for (size_t i = 0; i < d->n_pages; i++) {
        unsigned page = (unsigned)i + p->first_page;
        doc_pos pos = d->page_starts[i];
        p->page_file[i] = EPUB_NO_FILE;
        if (pos.node == 0 && pos.offset == DOC_POS_GENERATED) { /* contents, lists */
            p->page_file[i] = EPUB_FILE_NAV;
            pos.node = NAV_KEY - 1;
            pos.offset = 0;
        } else if (pos.node == 0 || pos.node >= d->nodes->len) { /* the title page */
            p->page_file[i] = EPUB_FILE_TITLE;
            pos.node = 0;
            pos.offset = 0;
        } else {
            const doc_node *n = d->nodes->pdata[pos.node];
            const doc_node *t = text_at_or_after(n);
            if (!t)
                continue;
            if (t != n)
                pos.offset = 0;
            if (pos.offset > strlen(t->text))
                pos.offset = (unsigned)strlen(t->text);
            pos.node = t->id;
            p->page_file[i] = file_of(p, top_file, t);
            if (p->page_file[i] == EPUB_NO_FILE)
                continue;
        }
        gpointer key = GUINT_TO_POINTER(pos.node + 1);
        GArray *marks = g_hash_table_lookup(p->page_marks, key);
        if (!marks) {
            marks = g_array_new(FALSE, FALSE, sizeof(epub_page_mark));
            g_hash_table_insert(p->page_marks, key, marks);
        }
        epub_page_mark m = {pos.offset, page};
        g_array_append_val(marks, m);
    }
    p->n_pages = d->n_pages;
    g_hash_table_destroy(top_file);
}

const GArray *epub_pages_in(const epub_plan *p, unsigned node_id)
{
    return p->page_marks ? g_hash_table_lookup(p->page_marks, GUINT_TO_POINTER(node_id + 1)) : NULL;
}

const GArray *epub_pages_in_nav(const epub_plan *p)
{
    return p->page_marks ? g_hash_table_lookup(p->page_marks, GUINT_TO_POINTER(NAV_KEY)) : NULL;
}
