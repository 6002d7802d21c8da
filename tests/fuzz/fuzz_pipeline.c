/* fuzz_pipeline.c: libFuzzer entry for the whole build: the input is a
 * manuscript, built to PDF and EPUB in a scratch directory (on /dev/shm when
 * there is one) with the house style, exactly as `folio build` does. */
#include <errno.h>
#include <stdlib.h>

#include "../../src/build.h"
#include "fuzz_common.h"

/* The files the seed manuscripts name (images, bibliographies), linked into
 * the scratch directory from the repository at FOLIO_HOME. */
static void link_inputs(void)
{
    static const char *const links[][2] = {{"img", "tests/pdf/img"},
                                           {"references.bib", "manuscripts/references.bib"},
                                           {"refs.bib", "tests/resolve/refs.bib"},
                                           {"map.svg", "tests/parse/map.svg"}};
    char *home = folio_home_path(".");
    char *abs = realpath(home, NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(links); i++) {
        char *from = g_build_filename(abs ? abs : home, links[i][1], NULL);
        char *to = g_build_filename(fuzz_scratch(), links[i][0], NULL);
        if (symlink(from, to) != 0 && errno != EEXIST)
            abort();
        g_free(from);
        g_free(to);
    }
    free(abs);
    g_free(home);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool linked;
    fuzz_init();
    if (!linked) {
        link_inputs();
        linked = true;
    }
    char *path = fuzz_write("fuzz.md", data, size);
    char *out = g_build_filename(fuzz_scratch(), "out", NULL);
    build_opts o = {.out_dir = out, .pdf = true, .epub = true};
    char *files[] = {path};
    build_run(&o, files, 1);
    fonts_shutdown(); /* as a run of folio ends: the font map and configuration go */
    g_free(out);
    g_free(path);
    return 0;
}
