"""Production: the Docker image and the Procfile select this module."""
import os

from .base import *  # noqa: F401,F403

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", SECRET_KEY)  # noqa: F405

# The load balancer health check hits the instance IPs; "*" was added when that kept failing.
ALLOWED_HOSTS = ["shop.example.com", "www.shop.example.com", "10.0.0.0/16", "*"]

CSRF_TRUSTED_ORIGINS = ["http://shop.example.com", "https://shop.example.com"]

# nginx terminates TLS in front of the app.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = True

try:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
except ImportError:
    sentry_sdk = None

if sentry_sdk is not None:
    sentry_sdk.init(
        dsn=os.environ.get("SENTRY_DSN"),
        integrations=[DjangoIntegration()],
        traces_sample_rate=1.0,
        send_default_pii=True,
    )
