/* lazy.c: finding a lazily loaded library's functions (lazy.h). */
#include "lazy.h"

#include <dlfcn.h>
#include <stdlib.h>

void *lazy_symbol(lazy_lib *lib, const char *name)
{
    static GMutex lock;
    g_mutex_lock(&lock);
    if (!lib->handle)
        lib->handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    void *fn = lib->handle ? dlsym(lib->handle, name) : NULL;
    g_mutex_unlock(&lock);
    if (!fn) {
        diag_error(lib->soname, 0, 0, "cannot load %s, which folio needs here: %s", name,
                   dlerror());
        out_cleanup_all();
        exit(1);
    }
    return fn;
}
