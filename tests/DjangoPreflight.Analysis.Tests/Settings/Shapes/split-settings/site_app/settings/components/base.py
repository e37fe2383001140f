SECRET_KEY = "component-key-component-key-component-key-component"
DEBUG = True
ALLOWED_HOSTS = []
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
