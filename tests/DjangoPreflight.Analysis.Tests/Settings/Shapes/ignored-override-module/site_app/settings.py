from contextlib import suppress

DEBUG = False
SESSION_COOKIE_SECURE = True

with suppress(ImportError):
    from .override_settings import *  # local overrides, never committed
