/* floor.c: the least work any Pango/Cairo typesetter can do, for the
 * benchmark's "floor": read plain text (paragraphs separated by blank lines),
 * shape and break each paragraph with Pango at folio's body measure and
 * leading (justified, the body font), and draw the lines on A4 pages of a PDF
 * with Cairo, a new page when one is full. No markup, no hyphenation, no
 * notes, no structure, no links: every pipeline that sets this text with
 * Pango and Cairo does at least this much.
 *
 * Usage: floor IN.txt OUT.pdf   (prints the page count) */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* folio's house style (styles/briefing.yaml): A4, 24mm margins, Noto Serif
 * 10.5pt on 1.42 leading, 5pt between paragraphs */
#define PAGE_W 595.2756
#define PAGE_H 841.8898
#define MARGIN (24 * 72 / 25.4)
#define SIZE 10.5
#define LEADING (SIZE * 1.42)
#define PARA_SPACE 5.0

static cairo_status_t write_file(void *closure, const unsigned char *data, unsigned int len)
{
    return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: floor IN.txt OUT.pdf\n");
        return 2;
    }
    gchar *text = NULL;
    if (!g_file_get_contents(argv[1], &text, NULL, NULL)) {
        fprintf(stderr, "floor: cannot read %s\n", argv[1]);
        return 1;
    }
    FILE *out = fopen(argv[2], "wb");
    if (!out) {
        fprintf(stderr, "floor: cannot write %s\n", argv[2]);
        return 1;
    }
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(write_file, out, PAGE_W, PAGE_H);
    cairo_t *cr = cairo_create(surf);
    PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    PangoContext *ctx = pango_font_map_create_context(map);
    cairo_font_options_t *o = cairo_font_options_create();
    cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(ctx, o);
    cairo_font_options_destroy(o);
    pango_cairo_context_set_resolution(ctx, 72.0);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    PangoFontDescription *font = pango_font_description_from_string("Noto Serif");
    pango_font_description_set_absolute_size(font, SIZE * PANGO_SCALE);
    double width = PAGE_W - 2 * MARGIN, bottom = PAGE_H - MARGIN, y = MARGIN;
    int pages = 1;
    char **paras = g_strsplit(text, "\n\n", -1);
    for (char **p = paras; *p; p++) {
        g_strstrip(*p);
        if (!**p)
            continue;
        for (char *c = *p; *c; c++)
            if (*c == '\n')
                *c = ' ';
        PangoLayout *l = pango_layout_new(ctx);
        pango_layout_set_font_description(l, font);
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_justify(l, TRUE);
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(l, *p, -1);
        PangoLayoutIter *it = pango_layout_get_iter(l);
        do {
            if (y + LEADING > bottom) {
                cairo_show_page(cr);
                pages++;
                y = MARGIN;
            }
            PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
            int baseline = pango_layout_iter_get_baseline(it);
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, NULL, &logical);
            cairo_move_to(cr, MARGIN, y + (double)(baseline - logical.y) / PANGO_SCALE);
            pango_cairo_show_layout_line(cr, line);
            y += LEADING;
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        g_object_unref(l);
        y += PARA_SPACE;
    }
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    int status = cairo_surface_status(surf) == CAIRO_STATUS_SUCCESS ? 0 : 1;
    cairo_surface_destroy(surf);
    fclose(out);
    g_strfreev(paras);
    pango_font_description_free(font);
    g_object_unref(ctx);
    g_object_unref(map);
    g_free(text);
    printf("%d\n", pages);
    return status;
}
