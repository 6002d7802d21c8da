/* vlist.c: the vertical list and the builder that appends to it.
 *
 * Block layout never decides where pages break; it says where they may break
 * and at what cost, in the manner of TeX's vertical lists: between two boxes
 * the builder puts a penalty (the break point) and then the space owed (glue,
 * which a break discards). Space collapses: the space between two blocks is
 * the larger of what the first owes after it and the second wants before it.
 * A kept boundary (after a heading, a caption, inside a paragraph's first and
 * last lines) gets no break point at all. List markers and destinations wait
 * in the builder until the next box arrives, then ride on it. */
#include "internal.h"

void lb_init(lay_builder *b)
{
    memset(b, 0, sizeof *b);
    b->v = g_array_new(FALSE, TRUE, sizeof(lay_vitem));
    b->markers = g_ptr_array_new_with_free_func((GDestroyNotify)lay_box_free);
    b->dests = g_ptr_array_new();
}

void lay_vlist_free(GArray *v)
{
    if (!v)
        return;
    for (guint i = 0; i < v->len; i++)
        lay_box_free(g_array_index(v, lay_vitem, i).box);
    g_array_free(v, TRUE);
}

void lb_clear(lay_builder *b)
{
    lay_vlist_free(b->v);
    g_ptr_array_free(b->markers, TRUE);
    g_ptr_array_free(b->dests, TRUE);
    memset(b, 0, sizeof *b);
}

static void push(lay_builder *b, lay_vitem it)
{
    g_array_append_val(b->v, it);
}

void lb_space(lay_builder *b, double before)
{
    if (before > b->pending)
        b->pending = before;
}

void lb_keep(lay_builder *b)
{
    b->keep = true;
}

void lb_force_break(lay_builder *b)
{
    b->force = true;
}

/* The boundary before a box or an opening decoration. */
static void boundary(lay_builder *b, int penalty)
{
    if (b->fresh)
        b->pending = 0;
    if (b->started) {
        if (b->force)
            push(b, (lay_vitem){.kind = LAY_V_PENALTY, .penalty = LAY_PENALTY_FORCE});
        else if (!b->keep && penalty < LAY_PENALTY_NEVER)
            push(b, (lay_vitem){.kind = LAY_V_PENALTY, .penalty = penalty});
        if (b->pending > 0)
            push(b, (lay_vitem){.kind = LAY_V_GLUE, .size = b->pending});
    }
    b->pending = 0;
    b->keep = false;
    b->force = false;
    b->fresh = false;
    b->started = true;
}

void lb_box(lay_builder *b, lay_box *box, int penalty)
{
    boundary(b, penalty);
    /* markers go first, so the tagged PDF reads a list label before its item */
    for (guint i = b->markers->len; i-- > 0;) {
        lay_box *m = g_ptr_array_index(b->markers, i);
        double dy = (box->baseline > 0 ? box->baseline : m->baseline) - m->baseline;
        lay_box_prepend(box, m, 0, dy);
    }
    g_ptr_array_set_size(b->markers, 0);
    for (guint i = 0; i < b->dests->len; i++) {
        lay_item d = {.kind = LAY_ITEM_DEST, .name = g_ptr_array_index(b->dests, i)};
        g_array_append_val(box->items, d);
    }
    g_ptr_array_set_size(b->dests, 0);
    push(b, (lay_vitem){.kind = LAY_V_BOX, .size = box->height, .box = box});
}

void lb_open(lay_builder *b, const lay_deco *d)
{
    boundary(b, 0);
    push(b, (lay_vitem){.kind = LAY_V_OPEN, .deco = *d});
    if (d->pad > 0)
        push(b, (lay_vitem){.kind = LAY_V_GLUE, .size = d->pad, .keep = true});
    b->keep = true; /* no break between the top edge and the first line */
    b->fresh = true;
}

void lb_close(lay_builder *b, double pad)
{
    b->pending = 0;
    if (pad > 0)
        push(b, (lay_vitem){.kind = LAY_V_GLUE, .size = pad, .keep = true});
    push(b, (lay_vitem){.kind = LAY_V_CLOSE});
    b->keep = false;
}

void lb_head(lay_builder *b, lay_box *header)
{
    push(b, (lay_vitem){.kind = LAY_V_HEAD, .size = header->height, .box = header});
}

void lb_head_end(lay_builder *b)
{
    push(b, (lay_vitem){.kind = LAY_V_HEAD_END});
}

void lb_marker(lay_builder *b, lay_box *marker)
{
    g_ptr_array_add(b->markers, marker);
}

void lb_dest(lay_builder *b, const char *name)
{
    g_ptr_array_add(b->dests, (gpointer)name);
}

bool lb_has_markers(const lay_builder *b)
{
    return b->markers->len > 0 || b->dests->len > 0;
}
