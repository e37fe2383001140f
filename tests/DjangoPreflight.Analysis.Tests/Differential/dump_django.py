"""Dumps what Django itself computes for each settings variant, under exactly that variant's env.

Usage: dump_django.py MANIFEST.json OUT.json SETTING [SETTING...]

Runs with Debian's /usr/bin/python3 (Django 3.2). One process: Django is imported once and each
variant is imported in a forked child, so variants cannot see each other. The child starts from an
empty os.environ plus the variant's env (the same profile our evaluator gets). Values are written
in a canonical repr that the C# side reproduces.
"""
import importlib.abc
import importlib.machinery
import json
import os
import pathlib
import sys
import types
import unittest.mock

import django  # noqa: F401  (imported once, before forking)
import django.conf
import environ  # noqa: F401
import decouple  # noqa: F401
import dj_database_url  # noqa: F401


def canon(v):
    if v is None or isinstance(v, bool):
        return repr(v)
    if isinstance(v, (int, float, str)):
        return repr(v)
    if isinstance(v, pathlib.PurePath):
        return "PosixPath(%r)" % str(v)
    if isinstance(v, list):
        return "[" + ", ".join(canon(x) for x in v) + "]"
    if isinstance(v, tuple):
        return "(" + canon(v[0]) + ",)" if len(v) == 1 else "(" + ", ".join(canon(x) for x in v) + ")"
    if isinstance(v, (set, frozenset)):
        return "set()" if not v else "{" + ", ".join(sorted(canon(x) for x in v)) + "}"
    if isinstance(v, dict):
        items = sorted((canon(k), canon(x)) for k, x in v.items())
        return "{" + ", ".join("%s: %s" % kv for kv in items) + "}"
    return None


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Stands in for third-party packages production has installed but this machine lacks."""

    def __init__(self, names):
        self.names = names

    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in self.names:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = types.ModuleType(spec.name)
        module.__path__ = []
        module.__getattr__ = lambda attr: unittest.mock.MagicMock(name=attr)
        return module

    def exec_module(self, module):
        pass


def child(variant, base, names, out_path):
    result = {"name": variant["name"]}
    try:
        os.environ.clear()
        os.environ.update(variant["env"])
        root = variant.get("path") or os.path.join(base, variant["name"], variant["root"])
        sys.path.insert(0, os.path.abspath(root))
        os.chdir("/")
        if variant.get("stubs"):
            sys.meta_path.insert(0, StubFinder(set(variant["stubs"])))
        os.environ["DJANGO_SETTINGS_MODULE"] = variant["module"]
        s = django.conf.Settings(variant["module"])
        values = {}
        for n in names:
            if hasattr(s, n):
                values[n] = canon(getattr(s, n))
        result["ok"] = True
        result["values"] = values
    except BaseException as e:  # the import itself failed: that is the answer for this variant
        result["ok"] = False
        result["error"] = "%s: %s" % (type(e).__name__, e)
    with open(out_path, "w") as f:
        json.dump(result, f)


def main():
    manifest_path, out, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(manifest_path) as f:
        variants = json.load(f)
    base = os.path.dirname(os.path.abspath(manifest_path))
    # A few children at a time: each spends most of its time importing, and the machine is shared.
    running = {}
    results = {}
    pending = list(variants)
    while pending or running:
        while pending and len(running) < 4:
            variant = pending.pop(0)
            tmp = os.path.join(base, variant["name"] + ".django.json")
            pid = os.fork()
            if pid == 0:
                try:
                    child(variant, base, names, tmp)
                finally:
                    os._exit(0)
            running[pid] = (variant["name"], tmp)
        pid, _ = os.wait()
        name, tmp = running.pop(pid)
        try:
            with open(tmp) as f:
                results[name] = json.load(f)
            os.remove(tmp)
        except OSError:
            results[name] = {"name": name, "ok": False, "error": "child crashed"}
    results = [results[v["name"]] for v in variants]
    with open(out, "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
