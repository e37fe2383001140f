import importlib
import os

CONFIG_MODULE = os.environ.get("APP_CONFIGURATION", "site_app.configuration")
try:
    configuration = importlib.import_module(CONFIG_MODULE)
except ModuleNotFoundError as e:
    raise FileExistsError(f"configuration {CONFIG_MODULE} is missing") from e

ALLOWED_HOSTS = getattr(configuration, "ALLOWED_HOSTS")
DEBUG = getattr(configuration, "DEBUG", False)
