/* epub_plan.c: the plan of the EPUB, made before any file is written.
 *
 * 1. Files: the title page (with the abstract), then one content document per
 *    top-level level-1 heading; blocks before the first one get their own
 *    first file (EPUB 3.3 section 3.4: the spine orders content documents).
 * 2. One walk over the abstract and the sections, then over the footnote
 *    definitions as they get placed, collects: element ids (the source's,
 *    made unique and URL-safe, else generated), heading numbers and the
 *    outline, which file each note's definition ends (where its first
 *    reference falls), images, and the characters each font face sets.
 * 3. Headings without an id get sec-N.
 * Links and cross-references then resolve through `targets` to the right file. */
#include "epub.h"

#include <string.h>

/* Heading levels 1..6, as in HTML. */
#define HEADING_LEVELS 6

/* The state of the walk over one tree (abstract, section or note). */
typedef struct {
    epub_plan *p;
    unsigned file;
    bool main_text; /* sections: headings are numbered and listed */
    GArray *queue;  /* note numbers placed so far, in order */
    int heading, caption, table, header_row, emph, strong; /* nesting depths */
    unsigned id_counter;                                   /* last N of generated id-N */
    int numbers[HEADING_LEVELS];                           /* section number counters */
    bool ok;
} walk;

epub_plan *epub_plan_new(const doc *d, const style *s)
{
    epub_plan *p = g_new0(epub_plan, 1);
    p->d = d;
    p->s = s;
    p->a = arena_new();
    p->files = g_ptr_array_new();
    p->headings = g_array_new(FALSE, TRUE, sizeof(epub_heading));
    p->targets = g_hash_table_new(g_str_hash, g_str_equal);
    p->used_ids = g_hash_table_new(g_str_hash, g_str_equal);
    p->n_nodes = d->nodes ? d->nodes->len : 0;
    p->node_id = ARENA_ARRAY(p->a, const char *, p->n_nodes + 1);
    p->node_number = ARENA_ARRAY(p->a, const char *, p->n_nodes + 1);
    p->node_image = ARENA_ARRAY(p->a, const epub_image *, p->n_nodes + 1);
    p->note_file = ARENA_ARRAY(p->a, unsigned, d->n_notes + 1);
    p->note_ref_id = ARENA_ARRAY(p->a, const char *, d->n_notes + 1);
    for (size_t i = 0; i <= d->n_notes; i++)
        p->note_file[i] = EPUB_NO_FILE;
    p->images = g_ptr_array_new();
    p->image_by_path = g_hash_table_new(g_str_hash, g_str_equal);
    for (int f = 0; f < EPUB_FAMILY_COUNT; f++)
        p->chars[f] = hb_set_create();
    p->fonts = g_ptr_array_new();
    p->prefix = "";
    p->first_page = d->first_page ? d->first_page : 1;
    return p;
}

void epub_plan_free(epub_plan *p)
{
    if (!p)
        return;
    for (guint i = 0; i < p->files->len; i++) {
        epub_file *f = p->files->pdata[i];
        if (f->notes)
            g_array_free(f->notes, TRUE);
    }
    g_ptr_array_free(p->files, TRUE);
    g_array_free(p->headings, TRUE);
    g_hash_table_destroy(p->targets);
    g_hash_table_destroy(p->used_ids);
    if (p->page_marks)
        g_hash_table_destroy(p->page_marks);
    for (guint i = 0; i < p->images->len; i++)
        g_free(((epub_image *)p->images->pdata[i])->data);
    g_ptr_array_free(p->images, TRUE);
    g_hash_table_destroy(p->image_by_path);
    for (int f = 0; f < EPUB_FAMILY_COUNT; f++)
        hb_set_destroy(p->chars[f]);
    for (guint i = 0; i < p->fonts->len; i++)
        g_bytes_unref(((epub_font *)p->fonts->pdata[i])->data);
    g_ptr_array_free(p->fonts, TRUE);
    if (p->cover)
        g_bytes_unref(p->cover);
    arena_free(p->a);
    g_free(p);
}

const char *epub_node_id(const epub_plan *p, const doc_node *n)
{
    return n->id < p->n_nodes ? p->node_id[n->id] : NULL;
}

const epub_target *epub_target_lookup(const epub_plan *p, const char *source_id)
{
    return source_id ? g_hash_table_lookup(p->targets, source_id) : NULL;
}

const char *epub_href(const epub_plan *p, unsigned from, unsigned to, const char *id)
{
    /* Ids are letters, digits and -_.: (see id_is_safe), so they need no escaping
     * except non-ASCII letters, which IRIs allow as they are. */
    if (from == to && id)
        return arena_printf(p->a, "#%s", id);
    if (to == EPUB_FILE_NAV)
        return id ? arena_printf(p->a, "%s#%s", EPUB_NAV, id) : EPUB_NAV;
    const epub_file *f = p->files->pdata[to];
    return id ? arena_printf(p->a, "%s#%s", f->href, id) : f->href;
}

void epub_plan_use_text(epub_plan *p, epub_family family, bool bold, bool italic, const char *text)
{
    if (!text)
        return;
    p->face_used[EPUB_FACE(family, bold, italic)] = true;
    for (const char *s = text; *s; s = g_utf8_next_char(s))
        hb_set_add(p->chars[family], g_utf8_get_char(s));
}

/* ---- files ------------------------------------------------------------------- */

static epub_file *add_file(epub_plan *p, const char *href, const char *manifest_id)
{
    epub_file *f = ARENA_NEW(p->a, epub_file);
    f->href = href;
    f->manifest_id = manifest_id;
    f->notes = g_array_new(FALSE, FALSE, sizeof(unsigned));
    g_ptr_array_add(p->files, f);
    return f;
}

static bool is_section_start(const doc_node *n)
{
    return n->kind == DOC_HEADING && n->u.heading.level == 1;
}

/* The title page, then a file per level-1 section of the top level. */
static void split_files(epub_plan *p)
{
    epub_file *title = add_file(p, arena_printf(p->a, "%s%s", p->prefix, EPUB_TITLE_PAGE),
                                arena_printf(p->a, "%stitlepage", p->prefix));
    title->title = (char *)p->title;
    epub_file *cur = NULL;
    unsigned n = 0;
    for (doc_node *c = p->d->root ? p->d->root->first : NULL; c; c = c->next) {
        if (!cur || is_section_start(c)) {
            n++;
            cur = add_file(p, arena_printf(p->a, "%ssection-%02u.xhtml", p->prefix, n),
                           arena_printf(p->a, "%ssection-%02u", p->prefix, n));
            cur->first = c;
            char *t = is_section_start(c) ? doc_plain_text(c) : NULL;
            cur->title = arena_strdup(p->a, t && *g_strstrip(t) ? t : p->title);
            g_free(t);
        }
        cur->last = c;
    }
}

/* ---- ids ----------------------------------------------------------------------- */

/* Ids written as they are: letters, digits and -_.: only, so they are valid in
 * XHTML, and in URLs without escaping. */
static bool id_is_safe(const char *id)
{
    if (!*id || !g_utf8_validate(id, -1, NULL))
        return false;
    for (const char *s = id; *s; s = g_utf8_next_char(s)) {
        gunichar c = g_utf8_get_char(s);
        if (!(c < 0x80 ? g_ascii_isalnum((char)c) || strchr("-_.:", (char)c)
                       : g_unichar_isalnum(c)))
            return false;
    }
    return true;
}

static void use_id(epub_plan *p, const char *id)
{
    g_hash_table_add(p->used_ids, (gpointer)id);
}

/* "prefix-N" for the first N from *counter on that no element has yet. */
static const char *fresh_id(epub_plan *p, const char *prefix, unsigned *counter)
{
    for (;;) {
        const char *id = arena_printf(p->a, "%s-%u", prefix, ++*counter);
        if (!g_hash_table_contains(p->used_ids, id)) {
            use_id(p, id);
            return id;
        }
    }
}

/* True for the kinds whose element xhtml.c writes with its id (start_with_id
 * there); an id on any other node would be a link to nowhere. */
static bool kind_keeps_id(doc_kind kind)
{
    switch (kind) {
    case DOC_PARAGRAPH: /* only resolved ones carry attributes: bibliography entries */
    case DOC_SPAN:
    case DOC_HEADING:
    case DOC_BLOCKQUOTE:
    case DOC_LIST:
    case DOC_ITEM:
    case DOC_CODE_BLOCK:
    case DOC_TABLE:
    case DOC_FIGURE:
    case DOC_CAPTION:
    case DOC_DIV:
    case DOC_EMPH:
    case DOC_STRONG:
    case DOC_STRIKE:
    case DOC_LINK:
    case DOC_IMAGE:
        return true;
    default:
        return false;
    }
}

/* Registers the {#id} of n: the first node with an id owns it; an unsafe or
 * taken id is written as a generated one, and links still reach it. */
static void register_source_id(walk *w, const doc_node *n)
{
    epub_plan *p = w->p;
    if (!n->attr || !n->attr->id || !*n->attr->id || n->id >= p->n_nodes || !kind_keeps_id(n->kind))
        return;
    /* A figure shares its image's attributes: the id goes on the figure. */
    if (n->parent && n->parent->attr == n->attr)
        return;
    const char *src = n->attr->id;
    if (g_hash_table_contains(p->targets, src)) {
        diag_warning(n->span.file, n->span.line, n->span.col,
                     "id '%s' is used twice; links go to the first", src);
        return;
    }
    const char *id = src;
    if (!id_is_safe(src) || g_hash_table_contains(p->used_ids, src))
        id = fresh_id(p, "id", &w->id_counter);
    else
        use_id(p, id);
    epub_target *t = ARENA_NEW(p->a, epub_target);
    t->file = w->file;
    t->id = id;
    g_hash_table_insert(p->targets, (gpointer)src, t);
    p->node_id[n->id] = id;
}

/* ---- the walk ------------------------------------------------------------------ */

/* True for a heading that is a section heading: only divs between it and the
 * root, and none of them a box (a sidebar's headings are not in the outline). */
static bool heading_is_section(const doc_node *n)
{
    for (const doc_node *a = n->parent; a; a = a->parent) {
        if (a->kind == DOC_DOCUMENT)
            return true;
        if (a->kind != DOC_DIV || doc_attr_has_class(a, "box"))
            return false;
    }
    return false;
}

static void plan_heading(walk *w, doc_node *n, bool entering)
{
    epub_plan *p = w->p;
    w->heading += entering ? 1 : -1;
    if (!entering)
        return;
    int *counters = w->numbers;
    int level = CLAMP(n->u.heading.level, 1, HEADING_LEVELS);
    bool section = w->main_text && heading_is_section(n);
    const char *number = NULL;
    if (section && p->s->heading_numbers && !doc_attr_has_class(n, "unnumbered")) {
        counters[level - 1]++;
        for (int i = level; i < HEADING_LEVELS; i++)
            counters[i] = 0;
        GString *num = g_string_new(NULL);
        for (int i = 0; i < level; i++)
            g_string_append_printf(num, i ? ".%d" : "%d", counters[i]);
        number = arena_strdup(p->a, num->str);
        g_string_free(num, TRUE);
        if (n->id < p->n_nodes)
            p->node_number[n->id] = number;
        epub_plan_use_text(p, EPUB_HEADING, true, false, number);
    }
    register_source_id(w, n);
    if (!section)
        return;
    epub_heading h = {0};
    h.node = n;
    h.level = level;
    h.id = epub_node_id(p, n); /* NULL: given sec-N after the walk */
    h.number = number;
    /* The outline needs a text even for an empty heading. */
    char *text = g_strstrip(doc_plain_text(n));
    if (*text)
        h.text = arena_strdup(p->a, text);
    else if (number)
        h.text = (char *)number;
    else
        h.text =
            arena_printf(p->a, "%s %u", term_text(p->lang, TERM_SECTION), p->headings->len + 1);
    g_free(text);
    h.file = w->file;
    h.listed = !doc_attr_has_class(n, "unlisted");
    epub_plan_use_text(p, EPUB_BODY, false, false, h.text); /* the nav sets it in body type */
    g_array_append_val(p->headings, h);
}

/* Places note `number` in the walk's file at its first reference, and gives
 * every reference its id (fnref-N, then fnref-N-2 ...). */
static void plan_noteref(walk *w, const doc_node *n)
{
    epub_plan *p = w->p;
    unsigned k = n->u.noteref.number;
    if (k < 1 || k > p->d->n_notes || !p->d->notes[k - 1] || n->id >= p->n_nodes)
        return;
    if (p->note_file[k] == EPUB_NO_FILE) {
        p->note_file[k] = w->file;
        epub_file *f = p->files->pdata[w->file];
        g_array_append_val(f->notes, k);
        g_array_append_val(w->queue, k);
        p->note_ref_id[k] = arena_printf(p->a, "fnref-%u", k);
        /* the back link's number (css.c: a.fn-back) */
        epub_plan_use_text(p, EPUB_BODY, true, false, p->note_ref_id[k] + strlen("fnref-"));
        p->node_id[n->id] = p->note_ref_id[k];
    } else {
        unsigned counter = 1;
        p->node_id[n->id] = fresh_id(p, arena_printf(p->a, "fnref-%u", k), &counter);
    }
}

/* The face a text leaf is set in, following the rules of css.c. */
static void plan_text(walk *w, const doc_node *n, const char *text)
{
    bool code = n->kind == DOC_CODE || n->kind == DOC_CODE_BLOCK;
    epub_family fam = code                                     ? EPUB_MONO
                      : (w->heading || w->caption || w->table) ? EPUB_HEADING
                                                               : EPUB_BODY;
    bool bold = w->strong > 0 || w->heading > 0 || w->header_row > 0;
    epub_plan_use_text(w->p, fam, bold, w->emph > 0, text);
}

static void plan_image(walk *w, doc_node *n)
{
    epub_plan *p = w->p;
    char *alt = g_strstrip(g_strdup(n->text ? n->text : ""));
    if (!*alt)
        p->images_lack_alt = true;
    g_free(alt);
    bool ok;
    const epub_image *img = epub_image_load(p, n, &ok);
    if (!ok)
        w->ok = false;
    if (n->id < p->n_nodes)
        p->node_image[n->id] = img;
    if (!img) /* shown as its description */
        plan_text(w, n, n->text);
}

static void plan_node(walk *w, doc_iter *it, doc_event ev)
{
    doc_node *n = it->node;
    bool entering = ev == DOC_EVENT_ENTER;
    int step = entering ? 1 : -1;
    switch (n->kind) {
    case DOC_HEADING:
        plan_heading(w, n, entering);
        break;
    case DOC_CAPTION:
        w->caption += step;
        break;
    case DOC_TABLE:
        w->table += step;
        if (entering)
            register_source_id(w, n);
        break;
    case DOC_TABLE_ROW:
        if (n->u.row.header)
            w->header_row += step;
        break;
    case DOC_EMPH:
        w->emph += step;
        break;
    case DOC_STRONG:
        w->strong += step;
        break;
    case DOC_TEXT:
    case DOC_CODE:
    case DOC_CODE_BLOCK:
        plan_text(w, n, n->text);
        break;
    case DOC_CITE:
        plan_text(w, n, n->u.cite.source);
        break;
    case DOC_XREF:
        plan_text(w, n, n->u.xref.source);
        break;
    case DOC_FOOTNOTE_REF:
        plan_noteref(w, n);
        break;
    case DOC_IMAGE:
        plan_image(w, n);
        register_source_id(w, n);
        break;
    case DOC_FOOTNOTE_DEF:
        /* reached only as the root of a note's walk */
        break;
    default:
        if (entering)
            register_source_id(w, n);
        break;
    }
}

static void walk_tree(walk *w, doc_node *root)
{
    doc_iter it = doc_iter_start(root);
    doc_event ev;
    while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE)
        plan_node(w, &it, ev);
}

/* Everything the title page and the nav document set in type themselves. */
static void plan_furniture_text(epub_plan *p)
{
    const doc_meta *m = &p->d->meta;
    epub_plan_use_text(p, EPUB_HEADING, true, false, p->title);
    epub_plan_use_text(p, EPUB_HEADING, false, false, m->subtitle);
    epub_plan_use_text(p, EPUB_HEADING, false, false, m->series);
    if (m->series) { /* css.c sets it in capitals */
        char *up = g_utf8_strup(m->series, -1);
        epub_plan_use_text(p, EPUB_HEADING, false, false, up);
        g_free(up);
    }
    epub_plan_use_text(p, EPUB_HEADING, false, false, "\u00b7"); /* series separator */
    epub_plan_use_text(p, EPUB_HEADING, false, false, m->number);
    epub_plan_use_text(p, EPUB_HEADING, false, false, p->date_shown);
    for (size_t i = 0; i < m->n_authors; i++) {
        epub_plan_use_text(p, EPUB_HEADING, false, false, m->authors[i].name);
        epub_plan_use_text(p, EPUB_HEADING, false, false, m->authors[i].affiliation);
    }
    epub_plan_use_text(p, EPUB_HEADING, true, false, term_text(p->lang, TERM_CONTENTS));
    if (m->abstract)
        epub_plan_use_text(p, EPUB_HEADING, true, false, term_text(p->lang, TERM_ABSTRACT));
    /* Numbers, list markers and punctuation a reader may set itself. */
    for (int f = 0; f < EPUB_FAMILY_COUNT; f++)
        hb_set_add_range(p->chars[f], 0x20, 0x7e);
    hb_set_add(p->chars[EPUB_BODY], 0x2022); /* bullet */
    hb_set_add(p->chars[EPUB_BODY], 0x25E6); /* white bullet */
    hb_set_add(p->chars[EPUB_BODY], 0x25AA); /* small square */
    /* A book without headings lists its files in the nav (epub_nav.c). */
    epub_plan_use_text(p, EPUB_BODY, false, false, term_text(p->lang, TERM_TITLE_PAGE));
    for (guint i = 0; i < p->files->len; i++)
        epub_plan_use_text(p, EPUB_BODY, false, false,
                           ((const epub_file *)p->files->pdata[i])->title);
}

bool epub_plan_build(epub_plan *p)
{
    epub_meta_build(p);
    split_files(p);
    plan_furniture_text(p);

    /* Note ids are fixed (fn-N, fnref-N), and so are page markers (page-N),
     * so they are taken before any other. */
    for (size_t k = 1; k <= p->d->n_notes; k++) {
        use_id(p, arena_printf(p->a, "fn-%zu", k));
        use_id(p, arena_printf(p->a, "fnref-%zu", k));
    }
    for (size_t k = 0; k < p->d->n_pages; k++)
        use_id(p, arena_printf(p->a, "page-%zu", k + p->first_page));

    walk w = {0};
    w.p = p;
    w.queue = g_array_new(FALSE, FALSE, sizeof(unsigned));
    w.ok = true;
    if (p->d->meta.abstract) {
        w.file = EPUB_FILE_TITLE;
        walk_tree(&w, p->d->meta.abstract);
    }
    w.main_text = true;
    for (guint i = 1; i < p->files->len; i++) {
        epub_file *f = p->files->pdata[i];
        w.file = i;
        for (doc_node *c = f->first; c; c = c->next) {
            walk_tree(&w, c);
            if (c == f->last)
                break;
        }
    }
    /* Notes, as they were placed; a note may refer to further notes. */
    w.main_text = false;
    for (guint i = 0; i < w.queue->len; i++) {
        unsigned k = g_array_index(w.queue, unsigned, i);
        doc_node *def = p->d->notes[k - 1];
        w.file = p->note_file[k];
        if (def->id < p->n_nodes)
            p->node_id[def->id] = arena_printf(p->a, "fn-%u", k);
        walk_tree(&w, def);
    }
    g_array_free(w.queue, TRUE);

    unsigned counter = 0;
    for (guint i = 0; i < p->headings->len; i++) {
        epub_heading *h = &g_array_index(p->headings, epub_heading, i);
        if (!h->id) {
            h->id = fresh_id(p, "sec", &counter);
            if (h->node->id < p->n_nodes)
                p->node_id[h->node->id] = h->id;
        }
    }
    /* Numbered figures and tables without a label of their own get one, so
     * the lists of figures and tables link to them. */
    unsigned figures = 0, tables = 0;
    for (guint i = 0; p->d->nodes && i < p->d->nodes->len; i++) {
        const doc_node *n = p->d->nodes->pdata[i];
        if (!n || n->id >= p->n_nodes || p->node_id[n->id])
            continue;
        if (doc_numbered_caption(p->d, n, DOC_FIGURE))
            p->node_id[n->id] = fresh_id(p, "figure", &figures);
        else if (doc_numbered_caption(p->d, n, DOC_TABLE))
            p->node_id[n->id] = fresh_id(p, "table", &tables);
    }
    /* Headings outside the outline (in quotes, lists, notes) keep only a source id. */
    epub_pages_plan(p);
    return w.ok;
}
