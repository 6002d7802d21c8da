/* csl_names.c: cs:names, cs:name, cs:et-al, cs:substitute and the label in
 * cs:names (CSL 1.0.2 "Names", "Name-part Order", "Name-part Formatting",
 * "Et-al", "Substitute", "Inheritable Name Options"). Each name variable
 * renders as a TAG_NAMES node holding TAG_NAME nodes, so disambiguation,
 * cite grouping and subsequent-author-substitute can find them. */
#include <string.h>

#include "csl_int.h"

/* Effective options for one cs:names: cs:name, then cs:citation or
 * cs:bibliography, then cs:style, then the defaults. */
typedef struct {
    csl_name_opts o;
    const csl_fmt *name_fmt, *given_fmt, *family_fmt, *etal_fmt, *label_fmt;
    const char *etal_term;
    bool has_label, label_before;
    uint8_t label_form, label_plural;
} names_cfg;

static void configure(ectx *c, const csl_el *e, names_cfg *cfg)
{
    const csl_el *src = e; /* where cs:name, cs:et-al, cs:label come from */
    const csl_el *parent = c->in_subst ? c->subst_names : NULL;
    memset(cfg, 0, sizeof *cfg);
    /* cs:name */
    if (!src->u.names.has_name && parent && parent->u.names.has_name)
        cfg->o = parent->u.names.opts;
    else
        cfg->o = src->u.names.opts;
    /* names-delimiter is cs:names' own delimiter */
    cfg->o.names_delimiter = e->u.names.opts.names_delimiter;
    const csl_el *nm = src->u.names.has_name                ? src
                       : parent && parent->u.names.has_name ? parent
                                                            : src;
    cfg->name_fmt = &nm->u.names.name_fmt;
    cfg->given_fmt = nm->u.names.has_given_fmt ? &nm->u.names.given_fmt : NULL;
    cfg->family_fmt = nm->u.names.has_family_fmt ? &nm->u.names.family_fmt : NULL;
    const csl_el *ea = src->u.names.has_etal                ? src
                       : parent && parent->u.names.has_etal ? parent
                                                            : src;
    cfg->etal_term = ea->u.names.etal_term;
    cfg->etal_fmt = ea->u.names.has_etal ? &ea->u.names.etal_fmt : NULL;
    const csl_el *lb = src->u.names.has_label                ? src
                       : parent && parent->u.names.has_label ? parent
                                                             : NULL;
    if (lb && !c->sort) { /* sort keys leave labels out (CSL 1.0.2 "Sorting Macros") */
        cfg->has_label = true;
        cfg->label_before = lb->u.names.label_before_name;
        cfg->label_form = lb->u.names.label_form;
        cfg->label_plural = lb->u.names.label_plural;
        cfg->label_fmt = &lb->u.names.label_fmt;
    }
    csl_name_opts_inherit(&cfg->o, &c->layout->opts);
    csl_name_opts_inherit(&cfg->o, &c->st->opts);
    if (!cfg->o.delimiter)
        cfg->o.delimiter = ", ";
    if (!cfg->o.sort_separator)
        cfg->o.sort_separator = ", ";
    if (cfg->o.form == NF_UNSET)
        cfg->o.form = NF_LONG;
    if (cfg->o.initialize < 0)
        cfg->o.initialize = 1;
    if (cfg->o.dp_etal == DP_UNSET)
        cfg->o.dp_etal = DP_CONTEXTUAL;
    if (cfg->o.dp_last == DP_UNSET)
        cfg->o.dp_last = DP_CONTEXTUAL;
    if (cfg->o.etal_use_last < 0)
        cfg->o.etal_use_last = 0;
    if (!cfg->o.names_delimiter)
        cfg->o.names_delimiter = c->layout->opts.names_delimiter ? c->layout->opts.names_delimiter
                                                                 : c->st->opts.names_delimiter;
}

/* ---- initials --------------------------------------------------------------------- */

static bool all_lower_word(const char *s)
{
    bool any = false;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isupper(c) || g_unichar_istitle(c))
            return false;
        if (g_unichar_isalpha(c))
            any = true;
    }
    return any;
}

typedef struct {
    char *text;
    bool initial; /* already an initial ("J." or a single letter) */
} gtoken;

static void push_tok(GArray *toks, GString *cur, bool initial)
{
    if (cur->len == 0)
        return;
    gtoken t = {g_strdup(cur->str), initial};
    g_array_append_val(toks, t);
    g_string_truncate(cur, 0);
}

/* Given names -> initials (CSL 1.0.2 "initialize-with", "initialize",
 * "Hyphenation of Initialized Names"). MAKE: turn words into initials; WITH:
 * what follows each initial. */
static char *initialize(const char *given, bool make, const char *with, bool hyphen)
{
    GArray *toks = g_array_new(FALSE, FALSE, sizeof(gtoken));
    GString *cur = g_string_new(NULL);
    for (const char *p = given; *p; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        if (ch == '.') {
            push_tok(toks, cur, true);
        } else if (ch == '-') {
            push_tok(toks, cur, g_utf8_strlen(cur->str, -1) == 1);
            g_string_append_c(cur, '-');
        } else if (ch == ' ' || ch == 0xA0) {
            long n = g_utf8_strlen(cur->str, -1);
            bool hy = cur->len && cur->str[0] == '-';
            push_tok(toks, cur, n == 1 || (hy && n == 2));
        } else {
            g_string_append_unichar(cur, ch);
        }
    }
    {
        long n = g_utf8_strlen(cur->str, -1);
        bool hy = cur->len && cur->str[0] == '-';
        push_tok(toks, cur, n == 1 || (hy && n == 2));
    }
    GString *out = g_string_new(NULL);
    bool with_ends_space = with[0] && with[strlen(with) - 1] == ' ';
    for (guint i = 0; i < toks->len; i++) {
        gtoken *t = &g_array_index(toks, gtoken, i);
        const char *w = t->text;
        bool hy = w[0] == '-';
        const char *body = hy ? w + 1 : w;
        if (t->initial) {
            if (hy) {
                if (!g_unichar_isupper(g_utf8_get_char(body)))
                    continue;
                if (hyphen)
                    g_string_append_c(out, '-');
                else if (out->len && out->str[out->len - 1] != ' ')
                    g_string_append(out, with_ends_space ? "" : "");
            }
            g_string_append(out, body);
            g_string_append(out, with);
            continue;
        }
        if (all_lower_word(body) && !hy) {
            /* a lowercase word ("de") is kept as it is */
            if (with_ends_space)
                g_string_append_printf(out, "%s ", body);
            else
                g_string_append_printf(out, " %s ", body);
            continue;
        }
        if (!make) {
            if (hy)
                g_string_append_c(out, '-');
            g_string_append(out, body);
            g_string_append_c(out, ' ');
            continue;
        }
        gunichar c0 = g_utf8_get_char(body);
        if (hy) {
            if (!g_unichar_isupper(c0))
                continue; /* "Ji-ping" -> "J." */
            if (hyphen)
                g_string_append_c(out, '-');
        }
        if (g_unichar_isupper(c0) || g_unichar_istitle(c0) || !g_unichar_isalpha(c0)) {
            const char *rest = g_utf8_next_char(body);
            g_string_append_len(out, body, rest - body);
            /* "Ts" in "TSvetaeva"-like all-caps digraphs: kept as written */
            if (*rest && g_unichar_isupper(g_utf8_get_char(rest))) {
                const char *rest2 = g_utf8_next_char(rest);
                if (*rest2 && all_lower_word(rest2)) {
                    gunichar d = g_unichar_tolower(g_utf8_get_char(rest));
                    g_string_append_unichar(out, d);
                }
            }
            g_string_append(out, with);
        } else {
            g_string_append(out, body);
            g_string_append(out, with);
        }
    }
    for (guint i = 0; i < toks->len; i++)
        g_free(g_array_index(toks, gtoken, i).text);
    g_array_free(toks, TRUE);
    g_string_free(cur, TRUE);
    /* " -" -> "-", trim */
    char *s = g_string_free(out, FALSE);
    GString *fixed = g_string_new(NULL);
    for (const char *p = s; *p; p++) {
        if (p[0] == ' ' && p[1] == '-')
            continue;
        g_string_append_c(fixed, *p);
    }
    g_free(s);
    char *r = g_string_free(fixed, FALSE);
    g_strstrip(r);
    return r;
}

char *csl_name_initials(const char *given, const char *with, bool hyphen)
{
    return initialize(given, true, with, hyphen);
}

char *csl_name_key(const csl_name *n)
{
    return g_strdup_printf("%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", n->family ? n->family : "",
                           n->given ? n->given : "",
                           n->dropping_particle ? n->dropping_particle : "",
                           n->non_dropping_particle ? n->non_dropping_particle : "",
                           n->suffix ? n->suffix : "", n->literal ? n->literal : "");
}

/* ---- one name ------------------------------------------------------------------------ */

/* Latin, Greek, Cyrillic, Arabic, Hebrew... scripts where the given name comes
 * first ("romanesque" names); CJK names are written family-given, unspaced. */
static bool is_western(const char *s)
{
    if (!s)
        return true;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        GUnicodeScript sc = g_unichar_get_script(c);
        if (sc == G_UNICODE_SCRIPT_HAN || sc == G_UNICODE_SCRIPT_HIRAGANA ||
            sc == G_UNICODE_SCRIPT_KATAKANA || sc == G_UNICODE_SCRIPT_HANGUL ||
            sc == G_UNICODE_SCRIPT_BOPOMOFO)
            return false;
    }
    return true;
}

static bool name_is_western(const csl_name *n)
{
    return is_western(n->family) && is_western(n->given);
}

/* Name parts joined with a space, except after an apostrophe or a hyphen
 * ("d’Aubignac", "al-One") and in CJK names. */
static co *join_space(arena *a, co *x, co *y, bool western)
{
    if (!x)
        return y;
    if (!y)
        return x;
    co *s = co_seq(a, NULL);
    co_add(a, s, x);
    /* the last character of x as rendered (a suffix counts) */
    const co *leaf = x;
    const char *last = NULL;
    while (leaf) {
        if (leaf->kind == CO_TEXT) {
            last = leaf->text;
            break;
        }
        if (leaf->fmt && leaf->fmt->suffix && *leaf->fmt->suffix) {
            last = leaf->fmt->suffix;
            break;
        }
        leaf = leaf->n ? leaf->kids[leaf->n - 1] : NULL;
    }
    bool glue = false;
    if (last && *last) {
        const char *end = last + strlen(last);
        gunichar c = g_utf8_get_char(g_utf8_prev_char(end));
        glue = c == '\'' || c == 0x2019 || c == '-' || c == 0x2013 || g_unichar_isspace(c);
    }
    if (western && !glue)
        co_add(a, s, co_text(a, " ", false));
    co_add(a, s, y);
    return s;
}

/* x + sort-separator + y (when both render). */
static co *join_sep(arena *a, co *x, co *y, const char *sep)
{
    if (!x)
        return y;
    if (!y)
        return x;
    co *s = co_seq(a, NULL);
    co_add(a, s, x);
    co_add(a, s, co_text(a, sep, false));
    co_add(a, s, y);
    return s;
}

/* A name part with name-part formatting but not its affixes. */
static co *part(ectx *c, const char *text, const csl_fmt *f)
{
    co *t = co_text(c->a, text, true);
    if (!t || !f)
        return t;
    csl_fmt *g = ARENA_NEW(c->a, csl_fmt);
    *g = *f;
    g->prefix = g->suffix = g->delimiter = NULL;
    if (g->text_case == TC_TITLE && !csl_is_english(c))
        g->text_case = TC_NONE;
    return co_wrap(c->a, g, &t, 1);
}

/* Affixes of a cs:name-part around a group of parts. */
static co *affixed(ectx *c, co *x, const csl_fmt *f)
{
    if (!x || !f || (!f->prefix && !f->suffix))
        return x;
    csl_fmt *g = ARENA_NEW(c->a, csl_fmt);
    g->prefix = f->prefix;
    g->suffix = f->suffix;
    return co_wrap(c->a, g, &x, 1);
}

/* Renders one personal or literal name. INDEX is its position in the list
 * (0-based); LEVEL the disambiguation expansion (0 none, 1 initials/long
 * form, 2 full given name). */
static co *render_name(ectx *c, const names_cfg *cfg, const csl_name *n, size_t index, int level)
{
    arena *a = c->a;
    co *out;
    if (n->literal || (!n->family && !n->given)) {
        const char *lit = n->literal ? n->literal : "";
        out = part(c, lit, cfg->family_fmt);
        out = affixed(c, out, cfg->family_fmt);
    } else if (!n->family) {
        /* given name only */
        out = affixed(c, part(c, n->given, cfg->given_fmt), cfg->given_fmt);
    } else {
        int form = cfg->o.form;
        bool init = cfg->o.initialize != 0;
        if (level >= 1 && form == NF_SHORT)
            form = NF_LONG;
        if (level >= 2)
            init = false;
        if (c->sort && form == NF_SHORT) {
            /* sort keys from short names are the family name */
        }
        bool western = name_is_western(n);
        const char *given = n->given;
        if (given && cfg->o.initialize_with) {
            char *ini =
                initialize(given, init, cfg->o.initialize_with, c->st->initialize_with_hyphen);
            given = arena_strdup(a, ini);
            g_free(ini);
        }
        if (given && !*given)
            given = NULL;
        co *family = part(c, n->family, cfg->family_fmt);
        co *ndp = part(c, n->non_dropping_particle, cfg->family_fmt);
        co *dp = part(c, n->dropping_particle, cfg->given_fmt);
        co *giv = part(c, given, cfg->given_fmt);
        co *suffix = co_text(a, n->suffix, true);
        bool inverted = c->sort || cfg->o.name_as_sort_order == NSO_ALL ||
                        (cfg->o.name_as_sort_order == NSO_FIRST && index == 0);
        if (!western) {
            if (form == NF_SHORT)
                out = affixed(c, family, cfg->family_fmt);
            else
                out = join_space(a, affixed(c, family, cfg->family_fmt),
                                 affixed(c, giv, cfg->given_fmt), false);
        } else if (form == NF_SHORT) {
            out = affixed(c, join_space(a, ndp, family, true), cfg->family_fmt);
        } else if (inverted && (c->st->demote_particle == DEMOTE_NEVER ||
                                c->st->demote_particle == DEMOTE_SORT_ONLY)) {
            out = join_sep(a, affixed(c, join_space(a, ndp, family, true), cfg->family_fmt),
                           affixed(c, join_space(a, giv, dp, true), cfg->given_fmt),
                           cfg->o.sort_separator);
            out = join_sep(a, out, suffix, cfg->o.sort_separator);
        } else if (inverted) {
            out = join_sep(
                a, affixed(c, family, cfg->family_fmt),
                affixed(c, join_space(a, join_space(a, giv, dp, true), ndp, true), cfg->given_fmt),
                cfg->o.sort_separator);
            out = join_sep(a, out, suffix, cfg->o.sort_separator);
        } else {
            co *fam = join_space(a, join_space(a, dp, ndp, true), family, true);
            if (n->comma_suffix)
                fam = join_sep(a, fam, suffix, ", ");
            else
                fam = join_space(a, fam, suffix, true);
            out = join_space(a, affixed(c, giv, cfg->given_fmt), affixed(c, fam, cfg->family_fmt),
                             true);
        }
    }
    if (!out)
        return NULL;
    out = co_wrap(a, cfg->name_fmt, &out, 1);
    co *t = co_tag(a, TAG_NAME, out);
    t->ptr = n;
    return t;
}

static int name_level(ectx *c, const csl_name *n, size_t index)
{
    int lv = 0;
    if (!c->reg)
        return 0;
    char *key = NULL;
    if (c->reg->name_level) {
        key = csl_name_key(n);
        lv = GPOINTER_TO_INT(g_hash_table_lookup(c->reg->name_level, key));
    }
    if (c->p && c->p->global_names) {
        if (!key)
            key = csl_name_key(n);
        int g = GPOINTER_TO_INT(g_hash_table_lookup(c->p->global_names, key));
        /* primary-name rules only expand the first name of a cite */
        int rule = c->layout == &c->st->citation ? c->layout->givenname_rule
                                                 : c->st->citation.givenname_rule;
        if ((rule == GDR_PRIMARY || rule == GDR_PRIMARY_INITIALS) && index > 0)
            g = 0;
        if (g > lv)
            lv = g;
    }
    g_free(key);
    return lv;
}

/* ---- one variable's list ----------------------------------------------------------- */

static const char *and_text(ectx *c, const names_cfg *cfg)
{
    if (cfg->o.and_ == AND_TEXT)
        return csl_term_lookup(c->st, "and", TF_LONG, false);
    if (cfg->o.and_ == AND_SYMBOL) {
        const char *s = csl_term_lookup(c->st, "and", TF_SYMBOL, false);
        return s && strcmp(s, "and") != 0 ? s : "&";
    }
    return NULL;
}

static bool ends_space(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    return n && s[n - 1] == ' ';
}

/* The label for a list (CSL 1.0.2 "Label in cs:names"). */
static co *names_label(ectx *c, const names_cfg *cfg, const char *term, size_t count)
{
    bool plural =
        cfg->label_plural == PL_ALWAYS || (cfg->label_plural == PL_CONTEXTUAL && count > 1);
    const char *t = csl_term_lookup(c->st, term, cfg->label_form, plural);
    co *o = co_text(c->a, t, false);
    if (!o)
        return NULL;
    csl_fmt *f = ARENA_NEW(c->a, csl_fmt);
    *f = *cfg->label_fmt;
    if (f->text_case == TC_TITLE && !csl_is_english(c))
        f->text_case = TC_NONE;
    return co_wrap(c->a, f, &o, 1);
}

/* Renders the names of one variable; *shown receives how many rendered. */
static co *render_list(ectx *c, const names_cfg *cfg, const char *var, const char *term,
                       const csl_names *ns, size_t *shown)
{
    arena *a = c->a;
    size_t n = ns->n;
    /* et-al (CSL 1.0.2 "et-al-min / et-al-use-first", subsequent variants) */
    int min = cfg->o.etal_min, first = cfg->o.etal_use_first;
    bool use_last = cfg->o.etal_use_last == 1;
    if (!c->bib && !c->sort && (c->position & POS_SUBSEQUENT)) {
        if (cfg->o.etal_sub_min >= 0)
            min = cfg->o.etal_sub_min;
        if (cfg->o.etal_sub_use_first >= 0)
            first = cfg->o.etal_sub_use_first;
    }
    if (c->sort && c->key) {
        if (c->key->names_min >= 0)
            min = c->key->names_min;
        if (c->key->names_use_first >= 0)
            first = c->key->names_use_first;
        if (c->key->names_use_last >= 0)
            use_last = c->key->names_use_last == 1;
    }
    size_t keep = n;
    bool truncated = false;
    if (min > 0 && first >= 0 && n >= (size_t)min) {
        keep = (size_t)first;
        if (c->reg && c->reg->etal_names > 0 && !c->sort && (size_t)c->reg->etal_names > keep)
            keep = (size_t)c->reg->etal_names;
        if (keep < n)
            truncated = true;
        else
            keep = n;
    }
    if (keep == 0 && truncated) {
        *shown = 0;
        return NULL;
    }
    bool last_too = truncated && use_last && keep + 2 <= n;
    *shown = keep + (last_too ? 1 : 0);
    if (cfg->o.form == NF_COUNT)
        return NULL;
    const char *delim = cfg->o.delimiter;
    const char *and_ = and_text(c, cfg);
    bool inv_first = cfg->o.name_as_sort_order == NSO_FIRST || cfg->o.name_as_sort_order == NSO_ALL;
    co *list = co_seq(a, NULL);
    for (size_t i = 0; i < keep; i++) {
        co *nm = render_name(c, cfg, &ns->names[i], i, name_level(c, &ns->names[i], i));
        if (i > 0) {
            bool last = i == n - 1 && !truncated;
            if (last && and_ && !c->sort) {
                /* delimiter-precedes-last */
                bool use_delim;
                switch (cfg->o.dp_last) {
                case DP_ALWAYS:
                    use_delim = true;
                    break;
                case DP_NEVER:
                    use_delim = false;
                    break;
                case DP_AFTER_INVERTED:
                    use_delim = cfg->o.name_as_sort_order == NSO_ALL ||
                                (cfg->o.name_as_sort_order == NSO_FIRST && i == 1);
                    break;
                default:
                    use_delim = n > 2;
                }
                GString *s = g_string_new(use_delim ? delim : "");
                if (!ends_space(s->str))
                    g_string_append_c(s, ' ');
                g_string_append(s, and_);
                g_string_append_c(s, ' ');
                co_add(a, list, co_text(a, arena_strdup(a, s->str), false));
                g_string_free(s, TRUE);
            } else {
                co_add(a, list, co_text(a, delim, false));
            }
        }
        co_add(a, list, nm);
    }
    if (truncated && !c->sort) {
        if (last_too) {
            co_add(a, list, co_text(a, delim, false));
            co_add(a, list, co_text(a, "\xE2\x80\xA6 ", false));
            co_add(a, list,
                   render_name(c, cfg, &ns->names[n - 1], n - 1,
                               name_level(c, &ns->names[n - 1], n - 1)));
        } else {
            const char *t = csl_term_lookup(c->st, cfg->etal_term, TF_LONG, false);
            if (t && *t) {
                bool use_delim;
                switch (cfg->o.dp_etal) {
                case DP_ALWAYS:
                    use_delim = true;
                    break;
                case DP_NEVER:
                    use_delim = false;
                    break;
                case DP_AFTER_INVERTED:
                    use_delim = cfg->o.name_as_sort_order == NSO_ALL || (inv_first && keep == 1);
                    break;
                default:
                    use_delim = keep > 1;
                }
                co *et = co_text(a, t, false);
                if (cfg->etal_fmt)
                    et = co_wrap(a, cfg->etal_fmt, &et, 1);
                co_add(a, list, co_text(a, use_delim ? delim : " ", false));
                co_add(a, list, et);
            }
        }
    } else if (truncated && c->sort && last_too) {
        co_add(a, list, co_text(a, delim, false));
        co_add(a, list, render_name(c, cfg, &ns->names[n - 1], n - 1, 0));
    }
    co *body = list;
    if (cfg->has_label) {
        co *lab = names_label(c, cfg, term, n);
        co *s = co_seq(a, NULL);
        if (cfg->label_before) {
            co_add(a, s, lab);
            co_add(a, s, body);
        } else {
            co_add(a, s, body);
            co_add(a, s, lab);
        }
        body = s;
    }
    co *t = co_tag(a, TAG_NAMES, body);
    t->ptr = ns;
    t->var = var;
    return t;
}

static bool same_names(const csl_names *x, const csl_names *y)
{
    if (x->n != y->n)
        return false;
    for (size_t i = 0; i < x->n; i++) {
        char *a = csl_name_key(&x->names[i]), *b = csl_name_key(&y->names[i]);
        bool eq = strcmp(a, b) == 0;
        g_free(a);
        g_free(b);
        if (!eq)
            return false;
    }
    return true;
}

co *csl_eval_names(ectx *c, const csl_el *e)
{
    arena *a = c->a;
    names_cfg cfg;
    configure(c, e, &cfg);
    const char **vars = e->u.names.vars;
    size_t nv = e->u.names.n_vars;
    /* editor and translator with the same names: one list, "editortranslator" */
    bool edtr = false;
    const csl_names *ed = NULL, *tr = NULL;
    for (size_t i = 0; i < nv; i++) {
        if (!strcmp(vars[i], "editor") && !csl_var_suppressed(c, "editor"))
            ed = c->item ? csl_item_names(c->item, "editor") : NULL;
        if (!strcmp(vars[i], "translator") && !csl_var_suppressed(c, "translator"))
            tr = c->item ? csl_item_names(c->item, "translator") : NULL;
    }
    if (ed && tr && same_names(ed, tr) &&
        csl_term_find(c->st, "editortranslator", cfg.has_label ? cfg.label_form : TF_LONG,
                      G_NEUTER))
        edtr = true;
    co *all = co_seq(a, NULL);
    size_t total_shown = 0;
    bool any = false;
    GPtrArray *used = g_ptr_array_new();
    for (size_t i = 0; i < nv; i++) {
        const char *var = vars[i];
        if (edtr && !strcmp(var, "translator"))
            continue;
        const csl_names *ns = NULL;
        if (!csl_var_suppressed(c, var) && c->item)
            ns = csl_item_names(c->item, var);
        c->called++;
        if (!ns || ns->n == 0)
            continue;
        c->nonempty++;
        any = true;
        g_ptr_array_add(used, (gpointer)var);
        const char *term = edtr && !strcmp(var, "editor") ? "editortranslator" : var;
        size_t shown = 0;
        co *o = render_list(c, &cfg, term, term, ns, &shown);
        total_shown += shown;
        co_add(a, all, o);
    }
    if (edtr)
        g_ptr_array_add(used, (gpointer) "translator");
    if (any && c->in_subst)
        for (guint i = 0; i < used->len; i++)
            csl_var_suppress(c, used->pdata[i]);
    g_ptr_array_free(used, TRUE);
    if (!any) {
        /* cs:substitute: the first child that renders stands in */
        if (!e->u.names.has_subst || c->in_subst)
            return NULL;
        bool in = c->in_subst;
        const csl_el *sn = c->subst_names;
        c->in_subst = true;
        c->subst_names = e;
        co *res = NULL;
        for (size_t i = 0; i < e->u.names.n_subst && !res; i++) {
            res = csl_eval_el(c, e->u.names.subst[i]);
            if (res && co_is_empty(res))
                res = NULL;
        }
        c->in_subst = in;
        c->subst_names = sn;
        if (!res)
            return NULL;
        if (res->tag != TAG_NAMES) {
            res = co_tag(a, TAG_NAMES, res);
            res->var = "";
        }
        /* the substitute takes the place of the names, inside the affixes
         * and formatting of this cs:names */
        csl_fmt *sf = ARENA_NEW(a, csl_fmt);
        *sf = e->fmt;
        sf->delimiter = NULL;
        return co_wrap(a, sf, &res, 1);
    }
    if (cfg.o.form == NF_COUNT) {
        if (total_shown == 0)
            return NULL;
        return co_text(a, arena_printf(a, "%zu", total_shown), false);
    }
    csl_fmt *f = ARENA_NEW(a, csl_fmt);
    *f = e->fmt;
    f->delimiter = cfg.o.names_delimiter;
    if (all->n == 1) {
        co *only = all->kids[0];
        f->delimiter = NULL;
        return co_wrap(a, f, &only, 1);
    }
    return co_wrap(a, f, all->kids, all->n);
}
