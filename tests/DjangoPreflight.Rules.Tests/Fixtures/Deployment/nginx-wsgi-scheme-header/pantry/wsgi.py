import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantry.settings")
_django = get_wsgi_application()


def application(environ, start_response):
    # Lets a proxy say which scheme the visitor used.
    scheme = environ.get("HTTP_X_SCHEME", "")
    if scheme:
        environ["wsgi.url_scheme"] = scheme
    environ["wsgi.url_scheme"] = environ["HTTP_X_FORWARDED_SCHEME"] if "HTTP_X_FORWARDED_SCHEME" in environ else environ["wsgi.url_scheme"]
    return _django(environ, start_response)
