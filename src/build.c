/* build.c: the driver. For each manuscript: parse, then run the chosen back
 * ends, each writing its output atomically; then the dependency file. */
#include "build.h"
#include "build_int.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "base/base.h"
#include "doc/doc.h"
#include "emit/emit.h"
#include "layout/layout.h"
#include "parse/parse.h"
#include "resolve/resolve.h"
#include "style/style.h"

/* Appends "target...: deps" rules for one manuscript to the deps text. */
static void deps_append(GString *out, const char *const *targets, size_t n_targets)
{
    const GPtrArray *deps = deps_list();
    for (size_t i = 0; i < n_targets; i++)
        g_string_append_printf(out, "%s%s", i ? " " : "", targets[i]);
    g_string_append_c(out, ':');
    for (guint i = 0; i < deps->len; i++)
        g_string_append_printf(out, " %s", (const char *)deps->pdata[i]);
    g_string_append_c(out, '\n');
    for (guint i = 0; i < deps->len; i++)
        g_string_append_printf(out, "%s:\n", (const char *)deps->pdata[i]);
}

static bool write_text_file(const char *target, const char *text)
{
    outfile *o = out_open(target);
    if (!o)
        return false;
    fputs(text, out_stream(o));
    return out_commit(o);
}

/* Records the style's font files as dependencies of every output. */
static void deps_fonts(const style *s)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    build_font_files(s, files);
    for (guint i = 0; i < files->len; i++)
        deps_record(files->pdata[i]);
    g_ptr_array_free(files, TRUE);
}

/* A page sink for a layout run only for its page map. */
static bool drop_page(lay_frame *page, void *data)
{
    (void)data;
    lay_frame_free(page);
    return true;
}

lay_doc *build_page_map(const doc *d, const style *s)
{
    return lay_layout_pages(d, s, drop_page, NULL);
}

/* Hands the print page map of layout ld to the document (for the EPUB). */
static void set_page_map(doc *d, const lay_doc *ld)
{
    g_free(d->page_starts);
    d->n_pages = ld->page_starts->len;
    d->page_starts = g_memdup2(ld->page_starts->data, (guint)(d->n_pages * sizeof(doc_pos)));
}

/* What a page reference is looked up in: this document's layout, and the
 * page maps of the other manuscripts it refers to. */
typedef struct {
    const lay_doc *ld;
    foreign_docs *others;
    const doc *d;
} page_lookup;

/* The page a label's element starts on: in this layout, or for
 * "NAME/label" in manuscript NAME's own print edition. */
static unsigned label_page(const char *label, void *data)
{
    const page_lookup *pl = data;
    const char *slash = strchr(label, '/');
    if (slash)
        return pl->others ? foreign_page(pl->others, pl->d, label, slash) : 0;
    return lay_dest_page(pl->ld, label);
}

#define MAX_PASSES 5

static bool wants_toc(const doc *d)
{
    return doc_meta_flag(d, "toc") || doc_meta_flag(d, "lof") || doc_meta_flag(d, "lot");
}

/* Takes the pages of ld's labelled nodes and headings into d->page_of; true
 * when any differs from what d had. */
static bool take_node_pages(doc *d, const lay_doc *ld)
{
    unsigned *pages = lay_node_pages(ld, d);
    bool changed =
        !d->page_of || memcmp(pages, d->page_of, (d->nodes->len + 1) * sizeof *pages) != 0;
    g_free(d->page_of);
    d->page_of = pages;
    return changed;
}

/* Takes the page numbers of layout ld into d (page references, and the
 * pages of labelled nodes and headings when d has contents or lists); true
 * when any number changed. */
static bool take_pages(doc *d, const lay_doc *ld, foreign_docs *others)
{
    page_lookup pl = {ld, others, d};
    bool changed = res_pages(d, label_page, &pl, false);
    if (wants_toc(d) && take_node_pages(d, ld))
        changed = true;
    return changed;
}

/* True when d shows numbers that only a layout can give. */
static bool has_page_numbers(const doc *d)
{
    return res_pages_count(d) > 0 || wants_toc(d);
}

static void passes_warning(const doc *d)
{
    diag_warning(d->path, 0, 0, "page numbers still changed after %d layout passes", MAX_PASSES);
}

bool build_settle_pages(doc *d, const style *s, foreign_docs *others, lay_doc **stable)
{
    if (stable)
        *stable = NULL;
    if (!has_page_numbers(d))
        return true;
    res_pages(d, NULL, NULL, false);
    for (int pass = 0; pass < MAX_PASSES; pass++) {
        lay_doc *ld = lay_layout_pages(d, s, drop_page, NULL);
        if (!ld)
            return false;
        bool changed = take_pages(d, ld, others);
        if (!changed && stable)
            *stable = ld;
        else
            lay_doc_free(ld);
        if (!changed)
            return true;
    }
    passes_warning(d);
    return true;
}

lay_doc *build_layout(doc *d, const style *s, lay_page_sink sink, void *data)
{
    res_options ro = {0};
    if (!parse_manuscript(d) || !res_xrefs(d, s->heading_numbers) || !res_citations(d, &ro))
        return NULL;
    foreign_docs *others = foreign_new(s, &ro);
    lay_doc *ld =
        build_settle_pages(d, s, others, NULL) ? lay_layout_pages(d, s, sink, data) : NULL;
    foreign_free(others);
    return ld;
}

/* The PDF's check of its own layout: it is written only when the layout
 * gave every page number the text already shows. */
typedef struct {
    doc *d;
    foreign_docs *others;
    bool changed;
} pdf_check;

static bool pdf_stable(const lay_doc *ld, void *data)
{
    pdf_check *c = data;
    c->changed = take_pages(c->d, ld, c->others);
    return !c->changed;
}

/* Writes the PDF. Page-dependent text is settled on the way: a first layout
 * only for the numbers (or the page-map cache's, when the same inputs were
 * built before), then each PDF layout checks itself and is kept once no
 * number moved, so a document with contents costs two layouts, not three
 * (one with the cache). */
static bool write_pdf(doc *d, const style *s, const char *target, foreign_docs *others,
                      const char *key, lay_doc **ld)
{
    if (!has_page_numbers(d))
        return pdf_emit(d, s, target, ld);
    res_pages(d, NULL, NULL, false);
    /* the numbers of the last build of the same inputs, else a layout's */
    lay_doc *first = cache_load(key, false, NULL);
    if (!first && !(first = build_page_map(d, s)))
        return false;
    take_pages(d, first, others);
    lay_doc_free(first);
    for (int pass = 1; pass < MAX_PASSES; pass++) {
        pdf_check c = {d, others, false};
        if (pdf_emit_checked(d, s, target, ld, pdf_stable, &c))
            return true;
        if (!c.changed)
            return false; /* an error, reported */
    }
    passes_warning(d);
    return pdf_emit(d, s, target, ld);
}

/* The resolution options the command line gives. */
static res_options resolve_options(const build_opts *o)
{
    res_options ro = {.csl = o->csl, .strict = o->strict};
    if (o->bibliography) {
        ro.bibliography = (const char *const *)o->bibliography->pdata;
        ro.n_bibliography = o->bibliography->len;
    }
    return ro;
}

doc *build_prepare(const char *file, const style *s, const res_options *ro)
{
    doc *d = doc_new(file);
    if (!parse_manuscript(d) || !res_xrefs(d, s->heading_numbers) || !res_citations(d, ro)) {
        doc_free(d);
        return NULL;
    }
    return d;
}

static bool build_one(const build_opts *o, const style *s, const char *file, GString *deps_text,
                      foreign_docs *others)
{
    bool ok = false;
    unsigned errors = diag_error_count();
    deps_reset();
    doc *d = NULL;
    char *pdf = NULL, *epub = NULL;
    lay_doc *ld = NULL;
    res_options ro = resolve_options(o);
    char *key = NULL;
    bool cached = false; /* ld came from the page-map cache */
    unsigned lookups = foreign_lookups(others);
    if (o->dump && strcmp(o->dump, "doc") == 0) {
        d = doc_new(file);
        if (!parse_manuscript(d))
            goto out;
    } else if (!(d = build_prepare(file, s, &ro))) {
        goto out;
    }
    if (o->dump && strcmp(o->dump, "doc") == 0) {
        doc_dump(d, stdout);
        ok = true;
        goto out;
    }
    if (o->dump && strcmp(o->dump, "frames") == 0) {
        if (!build_settle_pages(d, s, others, NULL))
            goto out;
        lay_doc *ld = lay_layout(d, s);
        if (ld) {
            lay_dump(ld, stdout);
            lay_doc_free(ld);
            ok = true;
        }
        goto out;
    }
    if (s->path)
        deps_record(s->path);
    deps_fonts(s);
    for (size_t i = 0; i < d->meta.n_bibliography; i++) {
        char *bib = g_build_filename(d->dir, d->meta.bibliography[i], NULL);
        if (g_file_test(bib, G_FILE_TEST_IS_REGULAR))
            deps_record(bib);
        g_free(bib);
    }
    char *abs = g_canonicalize_filename(file, NULL);
    key = cache_key(abs, s, &ro);
    g_free(abs);
    pdf = g_strdup_printf("%s/%s.pdf", o->out_dir, d->name);
    epub = g_strdup_printf("%s/%s.epub", o->out_dir, d->name);
    if (diag_error_count() != errors) /* a warning made an error by --strict */
        goto out;
    if (o->pdf && print_opts_active(&o->print)) { /* print sheets from the kept pages */
        out_remove_stale(pdf);
        if (!build_settle_pages(d, s, others, NULL))
            goto out;
        ld = lay_layout(d, s);
        if (!ld || !impose_write(pdf, (lay_frame *const *)ld->pages->pdata, ld->pages->len,
                                 &o->print, d->meta.title))
            goto out;
    } else if (o->pdf) {
        out_remove_stale(pdf);
        if (!write_pdf(d, s, pdf, others, key, &ld))
            goto out;
    } else if (o->epub) { /* the EPUB needs the print page map */
        GPtrArray *read = g_ptr_array_new_with_free_func(g_free);
        if ((ld = cache_load(key, false, read))) { /* what the PDF's layout gave */
            cached = true;
            for (guint i = 0; i < read->len; i++)
                deps_record(read->pdata[i]);
            res_pages(d, NULL, NULL, false);
            take_pages(d, ld, others);
        }
        g_ptr_array_free(read, TRUE);
        if (!ld && !build_settle_pages(d, s, others, &ld))
            goto out;
        if (!ld && !(ld = build_page_map(d, s)))
            goto out;
    }
    if (ld) {
        set_page_map(d, ld);
        page_lookup pl = {ld, others, d};
        res_pages(d, label_page, &pl, true); /* the last layout's numbers; warns */
    }
    if (o->epub && diag_error_count() == errors) {
        out_remove_stale(epub);
        if (!epub_emit(d, s, epub))
            goto out;
    }
    if (deps_text) {
        const char *targets[2];
        size_t n = 0;
        if (o->pdf)
            targets[n++] = pdf;
        if (o->epub)
            targets[n++] = epub;
        deps_append(deps_text, targets, n);
    }
    ok = diag_error_count() == errors;
    if (ok && ld && !cached && !print_opts_active(&o->print))
        cache_store(key, d, s, ld, deps_list(), foreign_lookups(others) == lookups);
out:
    g_free(key);
    g_free(pdf);
    g_free(epub);
    lay_doc_free(ld);
    doc_free(d);
    return ok;
}

int build_run(const build_opts *o, char **files, int n_files)
{
    style s;
    style_defaults(&s);
    int status = 1;
    char *style_path =
        o->style_path ? g_strdup(o->style_path) : folio_home_path("styles/briefing.yaml");
    GString *deps_text = o->deps_path ? g_string_new(NULL) : NULL;
    bool all_ok = true;
    foreign_docs *others = NULL;
    if (!style_load(&s, style_path))
        goto out;
    style_apply_labels(&s);
    if (!o->dump && g_mkdir_with_parents(o->out_dir, 0755) != 0) {
        diag_error(o->out_dir, 0, 0, "cannot create output directory: %s", g_strerror(errno));
        goto out;
    }
    res_options ro = resolve_options(o);
    others = foreign_new(&s, &ro);
    for (int i = 0; i < n_files; i++)
        if (!build_one(o, &s, files[i], deps_text, others))
            all_ok = false;
    if (!all_ok)
        goto out;
    if (deps_text && !write_text_file(o->deps_path, deps_text->str))
        goto out;
    status = 0;
out:
    if (deps_text)
        g_string_free(deps_text, TRUE);
    g_free(style_path);
    foreign_free(others);
    style_clear(&s);
    style_apply_labels(NULL);
    deps_reset();
    return status;
}
