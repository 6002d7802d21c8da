/* title.c: the title block that opens page 1, from the front matter.
 *
 * A policy briefing's front: the series line (small capitals in the accent
 * colour over a heavy accent rule), the title, the subtitle, the authors with
 * their affiliations, the date in the document's language, a light rule, and
 * the abstract in a shaded box headed "Summary". The body follows on the same
 * page. Every part is ordinary boxes in the vertical list, kept together up
 * to the abstract, which may break across pages like any shaded box. In the
 * tagged PDF the title is a heading (H1), the other lines paragraphs, the
 * abstract a Div. */
#include "internal.h"

/* "February 2013" ("Febrero de 2013"): the month, capitalised as it stands
 * alone on its line, and the year; a bare year as it is. Caller frees. */
static char *month_year(const char *lang, const char *iso)
{
    int y, m, d;
    if (!iso || !term_date_parse(iso, &y, &m, &d))
        return NULL;
    char *words = term_date_words(lang, y, m, 0);
    char *rest = g_utf8_next_char(words);
    char *first = g_utf8_strup(words, rest - words);
    char *s = g_strconcat(first, rest, NULL);
    g_free(first);
    g_free(words);
    return s;
}

/* Letter spacing of the series line, as a fraction of its size. */
#define SERIES_TRACKING 0.08
/* Leading of the title and subtitle, as a multiple of their sizes, and of the
 * series, author and date lines. */
#define TITLE_LEADING 1.15
#define LINE_LEADING 1.4
/* Space above each part, in title gaps (metrics). */
#define ABOVE_SERIES_RULE 0.3
#define ABOVE_TITLE 1.5
#define ABOVE_SUBTITLE 0.5
#define ABOVE_AUTHORS 1.2
#define ABOVE_DATE 0.3
#define ABOVE_BODY 1.5 /* in float spaces */

/* Emits one paragraph of plain or inline text, kept with what follows. */
static void part(lay_ctx *c, lay_builder *b, lay_inline *in, const lay_font *f, double leading,
                 double space_before, const char *role)
{
    lay_para p = {.font = *f,
                  .leading = leading,
                  .x = 0,
                  .width = c->m.text_width,
                  .align = PANGO_ALIGN_LEFT,
                  .wrap = PANGO_WRAP_WORD_CHAR,
                  .tag = lay_tag_new(c->arena, role, NULL)};
    lb_space(b, space_before);
    lay_emit_lines(c, b, lay_lines(c, in, &p), true);
    lb_keep(b);
}

static void rule(lay_ctx *c, lay_builder *b, double weight, uint32_t color, double space_before)
{
    lay_box *box = lay_box_new(weight, 0);
    lay_item r = {.kind = LAY_ITEM_RULE,
                  .x = 0,
                  .y = weight / 2,
                  .w = c->m.text_width,
                  .weight = weight,
                  .color = color};
    lay_box_add(box, &r);
    lb_space(b, space_before);
    lb_box(b, box, 0);
    lb_keep(b);
}

static bool all_digits(const char *s)
{
    if (!s || !*s)
        return false;
    for (; *s; s++)
        if (!g_ascii_isdigit(*s))
            return false;
    return true;
}

static void series_line(lay_ctx *c, lay_builder *b, const doc_meta *m)
{
    GString *s = g_string_new(m->series ? m->series : "");
    if (m->number && *m->number) {
        if (s->len)
            g_string_append(s, "  \u00b7  ");
        if (all_digits(m->number))
            g_string_append(s, term_text(m->lang, TERM_NUMBER_ABBR));
        g_string_append(s, m->number);
    }
    char *upper = g_utf8_strup(s->str, -1);
    g_string_free(s, TRUE);
    lay_font f = {c->s->heading_font, c->m.series_size, true, false, c->s->accent_color};
    lay_inline in;
    lay_inline_init(&in);
    lay_inline_text(&in, upper, -1, -1, -1);
    lay_inline_tracking(&in, c->m.series_size * SERIES_TRACKING);
    part(c, b, &in, &f, c->m.series_size * LINE_LEADING, 0, "P");
    lay_inline_clear(&in);
    g_free(upper);
}

static void abstract(lay_ctx *c, lay_builder *b, const doc_node *root)
{
    double pad = c->m.box_pad;
    lay_deco d = {LAY_DECO_FILL, 0, c->m.text_width, pad, c->s->box_color};
    lb_space(b, c->m.float_space);
    lb_open(b, &d);
    const lay_tag *div = lay_tag_group(c->arena, "Div", NULL);
    lay_font f = {c->s->heading_font, c->m.series_size, true, false, c->s->accent_color};
    lay_inline in;
    lay_inline_init(&in);
    char *label = g_utf8_strup(term_text(c->d->meta.lang, TERM_SUMMARY), -1);
    lay_inline_text(&in, label, -1, -1, -1);
    g_free(label);
    lay_inline_tracking(&in, c->m.series_size * SERIES_TRACKING);
    lay_para p = {.font = f,
                  .leading = c->m.body_leading,
                  .x = pad,
                  .width = c->m.text_width - 2 * pad,
                  .align = PANGO_ALIGN_LEFT,
                  .wrap = PANGO_WRAP_WORD_CHAR,
                  .tag = lay_tag_new(c->arena, "P", div)};
    lay_emit_lines(c, b, lay_lines(c, &in, &p), true);
    lb_keep(b);
    lay_inline_clear(&in);
    lay_env env = {c->s->body_font,       c->s->body_size, c->m.body_leading,
                   c->s->text_color,      c->s->justify,   pad,
                   c->m.text_width - pad, false,           div};
    lay_blocks(c, b, root, &env);
    lb_close(b, pad);
}

void lay_title_block(lay_ctx *c, lay_builder *b)
{
    const doc_meta *m = &c->d->meta;
    bool any = m->title || m->subtitle || m->series || m->number || m->n_authors || m->date;
    if (!any && !m->abstract)
        return;
    if (any) {
        if ((m->series && *m->series) || (m->number && *m->number))
            series_line(c, b, m);
        rule(c, b, c->m.bar_weight, c->s->accent_color, c->m.title_gap * ABOVE_SERIES_RULE);
        lay_inline in;
        if (m->title) {
            lay_font f = {c->s->heading_font, c->s->title_size, true, false, c->s->heading_color};
            lay_inline_init(&in);
            lay_inline_text(&in, m->title, -1, -1, -1);
            part(c, b, &in, &f, c->s->title_size * TITLE_LEADING, c->m.title_gap * ABOVE_TITLE,
                 "H1");
            lay_inline_clear(&in);
        }
        if (m->subtitle) {
            lay_font f = {c->s->heading_font, c->m.subtitle_size, false, false,
                          c->s->heading_color};
            lay_inline_init(&in);
            lay_inline_text(&in, m->subtitle, -1, -1, -1);
            part(c, b, &in, &f, c->m.subtitle_size * TITLE_LEADING, c->m.title_gap * ABOVE_SUBTITLE,
                 "P");
            lay_inline_clear(&in);
        }
        for (size_t i = 0; i < m->n_authors; i++) {
            const doc_author *a = &m->authors[i];
            lay_font f = {c->s->heading_font, c->m.author_size, false, false, c->s->text_color};
            lay_inline_init(&in);
            lay_inline_text(&in, a->name ? a->name : "", 1, -1, -1);
            if (a->affiliation && *a->affiliation) {
                lay_inline_text(&in, ", ", -1, -1, c->s->muted_color);
                lay_inline_text(&in, a->affiliation, -1, -1, c->s->muted_color);
            }
            part(c, b, &in, &f, c->m.author_size * LINE_LEADING,
                 i == 0 ? c->m.title_gap * ABOVE_AUTHORS : 0, "P");
            lay_inline_clear(&in);
        }
        if (m->date && *m->date) {
            char *date = month_year(m->lang, m->date);
            lay_font f = {c->s->heading_font, c->m.author_size, false, false, c->s->muted_color};
            lay_inline_init(&in);
            lay_inline_text(&in, date ? date : m->date, -1, -1, -1);
            part(c, b, &in, &f, c->m.author_size * LINE_LEADING,
                 c->m.title_gap * (m->n_authors ? ABOVE_DATE : ABOVE_AUTHORS), "P");
            lay_inline_clear(&in);
            g_free(date);
        }
        rule(c, b, c->m.rule_light, c->s->rule_color, c->m.title_gap);
    }
    if (m->abstract && m->abstract->first)
        abstract(c, b, m->abstract);
    lb_space(b, c->m.float_space * ABOVE_BODY);
}
