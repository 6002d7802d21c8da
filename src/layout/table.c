/* table.c: tables -> caption and one box per row.
 *
 * Column widths follow the automatic table layout of CSS 2.1 (17.5.2.2): each
 * column's natural width (its widest cell unbroken) and minimum width (its
 * widest unbreakable word) are measured; if the natural widths fit, the
 * columns share the spare width in proportion to them. Otherwise columns whose
 * natural width is within a fair share of the width left keep it, and the
 * others get their minimum plus a share of the rest in proportion to
 * (natural - minimum); if even the minima do not fit, the minima are scaled
 * down and words break between characters. Tables always span the measure.
 *
 * Rows are unbreakable boxes with break points between them, except rows
 * taller than a share of the page, which are cut between lines. The header
 * row is marked for repetition at the top of every page the table continues
 * on. Rules follow the book tradition: heavy above and below, light under the
 * header, hairlines between rows; the header is shaded. The caption goes
 * above, "Table N:" in document order, kept with the first rows.
 *
 * A table whose columns do not fit even at their minimum widths is set
 * smaller first (lay_metrics.table_min_scale at the least), then measured
 * with its words hyphenated (those with capitals too: a hyphen at a syllable
 * reads better than a word cut anywhere), and only then are its minima scaled
 * down with words broken between letters, so text is never clipped. In the tagged PDF a table is
 * Table > TR > TH/TD, with its Caption first. */
#include "internal.h"

typedef struct {
    lay_inline in;
    double natural, minimum;
    bool header;
} cell;

static PangoAlignment cell_align(const doc_node *t, size_t col)
{
    if (!t->u.table.align || col >= t->u.table.n_cols)
        return PANGO_ALIGN_LEFT;
    switch (t->u.table.align[col]) {
    case DOC_ALIGN_CENTER:
        return PANGO_ALIGN_CENTER;
    case DOC_ALIGN_RIGHT:
        return PANGO_ALIGN_RIGHT;
    default:
        return PANGO_ALIGN_LEFT;
    }
}

/* Column widths (see the file comment); widths include padding. */
static void column_widths(const double *nat, const double *min, size_t n, double avail, double *w)
{
    double sum_nat = 0;
    for (size_t i = 0; i < n; i++)
        sum_nat += nat[i];
    if (sum_nat <= 0) {
        for (size_t i = 0; i < n; i++)
            w[i] = avail / (double)n;
        return;
    }
    if (sum_nat <= avail) {
        for (size_t i = 0; i < n; i++)
            w[i] = nat[i] + (avail - sum_nat) * nat[i] / sum_nat;
        return;
    }
    /* Columns narrower than a fair share of what is left keep their natural
     * width (a number column never wraps because a text column is long). */
    bool *fixed = g_new0(bool, n);
    double left = avail;
    size_t open = n;
    bool changed = true;
    while (changed && open > 0) {
        changed = false;
        double share = left / (double)open;
        for (size_t i = 0; i < n; i++)
            if (!fixed[i] && nat[i] <= share) {
                w[i] = nat[i];
                fixed[i] = true;
                left -= nat[i];
                open--;
                changed = true;
            }
    }
    /* The others share the rest as CSS 2.1 does. */
    double rest_nat = 0, rest_min = 0;
    for (size_t i = 0; i < n; i++)
        if (!fixed[i]) {
            rest_nat += nat[i];
            rest_min += min[i];
        }
    for (size_t i = 0; i < n; i++) {
        if (fixed[i])
            continue;
        if (rest_min <= left && rest_nat > rest_min)
            w[i] = min[i] + (nat[i] - min[i]) * (left - rest_min) / (rest_nat - rest_min);
        else
            w[i] = rest_min > 0 ? left * min[i] / rest_min : left / (double)open;
    }
    g_free(fixed);
}

static lay_box *row_box(lay_ctx *c, const doc_node *t, cell *cells, size_t ncols, const double *x,
                        const double *w, const lay_font *body, const lay_font *head, double left,
                        double measure, double lead, bool capitals, const lay_tag *table)
{
    double px = c->m.cell_pad_x, py = c->m.cell_pad_y;
    GPtrArray **cols = g_new(GPtrArray *, ncols);
    size_t most = 1;
    const lay_tag *tr = lay_tag_group(c->arena, "TR", table);
    for (size_t j = 0; j < ncols; j++) {
        lay_para p = {.font = cells[j].header ? *head : *body,
                      .leading = lead,
                      .x = x[j] + px,
                      .width = MAX(w[j] - 2 * px, 1),
                      .align = cell_align(t, j),
                      .wrap = PANGO_WRAP_WORD_CHAR,
                      .hyphenate = true,
                      .capitals = capitals,
                      .tag = lay_tag_new(c->arena, cells[j].header ? "TH" : "TD", tr)};
        cols[j] = lay_lines(c, &cells[j].in, &p);
        most = MAX(most, cols[j]->len);
    }
    double height = (double)most * lead + 2 * py;
    lay_box *box = lay_box_new(height, 0);
    if (cells[0].header) {
        lay_item bg = {.kind = LAY_ITEM_RECT,
                       .x = left,
                       .y = 0,
                       .w = measure,
                       .h = height,
                       .color = c->s->box_color};
        lay_box_add(box, &bg);
    }
    for (size_t j = 0; j < ncols; j++) {
        for (guint i = 0; i < cols[j]->len; i++) {
            lay_box *line = g_ptr_array_index(cols[j], i);
            if (box->baseline == 0)
                box->baseline = py + line->baseline;
            lay_box_absorb(box, line, 0, py + (double)i * lead);
        }
        g_ptr_array_free(cols[j], TRUE);
    }
    g_free(cols);
    return box;
}

static void add_rule(lay_box *box, double left, double measure, double y, double weight,
                     uint32_t color)
{
    lay_item r = {
        .kind = LAY_ITEM_RULE, .x = left, .y = y, .w = measure, .weight = weight, .color = color};
    lay_box_add(box, &r);
}

static void caption(lay_ctx *c, lay_builder *b, const doc_node *cap, const lay_env *env,
                    const lay_tag *table)
{
    lay_font f = {c->s->heading_font, c->s->caption_size, false, false, c->s->text_color};
    lay_inline in;
    lay_inline_init(&in);
    char *label = lay_caption_label(c, cap->parent, TERM_TABLE, ++c->n_tables);
    lay_inline_text(&in, label, 1, -1, c->s->heading_color);
    g_free(label);
    lay_inline_nodes(c, &in, cap, &f);
    lay_para p = {.font = f,
                  .leading = c->m.caption_leading,
                  .x = env->left,
                  .width = env->right - env->left,
                  .align = PANGO_ALIGN_LEFT,
                  .wrap = PANGO_WRAP_WORD_CHAR,
                  .tag = lay_tag_new(c->arena, "Caption", table)};
    lay_emit_lines(c, b, lay_lines(c, &in, &p), true);
    lb_keep(b);
    lb_space(b, c->m.caption_gap);
    lay_inline_clear(&in);
}

void lay_table(lay_ctx *c, lay_builder *b, const doc_node *t, const lay_env *env)
{
    const doc_node *cap = NULL;
    GPtrArray *rows = g_ptr_array_new();
    size_t ncols = t->u.table.n_cols;
    for (const doc_node *n = t->first; n; n = n->next) {
        if (n->kind == DOC_CAPTION && !cap)
            cap = n;
        else if (n->kind == DOC_TABLE_ROW) {
            g_ptr_array_add(rows, (gpointer)n);
            size_t k = 0;
            for (const doc_node *x = n->first; x; x = x->next)
                k++;
            if (t->u.table.n_cols == 0)
                ncols = MAX(ncols, k);
        }
    }
    size_t nrows = rows->len;
    if (ncols == 0 || nrows == 0) {
        g_ptr_array_free(rows, TRUE);
        return;
    }
    double measure = env->right - env->left;
    lay_font body = {c->s->heading_font, c->s->table_size, false, false, c->s->text_color};
    lay_font head = body;
    head.bold = true;
    head.color = c->s->heading_color;
    cell *cells = g_new0(cell, nrows * ncols);
    double *nat = g_new0(double, ncols), *min = g_new0(double, ncols);
    double *w = g_new0(double, ncols), *x = g_new0(double, ncols);
    double pad2 = 2 * c->m.cell_pad_x;
    for (size_t r = 0; r < nrows; r++) {
        const doc_node *row = g_ptr_array_index(rows, r);
        const doc_node *n = row->first;
        for (size_t j = 0; j < ncols; j++, n = n ? n->next : NULL) {
            cell *e = &cells[r * ncols + j];
            e->header = row->u.row.header;
            lay_inline_init(&e->in);
            if (n)
                lay_inline_nodes(c, &e->in, n, e->header ? &head : &body);
        }
    }
    /* measure; smaller while the minima do not fit, then with words hyphenated */
    double lead = c->m.table_leading, scale = 1;
    bool hyphenated = false;
    for (;;) {
        body.size = head.size = c->s->table_size * scale;
        lead = c->m.table_leading * scale;
        double sum_min = 0;
        for (size_t j = 0; j < ncols; j++) {
            nat[j] = min[j] = 0;
            for (size_t r = 0; r < nrows; r++) {
                cell *e = &cells[r * ncols + j];
                const lay_font *f = e->header ? &head : &body;
                if (hyphenated)
                    lay_measure_hyphenated(c, &e->in, f, true, &e->natural, &e->minimum);
                else
                    lay_measure(c, &e->in, f, &e->natural, &e->minimum);
                nat[j] = MAX(nat[j], e->natural + pad2);
                min[j] = MAX(min[j], e->minimum + pad2);
            }
            sum_min += min[j];
        }
        if (sum_min <= measure)
            break;
        if (scale > c->m.table_min_scale + 1e-9)
            scale = MAX(scale - c->m.table_scale_step, c->m.table_min_scale);
        else if (!hyphenated && c->hyph)
            hyphenated = true;
        else
            break; /* words break between letters */
    }
    column_widths(nat, min, ncols, measure, w);
    for (size_t j = 0; j < ncols; j++)
        x[j] = j ? x[j - 1] + w[j - 1] : env->left;

    lb_space(b, c->m.float_space);
    const lay_tag *table = lay_tag_group(c->arena, "Table", env->tag);
    if (cap && cap->first)
        caption(c, b, cap, env, table);
    bool header_open = false;
    for (size_t r = 0; r < nrows; r++) {
        cell *rc = &cells[r * ncols];
        lay_box *box = row_box(c, t, rc, ncols, x, w, &body, &head, env->left, measure, lead,
                               hyphenated, table);
        bool last = r + 1 == nrows;
        bool header = rc[0].header;
        if (r == 0)
            add_rule(box, env->left, measure, 0, c->m.rule_heavy, c->s->heading_color);
        if (last)
            add_rule(box, env->left, measure, box->height, c->m.rule_heavy, c->s->heading_color);
        else if (header && !cells[(r + 1) * ncols].header)
            add_rule(box, env->left, measure, box->height, c->m.rule_light, c->s->heading_color);
        else
            add_rule(box, env->left, measure, box->height, c->m.rule_hair, c->s->rule_color);
        if (header && r == 0 && !last) {
            lb_head(b, lay_box_copy_plain(box));
            header_open = true;
        }
        /* a body row stays with the header above it */
        bool after_header = r > 0 && cells[(r - 1) * ncols].header;
        int penalty = after_header ? LAY_PENALTY_NEVER : 0;
        GPtrArray *bands = lay_box_slice(box, c->m.row_split);
        if (bands) {
            for (guint i = 0; i < bands->len; i++) {
                lay_box *band = g_ptr_array_index(bands, i);
                bands->pdata[i] = NULL;
                lb_box(b, band, i == 0 ? penalty : 0);
            }
            g_ptr_array_free(bands, TRUE);
            lay_box_free(box);
        } else {
            lb_box(b, box, penalty);
        }
    }
    if (header_open)
        lb_head_end(b);
    lb_space(b, c->m.float_space);

    for (size_t i = 0; i < nrows * ncols; i++)
        lay_inline_clear(&cells[i].in);
    g_free(cells);
    g_free(nat);
    g_free(min);
    g_free(w);
    g_free(x);
    g_ptr_array_free(rows, TRUE);
}
