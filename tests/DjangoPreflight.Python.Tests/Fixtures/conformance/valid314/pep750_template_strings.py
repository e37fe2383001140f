name = "world"
width = 10
greeting = t"Hello {name}!"
debug = t"{name=} and { width = }"
formatted = t"{name!r:>{width}} done"
empty_spec = t"{name:}"
joined = t"a" t"b{name}" T"c"
braces = t"{{literal}} {name}"
raw = rt"\d+{name}" Tr"\n{width}"
unicode = t"é{name}é"
blank = t""
multi = t"""
first {name}
second {width:03d}
"""
nested_quotes = t"{'x' + "y"}"
