/* linebreak.c: a paragraph of inline text -> line boxes.
 *
 * Pango breaks and justifies the paragraph (one PangoLayout per paragraph);
 * the lines are then set on a fixed grid, one box per line of exactly the
 * leading, with the baseline where the base font's ascent and descent sit
 * centred in it. Pango's own line heights are ignored, so a superscript or a
 * code span never disturbs the leading and pages break between any two lines.
 * Each line box carries its glyph run, the link areas that fall on it, the
 * destinations of the footnote references it holds, the notes those
 * references place and the images in its text (a line grows, downwards, only
 * when an image is taller than the room above its baseline).
 *
 * Hyphenation plugs in before Pango sees the text: a soft hyphen (U+00AD) goes
 * at every break point hyphen.c finds; Pango breaks there when a word does
 * not fit and shows the hyphen only at the line end. When more than
 * lay_metrics.hyph_run lines in a row would end in a hyphen, the word at the
 * end of the last one loses its break points and the paragraph is broken
 * again from that line on (Pango breaks greedily, so the lines above stay as
 * they were). Pango's lines are then trimmed to the measure where its
 * justification overshoots it (fit_lines), and placed where Pango would
 * place them (line_x) without the cost of its iterator. */
#include "internal.h"

/* The continuation mark of wrapped code lines, drawn in the hanging indent. */
#define CONTINUATION_MARK "\u2192"

#define SOFT_HYPHEN "\u00AD"
#define SOFT_HYPHEN_LEN 2

/* An image's width on a line of the given measure (none wider). */
static double image_width(const lay_span_image *im, double measure)
{
    return measure > 0 && im->w > measure ? measure : im->w;
}

static double image_height(const lay_span_image *im, double measure)
{
    return im->h * image_width(im, measure) / im->w;
}

PangoLayout *lay_make_layout(lay_ctx *c, const lay_inline *in, const lay_para *p,
                             const GArray *whole)
{
    PangoLayout *l = lay_pango_layout_new(c->fonts);
    pango_layout_set_font_description(
        l, lay_font_lookup(c->fonts, p->font.family, p->font.size, p->font.bold, p->font.italic));
    pango_layout_set_text(l, in->text->str, (int)in->text->len);
    if (in->images->len || (whole && whole->len)) {
        PangoAttrList *attrs = pango_attr_list_copy(in->attrs);
        for (guint i = 0; whole && i < whole->len; i++) {
            const lay_range *r = &g_array_index(whole, lay_range, i);
            PangoAttribute *a = pango_attr_insert_hyphens_new(FALSE);
            a->start_index = r->start;
            a->end_index = r->end;
            pango_attr_list_insert(attrs, a);
        }
        /* each image's object character takes the image's size */
        for (guint i = 0; i < in->images->len; i++) {
            const lay_span_image *im = &g_array_index(in->images, lay_span_image, i);
            double w = image_width(im, p->width), h = image_height(im, p->width);
            PangoRectangle r = {0, (int)((im->drop - h) * PANGO_SCALE), (int)(w * PANGO_SCALE),
                                (int)(h * PANGO_SCALE)};
            PangoAttribute *a = pango_attr_shape_new(&r, &r);
            a->start_index = im->index;
            a->end_index = im->index + (unsigned)strlen("\uFFFC");
            pango_attr_list_insert(attrs, a);
        }
        pango_layout_set_attributes(l, attrs);
        pango_attr_list_unref(attrs);
    } else {
        pango_layout_set_attributes(l, in->attrs);
    }
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

int lay_line_width(const PangoLayoutLine *line)
{
    int w = 0;
    for (GSList *r = line->runs; r; r = r->next)
        w += pango_glyph_string_get_width(((PangoGlyphItem *)r->data)->glyphs);
    return w;
}

/* Where a line starts in its layout, in Pango units: what Pango's own
 * get_x_offset computes for left-to-right text (alignment, then indent).
 * Working it out here spares an iterator, which would measure the ink of
 * every glyph of the paragraph. */
static int line_x(PangoLayout *l, const PangoLayoutLine *line, int width)
{
    int layout_width = pango_layout_get_width(l), indent = pango_layout_get_indent(l), x = 0;
    PangoAlignment align = pango_layout_get_alignment(l);
    if (layout_width < 0) /* unbounded: as wide as the widest line */
        for (GSList *k = pango_layout_get_lines_readonly(l); k; k = k->next)
            layout_width = MAX(layout_width, lay_line_width(k->data));
    if (align == PANGO_ALIGN_RIGHT) {
        x = layout_width - width;
    } else if (align == PANGO_ALIGN_CENTER) {
        x = (layout_width - width) / 2;
        if (((layout_width | width) & (PANGO_SCALE - 1)) == 0)
            x = PANGO_UNITS_ROUND(x);
        return x;
    }
    if (line->is_paragraph_start && indent > 0)
        x += align == PANGO_ALIGN_LEFT ? indent : -indent;
    else if (!line->is_paragraph_start && indent < 0)
        x += align == PANGO_ALIGN_LEFT ? -indent : indent;
    return x;
}

double lay_baseline(double leading, double ascent, double descent)
{
    return ascent + MAX(0, (leading - (ascent + descent)) / 2);
}

/* Appends to lines the boxes of the first count lines of l (in laid out). */
static unsigned unshifted(const GArray *pts, unsigned h);

static bool ends_with(const char *s, int len, const char *tail)
{
    int n = (int)strlen(tail);
    return len >= n && memcmp(s + len - n, tail, (size_t)n) == 0;
}

/* The source position of index i of orig's text: inside a text node's span,
 * or else the start of the next span (generated text: numbers, labels). */
static doc_pos source_at(const lay_inline *orig, unsigned i)
{
    doc_pos pos = {0, 0};
    for (guint k = 0; k < orig->src->len; k++) {
        const lay_src_span *sp = &g_array_index(orig->src, lay_src_span, k);
        if (i < sp->end) {
            pos.node = sp->node;
            pos.offset = i > sp->start ? i - sp->start : 0;
            break;
        }
    }
    return pos;
}

/* Lines of l (laid out from in, which is orig with soft hyphens pts inserted
 * and the first from bytes of that dropped) become line boxes. */
static void set_lines(lay_ctx *c, const lay_inline *in, const lay_para *p, PangoLayout *l,
                      GPtrArray *lines, guint count, const lay_inline *orig, const GArray *pts,
                      unsigned from)
{
    PangoLayout *mark = NULL;
    double asc, desc;
    lay_font_extents(c->fonts, p->font.family, p->font.size, p->font.bold, p->font.italic, &asc,
                     &desc);
    double base = lay_baseline(p->leading, asc, desc);
    guint n = 0;
    for (GSList *ll = pango_layout_get_lines_readonly(l); ll && n < count; ll = ll->next, n++) {
        PangoLayoutLine *line = ll->data;
        int width = lay_line_width(line);
        double lx = p->x + (double)line_x(l, line, width) / PANGO_SCALE;
        lay_box *box = lay_box_new(p->leading, base);
        lay_item t = {.kind = LAY_ITEM_TEXT,
                      .x = lx,
                      .y = 0,
                      .w = (double)width / PANGO_SCALE,
                      .h = p->leading,
                      .baseline = base,
                      .color = p->font.color,
                      .layout = l,
                      .line = line,
                      .tag = p->tag};
        lay_box_add(box, &t);
        unsigned ls = (unsigned)line->start_index, le = ls + (unsigned)line->length;
        box->src = source_at(orig, pts ? unshifted(pts, from + ls) : from + ls);
        box->hyphenated = ends_with(pango_layout_get_text(l) + ls, (int)line->length, SOFT_HYPHEN);
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
                           .internal = k->internal,
                           .tag = p->tag};
            lay_box_add(box, &li);
        }
        double above = 0; /* the most an image rises above the baseline */
        for (guint i = 0; i < in->images->len; i++) {
            const lay_span_image *im = &g_array_index(in->images, lay_span_image, i);
            if (im->index < ls || im->index >= le)
                continue;
            double w = image_width(im, p->width), h = image_height(im, p->width);
            lay_tag *fig = (lay_tag *)lay_tag_new(c->arena, "Figure", p->tag);
            fig->alt = im->alt;
            lay_item ii = {.kind = LAY_ITEM_IMAGE,
                           .x = lx + index_x(line, im->index),
                           .y = base + im->drop - h,
                           .w = w,
                           .h = h,
                           .image = im->image,
                           .tag = fig};
            lay_box_add(box, &ii);
            above = MAX(above, h - im->drop);
        }
        for (guint i = 0; i < in->refs->len; i++) {
            const lay_span_ref *r = &g_array_index(in->refs, lay_span_ref, i);
            if (r->index < ls || r->index >= le || !r->places)
                continue;
            lay_box_add_note(box, r->number, 0);
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
                          .line = pango_layout_get_line_readonly(mark, 0),
                          .tag = p->tag};
            lay_box_add(box, &m);
        }
        if (above > base) { /* a tall image pushes its line down */
            double extra = above - base;
            for (guint i = 0; i < box->items->len; i++)
                g_array_index(box->items, lay_item, i).y += extra;
            box->height += extra;
            box->baseline += extra;
        }
        g_ptr_array_add(lines, box);
    }
    if (mark)
        g_object_unref(mark);
}

void lay_set_lines(lay_ctx *c, const lay_inline *in, const lay_para *p, PangoLayout *l,
                   GPtrArray *lines, const lay_inline *orig, const GArray *pts, unsigned from)
{
    set_lines(c, in, p, l, lines, G_MAXUINT, orig, pts, from);
}

/* The number of points in pts (ascending) at or before i. */
static unsigned points_upto(const GArray *pts, unsigned i)
{
    unsigned lo = 0, hi = pts->len;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (g_array_index(pts, unsigned, mid) <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

unsigned lay_shifted(const GArray *pts, unsigned i)
{
    return i + SOFT_HYPHEN_LEN * points_upto(pts, i);
}

/* Text, attributes, links, references and images moved to match. */
void lay_with_hyphens(const lay_inline *in, const GArray *pts, lay_inline *out)
{
    lay_inline_init(out);
    const char *t = in->text->str;
    unsigned prev = 0;
    for (guint k = 0; k < pts->len; k++) {
        unsigned at = g_array_index(pts, unsigned, k);
        g_string_append_len(out->text, t + prev, at - prev);
        g_string_append(out->text, SOFT_HYPHEN);
        prev = at;
    }
    g_string_append_len(out->text, t + prev, (gssize)(in->text->len - prev));
    GSList *attrs = pango_attr_list_get_attributes(in->attrs);
    for (GSList *a = attrs; a; a = a->next) {
        PangoAttribute *x = a->data;
        x->start_index = lay_shifted(pts, x->start_index);
        if (x->end_index != PANGO_ATTR_INDEX_TO_TEXT_END)
            x->end_index = lay_shifted(pts, x->end_index);
        pango_attr_list_insert(out->attrs, x); /* the list takes it */
    }
    g_slist_free(attrs);
    for (guint i = 0; i < in->links->len; i++) {
        lay_span_link l = g_array_index(in->links, lay_span_link, i);
        l.start = lay_shifted(pts, l.start);
        l.end = lay_shifted(pts, l.end);
        g_array_append_val(out->links, l);
    }
    for (guint i = 0; i < in->refs->len; i++) {
        lay_span_ref r = g_array_index(in->refs, lay_span_ref, i);
        r.index = lay_shifted(pts, r.index);
        g_array_append_val(out->refs, r);
    }
    for (guint i = 0; i < in->images->len; i++) {
        lay_span_image im = g_array_index(in->images, lay_span_image, i);
        im.index = lay_shifted(pts, im.index);
        lay_image_ref(im.image);
        g_array_append_val(out->images, im);
    }
}

/* Counts the glyphs of a run that show a plain space wider than by; with
 * shrink, takes by from each of them. */
static int count_spaces(const PangoGlyphItem *run, const char *text, bool shrink, int by)
{
    int n = 0;
    const PangoGlyphString *g = run->glyphs;
    for (int i = 0; i < g->num_glyphs; i++) {
        const char *ch = text + run->item->offset + g->log_clusters[i];
        if (*ch != ' ' || g->glyphs[i].geometry.width <= by)
            continue;
        n++;
        if (shrink)
            g->glyphs[i].geometry.width -= by;
    }
    return n;
}

/* Pango 1.50 justifies a line that breaks at a soft hyphen as if the hyphen
 * it then inserts took no room, so such a line overshoots the measure by the
 * hyphen's width; a line that follows one sometimes overshoots by a little
 * too. Takes the excess back from the line's word spaces. */
static void fit_lines(PangoLayout *l, double measure)
{
    const char *text = pango_layout_get_text(l);
    for (GSList *ll = pango_layout_get_lines_readonly(l); ll; ll = ll->next) {
        PangoLayoutLine *line = ll->data;
        int width = lay_line_width(line);
        int over = line_x(l, line, width) + width - (int)(measure * PANGO_SCALE);
        if (over <= 0)
            continue;
        int n = 0;
        for (GSList *r = line->runs; r; r = r->next)
            n += count_spaces(r->data, text, false, 0);
        if (n == 0)
            continue;
        int by = (over + n - 1) / n;
        for (GSList *r = line->runs; r; r = r->next)
            count_spaces(r->data, text, true, by);
    }
}

/* The text index of the soft hyphen ending the first line that makes the run
 * of hyphenated lines longer than allowed (run: those just before the
 * layout), or -1; *line_no: that line. */
static int hyphen_run_breach(const PangoLayout *l, int max_run, int run, guint *line_no)
{
    const char *text = pango_layout_get_text((PangoLayout *)l);
    guint n = 0;
    for (GSList *x = pango_layout_get_lines_readonly((PangoLayout *)l); x; x = x->next, n++) {
        const PangoLayoutLine *line = x->data;
        const char *s = text + line->start_index;
        bool soft = ends_with(s, line->length, SOFT_HYPHEN);
        if (soft || ends_with(s, line->length, "-") || ends_with(s, line->length, "\u2010")) {
            if (++run > max_run && soft) {
                *line_no = n;
                return line->start_index + line->length - SOFT_HYPHEN_LEN;
            }
        } else {
            run = 0;
        }
    }
    return -1;
}

/* out = in from byte from on: the text, and attributes, links, references
 * and images moved back (those wholly before it dropped). */
static void inline_tail(const lay_inline *in, unsigned from, lay_inline *out)
{
    lay_inline_init(out);
    g_string_append_len(out->text, in->text->str + from, (gssize)(in->text->len - from));
    GSList *attrs = pango_attr_list_get_attributes(in->attrs);
    for (GSList *a = attrs; a; a = a->next) {
        PangoAttribute *x = a->data;
        if (x->end_index <= from) {
            pango_attribute_destroy(x);
            continue;
        }
        x->start_index = x->start_index > from ? x->start_index - from : 0;
        if (x->end_index != PANGO_ATTR_INDEX_TO_TEXT_END)
            x->end_index -= from;
        pango_attr_list_insert(out->attrs, x);
    }
    g_slist_free(attrs);
    for (guint i = 0; i < in->links->len; i++) {
        lay_span_link l = g_array_index(in->links, lay_span_link, i);
        if (l.end <= from)
            continue;
        l.start = l.start > from ? l.start - from : 0;
        l.end -= from;
        g_array_append_val(out->links, l);
    }
    for (guint i = 0; i < in->refs->len; i++) {
        lay_span_ref r = g_array_index(in->refs, lay_span_ref, i);
        if (r.index < from)
            continue;
        r.index -= from;
        g_array_append_val(out->refs, r);
    }
    for (guint i = 0; i < in->images->len; i++) {
        lay_span_image im = g_array_index(in->images, lay_span_image, i);
        if (im.index < from)
            continue;
        im.index -= from;
        lay_image_ref(im.image);
        g_array_append_val(out->images, im);
    }
}

void lay_inline_slice(const lay_inline *in, unsigned from, unsigned to, lay_inline *out)
{
    inline_tail(in, from, out);
    unsigned len = to - from;
    g_string_truncate(out->text, len);
    /* attributes end with the text (Pango reads past it otherwise) */
    GSList *attrs = pango_attr_list_get_attributes(out->attrs);
    pango_attr_list_unref(out->attrs);
    out->attrs = pango_attr_list_new();
    for (GSList *a = attrs; a; a = a->next) {
        PangoAttribute *x = a->data;
        if (x->start_index >= len) {
            pango_attribute_destroy(x);
            continue;
        }
        x->end_index = MIN(x->end_index, len);
        pango_attr_list_insert(out->attrs, x);
    }
    g_slist_free(attrs);
}

/* The index in the unhyphenated text of the character at hyphenated index h. */
static unsigned unshifted(const GArray *pts, unsigned h)
{
    unsigned before = 0; /* soft hyphens wholly before h */
    while (before < pts->len &&
           g_array_index(pts, unsigned, before) + SOFT_HYPHEN_LEN * (before + 1) <= h)
        before++;
    return h - SOFT_HYPHEN_LEN * before;
}

/* Drops the points of the word whose soft hyphen sits at index at of the
 * hyphenated text (pts: the points in use, in the unhyphenated text). */
static void drop_word(const lay_inline *in, GArray *pts, int at)
{
    guint k = 0;
    while (k < pts->len && g_array_index(pts, unsigned, k) + SOFT_HYPHEN_LEN * k != (unsigned)at)
        k++;
    if (k == pts->len)
        return;
    /* the word's other points: those with only letters between them and this one */
    const char *t = in->text->str;
    guint first = k, last = k;
    while (first > 0) {
        unsigned a = g_array_index(pts, unsigned, first - 1),
                 b = g_array_index(pts, unsigned, first);
        const char *p = t + a;
        while (p < t + b && g_unichar_isalpha(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        if (p < t + b)
            break;
        first--;
    }
    while (last + 1 < pts->len) {
        unsigned a = g_array_index(pts, unsigned, last), b = g_array_index(pts, unsigned, last + 1);
        const char *p = t + a;
        while (p < t + b && g_unichar_isalpha(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        if (p < t + b)
            break;
        last++;
    }
    g_array_remove_range(pts, first, last - first + 1);
}

/* ranges moved past the soft hyphens before them, then back by from (those
 * wholly before it dropped) */
static GArray *shifted_ranges(const GArray *ranges, const GArray *pts, unsigned from)
{
    GArray *out = g_array_sized_new(FALSE, FALSE, sizeof(lay_range), ranges->len);
    for (guint i = 0; i < ranges->len; i++) {
        lay_range r = g_array_index(ranges, lay_range, i);
        r.start = lay_shifted(pts, r.start);
        r.end = lay_shifted(pts, r.end);
        if (r.end <= from)
            continue;
        r.start = r.start > from ? r.start - from : 0;
        r.end -= from;
        g_array_append_val(out, r);
    }
    return out;
}

static GPtrArray *set_paragraph(lay_ctx *c, const lay_inline *in, const lay_para *p)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func((GDestroyNotify)lay_box_free);
    if (lay_total_fit(c, in, p, lines))
        return lines;
    GArray *whole = g_array_new(FALSE, FALSE, sizeof(lay_range));
    GArray *pts =
        p->width > 0 ? lay_hyph_points(p->hyphenate ? c->hyph : NULL, in, p->capitals, false, whole)
                     : NULL;
    if (!pts || pts->len == 0) {
        if (pts)
            g_array_free(pts, TRUE);
        PangoLayout *l = lay_make_layout(c, in, p, whole);
        if (p->width > 0 && !p->ellipsize)
            fit_lines(l, p->width);
        set_lines(c, in, p, l, lines, G_MAXUINT, in, NULL, 0);
        g_object_unref(l);
        g_array_free(whole, TRUE);
        return lines;
    }
    /* When a run of hyphenated lines grows too long, the lines above it stand
     * (Pango breaks greedily) and only the rest of the paragraph, from the
     * offending line on, is laid out again: from o_start (unhyphenated index),
     * with run hyphenated lines before it. A hanging indent cannot restart
     * mid-paragraph, so such a paragraph is laid out whole again instead. */
    bool tails = p->indent >= 0;
    lay_para rest = *p;
    rest.indent = 0;
    unsigned o_start = 0;
    int run = 0;
    for (int attempt = 0;; attempt++) {
        lay_inline full, h;
        lay_with_hyphens(in, pts, &full);
        unsigned from = lay_shifted(pts, o_start);
        if (from)
            inline_tail(&full, from, &h);
        GArray *moved = shifted_ranges(whole, pts, from);
        const lay_para *pp = from ? &rest : p;
        PangoLayout *l = lay_make_layout(c, from ? &h : &full, pp, moved);
        g_array_free(moved, TRUE);
        guint line_no = 0;
        int at =
            attempt < c->m.hyph_retries ? hyphen_run_breach(l, c->m.hyph_run, run, &line_no) : -1;
        if (at >= 0 && tails) { /* keep the lines above, go on from the breach line */
            fit_lines(l, p->width);
            set_lines(c, from ? &h : &full, pp, l, lines, line_no, in, pts, from);
            const PangoLayoutLine *bl = pango_layout_get_line_readonly(l, (int)line_no);
            o_start = unshifted(pts, from + (unsigned)bl->start_index);
            run = c->m.hyph_run;
        }
        if (at >= 0)
            drop_word(in, pts, (int)from + at);
        else {
            fit_lines(l, p->width);
            set_lines(c, from ? &h : &full, pp, l, lines, G_MAXUINT, in, pts, from);
        }
        g_object_unref(l);
        if (from)
            lay_inline_clear(&h);
        lay_inline_clear(&full);
        if (at < 0)
            break;
    }
    g_array_free(pts, TRUE);
    g_array_free(whole, TRUE);
    return lines;
}

void lay_measure(lay_ctx *c, const lay_inline *in, const lay_font *f, double *natural,
                 double *minimum)
{
    lay_para p = {.font = *f, .width = -1, .align = PANGO_ALIGN_LEFT, .wrap = PANGO_WRAP_WORD};
    PangoLayout *l = lay_make_layout(c, in, &p, NULL);
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

void lay_measure_hyphenated(lay_ctx *c, const lay_inline *in, const lay_font *f, bool capitals,
                            double *natural, double *minimum)
{
    GArray *pts = lay_hyph_points(c->hyph, in, capitals, false, NULL);
    if (pts->len == 0) {
        lay_measure(c, in, f, natural, minimum);
    } else {
        lay_inline h;
        lay_with_hyphens(in, pts, &h);
        lay_measure(c, &h, f, natural, minimum);
        lay_inline_clear(&h);
        /* a piece that ends where a word breaks shows a hyphen there */
        lay_inline dash;
        lay_inline_init(&dash);
        lay_inline_text(&dash, "-", -1, -1, -1);
        double w, unused;
        lay_measure(c, &dash, f, &w, &unused);
        lay_inline_clear(&dash);
        *minimum = MIN(*minimum + w, *natural);
    }
    g_array_free(pts, TRUE);
}

GPtrArray *lay_lines(lay_ctx *c, const lay_inline *in, const lay_para *p)
{
    GPtrArray *lines = set_paragraph(c, in, p);
    lay_check_glyph_lines(c, lines);
    return lines;
}
