/* cmd_site.c: `folio site [-o DIR] [--style FILE] FILE...`: the download
 * page. Each FILE.md is a publication, each FILE.yaml a pack manifest; their
 * PDF and EPUB must already be in DIR (`folio build`, `folio pack`). Writes
 * DIR/covers/NAME.png, DIR/assets/ and, last, DIR/index.html. */
#include "site.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char site_usage[] = "usage: folio site [-o DIR] [--style FILE] FILE.md|PACK.yaml...\n";

/* Series reports by number first, then the rest from the newest. */
static int entry_order(gconstpointer pa, gconstpointer pb)
{
    const site_entry *a = *(site_entry *const *)pa, *b = *(site_entry *const *)pb;
    bool na = a->number != NULL, nb = b->number != NULL;
    if (na != nb)
        return na ? -1 : 1;
    if (na) {
        long x = strtol(a->number, NULL, 10), y = strtol(b->number, NULL, 10);
        if (x != y)
            return x < y ? -1 : 1;
    }
    int by_date = g_strcmp0(b->date, a->date);
    return by_date ? by_date : strcmp(a->name, b->name);
}

/* The entry of one file, with its sizes, its cover written to covers/. */
static site_entry *entry_for(const char *file, const style *s, const char *out_dir)
{
    site_entry *e = g_str_has_suffix(file, ".yaml") ? site_entry_from_pack(file, s)
                                                    : site_entry_from_manuscript(file, s);
    if (!e)
        return NULL;
    char *png = g_strdup_printf("%s/covers/%s.png", out_dir, e->name);
    bool ok = site_entry_sizes(e, out_dir) && site_write_png(e->cover, png);
    g_free(png);
    if (!ok) {
        site_entry_free(e);
        return NULL;
    }
    return e;
}

static bool write_page(const GPtrArray *entries, const char *out_dir)
{
    char *text = site_html_page(entries), *target = g_build_filename(out_dir, "index.html", NULL);
    bool ok = site_assets_write(out_dir, text) && site_write_file(target, text, strlen(text));
    g_free(text);
    g_free(target);
    return ok;
}

static int site_run(const char *out_dir, const char *style_arg, char **files, int n)
{
    style s;
    style_defaults(&s);
    char *style_path = style_arg ? g_strdup(style_arg) : folio_home_path("styles/briefing.yaml");
    char *covers = g_build_filename(out_dir, "covers", NULL);
    GPtrArray *entries = g_ptr_array_new_with_free_func((GDestroyNotify)site_entry_free);
    bool ok = style_load(&s, style_path);
    if (ok && g_mkdir_with_parents(covers, 0755) != 0) {
        diag_error(covers, 0, 0, "cannot create the directory: %s", g_strerror(errno));
        ok = false;
    }
    diag_set_quiet_warnings(true); /* `folio build` already gave the manuscripts' warnings */
    for (int i = 0; ok && i < n; i++) {
        site_entry *e = entry_for(files[i], &s, out_dir);
        if (e)
            g_ptr_array_add(entries, e);
        ok = e != NULL;
    }
    diag_set_quiet_warnings(false);
    if (ok) {
        g_ptr_array_sort(entries, entry_order);
        ok = write_page(entries, out_dir);
    }
    g_ptr_array_free(entries, TRUE);
    g_free(covers);
    g_free(style_path);
    style_clear(&s);
    deps_reset();
    return ok ? 0 : 1;
}

int site_command(int argc, char **argv)
{
    const char *out_dir = "dist", *style_path = NULL;
    GPtrArray *files = g_ptr_array_new();
    int status = 2;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool takes_value = !strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--style");
        if (takes_value && i + 1 < argc && argv[i + 1][0]) {
            if (!strcmp(a, "--style"))
                style_path = argv[++i];
            else
                out_dir = argv[++i];
        } else if (takes_value || (a[0] == '-' && a[1])) {
            diag_usage(site_usage, "%s '%s'",
                       takes_value ? "a value is missing after" : "unknown option", a);
            goto out;
        } else {
            g_ptr_array_add(files, argv[i]);
        }
    }
    if (files->len == 0) {
        diag_usage(site_usage, "no manuscript given");
        goto out;
    }
    status = site_run(out_dir, style_path, (char **)files->pdata, (int)files->len);
out:
    g_ptr_array_free(files, TRUE);
    return status;
}
