/* meta.c: the YAML front matter, with pandoc's field names, into doc_meta.
 * Known fields are checked for type; unknown fields are kept as text. */
#include "parse.h"

#include "../base/terms.h"

#include <json-glib/json-glib.h>

#include <string.h>

const char *const parse_categories[PARSE_N_CATEGORIES] = {
    "Alternative approaches to law enforcement",
    "Balloon effect",
    "Corruption",
    "Costs of law enforcement approaches",
    "Crop eradication",
    "Demand reduction strategies",
    "Discrimination against people who use drugs",
    "Drug market-related violence",
    "Economic impact of law enforcement measures",
    "Environmental impact of law enforcement measures",
    "Harm reduction strategies and methods",
    "Public health impacts",
    "Human rights violations",
    "International law applicable to drug control activities",
    "Organised crime and drug markets",
    "Punishment and incarceration",
    "Supply reduction strategies",
    "Training tools for law enforcement",
};

typedef struct {
    doc *d;
    yaml_document_t *y;
    unsigned first_line;
} meta_ctx;

static bool type_error(meta_ctx *c, yaml_node_t *n, const char *key, const char *want)
{
    diag_error(c->d->path, parse_yaml_line(n, c->first_line), parse_yaml_col(n),
               "front matter field '%s' must be %s, not %s", key, want, parse_yaml_type_name(n));
    return false;
}

/* A scalar field into *out. */
static bool get_text(meta_ctx *c, yaml_node_t *n, const char *key, const char **out)
{
    if (n->type != YAML_SCALAR_NODE)
        return type_error(c, n, key, "text");
    *out = arena_strndup(c->d->arena, (const char *)n->data.scalar.value, n->data.scalar.length);
    return true;
}

/* A scalar or a list of scalars into a string array. */
static bool get_list(meta_ctx *c, yaml_node_t *n, const char *key, const char ***out, size_t *count)
{
    if (n->type == YAML_SCALAR_NODE) {
        *out = ARENA_ARRAY(c->d->arena, const char *, 1);
        (*out)[0] =
            arena_strndup(c->d->arena, (const char *)n->data.scalar.value, n->data.scalar.length);
        *count = 1;
        return true;
    }
    if (n->type != YAML_SEQUENCE_NODE)
        return type_error(c, n, key, "text or a list of texts");
    size_t len = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    *out = ARENA_ARRAY(c->d->arena, const char *, len ? len : 1);
    *count = 0;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
         it++) {
        yaml_node_t *item = yaml_document_get_node(c->y, *it);
        if (item->type != YAML_SCALAR_NODE)
            return type_error(c, item, key, "a list of texts");
        (*out)[(*count)++] = arena_strndup(c->d->arena, (const char *)item->data.scalar.value,
                                           item->data.scalar.length);
    }
    return true;
}

static yaml_node_t *map_lookup(meta_ctx *c, yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(c->y, p->key);
        if (k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0)
            return yaml_document_get_node(c->y, p->value);
    }
    return NULL;
}

/* author: "Name" | ["Name", ...] | [{name: .., affiliation: ..}, ...] */
static bool get_authors(meta_ctx *c, yaml_node_t *n)
{
    doc_meta *m = &c->d->meta;
    yaml_node_t *single[1] = {n};
    yaml_node_t **items = single;
    size_t len = 1;
    GPtrArray *tmp = NULL;
    if (n->type == YAML_SEQUENCE_NODE) {
        tmp = g_ptr_array_new();
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
             it++)
            g_ptr_array_add(tmp, yaml_document_get_node(c->y, *it));
        items = (yaml_node_t **)tmp->pdata;
        len = tmp->len;
    }
    bool ok = false;
    m->authors = ARENA_ARRAY(c->d->arena, doc_author, len ? len : 1);
    m->n_authors = 0;
    for (size_t i = 0; i < len; i++) {
        yaml_node_t *a = items[i];
        doc_author *au = &m->authors[m->n_authors];
        if (a->type == YAML_SCALAR_NODE) {
            au->name = arena_strndup(c->d->arena, (const char *)a->data.scalar.value,
                                     a->data.scalar.length);
        } else if (a->type == YAML_MAPPING_NODE) {
            yaml_node_t *name = map_lookup(c, a, "name");
            if (!name) {
                diag_error(c->d->path, parse_yaml_line(a, c->first_line), parse_yaml_col(a),
                           "an author given as a mapping needs a 'name'");
                goto out;
            }
            if (!get_text(c, name, "author name", &au->name))
                goto out;
            yaml_node_t *aff = map_lookup(c, a, "affiliation");
            if (aff && !get_text(c, aff, "author affiliation", &au->affiliation))
                goto out;
        } else {
            type_error(c, a, "author", "a name, a list of names or a list of {name, affiliation}");
            goto out;
        }
        if (!*au->name) {
            diag_error(c->d->path, parse_yaml_line(a, c->first_line), parse_yaml_col(a),
                       "an author's name is empty");
            goto out;
        }
        m->n_authors++;
    }
    ok = true;
out:
    if (tmp)
        g_ptr_array_free(tmp, TRUE);
    return ok;
}

/* A BCP 47 tag in its common shape: 2-3 letter language, then subtags. */
static bool lang_valid(const char *s)
{
    gchar **parts = g_strsplit(s, "-", -1);
    bool ok = parts[0] != NULL;
    for (int i = 0; ok && parts[i]; i++) {
        size_t n = strlen(parts[i]);
        ok = i == 0 ? (n >= 2 && n <= 3) : (n >= 1 && n <= 8);
        for (size_t k = 0; ok && k < n; k++)
            ok = g_ascii_isalnum(parts[i][k]) && (i > 0 || g_ascii_isalpha(parts[i][k]));
    }
    g_strfreev(parts);
    return ok;
}

/* Unknown fields are kept as text: scalars as they are, others in flow style. */
static char *flow_text(meta_ctx *c, yaml_node_t *n)
{
    GString *s = g_string_new(NULL);
    if (n->type == YAML_SCALAR_NODE) {
        g_string_append_len(s, (const char *)n->data.scalar.value, (gssize)n->data.scalar.length);
    } else if (n->type == YAML_SEQUENCE_NODE) {
        g_string_append_c(s, '[');
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
             it++) {
            yaml_node_t *item = yaml_document_get_node(c->y, *it);
            if (it != n->data.sequence.items.start)
                g_string_append(s, ", ");
            if (item->type == YAML_SCALAR_NODE)
                g_string_append(s, (const char *)item->data.scalar.value);
            else
                g_string_append(s, "...");
        }
        g_string_append_c(s, ']');
    } else {
        g_string_append(s, "{...}");
    }
    return g_string_free(s, FALSE);
}

/* Builds the JSON equivalent of a YAML node (plain integers become numbers),
 * iteratively bounded by the YAML document's own depth. */
static void yaml_to_json(meta_ctx *c, yaml_node_t *n, JsonBuilder *b, unsigned depth)
{
    if (depth > PARSE_MAX_DEPTH) {
        json_builder_add_null_value(b);
        return;
    }
    if (n->type == YAML_SCALAR_NODE) {
        const char *v = (const char *)n->data.scalar.value;
        char *end;
        long long x = g_ascii_strtoll(v, &end, 10);
        if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && *v && !*end && strlen(v) < 10)
            json_builder_add_int_value(b, x);
        else
            json_builder_add_string_value(b, v);
    } else if (n->type == YAML_SEQUENCE_NODE) {
        json_builder_begin_array(b);
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
             it++)
            yaml_to_json(c, yaml_document_get_node(c->y, *it), b, depth + 1);
        json_builder_end_array(b);
    } else if (n->type == YAML_MAPPING_NODE) {
        json_builder_begin_object(b);
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++) {
            yaml_node_t *k = yaml_document_get_node(c->y, p->key);
            json_builder_set_member_name(
                b, k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : "?");
            yaml_to_json(c, yaml_document_get_node(c->y, p->value), b, depth + 1);
        }
        json_builder_end_object(b);
    } else {
        json_builder_add_null_value(b);
    }
}

/* references: a list of CSL items (pandoc's CSL YAML), kept as CSL-JSON
 * text for the same reader that reads .json bibliographies. */
static bool get_references(meta_ctx *c, yaml_node_t *v)
{
    if (v->type != YAML_SEQUENCE_NODE)
        return type_error(c, v, "references", "a list of bibliography entries");
    JsonBuilder *b = json_builder_new();
    yaml_to_json(c, v, b, 0);
    JsonNode *root = json_builder_get_root(b);
    JsonGenerator *g = json_generator_new();
    json_generator_set_root(g, root);
    gchar *text = json_generator_to_data(g, NULL);
    c->d->meta.references_json = arena_strdup(c->d->arena, text);
    c->d->meta.references_span =
        (doc_span){c->d->path, parse_yaml_line(v, c->first_line), parse_yaml_col(v)};
    g_free(text);
    g_object_unref(g);
    json_node_unref(root);
    g_object_unref(b);
    return true;
}

static bool field(meta_ctx *c, const char *key, yaml_node_t *v)
{
    doc_meta *m = &c->d->meta;
    unsigned line = parse_yaml_line(v, c->first_line), col = parse_yaml_col(v);
    if (strcmp(key, "title") == 0) {
        m->title_span = (doc_span){c->d->path, line, col};
        return get_text(c, v, key, &m->title);
    }
    if (strcmp(key, "subtitle") == 0)
        return get_text(c, v, key, &m->subtitle);
    if (strcmp(key, "series") == 0)
        return get_text(c, v, key, &m->series);
    if (strcmp(key, "number") == 0)
        return get_text(c, v, key, &m->number);
    if (strcmp(key, "identifier") == 0)
        return get_text(c, v, key, &m->identifier);
    if (strcmp(key, "rights") == 0)
        return get_text(c, v, key, &m->rights);
    if (strcmp(key, "publisher") == 0)
        return get_text(c, v, key, &m->publisher);
    if (strcmp(key, "csl") == 0) {
        m->csl_span = (doc_span){c->d->path, line, col};
        return get_text(c, v, key, &m->csl);
    }
    if (strcmp(key, "author") == 0)
        return get_authors(c, v);
    if (strcmp(key, "keywords") == 0)
        return get_list(c, v, key, &m->keywords, &m->n_keywords);
    if (strcmp(key, "bibliography") == 0) {
        m->bibliography_span = (doc_span){c->d->path, line, col};
        return get_list(c, v, key, &m->bibliography, &m->n_bibliography);
    }
    if (strcmp(key, "references") == 0)
        return get_references(c, v);
    if (strcmp(key, "date") == 0) {
        if (!get_text(c, v, key, &m->date))
            return false;
        int y, mo, da;
        if (!term_date_parse(m->date, &y, &mo, &da)) {
            diag_error(c->d->path, line, col, "date '%s' is not YYYY-MM-DD (or YYYY-MM, YYYY)",
                       m->date);
            return false;
        }
        return true;
    }
    if (strcmp(key, "lang") == 0) {
        if (!get_text(c, v, key, &m->lang))
            return false;
        if (!lang_valid(m->lang)) {
            diag_error(c->d->path, line, col,
                       "lang '%s' is not a BCP 47 language tag such as en-GB", m->lang);
            return false;
        }
        if (!parse_lang_known(m->lang))
            diag_warning(c->d->path, line, col,
                         "lang '%s' is not a known language (ISO 639 code); check the spelling "
                         "(a tag such as en-GB, es, fr)",
                         m->lang);
        return true;
    }
    if (strcmp(key, "categories") == 0) {
        if (!get_list(c, v, key, &m->categories, &m->n_categories))
            return false;
        for (size_t i = 0; i < m->n_categories; i++) {
            bool known = false;
            for (size_t k = 0; k < PARSE_N_CATEGORIES && !known; k++)
                known = strcmp(m->categories[i], parse_categories[k]) == 0;
            if (!known) {
                diag_error(c->d->path, line, col,
                           "unknown category '%s' (see manuscripts/README.md for the 18 names)",
                           m->categories[i]);
                return false;
            }
        }
        return true;
    }
    if (strcmp(key, "abstract") == 0) {
        if (!get_text(c, v, key, &m->abstract_source))
            return false;
        /* A block scalar's text starts on the line after the key. */
        unsigned first = v->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                                 v->data.scalar.style == YAML_FOLDED_SCALAR_STYLE
                             ? line + 1
                             : line;
        m->abstract = doc_node_new(c->d, DOC_DOCUMENT, c->d->path, first, 1);
        return parse_markdown(c->d, m->abstract, m->abstract_source, strlen(m->abstract_source),
                              first);
    }
    /* Unknown fields are kept, not rejected. */
    char *text = flow_text(c, v);
    doc_extra *grown = ARENA_ARRAY(c->d->arena, doc_extra, m->n_extra + 1);
    if (m->n_extra)
        memcpy(grown, m->extra, sizeof(doc_extra) * m->n_extra);
    grown[m->n_extra].key = arena_strdup(c->d->arena, key);
    grown[m->n_extra].value = arena_strdup(c->d->arena, text);
    g_free(text);
    m->extra = grown;
    m->n_extra++;
    return true;
}

bool parse_meta(doc *d, const char *text, size_t len, unsigned first_line)
{
    yaml_document_t y;
    if (!parse_yaml_load(d->path, text, len, first_line, &y))
        return false;
    bool ok = false;
    meta_ctx c = {d, &y, first_line};
    yaml_node_t *root = yaml_document_get_root_node(&y);
    if (!root) { /* an empty front matter block is fine */
        ok = true;
        goto out;
    }
    if (root->type != YAML_MAPPING_NODE) {
        diag_error(d->path, parse_yaml_line(root, first_line), parse_yaml_col(root),
                   "front matter must be a mapping of fields (title: ..., author: ...), not %s",
                   parse_yaml_type_name(root));
        goto out;
    }
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(&y, p->key);
        yaml_node_t *v = yaml_document_get_node(&y, p->value);
        if (k->type != YAML_SCALAR_NODE) {
            diag_error(d->path, parse_yaml_line(k, first_line), parse_yaml_col(k),
                       "front matter keys must be plain names");
            goto out;
        }
        if (!field(&c, (const char *)k->data.scalar.value, v))
            goto out;
    }
    ok = true;
out:
    yaml_document_delete(&y);
    return ok;
}
