/* metrics.c: every dimension of the layout, derived once from the house style.
 *
 * The style declares the designer's parameters (sizes, margins, spacing,
 * colours). What the layout needs beyond them is derived here from those
 * parameters by the ratios below, so the whole page scales with the style and
 * no other layout file holds a bare number. */
#include "internal.h"

/* Leading of the smaller text settings, as multiples of their sizes: notes,
 * tables and captions are set a little tighter than body text. */
#define HEADING_LEADING 1.22
#define SMALL_LEADING 1.30
#define CODE_LEADING 1.38
/* Spacing ratios against the body paragraph spacing or the body size. */
#define FLOAT_SPACE 2.0     /* tables and figures: x paragraph spacing */
#define ITEM_SPACE 0.25     /* tight list items: x paragraph spacing */
#define MARKER_GAP 0.45     /* x body size */
#define CODE_PAD 0.6        /* x body size */
#define BOX_PAD 1.0         /* x body size */
#define BAR_GAP 0.8         /* x body size, from the quote bar to the text */
#define CELL_PAD_X 0.45     /* x table size */
#define CELL_PAD_Y 0.3      /* x table size */
#define CAPTION_GAP 0.5     /* x caption size */
#define NOTE_INDENT 1.6     /* x note size */
#define NOTE_GAP 0.25       /* x note size */
#define NOTE_SEP 0.9        /* x body leading, above the note rule */
#define NOTE_SEP_BELOW 0.45 /* x body leading, below it */
#define NOTE_RULE 0.3       /* x text width */
/* Furniture sits in the margins: the running head's baseline this many
 * furniture sizes above the text block, its rule just under it; the folio's
 * baseline this many furniture sizes below the text block. */
#define HEAD_ABOVE 2.6
#define HEAD_RULE_BELOW 0.6
#define FOLIO_BELOW 3.2
#define HEAD_GAP 3.0 /* x furniture size, between the head's two parts */
/* Nested lists and quotes stop indenting when the measure would fall below
 * this share of the text width, so deep nesting never squeezes text to nothing. */
#define MIN_WIDTH 0.4
/* A thematic break is a centred rule this share of the text width; a task
 * item's square is this share of the body size; wrapped code lines continue
 * this many code sizes in, after a mark. */
#define BREAK_WIDTH 0.2
#define TASK_SIZE 0.62
#define HANG 1.6
/* Title block sizes as multiples of the body size and title size. */
#define SERIES_SIZE 0.85  /* x body size */
#define SUBTITLE_SIZE 0.6 /* x title size */
#define AUTHOR_SIZE 1.0   /* x body size */
#define TITLE_GAP 0.8     /* x body leading */
/* Images may take this share of the text block's height (the rest is for the
 * caption); table rows taller than this share are cut between lines. */
#define IMAGE_MAX_HEIGHT 0.8
#define ROW_SPLIT 0.5
/* Stroke widths in points: heavy for table top and bottom rules, light for
 * the rule under a table header and the note rule, hairlines between rows. */
#define RULE_HEAVY 0.8
#define RULE_LIGHT 0.5
#define RULE_HAIR 0.25
#define BAR_WEIGHT 1.5 /* block quote bar */
/* A paragraph breaks across pages only with this many lines on each side. */
#define ORPHANS 2
#define WIDOWS 2
/* A table whose columns do not fit even with every word on its own line gets
 * smaller text, in steps of this share of the table size, down to this share
 * (9pt tables go down to 6.3pt; below that words break between letters). */
#define TABLE_MIN_SCALE 0.7
#define TABLE_SCALE_STEP 0.05
/* Hyphenation: words of at least 5 letters, broken with at least 2 letters
 * before the hyphen and 3 after (TeX's \lefthyphenmin and \righthyphenmin
 * for English), and never more than 2 lines in a row ending in a hyphen. A
 * paragraph is broken again at most this many times to honour that. */
#define HYPH_MIN_WORD 5
#define HYPH_LEFT 2
#define HYPH_RIGHT 3
#define HYPH_RUN 2
#define HYPH_RETRIES 16
/* Break points kept in a word are at least this many letters apart in first
 * fit (hy-phen-ation, not hy-phen-a-tion): Pango measures each break it
 * could take near the end of a line by shaping the line again, so close
 * points cost time and buy almost nothing. Total fit weighs every point at
 * almost no cost and keeps them all. */
#define HYPH_SPACING 3
/* Smallest text block accepted from a style, so absurd margins still give pages. */
#define MIN_TEXT 72.0

void lay_metrics_init(lay_metrics *m, const style *s)
{
    m->text_width = MAX(MIN_TEXT, s->page_width - s->margin_inner - s->margin_outer);
    m->body_height = MAX(MIN_TEXT, s->page_height - s->margin_top - s->margin_bottom);
    m->body_leading = s->body_size * s->line_height;
    m->heading_leading = HEADING_LEADING;
    m->note_leading = s->note_size * SMALL_LEADING;
    m->table_leading = s->table_size * SMALL_LEADING;
    m->code_leading = s->code_size * CODE_LEADING;
    m->caption_leading = s->caption_size * SMALL_LEADING;
    m->furniture_leading = s->furniture_size * SMALL_LEADING;
    m->block_space = s->paragraph_spacing;
    m->float_space = s->paragraph_spacing * FLOAT_SPACE;
    m->item_space = s->paragraph_spacing * ITEM_SPACE;
    m->marker_gap = s->body_size * MARKER_GAP;
    m->code_pad = s->body_size * CODE_PAD;
    m->box_pad = s->body_size * BOX_PAD;
    m->bar_weight = BAR_WEIGHT;
    m->bar_gap = s->body_size * BAR_GAP;
    m->rule_heavy = RULE_HEAVY;
    m->rule_light = RULE_LIGHT;
    m->rule_hair = RULE_HAIR;
    m->cell_pad_x = s->table_size * CELL_PAD_X;
    m->cell_pad_y = s->table_size * CELL_PAD_Y;
    m->caption_gap = s->caption_size * CAPTION_GAP;
    m->note_indent = s->note_size * NOTE_INDENT;
    m->note_gap = s->note_size * NOTE_GAP;
    m->note_sep_above = m->body_leading * NOTE_SEP;
    m->note_sep_below = m->body_leading * NOTE_SEP_BELOW;
    m->note_rule_width = m->text_width * NOTE_RULE;
    m->head_baseline = s->margin_top - s->furniture_size * HEAD_ABOVE;
    m->head_rule = m->head_baseline + s->furniture_size * HEAD_RULE_BELOW;
    m->head_gap = s->furniture_size * HEAD_GAP;
    m->folio_baseline = s->page_height - s->margin_bottom + s->furniture_size * FOLIO_BELOW;
    m->min_width = m->text_width * MIN_WIDTH;
    m->break_width = m->text_width * BREAK_WIDTH;
    m->task_size = s->body_size * TASK_SIZE;
    m->hang = s->code_size * HANG;
    m->series_size = s->body_size * SERIES_SIZE;
    m->subtitle_size = s->title_size * SUBTITLE_SIZE;
    m->author_size = s->body_size * AUTHOR_SIZE;
    m->title_gap = m->body_leading * TITLE_GAP;
    m->image_max_height = m->body_height * IMAGE_MAX_HEIGHT;
    m->row_split = m->body_height * ROW_SPLIT;
    m->table_min_scale = TABLE_MIN_SCALE;
    m->table_scale_step = TABLE_SCALE_STEP;
    m->orphans = ORPHANS;
    m->widows = WIDOWS;
    m->hyph_min_word = HYPH_MIN_WORD;
    m->hyph_left = HYPH_LEFT;
    m->hyph_right = HYPH_RIGHT;
    m->hyph_run = HYPH_RUN;
    m->hyph_retries = HYPH_RETRIES;
    m->hyph_spacing = HYPH_SPACING;
}
