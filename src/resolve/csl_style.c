/* csl_style.c: CSL style files -> the compiled style (CSL 1.0.2 "Styles -
 * Structure", "Rendering Elements", "Style Behavior"). libxml2 parses the XML
 * once; everything the processor needs is copied into csl_el trees in the
 * style's arena, and macro calls are resolved to indices. Recursive macros
 * are refused here, so rendering never loops. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "csl_int.h"

#define SYSTEM_STYLES "/usr/share/citation-style-language/styles"

typedef struct {
    csl_style *st;
    const char *path;
    const char *src; /* the XML text, for columns */
    size_t src_len;
    GHashTable *macro_index; /* name -> index + 1 */
    bool failed;
} compiler;

/* ---- small XML helpers ---------------------------------------------------------- */

bool csl_xml_is(xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

const char *csl_xml_attr(xmlNode *n, const char *name, arena *a)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    const char *r = arena_strdup(a, (const char *)v);
    xmlFree(v);
    return r;
}

static bool attr_is(xmlNode *n, const char *name, const char *value)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    bool r = v && strcmp((const char *)v, value) == 0;
    xmlFree(v);
    return r;
}

static int attr_int(xmlNode *n, const char *name, int dflt)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return dflt;
    char *end;
    long x = strtol((const char *)v, &end, 10);
    int r = (end != (char *)v && x >= 0 && x < 100000) ? (int)x : dflt;
    xmlFree(v);
    return r;
}

/* Picks the index of v in a NULL-terminated list (+ base), or dflt. */
static int attr_enum(xmlNode *n, const char *name, const char *const *values, int base, int dflt)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return dflt;
    int r = dflt;
    for (int i = 0; values[i]; i++)
        if (strcmp((const char *)v, values[i]) == 0) {
            r = base + i;
            break;
        }
    xmlFree(v);
    return r;
}

/* The column of an element on its line: the '<' before the first
 * occurrence of NEEDLE on that line (libxml2 keeps lines only). */
static unsigned column_of(const compiler *c, unsigned line, const char *needle)
{
    const char *p = c->src, *end = c->src + c->src_len;
    for (unsigned l = 1; l < line && p < end; p++)
        if (*p == '\n')
            l++;
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol)
        eol = end;
    const char *hit = needle ? g_strstr_len(p, eol - p, needle) : NULL;
    if (!hit)
        hit = memchr(p, '<', (size_t)(eol - p));
    if (!hit)
        return 1;
    while (hit > p && *hit != '<')
        hit--;
    return (unsigned)g_utf8_strlen(p, hit - p) + 1;
}

/* ---- formatting ------------------------------------------------------------------ */

bool csl_fmt_is_plain(const csl_fmt *f)
{
    return !f || (!f->prefix && !f->suffix && !f->delimiter && !f->font_style && !f->font_variant &&
                  !f->font_weight && !f->text_decoration && !f->vertical_align && !f->display &&
                  !f->text_case && !f->quotes && !f->strip_periods);
}

bool csl_parse_fmt(xmlNode *n, csl_fmt *f, arena *a)
{
    static const char *const fs[] = {"normal", "italic", "oblique", NULL};
    static const char *const fv[] = {"normal", "small-caps", NULL};
    static const char *const fw[] = {"normal", "bold", "light", NULL};
    static const char *const td[] = {"none", "underline", NULL};
    static const char *const va[] = {"baseline", "sup", "sub", NULL};
    static const char *const disp[] = {"block", "left-margin", "right-inline", "indent", NULL};
    static const char *const tc[] = {
        "lowercase", "uppercase", "capitalize-first", "capitalize-all", "sentence", "title", NULL};
    memset(f, 0, sizeof *f);
    f->prefix = csl_xml_attr(n, "prefix", a);
    f->suffix = csl_xml_attr(n, "suffix", a);
    f->delimiter = csl_xml_attr(n, "delimiter", a);
    f->font_style = (uint8_t)attr_enum(n, "font-style", fs, FS_NORMAL, FS_UNSET);
    f->font_variant = (uint8_t)attr_enum(n, "font-variant", fv, FV_NORMAL, FV_UNSET);
    f->font_weight = (uint8_t)attr_enum(n, "font-weight", fw, FW_NORMAL, FW_UNSET);
    f->text_decoration = (uint8_t)attr_enum(n, "text-decoration", td, TD_NONE, TD_UNSET);
    f->vertical_align = (uint8_t)attr_enum(n, "vertical-align", va, VA_BASELINE, VA_UNSET);
    f->display = (uint8_t)attr_enum(n, "display", disp, DISP_BLOCK, DISP_NONE);
    f->text_case = (uint8_t)attr_enum(n, "text-case", tc, TC_LOWER, TC_NONE);
    f->quotes = attr_is(n, "quotes", "true");
    f->strip_periods = attr_is(n, "strip-periods", "true");
    return true;
}

/* ---- name options ------------------------------------------------------------------ */

void csl_name_opts_init(csl_name_opts *o)
{
    memset(o, 0, sizeof *o);
    o->etal_min = o->etal_use_first = o->etal_sub_min = o->etal_sub_use_first = -1;
    o->etal_use_last = o->initialize = -1;
}

void csl_name_opts_inherit(csl_name_opts *o, const csl_name_opts *p)
{
#define INH(f, unset)                                                                              \
    if (o->f == (unset))                                                                           \
        o->f = p->f;
    INH(and_, AND_UNSET)
    INH(dp_etal, DP_UNSET)
    INH(dp_last, DP_UNSET)
    INH(name_as_sort_order, NSO_UNSET)
    INH(form, NF_UNSET)
    INH(etal_min, -1)
    INH(etal_use_first, -1)
    INH(etal_sub_min, -1)
    INH(etal_sub_use_first, -1)
    INH(etal_use_last, -1)
    INH(initialize, -1)
    INH(delimiter, NULL)
    INH(initialize_with, NULL)
    INH(sort_separator, NULL)
    INH(names_delimiter, NULL)
#undef INH
}

/* Inheritable name options on cs:style, cs:citation, cs:bibliography
 * (PREFIXED: name-form / name-delimiter / names-delimiter) or on cs:name. */
static void parse_name_opts(xmlNode *n, csl_name_opts *o, arena *a, bool prefixed)
{
    static const char *const and_v[] = {"text", "symbol", NULL};
    static const char *const dp_v[] = {"contextual", "after-inverted-name", "always", "never",
                                       NULL};
    static const char *const nso_v[] = {"first", "all", NULL};
    static const char *const form_v[] = {"long", "short", "count", NULL};
    csl_name_opts_init(o);
    o->and_ = attr_enum(n, "and", and_v, AND_TEXT, AND_UNSET);
    o->dp_etal = attr_enum(n, "delimiter-precedes-et-al", dp_v, DP_CONTEXTUAL, DP_UNSET);
    o->dp_last = attr_enum(n, "delimiter-precedes-last", dp_v, DP_CONTEXTUAL, DP_UNSET);
    o->name_as_sort_order = attr_enum(n, "name-as-sort-order", nso_v, NSO_FIRST, NSO_UNSET);
    o->form = attr_enum(n, prefixed ? "name-form" : "form", form_v, NF_LONG, NF_UNSET);
    o->etal_min = attr_int(n, "et-al-min", -1);
    o->etal_use_first = attr_int(n, "et-al-use-first", -1);
    o->etal_sub_min = attr_int(n, "et-al-subsequent-min", -1);
    o->etal_sub_use_first = attr_int(n, "et-al-subsequent-use-first", -1);
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"et-al-use-last");
    if (v)
        o->etal_use_last = strcmp((const char *)v, "true") == 0;
    xmlFree(v);
    v = xmlGetProp(n, (const xmlChar *)"initialize");
    if (v)
        o->initialize = strcmp((const char *)v, "false") != 0;
    xmlFree(v);
    o->delimiter = csl_xml_attr(n, prefixed ? "name-delimiter" : "delimiter", a);
    o->initialize_with = csl_xml_attr(n, "initialize-with", a);
    o->sort_separator = csl_xml_attr(n, "sort-separator", a);
    if (prefixed)
        o->names_delimiter = csl_xml_attr(n, "names-delimiter", a);
}

/* ---- elements ------------------------------------------------------------------------ */

static csl_el *parse_el(compiler *c, xmlNode *n, int depth);

/* Child elements as an array (NULL entries for ignored children dropped). */
static csl_el **parse_kids(compiler *c, xmlNode *parent, size_t *count, int depth)
{
    size_t n = 0;
    for (xmlNode *k = parent->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE)
            n++;
    csl_el **kids = ARENA_ARRAY(c->st->arena, csl_el *, n ? n : 1);
    size_t i = 0;
    for (xmlNode *k = parent->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        csl_el *e = parse_el(c, k, depth + 1);
        if (e)
            kids[i++] = e;
    }
    *count = i;
    return kids;
}

static const char *const term_forms[] = {"long", "short", "verb", "verb-short", "symbol", NULL};

static void parse_text(compiler *c, xmlNode *n, csl_el *e)
{
    arena *a = c->st->arena;
    e->u.text.form = (uint8_t)attr_enum(n, "form", term_forms, TF_LONG, TF_LONG);
    e->u.text.plural = attr_is(n, "plural", "true");
    if ((e->u.text.name = csl_xml_attr(n, "variable", a))) {
        e->u.text.source = TXT_VARIABLE;
        if (!strcmp(e->u.text.name, "year-suffix"))
            c->st->uses_year_suffix_var = true;
    } else if ((e->u.text.name = csl_xml_attr(n, "macro", a))) {
        e->u.text.source = TXT_MACRO;
        gpointer idx = g_hash_table_lookup(c->macro_index, e->u.text.name);
        if (!idx) {
            diag_error(c->path, e->line, column_of(c, e->line, "macro="), "unknown macro '%s'",
                       e->u.text.name);
            c->failed = true;
            e->u.text.macro = -1;
        } else {
            e->u.text.macro = GPOINTER_TO_INT(idx) - 1;
        }
    } else if ((e->u.text.name = csl_xml_attr(n, "term", a))) {
        e->u.text.source = TXT_TERM;
    } else if ((e->u.text.name = csl_xml_attr(n, "value", a))) {
        e->u.text.source = TXT_VALUE;
    } else {
        e->u.text.source = TXT_VALUE;
        e->u.text.name = "";
    }
}

csl_el *csl_parse_date_el(xmlNode *n, arena *a, const char *path)
{
    UNUSED(path);
    static const char *const forms[] = {"text", "numeric", NULL};
    static const char *const parts[] = {"year-month-day", "year-month", "year", NULL};
    static const char *const names[] = {"year", "month", "day", NULL};
    static const char *const dpf[] = {
        "numeric", "numeric-leading-zeros", "ordinal", "long", "short", NULL};
    csl_el *e = ARENA_NEW(a, csl_el);
    e->kind = EL_DATE;
    e->line = (unsigned)xmlGetLineNo(n);
    csl_parse_fmt(n, &e->fmt, a);
    e->u.date.var = csl_xml_attr(n, "variable", a);
    e->u.date.form = (uint8_t)attr_enum(n, "form", forms, DATE_TEXT, DATE_NONLOCAL);
    e->u.date.parts = (uint8_t)attr_enum(n, "date-parts", parts, DPARTS_YMD, DPARTS_YMD);
    for (xmlNode *k = n->children; k; k = k->next) {
        if (!csl_xml_is(k, "date-part") || e->u.date.n_dp >= 3)
            continue;
        int name = attr_enum(k, "name", names, DPN_YEAR, -1);
        if (name < 0)
            continue;
        csl_date_part *dp = &e->u.date.dp[e->u.date.n_dp++];
        dp->name = (uint8_t)name;
        dp->form = (uint8_t)attr_enum(k, "form", dpf, DPF_NUMERIC, DPF_UNSET);
        csl_parse_fmt(k, &dp->fmt, a);
        dp->range_delimiter = csl_xml_attr(k, "range-delimiter", a);
    }
    return e;
}

static void parse_names(compiler *c, xmlNode *n, csl_el *e, int depth)
{
    arena *a = c->st->arena;
    const char *vars = csl_xml_attr(n, "variable", a);
    gchar **v = g_strsplit(vars ? vars : "", " ", -1);
    size_t nv = 0;
    for (int i = 0; v[i]; i++)
        if (*v[i])
            nv++;
    e->u.names.vars = ARENA_ARRAY(a, const char *, nv ? nv : 1);
    for (int i = 0; v[i]; i++)
        if (*v[i])
            e->u.names.vars[e->u.names.n_vars++] = arena_strdup(a, v[i]);
    g_strfreev(v);
    csl_name_opts_init(&e->u.names.opts);
    e->u.names.etal_term = "et-al";
    for (xmlNode *k = n->children; k; k = k->next) {
        if (csl_xml_is(k, "name")) {
            e->u.names.has_name = true;
            parse_name_opts(k, &e->u.names.opts, a, false);
            csl_parse_fmt(k, &e->u.names.name_fmt, a);
            e->u.names.name_fmt.delimiter = NULL;
            for (xmlNode *p = k->children; p; p = p->next) {
                if (!csl_xml_is(p, "name-part"))
                    continue;
                if (attr_is(p, "name", "given")) {
                    csl_parse_fmt(p, &e->u.names.given_fmt, a);
                    e->u.names.has_given_fmt = true;
                } else if (attr_is(p, "name", "family")) {
                    csl_parse_fmt(p, &e->u.names.family_fmt, a);
                    e->u.names.has_family_fmt = true;
                }
            }
        } else if (csl_xml_is(k, "et-al")) {
            e->u.names.has_etal = true;
            const char *t = csl_xml_attr(k, "term", a);
            if (t)
                e->u.names.etal_term = t;
            csl_parse_fmt(k, &e->u.names.etal_fmt, a);
        } else if (csl_xml_is(k, "label")) {
            e->u.names.has_label = true;
            e->u.names.label_before_name = !e->u.names.has_name;
            e->u.names.label_form = (uint8_t)attr_enum(k, "form", term_forms, TF_LONG, TF_LONG);
            static const char *const pl[] = {"contextual", "always", "never", NULL};
            e->u.names.label_plural =
                (uint8_t)attr_enum(k, "plural", pl, PL_CONTEXTUAL, PL_CONTEXTUAL);
            csl_parse_fmt(k, &e->u.names.label_fmt, a);
        } else if (csl_xml_is(k, "substitute")) {
            e->u.names.has_subst = true;
            e->u.names.subst = parse_kids(c, k, &e->u.names.n_subst, depth);
        }
    }
    /* cs:names' delimiter separates the variables; keep it in opts so a
     * names-delimiter on cs:style/citation/bibliography can stand in for it */
    e->u.names.opts.names_delimiter = e->fmt.delimiter;
    e->fmt.delimiter = NULL;
}

static void parse_choose(compiler *c, xmlNode *n, csl_el *e, int depth)
{
    arena *a = c->st->arena;
    size_t nb = 0;
    for (xmlNode *k = n->children; k; k = k->next)
        if (csl_xml_is(k, "if") || csl_xml_is(k, "else-if") || csl_xml_is(k, "else"))
            nb++;
    e->u.choose.branches = ARENA_ARRAY(a, csl_branch, nb ? nb : 1);
    static const struct {
        const char *attr;
        int kind;
    } conds[] = {{"type", COND_TYPE},
                 {"variable", COND_VARIABLE},
                 {"is-numeric", COND_IS_NUMERIC},
                 {"is-uncertain-date", COND_IS_UNCERTAIN},
                 {"locator", COND_LOCATOR},
                 {"position", COND_POSITION},
                 {"disambiguate", COND_DISAMBIGUATE}};
    static const char *const match_v[] = {"all", "any", "none", NULL};
    for (xmlNode *k = n->children; k; k = k->next) {
        if (!(csl_xml_is(k, "if") || csl_xml_is(k, "else-if") || csl_xml_is(k, "else")))
            continue;
        csl_branch *b = &e->u.choose.branches[e->u.choose.n++];
        b->match = (uint8_t)attr_enum(k, "match", match_v, MATCH_ALL, MATCH_ALL);
        if (!csl_xml_is(k, "else")) {
            GArray *cs = g_array_new(FALSE, FALSE, sizeof(csl_cond));
            for (size_t i = 0; i < G_N_ELEMENTS(conds); i++) {
                const char *val = csl_xml_attr(k, conds[i].attr, a);
                if (!val)
                    continue;
                if (conds[i].kind == COND_DISAMBIGUATE) {
                    csl_cond cd = {(uint8_t)conds[i].kind, val};
                    if (strcmp(val, "true") == 0)
                        g_array_append_val(cs, cd);
                    else {
                        /* disambiguate="false": a condition that never holds */
                        cd.value = "false";
                        g_array_append_val(cs, cd);
                    }
                    continue;
                }
                gchar **vals = g_strsplit(val, " ", -1);
                for (int j = 0; vals[j]; j++) {
                    if (!*vals[j])
                        continue;
                    csl_cond cd = {(uint8_t)conds[i].kind, arena_strdup(a, vals[j])};
                    g_array_append_val(cs, cd);
                }
                g_strfreev(vals);
            }
            b->n_conds = cs->len;
            b->conds = ARENA_ARRAY(a, csl_cond, cs->len ? cs->len : 1);
            if (cs->len)
                memcpy(b->conds, cs->data, cs->len * sizeof(csl_cond));
            g_array_free(cs, TRUE);
            if (b->n_conds == 0) {
                /* a cs:if without conditions never matches */
                b->conds = ARENA_NEW(a, csl_cond);
                b->conds[0].kind = COND_DISAMBIGUATE;
                b->conds[0].value = "false";
                b->n_conds = 1;
                b->match = MATCH_ALL;
            }
        }
        b->kids = parse_kids(c, k, &b->n_kids, depth);
    }
}

static csl_el *parse_el(compiler *c, xmlNode *n, int depth)
{
    arena *a = c->st->arena;
    if (depth > CSL_MAX_ELEMENT_DEPTH) {
        unsigned line = (unsigned)xmlGetLineNo(n);
        if (!c->failed)
            diag_error(c->path, line, column_of(c, line, NULL),
                       "style elements nested more than %d levels deep", CSL_MAX_ELEMENT_DEPTH);
        c->failed = true;
        return NULL;
    }
    if (csl_xml_is(n, "date"))
        return csl_parse_date_el(n, a, c->path);
    csl_el *e = ARENA_NEW(a, csl_el);
    e->line = (unsigned)xmlGetLineNo(n);
    csl_parse_fmt(n, &e->fmt, a);
    if (csl_xml_is(n, "text")) {
        e->kind = EL_TEXT;
        parse_text(c, n, e);
    } else if (csl_xml_is(n, "number")) {
        static const char *const nf[] = {"numeric", "ordinal", "long-ordinal", "roman", NULL};
        e->kind = EL_NUMBER;
        e->u.number.var = csl_xml_attr(n, "variable", a);
        e->u.number.form = (uint8_t)attr_enum(n, "form", nf, NUM_NUMERIC, NUM_NUMERIC);
    } else if (csl_xml_is(n, "label")) {
        static const char *const pl[] = {"contextual", "always", "never", NULL};
        e->kind = EL_LABEL;
        e->u.label.var = csl_xml_attr(n, "variable", a);
        e->u.label.form = (uint8_t)attr_enum(n, "form", term_forms, TF_LONG, TF_LONG);
        e->u.label.plural = (uint8_t)attr_enum(n, "plural", pl, PL_CONTEXTUAL, PL_CONTEXTUAL);
    } else if (csl_xml_is(n, "names")) {
        e->kind = EL_NAMES;
        parse_names(c, n, e, depth);
    } else if (csl_xml_is(n, "group")) {
        e->kind = EL_GROUP;
        e->u.group.kids = parse_kids(c, n, &e->u.group.n_kids, depth);
    } else if (csl_xml_is(n, "choose")) {
        e->kind = EL_CHOOSE;
        parse_choose(c, n, e, depth);
    } else {
        return NULL; /* unknown elements are ignored, as CSL processors do */
    }
    return e;
}

/* ---- layouts, sorting, macros ------------------------------------------------------- */

static void parse_sort(compiler *c, xmlNode *sort, csl_layout *l)
{
    arena *a = c->st->arena;
    size_t n = 0;
    for (xmlNode *k = sort->children; k; k = k->next)
        if (csl_xml_is(k, "key"))
            n++;
    l->keys = ARENA_ARRAY(a, csl_sort_key, n ? n : 1);
    for (xmlNode *k = sort->children; k; k = k->next) {
        if (!csl_xml_is(k, "key"))
            continue;
        csl_sort_key *key = &l->keys[l->n_keys];
        key->var = csl_xml_attr(k, "variable", a);
        key->macro = -1;
        key->descending = attr_is(k, "sort", "descending");
        key->names_min = attr_int(k, "names-min", -1);
        key->names_use_first = attr_int(k, "names-use-first", -1);
        xmlChar *v = xmlGetProp(k, (const xmlChar *)"names-use-last");
        key->names_use_last = v ? strcmp((const char *)v, "true") == 0 : -1;
        xmlFree(v);
        if (!key->var) {
            const char *m = csl_xml_attr(k, "macro", a);
            gpointer idx = m ? g_hash_table_lookup(c->macro_index, m) : NULL;
            if (!idx) {
                unsigned line = (unsigned)xmlGetLineNo(k);
                diag_error(c->path, line, column_of(c, line, "<key"),
                           m ? "unknown macro '%s'" : "sort key without variable or macro%s",
                           m ? m : "");
                c->failed = true;
                continue;
            }
            key->macro = GPOINTER_TO_INT(idx) - 1;
        }
        l->n_keys++;
    }
}

static void parse_layout(compiler *c, xmlNode *n, csl_layout *l, bool citation)
{
    arena *a = c->st->arena;
    static const char *const col[] = {"citation-number", "year", "year-suffix",
                                      "year-suffix-ranged", NULL};
    static const char *const gdr[] = {"by-cite",
                                      "all-names",
                                      "all-names-with-initials",
                                      "primary-name",
                                      "primary-name-with-initials",
                                      NULL};
    static const char *const sas[] = {"complete-all", "complete-each", "partial-each",
                                      "partial-first", NULL};
    static const char *const sfa[] = {"flush", "margin", NULL};
    l->present = true;
    parse_name_opts(n, &l->opts, a, true);
    if (citation) {
        l->add_names = attr_is(n, "disambiguate-add-names", "true");
        l->add_givenname = attr_is(n, "disambiguate-add-givenname", "true");
        l->add_year_suffix = attr_is(n, "disambiguate-add-year-suffix", "true");
        l->givenname_rule =
            attr_enum(n, "givenname-disambiguation-rule", gdr, GDR_BY_CITE, GDR_BY_CITE);
        l->collapse = attr_enum(n, "collapse", col, COLLAPSE_NUMBER, COLLAPSE_NONE);
        l->cite_group_delimiter = csl_xml_attr(n, "cite-group-delimiter", a);
        l->year_suffix_delimiter = csl_xml_attr(n, "year-suffix-delimiter", a);
        l->after_collapse_delimiter = csl_xml_attr(n, "after-collapse-delimiter", a);
        l->near_note_distance = attr_int(n, "near-note-distance", 5);
    } else {
        l->bibfmt.hanging_indent = attr_is(n, "hanging-indent", "true");
        l->bibfmt.second_field_align = attr_enum(n, "second-field-align", sfa, 1, 0);
        l->bibfmt.line_spacing = attr_int(n, "line-spacing", 1);
        l->bibfmt.entry_spacing = attr_int(n, "entry-spacing", 1);
        l->subsequent_author_substitute = csl_xml_attr(n, "subsequent-author-substitute", a);
        l->sas_rule = attr_enum(n, "subsequent-author-substitute-rule", sas, SAS_COMPLETE_ALL,
                                SAS_COMPLETE_ALL);
    }
    for (xmlNode *k = n->children; k; k = k->next) {
        if (csl_xml_is(k, "sort")) {
            parse_sort(c, k, l);
        } else if (csl_xml_is(k, "layout") && !l->kids) {
            csl_parse_fmt(k, &l->fmt, a);
            l->fmt.affixes_inside = true;
            l->kids = parse_kids(c, k, &l->n_kids, 1);
        }
    }
    if (!l->kids) {
        unsigned line = (unsigned)xmlGetLineNo(n);
        diag_error(c->path, line, column_of(c, line, citation ? "<citation" : "<bibliography"),
                   "cs:%s has no cs:layout", citation ? "citation" : "bibliography");
        c->failed = true;
    }
}

/* Depth-first search over macro calls; a macro reached again while it is on
 * the stack calls itself (directly or through others). */
static bool check_calls(compiler *c, csl_el **kids, size_t n, int *state, int self);

static bool check_el(compiler *c, const csl_el *e, int *state, int self)
{
    switch (e->kind) {
    case EL_TEXT:
        if (e->u.text.source == TXT_MACRO && e->u.text.macro >= 0) {
            int m = e->u.text.macro;
            if (state[m] == 1) {
                diag_error(c->path, e->line, column_of(c, e->line, "macro="),
                           "macro '%s' calls itself", c->st->macros[m].name);
                return false;
            }
            if (state[m] == 0) {
                state[m] = 1;
                if (!check_calls(c, c->st->macros[m].kids, c->st->macros[m].n_kids, state, m))
                    return false;
                state[m] = 2;
            }
        }
        return true;
    case EL_NAMES:
        return check_calls(c, e->u.names.subst, e->u.names.n_subst, state, self);
    case EL_GROUP:
        return check_calls(c, e->u.group.kids, e->u.group.n_kids, state, self);
    case EL_CHOOSE:
        for (size_t i = 0; i < e->u.choose.n; i++)
            if (!check_calls(c, e->u.choose.branches[i].kids, e->u.choose.branches[i].n_kids, state,
                             self))
                return false;
        return true;
    default:
        return true;
    }
}

static bool check_calls(compiler *c, csl_el **kids, size_t n, int *state, int self)
{
    for (size_t i = 0; i < n; i++)
        if (!check_el(c, kids[i], state, self))
            return false;
    return true;
}

static bool check_recursion(compiler *c)
{
    bool ok = true;
    int *state = g_new0(int, c->st->n_macros + 1);
    for (size_t m = 0; m < c->st->n_macros && ok; m++) {
        if (state[m])
            continue;
        state[m] = 1;
        ok = check_calls(c, c->st->macros[m].kids, c->st->macros[m].n_kids, state, (int)m);
        state[m] = 2;
    }
    g_free(state);
    return ok;
}

/* The style element's own options. */
static void parse_style_options(compiler *c, xmlNode *root)
{
    csl_style *st = c->st;
    static const char *const demote[] = {"display-and-sort", "sort-only", "never", NULL};
    static const char *const prf[] = {"expanded",   "minimal",    "minimal-two", "chicago",
                                      "chicago-15", "chicago-16", NULL};
    st->note = attr_is(root, "class", "note");
    parse_name_opts(root, &st->opts, st->arena, true);
    st->demote_particle = attr_enum(root, "demote-non-dropping-particle", demote,
                                    DEMOTE_DISPLAY_AND_SORT, DEMOTE_DISPLAY_AND_SORT);
    st->initialize_with_hyphen = !attr_is(root, "initialize-with-hyphen", "false");
    int p = attr_enum(root, "page-range-format", prf, 0, -1);
    static const int map[] = {PRF_EXPANDED,  PRF_MINIMAL,   PRF_MINIMAL_TWO,
                              PRF_CHICAGO15, PRF_CHICAGO15, PRF_CHICAGO16};
    st->page_range_format = p < 0 ? PRF_NONE : map[p];
}

static bool compile(compiler *c, xmlNode *root)
{
    csl_style *st = c->st;
    arena *a = st->arena;
    parse_style_options(c, root);
    /* macros: names first, so calls can resolve in any order */
    size_t nm = 0;
    for (xmlNode *k = root->children; k; k = k->next)
        if (csl_xml_is(k, "macro"))
            nm++;
    st->macros = ARENA_ARRAY(a, csl_macro, nm ? nm : 1);
    for (xmlNode *k = root->children; k; k = k->next) {
        if (!csl_xml_is(k, "macro"))
            continue;
        const char *name = csl_xml_attr(k, "name", a);
        if (!name)
            continue;
        if (g_hash_table_contains(c->macro_index, name))
            continue; /* the first definition wins */
        st->macros[st->n_macros].name = name;
        st->macros[st->n_macros].line = (unsigned)xmlGetLineNo(k);
        g_hash_table_insert(c->macro_index, (gpointer)name, GINT_TO_POINTER((int)st->n_macros + 1));
        st->n_macros++;
    }
    for (xmlNode *k = root->children; k; k = k->next) {
        if (!csl_xml_is(k, "macro"))
            continue;
        const char *name = csl_xml_attr(k, "name", a);
        gpointer idx = name ? g_hash_table_lookup(c->macro_index, name) : NULL;
        if (!idx)
            continue;
        csl_macro *m = &st->macros[GPOINTER_TO_INT(idx) - 1];
        if (m->kids)
            continue;
        m->kids = parse_kids(c, k, &m->n_kids, 1);
    }
    bool have_citation = false;
    for (xmlNode *k = root->children; k; k = k->next) {
        if (csl_xml_is(k, "citation") && !have_citation) {
            have_citation = true;
            parse_layout(c, k, &st->citation, true);
        } else if (csl_xml_is(k, "bibliography") && !st->bibliography.present) {
            parse_layout(c, k, &st->bibliography, false);
        }
    }
    if (!have_citation) {
        diag_error(c->path, (unsigned)xmlGetLineNo(root), 1, "the style has no cs:citation");
        return false;
    }
    if (c->failed)
        return false;
    return check_recursion(c);
}

/* ---- loading ------------------------------------------------------------------------ */

/* Parses XML, reporting errors as file:line:col. Caller frees with xmlFreeDoc. */
static xmlDoc *read_xml(const char *path, const char *xml, size_t len)
{
    xmlResetLastError();
    xmlDoc *d = xmlReadMemory(xml, (int)len, path, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!d) {
        const xmlError *e = xmlGetLastError();
        if (e) {
            char *msg = g_strstrip(g_strdup(e->message ? e->message : "parse error"));
            diag_error(path, (unsigned)e->line, (unsigned)e->int2, "invalid XML: %s", msg);
            g_free(msg);
        } else
            diag_error(path, 0, 0, "invalid XML");
    }
    return d;
}

/* The parent's file for a dependent style: the last path component of its
 * URI, as NAME.csl beside the dependent style or in the system styles. */
static char *parent_path(const char *dependent, const char *href)
{
    const char *slash = strrchr(href, '/');
    const char *name = slash ? slash + 1 : href;
    if (!*name)
        return NULL;
    char *dir = g_path_get_dirname(dependent);
    char *file = g_strconcat(name, ".csl", NULL);
    char *p = g_build_filename(dir, file, NULL);
    if (!g_file_test(p, G_FILE_TEST_EXISTS)) {
        g_free(p);
        p = g_build_filename(SYSTEM_STYLES, file, NULL);
    }
    g_free(dir);
    g_free(file);
    return p;
}

static const char *independent_parent(xmlNode *root, arena *a)
{
    for (xmlNode *k = root->children; k; k = k->next) {
        if (!csl_xml_is(k, "info"))
            continue;
        for (xmlNode *l = k->children; l; l = l->next)
            if (csl_xml_is(l, "link") && attr_is(l, "rel", "independent-parent"))
                return csl_xml_attr(l, "href", a);
    }
    return NULL;
}

static csl_style *load(const char *path, const char *xml, size_t len, const char *lang,
                       const char *locales_dir, int hops)
{
    csl_style *st = NULL;
    char *pxml = NULL, *ppath = NULL;
    xmlDoc *d = read_xml(path, xml, len);
    if (!d)
        goto out;
    xmlNode *root = xmlDocGetRootElement(d);
    if (!root || !csl_xml_is(root, "style")) {
        diag_error(path, root ? (unsigned)xmlGetLineNo(root) : 1, 1,
                   "not a CSL style (the root element must be <style>)");
        goto out;
    }
    arena *tmp = arena_new();
    const char *href = independent_parent(root, tmp);
    if (href) {
        /* a dependent style: render with its parent, keep its default-locale */
        const char *dl = csl_xml_attr(root, "default-locale", tmp);
        ppath = parent_path(path, href);
        size_t plen = 0;
        if (hops > 4) {
            diag_error(path, 1, 1, "dependent styles chained more than 4 deep");
        } else if (ppath && file_read(ppath, path, (unsigned)xmlGetLineNo(root), 1, &pxml, &plen)) {
            deps_record(ppath);
            st = load(ppath, pxml, plen, lang ? lang : dl, locales_dir, hops + 1);
        } else if (!ppath) {
            diag_error(path, 1, 1, "dependent style names no usable parent");
        }
        arena_free(tmp);
        goto out;
    }
    arena_free(tmp);

    st = g_new0(csl_style, 1);
    st->arena = arena_new();
    st->path = g_strdup(path);
    compiler c = {st, path, xml, len, g_hash_table_new(g_str_hash, g_str_equal), false};
    bool ok = compile(&c, root) && csl_locales_setup(st, root, lang, locales_dir);
    g_hash_table_destroy(c.macro_index);
    if (!ok) {
        csl_style_free(st);
        st = NULL;
    }
out:
    g_free(pxml);
    g_free(ppath);
    if (d)
        xmlFreeDoc(d);
    return st;
}

csl_style *csl_style_load_data(const char *path, const char *xml, size_t len, const char *lang,
                               const char *locales_dir)
{
    return load(path, xml, len, lang, locales_dir, 0);
}

csl_style *csl_style_load(const char *name_or_path, const char *lang, const char *locales_dir,
                          doc_span span)
{
    char *path = NULL, *xml = NULL;
    size_t len = 0;
    csl_style *st = NULL;
    if (strchr(name_or_path, '/') || g_str_has_suffix(name_or_path, ".csl") ||
        g_file_test(name_or_path, G_FILE_TEST_EXISTS))
        path = g_strdup(name_or_path);
    else {
        char *file = g_strconcat(name_or_path, ".csl", NULL);
        path = g_build_filename(SYSTEM_STYLES, file, NULL);
        g_free(file);
    }
    if (!file_read(path, span.file, span.line, span.col, &xml, &len))
        goto out;
    deps_record(path);
    st = load(path, xml, len, lang, locales_dir, 0);
out:
    g_free(xml);
    g_free(path);
    return st;
}

void csl_style_free(csl_style *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->n_locales; i++)
        if (st->locales[i]->terms)
            g_hash_table_destroy(st->locales[i]->terms);
    g_free(st->locales);
    g_free(st->path);
    arena_free(st->arena);
    g_free(st);
}

bool csl_style_is_note(const csl_style *st)
{
    return st->note;
}

bool csl_style_has_bibliography(const csl_style *st)
{
    return st->bibliography.present;
}

csl_bib_format csl_style_bib_format(const csl_style *st)
{
    return st->bibliography.bibfmt;
}
