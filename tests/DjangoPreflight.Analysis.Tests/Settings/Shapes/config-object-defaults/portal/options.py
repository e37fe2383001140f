"""Site options: the operator's settings.yml (git-ignored), else the environment, else the built-in defaults."""
import os

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Options:
    builtin = {
        "SECRET_KEY": "",
        "DEBUG": False,
        "COOKIES_SECURE": False,
        "FRAME_POLICY": "SAMEORIGIN",
    }

    def __init__(self, path):
        self.path = path

    def from_file(self, name):
        found = None
        if os.path.isfile(self.path):
            with open(self.path) as stream:
                found = (yaml.safe_load(stream) or {}).get(name)
        return found

    def lookup(self, name):
        found = self.from_file(name)
        if found is None:
            found = os.environ.get(name)
        if found is None:
            found = self.builtin.get(name)
        return found

    def __getattr__(self, name):
        return self.lookup(name)


OPTIONS = Options(os.path.join(ROOT, "settings.yml"))
