/* inline.c: inline nodes -> one string with Pango attributes.
 *
 * The inline tree is walked with the ENTER/EXIT iterator; a container
 * (emphasis, strong, strike, link) remembers where its text starts and, at
 * its EXIT, lays its attribute over the range. No markup is generated, so no
 * text is ever escaped or re-parsed. Soft breaks become spaces, hard breaks
 * newlines (Pango paragraphs: the line before is not justified). Beside the
 * attributes the builder records link ranges (turned into link areas once
 * lines exist), footnote references (the note goes on the page of the line
 * holding its first reference), images in running text (each stands on an
 * object replacement character that linebreak.c gives the image's size) and
 * the ranges hyphenation must leave alone (code, note numbers, URLs). */
#include "internal.h"

/* Superscript footnote numbers: scale and rise as fractions of the size. */
#define SUPER_SCALE 0.68
#define SUPER_RISE 0.36

void lay_inline_init(lay_inline *in)
{
    in->text = g_string_new(NULL);
    in->attrs = pango_attr_list_new();
    in->links = g_array_new(FALSE, FALSE, sizeof(lay_span_link));
    in->refs = g_array_new(FALSE, FALSE, sizeof(lay_span_ref));
    in->images = g_array_new(FALSE, FALSE, sizeof(lay_span_image));
    in->nohyph = g_array_new(FALSE, FALSE, sizeof(lay_range));
    in->src = g_array_new(FALSE, FALSE, sizeof(lay_src_span));
}

void lay_inline_clear(lay_inline *in)
{
    g_string_free(in->text, TRUE);
    pango_attr_list_unref(in->attrs);
    g_array_free(in->links, TRUE);
    g_array_free(in->refs, TRUE);
    for (guint i = 0; i < in->images->len; i++)
        lay_image_unref(g_array_index(in->images, lay_span_image, i).image);
    g_array_free(in->images, TRUE);
    g_array_free(in->nohyph, TRUE);
    g_array_free(in->src, TRUE);
    memset(in, 0, sizeof *in);
}

static void attr_add(lay_inline *in, PangoAttribute *a, unsigned start, unsigned end)
{
    if (end <= start) {
        pango_attribute_destroy(a);
        return;
    }
    a->start_index = start;
    a->end_index = end;
    pango_attr_list_insert(in->attrs, a);
}

static PangoAttribute *color_attr(uint32_t rgb)
{
    return pango_attr_foreground_new((guint16)(((rgb >> 16) & 0xff) * 257),
                                     (guint16)(((rgb >> 8) & 0xff) * 257),
                                     (guint16)((rgb & 0xff) * 257));
}

void lay_inline_text(lay_inline *in, const char *text, int bold, int italic, int64_t color)
{
    unsigned start = (unsigned)in->text->len;
    g_string_append(in->text, text ? text : "");
    unsigned end = (unsigned)in->text->len;
    if (bold > 0)
        attr_add(in, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, end);
    if (italic > 0)
        attr_add(in, pango_attr_style_new(PANGO_STYLE_ITALIC), start, end);
    if (color >= 0)
        attr_add(in, color_attr((uint32_t)color), start, end);
}

void lay_inline_tracking(lay_inline *in, double points)
{
    attr_add(in, pango_attr_letter_spacing_new((int)(points * PANGO_SCALE)), 0,
             (unsigned)in->text->len);
}

static void no_hyphens(lay_inline *in, unsigned start, unsigned end)
{
    lay_range r = {start, end};
    if (end > start)
        g_array_append_val(in->nohyph, r);
}

/* Link text that is itself an address: a URL, a domain, an e-mail address. */
static bool looks_like_address(const char *text, size_t len)
{
    char *t = g_strndup(text, len);
    bool yes = strstr(t, "://") || strstr(t, "www.") || strchr(t, '@') || strchr(t, '/');
    g_free(t);
    return yes;
}

static void add_link(lay_ctx *c, lay_inline *in, unsigned start, const char *target, bool internal)
{
    unsigned end = (unsigned)in->text->len;
    if (end <= start || !target || !*target)
        return;
    lay_span_link l = {start, end, arena_strdup(c->arena, target), internal};
    g_array_append_val(in->links, l);
    if (!internal && looks_like_address(in->text->str + start, end - start))
        no_hyphens(in, start, end);
    attr_add(in, color_attr(c->s->link_color), start, end);
}

/* The destination an internal target names, or NULL when nothing has that id. */
static const char *internal_target(lay_ctx *c, const char *id)
{
    const doc_node *n = id ? g_hash_table_lookup(c->ids, id) : NULL;
    return n ? lay_node_dest(c, n) : NULL;
}

static void footnote_ref(lay_ctx *c, lay_inline *in, const doc_node *n, const lay_font *f)
{
    unsigned number = n->u.noteref.number;
    char buf[24];
    g_snprintf(buf, sizeof buf, "%u", number);
    unsigned start = (unsigned)in->text->len;
    g_string_append(in->text, buf);
    unsigned end = (unsigned)in->text->len;
    attr_add(in, pango_attr_scale_new(SUPER_SCALE), start, end);
    attr_add(in, pango_attr_rise_new((int)(f->size * SUPER_RISE * PANGO_SCALE)), start, end);
    no_hyphens(in, start, end);
    if (start > 0) /* the number never starts a line: it stays with the word it follows */
        attr_add(in, pango_attr_allow_breaks_new(FALSE),
                 (unsigned)(g_utf8_prev_char(in->text->str + start) - in->text->str), end);
    if (number < 1 || number > c->d->n_notes || !c->d->notes[number - 1])
        return;
    lay_span_ref r = {start, number, false};
    if (!c->note_placed[number]) { /* in a note too: the note goes with the one that cites it */
        c->note_placed[number] = true;
        r.places = true;
    }
    g_array_append_val(in->refs, r);
    add_link(c, in, start, arena_printf(c->arena, "fn%u", number), true);
}

/* An image in running text: as tall as the font's ascent and descent, or as
 * wide as its width= attribute asks (a share of the text width), standing on
 * the baseline where the text's descent ends. */
static void inline_image(lay_ctx *c, lay_inline *in, const doc_node *n, const lay_font *f)
{
    unsigned here = (unsigned)in->text->len;
    lay_image *im = lay_image_load(c, n);
    if (!im) {
        c->failed = true;
        return;
    }
    double asc, desc;
    lay_font_extents(c->fonts, f->family, f->size, f->bold, f->italic, &asc, &desc);
    lay_span_image s = {.index = here, .image = lay_image_ref(im), .drop = desc};
    const char *attr = doc_attr_lookup(n, "width");
    if (attr && lay_parse_width(attr, c->m.text_width, &s.w)) {
        s.h = s.w * im->px_height / im->px_width;
    } else {
        s.h = asc + desc;
        s.w = s.h * im->px_width / im->px_height;
    }
    s.alt = arena_strdup(c->arena, n->text ? n->text : "");
    g_string_append(in->text, "\uFFFC");
    g_array_append_val(in->images, s);
    no_hyphens(in, here, (unsigned)in->text->len);
}

static bool is_html_break(const char *html)
{
    return html && (g_ascii_strncasecmp(html, "<br>", 4) == 0 ||
                    g_ascii_strncasecmp(html, "<br/>", 5) == 0 ||
                    g_ascii_strncasecmp(html, "<br />", 6) == 0);
}

void lay_inline_nodes(lay_ctx *c, lay_inline *in, const doc_node *parent, const lay_font *f)
{
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(unsigned));
    doc_iter it = doc_iter_start((doc_node *)parent);
    doc_event ev;
    while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE) {
        const doc_node *n = it.node;
        if (n == parent)
            continue;
        unsigned here = (unsigned)in->text->len;
        if (ev == DOC_EVENT_EXIT) {
            unsigned start = here;
            if (starts->len) {
                start = g_array_index(starts, unsigned, starts->len - 1);
                g_array_set_size(starts, starts->len - 1);
            }
            switch (n->kind) {
            case DOC_EMPH:
                attr_add(in,
                         pango_attr_style_new(f->italic ? PANGO_STYLE_NORMAL : PANGO_STYLE_ITALIC),
                         start, here);
                break;
            case DOC_STRONG:
                attr_add(in, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, here);
                break;
            case DOC_STRIKE:
                attr_add(in, pango_attr_strikethrough_new(TRUE), start, here);
                break;
            case DOC_LINK: {
                const char *url = n->u.link.url;
                if (url && url[0] == '#') {
                    const char *dest = internal_target(c, url + 1);
                    if (dest)
                        add_link(c, in, start, dest, true);
                } else if (url && *url) {
                    add_link(c, in, start, url, false);
                }
                break;
            }
            default:
                break;
            }
            continue;
        }
        if (doc_kind_is_container(n->kind)) {
            g_array_append_val(starts, here);
            continue;
        }
        switch (n->kind) {
        case DOC_TEXT: {
            g_string_append(in->text, n->text ? n->text : "");
            lay_src_span sp = {here, (unsigned)in->text->len, n->id};
            if (sp.end > sp.start)
                g_array_append_val(in->src, sp);
            break;
        }
        case DOC_SOFTBREAK:
            g_string_append_c(in->text, ' ');
            break;
        case DOC_LINEBREAK:
            g_string_append_c(in->text, '\n');
            break;
        case DOC_HTML_INLINE:
            if (is_html_break(n->text))
                g_string_append_c(in->text, '\n');
            break;
        case DOC_CODE: {
            g_string_append(in->text, n->text ? n->text : "");
            unsigned end = (unsigned)in->text->len;
            no_hyphens(in, here, end);
            attr_add(in, pango_attr_family_new(c->s->mono_font), here, end);
            attr_add(in, pango_attr_scale_new(c->s->code_size / c->s->body_size), here, end);
            break;
        }
        case DOC_IMAGE:
            inline_image(c, in, n, f);
            break;
        case DOC_FOOTNOTE_REF:
            footnote_ref(c, in, n, f);
            break;
        case DOC_CITE:
            g_string_append(in->text, n->u.cite.source ? n->u.cite.source : "");
            break;
        case DOC_XREF: {
            g_string_append(in->text, n->u.xref.source ? n->u.xref.source : "");
            const char *dest = internal_target(c, n->u.xref.target);
            if (!dest && n->u.xref.kind && n->u.xref.target) {
                char *full = g_strdup_printf("%s:%s", n->u.xref.kind, n->u.xref.target);
                dest = internal_target(c, full);
                g_free(full);
            }
            if (dest)
                add_link(c, in, here, dest, true);
            else if (n->u.xref.page && n->u.xref.target && strchr(n->u.xref.target, '/'))
                add_link(c, in, here, /* the label in that publication's PDF beside this
                                       * one: a relative URI with an open parameter */
                         arena_printf(c->arena, "%.*s.pdf#nameddest=%s",
                                      (int)(strchr(n->u.xref.target, '/') - n->u.xref.target),
                                      n->u.xref.target, strchr(n->u.xref.target, '/') + 1),
                         false);
            break;
        }
        default:
            break;
        }
    }
    g_array_free(starts, TRUE);
}
