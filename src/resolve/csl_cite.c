/* csl_cite.c: renders the citations: cites sorted by the citation's sort
 * keys, each cite rendered and tagged, prefixes and suffixes added,
 * suppress-author and author-only applied, then grouped and collapsed, and
 * wrapped in the citation layout's affixes and formatting. */
#include <string.h>

#include "csl_int.h"

static int cmp_cite(gconstpointer a, gconstpointer b, gpointer data)
{
    const csl_layout *l = data;
    const csl_cite_rec *x = *(csl_cite_rec *const *)a, *y = *(csl_cite_rec *const *)b;
    char **kx = x->reg ? x->reg->cite_sort_keys : NULL;
    char **ky = y->reg ? y->reg->cite_sort_keys : NULL;
    int r = csl_sort_compare(l, kx, ky);
    if (r)
        return r;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Removes the first names output (suppress-author); true when found. */
static bool remove_first_names(co *o)
{
    for (unsigned i = 0; i < o->n; i++) {
        co *k = o->kids[i];
        if (k->tag == TAG_NAMES) {
            memmove(&o->kids[i], &o->kids[i + 1], (o->n - i - 1) * sizeof(co *));
            o->n--;
            return true;
        }
        if (k->kind == CO_SEQ && remove_first_names(k))
            return true;
    }
    return false;
}

/* In note styles a cite that opens a note (no prefix, or a prefix that ends
 * a sentence of more than one word) capitalizes a leading term ("Ibid."). */
static void capitalize_initial_term(arena *a, co *o)
{
    while (o && o->kind == CO_SEQ && o->tag != TAG_TERM && o->n)
        o = o->kids[0];
    if (!o || o->tag != TAG_TERM || !o->n)
        return;
    static const csl_fmt cap = {.text_case = TC_CAP_FIRST};
    co *inner = co_seq(a, NULL);
    inner->fmt = &cap;
    for (unsigned i = 0; i < o->n; i++)
        co_add(a, inner, o->kids[i]);
    o->n = 0;
    co_add(a, o, inner);
}

static bool opens_sentence(const char *prefix)
{
    if (!prefix)
        return true;
    /* ". ", or a sentence ending inside quotes: ".” " */
    const char *end = prefix + strlen(prefix);
    if (end == prefix || end[-1] != ' ')
        return false;
    end--;
    while (end > prefix) {
        const char *q = g_utf8_prev_char(end);
        gunichar c = g_utf8_get_char(q);
        if (c != '"' && c != '\'' && c != 0x201D && c != 0x2019 && c != 0xBB)
            break;
        end = q;
    }
    if (end == prefix || (end[-1] != '.' && end[-1] != '!' && end[-1] != '?'))
        return false;
    int spaces = 0;
    for (const char *p = prefix; *p; p++)
        spaces += *p == ' ';
    return spaces > 1;
}

/* One cite: rendered, tagged with its record, with prefix and suffix. */
static co *render_cite(csl_proc *p, arena *a, csl_cite_rec *r, bool author_only,
                       bool suppress_author, bool first)
{
    co *o;
    if (!r->reg) {
        static const csl_fmt bold = {.font_weight = FW_BOLD};
        co *t = co_text(a, arena_printf(a, "%s?", r->c.id ? r->c.id : ""), false);
        o = co_wrap(a, &bold, &t, 1);
    } else {
        o = csl_render_item(p, a, &p->st->citation, r->reg, r, false);
        if (!o)
            o = co_text(a, "[CSL STYLE ERROR: reference with no printed form.]", false);
        else if (p->st->note && (first || r->c.prefix) && opens_sentence(r->c.prefix))
            capitalize_initial_term(a, o);
    }
    if (author_only) {
        o = csl_first_names(o);
        if (!o)
            return NULL;
    } else if (suppress_author && o && o->kind == CO_SEQ) {
        remove_first_names(o);
    } else if (suppress_author && o && o->tag == TAG_NAMES) {
        o = NULL;
    }
    if (!o)
        return NULL;
    co *t = co_tag(a, TAG_ITEM, o);
    t->ptr = r;
    if (r->c.prefix || r->c.suffix) {
        co *s = co_seq(a, NULL);
        if (r->c.prefix) {
            co *pre = co_tag(a, TAG_PREFIX, co_text(a, r->c.prefix, true));
            co_add(a, s, pre);
        }
        co_add(a, s, t);
        if (r->c.suffix) {
            co *suf = co_tag(a, TAG_SUFFIX, co_text(a, r->c.suffix, true));
            co_add(a, s, suf);
        }
        s->ptr = r;
        s->tag = TAG_ITEM;
        return s;
    }
    return t;
}

/* The citation's body: cites in order, grouped and collapsed. */
static co *citation_body(csl_proc *p, arena *a, csl_citation *c, bool suppress_first,
                         bool author_only_first)
{
    const csl_layout *l = &p->st->citation;
    csl_cite_rec **order = g_new(csl_cite_rec *, c->n ? c->n : 1);
    for (size_t k = 0; k < c->n; k++)
        order[k] = &c->cites[k];
    if (l->n_keys && c->n > 1)
        g_qsort_with_data(order, (gint)c->n, sizeof *order, cmp_cite, (gpointer)l);
    co **items = g_new0(co *, c->n ? c->n : 1);
    csl_cite_rec **recs = g_new0(csl_cite_rec *, c->n ? c->n : 1);
    size_t n = 0;
    for (size_t k = 0; k < c->n; k++) {
        csl_cite_rec *r = order[k];
        bool ao = r->c.author_only || (author_only_first && k == 0);
        bool sa = r->c.suppress_author || (suppress_first && k == 0);
        co *o = render_cite(p, a, r, ao, sa, n == 0);
        if (!o)
            continue;
        items[n] = o;
        recs[n] = r;
        n++;
    }
    co *body = n ? csl_collapse(p, a, items, recs, n) : NULL;
    g_free(items);
    g_free(recs);
    g_free(order);
    return body;
}

static csl_rich *finish(csl_proc *p, arena *a, co *o, const csl_fmt *layout_fmt)
{
    if (!o)
        return NULL;
    if (layout_fmt) {
        csl_fmt *f = ARENA_NEW(a, csl_fmt);
        *f = *layout_fmt;
        f->delimiter = NULL;
        o = co_wrap(a, f, &o, 1);
    }
    csl_flat fl = {p->st, a, false, p->opts.link_urls};
    csl_rich *r = csl_flatten(&fl, o);
    if (!r)
        return NULL;
    csl_rich *root = rich_new(a, CSL_RICH_SEQ);
    rich_append(root, r);
    csl_finish(&fl, root);
    return root;
}

void csl_render_citations(csl_proc *p)
{
    const csl_layout *l = &p->st->citation;
    arena *a = p->a;
    if (l->n_keys)
        for (guint i = 0; i < p->regs->len; i++) {
            csl_reg *r = p->regs->pdata[i];
            csl_sort_keys_compute(p, l, r, &r->cite_sort_keys);
        }
    for (guint ci = 0; ci < p->citations->len; ci++) {
        csl_citation *c = p->citations->pdata[ci];
        if (c->author_in_text && c->n > 0) {
            /* pandoc's "@key": the author, then the citation without it */
            co *author = citation_body(p, a, c, false, true);
            csl_rich *ra = finish(p, a, author, NULL);
            co *rest = NULL;
            csl_rich *rr = NULL;
            if (c->n > 1 || !c->cites[0].c.author_only) {
                rest = citation_body(p, a, c, true, false);
                rr = finish(p, a, rest, &l->fmt);
            }
            c->author = ra;
            c->rest = rr;
            csl_rich *root = rich_new(a, CSL_RICH_SEQ);
            if (ra)
                rich_append(root, rich_copy(a, ra));
            if (ra && rr)
                rich_append(root, rich_text(a, " "));
            if (rr)
                rich_append(root, rich_copy(a, rr));
            c->result = root;
            continue;
        }
        /* an author-only citation is just the names, without the layout's
         * parentheses */
        bool author_only = true;
        for (size_t k = 0; k < c->n; k++)
            author_only = author_only && c->cites[k].c.author_only;
        c->result = finish(p, a, citation_body(p, a, c, false, false),
                           author_only && c->n ? NULL : &l->fmt);
    }
}
