/* pack.h: report packs for seminars (src/pack/). A manifest
 * (manuscripts/packs/NAME.yaml) names a seminar's publications; the pack
 * binds them into one PDF (cover, introduction and agenda, contents, then
 * each publication starting on a right-hand page, pages numbered through)
 * and one EPUB (each publication a part). The print production options
 * (imposition, crop marks, bleed) live in impose.h. */
#ifndef FOLIO_PACK_H
#define FOLIO_PACK_H

#include "../doc/doc.h"
#include "../layout/layout.h"
#include "../style/style.h"
#include "impose.h"

/* One line of the agenda. */
typedef struct {
    const char *time, *item, *speaker; /* speaker may be NULL */
} pack_agenda_item;

/* A manifest as read (manifest.c). Strings live in the arena; every one but
 * title may be NULL. */
typedef struct {
    arena *a;
    const char *path; /* the manifest file */
    const char *name; /* its base name without .yaml: the outputs' name */
    const char *title, *subtitle, *organiser, *host, *date, *venue, *lang;
    const char *introduction; /* Markdown */
    unsigned introduction_line;
    pack_agenda_item *agenda;
    size_t n_agenda;
    const char **manuscripts; /* paths, relative to the current directory */
    size_t n_manuscripts;
} pack_manifest;

/* Reads and checks a manifest (every manuscript must exist); NULL after one
 * file:line:col error. Free with pack_manifest_free. */
pack_manifest *pack_manifest_load(const char *path);
void pack_manifest_free(pack_manifest *m);

/* The pack's cover (its first page) laid out in style s, as the PDF shows it.
 * The frame's text refers to *owner, which the caller frees with
 * lay_doc_free after lay_frame_free(frame); NULL after an error diagnostic.
 * For thumbnails: draw it with draw_frame (src/emit/draw.h). */
lay_frame *pack_cover_frame(const pack_manifest *m, const style *s, lay_doc **owner);

typedef struct {
    const char *manifest;
    const char *out_dir;    /* default "dist" */
    const char *style_path; /* NULL: styles/briefing.yaml */
    bool pdf, epub;
    print_opts print;
} pack_opts;

/* Builds the pack's PDF and EPUB; the exit status (0, or 1 after errors). */
int pack_run(const pack_opts *o);

/* `folio pack`: parses the command line (cmd_pack.c); the exit status. */
int pack_command(int argc, char **argv);

#endif
