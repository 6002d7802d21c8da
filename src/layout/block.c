/* block.c: blocks -> the vertical list.
 *
 * The block tree is walked with the ENTER/EXIT iterator and an explicit stack
 * of levels (quote, list, item, div), never by recursion, so nesting depth is
 * bounded by memory, not by the C stack. A level holds the measure (left and
 * right edges in text-block coordinates) and list state; leaf blocks
 * (paragraphs, headings, code, rules, tables, figures) are laid out against
 * the innermost level and appended through the builder, which owns spacing,
 * break points and keeps. Shaded boxes, code backgrounds and quote bars are
 * decorations the builder opens and closes, so they may break across pages.
 * List markers ride on the first line of their item. Every leaf block gets a
 * structure element for the tagged PDF under its level's (quote, list, item
 * body, box). */
#include "internal.h"

typedef struct {
    const doc_node *node;
    double left, right;
    int number;         /* LIST: the next item's number */
    bool tight;         /* LIST and ITEM: tight list */
    int list_depth;     /* lists around and including this level */
    double pad;         /* decoration padding to close at EXIT, < 0 if none */
    double item_indent; /* LIST: its items' indent, room for the widest marker */
    const lay_tag *tag; /* the structure element its blocks go in */
} level;

const char *lay_node_dest(lay_ctx *c, const doc_node *n)
{
    if (n->attr && n->attr->id && *n->attr->id)
        return arena_strdup(c->arena, n->attr->id);
    return arena_printf(c->arena, "folio-%u", n->id);
}

void lay_emit_lines(lay_ctx *c, lay_builder *b, GPtrArray *lines, bool keep_all)
{
    int n = (int)lines->len;
    bool broken = false; /* the line above ends in a hyphen */
    for (int i = 0; i < n; i++) {
        lay_box *box = g_ptr_array_index(lines, i);
        int penalty = 0;
        if (i > 0 && (keep_all || box->continues || i < c->m.orphans || n - i < c->m.widows))
            penalty = LAY_PENALTY_NEVER;
        if (broken) /* no word breaks across a page */
            penalty = LAY_PENALTY_NEVER;
        broken = box->hyphenated;
        lines->pdata[i] = NULL;
        lb_box(b, box, penalty);
    }
    g_ptr_array_free(lines, TRUE);
}

static lay_font env_font(const lay_env *env)
{
    return (lay_font){env->family, env->size, false, false, env->color};
}

/* True inside the bibliography, which is set ragged right: its names, titles
 * and addresses leave too few places to break for justified lines to stay
 * tight. */
static bool in_bibliography(const doc_node *n)
{
    for (; n; n = n->parent)
        if (n->kind == DOC_DIV && doc_attr_has_class(n, "references"))
            return true;
    return false;
}

static void paragraph(lay_ctx *c, lay_builder *b, const doc_node *n, const level *lv,
                      const lay_env *env)
{
    lay_inline in;
    lay_inline_init(&in);
    lay_font f = env_font(env);
    lay_inline_nodes(c, &in, n, &f);
    bool follows = n->prev && n->prev->kind == DOC_PARAGRAPH;
    lay_para p = {.font = f,
                  .leading = env->leading,
                  .x = lv->left,
                  .width = lv->right - lv->left,
                  .indent = follows ? c->s->paragraph_indent : 0,
                  .justify = env->justify && !in_bibliography(n),
                  .align = PANGO_ALIGN_LEFT,
                  .wrap = PANGO_WRAP_WORD_CHAR,
                  .hyphenate = true,
                  .tag = lay_tag_new(c->arena, "P", lv->tag)};
    double space = lv->tight ? 0 : c->s->paragraph_spacing;
    lb_space(b, space);
    lay_emit_lines(c, b, lay_lines(c, &in, &p), false);
    lb_space(b, space);
    lay_inline_clear(&in);
}

/* "1.2.3" for the heading just counted at level (1-based). */
static char *section_number(lay_ctx *c, int level)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; i < level; i++)
        g_string_append_printf(s, i ? ".%d" : "%d", c->section[i]);
    return g_string_free(s, FALSE);
}

static const char *const heading_roles[6] = {"H1", "H2", "H3", "H4", "H5", "H6"};

static void heading(lay_ctx *c, lay_builder *b, const doc_node *n, const level *lv,
                    const lay_env *env, bool follows_block)
{
    int level = CLAMP(n->u.heading.level, 1, 6);
    double size = style_heading_size(c->s, level);
    bool numbered =
        env->numbered && !doc_attr_has_class(n, "unnumbered") && !doc_attr_has_class(n, "-");
    char *number = NULL;
    if (numbered) {
        c->section[level - 1]++;
        for (int i = level; i < 6; i++)
            c->section[i] = 0;
        if (c->s->heading_numbers)
            number = section_number(c, level);
    }
    lay_font f = {c->s->heading_font, size, true, false, c->s->heading_color};
    lay_inline in;
    lay_inline_init(&in);
    double hang = 0; /* the number hangs: wrapped lines align with the title's text */
    if (number) {
        char *label = g_strdup_printf("%s\u2003", number);
        lay_inline_text(&in, label, -1, -1, c->s->accent_color);
        double minimum;
        lay_measure(c, &in, &f, &hang, &minimum);
        if (hang > (lv->right - lv->left) / 2)
            hang = 0;
        g_free(label);
    }
    lay_inline_nodes(c, &in, n, &f);
    lay_para p = {.font = f,
                  .leading = size * c->m.heading_leading,
                  .x = lv->left,
                  .width = lv->right - lv->left,
                  .indent = -hang,
                  .align = PANGO_ALIGN_LEFT,
                  .wrap = PANGO_WRAP_WORD_CHAR,
                  .tag = lay_tag_new(c->arena, heading_roles[level - 1], lv->tag)};
    /* a new page, unless only the title block precedes: it would stand alone */
    if (level == 1 && env->numbered && c->s->h1_new_page && follows_block)
        lb_force_break(b);
    lb_space(b, c->s->heading_space_before);
    const char *dest = lay_node_dest(c, n);
    if (!n->attr || !n->attr->id) /* nodes with ids got theirs on ENTER */
        lb_dest(b, dest);
    GPtrArray *lines = lay_lines(c, &in, &p);
    char *plain = doc_plain_text(n);
    if (level == 1 && env->numbered && lines->len) /* the running head shows it */
        ((lay_box *)g_ptr_array_index(lines, 0))->mark =
            number ? arena_printf(c->arena, "%s %s", number, plain) : arena_strdup(c->arena, plain);
    lay_emit_lines(c, b, lines, true);
    lb_space(b, c->s->heading_space_after);
    lb_keep(b);
    if (env->numbered) { /* every heading of the body, numbered or not */
        lay_outline_entry e = {level,
                               number ? arena_printf(c->arena, "%s %s", number, plain)
                                      : arena_strdup(c->arena, plain),
                               dest};
        g_array_append_val(c->outline, e);
    }
    g_free(plain);
    g_free(number);
    lay_inline_clear(&in);
}

static void code_block(lay_ctx *c, lay_builder *b, const doc_node *n, const level *lv)
{
    const char *text = n->text ? n->text : "";
    size_t len = strlen(text);
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
        len--;
    char *body = g_strndup(text, len);
    lay_inline in;
    lay_inline_init(&in);
    lay_inline_text(&in, body, -1, -1, -1);
    g_free(body);
    double pad = c->m.code_pad;
    lay_deco d = {LAY_DECO_FILL, lv->left, lv->right - lv->left, pad, c->s->box_color};
    lay_font f = {c->s->mono_font, c->s->code_size, false, false, c->s->text_color};
    lay_para p = {.font = f,
                  .leading = c->m.code_leading,
                  .x = lv->left + pad,
                  .width = MAX(lv->right - lv->left - 2 * pad, c->m.hang * 2),
                  .indent = -c->m.hang,
                  .align = PANGO_ALIGN_LEFT,
                  .wrap = PANGO_WRAP_WORD_CHAR,
                  .continuation = true,
                  .tag = lay_tag_new(c->arena, "Code", lv->tag)};
    lb_space(b, c->m.block_space);
    lb_open(b, &d);
    lay_emit_lines(c, b, lay_lines(c, &in, &p), false);
    lb_close(b, pad);
    lb_space(b, c->m.block_space);
    lay_inline_clear(&in);
}

static void thematic_break(lay_ctx *c, lay_builder *b, const level *lv, const lay_env *env)
{
    lay_box *box = lay_box_new(env->leading, 0);
    double w = MIN(c->m.break_width, lv->right - lv->left);
    lay_item r = {.kind = LAY_ITEM_RULE,
                  .x = (lv->left + lv->right - w) / 2,
                  .y = env->leading / 2,
                  .w = w,
                  .weight = c->m.rule_light,
                  .color = c->s->accent_color};
    lay_box_add(box, &r);
    lb_space(b, c->m.block_space);
    lb_box(b, box, 0);
    lb_space(b, c->m.block_space);
}

/* The caption of nothing (a stray DOC_CAPTION): a small sans paragraph. */
static void stray_caption(lay_ctx *c, lay_builder *b, const doc_node *n, const level *lv)
{
    lay_inline in;
    lay_inline_init(&in);
    lay_font f = {c->s->heading_font, c->s->caption_size, false, false, c->s->muted_color};
    lay_inline_nodes(c, &in, n, &f);
    lay_para p = {.font = f,
                  .leading = c->m.caption_leading,
                  .x = lv->left,
                  .width = lv->right - lv->left,
                  .align = PANGO_ALIGN_LEFT,
                  .wrap = PANGO_WRAP_WORD_CHAR,
                  .tag = lay_tag_new(c->arena, "Caption", lv->tag)};
    lb_space(b, c->s->paragraph_spacing);
    lay_emit_lines(c, b, lay_lines(c, &in, &p), false);
    lb_space(b, c->s->paragraph_spacing);
    lay_inline_clear(&in);
}

/* The marker of a list item: a bullet, a number or a task square, set to the
 * left of the item's text and carried by its first line. */
static lay_box *item_marker(lay_ctx *c, const doc_node *item, level *list, double text_left,
                            const lay_env *env, const lay_tag *tag)
{
    double asc, desc;
    lay_font_extents(c->fonts, env->family, env->size, false, false, &asc, &desc);
    double base = lay_baseline(env->leading, asc, desc);
    double right = text_left - c->m.marker_gap;
    lay_box *box = lay_box_new(env->leading, base);
    if (item->u.item.task >= 0) {
        double q = c->m.task_size, x = right - q, y = base - q;
        lay_item r = {.kind = LAY_ITEM_RULE, .weight = c->m.rule_light, .color = c->s->text_color};
        double sides[4][4] = {
            {x, y, q, 0}, {x + q, y, 0, q}, {x + q, y + q, -q, 0}, {x, y + q, 0, -q}};
        for (int i = 0; i < 4; i++) {
            r.x = sides[i][0];
            r.y = sides[i][1];
            r.w = sides[i][2];
            r.h = sides[i][3];
            lay_box_add(box, &r);
        }
        if (item->u.item.task > 0) { /* a tick: two strokes, in fractions of the square */
            lay_item t = {
                .kind = LAY_ITEM_RULE, .weight = c->m.rule_heavy, .color = c->s->accent_color};
            double tick[2][4] = {{x + q * 0.2, y + q * 0.5, q * 0.25, q * 0.3},
                                 {x + q * 0.45, y + q * 0.8, q * 0.4, -q * 0.65}};
            for (int i = 0; i < 2; i++) {
                t.x = tick[i][0];
                t.y = tick[i][1];
                t.w = tick[i][2];
                t.h = tick[i][3];
                lay_box_add(box, &t);
            }
        }
        return box;
    }
    static const char *const bullets[] = {"\u2022", "\u2013", "\u2022"};
    char buf[32];
    const char *text;
    int64_t color;
    if (list->node->u.list.ordered) {
        g_snprintf(buf, sizeof buf, "%d%c", list->number,
                   list->node->u.list.delim == ')' ? ')' : '.');
        text = buf;
        color = -1;
    } else {
        text = bullets[(list->list_depth - 1) % 3];
        color = c->s->accent_color;
    }
    list->number++;
    lay_inline in;
    lay_inline_init(&in);
    lay_inline_text(&in, text, -1, -1, color);
    lay_font f = env_font(env);
    double natural, minimum;
    lay_measure(c, &in, &f, &natural, &minimum);
    lay_para p = {.font = f,
                  .leading = env->leading,
                  .x = right - natural,
                  .width = -1,
                  .align = PANGO_ALIGN_LEFT,
                  .wrap = PANGO_WRAP_WORD,
                  .tag = tag};
    GPtrArray *lines = lay_lines(c, &in, &p);
    lay_box_absorb(box, g_ptr_array_index(lines, 0), 0, 0);
    g_ptr_array_free(lines, TRUE);
    lay_inline_clear(&in);
    return box;
}

/* The indent of a list's items: the block indent, or more when the widest
 * number (with its delimiter) and the gap after it need more. */
static double list_indent(lay_ctx *c, const doc_node *list, const lay_env *env)
{
    if (!list->u.list.ordered)
        return c->s->block_indent;
    int count = 0;
    for (const doc_node *n = list->first; n; n = n->next)
        count++;
    double widest = 0;
    int ends[2] = {list->u.list.start, list->u.list.start + MAX(count - 1, 0)};
    for (int i = 0; i < 2; i++) {
        char buf[32];
        g_snprintf(buf, sizeof buf, "%d%c", ends[i], list->u.list.delim == ')' ? ')' : '.');
        lay_inline in;
        lay_inline_init(&in);
        lay_inline_text(&in, buf, -1, -1, -1);
        lay_font f = env_font(env);
        double natural, minimum;
        lay_measure(c, &in, &f, &natural, &minimum);
        widest = MAX(widest, natural);
        lay_inline_clear(&in);
    }
    return MAX(c->s->block_indent, widest + c->m.marker_gap);
}

/* The left edge of content indented by by, unless that leaves too narrow a measure. */
static double indent(lay_ctx *c, const level *lv, double by)
{
    return lv->right - (lv->left + by) >= c->m.min_width ? lv->left + by : lv->left;
}

void lay_blocks(lay_ctx *c, lay_builder *b, const doc_node *root, const lay_env *env)
{
    GArray *stack = g_array_new(FALSE, TRUE, sizeof(level));
    level top = {.node = root, .left = env->left, .right = env->right, .pad = -1, .tag = env->tag};
    g_array_append_val(stack, top);
    doc_iter it = doc_iter_start((doc_node *)root);
    doc_event ev;
    while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE) {
        const doc_node *n = it.node;
        if (n == root)
            continue;
        level *lv = &g_array_index(stack, level, stack->len - 1);
        if (ev == DOC_EVENT_EXIT) {
            if (lv->node != n || stack->len < 2)
                continue;
            if (n->kind == DOC_ITEM && lb_has_markers(b)) /* an empty item still shows its marker */
                lb_box(b, lay_box_new(env->leading, 0), 0);
            bool decorated = lv->pad >= 0;
            if (decorated)
                lb_close(b, lv->pad);
            g_array_set_size(stack, stack->len - 1);
            lv = &g_array_index(stack, level, stack->len - 1);
            if (n->kind == DOC_ITEM)
                lb_space(b, lv->tight ? c->m.item_space : c->s->paragraph_spacing);
            else if (n->kind == DOC_DIV)
                lb_space(b, decorated ? c->m.float_space : 0);
            else
                lb_space(b, c->m.block_space);
            continue;
        }
        if (!doc_kind_is_block(n->kind) || n->kind == DOC_FOOTNOTE_DEF) {
            doc_iter_skip(&it);
            continue;
        }
        if (stack->len == 1 && b->feed) /* between top-level blocks: make the pages now full */
            b->feed(b->feed_data);
        if ((n->attr && n->attr->id && *n->attr->id) || doc_numbered_caption(c->d, n, DOC_FIGURE) ||
            doc_numbered_caption(c->d, n, DOC_TABLE))
            lb_dest(b, lay_node_dest(c, n)); /* also for the lists of figures and tables */
        lay_env sub = *env;
        sub.left = lv->left;
        sub.right = lv->right;
        sub.tag = lv->tag;
        level next = {.node = n,
                      .left = lv->left,
                      .right = lv->right,
                      .tight = lv->tight,
                      .list_depth = lv->list_depth,
                      .pad = -1,
                      .tag = lv->tag};
        bool follows_block = c->body_started;
        if (c->in_body)
            c->body_started = true;
        switch (n->kind) {
        case DOC_PARAGRAPH:
            paragraph(c, b, n, lv, env);
            doc_iter_skip(&it);
            continue;
        case DOC_HEADING:
            heading(c, b, n, lv, env, follows_block);
            doc_iter_skip(&it);
            continue;
        case DOC_CODE_BLOCK:
            code_block(c, b, n, lv);
            continue;
        case DOC_THEMATIC_BREAK:
            thematic_break(c, b, lv, env);
            continue;
        case DOC_HTML_BLOCK:
            continue;
        case DOC_TABLE:
            lay_table(c, b, n, &sub);
            doc_iter_skip(&it);
            continue;
        case DOC_FIGURE:
            lay_figure(c, b, n, &sub);
            doc_iter_skip(&it);
            continue;
        case DOC_CAPTION:
            stray_caption(c, b, n, lv);
            doc_iter_skip(&it);
            continue;
        case DOC_BLOCKQUOTE: {
            /* the bar stands a gap before the quote's text */
            next.left = indent(c, lv, c->s->block_indent);
            double bar = MAX(lv->left, next.left - c->m.bar_gap - c->m.bar_weight);
            lay_deco d = {LAY_DECO_BAR, bar, c->m.bar_weight, 0, c->s->accent_color};
            lb_space(b, c->m.block_space);
            lb_open(b, &d);
            next.pad = 0;
            next.tag = lay_tag_group(c->arena, "BlockQuote", lv->tag);
            break;
        }
        case DOC_LIST:
            lb_space(b, lv->tight ? c->m.item_space : c->m.block_space);
            next.number = n->u.list.start;
            next.tight = n->u.list.tight;
            next.list_depth = lv->list_depth + 1;
            next.tag = lay_tag_group(c->arena, "L", lv->tag);
            next.item_indent = list_indent(c, n, env);
            break;
        case DOC_ITEM: {
            next.left =
                indent(c, lv, lv->node->kind == DOC_LIST ? lv->item_indent : c->s->block_indent);
            lb_space(b, lv->tight ? c->m.item_space : c->s->paragraph_spacing);
            const lay_tag *li = lay_tag_group(c->arena, "LI", lv->tag);
            next.tag = lay_tag_group(c->arena, "LBody", li);
            if (lv->node->kind == DOC_LIST)
                lb_marker(b,
                          item_marker(c, n, lv, next.left, env, lay_tag_new(c->arena, "Lbl", li)));
            break;
        }
        case DOC_DIV:
            if (doc_attr_has_class(n, "box")) {
                lay_deco d = {LAY_DECO_FILL, lv->left, lv->right - lv->left, c->m.box_pad,
                              c->s->box_color};
                lb_space(b, c->m.float_space);
                lb_open(b, &d);
                next.pad = c->m.box_pad;
                next.tag = lay_tag_group(c->arena, "Div", lv->tag);
                double l = indent(c, lv, c->m.box_pad);
                if (l > lv->left) {
                    next.left = l;
                    next.right = lv->right - c->m.box_pad;
                }
            }
            break;
        default:
            break;
        }
        if (doc_kind_is_container(n->kind))
            g_array_append_val(stack, next);
    }
    g_array_free(stack, TRUE);
}
