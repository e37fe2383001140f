"""Prints Django's defaults, django/conf/global_settings.py, as one JSON object: every upper-case
name and the repr() of its value, plus "__version__". Run by the Django under test."""
import json

import django
from django.conf import global_settings

values = {name: repr(getattr(global_settings, name)) for name in dir(global_settings) if name.isupper()}
values["__version__"] = django.get_version()
print(json.dumps(values, sort_keys=True))
