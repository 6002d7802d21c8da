/* csl_try.c: `folio cite --style STYLE --bib FILE [--cites FILE.json]
 * [--locales DIR]`: renders a bibliography (CSL-JSON or BibTeX/BibLaTeX)
 * with a real style, in citeproc-js's html format, or with --dump=doc as
 * document inlines. For trying styles, for robustness tests, and for the
 * tests against real styles (tests/t-csl-real.sh).
 *
 * Without --cites every item is cited once, in file order, one citation per
 * line, and the bibliography follows. With --cites, FILE.json is an array
 * of citations in document order, each an array of cites
 *   [{"id": "k", "locator": "12", "label": "chapter", "prefix": "see ",
 *     "suffix": ", n. 3", "suppress-author": true, "author-only": true,
 *     "author-in-text": true}, ...]
 * or an object {"note": N, "cites": [...]} (pandoc's "@key" is a citation
 * whose first cite has "author-in-text"). In a note style each citation is
 * in a footnote of its own (numbered 1, 2, ...) unless "note" says which;
 * an author-in-text citation there prints as "Author^[rest]", the author in
 * the text and the rest in the note, as the document has it. The
 * bibliography then holds the cited items only, as in a document. */
#include <json-glib/json-glib.h>
#include <string.h>

#include "bib.h"
#include "csl_int.h"

/* Prints each citation and entry as document inlines (doc_dump format). */
static void dump_doc(csl_proc *p, const char *bibpath)
{
    doc *d = doc_new(bibpath);
    doc_span sp = {bibpath, 1, 1};
    for (size_t i = 0; i < csl_proc_citation_count(p); i++) {
        doc_node *para = doc_node_new(d, DOC_PARAGRAPH, bibpath, 1, 1);
        doc_append(d->root, para);
        csl_rich_to_doc(csl_proc_citation(p, i), d, para, sp);
    }
    for (size_t i = 0; i < csl_proc_bib_count(p); i++) {
        doc_node *para = doc_node_new(d, DOC_PARAGRAPH, bibpath, 1, 1);
        doc_append(d->root, para);
        csl_rich_to_doc(csl_proc_bib_entry(p, i, NULL), d, para, sp);
    }
    doc_dump(d, stdout);
    doc_free(d);
}

/* ---- --cites ---------------------------------------------------------------- */

typedef struct {
    GArray *cites; /* csl_cite, strings owned */
    unsigned note; /* 0: the next footnote */
    bool author_in_text;
} try_citation;

static void try_citation_free(gpointer data)
{
    try_citation *c = data;
    csl_cites_free(c->cites);
    g_free(c);
}

static char *json_string(JsonObject *o, const char *key)
{
    JsonNode *n = json_object_get_member(o, key);
    if (!n || JSON_NODE_TYPE(n) != JSON_NODE_VALUE)
        return NULL;
    GType t = json_node_get_value_type(n);
    if (t == G_TYPE_STRING)
        return g_strdup(json_node_get_string(n));
    if (t == G_TYPE_INT64)
        return g_strdup_printf("%" G_GINT64_FORMAT, json_node_get_int(n));
    return NULL;
}

static bool json_true(JsonObject *o, const char *key)
{
    JsonNode *n = json_object_get_member(o, key);
    return n && JSON_NODE_TYPE(n) == JSON_NODE_VALUE &&
           json_node_get_value_type(n) == G_TYPE_BOOLEAN && json_node_get_boolean(n);
}

/* Reads the --cites file into CITATIONS (try_citation*); false after an
 * error (reported as file:line:col). */
static bool read_cites(const char *path, GPtrArray *citations)
{
    char *data = NULL;
    size_t len = 0;
    if (!file_read(path, NULL, 0, 0, &data, &len) || !text_check(path, data, len)) {
        g_free(data);
        return false;
    }
    JsonParser *jp = json_parser_new();
    GError *err = NULL;
    bool ok = json_parser_load_from_data(jp, data, (gssize)len, &err);
    if (!ok) {
        /* json-glib says "<data>:LINE:COL: Parse error: ..." */
        unsigned line = 0, col = 0;
        int used = 0;
        const char *c = strchr(err->message, ':');
        const char *what = err->message;
        if (c && sscanf(c + 1, "%u:%u: %n", &line, &col, &used) == 2 && used > 0)
            what = c + 1 + used;
        diag_error(path, line, col, "invalid JSON: %s", what);
        g_error_free(err);
        goto out;
    }
    JsonNode *root = json_parser_get_root(jp);
    if (!root || !JSON_NODE_HOLDS_ARRAY(root)) {
        diag_error(path, 1, 1, "expected an array of citations");
        ok = false;
        goto out;
    }
    JsonArray *a = json_node_get_array(root);
    for (guint i = 0; i < json_array_get_length(a); i++) {
        JsonNode *e = json_array_get_element(a, i);
        JsonArray *items = NULL;
        try_citation *c = g_new0(try_citation, 1);
        c->cites = g_array_new(FALSE, TRUE, sizeof(csl_cite));
        g_ptr_array_add(citations, c);
        if (JSON_NODE_HOLDS_ARRAY(e)) {
            items = json_node_get_array(e);
        } else if (JSON_NODE_HOLDS_OBJECT(e)) {
            JsonObject *o = json_node_get_object(e);
            JsonNode *cn = json_object_get_member(o, "cites");
            if (cn && JSON_NODE_HOLDS_ARRAY(cn))
                items = json_node_get_array(cn);
            char *note = json_string(o, "note");
            c->note = note ? (unsigned)atoi(note) : 0;
            g_free(note);
            c->author_in_text = json_true(o, "author-in-text");
        }
        if (!items || json_array_get_length(items) == 0) {
            diag_error(path, 0, 0, "citation %u has no cites", i + 1);
            ok = false;
            goto out;
        }
        for (guint k = 0; k < json_array_get_length(items); k++) {
            JsonNode *cn = json_array_get_element(items, k);
            JsonObject *o = JSON_NODE_HOLDS_OBJECT(cn) ? json_node_get_object(cn) : NULL;
            char *id = o ? json_string(o, "id") : NULL;
            if (!id) {
                diag_error(path, 0, 0, "citation %u: cite %u has no \"id\"", i + 1, k + 1);
                ok = false;
                goto out;
            }
            csl_cite ct = {.id = id,
                           .span = {path, 1, 1},
                           .locator = json_string(o, "locator"),
                           .label = json_string(o, "label"),
                           .prefix = json_string(o, "prefix"),
                           .suffix = json_string(o, "suffix"),
                           .suppress_author = json_true(o, "suppress-author"),
                           .author_only = json_true(o, "author-only")};
            c->author_in_text = c->author_in_text || json_true(o, "author-in-text");
            g_array_append_val(c->cites, ct);
        }
    }
out:
    g_object_unref(jp);
    g_free(data);
    return ok;
}

static void print_html(const csl_rich *r)
{
    char *h = csl_rich_html(r);
    fputs(h, stdout);
    g_free(h);
}

int csl_try_command(const char *style, const char *bibpath, const char *citespath,
                    const char *locales, const char *lang, bool as_doc)
{
    int status = 1;
    csl_bib *bib = csl_bib_new();
    csl_style *st = NULL;
    csl_proc *p = NULL;
    GPtrArray *citations = g_ptr_array_new_with_free_func(try_citation_free);
    doc_span none = {NULL, 0, 0};
    if (!bib_load(bibpath, bib, NULL, 0, 0))
        goto out;
    if (citespath && !read_cites(citespath, citations))
        goto out;
    st = csl_style_load(style, lang, locales, none);
    if (!st)
        goto out;
    csl_options opts = {.link_urls = as_doc};
    p = csl_proc_new(st, bib, &opts);
    if (citespath) {
        unsigned note = 0;
        for (guint i = 0; i < citations->len; i++) {
            try_citation *c = citations->pdata[i];
            note = c->note ? c->note : note + 1;
            csl_proc_add_citation(p, (csl_cite *)c->cites->data, c->cites->len,
                                  st->note ? note : 0, c->author_in_text);
        }
    } else {
        for (guint i = 0; i < bib->items->len; i++) {
            csl_cite c = {0};
            c.id = ((csl_item *)bib->items->pdata[i])->id;
            csl_proc_add_citation(p, &c, 1, st->note ? i + 1 : 0, false);
        }
    }
    csl_proc_run(p);
    if (as_doc) {
        dump_doc(p, bibpath);
        status = 0;
        goto out;
    }
    for (size_t i = 0; i < csl_proc_citation_count(p); i++) {
        const csl_rich *rest = NULL;
        const csl_rich *author = st->note ? csl_proc_citation_author(p, i, &rest) : NULL;
        if (author) {
            /* the author in the text, the rest in its footnote */
            print_html(author);
            if (rest) {
                fputs("^[", stdout);
                print_html(rest);
                fputs("]", stdout);
            }
        } else {
            print_html(csl_proc_citation(p, i));
        }
        fputc('\n', stdout);
    }
    if (csl_style_has_bibliography(st)) {
        printf("<div class=\"csl-bib-body\">\n");
        for (size_t i = 0; i < csl_proc_bib_count(p); i++) {
            char *h = csl_rich_html(csl_proc_bib_entry(p, i, NULL));
            printf("  <div class=\"csl-entry\">%s</div>\n", h);
            g_free(h);
        }
        printf("</div>\n");
    }
    status = 0;
out:
    g_ptr_array_free(citations, TRUE);
    csl_proc_free(p);
    csl_style_free(st);
    csl_bib_free(bib);
    return status;
}
