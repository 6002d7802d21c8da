/* csl_collapse.c: cite grouping and collapsing (CSL 1.0.2 "Cite Grouping",
 * "Cite Collapsing"). Adjacent cites with the same rendered names form a
 * group (joined by cite-group-delimiter); with collapse="year" the later
 * cites of a group lose their names, with "year-suffix" cites of the same
 * date shrink to their year-suffix, and with "year-suffix-ranged" runs of
 * three or more suffixes become ranges. collapse="citation-number" turns
 * runs of three or more consecutive numbers into ranges. A cite with its
 * own prefix or suffix, or (for year-suffixes) a locator, is not merged. */
#include <string.h>

#include "csl_int.h"

static co *cite_seq(arena *a, const csl_fmt *f)
{
    co *s = co_seq(a, f);
    s->cite_join = true;
    return s;
}

static csl_fmt *delim_fmt(arena *a, const char *d)
{
    csl_fmt *f = ARENA_NEW(a, csl_fmt);
    f->delimiter = d && *d ? d : NULL;
    return f;
}

/* pieces[0] d[0] pieces[1] d[1] ... as nested sequences, so that each join
 * keeps the delimiter rules of formatted sequences. */
static co *join(arena *a, co **pieces, const char **delims, size_t n)
{
    if (n == 0)
        return NULL;
    co *acc = pieces[n - 1];
    for (size_t i = n - 1; i-- > 0;) {
        co *s = cite_seq(a, delim_fmt(a, delims[i]));
        co_add(a, s, pieces[i]);
        co_add(a, s, acc);
        acc = s;
    }
    return acc;
}

/* The citation number when the cite renders nothing but it, else -1. */
static int number_only(const co *o, bool under_number)
{
    if (!o)
        return -1;
    if (o->kind == CO_TEXT)
        return under_number ? -2 : -1;
    if (o->tag == TAG_PREFIX || o->tag == TAG_SUFFIX)
        return -1;
    if (o->tag == TAG_CITATION_NUMBER) {
        return o->ival;
    }
    int found = -2; /* nothing yet */
    for (unsigned i = 0; i < o->n; i++) {
        int r = number_only(o->kids[i], under_number);
        if (r == -1)
            return -1;
        if (r >= 0) {
            if (found >= 0)
                return -1;
            found = r;
        }
    }
    return found;
}

static co *first_tag(co *o, int tag)
{
    if (!o)
        return NULL;
    if (o->tag == tag)
        return o;
    for (unsigned i = 0; i < o->n; i++) {
        co *r = first_tag(o->kids[i], tag);
        if (r)
            return r;
    }
    return NULL;
}

static char *plain(const csl_style *st, const co *o)
{
    arena *a = arena_new();
    csl_flat f = {st, a};
    csl_rich *r = csl_flatten(&f, o);
    char *s = r ? csl_rich_plain(r) : g_strdup("");
    arena_free(a);
    return s;
}

/* What identifies a cite's names for grouping: the rendered text of its
 * first cs:names (CSL 1.0.2 "Cite Grouping": "identical rendered names"). */
static char *names_signature(const csl_style *st, co *item)
{
    co *n = first_tag(item, TAG_NAMES);
    return n ? plain(st, n) : NULL;
}

static bool remove_names(co *o)
{
    bool removed = false;
    for (unsigned i = 0; i < o->n;) {
        co *k = o->kids[i];
        if (k->tag == TAG_NAMES) {
            memmove(&o->kids[i], &o->kids[i + 1], (o->n - i - 1) * sizeof(co *));
            o->n--;
            removed = true;
            continue;
        }
        if (k->kind == CO_SEQ && remove_names(k))
            removed = true;
        i++;
    }
    return removed;
}

/* Whether two cites show the same date (as rendered, year-suffix aside). */
static bool same_date(const csl_style *st, co *x, co *y)
{
    co *a = first_tag(x, TAG_DATE), *b = first_tag(y, TAG_DATE);
    if (!a || !b)
        return false;
    arena *ar = arena_new();
    csl_flat f = {st, ar, true};
    csl_rich *ra = csl_flatten(&f, a), *rb = csl_flatten(&f, b);
    char *ta = ra ? csl_rich_plain(ra) : g_strdup(""), *tb = rb ? csl_rich_plain(rb) : g_strdup("");
    bool eq = strcmp(ta, tb) == 0;
    g_free(ta);
    g_free(tb);
    arena_free(ar);
    return eq;
}

static co *collapse_numbers(csl_proc *p, arena *a, co **items, csl_cite_rec **cites, size_t n)
{
    const csl_layout *l = &p->st->citation;
    const char *d = l->fmt.delimiter;
    const char *after = l->after_collapse_delimiter ? l->after_collapse_delimiter : d;
    co **pieces = g_new0(co *, n);
    const char **delims = g_new0(const char *, n);
    size_t np = 0;
    for (size_t i = 0; i < n;) {
        int num = number_only(items[i], false);
        size_t j = i + 1;
        if (num >= 0 && !cites[i]->c.suffix) {
            int last = num;
            while (j < n && !cites[j]->c.prefix && !cites[j - 1]->c.suffix) {
                int nx = number_only(items[j], false);
                if (nx != last + 1)
                    break;
                last = nx;
                j++;
            }
        }
        if (j - i >= 3) {
            static const csl_fmt dash = {.delimiter = "\xE2\x80\x93"};
            co *r = co_seq(a, &dash);
            co_add(a, r, items[i]);
            co_add(a, r, items[j - 1]);
            if (np)
                delims[np - 1] = delims[np - 1];
            pieces[np] = r;
            delims[np] = after;
            np++;
            i = j;
        } else {
            pieces[np] = items[i];
            delims[np] = d;
            np++;
            i++;
        }
    }
    co *r = join(a, pieces, delims, np);
    g_free(pieces);
    g_free(delims);
    return r;
}

/* The year-suffix runs of one group: items with the same date as the one
 * before shrink to their suffix. Returns the group's pieces joined. */
static co *year_suffix_group(csl_proc *p, arena *a, co **g, csl_cite_rec **rc, size_t n,
                             bool ranged, const char *group_delim)
{
    const csl_layout *l = &p->st->citation;
    /* year-suffix-delimiter defaults to cite-group-delimiter when that is
     * set, else to the layout delimiter; after a collapsed run comes
     * after-collapse-delimiter (citeproc-js's reading of CSL 1.0.2) */
    const char *ysd = l->year_suffix_delimiter  ? l->year_suffix_delimiter
                      : l->cite_group_delimiter ? l->cite_group_delimiter
                                                : l->fmt.delimiter;
    const char *after =
        l->after_collapse_delimiter ? l->after_collapse_delimiter : l->fmt.delimiter;
    co **pieces = g_new0(co *, n);
    const char **delims = g_new0(const char *, n);
    size_t np = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && !rc[j]->c.locator && !rc[i]->c.locator && same_date(p->st, g[i], g[j]) &&
               first_tag(g[j], TAG_YEAR_SUFFIX) && first_tag(g[i], TAG_YEAR_SUFFIX))
            j++;
        if (j - i == 1) {
            pieces[np] = g[i];
            delims[np++] = group_delim;
            i++;
            continue;
        }
        /* g[i] in full, then the suffixes */
        size_t m = j - i;
        co **parts = g_new0(co *, m);
        const char **pd = g_new0(const char *, m);
        int *vals = g_new0(int, m);
        for (size_t k = 0; k < m; k++) {
            co *ys = first_tag(g[i + k], TAG_YEAR_SUFFIX);
            vals[k] = ys->ival;
            parts[k] = k == 0 ? g[i] : ys;
            pd[k] = ysd;
        }
        if (ranged) {
            /* runs of 3+ consecutive suffixes: first–last */
            co **rp = g_new0(co *, m);
            const char **rd = g_new0(const char *, m);
            size_t nr = 0;
            for (size_t k = 0; k < m;) {
                size_t e = k + 1;
                while (e < m && vals[e] == vals[e - 1] + 1)
                    e++;
                if (e - k >= 3) {
                    static const csl_fmt dash = {.delimiter = "\xE2\x80\x93"};
                    co *r = co_seq(a, &dash);
                    co_add(a, r, parts[k]);
                    co_add(a, r, first_tag(g[i + e - 1], TAG_YEAR_SUFFIX));
                    rp[nr] = r;
                } else {
                    for (size_t q = k; q < e; q++) {
                        rp[nr] = parts[q];
                        rd[nr++] = ysd;
                    }
                    k = e;
                    continue;
                }
                rd[nr++] = ysd;
                k = e;
            }
            pieces[np] = join(a, rp, rd, nr);
            g_free(rp);
            g_free(rd);
        } else {
            pieces[np] = join(a, parts, pd, m);
        }
        delims[np++] = after;
        g_free(parts);
        g_free(pd);
        g_free(vals);
        i = j;
    }
    co *r = join(a, pieces, delims, np);
    g_free(pieces);
    g_free(delims);
    return r;
}

co *csl_collapse(csl_proc *p, arena *a, co **items, csl_cite_rec **cites, size_t n)
{
    const csl_layout *l = &p->st->citation;
    const char *d = l->fmt.delimiter;
    if (l->collapse == COLLAPSE_NUMBER)
        return collapse_numbers(p, a, items, cites, n);
    if (l->collapse == COLLAPSE_NONE && !l->cite_group_delimiter) {
        co *s = cite_seq(a, delim_fmt(a, d));
        for (size_t i = 0; i < n; i++)
            co_add(a, s, items[i]);
        return s;
    }
    const char *group_delim = l->cite_group_delimiter ? l->cite_group_delimiter : ", ";
    const char *after = l->after_collapse_delimiter ? l->after_collapse_delimiter : d;
    char **sig = g_new0(char *, n);
    for (size_t i = 0; i < n; i++)
        sig[i] = names_signature(p->st, items[i]);
    /* in sorted citations, cites with the same names move up to the first
     * of them (CSL 1.0.2 "Cite Grouping"); unsorted ones keep their order */
    co **orig_items = items;
    if (l->n_keys) {
        co **ni = g_new0(co *, n);
        csl_cite_rec **nc = g_new0(csl_cite_rec *, n);
        char **ns = g_new0(char *, n);
        bool *used = g_new0(bool, n);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (used[i])
                continue;
            for (size_t j = i; j < n; j++) {
                if (used[j])
                    continue;
                if (j != i && !(sig[i] && sig[j] && !strcmp(sig[i], sig[j])))
                    continue;
                used[j] = true;
                ni[k] = items[j];
                nc[k] = cites[j];
                ns[k++] = sig[j];
            }
        }
        g_free(used);
        g_free(sig);
        sig = ns;
        items = ni;
        cites = nc;
    }
    co **pieces = g_new0(co *, n);
    const char **delims = g_new0(const char *, n);
    size_t np = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && sig[i] && sig[j] && !strcmp(sig[i], sig[j]) && !cites[j]->c.prefix &&
               !cites[j - 1]->c.suffix)
            j++;
        size_t m = j - i;
        if (m == 1) {
            pieces[np] = items[i];
            delims[np++] = d;
            i = j;
            continue;
        }
        co **g = g_new0(co *, m);
        csl_cite_rec **rc = g_new0(csl_cite_rec *, m);
        size_t gm = 0;
        for (size_t k = 0; k < m; k++) {
            co *it = items[i + k];
            if (k > 0 && l->collapse != COLLAPSE_NONE) {
                remove_names(it);
                if (co_is_empty(it))
                    continue;
            }
            g[gm] = it;
            rc[gm++] = cites[i + k];
        }
        co *group;
        if ((l->collapse == COLLAPSE_YEAR_SUFFIX || l->collapse == COLLAPSE_YEAR_SUFFIX_RANGED) &&
            l->add_year_suffix)
            group = year_suffix_group(p, a, g, rc, gm, l->collapse == COLLAPSE_YEAR_SUFFIX_RANGED,
                                      group_delim);
        else
            group = co_wrap(a, delim_fmt(a, group_delim), g, (unsigned)gm);
        g_free(g);
        g_free(rc);
        pieces[np] = group;
        delims[np++] = l->collapse != COLLAPSE_NONE ? after : d;
        i = j;
    }
    co *r = join(a, pieces, delims, np);
    for (size_t i = 0; i < n; i++)
        g_free(sig[i]);
    g_free(sig);
    if (items != orig_items) {
        g_free(items);
        g_free(cites);
    }
    g_free(pieces);
    g_free(delims);
    return r;
}
