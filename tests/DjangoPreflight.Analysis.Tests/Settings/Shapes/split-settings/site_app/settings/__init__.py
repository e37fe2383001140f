# django-split-settings: the components run in this module's namespace, in this order.
from split_settings.tools import include, optional

include(
    "components/base.py",
    "components/security.py",
    "components/base.py",  # run already: include() runs a file once
    "components/*.py",  # every component not run yet (none here)
    optional("local_settings.py"),
    optional("environments/staging.py"),
)

SITE_NAME = "shop"
