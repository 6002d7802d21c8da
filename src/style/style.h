/* style.h: the house style, one set of typesetting parameters that drives
 * both the PDF layout and the EPUB's CSS.
 *
 * Every parameter is declared once below, with its style-file key, its type,
 * its default and its unit. A style file (YAML mapping, e.g. styles/briefing.yaml)
 * overrides any of them; an unknown key or a bad value is an error with its line.
 * Lengths are stored in PostScript points (1/72 in) and accept pt, mm, cm, in
 * and px (1/96 in) in the file. */
#ifndef FOLIO_STYLE_H
#define FOLIO_STYLE_H

#include <stdbool.h>
#include <stdint.h>

/* X(field, "key", type, default, "what it sets")
 * Types: LENGTH (points; default given in points), NUMBER, BOOL, COLOR (0xRRGGBB),
 * STRING, COUNT (a whole number from 0 to 1000000: penalties and demerits).
 * The line-breaking parameters (line-breaking to last-line-demerits) follow
 * Knuth and Plass, "Breaking Paragraphs into Lines" (1981); their TeX
 * counterparts are named in src/layout/knuth.c. */
#define STYLE_PARAMS(X)                                                                           \
    X(page_width, "page-width", LENGTH, 595.2756, "page width (A4: 210mm)")                       \
    X(page_height, "page-height", LENGTH, 841.8898, "page height (A4: 297mm)")                    \
    X(margin_top, "margin-top", LENGTH, 70.866, "top margin, above the running head's baseline area (25mm)") \
    X(margin_bottom, "margin-bottom", LENGTH, 70.866, "bottom margin, below the text block (25mm)") \
    X(margin_inner, "margin-inner", LENGTH, 70.866, "inner (left on odd pages) margin (25mm)")    \
    X(margin_outer, "margin-outer", LENGTH, 70.866, "outer margin (25mm)")                       \
    X(two_sided, "two-sided", BOOL, false, "mirror margins on even pages")                        \
    X(body_font, "body-font", STRING, "Noto Serif", "family of body text")                       \
    X(heading_font, "heading-font", STRING, "Noto Sans", "family of headings, captions, furniture") \
    X(mono_font, "mono-font", STRING, "Noto Sans Mono", "family of code")                        \
    X(body_size, "body-size", LENGTH, 10.5, "body text size")                                    \
    X(line_height, "line-height", NUMBER, 1.42, "body leading as a multiple of the size")         \
    X(paragraph_spacing, "paragraph-spacing", LENGTH, 6.0, "space between paragraphs")           \
    X(paragraph_indent, "paragraph-indent", LENGTH, 0.0, "first-line indent of paragraphs that follow a paragraph") \
    X(justify, "justify", BOOL, true, "justify body text")                                       \
    X(hyphenate, "hyphenate", BOOL, true, "hyphenate body text by language")                     \
    X(hyphenate_capitals, "hyphenate-capitals", BOOL, false, "hyphenate words that start with a capital") \
    X(line_breaking, "line-breaking", STRING, "total-fit", "justified paragraphs: total-fit (Knuth-Plass) or first-fit") \
    X(space_stretch, "space-stretch", NUMBER, 0.25, "how far a word space may stretch, x its natural width") \
    X(space_shrink, "space-shrink", NUMBER, 0.33, "how far a word space may shrink, x its natural width") \
    X(letter_stretch, "letter-stretch", NUMBER, 0.01, "tracking a justified line may add after each letter, x the size") \
    X(pretolerance, "pretolerance", COUNT, 100, "worst line badness accepted before trying hyphenation") \
    X(tolerance, "tolerance", COUNT, 200, "worst line badness accepted with hyphenation") \
    X(emergency_stretch, "emergency-stretch", NUMBER, 1.5, "extra stretch per line in the last pass, x the body size") \
    X(line_penalty, "line-penalty", COUNT, 10, "demerits added to every line (fewer lines)") \
    X(hyphen_penalty, "hyphen-penalty", COUNT, 50, "penalty of breaking at a hyphenation point") \
    X(explicit_hyphen_penalty, "explicit-hyphen-penalty", COUNT, 50, "penalty of breaking after a hyphen in the text") \
    X(double_hyphen_demerits, "double-hyphen-demerits", COUNT, 10000, "two hyphenated lines in a row") \
    X(final_hyphen_demerits, "final-hyphen-demerits", COUNT, 5000, "a hyphen on a paragraph's last full line") \
    X(adjacent_demerits, "adjacent-demerits", COUNT, 10000, "a loose line next to a tight one (fitness classes apart)") \
    X(last_line_min, "last-line-min", NUMBER, 0.12, "a last line shorter than this share of the measure is too short") \
    X(last_line_demerits, "last-line-demerits", COUNT, 2000, "demerits of a too short last line") \
    X(protrusion, "protrusion", BOOL, true, "hang line-end punctuation and hyphens slightly into the margin") \
    X(h1_size, "h1-size", LENGTH, 17.0, "level-1 heading size")                                  \
    X(h2_size, "h2-size", LENGTH, 13.5, "level-2 heading size")                                  \
    X(h3_size, "h3-size", LENGTH, 11.5, "level-3 heading size")                                  \
    X(h4_size, "h4-size", LENGTH, 10.5, "level-4 to 6 heading size")                             \
    X(heading_space_before, "heading-space-before", LENGTH, 16.0, "space above a heading")       \
    X(heading_space_after, "heading-space-after", LENGTH, 6.0, "space below a heading")          \
    X(heading_numbers, "heading-numbers", BOOL, false, "number sections 1, 1.1, 1.1.1")         \
    X(h1_new_page, "h1-new-page", BOOL, false, "start each level-1 section on a new page")       \
    X(toc_depth, "toc-depth", NUMBER, 2, "heading levels in the contents and the EPUB nav (front matter toc-depth wins)") \
    X(label_figure, "label-figure", STRING, "", "word before a figure number (empty: the language's)") \
    X(label_figures, "label-figures", STRING, "", "plural, as in \"Figures 1 and 2\" (empty: the language's)") \
    X(label_table, "label-table", STRING, "", "word before a table number (empty: the language's)") \
    X(label_tables, "label-tables", STRING, "", "plural of label-table (empty: the language's)") \
    X(label_section, "label-section", STRING, "", "word before a section number (empty: the language's)") \
    X(label_sections, "label-sections", STRING, "", "plural of label-section (empty: the language's)") \
    X(label_box, "label-box", STRING, "", "word before a box number (empty: the language's)") \
    X(label_boxes, "label-boxes", STRING, "", "plural of label-box (empty: the language's)") \
    X(code_size, "code-size", LENGTH, 8.8, "code size")                                          \
    X(note_size, "note-size", LENGTH, 8.5, "footnote text size")                                 \
    X(table_size, "table-size", LENGTH, 9.0, "table text size")                                  \
    X(caption_size, "caption-size", LENGTH, 9.0, "caption size")                                 \
    X(furniture_size, "furniture-size", LENGTH, 8.0, "running head and folio size")              \
    X(title_size, "title-size", LENGTH, 24.0, "title page title size")                           \
    X(block_indent, "block-indent", LENGTH, 18.0, "indent of block quotes and list levels")      \
    X(running_head, "running-head", BOOL, true, "print a running head")                          \
    X(text_color, "text-color", COLOR, 0x1a1a1a, "body text colour")                             \
    X(heading_color, "heading-color", COLOR, 0x1d3557, "heading colour")                         \
    X(accent_color, "accent-color", COLOR, 0xb5452a, "accent: rules, series line")              \
    X(link_color, "link-color", COLOR, 0x1f4e8c, "link colour")                                  \
    X(muted_color, "muted-color", COLOR, 0x5c6670, "running heads, captions")                    \
    X(rule_color, "rule-color", COLOR, 0x9aa5b1, "table and note rules")                         \
    X(box_color, "box-color", COLOR, 0xeef2f6, "background of boxes and code")

typedef enum {
    STYLE_LENGTH,
    STYLE_NUMBER,
    STYLE_BOOL,
    STYLE_COLOR,
    STYLE_STRING,
    STYLE_COUNT
} style_type;

typedef struct {
#define STYLE_FIELD_LENGTH double
#define STYLE_FIELD_NUMBER double
#define STYLE_FIELD_BOOL bool
#define STYLE_FIELD_COLOR uint32_t
#define STYLE_FIELD_STRING char *
#define STYLE_FIELD_COUNT int
#define X(field, key, type, def, doc) STYLE_FIELD_##type field;
    STYLE_PARAMS(X)
#undef X
    char *path; /* the file it came from, NULL for defaults */
} style;

/* Fills s with the declared defaults. Free with style_clear. */
void style_defaults(style *s);
/* Loads path over the defaults; on error prints file:line:col and returns false. */
bool style_load(style *s, const char *path);
void style_clear(style *s);
/* Puts the style's label words (label-figure ...) over every language's
 * words for this run; NULL restores the languages' own. */
void style_apply_labels(const style *s);
/* The heading size for a level 1..6. */
double style_heading_size(const style *s, int level);
/* Writes "#rrggbb" into buf[8]. */
void style_color_hex(uint32_t rgb, char buf[8]);
/* Red, green, blue in 0..1. */
void style_color_rgb(uint32_t rgb, double *r, double *g, double *b);

#endif
