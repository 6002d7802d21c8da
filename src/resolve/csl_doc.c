/* csl_doc.c: rich text -> folio document inlines (TEXT, EMPH, STRONG, LINK,
 * LINEBREAK), appended to a given parent. Italics inside italics (and bold
 * inside bold) flip back to upright, as in the HTML output; quotes become
 * their localized marks. Small caps, superscript and subscript map to their
 * own node kinds (styled_kind()). */
#include <string.h>

#include "csl_int.h"

typedef struct {
    doc *d;
    doc_span sp;
} dctx;

static void add_text(dctx *x, doc_node *parent, const char *s)
{
    if (!s || !*s)
        return;
    if (parent->last && parent->last->kind == DOC_TEXT) {
        parent->last->text = arena_printf(x->d->arena, "%s%s", parent->last->text, s);
        return;
    }
    doc_node *t = doc_node_new(x->d, DOC_TEXT, x->sp.file, x->sp.line, x->sp.col);
    t->text = arena_strdup(x->d->arena, s);
    doc_append(parent, t);
}

/* The document node kind for small caps, superscript and subscript. */
static doc_kind styled_kind(csl_rich_kind k)
{
    switch (k) {
    case CSL_RICH_SMALL_CAPS:
        return DOC_SMALLCAPS;
    case CSL_RICH_SUP:
        return DOC_SUPERSCRIPT;
    case CSL_RICH_SUB:
        return DOC_SUBSCRIPT;
    default:
        return DOC_KIND_COUNT;
    }
}

static void walk(dctx *x, doc_node *parent, const csl_rich *r, bool italic, bool bold);

static void kids(dctx *x, doc_node *parent, const csl_rich *r, bool italic, bool bold)
{
    for (const csl_rich *k = r->first; k; k = k->next)
        walk(x, parent, k, italic, bold);
}

static doc_node *wrap(dctx *x, doc_node *parent, doc_kind kind)
{
    doc_node *n = doc_node_new(x->d, kind, x->sp.file, x->sp.line, x->sp.col);
    doc_append(parent, n);
    return n;
}

static void walk(dctx *x, doc_node *parent, const csl_rich *r, bool italic, bool bold)
{
    switch (r->kind) {
    case CSL_RICH_TEXT:
        add_text(x, parent, r->text);
        return;
    case CSL_RICH_ITALIC:
        if (italic)
            kids(x, parent, r, false, bold); /* flip-flop: upright inside italics */
        else
            kids(x, wrap(x, parent, DOC_EMPH), r, true, bold);
        return;
    case CSL_RICH_ROMAN:
        kids(x, parent, r, false, bold);
        return;
    case CSL_RICH_BOLD:
        if (bold)
            kids(x, parent, r, italic, false);
        else
            kids(x, wrap(x, parent, DOC_STRONG), r, italic, true);
        return;
    case CSL_RICH_NORMAL_WEIGHT:
        kids(x, parent, r, italic, false);
        return;
    case CSL_RICH_QUOTE:
        add_text(x, parent, r->text ? r->text : "\xE2\x80\x9C");
        kids(x, parent, r, italic, bold);
        add_text(x, parent, r->extra ? r->extra : "\xE2\x80\x9D");
        return;
    case CSL_RICH_LINK: {
        doc_node *l = wrap(x, parent, DOC_LINK);
        l->u.link.url = arena_strdup(x->d->arena, r->extra ? r->extra : "");
        kids(x, l, r, italic, bold);
        return;
    }
    case CSL_RICH_DISPLAY:
        /* blocks inside an entry start on a new line */
        if (r->extra && (!strcmp(r->extra, "block") || !strcmp(r->extra, "indent")) && parent->last)
            wrap(x, parent, DOC_LINEBREAK);
        kids(x, parent, r, italic, bold);
        if (r->extra && !strcmp(r->extra, "left-margin"))
            add_text(x, parent, " ");
        return;
    case CSL_RICH_SMALL_CAPS:
    case CSL_RICH_SUP:
    case CSL_RICH_SUB: {
        doc_kind k = styled_kind(r->kind);
        kids(x, k == DOC_KIND_COUNT ? parent : wrap(x, parent, k), r, italic, bold);
        return;
    }
    default:
        kids(x, parent, r, italic, bold);
        return;
    }
}

void csl_rich_to_doc(const csl_rich *r, doc *d, doc_node *parent, doc_span span)
{
    if (!r)
        return;
    dctx x = {d, span};
    walk(&x, parent, r, false, false);
}
