/* dicts.c: where Debian keeps the hyphenation dictionary of a language
 * (the hyphen-* packages), for the layout's hyphenation and for the front
 * matter's language check, and the dictionaries loaded from there.
 *
 * Loading a dictionary's patterns is the costliest fixed step of a short
 * document (libhyphen parses hyph_en_US.dic into its state machine: about a
 * quarter of a one-page build). So as soon as a manuscript's language is
 * known, the parser asks for its dictionary to be loaded on a thread of its
 * own, which runs on the second core while the main thread parses, resolves
 * citations and loads fonts; the layout joins it when it first needs a
 * word's hyphenation points (total fit asks only for paragraphs it cannot
 * set well without, so a short document may never). Each dictionary is
 * loaded once per process and freed at exit. libhyphen's
 * loader keeps no state outside the dictionary it returns (fopen, malloc),
 * so one thread may load while the other works. */
#include "base.h"

#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HYPHEN_DIR "/usr/share/hyphen"

char *hyphen_dict_path(const char *lang)
{
    char **parts = g_strsplit_set(lang, "-_", 3);
    char *ll = g_ascii_strdown(parts[0] ? parts[0] : "", -1);
    char *rr = parts[0] && parts[1] && strlen(parts[1]) == 2 ? g_ascii_strup(parts[1], -1) : NULL;
    g_strfreev(parts);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    if (rr)
        g_ptr_array_add(names, g_strdup_printf("hyph_%s_%s.dic", ll, rr));
    /* the languages folio's series is written in, with their usual dictionaries */
    if (strcmp(ll, "en") == 0) {
        g_ptr_array_add(names, g_strdup("hyph_en_GB.dic"));
        g_ptr_array_add(names, g_strdup("hyph_en_US.dic"));
    } else if (strcmp(ll, "es") == 0) {
        g_ptr_array_add(names, g_strdup("hyph_es_ES.dic"));
    } else if (strcmp(ll, "fr") == 0) {
        g_ptr_array_add(names, g_strdup("hyph_fr.dic"));
        g_ptr_array_add(names, g_strdup("hyph_fr_FR.dic"));
    }
    g_ptr_array_add(names, g_strdup_printf("hyph_%s.dic", ll));
    char *found = NULL;
    for (guint i = 0; i < names->len && !found; i++) {
        char *p = g_build_filename(HYPHEN_DIR, names->pdata[i], NULL);
        if (g_file_test(p, G_FILE_TEST_IS_REGULAR))
            found = p;
        else
            g_free(p);
    }
    if (!found && *ll) { /* any regional dictionary of the language, the first by name */
        GDir *dir = g_dir_open(HYPHEN_DIR, 0, NULL);
        char *prefix = g_strdup_printf("hyph_%s_", ll), *best = NULL;
        const char *name;
        while (dir && (name = g_dir_read_name(dir)))
            if (g_str_has_prefix(name, prefix) && g_str_has_suffix(name, ".dic") &&
                (!best || strcmp(name, best) < 0)) {
                g_free(best);
                best = g_strdup(name);
            }
        if (best)
            found = g_build_filename(HYPHEN_DIR, best, NULL);
        g_free(best);
        g_free(prefix);
        if (dir)
            g_dir_close(dir);
    }
    g_ptr_array_free(names, TRUE);
    g_free(ll);
    g_free(rr);
    return found;
}

/* libhyphen 2.8's loader leaks a few bytes of some dictionaries' patterns
 * (hyph_fr.dic: 130 bytes in 16 blocks, lost inside hnj_hyphen_load_line).
 * Under the sanitizers, LeakSanitizer is told to look away while a
 * dictionary loads (on the loading thread: the switch is per thread); in the
 * normal build these are null and never called. */
void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

struct hyphen_dict {
    char *path;
    GThread *loading; /* the loader thread until joined */
    gint cancel;      /* set when the dictionary is no longer wanted */
    FILE *file;       /* the dictionary file under the loader's stream */
    bool done;        /* loaded (or failed: dict NULL) */
    HyphenDict *dict;
    GHashTable *words; /* the layout's answers so far (hyphen_dict_words) */
};

static GPtrArray *dicts; /* hyphen_dict*, all on the main thread; freed at exit */

/* The loader's stream reads the file until the entry is cancelled, then
 * ends: a document that never asked for a hyphenation point does not wait
 * at exit for the rest of the patterns to load. */
static ssize_t read_until_cancelled(void *cookie, char *buf, size_t size)
{
    hyphen_dict *e = cookie;
    if (g_atomic_int_get(&e->cancel))
        return 0;
    return (ssize_t)fread(buf, 1, size, e->file);
}

static int close_file(void *cookie)
{
    hyphen_dict *e = cookie;
    int status = fclose(e->file);
    e->file = NULL;
    return status;
}

static gpointer load_patterns(gpointer entry)
{
    hyphen_dict *e = entry;
    if (!(e->file = fopen(e->path, "r")))
        return NULL;
    FILE *f = fopencookie(
        e, "r", (cookie_io_functions_t){.read = read_until_cancelled, .close = close_file});
    if (!f) {
        fclose(e->file);
        e->file = NULL;
        return NULL;
    }
    if (__lsan_disable)
        __lsan_disable();
    HyphenDict *dict = hnj_hyphen_load_file(f);
    if (__lsan_enable)
        __lsan_enable();
    fclose(f);
    return dict;
}

/* Waits for a load still running, so each dictionary is complete. */
static void finish(hyphen_dict *e)
{
    if (e->loading) {
        e->dict = g_thread_join(e->loading);
        e->loading = NULL;
        e->done = true;
    }
}

/* At exit: a load nobody asked for is cut short (what it made is freed
 * like a whole dictionary). */
static void dicts_free(void)
{
    for (guint i = 0; dicts && i < dicts->len; i++) {
        hyphen_dict *e = dicts->pdata[i];
        g_atomic_int_set(&e->cancel, 1);
        finish(e);
        if (e->dict)
            hnj_hyphen_free(e->dict);
        g_hash_table_destroy(e->words);
        g_free(e->path);
        g_free(e);
    }
    if (dicts)
        g_ptr_array_free(dicts, TRUE);
    dicts = NULL;
}

/* The entry of the dictionary at path, made (not yet loaded) if new. */
static hyphen_dict *entry(const char *path)
{
    for (guint i = 0; dicts && i < dicts->len; i++)
        if (strcmp(((hyphen_dict *)dicts->pdata[i])->path, path) == 0)
            return dicts->pdata[i];
    if (!dicts) {
        dicts = g_ptr_array_new();
        atexit(dicts_free);
    }
    hyphen_dict *e = g_new0(hyphen_dict, 1);
    e->path = g_strdup(path);
    e->words =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_byte_array_unref);
    g_ptr_array_add(dicts, e);
    return e;
}

/* Manuscripts shorter than this (about a page of prose) are not worth a
 * loader thread: the whole run takes less time than the patterns take to
 * load, so the thread would only compete with it for the second core and be
 * cut short at exit; if such a manuscript does need a hyphenation point, the
 * patterns are loaded then. */
#define PRELOAD_MIN_BYTES 4096

void hyphen_dict_preload(const char *lang, size_t text_bytes)
{
    if (text_bytes < PRELOAD_MIN_BYTES)
        return;
    char *path = hyphen_dict_path(lang);
    if (!path)
        return;
    hyphen_dict *e = entry(path);
    g_free(path);
    /* without a thread, hyphen_dict_load loads it when it is needed */
    if (!e->done && !e->loading)
        e->loading = g_thread_try_new("folio-hyphen", load_patterns, e, NULL);
}

hyphen_dict *hyphen_dict_get(const char *path)
{
    return entry(path);
}

GHashTable *hyphen_dict_words(hyphen_dict *e)
{
    return e->words;
}

HyphenDict *hyphen_dict_patterns(hyphen_dict *e)
{
    finish(e);
    if (!e->done) {
        e->dict = load_patterns(e);
        e->done = true;
    }
    return e->dict;
}
