/* css.c: the EPUB's stylesheet, generated from the house style.
 *
 * Sizes are in em relative to the body size, so a reader's own text size
 * setting scales the whole design; the body itself keeps the reading
 * system's size. Spacing given in points becomes em of the element it is
 * on (a heading's margin is relative to the heading's size). Fonts are the
 * embedded subsets (epub_fonts.c), each family falling back to its generic
 * kind. Which face each element uses must agree with plan_text in
 * epub_plan.c: headings, captions and tables in the heading family (headings
 * and table headers bold), code in the mono family, the rest in the body
 * family; em and strong switch to the italic and bold faces. */
#include "epub.h"

#include <math.h>
#include <string.h>

/* Wider windows (desktop readers, browsers) get a measure of about 70
 * characters instead of lines across the whole screen. */
#define CSS_MEASURE_EM 38
#define CSS_WIDE_WINDOW_EM 46

typedef struct {
    GString *out;
    const style *s;
} css;

/* Appends v with at most three decimals, no exponent, and no locale. */
static void num(css *c, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    if (!isfinite(v))
        v = 0;
    g_ascii_formatd(buf, sizeof buf, "%.3f", v);
    char *end = buf + strlen(buf);
    while (end > buf && end[-1] == '0')
        *--end = '\0';
    if (end > buf && end[-1] == '.')
        *--end = '\0';
    g_string_append(c->out, strcmp(buf, "-0") == 0 ? "0" : buf);
}

/* A length in points as em of an element whose font size is `size` points. */
static void em(css *c, double points, double size)
{
    num(c, size > 0 ? points / size : 0);
    g_string_append(c->out, "em");
}

static void color(css *c, uint32_t rgb)
{
    char hex[8];
    style_color_hex(rgb, hex);
    g_string_append(c->out, hex);
}

static void text(css *c, const char *t)
{
    g_string_append(c->out, t);
}

/* font-family: "Name", generic; */
static void family(css *c, const char *name, const char *generic)
{
    text(c, "font-family: ");
    if (name && *name) {
        css_string(c->out, name);
        text(c, ", ");
    }
    text(c, generic);
    text(c, ";");
}

static void font_faces(css *c, const epub_plan *p)
{
    for (guint i = 0; i < p->fonts->len; i++) {
        const epub_font *f = p->fonts->pdata[i];
        text(c, "@font-face {\n  font-family: ");
        css_string(c->out, f->family_name);
        text(c, ";\n  font-weight: ");
        text(c, f->bold ? "bold" : "normal");
        text(c, ";\n  font-style: ");
        text(c, f->italic ? "italic" : "normal");
        text(c, ";\n  src: url(");
        css_string(c->out, f->href);
        text(c, ");\n}\n");
    }
}

static void body(css *c)
{
    const style *s = c->s;
    double b = s->body_size;
    text(c, "\nbody {\n  ");
    family(c, s->body_font, "serif");
    text(c, "\n  color: ");
    color(c, s->text_color);
    text(c, ";\n  line-height: ");
    num(c, s->line_height);
    text(c, ";\n  widows: 2;\n  orphans: 2;\n}\n");
    g_string_append_printf(c->out,
                           "@media (min-width: %dem) {\n  body { max-width: %dem; margin-left: "
                           "auto; margin-right: auto; padding: 0 1.5em; }\n}\n",
                           CSS_WIDE_WINDOW_EM, CSS_MEASURE_EM);

    const char *hy = s->hyphenate ? "auto" : "manual";
    text(c, "\np {\n  margin: 0 0 ");
    em(c, s->paragraph_spacing, b);
    text(c, ";\n  text-align: ");
    text(c, s->justify ? "justify" : "left");
    g_string_append_printf(c->out, ";\n  -webkit-hyphens: %s;\n  hyphens: %s;\n}\n", hy, hy);
    if (s->paragraph_indent > 0) {
        text(c, "p + p { text-indent: ");
        em(c, s->paragraph_indent, b);
        text(c, "; }\n");
    }
    text(c, "a { color: ");
    color(c, s->link_color);
    text(c, "; text-decoration: underline; }\n"
            "strong { font-weight: bold; }\nem { font-style: italic; }\n"
            "del { text-decoration: line-through; }\n"
            "sup { font-size: 0.75em; line-height: 0; vertical-align: super; }\n"
            "img { max-width: 100%; }\n");
}

static void headings(css *c)
{
    const style *s = c->s;
    double b = s->body_size;
    text(c, "\nh1, h2, h3, h4, h5, h6 {\n  ");
    family(c, s->heading_font, "sans-serif");
    text(c, "\n  font-weight: bold;\n  color: ");
    color(c, s->heading_color);
    text(c, ";\n  line-height: 1.25;\n  text-align: left;\n  -webkit-hyphens: manual;\n"
            "  hyphens: manual;\n  page-break-after: avoid;\n  break-after: avoid;\n"
            "  page-break-inside: avoid;\n  break-inside: avoid;\n}\n");
    for (int level = 1; level <= 6; level++) {
        double size = style_heading_size(s, level);
        g_string_append_printf(c->out, "h%d { font-size: ", level);
        em(c, size, b);
        text(c, "; margin: ");
        em(c, s->heading_space_before, size);
        text(c, " 0 ");
        em(c, s->heading_space_after, size);
        text(c, "; }\n");
    }
    text(c, "h1 { margin-top: 0; }\n.secnum { color: ");
    color(c, s->accent_color);
    text(c, "; }\n");
}

static void blocks(css *c)
{
    const style *s = c->s;
    double b = s->body_size;
    text(c, "\nblockquote {\n  margin: 0 0 ");
    em(c, s->paragraph_spacing, b);
    text(c, " 0;\n  padding-left: ");
    em(c, s->block_indent - 3, b);
    text(c, ";\n  border-left: 3px solid ");
    color(c, s->rule_color);
    text(c, ";\n}\nul, ol {\n  margin: 0 0 ");
    em(c, s->paragraph_spacing, b);
    text(c, ";\n  padding-left: ");
    em(c, s->block_indent, b);
    text(c, ";\n}\nli > ul, li > ol { margin-bottom: 0; }\n"
            "li > p { margin-bottom: 0.4em; }\n"
            "li.task { list-style-type: none; }\n"
            "li.task input { margin: 0 0.3em 0 -1.2em; }\n"
            "hr {\n  border: 0;\n  border-top: 1px solid ");
    color(c, s->rule_color);
    text(c, ";\n  margin: 1.5em 25%;\n}\n");

    text(c, "\ncode {\n  ");
    family(c, s->mono_font, "monospace");
    text(c, "\n  font-size: ");
    em(c, s->code_size, b);
    text(c, ";\n  -webkit-hyphens: none;\n  hyphens: none;\n}\npre {\n  background-color: ");
    color(c, s->box_color);
    text(c, ";\n  margin: 0 0 ");
    em(c, s->paragraph_spacing, b);
    text(c, ";\n  padding: 0.6em 0.8em;\n  line-height: 1.35;\n  text-align: left;\n"
            "  white-space: pre-wrap;\n  word-wrap: break-word;\n  border-radius: 3px;\n}\n");

    text(c, "\ndiv.box {\n  background-color: ");
    color(c, s->box_color);
    text(c, ";\n  border-left: 3px solid ");
    color(c, s->accent_color);
    text(c, ";\n  padding: 0.7em 1em 0.1em;\n  margin: 0 0 ");
    em(c, s->paragraph_spacing * 2, b);
    text(c, ";\n  border-radius: 0 3px 3px 0;\n  page-break-inside: avoid;\n"
            "  break-inside: avoid;\n}\ndiv.box pre { background-color: #ffffff; }\n");
    /* resolved citations and the bibliography (CSL's hanging indent) */
    text(c, "\n.smallcaps { font-variant: small-caps; }\n.caption-label { font-weight: bold; }\n"
            "div.references p.csl-entry {\n  padding-left: 2em;\n  text-indent: -2em;\n"
            "  text-align: left;\n  margin: 0 0 0.4em;\n}\n");
}

static void tables_figures(css *c)
{
    const style *s = c->s;
    double b = s->body_size;
    text(c, "\ntable {\n  ");
    family(c, s->heading_font, "sans-serif");
    text(c, "\n  font-size: ");
    em(c, s->table_size, b);
    text(c, ";\n  line-height: 1.3;\n  border-collapse: collapse;\n  margin: 0 auto ");
    em(c, s->paragraph_spacing * 2, s->table_size);
    text(c, ";\n  border-top: 1.5px solid ");
    color(c, s->rule_color);
    text(c, ";\n  border-bottom: 1.5px solid ");
    color(c, s->rule_color);
    text(c, ";\n}\ncaption {\n  caption-side: top;\n  font-size: ");
    em(c, s->caption_size, s->table_size);
    text(c, ";\n  color: ");
    color(c, s->muted_color);
    text(c, ";\n  text-align: left;\n  padding-bottom: 0.4em;\n}\n"
            "th, td {\n  padding: 0.3em 0.6em;\n  text-align: left;\n  vertical-align: top;\n"
            "  -webkit-hyphens: manual;\n  hyphens: manual;\n}\n"
            "th { font-weight: bold; }\n"
            "thead th { border-bottom: 1px solid ");
    color(c, s->rule_color);
    text(c, "; vertical-align: bottom; }\n"
            ".left { text-align: left; }\n.center { text-align: center; }\n"
            ".right { text-align: right; }\n");

    text(c, "\nfigure {\n  margin: 0 0 ");
    em(c, s->paragraph_spacing * 2, b);
    text(c, ";\n  text-align: center;\n  page-break-inside: avoid;\n  break-inside: avoid;\n}\n"
            "figure img { max-width: 100%; height: auto; }\n"
            "figcaption, p.caption {\n  ");
    family(c, s->heading_font, "sans-serif");
    text(c, "\n  font-size: ");
    em(c, s->caption_size, b);
    text(c, ";\n  color: ");
    color(c, s->muted_color);
    text(c, ";\n  margin-top: 0.5em;\n  text-align: center;\n}\n"
            ".image-alt { color: ");
    color(c, s->muted_color);
    text(c, "; }\n");
}

static void notes(css *c)
{
    const style *s = c->s;
    text(c, "\na.noteref, a.fn-back, a.xref { text-decoration: none; }\n"
            ".footnotes {\n  margin-top: 2em;\n  padding-top: 0.6em;\n  border-top: 1px solid ");
    color(c, s->rule_color);
    text(c, ";\n  font-size: ");
    em(c, s->note_size, s->body_size);
    text(c, ";\n  line-height: 1.35;\n}\naside.footnote p { margin: 0 0 0.4em; text-indent: 0; }\n"
            "a.fn-back { font-weight: bold; }\n");
}

static void furniture(css *c)
{
    const style *s = c->s;
    double b = s->body_size;
    text(c, "\nbody.cover { margin: 0; padding: 0; max-width: none; text-align: center; }\n"
            ".cover img { max-width: 100%; max-height: 100vh; }\n");
    text(c, "\n.titlepage {\n  margin: 3em 0 2.5em;\n  text-align: center;\n}\n"
            ".titlepage p {\n  ");
    family(c, s->heading_font, "sans-serif");
    text(c, "\n  text-align: center;\n  text-indent: 0;\n  -webkit-hyphens: manual;\n"
            "  hyphens: manual;\n}\n.titlepage .series {\n  color: ");
    color(c, s->accent_color);
    text(c, ";\n  text-transform: uppercase;\n  letter-spacing: 0.08em;\n  font-size: 0.85em;\n"
            "  margin-bottom: 1.5em;\n}\n.titlepage h1.title {\n  font-size: ");
    em(c, s->title_size, b);
    text(c, ";\n  text-align: center;\n  margin: 0 0 0.3em;\n  line-height: 1.15;\n}\n"
            ".titlepage .subtitle {\n  font-size: 1.2em;\n  color: ");
    color(c, s->muted_color);
    text(c, ";\n  margin-bottom: 1.8em;\n}\n.titlepage .author { margin: 0 0 0.6em; }\n"
            ".titlepage .affiliation { color: ");
    color(c, s->muted_color);
    text(c, "; font-size: 0.9em; }\n.titlepage .date {\n  color: ");
    color(c, s->muted_color);
    text(c, ";\n  margin-top: 1.8em;\n}\n.abstract { margin: 0 0 2em; }\n.abstract h2 {\n"
            "  font-size: ");
    em(c, style_heading_size(s, 3), b);
    text(c, ";\n  margin-top: 0;\n}\n");

    text(c, "\nnav#toc ol { list-style-type: none; margin: 0; padding-left: 0; }\n"
            "nav#toc ol ol { padding-left: 1.5em; }\n"
            "nav#toc li { margin: 0.35em 0; }\n"
            "nav#toc > ol > li { margin-top: 0.7em; }\n"
            "nav#toc a { color: ");
    color(c, s->text_color);
    text(c, "; text-decoration: none; }\nnav#toc .secnum { color: ");
    color(c, s->accent_color);
    text(c, "; }\nnav[hidden] { display: none; }\n");
}

GBytes *css_stylesheet(const epub_plan *p)
{
    css c = {g_string_new("/* style.css: generated by folio from the house style. */\n"), p->s};
    font_faces(&c, p);
    body(&c);
    headings(&c);
    blocks(&c);
    tables_figures(&c);
    notes(&c);
    furniture(&c);
    return g_string_free_to_bytes(c.out);
}

/* Relative luminance, WCAG 2.1 definition. */
static double luminance(uint32_t rgb)
{
    double ch[3] = {((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                    (rgb & 0xff) / 255.0};
    for (int i = 0; i < 3; i++)
        ch[i] = ch[i] <= 0.03928 ? ch[i] / 12.92 : pow((ch[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

double css_contrast(uint32_t a, uint32_t b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
