# Development values; a server keeps its own site_app/local_settings.py beside this file (git
# ignores it), and overrides what it needs.
SECRET_KEY = "quick-start-key-quick-start-key-quick-start-key-1234"
DEBUG = True
ALLOWED_HOSTS = []

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True

# HSTS is the proxy's job here.
SILENCED_SYSTEM_CHECKS = ["security.W004"]

try:
    from .local_settings import *  # noqa: F403
except ImportError:
    pass
