/* xhtml_text.c: the one place XML text leaves the EPUB writer. libxml2's
 * xmlTextWriter escapes markup characters; this file adds what it does not
 * do: it leaves out the characters XML 1.0 forbids (control characters,
 * U+FFFE, U+FFFF), which a manuscript may hold, since one of them makes the
 * whole EPUB unreadable. Also the page skeleton shared by every XHTML file. */
#include "epub.h"

#include <libxml/chvalid.h>
#include <string.h>

xmlTextWriterPtr xhtml_writer_new(xmlBufferPtr *buf)
{
    *buf = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(*buf, 0);
    xmlTextWriterSetIndent(w, 0); /* indenting would change the text of <pre> */
    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
    return w;
}

GBytes *xhtml_writer_finish(xmlTextWriterPtr w, xmlBufferPtr buf)
{
    xmlTextWriterEndDocument(w); /* closes what is open */
    xmlFreeTextWriter(w);        /* flushes into buf */
    GBytes *b = g_bytes_new(xmlBufferContent(buf), (gsize)xmlBufferLength(buf));
    xmlBufferFree(buf);
    return b;
}

/* text as valid UTF-8 without the characters XML 1.0 forbids; NULL when it
 * is already clean (the usual case), else a copy the caller frees. */
static char *xml_clean(const char *text)
{
    bool valid = g_utf8_validate(text, -1, NULL);
    if (valid) {
        bool clean = true;
        for (const char *s = text; *s && clean; s = g_utf8_next_char(s))
            clean = xmlIsCharQ(g_utf8_get_char(s));
        if (clean)
            return NULL;
    }
    char *fixed = valid ? g_strdup(text) : g_utf8_make_valid(text, -1);
    GString *out = g_string_sized_new(strlen(fixed));
    for (const char *s = fixed; *s; s = g_utf8_next_char(s)) {
        gunichar c = g_utf8_get_char(s);
        if (xmlIsCharQ(c))
            g_string_append_unichar(out, c);
    }
    g_free(fixed);
    return g_string_free(out, FALSE);
}

void xhtml_text(xmlTextWriterPtr w, const char *text)
{
    if (!text || !*text)
        return;
    char *clean = xml_clean(text);
    xmlTextWriterWriteString(w, (const xmlChar *)(clean ? clean : text));
    g_free(clean);
}

void xhtml_attr(xmlTextWriterPtr w, const char *name, const char *value)
{
    if (!value)
        return;
    char *clean = xml_clean(value);
    xmlTextWriterWriteAttribute(w, (const xmlChar *)name, (const xmlChar *)(clean ? clean : value));
    g_free(clean);
}

void xhtml_start(xmlTextWriterPtr w, const char *element)
{
    xmlTextWriterStartElement(w, (const xmlChar *)element);
}

void xhtml_end(xmlTextWriterPtr w)
{
    /* <p></p>, never <p/>: some reading systems parse XHTML as HTML. */
    xmlTextWriterFullEndElement(w);
}

void xhtml_end_void(xmlTextWriterPtr w)
{
    xmlTextWriterEndElement(w);
}

void xhtml_element(xmlTextWriterPtr w, const char *element, const char *text)
{
    xhtml_start(w, element);
    xhtml_text(w, text);
    xmlTextWriterFullEndElement(w);
}

void xhtml_page_start(const epub_plan *p, xmlTextWriterPtr w, const char *title)
{
    xmlTextWriterWriteDTD(w, (const xmlChar *)"html", NULL, NULL, NULL);
    xhtml_text(w, "\n");
    xhtml_start(w, "html");
    xhtml_attr(w, "xmlns", EPUB_NS_XHTML);
    xhtml_attr(w, "xmlns:epub", EPUB_NS_OPS);
    xhtml_attr(w, "lang", p->lang);
    xhtml_attr(w, "xml:lang", p->lang);
    xhtml_text(w, "\n");
    xhtml_start(w, "head");
    xhtml_text(w, "\n");
    xhtml_element(w, "title", title && *title ? title : p->title);
    xhtml_text(w, "\n");
    xhtml_start(w, "link");
    xhtml_attr(w, "rel", "stylesheet");
    xhtml_attr(w, "type", "text/css");
    xhtml_attr(w, "href", EPUB_STYLESHEET);
    xhtml_end_void(w);
    xhtml_text(w, "\n");
    xhtml_end(w); /* head */
    xhtml_text(w, "\n");
}

void xhtml_page_end(xmlTextWriterPtr w)
{
    xhtml_end(w); /* body */
    xhtml_text(w, "\n");
    xhtml_end(w); /* html */
    xhtml_text(w, "\n");
}
