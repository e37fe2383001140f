"""
Production. Every value that differs per host or is secret comes from the environment and a
missing one stops the start (KeyError) instead of falling back to something unsafe.
See deploy/production.env.example for the full list of variables.
"""
import os

from .base import *  # noqa: F401,F403
from .base import env_bool, env_list

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")  # https://... entries only

# nginx overwrites X-Forwarded-Proto with $scheme on every request (deploy/nginx/shop.conf).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

if os.environ.get("DJANGO_DB_ENGINE", "postgresql") == "sqlite":
    # Single-box smoke tests and the probe lab only (documented in README.md); never a real deployment.
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["DJANGO_SQLITE_PATH"]}
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ["POSTGRES_DB"],
            "USER": os.environ["POSTGRES_USER"],
            "PASSWORD": os.environ["POSTGRES_PASSWORD"],
            "HOST": os.environ["POSTGRES_HOST"],
            "PORT": os.environ.get("POSTGRES_PORT", "5432"),
            "CONN_MAX_AGE": 60,
            "OPTIONS": {"sslmode": os.environ.get("POSTGRES_SSLMODE", "prefer")},
        }
    }

if os.environ.get("DJANGO_CACHE_ENGINE", "redis") == "locmem":
    # Probe lab only, like DJANGO_DB_ENGINE=sqlite above.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"PASSWORD": os.environ["REDIS_PASSWORD"]},
        }
    }

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ["EMAIL_HOST"]
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = "Corner Shop <orders@shop.example.com>"
SERVER_EMAIL = "Corner Shop errors <errors@shop.example.com>"

PAYMENT_WEBHOOK_SECRET = os.environ["PAYMENT_WEBHOOK_SECRET"]

ADMINS = [("Shop operations", "ops@shop.example.com")]
MANAGERS = ADMINS
