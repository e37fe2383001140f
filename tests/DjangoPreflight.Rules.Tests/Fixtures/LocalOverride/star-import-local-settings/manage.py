import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_app.settings")
