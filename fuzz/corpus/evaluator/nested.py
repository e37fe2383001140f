X = [[[[[[[[[[(((((({1: -(-(not not a.b.c().d[0]))})))))]]]]]]]]]]
def f(*a, **k):
    return f(*a)
Y = f(1)
class C(dict): pass
while True: pass
