/* bib_tex_map.c: BibTeX/BibLaTeX entries to CSL 1.0.2 items: entry types to
 * CSL types, fields to CSL variables (after inheritance, so an entry is
 * complete here). Titles keep case protection as <span class="nocase">;
 * number variables stay text; LaTeX becomes Unicode (latex.c).
 *
 * Choices where the two models differ, after the biblatex manual (section 2)
 * and what pandoc's reader does for the same data:
 *  - title, subtitle and titleaddon join as "Title: Subtitle. Addon"; the
 *    same for booktitle, maintitle, journaltitle, issuetitle, eventtitle.
 *  - a chapter-like entry with a maintitle has container-title = maintitle
 *    and volume-title = booktitle; other entries with a maintitle have it as
 *    container-title.
 *  - number is the issue of an article, the collection-number of a book or
 *    chapter, and the number of anything else (reports, patents, ...).
 *  - publisher falls back to institution, school, organization, then to
 *    howpublished (which is the url when it is one).
 *  - the "von" part is a dropping particle unless options has useprefix.
 *  - langid (or language) becomes a BCP 47 tag for the CSL language variable.
 *  - fields that are not BibLaTeX's but are named like CSL variables
 *    (medium, archive, call-number, director, ...) are kept as such; other
 *    unknown fields are ignored without noise. */
#include "bib_tex.h"

#include <string.h>

typedef struct {
    const bibtex_file *f;
    const bibtex_entry *e;
    csl_bib *b;
    csl_item *it;
    arena *a;    /* the bibliography's arena */
    bool *used;  /* per field of e: read by the mapping */
    GHashTable *index; /* field name -> its index + 1 in e->fields */
    const char *type; /* canonical BibLaTeX type */
    bool chapterlike, articlelike, booklike;
} mapper;

/* ---- types -------------------------------------------------------------------- */

static const struct {
    const char *bib, *csl;
} types[] = {
    {"article", "article-journal"},
    {"book", "book"},
    {"mvbook", "book"},
    {"inbook", "chapter"},
    {"bookinbook", "chapter"},
    {"suppbook", "chapter"},
    {"booklet", "pamphlet"},
    {"collection", "book"},
    {"mvcollection", "book"},
    {"incollection", "chapter"},
    {"suppcollection", "chapter"},
    {"dataset", "dataset"},
    {"manual", "book"},
    {"misc", "document"},
    {"online", "webpage"},
    {"electronic", "webpage"},
    {"www", "webpage"},
    {"patent", "patent"},
    {"periodical", "periodical"},
    {"suppperiodical", "article-journal"},
    {"proceedings", "book"},
    {"mvproceedings", "book"},
    {"inproceedings", "paper-conference"},
    {"conference", "paper-conference"},
    {"reference", "book"},
    {"mvreference", "book"},
    {"inreference", "entry-encyclopedia"},
    {"report", "report"},
    {"techreport", "report"},
    {"set", "document"},
    {"software", "software"},
    {"thesis", "thesis"},
    {"mastersthesis", "thesis"},
    {"phdthesis", "thesis"},
    {"unpublished", "manuscript"},
    /* BibLaTeX's types that its standard styles do not support */
    {"artwork", "graphic"},
    {"audio", "song"},
    {"bibnote", "document"},
    {"commentary", "book"},
    {"image", "graphic"},
    {"jurisdiction", "legal_case"},
    {"legislation", "legislation"},
    {"legal", "treaty"},
    {"letter", "personal_communication"},
    {"movie", "motion_picture"},
    {"music", "song"},
    {"performance", "performance"},
    {"review", "review"},
    {"standard", "standard"},
    {"video", "motion_picture"},
    /* common in the wild (biblatex-apa, JabRef) */
    {"newsarticle", "article-newspaper"},
    {"data", "dataset"},
    {"map", "map"},
    {"presentation", "speech"},
    {"talk", "speech"},
    {"webpage", "webpage"},
};

const char *bibtex_csl_type(const char *type, const char *entrysubtype)
{
    bool periodic = !strcmp(type, "article") || !strcmp(type, "suppperiodical");
    if (periodic && entrysubtype && !g_ascii_strcasecmp(entrysubtype, "magazine"))
        return "article-magazine";
    if (periodic && entrysubtype && !g_ascii_strcasecmp(entrysubtype, "newspaper"))
        return "article-newspaper";
    for (size_t i = 0; i < G_N_ELEMENTS(types); i++)
        if (!strcmp(type, types[i].bib))
            return types[i].csl;
    return NULL;
}

const char *bibtex_canonical_type(const char *t)
{
    static const char *const alias[][2] = {
        {"conference", "inproceedings"}, {"electronic", "online"}, {"www", "online"},
        {"mastersthesis", "thesis"},      {"phdthesis", "thesis"},  {"techreport", "report"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(alias); i++)
        if (!strcmp(t, alias[i][0]))
            return alias[i][1];
    return t;
}

/* ---- reading fields ---------------------------------------------------------------- */

/* The raw value of a field, marked as used; NULL when absent. */
static const char *raw(mapper *m, const char *name)
{
    size_t i = GPOINTER_TO_SIZE(g_hash_table_lookup(m->index, name));
    if (!i)
        return NULL;
    m->used[i - 1] = true;
    return m->e->fields[i - 1].value;
}

static const char *text(mapper *m, const char *name, latex_mode mode)
{
    const char *r = raw(m, name);
    return r ? latex_to_text(m->a, r, mode) : NULL;
}

static bool has(const mapper *m, const char *var)
{
    return g_hash_table_contains(m->it->vars, var);
}

static void set(mapper *m, const char *var, const char *value)
{
    if (value && *value && !has(m, var))
        csl_item_set_text(m->b, m->it, var, value);
}

/* The last character of s before any closing tags. */
static char last_char(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '>') {
        const char *lt = g_strrstr_len(s, (gssize)n, "<");
        if (!lt || lt[1] != '/')
            break;
        n = (size_t)(lt - s);
    }
    return n ? s[n - 1] : '\0';
}

/* A title field with its subtitle and addon fields (either may be NULL),
 * joined as "Title: Subtitle. Addon"; NULL without the title field. */
static const char *title3(mapper *m, const char *main, const char *sub, const char *addon)
{
    const char *t = text(m, main, LATEX_TITLE);
    const char *s = sub ? text(m, sub, LATEX_TITLE) : NULL;
    const char *x = addon ? text(m, addon, LATEX_TITLE) : NULL;
    if (!t || !*t)
        return NULL;
    GString *g = g_string_new(t);
    if (s && *s) {
        char c = last_char(g->str);
        g_string_append(g, c == '?' || c == '!' || c == ':' ? " " : ": ");
        g_string_append(g, s);
    }
    if (x && *x) {
        char c = last_char(g->str);
        g_string_append(g, c == '?' || c == '!' || c == '.' ? " " : ". ");
        g_string_append(g, x);
    }
    char *res = arena_strdup(m->a, g->str);
    g_string_free(g, TRUE);
    return res;
}

static bool option_set(mapper *m, const char *name)
{
    const char *opts = raw(m, "options");
    if (!opts)
        return false;
    bool on = false;
    char **parts = g_strsplit(opts, ",", -1);
    for (char **p = parts; *p; p++) {
        char *o = g_strstrip(*p);
        size_t n = strlen(name);
        if (!strncmp(o, name, n)) {
            const char *rest = o + n;
            while (*rest == ' ')
                rest++;
            if (!*rest)
                on = true;
            else if (*rest == '=') {
                rest++;
                while (*rest == ' ')
                    rest++;
                on = !g_ascii_strcasecmp(rest, "true");
            }
        }
    }
    g_strfreev(parts);
    return on;
}

/* ---- names ------------------------------------------------------------------------- */

static void names(mapper *m, const char *field, const char *var, bool useprefix)
{
    const char *r = raw(m, field);
    if (!r || has(m, var))
        return;
    csl_names n = bibtex_names_parse(m->a, r, useprefix);
    if (n.n)
        csl_item_set_names(m->b, m->it, var, n);
}

/* editor, editora..c with their editortype (biblatex's roles that CSL has). */
static void editors(mapper *m, bool useprefix)
{
    static const char *const fields[][2] = {
        {"editor", "editortype"},   {"editora", "editoratype"},
        {"editorb", "editorbtype"}, {"editorc", "editorctype"},
    };
    static const char *const roles[][2] = {
        {"editor", "editor"},     {"compiler", "compiler"},   {"director", "director"},
        {"organizer", "organizer"}, {"collaborator", "contributor"}, {"redactor", "editor"},
        {"reviser", "editor"},    {"founder", "editor"},      {"continuator", "editor"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
        const char *type = raw(m, fields[i][1]);
        const char *var = i == 0 ? "editor" : NULL;
        for (size_t k = 0; type && k < G_N_ELEMENTS(roles); k++)
            if (!g_ascii_strcasecmp(type, roles[k][0]))
                var = roles[k][1];
        if (var)
            names(m, fields[i][0], var, useprefix);
        else
            raw(m, fields[i][0]);
    }
}

/* ---- dates ------------------------------------------------------------------------- */

static void date(mapper *m, const char *field, const char *var)
{
    const char *r = raw(m, field);
    if (!r || has(m, var))
        return;
    /* verbatim first: "1850~" is approximate, not a tie */
    csl_date d = {0};
    if (!bibtex_date_parse(latex_to_text(m->a, r, LATEX_VERBATIM), &d))
        d = (csl_date){.literal = latex_to_text(m->a, r, LATEX_PLAIN)};
    csl_item_set_date(m->b, m->it, var, d);
}

/* issued from year, month and day when there is no date field. A year field
 * that holds a whole date ("2001-05", "1984/1986") is read as one. */
static void year_month(mapper *m)
{
    const char *year = raw(m, "year");
    const char *month = raw(m, "month");
    const char *day = raw(m, "day");
    if (!year || has(m, "issued"))
        return;
    const char *y = latex_to_text(m->a, year, LATEX_PLAIN); /* {\noopsort{a}}1973 */
    csl_date d = {0};
    if (!bibtex_date_parse(y, &d) &&
        !bibtex_date_parse(latex_to_text(m->a, year, LATEX_VERBATIM), &d)) {
        d = (csl_date){.literal = y};
    } else if (!d.is_range && d.parts[0][1] == 0 && month) {
        int mo = 0;
        const char *mt = latex_to_text(m->a, month, LATEX_PLAIN);
        if (bibtex_month_parse(mt, &mo)) {
            d.parts[0][1] = mo;
            d.season = mo > 12 ? mo - 12 : 0;
        } else {
            const bibtex_field *mf = bibtex_field_lookup(m->e, "month");
            diag_warning(m->f->path, mf->line, mf->col,
                         "month '%s' of entry '%s' is not a month; it is ignored", mt, m->e->key);
        }
        if (day && mo >= 1 && mo <= 12) {
            const char *dt = latex_to_text(m->a, day, LATEX_PLAIN);
            char *end = NULL;
            long v = strtol(dt, &end, 10);
            if (end && end != dt && !*end && v >= 1 && v <= 31)
                d.parts[0][2] = (int)v;
        }
    }
    csl_item_set_date(m->b, m->it, "issued", d);
}

/* ---- other fields -------------------------------------------------------------------- */

/* Babel/polyglossia language names as BCP 47 tags. */
static const char *language_tag(const char *name, const char *variant)
{
    static const char *const tags[][2] = {
        {"english", "en-US"},     {"american", "en-US"},   {"usenglish", "en-US"},
        {"british", "en-GB"},     {"ukenglish", "en-GB"},  {"canadian", "en-CA"},
        {"australian", "en-AU"},  {"newzealand", "en-NZ"}, {"german", "de-DE"},
        {"ngerman", "de-DE"},     {"austrian", "de-AT"},   {"naustrian", "de-AT"},
        {"swissgerman", "de-CH"}, {"nswissgerman", "de-CH"}, {"french", "fr-FR"},
        {"francais", "fr-FR"},    {"spanish", "es-ES"},    {"catalan", "ca-AD"},
        {"italian", "it-IT"},     {"portuguese", "pt-PT"}, {"portuges", "pt-PT"},
        {"brazil", "pt-BR"},      {"brazilian", "pt-BR"},  {"dutch", "nl-NL"},
        {"danish", "da-DK"},      {"swedish", "sv-SE"},    {"norwegian", "nb-NO"},
        {"norsk", "nb-NO"},       {"nynorsk", "nn-NO"},    {"finnish", "fi-FI"},
        {"icelandic", "is-IS"},   {"polish", "pl-PL"},     {"czech", "cs-CZ"},
        {"slovak", "sk-SK"},      {"slovene", "sl-SI"},    {"slovenian", "sl-SI"},
        {"croatian", "hr-HR"},    {"serbian", "sr-RS"},    {"russian", "ru-RU"},
        {"ukrainian", "uk-UA"},   {"bulgarian", "bg-BG"},  {"greek", "el-GR"},
        {"latin", "la"},          {"hungarian", "hu-HU"},  {"magyar", "hu-HU"},
        {"romanian", "ro-RO"},    {"turkish", "tr-TR"},    {"hebrew", "he-IL"},
        {"arabic", "ar"},         {"japanese", "ja-JP"},   {"chinese", "zh-CN"},
        {"korean", "ko-KR"},      {"estonian", "et-EE"},   {"latvian", "lv-LV"},
        {"lithuanian", "lt-LT"},  {"basque", "eu"},        {"galician", "gl-ES"},
        {"irish", "ga-IE"},       {"welsh", "cy-GB"},      {"indonesian", "id-ID"},
        {"malay", "ms-MY"},       {"vietnamese", "vi-VN"}, {"hindi", "hi-IN"},
        {"persian", "fa-IR"},     {"farsi", "fa-IR"},      {"thai", "th-TH"},
        {"afrikaans", "af-ZA"},   {"mongolian", "mn-MN"},  {"armenian", "hy-AM"},
    };
    if (!g_ascii_strcasecmp(name, "english") && variant) {
        if (strstr(variant, "british"))
            return "en-GB";
        if (strstr(variant, "australian"))
            return "en-AU";
        if (strstr(variant, "canadian"))
            return "en-CA";
    }
    for (size_t i = 0; i < G_N_ELEMENTS(tags); i++)
        if (!g_ascii_strcasecmp(name, tags[i][0]))
            return tags[i][1];
    return NULL;
}

static void language(mapper *m)
{
    const char *variant = raw(m, "langidopts");
    const char *id = text(m, "langid", LATEX_PLAIN);
    const char *lang = text(m, "language", LATEX_PLAIN);
    raw(m, "hyphenation");
    const char *tag = id ? language_tag(id, variant) : NULL;
    if (!tag && lang)
        tag = language_tag(lang, variant);
    if (!tag)
        tag = id ? id : lang;
    set(m, "language", tag);
}

/* BibLaTeX's localization keys in type, pubstate and series, in English. */
static const char *localized(const char *key)
{
    static const char *const keys[][2] = {
        {"phdthesis", "PhD thesis"},
        {"mathesis", "Master's thesis"},
        {"mastersthesis", "Master's thesis"},
        {"candthesis", "Candidate thesis"},
        {"techreport", "Technical report"},
        {"resreport", "Research report"},
        {"software", "Computer software"},
        {"datacd", "CD-ROM"},
        {"audiocd", "Audio CD"},
        {"patent", "Patent"},
        {"patentus", "U.S. patent"},
        {"patentuk", "British patent"},
        {"patentde", "German patent"},
        {"patenteu", "European patent"},
        {"patentfr", "French patent"},
        {"patentjp", "Japanese patent"},
        {"patrequs", "U.S. patent request"},
        {"patreqde", "German patent request"},
        {"patreqeu", "European patent request"},
        {"patreqfr", "French patent request"},
        {"patrequk", "British patent request"},
        {"patreqjp", "Japanese patent request"},
        {"countryde", "Germany"},
        {"countryeu", "European Union"},
        {"countryep", "European Union"},
        {"countryfr", "France"},
        {"countryuk", "United Kingdom"},
        {"countryus", "United States of America"},
        {"inpreparation", "in preparation"},
        {"submitted", "submitted"},
        {"forthcoming", "forthcoming"},
        {"inpress", "in press"},
        {"prepublished", "pre-published"},
        {"newseries", "new series"},
        {"oldseries", "old series"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
        if (!strcmp(key, keys[i][0]))
            return keys[i][1];
    return key;
}

/* Page ranges with an en dash, whatever the .bib used ("55-65", "55--65"). */
static const char *pages(mapper *m)
{
    const char *t = text(m, "pages", LATEX_RICH);
    if (!t)
        return NULL;
    GString *g = g_string_new(NULL);
    for (const char *p = t; *p;) {
        if (*p == '-' || !strncmp(p, "–", strlen("–")) || !strncmp(p, "—", strlen("—"))) {
            while (*p == '-' || !strncmp(p, "–", strlen("–")) || !strncmp(p, "—", strlen("—")))
                p += *p == '-' ? 1 : strlen("–");
            g_string_append(g, "–");
        } else {
            g_string_append_c(g, *p++);
        }
    }
    char *res = arena_strdup(m->a, g->str);
    g_string_free(g, TRUE);
    return res;
}

/* The DOI without a resolver prefix. */
static const char *doi(mapper *m)
{
    const char *d = text(m, "doi", LATEX_VERBATIM);
    if (!d)
        return NULL;
    static const char *const prefixes[] = {"https://doi.org/", "http://doi.org/",
                                           "https://dx.doi.org/", "http://dx.doi.org/", "doi:"};
    for (size_t i = 0; i < G_N_ELEMENTS(prefixes); i++)
        if (!g_ascii_strncasecmp(d, prefixes[i], strlen(prefixes[i])))
            return d + strlen(prefixes[i]);
    return d;
}

/* eprint with eprinttype: identifiers CSL knows, else a URL, else an archive. */
static void eprint(mapper *m)
{
    const char *id = text(m, "eprint", LATEX_VERBATIM);
    const char *type = text(m, "eprinttype", LATEX_PLAIN);
    raw(m, "eprintclass");
    raw(m, "archiveprefix");
    raw(m, "primaryclass");
    if (!id)
        return;
    if (!type)
        type = text(m, "archiveprefix", LATEX_PLAIN);
    if (!type) {
        set(m, "archive_location", id);
        return;
    }
    static const char *const urls[][2] = {
        {"arxiv", "https://arxiv.org/abs/"},
        {"jstor", "https://www.jstor.org/stable/"},
        {"hdl", "https://hdl.handle.net/"},
        {"googlebooks", "https://books.google.com/books?id="},
    };
    if (!g_ascii_strcasecmp(type, "pubmed")) {
        set(m, "PMID", id);
    } else if (!g_ascii_strcasecmp(type, "pmcid")) {
        set(m, "PMCID", id);
    } else if (!g_ascii_strcasecmp(type, "doi")) {
        set(m, "DOI", id);
    } else {
        for (size_t i = 0; i < G_N_ELEMENTS(urls); i++)
            if (!g_ascii_strcasecmp(type, urls[i][0])) {
                set(m, "URL", arena_printf(m->a, "%s%s", urls[i][1], id));
                return;
            }
        set(m, "archive", type);
        set(m, "archive_location", id);
    }
}

/* note and addendum, joined. */
static void note(mapper *m)
{
    const char *n = text(m, "note", LATEX_RICH);
    const char *add = text(m, "addendum", LATEX_RICH);
    if (n && add)
        set(m, "note", arena_printf(m->a, "%s%s%s", n, last_char(n) == '.' ? " " : ". ", add));
    else
        set(m, "note", n ? n : add);
}

static void howpublished(mapper *m)
{
    const char *r = raw(m, "howpublished");
    if (!r)
        return;
    const char *t = latex_to_text(m->a, r, LATEX_RICH);
    if (strstr(r, "\\url") || g_str_has_prefix(t, "http://") || g_str_has_prefix(t, "https://"))
        set(m, "URL", latex_to_text(m->a, r, LATEX_VERBATIM));
    else if (!has(m, "publisher"))
        set(m, "publisher", t);
    else
        set(m, "medium", t);
}

/* number, issue, series and their CSL homes by kind of entry. */
static void numbers(mapper *m)
{
    const char *number = text(m, "number", LATEX_RICH);
    const char *issue = text(m, "issue", LATEX_RICH);
    const char *series = raw(m, "series");
    if (m->articlelike) {
        set(m, "issue", number ? number : issue);
        if (series) {
            const char *s = latex_to_text(m->a, series, LATEX_TITLE);
            set(m, "collection-title", localized(s));
        }
    } else {
        set(m, "issue", issue);
        set(m, "collection-title", text(m, "series", LATEX_TITLE));
        set(m, m->booklike || m->chapterlike ? "collection-number" : "number", number);
    }
    const char *volume = text(m, "volume", LATEX_RICH);
    const char *part = text(m, "part", LATEX_RICH);
    if (volume && part)
        set(m, "volume", arena_printf(m->a, "%s.%s", volume, part));
    else
        set(m, "volume", volume);
    set(m, "number-of-volumes", text(m, "volumes", LATEX_RICH));
    set(m, "number-of-pages", text(m, "pagetotal", LATEX_RICH));
    set(m, "page", pages(m));
    set(m, "chapter-number", text(m, "chapter", LATEX_RICH));
    set(m, "edition", text(m, "edition", LATEX_RICH));
    set(m, "number", text(m, "eid", LATEX_RICH));
}

/* T up to its first colon outside markup ("Title: Subtitle" -> "Title"),
 * trimmed; NULL when T has no such colon and REQUIRE_COLON is set. */
static const char *up_to_colon(mapper *m, const char *t, bool require_colon)
{
    int depth = 0;
    const char *p = t;
    for (; *p; p++) {
        if (*p == '<' && (g_ascii_isalpha(p[1]) || p[1] == '/')) {
            const char *e = strchr(p, '>');
            if (!e)
                break;
            depth += p[1] == '/' ? -1 : 1;
            p = e;
        } else if (*p == ':' && depth <= 0) {
            break;
        }
    }
    if (!*p && require_colon)
        return NULL;
    const char *end = p;
    while (end > t && g_ascii_isspace(end[-1]))
        end--;
    return end > t ? arena_strndup(m->a, t, (size_t)(end - t)) : NULL;
}

static void titles(mapper *m)
{
    set(m, "title", title3(m, "title", "subtitle", "titleaddon"));
    /* an issue's own title (special issues); CSL 1.0.2 has no issue-title */
    set(m, "volume-title", title3(m, "issuetitle", "issuesubtitle", "issuetitleaddon"));
    bool has_main = raw(m, "maintitle") != NULL;
    if (!has_main || m->chapterlike)
        set(m, "title-short", text(m, "shorttitle", LATEX_TITLE));
    /* no shorttitle: the title without its subtitle, as pandoc's reader
     * makes it (CMOS 14.31's short title is the main title) */
    const char *own = text(m, "title", LATEX_TITLE);
    if (own && !has(m, "title-short")) {
        bool sub = (raw(m, "subtitle") || raw(m, "titleaddon")) && !has_main;
        set(m, "title-short", up_to_colon(m, own, !sub));
    }
    const char *main = title3(m, "maintitle", "mainsubtitle", "maintitleaddon");
    /* a book's own booktitle (kept for BibTeX's crossref) is its title again */
    const char *book = title3(m, "booktitle", "booksubtitle", "booktitleaddon");
    if (m->booklike)
        book = NULL;
    const char *journal = title3(m, "journaltitle", "journalsubtitle", "journaltitleaddon");
    if (!journal)
        journal = title3(m, "journal", NULL, NULL);
    if (main && book && m->chapterlike) {
        set(m, "container-title", main);
        set(m, "volume-title", book);
    } else {
        set(m, "container-title", main ? main : book ? book : journal);
    }
    set(m, "container-title-short", text(m, "shortjournal", LATEX_TITLE));
    set(m, "event-title", title3(m, "eventtitle", NULL, "eventtitleaddon"));
    set(m, "original-title", title3(m, "origtitle", NULL, NULL));
}

/* A location list of BibLaTeX's country keys ("countryfr and countryuk", in
 * patents) as English names: "France and United Kingdom"; other text as is. */
static const char *countries(mapper *m, const char *loc)
{
    if (strncmp(loc, "country", 7) != 0)
        return loc;
    GString *g = g_string_new(NULL);
    char **parts = g_strsplit(loc, " and ", -1);
    guint n = g_strv_length(parts);
    for (guint i = 0; i < n; i++) {
        if (i > 0)
            g_string_append(g, i + 1 == n ? " and " : ", ");
        g_string_append(g, localized(g_strstrip(parts[i])));
    }
    g_strfreev(parts);
    char *res = arena_strdup(m->a, g->str);
    g_string_free(g, TRUE);
    return res;
}

static void publication(mapper *m)
{
    const char *pub = text(m, "publisher", LATEX_RICH);
    const char *inst = text(m, "institution", LATEX_RICH);
    const char *school = text(m, "school", LATEX_RICH);
    const char *org = text(m, "organization", LATEX_RICH);
    set(m, "publisher", pub ? pub : inst ? inst : school ? school : org);
    howpublished(m);
    const char *loc = text(m, "location", LATEX_RICH);
    set(m, "publisher-place", loc ? countries(m, loc) : text(m, "address", LATEX_RICH));
    set(m, "original-publisher", text(m, "origpublisher", LATEX_RICH));
    set(m, "original-publisher-place", text(m, "origlocation", LATEX_RICH));
    set(m, "event-place", text(m, "venue", LATEX_RICH));
}

/* genre from type, or from the type alias (phdthesis, techreport). */
static void genre(mapper *m)
{
    const char *t = text(m, "type", LATEX_RICH);
    if (t) {
        set(m, "genre", localized(t));
        return;
    }
    if (!strcmp(m->e->type, "phdthesis") || !strcmp(m->e->type, "mastersthesis") ||
        !strcmp(m->e->type, "techreport"))
        set(m, "genre", localized(m->e->type));
}

/* CSL 1.0.2 variables a .bib may use by name (fields BibLaTeX does not have). */
static const char *const csl_text_vars[] = {
    "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place",
    "authority", "call-number", "chapter-number", "citation-label", "collection-number",
    "collection-title", "container-title", "container-title-short", "dimensions", "division",
    "DOI", "edition", "event-place", "event-title", "genre", "ISBN", "ISSN", "jurisdiction",
    "keyword", "language", "license", "locator", "medium", "note", "number", "number-of-pages",
    "number-of-volumes", "original-publisher", "original-publisher-place", "original-title",
    "page", "part-number", "part-title", "PMCID", "PMID", "printing-number", "publisher",
    "publisher-place", "references", "reviewed-genre", "reviewed-title", "scale", "section",
    "source", "status", "supplement-number", "title", "title-short", "URL", "version",
    "volume", "volume-title", "year-suffix",
};
static const char *const csl_name_vars[] = {
    "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
    "curator", "director", "editorial-director", "executive-producer", "guest", "host",
    "illustrator", "interviewer", "narrator", "organizer", "original-author", "performer",
    "producer", "recipient", "reviewed-author", "script-writer", "series-creator",
};
static const char *const csl_date_vars[] = {
    "accessed", "available-date", "event-date", "issued", "original-date", "submitted",
};

/* Unused fields named like CSL variables (case-insensitively: BibTeX field
 * names are lower case, CSL has DOI, URL, ...). */
static void passthrough(mapper *m, bool useprefix)
{
    GHashTable *vars = NULL; /* lower-case name -> CSL name, kind in the low bits */
    for (size_t i = 0; i < m->e->n_fields; i++) {
        if (m->used[i])
            continue;
        if (!vars) {
            vars = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
            for (size_t k = 0; k < G_N_ELEMENTS(csl_text_vars); k++)
                g_hash_table_insert(vars, g_ascii_strdown(csl_text_vars[k], -1),
                                    (gpointer)csl_text_vars[k]);
            for (size_t k = 0; k < G_N_ELEMENTS(csl_name_vars); k++)
                g_hash_table_insert(vars, g_strdup(csl_name_vars[k]), (gpointer)"names");
            for (size_t k = 0; k < G_N_ELEMENTS(csl_date_vars); k++)
                g_hash_table_insert(vars, g_strdup(csl_date_vars[k]), (gpointer)"date");
        }
        const bibtex_field *fl = &m->e->fields[i];
        const char *var = g_hash_table_lookup(vars, fl->name);
        if (!var)
            continue;
        if (!strcmp(var, "names")) {
            names(m, fl->name, fl->name, useprefix);
        } else if (!strcmp(var, "date")) {
            date(m, fl->name, fl->name);
        } else {
            bool title = strstr(var, "title") != NULL;
            set(m, var, latex_to_text(m->a, fl->value, title ? LATEX_TITLE : LATEX_RICH));
        }
    }
    if (vars)
        g_hash_table_destroy(vars);
}

void bibtex_map_entry(const bibtex_file *f, const bibtex_entry *e, csl_bib *b)
{
    if (!strcmp(e->type, "xdata"))
        return;
    mapper m = {.f = f, .e = e, .b = b, .a = b->arena, .type = bibtex_canonical_type(e->type)};
    m.used = g_new0(bool, e->n_fields ? e->n_fields : 1);
    m.index = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < e->n_fields; i++)
        g_hash_table_insert(m.index, (gpointer)e->fields[i].name, GSIZE_TO_POINTER(i + 1));
    const char *sub = raw(&m, "entrysubtype");
    const char *csl = bibtex_csl_type(e->type, sub);
    if (!csl) {
        diag_warning(f->path, e->line, e->col, "unknown entry type '@%s' of '%s'; read as @misc",
                     e->type, e->key);
        csl = "document";
    }
    if (!strcmp(csl, "manuscript") &&
        (raw(&m, "eventtitle") || raw(&m, "eventdate") || raw(&m, "venue")))
        csl = "speech";
    static const char *const chapters[] = {"inbook",   "bookinbook",     "suppbook",
                                           "incollection", "suppcollection", "inproceedings",
                                           "inreference"};
    static const char *const books[] = {"book",        "mvbook",        "collection",
                                        "mvcollection", "proceedings",   "mvproceedings",
                                        "reference",   "mvreference",   "manual",
                                        "booklet",     "commentary"};
    for (size_t i = 0; i < G_N_ELEMENTS(chapters); i++)
        m.chapterlike |= !strcmp(m.type, chapters[i]);
    for (size_t i = 0; i < G_N_ELEMENTS(books); i++)
        m.booklike |= !strcmp(m.type, books[i]);
    m.articlelike = !strcmp(m.type, "article") || !strcmp(m.type, "suppperiodical") ||
                    !strcmp(m.type, "periodical") || !strcmp(m.type, "review");

    doc_span span = {.file = arena_strdup(b->arena, f->path), .line = e->line, .col = e->col};
    m.it = csl_item_new(b, e->key, csl, span);

    bool useprefix = option_set(&m, "useprefix");
    names(&m, "author", "author", useprefix);
    editors(&m, useprefix);
    names(&m, "translator", "translator", useprefix);
    names(&m, "bookauthor", "container-author", useprefix);
    titles(&m);
    publication(&m);
    numbers(&m);
    date(&m, "date", "issued");
    year_month(&m);
    date(&m, "origdate", "original-date");
    date(&m, "urldate", "accessed");
    date(&m, "eventdate", "event-date");
    genre(&m);
    set(&m, "DOI", doi(&m));
    set(&m, "URL", text(&m, "url", LATEX_VERBATIM));
    eprint(&m);
    set(&m, "ISBN", text(&m, "isbn", LATEX_PLAIN));
    set(&m, "ISSN", text(&m, "issn", LATEX_PLAIN));
    note(&m);
    set(&m, "abstract", text(&m, "abstract", LATEX_RICH));
    set(&m, "keyword", text(&m, "keywords", LATEX_PLAIN));
    set(&m, "annote", text(&m, "annotation", LATEX_RICH));
    set(&m, "annote", text(&m, "annote", LATEX_RICH));
    set(&m, "version", text(&m, "version", LATEX_RICH));
    const char *pubstate = text(&m, "pubstate", LATEX_PLAIN);
    set(&m, "status", pubstate ? localized(pubstate) : NULL);
    language(&m);
    passthrough(&m, useprefix);
    g_hash_table_destroy(m.index);
    g_free(m.used);
}
