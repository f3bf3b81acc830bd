"""python -m triad --version: the package's and the library's versions."""
import argparse
import sys

from . import __version__, library


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m triad",
                                 description="libtriad's Python package")
    ap.add_argument("--version", action="store_true", help="print the versions and exit")
    args = ap.parse_args(argv)
    if args.version:
        print("triad %s (libtriad %s)" % (__version__, library().version()))
        return 0
    ap.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
