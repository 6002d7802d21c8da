/* doc.c: creating, linking and walking document nodes. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[DOC_KIND_COUNT] = {
    [DOC_DOCUMENT] = "document",
    [DOC_PARAGRAPH] = "paragraph",
    [DOC_HEADING] = "heading",
    [DOC_BLOCKQUOTE] = "blockquote",
    [DOC_LIST] = "list",
    [DOC_ITEM] = "item",
    [DOC_CODE_BLOCK] = "code_block",
    [DOC_HTML_BLOCK] = "html_block",
    [DOC_THEMATIC_BREAK] = "thematic_break",
    [DOC_TABLE] = "table",
    [DOC_TABLE_ROW] = "table_row",
    [DOC_TABLE_CELL] = "table_cell",
    [DOC_FIGURE] = "figure",
    [DOC_CAPTION] = "caption",
    [DOC_DIV] = "div",
    [DOC_FOOTNOTE_DEF] = "footnote_def",
    [DOC_TEXT] = "text",
    [DOC_SOFTBREAK] = "softbreak",
    [DOC_LINEBREAK] = "linebreak",
    [DOC_CODE] = "code",
    [DOC_HTML_INLINE] = "html_inline",
    [DOC_EMPH] = "emph",
    [DOC_STRONG] = "strong",
    [DOC_STRIKE] = "strike",
    [DOC_LINK] = "link",
    [DOC_IMAGE] = "image",
    [DOC_FOOTNOTE_REF] = "footnote_ref",
    [DOC_CITE] = "cite",
    [DOC_XREF] = "xref",
    [DOC_SPAN] = "span",
    [DOC_SMALLCAPS] = "smallcaps",
    [DOC_SUPERSCRIPT] = "superscript",
    [DOC_SUBSCRIPT] = "subscript",
};

doc *doc_new(const char *path)
{
    doc *d = g_new0(doc, 1);
    d->arena = arena_new();
    d->path = arena_strdup(d->arena, path);
    char *dir = g_path_get_dirname(path);
    d->dir = arena_strdup(d->arena, dir);
    g_free(dir);
    char *base = g_path_get_basename(path);
    size_t n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".md") == 0)
        base[n - 3] = '\0';
    d->name = arena_strdup(d->arena, base);
    g_free(base);
    d->nodes = g_ptr_array_new();
    d->root = doc_node_new(d, DOC_DOCUMENT, d->path, 1, 1);
    return d;
}

void doc_free(doc *d)
{
    if (!d)
        return;
    g_ptr_array_free(d->nodes, TRUE);
    g_free(d->notes);
    g_free(d->number_of);
    g_free(d->page_starts);
    g_free(d->page_of);
    if (d->labels)
        g_hash_table_destroy(d->labels);
    arena_free(d->arena);
    g_free(d);
}

doc_node *doc_node_new(doc *d, doc_kind kind, const char *file, unsigned line, unsigned col)
{
    doc_node *n = ARENA_NEW(d->arena, doc_node);
    n->kind = kind;
    n->id = d->nodes->len;
    n->span.file = file;
    n->span.line = line;
    n->span.col = col;
    if (kind == DOC_ITEM)
        n->u.item.task = -1;
    g_ptr_array_add(d->nodes, n);
    return n;
}

void doc_append(doc_node *parent, doc_node *child)
{
    child->parent = parent;
    child->next = NULL;
    child->prev = parent->last;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
}

void doc_unlink(doc_node *n)
{
    if (n->prev)
        n->prev->next = n->next;
    else if (n->parent)
        n->parent->first = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else if (n->parent)
        n->parent->last = n->prev;
    n->parent = n->prev = n->next = NULL;
}

void doc_insert_before(doc_node *sibling, doc_node *n)
{
    n->parent = sibling->parent;
    n->next = sibling;
    n->prev = sibling->prev;
    if (sibling->prev)
        sibling->prev->next = n;
    else if (sibling->parent)
        sibling->parent->first = n;
    sibling->prev = n;
}

const char *doc_number(const doc *d, const doc_node *n)
{
    return d->number_of && n->id < d->n_number_of ? d->number_of[n->id] : NULL;
}

const char *doc_meta_extra(const doc *d, const char *key)
{
    for (size_t i = 0; i < d->meta.n_extra; i++)
        if (d->meta.extra[i].key && strcmp(d->meta.extra[i].key, key) == 0)
            return d->meta.extra[i].value;
    return NULL;
}

bool doc_meta_flag(const doc *d, const char *key)
{
    const char *v = doc_meta_extra(d, key);
    return v && (!g_ascii_strcasecmp(v, "true") || !g_ascii_strcasecmp(v, "yes") ||
                 !strcmp(v, "on") || !strcmp(v, "1"));
}

const doc_node *doc_numbered_caption(const doc *d, const doc_node *n, doc_kind kind)
{
    if (n->kind != kind || !doc_number(d, n))
        return NULL;
    for (const doc_node *k = n->first; k; k = k->next)
        if (k->kind == DOC_CAPTION)
            return k;
    return NULL;
}

const char *doc_kind_name(doc_kind kind)
{
    return kind < DOC_KIND_COUNT ? kind_names[kind] : "?";
}

bool doc_kind_is_block(doc_kind kind)
{
    return kind <= DOC_FOOTNOTE_DEF;
}

bool doc_kind_is_container(doc_kind kind)
{
    switch (kind) {
    case DOC_CODE_BLOCK:
    case DOC_HTML_BLOCK:
    case DOC_THEMATIC_BREAK:
    case DOC_TEXT:
    case DOC_SOFTBREAK:
    case DOC_LINEBREAK:
    case DOC_CODE:
    case DOC_HTML_INLINE:
    case DOC_IMAGE:
    case DOC_FOOTNOTE_REF:
    case DOC_CITE:
    case DOC_XREF:
        return false;
    default:
        return true;
    }
}

const char *doc_attr_lookup(const doc_node *n, const char *key)
{
    if (!n->attr)
        return NULL;
    for (size_t i = 0; i < n->attr->n_pairs; i++)
        if (strcmp(n->attr->keys[i], key) == 0)
            return n->attr->values[i];
    return NULL;
}

bool doc_attr_has_class(const doc_node *n, const char *cls)
{
    if (!n->attr)
        return false;
    for (size_t i = 0; i < n->attr->n_classes; i++)
        if (strcmp(n->attr->classes[i], cls) == 0)
            return true;
    return false;
}

char *doc_plain_text(const doc_node *n)
{
    GString *s = g_string_new(NULL);
    doc_iter it = doc_iter_start((doc_node *)n);
    doc_event ev;
    while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE) {
        if (ev != DOC_EVENT_ENTER)
            continue;
        const doc_node *c = it.node;
        switch (c->kind) {
        case DOC_TEXT:
        case DOC_CODE:
            g_string_append(s, c->text);
            break;
        case DOC_SOFTBREAK:
        case DOC_LINEBREAK:
            g_string_append_c(s, ' ');
            break;
        case DOC_CITE:
            g_string_append(s, c->u.cite.source);
            break;
        case DOC_XREF:
            g_string_append(s, c->u.xref.source);
            break;
        case DOC_FOOTNOTE_REF:
        case DOC_FOOTNOTE_DEF:
            doc_iter_skip(&it);
            break;
        default:
            break;
        }
    }
    return g_string_free(s, FALSE);
}

doc_iter doc_iter_start(doc_node *root)
{
    doc_iter it = {root, NULL, DOC_EVENT_DONE};
    return it;
}

doc_event doc_iter_next(doc_iter *it)
{
    if (!it->node) {
        if (!it->root)
            return DOC_EVENT_DONE;
        it->node = it->root;
        it->event = DOC_EVENT_ENTER;
        return it->event;
    }
    doc_node *n = it->node;
    if (it->event == DOC_EVENT_ENTER && doc_kind_is_container(n->kind)) {
        if (n->first) {
            it->node = n->first;
            it->event = DOC_EVENT_ENTER;
        } else {
            it->event = DOC_EVENT_EXIT;
        }
        return it->event;
    }
    if (n == it->root) {
        it->root = NULL;
        it->node = NULL;
        it->event = DOC_EVENT_DONE;
        return it->event;
    }
    if (n->next) {
        it->node = n->next;
        it->event = DOC_EVENT_ENTER;
    } else {
        it->node = n->parent;
        it->event = DOC_EVENT_EXIT;
    }
    return it->event;
}

void doc_iter_skip(doc_iter *it)
{
    if (it->event == DOC_EVENT_ENTER && doc_kind_is_container(it->node->kind))
        it->event = DOC_EVENT_EXIT;
}

int doc_toc_depth(const doc *d, int fallback)
{
    const char *v = doc_meta_extra(d, "toc-depth");
    int depth = v ? atoi(v) : fallback;
    return CLAMP(depth, 1, 6);
}
