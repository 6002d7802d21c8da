/* bib_tex_date.c: BibLaTeX dates to CSL dates.
 *
 * BibLaTeX's date fields take ISO 8601-2 (EDTF) level 1 (biblatex manual,
 * section 2.3.8): YYYY, YYYY-MM, YYYY-MM-DD, ranges A/B, open ranges A/ and
 * A/.. (or /B, ../B), a time after T (ignored), seasons as months 21-24,
 * approximate (~), uncertain (?) and both (%) qualifiers, and unspecified
 * year digits (19XX is 1900/1999). CSL has one qualifier, circa, which all
 * three set. Years in EDTF count year 0 (-0049 is 50 BC); CSL's negative
 * years are years BC, so years <= 0 shift by one. Plain-BibTeX year fields
 * also write ranges as 1984--1986. */
#include "bib_tex.h"

#include <string.h>

/* Years outside this are not dates anyone cites (and keep ints safe). */
#define YEAR_DIGITS_MAX 6

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2)
        return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    return days[m - 1];
}

/* Reads a run of up to MAX digits; false when there is none. */
static bool digits(const char **p, const char *e, int max, int *value, int *count)
{
    int v = 0, n = 0;
    while (*p < e && g_ascii_isdigit(**p) && n < max) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    if (n == 0 || (*p < e && g_ascii_isdigit(**p)))
        return false;
    *value = v;
    *count = n;
    return true;
}

/* One date in [s, e) into lo (and hi: the last day it may mean, for 19XX).
 * Sets *xyear when the year had unspecified digits. */
static bool parse_point(const char *s, const char *e, int lo[3], int hi[3], bool *circa,
                        bool *xyear)
{
    char buf[64];
    size_t n = 0;
    for (const char *p = s; p < e; p++) {
        if (*p == '?' || *p == '~' || *p == '%')
            *circa = true;
        else if (*p == 'T' || *p == 't')
            break;
        else if (*p != ' ') {
            if (n + 1 >= sizeof buf)
                return false;
            buf[n++] = *p;
        }
    }
    buf[n] = '\0';
    const char *p = buf, *end = buf + n;
    bool neg = false;
    if (p < end && *p == '-') {
        neg = true;
        p++;
    }
    int year = 0, yhi = 0, count = 0;
    const char *ys = p;
    while (p < end && (g_ascii_isdigit(*p) || *p == 'X' || *p == 'x'))
        p++;
    size_t ylen = (size_t)(p - ys);
    if (ylen == 0 || ylen > YEAR_DIGITS_MAX)
        return false;
    bool has_x = false;
    for (size_t i = 0; i < ylen; i++) {
        bool x = ys[i] == 'X' || ys[i] == 'x';
        if (has_x && !x)
            return false; /* X digits only at the end: 19XX, 199X */
        has_x |= x;
        year = year * 10 + (x ? 0 : ys[i] - '0');
        yhi = yhi * 10 + (x ? 9 : ys[i] - '0');
    }
    if (has_x && (ylen != 4 || neg))
        return false;
    *xyear = has_x;
    int month = 0, day = 0;
    if (p < end) {
        if (*p != '-' || has_x)
            return false;
        p++;
        if (!digits(&p, end, 2, &month, &count))
            return false;
        if (month >= 21 && month <= 24)
            month = month - 21 + 13; /* seasons: CSL months 13..16 */
        else if (month < 1 || month > 12)
            return false;
        if (p < end) {
            if (*p != '-' || month > 12)
                return false;
            p++;
            if (!digits(&p, end, 2, &day, &count) || p != end)
                return false;
            if (day < 1 || day > days_in_month(neg ? -year : year, month))
                return false;
        }
    }
    /* EDTF's year 0 is 1 BC: CSL's -1. */
    int y = neg ? -year : year;
    lo[0] = y <= 0 ? y - 1 : y;
    lo[1] = month;
    lo[2] = day;
    hi[0] = yhi;
    hi[1] = month;
    hi[2] = day;
    return true;
}

/* An open end of a range: empty or "..". */
static bool open_end(const char *s, const char *e)
{
    while (s < e && *s == ' ')
        s++;
    while (e > s && e[-1] == ' ')
        e--;
    return s == e || (e - s == 2 && s[0] == '.' && s[1] == '.');
}

bool bibtex_date_parse(const char *s, csl_date *d)
{
    csl_date r = {0};
    const char *end = s + strlen(s);
    const char *sep = strchr(s, '/');
    size_t sep_len = 1;
    if (!sep && (sep = strstr(s, "--")) != NULL) /* 1984--1986 */
        sep_len = 2;
    if (!sep && (sep = strstr(s, "–")) != NULL) /* the same, as LaTeX turned it */
        sep_len = strlen("–");
    if (!sep) {
        /* 1984-1986: a year range, not a month */
        const char *dash = strchr(s, '-');
        if (dash && dash > s && dash - s == 4 && end - dash == 5 && strspn(s, "0123456789") == 4 &&
            strspn(dash + 1, "0123456789") == 4) {
            sep = dash;
        }
    }
    int hi[3];
    bool x1 = false, x2 = false;
    if (!sep) {
        if (!parse_point(s, end, r.parts[0], hi, &r.circa, &x1))
            return false;
        if (x1) { /* 19XX: the whole span */
            r.is_range = true;
            r.parts[1][0] = hi[0];
        }
    } else {
        r.is_range = true;
        bool open1 = open_end(s, sep), open2 = open_end(sep + sep_len, end);
        if (open1 && open2)
            return false;
        if (!open1 && !parse_point(s, sep, r.parts[0], hi, &r.circa, &x1))
            return false;
        int lo2[3];
        if (!open2) {
            if (!parse_point(sep + sep_len, end, lo2, hi, &r.circa, &x2))
                return false;
            memcpy(r.parts[1], x2 ? hi : lo2, sizeof lo2);
        }
    }
    if (r.parts[0][1] > 12)
        r.season = r.parts[0][1] - 12;
    *d = r;
    return true;
}

bool bibtex_month_parse(const char *s, int *month)
{
    static const char *const names[] = {"january", "february", "march",     "april",
                                        "may",     "june",     "july",      "august",
                                        "september", "october", "november", "december"};
    static const char *const seasons[] = {"spring", "summer", "autumn", "winter"};
    char *t = g_strstrip(g_ascii_strdown(s, -1));
    size_t n = strlen(t);
    if (n > 0 && t[n - 1] == '.')
        t[--n] = '\0';
    bool ok = false;
    char *end = NULL;
    long v = strtol(t, &end, 10);
    if (n > 0 && end && !*end) {
        ok = v >= 1 && v <= 12;
        *month = (int)v;
    } else if (n >= 3) {
        for (int i = 0; i < 12 && !ok; i++)
            if (!strncmp(names[i], t, n) || (i == 8 && !strcmp(t, "sept"))) {
                *month = i + 1;
                ok = true;
            }
        for (int i = 0; i < 4 && !ok; i++)
            if (!strcmp(t, seasons[i])) {
                *month = 13 + i;
                ok = true;
            }
        if (!ok && !strcmp(t, "fall")) {
            *month = 15;
            ok = true;
        }
    }
    g_free(t);
    return ok;
}
