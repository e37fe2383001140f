import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
ROOT_URLCONF = "proj.urls"


def get_secret(name, default=""):
    """Reads the file NAME_FILE names when it is set, else the variable NAME."""
    path = os.environ.get(name + "_FILE")
    if path:
        with open(path) as handle:
            return handle.read().strip()
    return os.environ.get(name, default)


DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": get_secret("SHOP_DB_NAME", "shop"),
        "USER": get_secret("SHOP_DB_USER", "shop"),
        "PASSWORD": get_secret("SHOP_DB_PASSWORD", "shop"),
    }
}

# A backend's class path, named like a password setting: not a credential.
AUTH_BACKEND_OIDC_PASSWORD = "shop.backends.oidc.OIDCPasswordBackend"
