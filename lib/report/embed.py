#!/usr/bin/env python3
"""Writes a JavaScript file as a C char array, byte for byte and NUL
terminated (the page's CSP hashes the script's exact bytes; an array, not a
string literal, because ISO C caps literals at 4095 characters).
Usage: embed.py IN.js OUT.c NAME"""
import sys

src, out, name = sys.argv[1:4]
data = open(src, 'rb').read() + b'\0'
with open(out, 'w') as f:
    f.write('/* Generated from %s by embed.py: do not edit. */\n' % src.split('/')[-1])
    f.write('extern const char %s[];\n' % name)
    f.write('const char %s[] = {\n' % name)
    for k in range(0, len(data), 16):
        f.write('    ' + ', '.join(('%d' % b) if b < 128 else ("'\\x%02x'" % b) for b in data[k:k + 16]) + ',\n')
    f.write('};\n')
