using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>An environment variable a deployment file sets for the application: compose
/// environment, env files, Dockerfile ENV, Procfile/systemd/supervisor assignments.</summary>
public sealed record EnvAssignment(string Name, string Value, SourceLocation Location, FileRole Role, string Origin)
{
    /// <summary>True for the values Django projects read as a true boolean (django-environ,
    /// python-decouple and the usual `== "1"`/`in ("true", ...)` idioms all accept these).</summary>
    public bool IsTruthy => Value.Trim().Trim('"', '\'').ToLowerInvariant() is "1" or "true" or "yes" or "on" or "t" or "y";
}
