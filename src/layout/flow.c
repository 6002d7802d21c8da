/* flow.c: the vertical list -> pages, with footnotes at the foot of the page.
 *
 * Pages are filled greedily: items are added while they fit, and when a box
 * does not, the page ends at the last break point seen (a penalty below
 * NEVER), like TeX's page builder with a ragged bottom. A forced penalty ends
 * the page at once. With no break point on the page the page ends before the
 * box that does not fit (an emergency that breaks a keep); a box taller than
 * an empty page goes alone on it.
 *
 * Footnotes are insertions that take height from the page (after TeX's
 * \insert and SILE's insertions): a box that holds the first reference to a
 * note fits only if the notes area can grow by the note too. Notes keep their
 * order, so every note on a page but the last must fit whole; the last needs
 * only its first lines (up to its first break point) and may continue on the
 * next page, where what remains goes first in the notes area. If the notes do
 * not fit, the line with the reference moves to the next page. The notes area
 * sits at the bottom of the text block with a short rule above it, and the
 * body region shrinks as it grows, so the two never overlap. A note first
 * referenced inside another note goes right after it, on the same page. The
 * height of a piece of a note counts the padding of the decorations (a code
 * block) it cuts through, which are closed at the page end and reopened.
 *
 * Pages are made while the body is still being laid out: between top-level
 * blocks the builder feeds the flow, which makes every page whose end no
 * longer depends on what follows (a box has been met that does not fit, or a
 * forced break) and drops the items it placed; notes that are wholly placed
 * are dropped too. So a long document never holds more than a few pages of
 * shaped text at once. */
#include "internal.h"

/* Rounding slack when comparing heights, in points. */
#define EPS 0.01

double lay_span_height(const GArray *v, size_t from, size_t to)
{
    double h = 0;
    for (size_t i = from; i < to && i < v->len; i++) {
        const lay_vitem *e = &g_array_index(v, lay_vitem, i);
        if (e->kind == LAY_V_BOX || e->kind == LAY_V_GLUE)
            h += e->size;
    }
    return h;
}

/* The first item at or after i that a page top does not discard. */
static size_t skip_discardable(const GArray *v, size_t i)
{
    while (i < v->len) {
        const lay_vitem *e = &g_array_index(v, lay_vitem, i);
        if (!(e->kind == LAY_V_PENALTY || (e->kind == LAY_V_GLUE && !e->keep)))
            break;
        i++;
    }
    return i;
}

/* Follows the decorations opened and closed by item e: pads holds the
 * padding of those open, *sum its total. */
static void track_deco(const lay_vitem *e, GArray *pads, double *sum)
{
    if (e->kind == LAY_V_OPEN) {
        g_array_append_val(pads, e->deco.pad);
        *sum += e->deco.pad;
    } else if (e->kind == LAY_V_CLOSE && pads->len) {
        *sum -= g_array_index(pads, double, pads->len - 1);
        g_array_set_size(pads, pads->len - 1);
    }
}

/* The decorations open just before item from of v (pads, *sum as above). */
static GArray *open_at(const GArray *v, size_t from, double *sum)
{
    GArray *pads = g_array_new(FALSE, FALSE, sizeof(double));
    *sum = 0;
    for (size_t i = 0; i < from && i < v->len; i++)
        track_deco(&g_array_index(v, lay_vitem, i), pads, sum);
    return pads;
}

double lay_part_height(const GArray *v, size_t from, size_t to)
{
    double top;
    GArray *pads = open_at(v, from, &top);
    double h = top, bottom = top;
    for (size_t i = from; i < to && i < v->len; i++) {
        const lay_vitem *e = &g_array_index(v, lay_vitem, i);
        if (e->kind == LAY_V_BOX || e->kind == LAY_V_GLUE)
            h += e->size;
        track_deco(e, pads, &bottom);
    }
    g_array_free(pads, TRUE);
    return h + bottom;
}

/* The first break point of v after from, v->len if none. */
static size_t first_break(const GArray *v, size_t from)
{
    for (size_t i = from + 1; i < v->len; i++) {
        const lay_vitem *e = &g_array_index(v, lay_vitem, i);
        if (e->kind == LAY_V_PENALTY && e->penalty < LAY_PENALTY_NEVER)
            return i;
    }
    return v->len;
}

/* The latest break point p in note v, from from on, with the height of the
 * piece [from, p) at most room; v->len when the whole rest fits; from when
 * no break point fits. */
static size_t note_fit(const GArray *v, size_t from, double room)
{
    if (lay_part_height(v, from, v->len) <= room + EPS)
        return v->len;
    double open;
    GArray *pads = open_at(v, from, &open);
    size_t best = from;
    double h = open;
    for (size_t i = from; i < v->len; i++) {
        const lay_vitem *e = &g_array_index(v, lay_vitem, i);
        if (e->kind == LAY_V_PENALTY && e->penalty < LAY_PENALTY_NEVER && h + open <= room + EPS)
            best = i;
        if (e->kind == LAY_V_BOX || e->kind == LAY_V_GLUE)
            h += e->size;
        track_deco(e, pads, &open);
        if (h > room + EPS)
            break;
    }
    g_array_free(pads, TRUE);
    return best;
}

/* The height of a note's first piece: up to its first break point. */
static double note_first(const GArray *v)
{
    return lay_part_height(v, 0, first_break(v, 0));
}

void lay_note_closure(lay_ctx *c, unsigned number, GArray *out)
{
    GArray *todo = g_array_new(FALSE, FALSE, sizeof(unsigned));
    g_array_append_val(todo, number);
    while (todo->len) {
        unsigned n = g_array_index(todo, unsigned, todo->len - 1);
        g_array_set_size(todo, todo->len - 1);
        g_array_append_val(out, n);
        GArray *nv = c->notes[n];
        guint mark = todo->len; /* push the notes it places, then reverse them: first goes first */
        for (guint i = 0; nv && i < nv->len; i++) {
            const lay_vitem *e = &g_array_index(nv, lay_vitem, i);
            for (guint k = 0; e->kind == LAY_V_BOX && e->box->notes && k < e->box->notes->len;
                 k++) {
                unsigned m = g_array_index(e->box->notes, lay_note_ref, k).number;
                if (c->notes[m])
                    g_array_append_val(todo, m);
            }
        }
        for (guint a = mark, z = todo->len; a + 1 < z; a++, z--) {
            unsigned t = g_array_index(todo, unsigned, a);
            g_array_index(todo, unsigned, a) = g_array_index(todo, unsigned, z - 1);
            g_array_index(todo, unsigned, z - 1) = t;
        }
    }
    g_array_free(todo, TRUE);
}

/* The notes box e brings to its page, with those they place in turn. */
static void box_notes(lay_ctx *c, const lay_vitem *e, GArray *out)
{
    for (guint k = 0; e->kind == LAY_V_BOX && e->box->notes && k < e->box->notes->len; k++) {
        unsigned n = g_array_index(e->box->notes, lay_note_ref, k).number;
        if (c->notes[n])
            lay_note_closure(c, n, out);
    }
}

/* Notes of the page so far: all whole but the last, which needs its first piece. */
typedef struct {
    double whole;     /* every note but the last, whole, with the gaps between them */
    double last_min;  /* the last note's first piece */
    double last_full; /* the last note whole */
    unsigned count;
} note_sum;

static void note_sum_add(lay_ctx *c, note_sum *s, unsigned number)
{
    GArray *nv = c->notes[number];
    if (!nv)
        return;
    if (s->count)
        s->whole += s->last_full + c->m.note_gap;
    s->last_full = lay_part_height(nv, 0, nv->len);
    s->last_min = note_first(nv);
    s->count++;
}

struct lay_flow {
    lay_ctx *c;
    GArray *v;
    size_t i; /* the next page's first item */
    lay_carry carry;
    bool carrying; /* a note continues from the previous page */
    unsigned carry_number;
    size_t carry_from;
    double sep; /* the notes area's rule and the space around it */
};
typedef struct lay_flow flow;

static double carried_height(const flow *f)
{
    if (!f->carrying)
        return 0;
    GArray *nv = f->c->notes[f->carry_number];
    return lay_part_height(nv, skip_discardable(nv, f->carry_from), nv->len);
}

/* Adds the carried note's rest, or what fits of it in room, to plan. */
static double plan_carried(flow *f, lay_page_plan *plan, double room, bool whole)
{
    GArray *nv = f->c->notes[f->carry_number];
    size_t from = skip_discardable(nv, f->carry_from);
    size_t to = whole ? nv->len : note_fit(nv, from, room);
    if (to == from && !whole) /* not even its first lines: they go anyway */
        for (to = from; to < nv->len; to++) {
            const lay_vitem *e = &g_array_index(nv, lay_vitem, to);
            if (e->kind == LAY_V_PENALTY && e->penalty < LAY_PENALTY_NEVER && to > from)
                break;
        }
    lay_note_part part = {f->carry_number, from, to};
    g_array_append_val(plan->notes, part);
    plan->n_carried = 1;
    double h = lay_part_height(nv, from, to);
    if (to >= nv->len)
        f->carrying = false;
    else
        f->carry_from = to;
    return h;
}

/* Decides the notes of a page whose body is [plan->start, plan->end). */
static void plan_notes(flow *f, lay_page_plan *plan, double body)
{
    lay_ctx *c = f->c;
    GArray *numbers = g_array_new(FALSE, FALSE, sizeof(unsigned));
    for (size_t i = plan->start; i < plan->end; i++)
        box_notes(c, &g_array_index(f->v, lay_vitem, i), numbers);
    double room = c->m.body_height - body;
    if (f->carrying || numbers->len)
        room -= f->sep;
    if (f->carrying) {
        room -= plan_carried(f, plan, room, true);
        if (numbers->len)
            room -= c->m.note_gap;
    }
    for (guint k = 0; k < numbers->len; k++) {
        unsigned n = g_array_index(numbers, unsigned, k);
        GArray *nv = c->notes[n];
        bool last = k + 1 == numbers->len;
        size_t to = last ? note_fit(nv, 0, room) : nv->len;
        if (to > 0) {
            lay_note_part part = {n, 0, to};
            g_array_append_val(plan->notes, part);
        }
        room -= lay_part_height(nv, 0, to) + c->m.note_gap;
        if (to < nv->len) {
            f->carrying = true;
            f->carry_number = n;
            f->carry_from = to;
        }
    }
    g_array_free(numbers, TRUE);
}

/* The body height of [from, to) as composed, with the page-top additions and
 * the padding owed at the bottom for decorations left open. */
static double body_height(flow *f, size_t from, size_t to)
{
    double h = lay_carry_top(&f->carry);
    GArray *pads = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < f->carry.decos->len; i++)
        g_array_append_val(pads, g_array_index(f->carry.decos, lay_deco, i).pad);
    for (size_t i = from; i < to; i++) {
        const lay_vitem *e = &g_array_index(f->v, lay_vitem, i);
        if (e->kind == LAY_V_BOX || e->kind == LAY_V_GLUE)
            h += e->size;
        else if (e->kind == LAY_V_OPEN)
            g_array_append_val(pads, e->deco.pad);
        else if (e->kind == LAY_V_CLOSE && pads->len)
            g_array_set_size(pads, pads->len - 1);
    }
    for (guint i = 0; i < pads->len; i++)
        h += g_array_index(pads, double, i);
    g_array_free(pads, TRUE);
    return h;
}

/* Finds where the page that starts at start ends: sets *end (items of this
 * page end before it) and *next (the next page's first item). Returns false
 * when the list ran out first: then more items may still join the page. */
static bool find_break(flow *f, size_t start, size_t *end, size_t *next)
{
    bool decided = true;
    lay_ctx *c = f->c;
    GArray *v = f->v;
    double avail = c->m.body_height;
    double h = lay_carry_top(&f->carry);
    double carried = carried_height(f);
    GArray *pads = g_array_new(FALSE, FALSE, sizeof(double));
    double bottom = 0;
    for (guint i = 0; i < f->carry.decos->len; i++) {
        double p = g_array_index(f->carry.decos, lay_deco, i).pad;
        g_array_append_val(pads, p);
        bottom += p;
    }
    note_sum notes = {0};
    GArray *brought = g_array_new(FALSE, FALSE, sizeof(unsigned));
    size_t best = SIZE_MAX;
    bool any_box = false;
    *end = *next = v->len;
    for (size_t j = start; j < v->len; j++) {
        const lay_vitem *e = &g_array_index(v, lay_vitem, j);
        switch (e->kind) {
        case LAY_V_GLUE:
            h += e->size;
            break;
        case LAY_V_PENALTY:
            if (e->penalty <= LAY_PENALTY_FORCE && any_box) {
                *end = j;
                *next = j + 1;
                goto out;
            }
            if (e->penalty < LAY_PENALTY_NEVER)
                best = j;
            break;
        case LAY_V_OPEN:
            g_array_append_val(pads, e->deco.pad);
            bottom += e->deco.pad;
            break;
        case LAY_V_CLOSE:
            if (pads->len) {
                bottom -= g_array_index(pads, double, pads->len - 1);
                g_array_set_size(pads, pads->len - 1);
            }
            break;
        case LAY_V_BOX: {
            note_sum trial = notes;
            if (e->box->notes) {
                g_array_set_size(brought, 0);
                box_notes(c, e, brought);
                for (guint k = 0; k < brought->len; k++)
                    note_sum_add(c, &trial, g_array_index(brought, unsigned, k));
            }
            double demand = 0;
            if (trial.count || f->carrying)
                demand = f->sep + carried + trial.whole + trial.last_min +
                         (trial.count && f->carrying ? c->m.note_gap : 0);
            if (h + e->size + bottom + demand <= avail + EPS) {
                h += e->size;
                notes = trial;
                any_box = true;
                break;
            }
            if (!any_box) { /* taller than an empty page: alone it goes */
                *end = *next = j + 1;
                goto out;
            }
            if (best != SIZE_MAX) {
                *end = best;
                *next = best + 1;
            } else {
                *end = *next = j;
            }
            goto out;
        }
        default:
            break;
        }
    }
    decided = false;
out:
    g_array_free(brought, TRUE);
    g_array_free(pads, TRUE);
    return decided;
}

lay_flow *lay_flow_new(lay_ctx *c, GArray *v)
{
    flow *f = g_new0(flow, 1);
    f->c = c;
    f->v = v;
    f->carry.decos = g_array_new(FALSE, FALSE, sizeof(lay_deco));
    f->carry.note_decos = g_array_new(FALSE, FALSE, sizeof(lay_deco));
    f->carry.heads = g_ptr_array_new_with_free_func((GDestroyNotify)lay_box_free);
    f->sep = c->m.note_sep_above + c->m.note_sep_below;
    return f;
}

void lay_flow_free(lay_flow *f)
{
    if (!f)
        return;
    g_array_free(f->carry.decos, TRUE);
    g_array_free(f->carry.note_decos, TRUE);
    g_ptr_array_free(f->carry.heads, TRUE);
    g_free(f);
}

/* Drops the notes a page placed to their end: nothing refers to their lists again. */
static void drop_placed_notes(lay_ctx *c, const lay_page_plan *plan)
{
    for (guint k = 0; k < plan->notes->len; k++) {
        const lay_note_part *p = &g_array_index(plan->notes, lay_note_part, k);
        if (c->notes[p->number] && p->to >= c->notes[p->number]->len) {
            lay_vlist_free(c->notes[p->number]);
            c->notes[p->number] = NULL;
        }
    }
}

void lay_flow_feed(lay_flow *f, bool final)
{
    lay_ctx *c = f->c;
    GArray *v = f->v;
    if (c->failed || c->stopped)
        return;
    lay_notes_catch_up(c);
    size_t i = skip_discardable(v, f->i);
    while (!c->stopped && (i < v->len || (final && (f->carrying || c->n_pages == 0)))) {
        lay_page_plan plan = {.start = i, .end = i};
        plan.notes = g_array_new(FALSE, FALSE, sizeof(lay_note_part));
        double top = lay_carry_top(&f->carry) + lay_carry_bottom(&f->carry);
        if (f->carrying && f->sep + carried_height(f) + (i < v->len ? top : 0) > c->m.body_height) {
            /* the rest of a long note fills this page */
            plan_carried(f, &plan, c->m.body_height - f->sep - top, false);
            plan.end = plan.start;
        } else {
            size_t end, next;
            if (!find_break(f, i, &end, &next) && !final) {
                g_array_free(plan.notes, TRUE);
                break; /* the page is not full yet: wait for more */
            }
            plan.end = end;
            plan_notes(f, &plan, body_height(f, i, end));
            i = next;
        }
        lay_page_compose(c, v, &plan, &f->carry);
        drop_placed_notes(c, &plan);
        g_array_free(plan.notes, TRUE);
        i = skip_discardable(v, i);
    }
    /* the placed items go (pages hold their own references to what they show) */
    for (size_t k = 0; k < i && k < v->len; k++)
        lay_box_free(g_array_index(v, lay_vitem, k).box);
    g_array_remove_range(v, 0, (guint)MIN(i, v->len));
    f->i = 0;
}
