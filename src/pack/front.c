/* front.c: the pack's own pages as documents, so the ordinary layout and
 * EPUB writer set them: the cover (a title block only: the seminar's title,
 * host, venue and date) and the front matter (introduction, agenda, and the
 * contents: each publication with its authors and starting page). */
#include "front.h"

#include <string.h>

#include "../base/terms.h"
#include "../parse/parse.h"
#include "../resolve/resolve.h"

/* The pack's own words, in English, French and Spanish (others: English). */
typedef enum {
    W_SEMINAR_PACK,
    W_HOSTED_BY,
    W_ORGANISED_BY,
    W_INTRODUCTION,
    W_AGENDA,
    W_TIME,
    W_SESSION,
    W_SPEAKER,
    W_PUBLICATION,
    W_AUTHORS,
    W_PAGE,
    W_COUNT
} word;

static const char *word_text(const char *lang, word w)
{
    static const char *const en[W_COUNT] = {
        "Seminar pack", "Hosted by", "Organised by", "Introduction", "Agenda", "Time",
        "Session",      "Speaker",   "Publication",  "Authors",      "Page"};
    static const char *const fr[W_COUNT] = {"Dossier du s\u00e9minaire",
                                            "Accueilli par",
                                            "Organis\u00e9 par",
                                            "Introduction",
                                            "Programme",
                                            "Heure",
                                            "S\u00e9ance",
                                            "Intervenant",
                                            "Publication",
                                            "Auteurs",
                                            "Page"};
    static const char *const es[W_COUNT] = {"Dossier del seminario",
                                            "Acogido por",
                                            "Organizado por",
                                            "Introducci\u00f3n",
                                            "Programa",
                                            "Hora",
                                            "Sesi\u00f3n",
                                            "Ponente",
                                            "Publicaci\u00f3n",
                                            "Autores",
                                            "P\u00e1gina"};
    if (lang && g_ascii_strncasecmp(lang, "fr", 2) == 0)
        return fr[w];
    if (lang && g_ascii_strncasecmp(lang, "es", 2) == 0)
        return es[w];
    return en[w];
}

/* text with every ASCII punctuation character backslash-escaped, so
 * titles and names stay plain text in Markdown (and in a table cell). */
static void md_plain(GString *out, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        if (g_ascii_ispunct(*p))
            g_string_append_c(out, '\\');
        g_string_append_c(out, *p == '\n' ? ' ' : *p);
    }
}

/* A document named after the manifest, with the pack's metadata. */
static doc *pack_doc(const pack_manifest *m)
{
    doc *d = doc_new(m->path);
    arena *a = d->arena;
    d->name = arena_strdup(a, m->name);
    d->meta.title = arena_strdup(a, m->title);
    d->meta.subtitle = arena_strdup(a, m->subtitle);
    d->meta.date = arena_strdup(a, m->date);
    d->meta.lang = arena_strdup(a, m->lang ? m->lang : "en-GB");
    d->meta.publisher = arena_strdup(a, m->organiser);
    d->meta.title_span = (doc_span){d->path, 1, 1};
    return d;
}

doc *front_cover_doc(const pack_manifest *m)
{
    doc *d = pack_doc(m);
    arena *a = d->arena;
    d->meta.series = word_text(d->meta.lang, W_SEMINAR_PACK);
    d->meta.authors = ARENA_ARRAY(a, doc_author, 2);
    if (m->host) {
        doc_author *h = &d->meta.authors[d->meta.n_authors++];
        h->name = arena_printf(a, "%s %s", word_text(d->meta.lang, W_HOSTED_BY), m->host);
        h->affiliation = arena_strdup(a, m->venue);
    }
    if (m->organiser) {
        doc_author *o = &d->meta.authors[d->meta.n_authors++];
        o->name = arena_printf(a, "%s %s", word_text(d->meta.lang, W_ORGANISED_BY), m->organiser);
    }
    return d;
}

/* Appends Markdown text to d's body; false after an error diagnostic. */
static bool add_md(doc *d, const GString *text, unsigned line)
{
    return parse_markdown(d, d->root, text->str, text->len, line);
}

doc *front_matter_doc(const pack_manifest *m, doc *const *pubs, size_t n, const unsigned *starts)
{
    doc *d = pack_doc(m);
    const char *lang = d->meta.lang;
    d->meta.authors = ARENA_NEW(d->arena, doc_author);
    if (m->organiser) {
        d->meta.authors[0].name = d->meta.publisher;
        d->meta.n_authors = 1;
    }
    d->meta.extra = ARENA_NEW(d->arena, doc_extra); /* the running head: the pack's title */
    d->meta.extra[0] = (doc_extra){"short-title", d->meta.title};
    d->meta.n_extra = 1;
    GString *md = g_string_new(NULL);
    bool ok = true;
    if (m->introduction) {
        g_string_printf(md, "# %s {#pack-introduction .unnumbered}\n\n",
                        word_text(lang, W_INTRODUCTION));
        ok = ok && add_md(d, md, 1);
        g_string_assign(md, m->introduction);
        ok = ok && add_md(d, md, m->introduction_line + 1);
    }
    if (m->n_agenda) {
        g_string_printf(md, "# %s {#pack-agenda .unnumbered}\n\n| %s | %s | %s |\n|:--|:--|:--|\n",
                        word_text(lang, W_AGENDA), word_text(lang, W_TIME),
                        word_text(lang, W_SESSION), word_text(lang, W_SPEAKER));
        for (size_t i = 0; i < m->n_agenda; i++) {
            const pack_agenda_item *e = &m->agenda[i];
            g_string_append(md, "| ");
            md_plain(md, e->time);
            g_string_append(md, " | ");
            md_plain(md, e->item);
            g_string_append(md, " | ");
            md_plain(md, e->speaker);
            g_string_append(md, " |\n");
        }
        ok = ok && add_md(d, md, 1);
    }
    g_string_printf(md, "# %s {#pack-contents .unnumbered}\n\n| %s | %s | %s |\n|:--|:--|--:|\n",
                    term_text(lang, TERM_CONTENTS), word_text(lang, W_PUBLICATION),
                    word_text(lang, W_AUTHORS), word_text(lang, W_PAGE));
    for (size_t i = 0; i < n; i++) {
        const doc_meta *pm = &pubs[i]->meta;
        g_string_append(md, "| **");
        md_plain(md, pm->title);
        g_string_append(md, "**");
        if (pm->subtitle) {
            g_string_append(md, " \u2014 *");
            md_plain(md, pm->subtitle);
            g_string_append(md, "*");
        }
        g_string_append(md, " | ");
        for (size_t k = 0; k < pm->n_authors; k++) {
            if (k)
                g_string_append(md, ", ");
            md_plain(md, pm->authors[k].name);
        }
        /* before the pages are known, a number as wide as any the pack will have */
        g_string_append_printf(md, " | %u |\n", starts ? starts[i] : 888);
    }
    ok = ok && add_md(d, md, 1);
    g_string_free(md, TRUE);
    res_options ro = {0};
    ok = ok && res_xrefs(d, false) && res_citations(d, &ro);
    if (!ok) {
        doc_free(d);
        return NULL;
    }
    return d;
}
