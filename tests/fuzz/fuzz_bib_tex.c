/* fuzz_bib_tex.c: libFuzzer entry for the BibTeX/BibLaTeX reader
 * (src/resolve/bib_tex*.c, latex.c): any bytes that pass text_check must
 * load or fail with a diagnostic, never crash, hang or leak. Built with
 * clang -fsanitize=fuzzer,address,undefined against folio's objects. */
#include "../../src/resolve/bib.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    if (!fuzz_is_text(data, size))
        return 0; /* bib_load refuses such files before the reader sees them */
    csl_bib *b = csl_bib_new();
    bib_tex_load("fuzz.bib", (const char *)data, size, b);
    csl_bib_free(b);
    return 0;
}
