# Missing variables leave values Django itself refuses: it does not start with an empty SECRET_KEY,
# and answers every request with 400 when ALLOWED_HOSTS is empty.
import os

from .base import *

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]
DEBUG = False
