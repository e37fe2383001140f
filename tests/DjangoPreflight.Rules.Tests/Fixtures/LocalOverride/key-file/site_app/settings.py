import os
from pathlib import Path

from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = False
ALLOWED_HOSTS = ["links.example.org"]

# The container's first start writes a random key to data/key.txt (a volume, git-ignored).
try:
    with open(os.path.join(BASE_DIR, "data", "key.txt")) as f:
        SECRET_KEY = f.read().strip()
except FileNotFoundError:
    SECRET_KEY = get_random_secret_key()
