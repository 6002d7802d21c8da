/* bib_tex_inherit.c: crossref and xdata inheritance, as Biber does it
 * (biblatex manual, appendix B "Default Inheritance Setup").
 *
 * An entry first takes the fields of its xdata entries (all of them, under
 * their own names), then those of its crossref parent. A parent's field is
 * inherited only when the child lacks it; some are never inherited (crossref,
 * ids, options, ...); and between some types fields change name: a @book's
 * title becomes an @inbook's booktitle, an @mvbook's title a @book's
 * maintitle, a @periodical's title an @article's journaltitle, and a book's
 * author is also the inbook's bookauthor. Parents are resolved before their
 * children, so chains (inbook -> book -> mvbook) inherit through; a circular
 * chain is an error. */
#include "bib_tex.h"

#include <string.h>

/* Fields no entry inherits (biblatex manual, appendix B, "* -> *"). */
static const char *const never_inherited[] = {
    "ids",     "crossref", "xref",         "xdata",          "entryset",     "entrysubtype",
    "execute", "label",    "options",      "presort",        "related",      "relatedoptions",
    "relatedstring", "relatedtype", "shorthand", "shorthandintro", "sortkey",
};

/* One inheritance rule: from SOURCE types to TARGET types (space-separated
 * lists), field FROM becomes TO (NULL: not inherited at all). */
typedef struct {
    const char *source, *target, *from, *to;
} rule;

#define MAIN_TARGETS(src, dst)                                                                   \
    {src, dst, "title", "maintitle"}, {src, dst, "subtitle", "mainsubtitle"},                    \
        {src, dst, "titleaddon", "maintitleaddon"}, {src, dst, "shorttitle", NULL},              \
        {src, dst, "sorttitle", NULL}, {src, dst, "indextitle", NULL},                           \
        {src, dst, "indexsorttitle", NULL}
#define BOOK_TARGETS(src, dst)                                                                   \
    {src, dst, "title", "booktitle"}, {src, dst, "subtitle", "booksubtitle"},                    \
        {src, dst, "titleaddon", "booktitleaddon"}, {src, dst, "shorttitle", NULL},              \
        {src, dst, "sorttitle", NULL}, {src, dst, "indextitle", NULL},                           \
        {src, dst, "indexsorttitle", NULL}

static const rule rules[] = {
    {"mvbook book", "inbook bookinbook suppbook", "author", "author"},
    {"mvbook book", "inbook bookinbook suppbook", "author", "bookauthor"},
    MAIN_TARGETS("mvbook", "book inbook bookinbook suppbook"),
    MAIN_TARGETS("mvcollection mvreference",
                 "collection reference incollection inreference suppcollection"),
    MAIN_TARGETS("mvproceedings", "proceedings inproceedings"),
    BOOK_TARGETS("book", "inbook bookinbook suppbook"),
    BOOK_TARGETS("collection reference", "incollection inreference suppcollection"),
    BOOK_TARGETS("proceedings", "inproceedings"),
    {"periodical", "article suppperiodical", "title", "journaltitle"},
    {"periodical", "article suppperiodical", "subtitle", "journalsubtitle"},
    {"periodical", "article suppperiodical", "titleaddon", "journaltitleaddon"},
    {"periodical", "article suppperiodical", "shorttitle", NULL},
    {"periodical", "article suppperiodical", "sorttitle", NULL},
    {"periodical", "article suppperiodical", "indextitle", NULL},
    {"periodical", "article suppperiodical", "indexsorttitle", NULL},
};

/* Whether WORD is one of the space-separated words of LIST. */
static bool in_list(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && !memcmp(p, word, n))
            return true;
        p += len;
        while (*p == ' ')
            p++;
    }
    return false;
}

typedef struct {
    bibtex_file *f;
    GPtrArray *chain; /* entries being resolved, outermost first, for messages */
    bool ok;
} resolver;

/* Adds FROM's value to e under NAME unless e has it (HAVE: the names e has
 * and has been given); false past the limit. */
static bool add_field(resolver *r, bibtex_entry *e, const bibtex_field *from, const char *name,
                      GArray *added, GHashTable *have)
{
    if (g_hash_table_contains(have, name))
        return true;
    if (e->n_fields + added->len >= BIB_MAX_FIELDS) {
        diag_error(r->f->path, e->line, e->col,
                   "entry '%s' has more than %d fields with the ones it inherits", e->key,
                   BIB_MAX_FIELDS);
        return false;
    }
    bibtex_field fl = *from;
    fl.name = name;
    g_array_append_val(added, fl);
    g_hash_table_add(have, (gpointer)name);
    return true;
}

/* Copies the fields of parent p into e: with the type rules for a crossref,
 * as they are for xdata. */
static bool inherit_from(resolver *r, bibtex_entry *e, const bibtex_entry *p, bool crossref)
{
    bool ok = false;
    GArray *added = g_array_new(FALSE, FALSE, sizeof(bibtex_field));
    GHashTable *have = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < e->n_fields; i++)
        g_hash_table_add(have, (gpointer)e->fields[i].name);
    const char *src = bibtex_canonical_type(p->type), *dst = bibtex_canonical_type(e->type);
    for (size_t i = 0; i < p->n_fields; i++) {
        const bibtex_field *fl = &p->fields[i];
        bool skip = false;
        for (size_t k = 0; k < G_N_ELEMENTS(never_inherited) && !skip; k++)
            skip = !strcmp(fl->name, never_inherited[k]);
        if (skip)
            continue;
        bool ruled = false;
        for (size_t k = 0; crossref && k < G_N_ELEMENTS(rules); k++) {
            const rule *ru = &rules[k];
            if (strcmp(ru->from, fl->name) || !in_list(ru->source, src) ||
                !in_list(ru->target, dst))
                continue;
            ruled = true;
            if (ru->to && !add_field(r, e, fl, ru->to, added, have))
                goto out;
        }
        if (!ruled && !add_field(r, e, fl, fl->name, added, have))
            goto out;
    }
    if (added->len) {
        bibtex_field *all = ARENA_ARRAY(r->f->a, bibtex_field, e->n_fields + added->len);
        if (e->n_fields)
            memcpy(all, e->fields, e->n_fields * sizeof(bibtex_field));
        memcpy(all + e->n_fields, added->data, added->len * sizeof(bibtex_field));
        e->fields = all;
        e->n_fields += added->len;
    }
    ok = true;
out:
    g_array_free(added, TRUE);
    g_hash_table_destroy(have);
    return ok;
}

static bool resolve(resolver *r, bibtex_entry *e);

/* Resolves the parent named KEY (from field fl of e) and inherits from it. */
static bool inherit_key(resolver *r, bibtex_entry *e, const bibtex_field *fl, const char *key,
                        bool crossref)
{
    bibtex_entry *p = g_hash_table_lookup(r->f->by_key, key);
    if (!p) {
        diag_warning(r->f->path, fl->line, fl->col, "%s '%s' of entry '%s' not found",
                     fl->name, key, e->key);
        return true;
    }
    if (p->state == 1) {
        GString *cycle = g_string_new(NULL);
        bool in = false;
        for (guint i = 0; i < r->chain->len; i++) {
            const bibtex_entry *c = r->chain->pdata[i];
            in = in || c == p;
            if (in)
                g_string_append_printf(cycle, "'%s' -> ", c->key);
        }
        g_string_append_printf(cycle, "'%s'", p->key);
        diag_error(r->f->path, fl->line, fl->col, "circular %s: %s", fl->name, cycle->str);
        g_string_free(cycle, TRUE);
        return false;
    }
    if (r->chain->len > BIB_MAX_CROSSREF_DEPTH) {
        diag_error(r->f->path, fl->line, fl->col,
                   "crossref/xdata chain of entry '%s' is longer than %d entries", e->key,
                   BIB_MAX_CROSSREF_DEPTH);
        return false;
    }
    if (!resolve(r, p))
        return false;
    return inherit_from(r, e, p, crossref);
}

/* Resolves e's xdata, then its crossref; parents first (recursion depth is
 * bounded by BIB_MAX_CROSSREF_DEPTH). */
static bool resolve(resolver *r, bibtex_entry *e)
{
    if (e->state == 2)
        return true;
    e->state = 1;
    g_ptr_array_add(r->chain, e);
    bool ok = false;
    const bibtex_field *xd = bibtex_field_lookup(e, "xdata");
    if (xd) {
        char **keys = g_strsplit(xd->value, ",", -1);
        for (char **k = keys; *k; k++) {
            char *key = g_strstrip(*k);
            if (*key && !inherit_key(r, e, xd, key, false)) {
                g_strfreev(keys);
                goto out;
            }
        }
        g_strfreev(keys);
    }
    const bibtex_field *cr = bibtex_field_lookup(e, "crossref");
    if (cr) {
        char *key = g_strstrip(g_strdup(cr->value));
        bool done = inherit_key(r, e, cr, key, true);
        g_free(key);
        if (!done)
            goto out;
    }
    ok = true;
out:
    g_ptr_array_remove_index(r->chain, r->chain->len - 1);
    e->state = 2;
    return ok;
}

bool bibtex_inherit(bibtex_file *f)
{
    resolver r = {.f = f, .chain = g_ptr_array_new()};
    bool ok = true;
    for (guint i = 0; i < f->entries->len && ok; i++)
        ok = resolve(&r, f->entries->pdata[i]);
    g_ptr_array_free(r.chain, TRUE);
    return ok;
}
