/* totalfit.c: a justified paragraph broken as a whole (total fit), then set
 * with Pango.
 *
 * 1. Measure: the paragraph is shaped once, unbroken (a PangoLayout without
 *    a width: one line per hard-broken piece), and every character boundary
 *    gets its x position from the glyph advances, kerning included.
 * 2. Points: Pango's line-break opportunities become glue (after word
 *    spaces: the font's own space, with the style's stretch and shrink) or
 *    penalties (after a hyphen or a dash in the text), and URLs may break
 *    after their punctuation; hyphenation points (hyphen.c) become flagged
 *    penalties carrying the hyphen's width, looked up only when the first
 *    pass, without them, fails. Those in a piece's last word are tried only
 *    in the emergency pass.
 * 3. knuth.c chooses the breaks, piece by piece (a hard break ends a piece).
 * 4. Set: each chosen line becomes a one-line PangoLayout of its own text
 *    (a slice of the paragraph, attributes, links and notes moved with it),
 *    so Pango shapes it once and breaks nothing; a hyphen is shown at a
 *    chosen hyphenation point (show_hyphen). Its line keeps everything the
 *    first-fit path gives (links, note references, images, colours, fonts,
 *    tags). Each line but a piece's last is then justified here, its word
 *    spaces and letters sharing the room as knuth.c counted it, to the
 *    measure plus the protrusion of its last character (punctuation and
 *    hyphens hang slightly into the margin, so the edge looks straight).
 * Anything unexpected (right-to-left text, a line Pango still breaks, no
 * breaks without an overfull line) returns false, and the caller breaks the
 * paragraph first fit. */
#include "internal.h"

#define SOFT_HYPHEN "\u00AD"
#define SOFT_HYPHEN_LEN 2
#define SHOWN_HYPHEN "\u2010" /* what Pango draws at a soft hyphen it breaks at */

/* How far a line's last character may hang into the right margin, as a
 * share of its width (after the protrusion tables of pdfTeX's microtype,
 * halved or less: the edge should look straight, not ragged the other way). */
static double protrusion(gunichar ch)
{
    switch (ch) {
    case '-':
    case 0x2010: /* hyphen */
    case 0x00AD: /* soft hyphen */
    case '.':
    case ',':
        return 0.5;
    case 0x2019: /* right single quote */
    case 0x201D: /* right double quote */
    case '\'':
    case '"':
        return 0.4;
    case ':':
    case ';':
    case 0x2013: /* en dash */
        return 0.3;
    case '!':
    case '?':
        return 0.2;
    case 0x2014: /* em dash */
        return 0.15;
    default:
        return 0;
    }
}

/* The measured paragraph: x of every byte boundary (Pango units, along its
 * piece), Pango's break opportunities, and the hyphen's width. */
typedef struct {
    const char *text;
    unsigned len;
    int *x;                  /* [len + 1] */
    const PangoLogAttr *log; /* per character, and one past the end */
    int n_log;
    double hyphen; /* points */
    bool protrude;
    guint8 *tech;  /* [len]: inside a URL, an address or code (breaks after its punctuation) */
    int *ink;      /* [len + 1]: characters other than spaces before each byte */
    double letter; /* stretch of one letter (tracking), points */
} measured;

static double pt(int units)
{
    return (double)units / PANGO_SCALE;
}

/* Fills m->x from the unbroken layout ml; false for right-to-left text. */
static bool measure_text(PangoLayout *ml, measured *m)
{
    for (unsigned b = 0; b <= m->len; b++)
        m->x[b] = -1;
    for (GSList *ll = pango_layout_get_lines_readonly(ml); ll; ll = ll->next) {
        PangoLayoutLine *line = ll->data;
        int x = 0;
        for (GSList *r = line->runs; r; r = r->next) {
            const PangoGlyphItem *run = r->data;
            if (run->item->analysis.level & 1)
                return false;
            const PangoGlyphString *g = run->glyphs;
            for (int i = 0; i < g->num_glyphs; i++) {
                unsigned b = (unsigned)(run->item->offset + g->log_clusters[i]);
                if (b <= m->len && m->x[b] < 0)
                    m->x[b] = x;
                x += g->glyphs[i].geometry.width;
            }
        }
        unsigned end = (unsigned)(line->start_index + line->length);
        if (end <= m->len)
            m->x[end] = x;
    }
    int n = 0;
    for (unsigned b = 0; b < m->len; b++) {
        m->ink[b] = n;
        if ((m->text[b] & 0xC0) != 0x80 && m->text[b] != ' ')
            n++;
    }
    m->ink[m->len] = n;
    int last = 0; /* a boundary inside a cluster takes the cluster's start */
    for (unsigned b = 0; b <= m->len; b++)
        if (m->x[b] < 0)
            m->x[b] = last;
        else
            last = m->x[b];
    return true;
}

/* The width of a line of text, in points, of a string in p's font. */
static double text_width(lay_ctx *c, const lay_para *p, const char *s)
{
    PangoLayout *l = lay_pango_layout_new(c->fonts);
    pango_layout_set_font_description(
        l, lay_font_lookup(c->fonts, p->font.family, p->font.size, p->font.bold, p->font.italic));
    pango_layout_set_text(l, s, -1);
    int w = 0;
    pango_layout_get_size(l, &w, NULL);
    g_object_unref(l);
    return pt(w);
}

/* How far the character ending at byte e (exclusive) hangs out, in points. */
static double hang(const measured *m, unsigned e, unsigned start)
{
    if (!m->protrude || e <= start)
        return 0;
    const char *prev = g_utf8_prev_char(m->text + e);
    double share = protrusion(g_utf8_get_char(prev));
    return share * pt(m->x[e] - m->x[prev - m->text]);
}

/* True where a URL or an identifier may break between b-1 and b although
 * Pango sees no break there: after its punctuation, before a letter or digit
 * (as LaTeX's url package breaks), never at its edges. */
static bool technical_break(const measured *m, unsigned b)
{
    if (!m->tech[b - 1] || b >= m->len || !m->tech[b])
        return false;
    char before = m->text[b - 1], after = m->text[b];
    return strchr("/.-_?#&=", before) && g_ascii_isalnum(after);
}

/* The points of the piece [s, e) (ci: the character index of s), with the
 * hyphenation points hy (ascending; NULL: none) among them; at: the byte
 * where the line after each point starts. */
static void piece_points(lay_ctx *c, const measured *m, unsigned s, unsigned e, int ci,
                         const GArray *hy, GArray *pts, GArray *at)
{
    const style *st = c->s;
    g_array_set_size(pts, 0);
    g_array_set_size(at, 0);
    kp_point start = {.kind = KP_START, .start_x = pt(m->x[s]), .start_ink = m->letter * m->ink[s]};
    g_array_append_val(pts, start);
    g_array_append_val(at, s);
    unsigned last_glue = s; /* no hyphenation in a piece's last word */
    for (unsigned b = s, i = (unsigned)ci; b < e;
         b = (unsigned)(g_utf8_next_char(m->text + b) - m->text), i++)
        if (b > s && m->log[i].is_line_break && m->log[i - 1].is_white)
            last_glue = b;
    guint h = 0;
    while (hy && h < hy->len && g_array_index(hy, unsigned, h) <= s)
        h++;
    int i = ci;
    for (unsigned b = s; b < e; b = (unsigned)(g_utf8_next_char(m->text + b) - m->text), i++) {
        if (b == s)
            continue;
        if (m->log[i].is_line_break) {
            unsigned end = b; /* back over the word space */
            int k = i;
            while (end > s && m->log[k - 1].is_white) {
                end = (unsigned)(g_utf8_prev_char(m->text + end) - m->text);
                k--;
            }
            kp_point q = {.end_x = pt(m->x[end]),
                          .start_x = pt(m->x[b]),
                          .end_ink = m->letter * m->ink[end],
                          .start_ink = m->letter * m->ink[b]};
            q.tail = -hang(m, end, s);
            if (end < b) {
                double space = pt(m->x[b] - m->x[end]);
                q.kind = KP_GLUE;
                q.stretch = space * st->space_stretch;
                q.shrink = space * st->space_shrink;
            } else {
                gunichar before = g_utf8_get_char(g_utf8_prev_char(m->text + b));
                q.kind = KP_PENALTY;
                q.flagged = before == '-' || before == 0x2010;
                q.penalty = q.flagged ? st->explicit_hyphen_penalty : 0;
            }
            if (end > s) {
                g_array_append_val(pts, q);
                g_array_append_val(at, b);
            }
        } else if (technical_break(m, b)) {
            kp_point q = {.kind = KP_PENALTY,
                          .penalty = st->hyphen_penalty,
                          .end_x = pt(m->x[b]),
                          .start_x = pt(m->x[b]),
                          .end_ink = m->letter * m->ink[b],
                          .start_ink = m->letter * m->ink[b],
                          .tail = -hang(m, b, s)};
            g_array_append_val(pts, q);
            g_array_append_val(at, b);
        }
        while (hy && h < hy->len && g_array_index(hy, unsigned, h) < b)
            h++;
        if (hy && h < hy->len && g_array_index(hy, unsigned, h) == b && !m->log[i].is_line_break) {
            kp_point q = {.kind = KP_PENALTY,
                          .hyphen = true,
                          .last_word = b >= last_glue,
                          .flagged = true,
                          .penalty = st->hyphen_penalty,
                          .end_x = pt(m->x[b]),
                          .start_x = pt(m->x[b]),
                          .end_ink = m->letter * m->ink[b],
                          .start_ink = m->letter * m->ink[b],
                          .tail = m->hyphen * (1 - (m->protrude ? protrusion(0x2010) : 0))};
            g_array_append_val(pts, q);
            g_array_append_val(at, b);
        }
    }
    unsigned end = e;
    int k = i;
    while (end > s && m->log[k - 1].is_white) {
        end = (unsigned)(g_utf8_prev_char(m->text + end) - m->text);
        k--;
    }
    kp_point fin = {.kind = KP_END,
                    .end_x = pt(m->x[end]),
                    .start_x = pt(m->x[e]),
                    .end_ink = m->letter * m->ink[end],
                    .start_ink = m->letter * m->ink[e]};
    g_array_append_val(pts, fin);
    g_array_append_val(at, e);
}

/* One chosen line: where the next line starts (byte of the unhyphenated
 * text), whether it ends at a hyphenation point, its justified width. */
typedef struct {
    unsigned next;
    bool hyphen;
    bool first;    /* a piece's first line */
    bool last;     /* a piece's last line: not justified */
    double target; /* the measure plus what hangs out, points */
} chosen_line;

static void kp_setup(lay_ctx *c, const lay_para *p, kp_params *kp)
{
    const style *s = c->s;
    double w = p->width;
    *kp = (kp_params){.first = w - MAX(p->indent, 0),
                      .rest = w - MAX(-p->indent, 0),
                      .emergency = s->emergency_stretch * p->font.size,
                      .pretolerance = s->pretolerance,
                      .tolerance = s->tolerance,
                      .line_penalty = s->line_penalty,
                      .double_hyphen = s->double_hyphen_demerits,
                      .final_hyphen = s->final_hyphen_demerits,
                      .adjacent = s->adjacent_demerits,
                      .last_line = s->last_line_demerits,
                      .last_line_min = s->last_line_min,
                      .max_run = c->m.hyph_run};
}

/* Breaks every piece of the measured paragraph; fills lines. False when a
 * piece has no breaks without an overfull line. */
static bool choose(lay_ctx *c, const lay_inline *in, const lay_para *p, PangoLayout *ml,
                   measured *m, GArray *lines)
{
    kp_params kp;
    kp_setup(c, p, &kp);
    GArray *pts = g_array_new(FALSE, FALSE, sizeof(kp_point));
    GArray *at = g_array_new(FALSE, FALSE, sizeof(unsigned));
    GArray *chosen = g_array_new(FALSE, FALSE, sizeof(size_t));
    GArray *hy = NULL; /* hyphenation points, found when first needed */
    bool ok = true;
    int ci = 0;
    unsigned pos = 0;
    for (GSList *ll = pango_layout_get_lines_readonly(ml); ll && ok; ll = ll->next) {
        const PangoLayoutLine *line = ll->data;
        unsigned s = (unsigned)line->start_index, e = s + (unsigned)line->length;
        ci += (int)g_utf8_strlen(m->text + pos, s - pos);
        pos = s;
        piece_points(c, m, s, e, ci, NULL, pts, at);
        bool found = kp_break_lines((kp_point *)pts->data, pts->len, &kp, false, chosen);
        if (!found) {
            if (!hy) {
                hy = p->hyphenate && c->hyph ? lay_hyph_points(c->hyph, in, p->capitals, true, NULL)
                                             : g_array_new(FALSE, FALSE, sizeof(unsigned));
                m->hyphen = text_width(c, p, SHOWN_HYPHEN);
            }
            piece_points(c, m, s, e, ci, hy, pts, at);
            found = kp_break_lines((kp_point *)pts->data, pts->len, &kp, true, chosen);
        }
        ok = found;
        for (guint k = 0; ok && k < chosen->len; k++) {
            size_t q = g_array_index(chosen, size_t, k);
            const kp_point *pq = &g_array_index(pts, kp_point, q);
            chosen_line cl = {.next = g_array_index(at, unsigned, q),
                              .hyphen = pq->hyphen,
                              .first = k == 0,
                              .last = pq->kind == KP_END,
                              .target = (k == 0 ? kp.first : kp.rest)};
            if (pq->hyphen)
                cl.target += m->hyphen - pq->tail;
            else
                cl.target -= pq->tail;
            g_array_append_val(lines, cl);
        }
    }
    if (hy)
        g_array_free(hy, TRUE);
    g_array_free(chosen, TRUE);
    g_array_free(at, TRUE);
    g_array_free(pts, TRUE);
    return ok;
}

/* Widens or narrows line (text: the layout's) to target wide, not counting
 * the spaces at its end (left as they are). A line that narrows takes it from
 * its word spaces; one that widens shares the room between its word spaces
 * (space_stretch of each one's width) and its letters (letter each, after
 * every cluster but the last), as knuth.c counted them. */
static void justify_line(PangoLayoutLine *line, const char *text, int target, double space_stretch,
                         int letter)
{
    unsigned end = (unsigned)(line->start_index + line->length);
    while (end > (unsigned)line->start_index && text[end - 1] == ' ')
        end--;
    int width = 0;
    double room = 0;   /* what the line may stretch, Pango units */
    unsigned last = 0; /* the last cluster: no tracking after it */
    for (int pass = 0; pass < 2; pass++) {
        double done = 0;
        int given = 0, extra = target - width;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphItem *run = r->data;
            PangoGlyphString *g = run->glyphs;
            for (int i = 0; i < g->num_glyphs; i++) {
                unsigned b = (unsigned)(run->item->offset + g->log_clusters[i]);
                if (b >= end)
                    continue;
                bool space = text[b] == ' ';
                bool cluster_end =
                    i + 1 == g->num_glyphs || g->log_clusters[i + 1] != g->log_clusters[i];
                double can = space ? g->glyphs[i].geometry.width * space_stretch
                                   : (cluster_end && extra > 0 ? letter : 0);
                if (pass == 0) {
                    width += g->glyphs[i].geometry.width;
                    if (space)
                        room += g->glyphs[i].geometry.width * space_stretch;
                    else if (cluster_end)
                        room += letter;
                    last = MAX(last, b);
                    continue;
                }
                if (b == last && !space)
                    can = 0;
                if (extra < 0 && !space)
                    continue;
                done += can;
                int to = (int)lround(extra * done / room);
                g->glyphs[i].geometry.width += to - given;
                given = to;
            }
        }
        if (pass == 0) {
            room -= letter;           /* none after the last cluster */
            if (target - width < 0) { /* narrowing: spaces only */
                room = 0;
                for (GSList *r = line->runs; r; r = r->next) {
                    const PangoGlyphItem *run = r->data;
                    for (int i = 0; i < run->glyphs->num_glyphs; i++) {
                        unsigned b = (unsigned)(run->item->offset + run->glyphs->log_clusters[i]);
                        if (b < end && text[b] == ' ')
                            room += run->glyphs->glyphs[i].geometry.width * space_stretch;
                    }
                }
            }
            if (room <= 0 || target == width)
                return;
        }
    }
}

/* Shows a hyphen at the soft hyphen at byte at of line: Pango draws one only
 * where it breaks a line itself. The glyph keeps the soft hyphen's cluster,
 * so the text a reader extracts still has U+00AD there. */
static void show_hyphen(PangoLayoutLine *line, unsigned at)
{
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        PangoGlyphString *g = run->glyphs;
        for (int i = 0; i < g->num_glyphs; i++) {
            if ((unsigned)(run->item->offset + g->log_clusters[i]) != at)
                continue;
            hb_font_t *hb = pango_font_get_hb_font(run->item->analysis.font);
            hb_codepoint_t glyph;
            if (!hb || (!hb_font_get_nominal_glyph(hb, 0x2010, &glyph) &&
                        !hb_font_get_nominal_glyph(hb, '-', &glyph)))
                return;
            g->glyphs[i].glyph = glyph;
            g->glyphs[i].geometry.width = hb_font_get_glyph_h_advance(hb, glyph);
            return;
        }
    }
}

/* Sets the chosen lines, each its own one-line PangoLayout (no breaking left
 * for Pango to do, so each piece of text is shaped once more, and only once);
 * false if Pango made more than one line of one. */
static bool set_text(lay_ctx *c, const lay_inline *in, const lay_para *p, const GArray *chosen,
                     GPtrArray *out)
{
    GArray *soft = g_array_new(FALSE, FALSE, sizeof(unsigned));
    for (guint k = 0; k < chosen->len; k++) {
        const chosen_line *cl = &g_array_index(chosen, chosen_line, k);
        if (cl->hyphen)
            g_array_append_val(soft, cl->next);
    }
    lay_inline full;
    lay_with_hyphens(in, soft, &full);
    const char *t = full.text->str;
    int letter = (int)(c->s->letter_stretch * p->font.size * PANGO_SCALE);
    bool ok = true;
    unsigned from = 0;
    for (guint k = 0; k < chosen->len && ok; k++) {
        const chosen_line *cl = &g_array_index(chosen, chosen_line, k);
        unsigned to = lay_shifted(soft, cl->next), end = to;
        while (end > from && t[end - 1] == ' ')
            end--;
        lay_inline h;
        lay_inline_slice(&full, from, end, &h);
        lay_para lp = *p; /* line_x places a one-line layout by its indent */
        lp.indent = cl->first ? p->indent : MAX(-p->indent, 0);
        lp.justify = false;
        PangoLayout *l = lay_make_layout(c, &h, &lp, NULL);
        pango_layout_set_width(l, -1);
        ok = pango_layout_get_line_count(l) == 1;
        if (ok) {
            PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
            if (cl->hyphen)
                show_hyphen(line, end - from - SOFT_HYPHEN_LEN);
            int target = (int)(cl->target * PANGO_SCALE);
            if (!cl->last || lay_line_width(line) > target) /* a last line only narrows */
                justify_line(line, h.text->str, target, c->s->space_stretch, letter);
            lay_set_lines(c, &h, &lp, l, out, in, soft, from);
        }
        g_object_unref(l);
        lay_inline_clear(&h);
        from = cl->last ? to + 1 : to; /* past the hard break */
    }
    lay_inline_clear(&full);
    g_array_free(soft, TRUE);
    return ok;
}

/* True when every piece is one line: the unbroken layout then has them all. */
static bool whole_pieces(const GArray *chosen)
{
    for (guint k = 0; k < chosen->len; k++)
        if (!g_array_index(chosen, chosen_line, k).last)
            return false;
    return true;
}

/* Sets the lines of the unbroken layout ml, one per piece (narrowed where
 * they are a little too wide), without shaping anything again. */
static void set_pieces(lay_ctx *c, const lay_inline *in, const lay_para *p, PangoLayout *ml,
                       const GArray *chosen, GPtrArray *out)
{
    guint k = 0;
    for (GSList *ll = pango_layout_get_lines_readonly(ml); ll; ll = ll->next, k++) {
        PangoLayoutLine *line = ll->data;
        int target = (int)(g_array_index(chosen, chosen_line, k).target * PANGO_SCALE);
        if (lay_line_width(line) > target)
            justify_line(line, pango_layout_get_text(ml), target, c->s->space_stretch, 0);
    }
    lay_set_lines(c, in, p, ml, out, in, NULL, 0);
}

bool lay_total_fit(lay_ctx *c, const lay_inline *in, const lay_para *p, GPtrArray *lines)
{
    if (!p->justify || p->width <= 0 || p->ellipsize || p->continuation ||
        p->align != PANGO_ALIGN_LEFT || in->text->len == 0 ||
        strcmp(c->s->line_breaking, "total-fit") != 0)
        return false;
    PangoLayout *ml = lay_make_layout(c, in, p, NULL);
    pango_layout_set_width(ml, -1);
    pango_layout_set_justify(ml, FALSE); /* the indent stays: it moves lines, not glyphs */
    measured m = {.text = in->text->str, .len = (unsigned)in->text->len};
    m.x = g_new(int, m.len + 1);
    m.ink = g_new(int, m.len + 1);
    m.letter = c->s->letter_stretch * p->font.size;
    m.log = pango_layout_get_log_attrs_readonly(ml, &m.n_log);
    m.protrude = c->s->protrusion;
    GArray *chosen = g_array_new(FALSE, FALSE, sizeof(chosen_line));
    GArray *tech = g_array_new(FALSE, FALSE, sizeof(lay_range));
    g_array_free(lay_hyph_points(NULL, in, p->capitals, true, tech), TRUE);
    m.tech = g_malloc0(m.len + 1);
    for (guint i = 0; i < tech->len; i++) {
        const lay_range *r = &g_array_index(tech, lay_range, i);
        if (r->end <= m.len && r->start < r->end)
            memset(m.tech + r->start, 1, r->end - r->start);
    }
    bool ok = measure_text(ml, &m) && choose(c, in, p, ml, &m, chosen);
    g_free(m.x);
    g_free(m.ink);
    g_free(m.tech);
    if (ok && whole_pieces(chosen)) {
        set_pieces(c, in, p, ml, chosen, lines);
    } else if (ok) {
        guint before = lines->len;
        ok = set_text(c, in, p, chosen, lines);
        if (!ok)
            g_ptr_array_set_size(lines, before);
    }
    g_object_unref(ml);
    g_array_free(chosen, TRUE);
    g_array_free(tech, TRUE);
    return ok;
}
