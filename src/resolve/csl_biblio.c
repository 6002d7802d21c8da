/* csl_biblio.c: renders the bibliography entries in bibliography order, with
 * subsequent-author-substitute (CSL 1.0.2 "Reference Grouping"). */
#include <string.h>

#include "csl_int.h"

/* The names output of the first cs:names rendered in an entry (also used
 * for cites, csl_cite.c). */
co *csl_first_names(co *o)
{
    if (!o)
        return NULL;
    if (o->tag == TAG_NAMES)
        return o;
    for (unsigned i = 0; i < o->n; i++) {
        co *r = csl_first_names(o->kids[i]);
        if (r)
            return r;
    }
    return NULL;
}

static void collect_names(co *o, GPtrArray *out)
{
    if (!o)
        return;
    if (o->tag == TAG_NAME) {
        g_ptr_array_add(out, o);
        return;
    }
    for (unsigned i = 0; i < o->n; i++)
        collect_names(o->kids[i], out);
}

static char *names_text(const csl_style *st, co *o)
{
    arena *a = arena_new();
    csl_flat f = {st, a};
    csl_rich *r = csl_flatten(&f, o);
    char *s = r ? csl_rich_plain(r) : g_strdup("");
    arena_free(a);
    return s;
}

/* The names of a TAG_NAMES node as keys (or its text when substituted). */
static GPtrArray *name_keys(const csl_style *st, co *names)
{
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *ns = g_ptr_array_new();
    collect_names(names, ns);
    /* names compare as rendered: {"family": "X"} and {"literal": "X"} match */
    for (guint i = 0; i < ns->len; i++)
        g_ptr_array_add(keys, names_text(st, ns->pdata[i]));
    if (ns->len == 0)
        g_ptr_array_add(keys, names_text(st, names));
    g_ptr_array_free(ns, TRUE);
    return keys;
}

/* Replaces each TAG_NAME (up to limit) with the substitute text. */
static void replace_names(arena *a, co *o, const char *sub, size_t *left)
{
    for (unsigned i = 0; i < o->n && *left; i++) {
        co *k = o->kids[i];
        if (k->tag == TAG_NAME) {
            co *t = co_tag(a, TAG_NAME, co_text(a, sub, false));
            if (!t)
                t = co_tag(a, TAG_NAME, co_seq(a, NULL));
            if (t) {
                t->ptr = k->ptr;
                o->kids[i] = t;
            } else {
                memmove(&o->kids[i], &o->kids[i + 1], (o->n - i - 1) * sizeof(co *));
                o->n--;
                i--;
            }
            (*left)--;
        } else if (k->kind == CO_SEQ) {
            replace_names(a, k, sub, left);
        }
    }
}

/* Applies subsequent-author-substitute to ENTRY given the previous entry's
 * names (keys); returns the keys of this entry's names for the next one. */
static GPtrArray *substitute(csl_proc *p, arena *a, co *entry, GPtrArray *prev)
{
    const csl_layout *bl = &p->st->bibliography;
    co *names = csl_first_names(entry);
    if (!names)
        return NULL;
    GPtrArray *keys = name_keys(p->st, names);
    if (!prev)
        return keys;
    size_t match = 0;
    while (match < keys->len && match < prev->len &&
           strcmp(keys->pdata[match], prev->pdata[match]) == 0)
        match++;
    bool complete = match == keys->len && match == prev->len;
    const char *sub = bl->subsequent_author_substitute;
    GPtrArray *ns0 = g_ptr_array_new();
    collect_names(names, ns0);
    /* a substitute (no names) matches as a whole */
    int rule = ns0->len ? bl->sas_rule : SAS_COMPLETE_ALL;
    g_ptr_array_free(ns0, TRUE);
    switch (rule) {
    case SAS_COMPLETE_ALL:
        if (complete) {
            /* the whole list, keeping the affixes of cs:names and a label */
            GPtrArray *ns = g_ptr_array_new();
            collect_names(names, ns);
            if (ns->len == 0) {
                names->n = 0;
                co_add(a, names, co_text(a, sub, false));
            } else {
                /* drop everything but the label: keep non-name leaves that
                 * follow or precede the list only if they are labels */
                co *body = names->kids[0];
                co *lab = NULL;
                if (body->kind == CO_SEQ && body->n == 2 && !csl_first_names(body->kids[1]) &&
                    body->kids[1]->tag != TAG_NAME)
                    lab = body->kids[1];
                else if (body->kind == CO_SEQ && body->n == 2 && !csl_first_names(body->kids[0]) &&
                         body->kids[0]->tag != TAG_NAME)
                    lab = body->kids[0];
                names->n = 0;
                co *s = co_seq(a, NULL);
                co_add(a, s, co_text(a, sub, false));
                if (lab) {
                    co_add(a, s, lab);
                }
                co_add(a, names, s->n ? s : NULL);
            }
            g_ptr_array_free(ns, TRUE);
        }
        break;
    case SAS_COMPLETE_EACH:
        if (complete) {
            size_t left = keys->len;
            replace_names(a, names, sub, &left);
        }
        break;
    case SAS_PARTIAL_EACH:
        if (match > 0) {
            size_t left = match;
            replace_names(a, names, sub, &left);
        }
        break;
    case SAS_PARTIAL_FIRST:
        if (match > 0) {
            size_t left = 1;
            replace_names(a, names, sub, &left);
        }
        break;
    }
    return keys;
}

/* Moves the layout suffix into a trailing display block, so "." ends up
 * inside the block rather than after it. */
static bool suffix_into_display(arena *a, co *o, const char *suffix)
{
    if (!o || o->kind != CO_SEQ || o->n == 0)
        return false;
    co *last = o->kids[o->n - 1];
    if (last->kind == CO_SEQ && last->fmt && last->fmt->display) {
        csl_fmt *f = ARENA_NEW(a, csl_fmt);
        *f = *last->fmt;
        f->suffix = f->suffix ? arena_printf(a, "%s%s", f->suffix, suffix) : suffix;
        last->fmt = f;
        return true;
    }
    return suffix_into_display(a, last, suffix);
}

void csl_render_bibliography(csl_proc *p)
{
    const csl_layout *bl = &p->st->bibliography;
    if (!bl->present)
        return;
    arena *a = p->a;
    GPtrArray *prev = NULL;
    for (guint i = 0; i < p->bib_order->len; i++) {
        csl_reg *r = p->bib_order->pdata[i];
        co *o = csl_render_item(p, a, bl, r, NULL, true);
        if (!o)
            continue;
        if (bl->subsequent_author_substitute) {
            GPtrArray *keys = substitute(p, a, o, prev);
            if (prev)
                g_ptr_array_free(prev, TRUE);
            prev = keys;
        }
        csl_fmt *f = ARENA_NEW(a, csl_fmt);
        *f = bl->fmt;
        f->delimiter = NULL;
        if (f->suffix && suffix_into_display(a, o, f->suffix))
            f->suffix = NULL;
        o = co_wrap(a, f, &o, 1);
        csl_flat fl = {p->st, a, false, p->opts.link_urls};
        csl_rich *rich = csl_flatten(&fl, o);
        if (!rich)
            continue;
        csl_rich *root = rich_new(a, CSL_RICH_SEQ);
        rich_append(root, rich);
        csl_finish(&fl, root);
        g_ptr_array_add(p->bib_results, root);
        g_ptr_array_add(p->bib_ids, r);
    }
    if (prev)
        g_ptr_array_free(prev, TRUE);
}
