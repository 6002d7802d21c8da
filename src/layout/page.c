/* page.c: one page's plan -> its frame.
 *
 * The text block sits inside the margins (mirrored on even pages of a
 * two-sided publication). Body items go down from its top: first what a page
 * inherits (the top padding of decorations that continue, the repeated table
 * header), then the planned boxes and glue. Decorations become rectangles
 * drawn before the text: a slot is reserved when one opens (outer before
 * inner) and filled when it closes or the page ends. Notes sit at the bottom
 * of the text block under a short rule. The running head (the short title
 * and the current section: the first level-1 heading that starts on the page,
 * else the one in force from earlier pages; a hairline under them) goes above
 * the text block on every page but the title page, when the style asks for
 * it; the folio (page number) goes below it, centred, or at the outer edge of
 * a two-sided publication. Every destination placed is recorded in the page
 * map. */
#include "internal.h"

typedef struct {
    lay_deco deco;
    double top;
    guint slot; /* index of its rectangle in the frame */
} open_deco;

double lay_carry_top(const lay_carry *k)
{
    double h = 0;
    for (guint i = 0; i < k->decos->len; i++)
        h += g_array_index(k->decos, lay_deco, i).pad;
    if (k->heads->len)
        h += ((lay_box *)g_ptr_array_index(k->heads, k->heads->len - 1))->height;
    return h;
}

double lay_carry_bottom(const lay_carry *k)
{
    double h = 0;
    for (guint i = 0; i < k->decos->len; i++)
        h += g_array_index(k->decos, lay_deco, i).pad;
    return h;
}

static void place_box(lay_ctx *c, lay_frame *f, const lay_box *box, double x, double y,
                      const char **mark)
{
    if (mark && box->mark && !*mark)
        *mark = box->mark;
    for (guint i = 0; i < box->items->len; i++) {
        const lay_item *it = &g_array_index(box->items, lay_item, i);
        lay_frame_add(f, it, x, y);
        if (it->kind == LAY_ITEM_DEST && !g_hash_table_contains(c->out->dests, it->name))
            g_hash_table_insert(c->out->dests, (gpointer)it->name, GUINT_TO_POINTER(f->number));
    }
}

static void deco_open(lay_frame *f, GArray *open, const lay_deco *d, double top)
{
    lay_item r = {.kind = LAY_ITEM_RECT, .color = d->color};
    open_deco o = {*d, top, f->items->len};
    g_array_append_val(f->items, r);
    g_array_append_val(open, o);
}

static void deco_close(lay_frame *f, GArray *open, double x0, double bottom)
{
    open_deco *o = &g_array_index(open, open_deco, open->len - 1);
    lay_item *r = &g_array_index(f->items, lay_item, o->slot);
    r->x = x0 + o->deco.x;
    r->w = o->deco.w;
    r->y = o->top;
    r->h = MAX(bottom - o->top, 0);
    g_array_set_size(open, open->len - 1);
}

/* Places items [from, to) of v from y down; carried decorations and headers are
 * updated as the items open and close them. Returns the y reached. */
static double place_run(lay_ctx *c, lay_frame *f, GArray *v, size_t from, size_t to, double x0,
                        double y, GArray *decos, GPtrArray *heads, GArray *open, lay_carry *k,
                        const char **mark)
{
    for (size_t i = from; i < to; i++) {
        const lay_vitem *e = &g_array_index(v, lay_vitem, i);
        switch (e->kind) {
        case LAY_V_BOX:
            place_box(c, f, e->box, x0, y, mark);
            if (k && e->box->mark)
                k->section = e->box->mark;
            y += e->size;
            break;
        case LAY_V_GLUE:
            y += e->size;
            break;
        case LAY_V_OPEN:
            deco_open(f, open, &e->deco, y);
            g_array_append_val(decos, e->deco);
            break;
        case LAY_V_CLOSE:
            if (open->len) {
                deco_close(f, open, x0, y);
                g_array_set_size(decos, decos->len - 1);
            }
            break;
        case LAY_V_HEAD:
            if (heads) /* a copy: the list's items go once placed */
                g_ptr_array_add(heads, lay_box_copy_plain(e->box));
            break;
        case LAY_V_HEAD_END:
            if (heads && heads->len)
                g_ptr_array_set_size(heads, heads->len - 1);
            break;
        default:
            break;
        }
    }
    return y;
}

/* Opens the decorations that continue from the previous page at y; returns
 * the y below their top padding. */
static double reopen(lay_frame *f, const GArray *decos, GArray *open, double y)
{
    for (guint i = 0; decos && i < decos->len; i++) {
        const lay_deco *d = &g_array_index(decos, lay_deco, i);
        deco_open(f, open, d, y);
        y += d->pad;
    }
    return y;
}

/* Closes what is still open at the end of a page, padding each. */
static void close_all(lay_frame *f, GArray *open, double x0, double y)
{
    while (open->len) {
        y += g_array_index(open, open_deco, open->len - 1).deco.pad;
        deco_close(f, open, x0, y);
    }
}

/* A single line of furniture text at baseline y, aligned within [x, x + width]
 * and cut with an ellipsis if longer; returns its natural width. */
/* A line of furniture text set at x in width (the box, from the run's cache:
 * the same title and section head page after page). */
static const lay_box *furniture_line(lay_ctx *c, const char *text, double x, double width,
                                     PangoAlignment align)
{
    char *key = g_strdup_printf("%s|%.2f|%.2f|%d", text, x, width, (int)align);
    lay_box *box = g_hash_table_lookup(c->furniture, key);
    if (box) {
        g_free(key);
        return box;
    }
    lay_inline in;
    lay_inline_init(&in);
    lay_inline_text(&in, text, -1, -1, -1);
    lay_font font = {c->s->heading_font, c->s->furniture_size, false, false, c->s->muted_color};
    lay_para p = {.font = font,
                  .leading = c->m.furniture_leading,
                  .x = x,
                  .width = width,
                  .align = align,
                  .wrap = PANGO_WRAP_WORD_CHAR,
                  .ellipsize = true};
    GPtrArray *lines = lay_lines(c, &in, &p);
    box = g_ptr_array_steal_index(lines, 0);
    g_ptr_array_free(lines, TRUE);
    lay_inline_clear(&in);
    g_hash_table_insert(c->furniture, key, box);
    return box;
}

/* A single line of furniture text at baseline y, aligned within [x, x + width]
 * and cut with an ellipsis if longer. */
static void furniture(lay_ctx *c, lay_frame *f, const char *text, double x, double width,
                      double baseline, PangoAlignment align)
{
    if (!text || !*text || width <= 0)
        return;
    const lay_box *line = furniture_line(c, text, x, width, align);
    place_box(c, f, line, 0, baseline - line->baseline, NULL);
}

static const char *short_title(const doc_meta *m)
{
    static const char *const keys[] = {"short-title", "shorttitle", "running-head", "short_title"};
    for (size_t k = 0; k < G_N_ELEMENTS(keys); k++)
        for (size_t i = 0; i < m->n_extra; i++)
            if (m->extra[i].key && strcmp(m->extra[i].key, keys[k]) == 0 && m->extra[i].value)
                return m->extra[i].value;
    return m->title;
}

/* The natural width of one line of furniture text (cached like the lines). */
static double furniture_width(lay_ctx *c, const char *text)
{
    if (!text || !*text)
        return 0;
    char *key = g_strdup_printf("%s|natural", text);
    double *w = g_hash_table_lookup(c->furniture_widths, key);
    if (w) {
        g_free(key);
        return *w;
    }
    lay_inline in;
    lay_inline_init(&in);
    lay_inline_text(&in, text, -1, -1, -1);
    lay_font font = {c->s->heading_font, c->s->furniture_size, false, false, c->s->muted_color};
    double natural, minimum;
    lay_measure(c, &in, &font, &natural, &minimum);
    lay_inline_clear(&in);
    w = g_new(double, 1);
    *w = natural;
    g_hash_table_insert(c->furniture_widths, key, w);
    return natural;
}

static void running_head(lay_ctx *c, lay_frame *f, double x0, bool even, const char *section)
{
    const doc_meta *m = &c->d->meta;
    const char *title = short_title(m);
    if (!(title && *title) && !(section && *section))
        return;
    double w = c->m.text_width, gap = c->m.head_gap;
    /* the title goes to the inner side, the section to the outer side; when
     * both do not fit, each gets at least half of the line */
    double tw = furniture_width(c, title), sw = furniture_width(c, section);
    double title_room = w, section_room = 0;
    if (sw > 0) {
        title_room = tw + gap + sw <= w ? tw : MAX(w - gap - sw, (w - gap) / 2);
        section_room = w - gap - title_room;
    }
    furniture(c, f, title, even ? x0 + w - title_room : x0, title_room, c->m.head_baseline,
              even ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    furniture(c, f, section, even ? x0 : x0 + w - section_room, section_room, c->m.head_baseline,
              even ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
    lay_item r = {.kind = LAY_ITEM_RULE,
                  .x = x0,
                  .y = c->m.head_rule,
                  .w = w,
                  .weight = c->m.rule_hair,
                  .color = c->s->rule_color};
    lay_frame_add(f, &r, 0, 0);
}

static void folio(lay_ctx *c, lay_frame *f, double x0, bool even)
{
    char num[16];
    g_snprintf(num, sizeof num, "%u", f->number);
    PangoAlignment a = PANGO_ALIGN_CENTER;
    if (c->s->two_sided)
        a = even ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
    furniture(c, f, num, x0, c->m.text_width, c->m.folio_baseline, a);
}

void lay_page_compose(lay_ctx *c, GArray *v, const lay_page_plan *plan, lay_carry *k)
{
    const style *s = c->s;
    unsigned number = c->n_pages + (c->d->first_page ? c->d->first_page : 1);
    lay_frame *f = lay_frame_new(number, s->page_width, s->page_height);
    bool even = s->two_sided && number % 2 == 0;
    double x0 = even ? s->margin_outer : s->margin_inner;
    double y0 = s->margin_top;
    GArray *open = g_array_new(FALSE, FALSE, sizeof(open_deco));
    const char *section = NULL; /* the first level-1 heading on the page */

    /* where the page's body text begins */
    doc_pos start = {0, 0};
    bool first = true;
    for (size_t i = plan->start; i < plan->end && !start.node; i++) {
        const lay_vitem *vi = &g_array_index(v, lay_vitem, i);
        if ((vi->kind == LAY_V_BOX || vi->kind == LAY_V_HEAD) && vi->box) {
            if (first && vi->box->generated) { /* the contents or a list goes on here */
                start = (doc_pos){0, DOC_POS_GENERATED};
                break;
            }
            first = false;
            start = vi->box->src;
        }
    }
    g_array_append_val(c->out->page_starts, start);

    /* the body */
    if (plan->end > plan->start) {
        double y = reopen(f, k->decos, open, y0);
        if (k->heads->len) {
            const lay_box *h = g_ptr_array_index(k->heads, k->heads->len - 1);
            place_box(c, f, h, x0, y, NULL);
            y += h->height;
        }
        const char *before = k->section;
        y = place_run(c, f, v, plan->start, plan->end, x0, y, k->decos, k->heads, open, k,
                      &section);
        close_all(f, open, x0, y);
        if (!section)
            section = before;
    } else {
        section = k->section;
    }

    /* the notes, bottom-aligned in the text block */
    if (plan->notes->len) {
        double h = 0;
        for (guint i = 0; i < plan->notes->len; i++) {
            const lay_note_part *p = &g_array_index(plan->notes, lay_note_part, i);
            h += lay_part_height(c->notes[p->number], p->from, p->to) + (i ? c->m.note_gap : 0);
        }
        double y = y0 + c->m.body_height - h;
        lay_item r = {.kind = LAY_ITEM_RULE,
                      .x = x0,
                      .y = y - c->m.note_sep_below,
                      .w = c->m.note_rule_width,
                      .weight = c->m.rule_light,
                      .color = s->rule_color};
        lay_frame_add(f, &r, 0, 0);
        for (guint i = 0; i < plan->notes->len; i++) {
            const lay_note_part *p = &g_array_index(plan->notes, lay_note_part, i);
            if (i)
                y += c->m.note_gap;
            bool continues = i == 0 && plan->n_carried;
            y = reopen(f, continues ? k->note_decos : NULL, open, y);
            if (!continues)
                g_array_set_size(k->note_decos, 0);
            y = place_run(c, f, c->notes[p->number], p->from, p->to, x0, y, k->note_decos, NULL,
                          open, NULL, NULL);
            close_all(f, open, x0, y);
        }
    }

    bool title_page = c->n_pages == 0 && c->d->meta.title;
    if (s->running_head && !title_page)
        running_head(c, f, x0, even, section);
    folio(c, f, x0, even);
    g_array_free(open, TRUE);
    c->n_pages++;
    if (!c->sink)
        g_ptr_array_add(c->out->pages, f);
    else if (!c->sink(f, c->sink_data))
        c->stopped = true;
}
