/* fuzz_manuscript.c: libFuzzer entry for front matter plus Markdown to the
 * document tree (src/parse/), then labels and cross-references and the
 * tree dump, so every node the parser makes is walked. */
#include "../../src/doc/doc.h"
#include "../../src/parse/parse.h"
#include "../../src/resolve/resolve.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    static FILE *devnull;
    if (!devnull)
        devnull = fopen("/dev/null", "w");
    char *path = fuzz_write("fuzz.md", data, size);
    doc *d = doc_new(path);
    if (parse_manuscript(d) && res_xrefs(d, true))
        doc_dump(d, devnull);
    doc_free(d);
    g_free(path);
    return 0;
}
