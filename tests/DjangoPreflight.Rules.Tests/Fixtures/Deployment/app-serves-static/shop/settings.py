import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
INSTALLED_APPS = ["django.contrib.staticfiles", "shop"]
ROOT_URLCONF = "shop.urls"
STATIC_URL = "/static/"
