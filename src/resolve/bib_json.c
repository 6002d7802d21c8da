/* bib_json.c: the CSL-JSON reader (json-glib). Tolerant of what real exports
 * contain: Zotero's legacy field names (shortTitle, journalAbbreviation),
 * numbers and years given as strings, "raw" and "literal" dates, names given
 * as plain strings or literals, duplicated fields (the last one wins, as in
 * json-glib), and unknown fields (kept as text, never an error). */
#include "bib.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

static const char *const name_vars[] = {"author",
                                        "chair",
                                        "collection-editor",
                                        "compiler",
                                        "composer",
                                        "container-author",
                                        "contributor",
                                        "curator",
                                        "director",
                                        "editor",
                                        "editorial-director",
                                        "editor-translator",
                                        "executive-producer",
                                        "guest",
                                        "host",
                                        "illustrator",
                                        "interviewer",
                                        "narrator",
                                        "organizer",
                                        "original-author",
                                        "performer",
                                        "producer",
                                        "recipient",
                                        "reviewed-author",
                                        "script-writer",
                                        "series-creator",
                                        "translator",
                                        NULL};

static const char *const date_vars[] = {"accessed",      "available-date", "event-date", "issued",
                                        "original-date", "submitted",      "container",  NULL};

/* Standard and number variables (CSL 1.0.2 Appendix IV), for the "key:
 * value" lines that Zotero and citeproc-js read from the note field. */
static const char *const text_vars[] = {"abstract",
                                        "annote",
                                        "archive",
                                        "archive_collection",
                                        "archive_location",
                                        "archive-place",
                                        "authority",
                                        "call-number",
                                        "chapter-number",
                                        "citation-key",
                                        "citation-label",
                                        "collection-number",
                                        "collection-title",
                                        "container-title",
                                        "container-title-short",
                                        "dimensions",
                                        "division",
                                        "DOI",
                                        "edition",
                                        "event",
                                        "event-title",
                                        "event-place",
                                        "genre",
                                        "ISBN",
                                        "ISSN",
                                        "issue",
                                        "jurisdiction",
                                        "keyword",
                                        "language",
                                        "license",
                                        "locator",
                                        "medium",
                                        "number",
                                        "number-of-pages",
                                        "number-of-volumes",
                                        "original-publisher",
                                        "original-publisher-place",
                                        "original-title",
                                        "page",
                                        "page-first",
                                        "part-number",
                                        "part-title",
                                        "PMCID",
                                        "PMID",
                                        "printing-number",
                                        "publisher",
                                        "publisher-place",
                                        "references",
                                        "reviewed-genre",
                                        "reviewed-title",
                                        "scale",
                                        "section",
                                        "source",
                                        "status",
                                        "supplement-number",
                                        "title",
                                        "title-short",
                                        "URL",
                                        "version",
                                        "volume",
                                        "volume-title",
                                        NULL};

/* Legacy and Zotero field names, and their CSL 1.0.2 names. */
static const char *const aliases[][2] = {
    {"shortTitle", "title-short"},
    {"journalAbbreviation", "container-title-short"},
    {"journalabbreviation", "container-title-short"},
    {"shorttitle", "title-short"},
    {NULL, NULL},
};

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

typedef struct {
    const char *path;
    const char *data;
    size_t len, search_from;
    csl_bib *bib;
} reader;

/* Where an item with this id is in the text (its "id" string), for
 * diagnostics: json-glib keeps no positions after parsing. */
static doc_span locate(reader *r, const char *id)
{
    doc_span sp = {r->path, 0, 0};
    char *needle = g_strdup_printf("\"%s\"", id);
    const char *hit =
        g_strstr_len(r->data + r->search_from, (gssize)(r->len - r->search_from), needle);
    if (!hit)
        hit = g_strstr_len(r->data, (gssize)r->len, needle);
    if (hit) {
        unsigned line = 1, col = 1;
        for (const char *p = r->data; p < hit; p++) {
            if (*p == '\n') {
                line++;
                col = 1;
            } else if (((unsigned char)*p & 0xC0) != 0x80) {
                col++;
            }
        }
        sp.line = line;
        sp.col = col;
        r->search_from = (size_t)(hit - r->data);
    }
    g_free(needle);
    return sp;
}

/* Text of a scalar node (strings as is, numbers without a fraction as
 * integers); NULL for anything else. Caller frees. */
static char *scalar_text(JsonNode *n)
{
    if (!n || JSON_NODE_TYPE(n) != JSON_NODE_VALUE)
        return NULL;
    GType t = json_node_get_value_type(n);
    if (t == G_TYPE_STRING)
        return g_strdup(json_node_get_string(n));
    if (t == G_TYPE_INT64)
        return g_strdup_printf("%" G_GINT64_FORMAT, json_node_get_int(n));
    if (t == G_TYPE_DOUBLE) {
        double d = json_node_get_double(n);
        if (d == (double)(long long)d)
            return g_strdup_printf("%lld", (long long)d);
        return g_strdup_printf("%g", d);
    }
    if (t == G_TYPE_BOOLEAN)
        return g_strdup(json_node_get_boolean(n) ? "true" : "false");
    return NULL;
}

static bool scalar_int(JsonNode *n, int *out)
{
    char *s = scalar_text(n);
    if (!s)
        return false;
    char *end;
    long v = strtol(g_strstrip(s), &end, 10);
    bool ok = end != s && *end == '\0' && v > -1000000 && v < 1000000;
    if (ok)
        *out = (int)v;
    g_free(s);
    return ok;
}

static bool scalar_bool(JsonNode *n)
{
    if (!n || JSON_NODE_TYPE(n) != JSON_NODE_VALUE)
        return false;
    GType t = json_node_get_value_type(n);
    if (t == G_TYPE_BOOLEAN)
        return json_node_get_boolean(n);
    if (t == G_TYPE_INT64)
        return json_node_get_int(n) != 0;
    if (t == G_TYPE_STRING)
        return strcmp(json_node_get_string(n), "true") == 0 ||
               strcmp(json_node_get_string(n), "1") == 0;
    return false;
}

static const char *member_text(csl_bib *b, JsonObject *o, const char *key)
{
    if (!json_object_has_member(o, key))
        return NULL;
    char *s = scalar_text(json_object_get_member(o, key));
    if (!s)
        return NULL;
    g_strstrip(s);
    const char *r = *s ? arena_strdup(b->arena, s) : NULL;
    g_free(s);
    return r;
}

/* ---- names ------------------------------------------------------------------ */

static bool is_lower_word(const char *w, size_t n)
{
    /* a particle: starts with a lowercase letter ("van", "de", "d'", "al-") */
    if (n == 0)
        return false;
    gunichar c = g_utf8_get_char(w);
    return g_unichar_islower(c);
}

void bib_parse_particles(csl_bib *b, csl_name *n)
{
    if (n->literal)
        return;
    /* a family name in double quotes is taken as written ("Van Dyke") */
    if (n->family && n->family[0] == '"' && strlen(n->family) > 2 &&
        n->family[strlen(n->family) - 1] == '"') {
        n->family = arena_strndup(b->arena, n->family + 1, strlen(n->family) - 2);
        return;
    }
    /* a suffix after a comma in the given name ("John, III"); "!" asks
     * for a comma before the suffix ("John,! Jr." -> "John Doe, Jr.") */
    if (n->given && !n->suffix) {
        const char *comma = strchr(n->given, ',');
        if (comma) {
            const char *suf = comma + 1;
            bool bang = *suf == '!';
            if (bang)
                suf++;
            while (*suf == ' ')
                suf++;
            if (*suf) {
                n->suffix = arena_strdup(b->arena, suf);
                n->comma_suffix = n->comma_suffix || bang;
                n->given = arena_strndup(b->arena, n->given, (size_t)(comma - n->given));
            }
        }
    }
    /* family: leading lowercase words, or a lowercase prefix ending in an
     * apostrophe or hyphen ("d'Aubignac", "al-One") */
    if (n->family && !n->non_dropping_particle) {
        const char *f = n->family;
        const char *cut = NULL; /* end of the particle (exclusive) */
        const char *rest = NULL;
        const char *p = f;
        while (*p) {
            const char *sp = strchr(p, ' ');
            size_t wl = sp ? (size_t)(sp - p) : strlen(p);
            if (!is_lower_word(p, wl))
                break;
            /* apostrophe or hyphen inside the word: particle is up to it */
            const char *ap = NULL;
            for (const char *q = p; q < p + wl; q++) {
                if (*q == '\'' || *q == '-') {
                    ap = q + 1;
                    break;
                }
                if ((unsigned char)q[0] == 0xE2 && (unsigned char)q[1] == 0x80 &&
                    (unsigned char)q[2] == 0x99 && q + 3 <= p + wl) { /* ’ */
                    ap = q + 3;
                    break;
                }
            }
            if (ap && ap < p + wl) {
                cut = ap;
                rest = ap;
                break;
            }
            if (!sp)
                break; /* the last word stays the family name */
            cut = p + wl;
            rest = sp + 1;
            p = sp + 1;
        }
        if (cut && rest && *rest) {
            n->non_dropping_particle = arena_strndup(b->arena, f, (size_t)(cut - f));
            n->family = arena_strdup(b->arena, rest);
        }
    }
    /* given: trailing lowercase words are a dropping particle ("Alexander von") */
    if (n->given && !n->dropping_particle) {
        const char *g = n->given;
        size_t len = strlen(g);
        const char *start = NULL;
        const char *p = g + len;
        while (p > g) {
            const char *sp = p;
            while (sp > g && sp[-1] != ' ')
                sp--;
            if (sp == g)
                break; /* the first word stays the given name */
            if (!is_lower_word(sp, (size_t)(p - sp)))
                break;
            start = sp;
            p = sp - 1;
        }
        if (start) {
            size_t glen = (size_t)(start - g);
            while (glen > 0 && g[glen - 1] == ' ')
                glen--;
            n->dropping_particle = arena_strdup(b->arena, start);
            n->given = arena_strndup(b->arena, g, glen);
        }
    }
}

static bool parse_name(reader *r, JsonNode *node, csl_name *n)
{
    memset(n, 0, sizeof *n);
    csl_bib *b = r->bib;
    if (JSON_NODE_TYPE(node) == JSON_NODE_VALUE) {
        char *s = scalar_text(node);
        if (!s)
            return false;
        n->literal = arena_strdup(b->arena, g_strstrip(s));
        g_free(s);
        return *n->literal != '\0';
    }
    if (JSON_NODE_TYPE(node) != JSON_NODE_OBJECT)
        return false;
    JsonObject *o = json_node_get_object(node);
    n->family = member_text(b, o, "family");
    n->given = member_text(b, o, "given");
    n->dropping_particle = member_text(b, o, "dropping-particle");
    n->non_dropping_particle = member_text(b, o, "non-dropping-particle");
    n->suffix = member_text(b, o, "suffix");
    n->literal = member_text(b, o, "literal");
    if (!n->literal && !n->family && !n->given && json_object_has_member(o, "name"))
        n->literal = member_text(b, o, "name");
    n->comma_suffix = json_object_has_member(o, "comma-suffix") &&
                      scalar_bool(json_object_get_member(o, "comma-suffix"));
    n->static_ordering = json_object_has_member(o, "static-ordering") &&
                         scalar_bool(json_object_get_member(o, "static-ordering"));
    bool parse = true;
    if (json_object_has_member(o, "parse-names"))
        parse = scalar_bool(json_object_get_member(o, "parse-names"));
    if (parse)
        bib_parse_particles(b, n);
    return n->family || n->given || n->literal;
}

static void set_names(reader *r, csl_item *it, const char *var, JsonNode *node)
{
    csl_names names = {0};
    if (JSON_NODE_TYPE(node) == JSON_NODE_ARRAY) {
        JsonArray *a = json_node_get_array(node);
        guint n = json_array_get_length(a);
        names.names = ARENA_ARRAY(r->bib->arena, csl_name, n ? n : 1);
        for (guint i = 0; i < n; i++)
            if (parse_name(r, json_array_get_element(a, i), &names.names[names.n]))
                names.n++;
    } else {
        names.names = ARENA_NEW(r->bib->arena, csl_name);
        if (parse_name(r, node, &names.names[0]))
            names.n = 1;
    }
    if (names.n)
        csl_item_set_names(r->bib, it, var, names);
}

/* ---- dates ------------------------------------------------------------------ */

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const season_names[] = {"spr", "sum", "fal", "win"};

/* One date: "2004-05-06", "2004-05", "2004", "May 2004", "6 May 2004",
 * "May 6, 2004", "Spring 2004". */
static bool parse_one_date(const char *s, int part[3], int *season)
{
    part[0] = part[1] = part[2] = 0;
    while (*s == ' ')
        s++;
    if (!*s)
        return false;
    /* ISO-like: [-]YYYY[-MM[-DD]] */
    {
        const char *p = s;
        bool neg = false;
        if (*p == '-') {
            neg = true;
            p++;
        }
        char *end;
        long y = strtol(p, &end, 10);
        if (end != p && end - p <= 5) {
            int mo = 0, d = 0;
            const char *q = end;
            bool ok = true;
            if (*q == '-' || *q == '/') {
                char *e2;
                long m = strtol(q + 1, &e2, 10);
                if (e2 == q + 1 || m < 1 || m > 16)
                    ok = false;
                else {
                    mo = (int)m;
                    q = e2;
                    if (*q == '-' || *q == '/') {
                        char *e3;
                        long dd = strtol(q + 1, &e3, 10);
                        if (e3 == q + 1 || dd < 1 || dd > 31)
                            ok = false;
                        else {
                            d = (int)dd;
                            q = e3;
                        }
                    }
                }
            }
            while (*q == ' ')
                q++;
            if (ok && (*q == '\0' || *q == 'T')) {
                part[0] = neg ? -(int)y : (int)y;
                part[1] = mo;
                part[2] = d;
                return y != 0 || neg;
            }
        }
    }
    /* words: month names, seasons, day and year numbers */
    gchar **w = g_strsplit_set(s, " ,./", -1);
    int y = 0, m = 0, d = 0, nums[3], nn = 0;
    bool bad = false;
    for (int i = 0; w[i]; i++) {
        if (!*w[i])
            continue;
        char *end;
        long v = strtol(w[i], &end, 10);
        if (end != w[i] && *end == '\0') {
            if (nn < 3)
                nums[nn++] = (int)v;
            else
                bad = true;
            continue;
        }
        char *low = g_ascii_strdown(w[i], -1);
        bool found = false;
        for (int k = 0; k < 12 && !found; k++)
            if (g_str_has_prefix(low, month_names[k])) {
                m = k + 1;
                found = true;
            }
        for (int k = 0; k < 4 && !found; k++)
            if (g_str_has_prefix(low, season_names[k]) || (k == 2 && !strcmp(low, "autumn"))) {
                m = 13 + k;
                if (season)
                    *season = k + 1;
                found = true;
            }
        g_free(low);
        if (!found)
            bad = true;
    }
    g_strfreev(w);
    if (bad || nn == 0)
        return false;
    if (nn == 1) {
        y = nums[0];
    } else if (nn == 2) {
        /* "6 May 2004" / "May 6 2004": the larger is the year */
        if (nums[0] > 31) {
            y = nums[0];
            d = nums[1];
        } else {
            d = nums[0];
            y = nums[1];
        }
        if (!m) {
            /* "5/2004" */
            m = d;
            d = 0;
        }
    } else {
        /* "5 6 2004": month day year */
        if (m)
            return false;
        m = nums[0];
        d = nums[1];
        y = nums[2];
    }
    if (m > 16 || d > 31 || y == 0)
        return false;
    part[0] = y;
    part[1] = m;
    part[2] = d;
    return true;
}

bool bib_parse_raw_date(const char *s, csl_date *out)
{
    memset(out, 0, sizeof *out);
    char *t = g_strstrip(g_strdup(s));
    bool ok = false;
    char *body = t;
    /* "circa 1900", "ca. 1900", "c. 1900", "1900?", "1900~" */
    static const char *const circa[] = {"circa ", "ca. ", "ca ", "c. ", NULL};
    for (int i = 0; circa[i]; i++)
        if (g_ascii_strncasecmp(body, circa[i], strlen(circa[i])) == 0) {
            out->circa = true;
            body += strlen(circa[i]);
        }
    size_t bl = strlen(body);
    while (bl > 0 && (body[bl - 1] == '?' || body[bl - 1] == '~')) {
        out->circa = true;
        body[--bl] = '\0';
    }
    /* a range: "2004/2005", "Spring 1999 - Summer 2001", "2004-05-06/2004-05-09" */
    char *sep = strchr(body, '/');
    if (sep && sep != body && g_ascii_isdigit(sep[-1]) && strchr(sep + 1, '-') == NULL &&
        strlen(sep + 1) <= 2)
        sep = NULL; /* "5/2004" is month/year */
    if (!sep) {
        char *dash = strstr(body, " - ");
        if (!dash)
            dash = strstr(body, " – ");
        if (dash) {
            *dash = '\0';
            char *rhs = dash + (dash[1] == '-' ? 3 : 5);
            int season = 0;
            ok = parse_one_date(body, out->parts[0], &season) &&
                 parse_one_date(rhs, out->parts[1], NULL);
            out->is_range = ok;
            out->season = 0;
            goto out;
        }
    }
    if (sep) {
        *sep = '\0';
        ok = parse_one_date(body, out->parts[0], NULL) &&
             parse_one_date(sep + 1, out->parts[1], NULL);
        out->is_range = ok;
        goto out;
    }
    int season = 0;
    ok = parse_one_date(body, out->parts[0], &season);
out:
    g_free(t);
    if (!ok)
        memset(out, 0, sizeof *out);
    return ok;
}

/* A date part given as a number or a numeric string; 0 when absent. */
static int date_part(JsonArray *a, guint i)
{
    int v = 0;
    if (i < json_array_get_length(a) && scalar_int(json_array_get_element(a, i), &v))
        return v;
    return 0;
}

static void set_date(reader *r, csl_item *it, const char *var, JsonNode *node)
{
    csl_date d = {0};
    csl_bib *b = r->bib;
    if (JSON_NODE_TYPE(node) == JSON_NODE_VALUE) {
        char *s = scalar_text(node);
        if (!s)
            return;
        if (!bib_parse_raw_date(s, &d))
            d.literal = arena_strdup(b->arena, s);
        g_free(s);
        csl_item_set_date(b, it, var, d);
        return;
    }
    if (JSON_NODE_TYPE(node) == JSON_NODE_ARRAY) {
        /* a bare date-parts array */
        JsonObject *o = json_object_new();
        json_object_set_member(o, "date-parts", json_node_copy(node));
        JsonNode *wrap = json_node_init_object(json_node_alloc(), o);
        set_date(r, it, var, wrap);
        json_node_unref(wrap);
        json_object_unref(o);
        return;
    }
    if (JSON_NODE_TYPE(node) != JSON_NODE_OBJECT)
        return;
    JsonObject *o = json_node_get_object(node);
    bool have = false;
    if (json_object_has_member(o, "date-parts")) {
        JsonNode *dp = json_object_get_member(o, "date-parts");
        if (JSON_NODE_TYPE(dp) == JSON_NODE_ARRAY) {
            JsonArray *a = json_node_get_array(dp);
            guint n = json_array_get_length(a);
            for (guint i = 0; i < n && i < 2; i++) {
                JsonNode *e = json_array_get_element(a, i);
                if (JSON_NODE_TYPE(e) != JSON_NODE_ARRAY)
                    continue;
                JsonArray *pa = json_node_get_array(e);
                /* a year given as "2000-01-02" inside date-parts */
                if (json_array_get_length(pa) == 1) {
                    char *s = scalar_text(json_array_get_element(pa, 0));
                    csl_date tmp;
                    if (s && strchr(s + 1, '-') && bib_parse_raw_date(s, &tmp)) {
                        memcpy(d.parts[i], tmp.parts[0], sizeof d.parts[i]);
                        g_free(s);
                        if (d.parts[i][0] != 0)
                            have = true;
                        if (i == 1)
                            d.is_range = true;
                        continue;
                    }
                    g_free(s);
                }
                d.parts[i][0] = date_part(pa, 0);
                d.parts[i][1] = date_part(pa, 1);
                d.parts[i][2] = date_part(pa, 2);
                /* months 13-16 and 21-24 are seasons (citeproc-js) */
                if (d.parts[i][1] >= 21 && d.parts[i][1] <= 24)
                    d.parts[i][1] -= 8;
                if (d.parts[i][1] < 0 || d.parts[i][1] > 16)
                    d.parts[i][1] = 0;
                if (d.parts[i][2] < 0 || d.parts[i][2] > 31)
                    d.parts[i][2] = 0;
                if (i == 0 && (d.parts[0][0] != 0 || d.parts[0][1] != 0))
                    have = true;
                /* [[1987], [0]] is an open range ("1987–") */
                if (i == 1)
                    d.is_range = true;
            }
        }
    }
    if (json_object_has_member(o, "season")) {
        int s = 0;
        char *st = scalar_text(json_object_get_member(o, "season"));
        if (scalar_int(json_object_get_member(o, "season"), &s) && s >= 1 && s <= 4) {
            d.season = s;
        } else if (st) {
            for (int k = 0; k < 4; k++)
                if (g_ascii_strncasecmp(st, season_names[k], 3) == 0)
                    d.season = k + 1;
        }
        g_free(st);
    }
    if (json_object_has_member(o, "circa"))
        d.circa = scalar_bool(json_object_get_member(o, "circa")) ||
                  (member_text(b, o, "circa") != NULL &&
                   strcmp(member_text(b, o, "circa"), "false") != 0 &&
                   strcmp(member_text(b, o, "circa"), "0") != 0);
    if (!have && json_object_has_member(o, "raw")) {
        const char *raw = member_text(b, o, "raw");
        if (raw) {
            bool circa = d.circa;
            if (bib_parse_raw_date(raw, &d))
                have = true;
            else
                d.literal = raw;
            d.circa = d.circa || circa;
        }
    }
    if (!have && !d.literal && json_object_has_member(o, "literal"))
        d.literal = member_text(b, o, "literal");
    if (!have && !d.literal && json_object_has_member(o, "year")) {
        /* citeproc-js's old form {"year": 2000, "month": 1, "day": 2} */
        scalar_int(json_object_get_member(o, "year"), &d.parts[0][0]);
        if (json_object_has_member(o, "month"))
            scalar_int(json_object_get_member(o, "month"), &d.parts[0][1]);
        if (json_object_has_member(o, "day"))
            scalar_int(json_object_get_member(o, "day"), &d.parts[0][2]);
        have = d.parts[0][0] != 0;
    }
    if (!have && !d.literal)
        return;
    if (d.season && d.parts[0][1] == 0 && have)
        d.parts[0][1] = 12 + d.season;
    csl_item_set_date(b, it, var, d);
}

/* ---- items ------------------------------------------------------------------- */

/* Zotero's "Extra" convention, as citeproc-js reads it: lines "name: value"
 * (or "{:name: value}") in the note field set variables the item lacks;
 * names are "Family || Given", dates as raw dates. */
static void note_fields(reader *r, csl_item *it)
{
    const char *note = csl_item_text(it, "note");
    if (!note || !strchr(note, ':'))
        return;
    gchar **lines = g_strsplit(note, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        char *l = g_strstrip(lines[i]);
        if (l[0] == '{' && l[1] == ':') {
            size_t n = strlen(l);
            if (n > 3 && l[n - 1] == '}') {
                l[n - 1] = '\0';
                l += 2;
            }
        }
        char *colon = strchr(l, ':');
        if (!colon || colon == l)
            continue;
        char *key = g_strndup(l, (size_t)(colon - l));
        g_strstrip(key);
        char *val = g_strstrip(g_strdup(colon + 1));
        const char *var = NULL;
        for (size_t k = 0; text_vars[k] && !var; k++)
            if (!strcmp(key, text_vars[k]))
                var = text_vars[k];
        for (size_t k = 0; name_vars[k] && !var; k++)
            if (!strcmp(key, name_vars[k]))
                var = name_vars[k];
        for (size_t k = 0; date_vars[k] && !var; k++)
            if (!strcmp(key, date_vars[k]))
                var = date_vars[k];
        if (var && *val && !g_hash_table_contains(it->vars, var)) {
            if (in_list(date_vars, var)) {
                csl_date d;
                if (!bib_parse_raw_date(val, &d)) {
                    memset(&d, 0, sizeof d);
                    d.literal = arena_strdup(r->bib->arena, val);
                }
                csl_item_set_date(r->bib, it, var, d);
            } else if (in_list(name_vars, var)) {
                csl_names ns = {ARENA_NEW(r->bib->arena, csl_name), 1};
                char *bar = strstr(val, "||");
                if (bar) {
                    *bar = '\0';
                    ns.names[0].family = arena_strdup(r->bib->arena, g_strstrip(val));
                    ns.names[0].given = arena_strdup(r->bib->arena, g_strstrip(bar + 2));
                    bib_parse_particles(r->bib, &ns.names[0]);
                } else {
                    ns.names[0].literal = arena_strdup(r->bib->arena, val);
                }
                csl_item_set_names(r->bib, it, var, ns);
            } else {
                csl_item_set_text(r->bib, it, var, val);
            }
        }
        g_free(key);
        g_free(val);
    }
    g_strfreev(lines);
}

static bool read_item(reader *r, JsonNode *node, guint index)
{
    if (JSON_NODE_TYPE(node) != JSON_NODE_OBJECT) {
        diag_error(r->path, 0, 0, "bibliography entry %u is not a JSON object", index + 1);
        return false;
    }
    JsonObject *o = json_node_get_object(node);
    char *id =
        json_object_has_member(o, "id") ? scalar_text(json_object_get_member(o, "id")) : NULL;
    if (!id || !*id) {
        /* citeproc-js's test convention; it lets the entry still be listed */
        g_free(id);
        id = g_strdup_printf("ITEM-%u", index + 1);
        diag_warning(r->path, 0, 0, "bibliography entry %u has no \"id\"; calling it %s", index + 1,
                     id);
    }
    doc_span span = locate(r, id);
    if (g_hash_table_contains(r->bib->by_id, id))
        diag_warning(span.file, span.line, span.col,
                     "duplicate bibliography id '%s' (the first one is used)", id);
    char *type =
        json_object_has_member(o, "type") ? scalar_text(json_object_get_member(o, "type")) : NULL;
    csl_item *it = csl_item_new(r->bib, id, type && *type ? type : "document", span);
    g_free(type);
    g_free(id);

    GList *members = json_object_get_members(o);
    for (GList *l = members; l; l = l->next) {
        const char *key = l->data;
        JsonNode *v = json_object_get_member(o, key);
        if (!strcmp(key, "id") || !strcmp(key, "type") || JSON_NODE_TYPE(v) == JSON_NODE_NULL)
            continue;
        const char *name = key;
        for (size_t k = 0; aliases[k][0]; k++)
            if (!strcmp(key, aliases[k][0])) {
                name = aliases[k][1];
                /* the CSL 1.0.2 name wins when both are present */
                if (json_object_has_member(o, name))
                    name = NULL;
                break;
            }
        if (!name)
            continue;
        if (in_list(name_vars, name)) {
            set_names(r, it, name, v);
        } else if (in_list(date_vars, name)) {
            set_date(r, it, name, v);
        } else if (JSON_NODE_TYPE(v) == JSON_NODE_VALUE) {
            char *s = scalar_text(v);
            if (s) {
                g_strstrip(s);
                if (*s)
                    csl_item_set_text(r->bib, it, name, s);
            }
            g_free(s);
        } else if (JSON_NODE_TYPE(v) == JSON_NODE_ARRAY && !strcmp(name, "categories")) {
            continue;
        }
        /* other objects and arrays (custom data) are not CSL variables */
    }
    g_list_free(members);
    note_fields(r, it);
    return true;
}

bool bib_json_load(const char *path, const char *data, size_t len, csl_bib *into)
{
    bool ok = false;
    GError *err = NULL;
    JsonParser *parser = json_parser_new();
    reader r = {path, data, len, 0, into};
    if (!json_parser_load_from_data(parser, data, (gssize)len, &err)) {
        /* json-glib: "<data>:LINE:COL: Parse error: ..." */
        unsigned line = 0, col = 0;
        const char *msg = err->message;
        const char *p = strchr(msg, ':');
        if (p && sscanf(p + 1, "%u:%u:", &line, &col) == 2) {
            const char *q = strstr(p + 1, ": ");
            if (q)
                msg = q + 2;
        }
        diag_error(path, line, col, "invalid JSON: %s", msg);
        goto out;
    }
    JsonNode *root = json_parser_get_root(parser);
    if (!root) {
        ok = true; /* an empty file is an empty bibliography */
        goto out;
    }
    if (JSON_NODE_TYPE(root) == JSON_NODE_OBJECT) {
        /* a single item, or {"items": [...]} / {"references": [...]} */
        JsonObject *o = json_node_get_object(root);
        JsonNode *inner = NULL;
        if (json_object_has_member(o, "items"))
            inner = json_object_get_member(o, "items");
        else if (json_object_has_member(o, "references"))
            inner = json_object_get_member(o, "references");
        if (inner && JSON_NODE_TYPE(inner) == JSON_NODE_ARRAY)
            root = inner;
        else {
            ok = read_item(&r, root, 0);
            goto out;
        }
    }
    if (JSON_NODE_TYPE(root) != JSON_NODE_ARRAY) {
        diag_error(path, 1, 1, "a CSL-JSON bibliography must be an array of items");
        goto out;
    }
    JsonArray *a = json_node_get_array(root);
    guint n = json_array_get_length(a);
    ok = true;
    for (guint i = 0; i < n && ok; i++) /* the first bad entry is the one to fix */
        ok = read_item(&r, json_array_get_element(a, i), i);
out:
    if (err)
        g_error_free(err);
    g_object_unref(parser);
    return ok;
}
