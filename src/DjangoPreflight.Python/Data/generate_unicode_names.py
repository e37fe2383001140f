"""Regenerates unicode_names.txt.gz (embedded in DjangoPreflight.Python) from the running
interpreter's unicodedata: 'NAME;hex' per line, sorted by code point. CJK unified ideographs
are resolved algorithmically in UnicodeNames.cs, so they are left out.
Run with: /usr/bin/python3 generate_unicode_names.py"""
import gzip
import unicodedata

lines = []
for cp in range(0x110000):
    name = unicodedata.name(chr(cp), None)
    if name is None or name.startswith('CJK UNIFIED IDEOGRAPH-'):
        continue
    lines.append('%s;%x' % (name, cp))
with gzip.GzipFile('unicode_names.txt.gz', 'wb', compresslevel=9, mtime=0) as f:
    f.write('\n'.join(lines).encode('ascii'))
print(len(lines), 'names from Unicode', unicodedata.unidata_version)
