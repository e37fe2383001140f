namespace DjangoPreflight.Probe.Observing;

/// <summary>Why the site looks like Django (or does not): each entry names the sign and where it was seen.</summary>
public static class DjangoEvidence
{
    public static IReadOnlyList<string> Of(ProbeObservations o)
    {
        var evidence = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in o.Cookies)
            if (c.Name is "csrftoken" or "sessionid")
                evidence.Add($"{c.Name} cookie (set by {c.SeenAt})");
        foreach (var r in o.AllResponses)
        {
            var at = r.Url.AbsolutePath;
            if (DjangoMarkers.IsDebugPage(r.Body)) evidence.Add($"Django debug page ({at})");
            if (DjangoMarkers.IsDefault404(r.Body)) evidence.Add($"Django's default 404 page ({at})");
            if (DjangoMarkers.IsAdminLogin(r.Body)) evidence.Add($"Django admin login form ({at})");
            if (DjangoMarkers.IsBrowsableApi(r.Body)) evidence.Add($"Django REST framework browsable API ({at})");
            if (r.Header("server") is { } server && server.StartsWith("WSGIServer/", StringComparison.Ordinal))
                evidence.Add($"Server: {server} (Django's runserver)");
        }
        return evidence.ToList();
    }
}
