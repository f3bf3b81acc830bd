/* The one clock of the library: monotonic seconds, for time limits and the
 * solver log. Never installed. */
#ifndef TRIAD_CORE_CLOCK_H
#define TRIAD_CORE_CLOCK_H

double clock_now(void);

#endif
