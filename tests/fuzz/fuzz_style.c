/* fuzz_style.c: libFuzzer entry for the house-style file (styles/NAME.yaml,
 * src/style/style.c). */
#include "../../src/style/style.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    char *path = fuzz_write("fuzz.yaml", data, size);
    style s;
    style_defaults(&s);
    style_load(&s, path);
    style_clear(&s);
    g_free(path);
    return 0;
}
