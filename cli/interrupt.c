/* Ctrl-C during a long search: the first SIGINT or SIGTERM asks the search
 * to stop at its next progress call (the library then returns
 * TRIAD_ERR_CANCELLED, exit 12, and nothing is written); a second one ends
 * the process at once, as if no handler were there. A signal the shell set
 * to be ignored (a background job's SIGINT) stays ignored. */
#include <signal.h>
#include <string.h>

#include "cli.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1; /* SA_RESETHAND: the next one takes the default action */
}

void cli_catch_interrupts(void)
{
    static const int sigs[] = {SIGINT, SIGTERM};
    for (size_t k = 0; k < sizeof sigs / sizeof *sigs; k++) {
        struct sigaction old, sa;
        if (sigaction(sigs[k], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sa.sa_flags = SA_RESETHAND;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[k], &sa, NULL);
    }
}

int cli_interrupted(void)
{
    return interrupted != 0;
}
