/* main.c: folio's command line. Exit status: 0 success, 1 errors in the
 * input or while writing, 2 usage errors. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "build.h"
#include "pack/pack.h"
#include "resolve/bib.h"
#include "resolve/csl.h"
#include "site/site.h"

static const char usage[] =
    "usage: folio build [-o DIR] [-f pdf,epub] [--style FILE] [--csl STYLE]\n"
    "                   [--bibliography FILE]... [--strict] [--quiet] [--deps FILE]\n"
    "                   [--imposition booklet] [--nup 2] [--marks] [--bleed LENGTH] FILE.md...\n"
    "       folio pack [-o DIR] [-f pdf,epub] [--style FILE] [print options] MANIFEST.yaml\n"
    "       folio site [-o DIR] [--style FILE] FILE.md... MANIFEST.yaml...\n"
    "       folio cite --fixture FILE.txt [--locales DIR]\n"
    "       folio --help | --version\n";

static const char help[] =
    "folio " FOLIO_VERSION " - builds print-ready PDF and EPUB 3 from Markdown manuscripts\n\n"
    "usage: folio build [options] FILE.md...\n\n"
    "Writes DIR/NAME.pdf and DIR/NAME.epub for each FILE.md (NAME is the file name\n"
    "without .md). Outputs are written to a temporary file and renamed into place,\n"
    "so a failed build leaves the previous output intact.\n\n"
    "options:\n"
    "  -o, --output DIR     output directory (default: dist)\n"
    "  -f, --formats LIST   comma-separated outputs: pdf, epub (default: pdf,epub)\n"
    "  --style FILE         house style (default: styles/briefing.yaml)\n"
    "  --csl STYLE          citation style: a name (apa, chicago-notes-bibliography,\n"
    "                       oscola...) or a .csl file (default: the front matter's\n"
    "                       csl, else chicago-author-date)\n"
    "  --bibliography FILE  a BibTeX/BibLaTeX (.bib) or CSL-JSON (.json) file, added\n"
    "                       to the front matter's (repeatable)\n"
    "  --strict             every warning is an error (exit 1, no output written)\n"
    "  -q, --quiet          no warnings (errors are still reported)\n"
    "  --deps FILE          write a make dependency file listing every input read\n"
    "  --dump=doc|frames    print the parsed document tree, or the laid-out pages,\n"
    "                       instead of building\n" PRINT_OPTS_HELP
    "  -h, --help           this help\n"
    "  --version            print the version\n\n"
    "folio pack MANIFEST.yaml builds a seminar pack (manuscripts/packs/NAME.yaml)\n"
    "into DIR/NAME.pdf and DIR/NAME.epub; it takes -o, -f, --style and the print\n"
    "options.\n\n"
    "folio site [-o DIR] FILE.md... writes DIR/index.html, the readers' download\n"
    "page, with a cover drawn from each PDF's first page; build the PDFs and\n"
    "EPUBs into DIR first.\n\n"
    "folio cite --fixture FILE.txt [--locales DIR] runs one CSL test-suite fixture\n"
    "and prints the rendered result; --fixtures DIR runs a directory of them.\n\n"
    "Errors are reported as file:line:col: error: message (exit 1);\n"
    "usage errors exit 2.\n";

static void on_signal(int sig)
{
    out_cleanup_all();
    signal(sig, SIG_DFL);
    raise(sig);
}

static int usage_error(const char *fmt, const char *arg)
{
    return diag_usage(usage, fmt, arg);
}

/* Takes an option's value from "--opt=value" or the next argument. */
static const char *option_value(int argc, char **argv, int *i, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (eq && g_str_has_prefix(arg, "--"))
        return eq + 1;
    if (*i + 1 < argc)
        return argv[++*i];
    return NULL;
}

static int cmd_build(int argc, char **argv)
{
    build_opts o = {.out_dir = "dist", .pdf = true, .epub = true};
    GPtrArray *files = g_ptr_array_new();
    int status = 2;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++)
                g_ptr_array_add(files, argv[i]);
            break;
        }
        if (a[0] != '-' || a[1] == '\0') {
            g_ptr_array_add(files, argv[i]);
            continue;
        }
        char name[32] = {0};
        const char *eq = strchr(a, '=');
        size_t nl = eq ? (size_t)(eq - a) : strlen(a);
        if (nl >= sizeof name) {
            status = usage_error("unknown option '%s'", a);
            goto out;
        }
        memcpy(name, a, nl);
        if (!strcmp(name, "--strict")) {
            o.strict = true;
            diag_set_strict(true);
            continue;
        }
        if (!strcmp(name, "--quiet") || !strcmp(name, "-q")) {
            diag_set_quiet_warnings(true);
            continue;
        }
        if (!strcmp(name, "--marks") || print_opts_wants_value(name)) {
            const char *v = !strcmp(name, "--marks") ? NULL : option_value(argc, argv, &i, a);
            if (strcmp(name, "--marks") != 0 && (!v || !*v)) {
                status = usage_error("option '%s' needs a value", name);
                goto out;
            }
            if (print_opts_take(&o.print, name, v) < 0) {
                fputs(usage, stderr);
                goto out;
            }
            continue;
        }
        if (!strcmp(name, "-o") || !strcmp(name, "--output") || !strcmp(name, "-f") ||
            !strcmp(name, "--formats") || !strcmp(name, "--style") || !strcmp(name, "--deps") ||
            !strcmp(name, "--dump") || !strcmp(name, "--csl") || !strcmp(name, "--bibliography")) {
            const char *v = option_value(argc, argv, &i, a);
            if (!v || !*v) {
                status = usage_error("option '%s' needs a value", name);
                goto out;
            }
            if (!strcmp(name, "-o") || !strcmp(name, "--output")) {
                o.out_dir = v;
            } else if (!strcmp(name, "-f") || !strcmp(name, "--formats")) {
                o.pdf = o.epub = false;
                gchar **parts = g_strsplit(v, ",", -1);
                bool bad = false;
                for (int k = 0; parts[k]; k++) {
                    if (!strcmp(parts[k], "pdf"))
                        o.pdf = true;
                    else if (!strcmp(parts[k], "epub"))
                        o.epub = true;
                    else
                        bad = true;
                }
                g_strfreev(parts);
                if (bad || (!o.pdf && !o.epub)) {
                    status = usage_error("-f takes pdf, epub or pdf,epub, not '%s'", v);
                    goto out;
                }
            } else if (!strcmp(name, "--style")) {
                o.style_path = v;
            } else if (!strcmp(name, "--deps")) {
                o.deps_path = v;
            } else if (!strcmp(name, "--csl")) {
                o.csl = v;
            } else if (!strcmp(name, "--bibliography")) {
                if (!o.bibliography)
                    o.bibliography = g_ptr_array_new();
                g_ptr_array_add(o.bibliography, (gpointer)v);
            } else {
                if (strcmp(v, "doc") != 0 && strcmp(v, "frames") != 0) {
                    status = usage_error("--dump takes doc or frames, not '%s'", v);
                    goto out;
                }
                o.dump = v;
            }
        } else {
            status = usage_error("unknown option '%s'", a);
            goto out;
        }
    }
    if (files->len == 0) {
        status = usage_error("%s", "no manuscript given");
        goto out;
    }
    status = build_run(&o, (char **)files->pdata, (int)files->len);
out:
    if (o.bibliography)
        g_ptr_array_free(o.bibliography, TRUE);
    g_ptr_array_free(files, TRUE);
    return status;
}

int main(int argc, char **argv)
{
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    int status;
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(help, stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        puts("folio " FOLIO_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "build")) {
        status = cmd_build(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "pack")) {
        status = pack_command(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "site")) {
        status = site_command(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "cite")) {
        status = csl_fixture_command(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "bib")) {
        status = bib_dump_command(argc - 2, argv + 2);
    } else {
        fprintf(stderr, "folio: unknown command '%s'\n%s", cmd, usage);
        return 2;
    }
    fonts_shutdown();
    return status;
}
