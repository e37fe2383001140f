# Near misses: defaults production runs when a variable is missing, and nothing stops it.
import os

from django.utils.crypto import get_random_string

from .base import *

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-key-not-for-production")
DEBUG = os.environ.get("DJANGO_DEBUG", "True") == "True"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "*").split(",")

# Random, but far too short to be a key.
SHORT_TOKEN = get_random_string(6)
