from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = False
ALLOWED_HOSTS = ["shop.example"]
HAS_SETTINGS_FILE = (BASE_DIR / "shop" / "settings.py").exists()
HAS_PACKAGE = (BASE_DIR / "shop").is_dir()

# The operator's own key file, when the host has one; otherwise a key from the environment.
KEY_FILE = BASE_DIR / "shop" / "secret.key"
KEY_SOURCE = "file" if KEY_FILE.exists() else "environment"
if not KEY_FILE.is_file():
    SESSION_COOKIE_SECURE = True
