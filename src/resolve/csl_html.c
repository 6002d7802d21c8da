/* csl_html.c: rich text -> citeproc-js's "html" output format, the format of
 * the CSL test suite's results: <i>, <b>, small-caps spans, <sup>, <sub>;
 * italics inside italics flip to font-style:normal (and likewise bold and
 * small caps); & < > as &#38; &#60; &#62;; Unicode superscript characters as
 * <sup>; display blocks as csl-block / csl-left-margin / csl-right-inline /
 * csl-indent divs with citeproc-js's line breaks. */
#include <string.h>

#include "csl_int.h"

typedef struct {
    bool italic, bold, small_caps;
} hctx;

/* Unicode superscript characters and what they stand for. */
static const gunichar superscripts[][2] = {
    {0x00AA, 0x0061}, {0x00B2, 0x0032}, {0x00B3, 0x0033}, {0x00B9, 0x0031}, {0x00BA, 0x006F},
    {0x02B0, 0x0068}, {0x02B1, 0x0266}, {0x02B2, 0x006A}, {0x02B3, 0x0072}, {0x02B4, 0x0279},
    {0x02B5, 0x027B}, {0x02B6, 0x0281}, {0x02B7, 0x0077}, {0x02B8, 0x0079}, {0x02E0, 0x0263},
    {0x02E1, 0x006C}, {0x02E2, 0x0073}, {0x02E3, 0x0078}, {0x02E4, 0x0295}, {0x1D2C, 0x0041},
    {0x1D2D, 0x00C6}, {0x1D2E, 0x0042}, {0x1D30, 0x0044}, {0x1D31, 0x0045}, {0x1D32, 0x018E},
    {0x1D33, 0x0047}, {0x1D34, 0x0048}, {0x1D35, 0x0049}, {0x1D36, 0x004A}, {0x1D37, 0x004B},
    {0x1D38, 0x004C}, {0x1D39, 0x004D}, {0x1D3A, 0x004E}, {0x1D3C, 0x004F}, {0x1D3D, 0x0222},
    {0x1D3E, 0x0050}, {0x1D3F, 0x0052}, {0x1D40, 0x0054}, {0x1D41, 0x0055}, {0x1D42, 0x0057},
    {0x1D43, 0x0061}, {0x1D44, 0x0250}, {0x1D45, 0x0251}, {0x1D46, 0x1D02}, {0x1D47, 0x0062},
    {0x1D48, 0x0064}, {0x1D49, 0x0065}, {0x1D4A, 0x0259}, {0x1D4B, 0x025B}, {0x1D4C, 0x025C},
    {0x1D4D, 0x0067}, {0x1D4F, 0x006B}, {0x1D50, 0x006D}, {0x1D51, 0x014B}, {0x1D52, 0x006F},
    {0x1D53, 0x0254}, {0x1D54, 0x1D16}, {0x1D55, 0x1D17}, {0x1D56, 0x0070}, {0x1D57, 0x0074},
    {0x1D58, 0x0075}, {0x1D59, 0x1D1D}, {0x1D5A, 0x026F}, {0x1D5B, 0x0076}, {0x1D5C, 0x1D25},
    {0x1D5D, 0x03B2}, {0x1D5E, 0x03B3}, {0x1D5F, 0x03B4}, {0x1D60, 0x03C6}, {0x1D61, 0x03C7},
    {0x2070, 0x0030}, {0x2071, 0x0069}, {0x2074, 0x0034}, {0x2075, 0x0035}, {0x2076, 0x0036},
    {0x2077, 0x0037}, {0x2078, 0x0038}, {0x2079, 0x0039}, {0x207A, 0x002B}, {0x207B, 0x2212},
    {0x207C, 0x003D}, {0x207D, 0x0028}, {0x207E, 0x0029}, {0x207F, 0x006E}, {0x02C0, 0x0294},
    {0x02C1, 0x0295}, {0x06E5, 0x0648}, {0x06E6, 0x064A},
};

/* Ideographic annotation marks ㆒..㆟ (U+3192..U+319F) and what they mark. */
static const gunichar kanbun[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E0A, 0x4E2D, 0x4E0B,
                                  0x7532, 0x4E59, 0x4E19, 0x4E01, 0x5929, 0x5730, 0x4EBA};

static gunichar superscript_base(gunichar c)
{
    if (c < 0xAA)
        return 0;
    if (c >= 0x3192 && c <= 0x319F)
        return kanbun[c - 0x3192];
    for (size_t i = 0; i < G_N_ELEMENTS(superscripts); i++)
        if (superscripts[i][0] == c)
            return superscripts[i][1];
    return 0;
}

static void text(GString *o, const char *s)
{
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        gunichar base;
        if (c == '&')
            g_string_append(o, "&#38;");
        else if (c == '<')
            g_string_append(o, "&#60;");
        else if (c == '>')
            g_string_append(o, "&#62;");
        else if (c == 0x2120 || c == 0x2122) /* ℠ ™ */
            g_string_append(o, c == 0x2120 ? "<sup>SM</sup>" : "<sup>TM</sup>");
        else if ((base = superscript_base(c))) {
            g_string_append(o, "<sup>");
            g_string_append_unichar(o, base);
            g_string_append(o, "</sup>");
        } else
            g_string_append_len(o, p, g_utf8_next_char(p) - p);
    }
}

static void html(GString *o, const csl_rich *r, hctx cx);

static void kids(GString *o, const csl_rich *r, hctx cx)
{
    for (const csl_rich *k = r->first; k; k = k->next)
        html(o, k, cx);
}

static void span(GString *o, const char *style, const csl_rich *r, hctx cx)
{
    g_string_append_printf(o, "<span style=\"%s\">", style);
    kids(o, r, cx);
    g_string_append(o, "</span>");
}

static void html(GString *o, const csl_rich *r, hctx cx)
{
    hctx in = cx;
    switch (r->kind) {
    case CSL_RICH_TEXT:
        if (r->text)
            text(o, r->text);
        return;
    case CSL_RICH_SEQ:
    case CSL_RICH_NOCASE:
        kids(o, r, cx);
        return;
    case CSL_RICH_ITALIC:
        in.italic = !cx.italic;
        if (!cx.italic) {
            g_string_append(o, "<i>");
            kids(o, r, in);
            g_string_append(o, "</i>");
        } else {
            span(o, "font-style:normal;", r, in);
        }
        return;
    case CSL_RICH_ROMAN:
        if (cx.italic) {
            in.italic = false;
            span(o, "font-style:normal;", r, in);
        } else {
            kids(o, r, cx);
        }
        return;
    case CSL_RICH_BOLD:
        in.bold = !cx.bold;
        if (!cx.bold) {
            g_string_append(o, "<b>");
            kids(o, r, in);
            g_string_append(o, "</b>");
        } else {
            span(o, "font-weight:normal;", r, in);
        }
        return;
    case CSL_RICH_NORMAL_WEIGHT:
        if (cx.bold) {
            in.bold = false;
            span(o, "font-weight:normal;", r, in);
        } else {
            kids(o, r, cx);
        }
        return;
    case CSL_RICH_SMALL_CAPS:
        in.small_caps = !cx.small_caps;
        span(o, cx.small_caps ? "font-variant:normal;" : "font-variant:small-caps;", r, in);
        return;
    case CSL_RICH_NORMAL_VARIANT:
        if (cx.small_caps) {
            in.small_caps = false;
            span(o, "font-variant:normal;", r, in);
        } else {
            kids(o, r, cx);
        }
        return;
    case CSL_RICH_UNDERLINE:
        span(o, "text-decoration:underline;", r, cx);
        return;
    case CSL_RICH_NO_DECORATION: {
        GString *st = g_string_new(NULL);
        if (cx.small_caps)
            g_string_append(st, "font-variant:normal;");
        if (cx.bold)
            g_string_append(st, "font-weight:normal;");
        if (cx.italic)
            g_string_append(st, "font-style:normal;");
        in.italic = in.bold = in.small_caps = false;
        if (st->len)
            span(o, st->str, r, in);
        else
            kids(o, r, in);
        g_string_free(st, TRUE);
        return;
    }
    case CSL_RICH_SUP:
        g_string_append(o, "<sup>");
        kids(o, r, cx);
        g_string_append(o, "</sup>");
        return;
    case CSL_RICH_SUB:
        g_string_append(o, "<sub>");
        kids(o, r, cx);
        g_string_append(o, "</sub>");
        return;
    case CSL_RICH_BASELINE:
        span(o, "baseline", r, cx);
        return;
    case CSL_RICH_QUOTE:
        g_string_append(o, r->text ? r->text : "\xE2\x80\x9C");
        kids(o, r, cx);
        g_string_append(o, r->extra ? r->extra : "\xE2\x80\x9D");
        return;
    case CSL_RICH_LINK:
        g_string_append(o, "<a href=\"");
        text(o, r->extra ? r->extra : "");
        g_string_append(o, "\">");
        kids(o, r, cx);
        g_string_append(o, "</a>");
        return;
    case CSL_RICH_DISPLAY: {
        const char *cls = r->extra ? r->extra : "block";
        if (!strcmp(cls, "block")) {
            g_string_append(o, "\n\n    <div class=\"csl-block\">");
            kids(o, r, cx);
            g_string_append(o, "</div>\n");
        } else if (!strcmp(cls, "left-margin")) {
            g_string_append(o, "\n    <div class=\"csl-left-margin\">");
            kids(o, r, cx);
            g_string_append(o, "</div>");
        } else {
            g_string_append_printf(o, "<div class=\"csl-%s\">", cls);
            kids(o, r, cx);
            g_string_append(o, "</div>\n  ");
        }
        return;
    }
    }
}

char *csl_rich_html(const csl_rich *r)
{
    GString *o = g_string_new(NULL);
    hctx cx = {false, false, false};
    if (r)
        html(o, r, cx);
    return g_string_free(o, FALSE);
}
