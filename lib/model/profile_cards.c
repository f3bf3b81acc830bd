/* The report cards as balanced attributes: the count of areas below the
 * expected standard (on by default where the file has report cards), and
 * each area's grade (off unless the spec weighs it). */
#include <stdio.h>

#include "model/profile.h"

int profile_report_cards(profile *p)
{
    const triad_schools *s = p->schools;
    if (!s->has_cards)
        return 1;
    double w = spec_weight(p->spec, "report_card", 1.0);
    bal_attr *a;
    if (w > 0) {
        static const char *const c[] = {"None below expected", "1 area below expected",
                                        "2 areas below expected", "3 or more below expected",
                                        "No report card"};
        if (!(a = profile_add_attr(p, "report_card",
                                   "report card areas below the expected standard", 0, w, c, 5)))
            return 0;
        for (size_t i = 0; i < s->n; i++) {
            int below = report_card_below(&s->s[i]);
            a->code[i] = below < 0 ? 4 : below > 3 ? 3 : below;
        }
    }
    for (int k = 0; k < RC_AREAS; k++) {
        char name[40];
        snprintf(name, sizeof name, "rc_%s", report_card_areas[k]);
        if ((w = spec_weight(p->spec, name, 0.0)) <= 0)
            continue;
        if (!(a = profile_add_attr(p, name, "report card evaluation area", 0, w,
                                   report_card_grades, 6)))
            return 0;
        for (size_t i = 0; i < s->n; i++)
            a->code[i] = s->s[i].card[k];
    }
    return 1;
}
