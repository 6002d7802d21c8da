/* html_util.c: the page writer's helpers (see html.h). */
#include "html.h"

#include <string.h>

xmlNodePtr html_el(xmlNodePtr parent, const char *name, const char *text)
{
    return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text);
}

void html_attr(xmlNodePtr n, const char *name, const char *value)
{
    if (value)
        xmlSetProp(n, BAD_CAST name, BAD_CAST value);
}

void html_text(xmlNodePtr n, const char *text)
{
    xmlAddChild(n, xmlNewText(BAD_CAST text));
}

xmlNodePtr html_el_class(xmlNodePtr parent, const char *name, const char *cls, const char *text)
{
    xmlNodePtr n = html_el(parent, name, text);
    html_attr(n, "class", cls);
    return n;
}

char *html_date(const char *date, char **iso)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    *iso = NULL;
    unsigned y = 0, m = 0, d = 0;
    int used = 0;
    if (!date)
        return NULL;
    if (sscanf(date, "%4u-%2u-%2u%n", &y, &m, &d, &used) == 3 && date[used] == '\0' && m >= 1 &&
        m <= 12 && d >= 1 && d <= 31) {
        *iso = g_strdup_printf("%04u-%02u-%02u", y, m, d);
        return g_strdup_printf("%u %s %u", d, months[m - 1], y);
    }
    if (sscanf(date, "%4u-%2u%n", &y, &m, &used) == 2 && date[used] == '\0' && m >= 1 && m <= 12) {
        *iso = g_strdup_printf("%04u-%02u", y, m);
        return g_strdup_printf("%s %u", months[m - 1], y);
    }
    return NULL;
}

const char *html_language(const char *lang, char **primary)
{
    static const struct {
        const char *code, *name;
    } names[] = {{"en", "English"},
                 {"es", "Spanish (español)"},
                 {"fr", "French (français)"},
                 {"pt", "Portuguese (português)"},
                 {"ru", "Russian (русский)"},
                 {"th", "Thai (ไทย)"},
                 {"ms", "Malay (Bahasa Melayu)"}};
    const char *tag = lang && *lang ? lang : "en";
    size_t n = strcspn(tag, "-_");
    *primary = g_ascii_strdown(tag, (gssize)n);
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (!strcmp(names[i].code, *primary))
            return names[i].name;
    return *primary;
}

void html_language_text(xmlNodePtr n, const char *lang)
{
    char *primary = NULL;
    const char *name = html_language(lang, &primary);
    const char *open = strchr(name, '(');
    if (!open) {
        html_text(n, name);
    } else { /* the name in its own language, marked as such */
        char *english = g_strndup(name, (gsize)(open - name + 1));
        char *own = g_strndup(open + 1, strlen(open + 1) - 1);
        html_text(n, english);
        html_attr(html_el(n, "span", own), "lang", primary);
        html_text(n, ")");
        g_free(english);
        g_free(own);
    }
    g_free(primary);
}

char *html_size(gint64 bytes)
{
    if (bytes < 1000000)
        return g_strdup_printf("%" G_GINT64_FORMAT "\u00a0kB", (bytes + 500) / 1000);
    return g_strdup_printf("%.1f\u00a0MB", (double)bytes / 1e6);
}
