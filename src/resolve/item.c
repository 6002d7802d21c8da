/* item.c: bibliographic items and the bibliography that owns them. */
#include "item.h"

#include <string.h>

csl_bib *csl_bib_new(void)
{
    csl_bib *b = g_new0(csl_bib, 1);
    b->arena = arena_new();
    b->items = g_ptr_array_new();
    b->by_id = g_hash_table_new(g_str_hash, g_str_equal);
    return b;
}

void csl_bib_free(csl_bib *b)
{
    if (!b)
        return;
    for (guint i = 0; i < b->items->len; i++)
        g_hash_table_destroy(((csl_item *)b->items->pdata[i])->vars);
    g_ptr_array_free(b->items, TRUE);
    g_hash_table_destroy(b->by_id);
    arena_free(b->arena);
    g_free(b);
}

csl_item *csl_item_new(csl_bib *b, const char *id, const char *type, doc_span span)
{
    csl_item *it = ARENA_NEW(b->arena, csl_item);
    it->id = arena_strdup(b->arena, id);
    it->type = arena_strdup(b->arena, type);
    it->vars = g_hash_table_new(g_str_hash, g_str_equal);
    it->span = span;
    g_ptr_array_add(b->items, it);
    if (!g_hash_table_contains(b->by_id, it->id))
        g_hash_table_insert(b->by_id, (gpointer)it->id, it);
    return it;
}

static csl_value *value_new(csl_bib *b, csl_item *it, const char *var, csl_var_kind kind)
{
    csl_value *v = ARENA_NEW(b->arena, csl_value);
    v->kind = kind;
    g_hash_table_insert(it->vars, arena_strdup(b->arena, var), v);
    return v;
}

void csl_item_set_text(csl_bib *b, csl_item *it, const char *var, const char *text)
{
    value_new(b, it, var, CSL_VAR_TEXT)->v.text = arena_strdup(b->arena, text);
}

void csl_item_set_names(csl_bib *b, csl_item *it, const char *var, csl_names names)
{
    value_new(b, it, var, CSL_VAR_NAMES)->v.names = names;
}

void csl_item_set_date(csl_bib *b, csl_item *it, const char *var, csl_date date)
{
    value_new(b, it, var, CSL_VAR_DATE)->v.date = date;
}

static const csl_value *lookup(const csl_item *it, const char *var, csl_var_kind kind)
{
    const csl_value *v = g_hash_table_lookup(it->vars, var);
    return v && v->kind == kind ? v : NULL;
}

const char *csl_item_text(const csl_item *it, const char *var)
{
    const csl_value *v = lookup(it, var, CSL_VAR_TEXT);
    return v ? v->v.text : NULL;
}

const csl_names *csl_item_names(const csl_item *it, const char *var)
{
    const csl_value *v = lookup(it, var, CSL_VAR_NAMES);
    return v ? &v->v.names : NULL;
}

const csl_date *csl_item_date(const csl_item *it, const char *var)
{
    const csl_value *v = lookup(it, var, CSL_VAR_DATE);
    return v ? &v->v.date : NULL;
}
