/* fuzz_csl.c: libFuzzer entry for CSL styles and locales (csl_style.c,
 * csl_locale.c). A document whose root is <locale> is read as a locale;
 * anything else as a style, which then cites and lists two fixed items so
 * the compiled style is also run. */
#include <libxml/parser.h>

#include "../../src/resolve/bib.h"
#include "../../src/resolve/csl.h"
#include "../../src/resolve/csl_int.h"
#include "fuzz_common.h"

static const char items[] =
    "[{\"id\":\"a\",\"type\":\"book\",\"title\":\"A Title\",\"author\":[{\"family\":\"Doe\","
    "\"given\":\"Jane\"}],\"issued\":{\"date-parts\":[[2001,2,3]]},\"page\":\"1-10\"},"
    "{\"id\":\"b\",\"type\":\"article-journal\",\"title\":\"Other\",\"container-title\":\"J\","
    "\"editor\":[{\"literal\":\"Board\"}],\"volume\":\"4\",\"issued\":{\"date-parts\":[[2001]]}}]";

static void run_locale(const uint8_t *data, size_t size, xmlDoc *x)
{
    (void)data, (void)size;
    arena *a = arena_new();
    csl_locale_parse(xmlDocGetRootElement(x), a, "fuzz.xml");
    arena_free(a);
}

static void run_style(const uint8_t *data, size_t size)
{
    csl_style *st = csl_style_load_data("fuzz.csl", (const char *)data, size, NULL, NULL);
    if (!st)
        return;
    csl_bib *b = csl_bib_new();
    bib_json_load("items.json", items, sizeof items - 1, b);
    csl_options opts = {0};
    csl_proc *p = csl_proc_new(st, b, &opts);
    csl_cite c[2] = {{.id = "a", .locator = "12"}, {.id = "b"}};
    csl_proc_add_citation(p, c, 2, 1, false);
    csl_proc_add_citation(p, c, 1, 2, true);
    if (csl_proc_run(p)) {
        for (size_t i = 0; i < csl_proc_citation_count(p); i++)
            g_free(csl_rich_html(csl_proc_citation(p, i)));
        for (size_t i = 0; i < csl_proc_bib_count(p); i++) {
            const char *id;
            g_free(csl_rich_html(csl_proc_bib_entry(p, i, &id)));
        }
    }
    csl_proc_free(p);
    csl_bib_free(b);
    csl_style_free(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    if (!fuzz_is_text(data, size) || size > INT32_MAX)
        return 0;
    xmlDoc *x = xmlReadMemory((const char *)data, (int)size, "fuzz.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;
    if (root && xmlStrcmp(root->name, BAD_CAST "locale") == 0)
        run_locale(data, size, x);
    else
        run_style(data, size);
    xmlFreeDoc(x);
    return 0;
}
