x = 1
width = 10
a = f"{x}"
b = f"{x!r:>{width}} and {x=} {x = !s:^5} {{literal}} {x:{'>'}{width}.{2}}"
c = (f"abc" "def" f"{x}"
     f"""multi
{x:
>10}
  {  x  }""")
d = rf"\d{x}\n" fR'{x}' Rf"""{x}"""
e = f'{"nested"}' f"{'a' 'b'}" f"{x!a}" f"{3.14:.2f}" f"{x:%Y-%m-%d}"
g = f"{(lambda y: y)(1)}" f"{[i for i in range(3)]}" f"{ {'k': 1}['k'] }"
h = f"{x}" "\N{EM DASH}" f"\N{BULLET}{x}"
i = u"unicode" "concat"
j = b"bytes" rb"\raw" Br'\x00'
k = f"{x=}" f"{x=:>4}" f"{x=!r:^6}"
l = f"{x:{width}}" f"pre{x}post{x:x}"
m = f''
n = f"{x:}"
o = f"{'{'}" f"{'}'}"
