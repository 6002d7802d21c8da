/* terms.c: the few words the layout prints itself, and dates, in the
 * document's language (English, Spanish, French; English otherwise). */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>

typedef enum { LANG_EN, LANG_ES, LANG_FR } lang_id;

static lang_id lang_of(const char *lang)
{
    if (lang && g_ascii_strncasecmp(lang, "es", 2) == 0)
        return LANG_ES;
    if (lang && g_ascii_strncasecmp(lang, "fr", 2) == 0)
        return LANG_FR;
    return LANG_EN;
}

static const char *const terms[3][LAY_TERM_COUNT] = {
    [LANG_EN] = {"Table", "Figure", "Summary", "No.\u00a0"},
    [LANG_ES] = {"Tabla", "Figura", "Resumen", "N.\u00ba\u00a0"},
    [LANG_FR] = {"Tableau", "Figure", "R\u00e9sum\u00e9", "n\u00b0\u00a0"},
};

static const char *const months[3][12] = {
    [LANG_EN] = {"January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"},
    [LANG_ES] = {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                 "septiembre", "octubre", "noviembre", "diciembre"},
    [LANG_FR] = {"janvier", "f\u00e9vrier", "mars", "avril", "mai", "juin", "juillet", "ao\u00fbt",
                 "septembre", "octobre", "novembre", "d\u00e9cembre"},
};

const char *lay_term_text(const char *lang, lay_term t)
{
    return terms[lang_of(lang)][t];
}

/* Reads up to max digits; returns the count read. */
static int digits(const char **p, int max, int *value)
{
    int n = 0, v = 0;
    while (n < max && isdigit((unsigned char)**p)) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *value = v;
    return n;
}

static int english_month(const char **p)
{
    for (int m = 0; m < 12; m++) {
        size_t n = strlen(months[LANG_EN][m]);
        if (g_ascii_strncasecmp(*p, months[LANG_EN][m], n) == 0) {
            *p += n;
            return m + 1;
        }
        /* three-letter abbreviations, with an optional full stop */
        if (g_ascii_strncasecmp(*p, months[LANG_EN][m], 3) == 0 &&
            !isalpha((unsigned char)(*p)[3])) {
            *p += (*p)[3] == '.' ? 4 : 3;
            return m + 1;
        }
    }
    return 0;
}

static void skip_space(const char **p)
{
    while (**p == ' ' || **p == ',' || **p == '\t')
        (*p)++;
}

bool lay_date_parse(const char *text, int *year, int *month, int *day)
{
    *year = *month = *day = 0;
    if (!text)
        return false;
    const char *p = text;
    skip_space(&p);
    int v;
    if (digits(&p, 4, &v) == 4) { /* ISO: YYYY[-MM[-DD]][Thh:mm...] */
        *year = v;
        const char *q = p + 1;
        if (*p == '-' && digits(&q, 2, &v) == 2) {
            if (v < 1 || v > 12)
                return false;
            *month = v;
            p = q;
            q = p + 1;
            if (*p == '-' && digits(&q, 2, &v) == 2) {
                if (v < 1 || v > 31)
                    return false;
                *day = v;
                p = q;
            }
        }
        return *p == '\0' || *p == 'T' || *p == ' ';
    }
    p = text;
    skip_space(&p);
    int n = digits(&p, 2, &v);
    if (n > 0) { /* 15 February 2013 */
        *day = v;
        skip_space(&p);
        if (!(*month = english_month(&p)))
            return false;
    } else { /* February 2013, February 15, 2013 */
        if (!(*month = english_month(&p)))
            return false;
        skip_space(&p);
        const char *q = p;
        if (digits(&q, 4, &v) <= 2 && q > p && (*q == ',' || *q == ' ')) {
            *day = v;
            p = q;
        }
    }
    skip_space(&p);
    if (digits(&p, 4, &v) != 4)
        return false;
    *year = v;
    if (*day > 31)
        return false;
    skip_space(&p);
    return *p == '\0';
}

char *lay_date_format(const char *lang, const char *text)
{
    int y, m, d;
    if (!lay_date_parse(text, &y, &m, &d))
        return NULL;
    lang_id l = lang_of(lang);
    if (!m)
        return g_strdup_printf("%d", y);
    char *name = g_strdup(months[l][m - 1]);
    /* alone on a line, the month takes a capital in every language */
    char *rest = g_utf8_next_char(name);
    char *first = g_utf8_strup(name, rest - name);
    char *s = g_strdup_printf(l == LANG_ES ? "%s%s de %d" : "%s%s %d", first, rest, y);
    g_free(first);
    g_free(name);
    return s;
}
