/* build.c: the driver. For each manuscript: parse, then run the chosen back
 * ends, each writing its output atomically; then the dependency file. */
#include "build.h"

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
    const char *families[] = {s->body_font, s->heading_font, s->mono_font};
    for (size_t i = 0; i < G_N_ELEMENTS(families); i++)
        for (int face = 0; face < 4; face++) {
            char *f = fonts_file_lookup(families[i], face & 1, face & 2);
            if (f)
                deps_record(f);
            g_free(f);
        }
}

/* A page sink for a layout run only for its page map. */
static bool drop_page(lay_frame *page, void *data)
{
    (void)data;
    lay_frame_free(page);
    return true;
}

/* Hands the print page map of layout ld to the document (for the EPUB). */
static void set_page_map(doc *d, const lay_doc *ld)
{
    g_free(d->page_starts);
    d->n_pages = ld->page_starts->len;
    d->page_starts = g_memdup2(ld->page_starts->data, (guint)(d->n_pages * sizeof(doc_pos)));
}

/* The page a label's element starts on in layout data (a lay_doc). */
static unsigned label_page(const char *label, void *data)
{
    return lay_dest_page(data, label);
}

#define MAX_PASSES 5

/* Page-dependent text (page references) is set from layouts until no
 * number changes: at most MAX_PASSES layouts, then a warning. False after an
 * error diagnostic. */
static bool wants_toc(const doc *d)
{
    for (size_t i = 0; i < d->meta.n_extra; i++)
        if (d->meta.extra[i].key && (!strcmp(d->meta.extra[i].key, "toc") ||
                                     !strcmp(d->meta.extra[i].key, "lof") ||
                                     !strcmp(d->meta.extra[i].key, "lot")))
            return true;
    return false;
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

static bool settle_pages(doc *d, const style *s)
{
    bool toc = wants_toc(d);
    if (res_pages_count(d) == 0 && !toc)
        return true;
    res_pages(d, NULL, NULL, false);
    for (int pass = 0; pass < MAX_PASSES; pass++) {
        lay_doc *ld = lay_layout_pages(d, s, drop_page, NULL);
        if (!ld)
            return false;
        bool changed = res_pages(d, label_page, ld, false);
        if (toc && take_node_pages(d, ld))
            changed = true;
        lay_doc_free(ld);
        if (!changed)
            return true;
    }
    diag_warning(d->path, 0, 0, "page numbers still changed after %d layout passes", MAX_PASSES);
    return true;
}

static bool build_one(const build_opts *o, const style *s, const char *file, GString *deps_text)
{
    bool ok = false;
    unsigned errors = diag_error_count();
    deps_reset();
    doc *d = doc_new(file);
    char *pdf = NULL, *epub = NULL;
    lay_doc *ld = NULL;
    if (!parse_manuscript(d))
        goto out;
    res_options ro = {.csl = o->csl, .strict = o->strict};
    if (o->bibliography) {
        ro.bibliography = (const char *const *)o->bibliography->pdata;
        ro.n_bibliography = o->bibliography->len;
    }
    if (!(o->dump && strcmp(o->dump, "doc") == 0) &&
        (!res_xrefs(d, s->heading_numbers) || !res_citations(d, &ro)))
        goto out;
    if (o->dump && strcmp(o->dump, "doc") == 0) {
        doc_dump(d, stdout);
        ok = true;
        goto out;
    }
    if (o->dump && strcmp(o->dump, "frames") == 0) {
        if (!settle_pages(d, s))
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
    pdf = g_strdup_printf("%s/%s.pdf", o->out_dir, d->name);
    epub = g_strdup_printf("%s/%s.epub", o->out_dir, d->name);
    if ((o->pdf || o->epub) && !settle_pages(d, s))
        goto out;
    if (diag_error_count() != errors) /* a warning made an error by --strict */
        goto out;
    if (o->pdf) {
        out_remove_stale(pdf);
        if (!pdf_emit(d, s, pdf, &ld))
            goto out;
    } else if (o->epub) { /* the EPUB needs the print page map */
        ld = lay_layout_pages(d, s, drop_page, NULL);
        if (!ld)
            goto out;
    }
    if (ld) {
        set_page_map(d, ld);
        res_pages(d, label_page, ld, true); /* the last layout's numbers; warns */
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
out:
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
    if (!style_load(&s, style_path))
        goto out;
    if (!o->dump && g_mkdir_with_parents(o->out_dir, 0755) != 0) {
        diag_error(o->out_dir, 0, 0, "cannot create output directory: %s", g_strerror(errno));
        goto out;
    }
    for (int i = 0; i < n_files; i++)
        if (!build_one(o, &s, files[i], deps_text))
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
    style_clear(&s);
    deps_reset();
    return status;
}
