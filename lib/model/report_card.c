/* Ofsted's report cards (from November 2025): each evaluation area on a
 * five-point scale, and safeguarding met or not met. */
#include <string.h>

#include "core/util.h"
#include "model/schools_impl.h"

const char *const report_card_areas[RC_AREAS] = {
    "inclusion",  "curriculum", "achievement", "attendance",
    "personal",   "early_years", "sixth_form", "leadership"};

const char *const report_card_grades[6] = {"Not graded",         "Exceptional",
                                           "Strong standard",    "Expected standard",
                                           "Needs attention",    "Urgent improvement"};

int report_card_grade(const char *text, int *out)
{
    static const struct {
        const char *text;
        int grade;
    } words[] = {{"exceptional", 1},     {"strong standard", 2},   {"strong", 2},
                 {"expected standard", 3}, {"expected", 3},        {"needs attention", 4},
                 {"urgent improvement", 5}, {"1", 1}, {"2", 2}, {"3", 3}, {"4", 4}, {"5", 5}};
    *out = 0;
    if (!text || triad_i_is_blank(text))
        return 1;
    char key[64];
    size_t n = 0;
    while (*text == ' ' || *text == '\t')
        text++;
    for (; *text && n + 1 < sizeof key; text++)
        key[n++] = *text;
    while (n && (key[n - 1] == ' ' || key[n - 1] == '\t'))
        n--;
    key[n] = '\0';
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (triad_i_streq_ci(key, words[k].text)) {
            *out = words[k].grade;
            return 1;
        }
    return 0;
}

int report_card_below(const school_rec *r)
{
    int graded = 0, below = 0;
    for (int a = 0; a < RC_AREAS; a++) {
        graded |= r->card[a] > 0;
        below += r->card[a] >= 4;
    }
    return graded || r->safeguarding >= 0 ? below : -1;
}
