/* internal.h: what the files of src/layout/ share and nobody else sees.
 *
 * The layout runs in three steps:
 *   1. block.c, title.c, table.c, figure.c turn the document into a vertical
 *      list (vlist) of boxes (lines of text, table rows, images: small frames
 *      whose items are relative to the box's top), glue (vertical space),
 *      penalties (where pages may break and how much it costs), decoration
 *      marks (a shaded box or a quote bar opens and closes) and table header
 *      marks (a header row to repeat when a table breaks);
 *   2. flow.c breaks that list into pages, placing footnotes at the foot of
 *      the page that holds their reference; it runs while step 1 goes on
 *      (between top-level blocks), so only a few pages of material are ever
 *      held at once;
 *   3. page.c composes each page's frame: boxes at their positions, the
 *      decorations as rectangles and rules, the notes, the running head and
 *      the folio; a frame goes to the lay_doc or, as soon as it is made, to
 *      the caller's page sink (the PDF writer draws it and lets it go).
 * Text goes through inline.c (inline nodes -> text + Pango attributes),
 * hyphen.c (where words may break, by language) and linebreak.c (a Pango
 * layout -> line boxes); a justified paragraph is broken as a whole by
 * totalfit.c (measuring and setting) with knuth.c (choosing the breaks). font.c owns the one font
 * map and context of a run; metrics.c derives every dimension from the style. Every item of text or
 * image names its structure element (lay_tag) for the tagged PDF. */
#ifndef FOLIO_LAYOUT_INTERNAL_H
#define FOLIO_LAYOUT_INTERNAL_H

#include "../base/terms.h"
#include "layout.h"

#include <math.h>
#include <string.h>

/* ---- metrics.c: every length the layout uses, derived once from the style ---- */
typedef struct {
    double text_width, body_height; /* the text block */
    double body_leading;            /* baseline to baseline of body text */
    double heading_leading;         /* multiple of the heading size */
    double note_leading, table_leading, code_leading, caption_leading, furniture_leading;
    double block_space;                       /* above and below lists, quotes, code */
    double float_space;                       /* above and below tables and figures */
    double item_space;                        /* between items of a tight list */
    double marker_gap;                        /* between a list marker and the item's text */
    double code_pad, box_pad;                 /* inside code blocks and shaded boxes */
    double bar_weight, bar_gap;               /* block quote bar: width, gap to the text */
    double rule_heavy, rule_light, rule_hair; /* stroke widths */
    double cell_pad_x, cell_pad_y;            /* table cell padding */
    double caption_gap;                       /* between a caption and its table or image */
    double note_indent;                       /* hanging indent of a footnote's text */
    double note_gap;                          /* between two footnotes */
    double note_sep_above, note_sep_below, note_rule_width; /* the short rule above the notes */
    double head_baseline, head_rule; /* running head: baseline and rule, from the page top */
    double head_gap;                 /* least space between its two parts */
    double folio_baseline;           /* page number baseline, from the page top */
    double min_width;                /* nesting stops indenting below this width */
    double break_width;              /* the short rule of a thematic break */
    double task_size;                /* the square of a task item */
    double hang;                     /* code: indent of the lines that continue a long line */
    double series_size, subtitle_size, author_size; /* title block */
    double title_gap;                               /* between the parts of the title block */
    double image_max_height;                        /* tallest image, leaving room for a caption */
    double row_split; /* table rows taller than this are cut between lines */
    double table_min_scale, table_scale_step; /* a wide table's text shrinks in these steps */
    int orphans, widows; /* lines kept together at a paragraph's start and end */
    int hyph_min_word, hyph_left, hyph_right; /* letters: shortest word, least before/after */
    int hyph_run;                             /* most consecutive lines ending in a hyphen */
    int hyph_retries;                         /* re-breaks of one paragraph to honour hyph_run */
    int hyph_spacing;                         /* least letters between two break points of a word */
} lay_metrics;

void lay_metrics_init(lay_metrics *m, const style *s);

/* ---- font.c: the font map, the context and font descriptions of one run ---- */
struct lay_fonts {
    PangoFontMap *map; /* the process's, borrowed */
    PangoContext *ctx;
    PangoLanguage *lang;
    GHashTable *descs;   /* "family|size|bold|italic" -> PangoFontDescription* */
    GHashTable *extents; /* the process's: "lang|" and the key -> double[2] (ascent, descent) */
};
lay_fonts *lay_fonts_new(const char *lang);
void lay_fonts_free(lay_fonts *f);
/* A font description, borrowed from the cache. */
const PangoFontDescription *lay_font_lookup(lay_fonts *f, const char *family, double size,
                                            bool bold, bool italic);
/* Ascent and descent of the font in points. */
void lay_font_extents(lay_fonts *f, const char *family, double size, bool bold, bool italic,
                      double *ascent, double *descent);
/* A new layout in the run's context; caller unrefs. */
PangoLayout *lay_pango_layout_new(lay_fonts *f);

/* ---- frame.c: items, boxes and page frames ---- */
/* A footnote first referenced in a box, at the top y of its line. */
typedef struct {
    unsigned number;
    double y;
} lay_note_ref;

/* A box: a small frame in the vertical list. Items have x in text-block
 * coordinates and y relative to the box's top. */
typedef struct {
    double height;
    double baseline;  /* first baseline below the top (list markers align to it), 0 if none */
    GArray *items;    /* lay_item */
    GArray *notes;    /* lay_note_ref: footnotes first referenced in this box, NULL if none */
    const char *mark; /* a level-1 heading's first line: its text, for the running head */
    bool continues;   /* a wrapped code line's continuation: stays with the line above */
    doc_pos src;      /* where its text begins in the source (src.node 0: no text) */
    bool generated;   /* a line of the contents or the lists of figures and tables */
    bool hyphenated;  /* a line of text ending in a hyphen: no page break after it */
} lay_box;

lay_box *lay_box_new(double height, double baseline);
void lay_box_free(lay_box *b);
/* Appends a copy of it, taking new references. */
void lay_box_add(lay_box *b, const lay_item *it);
/* A copy of b without its destinations and notes (for repeated table headers). */
lay_box *lay_box_copy_plain(const lay_box *b);
/* Moves every item of src (shifted by dx, dy) to the end of dst; src keeps none. */
void lay_box_absorb(lay_box *dst, lay_box *src, double dx, double dy);
void lay_box_add_note(lay_box *b, unsigned number, double y);
/* Puts a copy of it before every item of b (list markers read first). */
void lay_box_prepend(lay_box *b, lay_box *src, double dx, double dy);
/* Cuts a box taller than limit into bands between its text lines; returns the
 * bands (lay_box*, to free) or NULL when b needs no cut or cannot be cut. */
GPtrArray *lay_box_slice(const lay_box *b, double limit);

void lay_item_copy(lay_item *dst, const lay_item *src); /* takes new references */
void lay_item_clear(lay_item *it);                      /* drops references */
lay_frame *lay_frame_new(unsigned number, double width, double height);
/* Appends a copy of it moved by (dx, dy), taking new references. */
void lay_frame_add(lay_frame *f, const lay_item *it, double dx, double dy);

void lay_image_unref(lay_image *img);
lay_image *lay_image_ref(lay_image *img);

/* A structure element in arena a (see lay_tag); role must outlive it. */
const lay_tag *lay_tag_new(arena *a, const char *role, const lay_tag *parent);
const lay_tag *lay_tag_group(arena *a, const char *role, const lay_tag *parent);

/* ---- vlist.c: the vertical list and the builder that appends to it ---- */
#define LAY_PENALTY_NEVER 10000  /* no page break here */
#define LAY_PENALTY_FORCE -10000 /* a page break here */

typedef enum {
    LAY_V_BOX,      /* box */
    LAY_V_GLUE,     /* size; discarded at a page top unless keep */
    LAY_V_PENALTY,  /* penalty: a place where the page may break */
    LAY_V_OPEN,     /* deco opens */
    LAY_V_CLOSE,    /* the innermost open deco closes */
    LAY_V_HEAD,     /* box: a table header row to repeat at the top of following pages */
    LAY_V_HEAD_END, /* the table is over */
} lay_vkind;

typedef enum { LAY_DECO_FILL, LAY_DECO_BAR } lay_deco_kind;
typedef struct {
    lay_deco_kind kind;
    double x, w; /* text-block coordinates: FILL's extent, BAR's left edge and width */
    double pad;  /* space inside the top and bottom edges, repeated where the deco breaks */
    uint32_t color;
} lay_deco;

typedef struct {
    lay_vkind kind;
    double size;
    bool keep;
    int penalty;
    lay_box *box;
    lay_deco deco;
} lay_vitem;

typedef struct {
    GArray *v;                /* lay_vitem */
    double pending;           /* space owed before the next box */
    bool keep;                /* the next box stays with what precedes it */
    bool force;               /* a page break before the next box */
    bool started;             /* something has been emitted */
    bool fresh;               /* just inside a decoration's top edge: space owed is dropped */
    GPtrArray *markers;       /* lay_box*: list markers and note numbers for the next box */
    GPtrArray *dests;         /* const char*: destinations for the next box's top */
    void (*feed)(void *data); /* the body's: called between top-level blocks to make pages */
    void *feed_data;
} lay_builder;

void lb_init(lay_builder *b);
/* Frees everything, including the list. */
void lb_clear(lay_builder *b);
/* Frees a list built by a builder (lay_vitem array). */
void lay_vlist_free(GArray *v);
/* Space before what comes next: the larger of the owed space and before. */
void lb_space(lay_builder *b, double before);
void lb_keep(lay_builder *b);
void lb_force_break(lay_builder *b);
/* Appends box (taking it); penalty is the cost of breaking just before it. */
void lb_box(lay_builder *b, lay_box *box, int penalty);
void lb_open(lay_builder *b, const lay_deco *d);
void lb_close(lay_builder *b, double pad);
void lb_head(lay_builder *b, lay_box *header);
void lb_head_end(lay_builder *b);
void lb_marker(lay_builder *b, lay_box *marker);
void lb_dest(lay_builder *b, const char *name);
/* True while markers or destinations wait for a box (a container that held
 * nothing then emits an empty box to carry them). */
bool lb_has_markers(const lay_builder *b);

/* ---- the run ---- */
typedef struct lay_hyph lay_hyph;
typedef struct lay_flow lay_flow;

typedef struct {
    const doc *d;
    const style *s;
    lay_metrics m;
    lay_fonts *fonts;
    lay_hyph *hyph; /* NULL: no hyphenation */
    arena *arena;   /* the lay_doc's */
    lay_doc *out;
    GHashTable *ids;    /* every attribute id in the document -> its node */
    GHashTable *images; /* path -> lay_image* */
    GArray *outline;    /* lay_outline_entry, same as out->outline */
    int section[6];     /* heading numbers */
    unsigned n_tables, n_figures;
    bool *note_placed;  /* [number]: the reference that places note number was seen */
    bool *note_built;   /* [number]: its vertical list was made (and may be freed since) */
    GArray **notes;     /* [number]: the note's own vertical list, NULL if not made or placed */
    lay_flow *flow;     /* the body's page builder */
    lay_page_sink sink; /* NULL: pages go to out->pages */
    void *sink_data;
    unsigned n_pages;             /* pages composed */
    bool stopped;                 /* the sink said stop */
    bool in_note;                 /* laying out a footnote's text */
    bool in_body;                 /* laying out the body (not the title block or the notes) */
    bool body_started;            /* the body has had a block */
    bool failed;                  /* an error was reported */
    GHashTable *furniture;        /* page.c: "text|x|width|align" -> lay_box* of the line */
    GHashTable *furniture_widths; /* page.c: "text|natural" -> double* */
} lay_ctx;

/* The text settings of a flow of blocks. */
typedef struct {
    const char *family;
    double size, leading;
    uint32_t color;
    bool justify;
    double left, right; /* content edges, text-block coordinates */
    bool numbered;      /* the body: headings get numbers and outline entries */
    const lay_tag *tag; /* the structure element the blocks go in, NULL: the page */
} lay_env;

/* ---- inline.c: inline nodes -> text with Pango attributes ---- */
typedef struct {
    unsigned start, end; /* byte range in text */
    const char *target;  /* URI or destination (arena) */
    bool internal;
} lay_span_link;

typedef struct {
    unsigned index; /* byte index of the reference's number in text */
    unsigned number;
    bool places; /* the first reference: its note goes on this line's page */
} lay_span_ref;

/* An image inside running text, standing on U+FFFC at index. */
typedef struct {
    unsigned index;
    lay_image *image; /* reference held */
    double w, h;      /* its size in points */
    double drop;      /* how far its bottom sits below the baseline */
    const char *alt;  /* arena */
} lay_span_image;

typedef struct {
    unsigned start, end;
} lay_range;

/* A DOC_TEXT node's text copied whole into text at [start, end). */
typedef struct {
    unsigned start, end;
    unsigned node;
} lay_src_span;

typedef struct {
    GString *text;
    GArray *src; /* lay_src_span, ascending: where text came from the source */
    PangoAttrList *attrs;
    GArray *links;  /* lay_span_link */
    GArray *refs;   /* lay_span_ref */
    GArray *images; /* lay_span_image */
    GArray *nohyph; /* lay_range: never hyphenated (code, note numbers, URLs, images) */
} lay_inline;

typedef struct {
    const char *family;
    double size;
    bool bold, italic;
    uint32_t color;
} lay_font;

void lay_inline_init(lay_inline *in);
void lay_inline_clear(lay_inline *in);
/* Appends the inline children of parent. */
void lay_inline_nodes(lay_ctx *c, lay_inline *in, const doc_node *parent, const lay_font *f);
/* Appends plain text with optional weight, style and colour over it. */
void lay_inline_text(lay_inline *in, const char *text, int bold, int italic, int64_t color);
/* Letter spacing over the whole text, in points. */
void lay_inline_tracking(lay_inline *in, double points);

/* ---- linebreak.c: a paragraph of inline text -> line boxes ---- */
typedef struct {
    lay_font font;
    double leading;
    double x, width; /* the measure */
    double indent;   /* first-line indent; negative: hanging */
    bool justify;
    PangoAlignment align;
    PangoWrapMode wrap;
    bool continuation;  /* mark lines that continue a wrapped paragraph (code) */
    bool ellipsize;     /* one line, cut with an ellipsis at width */
    bool hyphenate;     /* break words by the document's language */
    bool capitals;      /* words with capitals too (a table too wide otherwise) */
    const lay_tag *tag; /* the element the lines are content of */
} lay_para;

/* The baseline of a line of the given leading below the line's top: the
 * font's ascent and descent centred in the leading, or, when they are taller
 * than the leading (headings, notes), the ascent at the top, so no glyph
 * rises above its line. */
double lay_baseline(double leading, double ascent, double descent);
/* Breaks in into lines of p.width; returns the line boxes (lay_box*, caller
 * frees the array with its boxes: g_ptr_array_free(a, TRUE)). */
GPtrArray *lay_lines(lay_ctx *c, const lay_inline *in, const lay_para *p);
/* glyphs.c: warns about each character the set lines (lay_box*, as
 * lay_lines returns them) show no glyph for, once per character and
 * manuscript. Reads the lines as they are: no layout is redone. */
void lay_check_glyph_lines(const lay_ctx *c, const GPtrArray *lines);
/* The natural (unbroken) width and the widest unbreakable piece of in. */
void lay_measure(lay_ctx *c, const lay_inline *in, const lay_font *f, double *natural,
                 double *minimum);
/* The same, with words broken where the language allows (the pieces as wide as
 * the widest syllables and a hyphen). */
void lay_measure_hyphenated(lay_ctx *c, const lay_inline *in, const lay_font *f, bool capitals,
                            double *natural, double *minimum);

/* Helpers of linebreak.c that totalfit.c shares. */
/* A layout of in at p; whole: ranges where a break between letters shows no hyphen. */
PangoLayout *lay_make_layout(lay_ctx *c, const lay_inline *in, const lay_para *p,
                             const GArray *whole);
/* out = in with a soft hyphen before each of pts (ascending byte indices). */
void lay_with_hyphens(const lay_inline *in, const GArray *pts, lay_inline *out);
/* An index of in's text moved past the soft hyphens of pts inserted at or before it. */
unsigned lay_shifted(const GArray *pts, unsigned i);
/* The width of a line: its glyphs' advances, in Pango units. */
int lay_line_width(const PangoLayoutLine *line);
/* Appends the boxes of l's lines to lines: l laid out from in, which is orig
 * with the soft hyphens pts inserted (pts may be NULL) and the first from
 * bytes of that dropped. */
void lay_set_lines(lay_ctx *c, const lay_inline *in, const lay_para *p, PangoLayout *l,
                   GPtrArray *lines, const lay_inline *orig, const GArray *pts, unsigned from);
/* out = in[from, to): text, attributes, links, references and images moved back. */
void lay_inline_slice(const lay_inline *in, unsigned from, unsigned to, lay_inline *out);

/* ---- totalfit.c: a justified paragraph broken as a whole ---- */
/* Breaks in by total fit (knuth.c) and appends its line boxes to lines;
 * false (lines untouched) when the paragraph is not one total fit sets
 * (not justified, right-to-left, an overfull line in every pass): the
 * caller then breaks it first fit. */
bool lay_total_fit(lay_ctx *c, const lay_inline *in, const lay_para *p, GPtrArray *lines);

/* ---- knuth.c: total-fit line breaking (Knuth and Plass 1981) ---- */
typedef enum { KP_START, KP_GLUE, KP_PENALTY, KP_END } kp_kind;
/* A place where a line may end. x positions are in points along the
 * unbroken text of the paragraph. */
typedef struct {
    kp_kind kind;
    bool hyphen;               /* a hyphenation point (not tried in the first pass) */
    bool flagged;              /* a line ending here ends with a hyphen */
    bool last_word;            /* a hyphenation point in the last word: emergency pass only */
    int penalty;               /* the cost of breaking here */
    double end_x;              /* where a line ending here ends (before the word space) */
    double start_x;            /* where the line after it starts (after the word space) */
    double tail;               /* added to a line ending here: the hyphen, less what protrudes */
    double stretch, shrink;    /* KP_GLUE: the word space's */
    double end_ink, start_ink; /* the letters' stretch (tracking) up to end_x, start_x */
} kp_point;

typedef struct {
    double first, rest; /* line widths: the paragraph's first line, the others */
    double emergency;   /* stretch added to every line in the last pass */
    int pretolerance, tolerance, line_penalty;
    int double_hyphen, final_hyphen, adjacent, last_line;
    double last_line_min; /* share of the width below which a last line is too short */
    int max_run;          /* most hyphenated lines in a row */
} kp_params;

/* Chooses the breaks among pts[0..n) (pts[0] is KP_START, pts[n-1] KP_END):
 * second false runs the first pass (no hyphenation, the pretolerance), true
 * the second and the emergency pass. Fills chosen (size_t: the indices of
 * the points where lines end, the last being n-1); false when no pass found
 * breaks without an overfull line. */
bool kp_break_lines(const kp_point *pts, size_t n, const kp_params *kp, bool second,
                    GArray *chosen);

/* ---- hyphen.c: break points of words by language (libhyphen) ---- */
/* The dictionary for d's language, or NULL (hyphenation off in the style, or
 * no dictionary: then after one warning). Free with lay_hyph_free. */
lay_hyph *lay_hyph_load(const doc *d, const style *s, const lay_metrics *m);
void lay_hyph_free(lay_hyph *h);
/* Byte indices into in->text, ascending, before which a soft hyphen may go
 * (caller frees the array); empty when h is NULL. Appends to whole, unless
 * NULL, the ranges that must never show a hyphen even where they break
 * between letters (code, URLs, identifiers, note numbers). capitals: words
 * with capitals too, whatever the style says (a table's last resort). every:
 * all the points the patterns give (total fit), not only those
 * lay_metrics.hyph_spacing letters apart (first fit). */
GArray *lay_hyph_points(lay_hyph *h, const lay_inline *in, bool capitals, bool every,
                        GArray *whole);

/* ---- block.c ---- */
/* Lays out the blocks under root (its children) into b. */
void lay_blocks(lay_ctx *c, lay_builder *b, const doc_node *root, const lay_env *env);
/* Emits the lines of a paragraph with widow and orphan control. */
void lay_emit_lines(lay_ctx *c, lay_builder *b, GPtrArray *lines, bool keep_all);
/* The destination name of a node with an id, or of a heading without one. */
const char *lay_node_dest(lay_ctx *c, const doc_node *n);

/* ---- title.c, table.c, figure.c, image.c, terms.c ---- */
void lay_title_block(lay_ctx *c, lay_builder *b);
/* The table of contents (toc.c), when the front matter asks for one. */
void lay_toc(lay_ctx *c, lay_builder *b);
/* The lists of figures and tables (front matter lof, lot); lay_toc calls it. */
void lay_lists(lay_ctx *c, lay_builder *b);
void lay_table(lay_ctx *c, lay_builder *b, const doc_node *table, const lay_env *env);
void lay_figure(lay_ctx *c, lay_builder *b, const doc_node *figure, const lay_env *env);
/* Loads (once per run) the image of node n; NULL after an error diagnostic. */
lay_image *lay_image_load(lay_ctx *c, const doc_node *n);
/* A width= attribute in points (percentages of measure); false when it is not a length. */
bool lay_parse_width(const char *s, double measure, double *out);

/* "Figure 3:" / "Table 2:" before a caption (figure.c); caller frees. */
char *lay_caption_label(lay_ctx *c, const doc_node *n, term_id term, unsigned count);

/* ---- flow.c and page.c ---- */
/* A page's share of the vertical list, decided by flow.c. */
typedef struct {
    size_t start, end; /* body items [start, end) */
    size_t n_carried;  /* lay_note_part entries that continue notes of earlier pages */
    GArray *notes;     /* lay_note_part, in order */
} lay_page_plan;

typedef struct {
    unsigned number;
    size_t from, to; /* items [from, to) of the note's vlist on this page */
} lay_note_part;

/* What continues from one page to the next: decorations still open (in the
 * body and in the notes area) and the table header in force. */
typedef struct {
    GArray *decos;       /* lay_deco, outermost first */
    GArray *note_decos;  /* lay_deco */
    GPtrArray *heads;    /* lay_box*, borrowed from the vlist */
    const char *section; /* the level-1 heading in force, for the running head */
} lay_carry;

/* The page builder over the body's list v, which grows as the body is laid
 * out: lay_flow_feed makes every page whose end is already decided (final:
 * all the rest) and drops the items it has placed from the front of v. */
lay_flow *lay_flow_new(lay_ctx *c, GArray *v);
void lay_flow_feed(lay_flow *f, bool final);
void lay_flow_free(lay_flow *f);
/* Makes the vertical list of every placed note not yet made (layout.c). */
void lay_notes_catch_up(lay_ctx *c);
/* Height taken at the top of a page before its first item (padding of the
 * decorations that continue, the repeated header) and owed at its bottom. */
double lay_carry_top(const lay_carry *k);
double lay_carry_bottom(const lay_carry *k);
/* The height of items [from, to) of a list (boxes and glue). */
double lay_span_height(const GArray *v, size_t from, size_t to);
/* The height of items [from, to) of a note's list as composed on a page: with
 * the padding of the decorations that are reopened at from and closed at to. */
double lay_part_height(const GArray *v, size_t from, size_t to);
/* Appends number and the notes first referenced inside it (and inside those),
 * in order: the notes that go on the page together. */
void lay_note_closure(lay_ctx *c, unsigned number, GArray *out);
/* Composes the next page's frame from plan and hands it on (out->pages or the sink). */
void lay_page_compose(lay_ctx *c, GArray *v, const lay_page_plan *plan, lay_carry *k);

#endif
