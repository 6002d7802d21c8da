/* csl.h: folio's CSL 1.0.2 citation processor, as the driver sees it.
 *
 *   csl_style *st = csl_style_load("apa", NULL, NULL, span);     style + locale, compiled once
 *   csl_proc *p = csl_proc_new(st, bib);                          one per document
 *   csl_proc_add_citation(p, items, n, note_number);              each citation, in document order
 *   csl_proc_run(p);                                              positions, disambiguation,
 * sorting csl_proc_citation(p, i), csl_proc_bib_entry(p, i, &id)        rendered rich text
 * (borrowed) csl_rich_html(r) / csl_rich_to_doc(r, d, parent)              the two renderers
 *   csl_proc_free(p); csl_style_free(st);
 *
 * Rich text is a small tree of its own (text, italic, bold, small caps,
 * superscript, subscript, quotes, links, display blocks); it lives in the
 * processor and is freed with it. Everything CSL-internal is in csl_int.h. */
#ifndef FOLIO_CSL_H
#define FOLIO_CSL_H

#include "../base/base.h"
#include "../doc/doc.h"
#include "item.h"

typedef struct csl_style csl_style;
typedef struct csl_proc csl_proc;
typedef struct csl_rich csl_rich;

/* ---- styles and locales ------------------------------------------------------ */

/* Loads a style: NAME_OR_PATH is a file path (anything with a '/' or ending
 * in .csl) or a style name looked up as /usr/share/citation-style-language/
 * styles/NAME.csl. A dependent style is replaced by its independent parent;
 * its default-locale still applies. LANG forces the locale (NULL: the
 * style's default-locale, else en-US). LOCALES_DIR holds locales-xx-XX.xml
 * (and optionally locales.json); NULL means the system directory. Errors are
 * reported as file:line:col (at SPAN when the file cannot be read). Returns
 * NULL after an error; the caller frees the style with csl_style_free. */
csl_style *csl_style_load(const char *name_or_path, const char *lang, const char *locales_dir,
                          doc_span span);
/* The same from XML text in memory; PATH names it in diagnostics. */
csl_style *csl_style_load_data(const char *path, const char *xml, size_t len, const char *lang,
                               const char *locales_dir);
void csl_style_free(csl_style *st);
bool csl_style_is_note(const csl_style *st);
bool csl_style_has_bibliography(const csl_style *st);
/* Bibliography layout options (CSL 1.0.2 "Whitespace"). */
typedef struct {
    bool hanging_indent;
    int second_field_align; /* 0 none, 1 flush, 2 margin */
    int line_spacing;       /* >= 1 */
    int entry_spacing;      /* >= 0 */
} csl_bib_format;
csl_bib_format csl_style_bib_format(const csl_style *st);

/* ---- processing ---------------------------------------------------------------- */

/* One cited work inside a citation. Strings are copied. */
typedef struct {
    const char *id;
    const char *locator, *label; /* label: a CSL locator term ("page", "chapter"...); NULL: page */
    const char *prefix, *suffix;
    bool suppress_author; /* [-@key]: the author names are left out */
    bool author_only;     /* only the author names */
    doc_span span;        /* where the cite is, for "no entry for 'x'" (file may be NULL) */
} csl_cite;

/* Processor options. */
typedef struct {
    bool link_urls; /* turn URL/DOI/PMID/PMCID in the bibliography into links (CSL Appendix VI) */
} csl_options;

/* A processor for one document over BIB (borrowed: it must outlive the
 * processor). Caller frees with csl_proc_free. */
csl_proc *csl_proc_new(const csl_style *st, const csl_bib *bib, const csl_options *opts);
void csl_proc_free(csl_proc *p);
/* Registers the next citation in document order; NOTE is its footnote number
 * for note styles (0 when the citation is not in a note). AUTHOR_IN_TEXT
 * renders pandoc's "@key" form: author names, then the rest of the citation
 * (for note styles the driver puts that rest in a footnote). Returns the
 * citation's index. Unknown ids are reported by csl_proc_run (a warning at
 * the cite's span) and render as a bold "id?". */
size_t csl_proc_add_citation(csl_proc *p, const csl_cite *cites, size_t n, unsigned note,
                             bool author_in_text);
/* Items that belong in the bibliography without being cited ("nocite"). */
void csl_proc_add_uncited(csl_proc *p, const char *id);
/* Computes positions, citation numbers, disambiguation, sorting, collapsing
 * and the bibliography. Call once, after every citation is added; later
 * calls do nothing. Returns true (problems are warnings). */
bool csl_proc_run(csl_proc *p);
size_t csl_proc_citation_count(const csl_proc *p);
/* The rendered citation (borrowed from p; never NULL, possibly empty). For
 * note styles the text is what goes into the footnote. */
const csl_rich *csl_proc_citation(const csl_proc *p, size_t i);
/* For an author-in-text citation: the author part (returned) and the rest
 * (*rest, NULL when empty), e.g. to put the rest in a footnote for note
 * styles. NULL for other citations. Both borrowed from p. */
const csl_rich *csl_proc_citation_author(const csl_proc *p, size_t i, const csl_rich **rest);
size_t csl_proc_bib_count(const csl_proc *p);
/* The i-th bibliography entry (borrowed); *id receives the item id. */
const csl_rich *csl_proc_bib_entry(const csl_proc *p, size_t i, const char **id);

/* ---- rich text ------------------------------------------------------------------- */

typedef enum {
    CSL_RICH_SEQ,  /* plain container */
    CSL_RICH_TEXT, /* text */
    CSL_RICH_ITALIC,
    CSL_RICH_ROMAN, /* font-style: normal inside italics */
    CSL_RICH_BOLD,
    CSL_RICH_NORMAL_WEIGHT,
    CSL_RICH_SMALL_CAPS,
    CSL_RICH_NORMAL_VARIANT,
    CSL_RICH_UNDERLINE,
    CSL_RICH_NO_DECORATION,
    CSL_RICH_SUP,
    CSL_RICH_SUB,
    CSL_RICH_BASELINE,
    CSL_RICH_QUOTE,   /* text = opening mark, extra = closing mark */
    CSL_RICH_NOCASE,  /* internal: protects from text-case; renders as its content */
    CSL_RICH_LINK,    /* extra = URL */
    CSL_RICH_DISPLAY, /* extra = "block", "left-margin", "right-inline", "indent" */
} csl_rich_kind;

struct csl_rich {
    csl_rich_kind kind;
    char *text;  /* TEXT: the text; QUOTE: opening mark */
    char *extra; /* QUOTE: closing mark; LINK: URL; DISPLAY: class */
    csl_rich *first, *last, *next;
    unsigned flags; /* processor-internal */
};

/* citeproc-js's "html" output format; caller frees with g_free. */
char *csl_rich_html(const csl_rich *r);
/* The plain text; caller frees with g_free. */
char *csl_rich_plain(const csl_rich *r);
/* Appends r as inline nodes (TEXT, EMPH, STRONG, LINK, ...) to parent;
 * SPAN gives the source position for the new nodes. */
void csl_rich_to_doc(const csl_rich *r, doc *d, doc_node *parent, doc_span span);

/* ---- the fixture runner ---------------------------------------------------------- */

/* `folio cite --fixture FILE [--locales DIR]` runs one CSL test-suite fixture
 * and prints the result; `folio cite --fixtures DIR [--locales DIR]` runs
 * every fixture in DIR and prints "PASS name" / "FAIL name" lines and a
 * summary. Exit 0, 1 on errors (unreadable fixture), 2 on usage errors. */
int csl_fixture_command(int argc, char **argv);

#endif
