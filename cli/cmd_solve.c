#include <stdio.h>

#include "cli.h"

int cmd_solve(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "triad solve: not built yet\n");
    return 1;
}
