/* layout.c: one layout run, from document and style to pages.
 *
 * The run sets up the fonts, collects the ids links may point to, builds the
 * body's vertical list (title block, then the blocks), then each placed
 * footnote's own list (after the body, so the body decides which references
 * place their notes; a note first referenced inside another note is placed
 * by that one, and goes on the same page), breaks the body into pages with
 * the notes at their feet and finally drops links whose destination never
 * reached a page. The pages are made as the body is laid out (flow.c), and
 * may be handed one by one to a sink instead of being kept. */
#include "internal.h"

static void note_list(lay_ctx *c, unsigned number)
{
    const doc_node *def = c->d->notes[number - 1];
    const lay_tag *note = lay_tag_group(c->arena, "Note", NULL);
    lay_builder b;
    lb_init(&b);
    double asc, desc;
    lay_font_extents(c->fonts, c->s->body_font, c->s->note_size, false, false, &asc, &desc);
    double base = lay_baseline(c->m.note_leading, asc, desc);
    /* the number hangs in the indent and links back to the reference */
    lay_inline in;
    lay_inline_init(&in);
    char num[16];
    g_snprintf(num, sizeof num, "%u", number);
    lay_inline_text(&in, num, -1, -1, c->s->link_color);
    lay_font f = {c->s->body_font, c->s->note_size, false, false, c->s->text_color};
    double natural, minimum;
    lay_measure(c, &in, &f, &natural, &minimum);
    double x = c->m.note_indent - c->m.marker_gap - natural;
    lay_para p = {.font = f,
                  .leading = c->m.note_leading,
                  .x = x,
                  .width = -1,
                  .align = PANGO_ALIGN_LEFT,
                  .wrap = PANGO_WRAP_WORD,
                  .tag = lay_tag_new(c->arena, "Lbl", note)};
    GPtrArray *lines = lay_lines(c, &in, &p);
    lay_box *marker = g_ptr_array_index(lines, 0);
    lines->pdata[0] = NULL;
    g_ptr_array_free(lines, TRUE);
    lay_item back = {.kind = LAY_ITEM_LINK,
                     .x = x,
                     .y = base - asc,
                     .w = natural,
                     .h = asc + desc,
                     .name = arena_printf(c->arena, "fnref%u", number),
                     .internal = true,
                     .tag = p.tag};
    lay_box_add(marker, &back);
    lay_inline_clear(&in);
    lb_marker(&b, marker);
    lb_dest(&b, arena_printf(c->arena, "fn%u", number));
    lay_env env = {c->s->body_font,  c->s->note_size, c->m.note_leading,
                   c->s->text_color, c->s->justify,   c->m.note_indent,
                   c->m.text_width,  false,           note};
    lay_blocks(c, &b, def, &env);
    if (lb_has_markers(&b)) /* a note without text still shows its number */
        lb_box(&b, lay_box_new(c->m.note_leading, base), 0);
    c->notes[number] = b.v;
    b.v = g_array_new(FALSE, TRUE, sizeof(lay_vitem));
    lb_clear(&b);
}

/* Drops internal links whose destination is on no page. */
static void drop_dangling_links(lay_doc *ld)
{
    for (guint p = 0; p < ld->pages->len; p++) {
        lay_frame *f = g_ptr_array_index(ld->pages, p);
        guint keep = 0;
        for (guint i = 0; i < f->items->len; i++) {
            lay_item *it = &g_array_index(f->items, lay_item, i);
            if (it->kind == LAY_ITEM_LINK && it->internal &&
                !g_hash_table_contains(ld->dests, it->name)) {
                lay_item_clear(it);
                continue;
            }
            g_array_index(f->items, lay_item, keep++) = *it;
        }
        g_array_set_size(f->items, keep);
    }
}

void lay_notes_catch_up(lay_ctx *c)
{
    bool in_body = c->in_body;
    c->in_body = false;
    c->in_note = true;
    /* notes may place other notes (of any number): go round until none is new */
    for (bool more = true; more;) {
        more = false;
        for (unsigned n = 1; n <= c->d->n_notes; n++)
            if (c->note_placed[n] && c->d->notes[n - 1] && !c->note_built[n]) {
                c->note_built[n] = true;
                note_list(c, n);
                more = true;
            }
    }
    c->in_note = false;
    c->in_body = in_body;
}

static void feed(void *data)
{
    lay_ctx *c = data;
    lay_flow_feed(c->flow, false);
}

/* Page 1 begins with the document (the title); a page without body text
 * (an image, a table without text) begins where the next text begins, or,
 * at the end, where the page before it began. A page that begins inside the
 * contents or the lists keeps {0, DOC_POS_GENERATED}. */
static void fill_page_starts(GArray *starts)
{
    if (starts->len == 0)
        return;
    doc_pos *p = (doc_pos *)(void *)starts->data;
    p[0] = (doc_pos){0, 0};
    doc_pos next = {0, 0};
    for (guint i = starts->len; i-- > 1;) {
        if (p[i].node || p[i].offset == DOC_POS_GENERATED)
            next = p[i];
        else
            p[i] = next;
    }
    for (guint i = 1; i < starts->len; i++)
        if (!p[i].node && p[i].offset != DOC_POS_GENERATED)
            p[i] = p[i - 1];
}

lay_doc *lay_doc_new(void)
{
    lay_doc *ld = g_new0(lay_doc, 1);
    ld->arena = arena_new();
    ld->pages = g_ptr_array_new_with_free_func((GDestroyNotify)lay_frame_free);
    ld->outline = g_array_new(FALSE, FALSE, sizeof(lay_outline_entry));
    ld->dests = g_hash_table_new(g_str_hash, g_str_equal);
    ld->page_starts = g_array_new(FALSE, TRUE, sizeof(doc_pos));
    return ld;
}

lay_doc *lay_layout(const doc *d, const style *s)
{
    return lay_layout_pages(d, s, NULL, NULL);
}

lay_doc *lay_layout_pages(const doc *d, const style *s, lay_page_sink sink, void *data)
{
    lay_doc *ld = lay_doc_new();
    lay_ctx c = {.d = d,
                 .s = s,
                 .arena = ld->arena,
                 .out = ld,
                 .outline = ld->outline,
                 .sink = sink,
                 .sink_data = data};
    lay_builder b;
    lb_init(&b);
    bool ok = false;

    char *probe = fonts_file_lookup(s->body_font, false, false);
    if (!probe) {
        char *dir = folio_home_path("fonts");
        diag_error(dir, 0, 0, "no fonts found; run 'make' to copy them into this directory");
        g_free(dir);
        goto out;
    }
    g_free(probe);
    ld->fonts = lay_fonts_new(d->meta.lang);
    if (!ld->fonts) {
        diag_error(d->path, 0, 0, "cannot create a FreeType font map for the PDF layout");
        goto out;
    }
    c.fonts = ld->fonts;
    lay_metrics_init(&c.m, s);
    c.hyph = lay_hyph_load(d, s, &c.m);
    c.ids = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < d->nodes->len; i++) {
        const doc_node *n = g_ptr_array_index(d->nodes, i);
        if (n->attr && n->attr->id && *n->attr->id && !g_hash_table_contains(c.ids, n->attr->id))
            g_hash_table_insert(c.ids, (gpointer)n->attr->id, (gpointer)n);
    }
    c.images =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)lay_image_unref);
    c.furniture =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)lay_box_free);
    c.furniture_widths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    c.note_placed = g_new0(bool, d->n_notes + 1);
    c.note_built = g_new0(bool, d->n_notes + 1);
    c.notes = g_new0(GArray *, d->n_notes + 1);
    c.flow = lay_flow_new(&c, b.v);
    b.feed = feed;
    b.feed_data = &c;

    lay_title_block(&c, &b);
    lay_toc(&c, &b);
    lay_env env = {s->body_font,   s->body_size, c.m.body_leading,
                   s->text_color,  s->justify,   0,
                   c.m.text_width, true,         NULL};
    c.in_body = true;
    lay_blocks(&c, &b, d->root, &env);
    c.in_body = false;
    lay_flow_feed(c.flow, true);
    if (c.failed || c.stopped)
        goto out;
    if (!sink)
        drop_dangling_links(ld);
    fill_page_starts(ld->page_starts);
    ok = true;
out:
    lay_flow_free(c.flow);
    lb_clear(&b);
    if (c.notes)
        for (unsigned n = 0; n <= d->n_notes; n++)
            lay_vlist_free(c.notes[n]);
    g_free(c.notes);
    g_free(c.note_placed);
    g_free(c.note_built);
    if (c.images)
        g_hash_table_destroy(c.images);
    if (c.ids)
        g_hash_table_destroy(c.ids);
    lay_hyph_free(c.hyph);
    if (c.furniture)
        g_hash_table_destroy(c.furniture);
    if (c.furniture_widths)
        g_hash_table_destroy(c.furniture_widths);
    if (!ok) {
        lay_doc_free(ld);
        ld = NULL;
    }
    return ld;
}

void lay_doc_free(lay_doc *ld)
{
    if (!ld)
        return;
    g_ptr_array_free(ld->pages, TRUE);
    g_array_free(ld->outline, TRUE);
    g_hash_table_destroy(ld->dests);
    g_array_free(ld->page_starts, TRUE);
    lay_fonts_free(ld->fonts);
    arena_free(ld->arena);
    g_free(ld);
}

unsigned *lay_node_pages(const lay_doc *ld, const doc *d)
{
    unsigned *pages = g_new0(unsigned, d->nodes->len + 1);
    char name[32];
    for (guint i = 0; i < d->nodes->len; i++) {
        const doc_node *n = g_ptr_array_index(d->nodes, i);
        if (!n)
            continue;
        if (n->attr && n->attr->id && *n->attr->id) {
            pages[n->id] = lay_dest_page(ld, n->attr->id);
        } else if (n->kind == DOC_HEADING || n->kind == DOC_FIGURE || n->kind == DOC_TABLE) {
            g_snprintf(name, sizeof name, "folio-%u", n->id);
            pages[n->id] = lay_dest_page(ld, name);
        }
    }
    return pages;
}

unsigned lay_dest_page(const lay_doc *ld, const char *name)
{
    return name ? GPOINTER_TO_UINT(g_hash_table_lookup(ld->dests, name)) : 0;
}
