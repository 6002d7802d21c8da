/* csl_flatten.c: output tree -> rich text. Each formatted sequence renders
 * its non-empty children, puts its delimiter between them, resolves
 * colliding punctuation where pieces meet (citeproc-js's table: "Title." +
 * "." gives one period, ";" + "." keeps the semicolon...), then applies, from
 * the inside out: strip-periods, font-style, text-case, font-variant,
 * font-weight, text-decoration, vertical-align, quotes, affixes, display
 * (CSL 1.0.2 "Formatting", "Affixes": affixes sit outside the formatting of
 * their own element, except on cs:layout). */
#include <string.h>

#include "csl_int.h"

static bool is_quote_like(gunichar c)
{
    return c == '"' || c == '\'' || g_unichar_type(c) == G_UNICODE_FINAL_PUNCTUATION;
}

/* The last character before closing quotes (and spaces), or 0. */
static gunichar terminal_before_quote(const csl_rich *x)
{
    char *t = csl_rich_plain(x);
    gunichar r = 0;
    char *end = t + strlen(t);
    while (end > t && g_unichar_isspace(g_utf8_get_char(g_utf8_prev_char(end))))
        end = g_utf8_prev_char(end);
    if (end > t && is_quote_like(g_utf8_get_char(g_utf8_prev_char(end)))) {
        while (end > t) {
            gunichar c = g_utf8_get_char(g_utf8_prev_char(end));
            if (!g_unichar_isspace(c) && !is_quote_like(c))
                break;
            end = g_utf8_prev_char(end);
        }
        if (end > t)
            r = g_utf8_get_char(g_utf8_prev_char(end));
    }
    g_free(t);
    return r;
}

typedef enum { KEEP_BOTH, KEEP_FIRST, KEEP_SECOND } punct_rule;

/* What to do when X ends in a and Y starts with b (citeproc-js queue.js). */
static punct_rule punct_table(gunichar a, gunichar b)
{
    static const struct {
        char a, b;
        punct_rule r;
    } t[] = {
        {'!', '.', KEEP_FIRST},  {'!', ':', KEEP_FIRST},  {'?', '.', KEEP_FIRST},
        {'?', ':', KEEP_FIRST},  {':', '!', KEEP_SECOND}, {':', '?', KEEP_SECOND},
        {':', '.', KEEP_FIRST},  {';', '!', KEEP_SECOND}, {';', '?', KEEP_SECOND},
        {';', ':', KEEP_FIRST},  {';', '.', KEEP_FIRST},  {'!', '!', KEEP_FIRST},
        {'?', '?', KEEP_FIRST},  {'.', '.', KEEP_FIRST},  {':', ':', KEEP_FIRST},
        {';', ';', KEEP_FIRST},  {',', ',', KEEP_FIRST},  {' ', ' ', KEEP_SECOND},
        {' ', ',', KEEP_SECOND}, {' ', '.', KEEP_SECOND},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(t); i++)
        if ((gunichar)t[i].a == a && (gunichar)t[i].b == b)
            return t[i].r;
    return KEEP_BOTH;
}

static gunichar the_char;
static bool is_the_char(gunichar c)
{
    return c == the_char;
}

/* Resolves punctuation where consecutive pieces meet (in place). */
static void fix_punct(arena *a, GPtrArray *pieces)
{
    for (guint i = 0; i + 1 < pieces->len; i++) {
        csl_rich *x = pieces->pdata[i], *y = pieces->pdata[i + 1];
        gunichar ys = rich_first_char(y);
        if (!ys)
            continue;
        gunichar xe = rich_last_char(x);
        if (ys == '.') {
            gunichar q = terminal_before_quote(x);
            if (q)
                xe = q;
        }
        if (!xe)
            continue;
        switch (punct_table(xe, ys)) {
        case KEEP_FIRST:
            the_char = ys;
            rich_trim_start(a, y, is_the_char);
            break;
        case KEEP_SECOND:
            if (rich_last_char(x) == xe) {
                the_char = xe;
                rich_trim_end(a, x, is_the_char);
            }
            break;
        default:
            break;
        }
    }
}

static csl_rich *concat(arena *a, GPtrArray *pieces)
{
    csl_rich *s = rich_new(a, CSL_RICH_SEQ);
    for (guint i = 0; i < pieces->len; i++) {
        csl_rich *p = pieces->pdata[i];
        if (p->kind == CSL_RICH_SEQ) {
            for (csl_rich *k = p->first, *next; k; k = next) {
                next = k->next;
                rich_append(s, k);
            }
        } else {
            rich_append(s, p);
        }
    }
    return s;
}

static csl_rich *affix(const csl_flat *f, const char *s)
{
    return csl_markup_parse(f->a, s);
}

/* prefix + x + suffix, with punctuation resolved at both joins. */
static csl_rich *add_affixes(const csl_flat *f, csl_rich *x, const char *prefix, const char *suffix)
{
    if ((!prefix || !*prefix) && (!suffix || !*suffix))
        return x;
    GPtrArray *p = g_ptr_array_new();
    if (prefix && *prefix)
        g_ptr_array_add(p, affix(f, prefix));
    g_ptr_array_add(p, x);
    if (suffix && *suffix)
        g_ptr_array_add(p, affix(f, suffix));
    fix_punct(f->a, p);
    csl_rich *r = concat(f->a, p);
    g_ptr_array_free(p, TRUE);
    return r;
}

static char *strip_periods(const char *s, void *data)
{
    UNUSED(data);
    GString *o = g_string_new(NULL);
    for (const char *p = s; *p; p++)
        if (*p != '.')
            g_string_append_c(o, *p);
    return g_string_free(o, FALSE);
}

static csl_rich *apply_fmt(const csl_flat *f, const csl_fmt *fmt, csl_rich *x)
{
    arena *a = f->a;
    if (rich_is_empty(x))
        return NULL;
    if (fmt->strip_periods)
        rich_map_text(a, x, strip_periods, NULL);
    if (fmt->affixes_inside)
        x = add_affixes(f, x, fmt->prefix, fmt->suffix);
    if (fmt->font_style == FS_ITALIC || fmt->font_style == FS_OBLIQUE)
        x = rich_wrap(a, CSL_RICH_ITALIC, x);
    else if (fmt->font_style == FS_NORMAL)
        x = rich_wrap(a, CSL_RICH_ROMAN, x);
    if (fmt->text_case)
        csl_text_case(a, x, fmt->text_case);
    if (fmt->font_variant == FV_SMALL_CAPS)
        x = rich_wrap(a, CSL_RICH_SMALL_CAPS, x);
    if (fmt->font_weight == FW_BOLD)
        x = rich_wrap(a, CSL_RICH_BOLD, x);
    else if (fmt->font_weight == FW_NORMAL)
        x = rich_wrap(a, CSL_RICH_NORMAL_WEIGHT, x);
    if (fmt->text_decoration == TD_UNDERLINE)
        x = rich_wrap(a, CSL_RICH_UNDERLINE, x);
    else if (fmt->text_decoration == TD_NONE)
        x = rich_wrap(a, CSL_RICH_NO_DECORATION, x);
    if (fmt->vertical_align == VA_SUP)
        x = rich_wrap(a, CSL_RICH_SUP, x);
    else if (fmt->vertical_align == VA_SUB)
        x = rich_wrap(a, CSL_RICH_SUB, x);
    else if (fmt->vertical_align == VA_BASELINE)
        x = rich_wrap(a, CSL_RICH_BASELINE, x);
    if (fmt->quotes)
        x = rich_wrap(a, CSL_RICH_QUOTE, x);
    if (!fmt->affixes_inside)
        x = add_affixes(f, x, fmt->prefix, fmt->suffix);
    if (fmt->display) {
        static const char *const cls[] = {"", "block", "left-margin", "right-inline", "indent"};
        x = rich_wrap(a, CSL_RICH_DISPLAY, x);
        x->extra = (char *)cls[fmt->display];
    }
    return x;
}

static void mark_quotes(csl_rich *r)
{
    if (r->kind == CSL_RICH_QUOTE)
        r->flags |= RICH_KEEP_PUNCT;
    for (csl_rich *k = r->first; k; k = k->next)
        mark_quotes(k);
}

/* CSL 1.0.2 Appendix VI "Links": the rendered identifier links to the URL,
 * the DOI, PMID or PMCID resolver. */
static csl_rich *link_identifier(const csl_flat *f, const co *o, csl_rich *res)
{
    char *text = csl_rich_plain(res);
    const char *var = o->var ? o->var : "URL";
    char *url;
    if (strstr(text, "://"))
        url = g_strdup(text);
    else if (!strcmp(var, "DOI"))
        url = g_strconcat("https://doi.org/", text, NULL);
    else if (!strcmp(var, "PMID"))
        url = g_strconcat("https://www.ncbi.nlm.nih.gov/pubmed/", text, NULL);
    else if (!strcmp(var, "PMCID"))
        url = g_strconcat("https://www.ncbi.nlm.nih.gov/pmc/articles/", text, NULL);
    else
        url = g_strdup(text);
    csl_rich *l = rich_wrap(f->a, CSL_RICH_LINK, res);
    l->extra = arena_strdup(f->a, url);
    g_free(url);
    g_free(text);
    return l;
}

static csl_rich *flatten(const csl_flat *f, const co *o)
{
    arena *a = f->a;
    if (!o || (o->tag == TAG_YEAR_SUFFIX && f->skip_year_suffix))
        return NULL;
    if (o->kind == CO_TEXT) {
        if (!o->text || !*o->text)
            return NULL;
        return o->markup ? csl_markup_parse(a, o->text) : rich_text(a, o->text);
    }
    GPtrArray *pieces = g_ptr_array_new();
    for (unsigned i = 0; i < o->n; i++) {
        csl_rich *r = flatten(f, o->kids[i]);
        if (r && !rich_is_empty(r))
            g_ptr_array_add(pieces, r);
    }
    csl_rich *res = NULL;
    if (pieces->len == 0)
        goto out;
    const char *delim = o->fmt ? o->fmt->delimiter : NULL;
    if (delim && *delim && pieces->len > 1) {
        GPtrArray *with = g_ptr_array_new();
        for (guint i = 0; i < pieces->len; i++) {
            if (i > 0) {
                gunichar c = rich_first_char(pieces->pdata[i]);
                const char *d = delim;
                /* between cites, a cite ending in a comma (its own suffix)
                 * drops the delimiter's punctuation: "source, Jones" */
                gunichar prev = rich_last_char(pieces->pdata[i - 1]);
                if (o->cite_join && prev == ',' && strchr(",.;:", *d) && *d)
                    d++;
                if (c != ',' && c != ';' && c != '.' && *d)
                    g_ptr_array_add(with, affix(f, d));
            }
            g_ptr_array_add(with, pieces->pdata[i]);
        }
        g_ptr_array_free(pieces, TRUE);
        pieces = with;
    }
    fix_punct(a, pieces);
    res = concat(a, pieces);
    if (o->fmt)
        res = apply_fmt(f, o->fmt, res);
    if (res && (o->tag == TAG_PREFIX || o->tag == TAG_SUFFIX))
        mark_quotes(res);
    if (res && o->tag == TAG_URL && f->links)
        res = link_identifier(f, o, res);
out:
    g_ptr_array_free(pieces, TRUE);
    return res;
}

csl_rich *csl_flatten(const csl_flat *f, const co *o)
{
    csl_rich *r = flatten(f, o);
    return r && !rich_is_empty(r) ? r : NULL;
}

/* ---- finishing ---------------------------------------------------------------------- */

/* Splices SEQ children into their parents, drops empty text, merges text. */
static void normalize(arena *a, csl_rich *r)
{
    csl_rich *first = NULL, *last = NULL;
    GPtrArray *stack = g_ptr_array_new();
    for (csl_rich *k = r->first; k; k = k->next)
        g_ptr_array_add(stack, k);
    /* rebuild the child list in order, expanding SEQs */
    GPtrArray *out = g_ptr_array_new();
    GPtrArray *work = g_ptr_array_new();
    for (guint i = stack->len; i-- > 0;)
        g_ptr_array_add(work, stack->pdata[i]);
    while (work->len) {
        csl_rich *k = g_ptr_array_steal_index(work, work->len - 1);
        if (k->kind == CSL_RICH_SEQ) {
            GPtrArray *kids = g_ptr_array_new();
            for (csl_rich *c = k->first; c; c = c->next)
                g_ptr_array_add(kids, c);
            for (guint i = kids->len; i-- > 0;)
                g_ptr_array_add(work, kids->pdata[i]);
            g_ptr_array_free(kids, TRUE);
            continue;
        }
        if (k->kind == CSL_RICH_TEXT && (!k->text || !*k->text))
            continue;
        g_ptr_array_add(out, k);
    }
    /* merge runs of text, each run in one pass */
    GPtrArray *merged = g_ptr_array_new();
    for (guint i = 0; i < out->len;) {
        csl_rich *k = out->pdata[i];
        guint j = i + 1;
        if (k->kind == CSL_RICH_TEXT) {
            while (j < out->len && ((csl_rich *)out->pdata[j])->kind == CSL_RICH_TEXT)
                j++;
            if (j - i > 1) {
                GString *g = g_string_new(NULL);
                for (guint q = i; q < j; q++)
                    g_string_append(g, ((csl_rich *)out->pdata[q])->text);
                k->text = arena_strndup(a, g->str, g->len);
                g_string_free(g, TRUE);
            }
        }
        g_ptr_array_add(merged, k);
        i = j;
    }
    g_ptr_array_free(out, TRUE);
    out = merged;
    for (guint i = 0; i < out->len; i++) {
        csl_rich *k = out->pdata[i];
        k->next = NULL;
        if (last)
            last->next = k;
        else
            first = k;
        last = k;
        if (k->kind != CSL_RICH_TEXT)
            normalize(a, k);
    }
    r->first = first;
    r->last = last;
    g_ptr_array_free(out, TRUE);
    g_ptr_array_free(work, TRUE);
    g_ptr_array_free(stack, TRUE);
}

/* The quote that r ends with, looking through closing formatting
 * ("<i>“Title”</i>,"), or NULL. */
static csl_rich *trailing_quote(csl_rich *r)
{
    while (r) {
        if (r->kind == CSL_RICH_QUOTE)
            return (r->flags & RICH_KEEP_PUNCT) ? NULL : r;
        if (r->kind == CSL_RICH_TEXT || r->kind == CSL_RICH_DISPLAY || r->kind == CSL_RICH_LINK)
            return NULL;
        r = r->last;
    }
    return NULL;
}

/* punctuation-in-quote: a period or comma right after a closing quote moves
 * inside it (CSL 1.0.2 "Locale Options"), through nested quotes. */
static void punct_into_quotes(arena *a, csl_rich *r)
{
    for (csl_rich *k = r->first; k; k = k->next) {
        csl_rich *q = trailing_quote(k);
        csl_rich *t = k->next;
        /* the run of . , ! ? after the closing mark moves in */
        size_t run = 0;
        if (q && t && t->kind == CSL_RICH_TEXT && t->text)
            while (t->text[run] && strchr(".,!?", t->text[run]))
                run++;
        if (run) {
            GString *mv = g_string_new(NULL);
            gunichar lastc = rich_last_char(q);
            for (size_t i = 0; i < run; i++) {
                char ch = t->text[i];
                if (ch == '.' && (lastc == '.' || lastc == '?' || lastc == '!'))
                    continue;
                g_string_append_c(mv, ch);
                lastc = (gunichar)ch;
            }
            if (q->last && q->last->kind == CSL_RICH_TEXT) {
                char *m = g_strconcat(q->last->text, mv->str, NULL);
                q->last->text = arena_strdup(a, m);
                g_free(m);
            } else if (mv->len) {
                rich_append(q, rich_text(a, mv->str));
            }
            g_string_free(mv, TRUE);
            t->text = arena_strdup(a, t->text + run);
        }
        if (k->kind != CSL_RICH_TEXT)
            punct_into_quotes(a, k);
    }
}

/* Quote marks: each quote uses the outer marks (the inner ones for ‘…’ from
 * the data) unless the enclosing quote uses the same, then the others
 * (citeproc-js's flip-flop). ENCLOSING: -1 none, 1 outer, 0 inner. */
static void localize_quotes(const csl_flat *f, csl_rich *r, int enclosing)
{
    for (csl_rich *k = r->first; k; k = k->next) {
        int e = enclosing;
        if (k->kind == CSL_RICH_QUOTE) {
            bool outer = !(k->flags & RICH_PREFER_INNER);
            if ((outer && enclosing == 1) || (!outer && enclosing == 0))
                outer = !outer;
            const char *o =
                csl_term_lookup(f->st, outer ? "open-quote" : "open-inner-quote", TF_LONG, false);
            const char *c =
                csl_term_lookup(f->st, outer ? "close-quote" : "close-inner-quote", TF_LONG, false);
            k->text = (char *)(o ? o : outer ? "\xE2\x80\x9C" : "\xE2\x80\x98");
            k->extra = (char *)(c ? c : outer ? "\xE2\x80\x9D" : "\xE2\x80\x99");
            e = outer ? 1 : 0;
        }
        localize_quotes(f, k, e);
    }
}

static bool is_space(gunichar c)
{
    return g_unichar_isspace(c);
}

/* Trailing spaces of a right-inline block go after it (as citeproc-js). */
static void spaces_out_of_blocks(arena *a, csl_rich *r)
{
    for (csl_rich *k = r->first; k; k = k->next) {
        if (k->kind == CSL_RICH_DISPLAY && k->extra && !strcmp(k->extra, "right-inline") &&
            g_unichar_isspace(rich_last_char(k))) {
            rich_trim_end(a, k, is_space);
            csl_rich *sp = rich_text(a, " ");
            sp->next = k->next;
            k->next = sp;
            if (r->last == k)
                r->last = sp;
            k = sp;
            continue;
        }
        if (k->kind != CSL_RICH_TEXT)
            spaces_out_of_blocks(a, k);
    }
}

void csl_finish(const csl_flat *f, csl_rich *r)
{
    if (!r)
        return;
    normalize(f->a, r);
    spaces_out_of_blocks(f->a, r);
    if (csl_punct_in_quote(f->st)) {
        punct_into_quotes(f->a, r);
        normalize(f->a, r);
    }
    localize_quotes(f, r, -1);
}
