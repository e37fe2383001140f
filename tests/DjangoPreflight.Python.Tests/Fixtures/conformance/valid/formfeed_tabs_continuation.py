import os

def f():
	if True:
		return 1 + \
			2
	else:
		return [
	3]

class C:
    
    def g(self): pass
