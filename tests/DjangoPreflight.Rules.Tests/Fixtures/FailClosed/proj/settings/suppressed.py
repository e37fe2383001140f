# The team accepts the weak-key rule here; the fallback itself is still reported.
import os

from .base import *

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "another-dev-key-not-for-production")  # preflight: ignore[DP102]
DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
