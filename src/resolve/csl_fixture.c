/* csl_fixture.c: `folio cite`, the runner for the CSL test suite's fixtures
 * (../shared/corpus/README.md describes the format). A fixture holds a
 * style, CSL-JSON items, optionally citations, and the expected result in
 * citeproc-js's html format; the runner prints what folio renders, or with
 * --fixtures compares every fixture in a directory and prints a summary. */
#include <dirent.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "bib.h"
#include "csl_int.h"

typedef struct {
    char *name;    /* upper case */
    char *text;    /* trimmed content */
    unsigned line; /* line of the first content line */
} section;

typedef struct {
    GPtrArray *sections; /* section* */
} fixture;

static void fixture_free(fixture *f)
{
    for (guint i = 0; i < f->sections->len; i++) {
        section *s = f->sections->pdata[i];
        g_free(s->name);
        g_free(s->text);
        g_free(s);
    }
    g_ptr_array_free(f->sections, TRUE);
}

static const section *find(const fixture *f, const char *name)
{
    for (guint i = 0; i < f->sections->len; i++) {
        section *s = f->sections->pdata[i];
        if (!strcmp(s->name, name))
            return s;
    }
    return NULL;
}

/* The section name on a marker line ("  >>===== MODE =====>>"). */
static char *marker_name(const char *line, const char *mark)
{
    const char *p = strstr(line, mark);
    if (!p)
        return NULL;
    p += strlen(mark);
    while (*p == '=' || *p == ' ')
        p++;
    const char *e = p;
    while (*e && *e != '=' && *e != ' ' && *e != '>' && *e != '<')
        e++;
    if (e == p)
        return NULL;
    return g_ascii_strup(p, e - p);
}

static void parse_fixture(const char *data, fixture *f)
{
    f->sections = g_ptr_array_new();
    if (g_str_has_prefix(data, "\xEF\xBB\xBF"))
        data += 3;
    gchar **lines = g_strsplit(data, "\n", -1);
    section *cur = NULL;
    GString *buf = NULL;
    unsigned start = 0;
    for (unsigned i = 0; lines[i]; i++) {
        const char *l = lines[i];
        if (!cur) {
            char *name = marker_name(l, ">>=");
            if (name) {
                cur = g_new0(section, 1);
                cur->name = name;
                buf = g_string_new(NULL);
                start = i + 2;
            }
            continue;
        }
        char *close = marker_name(l, "<<=");
        if (close && !strcmp(close, cur->name)) {
            g_free(close);
            /* leading and trailing whitespace trimmed; count skipped lines */
            const char *t = buf->str;
            unsigned skipped = 0;
            while (*t && g_ascii_isspace(*t)) {
                if (*t == '\n')
                    skipped++;
                t++;
            }
            cur->line = start + skipped;
            cur->text = g_strstrip(g_strdup(t));
            g_string_free(buf, TRUE);
            g_ptr_array_add(f->sections, cur);
            cur = NULL;
            continue;
        }
        g_free(close);
        g_string_append(buf, l);
        g_string_append_c(buf, '\n');
    }
    if (cur) {
        g_free(cur->name);
        g_free(cur);
        g_string_free(buf, TRUE);
    }
    g_strfreev(lines);
}

/* Text padded with newlines so that positions inside it match the fixture
 * file's lines; an XML declaration (which must come first) is dropped. */
static char *padded(const section *s)
{
    const char *t = s->text;
    if (g_str_has_prefix(t, "<?xml")) {
        const char *e = strstr(t, "?>");
        if (e)
            t = e + 2;
    }
    GString *g = g_string_new(NULL);
    for (unsigned i = 1; i < s->line; i++)
        g_string_append_c(g, '\n');
    g_string_append(g, t);
    return g_string_free(g, FALSE);
}

/* ---- citations --------------------------------------------------------------------- */

typedef struct {
    GArray *cites;  /* csl_cite */
    GArray *forced; /* int position per cite (-1) */
    GArray *near;   /* gboolean per cite */
    unsigned note;
    char *id; /* citationID (CITATIONS) */
    bool author_in_text; /* folio's extension: "author-in-text": true on a cite */
} fx_citation;

static char *member_string(JsonObject *o, const char *key)
{
    if (!json_object_has_member(o, key))
        return NULL;
    JsonNode *n = json_object_get_member(o, key);
    if (JSON_NODE_TYPE(n) != JSON_NODE_VALUE)
        return NULL;
    GType t = json_node_get_value_type(n);
    if (t == G_TYPE_STRING)
        return g_strdup(json_node_get_string(n));
    if (t == G_TYPE_INT64)
        return g_strdup_printf("%" G_GINT64_FORMAT, json_node_get_int(n));
    if (t == G_TYPE_DOUBLE)
        return g_strdup_printf("%g", json_node_get_double(n));
    return NULL;
}

static bool member_bool(JsonObject *o, const char *key)
{
    if (!json_object_has_member(o, key))
        return false;
    JsonNode *n = json_object_get_member(o, key);
    if (JSON_NODE_TYPE(n) != JSON_NODE_VALUE)
        return false;
    GType t = json_node_get_value_type(n);
    if (t == G_TYPE_BOOLEAN)
        return json_node_get_boolean(n);
    if (t == G_TYPE_INT64)
        return json_node_get_int(n) != 0;
    return false;
}

static fx_citation *citation_from_items(JsonArray *items)
{
    fx_citation *c = g_new0(fx_citation, 1);
    c->cites = g_array_new(FALSE, TRUE, sizeof(csl_cite));
    c->forced = g_array_new(FALSE, TRUE, sizeof(int));
    c->near = g_array_new(FALSE, TRUE, sizeof(gboolean));
    guint n = items ? json_array_get_length(items) : 0;
    for (guint i = 0; i < n; i++) {
        JsonNode *e = json_array_get_element(items, i);
        if (!JSON_NODE_HOLDS_OBJECT(e))
            continue;
        JsonObject *o = json_node_get_object(e);
        csl_cite ct = {0};
        ct.id = member_string(o, "id");
        ct.locator = member_string(o, "locator");
        ct.label = member_string(o, "label");
        ct.prefix = member_string(o, "prefix");
        ct.suffix = member_string(o, "suffix");
        ct.suppress_author = member_bool(o, "suppress-author");
        ct.author_only = member_bool(o, "author-only");
        g_array_append_val(c->cites, ct);
        int pos = -1;
        char *ps = member_string(o, "position");
        if (ps)
            pos = atoi(ps);
        g_free(ps);
        g_array_append_val(c->forced, pos);
        gboolean near = member_bool(o, "near-note");
        g_array_append_val(c->near, near);
        c->author_in_text = c->author_in_text || member_bool(o, "author-in-text");
    }
    return c;
}

/* Frees an array of csl_cite whose strings the array owns (fixtures and the
 * try command both read cites from JSON into one). */
void csl_cites_free(GArray *cites)
{
    for (guint i = 0; i < cites->len; i++) {
        csl_cite *ct = &g_array_index(cites, csl_cite, i);
        g_free((char *)ct->id);
        g_free((char *)ct->locator);
        g_free((char *)ct->label);
        g_free((char *)ct->prefix);
        g_free((char *)ct->suffix);
    }
    g_array_free(cites, TRUE);
}

static void citation_free(fx_citation *c)
{
    csl_cites_free(c->cites);
    g_array_free(c->forced, TRUE);
    g_array_free(c->near, TRUE);
    g_free(c->id);
    g_free(c);
}

/* Renders CITS (in document order) with a fresh processor; each result is
 * appended to OUT as HTML (g_free'd by the caller) when OUT is given, and
 * the bibliography to BIB when given. */
static void run(const csl_style *st, const csl_bib *bib, GPtrArray *cits, GPtrArray *out,
                GString *bibout, bool cite_all_separately)
{
    csl_proc *p = csl_proc_new(st, bib, NULL);
    if (cite_all_separately) {
        for (guint i = 0; i < bib->items->len; i++) {
            csl_cite ct = {0};
            ct.id = ((csl_item *)bib->items->pdata[i])->id;
            csl_proc_add_citation(p, &ct, 1, 0, false);
        }
    }
    for (guint i = 0; i < cits->len; i++) {
        fx_citation *c = cits->pdata[i];
        size_t ci =
            csl_proc_add_citation(p, (csl_cite *)c->cites->data, c->cites->len, c->note,
                                  c->author_in_text);
        for (guint k = 0; k < c->cites->len; k++) {
            int pos = g_array_index(c->forced, int, k);
            gboolean near = g_array_index(c->near, gboolean, k);
            if (pos >= 0 || near)
                csl_proc_force_position(p, ci, k, pos, near);
        }
    }
    csl_proc_run(p);
    if (out)
        for (size_t i = 0; i < csl_proc_citation_count(p); i++)
            g_ptr_array_add(out, csl_rich_html(csl_proc_citation(p, i)));
    if (bibout) {
        g_string_append(bibout, "<div class=\"csl-bib-body\">\n");
        for (size_t i = 0; i < csl_proc_bib_count(p); i++) {
            char *h = csl_rich_html(csl_proc_bib_entry(p, i, NULL));
            g_string_append_printf(bibout, "  <div class=\"csl-entry\">%s</div>\n", h);
            g_free(h);
        }
        g_string_append(bibout, "</div>");
    }
    csl_proc_free(p);
}

static JsonNode *parse_json(JsonParser *jp, const char *path, const section *s)
{
    char *t = padded(s);
    GError *err = NULL;
    JsonNode *root = NULL;
    if (json_parser_load_from_data(jp, t, -1, &err))
        root = json_parser_get_root(jp);
    else {
        unsigned line = 0, col = 0;
        const char *c = strchr(err->message, ':');
        if (c)
            sscanf(c + 1, "%u:%u", &line, &col);
        diag_error(path, line, col, "invalid JSON in %s", s->name);
        g_error_free(err);
    }
    g_free(t);
    return root;
}

/* The CITATIONS section: [citation, pre, post] triples applied in turn. */
static bool citations_section(const char *path, const section *s, GPtrArray *steps)
{
    JsonParser *jp = json_parser_new();
    JsonNode *root = parse_json(jp, path, s);
    bool ok = root && JSON_NODE_HOLDS_ARRAY(root);
    if (ok) {
        JsonArray *a = json_node_get_array(root);
        for (guint i = 0; i < json_array_get_length(a); i++) {
            JsonNode *t = json_array_get_element(a, i);
            if (!JSON_NODE_HOLDS_ARRAY(t) || json_array_get_length(json_node_get_array(t)) < 1)
                continue;
            JsonArray *ta = json_node_get_array(t);
            JsonNode *cn = json_array_get_element(ta, 0);
            if (!JSON_NODE_HOLDS_OBJECT(cn))
                continue;
            JsonObject *co = json_node_get_object(cn);
            JsonArray *items = json_object_has_member(co, "citationItems")
                                   ? json_object_get_array_member(co, "citationItems")
                                   : NULL;
            fx_citation *c = citation_from_items(items);
            c->id = member_string(co, "citationID");
            if (json_object_has_member(co, "properties")) {
                JsonObject *pr = json_object_get_object_member(co, "properties");
                char *ni = pr ? member_string(pr, "noteIndex") : NULL;
                c->note = ni ? (unsigned)atoi(ni) : 0;
                g_free(ni);
            }
            /* the order: pre, this, post (pairs [id, note]) */
            GPtrArray *order = g_ptr_array_new_with_free_func(g_free);
            GArray *notes = g_array_new(FALSE, FALSE, sizeof(unsigned));
            for (guint part = 1; part <= 2; part++) {
                if (part == 2) {
                    g_ptr_array_add(order, g_strdup(c->id ? c->id : ""));
                    g_array_append_val(notes, c->note);
                }
                if (json_array_get_length(ta) <= part)
                    continue;
                JsonNode *ln = json_array_get_element(ta, part);
                if (!JSON_NODE_HOLDS_ARRAY(ln))
                    continue;
                JsonArray *la = json_node_get_array(ln);
                for (guint k = 0; k < json_array_get_length(la); k++) {
                    JsonNode *pn = json_array_get_element(la, k);
                    if (!JSON_NODE_HOLDS_ARRAY(pn))
                        continue;
                    JsonArray *pa = json_node_get_array(pn);
                    if (json_array_get_length(pa) < 1)
                        continue;
                    const char *pid = json_array_get_string_element(pa, 0);
                    unsigned note = json_array_get_length(pa) > 1
                                        ? (unsigned)json_array_get_int_element(pa, 1)
                                        : 0;
                    g_ptr_array_add(order, g_strdup(pid ? pid : ""));
                    g_array_append_val(notes, note);
                }
            }
            GPtrArray *step = g_ptr_array_new();
            g_ptr_array_add(step, c);
            g_ptr_array_add(step, order);
            g_ptr_array_add(step, notes);
            g_ptr_array_add(steps, step);
        }
    } else if (root) {
        diag_error(path, s->line, 1, "CITATIONS must be a JSON array");
    }
    g_object_unref(jp);
    return ok;
}

static void free_steps(GPtrArray *steps)
{
    for (guint i = 0; i < steps->len; i++) {
        GPtrArray *step = steps->pdata[i];
        citation_free(step->pdata[0]);
        g_ptr_array_free(step->pdata[1], TRUE);
        g_array_free(step->pdata[2], TRUE);
        g_ptr_array_free(step, TRUE);
    }
    g_ptr_array_free(steps, TRUE);
}

/* The document after applying steps [0, upto): citations in order. */
static GPtrArray *document_after(GPtrArray *steps, guint upto)
{
    GHashTable *by_id = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *doc = g_ptr_array_new();
    for (guint i = 0; i < upto; i++) {
        GPtrArray *step = steps->pdata[i];
        fx_citation *c = step->pdata[0];
        GPtrArray *order = step->pdata[1];
        GArray *notes = step->pdata[2];
        g_hash_table_insert(by_id, c->id ? c->id : "", c);
        g_ptr_array_set_size(doc, 0);
        for (guint k = 0; k < order->len; k++) {
            fx_citation *d = g_hash_table_lookup(by_id, order->pdata[k]);
            if (!d)
                continue;
            d->note = g_array_index(notes, unsigned, k);
            g_ptr_array_add(doc, d);
        }
    }
    g_hash_table_destroy(by_id);
    return doc;
}

/* Runs one fixture; *result receives the rendered text. False on errors. */
static bool run_fixture(const char *path, const char *locales, char **result, char **expected)
{
    bool ok = false;
    char *data = NULL;
    size_t len = 0;
    fixture f = {0};
    csl_style *st = NULL;
    csl_bib *bib = NULL;
    GString *out = g_string_new(NULL);
    *result = NULL;
    if (expected)
        *expected = NULL;
    if (!file_read(path, NULL, 0, 0, &data, &len))
        goto out;
    parse_fixture(data, &f);
    const section *mode = find(&f, "MODE"), *csl = find(&f, "CSL"), *input = find(&f, "INPUT"),
                  *res = find(&f, "RESULT");
    if (!mode || !csl) {
        diag_error(path, 1, 1, "not a CSL fixture (no MODE or CSL section)");
        goto out;
    }
    if (expected && res)
        *expected = g_strdup(res->text);
    char *xml = padded(csl);
    st = csl_style_load_data(path, xml, strlen(xml), NULL, locales);
    g_free(xml);
    if (!st)
        goto out;
    bib = csl_bib_new();
    if (input) {
        char *js = padded(input);
        bool bok = bib_json_load(path, js, strlen(js), bib);
        g_free(js);
        if (!bok)
            goto out;
    }
    bool bibmode = g_str_has_prefix(mode->text, "bibliography");
    const section *items = find(&f, "CITATION-ITEMS"), *cits = find(&f, "CITATIONS");
    if (cits) {
        GPtrArray *steps = g_ptr_array_new();
        if (!citations_section(path, cits, steps)) {
            free_steps(steps);
            goto out;
        }
        GPtrArray *after = document_after(steps, steps->len);
        if (bibmode) {
            run(st, bib, after, NULL, out, false);
        } else {
            GPtrArray *before_doc = document_after(steps, steps->len ? steps->len - 1 : 0);
            GPtrArray *before = g_ptr_array_new_with_free_func(g_free);
            run(st, bib, before_doc, before, NULL, false);
            bool note_sensitive = strstr(csl->text, "first-reference-note-number") != NULL;
            GHashTable *prev = g_hash_table_new(g_str_hash, g_str_equal);
            GHashTable *prev_note = g_hash_table_new(g_str_hash, g_str_equal);
            for (guint i = 0; i < before_doc->len; i++) {
                fx_citation *c = before_doc->pdata[i];
                g_hash_table_insert(prev, c->id, before->pdata[i]);
                g_hash_table_insert(prev_note, c->id, GUINT_TO_POINTER(c->note + 1));
            }
            /* notes as the last step set them */
            GPtrArray *final_doc = document_after(steps, steps->len);
            GPtrArray *now = g_ptr_array_new_with_free_func(g_free);
            run(st, bib, final_doc, now, NULL, false);
            fx_citation *last =
                steps->len ? ((GPtrArray *)steps->pdata[steps->len - 1])->pdata[0] : NULL;
            for (guint i = 0; i < final_doc->len; i++) {
                fx_citation *c = final_doc->pdata[i];
                const char *old = g_hash_table_lookup(prev, c->id);
                unsigned old_note = GPOINTER_TO_UINT(g_hash_table_lookup(prev_note, c->id));
                /* citeproc-js also reports citations whose note moved when
                 * the style shows first-reference-note-number */
                bool changed = c == last || !old || strcmp(old, now->pdata[i]) != 0 ||
                               (note_sensitive && old_note != c->note + 1);
                g_string_append_printf(out, "%s%s[%u] %s", i ? "\n" : "", changed ? ">>" : "..", i,
                                       (char *)now->pdata[i]);
            }
            g_hash_table_destroy(prev);
            g_hash_table_destroy(prev_note);
            g_ptr_array_free(before, TRUE);
            g_ptr_array_free(now, TRUE);
            g_ptr_array_free(before_doc, TRUE);
            g_ptr_array_free(final_doc, TRUE);
        }
        g_ptr_array_free(after, TRUE);
        free_steps(steps);
    } else {
        GPtrArray *list = g_ptr_array_new_with_free_func((GDestroyNotify)citation_free);
        if (items) {
            JsonParser *jp = json_parser_new();
            JsonNode *root = parse_json(jp, path, items);
            if (root && JSON_NODE_HOLDS_ARRAY(root)) {
                JsonArray *a = json_node_get_array(root);
                for (guint i = 0; i < json_array_get_length(a); i++) {
                    JsonNode *e = json_array_get_element(a, i);
                    fx_citation *c = citation_from_items(
                        JSON_NODE_HOLDS_ARRAY(e) ? json_node_get_array(e) : NULL);
                    g_ptr_array_add(list, c);
                }
            }
            g_object_unref(jp);
            if (!root) {
                g_ptr_array_free(list, TRUE);
                goto out;
            }
        } else if (!bibmode) {
            /* every item, in INPUT order, as one citation */
            fx_citation *c = citation_from_items(NULL);
            for (guint i = 0; i < bib->items->len; i++) {
                csl_cite ct = {0};
                ct.id = g_strdup(((csl_item *)bib->items->pdata[i])->id);
                g_array_append_val(c->cites, ct);
                int pos = -1;
                gboolean near = FALSE;
                g_array_append_val(c->forced, pos);
                g_array_append_val(c->near, near);
            }
            g_ptr_array_add(list, c);
        }
        if (bibmode) {
            run(st, bib, list, NULL, out, !items);
        } else {
            GPtrArray *res_list = g_ptr_array_new_with_free_func(g_free);
            run(st, bib, list, res_list, NULL, false);
            for (guint i = 0; i < res_list->len; i++)
                g_string_append_printf(out, "%s%s", i ? "\n" : "", (char *)res_list->pdata[i]);
            g_ptr_array_free(res_list, TRUE);
        }
        g_ptr_array_free(list, TRUE);
    }
    ok = true;
out:
    *result = g_string_free(out, !ok);
    if (bib)
        csl_bib_free(bib);
    csl_style_free(st);
    if (f.sections)
        fixture_free(&f);
    g_free(data);
    return ok;
}

static int usage(void)
{
    fputs("usage: folio cite --fixture FILE.txt [--locales DIR]\n"
          "       folio cite --fixtures DIR [--locales DIR]\n"
          "       folio cite --style STYLE --bib FILE.json|FILE.bib [--cites FILE.json]\n"
          "                  [--lang xx-XX] [--locales DIR] [--dump=doc]\n",
          stderr);
    return 2;
}

static int cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every *.txt fixture in DIR, printing PASS/FAIL lines and a summary. */
static int run_dir(const char *dir, const char *locales)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d) {
        diag_error(dir, 0, 0, "cannot read fixture directory");
        return 1;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while ((n = g_dir_read_name(d)))
        if (g_str_has_suffix(n, ".txt"))
            g_ptr_array_add(names, g_strdup(n));
    g_dir_close(d);
    g_ptr_array_sort(names, cmp_str);
    unsigned pass = 0;
    for (guint i = 0; i < names->len; i++) {
        char *path = g_build_filename(dir, names->pdata[i], NULL);
        char *result = NULL, *expected = NULL;
        bool ok = run_fixture(path, locales, &result, &expected);
        bool same = ok && expected && strcmp(g_strstrip(result), expected) == 0;
        char *base = g_strndup(names->pdata[i], strlen(names->pdata[i]) - 4);
        printf("%s %s\n", same ? "PASS" : "FAIL", base);
        pass += same;
        g_free(base);
        g_free(result);
        g_free(expected);
        g_free(path);
    }
    printf("csl fixtures: %u/%u pass\n", pass, names->len);
    g_ptr_array_free(names, TRUE);
    return 0;
}

int csl_fixture_command(int argc, char **argv)
{
    const char *file = NULL, *dir = NULL, *locales = NULL, *style = NULL, *bibfile = NULL,
               *lang = NULL, *cites = NULL;
    bool as_doc = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--style") && i + 1 < argc)
            style = argv[++i];
        else if (!strcmp(a, "--bib") && i + 1 < argc)
            bibfile = argv[++i];
        else if (!strcmp(a, "--cites") && i + 1 < argc)
            cites = argv[++i];
        else if (!strcmp(a, "--lang") && i + 1 < argc)
            lang = argv[++i];
        else if (!strcmp(a, "--dump=doc"))
            as_doc = true;
        else if (!strcmp(a, "--fixture") && i + 1 < argc)
            file = argv[++i];
        else if (!strcmp(a, "--fixtures") && i + 1 < argc)
            dir = argv[++i];
        else if (!strcmp(a, "--locales") && i + 1 < argc)
            locales = argv[++i];
        else if (g_str_has_prefix(a, "--fixture="))
            file = a + 10;
        else if (g_str_has_prefix(a, "--fixtures="))
            dir = a + 11;
        else if (g_str_has_prefix(a, "--locales="))
            locales = a + 10;
        else
            return usage();
    }
    if (style || bibfile || cites) {
        if (!style || !bibfile || file || dir)
            return usage();
        return csl_try_command(style, bibfile, cites, locales, lang, as_doc);
    }
    if ((!file) == (!dir))
        return usage();
    if (dir) {
        diag_set_quiet_warnings(true);
        return run_dir(dir, locales);
    }
    char *result = NULL;
    bool ok = run_fixture(file, locales, &result, NULL);
    if (ok) {
        fputs(result, stdout);
        fputc('\n', stdout);
    }
    g_free(result);
    return ok ? 0 : 1;
}
