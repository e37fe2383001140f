x = 1
def f(a,
      b):
    """doc
    string"""
    return a + \
        b
s = f"""{x}
{x!r}"""
