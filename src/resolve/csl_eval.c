/* csl_eval.c: rendering elements -> output tree for one item (CSL 1.0.2
 * "Rendering Elements": text, label, group, choose; names, dates and numbers
 * have their own files). Group suppression counts variable look-ups: a group
 * that looked up variables and found none renders nothing ("Group"). Macros
 * behave as groups. Substituted variables are suppressed for the rest of the
 * item ("Substitute"). */
#include <string.h>

#include "csl_int.h"

/* ---- variables ------------------------------------------------------------------ */

bool csl_var_suppressed(const ectx *c, const char *var)
{
    if (!c->suppressed)
        return false;
    for (guint i = 0; i < c->suppressed->len; i++)
        if (strcmp(c->suppressed->pdata[i], var) == 0)
            return true;
    return false;
}

void csl_var_suppress(ectx *c, const char *var)
{
    if (!c->suppressed)
        c->suppressed = g_ptr_array_new();
    if (!csl_var_suppressed(c, var))
        g_ptr_array_add(c->suppressed, (gpointer)var);
}

/* Text of a standard or number variable, including the ones the processor
 * supplies (locator, citation-number, first-reference-note-number,
 * year-suffix, page-first); NULL when empty. Does not count. */
const char *csl_var_peek(const ectx *c, const char *var)
{
    if (csl_var_suppressed(c, var))
        return NULL;
    if (!strcmp(var, "locator"))
        return c->locator && *c->locator ? c->locator : NULL;
    if (!strcmp(var, "citation-number")) {
        if (!c->reg || c->reg->citation_number <= 0)
            return NULL;
        return arena_printf(c->a, "%d", c->reg->citation_number);
    }
    if (!strcmp(var, "first-reference-note-number"))
        return c->first_note > 0 ? arena_printf(c->a, "%d", c->first_note) : NULL;
    if (!strcmp(var, "year-suffix")) {
        if (!c->reg || c->reg->year_suffix <= 0)
            return NULL;
        char *s = csl_year_suffix_text(c->reg->year_suffix);
        const char *r = arena_strdup(c->a, s);
        g_free(s);
        return r;
    }
    if (!c->item)
        return NULL;
    if (!strcmp(var, "page-first")) {
        const char *pf = csl_item_text(c->item, "page-first");
        if (pf && *pf)
            return pf;
        const char *pg = csl_item_text(c->item, "page");
        if (!pg || !*pg)
            return NULL;
        size_t n = strcspn(pg, ",;-\xE2&");
        while (n > 0 && pg[n - 1] == ' ')
            n--;
        return n ? arena_strndup(c->a, pg, n) : NULL;
    }
    const char *t = csl_item_text(c->item, var);
    if ((!t || !*t) && !strcmp(var, "event"))
        t = csl_item_text(c->item, "event-title");
    else if ((!t || !*t) && !strcmp(var, "event-title"))
        t = csl_item_text(c->item, "event");
    return t && *t ? t : NULL;
}

const char *csl_var_text(ectx *c, const char *var)
{
    const char *t = csl_var_peek(c, var);
    c->called++;
    if (t)
        c->nonempty++;
    return t;
}

/* Whether the item is English, for title case (CSL 1.0.2 "Non-English
 * Items"): its language field, else the style's default locale. */
bool csl_is_english(const ectx *c)
{
    const char *lang = c->item ? csl_item_text(c->item, "language") : NULL;
    if (lang && *lang) {
        if (g_ascii_strncasecmp(lang, "en", 2) == 0 &&
            (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_' ||
             g_ascii_strcasecmp(lang, "english") == 0))
            return true;
        return g_ascii_strcasecmp(lang, "english") == 0;
    }
    const char *dl = c->st->default_locale;
    return !dl || g_ascii_strncasecmp(dl, "en", 2) == 0;
}

/* Formatting with title case dropped for non-English items. */
static const csl_fmt *fmt_for(ectx *c, const csl_fmt *f)
{
    if (f->text_case != TC_TITLE || csl_is_english(c))
        return f;
    csl_fmt *g = ARENA_NEW(c->a, csl_fmt);
    *g = *f;
    g->text_case = TC_NONE;
    return g;
}

/* citation-label when the item has none: citeproc-js's trigraph
 * ("Aaaa00:AaAa00:AaAA00:AAAA00"): letters of up to four family names and
 * the last two digits of the year. */
static const char *citation_label(ectx *c)
{
    static const char *const vars[] = {"author",   "editor",           "translator", "director",
                                       "composer", "container-author", NULL};
    const csl_names *ns = NULL;
    for (size_t i = 0; vars[i] && !ns; i++)
        ns = csl_item_names(c->item, vars[i]);
    GString *s = g_string_new(NULL);
    if (ns && ns->n) {
        size_t n = ns->n > 4 ? 4 : ns->n;
        static const int widths[4][4] = {{4}, {2, 2}, {2, 1, 1}, {1, 1, 1, 1}};
        for (size_t i = 0; i < n; i++) {
            const csl_name *nm = &ns->names[i];
            const char *f = nm->family ? nm->family : nm->literal ? nm->literal : nm->given;
            if (!f)
                continue;
            glong len = g_utf8_strlen(f, -1), w = widths[n - 1][i];
            const char *end = g_utf8_offset_to_pointer(f, w < len ? w : len);
            g_string_append_len(s, f, end - f);
        }
    }
    const csl_date *d = csl_item_date(c->item, "issued");
    if (d && d->parts[0][0])
        g_string_append_printf(s, "%02d",
                               (d->parts[0][0] < 0 ? -d->parts[0][0] : d->parts[0][0]) % 100);
    const char *r = s->len ? arena_strdup(c->a, s->str) : NULL;
    g_string_free(s, TRUE);
    return r;
}

/* ---- text --------------------------------------------------------------------------- */

/* Variables whose values are identifiers, not prose: no markup, no quotes. */
static bool is_identifier(const char *var)
{
    static const char *const ids[] = {"URL",  "DOI",         "PMID",         "PMCID", "ISBN",
                                      "ISSN", "call-number", "citation-key", "id",    NULL};
    for (size_t i = 0; ids[i]; i++)
        if (!strcmp(var, ids[i]))
            return true;
    return false;
}

static const char *page_delim(ectx *c)
{
    const char *d = csl_term_lookup(c->st, "page-range-delimiter", TF_LONG, false);
    return d ? d : "\xE2\x80\x93";
}

static co *eval_text_variable(ectx *c, const csl_el *e)
{
    arena *a = c->a;
    const char *var = e->u.text.name;
    if (!strcmp(var, "year-suffix")) {
        /* not counted as a variable (it only exists after disambiguation) */
        const char *t = csl_var_peek(c, var);
        if (!t)
            return NULL;
        c->ys_used = true;
        co *o = co_tag(a, TAG_YEAR_SUFFIX, co_text(a, t, false));
        o->ival = c->reg->year_suffix;
        return o;
    }
    if (!strcmp(var, "citation-number")) {
        const char *t = csl_var_text(c, var);
        if (!t)
            return NULL;
        co *o = co_tag(a, TAG_CITATION_NUMBER, co_text(a, t, false));
        o->ival = c->reg->citation_number;
        return o;
    }
    if (!strcmp(var, "citation-label")) {
        const char *t = csl_var_text(c, var);
        if (!t && c->item) {
            t = citation_label(c);
            if (t)
                c->nonempty++;
        }
        if (!t)
            return NULL;
        /* the year-suffix joins the label */
        if (c->reg && c->reg->year_suffix > 0 && !c->st->uses_year_suffix_var && !c->ys_used) {
            char *ys = csl_year_suffix_text(c->reg->year_suffix);
            t = arena_printf(a, "%s%s", t, ys);
            g_free(ys);
            c->ys_used = true;
        }
        return co_text(a, t, false);
    }
    const char *t = NULL;
    if (e->u.text.form == TF_SHORT) {
        char *sv = g_strconcat(var, "-short", NULL);
        t = csl_var_peek(c, sv);
        if (t && c->in_subst)
            csl_var_suppress(c, arena_strdup(a, sv));
        g_free(sv);
        if (t) {
            c->called++;
            c->nonempty++;
        }
    }
    if (!t)
        t = csl_var_text(c, var);
    if (!t)
        return NULL;
    if (c->in_subst)
        csl_var_suppress(c, var);
    if (!strcmp(var, "page")) {
        char *pr = csl_page_range(t, c->st->page_range_format, page_delim(c));
        co *o = co_text(a, arena_strdup(a, pr), true);
        g_free(pr);
        return o;
    }
    if (!strcmp(var, "locator")) {
        /* "&" in a locator reads as the "and" symbol; ranges get an en dash */
        const char *loc = t;
        if (strchr(loc, '&')) {
            const char *amp = csl_term_lookup(c->st, "and", TF_SYMBOL, false);
            if (amp) {
                gchar **parts = g_strsplit(loc, "&", -1);
                char *j = g_strjoinv(amp, parts);
                loc = arena_strdup(a, j);
                g_free(j);
                g_strfreev(parts);
            }
        }
        bool page = !c->label || !strcmp(c->label, "page");
        char *pr = csl_page_range(loc, page ? c->st->page_range_format : PRF_NONE,
                                  page ? page_delim(c) : "\xE2\x80\x93");
        co *o = co_tag(a, TAG_LOCATOR, co_text(a, arena_strdup(a, pr), true));
        g_free(pr);
        return o;
    }
    if (csl_is_number_var(var) && strchr(t, '-') && csl_is_numeric(t)) {
        /* a numeric range in a number variable takes an en dash ("3–4") */
        char *r = csl_page_range(t, PRF_NONE, "\xE2\x80\x93");
        t = arena_strdup(a, r);
        g_free(r);
    }
    co *o = co_text(a, t, !is_identifier(var));
    if (!strcmp(var, "title"))
        o = co_tag(a, TAG_TITLE, o);
    else if (!strcmp(var, "URL") || !strcmp(var, "DOI") || !strcmp(var, "PMID") ||
             !strcmp(var, "PMCID")) {
        o = co_tag(a, TAG_URL, o);
        o->var = var;
    }
    return o;
}

static co *eval_macro(ectx *c, const csl_el *e)
{
    if (e->u.text.macro < 0 || c->depth >= CSL_MAX_MACRO_DEPTH)
        return NULL;
    const csl_macro *m = &c->st->macros[e->u.text.macro];
    c->depth++;
    /* a macro acts as a group: suppressed when it only finds empty variables */
    int called = c->called, nonempty = c->nonempty;
    co *o = csl_eval_kids(c, m->kids, m->n_kids, NULL);
    c->depth--;
    if (c->called > called && c->nonempty == nonempty)
        return NULL;
    if (o) {
        /* a non-empty macro counts as a non-empty variable for the
         * groups around it (CSL 1.0.2 "Group") */
        c->called++;
        c->nonempty++;
    }
    return o;
}

static co *eval_text(ectx *c, const csl_el *e)
{
    arena *a = c->a;
    co *inner = NULL;
    switch (e->u.text.source) {
    case TXT_VARIABLE:
        inner = eval_text_variable(c, e);
        break;
    case TXT_MACRO:
        inner = eval_macro(c, e);
        break;
    case TXT_TERM: {
        const char *t = csl_term_lookup(c->st, e->u.text.name, e->u.text.form, e->u.text.plural);
        inner = co_tag(a, TAG_TERM, co_text(a, t, false));
        break;
    }
    case TXT_VALUE:
        inner = co_text(a, e->u.text.name, true);
        break;
    }
    if (!inner)
        return NULL;
    return co_wrap(a, fmt_for(c, &e->fmt), &inner, 1);
}

/* ---- label -------------------------------------------------------------------------- */

static co *eval_label(ectx *c, const csl_el *e)
{
    arena *a = c->a;
    const char *var = e->u.label.var;
    if (!var)
        return NULL;
    const char *term = var, *value = NULL;
    if (!strcmp(var, "locator")) {
        value = c->locator;
        term = c->label ? c->label : "page";
        /* a locator that starts with its own label ("vol. 1, fol. 186") */
        if (value && !strcmp(term, "page")) {
            const char *q = value;
            while (*q && g_ascii_isalpha(*q))
                q++;
            if (q != value && q[0] == '.' && q[1] == ' ')
                return NULL;
        }
        if (!strcmp(term, "sub-verbo"))
            term = "sub verbo";
    } else {
        value = csl_var_peek(c, var);
    }
    if (!value || !*value)
        return NULL;
    bool plural;
    switch (e->u.label.plural) {
    case PL_ALWAYS:
        plural = true;
        break;
    case PL_NEVER:
        plural = false;
        break;
    default:
        if (!strcmp(var, "number-of-pages") || !strcmp(var, "number-of-volumes")) {
            long n = strtol(value, NULL, 10);
            plural = n > 1;
        } else {
            plural = csl_is_plural_number(value);
        }
    }
    const char *t = csl_term_lookup(c->st, term, e->u.label.form, plural);
    co *o = co_text(a, t, false);
    if (!o)
        return NULL;
    return co_wrap(a, fmt_for(c, &e->fmt), &o, 1);
}

/* ---- group and choose -------------------------------------------------------------- */

static co *eval_group(ectx *c, const csl_el *e)
{
    int called = c->called, nonempty = c->nonempty;
    co *o = csl_eval_kids(c, e->u.group.kids, e->u.group.n_kids, fmt_for(c, &e->fmt));
    if (c->called > called && c->nonempty == nonempty)
        return NULL;
    if (o) {
        /* a non-empty nested group counts as a non-empty variable */
        c->called++;
        c->nonempty++;
    }
    return o;
}

static bool var_present(ectx *c, const char *var)
{
    if (csl_var_suppressed(c, var))
        return false;
    if (c->item) {
        const csl_value *v = g_hash_table_lookup(c->item->vars, var);
        if (v) {
            if (v->kind == CSL_VAR_NAMES)
                return v->v.names.n > 0;
            if (v->kind == CSL_VAR_DATE)
                return true;
        }
    }
    return csl_var_peek(c, var) != NULL;
}

static bool test_cond(ectx *c, const csl_cond *cd)
{
    const char *v = cd->value;
    switch (cd->kind) {
    case COND_TYPE:
        return c->item && c->item->type && !strcmp(c->item->type, v);
    case COND_VARIABLE:
        return var_present(c, v);
    case COND_IS_NUMERIC: {
        const char *t = csl_var_peek(c, v);
        return t && csl_is_numeric(t);
    }
    case COND_IS_UNCERTAIN: {
        const csl_date *d = c->item && !csl_var_suppressed(c, v) ? csl_item_date(c->item, v) : NULL;
        return d && d->circa;
    }
    case COND_LOCATOR: {
        if (!c->locator)
            return false;
        const char *l = c->label ? c->label : "page";
        if (!strcmp(l, "sub verbo"))
            l = "sub-verbo";
        return !strcmp(l, v);
    }
    case COND_POSITION:
        if (c->bib || c->sort)
            return false;
        if (!strcmp(v, "first"))
            return c->position & POS_FIRST;
        if (!strcmp(v, "subsequent"))
            return c->position & POS_SUBSEQUENT;
        if (!strcmp(v, "ibid"))
            return c->position & (POS_IBID | POS_IBID_LOC);
        if (!strcmp(v, "ibid-with-locator"))
            return c->position & POS_IBID_LOC;
        if (!strcmp(v, "near-note"))
            return c->position & POS_NEAR_NOTE;
        return false;
    case COND_DISAMBIGUATE: {
        /* applied one condition at a time: the first N tested hold */
        if (strcmp(v, "true") != 0)
            return false;
        int idx = c->disamb_seen++;
        return c->reg && idx < c->reg->disamb_cond;
    }
    default:
        return false;
    }
}

/* Adds k to s; the output of cs:choose joins s child by child, so that the
 * enclosing delimiter applies within it (CSL 1.0.2 "Choose"). */
static void add_spliced(arena *a, co *s, co *k)
{
    if (k && k->kind == CO_SEQ && k->splice) {
        for (unsigned j = 0; j < k->n; j++)
            co_add(a, s, k->kids[j]);
    } else {
        co_add(a, s, k);
    }
}

static co *eval_choose(ectx *c, const csl_el *e)
{
    for (size_t i = 0; i < e->u.choose.n; i++) {
        const csl_branch *b = &e->u.choose.branches[i];
        bool ok;
        if (b->n_conds == 0) {
            ok = true;
        } else if (b->match == MATCH_ANY) {
            ok = false;
            for (size_t k = 0; k < b->n_conds && !ok; k++)
                ok = test_cond(c, &b->conds[k]);
        } else if (b->match == MATCH_NONE) {
            ok = true;
            for (size_t k = 0; k < b->n_conds && ok; k++)
                ok = !test_cond(c, &b->conds[k]);
        } else {
            ok = true;
            for (size_t k = 0; k < b->n_conds && ok; k++)
                ok = test_cond(c, &b->conds[k]);
        }
        if (ok) {
            co *s = co_seq(c->a, NULL);
            for (size_t k = 0; k < b->n_kids; k++)
                add_spliced(c->a, s, csl_eval_el(c, b->kids[k]));
            if (s->n == 0)
                return NULL;
            s->splice = true;
            return s;
        }
    }
    return NULL;
}

/* ---- dispatch ---------------------------------------------------------------------- */

co *csl_eval_el(ectx *c, const csl_el *e)
{
    if (++c->steps > CSL_MAX_RENDER_STEPS) {
        if (c->p && !c->p->over_budget) {
            c->p->over_budget = true;
            diag_warning(c->st->path, e->line, 1,
                         "the style needs more than %d steps to render one entry; output cut "
                         "short",
                         CSL_MAX_RENDER_STEPS);
        }
        return NULL;
    }
    switch (e->kind) {
    case EL_TEXT:
        return eval_text(c, e);
    case EL_NUMBER:
        return csl_eval_number(c, e);
    case EL_LABEL:
        return eval_label(c, e);
    case EL_NAMES:
        return csl_eval_names(c, e);
    case EL_DATE:
        return csl_eval_date(c, e);
    case EL_GROUP:
        return eval_group(c, e);
    case EL_CHOOSE:
        return eval_choose(c, e);
    }
    return NULL;
}

co *csl_eval_kids(ectx *c, csl_el *const *kids, size_t n, const csl_fmt *fmt)
{
    co *s = co_seq(c->a, fmt);
    for (size_t i = 0; i < n; i++)
        add_spliced(c->a, s, csl_eval_el(c, kids[i]));
    if (s->n == 0)
        return NULL;
    if (s->n == 1 && !s->fmt)
        return s->kids[0];
    return s;
}
