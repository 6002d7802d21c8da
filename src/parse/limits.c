/* limits.c: the size limits a manuscript's text must keep, checked before
 * parsing so hostile input fails at once with its place instead of making
 * the line breaker grind (its cost grows with the square of a word's
 * length). No real manuscript comes near them. */
#include "parse.h"

/* Reports the first line longer than PARSE_MAX_LINE bytes or word (run of
 * characters without a space) longer than PARSE_MAX_WORD characters. */
bool parse_check_limits(const char *file, const char *data, size_t len)
{
    unsigned line = 1, col = 1, word_col = 1;
    size_t line_bytes = 0, word_chars = 0;
    for (const char *p = data; p < data + len; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '\n') {
            line++;
            col = 1;
            line_bytes = word_chars = 0;
            continue;
        }
        if (++line_bytes > PARSE_MAX_LINE) {
            diag_error(file, line, 1,
                       "line longer than %d bytes; break it into shorter lines or paragraphs",
                       PARSE_MAX_LINE);
            return false;
        }
        if ((ch & 0xC0) == 0x80) /* a continuation byte: same character */
            continue;
        if (ch == ' ' || ch == '\t' || ch == '\r') {
            word_chars = 0;
        } else {
            if (word_chars++ == 0)
                word_col = col;
            if (word_chars > PARSE_MAX_WORD) {
                diag_error(file, line, word_col,
                           "a word longer than %d characters with no space; no line can hold "
                           "it: break it up",
                           PARSE_MAX_WORD);
                return false;
            }
        }
        col++;
    }
    return true;
}
