/* impose.c: print production from laid-out pages (see impose.h).
 *
 * Every page is drawn from its frame, as the PDF shows it, into a page box
 * enlarged by the bleed; rectangles that touch the trim edge (cover bands,
 * backgrounds) are extended into the bleed, everything else stays where it
 * was. Crop marks go at the corners of the trim, starting MARK_GAP outside
 * the bleed, so none reaches into it.
 *
 *   one up        the sheet is the page box plus room for the marks;
 *   --nup 2       A4 landscape sheets, two pages side by side in reading order;
 *   booklet       A4 landscape sheets folded in the middle: the pages, padded
 *                 with blanks to a multiple of 4 (N), go front then back of
 *                 each sheet s as N-2s, 2s+1 / 2s+2, N-2s-1, so a duplex print
 *                 (flipped on the short edge), stacked and folded reads 1..N.
 *
 * With --nup 2 each page (with its bleed and marks) is scaled to fit half the
 * sheet, centred, to be cut apart: A4 pages become A5 (71%), A5 pages keep
 * their size. A booklet's two pages are one spread, scaled the same way:
 * they meet at the fold, with no bleed between them; the crop marks go at the
 * spread's outer corners and fold marks above and below the spine, and the
 * sheet's TrimBox and BleedBox are the spread's. Links, destinations and the
 * outline belong to the reading copy and are left out. */
#include "impose.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../emit/draw.h"

#define A4_LONG 841.89
#define A4_SHORT 595.28
#define MM (72.0 / 25.4)
#define MARK_GAP 3.0  /* points between the bleed edge and a mark */
#define MARK_LEN 12.0 /* the length of a mark */
#define MARK_WEIGHT 0.25
#define EDGE 0.5 /* a rectangle this close to the trim edge touches it */

bool print_opts_active(const print_opts *o)
{
    return o->booklet || o->nup > 1 || o->marks || o->bleed > 0;
}

bool print_opts_wants_value(const char *name)
{
    return !strcmp(name, "--imposition") || !strcmp(name, "--nup") || !strcmp(name, "--bleed");
}

/* A length with its unit (mm, cm, in, pt) in points; -1 if it is not one. */
static double parse_length(const char *s)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || v < 0)
        return -1;
    static const struct {
        const char *unit;
        double points;
    } units[] = {{"mm", MM}, {"cm", 10 * MM}, {"in", 72}, {"pt", 1}};
    for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
        if (!strcmp(end, units[i].unit))
            return v * units[i].points;
    return -1;
}

int print_opts_take(print_opts *o, const char *name, const char *value)
{
    if (!strcmp(name, "--marks")) {
        o->marks = true;
        return 1;
    }
    if (!print_opts_wants_value(name))
        return 0;
    if (!strcmp(name, "--imposition")) {
        if (strcmp(value, "booklet") != 0) {
            fprintf(stderr, "folio: --imposition takes booklet, not '%s'\n", value);
            return -1;
        }
        o->booklet = true;
    } else if (!strcmp(name, "--nup")) {
        if (strcmp(value, "1") != 0 && strcmp(value, "2") != 0) {
            fprintf(stderr, "folio: --nup takes 1 or 2, not '%s'\n", value);
            return -1;
        }
        o->nup = atoi(value);
    } else {
        double b = parse_length(value);
        if (b < 0 || b > 20 * MM) {
            fprintf(stderr, "folio: --bleed takes a length up to 20mm (3mm, 0.125in), not '%s'\n",
                    value);
            return -1;
        }
        o->bleed = b;
    }
    return 1;
}

/* The room around the trim of each page: the bleed, and the marks outside it. */
static double slug(const print_opts *o)
{
    return o->bleed + (o->marks ? MARK_GAP + MARK_LEN + MARK_GAP : 0);
}

/* The bleed on each side of a page: left, top, right, bottom. */
typedef struct {
    double l, t, r, b;
} sides;

/* Draws page f with its top-left trim corner at the origin: its items,
 * with edge-touching rectangles extended by the bleed, clipped to the bleed
 * (none on a side where the page meets another at a fold). */
static bool draw_page(cairo_t *cr, const lay_frame *f, sides bleed)
{
    cairo_save(cr);
    cairo_rectangle(cr, -bleed.l, -bleed.t, f->width + bleed.l + bleed.r,
                    f->height + bleed.t + bleed.b);
    cairo_clip(cr);
    bool ok = true;
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    for (guint i = 0; ok && i < f->items->len; i++) {
        lay_item it = g_array_index(f->items, lay_item, i);
        if (it.kind == LAY_ITEM_LINK || it.kind == LAY_ITEM_DEST)
            continue; /* the reading copy's, not the printer's */
        if (it.kind == LAY_ITEM_RECT) {
            double x1 = it.x + it.w, y1 = it.y + it.h;
            if (it.x <= EDGE)
                it.x -= bleed.l;
            if (it.y <= EDGE)
                it.y -= bleed.t;
            if (x1 >= f->width - EDGE)
                x1 += bleed.r;
            if (y1 >= f->height - EDGE)
                y1 += bleed.b;
            it.w = x1 - it.x;
            it.h = y1 - it.y;
        }
        ok = draw_item(cr, &it, seen);
    }
    g_hash_table_destroy(seen);
    cairo_restore(cr);
    return ok;
}

/* Crop marks at the corners of the trim (x, y, w, h), in sheet space. */
static void crop_marks(cairo_t *cr, double x, double y, double w, double h, double bleed)
{
    double near = bleed + MARK_GAP, far = near + MARK_LEN;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, MARK_WEIGHT);
    double xs[2] = {x, x + w}, ys[2] = {y, y + h};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double sx = i ? 1 : -1, sy = j ? 1 : -1;
            cairo_move_to(cr, xs[i] + sx * near, ys[j]); /* horizontal, on the trim line */
            cairo_line_to(cr, xs[i] + sx * far, ys[j]);
            cairo_move_to(cr, xs[i], ys[j] + sy * near); /* vertical */
            cairo_line_to(cr, xs[i], ys[j] + sy * far);
        }
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* Fold marks above and below the spine at x, outside the bleed of the trim
 * from y to y + h, in sheet space. */
static void fold_marks(cairo_t *cr, double x, double y, double h, double bleed)
{
    double near = bleed + MARK_GAP, far = near + MARK_LEN;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, MARK_WEIGHT);
    cairo_move_to(cr, x, y - near);
    cairo_line_to(cr, x, y - far);
    cairo_move_to(cr, x, y + h + near);
    cairo_line_to(cr, x, y + h + far);
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* Places n pages (1, or 2 as a booklet's spread; NULL: a blank) side by side
 * in the cell (cx, cy, cw, ch) of the sheet, scaled to fit with their slug,
 * centred; scale 1 for a sheet of one page. trim, unless NULL, receives the
 * trim in sheet space (x, y, w, h), and *scale the scale. */
static bool place(cairo_t *cr, const lay_frame *const *f, int n, const lay_frame *model, double cx,
                  double cy, double cw, double ch, const print_opts *o, double trim[4],
                  double *scale)
{
    double s = slug(o);
    double bw = n * model->width + 2 * s, bh = model->height + 2 * s;
    double k = MIN(cw / bw, ch / bh);
    double ox = cx + (cw - bw * k) / 2 + s * k, oy = cy + (ch - bh * k) / 2 + s * k;
    double tw = n * model->width * k, th = model->height * k;
    if (trim) {
        double t[4] = {ox, oy, tw, th};
        memcpy(trim, t, sizeof t);
        *scale = k;
    }
    if (o->marks) {
        crop_marks(cr, ox, oy, tw, th, o->bleed * k);
        for (int i = 1; i < n; i++)
            fold_marks(cr, ox + i * model->width * k, oy, th, o->bleed * k);
    }
    bool ok = true;
    for (int i = 0; ok && i < n; i++) {
        if (!f[i])
            continue;
        sides b = {i == 0 ? o->bleed : 0, o->bleed, i == n - 1 ? o->bleed : 0, o->bleed};
        cairo_save(cr);
        cairo_translate(cr, ox + i * model->width * k, oy);
        cairo_scale(cr, k, k);
        ok = draw_page(cr, f[i], b);
        cairo_restore(cr);
    }
    return ok;
}

static cairo_status_t write_bytes(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *impose_pdf_new(GByteArray *bytes, double width, double height)
{
    return cairo_pdf_surface_create_for_stream(write_bytes, bytes, width, height);
}

bool impose_pdf_commit(cairo_surface_t *surf, GByteArray *bytes, bool ok, const char *target)
{
    cairo_surface_finish(surf); /* none the worse for a second time */
    if (ok && cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        diag_error(target, 0, 0, "cannot write the PDF: %s",
                   cairo_status_to_string(cairo_surface_status(surf)));
        ok = false;
    }
    cairo_surface_destroy(surf);
    outfile *out = ok ? out_open(target) : NULL;
    if (out && fwrite(bytes->data, 1, bytes->len, out_stream(out)) != bytes->len) {
        diag_error(target, 0, 0, "cannot write the PDF: %s", g_strerror(errno));
        out_abort(out);
        out = NULL;
    }
    ok = out && out_commit(out);
    g_byte_array_unref(bytes);
    return ok;
}

bool impose_write(const char *target, lay_frame *const *pages, size_t n, const print_opts *o,
                  const char *title)
{
    if (n == 0)
        return false;
    const lay_frame *model = pages[0];
    bool two = o->booklet || o->nup == 2;
    double s = slug(o);
    double sw = two ? A4_LONG : model->width + 2 * s, sh = two ? A4_SHORT : model->height + 2 * s;
    GByteArray *bytes = g_byte_array_new();
    cairo_surface_t *surf = impose_pdf_new(bytes, sw, sh);
    if (title)
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "folio " FOLIO_VERSION);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, "");
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE, "");
    cairo_t *cr = cairo_create(surf);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    bool ok = true;
    double trim[4] = {0}, k = 1; /* the trim of every sheet, and its scale */
    if (!two) {
        for (size_t i = 0; ok && i < n; i++) {
            const lay_frame *page = pages[i];
            ok = place(cr, &page, 1, model, 0, 0, sw, sh, o, trim, &k);
            cairo_show_page(cr);
        }
    } else {
        size_t total = o->booklet ? (n + 3) / 4 * 4 : (n + 1) / 2 * 2;
        for (size_t side = 0; ok && side < total / 2; side++) {
            size_t left, right; /* 1-based page numbers */
            if (!o->booklet) {
                left = 2 * side + 1;
                right = 2 * side + 2;
            } else if (side % 2 == 0) { /* the front of sheet side / 2 */
                left = total - side;
                right = side + 1;
            } else {
                left = side + 1;
                right = total - side;
            }
            const lay_frame *pair[2] = {left <= n ? pages[left - 1] : NULL,
                                        right <= n ? pages[right - 1] : NULL};
            if (o->booklet) /* one spread, folded at the middle */
                ok = place(cr, pair, 2, model, 0, 0, sw, sh, o, trim, &k);
            else /* two pages, cut apart */
                ok = place(cr, &pair[0], 1, model, 0, 0, sw / 2, sh, o, NULL, NULL) &&
                     place(cr, &pair[1], 1, model, sw / 2, 0, sw / 2, sh, o, NULL, NULL);
            cairo_show_page(cr);
        }
    }
    cairo_destroy(cr);
    if ((!two || o->booklet) && s > 0) { /* one trim a sheet: it and the bleed as boxes */
        cairo_surface_finish(surf);
        double box[4] = {trim[0], sh - trim[1] - trim[3], trim[0] + trim[2], sh - trim[1]};
        impose_add_boxes(bytes, box, o->bleed * k);
    }
    return impose_pdf_commit(surf, bytes, ok, target);
}
