/* manifest.c: reading a pack manifest (YAML, through libyaml) into a
 * pack_manifest. Every problem is one file:line:col error: invalid YAML, an
 * unknown key, a value of the wrong type, a missing required key, a date
 * that is not a date, a manuscript that does not exist. */
#include "pack.h"

#include <string.h>

#include "../base/terms.h"
#include "../parse/parse.h"

typedef struct {
    pack_manifest *m;
    yaml_document_t y;
    bool ok;
} reader;

static void error_at(reader *r, const yaml_node_t *n, const char *fmt, const char *a, const char *b)
{
    if (!r->ok)
        return;
    diag_error(r->m->path, parse_yaml_line(n, 1), parse_yaml_col(n), fmt, a, b);
    r->ok = false;
}

/* A scalar's text (in the arena), or NULL after an error naming key. */
static const char *scalar(reader *r, const yaml_node_t *n, const char *key)
{
    if (n->type != YAML_SCALAR_NODE) {
        error_at(r, n, "'%s' must be a single value, not %s", key, parse_yaml_type_name(n));
        return NULL;
    }
    return arena_strndup(r->m->a, (const char *)n->data.scalar.value, n->data.scalar.length);
}

static void read_agenda(reader *r, const yaml_node_t *list)
{
    pack_manifest *m = r->m;
    if (list->type != YAML_SEQUENCE_NODE) {
        error_at(r, list, "'%s' must be a list of {time, item, speaker}, not %s", "agenda",
                 parse_yaml_type_name(list));
        return;
    }
    size_t n = (size_t)(list->data.sequence.items.top - list->data.sequence.items.start);
    m->agenda = ARENA_ARRAY(m->a, pack_agenda_item, n + 1);
    for (size_t i = 0; i < n && r->ok; i++) {
        yaml_node_t *e = yaml_document_get_node(&r->y, list->data.sequence.items.start[i]);
        if (e->type != YAML_MAPPING_NODE) {
            error_at(r, e, "an agenda entry must be a mapping {time, item, speaker}, not %s",
                     parse_yaml_type_name(e), NULL);
            return;
        }
        pack_agenda_item *a = &m->agenda[m->n_agenda++];
        for (yaml_node_pair_t *p = e->data.mapping.pairs.start; p < e->data.mapping.pairs.top;
             p++) {
            yaml_node_t *k = yaml_document_get_node(&r->y, p->key);
            yaml_node_t *v = yaml_document_get_node(&r->y, p->value);
            const char *key = scalar(r, k, "agenda key");
            if (!key)
                return;
            const char *val = scalar(r, v, key);
            if (!strcmp(key, "time"))
                a->time = val;
            else if (!strcmp(key, "item"))
                a->item = val;
            else if (!strcmp(key, "speaker"))
                a->speaker = val;
            else
                error_at(r, k, "unknown agenda key '%s' (time, item, speaker)", key, NULL);
        }
        if (r->ok && (!a->time || !a->item))
            error_at(r, e, "an agenda entry needs a time and an item", NULL, NULL);
    }
}

/* The manuscripts, relative to the manifest's directory; each must exist. */
static void read_manuscripts(reader *r, const yaml_node_t *list)
{
    pack_manifest *m = r->m;
    if (list->type != YAML_SEQUENCE_NODE) {
        error_at(r, list, "'%s' must be a list of manuscript files, not %s", "manuscripts",
                 parse_yaml_type_name(list));
        return;
    }
    size_t n = (size_t)(list->data.sequence.items.top - list->data.sequence.items.start);
    if (n == 0)
        error_at(r, list, "'%s' lists no manuscript", "manuscripts", NULL);
    m->manuscripts = ARENA_ARRAY(m->a, const char *, n + 1);
    char *dir = g_path_get_dirname(m->path);
    for (size_t i = 0; i < n && r->ok; i++) {
        yaml_node_t *e = yaml_document_get_node(&r->y, list->data.sequence.items.start[i]);
        const char *rel = scalar(r, e, "manuscripts entry");
        if (!rel)
            break;
        char *path = g_path_is_absolute(rel) ? g_strdup(rel) : g_build_filename(dir, rel, NULL);
        if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
            error_at(r, e, "manuscript '%s' not found", rel, NULL);
        else
            m->manuscripts[m->n_manuscripts++] = arena_strdup(m->a, path);
        g_free(path);
    }
    g_free(dir);
}

/* One top-level key. */
static void read_key(reader *r, const yaml_node_t *k, const yaml_node_t *v)
{
    pack_manifest *m = r->m;
    const char *key = scalar(r, k, "key");
    if (!key)
        return;
    struct {
        const char *name;
        const char **field;
    } text[] = {{"title", &m->title},         {"subtitle", &m->subtitle},
                {"organiser", &m->organiser}, {"host", &m->host},
                {"date", &m->date},           {"venue", &m->venue},
                {"lang", &m->lang},           {"introduction", &m->introduction}};
    for (size_t i = 0; i < G_N_ELEMENTS(text); i++)
        if (!strcmp(key, text[i].name)) {
            *text[i].field = scalar(r, v, key);
            if (!strcmp(key, "introduction"))
                m->introduction_line = parse_yaml_line(v, 1);
            int y, mo, d;
            if (r->ok && !strcmp(key, "date") && !term_date_parse(m->date, &y, &mo, &d))
                error_at(r, v, "date '%s' is not YYYY-MM-DD (or YYYY-MM, YYYY)", m->date, NULL);
            return;
        }
    if (!strcmp(key, "agenda"))
        read_agenda(r, v);
    else if (!strcmp(key, "manuscripts"))
        read_manuscripts(r, v);
    else
        error_at(r, k,
                 "unknown key '%s' (title, subtitle, organiser, host, date, venue, lang, "
                 "introduction, agenda, manuscripts)",
                 key, NULL);
}

pack_manifest *pack_manifest_load(const char *path)
{
    pack_manifest *m = g_new0(pack_manifest, 1);
    m->a = arena_new();
    m->path = arena_strdup(m->a, path);
    char *base = g_path_get_basename(path);
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    m->name = arena_strdup(m->a, base);
    g_free(base);
    reader r = {.m = m, .ok = false};
    char *data = NULL;
    size_t len = 0;
    deps_record(path);
    if (!file_read(path, NULL, 0, 0, &data, &len) || !text_check(path, data, len) ||
        !parse_yaml_load(path, data, len, 1, &r.y))
        goto out;
    r.ok = true;
    yaml_node_t *root = yaml_document_get_root_node(&r.y);
    if (!root || root->type != YAML_MAPPING_NODE) {
        if (root)
            error_at(&r, root, "a pack manifest must be a mapping of keys, not %s",
                     parse_yaml_type_name(root), NULL);
        else {
            diag_error(path, 1, 1, "the pack manifest is empty");
            r.ok = false;
        }
    }
    for (yaml_node_pair_t *p = r.ok ? root->data.mapping.pairs.start : NULL;
         p && p < root->data.mapping.pairs.top && r.ok; p++)
        read_key(&r, yaml_document_get_node(&r.y, p->key), yaml_document_get_node(&r.y, p->value));
    if (r.ok && !m->title)
        error_at(&r, root, "the pack manifest has no '%s'", "title", NULL);
    if (r.ok && !m->n_manuscripts)
        error_at(&r, root, "the pack manifest has no '%s'", "manuscripts", NULL);
    yaml_document_delete(&r.y);
out:
    g_free(data);
    if (!r.ok) {
        pack_manifest_free(m);
        return NULL;
    }
    return m;
}

void pack_manifest_free(pack_manifest *m)
{
    if (!m)
        return;
    arena_free(m->a);
    g_free(m);
}
