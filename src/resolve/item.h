/* item.h: a bibliographic item as CSL 1.0.2 sees it: CSL-JSON's data model
 * (an id, a CSL type, and variables that are text, names or dates). Every
 * reader (CSL-JSON, BibTeX/BibLaTeX, YAML `references:`) produces these, and
 * the CSL processor reads only these. An item and everything it points to
 * live in its bibliography's arena. */
#ifndef FOLIO_ITEM_H
#define FOLIO_ITEM_H

#include "../base/base.h"
#include "../doc/doc.h"

/* One name (CSL 1.0.2 "Name-part Formatting", CSL-JSON name object). */
typedef struct {
    const char *family, *given;
    const char *dropping_particle;     /* "de" in "Gustave de Beaumont" */
    const char *non_dropping_particle; /* "van" in "Vincent van Gogh" */
    const char *suffix;                /* "Jr." */
    const char *literal;               /* institutional names: "World Health Organization" */
    bool comma_suffix, static_ordering;
} csl_name;

typedef struct {
    csl_name *names;
    size_t n;
} csl_names;

/* A date or a date range. parts[0] is the start, parts[1] the end of a range;
 * each is {year, month, day} with 0 for a missing part (years may be negative
 * for BC; a year alone has month = day = 0). month 13-16 are seasons when
 * given as such in CSL-JSON ("season" field is kept separately too). */
typedef struct {
    int parts[2][3];
    bool is_range;
    int season; /* 1..4, 0 when none */
    bool circa;
    const char *literal; /* shown as is when the date could not be parsed */
} csl_date;

typedef enum { CSL_VAR_TEXT, CSL_VAR_NAMES, CSL_VAR_DATE } csl_var_kind;

typedef struct {
    csl_var_kind kind;
    union {
        const char *text; /* standard and number variables, as text */
        csl_names names;
        csl_date date;
    } v;
} csl_value;

typedef struct {
    const char *id;
    const char *type; /* a CSL type: "book", "article-journal", "report", ... */
    GHashTable *vars; /* variable name (const char *) -> csl_value *; owned by the bib */
    doc_span span;    /* where the entry was defined, for diagnostics */
} csl_item;

/* A loaded bibliography: items in file order, and by id. */
typedef struct {
    arena *arena;
    GPtrArray *items;  /* csl_item * */
    GHashTable *by_id; /* id -> csl_item * */
} csl_bib;

csl_bib *csl_bib_new(void);
void csl_bib_free(csl_bib *b);
/* A new item, registered in b (a duplicate id is the caller's to report). */
csl_item *csl_item_new(csl_bib *b, const char *id, const char *type, doc_span span);
void csl_item_set_text(csl_bib *b, csl_item *it, const char *var, const char *text);
void csl_item_set_names(csl_bib *b, csl_item *it, const char *var, csl_names names);
void csl_item_set_date(csl_bib *b, csl_item *it, const char *var, csl_date date);
/* Borrowed lookups; NULL when the item lacks the variable. */
const char *csl_item_text(const csl_item *it, const char *var);
const csl_names *csl_item_names(const csl_item *it, const char *var);
const csl_date *csl_item_date(const csl_item *it, const char *var);

#endif
