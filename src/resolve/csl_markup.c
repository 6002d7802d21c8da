/* csl_markup.c: the HTML-like markup allowed in CSL-JSON field values
 * (citeproc-js "Rich text markup within fields"): <i>, <b>, <u>, <sc>,
 * <sup>, <sub>, <span style="font-variant:small-caps;">, <span
 * class="nocase">, <span class="nodecor">, <span style="baseline">, and
 * quotation marks ("..", '..', “..”, ‘..’) which become quote nodes so the
 * processor can localize and flip-flop them: straight quotes take the
 * marks their nesting calls for, typographic ones keep theirs unless nested
 * in quotes of the same kind. Straight apostrophes become ’.
 * Tags that never close, and closing tags that never opened, stay text. */
#include <string.h>

#include "csl_int.h"

typedef enum {
    TOK_TEXT,
    TOK_OPEN,  /* a tag or an opening quote */
    TOK_CLOSE, /* a closing tag */
    TOK_QUOTE, /* a quote mark that may open or close */
} tok_kind;

/* Quote marks: straight double, straight single, curly double, curly single. */
enum { Q_NONE, Q_DOUBLE, Q_SINGLE, Q_CURLY_DOUBLE, Q_CURLY_SINGLE };

typedef struct {
    csl_rich *node; /* the element being filled */
    csl_rich_kind kind;
    int quote;       /* Q_* for quotes */
    const char *raw; /* the opening text, restored when it never closes */
    size_t raw_len;
} frame;

static const struct {
    const char *open, *close;
    csl_rich_kind kind;
} tags[] = {
    {"<i>", "</i>", CSL_RICH_ITALIC},
    {"<b>", "</b>", CSL_RICH_BOLD},
    {"<u>", "</u>", CSL_RICH_UNDERLINE},
    {"<sc>", "</sc>", CSL_RICH_SMALL_CAPS},
    {"<sup>", "</sup>", CSL_RICH_SUP},
    {"<sub>", "</sub>", CSL_RICH_SUB},
    {"<span style=\"font-variant:small-caps;\">", "</span>", CSL_RICH_SMALL_CAPS},
    {"<span style=\"font-variant: small-caps;\">", "</span>", CSL_RICH_SMALL_CAPS},
    {"<span class=\"nocase\">", "</span>", CSL_RICH_NOCASE},
    {"<span class=\"nodecor\">", "</span>", CSL_RICH_NO_DECORATION},
    {"<span style=\"baseline\">", "</span>", CSL_RICH_BASELINE},
};

static bool is_opening_context(gunichar prev)
{
    return prev == 0 || g_unichar_isspace(prev) || prev == '(' || prev == '[' || prev == '{' ||
           prev == '"' || prev == '\'' || prev == 0x201C || prev == 0x2018 || prev == '-' ||
           prev == 0x2013 || prev == 0x2014 || prev == '/' || prev == 0xA0;
}

typedef struct {
    arena *a;
    GArray *stack; /* frame */
    csl_rich *root;
} builder;

static csl_rich *top(builder *b)
{
    return g_array_index(b->stack, frame, b->stack->len - 1).node;
}

static void add_text(builder *b, const char *s, size_t n)
{
    if (n == 0)
        return;
    rich_append(top(b), rich_textn(b->a, s, n)); /* merged once at the end */
}

/* Merges runs of adjacent text leaves, each run in one pass. */
static void merge_text(arena *a, csl_rich *r)
{
    for (csl_rich *k = r->first; k; k = k->next) {
        if (k->kind != CSL_RICH_TEXT) {
            merge_text(a, k);
            continue;
        }
        if (!k->next || k->next->kind != CSL_RICH_TEXT)
            continue;
        GString *g = g_string_new(k->text);
        csl_rich *e = k->next;
        while (e && e->kind == CSL_RICH_TEXT) {
            g_string_append(g, e->text);
            e = e->next;
        }
        k->text = arena_strndup(a, g->str, g->len);
        g_string_free(g, TRUE);
        k->next = e;
        if (!e)
            r->last = k;
    }
}

static void push(builder *b, csl_rich_kind kind, int quote, const char *raw, size_t raw_len)
{
    frame f = {rich_new(b->a, kind), kind, quote, raw, raw_len};
    /* ‘…’ keeps its single marks unless nested in single quotes */
    if (quote == Q_CURLY_SINGLE)
        f.node->flags |= RICH_PREFER_INNER;
    rich_append(top(b), f.node);
    g_array_append_val(b->stack, f);
}

/* Pops frames down to (and including) index i. Frames above i never closed:
 * their opening text becomes text again and their content moves up. */
static void pop_to(builder *b, guint i)
{
    while (b->stack->len - 1 > i) {
        frame f = g_array_index(b->stack, frame, b->stack->len - 1);
        g_array_set_size(b->stack, b->stack->len - 1);
        csl_rich *parent = top(b);
        /* unlink f.node (it is parent's last child) */
        csl_rich *prev = NULL;
        for (csl_rich *k = parent->first; k && k != f.node; k = k->next)
            prev = k;
        if (prev)
            prev->next = NULL;
        else
            parent->first = NULL;
        parent->last = prev;
        if (f.quote == Q_SINGLE)
            add_text(b, "\xE2\x80\x99", 3); /* an unmatched ' is an apostrophe */
        else
            add_text(b, f.raw, f.raw_len);
        for (csl_rich *k = f.node->first, *next; k; k = next) {
            next = k->next;
            if (k->kind == CSL_RICH_TEXT)
                add_text(b, k->text, strlen(k->text));
            else
                rich_append(parent, k);
        }
    }
    g_array_set_size(b->stack, i);
}

/* The innermost open frame of the given quote kind or tag kind, or -1. */
static int find_open(builder *b, csl_rich_kind kind, int quote)
{
    for (guint i = b->stack->len; i-- > 1;) {
        frame *f = &g_array_index(b->stack, frame, i);
        if (quote ? f->quote == quote : (f->kind == kind && f->quote == Q_NONE))
            return (int)i;
    }
    return -1;
}

csl_rich *csl_markup_parse(arena *a, const char *s)
{
    builder b = {a, g_array_new(FALSE, FALSE, sizeof(frame)), rich_new(a, CSL_RICH_SEQ)};
    frame root = {b.root, CSL_RICH_SEQ, Q_NONE, "", 0};
    g_array_append_val(b.stack, root);
    const char *p = s, *text_start = s;
    gunichar prev = 0;
    while (*p) {
        /* tags */
        if (*p == '<') {
            bool matched = false;
            for (size_t i = 0; i < G_N_ELEMENTS(tags) && !matched; i++) {
                size_t ol = strlen(tags[i].open);
                if (strncmp(p, tags[i].open, ol) == 0 && b.stack->len < CSL_MAX_MARKUP_DEPTH) {
                    add_text(&b, text_start, (size_t)(p - text_start));
                    push(&b, tags[i].kind, Q_NONE, p, ol);
                    p += ol;
                    text_start = p;
                    prev = 0;
                    matched = true;
                }
            }
            for (size_t i = 0; i < G_N_ELEMENTS(tags) && !matched; i++) {
                size_t cl = strlen(tags[i].close);
                if (strncmp(p, tags[i].close, cl) != 0)
                    continue;
                int f = -1;
                if (strcmp(tags[i].close, "</span>") == 0) {
                    /* any open span-like frame */
                    for (guint k = b.stack->len; k-- > 1 && f < 0;) {
                        frame *fr = &g_array_index(b.stack, frame, k);
                        if (fr->quote == Q_NONE && strncmp(fr->raw, "<span", 5) == 0)
                            f = (int)k;
                    }
                } else {
                    f = find_open(&b, tags[i].kind, Q_NONE);
                }
                if (f < 0)
                    break; /* a closing tag that never opened stays text */
                add_text(&b, text_start, (size_t)(p - text_start));
                pop_to(&b, (guint)f);
                p += cl;
                text_start = p;
                prev = '>';
                matched = true;
            }
            if (matched)
                continue;
        }
        gunichar c = g_utf8_get_char(p);
        const char *next = g_utf8_next_char(p);
        gunichar nc = *next ? g_utf8_get_char(next) : 0;
        int q = c == '"'                     ? Q_DOUBLE
                : c == '\''                  ? Q_SINGLE
                : c == 0x201C || c == 0x201D ? Q_CURLY_DOUBLE
                : c == 0x2018 || c == 0x2019 ? Q_CURLY_SINGLE
                                             : Q_NONE;
        if (q != Q_NONE) {
            int open_idx = find_open(&b, CSL_RICH_QUOTE, q);
            bool can_close = prev != 0 && !g_unichar_isspace(prev) && c != 0x201C && c != 0x2018;
            bool can_open = nc != 0 && !g_unichar_isspace(nc) && is_opening_context(prev) &&
                            c != 0x201D && (c != 0x2019);
            /* an apostrophe inside a word (Plato's, l'homme) */
            bool in_word = prev != 0 && g_unichar_isalnum(prev) && g_unichar_isalnum(nc);
            if (open_idx >= 0 && can_close &&
                !(in_word && (q == Q_SINGLE || q == Q_CURLY_SINGLE))) {
                add_text(&b, text_start, (size_t)(p - text_start));
                pop_to(&b, (guint)open_idx);
                p = next;
                text_start = p;
                prev = c;
                continue;
            }
            if (can_open && !in_word && b.stack->len < CSL_MAX_MARKUP_DEPTH) {
                add_text(&b, text_start, (size_t)(p - text_start));
                push(&b, CSL_RICH_QUOTE, q, p, (size_t)(next - p));
                p = next;
                text_start = p;
                prev = c;
                continue;
            }
            if (q == Q_SINGLE) {
                add_text(&b, text_start, (size_t)(p - text_start));
                add_text(&b, "\xE2\x80\x99", 3);
                p = next;
                text_start = p;
                prev = 0x2019;
                continue;
            }
        }
        prev = c;
        p = next;
    }
    add_text(&b, text_start, (size_t)(p - text_start));
    pop_to(&b, 0);
    g_array_free(b.stack, TRUE);
    merge_text(a, b.root);
    return b.root;
}
