/* pdf_tags.c: the tagged structure of a PDF as cairo tags, opened and
 * closed around the items as a page is drawn (see pdf_tags.h), for a
 * document's PDF (pdf.c) and a pack's (pack/pack_pdf.c). */
#include "pdf_tags.h"

#include <string.h>

/* The element that holds the text of an element with child elements. */
static const lay_tag span_tag = {"Span", NULL, NULL, false};

void tagger_init(tagger *t, cairo_t *cr)
{
    *t = (tagger){.cr = cr,
                  .open = g_ptr_array_new(),
                  .want = g_ptr_array_new(),
                  .parents = g_hash_table_new(NULL, NULL),
                  .alts = g_ptr_array_new()};
}

void tagger_clear(tagger *t)
{
    g_ptr_array_free(t->open, TRUE);
    g_ptr_array_free(t->want, TRUE);
    g_hash_table_destroy(t->parents);
    g_ptr_array_free(t->alts, TRUE);
}

/* Notes which elements on page f have child elements. */
void tagger_page(tagger *t, const lay_frame *f)
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
void tagger_item(tagger *t, const lay_item *it)
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

void tagger_close_all(tagger *t)
{
    g_ptr_array_set_size(t->want, 0);
    tagger_sync(t);
}
