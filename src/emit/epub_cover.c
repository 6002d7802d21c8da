/* epub_cover.c: the cover image, an SVG drawn from the metadata in the
 * style's colours: series, title and subtitle on the heading colour, authors
 * and date on a band of the box colour below. Text is set as glyph outlines
 * drawn by HarfBuzz (each glyph defined once, then placed with <use>), so the cover
 * looks the same in every reading system and library view and needs no font.
 * Lines break greedily at spaces, measured with the real advances; a long
 * title is set smaller until it fits. The faces are fontconfig's best match
 * for the heading family in fonts/; with no font there at all, there is no
 * cover image (the title page still opens the book). */
#include "epub.h"

#include <string.h>

/* A4 proportions, in SVG user units. */
#define COVER_W 1240.0
#define COVER_H 1754.0
#define COVER_MARGIN 110.0
#define COVER_BAND 380.0 /* height of the light band at the foot */
/* The title starts this large and shrinks by TITLE_STEP until it fits in
 * TITLE_MAX_LINES lines, but never below TITLE_MIN. */
#define TITLE_MAX 108.0
#define TITLE_MIN 56.0
#define TITLE_STEP 0.9
#define TITLE_MAX_LINES 6
#define SUBTITLE_MAX_LINES 3
#define AUTHOR_MAX_LINES 3

enum { FONT_REGULAR, FONT_BOLD, FONT_COUNT };
enum { INK_WHITE, INK_PALE, INK_TEXT, INK_MUTED, INK_COUNT };

typedef struct {
    int font, ink;
    hb_codepoint_t glyph;
    double x, y, scale;
} placed_glyph;

typedef struct {
    hb_blob_t *blob[FONT_COUNT];
    hb_face_t *face[FONT_COUNT];
    hb_font_t *font[FONT_COUNT];
    GArray *glyphs; /* placed_glyph */
} cover;

/* Appends v with up to `decimals` decimals, no trailing zeros, no locale. */
static void num_prec(GString *s, double v, int decimals)
{
    char fmt[8], buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_snprintf(fmt, sizeof fmt, "%%.%df", decimals);
    g_ascii_formatd(buf, sizeof buf, fmt, v);
    char *end = buf + strlen(buf);
    if (strchr(buf, '.')) {
        while (end[-1] == '0')
            *--end = '\0';
        if (end[-1] == '.')
            *--end = '\0';
    }
    g_string_append(s, strcmp(buf, "-0") == 0 ? "0" : buf);
}

/* Outlines and positions: a tenth of a unit is below any visible difference. */
static void num(GString *s, double v)
{
    num_prec(s, v, 1);
}

/* ---- glyph outlines as SVG path data (font units, y up) --------------------- */

static void draw_move(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float x, float y, void *u)
{
    UNUSED(f), UNUSED(st), UNUSED(u);
    g_string_append_c(d, 'M');
    num(d, x);
    g_string_append_c(d, ' ');
    num(d, y);
}

static void draw_line(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float x, float y, void *u)
{
    UNUSED(f), UNUSED(st), UNUSED(u);
    g_string_append_c(d, 'L');
    num(d, x);
    g_string_append_c(d, ' ');
    num(d, y);
}

static void draw_quad(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float cx, float cy, float x,
                      float y, void *u)
{
    UNUSED(f), UNUSED(st), UNUSED(u);
    g_string_append_c(d, 'Q');
    num(d, cx);
    g_string_append_c(d, ' ');
    num(d, cy);
    g_string_append_c(d, ' ');
    num(d, x);
    g_string_append_c(d, ' ');
    num(d, y);
}

static void draw_cubic(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float c1x, float c1y,
                       float c2x, float c2y, float x, float y, void *u)
{
    UNUSED(f), UNUSED(st), UNUSED(u);
    g_string_append_c(d, 'C');
    float v[6] = {c1x, c1y, c2x, c2y, x, y};
    for (int i = 0; i < 6; i++) {
        if (i)
            g_string_append_c(d, ' ');
        num(d, v[i]);
    }
}

static void draw_close(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, void *u)
{
    UNUSED(f), UNUSED(st), UNUSED(u);
    g_string_append_c(d, 'Z');
}

static hb_draw_funcs_t *draw_funcs(void)
{
    hb_draw_funcs_t *f = hb_draw_funcs_create();
    hb_draw_funcs_set_move_to_func(f, draw_move, NULL, NULL);
    hb_draw_funcs_set_line_to_func(f, draw_line, NULL, NULL);
    hb_draw_funcs_set_quadratic_to_func(f, draw_quad, NULL, NULL);
    hb_draw_funcs_set_cubic_to_func(f, draw_cubic, NULL, NULL);
    hb_draw_funcs_set_close_path_func(f, draw_close, NULL, NULL);
    hb_draw_funcs_make_immutable(f);
    return f;
}

/* ---- setting text ------------------------------------------------------------ */

static hb_buffer_t *shape(cover *c, int font, const char *text)
{
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text, -1, 0, -1);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(c->font[font], buf, NULL, 0);
    return buf;
}

/* The width of text at size, in user units. */
static double measure(cover *c, int font, const char *text, double size)
{
    hb_buffer_t *buf = shape(c, font, text);
    unsigned n;
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    double w = 0;
    for (unsigned i = 0; i < n; i++)
        w += pos[i].x_advance;
    hb_buffer_destroy(buf);
    return w * size / hb_face_get_upem(c->face[font]);
}

/* Places text with its baseline starting at x, y. */
static void place(cover *c, int font, int ink, const char *text, double x, double y, double size)
{
    hb_buffer_t *buf = shape(c, font, text);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    double scale = size / hb_face_get_upem(c->face[font]), pen = 0;
    for (unsigned i = 0; i < n; i++) {
        placed_glyph g = {font,
                          ink,
                          info[i].codepoint,
                          x + (pen + pos[i].x_offset) * scale,
                          y - pos[i].y_offset * scale,
                          scale};
        g_array_append_val(c->glyphs, g);
        pen += pos[i].x_advance;
    }
    hb_buffer_destroy(buf);
}

/* Breaks text into lines no wider than width at its spaces; a word wider
 * than the line stands alone. Free with g_ptr_array_free. */
static GPtrArray *wrap(cover *c, int font, const char *text, double size, double width)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    char **words = g_strsplit_set(text, " \t\n", -1);
    GString *line = g_string_new(NULL);
    for (char **w = words; *w; w++) {
        if (!**w)
            continue;
        size_t keep = line->len;
        if (line->len)
            g_string_append_c(line, ' ');
        g_string_append(line, *w);
        if (keep && measure(c, font, line->str, size) > width) {
            g_ptr_array_add(lines, g_strndup(line->str, keep));
            g_string_assign(line, *w);
        }
    }
    if (line->len)
        g_ptr_array_add(lines, g_strdup(line->str));
    g_string_free(line, TRUE);
    g_strfreev(words);
    return lines;
}

/* The lowest baseline text on the coloured part may have. */
#define COVER_TOP_BOTTOM (COVER_H - COVER_BAND - 60.0)

/* Sets text as a block of at most max_lines lines from baseline y down,
 * never into the light band from above nor off the foot; returns the
 * baseline after the last line. */
static double block(cover *c, int font, int ink, const char *text, double y, double size,
                    double leading, int max_lines)
{
    double bottom = y < COVER_TOP_BOTTOM ? COVER_TOP_BOTTOM : COVER_H - 60.0;
    GPtrArray *lines = wrap(c, font, text, size, COVER_W - 2 * COVER_MARGIN);
    for (guint i = 0; i < lines->len && (int)i < max_lines && y <= bottom; i++) {
        place(c, font, ink, lines->pdata[i], COVER_MARGIN, y, size);
        y += size * leading;
    }
    g_ptr_array_free(lines, TRUE);
    return y;
}

/* The largest title size (from TITLE_MAX down) that fits in TITLE_MAX_LINES. */
static double title_size(cover *c, const char *title)
{
    double size = TITLE_MAX;
    for (; size > TITLE_MIN; size *= TITLE_STEP) {
        GPtrArray *lines = wrap(c, FONT_BOLD, title, size, COVER_W - 2 * COVER_MARGIN);
        bool fits = lines->len <= TITLE_MAX_LINES;
        g_ptr_array_free(lines, TRUE);
        if (fits)
            break;
    }
    return MAX(size, TITLE_MIN);
}

static void layout(cover *c, const epub_plan *p)
{
    const doc_meta *m = &p->d->meta;
    double y = 250;
    if (m->series && *m->series) {
        char *up = g_utf8_strup(m->series, -1);
        char *line =
            m->number && *m->number ? g_strconcat(up, "  \u00b7  ", m->number, NULL) : g_strdup(up);
        block(c, FONT_REGULAR, INK_PALE, line, y, 38, 1.3, 2);
        g_free(line);
        g_free(up);
    }
    double size = title_size(c, p->title);
    y = block(c, FONT_BOLD, INK_WHITE, p->title, 430 + size * 0.8, size, 1.14, TITLE_MAX_LINES);
    if (m->subtitle && *m->subtitle)
        block(c, FONT_REGULAR, INK_PALE, m->subtitle, y + 40, 50, 1.3, SUBTITLE_MAX_LINES);

    GString *authors = g_string_new(NULL);
    for (size_t i = 0; i < m->n_authors; i++) {
        if (!m->authors[i].name || !*m->authors[i].name)
            continue;
        if (authors->len)
            g_string_append(authors, ", ");
        g_string_append(authors, m->authors[i].name);
    }
    y = COVER_H - COVER_BAND + 130;
    if (authors->len)
        y = block(c, FONT_BOLD, INK_TEXT, authors->str, y, 46, 1.3, AUTHOR_MAX_LINES);
    g_string_free(authors, TRUE);
    if (p->date_shown)
        block(c, FONT_REGULAR, INK_MUTED, p->date_shown, MAX(y + 10, COVER_H - 110), 38, 1.3, 1);
}

/* ---- the SVG ------------------------------------------------------------------ */

static void rect(xmlTextWriterPtr w, double x, double y, double width, double height, uint32_t rgb)
{
    GString *s = g_string_new(NULL);
    char hex[8];
    style_color_hex(rgb, hex);
    xhtml_start(w, "rect");
    double v[4] = {x, y, width, height};
    static const char *const names[4] = {"x", "y", "width", "height"};
    for (int i = 0; i < 4; i++) {
        g_string_truncate(s, 0);
        num(s, v[i]);
        xhtml_attr(w, names[i], s->str);
    }
    xhtml_attr(w, "fill", hex);
    xhtml_end_void(w);
    xhtml_text(w, "\n");
    g_string_free(s, TRUE);
}

/* <defs> with each glyph's outline once, in order of first use. */
static void glyph_defs(cover *c, xmlTextWriterPtr w)
{
    hb_draw_funcs_t *funcs = draw_funcs();
    GHashTable *done = g_hash_table_new(g_direct_hash, g_direct_equal);
    GString *d = g_string_new(NULL);
    xhtml_start(w, "defs");
    xhtml_text(w, "\n");
    for (guint i = 0; i < c->glyphs->len; i++) {
        const placed_glyph *g = &g_array_index(c->glyphs, placed_glyph, i);
        gpointer key = GUINT_TO_POINTER((g->glyph << 1 | (unsigned)g->font) + 1);
        if (g_hash_table_contains(done, key))
            continue;
        g_hash_table_add(done, key);
        g_string_truncate(d, 0);
        hb_font_get_glyph_shape(c->font[g->font], g->glyph, funcs, d);
        char id[32];
        g_snprintf(id, sizeof id, "g%d-%u", g->font, g->glyph);
        xhtml_start(w, "path");
        xhtml_attr(w, "id", id);
        xhtml_attr(w, "d", d->len ? d->str : "M0 0");
        xhtml_end_void(w);
        xhtml_text(w, "\n");
    }
    xhtml_end(w);
    xhtml_text(w, "\n");
    g_string_free(d, TRUE);
    g_hash_table_destroy(done);
    hb_draw_funcs_destroy(funcs);
}

/* The placed glyphs of one ink, as <use> of their outlines, flipped to y down. */
static void glyph_uses(cover *c, xmlTextWriterPtr w, int ink, const char *fill, const char *opacity)
{
    GString *s = g_string_new(NULL);
    xhtml_start(w, "g");
    xhtml_attr(w, "fill", fill);
    xhtml_attr(w, "fill-opacity", opacity);
    xhtml_text(w, "\n");
    for (guint i = 0; i < c->glyphs->len; i++) {
        const placed_glyph *g = &g_array_index(c->glyphs, placed_glyph, i);
        if (g->ink != ink)
            continue;
        char id[40];
        g_snprintf(id, sizeof id, "#g%d-%u", g->font, g->glyph);
        g_string_assign(s, "matrix(");
        num_prec(s, g->scale, 5);
        g_string_append(s, " 0 0 ");
        num_prec(s, -g->scale, 5);
        g_string_append_c(s, ' ');
        num(s, g->x);
        g_string_append_c(s, ' ');
        num(s, g->y);
        g_string_append(s, ")");
        xhtml_start(w, "use");
        xhtml_attr(w, "xlink:href", id);
        xhtml_attr(w, "transform", s->str);
        xhtml_end_void(w);
        xhtml_text(w, "\n");
    }
    xhtml_end(w);
    xhtml_text(w, "\n");
    g_string_free(s, TRUE);
}

static GBytes *write_svg(cover *c, const epub_plan *p)
{
    const style *s = p->s;
    xmlBufferPtr buf;
    xmlTextWriterPtr w = xhtml_writer_new(&buf);
    xhtml_start(w, "svg");
    xhtml_attr(w, "xmlns", "http://www.w3.org/2000/svg");
    xhtml_attr(w, "xmlns:xlink", "http://www.w3.org/1999/xlink");
    xhtml_attr(w, "version", "1.1");
    xhtml_attr(w, "width", "1240");
    xhtml_attr(w, "height", "1754");
    xhtml_attr(w, "viewBox", "0 0 1240 1754");
    xhtml_text(w, "\n");
    xhtml_element(w, "title", p->title);
    xhtml_text(w, "\n");
    glyph_defs(c, w);
    rect(w, 0, 0, COVER_W, COVER_H, s->heading_color);
    rect(w, 0, COVER_H - COVER_BAND, COVER_W, COVER_BAND, s->box_color);
    rect(w, COVER_MARGIN, 150, 150, 12, s->accent_color);
    rect(w, 0, COVER_H - COVER_BAND, COVER_W, 12, s->accent_color);
    char text[8], muted[8];
    style_color_hex(s->text_color, text);
    style_color_hex(s->muted_color, muted);
    glyph_uses(c, w, INK_WHITE, "#ffffff", NULL);
    glyph_uses(c, w, INK_PALE, "#ffffff", "0.82");
    glyph_uses(c, w, INK_TEXT, text, NULL);
    glyph_uses(c, w, INK_MUTED, muted, NULL);
    xhtml_end(w);
    return xhtml_writer_finish(w, buf);
}

/* Loads a face of the heading family; false when fonts/ lacks it. */
static bool load_font(cover *c, int i, const char *family, bool bold)
{
    char *path = fonts_file_lookup(family, bold, false);
    if (!path)
        return false;
    c->blob[i] = hb_blob_create_from_file_or_fail(path);
    if (c->blob[i])
        deps_record(path);
    g_free(path);
    if (!c->blob[i])
        return false;
    c->face[i] = hb_face_create(c->blob[i], 0);
    c->font[i] = hb_font_create(c->face[i]);
    return hb_face_get_glyph_count(c->face[i]) > 0;
}

GBytes *epub_cover_svg(const epub_plan *p)
{
    cover c = {0};
    GBytes *svg = NULL;
    c.glyphs = g_array_new(FALSE, FALSE, sizeof(placed_glyph));
    const char *family = p->s->heading_font;
    if (!family || !load_font(&c, FONT_REGULAR, family, false) ||
        !load_font(&c, FONT_BOLD, family, true))
        goto out;
    layout(&c, p);
    svg = write_svg(&c, p);
out:
    for (int i = 0; i < FONT_COUNT; i++) {
        if (c.font[i])
            hb_font_destroy(c.font[i]);
        if (c.face[i])
            hb_face_destroy(c.face[i]);
        if (c.blob[i])
            hb_blob_destroy(c.blob[i]);
    }
    g_array_free(c.glyphs, TRUE);
    return svg;
}
