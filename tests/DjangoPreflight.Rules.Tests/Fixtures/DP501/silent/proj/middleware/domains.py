from django.middleware.csrf import CsrfViewMiddleware as BaseCsrfMiddleware


class CsrfViewMiddleware(BaseCsrfMiddleware):
    """Trusts the origins of the shop's custom domains as well."""

    def _origin_verified(self, request):
        return super()._origin_verified(request) or request.headers.get("Origin", "").endswith(".shop.example.com")
