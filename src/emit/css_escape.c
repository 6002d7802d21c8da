/* css_escape.c: text from the style (font family names) as CSS strings
 * (CSS Syntax Level 3, section 4.3.5), so no name can end a rule early. */
#include "epub.h"

void css_string(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        /* A hex escape ends at the space after it. */
        if (*p == '"' || *p == '\\' || *p < 0x20 || *p == 0x7f)
            g_string_append_printf(out, "\\%x ", *p);
        else
            g_string_append_c(out, (char)*p);
    }
    g_string_append_c(out, '"');
}
