import os

SECRET_KEY = os.environ["API_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
ROOT_URLCONF = "api.urls"
INSTALLED_APPS = ["corsheaders"]
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "corsheaders.middleware.CorsMiddleware"]

# The origins come from the deployment; an empty list means a local set-up that allows every origin.
CORS_ALLOW_CREDENTIALS = True
origins = [o.strip() for o in os.environ.get("API_CORS_ORIGINS", "").split(",") if o.strip()]
if origins:
    CORS_ALLOWED_ORIGINS = origins
else:
    CORS_ALLOW_ALL_ORIGINS = True
