/* epub_meta.c: the publication metadata the EPUB needs beyond the front
 * matter as written: a title that is never empty, a well-formed language tag,
 * a stable identifier, and dates that never come from the clock.
 *
 * Dates: dc:date is meta.date when it is W3CDTF (YYYY, YYYY-MM or
 * YYYY-MM-DD). dcterms:modified and every zip entry's time are midnight UTC
 * of that date; without a usable date they come from SOURCE_DATE_EPOCH
 * (reproducible-builds.org), else 1970-01-01. */
#include "epub.h"

#include <string.h>
#include <time.h>

static bool lang_well_formed(const char *s)
{
    size_t n = 0;
    const char *p = s;
    while (g_ascii_isalpha(*p))
        p++, n++;
    if (n < 2 || n > 8)
        return false;
    while (*p == '-') {
        p++;
        n = 0;
        while (g_ascii_isalnum(*p))
            p++, n++;
        if (n < 1 || n > 8)
            return false;
    }
    return *p == '\0';
}

/* A name-based (version 5, SHA-1) UUID, RFC 4122 section 4.3, in the URL
 * namespace, of the title, authors and date: the same book always gets the
 * same identifier, different books different ones. */
static const char *uuid_identifier(epub_plan *p)
{
    static const guint8 ns_url[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                      0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    const doc_meta *m = &p->d->meta;
    GString *name = g_string_new("folio:");
    /* Fields are separated by a character no field can hold. */
    g_string_append(name, p->title);
    g_string_append_c(name, '\x1f');
    for (size_t i = 0; i < m->n_authors; i++) {
        g_string_append(name, m->authors[i].name ? m->authors[i].name : "");
        g_string_append_c(name, '\x1e');
    }
    g_string_append_c(name, '\x1f');
    g_string_append(name, m->date ? m->date : "");

    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA1);
    g_checksum_update(sum, ns_url, sizeof ns_url);
    g_checksum_update(sum, (const guchar *)name->str, (gssize)name->len);
    guint8 h[20];
    gsize len = sizeof h;
    g_checksum_get_digest(sum, h, &len);
    g_checksum_free(sum);
    g_string_free(name, TRUE);

    h[6] = (guint8)((h[6] & 0x0f) | 0x50); /* version 5 */
    h[8] = (guint8)((h[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    return arena_printf(p->a,
                        "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                        "%02x%02x%02x%02x%02x%02x",
                        h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11],
                        h[12], h[13], h[14], h[15]);
}

/* Zip entries carry MS-DOS times, which start in 1980 and end in 2107. */
static void set_dos_time(epub_plan *p, int y, int mo, int d, int h, int mi, int sec)
{
    if (y < 1980)
        y = 1980, mo = 1, d = 1, h = mi = sec = 0;
    if (y > 2107)
        y = 2107, mo = 12, d = 31, h = 23, mi = 59, sec = 58;
    p->dos_date = (unsigned short)(((y - 1980) << 9) | (mo << 5) | d);
    p->dos_time = (unsigned short)((h << 11) | (mi << 5) | (sec / 2));
}

static void build_dates(epub_plan *p)
{
    const char *date = p->d->meta.date;
    int y, mo, d;
    if (date && term_date_parse(date, &y, &mo, &d)) {
        p->date = arena_strdup(p->a, date);
        char *words = term_date_words(p->lang, y, mo, d);
        p->date_shown = arena_strdup(p->a, words);
        g_free(words);
        mo = mo ? mo : 1;
        d = d ? d : 1;
        p->modified = arena_printf(p->a, "%04d-%02d-%02dT00:00:00Z", y, mo, d);
        set_dos_time(p, y, mo, d, 0, 0, 0);
        return;
    }
    /* SOURCE_DATE_EPOCH: decimal seconds since 1970 in UTC. */
    const char *sde = g_getenv("SOURCE_DATE_EPOCH");
    guint64 secs = 0;
    if (sde && !g_ascii_string_to_unsigned(sde, 10, 0, (guint64)G_MAXINT32 * 2, &secs, NULL)) {
        diag_warning(p->d->path, 0, 0,
                     "SOURCE_DATE_EPOCH '%s' is not a number of seconds; the EPUB is dated "
                     "1970-01-01",
                     sde);
        secs = 0;
    }
    time_t t = (time_t)secs;
    struct tm tm;
    gmtime_r(&t, &tm);
    p->modified = arena_printf(p->a, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                               tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    set_dos_time(p, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* True when s holds something other than blanks. */
static bool has_text(const char *s)
{
    if (!s)
        return false;
    for (; *s; s++)
        if (!g_ascii_isspace(*s))
            return true;
    return false;
}

void epub_meta_build(epub_plan *p)
{
    const doc_meta *m = &p->d->meta;
    p->title = has_text(m->title)     ? g_strstrip(arena_strdup(p->a, m->title))
               : has_text(p->d->name) ? p->d->name
                                      : "Untitled";

    const char *lang = has_text(m->lang) ? g_strstrip(arena_strdup(p->a, m->lang)) : NULL;
    if (lang && !lang_well_formed(lang)) {
        diag_warning(p->d->path, 0, 0, "lang '%s' is not a language tag such as en-GB; using en-GB",
                     lang);
        lang = NULL;
    }
    p->lang = lang ? lang : "en-GB";

    p->identifier = has_text(m->identifier) ? g_strstrip(arena_strdup(p->a, m->identifier))
                                            : uuid_identifier(p);
    build_dates(p);
    if (!p->date_shown && has_text(m->date))
        p->date_shown = g_strstrip(arena_strdup(p->a, m->date));
}
