/* toc.c: the table of contents after the title block, when the front
 * matter says `toc: true` (levels down to `toc-depth`, else the style's toc-depth). Each
 * entry is the heading's number and text, dot leaders, and the page number
 * set flush right; the whole entry links to the heading. Page numbers come
 * from the previous layout (d->page_of): the driver lays out again until
 * they stop changing. */
#include "internal.h"

#define TOC_INDENT_EM 1.5 /* each level further in, in body-size ems */
#define TOC_GAP_EM 0.5    /* between the text, the leaders and the number */
#define TOC_RESERVE "000" /* room kept for the page number */
#define TOC_LEADER ". "

static bool toc_wanted(const lay_ctx *c, int *depth)
{
    if (!doc_meta_flag(c->d, "toc"))
        return false;
    *depth = doc_toc_depth(c->d, (int)c->s->toc_depth);
    return true;
}

static const char *toc_title(const char *lang)
{
    return term_text(lang, TERM_CONTENTS);
}

static double text_width(lay_ctx *c, const char *text, const lay_font *f)
{
    lay_inline in;
    lay_inline_init(&in);
    lay_inline_text(&in, text, -1, -1, -1);
    double natural, minimum;
    lay_measure(c, &in, f, &natural, &minimum);
    lay_inline_clear(&in);
    return natural;
}

/* One line of text set in [x, x + width] with alignment a, as a box. */
static lay_box *one_line(lay_ctx *c, const char *text, const lay_font *f, double leading, double x,
                         double width, PangoAlignment a, const lay_tag *tag)
{
    lay_inline in;
    lay_inline_init(&in);
    lay_inline_text(&in, text, -1, -1, -1);
    lay_para p = {.font = *f,
                  .leading = leading,
                  .x = x,
                  .width = width,
                  .align = a,
                  .wrap = PANGO_WRAP_WORD,
                  .tag = tag};
    GPtrArray *lines = lay_lines(c, &in, &p);
    lay_inline_clear(&in);
    lay_box *box = lines->len ? g_ptr_array_steal_index(lines, 0) : NULL;
    g_ptr_array_free(lines, TRUE);
    return box;
}

/* One entry of a contents-like list: label set `level` - 1 steps in, dot leaders, node n's page
 * number flush right, and the whole entry a link to n. Shared by the contents and the lists of
 * figures and tables. */
static void list_entry(lay_ctx *c, lay_builder *b, const doc_node *n, int level, bool bold,
                       const char *label, const lay_tag *tag)
{
    const style *s = c->s;
    double em = s->body_size;
    double indent = (level - 1) * TOC_INDENT_EM * em, gap = TOC_GAP_EM * em;
    double measure = c->m.text_width;
    lay_font f = {s->body_font, s->body_size, bold, false, s->text_color};
    unsigned page = c->d->page_of ? c->d->page_of[n->id] : 0;
    char num[16] = "";
    if (page)
        g_snprintf(num, sizeof num, "%u", page);
    double reserve = MAX(text_width(c, TOC_RESERVE, &f), text_width(c, num, &f));

    lay_inline in;
    lay_inline_init(&in);
    lay_inline_text(&in, label, -1, -1, -1);
    lay_para p = {.font = f,
                  .leading = c->m.body_leading,
                  .x = indent,
                  .width = MAX(measure - indent - reserve - 2 * gap, measure / 3),
                  .align = PANGO_ALIGN_LEFT,
                  .wrap = PANGO_WRAP_WORD,
                  .tag = tag};
    GPtrArray *lines = lay_lines(c, &in, &p);
    lay_inline_clear(&in);
    if (!lines->len) {
        g_ptr_array_free(lines, TRUE);
        return;
    }
    const char *dest = lay_node_dest(c, n);
    lay_box *last = g_ptr_array_index(lines, lines->len - 1);
    double end = indent;
    for (guint i = 0; i < last->items->len; i++) {
        const lay_item *it = &g_array_index(last->items, lay_item, i);
        if (it->kind == LAY_ITEM_TEXT)
            end = MAX(end, it->x + it->w);
    }
    /* the leaders end a gap before the space kept for the number */
    double lead_from = end + gap, lead_to = measure - reserve - gap;
    lay_font lf = f;
    lf.bold = false;
    lf.color = s->muted_color;
    double dot = text_width(c, TOC_LEADER, &lf);
    if (dot > 0 && lead_to - lead_from > dot) {
        int count = (int)((lead_to - lead_from) / dot);
        GString *dots = g_string_new(NULL);
        for (int i = 0; i < count; i++)
            g_string_append(dots, TOC_LEADER);
        g_strchomp(dots->str);
        lay_box *d = one_line(c, dots->str, &lf, c->m.body_leading, lead_from, lead_to - lead_from,
                              PANGO_ALIGN_RIGHT, NULL);
        g_string_free(dots, TRUE);
        if (d) {
            lay_box_absorb(last, d, 0, last->baseline - d->baseline);
            lay_box_free(d);
        }
    }
    if (*num) {
        lay_box *pn = one_line(c, num, &f, c->m.body_leading, 0, measure, PANGO_ALIGN_RIGHT, tag);
        if (pn) {
            lay_box_absorb(last, pn, 0, last->baseline - pn->baseline);
            lay_box_free(pn);
        }
    }
    for (guint i = 0; i < lines->len; i++) {
        lay_box *box = g_ptr_array_index(lines, i);
        lay_item link = {.kind = LAY_ITEM_LINK,
                         .x = indent,
                         .y = 0,
                         .w = measure - indent,
                         .h = box->height,
                         .name = dest,
                         .internal = true,
                         .tag = tag};
        lay_box_add(box, &link);
        box->src = (doc_pos){0, 0}; /* generated text: not where a page's body begins */
        box->generated = true;
    }
    lay_emit_lines(c, b, lines, true);
}

static void entry(lay_ctx *c, lay_builder *b, const doc_node *n, const lay_tag *tag)
{
    const char *number = doc_number(c->d, n);
    char *plain = doc_plain_text(n);
    char *label =
        number && *number ? g_strdup_printf("%s\u2003%s", number, plain) : g_strdup(plain);
    int level = CLAMP(n->u.heading.level, 1, 6);
    list_entry(c, b, n, level, level == 1, label, tag);
    g_free(label);
    g_free(plain);
}

static void list_heading(lay_ctx *c, lay_builder *b, const char *title)
{
    const style *s = c->s;
    lay_font hf = {s->heading_font, style_heading_size(s, 2), true, false, s->heading_color};
    lay_box *h = one_line(c, title, &hf, style_heading_size(s, 2) * c->m.heading_leading, 0,
                          c->m.text_width, PANGO_ALIGN_LEFT, lay_tag_new(c->arena, "H2", NULL));
    lb_space(b, s->heading_space_before);
    if (h) {
        h->src = (doc_pos){0, 0};
        h->generated = true;
        lb_box(b, h, 0);
    }
    lb_space(b, s->heading_space_after);
    lb_keep(b);
}

/* A list of figures (kind DOC_FIGURE) or tables (DOC_TABLE): each caption's
 * number and text, leaders and page, as the contents' entries. */
static void list_of(lay_ctx *c, lay_builder *b, doc_kind kind, term_id title, term_id name)
{
    bool any = false;
    const lay_tag *tag = lay_tag_new(c->arena, "P", NULL);
    doc_iter it = doc_iter_start(c->d->root);
    doc_event ev;
    while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE) {
        const doc_node *n = it.node;
        const doc_node *cap = ev == DOC_EVENT_ENTER ? doc_numbered_caption(c->d, n, kind) : NULL;
        if (!cap)
            continue;
        if (!any)
            list_heading(c, b, term_text(c->d->meta.lang, title));
        any = true;
        char *plain = g_strstrip(doc_plain_text(cap));
        char *label = g_strdup_printf("%s %s\u2003%s", term_text(c->d->meta.lang, name),
                                      doc_number(c->d, n), plain);
        list_entry(c, b, n, 1, false, label, tag);
        g_free(label);
        g_free(plain);
    }
    if (any)
        lb_space(b, c->s->heading_space_before);
}

void lay_lists(lay_ctx *c, lay_builder *b);

void lay_toc(lay_ctx *c, lay_builder *b)
{
    int depth;
    if (!toc_wanted(c, &depth)) {
        lay_lists(c, b);
        return;
    }
    const style *s = c->s;
    lay_font hf = {s->heading_font, style_heading_size(s, 2), true, false, s->heading_color};
    lay_box *h = one_line(c, toc_title(c->d->meta.lang), &hf,
                          style_heading_size(s, 2) * c->m.heading_leading, 0, c->m.text_width,
                          PANGO_ALIGN_LEFT, lay_tag_new(c->arena, "H2", NULL));
    lb_space(b, s->heading_space_before);
    if (h) {
        h->generated = true;
        lb_box(b, h, 0);
    }
    lb_space(b, s->heading_space_after);
    lb_keep(b);
    const lay_tag *tag = lay_tag_new(c->arena, "P", NULL);
    doc_iter it = doc_iter_start(c->d->root);
    doc_event ev;
    while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE) {
        const doc_node *n = it.node;
        if (ev != DOC_EVENT_ENTER || n->kind != DOC_HEADING || n->u.heading.level > depth ||
            doc_attr_has_class(n, "unlisted"))
            continue;
        entry(c, b, n, tag);
    }
    lb_space(b, s->heading_space_before);
    lay_lists(c, b);
}

void lay_lists(lay_ctx *c, lay_builder *b)
{
    if (doc_meta_flag(c->d, "lof"))
        list_of(c, b, DOC_FIGURE, TERM_LIST_OF_FIGURES, TERM_FIGURE);
    if (doc_meta_flag(c->d, "lot"))
        list_of(c, b, DOC_TABLE, TERM_LIST_OF_TABLES, TERM_TABLE);
}
