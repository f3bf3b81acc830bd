#!/usr/bin/env python3
"""One man page per command, triad-CMD(1), from the command's own --help, so
the page and the help never disagree (git's man pages, one per command, with
triad(1) as the index). usage: help2man.py TRIAD CMD VERSION OUT.1"""
import subprocess
import sys

triad, cmd, version, out = sys.argv[1:5]
text = subprocess.run([triad, cmd, "--help"], capture_output=True, text=True,
                      check=True).stdout


def roff(s):
    """Text as roff: backslashes and leading dots or quotes escaped, '-' as
    a hyphen-minus (options are typed)."""
    s = s.replace("\\", "\\e").replace("-", "\\-")
    if s.startswith((".", "'")):
        s = "\\&" + s
    return s


paras = text.rstrip("\n").split("\n\n")
usage = [l for l in paras[0].split("\n")]
body = paras[1:]
first = " ".join(body[0].split()) if body else ""
summary = first.split(". ")[0].rstrip(".") if first else "a triad command"
for cut in (" (", ", ", ": "):  # a NAME line is one short clause
    if cut in summary and summary.index(cut) > 10:
        summary = summary[:summary.index(cut)]
lines = [".TH TRIAD\\-%s 1 \"\" \"libtriad %s\" \"User Commands\"" % (cmd.upper(), version),
         ".SH NAME",
         "triad\\-%s \\- %s" % (cmd, roff(summary[0].lower() + summary[1:])),
         ".SH SYNOPSIS", ".nf"]
for u in usage:
    u = u[len("usage: "):] if u.startswith("usage: ") else u
    lines.append(roff(u.strip()) if u.strip() else "")
lines += [".fi", ".SH DESCRIPTION"]
for p in body:
    lines.append(".PP")
    for l in p.split("\n"):
        lines.append(roff(l.strip()))
lines += [".SH SEE ALSO", ".BR triad (1),", "the documents in", ".I doc/",
          "of the source (officer, researcher, spec, formats)."]
open(out, "w").write("\n".join(lines) + "\n")
