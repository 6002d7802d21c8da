/* html_entry.c: one publication (or pack) of the download page: cover,
 * series line, title, authors, date and language, abstract, categories and
 * the two download links with their sizes and page counts. */
#include "html.h"

#include <string.h>

#include "../parse/parse.h"

/* The line above the title: "Modernising Drug Law Enforcement · Report 2". */
static char *series_line(const site_entry *e)
{
    if (e->kind == SITE_PACK)
        return g_strdup("Seminar pack");
    if (e->series && e->number)
        return g_strdup_printf("%s · Report %s", e->series, e->number);
    return g_strdup(e->series ? e->series : "Related publication");
}

/* True when the subtitle only says what the series line says ("Modernising
 * Drug Law Enforcement Report 2"). */
static bool subtitle_repeats_series(const site_entry *e)
{
    if (!e->series || !e->number)
        return false;
    char *same = g_strdup_printf("%s Report %s", e->series, e->number);
    bool repeats = g_ascii_strcasecmp(same, e->subtitle) == 0;
    g_free(same);
    return repeats;
}

/* The anchor ids of e's categories, space-separated, for the filter. */
static char *category_ids(const site_entry *e)
{
    GString *ids = g_string_new(NULL);
    for (size_t i = 0; i < e->n_categories; i++)
        for (size_t k = 0; k < PARSE_N_CATEGORIES; k++)
            if (!strcmp(e->categories[i], parse_categories[k])) {
                char *id = site_category_id(k);
                g_string_append_printf(ids, "%s%s", ids->len ? " " : "", id);
                g_free(id);
            }
    return g_string_free(ids, FALSE);
}

/* Date and language under the authors. */
static void facts(xmlNodePtr body, const site_entry *e)
{
    xmlNodePtr p = html_el_class(body, "p", "facts", NULL);
    char *iso = NULL, *date = html_date(e->date, &iso);
    if (date || e->date) {
        xmlNodePtr t = html_el(p, "time", date ? date : e->date);
        html_attr(t, "datetime", iso);
        html_text(p, " · ");
    }
    html_language_text(p, e->lang);
    g_free(date);
    g_free(iso);
}

/* The abstract: the first paragraph shown, the rest behind a disclosure. */
static void abstract(xmlNodePtr body, const site_entry *e)
{
    if (e->n_abstract == 0)
        return;
    xmlNodePtr div = html_el_class(body, "div", "abstract", NULL);
    html_attr(div, "lang", e->lang);
    html_el(div, "p", e->abstract[0]);
    if (e->n_abstract == 1)
        return;
    xmlNodePtr more = html_el(div, "details", NULL);
    xmlNodePtr summary = html_el(more, "summary", "Read the whole abstract");
    html_attr(summary, "lang", "en");
    for (size_t i = 1; i < e->n_abstract; i++)
        html_el(more, "p", e->abstract[i]);
}

static void tags(xmlNodePtr body, const site_entry *e)
{
    if (e->n_categories == 0)
        return;
    xmlNodePtr ul = html_el_class(body, "ul", "tags", NULL);
    html_attr(ul, "aria-label", "Categories");
    for (size_t i = 0; i < e->n_categories; i++)
        for (size_t k = 0; k < PARSE_N_CATEGORIES; k++)
            if (!strcmp(e->categories[i], parse_categories[k])) {
                char *id = site_category_id(k), *href = g_strconcat("#", id, NULL);
                html_attr(html_el(html_el(ul, "li", NULL), "a", e->categories[i]), "href", href);
                g_free(id);
                g_free(href);
            }
}

/* One download link: "Download PDF", then its page count and size (no-break
 * spaces keep "32 pages" and "151 kB" whole when the line wraps). */
static void download(xmlNodePtr ul, const site_entry *e, const char *ext, const char *type,
                     gint64 bytes, const char *pages_word)
{
    char *href = g_strdup_printf("%s.%s", e->name, ext), *label = g_ascii_strup(ext, -1);
    char *size = html_size(bytes), *len = g_strdup_printf("%" G_GINT64_FORMAT, bytes);
    char *detail = g_strdup_printf("%u\u00a0%s · %s", e->pages, pages_word, size);
    char *format = g_strconcat("Download ", label, NULL);
    xmlNodePtr a = html_el_class(html_el(ul, "li", NULL), "a", "download", NULL);
    html_attr(a, "href", href);
    html_attr(a, "type", type);
    html_attr(a, "data-bytes", len);
    html_el_class(a, "span", "format", format);
    html_el_class(a, "span", "detail", detail);
    g_free(href);
    g_free(label);
    g_free(size);
    g_free(len);
    g_free(detail);
    g_free(format);
}

/* The authors, "; " between them. */
static void authors(xmlNodePtr body, const site_entry *e)
{
    if (e->n_authors == 0)
        return;
    GString *names = g_string_new(NULL);
    for (size_t i = 0; i < e->n_authors; i++)
        g_string_append_printf(names, "%s%s", i ? "; " : "", e->authors[i]);
    html_el_class(body, "p", "authors", names->str);
    g_string_free(names, TRUE);
}

/* The cover: page 1 as drawn, shown at half its pixel size. */
static void cover(xmlNodePtr art, const site_entry *e)
{
    char *src = g_strdup_printf("covers/%s.png", e->name);
    char *alt = g_strdup_printf("First page of the PDF of “%s”", e->title);
    char *w = g_strdup_printf("%d", cairo_image_surface_get_width(e->cover) / 2);
    char *h = g_strdup_printf("%d", cairo_image_surface_get_height(e->cover) / 2);
    xmlNodePtr img = html_el_class(art, "img", "cover", NULL);
    html_attr(img, "src", src);
    html_attr(img, "alt", alt);
    html_attr(img, "width", w);
    html_attr(img, "height", h);
    g_free(src);
    g_free(alt);
    g_free(w);
    g_free(h);
}

char *html_entry_id(const site_entry *e)
{
    return g_strconcat(e->kind == SITE_PACK ? "pack-" : "pub-", e->name, NULL);
}

void html_entry(xmlNodePtr list, const site_entry *e)
{
    char *id = html_entry_id(e), *title_id = g_strconcat(id, "-title", NULL);
    char *cats = category_ids(e), *primary = NULL;
    html_language(e->lang, &primary);
    xmlNodePtr li = html_el_class(list, "li", "entry", NULL);
    html_attr(li, "id", id);
    html_attr(li, "data-categories", cats);
    html_attr(li, "data-lang", primary);
    xmlNodePtr art = html_el(li, "article", NULL);
    html_attr(art, "aria-labelledby", title_id);
    cover(art, e);

    xmlNodePtr body = html_el_class(art, "div", "entry-body", NULL);
    char *series = series_line(e);
    html_el_class(body, "p", "series", series);
    g_free(series);
    xmlNodePtr h3 = html_el(body, "h3", e->title);
    html_attr(h3, "id", title_id);
    html_attr(h3, "lang", e->lang);
    if (e->subtitle && !subtitle_repeats_series(e))
        html_attr(html_el_class(body, "p", "subtitle", e->subtitle), "lang", e->lang);
    authors(body, e);
    facts(body, e);
    abstract(body, e);
    tags(body, e);
    xmlNodePtr ul = html_el_class(body, "ul", "downloads", NULL);
    html_attr(ul, "aria-label", "Downloads");
    download(ul, e, "pdf", "application/pdf", e->pdf_bytes, "pages");
    download(ul, e, "epub", "application/epub+zip", e->epub_bytes, "print\u00a0pages");
    g_free(id);
    g_free(title_id);
    g_free(cats);
    g_free(primary);
}
