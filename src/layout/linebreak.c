/* linebreak.c: a paragraph of inline text -> line boxes.
 *
 * Pango breaks and justifies the paragraph (one PangoLayout per paragraph);
 * the lines are then set on a fixed grid, one box per line of exactly the
 * leading, with the baseline where the base font's ascent and descent sit
 * centred in it. Pango's own line heights are ignored, so a superscript or a
 * code span never disturbs the leading and pages break between any two lines.
 * Each line box carries its glyph run, the link areas that fall on it, the
 * destinations of the footnote references it holds and the notes those
 * references place. Hyphenation will plug in before Pango sees the text. */
#include "internal.h"

/* The continuation mark of wrapped code lines, drawn in the hanging indent. */
#define CONTINUATION_MARK "\u2192"

static PangoLayout *make_layout(lay_ctx *c, const lay_inline *in, const lay_para *p)
{
    PangoLayout *l = lay_pango_layout_new(c->fonts);
    pango_layout_set_font_description(
        l, lay_font_lookup(c->fonts, p->font.family, p->font.size, p->font.bold, p->font.italic));
    pango_layout_set_text(l, in->text->str, (int)in->text->len);
    pango_layout_set_attributes(l, in->attrs);
    pango_layout_set_width(l, p->width > 0 ? (int)(p->width * PANGO_SCALE) : -1);
    pango_layout_set_wrap(l, p->wrap);
    pango_layout_set_justify(l, p->justify);
    pango_layout_set_alignment(l, p->align);
    pango_layout_set_indent(l, (int)(p->indent * PANGO_SCALE));
    if (p->ellipsize)
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    return l;
}

/* A one-line layout of the continuation mark. */
static PangoLayout *mark_layout(lay_ctx *c, const lay_para *p)
{
    PangoLayout *l = lay_pango_layout_new(c->fonts);
    pango_layout_set_font_description(
        l, lay_font_lookup(c->fonts, p->font.family, p->font.size, false, false));
    pango_layout_set_text(l, CONTINUATION_MARK, -1);
    return l;
}

static double index_x(PangoLayoutLine *line, unsigned index)
{
    int x = 0;
    pango_layout_line_index_to_x(line, (int)index, FALSE, &x);
    return (double)x / PANGO_SCALE;
}

GPtrArray *lay_lines(lay_ctx *c, const lay_inline *in, const lay_para *p)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func((GDestroyNotify)lay_box_free);
    PangoLayout *l = make_layout(c, in, p);
    PangoLayout *mark = NULL;
    double asc, desc;
    lay_font_extents(c->fonts, p->font.family, p->font.size, p->font.bold, p->font.italic, &asc,
                     &desc);
    double base = (p->leading - (asc + desc)) / 2 + asc;
    PangoLayoutIter *iter = pango_layout_get_iter(l);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(iter, NULL, &logical);
        double lx = p->x + (double)logical.x / PANGO_SCALE;
        lay_box *box = lay_box_new(p->leading, base);
        lay_item t = {.kind = LAY_ITEM_TEXT,
                      .x = lx,
                      .y = 0,
                      .w = (double)logical.width / PANGO_SCALE,
                      .h = p->leading,
                      .baseline = base,
                      .color = p->font.color,
                      .layout = l,
                      .line = line};
        lay_box_add(box, &t);
        unsigned ls = (unsigned)line->start_index, le = ls + (unsigned)line->length;
        for (guint i = 0; i < in->links->len; i++) {
            const lay_span_link *k = &g_array_index(in->links, lay_span_link, i);
            unsigned a = MAX(ls, k->start), z = MIN(le, k->end);
            if (z <= a)
                continue;
            double x1 = index_x(line, a), x2 = index_x(line, z);
            lay_item li = {.kind = LAY_ITEM_LINK,
                           .x = lx + MIN(x1, x2),
                           .y = base - asc,
                           .w = fabs(x2 - x1),
                           .h = asc + desc,
                           .name = k->target,
                           .internal = k->internal};
            lay_box_add(box, &li);
        }
        for (guint i = 0; i < in->refs->len; i++) {
            const lay_span_ref *r = &g_array_index(in->refs, lay_span_ref, i);
            if (r->index < ls || r->index >= le || !r->places)
                continue;
            lay_box_add_note(box, r->number);
            lay_item d = {.kind = LAY_ITEM_DEST,
                          .x = lx + index_x(line, r->index),
                          .y = 0,
                          .name = arena_printf(c->arena, "fnref%u", r->number)};
            lay_box_add(box, &d);
        }
        if (p->continuation && !pango_layout_line_is_paragraph_start(line)) {
            box->continues = true;
            if (!mark)
                mark = mark_layout(c, p);
            lay_item m = {.kind = LAY_ITEM_TEXT,
                          .x = p->x,
                          .y = 0,
                          .w = -p->indent,
                          .h = p->leading,
                          .baseline = base,
                          .color = c->s->muted_color,
                          .layout = mark,
                          .line = pango_layout_get_line_readonly(mark, 0)};
            lay_box_add(box, &m);
        }
        g_ptr_array_add(lines, box);
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    if (mark)
        g_object_unref(mark);
    g_object_unref(l);
    return lines;
}

void lay_measure(lay_ctx *c, const lay_inline *in, const lay_font *f, double *natural,
                 double *minimum)
{
    lay_para p = {.font = *f, .width = -1, .align = PANGO_ALIGN_LEFT, .wrap = PANGO_WRAP_WORD};
    PangoLayout *l = make_layout(c, in, &p);
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    *natural = (double)logical.width / PANGO_SCALE;
    /* The widest run between two break opportunities, in one pass over the
     * characters (break opportunities come before characters). */
    int n_attrs = 0;
    const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(l, &n_attrs);
    double widest = 0, start = 0, end = 0;
    PangoLayoutLine *line = NULL;
    PangoLayoutIter *iter = pango_layout_get_iter(l);
    int ci = 0;
    do {
        PangoRectangle r;
        pango_layout_iter_get_char_extents(iter, &r);
        double x = (double)r.x / PANGO_SCALE;
        PangoLayoutLine *now = pango_layout_iter_get_line_readonly(iter);
        if (now != line) { /* a new line starts a new run */
            widest = MAX(widest, fabs(end - start));
            start = x;
            line = now;
        } else if (ci < n_attrs && attrs[ci].is_line_break) {
            widest = MAX(widest, fabs(x - start));
            start = x;
        }
        end = x + (double)r.width / PANGO_SCALE;
        ci++;
    } while (pango_layout_iter_next_char(iter));
    widest = MAX(widest, fabs(end - start));
    pango_layout_iter_free(iter);
    *minimum = MIN(widest, *natural);
    g_object_unref(l);
}
