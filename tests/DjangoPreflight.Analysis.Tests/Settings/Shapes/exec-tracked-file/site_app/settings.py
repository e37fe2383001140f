import os

DEBUG = True
exec(open(os.path.join(os.path.dirname(__file__), "overrides.py")).read())
