/* csl_try.c: `folio cite --style STYLE --bib FILE.json [--locales DIR]`:
 * renders every item of a CSL-JSON file with a real style (each item cited
 * once, in file order, one citation per line; then the bibliography), in
 * citeproc-js's html format, or with --dump=doc as document inlines. For
 * trying styles and for robustness tests. */
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

int csl_try_command(const char *style, const char *bibpath, const char *locales, const char *lang,
                    bool as_doc)
{
    int status = 1;
    char *data = NULL;
    size_t len = 0;
    csl_bib *bib = csl_bib_new();
    csl_style *st = NULL;
    csl_proc *p = NULL;
    doc_span none = {NULL, 0, 0};
    if (!file_read(bibpath, NULL, 0, 0, &data, &len))
        goto out;
    if (!text_check(bibpath, data, len) || !bib_json_load(bibpath, data, len, bib))
        goto out;
    st = csl_style_load(style, lang, locales, none);
    if (!st)
        goto out;
    csl_options opts = {.link_urls = as_doc};
    p = csl_proc_new(st, bib, &opts);
    for (guint i = 0; i < bib->items->len; i++) {
        csl_cite c = {0};
        c.id = ((csl_item *)bib->items->pdata[i])->id;
        csl_proc_add_citation(p, &c, 1, st->note ? i + 1 : 0, false);
    }
    csl_proc_run(p);
    if (as_doc) {
        dump_doc(p, bibpath);
        status = 0;
        goto out;
    }
    for (size_t i = 0; i < csl_proc_citation_count(p); i++) {
        char *h = csl_rich_html(csl_proc_citation(p, i));
        printf("%s\n", h);
        g_free(h);
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
    csl_proc_free(p);
    csl_style_free(st);
    csl_bib_free(bib);
    g_free(data);
    return status;
}
