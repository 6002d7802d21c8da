/* bib_tex_names.c: BibTeX name lists to CSL names.
 *
 * A list splits at "and" between spaces at brace depth 0. Each name is read
 * as BibTeX does (Patashnik, "Designing BibTeX styles", section 4; Markey,
 * "Tame the BeaST", section 11):
 *
 *   First von Last       von = the words from the first to the last lower-case
 *                        word before the final word
 *   von Last, First      von = the words up to the last lower-case one
 *   von Last, Jr, First
 *
 * A word's case is that of its first letter at brace depth 0; a brace group
 * that starts with a command ({\"O}) is a "special character" and has the
 * case of its letter; other brace groups have no case, so {von} is not a
 * particle. A name that is one brace group ({World Health Organization}) is a
 * literal name. BibLaTeX's extended form "family=Goethe, given=Johann
 * Wolfgang, prefix=von, useprefix=true" is read too. Words are separated by
 * spaces and ties (~); hyphenated words stay one word. */
#include "bib_tex.h"

#include <string.h>

/* Letter commands whose own case is the word's ({\oe}uvre, {\AA}ngstr). */
static const char *const letter_cmds[] = {"ae", "AE", "oe", "OE", "aa", "AA", "o", "O", "l",
                                          "L",  "ss", "SS", "i",  "j",  "dh", "DH", "th", "TH",
                                          "dj", "DJ", "ng", "NG"};

/* 1 lower case, 0 upper case, -1 when the command decides nothing. */
static int command_case(const char *name, size_t n)
{
    for (size_t i = 0; i < G_N_ELEMENTS(letter_cmds); i++)
        if (strlen(letter_cmds[i]) == n && !memcmp(letter_cmds[i], name, n))
            return g_ascii_islower(name[0]) ? 1 : 0;
    return -1;
}

/* Whether a word starts in lower case (a "von" word). */
static bool is_lower_word(const char *w)
{
    int depth = 0;
    bool special = false; /* inside a {\...} group at depth 1 */
    for (const char *p = w; *p;) {
        if (*p == '\\') {
            const char *s = ++p;
            while (g_ascii_isalpha(*p))
                p++;
            if (p == s && *p)
                p++;
            if (depth == 0 || special) {
                int c = command_case(s, (size_t)(p - s));
                if (c >= 0)
                    return c == 1;
            }
            continue;
        }
        if (*p == '{') {
            if (depth == 0)
                special = p[1] == '\\';
            depth++;
            p++;
            continue;
        }
        if (*p == '}') {
            if (depth > 0)
                depth--;
            if (depth == 0)
                special = false;
            p++;
            continue;
        }
        if (depth == 0 || special) {
            gunichar c = g_utf8_get_char(p);
            if (g_unichar_isalpha(c))
                return g_unichar_islower(c);
        }
        p = g_utf8_next_char(p);
    }
    return false; /* no letter with a case: not a particle */
}

/* Splits s at separator characters (in SEPS) at brace depth 0; each piece is
 * trimmed, empty ones are dropped when DROP_EMPTY. Caller frees. */
static GPtrArray *split_depth0(const char *s, const char *seps, bool drop_empty)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    int depth = 0;
    const char *from = s;
    for (const char *p = s;; p++) {
        if (*p == '{')
            depth++;
        else if (*p == '}' && depth > 0)
            depth--;
        else if (*p == '\\' && p[1]) {
            p++; /* \, and \~ are not separators */
            continue;
        }
        if (*p == '\0' || (depth == 0 && strchr(seps, *p))) {
            char *piece = g_strstrip(g_strndup(from, (size_t)(p - from)));
            if (*piece || !drop_empty)
                g_ptr_array_add(out, piece);
            else
                g_free(piece);
            if (*p == '\0')
                break;
            from = p + 1;
        }
    }
    return out;
}

/* Words [from, to) of w joined by spaces, converted; NULL when empty. */
static const char *join(arena *a, GPtrArray *w, guint from, guint to)
{
    if (from >= to)
        return NULL;
    GString *g = g_string_new(NULL);
    for (guint i = from; i < to; i++) {
        if (i > from)
            g_string_append_c(g, ' ');
        g_string_append(g, w->pdata[i]);
    }
    const char *t = latex_to_text(a, g->str, LATEX_PLAIN);
    g_string_free(g, TRUE);
    return *t ? t : NULL;
}

/* Whether the whole of s is one brace group: {...}. */
static bool one_group(const char *s)
{
    if (s[0] != '{')
        return false;
    int depth = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            continue;
        }
        if (*p == '{')
            depth++;
        else if (*p == '}' && --depth == 0)
            return p[1] == '\0';
    }
    return false;
}

/* BibLaTeX's extended name format; false when s is not in it. */
static bool extended(arena *a, const char *s, bool useprefix, csl_name *n)
{
    if (!strchr(s, '='))
        return false;
    GPtrArray *parts = split_depth0(s, ",", true);
    bool ok = parts->len > 0;
    const char *prefix = NULL;
    for (guint i = 0; i < parts->len && ok; i++) {
        char *p = parts->pdata[i];
        char *eq = strchr(p, '=');
        if (!eq) {
            ok = false;
            break;
        }
        *eq = '\0';
        char *key = g_strstrip(p), *val = g_strstrip(eq + 1);
        const char *t = latex_to_text(a, val, LATEX_PLAIN);
        if (!strcmp(key, "family"))
            n->family = t;
        else if (!strcmp(key, "given"))
            n->given = t;
        else if (!strcmp(key, "prefix"))
            prefix = t;
        else if (!strcmp(key, "suffix"))
            n->suffix = t;
        else if (!strcmp(key, "useprefix"))
            useprefix = !g_ascii_strcasecmp(t, "true");
        else if (strcmp(key, "given-i") && strcmp(key, "family-i") && strcmp(key, "prefix-i") &&
                 strcmp(key, "suffix-i") && strcmp(key, "id") && strcmp(key, "gender") &&
                 strcmp(key, "username"))
            ok = false; /* not a key of the format: a comma-separated name with '=' */
    }
    g_ptr_array_free(parts, TRUE);
    if (!ok) {
        *n = (csl_name){0};
        return false;
    }
    if (prefix && *prefix) {
        if (useprefix)
            n->non_dropping_particle = prefix;
        else
            n->dropping_particle = prefix;
    }
    return true;
}

static void parse_name(arena *a, const char *s, bool useprefix, csl_name *n)
{
    if (one_group(s)) {
        n->literal = latex_to_text(a, s, LATEX_PLAIN);
        return;
    }
    if (extended(a, s, useprefix, n))
        return;
    GPtrArray *parts = split_depth0(s, ",", false);
    GPtrArray *w = split_depth0(parts->pdata[0], " ~", true);
    guint nw = w->len, von_from = 0, von_to = 0, last_from = 0;
    const char *given = NULL, *suffix = NULL;
    if (parts->len == 1) {
        /* First von Last */
        guint first_lower = nw;
        for (guint i = 0; i + 1 < nw; i++)
            if (is_lower_word(w->pdata[i])) {
                first_lower = i;
                break;
            }
        if (first_lower < nw) {
            guint last_lower = first_lower;
            for (guint i = first_lower; i + 1 < nw; i++)
                if (is_lower_word(w->pdata[i]))
                    last_lower = i;
            given = join(a, w, 0, first_lower);
            von_from = first_lower;
            von_to = last_lower + 1;
        } else {
            given = join(a, w, 0, nw ? nw - 1 : 0);
            von_from = von_to = nw ? nw - 1 : 0;
        }
        last_from = von_to;
    } else {
        /* von Last, [Jr,] First */
        guint last_lower = nw;
        for (guint i = 0; i + 1 < nw; i++)
            if (is_lower_word(w->pdata[i]))
                last_lower = i;
        von_to = last_lower < nw ? last_lower + 1 : 0;
        last_from = von_to;
        if (parts->len == 2) {
            given = latex_to_text(a, parts->pdata[1], LATEX_PLAIN);
        } else {
            suffix = latex_to_text(a, parts->pdata[1], LATEX_PLAIN);
            GString *g = g_string_new(parts->pdata[2]);
            for (guint i = 3; i < parts->len; i++)
                g_string_append_printf(g, ", %s", (char *)parts->pdata[i]);
            given = latex_to_text(a, g->str, LATEX_PLAIN);
            g_string_free(g, TRUE);
        }
    }
    const char *von = join(a, w, von_from, von_to);
    n->family = join(a, w, last_from, nw);
    n->given = given && *given ? given : NULL;
    n->suffix = suffix && *suffix ? suffix : NULL;
    if (von) {
        if (useprefix)
            n->non_dropping_particle = von;
        else
            n->dropping_particle = von;
    }
    if (!n->family && !n->given && von) { /* a name that is all particle */
        n->family = von;
        n->dropping_particle = n->non_dropping_particle = NULL;
    }
    g_ptr_array_free(w, TRUE);
    g_ptr_array_free(parts, TRUE);
}

/* Splits a list at " and " (any case) at brace depth 0. Caller frees. */
static GPtrArray *split_and(const char *s)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    int depth = 0;
    const char *from = s;
    for (const char *p = s;; p++) {
        if (*p == '{')
            depth++;
        else if (*p == '}' && depth > 0)
            depth--;
        bool sep = depth == 0 && (*p == ' ' || *p == '\t') &&
                   g_ascii_strncasecmp(p + 1, "and", 3) == 0 && (p[4] == ' ' || p[4] == '\t');
        if (*p == '\0' || sep) {
            char *name = g_strstrip(g_strndup(from, (size_t)(p - from)));
            if (*name)
                g_ptr_array_add(out, name);
            else
                g_free(name);
            if (*p == '\0')
                break;
            p += 4;
            from = p;
        }
    }
    return out;
}

csl_names bibtex_names_parse(arena *a, const char *raw, bool useprefix)
{
    GPtrArray *list = split_and(raw);
    csl_names res = {.names = ARENA_ARRAY(a, csl_name, list->len ? list->len : 1), .n = 0};
    for (guint i = 0; i < list->len; i++) {
        const char *s = list->pdata[i];
        csl_name *n = &res.names[res.n];
        if (!g_ascii_strcasecmp(s, "others"))
            n->literal = "others";
        else
            parse_name(a, s, useprefix, n);
        if (n->literal || n->family || n->given)
            res.n++;
    }
    g_ptr_array_free(list, TRUE);
    return res;
}
