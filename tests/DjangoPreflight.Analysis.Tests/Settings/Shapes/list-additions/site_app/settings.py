# A site whose deployment adds to the lists through a configuration loader (a third-party package):
# what the loader returns is unknown, what the file itself lists is certain.
from siteconfig import load_config

conf = load_config("/etc/site/site.toml")

DEBUG = conf.DEBUG

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    *conf.EARLY_MIDDLEWARE,
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
if DEBUG:
    MIDDLEWARE.append("debug_toolbar.middleware.DebugToolbarMiddleware")

INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions"] + conf.PLUGIN_APPS

ALLOWED_HOSTS = ["app.example.org"]
for domain in conf.EXTRA_DOMAINS:
    if domain:
        ALLOWED_HOSTS.append(domain.strip("."))

CSRF_TRUSTED_ORIGINS = ["https://app.example.org"]
for origin in conf.ORIGINS:
    CSRF_TRUSTED_ORIGINS = [origin]

INTERNAL_IPS = [*conf.INTERNAL_IPS]

SECURITY_FIRST = "django.middleware.security.SecurityMiddleware" in MIDDLEWARE
MIDDLEWARE_COUNT = len(MIDDLEWARE)
