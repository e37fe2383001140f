"""Applies the LOGGING given as JSON (argv[1]) the way Django does at setup, then prints, as JSON,
whether django.request is disabled and whether an error it logs reaches a handler on the root logger."""
import json
import logging
import sys

import django
from django.conf import settings

config = json.loads(sys.argv[1])
# Enough for the mail_admins handler of DEFAULT_LOGGING to format a report without sending it.
settings.configure(LOGGING=config, INSTALLED_APPS=[], SECRET_KEY="probe", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
django.setup()


class Catch(logging.Handler):
    caught = []

    def emit(self, record):
        Catch.caught.append(record.getMessage())


logging.getLogger().addHandler(Catch())
logging.getLogger("django.request").error("Internal Server Error: /probe")
print(json.dumps({"disabled": logging.getLogger("django.request").disabled, "reached_root": bool(Catch.caught)}))
