/* lang.c: is a language tag's language a real one? The primary subtag is
 * looked up among the ISO 639 codes Debian's iso-codes package lists, so a
 * slip like "lang: eng-GB" or "lang: sp" is caught as a warning. A language
 * with a hyphenation dictionary is known at once: the list (900 kB of JSON) is
 * read only for the others. */
#include "parse.h"

#include "../base/base.h"

#include <json-glib/json-glib.h>
#include <string.h>

#define ISO_639_FILE "/usr/share/iso-codes/json/iso_639-3.json"

bool parse_lang_known(const char *tag)
{
    size_t n = strcspn(tag, "-_");
    char *primary = g_ascii_strdown(tag, (gssize)n);
    char *dict = hyphen_dict_path(primary); /* the common case, without reading the list */
    bool has_dict = dict != NULL;
    g_free(dict);
    if (has_dict) {
        g_free(primary);
        return true;
    }
    const char *field = n == 2 ? "alpha_2" : "alpha_3";
    bool known = true; /* without the list, nothing can be said */
    JsonParser *p = json_parser_new();
    if (json_parser_load_from_file(p, ISO_639_FILE, NULL)) {
        JsonNode *root = json_parser_get_root(p);
        JsonObject *o = JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
        JsonArray *list = o && json_object_has_member(o, "639-3")
                              ? json_object_get_array_member(o, "639-3")
                              : NULL;
        if (list) {
            known = false;
            for (guint i = 0; i < json_array_get_length(list) && !known; i++) {
                JsonObject *e = json_array_get_object_element(list, i);
                const char *code =
                    e ? json_object_get_string_member_with_default(e, field, NULL) : NULL;
                known = code && strcmp(code, primary) == 0;
            }
        }
    }
    g_object_unref(p);
    g_free(primary);
    return known;
}
