/* frame.c: the data the layout produces: items, the boxes of the vertical
 * list and the page frames.
 *
 * An item owns references to what it shows (Pango layout and line, image), so
 * an item copied into a page frame outlives the box it came from; strings
 * (destinations, URIs) live in the lay_doc's arena. A box is a small frame
 * whose items have y relative to its top; page.c moves them onto pages. */
#include "internal.h"

lay_image *lay_image_ref(lay_image *img)
{
    if (img)
        img->refs++;
    return img;
}

void lay_image_unref(lay_image *img)
{
    if (!img || --img->refs > 0)
        return;
    if (img->surface)
        cairo_surface_destroy(img->surface);
    if (img->svg)
        g_object_unref(img->svg);
    g_free(img->path);
    g_free(img);
}

void lay_item_copy(lay_item *dst, const lay_item *src)
{
    *dst = *src;
    if (dst->layout)
        g_object_ref(dst->layout);
    if (dst->line)
        pango_layout_line_ref(dst->line);
    lay_image_ref(dst->image);
}

void lay_item_clear(lay_item *it)
{
    if (it->line)
        pango_layout_line_unref(it->line);
    if (it->layout)
        g_object_unref(it->layout);
    lay_image_unref(it->image);
    it->line = NULL;
    it->layout = NULL;
    it->image = NULL;
}

static void items_free(GArray *items)
{
    if (!items)
        return;
    for (guint i = 0; i < items->len; i++)
        lay_item_clear(&g_array_index(items, lay_item, i));
    g_array_free(items, TRUE);
}

lay_box *lay_box_new(double height, double baseline)
{
    lay_box *b = g_new0(lay_box, 1);
    b->height = height;
    b->baseline = baseline;
    b->items = g_array_new(FALSE, FALSE, sizeof(lay_item));
    return b;
}

void lay_box_free(lay_box *b)
{
    if (!b)
        return;
    items_free(b->items);
    if (b->notes)
        g_array_free(b->notes, TRUE);
    g_free(b);
}

void lay_box_add(lay_box *b, const lay_item *it)
{
    lay_item copy;
    lay_item_copy(&copy, it);
    g_array_append_val(b->items, copy);
}

void lay_box_add_note(lay_box *b, unsigned number, double y)
{
    if (!b->notes)
        b->notes = g_array_new(FALSE, FALSE, sizeof(lay_note_ref));
    lay_note_ref r = {number, y};
    g_array_append_val(b->notes, r);
}

const lay_tag *lay_tag_new(arena *a, const char *role, const lay_tag *parent)
{
    lay_tag *t = ARENA_NEW(a, lay_tag);
    t->role = role;
    t->parent = parent;
    return t;
}

const lay_tag *lay_tag_group(arena *a, const char *role, const lay_tag *parent)
{
    lay_tag *t = (lay_tag *)lay_tag_new(a, role, parent);
    t->group = true;
    return t;
}

lay_box *lay_box_copy_plain(const lay_box *b)
{
    lay_box *c = lay_box_new(b->height, b->baseline);
    for (guint i = 0; i < b->items->len; i++) {
        const lay_item *it = &g_array_index(b->items, lay_item, i);
        if (it->kind != LAY_ITEM_DEST)
            lay_box_add(c, it);
    }
    return c;
}

void lay_box_absorb(lay_box *dst, lay_box *src, double dx, double dy)
{
    for (guint i = 0; i < src->items->len; i++) {
        lay_item it = g_array_index(src->items, lay_item, i); /* the reference moves */
        it.x += dx;
        it.y += dy;
        g_array_append_val(dst->items, it);
    }
    g_array_set_size(src->items, 0);
    if (src->notes)
        for (guint i = 0; i < src->notes->len; i++) {
            const lay_note_ref *r = &g_array_index(src->notes, lay_note_ref, i);
            lay_box_add_note(dst, r->number, r->y + dy);
        }
    if (src->mark && !dst->mark)
        dst->mark = src->mark;
    if (src->src.node && !dst->src.node)
        dst->src = src->src;
}

void lay_box_prepend(lay_box *b, lay_box *src, double dx, double dy)
{
    GArray *rest = b->items;
    b->items = g_array_new(FALSE, FALSE, sizeof(lay_item));
    lay_box_absorb(b, src, dx, dy);
    g_array_append_vals(b->items, rest->data, rest->len); /* the references move */
    g_array_free(rest, TRUE);
}

/* The vertical extent of an item. */
static void item_span(const lay_item *it, double *top, double *bottom)
{
    *top = MIN(it->y, it->y + it->h);
    *bottom = MAX(it->y, it->y + it->h);
}

static gint cmp_double(gconstpointer a, gconstpointer b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

GPtrArray *lay_box_slice(const lay_box *b, double limit)
{
    if (b->height <= limit || limit <= 0)
        return NULL;
    /* Candidate cuts are the tops of text lines that no other item crosses. */
    GArray *cuts = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < b->items->len; i++) {
        const lay_item *it = &g_array_index(b->items, lay_item, i);
        if (it->kind != LAY_ITEM_TEXT || it->y <= 0)
            continue;
        bool crossed = false;
        for (guint j = 0; j < b->items->len && !crossed; j++) {
            const lay_item *o = &g_array_index(b->items, lay_item, j);
            double t, u;
            item_span(o, &t, &u);
            if (o->kind != LAY_ITEM_LINK && o->kind != LAY_ITEM_RECT && t < it->y - 0.01 &&
                u > it->y + 0.01)
                crossed = true;
        }
        if (!crossed)
            g_array_append_val(cuts, it->y);
    }
    GPtrArray *bands = NULL;
    if (cuts->len == 0)
        goto out;
    /* Sort and pick greedily the furthest cut within limit of the band's start. */
    g_array_sort(cuts, cmp_double);
    GArray *chosen = g_array_new(FALSE, FALSE, sizeof(double));
    double start = 0;
    guint k = 0;
    while (k < cuts->len) {
        double best = -1;
        while (k < cuts->len && g_array_index(cuts, double, k) - start <= limit) {
            if (g_array_index(cuts, double, k) > start + 0.01)
                best = g_array_index(cuts, double, k);
            k++;
        }
        if (best < 0) /* the next line alone is taller than limit: cut after it */
            best = g_array_index(cuts, double, k++);
        if (b->height - best < 0.01)
            break;
        g_array_append_val(chosen, best);
        start = best;
    }
    double end = b->height;
    g_array_append_val(chosen, end);
    bands = g_ptr_array_new_with_free_func((GDestroyNotify)lay_box_free);
    double top = 0;
    for (guint c = 0; c < chosen->len; c++) {
        double bottom = g_array_index(chosen, double, c);
        lay_box *band = lay_box_new(bottom - top, 0);
        if (c == 0)
            band->src = b->src;
        bool last = c + 1 == chosen->len;
        for (guint i = 0; i < b->items->len; i++) {
            const lay_item *it = &g_array_index(b->items, lay_item, i);
            double t, u;
            item_span(it, &t, &u);
            if (it->kind == LAY_ITEM_RECT) {
                /* a background is cut into each band it covers */
                double a = MAX(t, top), z = MIN(u, bottom);
                if (z <= a)
                    continue;
                lay_item copy;
                lay_item_copy(&copy, it);
                copy.y = a - top;
                copy.h = z - a;
                g_array_append_val(band->items, copy);
                continue;
            }
            if ((t >= top - 0.01 && t < bottom - 0.01) || (last && t >= bottom - 0.01)) {
                lay_item copy;
                lay_item_copy(&copy, it);
                copy.y -= top;
                g_array_append_val(band->items, copy);
                if (it->kind == LAY_ITEM_TEXT && band->baseline == 0)
                    band->baseline = copy.y + copy.baseline;
            }
        }
        /* a note goes with the band that holds its reference's line */
        for (guint i = 0; b->notes && i < b->notes->len; i++) {
            const lay_note_ref *r = &g_array_index(b->notes, lay_note_ref, i);
            if ((r->y >= top - 0.01 || c == 0) && (r->y < bottom - 0.01 || last))
                lay_box_add_note(band, r->number, r->y - top);
        }
        if (c == 0)
            band->mark = b->mark;
        g_ptr_array_add(bands, band);
        top = bottom;
    }
    g_array_free(chosen, TRUE);
out:
    g_array_free(cuts, TRUE);
    if (bands && bands->len < 2) {
        g_ptr_array_free(bands, TRUE);
        bands = NULL;
    }
    return bands;
}

lay_frame *lay_frame_new(unsigned number, double width, double height)
{
    lay_frame *f = g_new0(lay_frame, 1);
    f->number = number;
    f->width = width;
    f->height = height;
    f->items = g_array_new(FALSE, FALSE, sizeof(lay_item));
    return f;
}

void lay_frame_free(lay_frame *f)
{
    if (!f)
        return;
    items_free(f->items);
    g_free(f);
}

void lay_frame_add(lay_frame *f, const lay_item *it, double dx, double dy)
{
    lay_item copy;
    lay_item_copy(&copy, it);
    copy.x += dx;
    copy.y += dy;
    g_array_append_val(f->items, copy);
}
