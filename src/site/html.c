/* html.c: the download page, index.html: masthead, the filter (shown only
 * when the script runs), the list of publications and the 18 categories.
 * Built as a libxml2 HTML tree and serialised by libxml2, so every text and
 * attribute is escaped by the library. Everything works without the script:
 * the categories are plain sections, linked from each publication. */
#include "html.h"

#include <string.h>

#include <libxml/xmlsave.h>

#include "../parse/parse.h"

static const char intro[] =
    "Reports, briefings and seminar papers on how drug laws are enforced and how "
    "enforcement could do less harm. Each is free to download: the PDF is laid out "
    "for print and reading on screen, the EPUB reflows for e-readers and phones.";

/* The head: the viewport, the title, local CSS and script (libxml2 puts the
 * charset declaration first when it writes the page as UTF-8). */
static void head(xmlNodePtr html, const char *title)
{
    xmlNodePtr h = html_el(html, "head", NULL);
    xmlNodePtr vp = html_el(h, "meta", NULL);
    html_attr(vp, "name", "viewport");
    html_attr(vp, "content", "width=device-width, initial-scale=1");
    html_el(h, "title", title);
    xmlNodePtr icon = html_el(h, "link", NULL);
    html_attr(icon, "rel", "icon");
    html_attr(icon, "href", "assets/icon.svg");
    html_attr(icon, "type", "image/svg+xml");
    xmlNodePtr css = html_el(h, "link", NULL);
    html_attr(css, "rel", "stylesheet");
    html_attr(css, "href", "assets/site.css");
    xmlNodePtr js = html_el(h, "script", "");
    html_attr(js, "src", "assets/site.js");
    html_attr(js, "defer", "defer");
}

static bool tagged(const site_entry *e, size_t category)
{
    for (size_t i = 0; i < e->n_categories; i++)
        if (!strcmp(e->categories[i], parse_categories[category]))
            return true;
    return false;
}

static unsigned count_tagged(const GPtrArray *entries, size_t category)
{
    unsigned n = 0;
    for (guint i = 0; i < entries->len; i++)
        n += tagged(entries->pdata[i], category);
    return n;
}

static void option(xmlNodePtr select, const char *value, const char *label)
{
    html_attr(html_el(select, "option", label), "value", value);
}

/* A labelled select of the filter form. */
static xmlNodePtr filter_select(xmlNodePtr form, const char *id, const char *label, const char *all)
{
    xmlNodePtr field = html_el_class(form, "div", "field", NULL);
    html_attr(html_el(field, "label", label), "for", id);
    xmlNodePtr select = html_el(field, "select", NULL);
    html_attr(select, "id", id);
    option(select, "", all);
    return select;
}

/* The filter: hidden in the HTML, revealed by site.js, which runs it. */
static void filters(xmlNodePtr section, const GPtrArray *entries)
{
    xmlNodePtr form = html_el_class(section, "form", "filters", NULL);
    html_attr(form, "id", "filters");
    html_attr(form, "hidden", "hidden");
    html_attr(form, "aria-label", "Filter the publications");
    xmlNodePtr cat = filter_select(form, "filter-category", "Category", "All categories");
    for (size_t k = 0; k < PARSE_N_CATEGORIES; k++) {
        char *id = site_category_id(k);
        char *label = g_strdup_printf("%s (%u)", parse_categories[k], count_tagged(entries, k));
        option(cat, id, label);
        g_free(id);
        g_free(label);
    }
    xmlNodePtr lang = filter_select(form, "filter-language", "Language", "All languages");
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < entries->len; i++) {
        const site_entry *e = entries->pdata[i];
        char *primary = NULL;
        const char *name = html_language(e->lang, &primary);
        if (!g_hash_table_contains(seen, primary)) {
            option(lang, primary, name);
            g_hash_table_add(seen, primary);
        } else {
            g_free(primary);
        }
    }
    g_hash_table_destroy(seen);
    xmlNodePtr status = html_el_class(form, "p", "filter-status", NULL);
    html_attr(status, "id", "filter-status");
    html_attr(status, "role", "status");
}

static void publications(xmlNodePtr main, const GPtrArray *entries)
{
    xmlNodePtr sec = html_el(main, "section", NULL);
    html_attr(sec, "id", "publications");
    html_attr(sec, "aria-labelledby", "publications-title");
    html_attr(html_el(sec, "h2", "Publications"), "id", "publications-title");
    filters(sec, entries);
    xmlNodePtr list = html_el_class(sec, "ol", "entries", NULL);
    html_attr(list, "id", "entries");
    for (guint i = 0; i < entries->len; i++)
        html_entry(list, entries->pdata[i]);
    xmlNodePtr none = html_el_class(sec, "p", "no-match", "No publication matches this filter.");
    html_attr(none, "id", "no-match");
    html_attr(none, "hidden", "hidden");
}

/* One category: its name, what it covers, and what is tagged with it. */
static void category(xmlNodePtr parent, const GPtrArray *entries, size_t k)
{
    char *id = site_category_id(k), *title_id = g_strconcat(id, "-title", NULL);
    xmlNodePtr sec = html_el_class(parent, "section", "category", NULL);
    html_attr(sec, "id", id);
    html_attr(sec, "aria-labelledby", title_id);
    html_attr(html_el(sec, "h3", parse_categories[k]), "id", title_id);
    html_el_class(sec, "p", "category-text", site_category_text[k]);
    if (count_tagged(entries, k) == 0) {
        html_el_class(sec, "p", "category-empty", "No publication in this category yet.");
    } else {
        xmlNodePtr ul = html_el(sec, "ul", NULL);
        for (guint i = 0; i < entries->len; i++) {
            const site_entry *e = entries->pdata[i];
            if (!tagged(e, k))
                continue;
            char *id = html_entry_id(e), *href = g_strconcat("#", id, NULL);
            g_free(id);
            xmlNodePtr a = html_el(html_el(ul, "li", NULL), "a", e->title);
            html_attr(a, "href", href);
            html_attr(a, "lang", e->lang);
            g_free(href);
        }
    }
    g_free(id);
    g_free(title_id);
}

static void categories(xmlNodePtr main, const GPtrArray *entries)
{
    xmlNodePtr sec = html_el(main, "section", NULL);
    html_attr(sec, "id", "categories");
    html_attr(sec, "aria-labelledby", "categories-title");
    html_attr(html_el(sec, "h2", "Categories"), "id", "categories-title");
    html_el_class(sec, "p", "section-intro",
                  "The law-enforcement library sorts its material into eighteen categories. "
                  "Each publication is listed under the ones it speaks to.");
    xmlNodePtr grid = html_el_class(sec, "div", "category-grid", NULL);
    for (size_t k = 0; k < PARSE_N_CATEGORIES; k++)
        category(grid, entries, k);
}

/* The series the page is about: the first entry's, else a plain name. */
static const char *series_name(const GPtrArray *entries)
{
    for (guint i = 0; i < entries->len; i++) {
        const site_entry *e = entries->pdata[i];
        if (e->series)
            return e->series;
    }
    return "Publications";
}

static void masthead(xmlNodePtr body, const char *series)
{
    xmlNodePtr skip = html_el_class(body, "a", "skip", "Skip to the publications");
    html_attr(skip, "href", "#publications");
    xmlNodePtr header = html_el_class(body, "header", "masthead", NULL);
    xmlNodePtr inner = html_el_class(header, "div", "wrap", NULL);
    html_el_class(inner, "p", "kicker", "Downloads");
    html_el(inner, "h1", series);
    html_el_class(inner, "p", "lede", intro);
    xmlNodePtr nav = html_el(inner, "nav", NULL);
    html_attr(nav, "aria-label", "On this page");
    xmlNodePtr ul = html_el(nav, "ul", NULL);
    html_attr(html_el(html_el(ul, "li", NULL), "a", "Publications"), "href", "#publications");
    html_attr(html_el(html_el(ul, "li", NULL), "a", "Categories"), "href", "#categories");
}

char *site_html_page(const GPtrArray *entries)
{
    const char *series = series_name(entries);
    htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
    xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
    xmlNodePtr html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
    xmlDocSetRootElement(doc, html);
    html_attr(html, "lang", "en");
    char *title = g_strdup_printf("%s: download the publications", series);
    head(html, title);
    g_free(title);
    xmlNodePtr body = html_el(html, "body", NULL);
    masthead(body, series);
    xmlNodePtr main = html_el_class(body, "main", "wrap", NULL);
    html_attr(main, "id", "main");
    publications(main, entries);
    categories(main, entries);
    xmlNodePtr footer = html_el_class(body, "footer", "site-footer", NULL);
    html_el(html_el_class(footer, "div", "wrap", NULL), "p",
            "PDF and EPUB built from the same manuscripts by folio. The covers are the first "
            "pages of the PDFs.");
    /* UTF-8 as it is (libxml2's plain HTML dump writes named entities) */
    xmlBufferPtr buf = xmlBufferCreate();
    xmlSaveCtxtPtr save = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_FORMAT | XML_SAVE_AS_HTML);
    xmlSaveDoc(save, doc);
    xmlSaveClose(save);
    xmlFreeDoc(doc);
    char *text = g_strndup((const char *)xmlBufferContent(buf), (gsize)xmlBufferLength(buf));
    xmlBufferFree(buf);
    return text;
}
