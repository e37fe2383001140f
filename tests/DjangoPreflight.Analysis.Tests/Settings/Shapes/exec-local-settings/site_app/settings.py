import os

# Development defaults; each server keeps its own local_settings.py beside this file.
SECRET_KEY = "dev-only-key-dev-only-key-dev-only-key-dev-only-key"
DEBUG = True
ALLOWED_HOSTS = []
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]

try:
    with open(os.path.join(os.path.dirname(__file__), "local_settings.py")) as f:
        exec(f.read(), globals())
except IOError:
    pass

SITE_NAME = "judge"
