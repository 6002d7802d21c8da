/* syntax.c: pandoc's extras that CommonMark leaves as text: attribute blocks
 * {#id .class key=value}, citations [see @key, p. 4; @other] and @key [p. 4],
 * and pandoc-crossref references @fig:x, @tbl:x, @sec:x, @page:x. */
#include "parse.h"

#include <string.h>

/* ---- attributes ------------------------------------------------------------ */

static bool attr_word_char(char c)
{
    return c && c != '}' && c != '{' && !g_ascii_isspace(c) && c != '"' && c != '=';
}

doc_attr *parse_attr(arena *a, const char *s, size_t len)
{
    if (len < 2 || s[0] != '{' || s[len - 1] != '}')
        return NULL;
    GPtrArray *classes = g_ptr_array_new(), *keys = g_ptr_array_new(), *vals = g_ptr_array_new();
    const char *id = NULL;
    const char *p = s + 1, *end = s + len - 1;
    bool ok = false;
    while (p < end) {
        if (g_ascii_isspace(*p)) {
            p++;
            continue;
        }
        if (*p == '#' || *p == '.') {
            char sigil = *p++;
            const char *w = p;
            while (p < end && attr_word_char(*p))
                p++;
            if (p == w)
                goto out;
            char *word = arena_strndup(a, w, (size_t)(p - w));
            if (sigil == '#')
                id = word;
            else
                g_ptr_array_add(classes, word);
            continue;
        }
        const char *k = p;
        while (p < end && attr_word_char(*p))
            p++;
        if (p == k || p >= end || *p != '=')
            goto out;
        char *key = arena_strndup(a, k, (size_t)(p - k));
        p++;
        const char *v = p;
        char *value;
        if (p < end && *p == '"') {
            v = ++p;
            while (p < end && *p != '"')
                p++;
            if (p >= end)
                goto out;
            value = arena_strndup(a, v, (size_t)(p - v));
            p++;
        } else {
            while (p < end && attr_word_char(*p))
                p++;
            value = arena_strndup(a, v, (size_t)(p - v));
        }
        g_ptr_array_add(keys, key);
        g_ptr_array_add(vals, value);
    }
    ok = true;
out:;
    doc_attr *at = NULL;
    if (ok) {
        at = ARENA_NEW(a, doc_attr);
        at->id = id;
        at->n_classes = classes->len;
        at->classes = ARENA_ARRAY(a, const char *, classes->len + 1);
        if (classes->len)
            memcpy(at->classes, classes->pdata, sizeof(char *) * classes->len);
        at->n_pairs = keys->len;
        at->keys = ARENA_ARRAY(a, const char *, keys->len + 1);
        at->values = ARENA_ARRAY(a, const char *, keys->len + 1);
        if (keys->len) {
            memcpy(at->keys, keys->pdata, sizeof(char *) * keys->len);
            memcpy(at->values, vals->pdata, sizeof(char *) * vals->len);
        }
    }
    g_ptr_array_free(classes, TRUE);
    g_ptr_array_free(keys, TRUE);
    g_ptr_array_free(vals, TRUE);
    return at;
}

long parse_attr_trailing(const char *text)
{
    size_t n = strlen(text);
    while (n > 0 && g_ascii_isspace(text[n - 1]))
        n--;
    if (n == 0 || text[n - 1] != '}')
        return -1;
    const char *open = NULL;
    for (size_t i = n; i-- > 0;) {
        if (text[i] == '{') {
            open = text + i;
            break;
        }
        if (text[i] == '"') { /* skip a quoted value */
            while (i > 0 && text[--i] != '"')
                ;
        }
    }
    if (!open)
        return -1;
    return (long)(open - text);
}

/* ---- citations and cross-references -------------------------------------- */

/* pandoc's locator terms, longest spelling first within each term. */
static const struct {
    const char *abbr, *label;
} locator_terms[] = {
    {"pp.", "page"},
    {"p.", "page"},
    {"pages", "page"},
    {"page", "page"},
    {"chaps.", "chapter"},
    {"chap.", "chapter"},
    {"chapters", "chapter"},
    {"chapter", "chapter"},
    {"ch.", "chapter"},
    {"secs.", "section"},
    {"sec.", "section"},
    {"sections", "section"},
    {"section", "section"},
    {"§§", "section"},
    {"§", "section"},
    {"paras.", "paragraph"},
    {"para.", "paragraph"},
    {"paragraphs", "paragraph"},
    {"paragraph", "paragraph"},
    {"¶", "paragraph"},
    {"figs.", "figure"},
    {"fig.", "figure"},
    {"figures", "figure"},
    {"figure", "figure"},
    {"vols.", "volume"},
    {"vol.", "volume"},
    {"volumes", "volume"},
    {"volume", "volume"},
    {"nos.", "number"},
    {"no.", "number"},
    {"numbers", "number"},
    {"number", "number"},
    {"nn.", "note"},
    {"n.", "note"},
    {"notes", "note"},
    {"note", "note"},
    {"cols.", "column"},
    {"col.", "column"},
    {"columns", "column"},
    {"column", "column"},
    {"ll.", "line"},
    {"l.", "line"},
    {"lines", "line"},
    {"line", "line"},
    {"pts.", "part"},
    {"pt.", "part"},
    {"parts", "part"},
    {"part", "part"},
    {"bks.", "book"},
    {"bk.", "book"},
    {"books", "book"},
    {"book", "book"},
    {"arts.", "article"},
    {"art.", "article"},
    {"articles", "article"},
    {"article", "article"},
    {"vv.", "verse"},
    {"v.", "verse"},
    {"verses", "verse"},
    {"verse", "verse"},
    {"s.vv.", "sub-verbo"},
    {"s.v.", "sub-verbo"},
    {"sub verbo", "sub-verbo"},
    {"op.", "opus"},
    {"opus", "opus"},
    {"fol.", "folio"},
    {"folio", "folio"},
};

static const char *const xref_kinds[] = {"fig", "tbl", "sec", "eq", "box", "lst", "page"};

static bool key_start(unsigned char c)
{
    return g_ascii_isalnum(c) || c == '_' || c >= 0x80;
}

static bool key_inner_punct(char c)
{
    return c && strchr(":.#$%&-+?<>~/", c) != NULL;
}

/* Length of a citation key at s (after '@'); pandoc allows internal
 * punctuation only when a key character follows it. */
static size_t key_length(const char *s)
{
    size_t i = 0;
    if (!key_start((unsigned char)s[0]))
        return 0;
    while (s[i]) {
        if (key_start((unsigned char)s[i]))
            i++;
        else if (key_inner_punct(s[i]) && key_start((unsigned char)s[i + 1]))
            i += 2;
        else
            break;
    }
    return i;
}

/* True when key names a cross-reference kind (fig:, tbl:, ...). */
static bool xref_split(const char *key, size_t len, const char **kind_out)
{
    const char *colon = memchr(key, ':', len);
    if (!colon)
        return false;
    for (size_t i = 0; i < G_N_ELEMENTS(xref_kinds); i++) {
        size_t k = strlen(xref_kinds[i]);
        if ((size_t)(colon - key) == k && g_ascii_strncasecmp(key, xref_kinds[i], k) == 0) {
            *kind_out = xref_kinds[i];
            return true;
        }
    }
    return false;
}

static char *trimmed(arena *a, const char *s, size_t n)
{
    while (n && g_ascii_isspace(*s)) {
        s++;
        n--;
    }
    while (n && g_ascii_isspace(s[n - 1]))
        n--;
    return n ? arena_strndup(a, s, n) : NULL;
}

/* Parses ", p. 12 and passim" after a key into locator, label and suffix. */
static void parse_locator(arena *a, const char *r, doc_cite_item *item)
{
    const char *p = r;
    while (*p == ' ')
        p++;
    if (*p != ',') {
        item->suffix = trimmed(a, p, strlen(p));
        return;
    }
    p++;
    while (*p == ' ')
        p++;
    const char *label = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(locator_terms); i++) {
        size_t n = strlen(locator_terms[i].abbr);
        if (strncmp(p, locator_terms[i].abbr, n) == 0 &&
            (p[n] == ' ' || p[n] == '\xc2' || g_ascii_isdigit(p[n]) || p[n] == '\0')) {
            label = locator_terms[i].label;
            p += n;
            while (*p == ' ')
                p++;
            break;
        }
    }
    if (!label && !g_ascii_isdigit(*p) && !(strchr("ivxlcdm", *p) && *p)) {
        item->suffix = trimmed(a, r, strlen(r));
        return;
    }
    /* The locator runs to the next comma that is followed by a non-digit. */
    const char *v = p;
    while (*p && !(*p == ',' && !g_ascii_isdigit(p[1]) && !(p[1] == ' ' && g_ascii_isdigit(p[2]))))
        p++;
    item->label = label ? label : "page";
    item->locator = trimmed(a, v, (size_t)(p - v));
    if (*p)
        item->suffix = trimmed(a, p, strlen(p));
}

/* Parses the inside of [ ... ] as citation items; false if it is not one. */
static bool parse_bracket(arena *a, const char *s, size_t n, GArray *items)
{
    char *body = g_strndup(s, n);
    gchar **parts = g_strsplit(body, ";", -1);
    bool ok = true;
    for (int i = 0; ok && parts[i]; i++) {
        const char *part = parts[i];
        const char *at = NULL;
        for (const char *q = part; *q; q++)
            if (*q == '@' && (q == part || q[-1] == ' ' || q[-1] == '-') && key_length(q + 1)) {
                at = q;
                break;
            }
        if (!at) {
            ok = false;
            break;
        }
        doc_cite_item item = {0};
        const char *pre_end = at;
        if (at > part && at[-1] == '-') {
            item.suppress_author = true;
            pre_end--;
        }
        /* pandoc keeps one space between a prefix and the citation */
        char *prefix = trimmed(a, part, (size_t)(pre_end - part));
        item.prefix = prefix ? arena_printf(a, "%s ", prefix) : NULL;
        size_t kl = key_length(at + 1);
        item.key = arena_strndup(a, at + 1, kl);
        parse_locator(a, at + 1 + kl, &item);
        g_array_append_val(items, item);
    }
    g_strfreev(parts);
    g_free(body);
    return ok && items->len > 0;
}

static doc_node *text_node(doc *d, const doc_node *like, const char *s, size_t n)
{
    doc_node *t = doc_node_new(d, DOC_TEXT, like->span.file, like->span.line, like->span.col);
    t->text = arena_strndup(d->arena, s, n);
    return t;
}

static doc_node *xref_node(doc *d, const doc_node *like, const char *key, size_t kl,
                           const char *kind, const char *source, size_t sn)
{
    doc_node *x = doc_node_new(d, DOC_XREF, like->span.file, like->span.line, like->span.col);
    x->u.xref.kind = kind;
    x->u.xref.capital = g_ascii_isupper(key[0]);
    x->u.xref.target = strcmp(kind, "page") == 0 ? arena_strndup(d->arena, key + 5, kl - 5)
                                                 : arena_strndup(d->arena, key, kl);
    if (x->u.xref.capital)
        ((char *)x->u.xref.target)[0] = g_ascii_tolower(x->u.xref.target[0]);
    x->u.xref.source = arena_strndup(d->arena, source, sn);
    return x;
}

/* Splits one TEXT node; inserts the new nodes before it and unlinks it. */
static void split_text(doc *d, doc_node *t)
{
    const char *s = t->text;
    size_t start = 0, i = 0, len = strlen(s);
    bool changed = false;
    while (i < len) {
        doc_node *made = NULL;
        size_t used = 0;
        if (s[i] == '[') {
            const char *close = strchr(s + i + 1, ']');
            const char *nested = strchr(s + i + 1, '[');
            if (close && (!nested || nested > close) &&
                memchr(s + i, '@', (size_t)(close - s - i))) {
                GArray *items = g_array_new(FALSE, TRUE, sizeof(doc_cite_item));
                if (parse_bracket(d->arena, s + i + 1, (size_t)(close - s - i - 1), items)) {
                    const char *kind;
                    doc_cite_item *it0 = &g_array_index(items, doc_cite_item, 0);
                    if (items->len == 1 && xref_split(it0->key, strlen(it0->key), &kind) &&
                        !it0->prefix && !it0->suffix && !it0->locator) {
                        made = xref_node(d, t, it0->key, strlen(it0->key), kind, s + i,
                                         (size_t)(close - s - i + 1));
                    } else {
                        made = doc_node_new(d, DOC_CITE, t->span.file, t->span.line, t->span.col);
                        made->u.cite.n_items = items->len;
                        made->u.cite.items = ARENA_ARRAY(d->arena, doc_cite_item, items->len);
                        memcpy(made->u.cite.items, items->data, sizeof(doc_cite_item) * items->len);
                        made->u.cite.source =
                            arena_strndup(d->arena, s + i, (size_t)(close - s - i + 1));
                    }
                    used = (size_t)(close - s - i + 1);
                }
                g_array_free(items, TRUE);
            }
        } else if (s[i] == '@' && (i == 0 || !(g_ascii_isalnum(s[i - 1]) || s[i - 1] == '_' ||
                                               (unsigned char)s[i - 1] >= 0x80))) {
            size_t kl = key_length(s + i + 1);
            if (kl) {
                const char *kind;
                if (xref_split(s + i + 1, kl, &kind)) {
                    made = xref_node(d, t, s + i + 1, kl, kind, s + i, kl + 1);
                    used = kl + 1;
                } else {
                    doc_cite_item item = {0};
                    item.key = arena_strndup(d->arena, s + i + 1, kl);
                    used = kl + 1;
                    /* @key [p. 4]: a locator in brackets right after */
                    const char *q = s + i + 1 + kl;
                    if (q[0] == ' ' && q[1] == '[') {
                        const char *close = strchr(q + 2, ']');
                        if (close && !memchr(q + 2, '@', (size_t)(close - q - 2))) {
                            char *inner = g_strdup_printf(", %.*s", (int)(close - q - 2), q + 2);
                            parse_locator(d->arena, inner, &item);
                            g_free(inner);
                            used = (size_t)(close - s - i + 1);
                        }
                    }
                    made = doc_node_new(d, DOC_CITE, t->span.file, t->span.line, t->span.col);
                    made->u.cite.author_in_text = true;
                    made->u.cite.n_items = 1;
                    made->u.cite.items = ARENA_NEW(d->arena, doc_cite_item);
                    made->u.cite.items[0] = item;
                    made->u.cite.source = arena_strndup(d->arena, s + i, used);
                }
            }
        }
        if (!made) {
            i++;
            continue;
        }
        if (i > start)
            doc_insert_before(t, text_node(d, t, s + start, i - start));
        /* the column of the '@' or '[': characters before it on this line */
        made->span.col = t->span.col + (unsigned)g_utf8_strlen(s, (gssize)i);
        doc_insert_before(t, made);
        i += used;
        start = i;
        changed = true;
    }
    if (!changed)
        return;
    if (start < len)
        doc_insert_before(t, text_node(d, t, s + start, len - start));
    doc_unlink(t);
}

/* True when text opens a '[' that it does not close. */
static bool bracket_open(const char *text)
{
    const char *open = strrchr(text, '['), *close = strrchr(text, ']');
    return open && (!close || close < open);
}

/* A citation may run over a line break ("[@a;\n@b]"): joins the text on
 * both sides of the soft break, which reads as a space anyway. */
static void join_broken_brackets(doc *d, doc_node *parent)
{
    for (doc_node *n = parent->first; n; n = n->next) {
        while (n->kind == DOC_TEXT && bracket_open(n->text) && n->next &&
               n->next->kind == DOC_SOFTBREAK && n->next->next &&
               n->next->next->kind == DOC_TEXT && strchr(n->next->next->text, ']') &&
               strchr(n->text, '@') != NULL) {
            doc_node *after = n->next->next;
            n->text = arena_printf(d->arena, "%s %s", n->text, after->text);
            doc_unlink(n->next);
            doc_unlink(after);
        }
    }
}

void parse_citations(doc *d, doc_node *parent)
{
    join_broken_brackets(d, parent);
    GPtrArray *texts = g_ptr_array_new();
    doc_iter it = doc_iter_start(parent);
    doc_event ev;
    while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE) {
        if (ev != DOC_EVENT_ENTER)
            continue;
        doc_node *n = it.node;
        if (n != parent && doc_kind_is_block(n->kind) && n->kind != DOC_CAPTION)
            doc_iter_skip(&it);
        else if (n->kind == DOC_LINK)
            doc_iter_skip(&it);
        else if (n->kind == DOC_TEXT && (strchr(n->text, '@')))
            g_ptr_array_add(texts, n);
    }
    for (guint i = 0; i < texts->len; i++)
        split_text(d, texts->pdata[i]);
    g_ptr_array_free(texts, TRUE);
}
