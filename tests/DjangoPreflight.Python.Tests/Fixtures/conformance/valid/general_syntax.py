from __future__ import annotations
import os.path as osp, sys
from . import sibling
from ..pkg.mod import (a as b, c,)
from ... import x
from .mod import *
@decorator
@decorator.attr(arg, *args, key=1, **kw)
async def coro(a, b=1, /, c=2, *args: int, d, e=3, **kwargs) -> "T":
    global g1, g2
    async with ctx() as (p, q), other():
        await thing
    async for i in aiter():
        yield i
    result = [i async for i in aiter() if await i]
    return await coro2()
def outer():
    v = 1
    def inner(*, k):
        nonlocal v
        v += 1
    return inner
def posonly(a, /): pass
def kwonly(*, a=1, b): pass
lam = lambda x, /, y=2, *a, z, **k: (x, y, a, z, k)
lam2 = lambda: (yield)
lam3 = lambda *a: 0
if (n := len("abc")) > 2 and not n is None or n in [1] and n not in {2} and n is not 3:
    pass
elif n < 1 <= 2 > 0 >= -1 != 3 == 3:
    pass
else:
    pass
while False:
    break
else:
    continue_ = 1
for i, (j, *k) in enumerate([]):
    continue
else:
    pass
try:
    pass
except (ValueError, TypeError) as err:
    raise RuntimeError("x") from err
except Exception:
    raise
else:
    pass
finally:
    pass
try:
    pass
except* ValueError as eg:
    pass
with (open("a") as f1, open("b") as f2,):
    pass
with (a, b):
    pass
with (yield_ := 1):
    pass
with a as (x, y), b as z[0], c as w.attr:
    pass
x = y = z = 1, 2
a, *b = c = [1, 2, 3]
[d, e] = (f, g) = 1, 2
obj.attr[1:2, ::3, ...] += 1
x: int = 5
(y): list[int]
z.w: str
m[0]: int = 1
x @= y; x //= 2; x **= 2; x >>= 1; x <<= 1; x ^= 1; x |= 1; x &= 1; x %= 1; x -= 1; x *= 1; x /= 1
del x, y[0], z.w, (a, b), [c]
assert x, "message"
s = {1, 2, *rest}
d = {"a": 1, **other, "b": 2}
dc = {k: v for k, v in d.items() if k for _ in ()}
sc = {i for i in range(3)}
ge = (i for i in range(3))
f(i for i in range(3))
f(*a, *b, c=1, **d, e=2)
t = ()
t1 = (1,)
t2 = 1,
sl = a[1:2:3], a[:], a[::], a[1:], a[:2], a[x, y], a[*b], a[b:=1]
cond = a if b else c if d else e
bits = ~a | b ^ c & d << 1 >> 2
arith = -a + +b - c * d / e // f % g @ h ** -i ** j
big = 123456789012345678901234567890 + 0xFFFFFFFFFFFFFFFFFF + 0o777 + 0b1010 + 1_000_000
floats = 1.5 + .5 + 5. + 1e10 + 1E-5 + 1_0.0_1 + 3.14j + 1e500
strs = "a" 'b' """c""" '''d''' "\x41\u0042\U00000043\101\n\t\\" r"\n" "\q"
ell = ...
star = *a, *b
print(*a, sep="")
x = [*a, *b]
yield_stmt = None
def gen():
    yield
    yield 1, 2
    yield from gen()
    x = yield
    await_ = 1
class K(Base, metaclass=Meta, **kw):
    """Doc."""
    attr: int
    def method(self): ...
class Empty: pass
class Parens(): pass
if True: x = 1; y = 2;
not_ = not a
chained = a.b.c(d)[e].f
implicit = 1if x else 2
