"""Runs Django's real `check --deploy` on many generated projects, importing Django once.

Usage: deploy_check_driver.py VARIANTS.json
VARIANTS.json: [{"name": ..., "root": DIR, "settings": MODULE, "env": {KEY: VALUE}, "values": [NAME...]}, ...]
("values" is optional: the settings whose repr() to report, null when Django has no such setting)
Prints one JSON line per variant, in input order:
  {"name": ..., "ids": [sorted distinct check IDs], "error": null or "message", "startup": null or "message"}
"startup" is set when loading the settings raised (Django refuses to start: e.g. ImproperlyConfigured
from its own validation of the settings module); "error" when the checks themselves crashed.
and a last line {"django": "X.Y.Z"}.

Each variant runs in a forked child (so settings, sys.modules and the app registry start clean)
with exactly the variant's environment, and does what `manage.py check --deploy` does: every
registered check plus the deployment ones, silenced ones dropped. Two children run at a time.
"""
import json
import os
import sys

import django
import django.conf
import django.core.checks  # noqa: F401  (imported before forking so each child starts warm)
import django.core.management.base  # noqa: F401

# Modules every child would import: loaded once here, shared by all forks.
WARM = ("django.core.checks.security.base", "django.core.checks.security.csrf",
        "django.core.checks.security.sessions", "django.core.checks.caches", "django.db.models",
        "django.contrib.auth.base_user", "django.contrib.contenttypes.fields",
        "django.contrib.sessions.base_session", "django.contrib.staticfiles.checks",
        "django.middleware.security", "django.middleware.csrf", "django.middleware.clickjacking",
        "django.contrib.sessions.middleware", "django.contrib.auth.middleware",
        "django.contrib.messages.middleware", "django.middleware.common", "django.urls", "django.template")
for _name in WARM:
    try:
        __import__(_name)
    except Exception:  # a module that needs configured settings is simply imported later, in the child
        pass

def _repr_of(name):
    try:
        return repr(getattr(django.conf.settings, name))
    except Exception:  # no such setting (or, on 6.1, an EMAIL_* setting hidden by MAILERS)
        return None


class _Done(Exception):
    """Ends a child early with its result already set."""


KEPT_ENV = ("PATH", "LANG", "LC_ALL", "PYTHONPATH", "PYTHONHASHSEED")


def run_child(variant, write_fd):
    result = {"name": variant["name"], "ids": [], "error": None, "startup": None}
    sys.dont_write_bytecode = True  # never leave __pycache__ in the checked project
    try:
        for key in list(os.environ):
            if key not in KEPT_ENV:
                del os.environ[key]
        os.environ.update(variant["env"])
        os.environ["DJANGO_SETTINGS_MODULE"] = variant["settings"]
        sys.path.insert(0, variant["root"])
        try:
            django.conf.settings.DEBUG  # loads and validates the settings module, as start-up does
        except BaseException as e:
            result["startup"] = "%s: %s" % (type(e).__name__, e)
            raise _Done()
        django.setup()
        from django.core.checks import run_checks

        issues = run_checks(include_deployment_checks=True)
        result["ids"] = sorted({e.id for e in issues if not e.is_silenced()})
        if variant.get("values"):
            result["values"] = {name: _repr_of(name) for name in variant["values"]}
    except _Done:
        pass
    except BaseException as e:  # a crash is a result too: report it, never hang the parent
        result["error"] = "%s: %s" % (type(e).__name__, e)
    os.write(write_fd, (json.dumps(result) + "\n").encode())
    os.close(write_fd)
    os._exit(0)


def main():
    with open(sys.argv[1]) as f:
        variants = json.load(f)
    parallel = max(1, min(2, os.cpu_count() or 1))
    results = [None] * len(variants)
    running = {}  # pid -> (index, read_fd)
    pending = list(enumerate(variants))
    pending.reverse()
    while pending or running:
        while pending and len(running) < parallel:
            index, variant = pending.pop()
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                run_child(variant, write_fd)
            os.close(write_fd)
            running[pid] = (index, read_fd)
        pid, _ = os.wait()
        index, read_fd = running.pop(pid)
        chunks = []
        while True:
            chunk = os.read(read_fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(read_fd)
        text = b"".join(chunks).decode()
        results[index] = text.strip() or json.dumps(
            {"name": variants[index]["name"], "ids": [], "error": "child exited without a result"})
    for line in results:
        print(line)
    print(json.dumps({"django": django.get_version()}))


if __name__ == "__main__":
    main()
