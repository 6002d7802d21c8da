/* xref.c: labels, numbers and cross-references (pandoc-crossref's syntax).
 *
 * Every node with an id is a label; a label used twice is an error naming
 * both places. Headings are numbered 1, 1.1, ... when the style numbers
 * sections ({.unnumbered} ones are skipped); figures, captioned tables and
 * boxes (divs labelled box:...) are numbered in reading order. Each @fig:x,
 * @tbl:x, @sec:x, @box:x becomes a link to its target whose text is the
 * localized label and number ("Figure 3", "Tabla 2"), or the heading's own
 * title when sections are unnumbered; [@fig:a; @fig:b] becomes "Figures 1
 * and 2", [@fig:a-@fig:c] "Figures 1–3". Page references (@page:x) need the layout and stay for
 * later. */
#include "resolve.h"

#include <stdlib.h>
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

/* The second label of a range written [@fig:a-@fig:c]: the item's suffix
 * "-@fig:c" (or with an en dash), else NULL. */
static const char *range_end(const doc_cite_item *it)
{
    const char *s = it->suffix;
    if (!s)
        return NULL;
    while (*s == ' ')
        s++;
    if (g_str_has_prefix(s, "\u2013"))
        s += strlen("\u2013");
    else if (*s == '-')
        s++;
    else
        return NULL;
    while (*s == ' ')
        s++;
    return *s == '@' && s[1] ? s + 1 : NULL;
}

/* The reference kind of a label ("fig" for fig:x, lower-cased), if it is
 * one with label words; caller frees. */
static char *label_kind(const char *label)
{
    const char *colon = strchr(label, ':');
    if (!colon)
        return NULL;
    char *k = g_ascii_strdown(label, colon - label);
    term_id one, many;
    if (!kind_terms(k, &one, &many)) {
        g_free(k);
        return NULL;
    }
    return k;
}

/* True when number b directly follows a: "3" then "4", or "2.1" then "2.2". */
static bool follows(const char *a, const char *b)
{
    const char *da = strrchr(a, '.'), *db = strrchr(b, '.');
    size_t pa = da ? (size_t)(da - a + 1) : 0, pb = db ? (size_t)(db - b + 1) : 0;
    if (pa != pb || strncmp(a, b, pa) != 0)
        return false;
    char *ea, *eb;
    unsigned long na = strtoul(a + pa, &ea, 10), nb = strtoul(b + pb, &eb, 10);
    return ea != a + pa && *ea == '\0' && eb != b + pb && *eb == '\0' && nb == na + 1;
}

/* One numbered entry of a group: its label and the words shown, or NULL
 * words when the label does not resolve. */
typedef struct {
    const char *label;
    char *words;
} group_entry;

static void append_entry(xref_ctx *x, doc_node *span, const doc_node *at, const group_entry *e)
{
    doc *d = x->d;
    if (!e->words) {
        diag_warning(at->span.file, at->span.line, at->span.col, "unresolved reference '@%s'",
                     e->label);
        doc_append(span, text_node(d, at, "??"));
        return;
    }
    doc_node *a = doc_node_new(d, DOC_LINK, at->span.file, at->span.line, at->span.col);
    a->u.link.url = arena_printf(d->arena, "#%s", e->label);
    doc_append(a, text_node(d, at, e->words));
    doc_append(span, a);
}

/* [@fig:a; @fig:b] (parsed as a citation whose keys are all labels of one
 * kind) -> "Figures 1 and 2", each number a link; three or more numbers in
 * sequence collapse to a range ("Figures 1–3 and 5"), and [@fig:a-@fig:c]
 * is written as the range it names. */
static bool rewrite_group(xref_ctx *x, doc_node *n)
{
    doc *d = x->d;
    char *kind = NULL;
    size_t count = n->u.cite.n_items;
    const char *last = count == 1 ? range_end(&n->u.cite.items[0]) : NULL;
    for (size_t i = 0; i < count + (last != NULL); i++) {
        const doc_cite_item *it = i < count ? &n->u.cite.items[i] : NULL;
        if (it && (it->locator || (it->suffix && !last) || (i > 0 && it->prefix && *it->prefix)))
            break;
        char *k = label_kind(it ? it->key : last);
        bool same = k && (!kind || !strcmp(kind, k));
        if (!kind)
            kind = k;
        else
            g_free(k);
        if (!same) {
            g_free(kind);
            return false;
        }
        if (i + 1 == count + (last != NULL)) { /* every key is a label of one kind */
            count = i + 1;
            goto all_labels;
        }
    }
    g_free(kind);
    return false;
all_labels:;
    group_entry *e = g_new0(group_entry, count);
    for (size_t i = 0; i < count; i++) {
        const char *key = i < n->u.cite.n_items ? n->u.cite.items[i].key : last;
        char *label = arena_strdup(d->arena, key); /* @Fig:x refers to fig:x */
        label[0] = g_ascii_tolower(label[0]);
        e[i].label = label;
        const doc_node *target = g_hash_table_lookup(d->labels, e[i].label);
        e[i].words = target ? ref_words(x, kind, target, false, false) : NULL;
    }
    term_id one, many;
    kind_terms(kind, &one, &many);
    doc_node *span = doc_node_new(d, DOC_SPAN, n->span.file, n->span.line, n->span.col);
    if (n->u.cite.items[0].prefix) /* [see @fig:a] */
        doc_append(span, text_node(d, n, n->u.cite.items[0].prefix));
    char *word = label_word(x, count > 1 ? many : one, g_ascii_isupper(n->u.cite.items[0].key[0]));
    doc_append(span, text_node(d, n, word));
    doc_append(span, text_node(d, n, "\u00a0"));
    g_free(word);
    for (size_t i = 0; i < count;) {
        size_t j = i; /* the run of numbers in sequence from i */
        while (!last && j + 1 < count && e[j].words && e[j + 1].words &&
               follows(e[j].words, e[j + 1].words))
            j++;
        if (last)
            j = count - 1;
        else if (j < i + 2)
            j = i; /* two in sequence read better as "1 and 2" */
        if (i > 0)
            doc_append(span, j + 1 == count
                                 ? text_node(d, n,
                                             arena_printf(d->arena, " %s ",
                                                          term_text(d->meta.lang, TERM_AND)))
                                 : text_node(d, n, ", "));
        append_entry(x, span, n, &e[i]);
        if (j > i) {
            doc_append(span, text_node(d, n, "\u2013"));
            append_entry(x, span, n, &e[j]);
        }
        i = j + 1;
    }
    for (size_t i = 0; i < count; i++)
        g_free(e[i].words);
    g_free(e);
    g_free(kind);
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
