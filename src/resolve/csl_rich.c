/* csl_rich.c: the rich-text tree's basic operations: building, the first and
 * last characters of the text (for punctuation rules), trimming, plain text.
 * Trees are shallow (style nesting and markup depth are capped), so these
 * walk them recursively. */
#include <string.h>

#include "csl_int.h"

csl_rich *rich_new(arena *a, csl_rich_kind kind)
{
    csl_rich *r = ARENA_NEW(a, csl_rich);
    r->kind = kind;
    return r;
}

csl_rich *rich_textn(arena *a, const char *s, size_t n)
{
    csl_rich *r = rich_new(a, CSL_RICH_TEXT);
    r->text = arena_strndup(a, s, n);
    return r;
}

csl_rich *rich_text(arena *a, const char *s)
{
    return rich_textn(a, s, strlen(s));
}

void rich_append(csl_rich *parent, csl_rich *child)
{
    if (!child)
        return;
    child->next = NULL;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
}

csl_rich *rich_wrap(arena *a, csl_rich_kind kind, csl_rich *r)
{
    csl_rich *w = rich_new(a, kind);
    rich_append(w, r);
    return w;
}

bool rich_is_empty(const csl_rich *r)
{
    if (!r)
        return true;
    if (r->kind == CSL_RICH_TEXT)
        return !r->text || !*r->text;
    if (r->kind == CSL_RICH_QUOTE && r->text && *r->text)
        return false;
    for (const csl_rich *k = r->first; k; k = k->next)
        if (!rich_is_empty(k))
            return false;
    return true;
}

gunichar rich_first_char(const csl_rich *r)
{
    if (!r)
        return 0;
    if (r->kind == CSL_RICH_TEXT)
        return r->text && *r->text ? g_utf8_get_char(r->text) : 0;
    for (const csl_rich *k = r->first; k; k = k->next) {
        gunichar c = rich_first_char(k);
        if (c)
            return c;
    }
    return 0;
}

gunichar rich_last_char(const csl_rich *r)
{
    if (!r)
        return 0;
    if (r->kind == CSL_RICH_TEXT) {
        if (!r->text || !*r->text)
            return 0;
        const char *end = r->text + strlen(r->text);
        return g_utf8_get_char(g_utf8_prev_char(end));
    }
    /* children are singly linked: find the last non-empty one */
    gunichar last = 0;
    for (const csl_rich *k = r->first; k; k = k->next) {
        gunichar c = rich_last_char(k);
        if (c)
            last = c;
    }
    return last;
}

/* Trims the leading characters matching pred; returns true when a
 * non-matching character was reached (so trimming stops). */
static bool trim_start(arena *a, csl_rich *r, bool (*pred)(gunichar), int *budget)
{
    if (r->kind == CSL_RICH_TEXT) {
        if (!r->text)
            return false;
        const char *p = r->text;
        while (*p && (*budget != 0) && pred(g_utf8_get_char(p))) {
            p = g_utf8_next_char(p);
            if (*budget > 0)
                (*budget)--;
        }
        if (p != r->text)
            r->text = arena_strdup(a, p);
        return *r->text != '\0' || *budget == 0;
    }
    for (csl_rich *k = r->first; k; k = k->next)
        if (trim_start(a, k, pred, budget))
            return true;
    return false;
}

/* Collects the nodes of r in order (text leaves only). */
static void leaves(csl_rich *r, GPtrArray *out)
{
    if (r->kind == CSL_RICH_TEXT) {
        g_ptr_array_add(out, r);
        return;
    }
    for (csl_rich *k = r->first; k; k = k->next)
        leaves(k, out);
}

static void trim_end(arena *a, csl_rich *r, bool (*pred)(gunichar), int budget)
{
    GPtrArray *ls = g_ptr_array_new();
    leaves(r, ls);
    for (guint i = ls->len; i-- > 0 && budget != 0;) {
        csl_rich *t = ls->pdata[i];
        if (!t->text || !*t->text)
            continue;
        size_t len = strlen(t->text);
        const char *end = t->text + len;
        while (end > t->text && budget != 0) {
            const char *prev = g_utf8_prev_char(end);
            if (!pred(g_utf8_get_char(prev)))
                break;
            end = prev;
            if (budget > 0)
                budget--;
        }
        bool stop = end > t->text;
        if ((size_t)(end - t->text) != len)
            t->text = arena_strndup(a, t->text, (size_t)(end - t->text));
        if (stop)
            break;
    }
    g_ptr_array_free(ls, TRUE);
}

static bool any_char(gunichar c)
{
    UNUSED(c);
    return true;
}

void rich_drop_first(arena *a, csl_rich *r)
{
    int budget = 1;
    if (r)
        trim_start(a, r, any_char, &budget);
}

void rich_drop_last(arena *a, csl_rich *r)
{
    if (r)
        trim_end(a, r, any_char, 1);
}

void rich_trim_start(arena *a, csl_rich *r, bool (*pred)(gunichar))
{
    int budget = -1;
    if (r)
        trim_start(a, r, pred, &budget);
}

void rich_trim_end(arena *a, csl_rich *r, bool (*pred)(gunichar))
{
    if (r)
        trim_end(a, r, pred, -1);
}

void rich_plain_append(const csl_rich *r, GString *out)
{
    if (!r)
        return;
    if (r->kind == CSL_RICH_TEXT) {
        if (r->text)
            g_string_append(out, r->text);
        return;
    }
    if (r->kind == CSL_RICH_QUOTE && r->text)
        g_string_append(out, r->text);
    for (const csl_rich *k = r->first; k; k = k->next)
        rich_plain_append(k, out);
    if (r->kind == CSL_RICH_QUOTE && r->extra)
        g_string_append(out, r->extra);
}

char *csl_rich_plain(const csl_rich *r)
{
    GString *s = g_string_new(NULL);
    rich_plain_append(r, s);
    return g_string_free(s, FALSE);
}

void rich_map_text(arena *a, csl_rich *r, char *(*f)(const char *s, void *data), void *data)
{
    if (!r || r->kind == CSL_RICH_NOCASE)
        return;
    if (r->kind == CSL_RICH_TEXT) {
        if (r->text && *r->text) {
            char *t = f(r->text, data);
            r->text = arena_strdup(a, t);
            g_free(t);
        }
        return;
    }
    for (csl_rich *k = r->first; k; k = k->next)
        rich_map_text(a, k, f, data);
}

csl_rich *rich_copy(arena *a, const csl_rich *r)
{
    if (!r)
        return NULL;
    csl_rich *c = rich_new(a, r->kind);
    c->flags = r->flags;
    c->text = r->text ? arena_strdup(a, r->text) : NULL;
    c->extra = r->extra ? arena_strdup(a, r->extra) : NULL;
    for (const csl_rich *k = r->first; k; k = k->next)
        rich_append(c, rich_copy(a, k));
    return c;
}
