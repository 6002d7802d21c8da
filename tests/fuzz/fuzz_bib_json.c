/* fuzz_bib_json.c: libFuzzer entry for the CSL-JSON reader (bib_json.c):
 * any text loads or fails with a diagnostic. */
#include "../../src/resolve/bib.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    if (!fuzz_is_text(data, size))
        return 0;
    csl_bib *b = csl_bib_new();
    bib_json_load("fuzz.json", (const char *)data, size, b);
    csl_bib_free(b);
    return 0;
}
