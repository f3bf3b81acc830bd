/* Areas of an authority: the districts a file names, or, from coordinates,
 * contiguous regions of about equal school counts (recursive bisection:
 * cut the longer side at the count that gives each half its share of the
 * areas, and again). Collaboratives "drawn in equal proportion from across
 * the city" then balance them like any other category. */
#include "model/areas.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct pt {
    double x, y;
    size_t i;
} pt;

static int by_x(const void *a, const void *b)
{
    const pt *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return (p->i > q->i) - (p->i < q->i);
}

static int by_y(const void *a, const void *b)
{
    const pt *p = a, *q = b;
    if (p->y != q->y)
        return p->y < q->y ? -1 : 1;
    return (p->i > q->i) - (p->i < q->i);
}

static void bisect(pt *v, size_t n, size_t areas, int first, int *code)
{
    if (areas <= 1 || n <= 1) {
        for (size_t k = 0; k < n; k++)
            code[v[k].i] = first;
        return;
    }
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (size_t k = 0; k < n; k++) {
        x0 = fmin(x0, v[k].x);
        x1 = fmax(x1, v[k].x);
        y0 = fmin(y0, v[k].y);
        y1 = fmax(y1, v[k].y);
    }
    qsort(v, n, sizeof *v, x1 - x0 >= y1 - y0 ? by_x : by_y);
    size_t left = areas / 2, cut = n * left / areas;
    bisect(v, cut, left, first, code);
    bisect(v + cut, n - cut, areas - left, first + (int)left, code);
}

size_t areas_default_count(size_t located)
{
    /* about 40 schools an area, 2 to 12: Surrey's 397 schools give 10
     * (it has 11 districts), Warwickshire's 228 give 6 (it has 5) */
    size_t a = (located + 20) / 40;
    return a < 2 ? 2 : a > 12 ? 12 : a;
}

/* A name people can place: the compass point of the area's centre seen
 * from the authority's centre. */
static const char *compass(double dx, double dy, double radius)
{
    static const char *const pts[] = {"East", "North-east", "North", "North-west",
                                      "West", "South-west", "South", "South-east"};
    if (hypot(dx, dy) < 0.25 * radius)
        return "Central";
    double ang = atan2(dy, dx);
    int sector = (int)lround(ang / (3.14159265358979323846 / 4));
    return pts[(sector + 8) % 8];
}

int areas_derive(const double *x, const double *y, size_t n, size_t areas, int *code,
                 char ***names)
{
    *names = NULL;
    pt *v = malloc((n + 1) * sizeof *v);
    double *sx = calloc(areas + 1, sizeof *sx), *sy = calloc(areas + 1, sizeof *sy);
    size_t *cnt = calloc(areas + 1, sizeof *cnt), m = 0;
    char **nm = calloc(areas + 1, sizeof *nm);
    int ok = v && sx && sy && cnt && nm;
    if (!ok)
        goto done;
    double cx = 0, cy = 0;
    for (size_t i = 0; i < n; i++) {
        code[i] = -1;
        if (isnan(x[i]) || isnan(y[i]))
            continue;
        v[m++] = (pt){x[i], y[i], i};
        cx += x[i];
        cy += y[i];
    }
    if (m) {
        cx /= (double)m;
        cy /= (double)m;
    }
    bisect(v, m, areas, 0, code);
    double radius = 0;
    for (size_t k = 0; k < m; k++)
        radius = fmax(radius, hypot(v[k].x - cx, v[k].y - cy));
    for (size_t i = 0; i < n; i++)
        if (code[i] >= 0) {
            sx[code[i]] += x[i];
            sy[code[i]] += y[i];
            cnt[code[i]]++;
        }
    for (size_t a = 0; a < areas && ok; a++) {
        const char *base = cnt[a] ? compass(sx[a] / (double)cnt[a] - cx,
                                            sy[a] / (double)cnt[a] - cy, radius)
                                  : "Empty";
        size_t same = 0;
        size_t bl = strlen(base);
        for (size_t b = 0; b < a; b++)
            same += strncmp(nm[b], base, bl) == 0 && (nm[b][bl] == '\0' || nm[b][bl] == ' ');
        char label[48];
        if (same)
            snprintf(label, sizeof label, "%s %zu", base, same + 1);
        else
            snprintf(label, sizeof label, "%s", base);
        ok = (nm[a] = malloc(strlen(label) + 1)) != NULL;
        if (ok)
            memcpy(nm[a], label, strlen(label) + 1);
    }
done:
    free(v);
    free(sx);
    free(sy);
    free(cnt);
    if (!ok) {
        for (size_t a = 0; nm && a < areas; a++)
            free(nm[a]);
        free(nm);
        return -1;
    }
    *names = nm;
    return 0;
}
