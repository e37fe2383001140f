import os

# Shared defaults; each server keeps its own local_settings.py beside this file (never committed).
DEBUG = False
ALLOWED_HOSTS = ["contest.example.org"]
STATICFILES_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"

try:
    with open(os.path.join(os.path.dirname(__file__), "local_settings.py")) as f:
        exec(f.read(), globals())
except IOError:
    pass
