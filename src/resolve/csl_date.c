/* csl_date.c: cs:date and cs:date-part (CSL 1.0.2 "Date", "Date-part",
 * "Localized Date Formats", "Date Ranges", "AD and BC", "Seasons"). A
 * localized date takes its parts, order and affixes from the locale, with
 * the style's cs:date-part elements overriding form and formatting. Ranges
 * show the shared parts once and the differing parts on both sides of the
 * range delimiter of the largest differing part. */
#include <string.h>

#include "csl_int.h"

typedef struct {
    uint8_t name, form;
    csl_fmt fmt;
    const char *range_delimiter;
} dpart;

/* The parts to render, in display order. */
static size_t date_parts(ectx *c, const csl_el *e, dpart out[3], csl_fmt *outer)
{
    *outer = e->fmt;
    size_t n = 0;
    if (e->u.date.form == DATE_NONLOCAL) {
        for (size_t i = 0; i < e->u.date.n_dp; i++) {
            const csl_date_part *p = &e->u.date.dp[i];
            out[n].name = p->name;
            out[n].form = p->form;
            out[n].fmt = p->fmt;
            out[n].range_delimiter = p->range_delimiter;
            n++;
        }
        return n;
    }
    const csl_el *loc = csl_locale_date(c->st, e->u.date.form);
    if (!loc)
        return 0;
    /* the locale's delimiter and formatting, the style's affixes */
    outer->delimiter = loc->fmt.delimiter;
    if (!outer->font_style)
        outer->font_style = loc->fmt.font_style;
    if (!outer->font_weight)
        outer->font_weight = loc->fmt.font_weight;
    if (!outer->font_variant)
        outer->font_variant = loc->fmt.font_variant;
    if (!outer->text_case)
        outer->text_case = loc->fmt.text_case;
    for (size_t i = 0; i < loc->u.date.n_dp; i++) {
        const csl_date_part *lp = &loc->u.date.dp[i];
        if (e->u.date.parts == DPARTS_Y && lp->name != DPN_YEAR)
            continue;
        if (e->u.date.parts == DPARTS_YM && lp->name == DPN_DAY)
            continue;
        dpart *d = &out[n++];
        d->name = lp->name;
        d->form = lp->form;
        d->fmt = lp->fmt;
        d->range_delimiter = lp->range_delimiter;
        for (size_t k = 0; k < e->u.date.n_dp; k++) {
            const csl_date_part *sp = &e->u.date.dp[k];
            if (sp->name != lp->name)
                continue;
            if (sp->form)
                d->form = sp->form;
            if (sp->range_delimiter)
                d->range_delimiter = sp->range_delimiter;
            /* formatting from the style; affixes stay the locale's */
            const char *pre = d->fmt.prefix, *suf = d->fmt.suffix;
            csl_fmt f = sp->fmt;
            if (!f.font_style)
                f.font_style = d->fmt.font_style;
            if (!f.font_weight)
                f.font_weight = d->fmt.font_weight;
            if (!f.font_variant)
                f.font_variant = d->fmt.font_variant;
            if (!f.text_case)
                f.text_case = d->fmt.text_case;
            if (!f.vertical_align)
                f.vertical_align = d->fmt.vertical_align;
            if (!f.text_decoration)
                f.text_decoration = d->fmt.text_decoration;
            f.strip_periods = f.strip_periods || d->fmt.strip_periods;
            f.prefix = pre;
            f.suffix = suf;
            d->fmt = f;
        }
    }
    return n;
}

static int part_value(const int p[3], int name)
{
    return name == DPN_YEAR ? p[0] : name == DPN_MONTH ? p[1] : p[2];
}

/* One date part of one date, or NULL when the date lacks it. */
static co *render_part(ectx *c, const dpart *d, const int p[3], bool strip_prefix,
                       bool strip_suffix)
{
    arena *a = c->a;
    int v = part_value(p, d->name);
    if (d->name == DPN_DAY && (p[1] == 0 || p[1] > 12))
        return NULL; /* a day without a month, or with a season */
    if (v == 0)
        return NULL;
    char *text = NULL;
    switch (d->name) {
    case DPN_YEAR: {
        int y = v < 0 ? -v : v;
        if (d->form == DPF_SHORT)
            text = g_strdup_printf("%02d", y % 100);
        else
            text = g_strdup_printf("%d", y);
        const char *era = v < 0      ? csl_term_lookup(c->st, "bc", TF_LONG, false)
                          : v < 1000 ? csl_term_lookup(c->st, "ad", TF_LONG, false)
                                     : NULL;
        if (era) {
            char *t = g_strconcat(text, era, NULL);
            g_free(text);
            text = t;
        }
        break;
    }
    case DPN_MONTH: {
        int form = d->form ? d->form : DPF_LONG;
        if (v > 12) {
            char name[16];
            snprintf(name, sizeof name, "season-%02d", ((v - 13) % 4) + 1);
            const char *t =
                csl_term_lookup(c->st, name, form == DPF_SHORT ? TF_SHORT : TF_LONG, false);
            text = g_strdup(t ? t : "");
        } else if (form == DPF_NUMERIC) {
            text = g_strdup_printf("%d", v);
        } else if (form == DPF_LEADING_ZEROS) {
            text = g_strdup_printf("%02d", v);
        } else {
            char name[16];
            snprintf(name, sizeof name, "month-%02d", v);
            const char *t =
                csl_term_lookup(c->st, name, form == DPF_SHORT ? TF_SHORT : TF_LONG, false);
            text = g_strdup(t ? t : "");
        }
        break;
    }
    case DPN_DAY: {
        int form = d->form ? d->form : DPF_NUMERIC;
        if (form == DPF_LEADING_ZEROS) {
            text = g_strdup_printf("%02d", v);
        } else if (form == DPF_ORDINAL && (v == 1 || !csl_limit_day_ordinals(c->st))) {
            char month[16];
            snprintf(month, sizeof month, "month-%02d", p[1]);
            text = csl_format_number(c->st, v, NUM_ORDINAL, csl_term_gender(c->st, month));
        } else {
            text = g_strdup_printf("%d", v);
        }
        break;
    }
    }
    co *t = co_text(a, arena_strdup(a, text), false);
    g_free(text);
    if (!t)
        return NULL;
    csl_fmt *f = ARENA_NEW(a, csl_fmt);
    *f = d->fmt;
    if (strip_prefix)
        f->prefix = NULL;
    if (strip_suffix)
        f->suffix = NULL;
    if (f->text_case == TC_TITLE && !csl_is_english(c))
        f->text_case = TC_NONE;
    return co_wrap(a, f, &t, 1);
}

/* Renders parts [from, to) of date p into s. */
static void render_run(ectx *c, co *s, const dpart *dp, size_t from, size_t to, const int p[3],
                       bool strip_first_prefix, bool strip_last_suffix)
{
    /* the last part that will render */
    size_t last = to;
    for (size_t i = from; i < to; i++)
        if (part_value(p, dp[i].name) != 0)
            last = i;
    bool first = true;
    for (size_t i = from; i < to; i++) {
        co *o =
            render_part(c, &dp[i], p, strip_first_prefix && first, strip_last_suffix && i == last);
        if (o)
            first = false;
        co_add(c->a, s, o);
    }
}

char *csl_date_sort_key(const csl_date *d, int max_parts)
{
    GString *s = g_string_new(NULL);
    for (int r = 0; r < (d->is_range ? 2 : 1); r++) {
        int y = d->parts[r][0], m = d->parts[r][1], dd = d->parts[r][2];
        if (m > 12)
            m = 0; /* seasons are ignored for sorting */
        if (max_parts < 2)
            m = 0;
        if (max_parts < 3)
            dd = 0;
        /* BC years sort first, the most ancient first */
        if (y < 0)
            g_string_append_printf(s, "0%09d", 999999999 + y);
        else
            g_string_append_printf(s, "1%09d", y);
        g_string_append_printf(s, "%02d%02d", m, dd);
    }
    return g_string_free(s, FALSE);
}

co *csl_eval_date(ectx *c, const csl_el *e)
{
    arena *a = c->a;
    const char *var = e->u.date.var;
    if (!var || (c->key_mode && !strcmp(var, "accessed")))
        return NULL;
    const csl_date *d = c->item && !csl_var_suppressed(c, var) ? csl_item_date(c->item, var) : NULL;
    c->called++;
    if (!d)
        return NULL;
    c->nonempty++;
    if (c->in_subst)
        csl_var_suppress(c, var);
    dpart dp[3];
    csl_fmt outer;
    size_t n = date_parts(c, e, dp, &outer);
    csl_fmt *of = ARENA_NEW(a, csl_fmt);
    *of = outer;
    if (of->text_case == TC_TITLE && !csl_is_english(c))
        of->text_case = TC_NONE;
    co *body = co_seq(a, NULL);
    if (d->literal && !d->parts[0][0]) {
        co_add(a, body, co_text(a, d->literal, true));
    } else if (c->sort) {
        int maxp = 0;
        for (size_t i = 0; i < n; i++)
            maxp = dp[i].name == DPN_DAY                 ? 3
                   : dp[i].name == DPN_MONTH && maxp < 2 ? 2
                   : maxp < 1                            ? 1
                                                         : maxp;
        char *k = csl_date_sort_key(d, maxp ? maxp : 3);
        co_add(a, body, co_text(a, arena_strdup(a, k), false));
        g_free(k);
        of = NULL;
    } else {
        int p0[3], p1[3];
        memcpy(p0, d->parts[0], sizeof p0);
        memcpy(p1, d->parts[1], sizeof p1);
        if (d->season && p0[1] == 0)
            p0[1] = 12 + d->season;
        bool open = d->is_range && !p1[0] && !p1[1] && !p1[2];
        bool range = d->is_range && memcmp(p0, p1, sizeof p0) != 0 && !open;
        if (range && p1[0] == 0)
            p1[0] = p0[0];
        if (open) {
            /* an open range: "1987–" */
            render_run(c, body, dp, 0, n, p0, false, false);
            const char *rd = NULL;
            for (size_t k = 0; k < n; k++)
                if (dp[k].name == DPN_YEAR)
                    rd = dp[k].range_delimiter;
            if (body->n)
                co_add(a, body, co_text(a, rd ? rd : "\xE2\x80\x93", false));
        } else if (!range) {
            render_run(c, body, dp, 0, n, p0, false, false);
        } else {
            /* the shared leading parts (year, then month, then day) */
            bool same[3] = {false, false, false};
            for (int k = 0; k < 3; k++) {
                int name = k; /* DPN_YEAR, DPN_MONTH, DPN_DAY */
                bool shown = false;
                for (size_t i = 0; i < n; i++)
                    shown = shown || dp[i].name == name;
                if (!shown)
                    continue;
                if (part_value(p0, name) != part_value(p1, name))
                    break;
                same[name] = true;
            }
            size_t i = 0;
            while (i < n && same[dp[i].name])
                i++;
            size_t j = i;
            while (j < n && !same[dp[j].name])
                j++;
            /* the largest differing part's range delimiter */
            const char *rd = NULL;
            int largest = 3;
            for (size_t k = i; k < j; k++)
                if (dp[k].name < largest) {
                    largest = dp[k].name;
                    rd = dp[k].range_delimiter;
                }
            csl_fmt *df = NULL;
            if (of && of->delimiter) {
                df = ARENA_NEW(a, csl_fmt);
                df->delimiter = of->delimiter;
            }
            co *left = co_seq(a, df), *right = co_seq(a, df), *mid = co_seq(a, NULL);
            render_run(c, body, dp, 0, i, p0, false, false);
            render_run(c, left, dp, i, j, p0, false, true);
            render_run(c, right, dp, i, j, p1, true, j == n);
            co_add(a, mid, left);
            co_add(a, mid, co_text(a, rd ? rd : "\xE2\x80\x93", false));
            co_add(a, mid, right);
            co_add(a, body, mid);
            render_run(c, body, dp, j, n, p0, false, true);
        }
        if (body->n == 0)
            c->nonempty--; /* nothing of the date is shown */
    }
    if (body->n == 0)
        return NULL;
    /* the parts joined by the date's delimiter; the year-suffix follows the
     * first rendered date, inside its affixes (CSL 1.0.2
     * "disambiguate-add-year-suffix") */
    if (of && of->delimiter) {
        csl_fmt *df = ARENA_NEW(a, csl_fmt);
        df->delimiter = of->delimiter;
        body->fmt = df;
        of->delimiter = NULL;
    }
    co *whole = co_seq(a, NULL);
    co_add(a, whole, body);
    if (!c->sort && c->reg && c->reg->year_suffix > 0 && !c->st->uses_year_suffix_var &&
        !c->ys_used) {
        char *ys = csl_year_suffix_text(c->reg->year_suffix);
        co *t = co_tag(a, TAG_YEAR_SUFFIX, co_text(a, arena_strdup(a, ys), false));
        t->ival = c->reg->year_suffix;
        g_free(ys);
        co_add(a, whole, t);
        c->ys_used = true;
    }
    whole->fmt = of && !csl_fmt_is_plain(of) ? of : NULL;
    body = whole;
    co *t = co_tag(a, TAG_DATE, body);
    t->ptr = d;
    return t;
}
