/* build.h: the driver, the only place that orders the stages (parse, then
 * each back end) and picks the back ends. */
#ifndef FOLIO_BUILD_H
#define FOLIO_BUILD_H

#include <glib.h>
#include <stdbool.h>

#include "doc/doc.h"
#include "pack/impose.h"
#include "style/style.h"

typedef struct {
    const char *out_dir;     /* default "dist" */
    bool pdf, epub;          /* which outputs */
    const char *style_path;  /* NULL: styles/briefing.yaml beside the program */
    const char *deps_path;   /* make-style dependency file to write, or NULL */
    const char *dump;        /* "doc" or "frames": print the document tree or the pages instead */
    const char *csl;         /* --csl: citation style name or path, over the front matter's */
    GPtrArray *bibliography; /* --bibliography files (const char *), may be NULL */
    bool strict;             /* --strict: unknown citation keys are errors */
    print_opts print;        /* imposition, crop marks, bleed (src/pack/impose.h) */
} build_opts;

/* Builds every file; returns the exit status (0, or 1 after errors). */
int build_run(const build_opts *o, char **files, int n_files);

#endif
