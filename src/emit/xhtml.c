/* xhtml.c: the XHTML back end of the EPUB writer. One content document is
 * written per file of the plan: the title page (title block and abstract) or
 * one level-1 section, each followed by the footnotes whose first reference
 * it holds (EPUB 3 notes: <aside epub:type="footnote">, linked both ways).
 *
 * In the manner of cmark's html.c and lowdown's html.c: an ENTER/EXIT walk
 * (no recursion, so nesting depth is no danger) and one switch over the node
 * kinds dispatching to a static function per kind. Escaping is libxml2's,
 * through xhtml_text.c. Raw HTML is not copied: it may not be well-formed
 * XHTML, and one bad tag would make the whole EPUB invalid. */
#include "epub.h"

#include <string.h>

typedef enum { GROUP_NONE, GROUP_HEAD, GROUP_BODY } row_group;

typedef struct {
    const epub_plan *p;
    xmlTextWriterPtr w;
    unsigned file;     /* the file being written */
    row_group group;   /* the open <thead> or <tbody> */
    size_t col;        /* column of the next table cell */
    unsigned backlink; /* note whose back link opens the next paragraph; 0 none */
} xhtml_ctx;

/* ---- attributes shared by many elements ------------------------------------- */

/* id= from the plan and class= from the node's {.classes} plus extra. */
static void write_id_class(xhtml_ctx *x, const doc_node *n, const char *extra)
{
    xhtml_attr(x->w, "id", epub_node_id(x->p, n));
    GString *cls = g_string_new(extra);
    for (size_t i = 0; n->attr && i < n->attr->n_classes; i++) {
        const char *c = n->attr->classes[i];
        if (!c || !*c || strpbrk(c, " \t\n"))
            continue;
        if (cls->len)
            g_string_append_c(cls, ' ');
        g_string_append(cls, c);
    }
    if (cls->len)
        xhtml_attr(x->w, "class", cls->str);
    g_string_free(cls, TRUE);
}

static void start_with_id(xhtml_ctx *x, const char *element, const doc_node *n, const char *extra)
{
    xhtml_start(x->w, element);
    write_id_class(x, n, extra);
}

/* ---- blocks ------------------------------------------------------------------ */

/* Paragraphs of tight list items are written without <p>, as cmark does. */
static bool paragraph_is_bare(const doc_node *n)
{
    const doc_node *item = n->parent;
    return item && item->kind == DOC_ITEM && item->parent && item->parent->kind == DOC_LIST &&
           item->parent->u.list.tight;
}

/* The first paragraph of a task item is the label of its checkbox. */
static bool paragraph_is_task_label(const doc_node *n)
{
    const doc_node *item = n->parent;
    return item && item->kind == DOC_ITEM && item->u.item.task >= 0 && item->first == n;
}

static void write_checkbox(xhtml_ctx *x, const doc_node *item, bool labelled)
{
    xhtml_start(x->w, "input");
    xhtml_attr(x->w, "type", "checkbox");
    xhtml_attr(x->w, "disabled", "disabled");
    if (item->u.item.task > 0)
        xhtml_attr(x->w, "checked", "checked");
    if (!labelled)
        xhtml_attr(x->w, "aria-label",
                   item->u.item.task > 0 ? term_text(x->p->lang, TERM_TASK_DONE)
                                         : term_text(x->p->lang, TERM_TASK_OPEN));
    xhtml_end_void(x->w);
}

static void write_backlink(xhtml_ctx *x, unsigned k)
{
    xhtml_start(x->w, "a");
    xhtml_attr(x->w, "class", "fn-back");
    xhtml_attr(x->w, "href", epub_href(x->p, x->file, x->p->note_file[k], x->p->note_ref_id[k]));
    xhtml_attr(x->w, "role", "doc-backlink");
    xhtml_attr(x->w, "title", term_text(x->p->lang, TERM_BACK_TO_TEXT));
    char num[16];
    g_snprintf(num, sizeof num, "%u", k);
    xhtml_text(x->w, num);
    xhtml_end(x->w);
    xhtml_text(x->w, " ");
}

static void render_paragraph(xhtml_ctx *x, const doc_node *n, bool entering)
{
    bool bare = paragraph_is_bare(n), task = paragraph_is_task_label(n);
    if (entering) {
        if (!bare && n->attr) /* bibliography entries: id ref-KEY, class csl-entry */
            start_with_id(x, "p", n, NULL);
        else if (!bare)
            xhtml_start(x->w, "p");
        if (x->backlink) {
            write_backlink(x, x->backlink);
            x->backlink = 0;
        }
        if (task) {
            xhtml_start(x->w, "label");
            write_checkbox(x, n->parent, true);
            xhtml_text(x->w, " ");
        }
    } else {
        if (task)
            xhtml_end(x->w);
        if (!bare)
            xhtml_end(x->w);
    }
}

static void render_heading(xhtml_ctx *x, const doc_node *n, bool entering)
{
    if (!entering) {
        xhtml_end(x->w);
        return;
    }
    char tag[4];
    g_snprintf(tag, sizeof tag, "h%d", CLAMP(n->u.heading.level, 1, 6));
    start_with_id(x, tag, n, NULL);
    const char *number = n->id < x->p->n_nodes ? x->p->node_number[n->id] : NULL;
    if (number) {
        xhtml_start(x->w, "span");
        xhtml_attr(x->w, "class", "secnum");
        xhtml_text(x->w, number);
        xhtml_end(x->w);
        xhtml_text(x->w, " ");
    }
}

static void render_list(xhtml_ctx *x, const doc_node *n, bool entering)
{
    if (!entering) {
        xhtml_end(x->w);
        return;
    }
    start_with_id(x, n->u.list.ordered ? "ol" : "ul", n, NULL);
    if (n->u.list.ordered && n->u.list.start != 1) {
        char start[16];
        g_snprintf(start, sizeof start, "%d", n->u.list.start);
        xhtml_attr(x->w, "start", start);
    }
    xhtml_text(x->w, "\n");
}

static void render_item(xhtml_ctx *x, const doc_node *n, bool entering)
{
    if (!entering) {
        xhtml_end(x->w);
        return;
    }
    bool task = n->u.item.task >= 0;
    start_with_id(x, "li", n, task ? "task" : NULL);
    /* A task item without a first paragraph has no text to label its box. */
    if (task && !(n->first && n->first->kind == DOC_PARAGRAPH))
        write_checkbox(x, n, false);
}

/* The language of a fence's info string: its first word, without pandoc's {.lang}. */
static char *code_language(const char *info)
{
    if (!info)
        return NULL;
    while (*info == ' ' || *info == '{' || *info == '.')
        info++;
    size_t n = strcspn(info, " \t{}");
    return n ? g_strndup(info, n) : NULL;
}

static void render_code_block(xhtml_ctx *x, const doc_node *n)
{
    start_with_id(x, "pre", n, NULL);
    xhtml_start(x->w, "code");
    char *lang = code_language(n->u.code.info);
    if (lang) {
        char *cls = g_strconcat("language-", lang, NULL);
        xhtml_attr(x->w, "class", cls);
        g_free(cls);
        g_free(lang);
    }
    xhtml_text(x->w, n->text);
    xhtml_end(x->w);
    xhtml_end(x->w);
}

static void render_table(xhtml_ctx *x, const doc_node *n, bool entering)
{
    if (entering) {
        start_with_id(x, "table", n, NULL);
        xhtml_text(x->w, "\n");
        x->group = GROUP_NONE;
        return;
    }
    if (x->group != GROUP_NONE)
        xhtml_end(x->w);
    x->group = GROUP_NONE;
    xhtml_end(x->w);
}

static void render_row(xhtml_ctx *x, const doc_node *n, bool entering)
{
    if (!entering) {
        xhtml_end(x->w);
        return;
    }
    row_group want = n->u.row.header ? GROUP_HEAD : GROUP_BODY;
    /* A header row after body rows stays in the body: HTML has one <thead>, first. */
    if (x->group == GROUP_BODY)
        want = GROUP_BODY;
    if (want != x->group) {
        if (x->group != GROUP_NONE) {
            xhtml_end(x->w);
            xhtml_text(x->w, "\n");
        }
        xhtml_start(x->w, want == GROUP_HEAD ? "thead" : "tbody");
        xhtml_text(x->w, "\n");
        x->group = want;
    }
    xhtml_start(x->w, "tr");
    x->col = 0;
}

static void render_cell(xhtml_ctx *x, const doc_node *n, bool entering)
{
    if (!entering) {
        xhtml_end(x->w);
        return;
    }
    const doc_node *row = n->parent, *table = row ? row->parent : NULL;
    bool header = row && row->kind == DOC_TABLE_ROW && row->u.row.header;
    xhtml_start(x->w, header ? "th" : "td");
    if (header)
        xhtml_attr(x->w, "scope", "col");
    doc_align align = DOC_ALIGN_NONE;
    if (table && table->kind == DOC_TABLE && table->u.table.align && x->col < table->u.table.n_cols)
        align = table->u.table.align[x->col];
    static const char *const align_class[] = {NULL, "left", "center", "right"};
    if (align > DOC_ALIGN_NONE && align <= DOC_ALIGN_RIGHT)
        xhtml_attr(x->w, "class", align_class[align]);
    x->col++;
}

static void render_caption(xhtml_ctx *x, const doc_node *n, bool entering)
{
    if (!entering) {
        xhtml_end(x->w);
        return;
    }
    doc_kind parent = n->parent ? n->parent->kind : DOC_DOCUMENT;
    if (parent == DOC_TABLE)
        start_with_id(x, "caption", n, NULL);
    else if (parent == DOC_FIGURE)
        start_with_id(x, "figcaption", n, NULL);
    else
        start_with_id(x, "p", n, "caption");
    /* "Table 2: " / "Figure 3: ", the number resolve gave, as in the PDF */
    const char *num = n->parent ? doc_number(x->p->d, n->parent) : NULL;
    if (num && (parent == DOC_TABLE || parent == DOC_FIGURE)) {
        xhtml_start(x->w, "span");
        xhtml_attr(x->w, "class", "caption-label");
        char *label = g_strdup_printf(
            "%s\u00a0%s:", term_text(x->p->lang, parent == DOC_TABLE ? TERM_TABLE : TERM_FIGURE),
            num);
        xhtml_text(x->w, label);
        g_free(label);
        xhtml_end(x->w);
        xhtml_text(x->w, " ");
    }
}

static void render_footnote_def(xhtml_ctx *x, const doc_node *n, bool entering)
{
    if (!entering) {
        xhtml_end(x->w);
        return;
    }
    unsigned k = n->u.note.number;
    xhtml_start(x->w, "aside");
    xhtml_attr(x->w, "id", epub_node_id(x->p, n));
    xhtml_attr(x->w, "class", "footnote");
    xhtml_attr(x->w, "epub:type", "footnote");
    xhtml_attr(x->w, "role", "doc-footnote");
    xhtml_text(x->w, "\n");
    bool placed = k >= 1 && k <= x->p->d->n_notes && x->p->note_ref_id[k];
    if (!placed)
        return;
    if (n->first && n->first->kind == DOC_PARAGRAPH) {
        x->backlink = k;
    } else {
        xhtml_start(x->w, "p");
        write_backlink(x, k);
        xhtml_end(x->w);
        xhtml_text(x->w, "\n");
    }
}

/* ---- inlines ------------------------------------------------------------------ */

static void render_code(xhtml_ctx *x, const doc_node *n)
{
    xhtml_element(x->w, "code", n->text);
}

/* <br>, <br/>, <BR /> ... */
static bool is_br_tag(const char *t)
{
    if (!t || g_ascii_strncasecmp(t, "<br", 3) != 0)
        return false;
    t += 3;
    t += strspn(t, " \t/");
    return strcmp(t, ">") == 0;
}

/* Raw HTML is left out, but a line break tag keeps its meaning. */
static void render_html_inline(xhtml_ctx *x, const doc_node *n)
{
    if (is_br_tag(n->text)) {
        xhtml_start(x->w, "br");
        xhtml_end_void(x->w);
    }
}

/* The href of a link, or NULL (with a warning) when it would lead nowhere
 * inside or outside the EPUB. */
static const char *link_href(xhtml_ctx *x, const doc_node *n, bool warn)
{
    const char *url = n->u.link.url;
    if (!url || !*url)
        return NULL;
    if (url[0] == '#') {
        char *id = g_uri_unescape_string(url + 1, NULL);
        const epub_target *t = epub_target_lookup(x->p, id ? id : url + 1);
        g_free(id);
        if (t)
            return epub_href(x->p, x->file, t->file, t->id);
        if (warn)
            diag_warning(n->span.file, n->span.line, n->span.col,
                         "link to '%s': no element has that id", url);
        return NULL;
    }
    const char *scheme = g_uri_peek_scheme(url);
    bool absolute = scheme && strcmp(scheme, "file") != 0; /* scheme is interned */
    if (absolute && g_uri_is_valid(url, G_URI_FLAGS_NONE, NULL))
        return url;
    if (warn)
        diag_warning(n->span.file, n->span.line, n->span.col,
                     absolute ? "link '%s' is not a valid URL; its text is kept without the link"
                              : "link '%s' points to a file that is not in the EPUB; its text "
                                "is kept without the link",
                     url);
    return NULL;
}

static void render_link(xhtml_ctx *x, const doc_node *n, bool entering)
{
    if (!entering) {
        xhtml_end(x->w);
        return;
    }
    const char *href = link_href(x, n, true);
    if (!href) {
        xhtml_start(x->w, "span");
        xhtml_attr(x->w, "class", "link");
        return;
    }
    start_with_id(x, "a", n, NULL);
    xhtml_attr(x->w, "href", href);
    if (n->u.link.title && *n->u.link.title)
        xhtml_attr(x->w, "title", n->u.link.title);
}

/* A pandoc width= or height= value as a CSS length ("50%", "3cm", "200" in
 * pixels); NULL for anything else. Caller frees. */
static char *css_length(const char *v)
{
    if (!v)
        return NULL;
    const char *p = v;
    size_t digits = strspn(p, "0123456789");
    p += digits;
    if (*p == '.') {
        p++;
        size_t frac = strspn(p, "0123456789");
        digits += frac;
        p += frac;
    }
    static const char *const units[] = {"", "%", "px", "em", "rem", "cm", "mm", "in", "pt"};
    if (!digits)
        return NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
        if (strcmp(p, units[i]) == 0)
            return i == 0 ? g_strconcat(v, "px", NULL) : g_strdup(v);
    return NULL;
}

/* style= for an image's {width=.. height=..}, or NULL. Caller frees. */
static char *image_size_style(const doc_node *n)
{
    char *w = css_length(doc_attr_lookup(n, "width"));
    char *h = css_length(doc_attr_lookup(n, "height"));
    char *style = NULL;
    if (w || h)
        style = g_strdup_printf("%s%s%s%s%s", w ? "width: " : "", w ? w : "", w && h ? "; " : "",
                                h ? "height: " : "", h ? h : "");
    g_free(w);
    g_free(h);
    return style;
}

static void render_image(xhtml_ctx *x, const doc_node *n)
{
    const epub_image *img = n->id < x->p->n_nodes ? x->p->node_image[n->id] : NULL;
    if (!img) {
        start_with_id(x, "span", n, "image-alt");
        xhtml_text(x->w, n->text);
        xhtml_end(x->w);
        return;
    }
    start_with_id(x, "img", n, NULL);
    xhtml_attr(x->w, "src", img->href);
    char *alt = g_strstrip(g_strdup(n->text ? n->text : ""));
    xhtml_attr(x->w, "alt", alt);
    g_free(alt);
    if (n->u.link.title && *n->u.link.title)
        xhtml_attr(x->w, "title", n->u.link.title);
    char *size = image_size_style(n);
    xhtml_attr(x->w, "style", size);
    g_free(size);
    xhtml_end_void(x->w);
}

static void render_footnote_ref(xhtml_ctx *x, const doc_node *n)
{
    const epub_plan *p = x->p;
    unsigned k = n->u.noteref.number;
    char num[16];
    g_snprintf(num, sizeof num, "%u", k);
    xhtml_start(x->w, "sup");
    bool placed = k >= 1 && k <= p->d->n_notes && p->note_file[k] != EPUB_NO_FILE;
    if (placed) {
        xhtml_start(x->w, "a");
        xhtml_attr(x->w, "id", epub_node_id(p, n));
        xhtml_attr(x->w, "class", "noteref");
        xhtml_attr(x->w, "href",
                   epub_href(p, x->file, p->note_file[k], epub_node_id(p, p->d->notes[k - 1])));
        xhtml_attr(x->w, "epub:type", "noteref");
        xhtml_attr(x->w, "role", "doc-noteref");
        xhtml_text(x->w, num);
        xhtml_end(x->w);
    } else {
        xhtml_text(x->w, num);
    }
    xhtml_end(x->w);
}

static void render_cite(xhtml_ctx *x, const doc_node *n)
{
    xhtml_start(x->w, "span");
    xhtml_attr(x->w, "class", "citation");
    xhtml_text(x->w, n->u.cite.source);
    xhtml_end(x->w);
}

/* A cross-reference (@fig:x) links to its target's id until numbering comes. */
static void render_xref(xhtml_ctx *x, const doc_node *n)
{
    const char *target = n->u.xref.target;
    unsigned page = n->u.xref.page;
    if (target && strchr(target, '/')) { /* a page of another publication: text only */
        xhtml_start(x->w, "span");
        xhtml_attr(x->w, "class", "xref");
        xhtml_text(x->w, n->u.xref.source);
        xhtml_end(x->w);
        return;
    }
    if (n->u.xref.kind && !strcmp(n->u.xref.kind, "page") && page >= x->p->first_page &&
        page - x->p->first_page < x->p->n_pages &&
        x->p->page_file[page - x->p->first_page] != EPUB_NO_FILE) { /* the print page's marker */
        xhtml_start(x->w, "a");
        xhtml_attr(x->w, "class", "xref");
        xhtml_attr(x->w, "href", epub_href(x->p, x->file, x->p->page_file[page - x->p->first_page],
                                           arena_printf(x->p->a, "page-%u", page)));
        xhtml_text(x->w, n->u.xref.source);
        xhtml_end(x->w);
        return;
    }
    const epub_target *t = epub_target_lookup(x->p, target);
    if (!t && target && n->u.xref.kind) {
        char *full = g_strconcat(n->u.xref.kind, ":", target, NULL);
        t = epub_target_lookup(x->p, full);
        g_free(full);
    }
    if (t) {
        xhtml_start(x->w, "a");
        xhtml_attr(x->w, "class", "xref");
        xhtml_attr(x->w, "href", epub_href(x->p, x->file, t->file, t->id));
    } else {
        xhtml_start(x->w, "span");
        xhtml_attr(x->w, "class", "xref");
    }
    xhtml_text(x->w, n->u.xref.source);
    xhtml_end(x->w);
}

static void render_simple(xhtml_ctx *x, const doc_node *n, const char *element, bool entering)
{
    if (entering)
        start_with_id(x, element, n, NULL);
    else
        xhtml_end(x->w);
}

static void render_void(xhtml_ctx *x, const char *element)
{
    xhtml_start(x->w, element);
    xhtml_end_void(x->w);
}

/* An empty page-break marker for print page `page` (DPUB-ARIA doc-pagebreak). */
static void render_page_mark(xhtml_ctx *x, unsigned page)
{
    char id[32], label[16];
    g_snprintf(id, sizeof id, "page-%u", page);
    g_snprintf(label, sizeof label, "%u", page);
    xhtml_start(x->w, "span");
    xhtml_attr(x->w, "epub:type", "pagebreak");
    xhtml_attr(x->w, "role", "doc-pagebreak");
    xhtml_attr(x->w, "id", id);
    xhtml_attr(x->w, "aria-label", label);
    xhtml_end_void(x->w);
}

/* Text, with the print page markers that fall inside it. */
static void render_text(xhtml_ctx *x, const doc_node *n)
{
    const GArray *marks = epub_pages_in(x->p, n->id);
    if (!marks) {
        xhtml_text(x->w, n->text);
        return;
    }
    size_t done = 0, len = strlen(n->text);
    for (guint i = 0; i < marks->len; i++) {
        const epub_page_mark *m = &g_array_index(marks, epub_page_mark, i);
        size_t at = m->offset < len ? m->offset : len;
        while (at > done && (n->text[at] & 0xC0) == 0x80) /* never inside a character */
            at--;
        if (at > done) {
            char *part = g_strndup(n->text + done, at - done);
            xhtml_text(x->w, part);
            g_free(part);
            done = at;
        }
        render_page_mark(x, m->page);
    }
    if (done < len)
        xhtml_text(x->w, n->text + done);
}

/* ---- the walk ------------------------------------------------------------------- */

static void render_node(xhtml_ctx *x, const doc_node *n, bool entering)
{
    switch (n->kind) {
    case DOC_DOCUMENT:
        break;
    case DOC_PARAGRAPH:
        render_paragraph(x, n, entering);
        break;
    case DOC_HEADING:
        render_heading(x, n, entering);
        break;
    case DOC_BLOCKQUOTE:
        render_simple(x, n, "blockquote", entering);
        break;
    case DOC_LIST:
        render_list(x, n, entering);
        break;
    case DOC_ITEM:
        render_item(x, n, entering);
        break;
    case DOC_CODE_BLOCK:
        render_code_block(x, n);
        break;
    case DOC_HTML_BLOCK:
        break;
    case DOC_THEMATIC_BREAK:
        render_void(x, "hr");
        break;
    case DOC_TABLE:
        render_table(x, n, entering);
        break;
    case DOC_TABLE_ROW:
        render_row(x, n, entering);
        break;
    case DOC_TABLE_CELL:
        render_cell(x, n, entering);
        break;
    case DOC_FIGURE:
        render_simple(x, n, "figure", entering);
        break;
    case DOC_CAPTION:
        render_caption(x, n, entering);
        break;
    case DOC_DIV:
        render_simple(x, n, "div", entering);
        break;
    case DOC_FOOTNOTE_DEF:
        render_footnote_def(x, n, entering);
        break;
    case DOC_TEXT:
        render_text(x, n);
        break;
    case DOC_SOFTBREAK:
        xhtml_text(x->w, "\n");
        break;
    case DOC_LINEBREAK:
        render_void(x, "br");
        break;
    case DOC_CODE:
        render_code(x, n);
        break;
    case DOC_HTML_INLINE:
        render_html_inline(x, n);
        break;
    case DOC_EMPH:
        render_simple(x, n, "em", entering);
        break;
    case DOC_STRONG:
        render_simple(x, n, "strong", entering);
        break;
    case DOC_STRIKE:
        render_simple(x, n, "del", entering);
        break;
    case DOC_LINK:
        render_link(x, n, entering);
        break;
    case DOC_IMAGE:
        render_image(x, n);
        break;
    case DOC_FOOTNOTE_REF:
        render_footnote_ref(x, n);
        break;
    case DOC_CITE:
        render_cite(x, n);
        break;
    case DOC_XREF:
        render_xref(x, n);
        break;
    case DOC_SPAN:
        render_simple(x, n, "span", entering);
        break;
    case DOC_SMALLCAPS:
        if (entering)
            start_with_id(x, "span", n, "smallcaps");
        else
            xhtml_end(x->w);
        break;
    case DOC_SUPERSCRIPT:
        render_simple(x, n, "sup", entering);
        break;
    case DOC_SUBSCRIPT:
        render_simple(x, n, "sub", entering);
        break;
    case DOC_KIND_COUNT:
        break;
    }
}

/* Writes the tree under root; a newline follows every block, for readable files. */
static void render_tree(xhtml_ctx *x, doc_node *root)
{
    doc_iter it = doc_iter_start(root);
    doc_event ev;
    while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE) {
        const doc_node *n = it.node;
        bool entering = ev == DOC_EVENT_ENTER;
        render_node(x, n, entering);
        if (doc_kind_is_block(n->kind) && n->kind != DOC_DOCUMENT &&
            (!entering || !doc_kind_is_container(n->kind)))
            xhtml_text(x->w, "\n");
    }
}

/* The definitions of the notes this file holds, after its text. */
static void render_notes(xhtml_ctx *x, const epub_file *f)
{
    if (!f->notes || f->notes->len == 0)
        return;
    xhtml_start(x->w, "div");
    xhtml_attr(x->w, "class", "footnotes");
    xhtml_text(x->w, "\n");
    for (guint i = 0; i < f->notes->len; i++) {
        unsigned k = g_array_index(f->notes, unsigned, i);
        render_tree(x, x->p->d->notes[k - 1]);
        x->backlink = 0;
    }
    xhtml_end(x->w);
    xhtml_text(x->w, "\n");
}

static void render_title_page(xhtml_ctx *x)
{
    const epub_plan *p = x->p;
    xhtml_start(x->w, "body");
    xhtml_attr(x->w, "epub:type", "frontmatter");
    xhtml_text(x->w, "\n");
    const GArray *first = epub_pages_in(p, 0); /* pages that begin with the title */
    for (guint i = 0; first && i < first->len; i++)
        render_page_mark(x, g_array_index(first, epub_page_mark, i).page);
    xhtml_title_block(p, x->w);
    if (p->d->meta.abstract) {
        xhtml_start(x->w, "section");
        xhtml_attr(x->w, "class", "abstract");
        xhtml_attr(x->w, "role", "doc-abstract");
        xhtml_text(x->w, "\n");
        xhtml_element(x->w, "h2", term_text(p->lang, TERM_ABSTRACT));
        xhtml_text(x->w, "\n");
        render_tree(x, p->d->meta.abstract);
        xhtml_end(x->w);
        xhtml_text(x->w, "\n");
    }
}

static void render_section(xhtml_ctx *x, const epub_file *f)
{
    xhtml_start(x->w, "body");
    xhtml_attr(x->w, "epub:type", "bodymatter");
    xhtml_text(x->w, "\n");
    bool chapter = f->first && f->first->kind == DOC_HEADING && f->first->u.heading.level == 1;
    if (chapter) {
        xhtml_start(x->w, "section");
        xhtml_attr(x->w, "class", "chapter");
        xhtml_attr(x->w, "epub:type", "chapter");
        xhtml_attr(x->w, "role", "doc-chapter");
        xhtml_attr(x->w, "aria-labelledby", epub_node_id(x->p, f->first));
        xhtml_text(x->w, "\n");
    }
    for (doc_node *c = f->first; c; c = c->next) {
        render_tree(x, c);
        if (c == f->last)
            break;
    }
    render_notes(x, f);
    if (chapter) {
        xhtml_end(x->w);
        xhtml_text(x->w, "\n");
    }
}

GBytes *xhtml_file(const epub_plan *p, unsigned file)
{
    const epub_file *f = p->files->pdata[file];
    xmlBufferPtr buf;
    xhtml_ctx x = {0};
    x.p = p;
    x.file = file;
    x.w = xhtml_writer_new(&buf);
    xhtml_page_start(p, x.w, f->title);
    if (file == EPUB_FILE_TITLE) {
        render_title_page(&x);
        render_notes(&x, f);
    } else {
        render_section(&x, f);
    }
    xhtml_page_end(x.w);
    return xhtml_writer_finish(x.w, buf);
}
