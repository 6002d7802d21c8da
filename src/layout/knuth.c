/* knuth.c: total-fit line breaking, after Knuth and Plass, "Breaking
 * Paragraphs into Lines", Software: Practice and Experience 11 (1981)
 * 1119-1184 (cited below as KP, with its section titles).
 *
 * The paragraph (one run of text between hard breaks) arrives as the points
 * where a line may end (kp_point), already measured from the shaped text by
 * totalfit.c: each knows where a line ending there ends, where the next line
 * starts, and what the glue before it may stretch or shrink. Widths are taken
 * as differences of those positions, so the kerning inside a word and across
 * its hyphenation points stays as HarfBuzz made it ("The box/glue/penalty
 * model": a box is whatever lies between two points). The algorithm keeps a
 * list of active breakpoints and, for each new feasible break, remembers the
 * best way to reach it per fitness class ("The algorithm", "Fitness
 * classes"); the breaks come from the best way to reach the end. Three passes,
 * as TeX makes them: without hyphenation at the pretolerance, then with it at
 * the tolerance, then an emergency pass with extra stretch in every line that
 * accepts any badness ("Choosing the tolerance"), and only there may the
 * last word of a paragraph be hyphenated. TeX's names for the
 * parameters: \pretolerance, \tolerance, \emergencystretch, \linepenalty,
 * \hyphenpenalty, \exhyphenpenalty, \doublehyphendemerits,
 * \finalhyphendemerits, \adjdemerits. */
#include "internal.h"

/* Badness of a line that cannot stretch enough ("Badness": 100 r^3 with r
 * the adjustment ratio, capped here as TeX caps it). */
#define INF_BAD 10000
/* The active list is bounded: a paragraph set at a normal measure has a few
 * dozen active breakpoints at most (the points within one line's stretch and
 * shrink, by fitness class and hyphen run); more arise only from huge
 * tolerances on narrow measures or from paragraphs of many thousands of
 * words in the emergency pass. Past this many, the breakpoints with the most
 * demerits so far are dropped, which keeps the work per point bounded (the
 * result may then be a little worse than optimal, never wrong). */
#define KP_MAX_ACTIVE 64
/* Fitness classes (KP "Fitness classes"): 0 tight, 1 decent, 2 loose, 3 very loose. */
#define N_FITNESS 4
#define MAX_RUN 8 /* most consecutive hyphenated lines the style may allow */

typedef struct {
    size_t point; /* index into the points */
    int fitness;  /* class of the line ending here */
    int run;      /* hyphenated lines in a row ending here */
    double total; /* total demerits of the best way here */
    gint64 prev;  /* node of the previous break, -1 at the start */
} kp_node;

static double badness(double r)
{
    if (r < 0)
        r = -r;
    if (r > 4.65) /* 100 * 4.65^3 > INF_BAD */
        return INF_BAD;
    double b = 100 * r * r * r;
    return b > INF_BAD ? INF_BAD : b;
}

static int fitness_class(double r)
{
    if (r < -0.5)
        return 0;
    if (r <= 0.5)
        return 1;
    if (r <= 1)
        return 2;
    return 3;
}

/* Sums of stretch and shrink of the glue before each point (KP "The
 * algorithm": the running totals that make each trial line O(1)). */
static void glue_sums(const kp_point *pts, size_t n, double *st, double *sh)
{
    st[0] = sh[0] = 0;
    for (size_t i = 0; i < n; i++) {
        st[i + 1] = st[i] + (pts[i].kind == KP_GLUE ? pts[i].stretch : 0);
        sh[i + 1] = sh[i] + (pts[i].kind == KP_GLUE ? pts[i].shrink : 0);
    }
}

/* Drops the active nodes with the most demerits beyond KP_MAX_ACTIVE. */
static int by_total(gconstpointer a, gconstpointer b, gpointer nodes)
{
    const kp_node *x = &g_array_index((GArray *)nodes, kp_node, *(const guint *)a);
    const kp_node *y = &g_array_index((GArray *)nodes, kp_node, *(const guint *)b);
    return x->total < y->total ? -1 : x->total > y->total;
}

static void prune(GArray *active, GArray *nodes)
{
    if (active->len <= KP_MAX_ACTIVE)
        return;
    g_array_sort_with_data(active, by_total, nodes);
    g_array_set_size(active, KP_MAX_ACTIVE);
}

/* One pass at the given tolerance; hyphens: hyphenation points count;
 * extra: stretch added to every line. Fills chosen and returns true when the
 * end was reached. */
static bool kp_pass(const kp_point *pts, size_t n, const kp_params *kp, const double *st,
                    const double *sh, double tolerance, bool hyphens, double extra, GArray *chosen)
{
    GArray *nodes = g_array_new(FALSE, FALSE, sizeof(kp_node));
    GArray *active = g_array_new(FALSE, FALSE, sizeof(guint));
    int max_run = CLAMP(kp->max_run, 0, MAX_RUN);
    kp_node start = {0, 1, 0, 0, -1};
    g_array_append_val(nodes, start);
    guint zero = 0;
    g_array_append_val(active, zero);
    kp_node best[N_FITNESS][MAX_RUN + 1];
    bool reached = false;
    for (size_t k = 1; k < n && active->len; k++) {
        const kp_point *q = &pts[k];
        if ((q->hyphen && !hyphens) || (q->last_word && extra <= 0))
            continue;
        bool end = q->kind == KP_END;
        for (int f = 0; f < N_FITNESS; f++)
            for (int r = 0; r <= max_run; r++)
                best[f][r].total = -1;
        for (guint i = 0; i < active->len;) {
            const kp_node a = g_array_index(nodes, kp_node, g_array_index(active, guint, i));
            const kp_point *p = &pts[a.point];
            double width = a.point == 0 ? kp->first : kp->rest;
            double natural = q->end_x - p->start_x + q->tail;
            double stretch = st[k] - st[a.point + 1] + q->end_ink - p->start_ink + extra;
            double shrink = sh[k] - sh[a.point + 1];
            double r; /* the adjustment ratio (KP "The box/glue/penalty model") */
            if (end && natural <= width)
                r = 0; /* the last line's fill glue takes the rest: never stretched */
            else if (natural < width)
                r = stretch > 0 ? (width - natural) / stretch : INF_BAD;
            else if (natural > width)
                r = shrink > 0 ? (width - natural) / shrink : -INF_BAD;
            else
                r = 0;
            if (r < -1) { /* overfull now and from here on: no longer active */
                g_array_remove_index(active, i);
                continue;
            }
            i++;
            double b = badness(r);
            if (b > tolerance)
                continue;
            int run = q->flagged ? a.run + 1 : 0;
            if (run > max_run)
                continue; /* too many hyphenated lines in a row */
            /* demerits (KP "The algorithm", the formula for d) */
            double lb = MIN(kp->line_penalty + b, INF_BAD);
            double d = lb * lb;
            if (q->penalty > 0)
                d += (double)q->penalty * q->penalty;
            if (q->flagged && p->flagged)
                d += kp->double_hyphen;
            if (end && p->flagged)
                d += kp->final_hyphen;
            if (end && a.point != 0 && natural < kp->last_line_min * width)
                d += kp->last_line;
            int fit = fitness_class(r);
            if (abs(fit - a.fitness) > 1)
                d += kp->adjacent;
            double total = a.total + d;
            kp_node *bn = &best[fit][run];
            if (bn->total < 0 || total < bn->total) {
                *bn = (kp_node){k, fit, run, total, (gint64)g_array_index(active, guint, i - 1)};
            }
        }
        for (int f = 0; f < N_FITNESS; f++)
            for (int r = 0; r <= max_run; r++)
                if (best[f][r].total >= 0) {
                    guint at = nodes->len;
                    g_array_append_val(nodes, best[f][r]);
                    if (!end)
                        g_array_append_val(active, at);
                    else
                        reached = true;
                }
        if (end)
            break;
        prune(active, nodes);
    }
    if (reached) { /* the best node at the end, then back through the chain */
        gint64 at = -1;
        for (guint i = 0; i < nodes->len; i++) {
            const kp_node *x = &g_array_index(nodes, kp_node, i);
            if (pts[x->point].kind == KP_END &&
                (at < 0 || x->total < g_array_index(nodes, kp_node, at).total))
                at = i;
        }
        g_array_set_size(chosen, 0);
        for (; at > 0; at = g_array_index(nodes, kp_node, at).prev)
            g_array_prepend_val(chosen, g_array_index(nodes, kp_node, at).point);
    }
    g_array_free(active, TRUE);
    g_array_free(nodes, TRUE);
    return reached;
}

bool kp_break_lines(const kp_point *pts, size_t n, const kp_params *kp, bool second, GArray *chosen)
{
    double *st = g_new(double, n + 1), *sh = g_new(double, n + 1);
    glue_sums(pts, n, st, sh);
    bool ok;
    if (!second)
        ok =
            kp->pretolerance > 0 && kp_pass(pts, n, kp, st, sh, kp->pretolerance, false, 0, chosen);
    else
        ok = kp_pass(pts, n, kp, st, sh, kp->tolerance, true, 0, chosen) ||
             kp_pass(pts, n, kp, st, sh, INF_BAD, true, kp->emergency, chosen);
    g_free(st);
    g_free(sh);
    return ok;
}
