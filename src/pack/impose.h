/* impose.h: print production (impose.c). The laid-out pages are drawn again,
 * never laid out again: onto sheets in booklet order or two up, with crop
 * marks outside the trim and a bleed around it. */
#ifndef FOLIO_IMPOSE_H
#define FOLIO_IMPOSE_H

#include <stdbool.h>

#include "../layout/layout.h"

typedef struct {
    bool booklet; /* --imposition booklet: two up on A4 landscape, saddle-stitch order */
    int nup;      /* --nup 2: two pages per sheet in reading order; 0 or 1: one */
    bool marks;   /* --marks: crop marks */
    double bleed; /* --bleed: points added around each page */
} print_opts;

/* True when any option asks for more than the plain pages. */
bool print_opts_active(const print_opts *o);

/* Takes option name (--imposition, --nup, --marks, --bleed) with value (NULL
 * for --marks): 1 taken, 0 not a print option, -1 a bad value (a usage
 * message is printed). */
int print_opts_take(print_opts *o, const char *name, const char *value);
/* True for the print options that take a value. */
bool print_opts_wants_value(const char *name);

/* The usage lines of the print options, for --help. */
#define PRINT_OPTS_HELP                                                                            \
    "  --imposition booklet A5 pages two up on A4 landscape sheets, in saddle-stitch\n"            \
    "                       order, padded with blank pages to a multiple of 4\n"                   \
    "  --nup 2              two pages per sheet, in reading order\n"                               \
    "  --marks              crop marks outside the trim (and the bleed)\n"                         \
    "  --bleed LENGTH       bleed around each page (3mm, 0.125in, 9pt)\n"

/* Writes pages[0..n) to target as the options ask (title: the PDF's title,
 * may be NULL); false after an error diagnostic. */
bool impose_write(const char *target, lay_frame *const *pages, size_t n, const print_opts *o,
                  const char *title);

/* A PDF surface writing into bytes, and its end: finishes it and writes
 * bytes to target atomically when ok (false after an error diagnostic);
 * frees both. The pack's reading PDF is written the same way. */
cairo_surface_t *impose_pdf_new(GByteArray *bytes, double width, double height);
bool impose_pdf_commit(cairo_surface_t *surf, GByteArray *bytes, bool ok, const char *target);

/* boxes.c: adds /TrimBox trim (x0, y0, x1, y1 in PDF coordinates, origin at
 * the sheet's lower left) and /BleedBox (bleed beyond it on every side) to
 * every page of cairo's PDF in bytes; leaves a file of another shape as it
 * is. */
void impose_add_boxes(GByteArray *bytes, const double trim[4], double bleed);

#endif
