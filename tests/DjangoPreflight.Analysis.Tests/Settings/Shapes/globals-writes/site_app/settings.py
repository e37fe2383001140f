import os
import sys

DEBUG = True
globals().update({"DEBUG": False, "ALLOWED_HOSTS": ["a.example"]})
globals()["SECURE_SSL_REDIRECT"] = True
setattr(sys.modules[__name__], "SESSION_COOKIE_SECURE", True)
vars().setdefault("CSRF_COOKIE_SECURE", True)

