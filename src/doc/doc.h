/* doc.h: folio's document model, written once by parse and read-only after.
 *
 * A document is a tree of nodes (blocks, then inlines inside them) plus the
 * metadata from the front matter. Nodes live in the document's arena and carry
 * a dense id (index into doc->nodes), a source span, tree links and a payload
 * per kind. Back ends walk the tree with doc_iter (ENTER/EXIT events, no
 * recursion) and switch on node->kind. cmark's nodes never appear here. */
#ifndef FOLIO_DOC_H
#define FOLIO_DOC_H

#include "../base/base.h"

typedef enum {
    /* blocks */
    DOC_DOCUMENT,
    DOC_PARAGRAPH,
    DOC_HEADING, /* u.heading; attr may carry {#id .class} */
    DOC_BLOCKQUOTE,
    DOC_LIST,       /* u.list; children are DOC_ITEM */
    DOC_ITEM,       /* u.item */
    DOC_CODE_BLOCK, /* text = literal (ends with '\n'), u.code.info */
    DOC_HTML_BLOCK, /* text = raw HTML (kept, not rendered by default) */
    DOC_THEMATIC_BREAK,
    DOC_TABLE,        /* u.table; children: optional DOC_CAPTION first, then DOC_TABLE_ROW */
    DOC_TABLE_ROW,    /* u.row.header */
    DOC_TABLE_CELL,   /* inlines; alignment from parent table's u.table.align[column] */
    DOC_FIGURE,       /* an image alone in its paragraph: children DOC_IMAGE, DOC_CAPTION */
    DOC_CAPTION,      /* inlines */
    DOC_DIV,          /* pandoc fenced div ::: {#id .class}; children blocks */
    DOC_FOOTNOTE_DEF, /* u.note; blocks; lives in doc->notes, not in the main tree */
    /* inlines */
    DOC_TEXT, /* text */
    DOC_SOFTBREAK,
    DOC_LINEBREAK,
    DOC_CODE,        /* text */
    DOC_HTML_INLINE, /* text */
    DOC_EMPH,
    DOC_STRONG,
    DOC_STRIKE,
    DOC_LINK,         /* u.link; children are the link text */
    DOC_IMAGE,        /* u.link (url = source path relative to the manuscript, resolved in
                         u.link.path); text = plain alt text; no children */
    DOC_FOOTNOTE_REF, /* u.noteref */
    DOC_CITE,         /* u.cite: a pandoc citation [@a, p. 4; @b] or @a */
    DOC_XREF,         /* u.xref: @fig:x, @tbl:x, @sec:x, @page:x; resolved later */
    DOC_SPAN,         /* inline container with attributes (resolved citations, [text]{.x}) */
    DOC_SMALLCAPS,
    DOC_SUPERSCRIPT,
    DOC_SUBSCRIPT,
    DOC_KIND_COUNT
} doc_kind;

typedef enum { DOC_ALIGN_NONE, DOC_ALIGN_LEFT, DOC_ALIGN_CENTER, DOC_ALIGN_RIGHT } doc_align;

/* A source position, 1-based. */
typedef struct {
    const char *file;
    unsigned line, col;
} doc_span;

/* pandoc attributes {#id .class key=value}; NULL on nodes that have none. */
typedef struct {
    const char *id; /* NULL when absent */
    const char **classes;
    size_t n_classes;
    const char **keys, **values;
    size_t n_pairs;
} doc_attr;

/* A point in the text: a node (normally a DOC_TEXT) and a byte offset into
 * its text. Node 0, the document, stands for the very start (the title). */
typedef struct {
    unsigned node;
    unsigned offset;
} doc_pos;
/* page_starts entry {0, DOC_POS_GENERATED}: the page begins inside generated
 * front matter (the contents, the lists of figures and tables), not in text
 * of the source. */
#define DOC_POS_GENERATED 0xFFFFFFFFu

/* One cited work inside a citation. */
typedef struct {
    const char *key;
    const char *prefix;   /* text before @key in the bracket ("see "), may be NULL */
    const char *locator;  /* "12", "3-5" ... NULL when absent */
    const char *label;    /* CSL locator term: "page", "chapter", "section" ... */
    const char *suffix;   /* text after the locator, may be NULL */
    bool suppress_author; /* [-@key] */
} doc_cite_item;

typedef struct doc_node doc_node;
struct doc_node {
    doc_kind kind;
    unsigned id;
    doc_span span;
    doc_node *parent, *first, *last, *prev, *next;
    const char *text; /* TEXT, CODE, CODE_BLOCK, HTML_*, IMAGE alt */
    const doc_attr *attr;
    union {
        struct {
            int level;
        } heading; /* 1..6 */
        struct {
            bool ordered, tight;
            int start;
            char delim;
        } list; /* delim '.' or ')' */
        struct {
            int task;
        } item; /* -1 not a task, 0 open, 1 done */
        struct {
            const char *info;
        } code; /* fence info string or NULL */
        struct {
            size_t n_cols;
            doc_align *align;
        } table;
        struct {
            bool header;
        } row;
        struct {
            const char *url, *title, *path;
        } link; /* IMAGE: path = file on disk */
        struct {
            unsigned number;
            const char *label;
            doc_node *def;
        } noteref;
        struct {
            unsigned number;
            const char *label;
            doc_node *first_ref;
        } note;
        struct {
            doc_cite_item *items;
            size_t n_items;
            bool author_in_text;
            const char *source;
        } cite;
        struct {
            const char *kind;
            const char *target;
            bool capital;
            const char *source;
            unsigned page; /* @page:x after res_pages: the print page, 0 if unknown */
        } xref;
    } u;
};

/* An author from the front matter. */
typedef struct {
    const char *name;
    const char *affiliation; /* may be NULL */
} doc_author;

/* A front-matter field folio does not interpret: kept as given (scalars as
 * text, sequences and mappings as flow-style YAML text). */
typedef struct {
    const char *key;
    const char *value;
} doc_extra;

/* The front matter, with pandoc's field names. Every string may be NULL. */
typedef struct {
    const char *title, *subtitle, *date, *lang, *series, *number, *identifier, *rights, *publisher,
        *csl, *abstract_source;
    doc_node *abstract; /* DOC_DOCUMENT holding the parsed abstract blocks, or NULL */
    doc_author *authors;
    size_t n_authors;
    const char **keywords;
    size_t n_keywords;
    const char **categories;
    size_t n_categories;
    const char **bibliography; /* paths as written, resolved relative to the manuscript */
    size_t n_bibliography;
    doc_extra *extra;
    size_t n_extra;
    const char *references_json; /* `references:` items as CSL-JSON text, or NULL */
    doc_span references_span;
    doc_span title_span;
    doc_span bibliography_span; /* the bibliography: value, for "cannot read" errors */
    doc_span csl_span;          /* the csl: value, likewise */
} doc_meta;

typedef struct {
    arena *arena;
    const char *path; /* the manuscript file as given */
    const char *dir;  /* its directory, for relative paths */
    const char *name; /* file name without directory and .md: the output base name */
    doc_meta meta;
    doc_node *root;   /* DOC_DOCUMENT */
    GPtrArray *nodes; /* every node by id */
    doc_node **notes; /* footnote definitions in number order (1-based numbers) */
    size_t n_notes;
    /* Side tables the resolve stage fills, indexed by node id (NULL before). */
    const char **number_of; /* "3", "4.1": a numbered heading, figure, table or box */
    size_t n_number_of;     /* entries of number_of (nodes made later have none) */
    GHashTable *labels;     /* label (attr id) -> doc_node *, every labelled node */
    /* The print page map, from the PDF layout: where each page begins
     * (page_starts[0] is page 1), so the EPUB can mark the same pages. */
    doc_pos *page_starts;
    size_t n_pages;
    /* The number of the document's first printed page: 0 or 1 for page 1;
     * later in a pack, where the publications' pages run on. */
    unsigned first_page;
    /* The page each labelled node and heading starts on (node id -> page, 0:
     * none), from the previous layout, for the contents; NULL before one. */
    unsigned *page_of;
} doc;

doc *doc_new(const char *path);
void doc_free(doc *d);
/* Creates a node owned by d with the next id; not yet linked. */
doc_node *doc_node_new(doc *d, doc_kind kind, const char *file, unsigned line, unsigned col);
void doc_append(doc_node *parent, doc_node *child);
void doc_unlink(doc_node *n);
void doc_insert_before(doc_node *sibling, doc_node *n);
const char *doc_kind_name(doc_kind kind);
bool doc_kind_is_block(doc_kind kind);
/* True for node kinds that can have children. */
bool doc_kind_is_container(doc_kind kind);
/* The value of key=value in n's attributes, or NULL. */
const char *doc_attr_lookup(const doc_node *n, const char *key);
bool doc_attr_has_class(const doc_node *n, const char *cls);

/* A front-matter field folio keeps as extra text (toc, lof, nocite ...), or NULL. */
const char *doc_meta_extra(const doc *d, const char *key);
/* True when that field is true, yes or 1. */
bool doc_meta_flag(const doc *d, const char *key);
/* The heading levels listed in the contents: the front matter's toc-depth,
 * else fallback (the style's), within 1..6. */
int doc_toc_depth(const doc *d, int fallback);
/* The caption of a numbered figure or table of the given kind, or NULL: the
 * entries of the lists of figures and tables, in the PDF and in the EPUB. */
const doc_node *doc_numbered_caption(const doc *d, const doc_node *n, doc_kind kind);

/* The number resolve gave n ("2", "3.1"), or NULL. */
const char *doc_number(const doc *d, const doc_node *n);

/* The plain text of n's inline content (for outlines, alt text, titles).
 * Caller frees with g_free. */
char *doc_plain_text(const doc_node *n);

/* ENTER/EXIT iteration without recursion, in the manner of cmark's iterator:
 *   doc_iter it = doc_iter_start(root); doc_event ev;
 *   while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE) { doc_node *n = it.node; ... }
 * Leaf nodes (text, code, breaks, images, refs, cites, xrefs, thematic breaks,
 * code and HTML blocks) give only ENTER. doc_iter_skip() after an ENTER moves
 * past that node's children (the next event is its EXIT). */
typedef enum { DOC_EVENT_DONE, DOC_EVENT_ENTER, DOC_EVENT_EXIT } doc_event;
typedef struct {
    doc_node *root, *node;
    doc_event event;
} doc_iter;
doc_iter doc_iter_start(doc_node *root);
doc_event doc_iter_next(doc_iter *it);
void doc_iter_skip(doc_iter *it);

/* Writes a stable text dump of the document (--dump=doc), for golden tests. */
void doc_dump(const doc *d, FILE *out);

#endif
