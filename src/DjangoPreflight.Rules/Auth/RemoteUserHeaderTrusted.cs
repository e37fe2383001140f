using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP512: a RemoteUserMiddleware logs users in from a header that the front server is not
/// seen to set or strip.</summary>
public sealed class RemoteUserHeaderTrusted : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP512",
        Title: "RemoteUserMiddleware trusts a header the front server may not set or strip",
        Category: Category.Auth,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["002"],
        Docs: new RuleDocs(
            Why: """
                RemoteUserMiddleware logs in whoever the configured header names, without a password. A
                subclass reading an HTTP header (header = "HTTP_X_REMOTE_USER") is only safe if the front
                server always overwrites or removes that header: otherwise any client sends
                `X-Remote-User: admin` and is the admin. Even the stock REMOTE_USER needs a front server
                that authenticates and sets it. The middleware logs in only through a backend accepting a
                remote user (RemoteUserBackend or a subclass): without one in AUTHENTICATION_BACKENDS the
                rule is silent.
                """,
            Fix: """
                Make the proxy authenticate and set the header in every location that reaches Django
                (`proxy_set_header X-Remote-User $remote_user;` after auth_basic/auth_request), or clear it
                (`proxy_set_header X-Remote-User "";`) where it does not authenticate.
                """,
            Before: """
                class ProxyUserMiddleware(RemoteUserMiddleware):
                    header = "HTTP_X_REMOTE_USER"
                # nginx: location / { proxy_pass http://app:8000; }
                """,
            After: """
                # nginx: location / { auth_request /auth; auth_request_set $user $upstream_http_x_user;
                #                     proxy_set_header X-Remote-User $user; proxy_pass http://app:8000; }
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) => Check(project, project.Settings.Production);

    /// <summary>The check against the given settings: the evaluated production module, or a test's own.</summary>
    public IEnumerable<Finding> Check(ProjectContext project, SettingsModel? settings)
    {
        if (settings is null || SettingsLookups.Entries(settings, "MIDDLEWARE") is not { } middleware) yield break;
        // The middleware only hands the header to authenticate(remote_user=...): without a backend that
        // accepts it (RemoteUserBackend or a subclass), nobody is ever logged in from it.
        if (!RemoteUserBackendMayBeConfigured(project, settings)) yield break;
        var location = settings.LocationOf("MIDDLEWARE");
        foreach (var entry in middleware)
        {
            var stock = entry is "django.contrib.auth.middleware.RemoteUserMiddleware" or "django.contrib.auth.middleware.PersistentRemoteUserMiddleware";
            var meta = stock ? "REMOTE_USER" : CustomHeader(project, entry);
            if (meta is null) continue;
            var upstreams = project.Deployment.DjangoUpstreams.ToList();
            if (!meta.StartsWith("HTTP_", StringComparison.Ordinal))
            {
                // REMOTE_USER is a server variable, not a header: clients cannot forge it, but a
                // front server has to authenticate and set it, and we see none that does.
                if (!upstreams.Any(u => SetsServerVariable(u.Scope, meta)))
                    yield return Finding(
                        $"{Short(entry)} logs users in from {meta}, and no front-server configuration in the repository authenticates and sets it; check the server in front does.",
                        location, Confidence.Low, "MIDDLEWARE");
                continue;
            }
            var header = SettingsLookups.HeaderFromMeta(meta);
            var edges = project.Deployment.EdgeAppProxies.ToList();
            var open = upstreams.Where(u => NginxConfig.HeaderOverwrite(u.Scope, u.Pass, header) is null).Select(u => (Noun: "nginx location", At: u.Pass.Location))
                .Concat(edges.Where(p => p.ClientValue(header) is not null).Select(p => (p.Noun, At: p.Location))).ToList();
            if (upstreams.Count == 0 && edges.Count == 0)
                yield return Finding(
                    $"{Short(entry)} logs users in from the {header} request header; no proxy configuration in the repository shows that the front server overwrites or strips it, so any client may send it.",
                    location, Confidence.Medium, "MIDDLEWARE");
            else if (open.Count > 0)
                yield return Finding(
                    $"{Short(entry)} logs users in from the {header} request header, but the {open[0].Noun} at {open[0].At} passes the client's own value: anyone can log in as anyone.",
                    location, Confidence.High, "MIDDLEWARE");
        }
    }

    private static readonly string[] RemoteUserBackends =
        ["django.contrib.auth.backends.RemoteUserBackend", "django.contrib.auth.backends.AllowAllUsersRemoteUserBackend"];

    /// <summary>Django's backends that do not accept a remote user.</summary>
    private static readonly HashSet<string> OtherDjangoBackends = new(StringComparer.Ordinal)
    {
        "django.contrib.auth.backends.ModelBackend", "django.contrib.auth.backends.AllowAllUsersModelBackend",
        "django.contrib.auth.backends.BaseBackend",
    };

    /// <summary>False only when AUTHENTICATION_BACKENDS is known (Django's default when unset) and every
    /// backend is seen not to be a RemoteUserBackend: Django's other backends, or project classes whose
    /// whole ancestry is read and holds none. A package's backend may accept a remote user.</summary>
    private static bool RemoteUserBackendMayBeConfigured(ProjectContext project, SettingsModel settings)
    {
        var setting = settings["AUTHENTICATION_BACKENDS"];
        IReadOnlyList<string>? backends = setting is null || setting.IsDefault ? ["django.contrib.auth.backends.ModelBackend"] : setting.Value.AsStrings;
        if (backends is null) return true;
        foreach (var backend in backends)
        {
            if (RemoteUserBackends.Contains(backend)) return true;
            if (OtherDjangoBackends.Contains(backend)) continue;
            var (own, outside) = project.Code.Classes.Ancestors(backend);
            // Not a project class, or one deriving from anything but Django's other backends: cannot tell.
            if (own.Count == 0 || !outside.All(a => a == "object" || OtherDjangoBackends.Contains(a))) return true;
        }
        return false;
    }

    private static string Short(string entry) => entry[(entry.LastIndexOf('.') + 1)..];

    private static bool SetsServerVariable(NginxScope scope, string name) =>
        new[] { "uwsgi_param", "fastcgi_param", "scgi_param" }.Any(d => scope.EffectiveArray(d).Any(p => p.Arg(0) == name));

    /// <summary>For a project middleware class deriving from a RemoteUserMiddleware (followed through the
    /// project's modules, aliases and re-exports), the META key its <c>header</c> attribute names, set by
    /// the class or the nearest project class it derives from (the stock REMOTE_USER when none sets
    /// it); null for any other class. Where the lineage leaves the project it is not followed: a
    /// package's class counts when its name says it is a RemoteUserMiddleware.</summary>
    private static string? CustomHeader(ProjectContext project, string entry)
    {
        var classes = project.Code.Classes;
        var (_, outside) = classes.Ancestors(entry);
        if (!outside.Any(a => a[(a.LastIndexOf('.') + 1)..].EndsWith("RemoteUserMiddleware", StringComparison.Ordinal))) return null;
        foreach (var definition in classes.Definitions(entry))
            foreach (var statement in definition.Body)
                if (statement is Assign { Targets: [Name { Id: "header" }], Value: Constant { Value: string header } } && header.Length > 0)
                    return header;
        return "REMOTE_USER";
    }
}
