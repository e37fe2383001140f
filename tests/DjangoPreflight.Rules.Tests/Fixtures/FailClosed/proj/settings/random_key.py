# A key that is random by construction when the environment has none.
import os
import secrets

from django.core.management.utils import get_random_secret_key

from .base import *

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or get_random_secret_key()

SIGNING_KEY = os.environ.get("SIGNING_KEY", "")
if not SIGNING_KEY:
    SIGNING_KEY = secrets.token_urlsafe(50)

DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
