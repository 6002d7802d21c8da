/* manuscript.c: a manuscript file = optional YAML front matter between '---'
 * lines, then Markdown. The front matter's lines are blanked before the
 * Markdown is parsed so every line keeps its number in diagnostics. */
#include "parse.h"

#include <string.h>

/* True if the line [p, p+n) is exactly marker, ignoring trailing spaces. */
static bool line_is(const char *p, size_t n, const char *marker)
{
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    return n == strlen(marker) && memcmp(p, marker, n) == 0;
}

bool parse_manuscript(doc *d)
{
    char *data = NULL;
    size_t len = 0;
    bool ok = false;
    if (!file_read(d->path, NULL, 0, 0, &data, &len))
        goto out;
    if (!text_check(d->path, data, len) || !parse_check_limits(d->path, data, len))
        goto out;
    size_t skip = (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0; /* BOM */
    char *body = data + skip;
    size_t body_len = len - skip;
    const char *nl = memchr(body, '\n', body_len);
    size_t first_n = nl ? (size_t)(nl - body) : body_len;
    if (line_is(body, first_n, "---") && nl) {
        const char *p = nl + 1, *end = body + body_len, *close = NULL;
        unsigned line = 2;
        while (p < end) {
            const char *e = memchr(p, '\n', (size_t)(end - p));
            size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
            if (line_is(p, n, "---") || line_is(p, n, "...")) {
                close = p;
                break;
            }
            p = e ? e + 1 : end;
            line++;
        }
        if (!close) {
            diag_error(d->path, 1, 1, "front matter opened here is never closed by a '---' line");
            goto out;
        }
        if (!parse_meta(d, nl + 1, (size_t)(close - (nl + 1)), 2))
            goto out;
        /* blank the front matter, keeping its newlines */
        const char *close_end = memchr(close, '\n', (size_t)(end - close));
        close_end = close_end ? close_end : end;
        for (char *q = body; q < close_end; q++)
            if (*q != '\n')
                *q = ' ';
    }
    if (!d->meta.lang)
        d->meta.lang = "en-GB";
    hyphen_dict_preload(d->meta.lang, body_len); /* loads on the second core meanwhile */
    ok = parse_markdown(d, d->root, body, body_len, 1);
out:
    g_free(data);
    return ok;
}
