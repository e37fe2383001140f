import os

SECRET_KEY = os.environ["INVENTORY_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["inventory.example.net"]
INSTALLED_APPS = ["django.contrib.staticfiles", "django_webserver", "inventory"]
ROOT_URLCONF = "inventory.urls"
STATIC_URL = "static/"
STATIC_ROOT = "/opt/inventory/static"
