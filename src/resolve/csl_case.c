/* csl_case.c: text-case on rich text (CSL 1.0.2 "Text-case", "Sentence Case
 * Conversion", "Title Case Conversion"). The text of the subtree is cut into
 * chunks (runs of letters/digits, of spaces, of punctuation) and a small
 * state machine walks them in order, so words that span markup are seen
 * whole. Text under nocase, small caps, superscript, subscript, links and
 * display blocks keeps its case but still moves the state along. */
#include <string.h>

#include "csl_int.h"

typedef enum {
    ST_START,
    ST_START_SENTENCE,
    ST_AFTER_WORD_END,
    ST_AFTER_WORD_CHAR,
    ST_AFTER_SENTENCE_PUNCT,
    ST_BEFORE_LAST_WORD,
} case_state;

/* English stop words for title case: the CSL schema's stop-words list
 * (prepositions, articles, conjunctions) and name particles. */
static const char *const stop_words[] = {
    "a",          "about",   "above",     "across",  "afore",     "after",
    "against",    "along",   "alongside", "amid",    "amidst",    "among",
    "amongst",    "an",      "and",       "anenst",  "apropos",   "apud",
    "around",     "as",      "aside",     "astride", "at",        "athwart",
    "atop",       "barring", "before",    "behind",  "below",     "beneath",
    "beside",     "besides", "between",   "beyond",  "but",       "by",
    "c",          "ca",      "circa",     "d",       "de",        "despite",
    "down",       "during",  "except",    "for",     "forenenst", "from",
    "given",      "in",      "inside",    "into",    "l",         "lest",
    "like",       "modulo",  "near",      "next",    "nor",       "notwithstanding",
    "of",         "off",     "on",        "onto",    "or",        "out",
    "over",       "per",     "plus",      "qua",     "sans",      "since",
    "so",         "than",    "the",       "through", "thru",      "throughout",
    "thruout",    "till",    "to",        "toward",  "towards",   "under",
    "underneath", "until",   "unto",      "up",      "upon",      "v",
    "van",        "versus",  "via",       "von",     "vs",        "with",
    "within",     "without", "yet",       NULL};

static bool is_stop_word(const char *w)
{
    for (size_t i = 0; stop_words[i]; i++)
        if (strcmp(w, stop_words[i]) == 0)
            return true;
    return false;
}

typedef struct {
    csl_rich *leaf;
    bool protected_;
} leaf_ref;

static void collect(csl_rich *r, bool prot, GArray *out)
{
    if (r->kind == CSL_RICH_TEXT) {
        leaf_ref l = {r, prot};
        g_array_append_val(out, l);
        return;
    }
    bool p = prot || r->kind == CSL_RICH_NOCASE || r->kind == CSL_RICH_SMALL_CAPS ||
             r->kind == CSL_RICH_SUP || r->kind == CSL_RICH_SUB || r->kind == CSL_RICH_BASELINE ||
             r->kind == CSL_RICH_LINK || r->kind == CSL_RICH_DISPLAY ||
             r->kind == CSL_RICH_NO_DECORATION;
    for (csl_rich *k = r->first; k; k = k->next)
        collect(k, p, out);
}

static int char_class(gunichar c)
{
    if (g_unichar_isalnum(c) || g_unichar_ismark(c))
        return 1;
    if (g_unichar_isspace(c))
        return 2;
    GUnicodeType t = g_unichar_type(c);
    if (t == G_UNICODE_CONNECT_PUNCTUATION || t == G_UNICODE_DASH_PUNCTUATION ||
        t == G_UNICODE_CLOSE_PUNCTUATION || t == G_UNICODE_FINAL_PUNCTUATION ||
        t == G_UNICODE_INITIAL_PUNCTUATION || t == G_UNICODE_OTHER_PUNCTUATION ||
        t == G_UNICODE_OPEN_PUNCTUATION)
        return 3;
    return 4; /* symbols: each its own chunk */
}

static bool all_lower(const char *s)
{
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isupper(c) || g_unichar_istitle(c))
            return false;
    }
    return true;
}

static bool all_upper(const char *s)
{
    for (const char *p = s; *p; p = g_utf8_next_char(p))
        if (g_unichar_islower(g_utf8_get_char(p)))
            return false;
    return true;
}

static bool mixed_case(const char *s)
{
    bool up = false, low = false;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        up = up || g_unichar_isupper(c);
        low = low || g_unichar_islower(c);
    }
    return up && low;
}

/* "Upper" followed by lowercase only. */
static bool capitalized(const char *s)
{
    if (!*s || !g_unichar_isupper(g_utf8_get_char(s)))
        return false;
    return all_lower(g_utf8_next_char(s));
}

static bool has_non_ascii(const char *s)
{
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p >= 0x80)
            return true;
    return false;
}

char *csl_utf8_upper_first(const char *s)
{
    if (!*s)
        return g_strdup(s);
    gunichar c = g_utf8_get_char(s);
    char buf[8];
    int n = g_unichar_to_utf8(g_unichar_toupper(c), buf);
    return g_strdup_printf("%.*s%s", n, buf, g_utf8_next_char(s));
}

static char *lower(const char *s)
{
    return g_utf8_strdown(s, -1);
}

/* The new text of one word chunk, or NULL to keep it. */
static char *transform(int tc, case_state st, const char *w)
{
    bool start = st == ST_START || st == ST_START_SENTENCE;
    switch (tc) {
    case TC_UPPER:
        return g_utf8_strup(w, -1);
    case TC_LOWER:
        return g_utf8_strdown(w, -1);
    case TC_CAP_FIRST:
        if (st == ST_START && all_lower(w))
            return csl_utf8_upper_first(w);
        return NULL;
    case TC_CAP_ALL:
        if (mixed_case(w))
            return NULL;
        if ((start || st == ST_AFTER_WORD_END || st == ST_BEFORE_LAST_WORD) && all_lower(w))
            return csl_utf8_upper_first(w);
        return NULL;
    case TC_SENTENCE:
        if (capitalized(w) && !start)
            return lower(w);
        if ((capitalized(w) || all_lower(w)) && start) {
            char *l = lower(w);
            char *r = csl_utf8_upper_first(l);
            g_free(l);
            return r;
        }
        return NULL;
    case TC_TITLE: {
        if (mixed_case(w) || all_upper(w) || has_non_ascii(w))
            return NULL;
        bool cap = start ||
                   (st == ST_AFTER_WORD_END && !is_stop_word(w) && g_utf8_strlen(w, -1) > 1) ||
                   (st == ST_BEFORE_LAST_WORD && g_utf8_strlen(w, -1) > 1);
        if (!cap)
            return NULL;
        char *l = lower(w);
        char *r = csl_utf8_upper_first(l);
        g_free(l);
        return r;
    }
    default:
        return NULL;
    }
}

static bool is_word_break(gunichar c)
{
    return g_unichar_isspace(c) || c == '-' || c == '/' || c == 0x2013 || c == 0x2014;
}

static case_state next_state(case_state st, const char *chunk)
{
    const char *end = chunk + strlen(chunk);
    if (end == chunk)
        return st;
    gunichar c = g_utf8_get_char(g_utf8_prev_char(end));
    if (c == '.' || c == '?' || c == '!' || c == ':')
        return ST_AFTER_SENTENCE_PUNCT;
    if (g_unichar_isalnum(c) || g_unichar_ismark(c))
        return ST_AFTER_WORD_CHAR;
    if (g_unichar_isspace(c) && st == ST_AFTER_SENTENCE_PUNCT)
        return ST_START_SENTENCE;
    if (is_word_break(c))
        return ST_AFTER_WORD_END;
    return st;
}

typedef struct {
    guint leaf;      /* index into the leaves */
    size_t off, len; /* byte range in the leaf's text */
    bool word;
} chunk;

void csl_text_case(arena *a, csl_rich *r, int tc)
{
    if (!r || tc == TC_NONE)
        return;
    if (tc == TC_NOCASE)
        return;
    GArray *leaves = g_array_new(FALSE, FALSE, sizeof(leaf_ref));
    collect(r, false, leaves);
    GArray *chunks = g_array_new(FALSE, FALSE, sizeof(chunk));
    for (guint i = 0; i < leaves->len; i++) {
        const char *t = g_array_index(leaves, leaf_ref, i).leaf->text;
        if (!t)
            continue;
        const char *p = t;
        while (*p) {
            int cls = char_class(g_utf8_get_char(p));
            const char *q = g_utf8_next_char(p);
            if (cls != 4)
                while (*q && char_class(g_utf8_get_char(q)) == cls)
                    q = g_utf8_next_char(q);
            chunk c = {i, (size_t)(p - t), (size_t)(q - p), cls == 1};
            g_array_append_val(chunks, c);
            p = q;
        }
    }
    /* the last word chunk (for title case) */
    gint last_word = -1;
    for (guint i = chunks->len; i-- > 0;)
        if (g_array_index(chunks, chunk, i).word) {
            last_word = (gint)i;
            break;
        }
    /* new texts per leaf */
    GString **out = g_new0(GString *, leaves->len ? leaves->len : 1);
    case_state st = ST_START;
    for (guint i = 0; i < chunks->len; i++) {
        chunk *c = &g_array_index(chunks, chunk, i);
        leaf_ref *l = &g_array_index(leaves, leaf_ref, c->leaf);
        char *w = g_strndup(l->leaf->text + c->off, c->len);
        case_state use = st;
        if ((gint)i == last_word &&
            (st == ST_AFTER_WORD_END || st == ST_START || st == ST_START_SENTENCE) && i > 0)
            use = ST_BEFORE_LAST_WORD;
        if ((gint)i == last_word && use == ST_BEFORE_LAST_WORD && st != ST_AFTER_WORD_END)
            use = st;
        char *nw = (c->word && !l->protected_) ? transform(tc, use, w) : NULL;
        if (!out[c->leaf])
            out[c->leaf] = g_string_new(NULL);
        g_string_append(out[c->leaf], nw ? nw : w);
        st = next_state(st, w);
        g_free(nw);
        g_free(w);
    }
    for (guint i = 0; i < leaves->len; i++) {
        if (!out[i])
            continue;
        leaf_ref *l = &g_array_index(leaves, leaf_ref, i);
        if (!l->protected_ && strcmp(out[i]->str, l->leaf->text) != 0)
            l->leaf->text = arena_strdup(a, out[i]->str);
        g_string_free(out[i], TRUE);
    }
    g_free(out);
    g_array_free(chunks, TRUE);
    g_array_free(leaves, TRUE);
}
