/* pack.c: the pack driver. It reads the manifest and the publications,
 * numbers the pages through the pack, lays every document out once more
 * with its final numbers, then writes the PDF (pages, or print sheets) and
 * the EPUB.
 *
 * The PDF's pages: 1 the cover, 2 blank, 3.. the front matter, then each
 * publication from the next odd page (a blank verso before it when needed);
 * blanks carry no number. The contents page names the publications' first
 * pages, and its length could in principle change with them: the front
 * matter is laid out first with placeholder numbers as wide as real ones,
 * and the whole is laid out again (at most FRONT_PASSES times) if its page
 * count changed. */
#include "pack.h"

#include <errno.h>
#include <string.h>

#include "../build.h"
#include "../build_int.h"
#include "../emit/emit.h"
#include "../parse/parse.h"
#include "../resolve/resolve.h"
#include "front.h"
#include "pack_pdf.h"

#define FRONT_PASSES 3
#define COVER_BAND 0.14 /* the cover's accent band, as a fraction of the page height */

/* Takes the folio off a laid-out cover (the last text lines, below the text
 * block) and puts a band of the accent colour across its foot, to the edges
 * of the page (and into the bleed, when there is one). */
static void dress_cover(lay_frame *f, const style *s)
{
    while (f->items->len) {
        lay_item *it = &g_array_index(f->items, lay_item, f->items->len - 1);
        if (it->kind != LAY_ITEM_TEXT || it->y < f->height - s->margin_bottom)
            break;
        lay_item_clear(it);
        g_array_set_size(f->items, f->items->len - 1);
    }
    lay_item band = {.kind = LAY_ITEM_RECT,
                     .x = 0,
                     .y = f->height * (1 - COVER_BAND),
                     .w = f->width,
                     .h = f->height * COVER_BAND,
                     .color = s->accent_color};
    g_array_prepend_val(f->items, band);
}

lay_frame *pack_cover_frame(const pack_manifest *m, const style *s, lay_doc **owner)
{
    doc *d = front_cover_doc(m);
    lay_doc *ld = lay_layout(d, s);
    doc_free(d);
    *owner = ld;
    if (!ld || ld->pages->len == 0)
        return NULL;
    lay_frame *f = g_ptr_array_steal_index(ld->pages, 0);
    dress_cover(f, s);
    return f;
}

/* A blank page (nothing drawn, no number). */
static lay_frame *blank_page(const style *s)
{
    lay_frame *f = g_new0(lay_frame, 1);
    f->width = s->page_width;
    f->height = s->page_height;
    f->items = g_array_new(FALSE, FALSE, sizeof(lay_item));
    return f;
}

/* Everything a pack run holds. */
typedef struct {
    const pack_opts *o;
    style s;
    pack_manifest *m;
    doc **pubs;
    size_t n;
    doc *front;
    lay_doc *cover_ld, *front_ld, **pub_ld;
    lay_frame *cover;
    unsigned *starts;     /* each publication's first page */
    unsigned *blanks;     /* blank pages before each publication (0 or 1) */
    foreign_docs *others; /* for page references into other manuscripts */
} run;

static bool read_publications(run *r)
{
    r->pubs = g_new0(doc *, r->m->n_manuscripts);
    for (size_t i = 0; i < r->m->n_manuscripts; i++) {
        doc *d = doc_new(r->m->manuscripts[i]);
        r->pubs[r->n++] = d;
        res_options ro = {0};
        deps_record(d->path);
        if (!parse_manuscript(d) || !res_xrefs(d, r->s.heading_numbers) || !res_citations(d, &ro))
            return false;
    }
    return true;
}

/* The front matter laid out without its title block (the cover shows it;
 * the EPUB's title page keeps it). */
static lay_doc *layout_front(doc *d, const style *s)
{
    doc_meta keep = d->meta;
    d->meta.title = d->meta.subtitle = d->meta.date = d->meta.series = NULL;
    d->meta.n_authors = 0;
    lay_doc *ld = lay_layout(d, s);
    d->meta = keep;
    return ld;
}

static void free_layouts(run *r)
{
    lay_doc_free(r->front_ld);
    r->front_ld = NULL;
    for (size_t i = 0; i < r->n; i++) {
        lay_doc_free(r->pub_ld[i]);
        r->pub_ld[i] = NULL;
    }
}

/* Numbers the pages and lays everything out with its final numbers. */
static bool lay_out(run *r)
{
    r->pub_ld = g_new0(lay_doc *, r->n);
    r->starts = g_new0(unsigned, r->n);
    r->blanks = g_new0(unsigned, r->n);
    r->cover = pack_cover_frame(r->m, &r->s, &r->cover_ld);
    if (!r->cover)
        return false;
    bool numbers_known = false;
    for (int pass = 0; pass < FRONT_PASSES; pass++) {
        doc_free(r->front);
        r->front = front_matter_doc(r->m, r->pubs, r->n, numbers_known ? r->starts : NULL);
        if (!r->front)
            return false;
        r->front->first_page = 3;
        r->front_ld = layout_front(r->front, &r->s);
        if (!r->front_ld)
            return false;
        unsigned front_pages = r->front_ld->pages->len;
        unsigned next = 3 + front_pages;
        bool same = numbers_known;
        for (size_t i = 0; i < r->n; i++) {
            unsigned start = next | 1;
            r->blanks[i] = start - next;
            same = same && start == r->starts[i];
            r->starts[i] = start;
            if (!same || !r->pub_ld[i]) {
                doc *d = r->pubs[i];
                lay_doc_free(r->pub_ld[i]);
                d->first_page = start;
                if (!build_settle_pages(d, &r->s, r->others, NULL) ||
                    !(r->pub_ld[i] = lay_layout(d, &r->s)))
                    return false;
            }
            next = start + r->pub_ld[i]->pages->len;
        }
        if (same)
            return true;
        numbers_known = true;
        lay_doc_free(r->front_ld);
        r->front_ld = NULL;
    }
    diag_warning(r->m->path, 0, 0, "the contents' page numbers still changed after %d passes",
                 FRONT_PASSES);
    doc_free(r->front);
    r->front = front_matter_doc(r->m, r->pubs, r->n, r->starts);
    return r->front && (r->front->first_page = 3, r->front_ld = layout_front(r->front, &r->s));
}

/* The prefix of document k's destination names: "" for the front matter
 * (k = 0), "partK/" for publication K. */
static const char *doc_prefix(run *r, size_t k)
{
    return k ? arena_printf(r->m->a, "part%zu/", k) : "";
}

/* The pack's pages in order (blank versos included); their frames stay
 * owned by the layouts (and r->cover), the blanks by blanks_out. */
static GPtrArray *page_list(run *r, GPtrArray *blanks_out, GPtrArray *prefixes)
{
    GPtrArray *pages = g_ptr_array_new();
    g_ptr_array_add(pages, r->cover);
    g_ptr_array_add(prefixes, (gpointer) "");
    lay_frame *b = blank_page(&r->s);
    g_ptr_array_add(blanks_out, b);
    g_ptr_array_add(pages, b);
    g_ptr_array_add(prefixes, (gpointer) "");
    for (size_t k = 0; k <= r->n; k++) {
        lay_doc *ld = k ? r->pub_ld[k - 1] : r->front_ld;
        const char *prefix = doc_prefix(r, k);
        if (k && r->blanks[k - 1]) {
            b = blank_page(&r->s);
            g_ptr_array_add(blanks_out, b);
            g_ptr_array_add(pages, b);
            g_ptr_array_add(prefixes, (gpointer) "");
        }
        for (guint i = 0; i < ld->pages->len; i++) {
            g_ptr_array_add(pages, ld->pages->pdata[i]);
            g_ptr_array_add(prefixes, (gpointer)prefix);
        }
    }
    for (guint i = 0; i < pages->len; i++) /* the blanks' numbers */
        ((lay_frame *)pages->pdata[i])->number = i + 1;
    return pages;
}

/* Gives document d the print page map of layout ld, after `blanks` blank
 * pages that its first marker also stands for; numbering from first. */
static void set_page_map(doc *d, const lay_doc *ld, unsigned blanks, unsigned first)
{
    g_free(d->page_starts);
    d->n_pages = blanks + ld->page_starts->len;
    d->page_starts = g_new0(doc_pos, d->n_pages);
    memcpy(d->page_starts + blanks, ld->page_starts->data, ld->page_starts->len * sizeof(doc_pos));
    d->first_page = first;
}

static bool write_outputs(run *r)
{
    const pack_opts *o = r->o;
    char *pdf = g_strdup_printf("%s/%s.pdf", o->out_dir, r->m->name);
    char *epub = g_strdup_printf("%s/%s.epub", o->out_dir, r->m->name);
    bool ok = true;
    if (o->pdf) {
        out_remove_stale(pdf);
        GPtrArray *blanks = g_ptr_array_new_with_free_func((GDestroyNotify)lay_frame_free);
        GPtrArray *prefixes = g_ptr_array_new();
        GPtrArray *pages = page_list(r, blanks, prefixes);
        if (print_opts_active(&o->print)) {
            ok = impose_write(pdf, (lay_frame *const *)pages->pdata, pages->len, &o->print,
                              r->m->title);
        } else {
            pack_pdf_doc parts[r->n + 1];
            parts[0] = (pack_pdf_doc){NULL, r->front_ld, doc_prefix(r, 0)};
            for (size_t i = 0; i < r->n; i++)
                parts[i + 1] =
                    (pack_pdf_doc){r->pubs[i]->meta.title, r->pub_ld[i], doc_prefix(r, i + 1)};
            ok = pack_pdf_write(pdf, pages, prefixes, parts, r->n + 1, r->front);
        }
        g_ptr_array_free(pages, TRUE);
        g_ptr_array_free(prefixes, TRUE);
        g_ptr_array_free(blanks, TRUE);
    }
    if (ok && o->epub) {
        out_remove_stale(epub);
        set_page_map(r->front, r->front_ld, 2, 1); /* the cover and its verso */
        /* the front matter is laid out without its title block (the cover
         * shows it), so its first print page begins with its first block,
         * after the EPUB's title page (the cover's counterpart); the blank
         * verso's marker stands right before it */
        if (r->front->root && r->front->root->first && r->front->n_pages > 2)
            r->front->page_starts[1] = r->front->page_starts[2] =
                (doc_pos){r->front->root->first->id, 0};
        for (size_t i = 0; i < r->n; i++)
            set_page_map(r->pubs[i], r->pub_ld[i], r->blanks[i], r->starts[i] - r->blanks[i]);
        ok = epub_emit_pack(r->front, (const doc *const *)r->pubs, r->n, &r->s, epub);
    }
    g_free(pdf);
    g_free(epub);
    return ok;
}

int pack_run(const pack_opts *o)
{
    run r = {.o = o};
    style_defaults(&r.s);
    char *style_path =
        o->style_path ? g_strdup(o->style_path) : folio_home_path("styles/briefing.yaml");
    bool ok = style_load(&r.s, style_path) && (r.m = pack_manifest_load(o->manifest));
    res_options ro = {0};
    r.others = foreign_new(&r.s, &ro);
    if (ok)
        style_apply_labels(&r.s);
    if (ok && g_mkdir_with_parents(o->out_dir, 0755) != 0) {
        diag_error(o->out_dir, 0, 0, "cannot create output directory: %s", g_strerror(errno));
        ok = false;
    }
    ok = ok && read_publications(&r) && lay_out(&r) && write_outputs(&r);
    if (r.pub_ld)
        free_layouts(&r);
    lay_frame_free(r.cover);
    lay_doc_free(r.cover_ld);
    doc_free(r.front);
    for (size_t i = 0; i < r.n; i++)
        doc_free(r.pubs[i]);
    g_free(r.pubs);
    g_free(r.pub_ld);
    g_free(r.starts);
    g_free(r.blanks);
    pack_manifest_free(r.m);
    foreign_free(r.others);
    style_apply_labels(NULL);
    style_clear(&r.s);
    g_free(style_path);
    deps_reset();
    return ok ? 0 : 1;
}
