/* pdf_update.c: what cairo 1.16 does not write into a tagged PDF, added as
 * an incremental update after cairo has finished: new versions of the
 * catalog (its /Lang) and of the Figure elements (their /Alt), and a
 * Document element, appended with their own cross-reference section;
 * cairo's bytes are left as they are (see pdf_tags.h). */
#include "pdf_tags.h"

#include <stdlib.h>
#include <string.h>

#include "../base/base.h"

/* cairo's file, and where its objects start (by number, from its xref table). */
typedef struct {
    GByteArray *bytes;
    GArray *offsets; /* size_t */
} pdf_file;

/* Reads the classic cross-reference table at offset xref ("xref\n0 N\n" and
 * N entries of 20 bytes); false if it is not there. */
static bool read_xref(pdf_file *pdf, long xref)
{
    const char *s = (const char *)pdf->bytes->data, *end = s + pdf->bytes->len;
    if (xref <= 0 || (size_t)xref + 5 >= pdf->bytes->len || memcmp(s + xref, "xref\n0 ", 7) != 0)
        return false;
    char *p;
    long n = strtol(s + xref + 7, &p, 10);
    if (n <= 0 || *p != '\n' || p + 1 + n * 20 > end)
        return false;
    p++;
    g_array_set_size(pdf->offsets, (guint)n);
    for (long i = 0; i < n; i++, p += 20)
        g_array_index(pdf->offsets, size_t, i) = (size_t)strtoull(p, NULL, 10);
    return true;
}

/* The integer after key in [p, end), or -1. */
static long dict_int(const char *p, const char *end, const char *key)
{
    size_t n = strlen(key);
    for (; p + n < end; p++)
        if (memcmp(p, key, n) == 0 && (p[n] == ' ' || p[n] == '\n'))
            return strtol(p + n + 1, NULL, 10);
    return -1;
}

/* Object number's body (between "N 0 obj\n" and "endobj"), or false; found
 * through cairo's cross-reference table. */
static bool object_body(const pdf_file *pdf, long number, const char **body, size_t *len)
{
    char head[40];
    int hn = g_snprintf(head, sizeof head, "%ld 0 obj\n", number);
    const char *s = (const char *)pdf->bytes->data, *end = s + pdf->bytes->len;
    if (number <= 0 || number >= (long)pdf->offsets->len)
        return false;
    size_t at = g_array_index(pdf->offsets, size_t, number);
    const char *p = s + at;
    if (at + (size_t)hn > pdf->bytes->len || memcmp(p, head, (size_t)hn) != 0)
        return false;
    p += hn;
    const char *e = memmem(p, (size_t)(end - p), "endobj", 6);
    if (!e)
        return false;
    *body = p;
    *len = (size_t)(e - p);
    return true;
}

/* A PDF text string: UTF-16BE with its byte order mark, in hex. */
static void pdf_text_string(GString *out, const char *utf8)
{
    glong n = 0;
    gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
    g_string_append(out, "<FEFF");
    for (glong i = 0; u && i < n; i++)
        g_string_append_printf(out, "%04X", u[i]);
    g_string_append_c(out, '>');
    g_free(u);
}

typedef struct {
    long number;
    size_t offset;
} new_object;

/* Appends object number with body (its text up to "endobj") to pdf. */
static void append_object(pdf_file *pdf, GArray *objs, long number, const char *body)
{
    new_object o = {number, pdf->bytes->len};
    g_array_append_val(objs, o);
    char *s = g_strdup_printf("%ld 0 obj\n%sendobj\n", number, body);
    g_byte_array_append(pdf->bytes, (const guint8 *)s, (guint)strlen(s));
    g_free(s);
}

/* Object number's body with extra inserted after its first at bytes; NULL if
 * there is no such object. Caller frees. */
static char *body_insert(const pdf_file *pdf, long number, size_t at, const char *extra)
{
    const char *body;
    size_t len;
    if (!object_body(pdf, number, &body, &len) || len < at)
        return NULL;
    return g_strdup_printf("%.*s%s%.*s", (int)at, body, extra, (int)(len - at), body + at);
}

/* Object number's body with its first from replaced by to; NULL if absent. */
static char *body_replace(const pdf_file *pdf, long number, const char *from, const char *to)
{
    const char *body;
    size_t len;
    if (!object_body(pdf, number, &body, &len))
        return NULL;
    const char *p = memmem(body, len, from, strlen(from));
    if (!p)
        return NULL;
    size_t a = (size_t)(p - body), b = a + strlen(from);
    return g_strdup_printf("%.*s%s%.*s", (int)a, body, to, (int)(len - b), body + b);
}

/* cairo's structure tree root holds one Div per page; a Document element
 * between them makes the tree one document (as PDF/UA asks). */
static void add_document_element(pdf_file *pdf, GArray *objs, long root, long *size)
{
    const char *body;
    size_t len;
    if (!object_body(pdf, root, &body, &len))
        return;
    long tree = dict_int(body, body + len, "/StructTreeRoot");
    if (tree <= 0 || !object_body(pdf, tree, &body, &len))
        return;
    const char *k = memmem(body, len, "/K [", 4);
    const char *end = k ? memchr(k, ']', len - (size_t)(k - body)) : NULL;
    if (!k || !end)
        return;
    long doc_number = (*size)++;
    char *kids = g_strndup(k + 4, (size_t)(end - k - 4));
    GString *t = g_string_new(NULL); /* the root, with the Document for its only child */
    g_string_append_len(t, body, k - body);
    g_string_append_printf(t, "/K [ %ld 0 R ]", doc_number);
    g_string_append_len(t, end + 1, (gssize)(len - (size_t)(end + 1 - body)));
    char *d = g_strdup_printf(
        "<< /Type /StructElem\n   /S /Document\n   /P %ld 0 R\n   /K [%s]\n>>\n", tree, kids);
    append_object(pdf, objs, doc_number, d);
    char *from = g_strdup_printf("/P %ld 0 R", tree),
         *to = g_strdup_printf("/P %ld 0 R", doc_number);
    char *p = kids, *e;
    for (long n, gen; (n = strtol(p, &e, 10)) > 0 && e != p; p = e) { /* "N 0 R" each */
        p = e;
        gen = strtol(p, &e, 10);
        if (e == p || gen != 0)
            break;
        while (*e == ' ')
            e++;
        if (*e != 'R')
            break;
        e++;
        char *div =
            body_replace(pdf, n, from, to); /* each page's Div: the Document is its parent */
        if (div)
            append_object(pdf, objs, n, div);
        g_free(div);
    }
    append_object(pdf, objs, tree, t->str);
    g_string_free(t, TRUE);
    g_free(d);
    g_free(from);
    g_free(to);
    g_free(kids);
}

static gint cmp_object(gconstpointer a, gconstpointer b)
{
    long x = ((const new_object *)a)->number, y = ((const new_object *)b)->number;
    return (x > y) - (x < y);
}

/* Appends the update to cairo's file. Leaves the file as it is when it does
 * not have the shape cairo 1.16 writes (a classic trailer). */
void pdf_update(GByteArray *bytes, const char *lang, const GPtrArray *alts)
{
    pdf_file file = {bytes, g_array_new(FALSE, FALSE, sizeof(size_t))}, *pdf = &file;
    const char *s = (const char *)pdf->bytes->data;
    const char *trailer = mem_find_last(s, pdf->bytes->len, "\ntrailer\n");
    const char *sx = mem_find_last(s, pdf->bytes->len, "\nstartxref\n");
    if (!trailer || !sx || sx < trailer)
        return;
    long size = dict_int(trailer, sx, "/Size"), root = dict_int(trailer, sx, "/Root");
    long info = dict_int(trailer, sx, "/Info"), prev = strtol(sx + 11, NULL, 10);
    if (size <= 0 || root <= 0 || !read_xref(pdf, prev)) {
        g_array_free(file.offsets, TRUE);
        return;
    }
    GArray *objs = g_array_new(FALSE, FALSE, sizeof(new_object));
    /* the Figures, in the order cairo wrote them: the order they were opened */
    static const char fig[] = "<< /Type /StructElem\n   /S /Figure\n";
    GArray *found = g_array_new(FALSE, FALSE, sizeof(long));
    for (const char *p = s; (p = memmem(p, pdf->bytes->len - (size_t)(p - s), fig, sizeof fig - 1));
         p++) {
        const char *q = p;
        while (q > s && q[-1] != '\n') /* "N 0 obj" is the line before */
            q--;
        const char *line = q > s ? q - 1 : s;
        while (line > s && line[-1] != '\n')
            line--;
        long n = strtol(line, NULL, 10);
        g_array_append_val(found, n);
    }
    if (found->len == alts->len) {
        for (guint i = 0; i < found->len; i++) {
            const char *alt = alts->pdata[i];
            long n = g_array_index(found, long, i);
            if (!*alt)
                continue;
            GString *extra = g_string_new("   /Alt ");
            pdf_text_string(extra, alt);
            g_string_append_c(extra, '\n');
            char *update = body_insert(pdf, n, sizeof fig - 1, extra->str);
            if (update)
                append_object(pdf, objs, n, update);
            g_free(update);
            g_string_free(extra, TRUE);
        }
    }
    g_array_free(found, TRUE);
    const char *body;
    size_t len;
    bool lang_ok = lang && *lang;
    for (const char *p = lang; p && *p; p++)
        lang_ok = lang_ok && (g_ascii_isalnum(*p) || *p == '-');
    if (lang_ok && object_body(pdf, root, &body, &len) && len > 3 && memcmp(body, "<< ", 3) == 0) {
        char *extra = g_strdup_printf(
            "/Lang (%s)\n   /ViewerPreferences << /DisplayDocTitle true >>\n   ", lang);
        char *update = body_insert(pdf, root, 3, extra);
        append_object(pdf, objs, root, update);
        g_free(update);
        g_free(extra);
    }
    add_document_element(pdf, objs, root, &size);
    if (objs->len) {
        g_array_sort(objs, cmp_object);
        GString *x = g_string_new(NULL);
        size_t xref = pdf->bytes->len;
        g_string_append(x, "xref\n");
        for (guint i = 0; i < objs->len; i++) {
            const new_object *o = &g_array_index(objs, new_object, i);
            g_string_append_printf(x, "%ld 1\n%010zu 00000 n \n", o->number, o->offset);
        }
        g_string_append_printf(x, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", size, root);
        if (info > 0)
            g_string_append_printf(x, "   /Info %ld 0 R\n", info);
        g_string_append_printf(x, "   /Prev %ld\n>>\nstartxref\n%zu\n%%%%EOF\n", prev, xref);
        g_byte_array_append(pdf->bytes, (const guint8 *)x->str, (guint)x->len);
        g_string_free(x, TRUE);
    }
    g_array_free(objs, TRUE);
    g_array_free(file.offsets, TRUE);
}
