"""Generates the settings corpus for the differential test, deterministically (seeded).

Usage: generate_corpus.py OUTDIR [COUNT]

Each variant is a small Django project under OUTDIR/vNNN with a variant.json manifest:
{"module": dotted settings module, "root": import root relative to the variant, "env": {...},
 "stubs": [third-party modules production would have installed]}. The settings use every env-var
library Debian ships (os.environ, django-environ, python-decouple, dj-database-url), split modules,
flags and missing variables. Nothing here is a scanned project: this is our own test corpus.
"""
import json
import os
import random
import sys

BOOL_SPELLINGS = {
    "os": (["True", "true", "1", "yes"], ["False", "false", "0", "no", ""]),
    "environ": (["True", "true", "1", "on", "yes", "ok", "y"], ["False", "false", "0", "off", "no", ""]),
    "decouple": (["True", "true", "1", "yes", "on", "t", "y"], ["False", "false", "0", "no", "off", "f", "n", ""]),
}

HOSTS = ["example.com", "www.example.com", "api.example.org", ".example.net", "localhost", "127.0.0.1", "*"]
DB_URLS = [
    "postgres://shop:s3cr3t@db.internal:5432/shop",
    "postgres://u%40x:p%2Fw@10.0.0.5/app?sslmode=require",
    "postgresql://user@localhost/db",
    "mysql://root:pw@mysql:3306/site?charset=utf8mb4",
    "sqlite:////var/lib/app/db.sqlite3",
    "sqlite://:memory:",
    "postgis://geo:geo@gis:5433/maps",
]


class Variant:
    def __init__(self, rng, index):
        self.rng = rng
        self.index = index
        self.env = {}
        self.lib = rng.choice(["os", "os", "environ", "decouple", "mixed"])
        self.vars_used = []

    def choice(self, seq):
        return self.rng.choice(seq)

    def var(self, name, present_value, kind="str", fail_fast=False):
        """Registers an env var: present in the profile most of the time, missing otherwise."""
        missing_rate = 0.05 if fail_fast else 0.3
        if self.rng.random() >= missing_rate:
            self.env[name] = present_value
        self.vars_used.append(name)
        return name

    def bool_value(self, lib):
        trues, falses = BOOL_SPELLINGS[lib]
        return self.choice(trues + falses)

    def lib_for(self):
        return self.choice(["os", "environ", "decouple"]) if self.lib == "mixed" else self.lib

    # ---- readers: each returns a Python expression reading a variable in some library's idiom ----

    def read_bool(self, name, default):
        lib = self.lib_for()
        self.var(name, self.bool_value(lib))
        d = "True" if default else "False"
        if lib == "os":
            return self.choice([
                f'os.environ.get("{name}", "{d}") == "True"',
                f'os.environ.get("{name}", "{d}").lower() in ("1", "true", "yes")',
                f'os.getenv("{name}", "{int(default)}").lower() not in ("0", "false", "no", "")',
                f'env_bool("{name}", {d})',
            ])
        if lib == "environ":
            return self.choice([f'env.bool("{name}", default={d})', f'env("{name}", cast=bool, default={d})'])
        return self.choice([f'config("{name}", default={d}, cast=bool)', f'config("{name}", default="{d}", cast=bool)'])

    def read_int(self, name, default):
        lib = self.lib_for()
        self.var(name, str(self.choice([0, 60, 3600, 31536000, 63072000])))
        if lib == "os":
            return self.choice([f'int(os.environ.get("{name}", "{default}"))', f'int(os.getenv("{name}") or {default})'])
        if lib == "environ":
            return f'env.int("{name}", default={default})'
        return f'config("{name}", default={default}, cast=int)'

    def read_str(self, name, default, fail_fast_ok=True):
        lib = self.lib_for()
        fail_fast = fail_fast_ok and self.rng.random() < 0.15
        self.var(name, self.choice(["s3cr3t-" + "x" * 40, "Lax", "Strict", "None", "prod", "staging", "https"]), fail_fast=fail_fast)
        if lib == "os":
            if fail_fast:
                return f'os.environ["{name}"]'
            return self.choice([f'os.environ.get("{name}", "{default}")', f'os.getenv("{name}", "{default}")'])
        if lib == "environ":
            return f'env.str("{name}")' if fail_fast else f'env("{name}", default="{default}")'
        return f'config("{name}")' if fail_fast else f'config("{name}", default="{default}")'

    def read_list(self, name, default):
        lib = self.lib_for()
        hosts = self.rng.sample(HOSTS, self.rng.randint(1, 3))
        sep = self.choice([",", ", ", ","])
        self.var(name, sep.join(hosts))
        dflt = ",".join(default)
        if lib == "os":
            return self.choice([
                f'os.environ.get("{name}", "{dflt}").split(",")',
                f'[h.strip() for h in os.environ.get("{name}", "{dflt}").split(",") if h.strip()]',
                f'list(filter(None, os.getenv("{name}", "{dflt}").split(",")))',
            ])
        if lib == "environ":
            return f'env.list("{name}", default={default!r})'
        return self.choice([f'config("{name}", default="{dflt}", cast=Csv())', f'config("{name}", default="{dflt}", cast=Csv(post_process=tuple))'])

    # ---- the settings ----

    def header(self):
        lines = ["import os", "from pathlib import Path"]
        if self.lib in ("environ", "mixed"):
            lines += ["import environ", "env = environ.Env(" + self.choice(["", "DJANGO_DEBUG=(bool, False)", "DJANGO_DEBUG=(bool, True), SCHEME_PORT=(int, 8000)"]) + ")"]
        if self.lib in ("decouple", "mixed"):
            lines += ["from decouple import config, Csv"]
        lines += [
            "",
            "def env_bool(name, default=False):",
            "    value = os.environ.get(name)",
            "    if value is None:",
            "        return default",
            "    return value.strip().lower() in (\"1\", \"true\", \"yes\", \"on\")",
            "",
        ]
        return lines

    def base_settings(self, depth):
        r = self.rng
        lines = [f"BASE_DIR = Path(__file__).resolve(){'.parent' * depth}"]
        lines.append(f"SECRET_KEY = {self.read_str('DJANGO_SECRET_KEY', 'django-insecure-' + 'k' * 30)}")
        lines.append(f"DEBUG = {self.read_bool('DJANGO_DEBUG', r.random() < 0.5)}")
        lines.append(f"ALLOWED_HOSTS = {self.read_list('DJANGO_ALLOWED_HOSTS', ['localhost'])}")
        lines += [
            "INSTALLED_APPS = [",
            '    "django.contrib.admin",',
            '    "django.contrib.auth",',
            '    "django.contrib.contenttypes",',
            '    "django.contrib.sessions",',
            "]",
            "MIDDLEWARE = [",
            '    "django.middleware.security.SecurityMiddleware",',
            '    "django.contrib.sessions.middleware.SessionMiddleware",',
            '    "django.middleware.csrf.CsrfViewMiddleware",',
            "]",
        ]
        lines += self.choice([
            ['DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}'],
            ['DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(BASE_DIR, "db.sqlite3")}}'],
        ])
        lines.append(self.choice(['STATIC_URL = "/static/"', 'STATIC_URL = "static/"']))
        lines.append(self.choice(['STATIC_ROOT = BASE_DIR / "staticfiles"', 'STATIC_ROOT = os.path.join(BASE_DIR, "staticfiles")', 'STATIC_ROOT = str(BASE_DIR.parent / "public" / "static")']))
        lines.append('MEDIA_ROOT = BASE_DIR / "media"')
        lines.append('TIME_ZONE = "UTC"')
        return lines

    def production_settings(self):
        r = self.rng
        out = []
        flag = self.choice(["env", "name", "none"])
        if flag == "env":
            out.append(f"PRODUCTION = {self.read_bool('DJANGO_PRODUCTION', r.random() < 0.5)}")
        elif flag == "name":
            out.append(f'PRODUCTION = {self.read_str("DJANGO_ENV", "development", fail_fast_ok=False)} in ("prod", "production")')
        else:
            out.append("PRODUCTION = not DEBUG")
        features = [
            self.f_ssl, self.f_hsts, self.f_cookies, self.f_proxy, self.f_csrf_origins, self.f_database, self.f_cache,
            self.f_email, self.f_middleware, self.f_admins, self.f_logging, self.f_misc_ops, self.f_frame, self.f_referrer,
            self.f_function, self.f_dict_mutation,
        ]
        for feature in r.sample(features, r.randint(6, len(features))):
            out += feature()
        return out

    def f_ssl(self):
        return self.choice([
            ["SECURE_SSL_REDIRECT = PRODUCTION"],
            [f"SECURE_SSL_REDIRECT = {self.read_bool('DJANGO_SECURE_SSL_REDIRECT', True)}"],
            ["if PRODUCTION:", "    SECURE_SSL_REDIRECT = True", "else:", "    SECURE_SSL_REDIRECT = False"],
        ])

    def f_hsts(self):
        return self.choice([
            ["SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if PRODUCTION else 0", "SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0", "SECURE_HSTS_PRELOAD = False"],
            [f"SECURE_HSTS_SECONDS = {self.read_int('DJANGO_HSTS_SECONDS', 0)}", f"SECURE_HSTS_PRELOAD = {self.read_bool('DJANGO_HSTS_PRELOAD', False)}"],
        ])

    def f_cookies(self):
        same = self.choice(['"Lax"', '"Strict"', '"None"', "None"])
        return self.choice([
            ["SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG", f"SESSION_COOKIE_SAMESITE = {same}"],
            [f"SESSION_COOKIE_SECURE = {self.read_bool('DJANGO_SESSION_COOKIE_SECURE', True)}", "CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE",
             "CSRF_COOKIE_HTTPONLY = True", f'SESSION_COOKIE_SAMESITE = {self.read_str("DJANGO_SAMESITE", "Lax", fail_fast_ok=False)}'],
            ["for _name in ('SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE'):", "    globals()[_name] = PRODUCTION"] if False else
            ["SESSION_COOKIE_SECURE = True if PRODUCTION else False", "CSRF_COOKIE_SECURE = bool(PRODUCTION)", "SESSION_COOKIE_AGE = 60 * 60 * 8"],
        ])

    def f_proxy(self):
        return self.choice([
            ['SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")', "USE_X_FORWARDED_HOST = True"],
            ["if PRODUCTION:", '    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")'],
            [f'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", {self.read_str("DJANGO_PROXY_PROTO", "https", fail_fast_ok=False)})'],
        ])

    def f_csrf_origins(self):
        return self.choice([
            ['CSRF_TRUSTED_ORIGINS = ["https://%s" % h.lstrip(".") for h in ALLOWED_HOSTS if h != "*"]'],
            ['CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if not h.startswith(".")]'],
            [f"CSRF_TRUSTED_ORIGINS = {self.read_list('DJANGO_CSRF_TRUSTED_ORIGINS', ['https://example.com'])}"],
        ])

    def f_database(self):
        url = self.choice(DB_URLS)
        lib = self.lib_for()
        self.var("DATABASE_URL", url)
        default = self.choice(DB_URLS)
        if lib == "environ":
            return self.choice([
                [f'DATABASES = {{"default": env.db("DATABASE_URL", default="{default}")}}'],
                [f'DATABASES["default"] = env.db_url("DATABASE_URL", default="{default}")'],
            ])
        conn = self.choice(["", ", conn_max_age=600", ", conn_max_age=60, ssl_require=PRODUCTION"])
        lines = ["import dj_database_url"]
        lines += self.choice([
            [f'DATABASES = {{"default": dj_database_url.config(default="{default}"{conn})}}'],
            [f'DATABASES["default"] = dj_database_url.parse(os.environ.get("DATABASE_URL", "{default}"){conn})'],
            ['if "DATABASE_URL" in os.environ:', f'    DATABASES["default"] = dj_database_url.config({conn[2:]})'],
        ])
        return lines

    def f_cache(self):
        lib = self.lib_for()
        if lib == "environ":
            self.var("CACHE_URL", self.choice(["redis://cache:6379/1", "locmemcache://", "memcache://127.0.0.1:11211", "dummycache://"]))
            return ['CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}']
        self.var("REDIS_URL", self.choice(["redis://cache:6379/0", "redis://:pw@cache:6379/2"]))
        return [
            "CACHES = {",
            '    "default": {',
            '        "BACKEND": "django.core.cache.backends.redis.RedisCache" if PRODUCTION else "django.core.cache.backends.locmem.LocMemCache",',
            '        "LOCATION": os.environ.get("REDIS_URL", ""),',
            "    }",
            "}",
        ]

    def f_email(self):
        lib = self.lib_for()
        if lib == "environ":
            self.var("EMAIL_URL", self.choice(["smtp+tls://mailer:pw@smtp.example.com:587", "consolemail://", "smtp://localhost:25"]))
            return [
                'EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")',
                'EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]',
                'EMAIL_HOST = EMAIL_CONFIG["EMAIL_HOST"] or "localhost"',
                'EMAIL_HOST_PASSWORD = EMAIL_CONFIG["EMAIL_HOST_PASSWORD"] or ""',
                'EMAIL_USE_TLS = EMAIL_CONFIG.get("EMAIL_USE_TLS", False)',
            ]
        return [
            'EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend"',
            f"EMAIL_HOST = {self.read_str('EMAIL_HOST', 'localhost', fail_fast_ok=False)}",
            f"EMAIL_PORT = {self.read_int('EMAIL_PORT', 25)}",
            "EMAIL_USE_TLS = EMAIL_PORT == 587",
            f'EMAIL_HOST_PASSWORD = {self.read_str("EMAIL_HOST_PASSWORD", "", fail_fast_ok=False)}',
            'DEFAULT_FROM_EMAIL = "noreply@%s" % ALLOWED_HOSTS[0].lstrip(".")',
            "SERVER_EMAIL = DEFAULT_FROM_EMAIL",
        ]

    def f_middleware(self):
        return self.choice([
            ["MIDDLEWARE.insert(1, \"whitenoise.middleware.WhiteNoiseMiddleware\")", "MIDDLEWARE += [\"django.middleware.clickjacking.XFrameOptionsMiddleware\"]"],
            ["if DEBUG:", "    INSTALLED_APPS.append(\"django_extensions\")", "    MIDDLEWARE.remove(\"django.middleware.csrf.CsrfViewMiddleware\")"],
            ["MIDDLEWARE = [m for m in MIDDLEWARE if \"csrf\" not in m.lower()] if not PRODUCTION else MIDDLEWARE + [\"x.Mw\"]"],
            ["INSTALLED_APPS += [\"corsheaders\"]", "MIDDLEWARE = [\"corsheaders.middleware.CorsMiddleware\"] + MIDDLEWARE", "CORS_ALLOW_ALL_ORIGINS = DEBUG", "CORS_ALLOWED_ORIGINS = [\"https://app.example.com\"]"],
        ])

    def f_admins(self):
        return self.choice([
            ['ADMINS = [("Ops", "ops@example.com"), ("Dev", "dev@example.com")]', "MANAGERS = ADMINS"],
            [f'ADMINS = [tuple(a.split(":")) for a in {self.read_str("DJANGO_ADMINS", "Ops:ops@example.com", fail_fast_ok=False)}.split(",")]'],
        ])

    def f_logging(self):
        return [
            "LOGGING = {",
            '    "version": 1,',
            '    "handlers": {"console": {"class": "logging.StreamHandler", "level": "DEBUG" if DEBUG else "WARNING"}},',
            '    "root": {"handlers": ["console"], "level": ' + self.read_str("DJANGO_LOG_LEVEL", "INFO", fail_fast_ok=False) + "},",
            "}",
        ]

    def f_misc_ops(self):
        return self.choice([
            ['STATIC_URL = "/%sstatic/" % ("" if PRODUCTION else "dev-")', 'MEDIA_URL = "{}media/".format(STATIC_URL.rsplit("static", 1)[0])'],
            ["SESSION_EXPIRE_AT_BROWSER_CLOSE = PRODUCTION and not DEBUG", "SESSION_COOKIE_HTTPONLY = True", "CSRF_USE_SESSIONS = len(ALLOWED_HOSTS) > 2"],
            ['PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]',
             'AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.%s" % n} for n in ("MinimumLengthValidator", "CommonPasswordValidator")]'],
            ["SECRET_KEY_FALLBACKS = [k for k in os.environ.get(\"DJANGO_OLD_KEYS\", \"\").split(\" \") if k]"],
        ])

    def f_frame(self):
        return self.choice([["X_FRAME_OPTIONS = \"SAMEORIGIN\""], ["X_FRAME_OPTIONS = \"DENY\" if PRODUCTION else \"SAMEORIGIN\""], []])

    def f_referrer(self):
        return self.choice([["SECURE_REFERRER_POLICY = \"strict-origin\""], ["SECURE_CONTENT_TYPE_NOSNIFF = not DEBUG", "SECURE_BROWSER_XSS_FILTER = True"], []])

    def f_function(self):
        return [
            "def _origins(hosts, scheme=\"https\"):",
            "    result = []",
            "    for host in hosts:",
            "        if host == \"*\":",
            "            continue",
            "        result.append(scheme + \"://\" + host.lstrip(\".\"))",
            "    return result",
            "CSRF_TRUSTED_ORIGINS = _origins(ALLOWED_HOSTS)",
        ]

    def f_dict_mutation(self):
        return self.choice([
            ['DATABASES["default"]["CONN_MAX_AGE"] = 0 if DEBUG else 60', 'DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5'],
            ['DATABASES["default"].update({"ATOMIC_REQUESTS": True})'],
            ['DATABASES = {**DATABASES, "replica": dict(DATABASES["default"], TEST={"MIRROR": "default"})}'],
        ])


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def generate(outdir, count, seed=20261122):
    rng = random.Random(seed)
    manifest = []
    for i in range(count):
        v = Variant(rng, i)
        name = f"v{i:03d}"
        vdir = os.path.join(outdir, name)
        layout = rng.choice(["single", "split", "split", "split_abs", "src", "module_alias"])
        pkg = rng.choice(["proj", "config", "shop"])
        root = "src" if layout == "src" else "."
        base_dir = os.path.join(vdir, root)
        write(os.path.join(vdir, "manage.py"), f"import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '{pkg}.settings')\n")
        write(os.path.join(base_dir, pkg, "__init__.py"), "")
        header = v.header()
        if layout in ("single", "src"):
            body = header + v.base_settings(2) + v.production_settings()
            write(os.path.join(base_dir, pkg, "settings.py"), "\n".join(body) + "\n")
            module = f"{pkg}.settings"
        else:
            base = header + v.base_settings(3)
            write(os.path.join(base_dir, pkg, "settings", "__init__.py"), "")
            write(os.path.join(base_dir, pkg, "settings", "base.py"), "\n".join(base) + "\n")
            if layout == "split":
                imp = ["from .base import *"]
            elif layout == "split_abs":
                imp = [f"from {pkg}.settings.base import *"]
            else:
                imp = [f"import {pkg}.settings.base as base_settings", "from .base import *", "DEBUG = base_settings.DEBUG"]
            prod = header + imp + v.production_settings()
            if rng.random() < 0.5:
                prod += ["try:", "    from .local import *", "except ImportError:", "    pass"]
                if rng.random() < 0.4:
                    write(os.path.join(base_dir, pkg, "settings", "local.py"), "from .base import *\nX_FRAME_OPTIONS = 'SAMEORIGIN'\nSESSION_COOKIE_SECURE = False\n")
            write(os.path.join(base_dir, pkg, "settings", "production.py"), "\n".join(prod) + "\n")
            module = f"{pkg}.settings.production"
        manifest.append({"name": name, "module": module, "root": root, "env": dict(sorted(v.env.items())), "stubs": []})
        with open(os.path.join(vdir, "variant.json"), "w") as f:
            json.dump(manifest[-1], f, indent=1, sort_keys=True)
    with open(os.path.join(outdir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    generate(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 240)
