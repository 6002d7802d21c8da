/* md.c: Markdown to folio's document tree through cmark-gfm. The only file
 * that includes cmark; its nodes never leave here.
 *
 * Before cmark sees the text, pandoc's fenced-div fences (::: {#id .class})
 * become one-line HTML comments, which CommonMark parses as HTML blocks that
 * interrupt paragraphs and keep every other line where it was; after the tree
 * is converted, the blocks between such markers are moved into DOC_DIV nodes.
 * Then attributes, figures, table captions, citations and footnote numbers are
 * settled on folio's own tree. */
#include "parse.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <string.h>

#define DIV_OPEN "<!--folio:div:"
#define DIV_CLOSE "<!--folio:/div-->"

typedef struct {
    doc *d;
    unsigned first_line;
    GPtrArray *div_attrs;    /* index -> doc_attr* of each opening fence */
    GPtrArray *div_lines;    /* index -> line of each opening fence (GUINT_TO_POINTER) */
    GHashTable *image_alt;   /* DOC_IMAGE -> DOC_CAPTION holding its alt inlines */
    GPtrArray *note_defs;    /* DOC_FOOTNOTE_DEF in cmark's order (= note number) */
    GPtrArray *note_refs;    /* DOC_FOOTNOTE_REF in document order */
    GPtrArray *inline_hosts; /* blocks that hold inlines, for post-processing */
    GPtrArray *images;
    GPtrArray *tables;
    bool ok;
} md_ctx;

/* True for a fence line ":::" (3+ colons), with what follows in *rest. */
static bool div_fence(const char *line, size_t n, const char **rest, size_t *rest_len)
{
    size_t i = 0;
    while (i < n && i < 3 && line[i] == ' ')
        i++;
    size_t colons = 0;
    while (i < n && line[i] == ':') {
        i++;
        colons++;
    }
    if (colons < 3)
        return false;
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
        i++;
    size_t e = n;
    while (e > i && (line[e - 1] == ' ' || line[e - 1] == '\t' || line[e - 1] == '\r'))
        e--;
    while (e > i && line[e - 1] == ':') /* closing colons after attributes */
        e--;
    while (e > i && line[e - 1] == ' ')
        e--;
    *rest = line + i;
    *rest_len = e - i;
    return true;
}

/* Is this line a code fence (``` or ~~~ after at most 3 spaces)? */
static int code_fence(const char *line, size_t n, char *fc)
{
    size_t i = 0;
    while (i < n && i < 3 && line[i] == ' ')
        i++;
    if (i >= n || (line[i] != '`' && line[i] != '~'))
        return 0;
    char c = line[i];
    int count = 0;
    while (i < n && line[i] == c) {
        i++;
        count++;
    }
    *fc = c;
    return count >= 3 ? count : 0;
}

/* Rewrites fenced-div fences as marker comments, line for line. */
static char *mark_divs(md_ctx *c, const char *text, size_t len, size_t *out_len)
{
    GString *out = g_string_sized_new(len + 64);
    const char *p = text, *end = text + len;
    unsigned line = c->first_line;
    int fence = 0;
    char fence_char = 0;
    int depth = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *rest;
        size_t rest_len;
        char fc;
        int f = code_fence(p, n, &fc);
        if (fence) {
            if (f >= fence && fc == fence_char)
                fence = 0;
            g_string_append_len(out, p, (gssize)n);
        } else if (f) {
            fence = f;
            fence_char = fc;
            g_string_append_len(out, p, (gssize)n);
        } else if (div_fence(p, n, &rest, &rest_len)) {
            if (rest_len == 0 && depth > 0) {
                g_string_append(out, DIV_CLOSE);
                depth--;
            } else if (rest_len > 0) {
                doc_attr *at = NULL;
                if (rest[0] == '{') {
                    at = parse_attr(c->d->arena, rest, rest_len);
                } else { /* ::: classname */
                    char *braced = g_strdup_printf("{.%.*s}", (int)rest_len, rest);
                    at = parse_attr(c->d->arena, braced, strlen(braced));
                    g_free(braced);
                }
                if (!at) {
                    diag_error(c->d->path, line, 1, "invalid attributes on fenced div: %.*s",
                               (int)rest_len, rest);
                    c->ok = false;
                    at = ARENA_NEW(c->d->arena, doc_attr);
                }
                g_string_append_printf(out, DIV_OPEN "%u-->", c->div_attrs->len);
                g_ptr_array_add(c->div_attrs, at);
                g_ptr_array_add(c->div_lines, GUINT_TO_POINTER(line));
                depth++;
            } else {
                g_string_append_len(out, p, (gssize)n); /* a stray closing fence stays text */
            }
        } else {
            g_string_append_len(out, p, (gssize)n);
        }
        if (nl)
            g_string_append_c(out, '\n');
        p = nl ? nl + 1 : end;
        line++;
    }
    *out_len = out->len;
    return g_string_free(out, FALSE);
}

static doc_align align_of(uint8_t a)
{
    switch (a) {
    case 'l':
        return DOC_ALIGN_LEFT;
    case 'c':
        return DOC_ALIGN_CENTER;
    case 'r':
        return DOC_ALIGN_RIGHT;
    default:
        return DOC_ALIGN_NONE;
    }
}

/* Creates the doc node for a cmark node on ENTER; NULL for nodes folio drops. */
static doc_node *convert_node(md_ctx *c, cmark_node *cn, doc_node *parent_doc)
{
    doc *d = c->d;
    unsigned line = (unsigned)cmark_node_get_start_line(cn);
    unsigned col = (unsigned)cmark_node_get_start_column(cn);
    if (line == 0 && parent_doc) {
        line = parent_doc->span.line;
        col = parent_doc->span.col;
    } else {
        line += c->first_line - 1;
    }
    const char *type = cmark_node_get_type_string(cn);
    cmark_node_type t = cmark_node_get_type(cn);
    doc_node *n = NULL;
#define NEW(kind) (n = doc_node_new(d, (kind), d->path, line, col))
    switch (t) {
    case CMARK_NODE_PARAGRAPH:
        NEW(DOC_PARAGRAPH);
        g_ptr_array_add(c->inline_hosts, n);
        break;
    case CMARK_NODE_HEADING:
        NEW(DOC_HEADING)->u.heading.level = cmark_node_get_heading_level(cn);
        g_ptr_array_add(c->inline_hosts, n);
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        NEW(DOC_BLOCKQUOTE);
        break;
    case CMARK_NODE_LIST:
        NEW(DOC_LIST);
        n->u.list.ordered = cmark_node_get_list_type(cn) == CMARK_ORDERED_LIST;
        n->u.list.tight = cmark_node_get_list_tight(cn) != 0;
        n->u.list.start = cmark_node_get_list_start(cn);
        n->u.list.delim = cmark_node_get_list_delim(cn) == CMARK_PAREN_DELIM ? ')' : '.';
        break;
    case CMARK_NODE_ITEM:
        NEW(DOC_ITEM);
        if (strcmp(type, "tasklist") == 0)
            n->u.item.task = cmark_gfm_extensions_get_tasklist_item_checked(cn) ? 1 : 0;
        break;
    case CMARK_NODE_CODE_BLOCK:
        NEW(DOC_CODE_BLOCK)->text = arena_strdup(d->arena, cmark_node_get_literal(cn));
        {
            const char *info = cmark_node_get_fence_info(cn);
            n->u.code.info = info && *info ? arena_strdup(d->arena, info) : NULL;
        }
        break;
    case CMARK_NODE_HTML_BLOCK:
        NEW(DOC_HTML_BLOCK)->text = arena_strdup(d->arena, cmark_node_get_literal(cn));
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        NEW(DOC_THEMATIC_BREAK);
        break;
    case CMARK_NODE_FOOTNOTE_DEFINITION:
        /* cmark-gfm puts the definitions last, in order of first reference */
        NEW(DOC_FOOTNOTE_DEF);
        g_ptr_array_add(c->note_defs, n);
        n->u.note.number = c->note_defs->len;
        n->u.note.label = arena_printf(d->arena, "%u", n->u.note.number);
        break;
    case CMARK_NODE_TEXT:
        NEW(DOC_TEXT)->text = arena_strdup(d->arena, cmark_node_get_literal(cn));
        break;
    case CMARK_NODE_SOFTBREAK:
        NEW(DOC_SOFTBREAK);
        break;
    case CMARK_NODE_LINEBREAK:
        NEW(DOC_LINEBREAK);
        break;
    case CMARK_NODE_CODE:
        NEW(DOC_CODE)->text = arena_strdup(d->arena, cmark_node_get_literal(cn));
        break;
    case CMARK_NODE_HTML_INLINE:
        NEW(DOC_HTML_INLINE)->text = arena_strdup(d->arena, cmark_node_get_literal(cn));
        break;
    case CMARK_NODE_EMPH:
        NEW(DOC_EMPH);
        break;
    case CMARK_NODE_STRONG:
        NEW(DOC_STRONG);
        break;
    case CMARK_NODE_LINK:
        NEW(DOC_LINK);
        n->u.link.url = arena_strdup(d->arena, cmark_node_get_url(cn));
        n->u.link.title = arena_strdup(d->arena, cmark_node_get_title(cn));
        break;
    case CMARK_NODE_IMAGE:
        NEW(DOC_IMAGE);
        n->u.link.url = arena_strdup(d->arena, cmark_node_get_url(cn));
        n->u.link.title = arena_strdup(d->arena, cmark_node_get_title(cn));
        g_ptr_array_add(c->images, n);
        break;
    case CMARK_NODE_FOOTNOTE_REFERENCE:
        /* cmark-gfm gives a reference its note's number as its literal */
        NEW(DOC_FOOTNOTE_REF)->u.noteref.label = arena_strdup(d->arena, cmark_node_get_literal(cn));
        g_ptr_array_add(c->note_refs, n);
        break;
    default:
        if (strcmp(type, "table") == 0) {
            NEW(DOC_TABLE);
            size_t cols = cmark_gfm_extensions_get_table_columns(cn);
            uint8_t *al = cmark_gfm_extensions_get_table_alignments(cn);
            n->u.table.n_cols = cols;
            n->u.table.align = ARENA_ARRAY(d->arena, doc_align, cols ? cols : 1);
            for (size_t i = 0; i < cols; i++)
                n->u.table.align[i] = al ? align_of(al[i]) : DOC_ALIGN_NONE;
            g_ptr_array_add(c->tables, n);
        } else if (strcmp(type, "table_row") == 0 || strcmp(type, "table_header") == 0) {
            NEW(DOC_TABLE_ROW)->u.row.header = cmark_gfm_extensions_get_table_row_is_header(cn);
        } else if (strcmp(type, "table_cell") == 0) {
            NEW(DOC_TABLE_CELL);
            g_ptr_array_add(c->inline_hosts, n);
        } else if (strcmp(type, "strikethrough") == 0) {
            NEW(DOC_STRIKE);
        }
        break;
    }
#undef NEW
    return n;
}

/* Walks the cmark tree into parent, iteratively, refusing absurd depth. On
 * EXIT, `resume` gives back the parent that was current at the node's ENTER,
 * whether or not cmark treats the node as a leaf. */
static void convert_tree(md_ctx *c, cmark_node *croot, doc_node *parent)
{
    cmark_iter *it = cmark_iter_new(croot);
    cmark_event_type ev;
    doc_node *cur = parent;
    unsigned depth = 0;
    GHashTable *resume = g_hash_table_new(NULL, NULL); /* cmark node -> doc parent to restore */
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cn = cmark_iter_get_node(it);
        if (cn == croot)
            continue;
        if (ev == CMARK_EVENT_EXIT) {
            doc_node *back = g_hash_table_lookup(resume, cn);
            if (!back)
                continue;
            depth--;
            if (cur->kind == DOC_CAPTION && cur->parent == NULL) { /* an image's alt text */
                doc_node *img = g_hash_table_lookup(c->image_alt, cur);
                char *alt = doc_plain_text(cur);
                img->text = arena_strdup(c->d->arena, alt);
                if (!*g_strstrip(alt))
                    diag_warning(c->d->path, img->span.line, img->span.col,
                                 "image '%s' has no alt text; describe it between the brackets "
                                 "for readers who cannot see it",
                                 img->u.link.url);
                g_free(alt);
            }
            cur = back;
            continue;
        }
        doc_node *n = convert_node(c, cn, cur);
        if (!n)
            continue;
        if (n->kind != DOC_FOOTNOTE_DEF)
            doc_append(cur, n); /* definitions stay in note_defs, outside the main tree */
        if (!doc_kind_is_container(n->kind) && n->kind != DOC_IMAGE)
            continue;
        g_hash_table_insert(resume, cn, cur);
        if (++depth > PARSE_MAX_DEPTH && c->ok) {
            diag_error(c->d->path, n->span.line, n->span.col,
                       "content nested more than %d levels deep", PARSE_MAX_DEPTH);
            c->ok = false;
        }
        if (n->kind == DOC_IMAGE) {
            doc_node *alt =
                doc_node_new(c->d, DOC_CAPTION, n->span.file, n->span.line, n->span.col);
            g_hash_table_insert(c->image_alt, alt, n);
            g_hash_table_insert(c->image_alt, n, alt);
            cur = alt;
        } else {
            cur = n;
        }
    }
    g_hash_table_destroy(resume);
    cmark_iter_free(it);
}

/* Merges runs of adjacent TEXT nodes (cmark splits at brackets and such). */
static void merge_texts(doc *d, doc_node *host)
{
    doc_iter it = doc_iter_start(host);
    doc_event ev;
    while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE) {
        if (ev != DOC_EVENT_ENTER)
            continue;
        doc_node *n = it.node;
        if (n->kind != DOC_TEXT)
            continue;
        if (n->next && n->next->kind == DOC_TEXT) {
            GString *s = g_string_new(n->text);
            while (n->next && n->next->kind == DOC_TEXT) {
                g_string_append(s, n->next->text);
                doc_unlink(n->next);
            }
            n->text = arena_strdup(d->arena, s->str);
            g_string_free(s, TRUE);
        }
    }
}

/* Strips a trailing {#id .class} from the last text of a heading or caption. */
static void take_trailing_attr(doc *d, doc_node *host, bool report)
{
    doc_node *last = host->last;
    while (last && last->kind == DOC_SOFTBREAK)
        last = last->prev;
    if (!last || last->kind != DOC_TEXT)
        return;
    long at = parse_attr_trailing(last->text);
    if (at < 0)
        return;
    size_t n = strlen(last->text);
    while (n > 0 && g_ascii_isspace(last->text[n - 1]))
        n--;
    doc_attr *attr = parse_attr(d->arena, last->text + at, n - (size_t)at);
    if (!attr) {
        if (report)
            diag_warning(d->path, host->span.line, host->span.col,
                         "'%s' is not a valid attribute block; kept as text", last->text + at);
        return;
    }
    host->attr = attr;
    size_t keep = (size_t)at;
    while (keep > 0 && g_ascii_isspace(last->text[keep - 1]))
        keep--;
    if (keep == 0)
        doc_unlink(last);
    else
        last->text = arena_strndup(d->arena, last->text, keep);
}

/* An image's {width=50%} block follows it as text. */
static void take_image_attr(doc *d, doc_node *img)
{
    doc_node *t = img->next;
    if (!t || t->kind != DOC_TEXT || t->text[0] != '{')
        return;
    const char *close = strchr(t->text, '}');
    if (!close)
        return;
    doc_attr *attr = parse_attr(d->arena, t->text, (size_t)(close - t->text + 1));
    if (!attr)
        return;
    img->attr = attr;
    if (close[1])
        t->text = arena_strdup(d->arena, close + 1);
    else
        doc_unlink(t);
}

/* Checks that an image exists and is an image; resolves its path. */
static void check_image(md_ctx *c, doc_node *img)
{
    doc *d = c->d;
    const char *url = img->u.link.url ? img->u.link.url : "";
    if (g_str_has_prefix(url, "http://") || g_str_has_prefix(url, "https://")) {
        diag_error(d->path, img->span.line, img->span.col,
                   "image '%s' is remote; folio needs images as local files", url);
        c->ok = false;
        return;
    }
    char *path = g_path_is_absolute(url) ? g_strdup(url) : g_build_filename(d->dir, url, NULL);
    img->u.link.path = arena_strdup(d->arena, path);
    char head[512];
    size_t got = 0;
    FILE *fp = fopen(path, "rb");
    if (fp) {
        got = fread(head, 1, sizeof head - 1, fp);
        fclose(fp);
    }
    if (!fp) {
        diag_error(d->path, img->span.line, img->span.col, "image '%s' not found", url);
        c->ok = false;
    } else {
        head[got] = '\0';
        bool png = got >= 8 && memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0;
        bool jpeg = got >= 3 && memcmp(head, "\xff\xd8\xff", 3) == 0;
        bool gif = got >= 6 && (memcmp(head, "GIF87a", 6) == 0 || memcmp(head, "GIF89a", 6) == 0);
        bool webp = got >= 12 && memcmp(head, "RIFF", 4) == 0 && memcmp(head + 8, "WEBP", 4) == 0;
        bool svg = memchr(head, '\0', got) == NULL && strstr(head, "<svg") != NULL;
        if (!png && !jpeg && !gif && !webp && !svg) {
            diag_error(d->path, img->span.line, img->span.col,
                       "'%s' is not an image (PNG, JPEG, GIF, WebP or SVG)", url);
            c->ok = false;
        } else if (!parse_image_limits(d, img, path, svg && !png && !jpeg && !gif && !webp)) {
            c->ok = false;
        }
        deps_record(path);
    }
    g_free(path);
}

/* A paragraph holding only an image becomes a figure captioned by the alt text. */
static void make_figure(md_ctx *c, doc_node *para)
{
    doc_node *img = para->first;
    if (!img || img->kind != DOC_IMAGE || img->next)
        return;
    doc_node *fig =
        doc_node_new(c->d, DOC_FIGURE, para->span.file, para->span.line, para->span.col);
    doc_insert_before(para, fig);
    doc_unlink(para);
    doc_unlink(img);
    doc_append(fig, img);
    fig->attr = img->attr;
    doc_node *cap = g_hash_table_lookup(c->image_alt, img);
    if (cap && cap->first) {
        doc_append(fig, cap);
        g_ptr_array_add(c->inline_hosts, cap);
    }
}

/* "Table: caption {#tbl:x}" (or ": caption") next to a table becomes its caption. */
static void take_table_caption(md_ctx *c, doc_node *table)
{
    doc_node *cands[2] = {table->next, table->prev};
    for (int i = 0; i < 2; i++) {
        doc_node *p = cands[i];
        if (!p || p->kind != DOC_PARAGRAPH || !p->first || p->first->kind != DOC_TEXT)
            continue;
        const char *t = p->first->text;
        size_t skip = g_str_has_prefix(t, "Table:") ? 6 : (t[0] == ':' && t[1] == ' ') ? 1 : 0;
        if (!skip)
            continue;
        while (t[skip] == ' ')
            skip++;
        if (t[skip])
            p->first->text = arena_strdup(c->d->arena, t + skip);
        else
            doc_unlink(p->first);
        doc_unlink(p);
        p->kind = DOC_CAPTION;
        take_trailing_attr(c->d, p, true);
        table->attr = p->attr;
        p->attr = NULL;
        p->parent = table;
        p->next = table->first;
        p->prev = NULL;
        if (table->first)
            table->first->prev = p;
        else
            table->last = p;
        table->first = p;
        return;
    }
}

/* How many containers hold n. */
static unsigned node_depth(const doc_node *n)
{
    unsigned depth = 0;
    for (; n->parent; n = n->parent)
        depth++;
    return depth;
}

/* Moves the blocks between div markers into DOC_DIV nodes, for every
 * container; more than PARSE_MAX_DEPTH levels is an error. */
static void build_divs(md_ctx *c, doc_node *root)
{
    GPtrArray *containers = g_ptr_array_new();
    doc_iter it = doc_iter_start(root);
    doc_event ev;
    while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE) {
        if (ev == DOC_EVENT_ENTER && doc_kind_is_container(it.node->kind) &&
            doc_kind_is_block(it.node->kind))
            g_ptr_array_add(containers, it.node);
    }
    GPtrArray *stack = g_ptr_array_new();
    for (guint i = 0; i < containers->len; i++) {
        doc_node *parent = containers->pdata[i];
        g_ptr_array_set_size(stack, 0);
        doc_node *n = parent->first;
        while (n) {
            doc_node *next = n->next;
            const char *h = n->kind == DOC_HTML_BLOCK ? n->text : NULL;
            if (h && g_str_has_prefix(h, DIV_OPEN) &&
                stack->len + node_depth(parent) >= PARSE_MAX_DEPTH) {
                diag_error(c->d->path, n->span.line, n->span.col,
                           "content nested more than %d levels deep (fenced divs)",
                           PARSE_MAX_DEPTH);
                c->ok = false;
                goto done;
            }
            if (h && g_str_has_prefix(h, DIV_OPEN)) {
                unsigned idx = (unsigned)strtoul(h + strlen(DIV_OPEN), NULL, 10);
                doc_node *div =
                    doc_node_new(c->d, DOC_DIV, n->span.file, n->span.line, n->span.col);
                div->attr = idx < c->div_attrs->len ? c->div_attrs->pdata[idx] : NULL;
                doc_insert_before(n, div);
                doc_unlink(n);
                if (stack->len) {
                    doc_unlink(div);
                    doc_append(g_ptr_array_index(stack, stack->len - 1), div);
                }
                g_ptr_array_add(stack, div);
            } else if (h && g_str_has_prefix(h, DIV_CLOSE)) {
                doc_unlink(n);
                if (stack->len)
                    g_ptr_array_set_size(stack, stack->len - 1);
            } else if (stack->len) {
                doc_unlink(n);
                doc_append(g_ptr_array_index(stack, stack->len - 1), n);
            }
            n = next;
        }
        for (guint k = 0; k < stack->len; k++) {
            doc_node *div = stack->pdata[k];
            diag_warning(c->d->path, div->span.line, div->span.col,
                         "fenced div is never closed with ':::'; it runs to the end of its block");
        }
    }
done:
    g_ptr_array_free(stack, TRUE);
    g_ptr_array_free(containers, TRUE);
}

/* Links references to their definitions and lists the notes by number. */
static void number_notes(md_ctx *c)
{
    doc *d = c->d;
    for (guint i = 0; i < c->note_refs->len; i++) {
        doc_node *ref = c->note_refs->pdata[i];
        unsigned num = ref->u.noteref.label ? (unsigned)strtoul(ref->u.noteref.label, NULL, 10) : 0;
        if (num == 0 || num > c->note_defs->len) {
            ref->kind = DOC_TEXT;
            ref->text = "";
            continue;
        }
        doc_node *def = c->note_defs->pdata[num - 1];
        ref->u.noteref.number = d->n_notes + num;
        ref->u.noteref.def = def;
        if (!def->u.note.first_ref)
            def->u.note.first_ref = ref;
    }
    size_t old = d->n_notes;
    d->notes = g_renew(doc_node *, d->notes, old + c->note_defs->len);
    for (guint i = 0; i < c->note_defs->len; i++) {
        doc_node *def = c->note_defs->pdata[i];
        def->u.note.number += (unsigned)old;
        d->notes[old + i] = def;
    }
    d->n_notes = old + c->note_defs->len;
}

bool parse_markdown(doc *d, doc_node *parent, const char *text, size_t len, unsigned first_line)
{
    cmark_gfm_core_extensions_ensure_registered();
    md_ctx c = {0};
    c.d = d;
    c.first_line = first_line;
    c.ok = true;
    c.div_attrs = g_ptr_array_new();
    c.div_lines = g_ptr_array_new();
    c.image_alt = g_hash_table_new(NULL, NULL);
    c.note_defs = g_ptr_array_new();
    c.note_refs = g_ptr_array_new();
    c.inline_hosts = g_ptr_array_new();
    c.images = g_ptr_array_new();
    c.tables = g_ptr_array_new();

    size_t mlen;
    char *marked = mark_divs(&c, text, len, &mlen);
    int opts = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE;
    cmark_parser *parser = cmark_parser_new(opts);
    static const char *const exts[] = {"table", "strikethrough", "autolink", "tasklist"};
    for (size_t i = 0; i < G_N_ELEMENTS(exts); i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
        if (e)
            cmark_parser_attach_syntax_extension(parser, e);
    }
    cmark_parser_feed(parser, marked, mlen);
    cmark_node *croot = cmark_parser_finish(parser);
    g_free(marked);

    convert_tree(&c, croot, parent);
    cmark_node_free(croot);
    cmark_parser_free(parser);

    for (guint i = 0; i < c.inline_hosts->len; i++)
        merge_texts(d, c.inline_hosts->pdata[i]);
    for (guint i = 0; i < c.images->len; i++) {
        take_image_attr(d, c.images->pdata[i]);
        check_image(&c, c.images->pdata[i]);
    }
    for (guint i = 0; i < c.inline_hosts->len; i++) {
        doc_node *h = c.inline_hosts->pdata[i];
        if (h->kind == DOC_HEADING)
            take_trailing_attr(d, h, true);
        else if (h->kind == DOC_PARAGRAPH && h->parent)
            make_figure(&c, h);
    }
    for (guint i = 0; i < c.tables->len; i++)
        take_table_caption(&c, c.tables->pdata[i]);
    build_divs(&c, parent);
    for (guint i = 0; i < c.note_defs->len; i++)
        build_divs(&c, c.note_defs->pdata[i]);
    for (guint i = 0; i < c.inline_hosts->len; i++)
        parse_citations(d, c.inline_hosts->pdata[i]);
    number_notes(&c);

    g_ptr_array_free(c.div_attrs, TRUE);
    g_ptr_array_free(c.div_lines, TRUE);
    g_hash_table_destroy(c.image_alt);
    g_ptr_array_free(c.note_defs, TRUE);
    g_ptr_array_free(c.note_refs, TRUE);
    g_ptr_array_free(c.inline_hosts, TRUE);
    g_ptr_array_free(c.images, TRUE);
    g_ptr_array_free(c.tables, TRUE);
    return c.ok;
}
