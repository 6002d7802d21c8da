/* html.h: small helpers over libxml2's HTML tree for the page writer:
 * every text and attribute value is escaped by libxml2 when serialised. */
#ifndef FOLIO_SITE_HTML_H
#define FOLIO_SITE_HTML_H

#include <libxml/HTMLtree.h>

#include "site.h"

/* A child element of parent with text content (NULL: empty). */
xmlNodePtr html_el(xmlNodePtr parent, const char *name, const char *text);
/* Sets an attribute (a NULL value sets nothing). */
void html_attr(xmlNodePtr n, const char *name, const char *value);
/* Appends text to n. */
void html_text(xmlNodePtr n, const char *text);
/* A child element with a class. */
xmlNodePtr html_el_class(xmlNodePtr parent, const char *name, const char *cls, const char *text);

/* "28 February 2013" for 2013-02-28, "February 2013" for 2013-02; else NULL.
 * iso receives the date's machine form for datetime=. g_free both. */
char *html_date(const char *date, char **iso);
/* The reader's name of a language tag's primary language ("English"); its
 * primary subtag in *primary (g_free). */
const char *html_language(const char *lang, char **primary);
/* Appends the language's name to n, its own name marked with lang:
 * "Spanish (<span lang="es">español</span>)". */
void html_language_text(xmlNodePtr n, const char *lang);
/* "250 kB", "1.2 MB", with a no-break space (g_free). */
char *html_size(gint64 bytes);

/* The anchor id of e's entry: "pub-NAME", or "pack-NAME" for a pack, whose
 * name may be a publication's too (g_free). */
char *html_entry_id(const site_entry *e);
/* One <li> of the publication list for e. */
void html_entry(xmlNodePtr list, const site_entry *e);

#endif
