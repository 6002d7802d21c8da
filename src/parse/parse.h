/* parse.h: reading manuscripts into folio's document tree. Markdown goes
 * through cmark-gfm (md.c is the only file that includes it), the front matter
 * and style files through libyaml (yaml.c), and pandoc's extras (attributes,
 * fenced divs, citations, cross-references) through syntax.c. */
#ifndef FOLIO_PARSE_H
#define FOLIO_PARSE_H

#include <yaml.h>

#include "../doc/doc.h"

/* Block containers nested deeper than this are refused: no real manuscript
 * comes close, and it keeps every later walk's depth bounded for hostile input. */
#define PARSE_MAX_DEPTH 64

/* A manuscript line may hold at most PARSE_MAX_LINE bytes and a word (no
 * space in it) PARSE_MAX_WORD characters (limits.c). */
#define PARSE_MAX_LINE 65536
#define PARSE_MAX_WORD 4096
bool parse_check_limits(const char *file, const char *data, size_t len);

/* image_limits.c: checks the image img refers to (at path; svg: it is an
 * SVG) against the limits below; false after an error at img's place. */
#define PARSE_MAX_IMAGE_PIXELS 50000000u
#define PARSE_MAX_SVG_ELEMENTS 100000
bool parse_image_limits(const doc *d, const doc_node *img, const char *path, bool svg);

/* Reads d->path (front matter + Markdown) into d; false after diagnostics. */
bool parse_manuscript(doc *d);

/* Parses Markdown text (no front matter) into the children of parent.
 * first_line is the file line of text's first line, for diagnostics. */
bool parse_markdown(doc *d, doc_node *parent, const char *text, size_t len, unsigned first_line);

/* Reads the YAML front matter text (first_line = its line in file) into d->meta. */
bool parse_meta(doc *d, const char *text, size_t len, unsigned first_line);

/* Loads one YAML document; errors are reported as file:line:col with line
 * offset by first_line - 1. On success the caller owns ydoc (yaml_document_delete). */
bool parse_yaml_load(const char *file, const char *text, size_t len, unsigned first_line,
                     yaml_document_t *ydoc);
/* A node's 1-based file position given the same first_line. */
unsigned parse_yaml_line(const yaml_node_t *n, unsigned first_line);
unsigned parse_yaml_col(const yaml_node_t *n);
const char *parse_yaml_type_name(const yaml_node_t *n);

/* Parses pandoc attributes "{#id .class key=value key="v w"}" (s starts at '{',
 * len covers up to and including '}'); NULL if s is not a valid attribute block. */
doc_attr *parse_attr(arena *a, const char *s, size_t len);
/* If text ends with an attribute block (after optional spaces), returns its
 * start offset, else -1. */
long parse_attr_trailing(const char *text);

/* Splits citations and cross-references out of the TEXT nodes among parent's
 * inline children, replacing them with DOC_CITE / DOC_XREF nodes. */
void parse_citations(doc *d, doc_node *parent);

/* lang.c: true when tag's primary language subtag is an ISO 639 code (or
 * the list of codes is not installed). */
bool parse_lang_known(const char *tag);

/* The law-enforcement library's categories, the only names `categories` takes. */
#define PARSE_N_CATEGORIES 18
extern const char *const parse_categories[PARSE_N_CATEGORIES];

#endif
