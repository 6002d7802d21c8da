/* style.c: loading a style file over the declared defaults (style.h).
 * The file is a flat YAML mapping of parameter keys; `page-size` is a
 * shorthand that sets page-width and page-height. */
#include "style.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/terms.h"
#include "../parse/parse.h"

typedef struct {
    const char *key;
    style_type type;
    size_t offset;
    const char *doc;
} style_param;

static const style_param params[] = {
#define X(field, key, type, def, doc) {key, STYLE_##type, offsetof(style, field), doc},
    STYLE_PARAMS(X)
#undef X
};

void style_defaults(style *s)
{
    memset(s, 0, sizeof *s);
#define STYLE_SET_LENGTH(f, v) s->f = (v)
#define STYLE_SET_NUMBER(f, v) s->f = (v)
#define STYLE_SET_BOOL(f, v) s->f = (v)
#define STYLE_SET_COLOR(f, v) s->f = (uint32_t)(v)
#define STYLE_SET_STRING(f, v) s->f = g_strdup(v)
#define STYLE_SET_COUNT(f, v) s->f = (v)
#define X(field, key, type, def, doc) STYLE_SET_##type(field, def);
    STYLE_PARAMS(X)
#undef X
}

void style_clear(style *s)
{
    for (size_t i = 0; i < G_N_ELEMENTS(params); i++)
        if (params[i].type == STYLE_STRING)
            g_free(*(char **)((char *)s + params[i].offset));
    g_free(s->path);
    memset(s, 0, sizeof *s);
}

/* "12pt", "25mm", "2.5cm", "1in", "16px" -> points; false if malformed. */
static bool parse_length(const char *v, double *out)
{
    char *end;
    double x = g_ascii_strtod(v, &end);
    if (end == v || !isfinite(x) || x < 0)
        return false;
    while (*end == ' ')
        end++;
    double unit;
    if (strcmp(end, "pt") == 0 || *end == '\0')
        unit = 1.0;
    else if (strcmp(end, "mm") == 0)
        unit = 72.0 / 25.4;
    else if (strcmp(end, "cm") == 0)
        unit = 72.0 / 2.54;
    else if (strcmp(end, "in") == 0)
        unit = 72.0;
    else if (strcmp(end, "px") == 0)
        unit = 72.0 / 96.0;
    else
        return false;
    *out = x * unit;
    return *out <= 14400.0; /* PDF's largest page side is 200 inches */
}

static bool parse_color(const char *v, uint32_t *out)
{
    if (v[0] != '#' || strlen(v) != 7)
        return false;
    for (int i = 1; i < 7; i++)
        if (!g_ascii_isxdigit(v[i]))
            return false;
    *out = (uint32_t)strtoul(v + 1, NULL, 16);
    return true;
}

static bool parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on")) {
        *out = true;
        return true;
    }
    if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off")) {
        *out = false;
        return true;
    }
    return false;
}

static bool set_page_size(style *s, const char *v)
{
    static const struct {
        const char *name;
        double w, h;
    } sizes[] = {
        {"A4", 595.2756, 841.8898}, {"A5", 419.5276, 595.2756}, {"Letter", 612, 792},
        {"Legal", 612, 1008},       {"B5", 498.8976, 708.6614},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++)
        if (g_ascii_strcasecmp(v, sizes[i].name) == 0) {
            s->page_width = sizes[i].w;
            s->page_height = sizes[i].h;
            return true;
        }
    return false;
}

static bool set_param(style *s, const style_param *p, const char *v)
{
    void *field = (char *)s + p->offset;
    switch (p->type) {
    case STYLE_LENGTH:
        return parse_length(v, (double *)field);
    case STYLE_NUMBER: {
        char *end;
        double x = g_ascii_strtod(v, &end);
        if (end == v || *end || !isfinite(x) || x <= 0 || x > 100)
            return false;
        *(double *)field = x;
        return true;
    }
    case STYLE_BOOL:
        return parse_bool(v, (bool *)field);
    case STYLE_COLOR:
        return parse_color(v, (uint32_t *)field);
    case STYLE_COUNT: {
        char *end;
        gint64 x = g_ascii_strtoll(v, &end, 10);
        if (end == v || *end || x < 0 || x > 1000000)
            return false;
        *(int *)field = (int)x;
        return true;
    }
    case STYLE_STRING:
        if (!*v)
            return false;
        g_free(*(char **)field);
        *(char **)field = g_strdup(v);
        return true;
    }
    return false;
}

static const char *type_hint(style_type t)
{
    switch (t) {
    case STYLE_LENGTH:
        return "a length such as 11pt, 25mm, 2cm or 1in";
    case STYLE_NUMBER:
        return "a positive number";
    case STYLE_BOOL:
        return "true or false";
    case STYLE_COLOR:
        return "a colour such as #1d3557";
    case STYLE_COUNT:
        return "a whole number from 0 to 1000000";
    default:
        return "a non-empty text";
    }
}

bool style_load(style *s, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    bool ok = false;
    yaml_document_t y;
    bool loaded = false;
    if (!file_read(path, NULL, 0, 0, &data, &len) || !text_check(path, data, len))
        goto out;
    if (!parse_yaml_load(path, data, len, 1, &y))
        goto out;
    loaded = true;
    g_free(s->path);
    s->path = g_strdup(path);
    yaml_node_t *root = yaml_document_get_root_node(&y);
    if (!root) {
        ok = true;
        goto out;
    }
    if (root->type != YAML_MAPPING_NODE) {
        diag_error(path, parse_yaml_line(root, 1), parse_yaml_col(root),
                   "a style file must be a mapping of settings (key: value)");
        goto out;
    }
    for (yaml_node_pair_t *pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top;
         pr++) {
        yaml_node_t *k = yaml_document_get_node(&y, pr->key);
        yaml_node_t *v = yaml_document_get_node(&y, pr->value);
        const char *key = k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : "";
        if (v->type != YAML_SCALAR_NODE) {
            diag_error(path, parse_yaml_line(v, 1), parse_yaml_col(v),
                       "style setting '%s' must be a single value, not %s", key,
                       parse_yaml_type_name(v));
            goto out;
        }
        const char *val = (const char *)v->data.scalar.value;
        if (strcmp(key, "page-size") == 0) {
            if (!set_page_size(s, val)) {
                diag_error(path, parse_yaml_line(v, 1), parse_yaml_col(v),
                           "page-size '%s' is not one of A4, A5, B5, Letter, Legal (or set "
                           "page-width and page-height)",
                           val);
                goto out;
            }
            continue;
        }
        const style_param *p = NULL;
        for (size_t i = 0; i < G_N_ELEMENTS(params) && !p; i++)
            if (strcmp(params[i].key, key) == 0)
                p = &params[i];
        if (!p) {
            diag_error(path, parse_yaml_line(k, 1), parse_yaml_col(k), "unknown style key '%s'",
                       key);
            goto out;
        }
        if (strcmp(key, "line-breaking") == 0 && strcmp(val, "total-fit") != 0 &&
            strcmp(val, "first-fit") != 0) {
            diag_error(path, parse_yaml_line(v, 1), parse_yaml_col(v),
                       "line-breaking '%s' is not one of total-fit, first-fit", val);
            goto out;
        }
        if (!set_param(s, p, val)) {
            diag_error(path, parse_yaml_line(v, 1), parse_yaml_col(v),
                       "style setting '%s' must be %s, not '%s'", key, type_hint(p->type), val);
            goto out;
        }
    }
    if (s->margin_inner + s->margin_outer >= s->page_width * 0.8 ||
        s->margin_top + s->margin_bottom >= s->page_height * 0.8 || s->page_width < 144 ||
        s->page_height < 144) {
        diag_error(path, 1, 1, "the margins leave too little room on a %.0f x %.0f pt page",
                   s->page_width, s->page_height);
        goto out;
    }
    ok = true;
out:
    if (loaded)
        yaml_document_delete(&y);
    g_free(data);
    return ok;
}

double style_heading_size(const style *s, int level)
{
    switch (level) {
    case 1:
        return s->h1_size;
    case 2:
        return s->h2_size;
    case 3:
        return s->h3_size;
    default:
        return s->h4_size;
    }
}

void style_apply_labels(const style *s)
{
    term_override(TERM_FIGURE, s ? s->label_figure : NULL);
    term_override(TERM_FIGURES, s ? s->label_figures : NULL);
    term_override(TERM_TABLE, s ? s->label_table : NULL);
    term_override(TERM_TABLES, s ? s->label_tables : NULL);
    term_override(TERM_SECTION, s ? s->label_section : NULL);
    term_override(TERM_SECTIONS, s ? s->label_sections : NULL);
    term_override(TERM_BOX, s ? s->label_box : NULL);
    term_override(TERM_BOXES, s ? s->label_boxes : NULL);
}

void style_color_hex(uint32_t rgb, char buf[8])
{
    g_snprintf(buf, 8, "#%06x", rgb & 0xFFFFFFu);
}

void style_color_rgb(uint32_t rgb, double *r, double *g, double *b)
{
    *r = ((rgb >> 16) & 0xFF) / 255.0;
    *g = ((rgb >> 8) & 0xFF) / 255.0;
    *b = (rgb & 0xFF) / 255.0;
}
