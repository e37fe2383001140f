using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>django-environ (modelled on 0.4.4, the version Debian ships and we test against), and
/// FileAwareEnv, which later versions added.</summary>
internal sealed partial class Interpreter
{
    private static readonly string[] EnvironTrue = ["true", "on", "ok", "y", "yes", "1"];

    private PyValue Environ(string name, PyValue? self, CallArgs args, Node at)
    {
        switch (name)
        {
            case "environ.Env" or "environ.FileAwareEnv":
                return new PyEnvReader(args.Keywords.ToImmutableDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal))
                {
                    FileAware = name == "environ.FileAwareEnv",
                };
            case "environ.Path":
            {
                var start = args.Get(0, "start") is { } s0 ? Py.ToStr(s0) : "";
                if (start is null) return new PyUnknown("environ.Path of an unknown value");
                if (args.Get(-1, "is_file")?.Truthy == true) start = Methods.DirName(start);
                return EnvironJoin(start, args.Positional.Skip(1));
            }
            case "environ.Env.read_env":
                return ReadEnv(args, at);
        }
        if (self is PyEnvironPath root)
        {
            var method = name["environ.Path.".Length..];
            return method switch
            {
                "path" => EnvironJoin(root.Root, args.Positional),
                "__call__" => EnvironJoin(root.Root, args.Positional) is PyEnvironPath p ? new PyStr(p.Root) : new PyUnknown("environ.Path()"),
                _ => new PyUnknown($"environ.Path.{method}() is not modelled"),
            };
        }
        if (self is not PyEnvReader env) return new PyUnknown($"{name}() is not modelled");
        var m = name["environ.Env.".Length..];
        PyValue? Default(int i) => args.Get(i, "default");
        PyValue Var(int i, string dflt) => args.Get(i, "var") ?? new PyStr(dflt);
        switch (m)
        {
            case "__call__" or "get_value":
                return EnvironGet(env, Var(0, ""), args.Get(1, "cast"), Default(2), args.Get(3, "parse_default")?.Truthy == true, at, 0);
            case "str": return EnvironGet(env, Var(0, ""), null, Default(1), false, at, 0);
            case "unicode": return EnvironGet(env, Var(0, ""), new PyBuiltin("str"), Default(1), false, at, 0);
            case "bool" or "int" or "float": return EnvironGet(env, Var(0, ""), new PyBuiltin(m), Default(1), false, at, 0);
            case "json": return EnvironGet(env, Var(0, ""), new PyBuiltin("json.loads"), Default(1), false, at, 0);
            case "list" or "tuple":
            {
                var cast = args.Get(1, "cast");
                PyValue c = cast is null or PyNone ? new PyBuiltin(m) : m == "list" ? Py.List([cast]) : Py.Tuple([cast]);
                return EnvironGet(env, Var(0, ""), c, Default(2), false, at, 0);
            }
            case "dict": return EnvironGet(env, Var(0, ""), args.Get(1, "cast") ?? new PyBuiltin("dict"), Default(2), false, at, 0);
            case "url": return EnvironGet(env, Var(0, ""), new PyBuiltin("urllib.parse.urlparse"), Default(1), true, at, 0);
            case "path":
            {
                var v = EnvironGet(env, Var(0, ""), null, Default(1), false, at, 0);
                return Py.ToStr(v) is { } pv && v is PyStr or PyPath ? EnvironJoin(pv, []) : v is PyUnknown ? v : new PyUnknown("env.path() of a non-string");
            }
            case "db_url" or "db":
            {
                var url = EnvironGet(env, Var(0, "DATABASE_URL"), null, Default(1), false, at, 0);
                if (url is PyUnknown) return url;
                if (url is not PyStr us) return new PyUnknown("env.db() of a non-string value");
                return DatabaseUrl.Environ(us.Value, args.Get(2, "engine") is PyStr e ? e.Value : null);
            }
            case "cache_url" or "cache":
            {
                var url = EnvironGet(env, Var(0, "CACHE_URL"), new PyBuiltin("urllib.parse.urlparse"), Default(1), true, at, 0);
                if (url is PyUnknown) return url;
                if (url is not PyUrl u) return new PyUnknown("env.cache() of a non-URL value");
                return DatabaseUrl.EnvironCache(u.Parts, args.Get(2, "backend") is PyStr b ? b.Value : null);
            }
            case "email_url" or "email":
            {
                var url = EnvironGet(env, Var(0, "EMAIL_URL"), new PyBuiltin("urllib.parse.urlparse"), Default(1), true, at, 0);
                if (url is PyUnknown) return url;
                if (url is not PyUrl u) return new PyUnknown("env.email() of a non-URL value");
                return DatabaseUrl.EnvironEmail(u.Parts, args.Get(2, "backend") is PyStr b ? b.Value : null);
            }
            case "read_env":
                return ReadEnv(args, at);
            case "parse_value":
                return args.Get(0, "value") is { } pvv ? EnvironParse(pvv, args.Get(1, "cast"), at) : new PyUnknown("parse_value()");
        }
        return new PyUnknown($"env.{m}() is not modelled");
    }

    private static PyValue EnvironJoin(string start, IEnumerable<PyValue> parts)
    {
        var path = start;
        foreach (var p in parts)
            path = Methods.JoinPath(path, Py.ToStr(p) ?? "");
        if (!path.StartsWith('/')) return new PyUnknown("environ.Path of a relative path depends on the working directory");
        return new PyEnvironPath(Methods.NormPath(path));
    }

    /// <summary>Env.get_value: scheme, lookup (ImproperlyConfigured when missing without default), $-proxies, parse.</summary>
    private PyValue EnvironGet(PyEnvReader env, PyValue varV, PyValue? cast, PyValue? dflt, bool parseDefault, Node at, int depth)
    {
        if (varV is not PyStr varS) return new PyUnknown("env() with an unknown variable name");
        var var = varS.Value;
        if (cast is PyNone) cast = null;
        if (env.Scheme.TryGetValue(var, out var info))
        {
            if (info is PyTuple or PyList && info.AsSequence is { Length: 2 } pair)
            {
                cast ??= pair[0];
                dflt ??= pair[1];
            }
            else cast ??= info;
        }
        if (env.FileAware)
        {
            // Docker and Kubernetes secrets: X_FILE names a file mounted on the host, which wins over X.
            _reads.Add(var + "_FILE");
            if (_run.GetEnv(var + "_FILE") is { } file)
                return new PyUnknown($"env('{var}') is read from {file}, the file {var}_FILE names on the deployed host");
        }
        _reads.Add(var);
        PyValue value;
        var raw = _run.GetEnv(var);
        if (raw is null)
        {
            if (dflt is null)
                throw new PyRaise("ImproperlyConfigured", $"env('{var}') raises ImproperlyConfigured when {var} is not set", Where(at)) { Deliberate = true, Variable = var };
            value = dflt;
        }
        else value = new PyStr(raw);
        if (value is PyStr { Value: var sv } && sv.StartsWith('$') && depth < 10)
            value = EnvironGet(env, new PyStr(sv.TrimStart('$')), cast, dflt, parseDefault, at, depth + 1);
        var differs = dflt is null ? (bool?)true : !Py.Equal(value, dflt);
        if (differs is null) return new PyUnknown($"env('{var}'): default is unknown");
        if (differs == true || parseDefault && value.Truthy == true)
            value = EnvironParse(value, cast, at);
        return value;
    }

    private PyValue EnvironParse(PyValue value, PyValue? cast, Node at)
    {
        if (cast is null or PyNone) return value;
        if (value is PyUnknown) return value;
        if (cast is PyBuiltin { Name: "bool", Self: null })
        {
            try
            {
                return Py.Bool(Py.Number(ToInt(value)) is { } n && !n.IsZero);
            }
            catch (PyRaise e) when (e.IsA("ValueError"))
            {
                return value is PyStr s ? Py.Bool(EnvironTrue.Contains(s.Value.ToLowerInvariant())) : new PyUnknown("bool cast of a non-string");
            }
        }
        var str = value as PyStr;
        if (cast is PyList { Items.Length: 1 } lc)
            return str is null ? new PyUnknown("list cast of a non-string") : Py.List(str.Value.Split(',').Where(x => x.Length > 0).Select(x => Call(lc.Items[0], new CallArgs([new PyStr(x)], []), at)));
        if (cast is PyTuple { Items.Length: 1 } tc)
            return str is null ? new PyUnknown("tuple cast of a non-string") : Py.Tuple(str.Value.Trim('(').Trim(')').Split(',').Where(x => x.Length > 0).Select(x => Call(tc.Items[0], new CallArgs([new PyStr(x)], []), at)));
        if (cast is PyDict spec)
        {
            if (str is null) return new PyUnknown("dict cast of a non-string");
            var keyCast = spec.Get("key") ?? new PyBuiltin("str");
            var valueCast = spec.Get("value") ?? new PyBuiltin("str");
            var byKey = spec.Get("cast") as PyDict;
            var entries = new List<KeyValuePair<PyValue, PyValue>>();
            foreach (var item in str.Value.Split(';').Where(x => x.Length > 0))
            {
                var kv = item.Split('=');
                if (kv.Length != 2) throw new PyRaise("ValueError", "dictionary update sequence element has wrong length");
                var vc = byKey?.Get(kv[0]) ?? valueCast;
                entries.Add(new(Call(keyCast, new CallArgs([new PyStr(kv[0])], []), at), EnvironParse(new PyStr(kv[1]), vc, at)));
            }
            return Py.Dict(entries);
        }
        if (cast is PyBuiltin { Self: null } b)
        {
            switch (b.Name)
            {
                case "dict":
                {
                    if (str is null) return new PyUnknown("dict cast of a non-string");
                    var entries = new List<KeyValuePair<PyValue, PyValue>>();
                    foreach (var item in str.Value.Split(',').Where(x => x.Length > 0))
                    {
                        var kv = item.Split('=');
                        if (kv.Length != 2) throw new PyRaise("ValueError", "dictionary update sequence element has wrong length");
                        entries.Add(new(new PyStr(kv[0]), new PyStr(kv[1])));
                    }
                    return Py.Dict(entries);
                }
                case "list": return str is null ? new PyUnknown("list cast of a non-string") : Py.List(str.Value.Split(',').Where(x => x.Length > 0).Select(x => (PyValue)new PyStr(x)));
                case "tuple": return str is null ? new PyUnknown("tuple cast of a non-string") : Py.Tuple(str.Value.Trim('(').Trim(')').Split(',').Where(x => x.Length > 0).Select(x => (PyValue)new PyStr(x)));
                case "float":
                {
                    if (str is null) return ToFloat(value);
                    var clean = Regex.Replace(str.Value, @"[^\d,\.]", "");
                    var parts = Regex.Split(clean, @"[,\.]");
                    var text = parts.Length == 1 ? parts[0] : string.Concat(parts[..^1]) + "." + parts[^1];
                    return ToFloat(new PyStr(text));
                }
            }
        }
        return Call(cast, new CallArgs([value], []), at);
    }

    private PyValue ApplyCast(PyCast cast, PyValue value, Node at)
    {
        if (value is PyUnknown) return value;
        switch (cast.Kind)
        {
            case "Csv":
            {
                if (Py.ToStr(value) is not { } text) return new PyUnknown("Csv() of an unknown value");
                var opts = cast.Options ?? ImmutableDictionary<string, PyValue>.Empty;
                var delimiter = opts.GetValueOrDefault("delimiter") is PyStr d ? d.Value : ",";
                var strip = opts.GetValueOrDefault("strip") is PyStr st ? st.Value : " \t\n\r\v\f";
                var tokens = Shlex.Split(text, delimiter);
                if (tokens is null) throw new PyRaise("ValueError", "No closing quotation");
                var inner = cast.Inner ?? new PyBuiltin("str");
                var items = tokens.Select(t => Call(inner, new CallArgs([new PyStr(t.Trim(strip.ToCharArray()))], []), at)).ToList();
                var post = opts.GetValueOrDefault("post_process") ?? new PyBuiltin("list");
                return Call(post, new CallArgs([Py.List(items)], []), at);
            }
            case "Choices":
            {
                var inner = cast.Inner ?? new PyBuiltin("str");
                var v = Call(inner, new CallArgs([value], []), at);
                var valid = new List<PyValue>();
                if (cast.Options?.GetValueOrDefault("flat") is { } flat && Iterate(flat) is { } fl) valid.AddRange(fl);
                if (cast.Options?.GetValueOrDefault("choices") is { } ch && Iterate(ch) is { } cl)
                    valid.AddRange(cl.Select(c => c.AsSequence is { Length: > 0 } s ? s[0] : c));
                var found = valid.Select(x => Py.Equal(x, v)).ToList();
                if (found.Contains(true)) return v;
                if (found.Contains(null)) return new PyUnknown("Choices() with unknown choices");
                throw new PyRaise("ValueError", $"Value not in list: {Py.Repr(value)}");
            }
        }
        return new PyUnknown($"cast {cast.Kind} is not modelled");
    }

    /// <summary>python-decouple 3.6: os.environ first; the .env/settings.ini repository is not read (profile only).</summary>
    private PyValue Decouple(string name, CallArgs args, Node at)
    {
        switch (name)
        {
            case "decouple.config":
            {
                if (args.Get(0, "option") is not PyStr opt) return new PyUnknown("config() with an unknown variable name");
                _reads.Add(opt.Value);
                var raw = _run.GetEnv(opt.Value);
                PyValue value;
                if (raw is not null) value = new PyStr(raw);
                else value = args.Get(1, "default") ?? throw new PyRaise("UndefinedValueError",
                    $"config('{opt.Value}') raises UndefinedValueError when {opt.Value} is not set", Where(at)) { Deliberate = true, Variable = opt.Value };
                var cast = args.Get(2, "cast");
                if (cast is null) return value;
                if (value is PyUnknown) return value;
                if (cast is PyBuiltin { Name: "bool", Self: null })
                {
                    var s = Py.ToStr(value);
                    if (s is null) return new PyUnknown("bool cast of an unknown value");
                    if (s.Length == 0) return Py.False;
                    var lower = s.ToLowerInvariant();
                    if (lower is "y" or "yes" or "t" or "true" or "on" or "1") return Py.True;
                    if (lower is "n" or "no" or "f" or "false" or "off" or "0") return Py.False;
                    throw new PyRaise("ValueError", $"Invalid truth value: {lower}", Where(at));
                }
                return Call(cast, new CallArgs([value], []), at);
            }
            case "decouple.Csv":
                return new PyCast("Csv", args.Get(0, "cast"), Options(args, ["cast", "delimiter", "strip", "post_process"]));
            case "decouple.Choices":
                return new PyCast("Choices", args.Get(1, "cast"), Options(args, ["flat", "cast", "choices"]));
            case "decouple.AutoConfig" or "decouple.Config":
                _run.Notices.Add($"{Where(at)}: decouple {name[9..]}(): its .env/settings.ini file is not read; variables come only from --env-file/--env");
                return new PyBuiltin("decouple.config");
            case "decouple.RepositoryEnv" or "decouple.RepositoryIni" or "decouple.RepositoryEmpty" or "decouple.RepositorySecret":
                return new PyUnknown("a decouple repository (not read)");
            case "decouple.strtobool":
            {
                var v = (Py.ToStr(args.Get(0, "value") ?? PyNone.Instance) ?? "").ToLowerInvariant();
                if (v is "y" or "yes" or "t" or "true" or "on" or "1") return Py.True;
                if (v is "n" or "no" or "f" or "false" or "off" or "0") return Py.False;
                throw new PyRaise("ValueError", "Invalid truth value: " + v);
            }
        }
        return new PyUnknown($"{name}() is not modelled");
    }

    private static ImmutableDictionary<string, PyValue> Options(CallArgs args, string[] positionalNames)
    {
        var b = ImmutableDictionary.CreateBuilder<string, PyValue>(StringComparer.Ordinal);
        for (var i = 0; i < args.Positional.Count && i < positionalNames.Length; i++) b[positionalNames[i]] = args.Positional[i];
        foreach (var (k, v) in args.Keywords) b[k] = v;
        return b.ToImmutable();
    }

    /// <summary>dj-database-url (modelled on 0.5, the version Debian ships).</summary>
    private PyValue DjDatabaseUrl(string name, CallArgs args, Node at)
    {
        PyValue? engineV, maxAge, ssl;
        string? url;
        if (name == "dj_database_url.config")
        {
            var envName = args.Get(0, "env") ?? new PyStr("DATABASE_URL");
            if (envName is not PyStr en) return new PyUnknown("dj_database_url.config() with an unknown variable name");
            _reads.Add(en.Value);
            var raw = _run.GetEnv(en.Value);
            var value = raw is not null ? new PyStr(raw) : args.Get(1, "default") ?? PyNone.Instance;
            if (value is PyUnknown) return value;
            if (value.Truthy != true) return Py.Dict([]);
            if (value is not PyStr vs) return new PyUnknown("dj_database_url.config() default is not a string");
            url = vs.Value;
            engineV = args.Get(2, "engine");
            maxAge = args.Get(3, "conn_max_age");
            ssl = args.Get(4, "ssl_require");
        }
        else if (name == "dj_database_url.parse")
        {
            if (args.Get(0, "url") is not PyStr us) return new PyUnknown("dj_database_url.parse() of an unknown value");
            url = us.Value;
            engineV = args.Get(1, "engine");
            maxAge = args.Get(2, "conn_max_age");
            ssl = args.Get(3, "ssl_require");
        }
        else return new PyUnknown($"{name}() is not modelled");
        if (engineV is PyUnknown || maxAge is PyUnknown || ssl is PyUnknown) return new PyUnknown("dj_database_url with unknown options");
        return DatabaseUrl.DjDatabaseUrl(url, (engineV as PyStr)?.Value, maxAge ?? new PyInt(0), ssl?.Truthy == true, Where(at));
    }

    /// <summary>pydantic-settings: each annotated field reads ENV_PREFIX + NAME (case-insensitive) and is validated by its annotation.</summary>
    private PyValue Pydantic(PyClass cls, CallArgs args, ImmutableDictionary<string, PyValue>.Builder attrs)
    {
        var config = cls.Attributes.LastOrDefault(a => a.Key == "model_config").Value as PyDict;
        var prefix = (config?.Get("env_prefix") ?? cls.Attributes.LastOrDefault(a => a.Key == "Config.env_prefix").Value) is PyStr p ? p.Value : "";
        var caseSensitive = (config?.Get("case_sensitive") ?? cls.Attributes.LastOrDefault(a => a.Key == "Config.case_sensitive").Value)?.Truthy == true;
        foreach (var (field, annotation) in cls.Annotations)
        {
            if (field == "model_config") continue;
            var given = args.Keywords.FirstOrDefault(k => k.Key == field).Value;
            if (given is not null) { attrs[field] = given; continue; }
            var envName = prefix + field;
            string? raw = null;
            var readName = caseSensitive ? envName : envName.ToUpperInvariant();
            if (caseSensitive) raw = _run.GetEnv(envName);
            else
            {
                raw = _run.GetEnv(readName) ?? _run.GetEnv(envName);
                foreach (var k in _run.Profile.Variables.Keys.Order(StringComparer.Ordinal))
                    if (raw is null && string.Equals(k, envName, StringComparison.OrdinalIgnoreCase)) { raw = _run.GetEnv(k); readName = k; }
            }
            _reads.Add(readName);
            if (raw is not null)
            {
                attrs[field] = PydanticValidate(raw, annotation ?? "");
                continue;
            }
            if (!attrs.ContainsKey(field))
                throw new PyRaise("ValidationError", $"{cls.Name}.{field} is required and {envName.ToUpperInvariant()} is not set");
        }
        return new PyInstance(cls.Name, attrs.ToImmutable());
    }

    private static PyValue PydanticValidate(string raw, string annotation)
    {
        var a = annotation.Replace(" ", "");
        if (a.StartsWith("Optional[", StringComparison.Ordinal) && a.EndsWith(']')) a = a[9..^1];
        if (a.EndsWith("|None", StringComparison.Ordinal)) a = a[..^5];
        switch (a)
        {
            case "str" or "SecretStr": return new PyStr(raw);
            case "bool":
            {
                var l = raw.Trim().ToLowerInvariant();
                if (l is "1" or "on" or "t" or "true" or "y" or "yes") return Py.True;
                if (l is "0" or "off" or "f" or "false" or "n" or "no") return Py.False;
                throw new PyRaise("ValidationError", $"'{raw}' is not a valid boolean");
            }
            case "int":
                return ToInt(new PyStr(raw));
            case "float":
                return ToFloat(new PyStr(raw));
        }
        if (a.StartsWith("list", StringComparison.OrdinalIgnoreCase) || a.StartsWith("set", StringComparison.OrdinalIgnoreCase)
            || a.StartsWith("dict", StringComparison.OrdinalIgnoreCase) || a.StartsWith("tuple", StringComparison.OrdinalIgnoreCase))
        {
            var v = Json.Loads(raw);
            return a.StartsWith("list", StringComparison.OrdinalIgnoreCase) && v is PyList || a.StartsWith("dict", StringComparison.OrdinalIgnoreCase) && v is PyDict
                ? v : new PyUnknown($"pydantic validation of {annotation} is not modelled");
        }
        return new PyUnknown($"pydantic field of type {annotation} is not modelled");
    }
}
