/* xref.c: labels, numbers and cross-references (pandoc-crossref's syntax).
 *
 * Every node with an id is a label; a label used twice is an error naming
 * both places. Headings are numbered 1, 1.1, ... when the style numbers
 * sections ({.unnumbered} ones are skipped); figures, captioned tables and
 * boxes (divs labelled box:...) are numbered in reading order. Each @fig:x,
 * @tbl:x, @sec:x, @box:x becomes a link to its target whose text is the
 * localized label and number ("Figure 3", "Tabla 2"), or the heading's own
 * title when sections are unnumbered; [@fig:a; @fig:b] becomes "Figures 1
 * and 2". Page references (@page:x) need the layout and stay for later. */
#include "resolve.h"

#include <string.h>

#include "../base/terms.h"

typedef struct {
    doc *d;
    bool ok;
} xref_ctx;

/* The plural and singular words for a reference kind. */
static bool kind_terms(const char *kind, term_id *one, term_id *many)
{
    if (!strcmp(kind, "fig")) {
        *one = TERM_FIGURE, *many = TERM_FIGURES;
    } else if (!strcmp(kind, "tbl")) {
        *one = TERM_TABLE, *many = TERM_TABLES;
    } else if (!strcmp(kind, "sec")) {
        *one = TERM_SECTION, *many = TERM_SECTIONS;
    } else if (!strcmp(kind, "box")) {
        *one = TERM_BOX, *many = TERM_BOXES;
    } else {
        return false;
    }
    return true;
}

/* Walks the body and the notes: labels, duplicate check, numbers. */
static void collect(xref_ctx *x, bool number_sections)
{
    doc *d = x->d;
    unsigned sec[6] = {0}, figures = 0, tables = 0, boxes = 0;
    doc_node *roots[64];
    size_t n_roots = 0;
    roots[n_roots++] = d->root;
    for (size_t i = 0; i < d->n_notes && n_roots < G_N_ELEMENTS(roots); i++)
        roots[n_roots++] = d->notes[i];
    for (size_t r = 0; r < n_roots; r++) {
        doc_iter it = doc_iter_start(roots[r]);
        doc_event ev;
        while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE) {
            doc_node *n = it.node;
            if (ev != DOC_EVENT_ENTER)
                continue;
            const char *id = n->attr ? n->attr->id : NULL;
            /* a figure's image carries the figure's attributes too */
            if (n->kind == DOC_IMAGE && n->parent && n->parent->kind == DOC_FIGURE)
                id = NULL;
            if (id) {
                doc_node *prev = g_hash_table_lookup(d->labels, id);
                if (prev) {
                    diag_error(n->span.file, n->span.line, n->span.col,
                               "label '%s' is already used at line %u, column %u", id,
                               prev->span.line, prev->span.col);
                    x->ok = false;
                } else {
                    g_hash_table_insert(d->labels, (gpointer)id, n);
                }
            }
            const char *num = NULL;
            if (n->kind == DOC_HEADING && number_sections && !doc_attr_has_class(n, "unnumbered") &&
                r == 0) {
                int level = n->u.heading.level;
                sec[level - 1]++;
                for (int k = level; k < 6; k++)
                    sec[k] = 0;
                GString *s = g_string_new(NULL);
                for (int k = 0; k < level; k++)
                    g_string_append_printf(s, "%s%u", k ? "." : "", sec[k]);
                num = arena_strdup(d->arena, s->str);
                g_string_free(s, TRUE);
            } else if (n->kind == DOC_FIGURE) {
                num = arena_printf(d->arena, "%u", ++figures);
            } else if (n->kind == DOC_TABLE && n->first && n->first->kind == DOC_CAPTION) {
                num = arena_printf(d->arena, "%u", ++tables);
            } else if (n->kind == DOC_DIV && id && g_str_has_prefix(id, "box:")) {
                num = arena_printf(d->arena, "%u", ++boxes);
            }
            if (num)
                d->number_of[n->id] = num;
        }
    }
}

static doc_node *text_node(doc *d, const doc_node *at, const char *text)
{
    doc_node *t = doc_node_new(d, DOC_TEXT, at->span.file, at->span.line, at->span.col);
    t->text = arena_strdup(d->arena, text);
    return t;
}

/* The label word as written mid-sentence: English and German keep their
 * capital ("see Table 2"), Romance languages do not ("véase la tabla 2")
 * unless the reference is capitalised (@Tbl:x) to start a sentence. Caller frees. */
static char *label_word(xref_ctx *x, term_id t, bool capital)
{
    const char *lang = x->d->meta.lang ? x->d->meta.lang : "en";
    const char *word = term_text(lang, t);
    bool keeps_capital = !g_ascii_strncasecmp(lang, "en", 2) || !g_ascii_strncasecmp(lang, "de", 2);
    if (capital || keeps_capital)
        return g_strdup(word);
    return g_utf8_strdown(word, -1);
}

/* The words a single reference shows: "Figure 3", or a heading's title. */
static char *ref_words(xref_ctx *x, const char *kind, const doc_node *target, bool with_term,
                       bool capital)
{
    const char *num = doc_number(x->d, target);
    term_id one, many;
    if (target->kind == DOC_HEADING && !num) { /* unnumbered: the title, quoted */
        char *title = doc_plain_text(target);
        char *q = g_strdup_printf("%s%s%s", term_text(x->d->meta.lang, TERM_OPEN_QUOTE), title,
                                  term_text(x->d->meta.lang, TERM_CLOSE_QUOTE));
        g_free(title);
        return q;
    }
    if (!num)
        return NULL;
    if (!with_term || !kind_terms(kind, &one, &many))
        return g_strdup(num);
    char *word = label_word(x, one, capital);
    char *r = g_strdup_printf("%s\u00a0%s", word, num);
    g_free(word);
    return r;
}

static void unresolved(xref_ctx *x, doc_node *n, const char *label)
{
    diag_warning(n->span.file, n->span.line, n->span.col, "unresolved reference '@%s'", label);
    doc_insert_before(n, text_node(x->d, n, "??"));
    doc_unlink(n);
}

/* @fig:x -> a link to #fig:x reading "Figure 3". */
static void rewrite_one(xref_ctx *x, doc_node *n)
{
    doc *d = x->d;
    const char *label = n->u.xref.target;
    doc_node *target = g_hash_table_lookup(d->labels, label);
    char *words = target ? ref_words(x, n->u.xref.kind, target, true, n->u.xref.capital) : NULL;
    if (!words) {
        unresolved(x, n, label);
        return;
    }
    doc_node *a = doc_node_new(d, DOC_LINK, n->span.file, n->span.line, n->span.col);
    a->u.link.url = arena_printf(d->arena, "#%s", label);
    doc_append(a, text_node(d, n, words));
    g_free(words);
    doc_insert_before(n, a);
    doc_unlink(n);
}

/* [@fig:a; @fig:b] (parsed as a citation whose keys are all labels of one
 * kind) -> "Figures 1 and 2", each number a link. */
static bool rewrite_group(xref_ctx *x, doc_node *n)
{
    doc *d = x->d;
    const char *kind = NULL;
    for (size_t i = 0; i < n->u.cite.n_items; i++) {
        const char *key = n->u.cite.items[i].key;
        const char *colon = strchr(key, ':');
        if (!colon || n->u.cite.items[i].locator)
            return false;
        char *k = g_ascii_strdown(key, colon - key);
        term_id one, many;
        bool known = kind_terms(k, &one, &many) && (!kind || !strcmp(kind, k));
        if (known && !kind)
            kind = arena_strdup(d->arena, k);
        g_free(k);
        if (!known)
            return false;
    }
    term_id one, many;
    kind_terms(kind, &one, &many);
    doc_node *span = doc_node_new(d, DOC_SPAN, n->span.file, n->span.line, n->span.col);
    size_t count = n->u.cite.n_items;
    char *word = label_word(x, count > 1 ? many : one, g_ascii_isupper(n->u.cite.items[0].key[0]));
    doc_append(span, text_node(d, n, word));
    g_free(word);
    for (size_t i = 0; i < count; i++) {
        const char *label = n->u.cite.items[i].key;
        doc_node *target = g_hash_table_lookup(d->labels, label);
        char *words = target ? ref_words(x, kind, target, false, false) : NULL;
        const char *sep = i == 0 ? "\u00a0" : i + 1 == count ? NULL : ", ";
        if (sep)
            doc_append(span, text_node(d, n, sep));
        else
            doc_append(
                span,
                text_node(d, n, arena_printf(d->arena, " %s ", term_text(d->meta.lang, TERM_AND))));
        if (!words) {
            diag_warning(n->span.file, n->span.line, n->span.col, "unresolved reference '@%s'",
                         label);
            doc_append(span, text_node(d, n, "??"));
            continue;
        }
        doc_node *a = doc_node_new(d, DOC_LINK, n->span.file, n->span.line, n->span.col);
        a->u.link.url = arena_printf(d->arena, "#%s", label);
        doc_append(a, text_node(d, n, words));
        g_free(words);
        doc_append(span, a);
    }
    doc_insert_before(n, span);
    doc_unlink(n);
    return true;
}

bool res_xrefs(doc *d, bool number_sections)
{
    xref_ctx x = {d, true};
    g_free(d->number_of);
    d->n_number_of = d->nodes->len + 1;
    d->number_of = g_new0(const char *, d->n_number_of);
    if (d->labels)
        g_hash_table_destroy(d->labels);
    d->labels = g_hash_table_new(g_str_hash, g_str_equal);
    collect(&x, number_sections);
    if (!x.ok)
        return false;
    GPtrArray *todo = g_ptr_array_new();
    doc_node *roots[3] = {d->meta.abstract, d->root, NULL};
    for (int r = 0; r < 2; r++) {
        if (!roots[r])
            continue;
        doc_iter it = doc_iter_start(roots[r]);
        doc_event ev;
        while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE)
            if (ev == DOC_EVENT_ENTER && (it.node->kind == DOC_XREF || it.node->kind == DOC_CITE))
                g_ptr_array_add(todo, it.node);
    }
    for (size_t i = 0; i < d->n_notes; i++) {
        doc_iter it = doc_iter_start(d->notes[i]);
        doc_event ev;
        while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE)
            if (ev == DOC_EVENT_ENTER && (it.node->kind == DOC_XREF || it.node->kind == DOC_CITE))
                g_ptr_array_add(todo, it.node);
    }
    for (guint i = 0; i < todo->len; i++) {
        doc_node *n = todo->pdata[i];
        if (n->kind == DOC_CITE)
            rewrite_group(&x, n);
        else if (strcmp(n->u.xref.kind, "page") != 0)
            rewrite_one(&x, n);
    }
    g_ptr_array_free(todo, TRUE);
    return x.ok;
}
