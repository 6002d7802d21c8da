/* csl_out.c: the output tree that evaluating a layout produces: text leaves,
 * formatted sequences (an element's affixes, delimiter and formatting), and
 * tags that later stages look for (names for disambiguation and collapsing,
 * year-suffixes, citation numbers, the cite itself). */
#include <string.h>

#include "csl_int.h"

co *co_text(arena *a, const char *text, bool markup)
{
    if (!text || !*text)
        return NULL;
    co *o = ARENA_NEW(a, co);
    o->kind = CO_TEXT;
    o->text = text;
    o->markup = markup;
    return o;
}

co *co_seq(arena *a, const csl_fmt *fmt)
{
    co *o = ARENA_NEW(a, co);
    o->kind = CO_SEQ;
    o->fmt = csl_fmt_is_plain(fmt) ? NULL : fmt;
    return o;
}

co *co_tag(arena *a, int tag, co *child)
{
    if (!child)
        return NULL;
    co *o = co_seq(a, NULL);
    o->tag = (uint8_t)tag;
    co_add(a, o, child);
    return o;
}

void co_add(arena *a, co *parent, co *child)
{
    if (!child)
        return;
    if (parent->n == parent->cap) {
        unsigned cap = parent->cap ? parent->cap * 2 : 4;
        co **k = ARENA_ARRAY(a, co *, cap);
        if (parent->n)
            memcpy(k, parent->kids, parent->n * sizeof(co *));
        parent->kids = k;
        parent->cap = cap;
    }
    parent->kids[parent->n++] = child;
}

co *co_wrap(arena *a, const csl_fmt *fmt, co **kids, unsigned n)
{
    unsigned live = 0;
    co *only = NULL;
    for (unsigned i = 0; i < n; i++)
        if (kids[i]) {
            live++;
            only = kids[i];
        }
    if (live == 0)
        return NULL;
    if (live == 1 && csl_fmt_is_plain(fmt))
        return only;
    co *s = co_seq(a, fmt);
    for (unsigned i = 0; i < n; i++)
        co_add(a, s, kids[i]);
    return s;
}

bool co_is_empty(const co *o)
{
    if (!o)
        return true;
    if (o->kind == CO_TEXT)
        return !o->text || !*o->text;
    for (unsigned i = 0; i < o->n; i++)
        if (!co_is_empty(o->kids[i]))
            return false;
    return true;
}
