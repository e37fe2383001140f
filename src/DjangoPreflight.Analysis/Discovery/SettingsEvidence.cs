using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Discovery;

/// <summary>The kinds of evidence of which settings module production runs, strongest first.</summary>
public enum EvidenceKind
{
    /// <summary>--settings or DJANGO_SETTINGS_MODULE given to the process that serves the app by a production deployment file.</summary>
    ServingProcess,

    /// <summary><c>os.environ["DJANGO_SETTINGS_MODULE"] = ...</c> in the application's code, which overrides any environment.</summary>
    ForcedByCode,

    /// <summary>The default in the wsgi/asgi module (or Python script) a production launch loads.</summary>
    ServedEntryPoint,

    /// <summary>The default in a wsgi.py/asgi.py no launch names.</summary>
    EntryPointDefault,

    /// <summary>A module named production, prod, live or deploy.</summary>
    ProductionName,

    /// <summary>manage.py's default, or another module's.</summary>
    OtherDefault,

    /// <summary>The only settings module, or the first by name.</summary>
    OnlyModule,
}

/// <summary>One piece of evidence that production runs <paramref name="Module"/>: its kind, how
/// strong it is (kinds set the order; within one, a production file beats a file of unknown
/// role and a serving chain beats a lone file; a development module named by a setdefault sinks
/// below a production-named module), and what it is, in words and file:line.</summary>
public sealed record SettingsEvidence(string Module, EvidenceKind Kind, int Strength, string Description, SourceLocation? Location)
{
    /// <summary>"the default in shop/wsgi.py, which gunicorn loads (Dockerfile:9) (shop/wsgi.py:11)".</summary>
    public string Text => Location is null ? Description : $"{Description} ({Location})";

    /// <summary>The kind as reports write it.</summary>
    public string KindName => Kind switch
    {
        EvidenceKind.ServingProcess => "serving process",
        EvidenceKind.ForcedByCode => "forced by code",
        EvidenceKind.ServedEntryPoint => "served entry point",
        EvidenceKind.EntryPointDefault => "wsgi/asgi default",
        EvidenceKind.ProductionName => "production name",
        EvidenceKind.OtherDefault => "other default",
        _ => "only module",
    };
}
