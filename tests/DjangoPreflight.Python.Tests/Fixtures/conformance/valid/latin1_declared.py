# -*- coding: latin-1 -*-
# café in a comment
s = "café naïve"
t = f"{s}é{s!r:>{10}}"
u = s.upper()
