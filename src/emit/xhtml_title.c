/* xhtml_title.c: the title block of the title page (series and number, title,
 * subtitle, authors with affiliations, date) and the cover page, which shows
 * the cover image with the same words as its description. Styled by css.c
 * (.titlepage, .cover). */
#include "epub.h"

/* Separates the series from its number; also kept in the heading font's subset. */
#define SERIES_SEPARATOR " \u00b7 "

static bool has_text(const char *s)
{
    return s && *s;
}

static void para(xmlTextWriterPtr w, const char *cls, const char *text)
{
    if (!has_text(text))
        return;
    xhtml_start(w, "p");
    xhtml_attr(w, "class", cls);
    xhtml_text(w, text);
    xhtml_end(w);
    xhtml_text(w, "\n");
}

void xhtml_title_block(const epub_plan *p, xmlTextWriterPtr w)
{
    const doc_meta *m = &p->d->meta;
    xhtml_start(w, "section");
    xhtml_attr(w, "class", "titlepage");
    xhtml_attr(w, "epub:type", "titlepage");
    xhtml_text(w, "\n");

    if (has_text(m->series)) {
        char *line = has_text(m->number) ? g_strconcat(m->series, SERIES_SEPARATOR, m->number, NULL)
                                         : g_strdup(m->series);
        para(w, "series", line);
        g_free(line);
    }
    xhtml_start(w, "h1");
    xhtml_attr(w, "class", "title");
    xhtml_text(w, p->title);
    xhtml_end(w);
    xhtml_text(w, "\n");
    para(w, "subtitle", m->subtitle);

    if (m->n_authors > 0) {
        xhtml_start(w, "div");
        xhtml_attr(w, "class", "authors");
        xhtml_text(w, "\n");
        for (size_t i = 0; i < m->n_authors; i++) {
            const doc_author *a = &m->authors[i];
            if (!has_text(a->name))
                continue;
            xhtml_start(w, "p");
            xhtml_attr(w, "class", "author");
            xhtml_text(w, a->name);
            if (has_text(a->affiliation)) {
                xhtml_start(w, "br");
                xhtml_end_void(w);
                xhtml_start(w, "span");
                xhtml_attr(w, "class", "affiliation");
                xhtml_text(w, a->affiliation);
                xhtml_end(w);
            }
            xhtml_end(w);
            xhtml_text(w, "\n");
        }
        xhtml_end(w);
        xhtml_text(w, "\n");
    }
    para(w, "date", p->date_shown);
    xhtml_end(w); /* section */
    xhtml_text(w, "\n");
}

/* The words on the cover, for its alternative text. */
static char *cover_alt(const epub_plan *p)
{
    const doc_meta *m = &p->d->meta;
    GString *s = g_string_new(p->title);
    if (has_text(m->subtitle)) {
        g_string_append(s, ". ");
        g_string_append(s, m->subtitle);
    }
    for (size_t i = 0; i < m->n_authors; i++) {
        if (!has_text(m->authors[i].name))
            continue;
        g_string_append(s, i ? ", " : ". ");
        g_string_append(s, m->authors[i].name);
    }
    return g_string_free(s, FALSE);
}

GBytes *xhtml_cover_page(const epub_plan *p)
{
    xmlBufferPtr buf;
    xmlTextWriterPtr w = xhtml_writer_new(&buf);
    xhtml_page_start(p, w, p->title);
    xhtml_start(w, "body");
    xhtml_attr(w, "class", "cover");
    xhtml_attr(w, "epub:type", "cover");
    xhtml_text(w, "\n");
    xhtml_start(w, "section");
    xhtml_attr(w, "epub:type", "cover");
    xhtml_text(w, "\n");
    xhtml_start(w, "img");
    xhtml_attr(w, "src", EPUB_COVER_IMAGE);
    char *alt = cover_alt(p);
    xhtml_attr(w, "alt", alt);
    g_free(alt);
    xhtml_attr(w, "role", "doc-cover");
    xhtml_end_void(w);
    xhtml_text(w, "\n");
    xhtml_end(w);
    xhtml_text(w, "\n");
    xhtml_page_end(w);
    return xhtml_writer_finish(w, buf);
}
