import os
import sys
from typing import overload


class Choices:
    RED = "red"
    ALL = (RED, "blue")


class Config:
    """Defaults, overridden from the environment; exported into the settings module."""

    SCHEME = "https"
    DEBUG = False
    SECURE_SSL_REDIRECT = SCHEME == "https"
    ALLOWED_HOSTS = ["app.example.org"]

    def __init__(self, prefix):
        self.prefix = prefix
        self.SESSION_COOKIE_SECURE = self.SECURE_SSL_REDIRECT

    @property
    def CSRF_COOKIE_SECURE(self):
        return self.SESSION_COOKIE_SECURE

    @staticmethod
    def env(name, default):
        return os.environ.get(name, default)

    @classmethod
    def load(cls, prefix="APP_"):
        config = cls(prefix)
        config.TIME_ZONE = cls.env(prefix + "TIME_ZONE", "UTC")
        return config

    @overload
    def get(self, name: str) -> str: ...
    @overload
    def get(self, name: str, default: int) -> int: ...
    def get(self, name, default=None):
        return getattr(self, name, default)


def load_settings(module_name):
    config = Config.load()
    module = sys.modules[module_name]
    for name in ("DEBUG", "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "TIME_ZONE"):
        setattr(module, name, config.get(name))
