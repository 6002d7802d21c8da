/* bib_tex.c: the BibTeX/BibLaTeX reader. This file holds the .bib grammar as
 * BibTeX and Biber read it:
 *
 *   file    := (junk | '%' comment | '@' command)*
 *   command := type ('{' body '}' | '(' body ')')
 *   body    := key (',' field)* [','] | @string: name '=' value | @preamble: value
 *   field   := name '=' value
 *   value   := piece ('#' piece)*      piece := {braced} | "quoted" | number | macro
 *
 * Text outside entries is a comment; @comment{...} is skipped. Names of entry
 * types, fields and macros are case-insensitive; keys are not. Values are kept
 * as raw LaTeX with whitespace collapsed; then crossref/xdata inheritance
 * (bib_tex_inherit.c) and the mapping to CSL (bib_tex_map.c) make the items.
 * The first syntax error stops the file; nothing is added to the
 * bibliography unless the whole file is read without errors. */
#include "bib.h"
#include "bib_tex.h"

#include <string.h>

typedef struct {
    const char *path;
    const char *s, *p, *end;
    /* a cursor for turning pointers into line:col, moved forward as needed */
    const char *pos_at;
    unsigned pos_line, pos_col;
    bibtex_file *f;
    GHashTable *macros; /* lower-case name -> raw value (in f->a) */
    unsigned expansions;
    size_t expanded_bytes;
    GString *value;  /* the value being read */
    GArray *fields;  /* bibtex_field, the entry being read */
    GHashTable *field_names; /* their names, for repeated fields */
    unsigned entry_line, entry_col; /* of the '@' of the command being read */
    const char *command;            /* its type: "string", "article", ... */
    char close;                     /* and its closing delimiter */
    const char *key;                /* the entry's key once read */
    const char *last_name;          /* the last field name read in it */
    const csl_bib *into;
} parser;

/* Entry types worth a warning when '@type' is not followed by a body. */
static const char *const known_types[] = {
    "article", "book",    "booklet",    "collection",  "inbook",    "incollection",
    "inproceedings", "manual", "misc", "online", "proceedings", "report", "techreport",
    "thesis", "phdthesis", "mastersthesis", "unpublished", "string", "preamble",
};

static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

/* The line and column of at (1-based; columns count characters). Moves a
 * cursor forward from the last position asked, or from the start. */
static void position(parser *ps, const char *at, unsigned *line, unsigned *col)
{
    if (!ps->pos_at || at < ps->pos_at) {
        ps->pos_at = ps->s;
        ps->pos_line = ps->pos_col = 1;
    }
    for (const char *q = ps->pos_at; q < at; q++) {
        if (*q == '\n') {
            ps->pos_line++;
            ps->pos_col = 1;
        } else if (((unsigned char)*q & 0xC0) != 0x80) {
            ps->pos_col++;
        }
    }
    ps->pos_at = at;
    *line = ps->pos_line;
    *col = ps->pos_col;
}

static void error_at(parser *ps, const char *at, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* Reports at the file position of the byte `at`. */
static void report_at(parser *ps, diag_level level, const char *at, const char *fmt, va_list ap)
{
    unsigned line, col;
    position(ps, at, &line, &col);
    char *msg = g_strdup_vprintf(fmt, ap);
    diag(level, ps->path, line, col, "%s", msg);
    g_free(msg);
}

static void error_at(parser *ps, const char *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_at(ps, DIAG_ERROR, at, fmt, ap);
    va_end(ap);
}

static void warning_at(parser *ps, const char *at, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void warning_at(parser *ps, const char *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_at(ps, DIAG_WARNING, at, fmt, ap);
    va_end(ap);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* BibTeX's identifiers: printable, and none of "#%'(),={}@ or space. */
static bool is_ident(char c)
{
    return (unsigned char)c > 0x20 && c != 0x7F && !strchr("\"#%'(),={}@", c);
}

/* Skips whitespace and %-comments (to the end of the line). */
static void skip_blank(parser *ps)
{
    while (ps->p < ps->end) {
        if (is_space(*ps->p)) {
            ps->p++;
        } else if (*ps->p == '%') {
            while (ps->p < ps->end && *ps->p != '\n')
                ps->p++;
        } else {
            break;
        }
    }
}

/* An identifier in lower case (in f->a), or NULL when there is none. */
static const char *read_ident(parser *ps)
{
    const char *s = ps->p;
    while (ps->p < ps->end && is_ident(*ps->p))
        ps->p++;
    if (ps->p == s)
        return NULL;
    char *id = arena_strndup(ps->f->a, s, (size_t)(ps->p - s));
    for (char *q = id; *q; q++)
        *q = g_ascii_tolower(*q);
    return id;
}

/* The command that starts at the '@' never ends: reported there, since the
 * missing brace is somewhere after it. */
static void unclosed(parser *ps)
{
    if (ps->key && ps->last_name)
        diag_error(ps->path, ps->entry_line, ps->entry_col,
                   "entry '%s' is never closed: a '%c' is missing (unbalanced braces or quotes "
                   "in or after field '%s'?)", ps->key, ps->close, ps->last_name);
    else if (ps->key)
        diag_error(ps->path, ps->entry_line, ps->entry_col,
                   "entry '%s' is never closed: a '%c' is missing", ps->key, ps->close);
    else
        diag_error(ps->path, ps->entry_line, ps->entry_col,
                   "@%s is never closed: a '%c' is missing (unbalanced braces or quotes?)",
                   ps->command, ps->close);
}

/* The character at AT, for messages: 'x' (a whole UTF-8 character), or a
 * name for a line break or the end. Static storage. */
static const char *shown(const parser *ps, const char *at)
{
    static char buf[16];
    if (at >= ps->end)
        return "the end of the file";
    if (*at == '\n' || *at == '\r')
        return "a line break";
    const char *next = g_utf8_find_next_char(at, ps->end);
    size_t n = next ? (size_t)(next - at) : (size_t)(ps->end - at);
    g_snprintf(buf, sizeof buf, "'%.*s'", (int)MIN(n, sizeof buf - 3), at);
    return buf;
}

/* Whether ps->p is an '@' that begins a line: the next entry, so the current
 * one lacks its closing brace. */
static bool at_next_entry(const parser *ps)
{
    if (ps->p >= ps->end || *ps->p != '@')
        return false;
    const char *q = ps->p;
    while (q > ps->s && (q[-1] == ' ' || q[-1] == '\t'))
        q--;
    return q == ps->s || q[-1] == '\n';
}

/* Appends a {braced} or "quoted" piece (ps->p at its delimiter) to ps->value.
 * Reports unbalanced braces (at the entry) and depth beyond the limit. */
static bool read_delimited(parser *ps, const char *field)
{
    char open = *ps->p++;
    int depth = open == '{' ? 1 : 0;
    const char *from = ps->p;
    while (ps->p < ps->end) {
        char c = *ps->p;
        if (c == '{') {
            if (++depth > BIB_MAX_BRACE_DEPTH) {
                error_at(ps, ps->p, "braces nested deeper than %d levels in field '%s'",
                         BIB_MAX_BRACE_DEPTH, field);
                return false;
            }
        } else if (c == '}') {
            if (depth == 0) {
                error_at(ps, ps->p, "unbalanced '}' in the quoted value of field '%s'", field);
                return false;
            }
            if (--depth == 0 && open == '{')
                break;
        } else if (c == '"' && open == '"' && depth == 0) {
            break;
        } else if (c == '\\' && open == '"' && ps->p + 1 < ps->end && ps->p[1] == '"') {
            ps->p++; /* \" inside quotes: an umlaut, not the end */
        }
        ps->p++;
    }
    if (ps->p >= ps->end) {
        unclosed(ps);
        return false;
    }
    size_t n = (size_t)(ps->p - from);
    ps->p++;
    if (ps->value->len + n > BIB_MAX_FIELD_BYTES) {
        error_at(ps, from, "field '%s' is longer than the %u KiB limit", field,
                 BIB_MAX_FIELD_BYTES / 1024u);
        return false;
    }
    g_string_append_len(ps->value, from, (gssize)n);
    return true;
}

/* Appends the expansion of a macro (ps->p at its name). */
static bool read_macro(parser *ps, const char *field)
{
    const char *at = ps->p;
    const char *name = read_ident(ps);
    const char *val = g_hash_table_lookup(ps->macros, name);
    if (!val) {
        warning_at(ps, at, "undefined @string '%s' in field '%s'; it is left empty", name, field);
        return true;
    }
    size_t n = strlen(val);
    if (++ps->expansions > BIB_MAX_EXPANSIONS) {
        error_at(ps, at, "more than %u @string expansions in one file", BIB_MAX_EXPANSIONS);
        return false;
    }
    ps->expanded_bytes += n;
    if (ps->expanded_bytes > BIB_MAX_EXPANDED_BYTES) {
        error_at(ps, at, "@string expansions produce more than %u MiB in one file",
                 BIB_MAX_EXPANDED_BYTES / (1024u * 1024u));
        return false;
    }
    if (ps->value->len + n > BIB_MAX_FIELD_BYTES) {
        error_at(ps, at, "field '%s' is longer than the %u KiB limit", field,
                 BIB_MAX_FIELD_BYTES / 1024u);
        return false;
    }
    g_string_append(ps->value, val);
    return true;
}

/* Reads value := piece ('#' piece)* into ps->value, whitespace collapsed. */
static bool read_value(parser *ps, const char *field)
{
    g_string_truncate(ps->value, 0);
    for (;;) {
        skip_blank(ps);
        if (ps->p >= ps->end) {
            unclosed(ps);
            return false;
        }
        char c = *ps->p;
        if (c == '{' || c == '"') {
            if (!read_delimited(ps, field))
                return false;
        } else if (g_ascii_isdigit(c)) {
            const char *s = ps->p;
            while (ps->p < ps->end && g_ascii_isdigit(*ps->p))
                ps->p++;
            if (ps->value->len + (size_t)(ps->p - s) > BIB_MAX_FIELD_BYTES) {
                error_at(ps, s, "field '%s' is longer than the %u KiB limit", field,
                         BIB_MAX_FIELD_BYTES / 1024u);
                return false;
            }
            g_string_append_len(ps->value, s, ps->p - s);
        } else if (is_ident(c)) {
            if (!read_macro(ps, field))
                return false;
        } else {
            error_at(ps, ps->p, "expected a value for field '%s' ({...}, \"...\", a number or "
                                "an @string name), found %s", field, shown(ps, ps->p));
            return false;
        }
        skip_blank(ps);
        if (ps->p < ps->end && *ps->p == '#') {
            ps->p++;
            continue;
        }
        break;
    }
    /* BibTeX collapses every run of whitespace to one space. */
    GString *v = ps->value;
    size_t w = 0;
    for (size_t r = 0; r < v->len; r++) {
        if (is_space(v->str[r])) {
            if (w == 0 || v->str[w - 1] == ' ')
                continue;
            v->str[w++] = ' ';
        } else {
            v->str[w++] = v->str[r];
        }
    }
    while (w > 0 && v->str[w - 1] == ' ')
        w--;
    g_string_truncate(v, w);
    return true;
}

/* Expects c; reports what was found otherwise. */
static bool expect(parser *ps, char c, const char *what)
{
    skip_blank(ps);
    if (ps->p >= ps->end) {
        unclosed(ps);
        return false;
    }
    if (*ps->p != c) {
        error_at(ps, ps->p, "expected '%c' %s, found %s", c, what, shown(ps, ps->p));
        return false;
    }
    ps->p++;
    return true;
}

/* @string{name = value, ...} (ps->p after the opening delimiter). */
static bool parse_string(parser *ps, char close)
{
    for (;;) {
        skip_blank(ps);
        if (ps->p >= ps->end) {
            unclosed(ps);
            return false;
        }
        if (*ps->p == close) {
            ps->p++;
            return true;
        }
        const char *at = ps->p;
        const char *name = read_ident(ps);
        if (!name) {
            error_at(ps, at, "expected an @string name, found %s", shown(ps, at));
            return false;
        }
        if (!expect(ps, '=', "after the @string name"))
            return false;
        if (!read_value(ps, arena_printf(ps->f->a, "@string %s", name)))
            return false;
        g_hash_table_insert(ps->macros, (gpointer)name,
                            arena_strndup(ps->f->a, ps->value->str, ps->value->len));
        skip_blank(ps);
        if (ps->p < ps->end && *ps->p == ',')
            ps->p++;
        else if (ps->p < ps->end && *ps->p != close) {
            error_at(ps, ps->p, "expected '%c' after the @string value, found %s", close,
                     shown(ps, ps->p));
            return false;
        }
    }
}

/* Skips a balanced @comment{...} body; false when it is not balanced (the
 * text is then read on as BibTeX does: as junk between entries). */
static bool skip_comment(parser *ps, char open, char close)
{
    const char *q = ps->p + 1;
    int depth = 1;
    for (; q < ps->end; q++) {
        if (*q == open)
            depth++;
        else if (*q == close && --depth == 0) {
            ps->p = q + 1;
            return true;
        }
    }
    return false;
}

/* A regular entry (ps->p after the opening delimiter). */
static bool parse_entry(parser *ps, const char *type, char close)
{
    skip_blank(ps);
    const char *kstart = ps->p;
    while (ps->p < ps->end && !is_space(*ps->p) && *ps->p != ',' && *ps->p != close &&
           *ps->p != '{' && *ps->p != '}' && *ps->p != '%')
        ps->p++;
    if (ps->p == kstart) {
        if (ps->p >= ps->end)
            unclosed(ps);
        else
            error_at(ps, ps->p, "@%s entry without a key", type);
        return false;
    }
    const char *key = arena_strndup(ps->f->a, kstart, (size_t)(ps->p - kstart));
    ps->key = key;
    g_array_set_size(ps->fields, 0);
    g_hash_table_remove_all(ps->field_names);
    for (;;) {
        skip_blank(ps);
        if (ps->p >= ps->end) {
            unclosed(ps);
            return false;
        }
        if (*ps->p == close) {
            ps->p++;
            break;
        }
        if (at_next_entry(ps)) {
            unclosed(ps);
            return false;
        }
        if (*ps->p != ',') {
            const char *what = ps->last_name;
            if (what)
                error_at(ps, ps->p, "expected ',' or '%c' after the value of field '%s', found "
                                    "%s", close, what, shown(ps, ps->p));
            else
                error_at(ps, ps->p, "expected ',' after the key '%s', found %s", key,
                         shown(ps, ps->p));
            return false;
        }
        ps->p++;
        skip_blank(ps);
        if (ps->p >= ps->end) {
            unclosed(ps);
            return false;
        }
        if (*ps->p == close) {
            ps->p++;
            break;
        }
        const char *at = ps->p;
        if (at_next_entry(ps)) {
            unclosed(ps);
            return false;
        }
        const char *name = read_ident(ps);
        if (!name) {
            error_at(ps, at, "expected a field name in entry '%s', found %s", key, shown(ps, at));
            return false;
        }
        ps->last_name = name;
        char *what = g_strdup_printf("after the field name '%s'", name);
        bool eq = expect(ps, '=', what);
        g_free(what);
        if (!eq || !read_value(ps, name))
            return false;
        if (ps->value->len == 0)
            continue; /* empty fields are absent fields */
        if (g_hash_table_contains(ps->field_names, name)) {
            warning_at(ps, at, "field '%s' repeated in entry '%s'; the first is kept", name, key);
            continue;
        }
        if (ps->fields->len >= BIB_MAX_FIELDS) {
            error_at(ps, at, "entry '%s' has more than %d fields", key, BIB_MAX_FIELDS);
            return false;
        }
        bibtex_field fl = {.name = name,
                           .value = arena_strndup(ps->f->a, ps->value->str, ps->value->len)};
        position(ps, at, &fl.line, &fl.col);
        g_array_append_val(ps->fields, fl);
        g_hash_table_add(ps->field_names, (gpointer)name);
    }

    unsigned line = ps->entry_line, col = ps->entry_col;
    const bibtex_entry *dup = g_hash_table_lookup(ps->f->by_key, key);
    if (dup) {
        diag_warning(ps->path, line, col, "duplicate entry key '%s' (first at line %u); the first "
                     "is kept", key, dup->line);
        return true;
    }
    if (ps->into && g_hash_table_contains(ps->into->by_id, key)) {
        const csl_item *it = g_hash_table_lookup(ps->into->by_id, key);
        diag_warning(ps->path, line, col, "duplicate entry key '%s' (first in %s:%u); the first "
                     "is kept", key, it->span.file ? it->span.file : "?", it->span.line);
        return true;
    }
    bibtex_entry *e = ARENA_NEW(ps->f->a, bibtex_entry);
    e->type = type;
    e->key = key;
    e->line = line;
    e->col = col;
    e->n_fields = ps->fields->len;
    e->fields = ARENA_ARRAY(ps->f->a, bibtex_field, e->n_fields ? e->n_fields : 1);
    if (e->n_fields)
        memcpy(e->fields, ps->fields->data, e->n_fields * sizeof(bibtex_field));
    g_ptr_array_add(ps->f->entries, e);
    g_hash_table_insert(ps->f->by_key, (gpointer)e->key, e);
    return true;
}

/* An @-command (ps->p at the '@'). */
static bool parse_command(parser *ps)
{
    const char *start = ps->p++;
    position(ps, start, &ps->entry_line, &ps->entry_col);
    ps->key = ps->last_name = NULL;
    skip_blank(ps);
    const char *type = read_ident(ps);
    if (!type)
        return true; /* a lone '@' in the text between entries */
    skip_blank(ps);
    char open = ps->p < ps->end ? *ps->p : '\0';
    if (open != '{' && open != '(') {
        if (!strcmp(type, "comment"))
            return true;
        for (size_t i = 0; i < G_N_ELEMENTS(known_types); i++)
            if (!strcmp(type, known_types[i])) {
                warning_at(ps, start, "'@%s' is not followed by '{' or '('; ignored", type);
                break;
            }
        return true;
    }
    char close = open == '{' ? '}' : ')';
    ps->command = type;
    ps->close = close;
    if (!strcmp(type, "comment")) {
        if (!skip_comment(ps, open, close))
            ps->p++;
        return true;
    }
    ps->p++;
    if (!strcmp(type, "string"))
        return parse_string(ps, close);
    if (!strcmp(type, "preamble")) {
        if (!read_value(ps, "@preamble"))
            return false;
        return expect(ps, close, "at the end of @preamble");
    }
    return parse_entry(ps, type, close);
}

const bibtex_field *bibtex_field_lookup(const bibtex_entry *e, const char *name)
{
    for (size_t i = 0; i < e->n_fields; i++)
        if (!strcmp(e->fields[i].name, name))
            return &e->fields[i];
    return NULL;
}

bool bib_tex_load(const char *path, const char *data, size_t len, csl_bib *into)
{
    bool ok = false;
    bibtex_file f = {.path = path,
                     .a = arena_new(),
                     .entries = g_ptr_array_new(),
                     .by_key = g_hash_table_new(g_str_hash, g_str_equal)};
    parser ps = {.path = path,
                 .s = data,
                 .p = data,
                 .end = data + len,
                 .f = &f,
                 .macros = g_hash_table_new(g_str_hash, g_str_equal),
                 .value = g_string_new(NULL),
                 .fields = g_array_new(FALSE, FALSE, sizeof(bibtex_field)),
                 .field_names = g_hash_table_new(g_str_hash, g_str_equal),
                 .into = into};
    /* BibTeX's predefined month macros, as plain BibTeX styles print them. */
    static const char *const abbr[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; i++)
        g_hash_table_insert(ps.macros, (gpointer)abbr[i], (gpointer)month_names[i]);
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        ps.p += 3;

    while (ps.p < ps.end) {
        char c = *ps.p;
        if (c == '@') {
            if (!parse_command(&ps))
                goto out;
        } else if (c == '%') {
            while (ps.p < ps.end && *ps.p != '\n')
                ps.p++;
        } else {
            ps.p++;
        }
    }
    if (!bibtex_inherit(&f))
        goto out;
    for (guint i = 0; i < f.entries->len; i++)
        bibtex_map_entry(&f, f.entries->pdata[i], into);
    ok = true;
out:
    g_hash_table_destroy(ps.macros);
    g_string_free(ps.value, TRUE);
    g_array_free(ps.fields, TRUE);
    g_hash_table_destroy(ps.field_names);
    g_hash_table_destroy(f.by_key);
    g_ptr_array_free(f.entries, TRUE);
    arena_free(f.a);
    return ok;
}
