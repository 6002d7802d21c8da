/* csl_number.c: numbers (CSL 1.0.2 "Number", "is-numeric", "Ordinal
 * Suffixes", "Long Ordinals"), plural detection for labels, roman numerals,
 * year-suffix letters and page ranges (Appendix V "Page Range Formats"). */
#include <stdlib.h>
#include <string.h>

#include "csl_int.h"

static bool is_sep(gunichar c)
{
    return c == ',' || c == '-' || c == '&' || c == 0x2013 || c == ';';
}

/* Splits s into number-ish chunks at separators; false when a chunk is empty
 * or has no digit or holds a space ("2nd edition"). */
bool csl_is_numeric(const char *s)
{
    if (!s || !*s)
        return false;
    bool ok = true, any = false;
    const char *p = s;
    while (ok && *p) {
        while (*p == ' ')
            p++;
        const char *start = p;
        bool digit = false, space_inside = false;
        const char *last_nonspace = p;
        while (*p && !is_sep(g_utf8_get_char(p))) {
            gunichar c = g_utf8_get_char(p);
            if (g_unichar_isdigit(c))
                digit = true;
            if (c == ' ')
                space_inside = true;
            else
                last_nonspace = g_utf8_next_char(p);
            p = g_utf8_next_char(p);
        }
        /* trailing spaces before the separator are fine */
        if (space_inside) {
            for (const char *q = start; q < last_nonspace; q++)
                if (*q == ' ')
                    ok = false;
        }
        if (start == p || !digit)
            ok = false;
        any = true;
        if (*p)
            p = g_utf8_next_char(p);
        else
            break;
        if (!*p)
            ok = false; /* a trailing separator */
    }
    return ok && any;
}

bool csl_is_plural_number(const char *s)
{
    /* several numbers: "2-4", "2, 3", "2 & 3"; an escaped "\-" is one */
    if (strstr(s, "\\-"))
        return false;
    int nums = 0;
    bool in_num = false;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (is_sep(c) || c == ' ') {
            in_num = false;
            continue;
        }
        if (!in_num) {
            nums++;
            in_num = true;
        }
    }
    return nums > 1;
}

char *csl_roman(long n)
{
    if (n <= 0 || n >= 4000)
        return g_strdup_printf("%ld", n);
    static const struct {
        int v;
        const char *s;
    } t[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
             {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(t); i++)
        while (n >= t[i].v) {
            g_string_append(s, t[i].s);
            n -= t[i].v;
        }
    return g_string_free(s, FALSE);
}

char *csl_year_suffix_text(int n)
{
    if (n <= 26)
        return g_strdup_printf("%c", 'a' + n - 1);
    int x = n - 1;
    return g_strdup_printf("%c%c", 'a' - 1 + (x / 26) % 27, 'a' + x % 26);
}

char *csl_format_number(const csl_style *st, long n, int form, int gender)
{
    switch (form) {
    case NUM_ORDINAL:
        return g_strdup_printf("%ld%s", n, csl_ordinal_suffix(st, n, gender));
    case NUM_LONG_ORDINAL:
        if (n >= 1 && n <= 10) {
            char name[24];
            snprintf(name, sizeof name, "long-ordinal-%02ld", n);
            const csl_term *t = csl_term_find(st, name, TF_LONG, gender);
            if (t)
                return g_strdup(t->single);
        }
        return g_strdup_printf("%ld%s", n, csl_ordinal_suffix(st, n, gender));
    case NUM_ROMAN:
        return csl_roman(n);
    default:
        return g_strdup_printf("%ld", n);
    }
}

/* cs:number: numeric content has its numbers formatted one by one, with
 * separators normalized ("2 - 4" -> "2-4", "2,3" -> "2, 3", "2&3" -> "2 &
 * 3"); anything else renders as it is. */
co *csl_eval_number(ectx *c, const csl_el *e)
{
    arena *a = c->a;
    const char *var = e->u.number.var;
    if (!var)
        return NULL;
    const char *t = csl_var_text(c, var);
    if (!t)
        return NULL;
    if (c->in_subst)
        csl_var_suppress(c, var);
    co *inner;
    if (!csl_is_numeric(t)) {
        inner = co_text(a, t, true);
    } else {
        int gender = csl_term_gender(c->st, var);
        GString *out = g_string_new(NULL);
        const char *p = t;
        while (*p) {
            while (*p == ' ')
                p++;
            const char *start = p;
            while (*p && !is_sep(g_utf8_get_char(p)))
                p = g_utf8_next_char(p);
            const char *end = p;
            while (end > start && end[-1] == ' ')
                end--;
            char *tok = g_strndup(start, (size_t)(end - start));
            char *num_end;
            long v = strtol(tok, &num_end, 10);
            bool plain = *tok && g_ascii_isdigit(*tok) && *num_end == '\0';
            if (plain && c->sort) {
                g_string_append_printf(out, "%08ld", v);
            } else if (plain) {
                char *f = csl_format_number(c->st, v, e->u.number.form, gender);
                g_string_append(out, f);
                g_free(f);
            } else {
                g_string_append(out, tok);
            }
            g_free(tok);
            if (*p) {
                gunichar sep = g_utf8_get_char(p);
                p = g_utf8_next_char(p);
                if (sep == ',')
                    g_string_append(out, ", ");
                else if (sep == '&')
                    g_string_append(out, " & ");
                else if (sep == ';')
                    g_string_append(out, "; ");
                else if (sep == '-')
                    g_string_append(out, "\xE2\x80\x93"); /* ranges take an en dash */
                else
                    g_string_append_unichar(out, sep);
            }
        }
        inner = co_text(a, arena_strdup(a, out->str), false);
        g_string_free(out, TRUE);
    }
    if (!inner)
        return NULL;
    const csl_fmt *f = &e->fmt;
    if (f->text_case == TC_TITLE && !csl_is_english(c)) {
        csl_fmt *g = ARENA_NEW(a, csl_fmt);
        *g = *f;
        g->text_case = TC_NONE;
        f = g;
    }
    return co_wrap(a, f, &inner, 1);
}

/* ---- page ranges ------------------------------------------------------------------ */

static size_t digits_suffix(const char *s)
{
    size_t n = strlen(s), k = n;
    while (k > 0 && g_ascii_isdigit(s[k - 1]))
        k--;
    return k; /* index where the trailing digits start */
}

/* The second number with changed digits only, keeping at least
 * THRESHOLD digits when it is that long. */
static char *minimal(const char *x, const char *y, size_t threshold)
{
    size_t xl = strlen(x), yl = strlen(y);
    size_t common = 0;
    if (xl == yl)
        while (common < yl && x[common] == y[common])
            common++;
    const char *rest = y + common;
    if (strlen(rest) < threshold && yl >= threshold)
        return g_strdup(y + yl - threshold);
    return g_strdup(rest);
}

static void one_range(GString *out, const char *r, int format, const char *delim)
{
    if (strstr(r, "\\-")) {
        gchar **parts = g_strsplit(r, "\\-", -1);
        char *j = g_strjoinv("-", parts);
        g_string_append(out, j);
        g_free(j);
        g_strfreev(parts);
        return;
    }
    /* split at a hyphen or en dash */
    const char *dash = NULL;
    size_t dlen = 0;
    int count = 0;
    for (const char *p = r; *p; p++) {
        if (*p == '-') {
            if (!dash) {
                dash = p;
                dlen = 1;
            }
            count++;
        } else if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
                   (unsigned char)p[2] == 0x93) {
            if (!dash) {
                dash = p;
                dlen = 3;
            }
            count++;
            p += 2;
        }
    }
    if (!dash || count != 1) {
        g_string_append(out, r);
        return;
    }
    char *w = g_strstrip(g_strndup(r, (size_t)(dash - r)));
    char *v = g_strstrip(g_strdup(dash + dlen));
    if (!*w || !*v) {
        g_string_append(out, r);
        goto out;
    }
    if (format == PRF_NONE) {
        g_string_append_printf(out, "%s%s%s", w, delim, v);
        goto out;
    }
    size_t wi = digits_suffix(w), vi = digits_suffix(v);
    if (wi != vi || strncmp(w, v, wi) != 0 || !w[wi] || !v[vi]) {
        /* different prefixes: left as written */
        g_string_append_printf(out, "%s-%s", w, v);
        goto out;
    }
    const char *pref = w;
    size_t plen = wi;
    const char *x = w + wi, *y = v + vi;
    size_t xl = strlen(x), yl = strlen(y);
    char *ye = yl < xl ? g_strdup_printf("%.*s%s", (int)(xl - yl), x, y) : g_strdup(y);
    char *second = NULL;
    long xn = strtol(x, NULL, 10);
    switch (format) {
    case PRF_EXPANDED:
        second = g_strdup_printf("%.*s%s", (int)plen, pref, ye);
        break;
    case PRF_MINIMAL:
        second = minimal(x, ye, 1);
        break;
    case PRF_MINIMAL_TWO:
        second = minimal(x, ye, 2);
        break;
    case PRF_CHICAGO15:
    case PRF_CHICAGO16: {
        if (xn < 100 || xn % 100 == 0) {
            second = g_strdup(ye);
        } else if (xn % 100 < 10) {
            second = minimal(x, ye, 1);
        } else if (format == PRF_CHICAGO15 && xl == 4) {
            size_t changed = 0;
            for (size_t i = 0; i < xl && i < strlen(ye); i++)
                if (x[i] != ye[i])
                    changed++;
            second = changed >= 3 ? g_strdup(ye) : minimal(x, ye, 2);
        } else {
            second = minimal(x, ye, 2);
        }
        break;
    }
    default:
        second = g_strdup(ye);
    }
    if (format == PRF_EXPANDED)
        g_string_append_printf(out, "%s%s%s", w, delim, second);
    else
        g_string_append_printf(out, "%s%s%s", w, delim, second);
    g_free(second);
    g_free(ye);
out:
    g_free(w);
    g_free(v);
}

char *csl_page_range(const char *s, int format, const char *delim)
{
    GString *out = g_string_new(NULL);
    gchar **ranges = g_strsplit(s, ",", -1);
    for (int i = 0; ranges[i]; i++) {
        char *r = g_strstrip(g_strdup(ranges[i]));
        if (i > 0)
            g_string_append(out, ", ");
        one_range(out, r, format, delim);
        g_free(r);
    }
    g_strfreev(ranges);
    return g_string_free(out, FALSE);
}
