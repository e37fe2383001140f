# Every value production needs is read without a default: it sets them or does not start.
import os

import environ
from decouple import Csv, config

from .base import *

env = environ.Env()

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = env.bool("DJANGO_DEBUG")
ALLOWED_HOSTS = config("DJANGO_ALLOWED_HOSTS", cast=Csv())
