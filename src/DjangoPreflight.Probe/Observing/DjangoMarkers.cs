namespace DjangoPreflight.Probe.Observing;

/// <summary>Text that Django (3.2 to 5.x) and DRF put in the pages they render by default.</summary>
public static class DjangoMarkers
{
    /// <summary>Both technical_404.html and technical_500.html say this (with DEBUG on).</summary>
    public static bool IsDebugPage(string body) =>
        body.Contains("you have <code>DEBUG = True</code>", StringComparison.Ordinal);

    /// <summary>The DisallowedHost error as the DEBUG=True 400 page shows it.</summary>
    public static bool IsDisallowedHostDebugPage(string body) =>
        IsDebugPage(body) && body.Contains("DisallowedHost", StringComparison.Ordinal);

    /// <summary>django.views.defaults.page_not_found without a 404.html template.</summary>
    public static bool IsDefault404(string body) =>
        body.Contains("<h1>Not Found</h1><p>The requested resource was not found on this server.</p>", StringComparison.Ordinal);

    /// <summary>The admin's login form (admin/login.html).</summary>
    public static bool IsAdminLogin(string body) =>
        body.Contains("id=\"login-form\"", StringComparison.Ordinal) && body.Contains("csrfmiddlewaretoken", StringComparison.Ordinal);

    /// <summary>DRF's browsable API (rest_framework/base.html).</summary>
    public static bool IsBrowsableApi(string body) =>
        body.Contains("rest_framework/css/", StringComparison.Ordinal) || body.Contains(">Django REST framework<", StringComparison.Ordinal);

    /// <summary>django-debug-toolbar injects its panel into HTML pages.</summary>
    public static bool HasDebugToolbar(string body) =>
        body.Contains("id=\"djDebug\"", StringComparison.Ordinal);

    /// <summary>The technical 404 page lists the URL patterns; the toolbar's are under __debug__/.</summary>
    public static bool ListsDebugToolbarUrls(string body) =>
        IsDebugPage(body) && body.Contains("__debug__/", StringComparison.Ordinal);
}
