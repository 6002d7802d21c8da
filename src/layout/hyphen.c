/* hyphen.c: where words may break, by language, through libhyphen.
 *
 * The dictionary comes from the document's lang (hyph_LL_RR.dic in Debian's
 * hyphen directory, with the fallbacks below; en-GB uses the US patterns
 * when no British ones are installed); a language without one gets a single
 * warning and no hyphenation. lay_hyph_points finds the break points of a
 * paragraph's text: it cuts the text into words (runs of letters), leaves
 * alone whatever must not break (code spans, footnote numbers and images,
 * URLs, e-mail addresses, identifiers, words with digits and, unless the
 * style allows it, words with capitals), and asks the patterns about words of
 * at least lay_metrics.hyph_min_word letters, keeping hyph_left letters
 * before and hyph_right after each break, and (for first fit) hyph_spacing
 * letters between two breaks (and none inside a ligature). A dictionary is
 * loaded once per process (base/dicts.c) and its answers are cached per
 * word. linebreak.c turns the points into soft hyphens for Pango, which
 * breaks at them and shows a hyphen only at a line end (pdftotext then
 * extracts the words unchanged, with U+00AD where a line breaks). */
#include "internal.h"

#include <hyphen.h>
#include <stdlib.h>

/* Longest word sent to the patterns, in bytes: longer runs are chemical
 * names, hashes or junk, and libhyphen's buffers grow with the word. */
#define HYPH_MAX_WORD 96

struct lay_hyph {
    hyphen_dict *e; /* the process's (base/dicts.c): patterns and answers */
    const doc *d;   /* for the warning if the patterns cannot be read */
    const char *lang;
    bool warned;
    const style *s;
    const lay_metrics *m;
};

lay_hyph *lay_hyph_load(const doc *d, const style *s, const lay_metrics *m)
{
    if (!s->hyphenate)
        return NULL;
    const char *lang = d->meta.lang && *d->meta.lang ? d->meta.lang : "en-GB";
    char *path = hyphen_dict_path(lang);
    if (!path) {
        diag_warning(d->path, 1, 1, "no hyphenation dictionary for '%s'", lang);
        return NULL;
    }
    deps_record(path);
    lay_hyph *h = g_new0(lay_hyph, 1);
    h->e = hyphen_dict_get(path);
    g_free(path);
    h->d = d;
    h->lang = lang;
    h->s = s;
    h->m = m;
    return h;
}

void lay_hyph_free(lay_hyph *h)
{
    g_free(h);
}

/* The dictionary's patterns, fetched at the first call; NULL (after one
 * warning) if they cannot be read, and then no word is hyphenated. */
static HyphenDict *patterns(lay_hyph *h)
{
    HyphenDict *dict = hyphen_dict_patterns(h->e);
    if (!dict && !h->warned) {
        diag_warning(h->d->path, 1, 1, "no hyphenation dictionary for '%s'", h->lang);
        h->warned = true;
    }
    return dict;
}

/* The break points of a lower-case word of n characters, from the cache or
 * the patterns: character positions after which a hyphen may go. */
static const GByteArray *word_points(lay_hyph *h, const char *lower, long n)
{
    GByteArray *pts = g_hash_table_lookup(hyphen_dict_words(h->e), lower);
    if (pts)
        return pts;
    HyphenDict *dict = patterns(h);
    pts = g_byte_array_new();
    size_t len = strlen(lower);
    char *hyphens = g_malloc0(len + 5);
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (dict && hnj_hyphen_hyphenate3(dict, lower, (int)len, hyphens, NULL, &rep, &pos, &cut,
                                      h->m->hyph_left, h->m->hyph_right, h->m->hyph_left,
                                      h->m->hyph_right) == 0) {
        for (long i = h->m->hyph_left - 1; i < n - h->m->hyph_right; i++)
            if ((hyphens[i] & 1) && !(rep && rep[i])) /* no spelling changes at breaks */
                g_byte_array_append(pts, (const guint8[]){(guint8)i}, 1);
    }
    if (rep) {
        for (size_t i = 0; i < len; i++)
            free(rep[i]);
        free(rep);
        free(pos);
        free(cut);
    }
    g_free(hyphens);
    g_hash_table_insert(hyphen_dict_words(h->e), g_strdup(lower), pts);
    return pts;
}

/* Characters that make a run of text a URL, an address, a path or an identifier. */
static bool technical(gunichar ch)
{
    return ch == '/' || ch == '\\' || ch == '@' || ch == '_' || ch == '=' || ch == '<' ||
           ch == '>' || ch == '{' || ch == '}' || ch == '[' || ch == ']' || ch == '|' ||
           ch == '~' || ch == '#' || ch == '%' || ch == '&' || ch == '+' || ch == '*' ||
           ch == '^' || ch == '$';
}

/* True when a break between these letters would fall inside a ligature (ff,
 * fi, fl, ffi, ffl and their kin): the font draws the pair as one glyph, and
 * a soft hyphen inside that glyph would show in the text a PDF reader
 * extracts, so the break is given up. */
static bool in_ligature(gunichar before, gunichar after)
{
    return before == 'f' &&
           (after == 'f' || after == 'i' || after == 'l' || after == 'j' || after == 't');
}

/* Adds the points of the word text[a, b) (n characters) to out. */
static void add_word(lay_hyph *h, const char *text, unsigned a, unsigned b, long n, int spacing,
                     GArray *out)
{
    if (n < h->m->hyph_min_word || b - a > HYPH_MAX_WORD)
        return;
    char buf[HYPH_MAX_WORD + 1], *lower = buf;
    bool ascii = (long)(b - a) == n; /* one byte a letter */
    if (ascii) {
        for (unsigned k = 0; k < b - a; k++)
            buf[k] = g_ascii_tolower(text[a + k]);
        buf[b - a] = '\0';
    } else {
        lower = g_utf8_strdown(text + a, b - a);
    }
    if (ascii || g_utf8_strlen(lower, -1) == n) { /* same characters, so the same positions */
        const GByteArray *pts = word_points(h, lower, n);
        long last = -spacing;
        for (guint k = 0; k < pts->len; k++) {
            if ((long)pts->data[k] - last < spacing)
                continue;
            const char *p = text + a;
            for (long i = 0; i <= pts->data[k]; i++)
                p = g_utf8_next_char(p);
            if (in_ligature(g_utf8_get_char(g_utf8_prev_char(p)), g_utf8_get_char(p)))
                continue;
            last = pts->data[k];
            unsigned at = (unsigned)(p - text);
            g_array_append_val(out, at);
        }
    }
    if (lower != buf)
        g_free(lower);
}

/* True for a token that looks like a URL, an address, a path or an identifier. */
static bool technical_token(const char *text, unsigned a, unsigned b)
{
    for (const char *p = text + a; p < text + b; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        if (technical(ch))
            return true;
        if ((ch == '.' || ch == ':') && p + 1 < text + b &&
            g_unichar_isalnum(g_utf8_get_char(p + 1)) && p > text + a)
            return true; /* example.org, www.x, http: */
    }
    return false;
}

/* The points of one token (text between spaces, [a, b)): each run of letters
 * in it (the token is not technical). */
static void add_token(lay_hyph *h, const char *text, unsigned a, unsigned b, bool capitals,
                      int spacing, GArray *out)
{
    bool allow_caps = h->s->hyphenate_capitals || capitals;
    const char *p = text + a;
    while (p < text + b) {
        gunichar ch = g_utf8_get_char(p);
        if (!g_unichar_isalpha(ch)) {
            p = g_utf8_next_char(p);
            continue;
        }
        const char *start = p;
        long n = 0;
        long upper = 0; /* an acronym (UNODC, HIV) is never broken, capitals or not */
        bool caps = false, digit = start > text + a &&
                                   g_unichar_isdigit(g_utf8_get_char(g_utf8_prev_char(start)));
        while (p < text + b) {
            ch = g_utf8_get_char(p);
            if (g_unichar_isdigit(ch))
                digit = true;
            if (!g_unichar_isalpha(ch) && !g_unichar_ismark(ch))
                break;
            if (g_unichar_isupper(ch) || g_unichar_istitle(ch)) {
                caps = true;
                upper++;
            }
            n++;
            p = g_utf8_next_char(p);
        }
        if (!digit && (allow_caps || !caps) && upper < 2)
            add_word(h, text, (unsigned)(start - text), (unsigned)(p - text), n, spacing, out);
    }
}

GArray *lay_hyph_points(lay_hyph *h, const lay_inline *in, bool capitals, bool every, GArray *whole)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(unsigned));
    if (whole)
        g_array_append_vals(whole, in->nohyph->data, in->nohyph->len);
    if (!h && !whole)
        return out;
    const char *text = in->text->str;
    unsigned len = (unsigned)in->text->len, i = 0;
    /* tokens end at spaces and at whatever is never hyphenated (stop) */
    guint8 *stop = g_malloc0(len + 1);
    for (guint k = 0; k < in->nohyph->len; k++) {
        const lay_range *r = &g_array_index(in->nohyph, lay_range, k);
        memset(stop + MIN(r->start, len), 1, MIN(r->end, len) - MIN(r->start, len));
    }
    for (unsigned k = 0; k < len; k++)
        if (text[k] == ' ' || text[k] == '\n' || text[k] == '\t')
            stop[k] = 1;
        else if ((unsigned char)text[k] >= 0x80 && !stop[k] &&
                 g_unichar_isspace(g_utf8_get_char(text + k)))
            stop[k] = 1;
    while (i < len) {
        if (stop[i]) {
            i++;
            continue;
        }
        unsigned a = i;
        while (i < len && !stop[i])
            i++;
        if (technical_token(text, a, i)) {
            lay_range r = {a, i};
            if (whole)
                g_array_append_val(whole, r);
        } else if (h) {
            add_token(h, text, a, i, capitals, every ? 1 : h->m->hyph_spacing, out);
        }
    }
    g_free(stop);
    return out;
}
