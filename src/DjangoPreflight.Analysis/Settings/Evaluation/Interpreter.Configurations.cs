using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>A django-configurations <c>values.*Value(...)</c> in a class body: read from the environment
/// when the class is set up, under a name that depends on the attribute it is assigned to.</summary>
/// <param name="Kind">The class name, e.g. BooleanValue.</param>
/// <param name="EnvironName">environ_name, when given; else the attribute's name, upper-cased.</param>
/// <param name="Prefix">environ_prefix (DJANGO by default, none for the URL values), without a trailing '_'.</param>
/// <param name="Alias">The DATABASES key a DatabaseURLValue fills.</param>
internal sealed record PyConfigurationValue(string Kind, PyValue Default, bool Environ, string? EnvironName, string? Prefix, bool Required,
    string Separator, string Alias) : PyOpaque
{
    public override string Describe => $"values.{Kind}";
}

/// <summary>
/// django-configurations: the settings module defines classes deriving from
/// <c>configurations.Configuration</c>, and the one DJANGO_CONFIGURATION names is set up when Django
/// loads the settings: each upper-case attribute (inherited ones too) becomes a setting of the module,
/// a <c>values.*Value</c> read from its environment variable (DJANGO_&lt;NAME&gt; unless told otherwise)
/// or else its default. Which class runs comes from the environment, else from the default the
/// serving entry point sets; when neither says, every setting is unknown, naming the classes.
/// </summary>
/// <summary>The DJANGO_CONFIGURATION the serving entry point (wsgi.py/asgi.py) sets.</summary>
/// <param name="Where">file:line.</param>
/// <param name="Forces">Set with <c>os.environ[...] =</c>, which the environment cannot override.</param>
internal sealed record EntryPointConfiguration(string Name, string Where, bool Forces);

internal sealed partial class Interpreter
{
    private const string ConfigurationVariable = "DJANGO_CONFIGURATION";

    private static readonly string[] ConfigurationTrue = ["yes", "y", "true", "1"];
    private static readonly string[] ConfigurationFalse = ["no", "n", "false", "0", ""];

    private static PyValue ConfigurationValue(string kind, CallArgs args)
    {
        var urlValue = kind is "DatabaseURLValue" or "CacheURLValue" or "EmailURLValue" or "SearchURLValue";
        var environName = args.Get(-1, "environ_name") is PyStr n ? n.Value
            : kind switch
            {
                "DatabaseURLValue" => "DATABASE_URL",
                "CacheURLValue" => "CACHE_URL",
                "EmailURLValue" => "EMAIL_URL",
                "SearchURLValue" => "SEARCH_URL",
                _ => null,
            };
        var prefix = args.Get(-1, "environ_prefix") switch
        {
            PyStr p => p.Value.TrimEnd('_'),
            PyNone => null,
            null => urlValue ? null : "DJANGO",
            _ => null,
        };
        var secret = kind == "SecretValue";
        return new PyConfigurationValue(kind, args.Get(0, "default") ?? PyNone.Instance,
            secret || args.Get(-1, "environ")?.Truthy != false, environName, prefix,
            secret || args.Get(-1, "environ_required")?.Truthy == true,
            args.Get(-1, "separator") is PyStr sep ? sep.Value : ",",
            args.Get(-1, "alias") is PyStr alias ? alias.Value : "default");
    }

    /// <summary>
    /// When the evaluated settings module holds django-configurations classes, binds the chosen
    /// class's settings into it, as the importer does after loading the module.
    /// </summary>
    /// <param name="entryPoint">The DJANGO_CONFIGURATION the serving entry point sets by default, and where;
    /// asked only when the module holds such classes.</param>
    internal void SetUpConfiguration(Func<EntryPointConfiguration?> entryPoint)
    {
        var classes = _globals.Names.Where(kv => kv.Value.Value is PyClass { IsConfiguration: true }).Select(kv => kv.Key).ToList();
        if (classes.Count == 0) return;
        var entryDefault = entryPoint();
        _reads = new HashSet<string>(StringComparer.Ordinal) { ConfigurationVariable };
        var chosen = entryDefault is { Forces: true } ? null : _run.GetEnv(ConfigurationVariable);
        var how = $"{ConfigurationVariable}={chosen}";
        if (chosen is null && entryDefault is { } d)
        {
            chosen = d.Name;
            how = d.Forces ? $"the {ConfigurationVariable} {d.Where} sets" : $"the {ConfigurationVariable} default in {d.Where}";
        }
        var where = $"{File}:1";
        if (chosen is null)
        {
            HavocScope(_globals, $"may be set by the django-configurations class that {ConfigurationVariable} names, which neither the environment nor an entry point gives (classes: {string.Join(", ", classes)})", where);
            return;
        }
        if (!_globals.Names.TryGetValue(chosen, out var found) || found.Value is not PyClass { IsConfiguration: true } cls)
        {
            _run.Raises.Add($"{where}: ImproperlyConfigured: Couldn't find configuration '{chosen}' in module '{_globals.Module}' ({how})");
            return;
        }
        _run.Notices.Add($"{where}: django-configurations: the settings are those of class {chosen} ({how})");
        if (ClassAttribute(cls, "setup") is PyFunction || ClassAttribute(cls, "pre_setup") is PyFunction)
        {
            HavocScope(_globals, $"may be set by {chosen}.setup()/pre_setup(), which the project defines and which is not evaluated", where);
            return;
        }
        var attributes = new Dictionary<string, PyValue>(StringComparer.Ordinal);
        foreach (var (name, value) in cls.Attributes)
            if (SettingsEvaluator.IsUpper(name) && value is not PyFunction) attributes[name] = value;
        foreach (var (name, value) in attributes)
        {
            var source = cls.Sources.TryGetValue(name, out var s) ? s : null;
            _reads = new HashSet<string>(StringComparer.Ordinal) { ConfigurationVariable };
            if (source is not null) _reads.UnionWith(source.Deps);
            PyValue resolved;
            try
            {
                resolved = value is PyConfigurationValue cv ? SetUpValue(name, cv, source?.Location is { } loc ? $"{loc.Path}:{loc.Line}" : where) : value;
            }
            catch (PyRaise e)
            {
                _run.Raises.Add($"{e.Where}: {e.Type}: {e.Message}");
                if (e.Deliberate) _run.Refusals.Add(new Refusal(e.Where ?? where, e.Type, e.Variable is { } v ? [v] : []));
                resolved = new PyUnknown($"raises {e.Type}: {e.Message}");
            }
            _globals.Names.Remove(name);
            _globals.Names[name] = new Binding(resolved, source?.Location, _reads.ToImmutableSortedSet(StringComparer.Ordinal));
        }
    }

    /// <summary>Value.setup(name): the environment variable's value, converted by the value's kind, else the default.</summary>
    private PyValue SetUpValue(string attribute, PyConfigurationValue v, string where)
    {
        var isUrl = v.Kind is "DatabaseURLValue" or "CacheURLValue" or "EmailURLValue" or "SearchURLValue";
        if (!v.Environ) return isUrl ? ConfigurationUrl(v, v.Default, where) : v.Default;
        var name = v.EnvironName ?? attribute.ToUpperInvariant();
        var full = v.Prefix is { Length: > 0 } p ? $"{p}_{name}" : name;
        _reads.Add(full);
        var raw = _run.GetEnv(full);
        if (raw is null)
        {
            if (v.Required)
                throw new PyRaise("ValueError", $"Value '{attribute}' is required to be set as the environment variable '{full}'", where) { Deliberate = true, Variable = full };
            return isUrl ? ConfigurationUrl(v, v.Default, where) : v.Default;
        }
        if (isUrl) return ConfigurationUrl(v, new PyStr(raw), where);
        return v.Kind switch
        {
            "BooleanValue" => ConfigurationTrue.Contains(raw.Trim().ToLowerInvariant()) ? Py.True
                : ConfigurationFalse.Contains(raw.Trim().ToLowerInvariant()) ? Py.False
                : throw new PyRaise("ValueError", $"Cannot interpret boolean value '{raw}' ({full})", where),
            "IntegerValue" or "PositiveIntegerValue" => BigInteger.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                && (i >= 0 || v.Kind == "IntegerValue")
                ? new PyInt(i)
                : throw new PyRaise("ValueError", $"Cannot interpret value '{raw}' ({full})", where),
            "FloatValue" => double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var f)
                ? new PyFloat(f)
                : throw new PyRaise("ValueError", $"Cannot interpret value '{raw}' ({full})", where),
            "ListValue" or "TupleValue" or "SetValue" or "BackendsValue" => Sequence(v.Kind, raw, v.Separator),
            "Value" or "SecretValue" or "EmailValue" or "URLValue" or "IPValue" or "RegexValue" => new PyStr(raw),
            _ => new PyUnknown($"values.{v.Kind} of {full} is not modelled"),
        };
    }

    private static PyValue Sequence(string kind, string raw, string separator)
    {
        var items = raw.Trim().Split(separator).Select(s => s.Trim()).Where(s => s.Length > 0).Select(s => (PyValue)new PyStr(s)).ToImmutableArray();
        return kind switch
        {
            "TupleValue" => new PyTuple(items),
            "SetValue" => new PySet([.. items.Distinct()]),
            _ => new PyList(items),
        };
    }

    /// <summary>DatabaseURLValue: {alias: dj_database_url.parse(url)}; the other URL values are not modelled.</summary>
    private PyValue ConfigurationUrl(PyConfigurationValue v, PyValue url, string where)
    {
        if (v.Kind != "DatabaseURLValue") return url is PyNone ? Py.Dict([]) : new PyUnknown($"values.{v.Kind} is not modelled");
        if (url is PyNone) return Py.Dict([]);
        if (url is not PyStr s) return new PyUnknown("values.DatabaseURLValue of a value that is not known");
        var parsed = DatabaseUrl.DjDatabaseUrl(s.Value, null, new PyInt(0), false, where);
        return Py.Dict([new(new PyStr(v.Alias), parsed)]);
    }
}
