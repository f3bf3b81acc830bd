/* The page's map: every planned school with a location as a dot. Colour
 * carries one thing at a time, as a reader can tell a dozen hues apart but
 * not 45: on the whole LA, the stratum (primary, secondary, special); with
 * one collaborative picked, its triads, each its own colour, the rest
 * greyed (lib/report/planner/0-frame.js swaps the fills: each dot carries both). Area names
 * are placed where they cover no other name and the fewest dots. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/report_impl.h"
#include "model/plan_impl.h"
#include "model/schools_impl.h"
#include "report/html_out.h"
#include "report/report_map.h"

#define MAP_W 960.0
#define MAP_H 720.0
#define MAP_PAD 24.0
/* an area name's box: 12 px text, about 6.6 px a character */
#define LABEL_H 13.0
#define LABEL_CHAR_W 6.6

typedef struct map_frame {
    double x0, y0, scale, h;
} map_frame;

static double px(const map_frame *f, const school_rec *q)
{
    return MAP_PAD + (q->x - f->x0) * f->scale;
}

static double py(const map_frame *f, const school_rec *q)
{
    return f->h - MAP_PAD - (q->y - f->y0) * f->scale;
}

static int on_map(const school_rec *q, const triad_plan *p, size_t i)
{
    return p->collab[i] >= 0 && !isnan(q->x) && !isnan(q->y);
}

/* The frame that fits every located planned school; 0 when none is. */
static size_t map_fit(const triad_schools *s, const triad_plan *p, map_frame *f)
{
    double x1 = -INFINITY, y1 = -INFINITY;
    size_t located = 0;
    f->x0 = f->y0 = INFINITY;
    for (size_t i = 0; i < s->n; i++) {
        const school_rec *q = &s->s[i];
        if (!on_map(q, p, i))
            continue;
        located++;
        f->x0 = fmin(f->x0, q->x);
        x1 = fmax(x1, q->x);
        f->y0 = fmin(f->y0, q->y);
        y1 = fmax(y1, q->y);
    }
    double span = fmax(fmax(x1 - f->x0, (y1 - f->y0) * MAP_W / MAP_H), 1.0);
    f->scale = (MAP_W - 2 * MAP_PAD) / span;
    f->h = fmin(MAP_H, (y1 - f->y0) * f->scale + 2 * MAP_PAD + 20);
    return located;
}

/* Each triad's place among its collaborative's triads: its colour when the
 * collaborative is picked. Caller frees. */
static size_t *triad_ranks(const triad_plan *p)
{
    size_t *rank = malloc((p->ntriad + 1) * sizeof *rank);
    size_t *seen = calloc(p->ncollab + 1, sizeof *seen);
    if (rank && seen)
        for (size_t t = 0; t < p->ntriad; t++)
            rank[t] = p->triad_collab[t] >= 0 ? seen[p->triad_collab[t]]++ : 0;
    free(seen);
    return rank && seen ? rank : (free(rank), NULL);
}

typedef struct box {
    double x0, y0, x1, y1;
} box;

static int overlaps(const box *a, const box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* Where to write `name` near (cx, cy): of a few places around it, the one
 * that covers no name placed before and the fewest dots, nearest first. */
static box place_label(const char *name, double cx, double cy, const box *placed, size_t nplaced,
                       const double *dx, const double *dy, size_t ndots)
{
    static const double off[][2] = {{0, 0},   {0, -16},  {0, 16},   {-48, 0},  {48, 0},
                                    {0, -32}, {0, 32},   {-48, -16}, {48, -16}, {-48, 16},
                                    {48, 16}, {0, -48},  {0, 48}};
    double w = LABEL_CHAR_W * (double)strlen(name) + 4;
    box best = {0, 0, 0, 0};
    double best_cost = INFINITY;
    for (size_t k = 0; k < sizeof off / sizeof off[0]; k++) {
        box b = {cx + off[k][0] - w / 2, cy + off[k][1] - LABEL_H + 3, cx + off[k][0] + w / 2,
                 cy + off[k][1] + 3};
        double cost = 0.01 * (double)k; /* nearest wins a tie */
        for (size_t j = 0; j < nplaced; j++)
            cost += 1000 * overlaps(&b, &placed[j]);
        for (size_t d = 0; d < ndots; d++)
            cost += dx[d] > b.x0 - 5 && dx[d] < b.x1 + 5 && dy[d] > b.y0 - 5 && dy[d] < b.y1 + 5;
        if (cost < best_cost) {
            best_cost = cost;
            best = b;
        }
    }
    return best;
}

/* Area names at the centre of their schools, moved off names and dots. */
static void map_areas(triad_i_buf *b, const triad_report *r, const triad_schools *s,
                      const triad_plan *p, const map_frame *f)
{
    const bal_attr *area = NULL;
    for (size_t a = 0; a < r->prof.nattr; a++)
        if (r->prof.attr[a].area)
            area = &r->prof.attr[a];
    if (!area)
        return;
    double *dx = malloc((s->n + 1) * sizeof *dx), *dy = malloc((s->n + 1) * sizeof *dy);
    box *placed = malloc((area->ncat + 1) * sizeof *placed);
    size_t ndots = 0, nplaced = 0;
    if (!dx || !dy || !placed)
        goto done;
    for (size_t i = 0; i < s->n; i++)
        if (on_map(&s->s[i], p, i)) {
            dx[ndots] = px(f, &s->s[i]);
            dy[ndots++] = py(f, &s->s[i]);
        }
    for (size_t c = 0; c < area->ncat; c++) {
        double sx = 0, sy = 0;
        size_t cnt = 0;
        for (size_t i = 0; i < s->n; i++)
            if (area->code[i] == (int)c && on_map(&s->s[i], p, i)) {
                sx += px(f, &s->s[i]);
                sy += py(f, &s->s[i]);
                cnt++;
            }
        if (!cnt)
            continue;
        box at = place_label(area->cats[c], sx / (double)cnt, sy / (double)cnt, placed, nplaced,
                             dx, dy, ndots);
        placed[nplaced++] = at;
        html_printf(b, "<text class=area x='%.1f' y='%.1f' text-anchor='middle'>%s</text>\n",
                    (at.x0 + at.x1) / 2, at.y1 - 3, area->cats[c]);
    }
done:
    free(dx);
    free(dy);
    free(placed);
}

static void map_triads(triad_i_buf *b, const triad_schools *s, const triad_plan *p,
                       const map_frame *f, const size_t *rank)
{
    for (size_t t = 0; t < p->ntriad; t++) {
        const char *col = report_palette(rank ? rank[t] : t);
        html_printf(b, "<polygon class=triad data-c='%ld' fill='%s' stroke='%s' points='",
                    p->triad_collab[t], col, col);
        size_t k = 0;
        for (size_t i = 0; i < s->n; i++) {
            const school_rec *q = &s->s[i];
            if (p->triad[i] != (long)t || isnan(q->x) || isnan(q->y))
                continue;
            html_printf(b, "%s%.1f,%.1f", k++ ? " " : "", px(f, q), py(f, q));
        }
        triad_i_buf_puts(b, "'/>\n");
    }
}

/* Each dot: filled by its stratum, with its triad's colour beside it
 * (data-tf) for when its collaborative is picked. */
static void map_schools(triad_i_buf *b, const triad_report *r, const triad_schools *s,
                        const triad_plan *p, const map_frame *f, const size_t *rank)
{
    for (size_t i = 0; i < s->n; i++) {
        const school_rec *q = &s->s[i];
        if (!on_map(q, p, i))
            continue;
        int st = r->prof.stratum ? r->prof.stratum[i] : -1;
        const char *sf = st >= 0 ? report_palette((size_t)st) : "#999999";
        const char *tf = p->triad[i] >= 0 && rank ? report_palette(rank[p->triad[i]]) : sf;
        html_printf(b,
                    "<circle class=school data-i='%zu' data-urn='%s' data-c='%ld' "
                    "cx='%.1f' cy='%.1f' r='5' fill='%s' data-sf='%s' data-tf='%s'><title>",
                    i, q->urn, p->collab[i], px(f, q), py(f, q), sf, sf, tf);
        html_escape(b, q->name);
        html_printf(b, " (URN %s) - %s", q->urn, p->collab_label[p->collab[i]]);
        if (p->triad[i] >= 0)
            html_printf(b, ", triad %s", p->triad_label[p->triad[i]]);
        html_printf(b, "%s</title></circle>\n", p->lead[i] ? ", lead school" : "");
        if (p->lead[i])
            html_printf(b, "<circle class=lead data-c='%ld' cx='%.1f' cy='%.1f' r='8.5'/>\n",
                        p->collab[i], px(f, q), py(f, q));
    }
}

static void map_legend(triad_i_buf *b, const triad_report *r, const triad_plan *p)
{
    triad_i_buf_puts(b, "<div class=legend id=collabs><b>Legend:</b> <span>dot = school, "
                        "coloured by stratum:</span>");
    for (size_t k = 0; k < r->prof.nstrata; k++)
        html_printf(b, "<span><i class=sw style='background:%s'></i>%s</span>",
                    report_palette(k), r->prof.strata[k].name);
    triad_i_buf_puts(b, "<span>with a collaborative picked: its triads, a colour each, and "
                        "their shapes</span><span>black ring = lead school</span>"
                        "<span class=area>grey name = area</span><br>Collaboratives: ");
    for (size_t c = 0; c < p->ncollab; c++)
        html_printf(b, "<span class=pick data-c='%zu'>%s</span>", c, p->collab_label[c]);
    triad_i_buf_puts(b, "</div>\n");
}

void report_map(triad_i_buf *b, const triad_report *r, const triad_schools *s,
                const triad_plan *p)
{
    map_frame f;
    size_t located = map_fit(s, p, &f);
    triad_i_buf_puts(b, "<h2>Map</h2>\n");
    if (!located) {
        triad_i_buf_puts(b, "<p>No school has a location, so there is no map.</p>\n");
        return;
    }
    html_printf(b,
                "<p>%zu schools. Pick a collaborative (or click a school or a name in the "
                "legend) to see it alone, its triads in colour; the others are greyed.</p>\n"
                "<p><label>Show <select id=pick><option value=''>every collaborative</option>",
                located);
    for (size_t c = 0; c < p->ncollab; c++)
        html_printf(b, "<option value='%zu'>%s</option>", c, p->collab_label[c]);
    html_printf(b,
                "</select></label></p>\n"
                "<svg id=map xmlns='http://www.w3.org/2000/svg' width='%.0f' height='%.0f' "
                "viewBox='0 0 %.0f %.0f' role=img aria-label='map of schools'>\n"
                "<rect width='100%%' height='100%%' fill='#fafafa'/>\n",
                MAP_W, f.h, MAP_W, f.h);
    size_t *rank = triad_ranks(p);
    map_areas(b, r, s, p, &f);
    map_triads(b, s, p, &f, rank); /* under the dots */
    map_schools(b, r, s, p, &f, rank);
    free(rank);
    /* a 5 km scale bar */
    html_printf(b,
                "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#333' "
                "stroke-width='2'/><text x='%.1f' y='%.1f' font-size='11'>5 km</text>\n",
                MAP_PAD, f.h - 8, MAP_PAD + 5000 * f.scale, f.h - 8, MAP_PAD + 5000 * f.scale + 4,
                f.h - 4);
    triad_i_buf_puts(b, "</svg>\n");
    map_legend(b, r, p);
}
