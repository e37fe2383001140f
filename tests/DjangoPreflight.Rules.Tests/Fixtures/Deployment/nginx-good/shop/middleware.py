from django.contrib.auth.middleware import RemoteUserMiddleware


class ProxyRemoteUserMiddleware(RemoteUserMiddleware):
    header = "HTTP_X_REMOTE_USER"
