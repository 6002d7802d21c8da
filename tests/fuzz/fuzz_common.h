/* fuzz_common.h: what the libFuzzer entries share: warnings silenced once,
 * the valid-text gate every reader sits behind, and a scratch directory (on
 * /dev/shm when there is one) for the loaders that read files by path. */
#ifndef FOLIO_FUZZ_COMMON_H
#define FOLIO_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../../src/base/base.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Once per process: warnings off (errors still count). */
static inline void fuzz_init(void)
{
    static bool done;
    if (!done) {
        diag_set_quiet_warnings(true);
        done = true;
    }
}

/* True when the readers would see these bytes: every input file passes
 * text_check (valid UTF-8, no NUL) before a reader is called. */
static inline bool fuzz_is_text(const uint8_t *data, size_t size)
{
    return g_utf8_validate((const char *)data, (gssize)size, NULL) && !memchr(data, 0, size);
}

/* A private scratch directory for this process, made once under TMPDIR
 * (tests/fuzz/run points it at /dev/shm and removes it afterwards). */
static inline const char *fuzz_scratch(void)
{
    static char *dir;
    if (!dir) {
        char *tmpl = g_build_filename(g_get_tmp_dir(), "folio-fuzz-XXXXXX", NULL);
        dir = g_mkdtemp(tmpl);
        if (!dir)
            abort();
    }
    return dir;
}

/* Writes the input to SCRATCH/NAME and returns the path (caller frees). */
static inline char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    char *path = g_build_filename(fuzz_scratch(), name, NULL);
    if (!g_file_set_contents(path, (const char *)data, (gssize)size, NULL))
        abort();
    return path;
}

#endif
