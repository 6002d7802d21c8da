/* terms.h: the words folio itself puts into a publication (headings of its
 * own, cross-reference labels, month names), in the document's language, and
 * dates written out in words. One table serves the PDF, the EPUB and the
 * cross-references, so both outputs say the same thing. Languages: English,
 * French, German, Spanish, Italian; others fall back to English. */
#ifndef FOLIO_TERMS_H
#define FOLIO_TERMS_H

#include <stdbool.h>

typedef enum {
    TERM_CONTENTS,
    TERM_LANDMARKS,
    TERM_COVER,
    TERM_TITLE_PAGE,
    TERM_START,
    TERM_ABSTRACT,
    TERM_SUMMARY,
    TERM_BACK_TO_TEXT,
    TERM_SECTION,
    TERM_SECTIONS,
    TERM_FIGURE,
    TERM_FIGURES,
    TERM_TABLE,
    TERM_TABLES,
    TERM_BOX,
    TERM_BOXES,
    TERM_PAGE,
    TERM_PAGES,
    TERM_NOTES,
    TERM_REFERENCES,
    TERM_LIST_OF_FIGURES,
    TERM_LIST_OF_TABLES,
    TERM_AND,
    TERM_NUMBER_ABBR, /* "No. " before a series number, with its no-break space */
    TERM_TASK_DONE,
    TERM_TASK_OPEN,
    TERM_OPEN_QUOTE,
    TERM_CLOSE_QUOTE,
    TERM_COUNT
} term_id;

/* The word for t in lang (a BCP 47 tag; only the language subtag counts). */
const char *term_text(const char *lang, term_id t);
/* Makes term_text answer text for t in every language (the house style's
 * label words); NULL or "" restores the language's own word. */
void term_override(term_id t, const char *text);
/* The month's name, 1..12. */
const char *term_month(const char *lang, int month);
/* A date in words: "28 February 2013", "February 2013", "28 de febrero de 2013";
 * month or day 0 leaves them out. Caller frees with g_free. */
char *term_date_words(const char *lang, int year, int month, int day);

/* Parses YYYY, YYYY-MM or YYYY-MM-DD; missing parts are 0. False unless the
 * whole text is such a date with a real month and day. */
bool term_date_parse(const char *text, int *year, int *month, int *day);

#endif
