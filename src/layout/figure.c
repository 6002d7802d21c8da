/* figure.c: a figure (an image alone in its paragraph) and its caption.
 *
 * The image keeps its intrinsic size (pixels at 96 per inch) unless a
 * width= attribute asks for another (50%, 8cm, 300px ...) or it does not fit:
 * then it is scaled down to the measure, and to a share of the page height
 * that leaves room for the caption. It is centred, and its caption, numbered
 * "Figure N:" in document order, follows it on the same page, whole (a
 * caption is kept together with its image). In the tagged PDF the image is a
 * Figure whose alternative text is the image's description, and the caption
 * a Caption beside it. */
#include "internal.h"

#include <stdlib.h>

#define PX 0.75 /* points per CSS pixel (96 per inch) */
/* A caption is at least this share of the measure wide, even under a narrow image. */
#define CAPTION_MIN_SHARE 0.6

bool lay_parse_width(const char *s, double measure, double *out)
{
    char *end = NULL;
    double v = g_ascii_strtod(s, &end);
    if (end == s || !(v > 0))
        return false;
    while (*end == ' ')
        end++;
    double unit;
    if (*end == '%')
        unit = measure / 100;
    else if (strcmp(end, "pt") == 0)
        unit = 1;
    else if (strcmp(end, "px") == 0 || *end == '\0')
        unit = PX;
    else if (strcmp(end, "mm") == 0)
        unit = 72 / 25.4;
    else if (strcmp(end, "cm") == 0)
        unit = 72 / 2.54;
    else if (strcmp(end, "in") == 0)
        unit = 72;
    else
        return false;
    *out = v * unit;
    return true;
}

void lay_figure(lay_ctx *c, lay_builder *b, const doc_node *fig, const lay_env *env)
{
    const doc_node *img = NULL, *cap = NULL;
    for (const doc_node *n = fig->first; n; n = n->next) {
        if (n->kind == DOC_IMAGE && !img)
            img = n;
        else if (n->kind == DOC_CAPTION && !cap)
            cap = n;
    }
    if (!img)
        return;
    lay_image *im = lay_image_load(c, img);
    if (!im) {
        c->failed = true;
        return;
    }
    double measure = env->right - env->left;
    double w = im->px_width * PX, h = im->px_height * PX;
    const char *attr = doc_attr_lookup(img, "width");
    if (!attr)
        attr = doc_attr_lookup(fig, "width");
    double want;
    if (attr && lay_parse_width(attr, measure, &want)) {
        h *= want / w;
        w = want;
    }
    if (w > measure) {
        h *= measure / w;
        w = measure;
    }
    if (h > c->m.image_max_height) {
        w *= c->m.image_max_height / h;
        h = c->m.image_max_height;
    }
    lay_box *box = lay_box_new(h, 0);
    lay_tag *tag = (lay_tag *)lay_tag_new(c->arena, "Figure", env->tag);
    tag->alt = img->text && *img->text ? arena_strdup(c->arena, img->text) : NULL;
    if (!tag->alt && cap) {
        char *plain = doc_plain_text(cap);
        tag->alt = arena_strdup(c->arena, plain);
        g_free(plain);
    }
    lay_item it = {.kind = LAY_ITEM_IMAGE,
                   .x = env->left + (measure - w) / 2,
                   .y = 0,
                   .w = w,
                   .h = h,
                   .image = im,
                   .tag = tag};
    lay_box_add(box, &it);
    if (img->attr && img->attr->id && *img->attr->id)
        lb_dest(b, lay_node_dest(c, img));
    lb_space(b, c->m.float_space);
    lb_box(b, box, 0);
    if (cap && cap->first) {
        lay_font f = {c->s->heading_font, c->s->caption_size, false, false, c->s->text_color};
        lay_inline in;
        lay_inline_init(&in);
        char *label = lay_caption_label(c, fig, TERM_FIGURE, ++c->n_figures);
        lay_inline_text(&in, label, 1, -1, c->s->heading_color);
        g_free(label);
        lay_inline_nodes(c, &in, cap, &f);
        /* under a narrow image the caption is centred, at least a share of the measure wide */
        bool narrow = w < measure - 1;
        double cw = narrow ? MAX(w, measure * CAPTION_MIN_SHARE) : measure;
        lay_para p = {.font = f,
                      .leading = c->m.caption_leading,
                      .x = env->left + (measure - cw) / 2,
                      .width = cw,
                      .align = narrow ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT,
                      .wrap = PANGO_WRAP_WORD_CHAR,
                      .tag = lay_tag_new(c->arena, "Caption", env->tag)};
        lb_keep(b);
        lb_space(b, c->m.caption_gap);
        lay_emit_lines(c, b, lay_lines(c, &in, &p), true);
        lay_inline_clear(&in);
    }
    lb_space(b, c->m.float_space);
}

/* "Figure 3:" / "Table 2:" before a caption: the number resolve gave the node
 * (the EPUB shows the same), else the layout's own count. Caller frees. */
char *lay_caption_label(lay_ctx *c, const doc_node *n, term_id term, unsigned count)
{
    const char *number = n ? doc_number(c->d, n) : NULL;
    const char *word = term_text(c->d->meta.lang, term);
    return number ? g_strdup_printf("%s %s:\u2002", word, number)
                  : g_strdup_printf("%s %u:\u2002", word, count);
}
