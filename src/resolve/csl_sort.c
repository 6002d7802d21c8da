/* csl_sort.c: sort keys and their comparison (CSL 1.0.2 "Sorting", "Sorting
 * Variables", "Sorting Macros"). Keys are strings: names in sort order,
 * dates as YYYYMMDD (negative years inverted), numbers zero-padded, macros
 * rendered in sort mode (names inverted, et-al terms and labels left out).
 * Comparison ignores case, accents and punctuation; empty keys go last in
 * both directions. */
#include <stdlib.h>
#include <string.h>

#include "csl_int.h"

bool csl_is_number_var(const char *v)
{
    static const char *const nums[] = {"chapter-number",
                                       "citation-number",
                                       "collection-number",
                                       "edition",
                                       "first-reference-note-number",
                                       "issue",
                                       "locator",
                                       "number",
                                       "number-of-pages",
                                       "number-of-volumes",
                                       "page",
                                       "page-first",
                                       "part-number",
                                       "printing-number",
                                       "section",
                                       "supplement-number",
                                       "version",
                                       "volume",
                                       NULL};
    for (size_t i = 0; nums[i]; i++)
        if (!strcmp(nums[i], v))
            return true;
    return false;
}

/* A name as sort words (CSL 1.0.2 "Name-part Order", sorting). */
static void name_sort_key(const csl_style *st, const csl_name *n, GString *out)
{
    if (n->literal || !n->family) {
        const char *s = n->literal ? n->literal : n->given ? n->given : "";
        /* English articles at the start of institutional names are skipped */
        static const char *const articles[] = {"the ", "a ", "an ", NULL};
        for (size_t i = 0; articles[i]; i++)
            if (g_ascii_strncasecmp(s, articles[i], strlen(articles[i])) == 0) {
                s += strlen(articles[i]);
                break;
            }
        g_string_append(out, s);
        return;
    }
    const char *ndp = n->non_dropping_particle, *dp = n->dropping_particle;
    if (st->demote_particle == DEMOTE_NEVER) {
        if (ndp)
            g_string_append_printf(out, "%s ", ndp);
        g_string_append(out, n->family);
        if (dp)
            g_string_append_printf(out, " %s", dp);
    } else {
        g_string_append(out, n->family);
        if (dp)
            g_string_append_printf(out, " %s", dp);
        if (ndp)
            g_string_append_printf(out, " %s", ndp);
    }
    if (n->given)
        g_string_append_printf(out, " %s", n->given);
    if (n->suffix)
        g_string_append_printf(out, " %s", n->suffix);
}

static char *variable_key(csl_proc *p, const csl_reg *reg, const char *var)
{
    const csl_item *it = reg->item;
    if (!strcmp(var, "citation-number"))
        return reg->citation_number > 0 ? g_strdup_printf("%09d", reg->citation_number) : NULL;
    if (!it)
        return NULL;
    if (!strcmp(var, "citation-label") && !csl_item_text(it, var)) {
        /* the generated label, as rendered */
        static const csl_el el = {.kind = EL_TEXT,
                                  .u.text = {.source = TXT_VARIABLE, .name = "citation-label"}};
        arena *a = arena_new();
        ectx c;
        memset(&c, 0, sizeof c);
        c.p = p;
        c.st = p->st;
        c.a = a;
        c.layout = &p->st->citation;
        c.reg = reg;
        c.item = it;
        c.sort = true;
        co *o = csl_eval_el(&c, &el);
        char *r = o && o->kind == CO_TEXT ? g_strdup(o->text) : NULL;
        arena_free(a);
        return r;
    }
    const csl_value *v = g_hash_table_lookup(it->vars, var);
    if (!v)
        return NULL;
    if (v->kind == CSL_VAR_NAMES) {
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < v->v.names.n; i++) {
            if (i)
                g_string_append(s, ", ");
            name_sort_key(p->st, &v->v.names.names[i], s);
        }
        return g_string_free(s, FALSE);
    }
    if (v->kind == CSL_VAR_DATE) {
        if (v->v.date.literal && !v->v.date.parts[0][0])
            return NULL;
        return csl_date_sort_key(&v->v.date, 3);
    }
    const char *t = v->v.text;
    if (!t || !*t)
        return NULL;
    if (csl_is_number_var(var)) {
        char *end;
        long n = strtol(t, &end, 10);
        if (end != t)
            return g_strdup_printf("%09ld%s", n, end);
    }
    arena *a = arena_new();
    char *plain = csl_rich_plain(csl_markup_parse(a, t));
    arena_free(a);
    return plain;
}

static char *macro_key(csl_proc *p, const csl_layout *l, const csl_reg *reg,
                       const csl_sort_key *key)
{
    arena *a = arena_new();
    ectx c;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.st = p->st;
    c.a = a;
    c.layout = l;
    c.bib = l == &p->st->bibliography;
    c.sort = true;
    c.key = key;
    c.reg = reg;
    c.item = reg->item;
    c.position = POS_FIRST;
    const csl_macro *m = &p->st->macros[key->macro];
    co *o = csl_eval_kids(&c, m->kids, m->n_kids, NULL);
    if (c.suppressed)
        g_ptr_array_free(c.suppressed, TRUE);
    csl_flat f = {p->st, a};
    csl_rich *r = csl_flatten(&f, o);
    char *s = r ? csl_rich_plain(r) : NULL;
    arena_free(a);
    if (s && !*s) {
        g_free(s);
        s = NULL;
    }
    return s;
}

void csl_sort_keys_compute(csl_proc *p, const csl_layout *l, csl_reg *reg, char ***out)
{
    if (*out) {
        for (size_t i = 0; i < l->n_keys; i++)
            g_free((*out)[i]);
        g_free(*out);
    }
    *out = g_new0(char *, l->n_keys + 1);
    for (size_t i = 0; i < l->n_keys; i++) {
        const csl_sort_key *k = &l->keys[i];
        (*out)[i] = k->var ? variable_key(p, reg, k->var) : macro_key(p, l, reg, k);
    }
}

/* Comparable form: case-folded, accents and punctuation dropped. */
static char *fold(const char *s)
{
    char *n = g_utf8_normalize(s, -1, G_NORMALIZE_NFD);
    if (!n)
        n = g_strdup(s);
    GString *o = g_string_new(NULL);
    bool space = false;
    for (const char *p = n; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_ismark(c))
            continue;
        if (c == '-' || c == 0x2019 || c == '\'' || c == 0x2BE || c == 0x2BF || c == '[' ||
            c == ']')
            continue;
        if (g_unichar_ispunct(c) || g_unichar_isspace(c)) {
            space = o->len > 0;
            continue;
        }
        if (space) {
            g_string_append_c(o, ' ');
            space = false;
        }
        g_string_append_unichar(o, g_unichar_tolower(c));
    }
    g_free(n);
    return g_string_free(o, FALSE);
}

static int compare_text(const char *a, const char *b)
{
    char *fa = fold(a), *fb = fold(b);
    int r = strcmp(fa, fb);
    g_free(fa);
    g_free(fb);
    return r;
}

int csl_sort_compare(const csl_layout *l, char **a, char **b)
{
    for (size_t i = 0; i < l->n_keys; i++) {
        const char *x = a ? a[i] : NULL, *y = b ? b[i] : NULL;
        if (!x && !y)
            continue;
        if (!x)
            return 1;
        if (!y)
            return -1;
        int r = compare_text(x, y);
        if (r)
            return l->keys[i].descending ? -r : r;
    }
    return 0;
}
