/* csl_locale.c: locales and terms (CSL 1.0.2 "Locale Files - Structure",
 * "Terms", "Locale Fallback", "Ordinal Suffixes", "Gender-specific Ordinals").
 *
 * A style keeps a chain of locales, highest priority first: in-style
 * cs:locale for the chosen dialect, for its language, without xml:lang; then
 * the locale files for the dialect, its primary dialect, and en-US. Every
 * look-up walks the chain, so each localizable unit falls back on its own. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "csl_int.h"

#define SYSTEM_LOCALES "/usr/share/citation-style-language/locales"

static const char *const term_forms[] = {"long", "short", "verb", "verb-short", "symbol", NULL};

static int enum_of(const char *v, const char *const *values, int base, int dflt)
{
    if (!v)
        return dflt;
    for (int i = 0; values[i]; i++)
        if (strcmp(v, values[i]) == 0)
            return base + i;
    return dflt;
}

static char *term_key(const char *name, int form, int gender_form)
{
    return g_strdup_printf("%s\x1f%d\x1f%d", name, form, gender_form);
}

static bool is_ordinal_term(const char *name)
{
    return strcmp(name, "ordinal") == 0 ||
           (g_str_has_prefix(name, "ordinal-") && strlen(name) == 10);
}

/* Text content with surrounding whitespace kept as written (terms may be
 * " " on purpose), but a term written over several lines is trimmed. */
static const char *node_text(xmlNode *n, arena *a)
{
    xmlChar *t = xmlNodeGetContent(n);
    const char *r = arena_strdup(a, t ? (const char *)t : "");
    xmlFree(t);
    if (strchr(r, '\n')) {
        char *c = arena_strdup(a, r);
        return g_strstrip(c);
    }
    return r;
}

static void parse_term(csl_locale *l, xmlNode *n, arena *a)
{
    static const char *const genders[] = {"masculine", "feminine", NULL};
    static const char *const matches[] = {"last-digit", "last-two-digits", "whole-number", NULL};
    const char *name = csl_xml_attr(n, "name", a);
    if (!name)
        return;
    int form = enum_of(csl_xml_attr(n, "form", a), term_forms, TF_LONG, TF_LONG);
    int gform = enum_of(csl_xml_attr(n, "gender-form", a), genders, G_MASCULINE, G_NEUTER);
    csl_term *t = ARENA_NEW(a, csl_term);
    t->gender = (uint8_t)enum_of(csl_xml_attr(n, "gender", a), genders, G_MASCULINE, G_NEUTER);
    t->match =
        (uint8_t)enum_of(csl_xml_attr(n, "match", a), matches, MATCH_LAST_DIGIT, MATCH_DEFAULT);
    bool structured = false;
    for (xmlNode *k = n->children; k; k = k->next) {
        if (csl_xml_is(k, "single")) {
            t->single = node_text(k, a);
            structured = true;
        } else if (csl_xml_is(k, "multiple")) {
            t->multiple = node_text(k, a);
            structured = true;
        }
    }
    if (!structured)
        t->single = t->multiple = node_text(n, a);
    if (!t->single)
        t->single = t->multiple;
    if (!t->multiple)
        t->multiple = t->single;
    if (is_ordinal_term(name))
        l->has_ordinals = true;
    g_hash_table_replace(l->terms, term_key(name, form, gform), t);
}

csl_locale *csl_locale_parse(xmlNode *root, arena *a, const char *path)
{
    csl_locale *l = ARENA_NEW(a, csl_locale);
    l->terms = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    l->punct_in_quote = l->limit_day_ordinals = -1;
    xmlChar *lang = xmlGetProp(root, (const xmlChar *)"lang");
    if (lang)
        l->lang = arena_strdup(a, (const char *)lang);
    xmlFree(lang);
    for (xmlNode *k = root->children; k; k = k->next) {
        if (csl_xml_is(k, "style-options")) {
            const char *p = csl_xml_attr(k, "punctuation-in-quote", a);
            if (p)
                l->punct_in_quote = strcmp(p, "true") == 0;
            p = csl_xml_attr(k, "limit-day-ordinals-to-day-1", a);
            if (p)
                l->limit_day_ordinals = strcmp(p, "true") == 0;
        } else if (csl_xml_is(k, "date")) {
            csl_el *d = csl_parse_date_el(k, a, path);
            if (d->u.date.form == DATE_NUMERIC)
                l->date_numeric = d;
            else
                l->date_text = d;
        } else if (csl_xml_is(k, "terms")) {
            for (xmlNode *t = k->children; t; t = t->next)
                if (csl_xml_is(t, "term"))
                    parse_term(l, t, a);
        }
    }
    return l;
}

/* ---- the chain --------------------------------------------------------------------- */

static void chain_add(GPtrArray *chain, csl_locale *l)
{
    if (!l)
        return;
    for (guint i = 0; i < chain->len; i++)
        if (chain->pdata[i] == l)
            return;
    g_ptr_array_add(chain, l);
}

/* "en_US" -> "en-US" */
static char *normalize_lang(const char *lang)
{
    char *s = g_strdup(lang);
    for (char *p = s; *p; p++)
        if (*p == '_')
            *p = '-';
    return s;
}

static char *language_of(const char *lang)
{
    const char *dash = strchr(lang, '-');
    return dash ? g_strndup(lang, (size_t)(dash - lang)) : g_strdup(lang);
}

/* The primary dialect of a language: locales.json in the locales directory,
 * else a built-in table (CSL 1.0.2 "Locale Fallback"). Caller frees. */
static char *primary_dialect(const char *language, const char *dir)
{
    char *json = g_build_filename(dir, "locales.json", NULL);
    char *data = NULL;
    size_t len = 0;
    char *r = NULL;
    if (g_file_get_contents(json, &data, &len, NULL)) {
        JsonParser *p = json_parser_new();
        if (json_parser_load_from_data(p, data, (gssize)len, NULL)) {
            JsonNode *root = json_parser_get_root(p);
            if (root && JSON_NODE_HOLDS_OBJECT(root)) {
                JsonObject *o = json_node_get_object(root);
                if (json_object_has_member(o, "primary-dialects")) {
                    JsonNode *pd = json_object_get_member(o, "primary-dialects");
                    if (JSON_NODE_HOLDS_OBJECT(pd)) {
                        JsonObject *po = json_node_get_object(pd);
                        if (json_object_has_member(po, language)) {
                            const char *v = json_object_get_string_member(po, language);
                            if (v)
                                r = g_strdup(v);
                        }
                    }
                }
            }
        }
        g_object_unref(p);
    }
    g_free(data);
    g_free(json);
    if (r)
        return r;
    static const char *const table[][2] = {
        {"af", "af-ZA"}, {"ar", "ar"},    {"bg", "bg-BG"}, {"ca", "ca-AD"}, {"cs", "cs-CZ"},
        {"cy", "cy-GB"}, {"da", "da-DK"}, {"de", "de-DE"}, {"el", "el-GR"}, {"en", "en-US"},
        {"es", "es-ES"}, {"et", "et-EE"}, {"eu", "eu"},    {"fa", "fa-IR"}, {"fi", "fi-FI"},
        {"fr", "fr-FR"}, {"he", "he-IL"}, {"hr", "hr-HR"}, {"hu", "hu-HU"}, {"id", "id-ID"},
        {"is", "is-IS"}, {"it", "it-IT"}, {"ja", "ja-JP"}, {"km", "km-KH"}, {"ko", "ko-KR"},
        {"la", "la"},    {"lt", "lt-LT"}, {"lv", "lv-LV"}, {"mn", "mn-MN"}, {"ms", "ms-MY"},
        {"nb", "nb-NO"}, {"nl", "nl-NL"}, {"nn", "nn-NO"}, {"pl", "pl-PL"}, {"pt", "pt-PT"},
        {"ro", "ro-RO"}, {"ru", "ru-RU"}, {"sk", "sk-SK"}, {"sl", "sl-SI"}, {"sr", "sr-RS"},
        {"sv", "sv-SE"}, {"th", "th-TH"}, {"tr", "tr-TR"}, {"uk", "uk-UA"}, {"vi", "vi-VN"},
        {"zh", "zh-CN"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(table); i++)
        if (strcmp(table[i][0], language) == 0)
            return g_strdup(table[i][1]);
    return NULL;
}

/* Loads DIR/locales-LANG.xml, or NULL (silently) when there is none. */
static csl_locale *load_file(csl_style *st, const char *dir, const char *lang)
{
    char *name = g_strdup_printf("locales-%s.xml", lang);
    char *path = g_build_filename(dir, name, NULL);
    char *data = NULL;
    size_t len = 0;
    csl_locale *l = NULL;
    if (g_file_get_contents(path, &data, &len, NULL)) {
        deps_record(path);
        xmlDoc *d = xmlReadMemory(data, (int)len, path, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (!d) {
            const xmlError *e = xmlGetLastError();
            diag_warning(path, e ? (unsigned)e->line : 0, e ? (unsigned)e->int2 : 0,
                         "invalid locale file ignored");
        } else {
            xmlNode *root = xmlDocGetRootElement(d);
            if (root && csl_xml_is(root, "locale")) {
                l = csl_locale_parse(root, st->arena, path);
                deps_record(path);
            }
            xmlFreeDoc(d);
        }
    }
    g_free(data);
    g_free(path);
    g_free(name);
    return l;
}

bool csl_locales_setup(csl_style *st, xmlNode *root, const char *lang, const char *locales_dir)
{
    arena *a = st->arena;
    const char *dir = locales_dir ? locales_dir : SYSTEM_LOCALES;
    const char *dl = csl_xml_attr(root, "default-locale", a);
    st->default_locale = dl ? arena_strdup(a, dl) : NULL;
    char *chosen = normalize_lang(lang ? lang : dl ? dl : "en-US");
    char *language = language_of(chosen);
    char *primary = primary_dialect(language, dir);
    if (!strchr(chosen, '-') && primary) {
        g_free(chosen);
        chosen = g_strdup(primary);
    }
    st->lang = arena_strdup(a, chosen);

    /* in-style locales, in document order */
    GPtrArray *in_style = g_ptr_array_new();
    for (xmlNode *k = root->children; k; k = k->next)
        if (csl_xml_is(k, "locale"))
            g_ptr_array_add(in_style, csl_locale_parse(k, a, st->path));

    GPtrArray *chain = g_ptr_array_new();
    /* legacy locale options on cs:style (CSL 1.0) outrank everything */
    const char *piq = csl_xml_attr(root, "punctuation-in-quote", a);
    const char *ldo = csl_xml_attr(root, "limit-day-ordinals-to-day-1", a);
    if (piq || ldo) {
        csl_locale *l = ARENA_NEW(a, csl_locale);
        l->terms = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        l->punct_in_quote = piq ? strcmp(piq, "true") == 0 : -1;
        l->limit_day_ordinals = ldo ? strcmp(ldo, "true") == 0 : -1;
        chain_add(chain, l);
    }
    for (guint i = 0; i < in_style->len; i++) {
        csl_locale *l = in_style->pdata[i];
        if (l->lang && g_ascii_strcasecmp(l->lang, chosen) == 0)
            chain_add(chain, l);
    }
    for (guint i = 0; i < in_style->len; i++) {
        csl_locale *l = in_style->pdata[i];
        if (l->lang && g_ascii_strcasecmp(l->lang, chosen) != 0 && primary &&
            g_ascii_strcasecmp(l->lang, primary) == 0)
            chain_add(chain, l);
    }
    for (guint i = 0; i < in_style->len; i++) {
        csl_locale *l = in_style->pdata[i];
        if (l->lang && !strchr(l->lang, '-') && g_ascii_strcasecmp(l->lang, language) == 0)
            chain_add(chain, l);
    }
    for (guint i = 0; i < in_style->len; i++) {
        csl_locale *l = in_style->pdata[i];
        if (!l->lang)
            chain_add(chain, l);
    }
    size_t n_files = 0;
    csl_locale *f = load_file(st, dir, chosen);
    if (f) {
        chain_add(chain, f);
        n_files++;
    }
    if (primary && strcmp(primary, chosen) != 0 && (f = load_file(st, dir, primary))) {
        chain_add(chain, f);
        n_files++;
    }
    if (strcmp(chosen, "en-US") != 0 && (!primary || strcmp(primary, "en-US") != 0) &&
        (f = load_file(st, dir, "en-US"))) {
        chain_add(chain, f);
        n_files++;
    }
    /* without any locale file terms are empty: worth a warning, not an error */
    if (n_files == 0)
        diag_warning(st->path, 1, 1, "no CSL locale file found for '%s' in %s", chosen, dir);
    st->n_locales = chain->len;
    st->locales = (csl_locale **)g_ptr_array_free(chain, FALSE);
    /* in-style locales that did not join the chain still need freeing */
    for (guint i = 0; i < in_style->len; i++) {
        csl_locale *l = in_style->pdata[i];
        bool used = false;
        for (size_t j = 0; j < st->n_locales; j++)
            used = used || st->locales[j] == l;
        if (!used) {
            g_hash_table_destroy(l->terms);
            l->terms = NULL;
        }
    }
    g_ptr_array_free(in_style, TRUE);
    g_free(chosen);
    g_free(language);
    g_free(primary);
    return true;
}

/* ---- look-ups ------------------------------------------------------------------------ */

static const csl_term *find_exact(const csl_style *st, const char *name, int form, int gform)
{
    char *key = term_key(name, form, gform);
    const csl_term *t = NULL;
    bool ordinal = is_ordinal_term(name);
    for (size_t i = 0; i < st->n_locales && !t; i++) {
        csl_locale *l = st->locales[i];
        /* ordinals: only the first locale that defines any of them counts */
        if (ordinal && !l->has_ordinals)
            continue;
        t = g_hash_table_lookup(l->terms, key);
        if (ordinal)
            break;
    }
    g_free(key);
    return t;
}

const csl_term *csl_term_find(const csl_style *st, const char *name, int form, int gender_form)
{
    /* "verb-short" falls back to "verb", "symbol" to "short", "verb" and
     * "short" to "long"; each step after the whole locale chain */
    for (;;) {
        const csl_term *t = NULL;
        if (gender_form != G_NEUTER)
            t = find_exact(st, name, form, gender_form);
        if (!t)
            t = find_exact(st, name, form, G_NEUTER);
        if (t)
            return t;
        switch (form) {
        case TF_VERB_SHORT:
            form = TF_VERB;
            break;
        case TF_SYMBOL:
            form = TF_SHORT;
            break;
        case TF_VERB:
        case TF_SHORT:
            form = TF_LONG;
            break;
        default:
            return NULL;
        }
    }
}

const char *csl_term_lookup(const csl_style *st, const char *name, int form, bool plural)
{
    const csl_term *t = csl_term_find(st, name, form, G_NEUTER);
    if (!t)
        return NULL;
    return plural ? t->multiple : t->single;
}

int csl_term_gender(const csl_style *st, const char *name)
{
    const csl_term *t = find_exact(st, name, TF_LONG, G_NEUTER);
    return t ? t->gender : G_NEUTER;
}

/* The ordinal term for NAME with gender, neuter as fallback. */
static const csl_term *ordinal_term(const csl_style *st, const char *name, int gender)
{
    const csl_term *t = NULL;
    if (gender != G_NEUTER)
        t = find_exact(st, name, TF_LONG, gender);
    if (!t)
        t = find_exact(st, name, TF_LONG, G_NEUTER);
    return t;
}

const char *csl_ordinal_suffix(const csl_style *st, long n, int gender)
{
    char name[16];
    long a = n < 0 ? -n : n;
    /* ordinal-10..ordinal-99: last two digits (or the whole number) */
    if (a % 100 >= 10) {
        snprintf(name, sizeof name, "ordinal-%02ld", a % 100);
        const csl_term *t = ordinal_term(st, name, gender);
        if (t && (t->match != MATCH_WHOLE || a == a % 100))
            return t->single;
    }
    /* ordinal-00..ordinal-09: last digit by default */
    snprintf(name, sizeof name, "ordinal-%02ld", a % 10);
    const csl_term *t = ordinal_term(st, name, gender);
    if (t) {
        bool m;
        switch (t->match) {
        case MATCH_LAST_TWO:
            m = a % 100 == a % 10;
            break;
        case MATCH_WHOLE:
            m = a == a % 10;
            break;
        default:
            m = true;
        }
        if (m)
            return t->single;
    }
    t = ordinal_term(st, "ordinal", gender);
    if (t)
        return t->single;
    /* CSL 1.0: ordinal-01..04 without an "ordinal" term */
    const char *legacy = "ordinal-04";
    if (a % 10 == 1 && a % 100 != 11)
        legacy = "ordinal-01";
    else if (a % 10 == 2 && a % 100 != 12)
        legacy = "ordinal-02";
    else if (a % 10 == 3 && a % 100 != 13)
        legacy = "ordinal-03";
    t = ordinal_term(st, legacy, gender);
    return t ? t->single : "";
}

const csl_el *csl_locale_date(const csl_style *st, int form)
{
    for (size_t i = 0; i < st->n_locales; i++) {
        const csl_el *d =
            form == DATE_NUMERIC ? st->locales[i]->date_numeric : st->locales[i]->date_text;
        if (d)
            return d;
    }
    return NULL;
}

bool csl_punct_in_quote(const csl_style *st)
{
    for (size_t i = 0; i < st->n_locales; i++)
        if (st->locales[i]->punct_in_quote >= 0)
            return st->locales[i]->punct_in_quote == 1;
    return false;
}

bool csl_limit_day_ordinals(const csl_style *st)
{
    for (size_t i = 0; i < st->n_locales; i++)
        if (st->locales[i]->limit_day_ordinals >= 0)
            return st->locales[i]->limit_day_ordinals == 1;
    return false;
}
