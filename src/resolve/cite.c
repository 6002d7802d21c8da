/* cite.c: citations from the document through the CSL processor and back.
 *
 * Order matters to CSL (positions such as ibid., disambiguation, citation
 * numbers), so citations are gathered in reading order: the abstract, then
 * the body, where a footnote's citations are read at the note's first
 * reference. For a note style, a citation in the running text becomes a new
 * footnote; all notes are then renumbered in order of first reference. */
#include "resolve.h"

#include <string.h>

#include "../base/terms.h"
#include "bib.h"
#include "csl.h"

typedef struct {
    doc_node *node; /* the DOC_CITE */
    unsigned note;  /* its footnote number for the processor (0: running text) */
    bool new_note;  /* note style, running text: becomes a footnote */
    long index;     /* the processor's citation index, -1 when every key was unknown */
} cite_ref;

typedef struct {
    doc *d;
    const res_options *o;
    csl_bib *bib;
    csl_style *style;
    GArray *cites; /* cite_ref in reading order */
    bool ok;
} cite_ctx;



static bool load_bibliographies(cite_ctx *c)
{
    doc *d = c->d;
    const doc_span *at = &d->meta.bibliography_span;
    for (size_t i = 0; i < d->meta.n_bibliography; i++) {
        char *path = g_path_is_absolute(d->meta.bibliography[i])
                         ? g_strdup(d->meta.bibliography[i])
                         : g_build_filename(d->dir, d->meta.bibliography[i], NULL);
        bool ok = bib_load(path, c->bib, d->path, at->line ? at->line : 1, at->col ? at->col : 1);
        g_free(path);
        if (!ok)
            return false;
    }
    for (size_t i = 0; i < c->o->n_bibliography; i++)
        if (!bib_load(c->o->bibliography[i], c->bib, NULL, 0, 0))
            return false;
    if (d->meta.references_json &&
        !bib_json_load(d->path, d->meta.references_json, strlen(d->meta.references_json), c->bib))
        return false;
    return true;
}

/* Collects the citations of root in reading order, descending into each
 * footnote at its first reference. Iterative: notes are pushed on a stack. */
static void gather(cite_ctx *c, doc_node *root, bool note_style, unsigned *notes_seen,
                   GHashTable *visited)
{
    GPtrArray *stack = g_ptr_array_new();
    GArray *note_of = g_array_new(FALSE, FALSE, sizeof(unsigned));
    g_ptr_array_add(stack, root);
    unsigned zero = 0;
    g_array_append_val(note_of, zero);
    /* each stack entry is walked fully before the one below it resumes: a
     * note is walked when its reference is met, so keep explicit iterators */
    GArray *iters = g_array_new(FALSE, FALSE, sizeof(doc_iter));
    doc_iter first = doc_iter_start(root);
    g_array_append_val(iters, first);
    while (iters->len) {
        doc_iter *it = &g_array_index(iters, doc_iter, iters->len - 1);
        unsigned note = g_array_index(note_of, unsigned, note_of->len - 1);
        doc_event ev = doc_iter_next(it);
        if (ev == DOC_EVENT_DONE) {
            g_array_set_size(iters, iters->len - 1);
            g_array_set_size(note_of, note_of->len - 1);
            continue;
        }
        if (ev != DOC_EVENT_ENTER)
            continue;
        doc_node *n = it->node;
        if (n->kind == DOC_CITE) {
            cite_ref r = {n, note, false, -1};
            if (note_style && note == 0) {
                r.new_note = true;
                r.note = ++*notes_seen;
            }
            g_array_append_val(c->cites, r);
        } else if (n->kind == DOC_FOOTNOTE_REF && n->u.noteref.def &&
                   !g_hash_table_contains(visited, n->u.noteref.def)) {
            g_hash_table_add(visited, n->u.noteref.def);
            unsigned num = ++*notes_seen;
            doc_iter sub = doc_iter_start(n->u.noteref.def);
            g_array_append_val(iters, sub);
            g_array_append_val(note_of, num);
        }
    }
    g_array_free(iters, TRUE);
    g_array_free(note_of, TRUE);
    g_ptr_array_free(stack, TRUE);
}

/* Hands each citation's known keys to the processor; unknown keys warn. */
static void register_cites(cite_ctx *c, csl_proc *p)
{
    for (guint i = 0; i < c->cites->len; i++) {
        cite_ref *r = &g_array_index(c->cites, cite_ref, i);
        const doc_node *n = r->node;
        GArray *cs = g_array_new(FALSE, TRUE, sizeof(csl_cite));
        for (size_t k = 0; k < n->u.cite.n_items; k++) {
            const doc_cite_item *item = &n->u.cite.items[k];
            if (!g_hash_table_contains(c->bib->by_id, item->key)) {
                if (c->o->strict) {
                    diag_error(n->span.file, n->span.line, n->span.col,
                               "no bibliography entry for '%s'", item->key);
                    c->ok = false;
                } else {
                    diag_warning(n->span.file, n->span.line, n->span.col,
                                 "no bibliography entry for '%s'", item->key);
                }
                continue;
            }
            csl_cite cc = {.id = item->key,
                           .locator = item->locator,
                           .label = item->label,
                           .prefix = item->prefix,
                           .suffix = item->suffix,
                           .suppress_author = item->suppress_author};
            g_array_append_val(cs, cc);
        }
        if (cs->len)
            r->index = (long)csl_proc_add_citation(p, (csl_cite *)cs->data, cs->len, r->note,
                                                   n->u.cite.author_in_text);
        g_array_free(cs, TRUE);
    }
}

static doc_attr *class_attr(doc *d, const char *id, const char *cls)
{
    doc_attr *a = ARENA_NEW(d->arena, doc_attr);
    a->id = id ? arena_strdup(d->arena, id) : NULL;
    a->classes = ARENA_ARRAY(d->arena, const char *, 1);
    a->classes[0] = cls;
    a->n_classes = 1;
    return a;
}

static void place_note_mark(doc *d, doc_node *cite, doc_node *ref);

/* Replaces one DOC_CITE by its rendering (and a footnote for note styles). */
static void rewrite_cite(cite_ctx *c, csl_proc *p, cite_ref *r, bool link)
{
    doc *d = c->d;
    doc_node *n = r->node;
    doc_node *span = doc_node_new(d, DOC_SPAN, n->span.file, n->span.line, n->span.col);
    span->attr = class_attr(d, NULL, "citation");
    doc_node *into = span;
    if (link && r->index >= 0 && n->u.cite.n_items == 1) {
        doc_node *a = doc_node_new(d, DOC_LINK, n->span.file, n->span.line, n->span.col);
        a->u.link.url = arena_printf(d->arena, "#ref-%s", n->u.cite.items[0].key);
        doc_append(span, a);
        into = a;
    }
    if (r->index >= 0)
        csl_rich_to_doc(csl_proc_citation(p, (size_t)r->index), d, into, n->span);
    /* unknown keys show as ??key so an editor sees them */
    for (size_t k = 0; k < n->u.cite.n_items; k++) {
        const char *key = n->u.cite.items[k].key;
        if (g_hash_table_contains(c->bib->by_id, key))
            continue;
        doc_node *t = doc_node_new(d, DOC_TEXT, n->span.file, n->span.line, n->span.col);
        t->text = arena_printf(d->arena, "%s??%s", into->first ? "; " : "", key);
        doc_append(into, t);
    }
    if (!r->new_note) {
        doc_insert_before(n, span);
        doc_unlink(n);
        return;
    }
    /* note style: "@key says" keeps the author in the text, the rest in the note */
    const csl_rich *rest = NULL;
    const csl_rich *author = n->u.cite.author_in_text && r->index >= 0
                                 ? csl_proc_citation_author(p, (size_t)r->index, &rest)
                                 : NULL;
    if (author) {
        doc_node *in_text = doc_node_new(d, DOC_SPAN, n->span.file, n->span.line, n->span.col);
        in_text->attr = class_attr(d, NULL, "citation");
        csl_rich_to_doc(author, d, in_text, n->span);
        doc_insert_before(n, in_text);
        if (!rest) {
            doc_unlink(n);
            return;
        }
        span = doc_node_new(d, DOC_SPAN, n->span.file, n->span.line, n->span.col);
        span->attr = class_attr(d, NULL, "citation");
        csl_rich_to_doc(rest, d, span, n->span);
    }
    doc_node *def = doc_node_new(d, DOC_FOOTNOTE_DEF, n->span.file, n->span.line, n->span.col);
    doc_node *para = doc_node_new(d, DOC_PARAGRAPH, n->span.file, n->span.line, n->span.col);
    doc_append(def, para);
    doc_append(para, span);
    doc_node *ref = doc_node_new(d, DOC_FOOTNOTE_REF, n->span.file, n->span.line, n->span.col);
    ref->u.noteref.def = def;
    def->u.note.first_ref = ref;
    place_note_mark(d, n, ref);
}

/* Puts a note mark where pandoc does for note styles: no space before it,
 * and after a following punctuation mark ("focused [@k]." -> "focused.¹"). */
static void place_note_mark(doc *d, doc_node *cite, doc_node *ref)
{
    doc_node *prev = cite->prev, *next = cite->next;
    if (prev && prev->kind == DOC_TEXT) {
        size_t n = strlen(prev->text);
        while (n > 0 && prev->text[n - 1] == ' ')
            n--;
        prev->text = arena_strndup(d->arena, prev->text, n);
    }
    doc_insert_before(cite, ref);
    doc_unlink(cite);
    if (next && next->kind == DOC_TEXT && next->text[0] && strchr(".,;:!?", next->text[0])) {
        doc_node *punct =
            doc_node_new(d, DOC_TEXT, next->span.file, next->span.line, next->span.col);
        punct->text = arena_strndup(d->arena, next->text, 1);
        next->text = arena_strdup(d->arena, next->text + 1);
        doc_insert_before(ref, punct);
    }
}

/* Numbers every note in order of first reference (reading order, notes
 * inside notes at their reference) and rebuilds d->notes. */
static void renumber_notes(doc *d)
{
    GPtrArray *order = g_ptr_array_new();
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    GArray *iters = g_array_new(FALSE, FALSE, sizeof(doc_iter));
    doc_node *roots[2] = {d->meta.abstract, d->root};
    for (int r = 0; r < 2; r++) {
        if (!roots[r])
            continue;
        doc_iter first = doc_iter_start(roots[r]);
        g_array_append_val(iters, first);
        while (iters->len) {
            doc_iter *it = &g_array_index(iters, doc_iter, iters->len - 1);
            doc_event ev = doc_iter_next(it);
            if (ev == DOC_EVENT_DONE) {
                g_array_set_size(iters, iters->len - 1);
                continue;
            }
            doc_node *n = it->node;
            if (ev != DOC_EVENT_ENTER || n->kind != DOC_FOOTNOTE_REF || !n->u.noteref.def)
                continue;
            doc_node *def = n->u.noteref.def;
            if (!g_hash_table_contains(seen, def)) {
                g_hash_table_add(seen, def);
                g_ptr_array_add(order, def);
                def->u.note.number = order->len;
                def->u.note.first_ref = n;
                def->u.note.label = arena_printf(d->arena, "%u", order->len);
                doc_iter sub = doc_iter_start(def);
                g_array_append_val(iters, sub);
            }
            n->u.noteref.number = def->u.note.number;
        }
    }
    g_free(d->notes);
    d->n_notes = order->len;
    d->notes = (doc_node **)g_ptr_array_free(order, FALSE);
    g_hash_table_destroy(seen);
    g_array_free(iters, TRUE);
}

/* Finds a DOC_DIV with id "refs" in the body, or makes one at the end under
 * a heading in the document's language. */
static doc_node *bibliography_div(doc *d)
{
    doc_iter it = doc_iter_start(d->root);
    doc_event ev;
    while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE)
        if (ev == DOC_EVENT_ENTER && it.node->kind == DOC_DIV && it.node->attr &&
            g_strcmp0(it.node->attr->id, "refs") == 0)
            return it.node;
    const char *title = doc_meta_extra(d, "reference-section-title");
    doc_node *h = doc_node_new(d, DOC_HEADING, d->path, 0, 0);
    h->u.heading.level = 1;
    h->attr = class_attr(d, "bibliography", "unnumbered");
    doc_node *t = doc_node_new(d, DOC_TEXT, d->path, 0, 0);
    t->text = arena_strdup(d->arena, title ? title : term_text(d->meta.lang, TERM_REFERENCES));
    doc_append(h, t);
    doc_append(d->root, h);
    doc_node *div = doc_node_new(d, DOC_DIV, d->path, 0, 0);
    div->attr = class_attr(d, "refs", "references");
    doc_append(d->root, div);
    return div;
}

static void place_bibliography(cite_ctx *c, csl_proc *p)
{
    size_t n = csl_proc_bib_count(p);
    if (n == 0 || !csl_style_has_bibliography(c->style))
        return;
    doc *d = c->d;
    doc_node *div = bibliography_div(d);
    if (!div->attr || div->attr->n_classes == 0)
        div->attr = class_attr(d, "refs", "references");
    for (size_t i = 0; i < n; i++) {
        const char *id = NULL;
        const csl_rich *r = csl_proc_bib_entry(p, i, &id);
        doc_node *para = doc_node_new(d, DOC_PARAGRAPH, div->span.file, div->span.line, 1);
        para->attr = class_attr(d, arena_printf(d->arena, "ref-%s", id), "csl-entry");
        csl_rich_to_doc(r, d, para, para->span);
        doc_append(div, para);
    }
}

/* nocite: [@a, @b] or [@*] as kept by the front-matter reader. */
static void add_nocite(cite_ctx *c, csl_proc *p)
{
    const char *v = doc_meta_extra(c->d, "nocite");
    if (!v)
        return;
    gchar **parts = g_strsplit_set(v, "[], ", -1);
    for (int i = 0; parts[i]; i++) {
        const char *key = parts[i][0] == '@' ? parts[i] + 1 : NULL;
        if (!key || !*key)
            continue;
        if (strcmp(key, "*") == 0) {
            for (guint k = 0; k < c->bib->items->len; k++)
                csl_proc_add_uncited(p, ((csl_item *)c->bib->items->pdata[k])->id);
        } else if (g_hash_table_contains(c->bib->by_id, key)) {
            csl_proc_add_uncited(p, key);
        } else {
            diag_warning(c->d->path, 1, 1, "nocite: no bibliography entry for '%s'", key);
        }
    }
    g_strfreev(parts);
}

bool res_citations(doc *d, const res_options *o)
{
    cite_ctx c = {.d = d, .o = o, .ok = true};
    c.cites = g_array_new(FALSE, FALSE, sizeof(cite_ref));
    csl_proc *p = NULL;
    bool ok = false;
    /* nothing to do without citations, a bibliography or nocite */
    bool any = d->meta.n_bibliography || o->n_bibliography || d->meta.references_json ||
               doc_meta_extra(d, "nocite");
    doc_iter it = doc_iter_start(d->root);
    doc_event ev;
    while (!any && (ev = doc_iter_next(&it)) != DOC_EVENT_DONE)
        any = it.node->kind == DOC_CITE;
    for (size_t i = 0; !any && i < d->n_notes; i++) {
        doc_iter nt = doc_iter_start(d->notes[i]);
        while (!any && (ev = doc_iter_next(&nt)) != DOC_EVENT_DONE)
            any = nt.node->kind == DOC_CITE;
    }
    if (!any) {
        ok = true;
        goto out;
    }
    c.bib = csl_bib_new();
    if (!load_bibliographies(&c))
        goto out;
    const char *name = o->csl ? o->csl : d->meta.csl ? d->meta.csl : RES_DEFAULT_CSL;
    char *style_path = NULL;
    if (!o->csl && d->meta.csl && (strchr(name, '/') || g_str_has_suffix(name, ".csl")) &&
        !g_path_is_absolute(name))
        style_path = g_build_filename(d->dir, name, NULL);
    /* a style named on the command line is reported at its own path */
    doc_span csl_at = o->csl || !d->meta.csl ? (doc_span){0} : d->meta.csl_span;
    c.style = csl_style_load(style_path ? style_path : name, d->meta.lang, o->locales_dir, csl_at);
    g_free(style_path);
    if (!c.style)
        goto out;
    bool note_style = csl_style_is_note(c.style);
    unsigned notes_seen = 0;
    GHashTable *visited = g_hash_table_new(NULL, NULL);
    if (d->meta.abstract)
        gather(&c, d->meta.abstract, false, &notes_seen, visited);
    gather(&c, d->root, note_style, &notes_seen, visited);
    g_hash_table_destroy(visited);
    csl_options opts = {.link_urls = true};
    p = csl_proc_new(c.style, c.bib, &opts);
    register_cites(&c, p);
    if (!c.ok)
        goto out;
    add_nocite(&c, p);
    if (!csl_proc_run(p))
        goto out;
    bool link = doc_meta_flag(d, "link-citations");
    for (guint i = 0; i < c.cites->len; i++)
        rewrite_cite(&c, p, &g_array_index(c.cites, cite_ref, i), link);
    place_bibliography(&c, p);
    if (note_style)
        renumber_notes(d);
    ok = true;
out:
    csl_proc_free(p);
    csl_style_free(c.style);
    csl_bib_free(c.bib);
    g_array_free(c.cites, TRUE);
    return ok;
}
