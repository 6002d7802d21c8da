/* bib.h: the bibliography readers. Each reads one file's text into csl_bib
 * items (item.h), reporting problems as file:line:col; items already read
 * stay in the bib even when a later one is refused. */
#ifndef FOLIO_BIB_H
#define FOLIO_BIB_H

#include "item.h"

/* CSL-JSON (an array of items, as Zotero and pandoc write it). PATH names the
 * file in diagnostics. Returns false after an error diagnostic. */
bool bib_json_load(const char *path, const char *data, size_t len, csl_bib *into);

/* CSL-JSON date helpers shared with other readers: parses a "raw" date
 * ("2004-05-06", "2004/2005", "May 2004", "Spring 1999", "circa 1900");
 * false when it cannot, and the caller keeps the text as a literal. */
bool bib_parse_raw_date(const char *s, csl_date *out);
/* Splits particles out of a personal name the way CSL-JSON processors do
 * ("van Gogh" -> non-dropping "van" + "Gogh"; given "Ludwig van" -> dropping
 * "van"). Strings are allocated in the bib's arena. */
void bib_parse_particles(csl_bib *b, csl_name *n);

/* BibTeX and BibLaTeX (.bib): entries, @string, @preamble, @comment, #
 * concatenation, crossref and xdata inheritance, LaTeX to Unicode, each entry
 * type and field mapped to CSL (bib_tex_map.c says how). Field text keeps the
 * markup the CSL processor reads (<i>, <b>, <sc>, <sup>, <sub>,
 * <span class="nocase">); quotation commands become straight quotes ("...",
 * '...' inside) for the processor to localize; page ranges use an en dash;
 * "and others" is a last name whose literal is "others". Errors (syntax,
 * circular crossrefs, limits) are reported at file:line:col and return false
 * with nothing added; duplicate keys are warnings (the first wins). PATH
 * names the file in diagnostics and item spans. */
bool bib_tex_load(const char *path, const char *data, size_t len, csl_bib *into);

/* Reads the bibliography file PATH into INTO, picking the reader by extension
 * (.bib: BibTeX/BibLaTeX, .json: CSL-JSON). FROM_FILE:LINE:COL is where the
 * file was named (the manuscript's front matter), for "cannot read" and
 * "unknown format" errors; NULL when it was named on the command line.
 * Returns false after an error diagnostic. */
bool bib_load(const char *path, csl_bib *into, const char *from_file, unsigned line, unsigned col);

/* `folio bib --dump FILE...`: loads the files into one bibliography and prints
 * its items as CSL-JSON (variables sorted by name). ARGV holds the arguments
 * after "bib". Exit status 0, 1 after errors in the input, 2 on usage errors. */
int bib_dump_command(int argc, char **argv);

#endif
