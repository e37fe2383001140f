from django.conf import settings


class SecurityHeadersMiddleware:
    """
    Sends the Content-Security-Policy described by settings.SECURE_CSP (the setting name and
    shape of Django 6's built-in CSP: directive -> list of sources), and the
    Cross-Origin-Opener-Policy header on Django versions whose SecurityMiddleware predates it (< 4.0).
    Replace with django.middleware.csp.ContentSecurityPolicyMiddleware once on Django 6.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "SECURE_CSP", {})
        self.csp = "; ".join(
            " ".join([directive, *sources]) for directive, sources in policy.items()
        )
        self.coop = getattr(settings, "SECURE_CROSS_ORIGIN_OPENER_POLICY", None)

    def __call__(self, request):
        response = self.get_response(request)
        if self.csp:
            response.setdefault("Content-Security-Policy", self.csp)
        if self.coop:
            response.setdefault("Cross-Origin-Opener-Policy", self.coop)
        return response
