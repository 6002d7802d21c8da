/* csl_int.h: the CSL processor's internals, shared by the csl_*.c files only.
 *
 * Pipeline (CSL 1.0.2 throughout):
 *   csl_style.c, csl_locale.c  XML (libxml2) -> compiled elements, once per style
 *   csl_eval*.c                elements + item + cite context -> output tree (co)
 *   csl_flatten.c              output tree -> rich text (affixes, delimiters,
 *                              punctuation, formatting, text-case)
 *   csl_proc.c ...             citations: positions, sorting, disambiguation,
 *                              collapsing; the bibliography
 *   csl_html.c, csl_doc.c      rich text -> citeproc-js HTML / folio doc nodes
 */
#ifndef FOLIO_CSL_INT_H
#define FOLIO_CSL_INT_H

#include <libxml/tree.h>
#include <stdint.h>

#include "csl.h"

/* ---- limits against hostile styles and data ------------------------------- */
/* Macro calls nest at most this deep at render time (recursion is refused when
 * the style is compiled; this also bounds long non-recursive chains). */
#define CSL_MAX_MACRO_DEPTH 32
/* Elements nest at most this deep in a style: real styles stay under 20; with
 * the macro cap this bounds rendering recursion to a few thousand frames. */
#define CSL_MAX_ELEMENT_DEPTH 100
/* Markup in field values nests at most this deep (<i><b><i>...). */
#define CSL_MAX_MARKUP_DEPTH 32
/* Names shown when adding names for disambiguation, at most. */
#define CSL_MAX_DISAMB_NAMES 64
/* Elements evaluated for one cite or entry, at most: real styles need a few
 * thousand; macros that call each other twice per level would otherwise
 * take 2^depth steps. */
#define CSL_MAX_RENDER_STEPS 200000
/* disambiguate="true" conditions tried one after another, at most. */
#define CSL_MAX_DISAMB_CONDITIONS 16

/* ---- formatting (CSL 1.0.2 "Formatting", "Affixes", "Display", "Quotes") --- */
enum { FS_UNSET, FS_NORMAL, FS_ITALIC, FS_OBLIQUE };
enum { FV_UNSET, FV_NORMAL, FV_SMALL_CAPS };
enum { FW_UNSET, FW_NORMAL, FW_BOLD, FW_LIGHT };
enum { TD_UNSET, TD_NONE, TD_UNDERLINE };
enum { VA_UNSET, VA_BASELINE, VA_SUP, VA_SUB };
enum { DISP_NONE, DISP_BLOCK, DISP_LEFT_MARGIN, DISP_RIGHT_INLINE, DISP_INDENT };
enum { TC_NONE, TC_LOWER, TC_UPPER, TC_CAP_FIRST, TC_CAP_ALL, TC_SENTENCE, TC_TITLE, TC_NOCASE };

typedef struct {
    const char *prefix, *suffix, *delimiter; /* NULL when absent */
    uint8_t font_style, font_variant, font_weight, text_decoration, vertical_align;
    uint8_t display, text_case;
    bool quotes, strip_periods;
    bool affixes_inside; /* cs:layout: affixes inside the formatting */
} csl_fmt;

bool csl_fmt_is_plain(const csl_fmt *f);

/* ---- terms and locales (CSL 1.0.2 "Terms", "Locale Fallback") ------------- */
enum { TF_LONG, TF_SHORT, TF_VERB, TF_VERB_SHORT, TF_SYMBOL, TF_COUNT };
enum { G_NEUTER, G_MASCULINE, G_FEMININE };
enum { MATCH_DEFAULT, MATCH_LAST_DIGIT, MATCH_LAST_TWO, MATCH_WHOLE };

typedef struct {
    const char *single, *multiple;
    uint8_t match;  /* ordinals */
    uint8_t gender; /* of the noun (long form) */
} csl_term;

typedef struct csl_el csl_el;

typedef struct {
    char *lang;        /* "en-US", "en" or NULL (in-style locale without xml:lang) */
    GHashTable *terms; /* "name\x1f" form gender-form -> csl_term* */
    bool has_ordinals; /* defines "ordinal" or any ordinal-NN (replaces all of them) */
    csl_el *date_text, *date_numeric; /* localized date formats, or NULL */
    int punct_in_quote;               /* -1 unset, 0, 1 */
    int limit_day_ordinals;
} csl_locale;

/* ---- names options (CSL 1.0.2 "Name", "Inheritable Name Options") ---------- */
enum { AND_UNSET, AND_NONE, AND_TEXT, AND_SYMBOL };
enum { DP_UNSET, DP_CONTEXTUAL, DP_AFTER_INVERTED, DP_ALWAYS, DP_NEVER };
enum { NSO_UNSET, NSO_NONE, NSO_FIRST, NSO_ALL };
enum { NF_UNSET, NF_LONG, NF_SHORT, NF_COUNT };

/* Every field is "unset" (0 / -1 / NULL) until an attribute sets it, so that
 * cs:name overrides cs:citation/cs:bibliography, which override cs:style. */
typedef struct {
    int and_, dp_etal, dp_last, name_as_sort_order, form;
    int etal_min, etal_use_first, etal_sub_min, etal_sub_use_first; /* -1 unset */
    int etal_use_last, initialize;                                  /* -1 unset, 0, 1 */
    const char *delimiter, *initialize_with, *sort_separator;       /* NULL unset */
    const char *names_delimiter;                                    /* names-delimiter */
} csl_name_opts;

void csl_name_opts_init(csl_name_opts *o);
/* Fills unset fields of o from parent. */
void csl_name_opts_inherit(csl_name_opts *o, const csl_name_opts *parent);

/* ---- compiled style elements ------------------------------------------------ */
typedef enum { EL_TEXT, EL_NUMBER, EL_LABEL, EL_NAMES, EL_DATE, EL_GROUP, EL_CHOOSE } csl_el_kind;
enum { TXT_VARIABLE, TXT_MACRO, TXT_TERM, TXT_VALUE };
enum { NUM_NUMERIC, NUM_ORDINAL, NUM_LONG_ORDINAL, NUM_ROMAN };
enum { PL_CONTEXTUAL, PL_ALWAYS, PL_NEVER };
enum { DATE_NONLOCAL, DATE_TEXT, DATE_NUMERIC };
enum { DPARTS_YMD, DPARTS_YM, DPARTS_Y };
enum { DPN_YEAR, DPN_MONTH, DPN_DAY };
enum { DPF_UNSET, DPF_NUMERIC, DPF_LEADING_ZEROS, DPF_ORDINAL, DPF_LONG, DPF_SHORT };

typedef struct {
    uint8_t name; /* DPN_* */
    uint8_t form; /* DPF_* */
    csl_fmt fmt;
    const char *range_delimiter; /* NULL: unset (en dash) */
} csl_date_part;

/* Conditions of cs:if / cs:else-if (CSL 1.0.2 "Choose"). */
enum {
    COND_TYPE,
    COND_VARIABLE,
    COND_IS_NUMERIC,
    COND_IS_UNCERTAIN,
    COND_LOCATOR,
    COND_POSITION,
    COND_DISAMBIGUATE
};
enum { MATCH_ALL, MATCH_ANY, MATCH_NONE };
typedef struct {
    uint8_t kind;
    const char *value;
} csl_cond;

typedef struct {
    csl_cond *conds;
    size_t n_conds; /* 0 for cs:else */
    uint8_t match;
    csl_el **kids;
    size_t n_kids;
} csl_branch;

struct csl_el {
    csl_el_kind kind;
    csl_fmt fmt;
    unsigned line;
    union {
        struct {
            uint8_t source; /* TXT_* */
            uint8_t form;   /* TF_* (variables: long/short) */
            bool plural;
            const char *name; /* variable, macro, term or value */
            int macro;        /* index into style->macros for TXT_MACRO */
        } text;
        struct {
            const char *var;
            uint8_t form; /* NUM_* */
        } number;
        struct {
            const char *var;
            uint8_t form, plural; /* TF_*, PL_* */
        } label;
        struct {
            const char **vars;
            size_t n_vars;
            bool has_name, has_etal, has_label;
            csl_name_opts opts;            /* from cs:name and names-delimiter on cs:names */
            csl_fmt name_fmt;              /* formatting and affixes on cs:name */
            csl_fmt given_fmt, family_fmt; /* cs:name-part */
            bool has_given_fmt, has_family_fmt;
            const char *etal_term;
            csl_fmt etal_fmt;
            uint8_t label_form, label_plural;
            csl_fmt label_fmt;
            bool label_before_name;
            csl_el **subst;
            size_t n_subst;
            bool has_subst;
        } names;
        struct {
            const char *var;
            uint8_t form;  /* DATE_* */
            uint8_t parts; /* DPARTS_* */
            csl_date_part dp[3];
            size_t n_dp;
        } date;
        struct {
            csl_el **kids;
            size_t n_kids;
        } group;
        struct {
            csl_branch *branches;
            size_t n;
        } choose;
    } u;
};

typedef struct {
    const char *name;
    csl_el **kids;
    size_t n_kids;
    unsigned line;
} csl_macro;

/* Sort keys (CSL 1.0.2 "Sorting"). */
typedef struct {
    const char *var; /* or NULL for a macro */
    int macro;
    bool descending;
    int names_min, names_use_first, names_use_last; /* -1 unset */
} csl_sort_key;

enum {
    COLLAPSE_NONE,
    COLLAPSE_NUMBER,
    COLLAPSE_YEAR,
    COLLAPSE_YEAR_SUFFIX,
    COLLAPSE_YEAR_SUFFIX_RANGED
};
enum { GDR_BY_CITE, GDR_ALL, GDR_ALL_INITIALS, GDR_PRIMARY, GDR_PRIMARY_INITIALS };
enum { SAS_COMPLETE_ALL, SAS_COMPLETE_EACH, SAS_PARTIAL_EACH, SAS_PARTIAL_FIRST };

typedef struct {
    bool present;
    csl_name_opts opts; /* inheritable name options of cs:citation / cs:bibliography */
    csl_fmt fmt;        /* cs:layout formatting, affixes, delimiter */
    csl_el **kids;
    size_t n_kids;
    csl_sort_key *keys;
    size_t n_keys;
    /* citation options */
    bool add_names, add_givenname, add_year_suffix;
    int givenname_rule;
    int collapse;
    const char *cite_group_delimiter, *year_suffix_delimiter, *after_collapse_delimiter;
    int near_note_distance;
    /* bibliography options */
    csl_bib_format bibfmt;
    const char *subsequent_author_substitute;
    int sas_rule;
} csl_layout;

enum { DEMOTE_DISPLAY_AND_SORT, DEMOTE_SORT_ONLY, DEMOTE_NEVER };
enum { PRF_NONE, PRF_EXPANDED, PRF_MINIMAL, PRF_MINIMAL_TWO, PRF_CHICAGO15, PRF_CHICAGO16 };

struct csl_style {
    arena *arena;
    char *path;
    bool note;
    char *default_locale;
    char *lang;         /* the locale in use */
    csl_name_opts opts; /* inheritable name options on cs:style */
    int demote_particle;
    bool initialize_with_hyphen;
    int page_range_format;
    csl_macro *macros;
    size_t n_macros;
    csl_layout citation, bibliography;
    bool uses_year_suffix_var; /* "year-suffix" rendered through cs:text somewhere */
    /* locale chain, highest priority first (CSL 1.0.2 "Locale Fallback") */
    csl_locale **locales;
    size_t n_locales;
};

/* csl_style.c */
bool csl_parse_fmt(xmlNode *n, csl_fmt *f, arena *a);
csl_el *csl_parse_date_el(xmlNode *n, arena *a, const char *path);
/* csl_locale.c */
csl_locale *csl_locale_parse(xmlNode *root, arena *a, const char *path);
bool csl_locales_setup(csl_style *st, xmlNode *style_root, const char *lang,
                       const char *locales_dir);
/* Looks a term up through the locale chain with form fallback; PLURAL picks
 * the multiple form. NULL when no locale defines it. */
const char *csl_term_lookup(const csl_style *st, const char *name, int form, bool plural);
const csl_term *csl_term_find(const csl_style *st, const char *name, int form, int gender_form);
/* Gender of a noun term ("edition", "month-01"), G_NEUTER when unknown. */
int csl_term_gender(const csl_style *st, const char *name);
/* Ordinal suffix for n with the given gender (CSL 1.0.2 "Ordinal Suffixes"). */
const char *csl_ordinal_suffix(const csl_style *st, long n, int gender);
const csl_el *csl_locale_date(const csl_style *st, int form);
bool csl_punct_in_quote(const csl_style *st);
bool csl_limit_day_ordinals(const csl_style *st);
/* Expat-free helpers shared by the parsers. */
const char *csl_xml_attr(xmlNode *n, const char *name, arena *a);
bool csl_xml_is(xmlNode *n, const char *name);

/* ---- the output tree (what evaluation produces) ------------------------------ */
typedef enum { CO_TEXT, CO_SEQ } co_kind;
enum {
    TAG_NONE,
    TAG_NAMES,
    TAG_NAME,
    TAG_DATE,
    TAG_YEAR_SUFFIX,
    TAG_CITATION_NUMBER,
    TAG_ITEM,
    TAG_LOCATOR,
    TAG_TERM,
    TAG_TITLE,
    TAG_PREFIX,
    TAG_SUFFIX,
    TAG_URL
};

typedef struct co co;
struct co {
    uint8_t kind;
    uint8_t tag;
    bool markup;    /* CO_TEXT: parse HTML-like markup and quotes (field values) */
    bool cite_join; /* CO_SEQ joining cites (its delimiter is the citation's) */
    bool splice;    /* CO_SEQ from cs:choose: its children join the parent's (delimiters apply) */
    const csl_fmt *fmt; /* CO_SEQ: formatting, or NULL */
    const char *text;   /* CO_TEXT */
    co **kids;
    unsigned n, cap;
    /* tag payload */
    int ival;        /* citation number, year suffix, item index */
    const void *ptr; /* TAG_NAMES: the csl_names; TAG_NAME: the csl_name; TAG_DATE: csl_date */
    const char *var; /* TAG_NAMES: the variable */
};

co *co_text(arena *a, const char *text, bool markup);
co *co_seq(arena *a, const csl_fmt *fmt);
co *co_tag(arena *a, int tag, co *child);
void co_add(arena *a, co *parent, co *child); /* NULL children are skipped */
/* A sequence of the non-null children, or the single child, or NULL. */
co *co_wrap(arena *a, const csl_fmt *fmt, co **kids, unsigned n);
bool co_is_empty(const co *o);
/* Plain text without markup (for disambiguation and sort keys); g_free. */
char *co_plain(const co *o);

/* ---- rich text helpers (csl_rich.c) -------------------------------------------- */
/* csl_rich.flags: a quote in a cite's own prefix or suffix keeps adjoining
 * punctuation outside (punctuation-in-quote is for the style's quotes). */
#define RICH_KEEP_PUNCT 1u
/* a quote written with single typographic marks: rendered with inner marks
 * unless the enclosing quote already uses them */
#define RICH_PREFER_INNER 2u
csl_rich *rich_new(arena *a, csl_rich_kind kind);
csl_rich *rich_text(arena *a, const char *s);
csl_rich *rich_textn(arena *a, const char *s, size_t n);
void rich_append(csl_rich *parent, csl_rich *child);
/* Wraps r in a new node of KIND (returns the new node). */
csl_rich *rich_wrap(arena *a, csl_rich_kind kind, csl_rich *r);
bool rich_is_empty(const csl_rich *r);
/* First / last character of the text (0 when none), as a Unicode code point. */
gunichar rich_first_char(const csl_rich *r);
gunichar rich_last_char(const csl_rich *r);
/* Removes the first / last character of the text. */
void rich_drop_first(arena *a, csl_rich *r);
void rich_drop_last(arena *a, csl_rich *r);
/* Removes leading / trailing characters while pred holds. */
void rich_trim_start(arena *a, csl_rich *r, bool (*pred)(gunichar));
void rich_trim_end(arena *a, csl_rich *r, bool (*pred)(gunichar));
void rich_plain_append(const csl_rich *r, GString *out);
/* Applies f to every text leaf (not under NOCASE when skip_nocase). */
void rich_map_text(arena *a, csl_rich *r, char *(*f)(const char *s, void *data), void *data);
/* Deep copy. */
csl_rich *rich_copy(arena *a, const csl_rich *r);

/* csl_markup.c: field values with <i>, <b>, <sc>, <sup>, <sub>,
 * <span class="nocase">, quotes and apostrophes, to rich text. */
csl_rich *csl_markup_parse(arena *a, const char *s);

/* csl_case.c (CSL 1.0.2 "Text-case") */
void csl_text_case(arena *a, csl_rich *r, int text_case);
char *csl_utf8_upper_first(const char *s); /* g_free */

/* csl_flatten.c: output tree -> rich text */
typedef struct {
    const csl_style *st;
    arena *a;
    bool skip_year_suffix; /* leave TAG_YEAR_SUFFIX out (comparing dates) */
    bool links;            /* identifiers (URL, DOI, PMID, PMCID) become links */
} csl_flat;
csl_rich *csl_flatten(const csl_flat *f, const co *o); /* NULL when empty */
/* Final touches: punctuation-in-quote, localized quote marks (flip-flop). */
void csl_finish(const csl_flat *f, csl_rich *r);

/* ---- numbers (csl_number.c) ---------------------------------------------------- */
/* is-numeric (CSL 1.0.2 "Choose"). */
bool csl_is_numeric(const char *s);
/* True when s holds several numbers ("2-4", "2, 3", "2 & 3"): plural labels. */
bool csl_is_plural_number(const char *s);
char *csl_roman(long n); /* g_free */
/* Page ranges reformatted (CSL 1.0.2 Appendix V); delim replaces hyphens. */
char *csl_page_range(const char *s, int format, const char *delim); /* g_free */

/* ---- the processor ---------------------------------------------------------------- */

/* Cite positions (CSL 1.0.2 "Choose", position). */
enum { POS_FIRST = 1, POS_SUBSEQUENT = 2, POS_IBID = 4, POS_IBID_LOC = 8, POS_NEAR_NOTE = 16 };

/* A registered (cited or listed) item and its disambiguation state. */
typedef struct {
    const csl_item *item;
    const char *id;
    size_t first_order;     /* order of first citation (registration order) */
    int citation_number;    /* 1-based, 0 before numbering */
    int year_suffix;        /* 0 none; 1 = "a" */
    int etal_names;         /* disambiguate-add-names: names to show, 0 = the style's */
    GHashTable *name_level; /* name key -> level (1 initials, 2 full given name) */
    int disamb_cond;        /* how many disambiguate="true" tests (in render order) hold */
    bool cited;
    int first_note;   /* note of the first cite, 0 none */
    char **sort_keys; /* bibliography sort keys */
    char **cite_sort_keys;
} csl_reg;

typedef struct {
    csl_cite c;          /* copied strings */
    csl_reg *reg;        /* NULL for an unknown id */
    unsigned position;   /* POS_* */
    int first_note;      /* first-reference-note-number for this cite */
    size_t index;        /* order within the citation as given */
    int forced_position; /* fixtures: 0 first .. 3 ibid-with-locator, -1 none */
    bool forced_near_note;
} csl_cite_rec;

typedef struct {
    csl_cite_rec *cites;
    size_t n;
    unsigned note;
    bool author_in_text;
    csl_rich *result;
    csl_rich *author, *rest; /* author-in-text: the two parts of result */
} csl_citation;

struct csl_proc {
    const csl_style *st;
    const csl_bib *bib;
    csl_options opts;
    arena *a;                 /* results and registry */
    GPtrArray *citations;     /* csl_citation* */
    GPtrArray *regs;          /* csl_reg*, registration order */
    GHashTable *by_id;        /* id -> csl_reg* */
    GPtrArray *bib_order;     /* csl_reg* in bibliography order */
    GPtrArray *bib_results;   /* csl_rich* */
    GPtrArray *bib_ids;       /* csl_reg* of each bibliography result */
    GHashTable *global_names; /* name key -> level, for all-names rules */
    bool key_mode;            /* rendering disambiguation keys (see csl_disamb.c) */
    bool over_budget;         /* a render hit CSL_MAX_RENDER_STEPS (reported once) */
    bool ran;
};

/* The state of rendering one cite or bibliography entry. */
typedef struct ectx ectx;
struct ectx {
    csl_proc *p;
    const csl_style *st;
    arena *a;
    const csl_layout *layout;
    bool bib;                /* in cs:bibliography (positions test false) */
    bool sort;               /* rendering a sort key */
    const csl_sort_key *key; /* the sort key being rendered */
    const csl_reg *reg;
    const csl_item *item;
    const char *locator, *label;
    unsigned position;
    int first_note;
    GPtrArray *suppressed; /* variables used up by cs:substitute */
    int called, nonempty;  /* variables looked up / found (group suppression) */
    bool in_subst;
    const csl_el *subst_names; /* the cs:names whose substitute is running */
    bool ys_used;              /* the year-suffix was already rendered */
    int depth;
    bool key_mode;   /* a disambiguation key: "accessed" is left out */
    int disamb_seen; /* disambiguate="true" conditions tested so far */
    long steps;      /* elements evaluated (CSL_MAX_RENDER_STEPS) */
};

/* csl_eval.c */
co *csl_eval_kids(ectx *c, csl_el *const *kids, size_t n, const csl_fmt *fmt);
co *csl_eval_el(ectx *c, const csl_el *e);
/* The text of a variable for this cite (counts the look-up); NULL if empty. */
const char *csl_var_text(ectx *c, const char *var);
const char *csl_var_peek(const ectx *c, const char *var); /* no counting */
bool csl_var_suppressed(const ectx *c, const char *var);
void csl_var_suppress(ectx *c, const char *var);
bool csl_is_english(const ectx *c);
/* csl_names.c */
co *csl_eval_names(ectx *c, const csl_el *e);
/* Key identifying a person across items (for name disambiguation). */
char *csl_name_key(const csl_name *n); /* g_free */
/* Plain long/initialized forms for name disambiguation. */
char *csl_name_initials(const char *given, const char *with, bool hyphen); /* g_free */
/* csl_date.c */
co *csl_eval_date(ectx *c, const csl_el *e);
/* YYYYMMDD-style sort key of a date (CSL 1.0.2 "Sorting Variables"). */
char *csl_date_sort_key(const csl_date *d, int max_parts); /* g_free */
/* csl_number.c */
co *csl_eval_number(ectx *c, const csl_el *e);
char *csl_format_number(const csl_style *st, long n, int form, int gender); /* g_free */
char *csl_year_suffix_text(int n);                                          /* g_free */

/* csl_render.c: renders one cite / entry to an output tree */
co *csl_render_item(csl_proc *p, arena *a, const csl_layout *l, const csl_reg *reg,
                    const csl_cite_rec *cite, bool bib);
char *csl_render_plain(csl_proc *p, const csl_layout *l, const csl_reg *reg,
                       const csl_cite_rec *cite, bool bib); /* g_free */
/* csl_cite.c, csl_biblio.c */
void csl_render_citations(csl_proc *p);
void csl_render_bibliography(csl_proc *p);
/* csl_proc.c: fixtures force positions ("position", "near-note" in cites) */
void csl_proc_force_position(csl_proc *p, size_t citation, size_t cite, int position,
                             bool near_note);
/* csl_collapse.c: cite grouping and collapsing; ITEMS are the rendered
 * cites (TAG_ITEM), CITES their records, in citation order. Returns the
 * citation body (without the layout's affixes). */
co *csl_collapse(csl_proc *p, arena *a, co **items, csl_cite_rec **cites, size_t n);
/* csl_try.c: `folio cite --style STYLE --bib FILE [--cites FILE.json]` */
int csl_try_command(const char *style, const char *bib, const char *cites, const char *locales,
                    const char *lang, bool as_doc);
/* csl_sort.c */
bool csl_is_number_var(const char *var); /* CSL 1.0.2 "Number Variables" */
void csl_sort_keys_compute(csl_proc *p, const csl_layout *l, csl_reg *reg, char ***out);
int csl_sort_compare(const csl_layout *l, char **a, char **b);
/* csl_disamb.c */
void csl_disambiguate(csl_proc *p);

/* The output of the first cs:names rendered under o, or NULL (csl_biblio.c). */
co *csl_first_names(co *o);

/* Frees an array of csl_cite that owns its strings (csl_fixture.c). */
void csl_cites_free(GArray *cites);

#endif
