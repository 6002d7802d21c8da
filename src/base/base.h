/* base.h: folio's foundation shared by every stage: the arena that owns a
 * document's memory, the diagnostics sink (file:line:col: error: ...), atomic
 * output files (temporary file in the target directory, renamed into place),
 * the fontconfig set-up that pins fonts to fonts/, and small helpers. */
#ifndef FOLIO_BASE_H
#define FOLIO_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <glib.h>

#define FOLIO_VERSION "0.1.0"

#define UNUSED(x) ((void)(x))

/* ---- arena: many small allocations freed in one call ---------------------
 * Out of memory aborts (g_malloc), so no allocation returns NULL. */
typedef struct arena arena;
arena *arena_new(void);
void arena_free(arena *a);
void *arena_alloc(arena *a, size_t size);    /* zeroed */
char *arena_strdup(arena *a, const char *s); /* NULL stays NULL */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
#define ARENA_NEW(a, type) ((type *)arena_alloc((a), sizeof(type)))
#define ARENA_ARRAY(a, type, n) ((type *)arena_alloc((a), sizeof(type) * (size_t)(n)))

/* ---- diagnostics ----------------------------------------------------------
 * One sink, stderr: "file:line:col: error: message". line/col are 1-based;
 * 0 means unknown and is then printed as 1 so editors can still jump. */
typedef enum { DIAG_WARNING, DIAG_ERROR } diag_level;
void diag(diag_level level, const char *file, unsigned line, unsigned col, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);
#define diag_error(file, line, col, ...) diag(DIAG_ERROR, (file), (line), (col), __VA_ARGS__)
#define diag_warning(file, line, col, ...) diag(DIAG_WARNING, (file), (line), (col), __VA_ARGS__)
unsigned diag_error_count(void);
/* A usage error: "folio: MESSAGE" and the command's usage text on stderr;
 * returns 2, the exit status of usage errors. */
int diag_usage(const char *usage, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Quiet warnings (tests of error paths); errors are always printed. */
void diag_set_quiet_warnings(bool quiet);
/* --strict: every warning is reported and counted as an error. */
void diag_set_strict(bool strict);
/* While on (calls nest), diagnostics are neither printed nor counted: for
 * work done on another manuscript's behalf, which reports its own. */
void diag_silence(bool on);

/* ---- atomic output files --------------------------------------------------
 * out_open creates DIR/.NAME.PID.XXXXXX beside the target; out_commit fsyncs,
 * closes and renames it over the target; out_abort removes it. A build that
 * fails or is interrupted never leaves a partial file at the target path. */
typedef struct outfile outfile;
outfile *out_open(const char *target); /* NULL after an error diagnostic */
FILE *out_stream(outfile *o);
const char *out_temp_path(const outfile *o);
/* Frees o; false after an error diagnostic, including any reported since
 * out_open (a file written while something went wrong is not kept). */
bool out_commit(outfile *o);
void out_abort(outfile *o); /* frees o; NULL is fine */
/* Removes every temporary file still registered (called from signal handlers
 * and at exit) so an interrupted build leaves nothing behind. */
void out_cleanup_all(void);
/* Removes stale DIR/.NAME.* temporaries a killed build left behind (those
 * of live processes, such as a concurrent build, stay). */
void out_remove_stale(const char *target);

/* ---- files ------------------------------------------------------------------
 * file_read loads a whole file; on failure it reports "file:0:0: error: ..."
 * (or at the given span of the referring document) and returns false. */
#define FILE_MAX_BYTES                                                                             \
    (64u * 1024u * 1024u) /* inputs beyond 64 MiB are refused: no manuscript is that big */
bool file_read(const char *path, const char *from_file, unsigned line, unsigned col, char **data,
               size_t *len);
/* Checks that text is valid UTF-8 with no NUL byte; reports the first bad byte
 * with its line and column. */
bool text_check(const char *file, const char *data, size_t len);

/* ---- installation paths ---------------------------------------------------
 * folio finds its fonts/ and styles/ beside build/ (the executable's parent
 * directory), overridable with FOLIO_HOME. Caller frees with g_free. */
char *folio_home_path(const char *relative);
/* The hyphenation dictionary file for a language tag ("en-GB", "es"), or
 * NULL when none is installed; g_free. */
char *hyphen_dict_path(const char *lang);
/* Starts loading the dictionary of lang (if one is installed) on a thread,
 * so it is ready when the layout asks for it; not for a manuscript of fewer
 * than a page's text_bytes. */
void hyphen_dict_preload(const char *lang, size_t text_bytes);
/* The process's dictionary at path (from hyphen_dict_path), freed at exit.
 * hyphen_dict_patterns loads its patterns at the first call (waiting for its
 * preload if one runs); NULL if they cannot be read. hyphen_dict_words holds
 * what the layout has asked it so far (lower-case word -> GByteArray). */
typedef struct _HyphenDict HyphenDict;
typedef struct hyphen_dict hyphen_dict;
hyphen_dict *hyphen_dict_get(const char *path);
HyphenDict *hyphen_dict_patterns(hyphen_dict *d);
GHashTable *hyphen_dict_words(hyphen_dict *d);
/* The last occurrence of needle in [hay, hay + len), which may hold NUL bytes
 * (a PDF's), or NULL. */
const char *mem_find_last(const char *hay, size_t len, const char *needle);

/* ---- fonts ------------------------------------------------------------------
 * A fontconfig configuration that knows only the fonts in fonts/, so output
 * never depends on what else the machine has installed. */
typedef struct _FcConfig FcConfig;
FcConfig *fonts_config(void); /* loaded once, made current, freed by fonts_shutdown */
/* Registers a release (of a font map built on the configuration) that
 * fonts_shutdown runs, last registered first, before freeing it. */
void fonts_at_shutdown(void (*release)(void));
void fonts_shutdown(void);
/* The file of the face fontconfig picks for family/weight/italic in fonts/;
 * caller frees with g_free; NULL if none. */
char *fonts_file_lookup(const char *family, bool bold, bool italic);

/* ---- dependency tracking ----------------------------------------------------
 * Every input file a build reads is recorded, so the driver can write a
 * make-style dependency file. */
void deps_record(const char *path);
const GPtrArray *deps_list(void);
void deps_reset(void);

#endif
