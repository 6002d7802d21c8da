/* lazy.h: libraries folio loads at their first use instead of at start-up.
 *
 * Every library a program is linked with is loaded, and each of its symbols
 * resolved (Debian links them with BIND_NOW), before main runs: for folio's
 * sixty libraries that is about 9 ms, a third of a one-page build. librsvg
 * (SVG figures), gdk-pixbuf (GIF and WebP images) and libzip (the EPUB
 * container, with the crypto library it brings) cost about 4 ms of that and
 * most builds of a PDF need none of them. So they are not linked (the
 * Makefile's LAZY_PKGS): lazy_*.c define the functions folio calls, each
 * with the library's own prototype from its header, and each forwards to the
 * library's function, found with dlopen/dlsym at the first call. The rest of
 * folio calls them as usual. */
#ifndef FOLIO_LAZY_H
#define FOLIO_LAZY_H

#include "base.h"

/* A library loaded at its first use, by its SONAME (the major version the
 * headers folio is compiled with belong to). */
typedef struct {
    const char *soname;
    void *handle;
} lazy_lib;

/* The address of the function name in lib, loading lib first if needed
 * (under a lock: the PDF's drawing thread may draw an SVG while the layout
 * loads another). A library that cannot be loaded (a broken installation)
 * is reported and ends the run, removing any half-written output. */
void *lazy_symbol(lazy_lib *lib, const char *name);

/* The address of the library function name, looked up at the first call
 * and kept in an atomic pointer. */
#define LAZY_ADDRESS(lib, name)                                                                    \
    static void *fn;                                                                               \
    void *f = g_atomic_pointer_get(&fn);                                                           \
    if (!f) {                                                                                      \
        f = lazy_symbol(&(lib), #name);                                                            \
        g_atomic_pointer_set(&fn, f);                                                              \
    }

/* Defines ret name params as a call of the library's name with args. */
#define LAZY_FORWARD(lib, ret, name, params, args)                                                 \
    ret name params                                                                                \
    {                                                                                              \
        LAZY_ADDRESS(lib, name)                                                                    \
        return ((ret(*) params)f)args;                                                             \
    }

/* The same for a function returning nothing. */
#define LAZY_FORWARD_VOID(lib, name, params, args)                                                 \
    void name params                                                                               \
    {                                                                                              \
        LAZY_ADDRESS(lib, name)                                                                    \
        ((void(*) params)f) args;                                                                  \
    }

#endif
