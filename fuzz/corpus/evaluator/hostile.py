import os
from .base import *
DEBUG = os.environ.get("DEBUG", "0") == "1"
MIDDLEWARE = [m for m in MIDDLEWARE if "debug" not in m]
if DEBUG:
    INSTALLED_APPS += ["debug_toolbar"]
X = "a".zfill(10**9)
Y = [Y]
Z = 2 ** 2 ** 2 ** 64
