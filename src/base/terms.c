/* terms.c: folio's own words in each language it knows, and dates in words. */
#include "terms.h"

#include <glib.h>
#include <string.h>

typedef struct {
    const char *lang; /* primary language subtag */
    const char *words[TERM_COUNT];
    const char *months[12];
    const char *day_month_year, *month_year; /* D day, M month name, Y year */
} term_table;

// clang-format off
static const term_table tables[] = {
    {"en",
     {"Contents", "Landmarks", "Cover", "Title page", "Start of content", "Abstract", "Summary",
      "Back to text", "Section", "Sections", "Figure", "Figures", "Table", "Tables", "Box", "Boxes",
      "page", "pages", "Notes", "References", "List of figures", "List of tables", "and",
      "No.\u00a0", "done", "to do", "\u201c", "\u201d"},
     {"January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"},
     "D M Y", "M Y"},
    {"fr",
     {"Table des mati\u00e8res", "Rep\u00e8res", "Couverture", "Page de titre", "D\u00e9but du contenu",
      "R\u00e9sum\u00e9", "R\u00e9sum\u00e9", "Retour au texte", "Section", "Sections", "Figure",
      "Figures", "Tableau", "Tableaux", "Encadr\u00e9", "Encadr\u00e9s", "page", "pages", "Notes",
      "R\u00e9f\u00e9rences", "Liste des figures", "Liste des tableaux", "et", "n\u00b0\u00a0",
      "fait", "\u00e0 faire", "\u00ab\u00a0", "\u00a0\u00bb"},
     {"janvier", "f\u00e9vrier", "mars", "avril", "mai", "juin", "juillet", "ao\u00fbt", "septembre",
      "octobre", "novembre", "d\u00e9cembre"},
     "D M Y", "M Y"},
    {"de",
     {"Inhalt", "Orientierungspunkte", "Umschlag", "Titelseite", "Beginn des Inhalts",
      "Zusammenfassung", "Zusammenfassung", "Zur\u00fcck zum Text", "Abschnitt", "Abschnitte",
      "Abbildung", "Abbildungen", "Tabelle", "Tabellen", "Kasten", "K\u00e4sten", "Seite", "Seiten",
      "Anmerkungen", "Literatur", "Abbildungsverzeichnis", "Tabellenverzeichnis", "und", "Nr.\u00a0",
      "erledigt", "offen", "\u201e", "\u201c"},
     {"Januar", "Februar", "M\u00e4rz", "April", "Mai", "Juni", "Juli", "August", "September",
      "Oktober", "November", "Dezember"},
     "D. M Y", "M Y"},
    {"es",
     {"\u00cdndice", "Puntos de referencia", "Cubierta", "Portada", "Inicio del contenido", "Resumen",
      "Resumen", "Volver al texto", "Secci\u00f3n", "Secciones", "Figura", "Figuras", "Tabla",
      "Tablas", "Recuadro", "Recuadros", "p\u00e1gina", "p\u00e1ginas", "Notas", "Referencias",
      "\u00cdndice de figuras", "\u00cdndice de tablas", "y", "N.\u00ba\u00a0", "hecho", "pendiente", "\u00ab", "\u00bb"},
     {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
      "octubre", "noviembre", "diciembre"},
     "D de M de Y", "M de Y"},
    {"it",
     {"Indice", "Punti di riferimento", "Copertina", "Frontespizio", "Inizio del contenuto",
      "Sommario", "Sommario", "Torna al testo", "Sezione", "Sezioni", "Figura", "Figure", "Tabella",
      "Tabelle", "Riquadro", "Riquadri", "pagina", "pagine", "Note", "Bibliografia",
      "Elenco delle figure", "Elenco delle tabelle", "e", "n.\u00a0", "fatto", "da fare", "\u00ab", "\u00bb"},
     {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
      "ottobre", "novembre", "dicembre"},
     "D M Y", "M Y"},
};
// clang-format on

static const term_table *table_for(const char *lang)
{
    size_t n = lang ? strcspn(lang, "-_") : 0;
    for (size_t i = 0; i < G_N_ELEMENTS(tables); i++)
        if (strlen(tables[i].lang) == n && g_ascii_strncasecmp(lang, tables[i].lang, n) == 0)
            return &tables[i];
    return &tables[0];
}

/* The house style's words, over every language's (term_override). */
static const char *overrides[TERM_COUNT];

void term_override(term_id t, const char *text)
{
    if (t < TERM_COUNT)
        overrides[t] = text && *text ? text : NULL;
}

const char *term_text(const char *lang, term_id t)
{
    if (t >= TERM_COUNT)
        return "";
    return overrides[t] ? overrides[t] : table_for(lang)->words[t];
}

const char *term_month(const char *lang, int month)
{
    return month >= 1 && month <= 12 ? table_for(lang)->months[month - 1] : "";
}

char *term_date_words(const char *lang, int year, int month, int day)
{
    const term_table *t = table_for(lang);
    if (month < 1 || month > 12)
        return g_strdup_printf("%d", year);
    const char *pattern = day >= 1 ? t->day_month_year : t->month_year;
    GString *s = g_string_new(NULL);
    for (const char *c = pattern; *c; c++) {
        if (*c == 'D')
            g_string_append_printf(s, "%d", day);
        else if (*c == 'M')
            g_string_append(s, t->months[month - 1]);
        else if (*c == 'Y')
            g_string_append_printf(s, "%d", year);
        else
            g_string_append_c(s, *c);
    }
    return g_string_free(s, FALSE);
}

/* Reads exactly n digits at *p; -1 when they are not there. */
static int digits(const char **p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++, (*p)++) {
        if (!g_ascii_isdigit(**p))
            return -1;
        v = v * 10 + (**p - '0');
    }
    return v;
}

bool term_date_parse(const char *text, int *year, int *month, int *day)
{
    const char *p = text;
    *year = *month = *day = 0;
    if ((*year = digits(&p, 4)) < 0)
        return false;
    if (*p == '-') {
        p++;
        if ((*month = digits(&p, 2)) < 1 || *month > 12)
            return false;
        if (*p == '-') {
            p++;
            if ((*day = digits(&p, 2)) < 1 || *year < 1 ||
                !g_date_valid_dmy((GDateDay)*day, (GDateMonth)*month, (GDateYear)*year))
                return false;
        }
    }
    return *p == '\0';
}
