import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
# The operator names the hosts; none until then.
ALLOWED_HOSTS = [h.strip() for h in os.getenv("ALLOWED_HOSTS", "").split(",") if h.strip()]
INSTALLED_APPS = ["django.contrib.staticfiles", "shop"]
ROOT_URLCONF = "shop.urls"
STATIC_URL = "/static/"
STATIC_ROOT = "/srv/static"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
