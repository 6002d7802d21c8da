/* dump.c: a stable, line-per-node text dump of a document (--dump=doc), the
 * golden format for parser tests. */
#include "doc.h"

#include <string.h>

static void put_escaped(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        if (*s == '\n')
            fputs("\\n", out);
        else if (*s == '"' || *s == '\\')
            fprintf(out, "\\%c", *s);
        else
            fputc(*s, out);
    }
    fputc('"', out);
}

static void put_attr(FILE *out, const doc_attr *a)
{
    if (!a)
        return;
    const char *sep = "";
    fputs(" {", out);
    if (a->id) {
        fprintf(out, "#%s", a->id);
        sep = " ";
    }
    for (size_t i = 0; i < a->n_classes; i++, sep = " ")
        fprintf(out, "%s.%s", sep, a->classes[i]);
    for (size_t i = 0; i < a->n_pairs; i++, sep = " ")
        fprintf(out, "%s%s=\"%s\"", sep, a->keys[i], a->values[i]);
    fputc('}', out);
}

static void dump_node(FILE *out, const doc_node *n, int depth)
{
    fprintf(out, "%*s%s", depth * 2, "", doc_kind_name(n->kind));
    switch (n->kind) {
    case DOC_HEADING:
        fprintf(out, " level=%d", n->u.heading.level);
        break;
    case DOC_LIST:
        fprintf(out, " %s tight=%d", n->u.list.ordered ? "ordered" : "bullet", n->u.list.tight);
        if (n->u.list.ordered)
            fprintf(out, " start=%d delim=%c", n->u.list.start, n->u.list.delim);
        break;
    case DOC_ITEM:
        if (n->u.item.task >= 0)
            fprintf(out, " task=%d", n->u.item.task);
        break;
    case DOC_TABLE:
        fprintf(out, " cols=%zu align=", n->u.table.n_cols);
        for (size_t i = 0; i < n->u.table.n_cols; i++)
            fputc("-lcr"[n->u.table.align[i]], out);
        break;
    case DOC_TABLE_ROW:
        if (n->u.row.header)
            fputs(" header", out);
        break;
    case DOC_LINK:
    case DOC_IMAGE:
        fputc(' ', out);
        put_escaped(out, n->u.link.url);
        break;
    case DOC_FOOTNOTE_REF:
        fprintf(out, " %u", n->u.noteref.number);
        break;
    case DOC_FOOTNOTE_DEF:
        fprintf(out, " %u [^%s]", n->u.note.number, n->u.note.label);
        break;
    case DOC_CITE:
        if (n->u.cite.author_in_text)
            fputs(" in-text", out);
        for (size_t i = 0; i < n->u.cite.n_items; i++) {
            const doc_cite_item *c = &n->u.cite.items[i];
            fprintf(out, " [%s%s", c->suppress_author ? "-" : "", c->key);
            if (c->prefix)
                fprintf(out, " prefix=\"%s\"", c->prefix);
            if (c->locator)
                fprintf(out, " %s=\"%s\"", c->label, c->locator);
            if (c->suffix)
                fprintf(out, " suffix=\"%s\"", c->suffix);
            fputc(']', out);
        }
        break;
    case DOC_XREF:
        fprintf(out, " %s:%s%s", n->u.xref.kind, n->u.xref.target,
                n->u.xref.capital ? " capital" : "");
        break;
    case DOC_CODE_BLOCK:
        if (n->u.code.info)
            fprintf(out, " info=%s", n->u.code.info);
        break;
    default:
        break;
    }
    put_attr(out, n->attr);
    if (n->text && n->kind != DOC_IMAGE) {
        fputc(' ', out);
        put_escaped(out, n->text);
    } else if (n->kind == DOC_IMAGE && n->text) {
        fputs(" alt=", out);
        put_escaped(out, n->text);
    }
    fprintf(out, " @%u:%u\n", n->span.line, n->span.col);
}

static void dump_tree(FILE *out, doc_node *root, int base)
{
    int depth = base;
    doc_iter it = doc_iter_start(root);
    doc_event ev;
    while ((ev = doc_iter_next(&it)) != DOC_EVENT_DONE) {
        if (ev == DOC_EVENT_ENTER) {
            dump_node(out, it.node, depth);
            if (doc_kind_is_container(it.node->kind))
                depth++;
        } else {
            depth--;
        }
    }
}

void doc_dump(const doc *d, FILE *out)
{
    const doc_meta *m = &d->meta;
    fputs("meta\n", out);
#define FIELD(name)                                                                                \
    if (m->name) {                                                                                 \
        fputs("  " #name " ", out);                                                                \
        put_escaped(out, m->name);                                                                 \
        fputc('\n', out);                                                                          \
    }
    FIELD(title)
    FIELD(subtitle)
    FIELD(date)
    FIELD(lang)
    FIELD(series)
    FIELD(number)
    FIELD(identifier)
    FIELD(publisher)
    FIELD(rights)
    FIELD(csl)
#undef FIELD
    for (size_t i = 0; i < m->n_authors; i++) {
        fputs("  author ", out);
        put_escaped(out, m->authors[i].name);
        if (m->authors[i].affiliation) {
            fputs(" affiliation=", out);
            put_escaped(out, m->authors[i].affiliation);
        }
        fputc('\n', out);
    }
    for (size_t i = 0; i < m->n_keywords; i++)
        fprintf(out, "  keyword \"%s\"\n", m->keywords[i]);
    for (size_t i = 0; i < m->n_categories; i++)
        fprintf(out, "  category \"%s\"\n", m->categories[i]);
    for (size_t i = 0; i < m->n_bibliography; i++)
        fprintf(out, "  bibliography \"%s\"\n", m->bibliography[i]);
    if (m->references_json) {
        fputs("  references ", out);
        put_escaped(out, m->references_json);
        fputc('\n', out);
    }
    for (size_t i = 0; i < m->n_extra; i++)
        fprintf(out, "  extra %s=\"%s\"\n", m->extra[i].key, m->extra[i].value);
    if (m->abstract) {
        fputs("  abstract\n", out);
        dump_tree(out, m->abstract, 2);
    }
    dump_tree(out, d->root, 0);
    for (size_t i = 0; i < d->n_notes; i++)
        dump_tree(out, d->notes[i], 0);
}
