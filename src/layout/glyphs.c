/* glyphs.c: characters the fonts cannot draw. Once a paragraph is set in
 * lines, any glyph Pango marked unknown (a character no font in fonts/ has)
 * is reported once per character and manuscript, named and placed:
 * "file:line:col: warning: no font has U+0916 DEVANAGARI LETTER KHA ...",
 * at the character's first place in the manuscript. */
#include "internal.h"

#include <uniname.h>

/* "file|codepoint" already reported; lives for the process so the layout's
 * repeated passes over the same paragraph report it once. */
static GHashTable *reported;

/* Where ch first stands in the manuscript: the first text node holding it,
 * moved on by the characters before it in that node's text. (The shaped
 * text may be a hyphenated copy whose offsets no longer match the source.) */
static doc_span source_of(const lay_ctx *c, gunichar ch)
{
    doc_span sp = {.file = c->d->path};
    for (guint i = 0; i < c->d->nodes->len; i++) {
        const doc_node *n = c->d->nodes->pdata[i];
        const char *at =
            n && n->kind == DOC_TEXT && n->text ? g_utf8_strchr(n->text, -1, ch) : NULL;
        if (!at)
            continue;
        sp = n->span;
        if (sp.line)
            sp.col += (unsigned)g_utf8_strlen(n->text, at - n->text);
        break;
    }
    return sp;
}

static void report(const lay_ctx *c, const char *text, unsigned idx)
{
    gunichar ch = g_utf8_get_char(text + idx);
    if (ch == 0xFFFC || g_unichar_iscntrl(ch)) /* images and controls are never drawn */
        return;
    doc_span sp = source_of(c, ch);
    const char *file = sp.file ? sp.file : c->d->path;
    char *key = g_strdup_printf("%s|%X", file, ch);
    if (!reported)
        reported = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (!g_hash_table_add(reported, key))
        return;
    char name[UNINAME_MAX] = "";
    if (!unicode_character_name(ch, name)) /* libunistring leaves out the Han ideographs */
        g_snprintf(name, sizeof name, "%s",
                   g_unichar_get_script(ch) == G_UNICODE_SCRIPT_HAN ? "CJK IDEOGRAPH"
                                                                    : "(unnamed)");
    char utf8[8] = {0};
    g_unichar_to_utf8(ch, utf8);
    diag_warning(file, sp.line, sp.col,
                 "no font has U+%04X %s ('%s'); it prints as a box: use another character or "
                 "add a font with it to fonts/",
                 ch, name, utf8);
}

void lay_check_glyph_lines(const lay_ctx *c, const GPtrArray *lines)
{
    for (guint i = 0; i < lines->len; i++) {
        const lay_box *box = lines->pdata[i];
        for (guint k = 0; k < box->items->len; k++) {
            const lay_item *it = &g_array_index(box->items, lay_item, k);
            if (it->kind != LAY_ITEM_TEXT || !it->line || !it->layout)
                continue;
            const char *text = pango_layout_get_text(it->layout);
            for (GSList *r = it->line->runs; r; r = r->next) {
                const PangoGlyphItem *run = r->data;
                for (int g = 0; g < run->glyphs->num_glyphs; g++)
                    if (run->glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
                        report(c, text,
                               (unsigned)(run->item->offset + run->glyphs->log_clusters[g]));
            }
        }
    }
}
