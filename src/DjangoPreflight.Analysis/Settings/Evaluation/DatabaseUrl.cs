using System.Globalization;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>Database, cache and email URL parsing as dj-database-url 0.5 and django-environ 0.4.4 do it.</summary>
internal static class DatabaseUrl
{
    private static readonly Dictionary<string, string> DjSchemes = new(StringComparer.Ordinal)
    {
        ["postgres"] = "django.db.backends.postgresql_psycopg2",
        ["postgresql"] = "django.db.backends.postgresql_psycopg2",
        ["pgsql"] = "django.db.backends.postgresql_psycopg2",
        ["postgis"] = "django.contrib.gis.db.backends.postgis",
        ["mysql"] = "django.db.backends.mysql",
        ["mysql2"] = "django.db.backends.mysql",
        ["mysqlgis"] = "django.contrib.gis.db.backends.mysql",
        ["mysql-connector"] = "mysql.connector.django",
        ["mssql"] = "sql_server.pyodbc",
        ["spatialite"] = "django.contrib.gis.db.backends.spatialite",
        ["sqlite"] = "django.db.backends.sqlite3",
        ["oracle"] = "django.db.backends.oracle",
        ["oraclegis"] = "django.contrib.gis.db.backends.oracle",
        ["redshift"] = "django_redshift_backend",
    };

    private static readonly Dictionary<string, string> EnvironSchemes = new(StringComparer.Ordinal)
    {
        ["postgres"] = "django.db.backends.postgresql_psycopg2",
        ["postgresql"] = "django.db.backends.postgresql_psycopg2",
        ["psql"] = "django.db.backends.postgresql_psycopg2",
        ["pgsql"] = "django.db.backends.postgresql_psycopg2",
        ["postgis"] = "django.contrib.gis.db.backends.postgis",
        ["mysql"] = "django.db.backends.mysql",
        ["mysql2"] = "django.db.backends.mysql",
        ["mysql-connector"] = "mysql.connector.django",
        ["mysqlgis"] = "django.contrib.gis.db.backends.mysql",
        ["oracle"] = "django.db.backends.oracle",
        ["pyodbc"] = "sql_server.pyodbc",
        ["redshift"] = "django_redshift_backend",
        ["spatialite"] = "django.contrib.gis.db.backends.spatialite",
        ["sqlite"] = "django.db.backends.sqlite3",
        ["ldap"] = "ldapdb.backends.ldap",
    };

    private static KeyValuePair<PyValue, PyValue> E(string k, PyValue v) => new(new PyStr(k), v);

    private static PyValue S(string s) => new PyStr(s);

    public static PyValue DjDatabaseUrl(string url, string? engine, PyValue connMaxAge, bool sslRequire, string where)
    {
        if (url == "sqlite://:memory:")
            return Py.Dict([E("ENGINE", S(DjSchemes["sqlite"])), E("NAME", S(":memory:"))]);
        var u = UrlParts.Parse(url);
        var path = u.Path.Length > 0 ? u.Path[1..] : "";
        var query = UrlParts.ParseQs(u.Query);
        if (u.Scheme == "sqlite" && path == "") path = ":memory:";
        var hostname = u.Hostname ?? "";
        if (hostname.Contains("%2f", StringComparison.OrdinalIgnoreCase))
        {
            hostname = u.Netloc;
            if (hostname.Contains('@')) hostname = hostname[(hostname.LastIndexOf('@') + 1)..];
            if (hostname.Contains(':')) hostname = hostname[..hostname.IndexOf(':')];
            hostname = hostname.Replace("%2f", "/").Replace("%2F", "/");
        }
        if (engine is null && !DjSchemes.TryGetValue(u.Scheme, out engine))
            throw new PyRaise("KeyError", $"'{u.Scheme}' (dj_database_url does not know this URL scheme)", where);
        var port = u.Port;
        PyValue portV = port is { } p && p != 0 ? engine == DjSchemes["oracle"] ? S(p.ToString(CultureInfo.InvariantCulture)) : new PyInt(p) : S("");
        var config = new List<KeyValuePair<PyValue, PyValue>>
        {
            E("NAME", S(UrlParts.Unquote(path, false))),
            E("USER", S(UrlParts.Unquote(u.Username ?? "", false))),
            E("PASSWORD", S(UrlParts.Unquote(u.Password ?? "", false))),
            E("HOST", S(hostname)),
            E("PORT", portV),
            E("CONN_MAX_AGE", connMaxAge),
        };
        var options = new List<KeyValuePair<PyValue, PyValue>>();
        foreach (var (key, values) in query)
        {
            if (u.Scheme == "mysql" && key == "ssl-ca")
                options.Add(E("ssl", Py.Dict([E("ca", S(values[^1]))])));
            else options.Add(E(key, S(values[^1])));
        }
        if (sslRequire) options.Add(E("sslmode", S("require")));
        var opts = (PyDict)Py.Dict(options);
        if (opts.Get("currentSchema") is PyStr schema && engine is "django.contrib.gis.db.backends.postgis" or "django.db.backends.postgresql_psycopg2" or "django_redshift_backend")
        {
            opts = (PyDict)Py.Dict(opts.Entries.Where(e => e.Key is not PyStr { Value: "currentSchema" }).Append(E("options", S("-c search_path=" + schema.Value))));
        }
        if (opts.Entries.Length > 0) config.Add(E("OPTIONS", opts));
        if (engine.Length > 0) config.Add(E("ENGINE", S(engine)));
        return Py.Dict(config);
    }

    private static PyValue CastInt(string v) => v.Length > 0 && v.All(char.IsDigit) ? new PyInt(System.Numerics.BigInteger.Parse(v, CultureInfo.InvariantCulture)) : S(v);

    public static PyValue Environ(string url, string? engine)
    {
        if (url == "sqlite://:memory:")
            return Py.Dict([E("ENGINE", S(EnvironSchemes["sqlite"])), E("NAME", S(":memory:"))]);
        var u = UrlParts.Parse(url);
        var path = u.Path.Length > 0 ? u.Path[1..] : "";
        path = UrlParts.Unquote(path.Split('?')[0], plus: true);
        if (u.Scheme == "sqlite" && path == "") path = ":memory:";
        if (u.Scheme == "ldap")
        {
            path = $"{u.Scheme}://{u.Hostname}";
            if (u.Port is { } lp && lp != 0) path += ":" + lp.ToString(CultureInfo.InvariantCulture);
        }
        var user = u.Username is null ? "" : UrlParts.Unquote(u.Username, plus: true);
        var password = u.Password is null ? "" : UrlParts.Unquote(u.Password, plus: true);
        PyValue port = u.Port is { } p && p != 0 ? new PyInt(p) : S("");
        var config = new List<KeyValuePair<PyValue, PyValue>>
        {
            E("NAME", S(path)), E("USER", S(user)), E("PASSWORD", S(password)), E("HOST", S(u.Hostname ?? "")), E("PORT", port),
        };
        if (u.Scheme == "oracle" && path == "")
        {
            config[0] = E("NAME", S(u.Hostname ?? ""));
            config[3] = E("HOST", S(""));
        }
        if (u.Scheme == "oracle")
        {
            if (port is PyStr) config.RemoveAt(4);
            else config[4] = E("PORT", S(((PyInt)port).Value.ToString(CultureInfo.InvariantCulture)));
        }
        if (u.Query.Length > 0)
        {
            var options = new List<KeyValuePair<PyValue, PyValue>>();
            foreach (var (k, v) in UrlParts.ParseQs(u.Query))
            {
                if (k.ToUpperInvariant() is "CONN_MAX_AGE" or "ATOMIC_REQUESTS" or "AUTOCOMMIT") config.Add(E(k.ToUpperInvariant(), CastInt(v[0])));
                else options.Add(E(k, CastInt(v[0])));
            }
            config.Add(E("OPTIONS", Py.Dict(options)));
        }
        if (engine is not null) config.Add(E("ENGINE", S(engine)));
        if (EnvironSchemes.TryGetValue(u.Scheme, out var e)) config.Add(E("ENGINE", S(e)));
        var dict = (PyDict)Py.Dict(config);
        return dict.Get("ENGINE") is PyStr { Value.Length: > 0 } ? dict : Py.Dict([]);
    }

    private static readonly Dictionary<string, string> CacheSchemes = new(StringComparer.Ordinal)
    {
        ["dbcache"] = "django.core.cache.backends.db.DatabaseCache",
        ["dummycache"] = "django.core.cache.backends.dummy.DummyCache",
        ["filecache"] = "django.core.cache.backends.filebased.FileBasedCache",
        ["locmemcache"] = "django.core.cache.backends.locmem.LocMemCache",
        ["memcache"] = "django.core.cache.backends.memcached.MemcachedCache",
        ["pymemcache"] = "django.core.cache.backends.memcached.PyLibMCCache",
        ["rediscache"] = "django_redis.cache.RedisCache",
        ["redis"] = "django_redis.cache.RedisCache",
    };

    public static PyValue EnvironCache(UrlParts u, string? backend)
    {
        if (!CacheSchemes.TryGetValue(u.Scheme, out var b))
            throw new PyRaise("KeyError", $"'{u.Scheme}'");
        var locations = u.Netloc.Split(',');
        PyValue location = locations.Length == 1 ? S(locations[0]) : Py.List(locations.Select(S));
        if (u.Scheme == "filecache") location = S(u.Netloc + u.Path);
        if (u.Path.Length > 0 && u.Scheme is "memcache" or "pymemcache") location = S("unix:" + u.Path);
        else if (u.Scheme.StartsWith("redis", StringComparison.Ordinal))
        {
            var scheme = u.Hostname is not null ? u.Scheme.Replace("cache", "") : "unix";
            var locs = u.Netloc.Split(',').Select(l => scheme + "://" + l + u.Path).ToList();
            location = locs.Count == 1 ? S(locs[0]) : Py.List(locs.Select(S));
        }
        var config = new List<KeyValuePair<PyValue, PyValue>> { E("BACKEND", S(b)), E("LOCATION", location) };
        if (u.Query.Length > 0)
        {
            var options = new List<KeyValuePair<PyValue, PyValue>>();
            foreach (var (k, v) in UrlParts.ParseQs(u.Query))
            {
                var opt = E(k.ToUpperInvariant(), CastInt(v[0]));
                if (k.ToUpperInvariant() is "TIMEOUT" or "KEY_PREFIX" or "VERSION" or "KEY_FUNCTION" or "BINARY") config.Add(opt);
                else options.Add(opt);
            }
            config.Add(E("OPTIONS", Py.Dict(options)));
        }
        if (backend is not null) config.Add(E("BACKEND", S(backend)));
        return Py.Dict(config);
    }

    private static readonly Dictionary<string, string> EmailSchemes = new(StringComparer.Ordinal)
    {
        ["smtp"] = "django.core.mail.backends.smtp.EmailBackend",
        ["smtps"] = "django.core.mail.backends.smtp.EmailBackend",
        ["smtp+tls"] = "django.core.mail.backends.smtp.EmailBackend",
        ["smtp+ssl"] = "django.core.mail.backends.smtp.EmailBackend",
        ["consolemail"] = "django.core.mail.backends.console.EmailBackend",
        ["filemail"] = "django.core.mail.backends.filebased.EmailBackend",
        ["memorymail"] = "django.core.mail.backends.locmem.EmailBackend",
        ["dummymail"] = "django.core.mail.backends.dummy.EmailBackend",
    };

    public static PyValue EnvironEmail(UrlParts u, string? backend)
    {
        var path = u.Path.Length > 0 ? u.Path[1..] : "";
        path = UrlParts.Unquote(path.Split('?')[0], plus: true);
        PyValue Opt(string? s) => s is null ? PyNone.Instance : S(UrlParts.Unquote(s, plus: true));
        var config = new List<KeyValuePair<PyValue, PyValue>>
        {
            E("EMAIL_FILE_PATH", S(path)),
            E("EMAIL_HOST_USER", Opt(u.Username)),
            E("EMAIL_HOST_PASSWORD", Opt(u.Password)),
            E("EMAIL_HOST", u.Hostname is { } h ? S(h) : PyNone.Instance),
            E("EMAIL_PORT", u.Port is { } p ? new PyInt(p) : PyNone.Instance),
        };
        if (backend is not null) config.Add(E("EMAIL_BACKEND", S(backend)));
        else if (!EmailSchemes.TryGetValue(u.Scheme, out var b)) throw new PyRaise("ImproperlyConfigured", $"Invalid email schema {u.Scheme}");
        else config.Add(E("EMAIL_BACKEND", S(b)));
        if (u.Scheme is "smtps" or "smtp+tls") config.Add(E("EMAIL_USE_TLS", Py.True));
        else if (u.Scheme == "smtp+ssl") config.Add(E("EMAIL_USE_SSL", Py.True));
        if (u.Query.Length > 0)
        {
            var options = new List<KeyValuePair<PyValue, PyValue>>();
            foreach (var (k, v) in UrlParts.ParseQs(u.Query))
            {
                var opt = E(k.ToUpperInvariant(), CastInt(v[0]));
                if (k.ToUpperInvariant() is "EMAIL_USE_TLS" or "EMAIL_USE_SSL") config.Add(opt);
                else options.Add(opt);
            }
            config.Add(E("OPTIONS", Py.Dict(options)));
        }
        return Py.Dict(config);
    }
}
