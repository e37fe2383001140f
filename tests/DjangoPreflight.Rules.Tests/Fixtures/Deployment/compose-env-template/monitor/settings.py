import os

SECRET_KEY = os.environ["SITE_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["status.example.org"]
ROOT_URLCONF = "monitor.urls"

# Checked out and run with runserver, the site needs no database server.
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.getenv("DB_NAME", "monitor.sqlite")}}
if os.getenv("DB") == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.getenv("DB_NAME", "monitor"),
            "HOST": os.getenv("DB_HOST", ""),
        }
    }

# No mail server configured: no mailer.
MAILERS = {}
if os.getenv("SMTP_HOST"):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {"host": os.getenv("SMTP_HOST")}}}
