/* dump.c: frames as stable text (--dump=frames), for golden tests.
 *
 * One line per page and per item, coordinates in points with two decimals,
 * colours as #rrggbb, text lines quoted with C escapes, then the outline and
 * the page map. Nothing depends on addresses or hash order. */
#include "internal.h"

static void quoted(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n && s[i]; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\')
            fprintf(out, "\\%c", ch);
        else if (ch == '\n')
            fputs("\\n", out);
        else if (ch < 0x20)
            fprintf(out, "\\x%02x", ch);
        else
            fputc(ch, out);
    }
    fputc('"', out);
}

static void item(FILE *out, const lay_item *it)
{
    char col[8];
    style_color_hex(it->color, col);
    switch (it->kind) {
    case LAY_ITEM_TEXT: {
        fprintf(out, "  text %.2f %.2f w=%.2f h=%.2f base=%.2f %s ", it->x, it->y, it->w, it->h,
                it->baseline, col);
        const char *t = pango_layout_get_text(it->layout);
        quoted(out, t + it->line->start_index, (size_t)it->line->length);
        fputc('\n', out);
        break;
    }
    case LAY_ITEM_RULE:
        fprintf(out, "  rule %.2f %.2f %.2f %.2f weight=%.2f %s\n", it->x, it->y, it->w, it->h,
                it->weight, col);
        break;
    case LAY_ITEM_RECT:
        fprintf(out, "  rect %.2f %.2f %.2f %.2f %s\n", it->x, it->y, it->w, it->h, col);
        break;
    case LAY_ITEM_IMAGE:
        fprintf(out, "  image %.2f %.2f %.2f %.2f ", it->x, it->y, it->w, it->h);
        quoted(out, it->image->path, strlen(it->image->path));
        fputc('\n', out);
        break;
    case LAY_ITEM_LINK:
        fprintf(out, "  link %.2f %.2f %.2f %.2f %s ", it->x, it->y, it->w, it->h,
                it->internal ? "dest" : "uri");
        quoted(out, it->name, strlen(it->name));
        fputc('\n', out);
        break;
    case LAY_ITEM_DEST:
        fprintf(out, "  dest %.2f %.2f ", it->x, it->y);
        quoted(out, it->name, strlen(it->name));
        fputc('\n', out);
        break;
    }
}

void lay_dump(const lay_doc *ld, FILE *out)
{
    for (guint p = 0; p < ld->pages->len; p++) {
        const lay_frame *f = g_ptr_array_index(ld->pages, p);
        fprintf(out, "page %u %.2fx%.2f\n", f->number, f->width, f->height);
        for (guint i = 0; i < f->items->len; i++)
            item(out, &g_array_index(f->items, lay_item, i));
    }
    fputs("outline\n", out);
    for (guint i = 0; i < ld->outline->len; i++) {
        const lay_outline_entry *e = &g_array_index(ld->outline, lay_outline_entry, i);
        fprintf(out, "  %d page=%u ", e->level, lay_dest_page(ld, e->dest));
        quoted(out, e->title, strlen(e->title));
        fputc(' ', out);
        quoted(out, e->dest, strlen(e->dest));
        fputc('\n', out);
    }
}
