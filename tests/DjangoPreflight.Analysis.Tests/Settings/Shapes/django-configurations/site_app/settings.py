import os

from configurations import Configuration, values

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Common(Configuration):
    SECRET_KEY = values.SecretValue()
    DEBUG = values.BooleanValue(False)
    ALLOWED_HOSTS = values.ListValue(["shop.example.org"])
    DATABASES = values.DatabaseURLValue("postgres://shop@db:5432/shop")
    SESSION_COOKIE_SECURE = True
    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]


class Dev(Common):
    DEBUG = True
    SESSION_COOKIE_SECURE = False


class Prod(Common):
    SECURE_HSTS_SECONDS = values.IntegerValue(3600, environ_prefix="SHOP")
    CSRF_COOKIE_SECURE = os.environ.get("CSRF_SECURE", "1") == "1"
