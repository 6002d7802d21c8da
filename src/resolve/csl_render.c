/* csl_render.c: one cite or bibliography entry, from its layout to an output
 * tree (and, for disambiguation, to plain text). In the bibliography with
 * second-field-align, the first rendered field becomes the left-margin block
 * and the rest the right-inline block (CSL 1.0.2 "Whitespace"). */
#include <string.h>

#include "csl_int.h"

static void setup(ectx *c, csl_proc *p, arena *a, const csl_layout *l, const csl_reg *reg,
                  const csl_cite_rec *cite, bool bib)
{
    memset(c, 0, sizeof *c);
    c->p = p;
    c->st = p->st;
    c->a = a;
    c->layout = l;
    c->bib = bib;
    c->reg = reg;
    c->item = reg ? reg->item : NULL;
    c->key_mode = p->key_mode;
    if (cite) {
        c->locator = cite->c.locator;
        c->label = cite->c.label;
        c->position = cite->position;
        c->first_note = cite->first_note;
    } else {
        c->position = bib ? 0 : POS_FIRST;
    }
}

co *csl_render_item(csl_proc *p, arena *a, const csl_layout *l, const csl_reg *reg,
                    const csl_cite_rec *cite, bool bib)
{
    ectx c;
    setup(&c, p, a, l, reg, cite, bib);
    co *o;
    if (bib && l->bibfmt.second_field_align) {
        co *seq = co_seq(a, NULL);
        co *rest = co_seq(a, NULL);
        bool first = true;
        for (size_t i = 0; i < l->n_kids; i++) {
            co *k = csl_eval_el(&c, l->kids[i]);
            if (!k)
                continue;
            if (k->kind == CO_SEQ && k->splice) {
                for (unsigned j = 0; j < k->n; j++) {
                    if (first) {
                        static const csl_fmt left = {.display = DISP_LEFT_MARGIN};
                        co_add(a, seq, co_wrap(a, &left, &k->kids[j], 1));
                        first = false;
                    } else {
                        co_add(a, rest, k->kids[j]);
                    }
                }
                continue;
            }
            if (first) {
                static const csl_fmt left = {.display = DISP_LEFT_MARGIN};
                co_add(a, seq, co_wrap(a, &left, &k, 1));
                first = false;
            } else {
                co_add(a, rest, k);
            }
        }
        if (rest->n) {
            static const csl_fmt right = {.display = DISP_RIGHT_INLINE};
            rest->fmt = &right;
            co_add(a, seq, rest);
        }
        o = seq->n ? seq : NULL;
    } else {
        o = csl_eval_kids(&c, l->kids, l->n_kids, NULL);
    }
    if (c.suppressed)
        g_ptr_array_free(c.suppressed, TRUE);
    return o;
}

char *csl_render_plain(csl_proc *p, const csl_layout *l, const csl_reg *reg,
                       const csl_cite_rec *cite, bool bib)
{
    arena *a = arena_new();
    co *o = csl_render_item(p, a, l, reg, cite, bib);
    csl_flat f = {p->st, a};
    csl_rich *r = csl_flatten(&f, o);
    char *s = r ? csl_rich_plain(r) : g_strdup("");
    arena_free(a);
    return s;
}
