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

/* One row per language; fields in the order of epub_words. */
// clang-format off
static const epub_words words_table[] = {
    {"en", "Contents", "Landmarks", "Cover", "Title page", "Start of content", "Abstract",
     "Back to text", "Section", "done", "to do", "D M Y", "M Y",
     {"January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"}},
    {"fr", "Table des matières", "Repères", "Couverture", "Page de titre", "Début du contenu",
     "Résumé", "Retour au texte", "Section", "fait", "à faire", "D M Y", "M Y",
     {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
      "octobre", "novembre", "décembre"}},
    {"de", "Inhalt", "Orientierungspunkte", "Umschlag", "Titelseite", "Beginn des Inhalts",
     "Zusammenfassung", "Zurück zum Text", "Abschnitt", "erledigt",
     "offen", "D. M Y", "M Y",
     {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
      "Oktober", "November", "Dezember"}},
    {"es", "Índice", "Puntos de referencia", "Cubierta", "Portada", "Inicio del contenido",
     "Resumen", "Volver al texto", "Sección", "hecho", "pendiente",
     "D de M de Y", "M de Y",
     {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
      "octubre", "noviembre", "diciembre"}},
    {"it", "Indice", "Punti di riferimento", "Copertina", "Frontespizio", "Inizio del contenuto",
     "Sommario", "Torna al testo", "Sezione", "fatto", "da fare", "D M Y", "M Y",
     {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
      "settembre", "ottobre", "novembre", "dicembre"}},
};
// clang-format on

const epub_words *epub_words_lookup(const char *lang)
{
    size_t n = strcspn(lang, "-_");
    for (size_t i = 0; i < G_N_ELEMENTS(words_table); i++)
        if (strlen(words_table[i].lang) == n &&
            g_ascii_strncasecmp(lang, words_table[i].lang, n) == 0)
            return &words_table[i];
    return &words_table[0];
}

/* BCP 47 shape only: a 2-8 letter primary subtag, then 1-8 character subtags. */
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

/* Reads n digits at *s; -1 when they are not there. */
static int digits(const char **s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++, (*s)++) {
        if (!g_ascii_isdigit(**s))
            return -1;
        v = v * 10 + (**s - '0');
    }
    return v;
}

/* Parses YYYY, YYYY-MM or YYYY-MM-DD (surrounding blanks allowed); missing
 * month and day are 1. */
static bool parse_w3c_date(const char *s, int *y, int *m, int *d, size_t *len)
{
    while (g_ascii_isspace(*s))
        s++;
    const char *start = s;
    *m = *d = 1;
    if ((*y = digits(&s, 4)) < 1)
        return false;
    if (*s == '-') {
        s++;
        if ((*m = digits(&s, 2)) < 1 || *m > 12)
            return false;
        if (*s == '-') {
            s++;
            if ((*d = digits(&s, 2)) < 1 ||
                !g_date_valid_dmy((GDateDay)*d, (GDateMonth)*m, (GDateYear)*y))
                return false;
        }
    }
    *len = (size_t)(s - start);
    while (g_ascii_isspace(*s))
        s++;
    return *s == '\0';
}

/* A date in words by the pattern (D day, M month name, Y year). */
static const char *date_in_words(epub_plan *p, const char *pattern, int y, int m, int d)
{
    GString *s = g_string_new(NULL);
    for (const char *c = pattern; *c; c++) {
        if (*c == 'D')
            g_string_append_printf(s, "%d", d);
        else if (*c == 'M')
            g_string_append(s, p->words->months[m - 1]);
        else if (*c == 'Y')
            g_string_append_printf(s, "%d", y);
        else
            g_string_append_c(s, *c);
    }
    const char *r = arena_strdup(p->a, s->str);
    g_string_free(s, TRUE);
    return r;
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
    size_t len;
    if (date && parse_w3c_date(date, &y, &mo, &d, &len)) {
        while (g_ascii_isspace(*date))
            date++;
        p->date = arena_strndup(p->a, date, len);
        if (len == strlen("YYYY-MM-DD"))
            p->date_shown = date_in_words(p, p->words->day_month_year, y, mo, d);
        else if (len == strlen("YYYY-MM"))
            p->date_shown = date_in_words(p, p->words->month_year, y, mo, d);
        else
            p->date_shown = p->date;
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
    p->words = epub_words_lookup(p->lang);

    p->identifier = has_text(m->identifier) ? g_strstrip(arena_strdup(p->a, m->identifier))
                                            : uuid_identifier(p);
    build_dates(p);
    if (!p->date_shown && has_text(m->date))
        p->date_shown = g_strstrip(arena_strdup(p->a, m->date));
}
