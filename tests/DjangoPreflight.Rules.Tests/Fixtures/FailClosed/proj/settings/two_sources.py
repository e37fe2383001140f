# The key is read from one variable, then another, then a literal: one fallback, one finding.
import os

from .base import *

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY_FILE") or os.environ.get("DJANGO_SECRET_KEY", "shipped-default-key")
DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
