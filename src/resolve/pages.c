/* pages.c: page references (@page:x). Their numbers come from the layout,
 * so the driver calls res_pages after each layout pass, until no number
 * changes (a number's width can move a page break). The DOC_XREF stays in
 * the tree: its source text becomes the number, its page the page, so the
 * PDF shows it linked to the labelled element and the EPUB links it to
 * that print page's marker. */
#include "resolve.h"

#include <string.h>

#include "../base/base.h"

static bool is_page_ref(const doc_node *n)
{
    return n->kind == DOC_XREF && n->u.xref.kind && strcmp(n->u.xref.kind, "page") == 0;
}

size_t res_pages_count(const doc *d)
{
    size_t count = 0;
    for (guint i = 0; i < d->nodes->len; i++) {
        const doc_node *n = d->nodes->pdata[i];
        if (n && is_page_ref(n) && (n->parent || n->prev))
            count++;
    }
    return count;
}

bool res_pages(doc *d, res_page_lookup page_of, void *data, bool warn)
{
    bool changed = false;
    for (guint i = 0; i < d->nodes->len; i++) {
        doc_node *n = d->nodes->pdata[i];
        if (!n || !is_page_ref(n) || !(n->parent || n->prev))
            continue;
        const char *label = n->u.xref.target;
        unsigned page = page_of && label ? page_of(label, data) : 0;
        const char *text = page ? arena_printf(d->arena, "%u", page) : "??";
        if (!n->u.xref.source || strcmp(n->u.xref.source, text) != 0 || n->u.xref.page != page)
            changed = true;
        n->u.xref.source = text;
        n->u.xref.page = page;
        if (warn && !page)
            diag_warning(n->span.file, n->span.line, n->span.col,
                         "unresolved page reference '@page:%s'", label ? label : "");
    }
    return changed;
}
