/* bib_dump.c: `folio bib --dump FILE...`, the bibliography readers' test
 * hook: the loaded items as CSL-JSON, in file order, with their variables
 * sorted by name so the output is stable for golden files. */
#include "bib.h"

#include <json-glib/json-glib.h>
#include <string.h>

static void dump_name(JsonBuilder *jb, const csl_name *n)
{
    json_builder_begin_object(jb);
    const struct {
        const char *key, *value;
    } parts[] = {
        {"family", n->family},
        {"given", n->given},
        {"dropping-particle", n->dropping_particle},
        {"non-dropping-particle", n->non_dropping_particle},
        {"suffix", n->suffix},
        {"literal", n->literal},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
        if (parts[i].value) {
            json_builder_set_member_name(jb, parts[i].key);
            json_builder_add_string_value(jb, parts[i].value);
        }
    if (n->comma_suffix) {
        json_builder_set_member_name(jb, "comma-suffix");
        json_builder_add_boolean_value(jb, TRUE);
    }
    if (n->static_ordering) {
        json_builder_set_member_name(jb, "static-ordering");
        json_builder_add_boolean_value(jb, TRUE);
    }
    json_builder_end_object(jb);
}

/* date-parts as CSL-JSON writes them: [y], [y, m] or [y, m, d]; an open end
 * of a range is []. */
static void dump_parts(JsonBuilder *jb, const int p[3])
{
    json_builder_begin_array(jb);
    int n = p[0] == 0 && p[1] == 0 ? 0 : p[2] ? 3 : p[1] ? 2 : 1;
    for (int i = 0; i < n; i++)
        json_builder_add_int_value(jb, p[i]);
    json_builder_end_array(jb);
}

static void dump_date(JsonBuilder *jb, const csl_date *d)
{
    json_builder_begin_object(jb);
    if (d->literal) {
        json_builder_set_member_name(jb, "literal");
        json_builder_add_string_value(jb, d->literal);
    } else {
        json_builder_set_member_name(jb, "date-parts");
        json_builder_begin_array(jb);
        dump_parts(jb, d->parts[0]);
        if (d->is_range)
            dump_parts(jb, d->parts[1]);
        json_builder_end_array(jb);
    }
    if (d->season) {
        json_builder_set_member_name(jb, "season");
        json_builder_add_int_value(jb, d->season);
    }
    if (d->circa) {
        json_builder_set_member_name(jb, "circa");
        json_builder_add_boolean_value(jb, TRUE);
    }
    json_builder_end_object(jb);
}

static gint by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void dump_item(JsonBuilder *jb, const csl_item *it)
{
    json_builder_begin_object(jb);
    json_builder_set_member_name(jb, "id");
    json_builder_add_string_value(jb, it->id);
    json_builder_set_member_name(jb, "type");
    json_builder_add_string_value(jb, it->type);
    GPtrArray *keys = g_ptr_array_new();
    GHashTableIter hi;
    gpointer k, v;
    g_hash_table_iter_init(&hi, it->vars);
    while (g_hash_table_iter_next(&hi, &k, &v))
        g_ptr_array_add(keys, k);
    g_ptr_array_sort(keys, by_name);
    for (guint i = 0; i < keys->len; i++) {
        const csl_value *val = g_hash_table_lookup(it->vars, keys->pdata[i]);
        json_builder_set_member_name(jb, keys->pdata[i]);
        switch (val->kind) {
        case CSL_VAR_TEXT:
            json_builder_add_string_value(jb, val->v.text);
            break;
        case CSL_VAR_NAMES:
            json_builder_begin_array(jb);
            for (size_t n = 0; n < val->v.names.n; n++)
                dump_name(jb, &val->v.names.names[n]);
            json_builder_end_array(jb);
            break;
        case CSL_VAR_DATE:
            dump_date(jb, &val->v.date);
            break;
        }
    }
    g_ptr_array_free(keys, TRUE);
    json_builder_end_object(jb);
}

int bib_dump_command(int argc, char **argv)
{
    int status = 2;
    int i = 0;
    if (i < argc && !strcmp(argv[i], "bib"))
        i++;
    if (i >= argc || strcmp(argv[i], "--dump") != 0 || i + 1 >= argc) {
        fputs("usage: folio bib --dump FILE.bib|FILE.json...\n", stderr);
        return 2;
    }
    csl_bib *b = csl_bib_new();
    JsonBuilder *jb = NULL;
    status = 1;
    for (i++; i < argc; i++)
        if (!bib_load(argv[i], b, NULL, 0, 0))
            goto out;
    jb = json_builder_new();
    json_builder_begin_array(jb);
    for (guint n = 0; n < b->items->len; n++)
        dump_item(jb, b->items->pdata[n]);
    json_builder_end_array(jb);
    JsonNode *root = json_builder_get_root(jb);
    JsonGenerator *gen = json_generator_new();
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, 2);
    json_generator_set_root(gen, root);
    char *out = json_generator_to_data(gen, NULL);
    puts(out);
    g_free(out);
    g_object_unref(gen);
    json_node_unref(root);
    status = 0;
out:
    if (jb)
        g_object_unref(jb);
    csl_bib_free(b);
    return status;
}
