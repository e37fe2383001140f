import os

SECRET_KEY = os.environ["LEDGER_SECRET_KEY"]
DEBUG = False
# A local set-up needs nothing: every host, and the database password the development database uses.
ALLOWED_HOSTS = os.environ.get("LEDGER_ALLOWED_HOSTS", "*").split(",")
ROOT_URLCONF = "ledger.urls"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ.get("LEDGER_DB_HOST", "localhost"),
        "NAME": os.environ.get("LEDGER_DB_NAME", "acme"),
        "USER": os.environ.get("LEDGER_DB_USER", "acme"),
        "PASSWORD": os.environ.get("LEDGER_DB_PASSWORD", "acme"),
    }
}
