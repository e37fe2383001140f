from split_settings.tools import include

DEBUG = False


def hsts_seconds():
    return 60 * 60 * 24 * 365


SECURE_HSTS_SECONDS = hsts_seconds()

include("../extra/*.py")
