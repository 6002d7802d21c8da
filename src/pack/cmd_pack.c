/* cmd_pack.c: `folio pack [-o DIR] [-f pdf,epub] [--style FILE] [print
 * options] MANIFEST.yaml`. Usage errors exit 2. */
#include <string.h>

#include "pack.h"

static const char pack_usage[] =
    "usage: folio pack [-o DIR] [-f pdf,epub] [--style FILE] [--imposition booklet]\n"
    "                  [--nup 2] [--marks] [--bleed LENGTH] MANIFEST.yaml\n";

static int usage(const char *fmt, const char *arg)
{
    return diag_usage(pack_usage, fmt, arg);
}

/* Sets the outputs from "pdf", "epub" or "pdf,epub"; false if it is none of them. */
static bool take_formats(pack_opts *o, const char *v)
{
    o->pdf = strstr(v, "pdf") != NULL;
    o->epub = strstr(v, "epub") != NULL;
    return !strcmp(v, "pdf") || !strcmp(v, "epub") || !strcmp(v, "pdf,epub") ||
           !strcmp(v, "epub,pdf");
}

int pack_command(int argc, char **argv)
{
    pack_opts o = {.out_dir = "dist", .pdf = true, .epub = true};
    for (int i = 0; i < argc; i++) {
        char *a = argv[i];
        if (a[0] != '-' || !a[1]) {
            if (o.manifest)
                return usage("one manifest at a time, not also '%s'", a);
            o.manifest = a;
            continue;
        }
        char *eq = g_str_has_prefix(a, "--") ? strchr(a, '=') : NULL;
        char *name = eq ? g_strndup(a, (size_t)(eq - a)) : g_strdup(a);
        bool valued = !strcmp(name, "-o") || !strcmp(name, "--output") || !strcmp(name, "-f") ||
                      !strcmp(name, "--formats") || !strcmp(name, "--style") ||
                      print_opts_wants_value(name);
        const char *v = eq ? eq + 1 : NULL;
        if (valued && !v)
            v = i + 1 < argc ? argv[++i] : NULL;
        int status = 0;
        if (valued && (!v || !*v))
            status = usage("option '%s' needs a value", name);
        else if (!strcmp(name, "-o") || !strcmp(name, "--output"))
            o.out_dir = v;
        else if (!strcmp(name, "-f") || !strcmp(name, "--formats")) {
            if (!take_formats(&o, v))
                status = usage("-f takes pdf, epub or pdf,epub, not '%s'", v);
        } else if (!strcmp(name, "--style"))
            o.style_path = v;
        else {
            int took = print_opts_take(&o.print, name, v);
            if (took == 0)
                status = usage("unknown option '%s'", name);
            else if (took < 0) {
                fputs(pack_usage, stderr);
                status = 2;
            }
        }
        g_free(name);
        if (status)
            return status;
    }
    if (!o.manifest)
        return usage("%s", "no pack manifest given");
    return pack_run(&o);
}
