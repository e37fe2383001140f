namespace DjangoPreflight.Probe.Observing;

/// <summary>Why the site looks like Django (or does not): each sign once, with the first request
/// that showed it and how many others did.</summary>
public static class DjangoEvidence
{
    public static IReadOnlyList<string> Of(ProbeObservations o)
    {
        var signs = new List<(string Sign, string Where)>();
        foreach (var (label, exchange) in o.Exchanges)
            foreach (var r in exchange.Hops.Concat(exchange.Response is null ? [] : [exchange.Response]))
            {
                foreach (var cookie in r.All("set-cookie").Select(h => SetCookie.Parse(h, label)))
                    if (cookie?.Name is "csrftoken" or "sessionid")
                        signs.Add(($"{cookie.Name} cookie", label));
                if (DjangoMarkers.IsDebugPage(r.Body)) signs.Add(("Django debug page", label));
                if (DjangoMarkers.IsDefault404(r.Body)) signs.Add(("Django's default 404 page", label));
                if (DjangoMarkers.IsAdminLogin(r.Body)) signs.Add(("Django admin login form", label));
                if (DjangoMarkers.IsBrowsableApi(r.Body)) signs.Add(("Django REST framework browsable API", label));
                if (r.Header("server") is { } server && server.StartsWith("WSGIServer/", StringComparison.Ordinal))
                    signs.Add(("runserver's Server header", label));
            }
        return signs.GroupBy(s => s.Sign)
            .Select(g =>
            {
                var places = g.Select(s => s.Where).Distinct().ToList();
                return $"{g.Key} ({places[0]}{(places.Count > 1 ? $" and {places.Count - 1} more" : "")})";
            })
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
