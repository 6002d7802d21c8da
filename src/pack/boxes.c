/* boxes.c: the trim and bleed boxes of print pages. cairo 1.16 writes only a
 * MediaBox; a printer's software finds the finished page size in /TrimBox
 * and the bleed in /BleedBox (PDF 32000-1 section 14.11.2). They are inserted
 * after each page's MediaBox line, and the classic cross-reference table
 * cairo writes is moved by as many bytes as went in before each object. */
#include "impose.h"

#include <stdlib.h>
#include <string.h>

/* Bytes inserted before offset off, given the insertion points at[0..n) in
 * increasing order, each adding len bytes. */
static size_t shift_at(const GArray *at, size_t len, size_t off)
{
    size_t k = 0;
    while (k < at->len && g_array_index(at, size_t, k) <= off)
        k++;
    return k * len;
}

void impose_add_boxes(GByteArray *bytes, const double trim[4], double bleed)
{
    const char *s = (const char *)bytes->data;
    size_t n = bytes->len;
    const char *sx = mem_find_last(s, n, "\nstartxref\n");
    if (!sx)
        return;
    size_t xref = strtoul(sx + 11, NULL, 10);
    if (xref == 0 || xref + 7 >= n || memcmp(s + xref, "xref\n0 ", 7) != 0)
        return;
    char *extra = g_strdup_printf(
        "   /TrimBox [ %.3f %.3f %.3f %.3f ]\n   /BleedBox [ %.3f %.3f %.3f %.3f ]\n", trim[0],
        trim[1], trim[2], trim[3], trim[0] - bleed, trim[1] - bleed, trim[2] + bleed,
        trim[3] + bleed);
    size_t len = strlen(extra);
    GArray *at = g_array_new(FALSE, FALSE, sizeof(size_t)); /* just after each MediaBox line */
    for (const char *p = s; (p = memmem(p, xref - (size_t)(p - s), "/MediaBox [", 11));) {
        const char *eol = memchr(p, '\n', xref - (size_t)(p - s));
        if (!eol)
            break;
        size_t pos = (size_t)(eol + 1 - s);
        g_array_append_val(at, pos);
        p = eol;
    }
    GByteArray *out = g_byte_array_sized_new((guint)(n + at->len * len + 64));
    size_t from = 0;
    for (guint k = 0; k < at->len; k++) {
        size_t pos = g_array_index(at, size_t, k);
        g_byte_array_append(out, bytes->data + from, (guint)(pos - from));
        g_byte_array_append(out, (const guint8 *)extra, (guint)len);
        from = pos;
    }
    g_byte_array_append(out, bytes->data + from, (guint)(xref - from));
    /* the table: "xref\n0 N\n" then N entries "OOOOOOOOOO GGGGG n \n" */
    char *p;
    long count = strtol(s + xref + 7, &p, 10);
    const char *entries = p + 1;
    if (*p != '\n' || count <= 0 || entries + count * 20 > s + n) {
        g_byte_array_unref(out);
        goto done;
    }
    g_byte_array_append(out, (const guint8 *)s + xref, (guint)(entries - (s + xref)));
    for (long i = 0; i < count; i++) {
        const char *e = entries + i * 20;
        char line[21];
        memcpy(line, e, 20);
        line[20] = '\0';
        if (e[17] == 'n') {
            size_t off = strtoul(e, NULL, 10);
            g_snprintf(line, sizeof line, "%010zu%.10s", off + shift_at(at, len, off), e + 10);
        }
        g_byte_array_append(out, (const guint8 *)line, 20);
    }
    const char *rest = entries + count * 20; /* trailer, then startxref's new value */
    const char *tail = mem_find_last(rest, n - (size_t)(rest - s), "startxref\n");
    g_byte_array_append(out, (const guint8 *)rest, (guint)(tail - rest));
    char *end = g_strdup_printf("startxref\n%zu\n%%%%EOF\n", xref + at->len * len);
    g_byte_array_append(out, (const guint8 *)end, (guint)strlen(end));
    g_free(end);
    g_byte_array_set_size(bytes, 0);
    g_byte_array_append(bytes, out->data, out->len);
    g_byte_array_unref(out);
done:
    g_array_free(at, TRUE);
    g_free(extra);
}
