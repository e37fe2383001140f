"""The reference the TOML reader's tests compare with: Python's own tomllib (3.11+).

`files F...`: prints {F: canonical document} for each file.
`reject`: reads a JSON list of TOML texts on stdin, prints for each whether tomllib rejects it.
Canonical form: strings stay strings; booleans, integers, floats and dates become "kind:value"
(floats and dates only by kind: the reader keeps their text and never needs their value).
"""
import datetime
import json
import sys
import tomllib


def canonical(value):
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "boolean:" + str(value).lower()
    if isinstance(value, int):
        return "integer:" + str(value)
    if isinstance(value, float):
        return "float"
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return "date-time"
    raise TypeError(type(value))


if sys.argv[1] == "files":
    out = {}
    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            out[path] = canonical(tomllib.load(f))
    print(json.dumps(out))
else:
    results = []
    for text in json.load(sys.stdin):
        try:
            tomllib.loads(text)
            results.append(False)
        except tomllib.TOMLDecodeError:
            results.append(True)
    print(json.dumps(results))
