/* build_foreign.c: page references into other manuscripts of the series
 * (@page:police-harm-reduction/sec:naloxone). The summary paper points its
 * readers to pages of the six reports; those numbers must be the reports'
 * own print pages, so the referenced manuscript is parsed, resolved and laid
 * out here exactly as its own build does (same style, same options), and
 * only its page map is kept. Its diagnostics are its own build's business
 * and are not repeated here; a manuscript that does not build leaves the
 * reference unresolved (the caller warns). A manuscript referring back to
 * one still being laid out (a cycle) sees no pages for it. */
#include "build_int.h"

#include <string.h>

#include "base/base.h"

typedef struct {
    lay_doc *ld;     /* its page map; NULL while being laid out or if it failed */
    GPtrArray *deps; /* char*: the files it was made from */
} foreign_doc;

struct foreign_docs {
    const style *s;
    res_options ro;
    GHashTable *by_path; /* manuscript path -> foreign_doc* */
    unsigned lookups;    /* foreign_page calls so far */
};

unsigned foreign_lookups(const foreign_docs *f)
{
    return f ? f->lookups : 0;
}

static void foreign_doc_free(gpointer p)
{
    foreign_doc *fd = p;
    lay_doc_free(fd->ld);
    g_ptr_array_free(fd->deps, TRUE);
    g_free(fd);
}

foreign_docs *foreign_new(const style *s, const res_options *ro)
{
    foreign_docs *f = g_new0(foreign_docs, 1);
    f->s = s;
    f->ro = *ro;
    f->by_path = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, foreign_doc_free);
    return f;
}

void foreign_free(foreign_docs *f)
{
    if (!f)
        return;
    g_hash_table_destroy(f->by_path);
    g_free(f);
}

/* Lays out the manuscript at path for its page map, silently; or takes the
 * page map its own build left in the cache, when it stands on its own (no
 * page references into others, which could lead back here). */
static void lay_out(foreign_docs *f, foreign_doc *fd, const char *path)
{
    char *abs = g_canonicalize_filename(path, NULL);
    char *key = cache_key(abs, f->s, &f->ro);
    g_free(abs);
    if ((fd->ld = cache_load(key, true, fd->deps))) {
        g_free(key);
        return;
    }
    unsigned lookups = f->lookups;
    GPtrArray *before = g_ptr_array_new_with_free_func(g_free);
    const GPtrArray *deps = deps_list();
    for (guint i = 0; i < deps->len; i++)
        g_ptr_array_add(before, g_strdup(deps->pdata[i]));
    deps_reset();
    diag_silence(true);
    doc *d = build_prepare(path, f->s, &f->ro);
    if (d && build_settle_pages(d, f->s, f, &fd->ld) && !fd->ld)
        fd->ld = build_page_map(d, f->s);
    diag_silence(false);
    deps = deps_list(); /* what it read, then the current build's list back */
    for (guint i = 0; i < deps->len; i++)
        g_ptr_array_add(fd->deps, g_strdup(deps->pdata[i]));
    if (d && f->lookups == lookups)
        cache_store(key, d, f->s, fd->ld, fd->deps, true);
    g_free(key);
    doc_free(d);
    deps_reset();
    for (guint i = 0; i < before->len; i++)
        deps_record(before->pdata[i]);
    g_ptr_array_free(before, TRUE);
}

unsigned foreign_page(foreign_docs *f, const doc *from, const char *label, const char *slash)
{
    f->lookups++;
    char *name = g_strndup(label, (gsize)(slash - label));
    char *file = g_strconcat(name, ".md", NULL);
    char *path = g_build_filename(from->dir, file, NULL);
    g_free(name);
    g_free(file);
    foreign_doc *fd = g_hash_table_lookup(f->by_path, path);
    if (!fd) {
        fd = g_new0(foreign_doc, 1);
        fd->deps = g_ptr_array_new_with_free_func(g_free);
        g_hash_table_insert(f->by_path, g_strdup(path), fd); /* before: a cycle finds it */
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
            lay_out(f, fd, path);
    }
    g_free(path);
    for (guint i = 0; i < fd->deps->len; i++)
        deps_record(fd->deps->pdata[i]);
    return fd->ld ? lay_dest_page(fd->ld, slash + 1) : 0;
}
