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

# NFKC of single characters that can appear in identifiers (PEP 3131 normalises identifiers with
# NFKC; .NET's string.Normalize is unavailable under InvariantGlobalization): 'hex;hex hex...'.
mappings = []
for cp in range(0x80, 0x110000):
    c = chr(cp)
    if 0xD800 <= cp < 0xE000:
        continue
    n = unicodedata.normalize('NFKC', c)
    if n != c and (('a' + c).isidentifier() or c.isidentifier()):
        mappings.append('%x;%s' % (cp, ' '.join('%x' % ord(x) for x in n)))
with gzip.GzipFile('nfkc_identifier_chars.txt.gz', 'wb', compresslevel=9, mtime=0) as f:
    f.write('\n'.join(mappings).encode('ascii'))
print(len(mappings), 'NFKC identifier mappings')
