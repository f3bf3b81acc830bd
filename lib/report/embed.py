#!/usr/bin/env python3
"""Writes JavaScript files, joined in the order given, as one C char array,
byte for byte and NUL terminated (the page's CSP hashes the script's exact
bytes; an array, not a string literal, because ISO C caps literals at 4095
characters).
Usage: embed.py OUT.c NAME IN.js [IN.js ...]"""
import sys

out, name, srcs = sys.argv[1], sys.argv[2], sys.argv[3:]
data = b''.join(open(src, 'rb').read() for src in srcs) + b'\0'
with open(out, 'w') as f:
    f.write('/* Generated from %s by embed.py: do not edit. */\n'
            % ', '.join(src.split('/')[-1] for src in srcs))
    f.write('extern const char %s[];\n' % name)
    f.write('const char %s[] = {\n' % name)
    for k in range(0, len(data), 16):
        f.write('    ' + ', '.join(('%d' % b) if b < 128 else ("'\\x%02x'" % b) for b in data[k:k + 16]) + ',\n')
    f.write('};\n')
