/* csl_proc.c: the processor's public API and the order of its passes:
 * register the cited items, number them, compute cite positions, sort the
 * bibliography, disambiguate, then render citations and bibliography. */
#include <string.h>

#include "csl_int.h"

csl_proc *csl_proc_new(const csl_style *st, const csl_bib *bib, const csl_options *opts)
{
    csl_proc *p = g_new0(csl_proc, 1);
    p->st = st;
    p->bib = bib;
    if (opts)
        p->opts = *opts;
    p->a = arena_new();
    p->citations = g_ptr_array_new();
    p->regs = g_ptr_array_new();
    p->by_id = g_hash_table_new(g_str_hash, g_str_equal);
    p->bib_order = g_ptr_array_new();
    p->bib_results = g_ptr_array_new();
    p->bib_ids = g_ptr_array_new();
    return p;
}

static void reg_free(csl_proc *p, csl_reg *r)
{
    if (r->name_level)
        g_hash_table_destroy(r->name_level);
    if (r->sort_keys) {
        for (size_t i = 0; i < p->st->bibliography.n_keys; i++)
            g_free(r->sort_keys[i]);
        g_free(r->sort_keys);
    }
    if (r->cite_sort_keys) {
        for (size_t i = 0; i < p->st->citation.n_keys; i++)
            g_free(r->cite_sort_keys[i]);
        g_free(r->cite_sort_keys);
    }
}

void csl_proc_free(csl_proc *p)
{
    if (!p)
        return;
    for (guint i = 0; i < p->regs->len; i++)
        reg_free(p, p->regs->pdata[i]);
    g_ptr_array_free(p->regs, TRUE);
    g_ptr_array_free(p->citations, TRUE);
    g_hash_table_destroy(p->by_id);
    g_ptr_array_free(p->bib_order, TRUE);
    g_ptr_array_free(p->bib_results, TRUE);
    g_ptr_array_free(p->bib_ids, TRUE);
    if (p->global_names)
        g_hash_table_destroy(p->global_names);
    arena_free(p->a);
    g_free(p);
}

static const char *cite_dup(csl_proc *p, const char *s)
{
    return s && *s ? arena_strdup(p->a, s) : NULL;
}

size_t csl_proc_add_citation(csl_proc *p, const csl_cite *cites, size_t n, unsigned note,
                             bool author_in_text)
{
    csl_citation *c = ARENA_NEW(p->a, csl_citation);
    c->cites = ARENA_ARRAY(p->a, csl_cite_rec, n ? n : 1);
    c->n = n;
    c->note = note;
    c->author_in_text = author_in_text;
    for (size_t i = 0; i < n; i++) {
        csl_cite_rec *r = &c->cites[i];
        r->c.id = cite_dup(p, cites[i].id);
        r->c.locator = cite_dup(p, cites[i].locator);
        r->c.label = cite_dup(p, cites[i].label);
        r->c.prefix = cite_dup(p, cites[i].prefix);
        r->c.suffix = cite_dup(p, cites[i].suffix);
        r->c.suppress_author = cites[i].suppress_author;
        r->c.span = cites[i].span;
        r->c.author_only = cites[i].author_only;
        r->index = i;
        r->forced_position = -1;
    }
    g_ptr_array_add(p->citations, c);
    return p->citations->len - 1;
}

void csl_proc_force_position(csl_proc *p, size_t citation, size_t cite, int position,
                             bool near_note)
{
    csl_citation *c = p->citations->pdata[citation];
    if (cite < c->n) {
        c->cites[cite].forced_position = position;
        c->cites[cite].forced_near_note = near_note;
    }
}

/* The registry entry for id, created on first use; NULL for unknown ids. */
static csl_reg *reg_for(csl_proc *p, const char *id, bool cited)
{
    if (!id)
        return NULL;
    csl_reg *r = g_hash_table_lookup(p->by_id, id);
    if (r) {
        r->cited = r->cited || cited;
        return r;
    }
    const csl_item *it = g_hash_table_lookup(p->bib->by_id, id);
    if (!it)
        return NULL;
    r = ARENA_NEW(p->a, csl_reg);
    r->item = it;
    r->id = it->id;
    r->first_order = p->regs->len;
    r->cited = cited;
    g_ptr_array_add(p->regs, r);
    g_hash_table_insert(p->by_id, (gpointer)r->id, r);
    return r;
}

void csl_proc_add_uncited(csl_proc *p, const char *id)
{
    if (!reg_for(p, id, false))
        diag_warning(NULL, 0, 0, "no bibliography entry for '%s'", id);
}

/* ---- positions (CSL 1.0.2 "Choose", position; "Note Distance") -------------------- */

typedef struct {
    size_t citation;
    unsigned note;
    size_t pos;
    bool alone;
    const char *locator;
    const char *label;
} last_cite;

static void compute_positions(csl_proc *p)
{
    GHashTable *last = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    GHashTable *first_note = g_hash_table_new(g_direct_hash, g_direct_equal);
    int distance = p->st->citation.near_note_distance;
    for (guint ci = 0; ci < p->citations->len; ci++) {
        csl_citation *c = p->citations->pdata[ci];
        unsigned note = c->note ? c->note : ci + 1;
        for (size_t k = 0; k < c->n; k++) {
            csl_cite_rec *r = &c->cites[k];
            if (!r->reg)
                continue;
            last_cite *l = g_hash_table_lookup(last, r->reg);
            unsigned pos = 0;
            if (!l) {
                pos = POS_FIRST;
            } else {
                pos = POS_SUBSEQUENT;
                if (p->st->note && note >= l->note && (int)(note - l->note) <= distance)
                    pos |= POS_NEAR_NOTE;
                bool follows = (l->citation == ci && l->pos + 1 == k) ||
                               (k == 0 && l->alone && l->citation + 1 == ci);
                if (follows) {
                    /* a locator is the same when its label is too */
                    const char *a = l->locator, *b = r->c.locator;
                    const char *la = l->label ? l->label : "page";
                    const char *lb = r->c.label ? r->c.label : "page";
                    if (!a && !b)
                        pos |= POS_IBID;
                    else if (!a && b)
                        pos |= POS_IBID | POS_IBID_LOC;
                    else if (a && b && !strcmp(a, b) && !strcmp(la, lb))
                        pos |= POS_IBID;
                    else if (a && b)
                        pos |= POS_IBID | POS_IBID_LOC;
                }
            }
            if (r->forced_position >= 0) {
                static const unsigned forced[] = {POS_FIRST, POS_SUBSEQUENT,
                                                  POS_SUBSEQUENT | POS_IBID,
                                                  POS_SUBSEQUENT | POS_IBID | POS_IBID_LOC};
                pos = forced[r->forced_position & 3];
            }
            if (r->forced_near_note)
                pos |= POS_NEAR_NOTE;
            r->position = pos;
            if (p->st->note) {
                gpointer fn = g_hash_table_lookup(first_note, r->reg);
                if (fn && !(pos & POS_FIRST))
                    r->first_note = GPOINTER_TO_INT(fn);
                else if (!fn && c->note)
                    g_hash_table_insert(first_note, r->reg, GINT_TO_POINTER((int)c->note));
            }
            if (r->c.author_only)
                continue;
            if (!l) {
                l = g_new0(last_cite, 1);
                g_hash_table_insert(last, r->reg, l);
            }
            l->citation = ci;
            l->note = note;
            l->pos = k;
            l->alone = c->n == 1;
            l->locator = r->c.locator;
            l->label = r->c.label;
        }
    }
    g_hash_table_destroy(first_note);
    g_hash_table_destroy(last);
}

/* ---- numbering and bibliography order ------------------------------------------------ */

static const csl_layout *sort_layout;

static int cmp_bib(gconstpointer a, gconstpointer b)
{
    const csl_reg *x = *(csl_reg *const *)a, *y = *(csl_reg *const *)b;
    int r = csl_sort_compare(sort_layout, x->sort_keys, y->sort_keys);
    if (r)
        return r;
    return x->first_order < y->first_order ? -1 : x->first_order > y->first_order;
}

/* Sorts the bibliography and numbers the items in its order (citation
 * numbers follow the bibliography, CSL 1.0.2 "citation-number"). */
static void order_bibliography(csl_proc *p)
{
    const csl_layout *bl = &p->st->bibliography;
    g_ptr_array_set_size(p->bib_order, 0);
    for (guint i = 0; i < p->regs->len; i++) {
        csl_reg *r = p->regs->pdata[i];
        r->citation_number = (int)i + 1;
        g_ptr_array_add(p->bib_order, r);
    }
    if (!bl->present || bl->n_keys == 0)
        return;
    for (guint i = 0; i < p->regs->len; i++)
        csl_sort_keys_compute(p, bl, p->regs->pdata[i], &((csl_reg *)p->regs->pdata[i])->sort_keys);
    sort_layout = bl;
    g_ptr_array_sort(p->bib_order, cmp_bib);
    /* a bibliography sorted by citation-number descending still numbers
     * the items in citation order */
    bool desc_number = bl->keys[0].descending &&
                       ((bl->keys[0].var && !strcmp(bl->keys[0].var, "citation-number")));
    for (guint i = 0; i < p->bib_order->len; i++) {
        csl_reg *r = p->bib_order->pdata[i];
        r->citation_number = desc_number ? (int)(p->bib_order->len - i) : (int)i + 1;
    }
}

bool csl_proc_run(csl_proc *p)
{
    if (p->ran)
        return true;
    p->ran = true;
    for (guint ci = 0; ci < p->citations->len; ci++) {
        csl_citation *c = p->citations->pdata[ci];
        for (size_t k = 0; k < c->n; k++) {
            c->cites[k].reg = reg_for(p, c->cites[k].c.id, true);
            const doc_span *sp = &c->cites[k].c.span;
            if (!c->cites[k].reg)
                diag_warning(sp->file, sp->line, sp->col, "no bibliography entry for '%s'",
                             c->cites[k].c.id ? c->cites[k].c.id : "");
        }
    }
    compute_positions(p);
    order_bibliography(p);
    csl_disambiguate(p);
    csl_render_citations(p);
    csl_render_bibliography(p);
    return true;
}

size_t csl_proc_citation_count(const csl_proc *p)
{
    return p->citations->len;
}

const csl_rich *csl_proc_citation(const csl_proc *p, size_t i)
{
    static csl_rich empty = {CSL_RICH_SEQ, NULL, NULL, NULL, NULL, NULL, 0};
    if (i >= p->citations->len)
        return &empty;
    csl_citation *c = p->citations->pdata[i];
    return c->result ? c->result : &empty;
}

const csl_rich *csl_proc_citation_author(const csl_proc *p, size_t i, const csl_rich **rest)
{
    if (rest)
        *rest = NULL;
    if (i >= p->citations->len)
        return NULL;
    csl_citation *c = p->citations->pdata[i];
    if (!c->author_in_text)
        return NULL;
    if (rest)
        *rest = c->rest;
    return c->author;
}

size_t csl_proc_bib_count(const csl_proc *p)
{
    return p->bib_results->len;
}

const csl_rich *csl_proc_bib_entry(const csl_proc *p, size_t i, const char **id)
{
    if (i >= p->bib_results->len)
        return NULL;
    if (id)
        *id = ((csl_reg *)p->bib_ids->pdata[i])->id;
    return p->bib_results->pdata[i];
}
