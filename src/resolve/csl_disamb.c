/* csl_disamb.c: disambiguation (CSL 1.0.2 "Disambiguation").
 *
 * Two items are ambiguous when their cites render the same (rendered as a
 * first cite without locator, affixes or suppression). For each set of
 * ambiguous items the methods are tried in the specification's order:
 *   1. expand names (disambiguate-add-givenname; by-cite: only the names that
 *      differ within the set; other rules: every ambiguous name in the
 *      document, done once up front),
 *   2. show more names (disambiguate-add-names), one by one; each item keeps
 *      the smallest count that leaves it with the fewest look-alikes,
 *   3. the disambiguate="true" condition,
 *   4. year-suffixes (disambiguate-add-year-suffix) in bibliography order;
 *      names added in vain are then dropped again.
 * Uncited bibliography entries take part, as the specification asks. */
#include <string.h>

#include "csl_int.h"

typedef struct {
    csl_reg *r;
    char *key;
} dent;

/* The key: the cite as a subsequent one, without locator or affixes, and
 * without the access date (as citeproc-js's getAmbiguousCite renders it). */
static char *key_of(csl_proc *p, csl_reg *r)
{
    csl_cite_rec rec;
    memset(&rec, 0, sizeof rec);
    rec.reg = r;
    rec.position = POS_SUBSEQUENT;
    p->key_mode = true;
    char *k = csl_render_plain(p, &p->st->citation, r, &rec, false);
    p->key_mode = false;
    return k;
}

static void rekey(csl_proc *p, GPtrArray *set)
{
    for (guint i = 0; i < set->len; i++) {
        dent *d = set->pdata[i];
        g_free(d->key);
        d->key = key_of(p, d->r);
    }
}

static guint partners(GPtrArray *set, guint i)
{
    guint n = 0;
    dent *d = set->pdata[i];
    for (guint j = 0; j < set->len; j++)
        if (j != i && !strcmp(((dent *)set->pdata[j])->key, d->key))
            n++;
    return n;
}

/* ---- names ------------------------------------------------------------------------ */

static const char *const name_vars[] = {"author",
                                        "editor",
                                        "translator",
                                        "container-author",
                                        "collection-editor",
                                        "composer",
                                        "director",
                                        "editorial-director",
                                        "illustrator",
                                        "interviewer",
                                        "original-author",
                                        "recipient",
                                        "reviewed-author",
                                        "chair",
                                        "compiler",
                                        "contributor",
                                        "curator",
                                        "executive-producer",
                                        "guest",
                                        "host",
                                        "narrator",
                                        "organizer",
                                        "performer",
                                        "producer",
                                        "script-writer",
                                        "series-creator",
                                        NULL};

static size_t max_names(const csl_reg *r)
{
    size_t m = 0;
    for (size_t i = 0; name_vars[i]; i++) {
        const csl_names *ns = csl_item_names(r->item, name_vars[i]);
        if (ns && ns->n > m)
            m = ns->n;
    }
    return m;
}

static bool initials_match(const csl_name *a, const csl_name *b)
{
    if (!a->given || !b->given)
        return !a->given && !b->given;
    char *x = csl_name_initials(a->given, "", true), *y = csl_name_initials(b->given, "", true);
    bool eq = strcmp(x, y) == 0;
    g_free(x);
    g_free(y);
    return eq;
}

/* The same person, even when the initials are spaced differently
 * ("J.J." and "J. J."). */
static bool same_person(const csl_name *a, const csl_name *b)
{
    csl_name x = *a, y = *b;
    char *gx = a->given ? g_strdup(a->given) : NULL, *gy = b->given ? g_strdup(b->given) : NULL;
    char *ng[2] = {gx, gy};
    for (int k = 0; k < 2; k++) {
        if (!ng[k])
            continue;
        char *w = ng[k];
        for (char *r = ng[k]; *r; r++)
            if (*r != ' ' && *r != '.')
                *w++ = *r;
        *w = '\0';
    }
    x.given = gx;
    y.given = gy;
    char *kx = csl_name_key(&x), *ky = csl_name_key(&y);
    bool eq = strcmp(kx, ky) == 0;
    g_free(kx);
    g_free(ky);
    g_free(gx);
    g_free(gy);
    return eq;
}

static bool same_family(const csl_name *a, const csl_name *b)
{
    return a->family && b->family && !strcmp(a->family, b->family) &&
           g_strcmp0(a->non_dropping_particle, b->non_dropping_particle) == 0;
}

/* The level that tells a apart from the other names of its family. */
static int level_against(const csl_name *a, GPtrArray *others, bool initials_only)
{
    int lv = 0;
    for (guint k = 0; k < others->len; k++) {
        const csl_name *b = others->pdata[k];
        if (b == a || same_person(a, b) || !same_family(a, b))
            continue;
        int need = initials_match(a, b) ? 2 : 1;
        if (need == 2 && initials_only)
            continue;
        if (need > lv)
            lv = need;
    }
    return lv;
}

/* The names of the first name variable an item has (the one cites show). */
static const csl_names *primary_names(const csl_reg *r)
{
    for (size_t i = 0; name_vars[i]; i++) {
        const csl_names *ns = csl_item_names(r->item, name_vars[i]);
        if (ns && ns->n)
            return ns;
    }
    return NULL;
}

/* all-names / primary-name rules: every ambiguous name in the document is
 * expanded as far as it takes to tell it from the others. */
static void global_names(csl_proc *p, int rule)
{
    bool primary = rule == GDR_PRIMARY || rule == GDR_PRIMARY_INITIALS;
    bool initials_only = rule == GDR_ALL_INITIALS || rule == GDR_PRIMARY_INITIALS;
    GPtrArray *all = g_ptr_array_new();
    for (guint i = 0; i < p->regs->len; i++) {
        csl_reg *r = p->regs->pdata[i];
        for (size_t v = 0; name_vars[v]; v++) {
            const csl_names *ns = csl_item_names(r->item, name_vars[v]);
            if (!ns)
                continue;
            for (size_t k = 0; k < ns->n && (!primary || k == 0); k++)
                if (ns->names[k].family)
                    g_ptr_array_add(all, &ns->names[k]);
        }
    }
    p->global_names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < all->len; i++) {
        const csl_name *n = all->pdata[i];
        int lv = level_against(n, all, initials_only);
        if (lv) {
            char *key = csl_name_key(n);
            int old = GPOINTER_TO_INT(g_hash_table_lookup(p->global_names, key));
            if (lv > old)
                g_hash_table_replace(p->global_names, key, GINT_TO_POINTER(lv));
            else
                g_free(key);
        }
    }
    g_ptr_array_free(all, TRUE);
}

/* by-cite: the names in the first N positions that differ within the set get
 * expanded in each item of the set. */
static void set_hints(GPtrArray *set, size_t n, bool on)
{
    for (guint i = 0; i < set->len; i++) {
        csl_reg *r = ((dent *)set->pdata[i])->r;
        if (r->name_level)
            g_hash_table_remove_all(r->name_level);
    }
    if (!on)
        return;
    for (size_t pos = 0; pos < n; pos++) {
        GPtrArray *col = g_ptr_array_new();
        for (guint i = 0; i < set->len; i++) {
            const csl_names *ns = primary_names(((dent *)set->pdata[i])->r);
            if (ns && pos < ns->n)
                g_ptr_array_add(col, (gpointer)&ns->names[pos]);
        }
        for (guint i = 0; i < set->len; i++) {
            csl_reg *r = ((dent *)set->pdata[i])->r;
            const csl_names *ns = primary_names(r);
            if (!ns || pos >= ns->n)
                continue;
            int lv = level_against(&ns->names[pos], col, false);
            if (!lv)
                continue;
            if (!r->name_level)
                r->name_level = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
            g_hash_table_replace(r->name_level, csl_name_key(&ns->names[pos]), GINT_TO_POINTER(lv));
        }
        g_ptr_array_free(col, TRUE);
    }
}

typedef struct {
    int names; /* etal_names; 0 = the style's */
    bool hints;
} config;

/* Methods 1 and 2 for one ambiguous set. */
static void resolve_names(csl_proc *p, GPtrArray *set)
{
    const csl_layout *cl = &p->st->citation;
    bool by_cite = cl->add_givenname && cl->givenname_rule == GDR_BY_CITE;
    size_t base = 1, top = 0;
    int use_first =
        cl->opts.etal_use_first >= 0 ? cl->opts.etal_use_first : p->st->opts.etal_use_first;
    if (use_first > 0)
        base = (size_t)use_first;
    for (guint i = 0; i < set->len; i++) {
        size_t m = max_names(((dent *)set->pdata[i])->r);
        if (m > top)
            top = m;
    }
    if (top > CSL_MAX_DISAMB_NAMES)
        top = CSL_MAX_DISAMB_NAMES;
    GArray *configs = g_array_new(FALSE, FALSE, sizeof(config));
    config c0 = {0, false};
    g_array_append_val(configs, c0);
    if (by_cite) {
        config c = {0, true};
        g_array_append_val(configs, c);
    }
    if (cl->add_names)
        for (size_t n = base + 1; n <= top; n++) {
            config c = {(int)n, by_cite};
            g_array_append_val(configs, c);
        }
    guint *best = g_new0(guint, set->len);
    guint *best_partners = g_new0(guint, set->len);
    for (guint k = 0; k < configs->len; k++) {
        config c = g_array_index(configs, config, k);
        size_t shown = c.names ? (size_t)c.names : base;
        for (guint i = 0; i < set->len; i++)
            ((dent *)set->pdata[i])->r->etal_names = c.names;
        set_hints(set, shown, c.hints);
        rekey(p, set);
        for (guint i = 0; i < set->len; i++) {
            guint pn = partners(set, i);
            if (k == 0 || pn < best_partners[i]) {
                best_partners[i] = pn;
                best[i] = k;
            }
        }
    }
    /* each item takes its own best configuration; its name hints are the
     * ones computed against the whole set for that configuration */
    GHashTable **levels = g_new0(GHashTable *, set->len);
    for (guint i = 0; i < set->len; i++) {
        dent *d = set->pdata[i];
        config c = g_array_index(configs, config, best[i]);
        set_hints(set, c.names ? (size_t)c.names : base, c.hints);
        levels[i] = d->r->name_level;
        d->r->name_level = NULL;
    }
    for (guint i = 0; i < set->len; i++) {
        dent *d = set->pdata[i];
        if (d->r->name_level)
            g_hash_table_destroy(d->r->name_level);
        d->r->name_level = levels[i];
        d->r->etal_names = g_array_index(configs, config, best[i]).names;
    }
    g_free(levels);
    rekey(p, set);
    g_free(best);
    g_free(best_partners);
    g_array_free(configs, TRUE);
}

/* ---- sets ----------------------------------------------------------------------------- */

static int cmp_key(gconstpointer a, gconstpointer b)
{
    const dent *x = *(dent *const *)a, *y = *(dent *const *)b;
    int r = strcmp(x->key, y->key);
    if (r)
        return r;
    return x->r->citation_number - y->r->citation_number;
}

/* Groups of two or more entries with equal keys (each a new GPtrArray of
 * dent*; the caller frees the arrays, not the entries). */
static GPtrArray *ambiguous_sets(GPtrArray *all)
{
    GPtrArray *sorted = g_ptr_array_copy(all, NULL, NULL);
    g_ptr_array_sort(sorted, cmp_key);
    GPtrArray *sets = g_ptr_array_new();
    for (guint i = 0; i < sorted->len;) {
        guint j = i + 1;
        while (j < sorted->len &&
               !strcmp(((dent *)sorted->pdata[i])->key, ((dent *)sorted->pdata[j])->key))
            j++;
        if (j - i > 1 && *((dent *)sorted->pdata[i])->key) {
            GPtrArray *s = g_ptr_array_new();
            for (guint k = i; k < j; k++)
                g_ptr_array_add(s, sorted->pdata[k]);
            g_ptr_array_add(sets, s);
        }
        i = j;
    }
    g_ptr_array_free(sorted, TRUE);
    return sets;
}

static void free_sets(GPtrArray *sets)
{
    for (guint i = 0; i < sets->len; i++)
        g_ptr_array_free(sets->pdata[i], TRUE);
    g_ptr_array_free(sets, TRUE);
}

static bool uses_disambiguate_condition(const csl_el *const *kids, size_t n, const csl_style *st,
                                        guint8 *seen);

/* SEEN marks macros already searched, so each is searched once. */
static bool el_uses_cond(const csl_el *e, const csl_style *st, guint8 *seen)
{
    switch (e->kind) {
    case EL_TEXT:
        if (e->u.text.source == TXT_MACRO && e->u.text.macro >= 0 && !seen[e->u.text.macro]) {
            const csl_macro *m = &st->macros[e->u.text.macro];
            seen[e->u.text.macro] = 1;
            return uses_disambiguate_condition((const csl_el *const *)m->kids, m->n_kids, st, seen);
        }
        return false;
    case EL_GROUP:
        return uses_disambiguate_condition((const csl_el *const *)e->u.group.kids,
                                           e->u.group.n_kids, st, seen);
    case EL_NAMES:
        return uses_disambiguate_condition((const csl_el *const *)e->u.names.subst,
                                           e->u.names.n_subst, st, seen);
    case EL_CHOOSE:
        for (size_t i = 0; i < e->u.choose.n; i++) {
            const csl_branch *b = &e->u.choose.branches[i];
            for (size_t k = 0; k < b->n_conds; k++)
                if (b->conds[k].kind == COND_DISAMBIGUATE)
                    return true;
            if (uses_disambiguate_condition((const csl_el *const *)b->kids, b->n_kids, st, seen))
                return true;
        }
        return false;
    default:
        return false;
    }
}

static bool uses_disambiguate_condition(const csl_el *const *kids, size_t n, const csl_style *st,
                                        guint8 *seen)
{
    for (size_t i = 0; i < n; i++)
        if (el_uses_cond(kids[i], st, seen))
            return true;
    return false;
}

static int cmp_bib_order(gconstpointer a, gconstpointer b)
{
    const dent *x = *(dent *const *)a, *y = *(dent *const *)b;
    return x->r->citation_number - y->r->citation_number;
}

void csl_disambiguate(csl_proc *p)
{
    const csl_layout *cl = &p->st->citation;
    guint8 *seen = g_new0(guint8, p->st->n_macros + 1);
    bool cond =
        uses_disambiguate_condition((const csl_el *const *)cl->kids, cl->n_kids, p->st, seen);
    g_free(seen);
    if (!cl->add_names && !cl->add_givenname && !cl->add_year_suffix && !cond)
        return;
    if (cl->add_givenname && cl->givenname_rule != GDR_BY_CITE)
        global_names(p, cl->givenname_rule);
    GPtrArray *all = g_ptr_array_new();
    for (guint i = 0; i < p->regs->len; i++) {
        dent *d = g_new0(dent, 1);
        d->r = p->regs->pdata[i];
        d->key = key_of(p, d->r);
        g_ptr_array_add(all, d);
    }
    /* 1 and 2: names */
    if (cl->add_names || (cl->add_givenname && cl->givenname_rule == GDR_BY_CITE)) {
        GPtrArray *sets = ambiguous_sets(all);
        for (guint i = 0; i < sets->len; i++)
            resolve_names(p, sets->pdata[i]);
        free_sets(sets);
    }
    /* 3: the disambiguate condition, one more condition at a time for the
     * items still ambiguous */
    for (int level = 1; cond && level <= CSL_MAX_DISAMB_CONDITIONS; level++) {
        GPtrArray *sets = ambiguous_sets(all);
        bool changed = false;
        for (guint i = 0; i < sets->len; i++) {
            GPtrArray *s = sets->pdata[i];
            for (guint k = 0; k < s->len; k++) {
                dent *d = s->pdata[k];
                char *old = g_strdup(d->key);
                d->r->disamb_cond = level;
                g_free(d->key);
                d->key = key_of(p, d->r);
                changed = changed || strcmp(old, d->key) != 0;
                g_free(old);
            }
        }
        bool done = sets->len == 0 || !changed;
        free_sets(sets);
        if (done)
            break;
    }
    /* 4: year-suffixes, in bibliography order within each set */
    if (cl->add_year_suffix) {
        GPtrArray *sets = ambiguous_sets(all);
        for (guint i = 0; i < sets->len; i++) {
            GPtrArray *s = sets->pdata[i];
            g_ptr_array_sort(s, cmp_bib_order);
            for (guint k = 0; k < s->len; k++)
                ((dent *)s->pdata[k])->r->year_suffix = (int)k + 1;
        }
        free_sets(sets);
    }
    for (guint i = 0; i < all->len; i++) {
        dent *d = all->pdata[i];
        g_free(d->key);
        g_free(d);
    }
    g_ptr_array_free(all, TRUE);
}
