/* bib_tex.h: internals of the BibTeX/BibLaTeX reader, shared by its files and
 * not a public face (that is bib.h):
 *
 *   bib_tex.c          the .bib grammar: entries, @string, @preamble, @comment
 *   bib_tex_inherit.c  crossref and xdata inheritance (BibLaTeX rules)
 *   bib_tex_map.c      entry types and fields to CSL types and variables
 *   bib_tex_names.c    name lists ("First von Last", "von Last, Jr, First")
 *   bib_tex_date.c     BibLaTeX dates (ISO 8601-2 subset) and year/month fields
 *   latex.c            LaTeX to Unicode text with the CSL processor's markup
 *
 * Raw field values are LaTeX source after @string expansion, # concatenation
 * and whitespace collapsing; they are converted to text only when mapped. */
#ifndef FOLIO_BIB_TEX_H
#define FOLIO_BIB_TEX_H

#include "item.h"

/* ---- limits against hostile input ------------------------------------------ */

/* One field's value. The longest real fields are abstracts of a few KiB; the
 * cap stops @string doubling (a1 = a0 # a0, a2 = a1 # a1, ...) from growing a
 * value exponentially. */
#define BIB_MAX_FIELD_BYTES (256u * 1024u)
/* Brace nesting inside a value. Real entries nest 3 or 4 deep; the LaTeX
 * converter recurses once per level, so this also bounds its stack. */
#define BIB_MAX_BRACE_DEPTH 64
/* @string expansions in one file: a large real bibliography (20,000 entries
 * with a journal macro and a month each) uses well under a tenth of this;
 * beyond it the file is an expansion bomb, not a bibliography. */
#define BIB_MAX_EXPANSIONS 1000000u
/* Bytes produced by @string expansion in one file: as much again as the
 * largest input file, so expansion can at most double the memory a file
 * costs. */
#define BIB_MAX_EXPANDED_BYTES FILE_MAX_BYTES
/* Fields in one entry (after inheritance): BibLaTeX defines about 250
 * fields; more than this is not a bibliography entry, and the linear field
 * lookups stay cheap. */
#define BIB_MAX_FIELDS 1000
/* Length of a crossref/xdata chain (inbook -> book -> mvbook is 2). Bounds
 * the recursion that resolves inheritance. */
#define BIB_MAX_CROSSREF_DEPTH 32

/* ---- parsed entries ---------------------------------------------------------- */

typedef struct {
    const char *name;  /* lower case */
    const char *value; /* raw LaTeX, never empty */
    unsigned line, col;
} bibtex_field;

typedef struct {
    const char *type; /* lower case, without '@': "article", "xdata", ... */
    const char *key;
    unsigned line, col; /* of the '@' */
    bibtex_field *fields;
    size_t n_fields;
    int state; /* inheritance: 0 not resolved, 1 being resolved, 2 resolved */
} bibtex_entry;

/* One .bib file's entries, in file order. Everything lives in arena a. */
typedef struct {
    const char *path;
    arena *a;
    GPtrArray *entries; /* bibtex_entry * */
    GHashTable *by_key; /* key -> bibtex_entry * (the first of duplicates) */
} bibtex_file;

/* The field named NAME, or NULL (a linear search: entries are small). */
const bibtex_field *bibtex_field_lookup(const bibtex_entry *e, const char *name);

/* bib_tex_inherit.c: resolves crossref and xdata for every entry. Errors
 * (circular references, chains beyond BIB_MAX_CROSSREF_DEPTH) are reported
 * and make it return false; missing targets are warnings. */
bool bibtex_inherit(bibtex_file *f);

/* bib_tex_map.c: adds one entry to b as a CSL item (entries of type xdata
 * are not items and are skipped). */
void bibtex_map_entry(const bibtex_file *f, const bibtex_entry *e, csl_bib *b);
/* The CSL type for a BibTeX/BibLaTeX entry type and entrysubtype (may be
 * NULL); NULL for an unknown type. */
const char *bibtex_csl_type(const char *type, const char *entrysubtype);
/* The BibLaTeX type for an alias Biber resolves (conference -> inproceedings,
 * phdthesis -> thesis, techreport -> report, ...); other types unchanged. */
const char *bibtex_canonical_type(const char *type);

/* bib_tex_names.c: a name list ("A and B and others") as CSL names, in a.
 * "others" becomes a last name whose literal is "others" (et al.). USEPREFIX
 * is BibLaTeX's option: the "von" part is a non-dropping particle when true,
 * a dropping one otherwise. */
csl_names bibtex_names_parse(arena *a, const char *raw, bool useprefix);

/* bib_tex_date.c: a BibLaTeX date field ("2013-02/2013-05", "1988/..",
 * "1850~", "19XX"); false when it is not one. */
bool bibtex_date_parse(const char *s, csl_date *d);
/* A month field: 1..12, English names and their abbreviations, or seasons
 * (13..16). False when it is none of these. */
bool bibtex_month_parse(const char *s, int *month);

/* ---- latex.c ------------------------------------------------------------------ */

typedef enum {
    LATEX_PLAIN,   /* text only: names, keys, dates */
    LATEX_RICH,    /* text with <i>, <b>, <sc>, <sup>, <sub> */
    LATEX_TITLE,   /* as RICH, and protected {Braces} become <span class="nocase"> */
    LATEX_VERBATIM /* URLs, DOIs: braces dropped, \% \_ \# \& \~ \$ unescaped */
} latex_mode;

/* Converts LaTeX source to Unicode text (accents composed), allocated in a.
 * Groups and command arguments nested deeper than BIB_MAX_BRACE_DEPTH are
 * dropped with the rest of the text. */
char *latex_to_text(arena *a, const char *src, latex_mode mode);

#endif
