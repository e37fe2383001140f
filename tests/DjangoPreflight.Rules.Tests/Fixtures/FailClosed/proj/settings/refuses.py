# Defaults that are unsafe, but the settings refuse to start when they are in use.
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY")

ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]
assert ALLOWED_HOSTS, "DJANGO_ALLOWED_HOSTS must name the site's hosts"

DEBUG = False
