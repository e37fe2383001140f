import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["django.contrib.staticfiles", "nursery"]
ROOT_URLCONF = "nursery.urls"
STATIC_URL = "/static/"
STATIC_ROOT = "static"
